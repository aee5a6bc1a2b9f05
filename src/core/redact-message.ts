import { printable, Problem } from './problem';
import { mayQuote } from './quotable';
import { copiesOf } from './secret-copies';
import { escapedCopiesIn } from './escaped-copies';
import { maskedValue, redactDerivedHeads, redactMessageValues } from './message-values';
import { isSecretKey, redact, REDACTED, secretsInData, secretValues } from './secrets';
import { judgedOnceUnder } from './secrets-memo';
import { looksGenerated } from './generated-runs';
import { groupedCopiesIn } from './grouped-copies';
import { secretPiecesIn } from './secret-pieces';
import { blankGeneratedWords, describeGeneratedQuotes } from './generated-quotes';
import { keepingWording } from './fixed-wording';

/**
 * Redaction of a message, as opposed to a file: a message is the tool's own wording with values put in, and
 * only the values may be blanked. A secret that is a plain word ("keep", "Secret", "it") may equal a word of
 * that wording ("keep it in a Kubernetes Secret"), which must stay readable.
 */

/** A secret made of letters only: the only kind that can be a word of the wording. */
const PLAIN_WORD = /^[A-Za-z]+$/;
/** A value as messages print it, JSON-quoted (`"abc"`, `"a\"b"`). */
const QUOTED = /"(?:[^"\\\n]|\\.)*"/g;
/** What stands before and after a word of prose (or of a longer word: "SealedSecret" holds "Secret"). */
const BEFORE_WORD = /^[\sA-Za-z(`]?$/;
const AFTER_WORD = /^[\sA-Za-z,.;:!?)`']?$/;

/**
 * `message` with every one of `secrets` and every secret shape replaced by REDACTED (as `redact`), except where
 * a plain-word secret is a word of the message's prose: outside every quoted value, and standing as words do
 * (not after `=`, `/`, `.`, a digit, as a value set in a flag or path would, nor set by `=` or by a secret key
 * and `:` before it: `password: correct`, `token = abcd`). A secret that is not a plain word is redacted
 * everywhere; one inside a quoted value is redacted always (short ones only when quoted whole). Once per message and
 * list (secrets-memo.ts): the doors of a validation redact one message with one list again and again.
 */
export const redactMessage: (message: string, secrets: readonly string[]) => string = judgedOnceUnder((message, given): string =>
  keepingWording(message, (text) => redactValues(text, given)),
);

/** redactMessage but for the descriptions of findings it keeps as written (fixed-wording.ts, 66a-13). */
function redactValues(message: string, given: readonly string[]): string {
  // Round 62 (62a-4): a secret padded with blanks (` server `, a piece of a spaced token) is its word: blanked as words are.
  const secrets = given.map((secret) => (PLAIN_WORD.test(secret.trim()) ? secret.trim() : secret));
  const words = [...new Set(secrets.filter((secret) => PLAIN_WORD.test(secret)))].sort((a, b) => b.length - a.length);
  const others = secrets.filter((secret) => !PLAIN_WORD.test(secret));
  // Also their copies another field may show (secret-copies.ts: decoded, upper-cased, base64, 51a-9).
  const derived = [...others, ...others.flatMap(derivedForms), ...groupedCopiesIn(message, secrets)];
  derived.push(...escapedCopiesIn(message, secrets)); // escaped: `\u0057`, `=57`, `&#87;` (59a-21)
  const blanked = redact(message, derived);
  // Pieces left beside a blanked copy or cut out and case-folded (`"tr7p<redacted>"`, option "zx9q": 60a-7).
  const pieces = secretPiecesIn(blanked, others);
  const cut = redactCutHeads(pieces.length ? redact(blanked, pieces) : blanked, secrets);
  // The values it shows, judged by the value readers (message-values.ts): what they find there is a secret of the
  // message too, whose derived forms it may show elsewhere (a name's lower-case hint); then the heads of derived forms.
  const values = redactMessageValues(cut);
  const found = values.found.filter((secret) => !PLAIN_WORD.test(secret));
  const forms = [...found, ...found.flatMap(derivedForms), ...found.flatMap(copiesOf)];
  const judged = found.length ? redactCutHeads(redact(values.text, forms), forms) : values.text;
  const heads = redactDerivedHeads(judged, () => [...derived, ...forms].flatMap((form) => [form, oneDash(form)]));
  // A quoted value or key that looks generated: said by its size (60a-8); one a message names unquoted, blanked (77a-19).
  const out = blankGeneratedWords(describeGeneratedQuotes(heads));
  // A pattern has a size limit: beyond it (thousands of word secrets), every occurrence is redacted, as in a file.
  if (!words.length || words.join('|').length > 100_000) return redact(out, words);
  const quoted = [...out.matchAll(QUOTED)].map((match) => [match.index, match.index + match[0].length]);
  const inQuotes = (at: number) => quoted.some(([start, end]) => at > start && at < end);
  // Letters only: no character of a word needs escaping in a pattern.
  return out.replace(new RegExp(words.join('|'), 'g'), (word: string, at: number) => {
    const before = out.charAt(at - 1);
    const after = out.charAt(at + word.length);
    if (inQuotes(at)) return word.length >= 4 || (before === '"' && after === '"') ? REDACTED : word;
    const prose = BEFORE_WORD.test(before) && AFTER_WORD.test(after) && !isSetValue(out, at);
    return prose || word.length < 4 ? word : REDACTED;
  });
}

/**
 * Where a message cut a long value it quotes: the three dots after the cut (`"abc"... (150 characters)`, `abc...`,
 * `"abc..."`). An ellipsis character marks a part left out on purpose (`https://…@host`), no cut.
 */
const CUT_MARK = /"?\.\.\./g;
/** The longest head of a secret a cut may leave: messages show at most 80 characters of a value. */
const MAX_CUT_HEAD = 80;
/** The shortest head blanked: three characters tell nothing of a secret, and more would blank words of the wording. */
const MIN_CUT_HEAD = 4;

/**
 * `message` with the head of any of `secrets` that a cut left just before the cut's mark replaced by REDACTED. A value
 * is redacted for its own secrets before it is cut; a secret found elsewhere in the run and pasted into the value
 * (after its first characters) may lose its tail to the cut, and then no whole form of it matches.
 */
function redactCutHeads(message: string, secrets: readonly string[]): string {
  if (!secrets.length || !message.includes('...')) return message;
  const heads = [...new Set(secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]))];
  let out = '';
  let done = 0;
  for (const { index: at } of message.matchAll(CUT_MARK)) {
    let longest = 0;
    for (const secret of heads) {
      for (let length = Math.min(secret.length, MAX_CUT_HEAD, at - done); length > Math.max(MIN_CUT_HEAD - 1, longest); length--) {
        if (message.startsWith(secret.slice(0, length), at - length)) {
          longest = length;
          break;
        }
      }
    }
    if (!longest) continue;
    out += `${message.slice(done, at - longest)}${REDACTED}`;
    done = at;
  }
  return out + message.slice(done);
}

