import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { optionless } from '../npm-args';
import { describeFileError } from '../output/file-system';
import { tooLargeToRead } from '../output/too-large';
import { unreadableOutputFolder } from '../output/output-folder';
import { listFiles } from '../output/publish';
import { FieldPath, Finding, formatField, isRecord, show } from './paths';
import { API_SERVER_RULES, DOMAIN_RULES, KubeObject } from './rules';
import { GATEWAY_API_GROUP, markedGatewayApiBundle } from './gateway-api';
import { apiGroup } from './kinds';
import { SchemaMemo, schemaMemo } from './schema-memo';
import { cacheDir } from '../output/cache-folder';
import type * as Schemas from './schemas';
import { configDirFromEnv, distDirFromEnv } from '../output/env-dirs';
import { ownFoldersProblem } from '../output/own-folders';
import { oneLine, printable } from '../core/problem';
import { TOO_DEEP_YAML } from '../core/yaml-depth';
import { mayQuote } from '../core/quotable';
import { notUtf8 } from '../core/text-encoding';
import { redact, REDACTED, secretsInData, secretValues } from '../core/secrets';
import { describeGeneratedQuotes, holdsUnshownRun } from '../core/generated-quotes';
import { YamlStreams, yamlStreams } from '../output/yaml-streams';
import { oddEntries } from '../output/odd-entries';
import { Unread, unreadEntries } from './unread-files';
import { findingCounts, secretsInFiles, withRefusal } from '../output/secret-gate';
import type * as FieldPlaces from '../core/yaml-field-places';
import type { FieldPlace } from '../core/yaml-field-places';

/** One way a synthesized object would not be applied as written. */
export interface Violation {
  /** The file, as a key of the validated map. */
  readonly file: string;
  /** `Kind/namespace/name`, `Kind/name` for objects without a namespace, or `document N` when there is no object. */
  readonly object: string;
  /** JSON-path-like field, e.g. `spec.template.spec.containers[0].env[3].name`; '' for the whole document. */
  readonly field: string;
  readonly message: string;
  /** Where in the file, when the problem has a place (a YAML error): printed as `file:line:column:` (docs/yaml.md, "In CI"). */
  readonly line?: number;
  readonly column?: number;
}

/** Files with an extension K3s applies from its manifests folder; the rest (README.md) is not checked. */
const isManifestFile = (path: string): boolean => ['.yaml', '.yml', '.json'].includes(extname(path).toLowerCase());

/**
 * Checks every object of every manifest file (multi-document YAML): against its schema (Kubernetes
 * 1.27, the CRD in crds/, or for Gateway API kinds the CRDs of the bundle the file's marker names,
 * see gateway-api.ts), the API server's further rules, and this project's domain rules.
 * `streams` may hold the documents synth rendered and the secret gate read already.
 */
