import { createHash } from 'node:crypto';
import { extname, join } from 'node:path';
import { readYamlDocuments } from '../core/yaml-documents';
import type * as FieldPlaces from '../core/yaml-field-places';
import { TOO_DEEP_YAML } from '../core/yaml-depth';
import { yamlNamesHoldingSecret } from '../core/yaml-names';
import { saysMore } from '../core/secret-shapes';
import { groupedCopiesIn } from '../core/grouped-copies';
import { secretPiecesIn } from '../core/secret-pieces';
import { formatPath, Path } from '../core/problem';
import { structureEnd } from '../core/structure-keys';
import { mayQuote } from '../core/quotable';
import { ManifestText, readManifestText } from '../core/manifest-text';
import {
  EMBEDDED_SECRET,
  FoundSecret,
  isSecretKey,
  REDACTED,
  redact,
  redactText,
  secretShape,
  secretsInComments,
  secretsInData,
  secretsInLines,
  TOO_DEEP_TEXT,
} from '../core/secrets';
import { linesText, secretLineGroups } from '../core/secret-line-groups';
import { isUnusableEntry } from '../core/auth-user-entries';
import { UNREAD_GZIP } from '../core/gzip-members';
import { cacheDir } from './cache-folder';
import { contentDigests } from './file-digests';
import { PassMemo, passMemo } from './pass-memo';
import { readerCodeFingerprint } from './reader-passes';
import { YamlStreams, yamlStreams } from './yaml-streams';
import type * as ScalarRedaction from './scalar-redaction';
import { OVERSIZED, oversizedObjects } from './object-size';

/**
 * The last gate before anything is written to dist/ or K3s' manifests folder: no file may hold a
 * secret-shaped value (a K3s token, a URL with credentials, a private key) or text under a key named
 * like a secret. YAML files are read as data, so a secret is named by its key path; every file is also
 * scanned for secret shapes, and a file that is not YAML (a README) line by line as secretsInLines reads
 * text. Returns one line per finding, never the value.
 */
export function secretsInFiles(
  files: ReadonlyMap<string, string>,
  streams: YamlStreams = yamlStreams(),
  memo: PassMemo = passMemo(cacheDir(), 'gate-passes', gateFingerprint()),
  located = false,
): string[] {
  const findings: string[] = [];
  for (const [path, text] of files) {
    // Not read past the bound: beyond a few MiB some readers' regular expressions run out of V8's stack (60b-9).
    const past = pastBound(text);
    if (past) {
      findings.push(`${path}: ${past}`);
      continue;
    }
    // What decides a file's verdict: whether it is read as YAML, and its text (a finding's message names the path).
    const input = `${/\.ya?ml$/.test(path) ? 'yaml' : 'text'}\0${text}`;
    if (memo.passed(input)) continue;
    const before = findings.length;
    try {
      judgeFile(path, text, streams, findings, located);
    } catch (e) {
      // A reader that still runs out of V8's stack (a regular expression's, past the bounds above) is a file not judged,
      // named as such, never a bare `Maximum call stack size exceeded` (review61-4).
      if (!(e instanceof RangeError)) throw e;
      findings.splice(before, findings.length - before, `${path}: ${UNJUDGED_SIZE}`);
    }
    if (findings.length === before) memo.remember(input);
  }
  memo.save();
  return findings;
}

/**
 * The gate's findings counted by what they are, for a summary line: the secrets, the texts it could not judge (67c-3),
 * and the objects too large for etcd, which are no secret (68c-7: validate said "1 secret(s)" for a file without one).
 */
export function findingCounts(findings: readonly string[]): string {
  // Text too deep to judge (an alias cycle `a: &a [*a]`, 71c-4) holds no secret the gate found either.
  const unjudged = findings.filter((line) => line.includes('cannot be judged') || line.includes(TOO_DEEP_TEXT)).length;
  const oversized = findings.filter((line) => line.includes(OVERSIZED)).length;
  const secrets = findings.length - unjudged - oversized;
  const counts = [
    secrets ? `${secrets} secret(s)` : '',
    unjudged ? `${unjudged} text(s) that cannot be judged` : '',
    oversized ? `${oversized} object(s) too large for etcd` : '',
  ];
  return counts.filter(Boolean).join(' and ');
}

