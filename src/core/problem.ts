/** Where a value lives in a config or in construct props: `['ingresses', 0, 'host']`. */
export type Path = ReadonlyArray<string | number>;

/** One finding about a config or props, located by its key path. */
export interface Problem {
  readonly path: Path;
  readonly message: string;
  /** The line, 1-based, of the multi-line text at `path` that the problem is about (secret-place.ts), where one is. */
  readonly textLine?: number;
  /** Where in the one-line text at `path` the problem stands (a secret inside a plain or quoted text over several file lines: 45a-20c). */
  readonly textIndex?: number;
  /**
   * The problem is about a name written in the value at `path` (a Traefik flag's option name), not about what it sets:
   * one other problem about that value (a secret in it) is still said beside it (50a-12).
   */
  readonly aboutName?: boolean;
  /**
   * The problem refuses a secret at `path`: it is said beside any other problem there, one line each (51a-13), and the
   * other problems there beside it (a value that is no IP address and holds a password gets both in one run).
   */
  readonly aboutSecret?: boolean;
  /**
   * The piece of the text at `path` the problem is about, where one text holds several (a router's key path in a file
   * provider's text, an address of a comma-separated list): problems about different pieces are each said (59b-7).
   */
  readonly textPart?: string;
  /** The key path inside the text at `path`, read as YAML, that the problem is about (a file provider's router: 69b-24). */
  readonly textPath?: Path;
  /**
   * The problem is a schema's generic verdict (a Traefik CRD's type, 72a-9): a rule's problem on the same path, which
   * explains the value and says the fix, stands instead, whichever ran first.
   */
  readonly schemaVerdict?: boolean;
  /**
   * The cert-manager ClusterIssuer the problem finds undefined, asked for `host` (at `hostPath`): a K3sVipCluster judges
   * it again when its app synthesizes, for a ClusterIssuer object of the app defines it too (72a-8).
   */
  readonly undefinedIssuer?: { readonly name: string; readonly host: string; readonly hostPath: Path };
}

/** A problem without the marks the pipeline sorts problems by (aboutName, aboutSecret): what it tells a user. */
export function unmarked<P extends Problem>({
  aboutName: _name,
  aboutSecret: _secret,
  textPart: _part,
  schemaVerdict: _schema,
  ...problem
}: P): Omit<P, 'aboutName' | 'aboutSecret' | 'textPart' | 'schemaVerdict'> {
  return problem;
}

/** Records one finding (`about`: whether it is about a name written in the value, Problem.aboutName). */
export type Report = (
  path: Path,
  message: string,
  about?: Pick<Problem, 'aboutName' | 'textPart' | 'textPath' | 'textIndex' | 'schemaVerdict' | 'undefinedIssuer'>,
) => void;

