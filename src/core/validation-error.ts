import { formatPath, oneLine, pathKeyText } from './problem';
import { redactMessage } from './redact-message';
import { shownReferencePath } from './reference-keys';
import { redact } from './secrets';

/** One thing wrong with a construct's props (or a cluster config), located by its key path. */
export interface ValidationProblem {
  /** Key path inside the props, e.g. `['ingresses', 0, 'host']`. */
  readonly path: ReadonlyArray<string | number>;
  /** What is wrong and what to write instead; starts with the bad value where there is one (never a secret). */
  readonly message: string;
}

/**
 * Thrown by every k3s-vip construct whose props would produce an object the API server or an
 * upstream component rejects. Lists all problems at once, one per line; secret-shaped values are
 * never part of the message.
 */
export class K3sVipValidationError extends Error {
  /** Every problem found, in props order. */
  public readonly problems: readonly ValidationProblem[];

  /**
   * @param problems what is wrong, at least one
   * @param subject the construct whose props are wrong: lines read `Subject: key.path message`; without
   *   one they read `key.path: message`, as in the config files' errors
   */
  constructor(problems: readonly ValidationProblem[], subject?: string) {
    // The last step: no secret-shaped value (nor a value it quotes that the value readers refuse: redactMessage), and no
    // control character or line separator (one problem, one line).
    // Not below a Secret reference at a key no reference has: it may be the password (reference-keys.ts).
    // Shown as a config file's key path shows it (pathKeyText): a 254-character key is named by its size in both (55a-14).
    const shown = problems.map(({ path }) =>
      shownReferencePath(path).map((key) => (typeof key === 'string' ? redact(pathKeyText(key)) : key)),
    );
    const safe = problems.map(({ message }, i) => ({
      path: shown[i].map((key) => (typeof key === 'string' ? oneLine(key) : key)),
      message: oneLine(redactMessage(message, [])),
    }));
    // The line quotes a key with its invisible characters escaped once (formatPath), from the key as written.
    super(safe.map((problem, i) => formatProblem({ ...problem, path: shown[i] }, subject)).join('\n'));
    this.name = 'K3sVipValidationError';
    this.problems = safe;
  }
}

function formatProblem({ path, message }: ValidationProblem, subject: string | undefined): string {
  // A problem of the props object itself (`is a Proxy: expected plain data`) names it: a bare verb named nothing (52b-16d).
  const key = formatPath(path) || (/^(?:is an? |could not be read)/.test(message) ? 'props' : '');
  if (subject === undefined) return key ? `${key}: ${message}` : message;
  return `${subject}: ${key ? `${key} ` : ''}${message}`;
}

/** `null`, `a list`, `a string`: what was given instead of props. */
export function propsKind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