/** What every size finding of pastBound says: withRefusal leaves the secret advice off it. */
const UNREAD = 'more than the write gate reads';

/**
 * A finding of the gate with `refusal`, what to do about a secret in the file, after it; a BasicAuth entry Traefik cannot
 * use is no secret written out (review59-3, review60-11): its finding already says what to write, and stands alone.
 */
export function withRefusal(finding: string, refusal: string): string {
  // A file the gate cannot read (61a-19) or an object too big to store (61b-8) holds no secret it knows of: its finding
  // says what to do about its size.
  if ([UNREAD, OVERSIZED, UNJUDGED_SIZE].some((said) => finding.includes(said))) return finding;
  const what = / holds (.*?)(?: \(lines? [\d, -]+ together\))?$/s.exec(finding)?.[1];
  return what !== undefined && isUnusableEntry(what) ? finding : `${finding}: ${refusal}`;
}

const UNJUDGED_SIZE =
  'is too large for the write gate to read (its readers ran out of stack), so it cannot be judged: keep large data out of the manifests';

/**
 * Why the gate does not read a file, or undefined: a line over 3 MiB (a config file holds 1 MiB at most, and a value of it
 * renders to one line of at most twice that; past a few MiB of one run some readers' regular expressions overflow V8's
 * stack: 60b-9), or a file over 8 MiB (no object over etcd's 1.5 MiB is written anyway, object-size.ts; and the readers,
 * linear, take about 3 s a MiB on the worst text, so a bigger file could keep a run busy for minutes: review61-4). The
 * per-line bound alone does not keep a regular expression safe: one that repeats a group over lines grows V8's stack
 * with the lines (review61-4); those are bounded where they are written (gzip-members.ts BASE64_BLOCK, pipe-lines.ts),
 * and a RangeError that still escapes a reader is this file's refusal (secretsInFiles).
 */
function pastBound(text: string): string | undefined {
  const tail =
    'so it cannot be judged: keep large data out of the manifests (ship it in an image or a volume, or fetch it at start-up), or split it over several values';
  if (text.length > 8 << 20) return `is ${text.length} characters, ${UNREAD} (8 MiB), ${tail}`;
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\n', start);
    const length = (end < 0 ? text.length : end) - start;
    if (length > 3 << 20) return `has a line of ${length} characters, ${UNREAD} (3 MiB; a config file holds 1 MiB at most), ${tail}`;
    if (end < 0) break;
    start = end + 1;
  }
  return undefined;
}

let fingerprint: string | null | undefined;

/**
 * What the gate's verdict depends on besides a file: its code (this module, yaml-streams.ts and every module of
 * core/, where the detectors live) and the YAML parser it reads with. Undefined when it cannot be read: no memo.
 */
function gateFingerprint(): string | undefined {
  if (fingerprint === undefined) {
    try {
      const { version } = require('yaml/package.json') as { version: string };
      const hash = createHash('sha256').update(JSON.stringify(['gate-passes-1', require.resolve('yaml'), version]));
      const own = [__filename, join(__dirname, `yaml-streams${extname(__filename)}`)];
      contentDigests(own).forEach((digest, i) => hash.update(`\0${own[i]}\0`).update(digest));
      const core = readerCodeFingerprint();
      if (!core) throw new Error('core/ cannot be read');
      fingerprint = hash.update(`\0core\0${core}`).digest('hex');
    } catch {
      fingerprint = null;
    }
  }
  return fingerprint ?? undefined;
}

const IN_COMMENT = 'a value under a key named like a secret (in a comment)';
const BY_LINE = 'a value under a key named like a secret (read line by line)';

