import type { Path } from './problem';
import { isCommandReference, shellWords } from './secret-arguments';
import { isSecretKey } from './secrets-keys';

/**
 * Attack round 40a-4c: commands that store a secret, whose value is one by what the command does, whatever its key is
 * called. One row per command: its client, the subcommand words that follow it in order (options may stand between),
 * and where the value stands:
 * - `kubectl create secret … --from-literal=<key>=<value>` (also `oc`): every literal is the Secret's data
 *   (kubernetes.io/docs/reference/kubectl/generated/kubectl_create/kubectl_create_secret_generic);
 * - `vault kv put|patch <path> <key>=<value>…`: every pair is the secret's data (developer.hashicorp.com/vault/docs/
 *   commands/kv/put; `@file` and `-` read a file or standard input);
 * - `aws ssm put-parameter --type SecureString --value <value>` (docs.aws.amazon.com cli reference ssm/put-parameter), and
 *   `aws secretsmanager create-secret|put-secret-value|update-secret --secret-string <value>` (cli reference secretsmanager);
 * - `gh secret set <name> --body|-b <value>` (cli.github.com/manual/gh_secret_set);
 * - `az keyvault secret set --value <value>` (learn.microsoft.com cli/azure/keyvault/secret#az-keyvault-secret-set).
 * Round 71a-15, values by place: `qpdf --encrypt <user-pw> <owner-pw> <bits>` (qpdf.readthedocs.io cli: "--encrypt
 * user-password owner-password key-length"); `glab variable set <key> <value>` (gitlab-org/cli docs glab_variable_set)
 * and `netlify env:set <key> <value>` (cli.netlify.com commands/env), where the key names a secret.
 * A reference (`$PW`, `${PW}`, `"$(cat f)"`), standard input (`-`), a file (`@f`, `file://f`, `fileb://f`) or a placeholder
 * (`...`, `<password>`) is none.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const STORED_SECRET =
  'a value a secret-store command stores (kubectl create secret --from-literal, vault kv put, aws ssm SecureString, ' +
  'aws secretsmanager --secret-string, gh secret set, az keyvault secret set)';

interface Store {
  client: RegExp;
  path: readonly RegExp[];
  /** The options whose value (the next word, or after `=`) is stored; `short`: a one-letter one's, glued too (`-bVALUE`). */
  options?: readonly string[];
  short?: string;
  /** The value is `key=value` (kubectl's literal): the part after the key. */
  keyed?: boolean;
  /** `key=value` words after the path are values (vault kv). */
  pairs?: boolean;
  /** Only with `--type SecureString` (ssm's String and StringList are plain parameters). */
  secureString?: boolean;
  /**
   * Operands after the path that are values, by place; `valued`: options whose value is the next word; `named`: the
   * first operand must name a secret; `then`: the operand after the last value must be this (qpdf's key length).
   */
  operands?: { at: readonly number[]; valued?: RegExp; named?: boolean; then?: RegExp };
}

const STORES: readonly Store[] = [
  { client: /^(?:kubectl|oc)$/, path: [/^create$/, /^secret$/], options: ['--from-literal'], keyed: true },
  { client: /^vault$/, path: [/^kv$/, /^(?:put|patch)$/], pairs: true },
  { client: /^aws$/, path: [/^ssm$/, /^put-parameter$/], options: ['--value'], secureString: true },
  { client: /^aws$/, path: [/^secretsmanager$/, /^(?:create-secret|put-secret-value|update-secret)$/], options: ['--secret-string'] },
  { client: /^gh$/, path: [/^secret$/, /^set$/], options: ['--body', '-b'], short: 'b' },
  { client: /^az$/, path: [/^keyvault$/, /^secret$/, /^set$/], options: ['--value'] },
  { client: /^qpdf$/, path: [/^--encrypt$/], operands: { at: [0, 1], then: /^(?:40|128|256)$/ } },
  {
    client: /^glab$/,
    path: [/^variable$/, /^set$/],
    options: ['--value', '-v'],
    short: 'v',
    operands: { at: [1], valued: /^(?:-[gsdt]|--(?:group|scope|description|type|repo)|-R)$/, named: true },
  },
  { client: /^netlify$/, path: [/^env:set$/], operands: { at: [1], valued: /^--(?:context|scope|filter)$/, named: true } },
];