/**
 * Whether the word at `at` is set as a value in `text`: the nearest non-blank before it is `=`, or a `:` after a
 * key named like a secret (`client_secret: abcd`; the tool's own `there: keep it` is prose).
 */
function isSetValue(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /[^\S\n]/.test(text.charAt(i))) i--;
  if (text.charAt(i) === '=') return true;
  const key = text.charAt(i) === ':' ? /([A-Za-z][\w.-]*)["']?$/.exec(text.slice(Math.max(0, i - 256), i))?.[1] : undefined;
  return key !== undefined && isSecretKey(key);
}

/**
 * `problem` without any of `secrets`: in its message (redactMessage) and in its key path, as a key may hold one
 * (`password:abc`, glued). The one redaction of every validation pipeline (config, props, a config file's YAML).
 * A plain-word secret (`traefik`, `values`) is blanked in a key only where that key itself sets a secret: the
 * config's own keys (`traefik.values.env`) stay readable, and the path still locates the value in its file.
 */
export function redactProblem<P extends Problem>(problem: P, secrets: readonly string[]): P {
  const once = redactedOnce(secrets);
  // A key is a value the user wrote: judged as one too (maskedValue), for what a word of it holds.
  const redactKey = (key: string) =>
    maskedValue(redact(key, secretsInData({ [key]: null }).length ? secrets : secrets.filter((s) => !PLAIN_WORD.test(s)))).text;
  const shownKey = (key: string) => once(`key\0${key}`, () => keyAsQuoted(redactKey(key)));
  // Where the message prints a key of its path as written (`redirects entrypoint <key>`), it prints the key as judged:
  // as its path shows it, if the path blanks it (58a-2: `<redacted>: unknown key "Zq8v…password"`), else as a value.
  let message = problem.message;
  for (const key of problem.path) {
    if (typeof key !== 'string' || key.length < 4 || !message.includes(key)) continue;
    const path = shownKey(key);
    if (path !== key) message = blankKeyIn(message, key, path);
    else {
      const judged = once(`value\0${key}`, () => maskedValue(key).text);
      if (judged !== key) message = message.split(key).join(judged);
    }
  }
  return {
    ...problem,
    path: problem.path.map((key) => (typeof key === 'string' ? shownKey(key) : key)),
    message: once(`message\0${message}`, () => redactMessage(message, secrets)),
  };
}

/**
 * `message` with `key` as its path shows it (`shown`): everywhere if it is no plain word, else only where it is quoted
 * (`"key"`, `` `key` ``), so that a word of the wording that a blanked key equals stays readable.
 */
function blankKeyIn(message: string, key: string, shown: string): string {
  if (!PLAIN_WORD.test(key)) return message.split(key).join(shown);
  return message.split(JSON.stringify(key)).join(`"${shown}"`).split(`\`${key}\``).join(`\`${shown}\``);
}

/**
 * A key of a message's key path as the message would print it quoted (56a-5): a quoted value is judged by the secret
 * shapes (`"secretkeyQm7v…"` is blanked whole, `"password-qm7v…"` in part), and a path printed the same key in full
 * beside it. One verdict for the same part in every place of a message.
 */