/** The gate's findings for one file, added to `findings`. */
function judgeFile(path: string, text: string, streams: YamlStreams, findings: string[], located: boolean): void {
  // A reading said last (secret-shapes.ts FINDERS' saidLast) is said only where no other reading says more.
  const read = /\.ya?ml$/.test(path) ? documentsOf(path, text, streams) : undefined;
  // An object etcd would not store (61b-8) refuses the file whatever else it holds: its megabytes are not read further.
  const oversized = read ? oversizedObjects(path, text, read.documents) : [];
  if (oversized.length) return void findings.push(...oversized);
  // The gzip run limit counts one text's runs: in YAML read cleanly each value is judged as its own text below, as the
  // config check judges it, so the whole file's count is no finding (review60-4: nine gzip files in a ConfigMap).
  const own = withoutOwnHeader(text);
  const whole = secretShape(own);
  const seen = whole === UNREAD_GZIP && read && !read.unjudgeable ? undefined : whole;
  const shape = saysMore(seen) ? seen : undefined;
  const { found: inYaml, clean } = secretsInYaml(read);
  const where = pathRedaction(inYaml, read?.unjudgeable ? secretsInLines(text) : [], clean);
  // 73b-9: validate names each at its place, `path:line:column:` (synth and check name the config's place instead).
  // Loaded only there: synth and check never need it.
  const place = located && inYaml.length ? (require('../core/yaml-field-places') as typeof FieldPlaces).fieldPlaces(text) : undefined;
  const at = (secret: FoundSecret) => {
    const found = place?.(secret.path);
    return found ? `:${found.line}:${found.column}` : '';
  };
  findings.push(...new Set(inYaml.map((secret) => `${path}${at(secret)}: ${where(secret.path) || '(document)'} holds ${secret.what}`)));
  const found = findings.some((line) => line.startsWith(`${path}:`));
  const unjudgeable = found || shape ? undefined : read?.unjudgeable;
  // A tag, anchor or alias name is in no value the data holds (`u: !password=abc z` reads as `u: z`), and this
  // tool's output writes none: one that holds a secret is a finding of its own, named by its kind only.
  const named = !found && read ? yamlNamesHoldingSecret(text) : [];
  // A comment is read as a line too, as a diff's redaction reads it: `kind: Ingress # password: abc` is in Git. A shape
  // and a comment are named together, each at its line (58a-18): neither hides the other.
  const comments = !found && !!read && !read.unjudgeable && secretsInComments(text).length > 0;
  const shapeOrComment = (part: string) =>
    [secretShape(part)].find(saysMore) ?? (comments && secretsInComments(part).length ? IN_COMMENT : undefined);
  if ((shape || comments) && !found) findings.push(...atLines(path, own, shapeOrComment, shape ?? IN_COMMENT));
  // A file that is not YAML (a cluster's README) is read line by line: `password: abc` there is a secret too.
  else if (!read && secretsInLines(text).length)
    findings.push(...atLines(path, text, (part) => (secretsInLines(part).length ? BY_LINE : undefined), BY_LINE));
  else if (named.length) findings.push(`${path}: holds a secret in a YAML ${[...new Set(named.map(({ type }) => type))].join(', ')} name`);
  // Text nested too deep to read at all: neither its data nor its lines tell what it holds.
  else if (unjudgeable?.startsWith(TOO_DEEP_YAML)) findings.push(atPlace(path, `cannot be judged: it ${unjudgeable}`));
  // A document that does not parse cleanly hides its keys from the scan above: its lines are read one by one.
  else if (unjudgeable && secretsInLines(text).length) {
    const what = `a value under a key named like a secret, read line by line as the file ${unjudgeable}`;
    findings.push(...atLines(path, text, (part) => (secretsInLines(part).length ? what : undefined), what));
  } else if (unjudgeable && mayHideSecret(text, unjudgeable)) {
    findings.push(`${path}: cannot be judged: it ${unjudgeable}, and may hold a Kubernetes Secret`);
  } else if (seen && !findings.some((line) => line.startsWith(`${path}:`))) findings.push(...atLines(path, own, secretShape, seen));
}

/**
 * 79a-15: the tool's own first line (`# Generated from <config> by \`npm run synth\`…`, docs/cluster-documents.ts) is
 * no text of the config's. Read with the file, its `#` let the comment-marker decoding (core/line-prefixes.ts) read
 * the whole file as uncommented text, where a value the config check had passed (`HeaderRegexp(\`Cookie\`,
 * \`session_id=\`)`) read as set: the whole-text reading judges the file without it (its line kept, empty), so the
 * config side decides and the gate backstops. A header that itself holds a secret is read as written.
 */