const CLUE = /(?<![\w.-])(?:kubectl|oc|vault|aws|gh|az|qpdf|glab|netlify)(?:\.exe)?(?![\w.-])/;
/** A word of a STORES path, which a line must hold to be read. */
const PATH_CLUE = /secret|kv|ssm|--encrypt|variable|env:set/;
/** Words that end a command (shellWords with its operators). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;
const commandName = (word: string): string => word.replace(/^.*[/\\]/s, '').replace(/\.exe$/i, '');
/** How deep a word holding a command line is read again (`sh -c "vault kv put …"`). */
const MAX_NESTING = 3;

/** A value that stores nothing written here: a reference, standard input, a file. */
const isElsewhere = (value: string): boolean =>
  value === '' || value === '-' || /^(?:@|fileb?:\/\/)/.test(value) || PLACEHOLDER.test(value) || isCommandReference(value);
/** A placeholder a document writes for a value: `...`, `…`, `<password>`, `xxx`. */
const PLACEHOLDER = /^(?:\.{3,}|…|<[^<>]*>|x{3,}|X{3,})$/;

/** The value `word` (then `next`) gives one of `store`'s options, and whether it is the next word's; or undefined. */
function optionValue(store: Store, word: string, next: string | undefined): { value: string; next: boolean } | undefined {
  const eq = word.indexOf('=');
  if (!store.options && !store.pairs) return undefined;
  if (store.pairs) return eq > 0 && word[0] !== '-' ? { value: word.slice(eq + 1), next: false } : undefined;
  let value: string | undefined;
  const isNext = store.options!.includes(word);
  if (isNext) value = next;
  else if (eq > 0 && store.options!.includes(word.slice(0, eq))) value = word.slice(eq + 1);
  else if (store.short && word.length > 2 && word.startsWith(`-${store.short}`)) value = word.slice(2);
  if (value !== undefined && store.keyed) value = /^[^=]*=(.*)$/s.exec(value)?.[1];
  return value === undefined ? undefined : { value, next: isNext };
}

/** The indexes of `command`'s operands after `from` that are values by place (Store.operands), none where its name is no secret's. */
function placedValues(operands: NonNullable<Store['operands']>, command: readonly string[], from: number): number[] {
  const places: number[] = [];
  for (let k = from; k < command.length; k++) {
    if (command[k].startsWith('-') || (operands.valued?.test(command[k - 1]) ?? false) || /^\d?[<>]/.test(command[k])) continue;
    places.push(k);
  }
  if (operands.named && !(places.length > 0 && isSecretKey(command[places[0]], true))) return [];
  const next = places[Math.max(...operands.at) + 1];
  if (operands.then && !(next !== undefined && operands.then.test(command[next]))) return [];
  return operands.at.map((at) => places[at]).filter((k) => k !== undefined && !isElsewhere(command[k]));
}

/** Where the command's words after its path start (each step a later word), or undefined where it does not follow the path. */
function afterPath(store: Store, command: readonly string[]): number | undefined {
  let at = 0;
  for (const step of store.path) {
    while (at < command.length && !step.test(command[at])) at++;
    if (at++ >= command.length) return undefined;
  }
  const secure = command.some((word, k) => word === '--type=SecureString' || (word === '--type' && command[k + 1] === 'SecureString'));
  return store.secureString && !secure ? undefined : at;
}

/** A stored value, and the word that holds it (the word of a nested command line that holds it). */
interface Stored {
  value: string;
  index: number;
}