export function keyAsQuoted(key: string): string {
  if (key.length > 300 || !/[A-Za-z]/.test(key)) return key;
  // A key named like a secret holding a generated run (`the-Qm7v…-password`): the run is what a pasted secret is.
  const runs = isSecretKey(key) ? (key.match(/[A-Za-z0-9]{12,}/g) ?? []).filter(looksGenerated) : [];
  if (runs.length) return keyAsQuoted(redact(key, runs));
  const quoted = JSON.stringify(key);
  const judged = redactMessage(quoted, []);
  if (judged === quoted) return key;
  // The blanked form without its quotes; a key written with escapes is blanked whole.
  return quoted === `"${key}"` && judged.startsWith('"') && judged.endsWith('"') ? judged.slice(1, -1) : REDACTED;
}

// A validation redacts all its problems with one list of secrets, and thousands of them may share a message or a key
// (`NaN is not a finite number`, `unknown12`: 300,000 left-out items took 3.5 s to redact one by one): each text is
// redacted once per list. Short texts only, and a bounded number of them.
const redactedTexts = new WeakMap<readonly string[], Map<string, string>>();
function redactedOnce(secrets: readonly string[]): (key: string, redactIt: () => string) => string {
  let memo = redactedTexts.get(secrets);
  if (!memo) redactedTexts.set(secrets, (memo = new Map()));
  const texts = memo;
  return (key, redactIt) => {
    if (key.length > 300) return redactIt();
    let text = texts.get(key);
    if (text === undefined) {
      if (texts.size >= 10_000) texts.clear();
      texts.set(key, (text = redactIt()));
    }
    return text;
  };
}

/**
 * The forms a message may derive from a value: lower-cased, and lower-cased with every other character made
 * `-` (the name hint of config/formats.ts: `Api_Token=Zq7` -> `api-token-zq7`). Messages leave out a hint
 * derived from a value that holds a secret; these forms catch a secret found elsewhere (under a secret key)
 * whose hint is still shown. Plain words are left out: their lower-case form is too often a word of a key.
 */
function derivedForms(secret: string): string[] {
  const lower = secret.toLowerCase();
  // Trimmed by hand: `-+$` tried each start of a run of `-` that does not end the text (quadratic).
  const dashed = lower.replace(/[^a-z0-9.*-]/g, '-');
  let [start, end] = [0, dashed.length];
  while (start < end && dashed[start] === '-') start++;
  while (end > start && dashed[end - 1] === '-') end--;
  const kebab = dashed.slice(start, end);
  return [lower, kebab].filter((form) => form !== secret && form.length >= 6);
}

/** A kebab-case form with each run of `-` made one, as a suggested name has it (`echo-zx9…` of `echo Zx9… | sudo`). */
const oneDash = (form: string): string => form.replace(/-{2,}/g, '-');

/**
 * The secrets a command line may hold, for every message that echoes an argument or text derived from one:
 * each argument (`--cluster "db_password=x"`), the value after `--flag=`, and the values
 * npm keeps for itself as `npm_config_<flag>` (`npm run new foo --from=...` without the `--`), each judged
 * under its own name (`npm_config_token`).
 */
export function argumentSecrets(args: readonly string[], env: NodeJS.ProcessEnv = {}): string[] {
  const forms = args.flatMap((arg) => [arg, arg.replace(/^--?[\w.-]+=/, '')]);
  const npm = Object.entries(env).filter(([name, value]) => name.startsWith('npm_config_') && value !== undefined);
  return [...new Set([...secretValues(forms), ...secretValues(Object.fromEntries(npm)), ...secretValues(npm.map(([, v]) => v))])];
}

/**
 * The secrets the keys of `problems`' paths hold (`"password:abc"`, `"--token=abc"`), for problems found before
 * the data could be judged as a whole (a Date or a getter in construct props).
 */
export function secretsInPaths(problems: readonly Problem[]): string[] {
  const keys = [...new Set(problems.flatMap(({ path }) => path.filter((key): key is string => typeof key === 'string')))];
  return [...secretValues(Object.fromEntries(keys.map((key) => [key, null]))), ...secretValues(keys)];
}

/**
 * The secrets the names a message shows hold as `name=value` (81a-2: a file `token=<secret>.yaml` k3s:install names):
 * each word or path segment with `=` in it, judged as an argument is (argumentSecrets).
 */
export function secretsInShownNames(message: string): string[] {
  return message.includes('=') ? argumentSecrets(message.split(/[\s/"'`]+/).filter((word) => word.includes('='))) : [];
}

/** A path for a message: on one line (printable), without what it holds that is shaped like a secret (`/x/password=abc`). */
export function printablePath(path: string): string {
  return redactMessage(printable(path), mayQuote(path) ? [] : argumentSecrets([path]));
}

/**
 * Items of a list a message names, joined by `, `, each without the secret it holds: a list split from one text
 * (`password=x,kube-system`) no longer holds the text whole, so the text's own redaction would miss its parts.
 */
export function redactedList(items: readonly string[]): string {
  return items.map((item) => redactMessage(printable(item), secretValues(item))).join(', ');
}