const OWN_HEADER = /^# Generated from [^\n]{1,4096}? by `[^`\n]{1,200}`\. Edit the config, not this file\.(?=\r?\n)/;
function withoutOwnHeader(text: string): string {
  const header = OWN_HEADER.exec(text)?.[0];
  if (header === undefined || secretShape(header) || secretsInComments(header).length) return text;
  return text.slice(header.length);
}

/**
 * `path:line:column: what` where `what` ends with its reader's place, `(at line L, column C)`: the form of every located
 * message, which CI problem matchers read (docs/yaml.md, "In CI"; 71c-4). `path: what` where it names no place.
 */
function atPlace(path: string, what: string): string {
  const at = / \(at line (\d+), column (\d+)\)$/.exec(what);
  return at ? `${path}:${at[1]}:${at[2]}: ${what.slice(0, at.index)}` : `${path}: ${what}`;
}

/**
 * A finding read from lines, one per line that holds a secret (or per neighbouring lines that hold one only together,
 * a private key's block), each at its line as `path:line:` (58a-18): synth, check and validate print these, so every
 * secret of a hand-edited file is named at once, at its place. `judge` says what a piece of the text holds; the path
 * alone, with `what`, where no line holds one (a whole text's reading).
 */
function atLines(path: string, text: string, judge: (part: string) => string | undefined, what: string): string[] {
  const lines = text.split('\n');
  const groups = secretLineGroups(lines, (part) => judge(part) !== undefined, 20);
  if (!groups.length) return [`${path}: holds ${what}`];
  return groups.map((group) => {
    const held = judge(group.map((line) => lines[line - 1]).join('\n')) ?? what;
    return `${path}:${group[0]}: holds ${held}${group.length > 1 ? ` (${linesText(group)} together)` : ''}`;
  });
}

/**
 * A finding's key path as a message may print it. Below a key named like a secret, a key may be part of the secret
 * (the lenient read of `db_password: abc: x` makes `abc` a key, and every key after it one below it): the path
 * ends at that key, one finding per key, not one per key below it; in a file read cleanly it goes on through the keys
 * that are structure (core/structure-keys.ts) down to the value taken (67a-19: `credentials.pass`). A key that holds a secret found in any reading
 * (`"--token=abc": x`), a key one of the file's lines holds as part of a secret (`stringData: abc: x` of a Secret,
 * read leniently), and a key no view of which may be quoted (mayQuote) are redacted.
 */
function pathRedaction(inYaml: readonly FoundSecret[], lineSecrets: readonly string[], clean: boolean): (path: Path) => string {
  const values = [...inYaml.map(({ value }) => value), ...lineSecrets];
  // A short secret or key only whole, so `x` does not blank every key with an x in it.
  const holds = (key: string) =>
    values.some((value) => value === key || (value.length >= 4 && key.includes(value))) ||
    (key.length >= 4 && lineSecrets.some((value) => value.includes(key)));
  return (path) => {
    const secretKey = path.findIndex((key) => typeof key === 'string' && isSecretKey(key));
    const shown = secretKey < 0 ? path : path.slice(0, clean ? structureEnd(path, secretKey + 1) : secretKey + 1);
    return formatPath(shown.map((key) => (typeof key !== 'string' || (!holds(key) && mayQuote(key)) ? key : REDACTED)));
  };
}

/**
 * Whether YAML text that cannot be read cleanly may hide a Secret from every scan: a merge key or a tag may
 * make one (go-yaml applies `<<` and decodes `!!binary`), and text that names the kind may be one.
 */
function mayHideSecret(text: string, unjudgeable: string): boolean {
  return !unjudgeable.startsWith('does not parse') || /\bSecret\b/i.test(text);
}