export function validateManifests(
  files: ReadonlyMap<string, string>,
  streams: YamlStreams = yamlStreams(),
  memo: SchemaMemo = schemaMemo(cacheDir()),
  located = false,
): Violation[] {
  const violations: Violation[] = [];
  const objects: Array<{ file: string; ref: string; object: KubeObject; gatewayApi?: string; document: number; text: string }> = [];
  for (const [file, text] of files) {
    if (!isManifestFile(file)) continue;
    const stream = streams(file, text);
    if ('error' in stream) {
      const { reason, line, column, offset, ownWords } = stream.error;
      // Valid YAML past the readers' depth bound is no syntax error: the secret gate, which synth, validate and the
      // construct gate all run over the same files, names it at its place as a text it cannot judge (71c-4: one line).
      if (reason === TOO_DEEP_YAML) continue;
      // The parser's words may quote the text (`Unresolved alias ...: abc`, a block scalar header): shown only
      // where neither they nor the line they are about hold a secret in any reading (mayQuote).
      const where = `at line ${line}, column ${column}`;
      const message = ownWords
        ? `is not valid YAML ${where}: ${reason}`
        : mayQuote(reason) && mayQuote(text.split('\n')[line - 1] ?? '')
          ? `is not valid YAML: ${redact(reason)} ${where}`
          : `is not valid YAML ${where} (the parser's words are not shown: the line may hold a secret)`;
      violations.push({ file, object: `document ${documentAt(text, offset)}`, field: '', message, line, column });
      continue;
    }
    const gatewayApi = markedGatewayApiBundle(text);
    stream.documents.forEach((object, i) => {
      const document = `document ${i + 1}`;
      if (object !== null && !isRecord(object)) {
        violations.push({
          file,
          object: document,
          field: '',
          message: `is ${redact(
            show(object),
            secretValues(object),
          )}, not a Kubernetes object (a mapping with apiVersion, kind and metadata)`,
        });
      } else if (isKubernetesObject(object)) {
        objects.push({ file, ref: objectRef(object, document), object, gatewayApi, document: i, text });
      }
    });
  }
  const context = { objects: objects.map((o) => o.object) };
  // 70a-21: a copy of a secret another object holds (a data key, a name) is blanked too, as synth's messages blank it.
  // Read at the first finding only: a run without one (every synth that writes) skips judging each object again (~15 ms).
  let runSecrets: string[] | undefined;
  const secretsOfRun = () => (runSecrets ??= objects.flatMap(({ object }) => secretValues(object)));
  // 73b-9: `located` (npm run validate): each violation at its field's place, `file:line:column:` (its help's "file and
  // line"); a file is read for them once, and only then (synth names the config's places instead).
  const places = new Map<string, (path: FieldPath, document: number) => FieldPlace | undefined>();
  const placeIn = (file: string, text: string) =>
    places.get(file) ?? places.set(file, (require('../core/yaml-field-places') as typeof FieldPlaces).fieldPlaces(text)).get(file)!;
  for (const { file, ref, object, gatewayApi, document, text } of objects) {
    const findings: Finding[] = [
      ...schemaFindings(object, gatewayApi, memo),
      ...[...API_SERVER_RULES, ...DOMAIN_RULES].flatMap((rule) => rule.check(object, context)),
    ];
    if (!findings.length) continue;
    const hide = secretsHidden(object, secretsOfRun());
    // The object's name may hold a secret too (`Password=abc`): its reference is hidden as the messages are.
    const shownRef = holdsUnshownRun(ref) ? UNSHOWN_NAME : hide({ path: ['metadata', 'name'], message: ref });
    // So may a key on the field's path (a label `Authorization: Bearer x`).
    const place = located ? placeIn(file, text) : () => undefined;
    violations.push(
      ...findings.map((f) => ({
        file,
        ...place(f.path, document),
        object: shownRef,
        field: hide({ path: f.path, message: formatField(f.path) }),
        message: describeGeneratedQuotes(hide(f)),
      })),
    );
  }
  memo.save();
  return violations;
}

/** checkSchema, skipped for an object that passed it before (schema-memo.ts); Gateway API objects are always checked. */
function schemaFindings(object: KubeObject, gatewayApi: string | undefined, memo: SchemaMemo): Finding[] {
  const remembered = typeof object.apiVersion !== 'string' || apiGroup(object.apiVersion) !== GATEWAY_API_GROUP;
  if (remembered && memo.passed(object)) return [];
  // Loaded only for an object the memo does not know: a synth that rewrites what it wrote before never checks one.
  const { checkSchema } = require('./schemas') as typeof Schemas;
  const findings = checkSchema(object, gatewayApi);
  if (remembered && !findings.length) memo.remember(object);
  return findings;
}

/**
 * A finding's message without a secret of the object: a message may quote the value it judges
 * (`env[1].value is 98765432123`). A secret shorter than four characters (which redaction replaces only
 * where quoted, not to blank every "a" of a sentence) is also hidden as a whole word in findings at or
 * around its path. `runSecrets`: the secrets of every object of the run (70a-21).
 */