/** Every finding of one check: errors stop the run, warnings are printed. */
export interface RuleResult {
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

/** Whether a release is supported: too old is an error, too new a warning. */
export interface VersionSupport {
  readonly error?: string;
  readonly warning?: string;
}

/** Collects findings; `error` and `warn` are bound, so rules take them as plain functions. */
export class Findings implements RuleResult {
  public readonly errors: Problem[] = [];
  public readonly warnings: Problem[] = [];
  public readonly error: Report = (path, message, about) =>
    void this.errors.push({
      path,
      message,
      ...(about?.aboutName && { aboutName: true }),
      ...(about?.textPart !== undefined && { textPart: about.textPart }),
      ...(about?.textPath && { textPath: about.textPath }),
      ...(about?.textIndex !== undefined && { textIndex: about.textIndex }),
      ...(about?.schemaVerdict && { schemaVerdict: true }),
      ...(about?.undefinedIssuer && { undefinedIssuer: about.undefinedIssuer }),
    });
  public readonly warn: Report = (path, message, about) =>
    void this.warnings.push({
      path,
      message,
      ...(about?.textPart !== undefined && { textPart: about.textPart }),
      ...(about?.textPath && { textPath: about.textPath }),
    });
}

/**
 * A key a key path shows bare: a plain word, or a stand-in the tool wrote for one (`<redacted>`, `<redacted key 3>`,
 * `(a text of 254 characters)`).
 */
const BARE_KEY = /^(?:[\p{L}\p{N}_-]+|<redacted(?: key \d+)?>|\(a text of [\d,]+ characters\))$/u;

/**
 * `kubeVip.controlPlane.address`, `ingresses[0].host`: the key path as a user reads it. A key that is no plain word of
 * letters, digits, '-' and '_' is bracketed and JSON-quoted, its invisible characters escaped: `data["app.ini"]`
 * (else a reader cannot tell it from a map `app:` holding `ini:`, 75a-14), `headers["X-Api-Key "]` (a trailing blank
 * read as the message's own, 77a-9), `headers["token\u200b"]`, `labels["bad key!"]`: one notation for every such key.
 * The tool's own stand-ins for a key (pathKeyText's size, `<redacted>`) stay bare, and so does the first key (a place
 * a path starts from may be a file and object), quoted only when it holds an unprintable character.
 */
export function formatPath(path: Path): string {
  return path.reduce<string>((out, key, i) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    // A first key with a dot is bracketed too (79b-5): `["traefik.replicas"]` is one key, `traefik.replicas` a path.
    if (i === 0) return key.includes('.') && BARE_KEY.test(key.replace(/\./g, '')) ? `[${JSON.stringify(key)}]` : printable(key);
    return BARE_KEY.test(key) ? `${out}.${key}` : `${out}[${oneLine(JSON.stringify(key))}]`;
  }, '');
}

/**
 * One problem prints once, whichever rules found it: of several problems on one key path (and piece of its text,
 * textPart) the first stands
 * (a rule that explains the value runs before a schema's generic verdict, which yields to it anyway: schemaVerdict), and none is kept on a path that
 * `errors` already speak about (a warning on a key with an error: the error is fixed first, and the fix may
 * change what the warning said). Problems about the whole input (an empty path) are distinct and all kept.
 * A secret's problems (aboutSecret) are counted apart: one stands beside the path's other problem (51a-13).
 */
export function onePerPath<P extends Problem>(problems: readonly P[], errors: readonly Problem[] = []): P[] {
  const spoken = new Set(errors.map((problem) => formatPath(problem.path)));
  const explained = new Set(problems.filter((problem) => !problem.schemaVerdict).map((problem) => formatPath(problem.path)));
  const seen = new Set<string>();
  // The lines of one text a path's first problem names one each (secret-place.ts secretProblems): each is kept once.
  const lines = new Map<string, Set<number>>();
  // Whether the problem kept at a path is about a name, where one more about the value may follow (or the other way round: 50a-12).
  const aboutName = new Map<string, boolean>();
  return problems.filter((problem) => {
    const path = formatPath(problem.path);
    if (problem.schemaVerdict && problem.path.length && explained.has(path)) return false;
    const part = problem.textPart === undefined ? path : `${path}\0part\0${problem.textPart}`;
    const key = problem.aboutSecret ? `${path}\0secret` : part;
    const named = lines.get(key);
    if (named && problem.textLine !== undefined && !named.has(problem.textLine)) return !!named.add(problem.textLine);
    const first = aboutName.get(key);
    if (first !== undefined && first !== !!problem.aboutName) return aboutName.delete(key);
    if (problem.path.length && (seen.has(key) || spoken.has(path))) return false;
    seen.add(key);
    if (problem.path.length) aboutName.set(key, !!problem.aboutName);
    if (problem.textLine !== undefined) lines.set(key, new Set([problem.textLine]));
    return true;
  });
}