/** The secrets of a YAML file read as data (none for another file), its chart values too; `clean`: all of it read strictly. */
function secretsInYaml(read: ManifestText | undefined): { found: FoundSecret[]; clean: boolean } {
  if (!read) return { found: [], clean: false };
  let clean = !read.unjudgeable;
  const found = read.documents.flatMap((data) => {
    const values = (data as { spec?: { valuesContent?: unknown } } | null)?.spec?.valuesContent;
    const chartValues = typeof values === 'string' ? documentsOf('values.yaml', values, yamlStreams()) : undefined;
    if (chartValues?.unjudgeable) clean = false;
    const found = [...secretsInData(data), ...secretsInChartValues(data, chartValues)];
    // valuesContent is multi-line text too: where it parses as chart values, those judge it with key paths
    // (a line `token: traefik-hub-license` under `hub:` names a Secret), not its lines one by one.
    const valuesParse = chartValues !== undefined && !chartValues.unjudgeable;
    const below = (outer: FoundSecret) => (inner: FoundSecret) =>
      inner.path.length > outer.path.length && outer.path.every((key, i) => inner.path[i] === key);
    const judgedAsValues = (secret: FoundSecret) => valuesParse && secret.path.join('.') === 'spec.valuesContent';
    // A reading of the whole text that the values' own findings make at their paths is said there (70a-16: two Wi-Fi keys).
    const saidBelow = (secret: FoundSecret) =>
      judgedAsValues(secret) && found.some((inner) => below(secret)(inner) && inner.what === secret.what);
    // The gzip run limit counts one text's runs: valuesContent's values are judged one by one above, each its own text
    // as in the config check (review60-4: nine gzip files in a ConfigMap's binaryData), not as one text.
    return found.filter((secret) =>
      secret.what === UNREAD_GZIP
        ? !judgedAsValues(secret)
        : secret.what !== EMBEDDED_SECRET
          ? !saidBelow(secret)
          : !found.some(below(secret)) && !judgedAsValues(secret),
    );
  });
  return { found, clean };
}

/**
 * Text whose documents from `streams` may differ from a strict read, or from what K3s reads: a directive
 * (`%YAML 1.1` switches yaml to YAML 1.1), a tag (the streams read a tag yaml does not know as text), a merge
 * key (the streams apply it; a strict read refuses it), or a null: where cdk8s wrote `null` for an `undefined`
 * (its Yaml.stringify keeps undefined keys), the rendered data and the text differ, and the text is what K3s
 * reads. Generated output has none of these.
 */
const READ_STRICTLY = /^%|[!~]|<<|\b(?:null|Null|NULL)\b/m;

/**
 * YAML text as data. Where `streams` read the whole text (the rendered data, or yaml's read, which refuses a
 * key written twice) and none of READ_STRICTLY is in it, its documents are the ones the conformance check
 * judges. Otherwise it is read strictly (manifest-text.ts); text that is not clean is read as far as it
 * parses, with merge keys applied as go-yaml applies them and the last of two equal keys (the line scan finds
 * the first), and says why it cannot be judged.
 */
function documentsOf(path: string, text: string, streams: YamlStreams): ManifestText {
  const stream = READ_STRICTLY.test(text) ? undefined : streams(path, text);
  if (stream && 'documents' in stream) return { documents: [...stream.documents] };
  const strict = readManifestText(text);
  if (!strict.unjudgeable) return strict;
  return {
    unjudgeable: strict.unjudgeable,
    // A document past the bound on aliases (a "billion laughs") is left to the line scan.
    documents: readYamlDocuments(text, 'lenient').documents.flatMap((document) => (document.error ? [] : [document.data])),
  };
}

/**
 * K3s' HelmChartConfig and HelmChart carry the chart values as YAML inside a string (`spec.valuesContent`),
 * which the scan above sees as one text: it is read as data too, and only there, as every synth runs this gate.
 */
function secretsInChartValues(data: unknown, values: ManifestText | undefined): FoundSecret[] {
  const kind = (data as { kind?: unknown } | null)?.kind;
  // In any letter case, as `kind: Secret` is judged (secrets.ts mayBeSecretKind): the text is in Git either way.
  if (typeof kind !== 'string' || !/^HelmChart(?:Config)?$/i.test(kind) || !values) return [];
  const found = values.documents.flatMap((chartValues) => secretsInData(chartValues, ['spec', 'valuesContent']));
  if (found.length || !values.unjudgeable) return found;
  // Chart values this tool wrote are clean: any other text Helm may read otherwise is refused whole.
  const text = (data as { spec: { valuesContent: string } }).spec.valuesContent;
  return [{ path: ['spec', 'valuesContent'], value: text, what: `text that cannot be judged: it ${values.unjudgeable}` }];
}