function secretsHidden(object: KubeObject, runSecrets: readonly string[]): (finding: Finding) => string {
  const found = secretsInData(object);
  const values = [...found.map((secret) => secret.value), ...runSecrets];
  const prefix = (a: readonly unknown[], b: readonly unknown[]) => a.every((key, i) => key === b[i]);
  return ({ path, message }) =>
    found
      .filter((secret) => secret.value.length < 4 && (prefix(secret.path, path) || prefix(path, secret.path)))
      .reduce(
        (text, secret) =>
          text.replace(new RegExp(`(?<![\\w.-])${secret.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'g'), REDACTED),
        redact(message, values),
      );
}

/** Which document (1-based) of a YAML stream an offset falls in: `---` lines start documents. */
function documentAt(text: string, position: number): number {
  const [first, ...started] = text.slice(0, position).split(/^---/m);
  const firstHasContent = first.split('\n').some((line) => line.trim() && !line.trim().startsWith('#'));
  return Math.max(1, started.length + (firstHasContent ? 1 : 0));
}

/**
 * Which mappings are (meant as) Kubernetes objects: those with any of apiVersion, kind or metadata,
 * so a broken object is still checked while other YAML beside the manifests (K3s' config.yaml) is
 * not. Kustomize's own kustomization.yaml is read by kustomize, never sent to an API server.
 */
function isKubernetesObject(value: unknown): value is KubeObject {
  if (!isRecord(value) || !['apiVersion', 'kind', 'metadata'].some((key) => key in value)) return false;
  return !(typeof value.apiVersion === 'string' && value.apiVersion.startsWith('kustomize.config.k8s.io/'));
}

/** An object's reference whose name holds a run that looks generated: the pasted password synth says by its size (71a-24). */
const UNSHOWN_NAME = '(an object whose name looks generated, not shown: a password or token may have been pasted there)';

/** `Kind/ns/name`, JSON-quoted when a part holds a control character (an ESC or a line break would act on the terminal, 71d-4). */
function objectRef(object: KubeObject, document: string): string {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const { kind } = object;
  const { namespace, name } = metadata;
  if (typeof kind !== 'string' || typeof name !== 'string') return typeof kind === 'string' ? `${printable(kind)} (${document})` : document;
  return printable(typeof namespace === 'string' && namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`);
}

export function formatViolation(v: Violation): string {
  return `${v.file}${v.line ? `:${v.line}:${v.column}` : ''}: ${v.object}${v.field ? `: ${v.field}` : ''} ${v.message}`;
}

const HELP = `usage: npm run validate

Checks every manifest in dist/ (as it is in the working tree) offline: against the Kubernetes 1.27
schemas, the CRDs in crds/, the API server's extra rules and this project's own manifest rules;
lists every violation and every secret-shaped value (synth's secret gate: file and line, never the
value) and exits 1, else exits 0. Writes nothing. Every synth runs the same checks before it writes.
It does not judge the Traefik values of a HelmChartConfig's valuesContent by the rules synth runs on
traefik.values (only the release's size): run synth on the config for those. K3S_VIP_DIST_DIR replaces dist/
(a relative path is taken from the folder you run npm in).`;

/** `npm run validate`: checks the committed dist/ and exits 1 listing every violation. */
export function main(args: readonly string[] = []): void {
  const early = optionless(args, HELP, 'validate');
  if (early !== undefined) {
    process.exitCode = early;
    return;
  }
  const distDir = distDirFromEnv();
  const folders = ownFoldersProblem(configDirFromEnv(), distDir) ?? unreadableOutputFolder(distDir);
  if (folders) {
    process.stderr.write(`error: ${oneLine(redact(folders))}\n`);
    process.exitCode = 1;
    return;
  }
  // Quoted in messages when it holds a line break or another unprintable character.
  const shownDist = printable(distDir);
  let violations: Violation[];
  let unread: Unread[];
  let secrets: string[];
  try {
    // 73b-9: every file is judged by the secret gate (a README.md, a note added by hand), the manifests against their schemas.
    const allPaths = listFiles(distDir);
    const paths = allPaths.filter(isManifestFile);
    if (!paths.length) {
      // A link or FIFO where synth's folders go (dist/dev as a link) is named: synth refuses it, so "run synth" alone loops (68c-4).
      const odd = oddEntries(distDir).map((entry) => `${printable(entry.path)} is ${entry.kind}`);
      const why = odd.length
        ? ` it reads (${odd.join(', ')}, which validate and synth never read or write through): move ${odd.length > 1 ? 'them' : 'it'} away and`
        : ';';
      process.stderr.write(`${oneLine(redact(`validate: ${shownDist}/ holds no manifests${why} run \`npm run synth\` first.`))}\n`);
      process.exitCode = 1;
      return;
    }
    // A file past the readers' bound is refused by its size, never read (70c-5).
    const tooLarge = new Map(allPaths.map((path) => [path, tooLargeToRead(join(distDir, path), `${shownDist}/${path}`, 'validate')]));
    const readable = allPaths.filter((path) => !tooLarge.get(path));
    // 79c-3: a manifest saved as UTF-16 (or other bytes than UTF-8) is named so, not read as mojibake.
    const bytes = readable.map((path) => [path, readFileSync(join(distDir, path))] as const);
    const undecoded = bytes.flatMap(([path, b]) => {
      const why = notUtf8(b);
      return why ? [{ path, line: `${shownDist}/${path}:1:1: ${why}: save it as UTF-8, or run \`npm run synth\` to write it again` }] : [];
    });
    const texts = new Map(bytes.filter(([path]) => !undecoded.some((u) => u.path === path)).map(([path, b]) => [path, b.toString('utf8')]));
    const files = new Map([...texts].map(([path, text]) => [`${distDir}/${path}`, text]));
    // What it could not read is named, and fails it when deployed unchecked (unread-files.ts).
    unread = [
      ...unreadEntries(distDir, texts, oddEntries(distDir)),
      ...[...tooLarge.values()].filter((line) => line !== undefined).map((line) => ({ line, fatal: true })),
      ...undecoded.map(({ line }) => ({ line: printable(line), fatal: true })),
    ];
    violations = validateManifests(files, undefined, undefined, true);
    // Synth's own secret gate (output/secret-gate.ts) over the same files, so a hand-added Secret or credential
    // in dist/ fails here as it fails synth (57a-18): one line per finding, with file and line, never the value.
    secrets = secretsInFiles(texts, undefined, undefined, true);
  } catch (e) {
    const problem = (e as NodeJS.ErrnoException).code
      ? `cannot read ${shownDist}/: ${describeFileError(e, true, 'read')}`
      : (e as Error).message;
    process.stderr.write(`error: ${oneLine(redact(problem))}\n`);
    process.exitCode = 1;
    return;
  }
  for (const line of secrets) {
    process.stderr.write(
      `error: ${shownDist}/${oneLine(withRefusal(line, `no secret may be written to ${shownDist}/ (it is committed to Git): keep it in a Kubernetes Secret and reference it`))}\n`,
    );
  }
  for (const v of violations) process.stderr.write(`error: ${oneLine(formatViolation(v))}\n`);
  for (const { line, fatal } of unread) process.stderr.write(`${fatal ? 'error' : 'note'}: ${oneLine(redact(line))}\n`);
  const unreadFatal = unread.filter((entry) => entry.fatal).length;
  if (violations.length || unreadFatal || secrets.length) {
    // A text the gate could not read (67c-3), or an object too large for etcd (68c-7), is counted as such, not as a secret.
    const counts = [
      findingCounts(secrets),
      violations.length ? `${violations.length} violation(s)` : '',
      unreadFatal ? `${unreadFatal} ${unreadFatal === 1 ? 'entry' : 'entries'} not read` : '',
    ];
    process.stderr.write(`validate: ${counts.filter(Boolean).join(' and ')} in ${shownDist}/.\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write(
    `validate: every object ${unread.length ? 'it read ' : ''}in ${shownDist}/ conforms to Kubernetes 1.27, the CRDs in crds/ and the project's manifest rules (the Traefik values in a HelmChartConfig are synth's to judge).\n`,
  );
}
