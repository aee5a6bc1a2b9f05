/**
 * The rank of the readers of secrets in text (secret-shapes.ts FINDERS): a reader marked `saidLast` names a secret less
 * well than any other, a decoding's included (the catch-all of a name and a generated word, secret-word-lines.ts, which
 * every specific reader precedes by naming its secret first). It is asked last, and where a door chooses among findings
 * (secretShape's decodings, the write gate, a text's lines, a refusal's line) it is said only where no other says more:
 * one mark on the list, not a comparison with one reader's name in each door.
 */

/** A reader of secrets in text: the spans it finds, what it calls them, and (`named`) a name that says more, per text. */
export interface Finder {
  readonly find: (text: string) => Array<[number, number]>;
  readonly what: string;
  readonly named?: (text: string) => string;
  /** Said only where no other reading says more; never with `named` (its finding is known by `what`). */
  readonly saidLast?: true;
}

/** `finders` in the order they are asked (those said last after all others), and whether a finding says more than those. */
export function rankFinders(finders: readonly Finder[]): {
  asked: readonly Finder[];
  saysMore: (what: string | undefined) => what is string;
} {
  const last = new Set(finders.filter((finder) => finder.saidLast).map((finder) => finder.what));
  return {
    asked: [...finders.filter((finder) => !finder.saidLast), ...finders.filter((finder) => finder.saidLast)],
    saysMore: (what: string | undefined): what is string => what !== undefined && !last.has(what),
  };
}
