import type { Path } from '../core/problem';

/** The types the YAML reading layer (yaml-input.ts and the files it delegates to) passes around. */

/** A problem of the input, located by line and column (1-based) and key path. */
export interface InputProblem {
  readonly line?: number;
  readonly column?: number;
  readonly path: Path;
  readonly message: string;
  /** Set when the data was read without a merge key's keys: findings at or below `path` may follow from them,
   * except under the keys `written` beside it (a merge is shallow: those are the user's own). */
  readonly leftOut?: { readonly written: readonly string[] };
  /** Set when the value (or key) at this path is left out of the data, which is still judged: a key as if absent,
   * a list item as `null` (see src/core/snapshot.ts `dropped`); a finding at or under it is not reported. */
  readonly dropped?: Path;
  /** Set on a key written twice in one mapping: the document is still read, the last value winning (duplicate-keys.ts). */
  readonly duplicateKey?: true;
  /** Set on a value whose aliases expand past the bound (yaml-content.ts): the data is read without it, so the aliases
   * in it are never expanded (81b-20). */
  readonly overExpanded?: true;
  /** Set on a tab-indented line's problem: the maps the line may have belonged to, where a finding about a key the data
   * lacks (or about the map itself) may only be that line's (tab-indent.ts, 82a-8). */
  readonly missingIn?: readonly Path[];
  /** Set on a bad escape in a double-quoted value (yaml-syntax.ts): the document is still read (the backslash kept) and judged. */
  readonly badEscape?: true;
}

/** Line and column (1-based) of an offset into the text. */
export type At = (offset: number) => Pick<InputProblem, 'line' | 'column'>;
/** Key path of the node at an offset into the text. */
export type PathAt = (offset: number) => Path;
/** Whether the value at a key path is a secret, which no message may quote. */
export type SecretAt = (path: Path) => boolean;
/** A node with its alias (`*name`) resolved to the node it refers to; any other node as it is. */
export type Resolve = (node: unknown) => unknown;