/**
 * Every secret a file holds, to redact, as judgeFile reads it: YAML read cleanly as data (chart values too), its comments
 * and its tag, anchor and alias names; other text, and YAML that does not read cleanly, line by line. A line reading of
 * clean YAML over-reads (75a-4: `headers:`, `Authorization: ""`, `digits: 6` under `otp:` taken for secrets), and a diff
 * blanked what the gate writes as it is, in every file of the diff (a README's `enabled: true` too): there it adds only
 * a value that holds one the data holds, so a refused key's value is blanked to its end as its line writes it
 * (A16a-04: `api_key: {S: x}: y`, where the data holds `x`).
 */
export function secretsOfFile(path: string, text: string): string[] {
  // As secretsInFiles: a file the gate cannot read (past its bound, or a reader out of V8's regexp stack) names no secret
  // to blank (its finding quotes none of it), never a bare `Maximum call stack size exceeded` (a construct's refusal).
  if (pastBound(text)) return [];
  try {
    return secretsReadInFile(path, text);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return [];
  }
}

function secretsReadInFile(path: string, text: string): string[] {
  const read = /\.ya?ml$/.test(path) ? documentsOf(path, text, yamlStreams()) : undefined;
  const inData = secretsInYaml(read).found.map((secret) => secret.value);
  if (!read || read.unjudgeable) return [...inData, ...secretsInLines(text)];
  const lines = inData.length ? secretsInLines(text).filter((line) => inData.some((value) => line.includes(value))) : [];
  const names = /[!&*]/.test(text) ? yamlNamesHoldingSecret(text).map(({ source }) => source) : [];
  return [...inData, ...lines, ...secretsInComments(text), ...names];
}

/** The longest multi-line secret narrowed to its lines (each costs a reading of its text): a longer one is blanked whole. */
const MAX_NARROWED = 16 * 1024;

/**
 * 73b-7: a secret found as a whole multi-line text (a chart values text with a secret pasted on one line) as the lines
 * of it that its own redaction blanks, so a diff blanks those, not every line of the file that matches one of the text's
 * (`spec:`, `ports:`); where that redaction blanks none of its lines, or changes their count, the text stays whole,
 * as a text over MAX_NARROWED does.
 */
function secretLinesOf(secret: string): string[] {
  if (!secret.includes('\n') || secret.length > MAX_NARROWED) return [secret];
  const [lines, blanked] = [secret.split('\n'), redact(secret).split('\n')];
  const held = blanked.length === lines.length ? lines.filter((line, i) => line !== blanked[i] && line.trim() !== '') : [];
  return held.length ? held.map((line) => line.trim()) : [secret];
}

/**
 * A redaction for texts of these file trees (dist/ as it is and a fresh synth, say): every secret any of
 * their files holds, and every secret shape, is replaced in a whole file's text, so a secret spanning lines
 * (a private key in a block scalar) is redacted line by line. In a YAML file, so is every scalar whose
 * decoded value holds one, however the text writes it (escapes, folded lines). Diff the redacted texts: a
 * diff line never holds the whole value, and per-line redaction would miss the body of a key.
 */
export function fileRedaction(...trees: ReadonlyArray<ReadonlyMap<string, string>>): (text: string) => string {
  const found = trees.flatMap((files) => [...files].flatMap(([path, text]) => secretsOfFile(path, text)));
  const secrets = [...new Set(found.flatMap(secretLinesOf))];
  const yamlTexts = new Set(trees.flatMap((files) => [...files].flatMap(([path, text]) => (/\.ya?ml$/.test(path) ? [text] : []))));
  // Loaded only for a diff (check, dry-run): a synth never redacts a file.
  const { scalarRedaction } = require('./scalar-redaction') as typeof ScalarRedaction;
  const scalars = scalarRedaction(secrets);
  // A copy of a secret another line shows in groups (`host Zx9q-Wm4v-Tr7p` beside `PASSWORD=Zx9qWm4vTr7p`, 59a-1), and its
  // pieces of 4 or more mixing letters and digits, as a message blanks them (76a-10: `zx9q.example.com`, `release-Lp2T`).
  return (text) => {
    const shown = yamlTexts.has(text) ? scalars(text) : text;
    return redactText(shown, [...secrets, ...groupedCopiesIn(text, secrets), ...secretPiecesIn(text, secrets)]);
  };
}
