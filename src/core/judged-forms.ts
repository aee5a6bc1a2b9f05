import type { Path } from './problem';
import { withPublicDerBlanked } from './public-armour';
import { literalRuns } from './pattern-literals';

/**
 * Traefik's middleware fields that take a regular expression (doc.traefik.io/traefik/v3.1 middlewares/http: redirectRegex,
 * replacePathRegex `regex`, stripPrefixRegex `regex` list), as a CRD's spec or a file provider's middleware.
 */
const PATTERN_OWNERS = /^(?:redirectRegex|replacePathRegex|stripPrefixRegex)$/;

/** The form of a whole text the line readings judge (judgedForm at no field). */
export const judgedText = (text: string): string => judgedForm(text, []);

/** The form judgedForm gives that is being judged: judged as it stands, not read again (a pattern's runs are no pattern). */
let judging: string | undefined;

/** Whether `text` at `at` has another form (judgedForm), then judged by `judge` in that form; false where it is its own. */
export function inJudgedForm(text: string, at: Path, judge: (form: string) => void): boolean {
  const form = text === judging ? text : judgedForm(text, at);
  if (form === text) return false;
  const outer = judging;
  judging = form;
  try {
    judge(form);
  } finally {
    judging = outer;
  }
  return true;
}

/** Whether `at` is such a field (or an item of stripPrefixRegex's list). */
function isPatternField(at: Path): boolean {
  const keys = at.filter((key): key is string => typeof key === 'string');
  return keys.at(-1) === 'regex' && PATTERN_OWNERS.test(keys.at(-2) ?? '');
}

/**
 * The form of a text at `at` that the readings judge: a certificate's base64 blanked (public-armour.ts, 81a-8); a pattern field's
 * regular expression as the literal runs it requires (81a-5: `reset\?token=([a-z0-9]+)` requires no token, `token=Zx9…` one), as
 * a router rule's matcher patterns are read (rule-pairs.ts, 79a-16), in data or in a YAML text (withPatternFieldsAsLiterals).
 */
function judgedForm(text: string, at: Path): string {
  const blanked = withPublicDerBlanked(text);
  return isPatternField(at) ? literalRuns(blanked).join(' ') : withPatternFieldsAsLiterals(blanked);
}

/**
 * Maps whose keys are names Traefik gives a plugin, a middleware, a router, a service or a transport, and whose values are
 * that one's settings (81a-9): the chart's `experimental.plugins`/`localPlugins` (traefik-helm-chart values.yaml: a module
 * and its version), a file provider's `http.middlewares`/`routers`/`services`/`serversTransports` (doc.traefik.io v3
 * providers/file). A plugin `jwt-auth` or a middleware `basic-auth` is a name; a secret among its settings is judged by its
 * own key. Not a Middleware's `spec.plugin.<name>`: a plugin's own options (`keys: [<api key>]`) are named as it likes.
 */
const SETTINGS_BY_NAME = /^(?:plugins|localPlugins|middlewares|routers|services|serversTransports)$/;

/** Whether a key under `parent` names the settings `value` holds (above), not a secret `value` would be. */
export function namesSettings(parent: unknown, value: unknown): boolean {
  return typeof parent === 'string' && SETTINGS_BY_NAME.test(parent) && !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A YAML line that opens a pattern field's owner (`redirectRegex:`), its `regex:` value, or an item of its list. */
const OWNER_LINE = /^([ \t]*)(?:- )?(?:redirectRegex|replacePathRegex|stripPrefixRegex):[ \t]*$/;
const PATTERN_LINE = /^([ \t]*(?:- )?regex:[ \t]+|[ \t]*- )(\S.*)$/;

/** A YAML scalar as written on its line, unquoted (a double-quoted one's escapes read as JSON does), or undefined. */
function scalarOf(written: string): string | undefined {
  if (written.startsWith('"')) {
    try {
      return JSON.parse(written) as string;
    } catch {
      return undefined;
    }
  }
  if (written.startsWith("'")) return /^'(?:[^']|'')*'$/.test(written) ? written.slice(1, -1).replaceAll("''", "'") : undefined;
  return /^[^#'"[{&*!|>%@`]/.test(written) && !/ #/.test(written) ? written : undefined;
}

/**
 * A whole YAML text (a written file, a valuesContent) with each pattern field's value (above, as a block mapping writes it)
 * as its literal runs, padded to its length: the whole-text readings (secret-shapes.ts) judge it as the data reading does (81a-5).
 */
export function withPatternFieldsAsLiterals(text: string): string {
  if (!/(?:redirect|replacePath|stripPrefix)Regex:/.test(text)) return text;
  const lines = text.split('\n');
  let owner: number | undefined; // the indent of the owner line read last, while the lines below it are deeper
  for (let i = 0; i < lines.length; i++) {
    const indent = /^[ \t]*/.exec(lines[i])![0].length;
    if (owner !== undefined && indent <= owner && lines[i].trim() !== '') owner = undefined;
    const opens = OWNER_LINE.exec(lines[i]);
    if (opens) owner = opens[1].length;
    const value = owner !== undefined && !opens ? PATTERN_LINE.exec(lines[i]) : null;
    const pattern = value ? scalarOf(value[2].trimEnd()) : undefined;
    if (value && pattern !== undefined) lines[i] = `${value[1]}${literalRuns(pattern).join(' ')}`.padEnd(lines[i].length);
  }
  return lines.join('\n');
}