/** The values `words` store (one command line, or an exec-form command's items), read again inside a word that holds another. */
export function storedValues(words: readonly string[], depth = 0): Stored[] {
  const found: Stored[] = [];
  const nested = (index: number) =>
    depth < MAX_NESTING && /\s/.test(words[index]) && CLUE.test(words[index])
      ? storedValues(shellWords(words[index], true), depth + 1).map(({ value }) => ({ value, index }))
      : [];
  for (let i = 0; i < words.length; i++) {
    found.push(...nested(i));
    const name = commandName(words[i]);
    if (!STORES.some((store) => store.client.test(name))) continue;
    // The command's first such client reads its words to the command's end, once (`kubectl kubectl …` is one command).
    let end = i + 1;
    while (end < words.length && !SEPARATOR.test(words[end])) end++;
    const command = words.slice(i + 1, end);
    for (const store of STORES) {
      const from = store.client.test(name) ? afterPath(store, command) : undefined;
      for (let k = from ?? command.length; k < command.length; k++) {
        const option = optionValue(store, command[k], command[k + 1]);
        if (option && !isElsewhere(option.value)) found.push({ value: option.value, index: i + 1 + k + (option.next ? 1 : 0) });
      }
      if (from !== undefined && store.operands)
        found.push(...placedValues(store.operands, command, from).map((k) => ({ value: command[k], index: i + 1 + k })));
    }
    // Words holding a command line of their own are read nested too; the rest of this command is read.
    for (let k = i + 1; k < end; k++) found.push(...nested(k));
    i = end;
  }
  return found;
}

/** How a finding of storedSecretSpans is named: the command of the first line that stores one (41a-12), its words as STORES has them. */
export function storedSecretIn(text: string): string {
  const [first] = storedSecretSpans(text).sort((a, b) => a[0] - b[0]);
  const line = first ? text.slice(text.lastIndexOf('\n', first[0]) + 1, first[1]) : '';
  // A word that holds a command line of its own (`sh -c "vault kv put …"`) is read as its words.
  const words = shellWords(line, true)
    .flatMap((word) => (/\s/.test(word) ? shellWords(word, true) : [word]))
    .map(commandName);
  for (let i = 0; i < words.length; i++) {
    const store = STORES.find(({ client, path }) => client.test(words[i]) && path.every((step, k) => step.test(words[i + 1 + k] ?? '')));
    if (store) return `a value a secret-store command stores (${words.slice(i, i + 1 + store.path.length).join(' ')})`;
  }
  return STORED_SECRET;
}

/** Where a text's command lines store a secret (STORES): the value's span, or its line's where it is not written as read. */
export function storedSecretSpans(text: string): Array<[number, number]> {
  if (!CLUE.test(text)) return [];
  const spans: Array<[number, number]> = [];
  let at = 0;
  for (const line of text.split(/(?<!\\)\n/)) {
    if (CLUE.test(line) && PATH_CLUE.test(line)) {
      let from = 0;
      for (const { value } of storedValues(shellWords(line, true))) {
        const start = line.indexOf(value, from);
        if (start < 0) {
          spans.push([at, at + line.length]);
          break;
        }
        spans.push([at + start, at + start + value.length]);
        from = start + value.length;
      }
    }
    at += line.length + 1;
  }
  return spans;
}

/**
 * The values an exec-form command stores (Kubernetes' `command: [kubectl, create, secret, …]` with its `args`): one
 * finding per list item that holds one, as exec-commands.ts execCommandPasswords reads a client's options.
 */
export function execStoredSecrets(record: Record<string, unknown>, at: Path): Array<{ path: Path; value: string; what: string }> {
  const items = (['command', 'args'] as const).flatMap((key) =>
    Array.isArray(record[key]) ? (record[key] as unknown[]).map((item, i) => [key, i, item] as const) : [],
  );
  if (!items.some(([, , item]) => typeof item === 'string' && CLUE.test(item))) return [];
  const words = items.map(([, , item]) => (typeof item === 'string' ? item : ';'));
  return storedValues(words).map(({ index }) => ({
    path: [...at, items[index][0], items[index][1]],
    value: words[index],
    what: STORED_SECRET,
  }));
}