/**
 * Control characters (C0, DEL, C1), the Unicode line and paragraph separators, which JSON.stringify leaves raw
 * (U+2028/9, C1), and the format characters (category Cf: bidi controls such as U+202E, zero-width characters),
 * which reorder or hide what a terminal shows.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;
// eslint-disable-next-line no-control-regex -- as above
const HAS_UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u;

/** `\uXXXX` for each UTF-16 unit of `char` (a Cf character above U+FFFF takes two, as JSON writes it). */
const escaped = (char: string): string =>
  [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/** `text` with every control, line separator and format character written as `\uXXXX`, so a message stays one line and prints no escape sequence. */
export function oneLine(text: string): string {
  return text.replace(UNPRINTABLE, escaped);
}

/**
 * A path or value for a message: as it is when every character prints, else JSON-quoted with every unprintable
 * character escaped (`"/tmp/x\nerror: y"`), so a folder named with a line break cannot start a line of its own.
 */
export function printable(text: string): string {
  return HAS_UNPRINTABLE.test(text) ? oneLine(JSON.stringify(text)) : text;
}

/** The longest text a message quotes whole (show() in validate/paths.ts cuts other values at the same length). */
const QUOTED_TEXT_MAX = 80;

/**
 * A text for a message: quoted whole when short, else named by its size: a line of a message is read, a 1 MB value in
 * it is not (refusing one printed the whole MB), and a cut text could show part of a secret no redaction finds whole.
 * `isSecret` is asked only of a text that would be quoted: judging a long text for secrets is a run's dearest step.
 */
export function quotedText(text: string, isSecret: (text: string) => boolean, redacted: string): string {
  if (text.length > QUOTED_TEXT_MAX) return `a text of ${text.length.toLocaleString('en-US')} characters`;
  return isSecret(text) ? `"${redacted}"` : JSON.stringify(text);
}

/** A key the user wrote (an entrypoint's name), for a message or a key path: as it is, or named by its size over 80 characters. */
export const keyText = (key: string): string => (key.length > QUOTED_TEXT_MAX ? `(${quotedText(key, () => false, '')})` : key);

/**
 * A key of a key path, as every message shows it (a config file's, formatDiagnostic, and a construct's,
 * K3sVipValidationError): over 80 characters shown by its start or named by its size (PREFIXED_NAME), else as
 * it is, for formatPath to quote (`values[""]`, not `values.:`, 71d-7).
 */
export const pathKeyText = (key: string): string =>
  key.length <= QUOTED_TEXT_MAX ? key : PREFIXED_NAME.test(key) ? `${key.slice(0, SHOWN_KEY_START)}…` : keyText(key);

/**
 * A label or annotation key's form (`example.com/name`: a dotted prefix, one "/", a name), which no token or password
 * has: a long one is shown by its start, bracketed as any such key (`matchLabels["example.com/aaaa…"]`), so a user finds
 * it (84a-16); any other long key by its size, as a start cut anywhere could show part of a secret.
 */
const PREFIXED_NAME = /^[A-Za-z0-9][\w-]*(?:\.[\w-]+)+\/[\w.-]+$/;
/** As many characters as a long value's quote shows (config/shown-values.ts). */
const SHOWN_KEY_START = 60;

/**
 * A value the user wrote, for a message: a text as quotedText has it (a secret-shaped one is redacted by the last guard,
 * formatDiagnostic), any other value as JSON, named by its size when over the same length.
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') return quotedText(value, () => false, '');
  const json = JSON.stringify(value) ?? String(value);
  if (json.length <= QUOTED_TEXT_MAX) return json;
  return `a ${Array.isArray(value) ? 'list' : 'map'} of ${json.length.toLocaleString('en-US')} characters as JSON`;
}

/** shownValue for a value that stands in a sentence: one named by its size is bracketed ("is (a text of 120 characters), where ..."). */
export function shownInSentence(value: unknown): string {
  const shown = shownValue(value);
  return /^a (text|list|map) of /.test(shown) ? `(${shown})` : shown;
}
