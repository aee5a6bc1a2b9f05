import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Document, Node } from 'yaml';
import { isMap, isNode, isPair, isScalar, isSeq } from '../core/yaml';
import { validateClusterConfig } from '../cluster/validate';
import { deferredManifests } from '../cert-manager/wiring';
import { gitOpsNameProblem } from '../gitops/names';
import { followsFromDroppedAny } from '../core/dropped';
import { formatPath, oneLine, Path, pathKeyText, printable, Problem } from '../core/problem';
import { keyAsQuoted, redactMessage, redactProblem } from '../core/redact-message';
import { shownReferencePath } from '../core/reference-keys';
import { REDACTED, secretsInLines, secretValues } from '../core/secrets';
import { clusterFileNameProblem, unshownName } from './cluster-name';
import { allowedKeys, CONFIG_KEYS } from './config-shape';
import type { DescribedProblem } from './issues';
import { isChartValues, isK3sTokenPlace, literalTokens, literalTokensIn, TOKEN_MESSAGE_START } from './literal-tokens';
import { valuesNamedByComments } from './commented-values';
import { commentSecrets } from './comment-secrets';
import { ClusterConfig } from './schema';
import { decodeConfigBytes, orPastSyntaxCut, readYaml, sizeProblem, withLineFeeds } from './yaml-input';
import { secretsOfDoc } from './yaml-secrets';
import { unredactedPath } from './redacted-keys';
import { namedLikeConfig } from './cluster-files';
import { missingFromTabLine } from './tab-indent';
import { describeFileError } from '../output/file-system';
import { specialKindOf } from '../output/odd-entries';
import { onceEach, shownKeyPaths } from './shown-key-path';
import { standsAtKey, writtenPlace } from '../core/problem-places';
import { numberAsWritten } from './numbers-as-written';
import { foreignFile, listFile } from './foreign-file';
import { earlierValueSecrets } from './earlier-values';
import { judgedEitherWay } from './duplicate-readings';
import { isTextNode, offsetInText, textIndexOffset, textLineOffset, textPathOffset } from './text-item-offset';

/** A problem found in a config file, with where it is. */
export interface Diagnostic {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

export interface LoadedCluster {
  /** Cluster name = config file name without extension = output folder under dist/. */
  readonly name: string;
  readonly file: string;
  readonly config: ClusterConfig;
}

export interface LoadResult {
  readonly clusters: LoadedCluster[];
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
}

/**
 * Loads and validates every `<cluster>.yaml` directly inside `dir` (sub-folders such as examples/
 * are not clusters). A link to a file counts as that file: dropping it silently would delete the
 * cluster's output. With `only`, files of other clusters are not read (`--cluster`).
 */
export function loadConfigDir(dir: string, only?: ReadonlySet<string>): LoadResult {
  const files: string[] = [];
  const errors: Diagnostic[] = [];
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!namedLikeConfig(entry.name)) continue;
      if (only && !only.has(clusterName(entry.name))) continue;
      const file = join(dir, entry.name);
      if (!extname(entry.name)) {
        const message = `is named only ${entry.name}: a config file is <cluster>.yaml, and <cluster> names its output folder dist/<cluster>/; rename it`;
        errors.push({ file, path: [], message });
      } else if (entry.isFile()) files.push(file);
      else {
        // Anything else named like a config (a folder, a link to one, a pipe) is refused, never skipped:
        // skipping it would delete the cluster's output.
        const target = entry.isSymbolicLink() ? linkTarget(file) : entry;
        if (typeof target === 'string') errors.push({ file, path: [], message: target });
        else if (target.isFile()) files.push(file);
        else {
          const what = target.isDirectory() ? 'a folder' : 'not a regular file';
          const message = `is ${what}${entry.isSymbolicLink() ? ' (through a symbolic link)' : ''}: a <cluster>.yaml must be a file; rename it or move it out of ${dir}/`;
          errors.push({ file, path: [], message });
        }
      }
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'no such folder: create it with a <cluster>.yaml (`npm run new -- <name>`), or point K3S_VIP_CONFIG_DIR at your config folder'
        : code === 'ENOTDIR'
          ? `is ${[specialKindOf(dir), 'not a folder'].filter(Boolean).join(', ')}: point K3S_VIP_CONFIG_DIR at the folder of <cluster>.yaml files`
          : `cannot read the config folder: ${(e as Error).message}`;
    return { clusters: [], errors: [{ file: dir, path: [], message }], warnings: [] };
  }
  if (files.length === 0 && errors.length === 0) {
    return {
      clusters: [],
      errors: [{ file: dir, path: [], message: 'holds no <cluster>.yaml file: add one with `npm run new -- <name>`' }],
      warnings: [],
    };
  }
  const result = loadConfigFiles(files.sort());
  return { ...result, errors: [...errors, ...result.errors], clusters: errors.length ? [] : result.clusters };
}

/** Loads and validates the given config files; also checks that no two write the same folder. */
function loadConfigFiles(files: readonly string[]): LoadResult {
  const clusters: LoadedCluster[] = [];
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const owners = new Map<string, string>();
  for (const file of files) {
    const name = clusterName(file);
    // Every message names its file: what the file's own name may hold (`password=abc.yaml`) is redacted from them all.
    // Each judged alone: a list of the two reads as one text, which judges neither (57a-8). The name first: the file's
    // own name reads its `.yaml` as a suffix of the value (58a-3), and the message keeps the suffix it can show.
    const named = unshownName(name);
    const nameSecrets = named.length ? named : secretValues(basename(file));
    const hidden = (d: Diagnostic): Diagnostic =>
      nameSecrets.length ? { ...redactProblem(d, nameSecrets), file: redactMessage(d.file, nameSecrets) } : d;
    const fileErrors: Diagnostic[] = [];
    // A name like a secret (`token-zq8v…`) would name dist/<name>/ and every chart and file cdk8s writes there: refused
    // here, named by neither the file nor the folder (`hidden` blanks both), never left to the constructs (57a-8).
    const badName = clusterFileNameProblem(name, basename(file));
    if (badName) {
      fileErrors.push({
        file,
        path: [],
        message: `the file name gives the cluster name and the output folder dist/${name}/, but ${badName}: rename the file`,
      });
    }
    const owner = owners.get(name);
    if (owner) {
      fileErrors.push({ file, path: [], message: `writes dist/${name}/, as ${owner} does: rename or remove one of the two files` });
    }
    owners.set(name, owner ?? file);
    const loaded = loadConfigFile(file);
    fileErrors.push(...loaded.errors);
    const gitops = loaded.config?.gitops;
    const longName = gitops && !badName && gitOpsNameProblem(name, gitops.engine, deferredManifests(loaded.config!).length > 0);
    if (longName) fileErrors.push({ file, path: ['gitops'], message: longName });
    errors.push(...fileErrors.map(hidden));
    warnings.push(...loaded.warnings.map(hidden));
    if (loaded.config && !badName && !owner) clusters.push({ name, file, config: loaded.config });
  }
  return { clusters: errors.length ? [] : clusters, errors, warnings };
}

/**
 * What a symbolic link in the config folder leads to, or what is wrong with it, said at the link: a loop (ELOOP) or an
 * unreadable target is this entry's problem, and the folder's other entries are still judged (69c-11).
 */
function linkTarget(file: string): Stats | string {
  const advice = 'point it at the config file, or remove it';
  try {
    return statSync(file, { throwIfNoEntry: false }) ?? `is a symbolic link to nothing: ${advice}`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return `is a symbolic link that leads back to itself (a loop of links): ${advice}`;
    return `is a symbolic link whose target cannot be read (${code ?? 'unknown error'}): ${advice}`;
  }
}

function clusterName(file: string): string {
  return basename(file, extname(file));
}

/** Parses one config file: bytes, YAML syntax, then the schema, then the cross-value rules. */
export function loadConfigFile(file: string): { config?: ClusterConfig; errors: Diagnostic[]; warnings: Diagnostic[] } {
  let decoded: ReturnType<typeof decodeConfigBytes>;
  try {
    // Refuse an oversized file before reading it all.
    const tooBig = sizeProblem(statSync(file).size);
    decoded = tooBig ? { problem: tooBig } : decodeConfigBytes(readFileSync(file));
  } catch (e) {
    return { errors: [{ file, path: [], message: `cannot read the file: ${describeFileError(e, true, 'read')}` }], warnings: [] };
  }
  if (decoded.problem) return { errors: [{ file, ...decoded.problem }], warnings: [] };
  return parseConfigText(file, decoded.text!);
}

export function parseConfigText(file: string, written: string): { config?: ClusterConfig; errors: Diagnostic[]; warnings: Diagnostic[] } {
  const text = withLineFeeds(written);
  const input = readYaml(text, CONFIG_KEYS);
  // The YAML layer's messages leave out values under secret keys; as a second guard, every secret of what
  // did parse is redacted too (shapes always are). So is every secret inside a merge key's map, from every
  // message about the file: the data validated below is read without it, but an alias may still show its values.
  // A key written twice is read with its last value (duplicate-keys.ts): the earlier ones' secrets are read line by line.
  const earlier = input.problems.some((p) => p.duplicateKey) ? secretsInLines(text) : [];
  const commented = commentSecrets(file, text); // 76a-20: refused as `new --from` refuses them, blanked in every message
  const secrets = [...commented.secrets, ...(input.problems.length ? [...secretsOfDoc(input.doc, text), ...earlier] : [])];
  const hidden = (d: Diagnostic): Diagnostic => (secrets.length ? redactProblem(d, secrets) : d);
  // Their key paths are made of raw keys: none below a secret, none that may hold one (shown-key-path.ts); a path
  // cut short may name one place twice on a line (the parser's errors of `value: abc: x: y`): said once.
  const shownPath = shownKeyPaths(input.problems.length ? input.doc : undefined);
  const yamlErrors = onceEach(
    input.problems.map(({ leftOut: _, dropped: __, duplicateKey: ___, overExpanded: ____, missingIn: _____, ...p }): Diagnostic => ({
      file,
      ...p,
      path: shownPath(p.path),
    })),
  );
  if (input.data === undefined && yamlErrors.length) return { errors: byPosition(yamlErrors.map(hidden)), warnings: [] };
  // The keys a merge key would have brought (left out by the YAML reader) explain the findings in its map,
  // except those under the keys written beside it: `{version: banana, <<: *b}` still reports the version.
  const cuts = input.problems.flatMap((p) => (p.leftOut ? [{ path: p.path, written: new Set(p.leftOut.written) }] : []));
  // A value the YAML reader refused and left out (a `__proto__` key, a control character written as an escape): a
  // finding at or under it would only repeat the refusal (src/core/dropped.ts).
  const dropped = input.problems.flatMap((p) => (p.dropped ? [p.dropped] : []));
  const followsFromDropped = orPastSyntaxCut(followsFromDroppedAny(dropped), input.doc, input.judgedBefore); // 78b-4
  const tabLineKey = missingFromTabLine(
    input.problems.flatMap((p) => p.missingIn ?? []),
    input.data,
  );
  const explained = (p: Problem) =>
    followsFromDropped(p.path) ||
    tabLineKey(p.path) ||
    cuts.some(
      (cut) =>
        cut.path.every((key, i) => p.path[i] === key) &&
        !(p.path.length > cut.path.length && cut.written.has(String(p.path[cut.path.length]))),
    );
  const { doc, lines, data } = input;
  const at = (offset: number | undefined) =>
    offset === undefined ? {} : { line: lines.linePos(offset).line, column: lines.linePos(offset).col };

  if (data === null || data === undefined) {
    const message =
      'is empty: write at least the Traefik VIP, e.g. `traefik: {loadBalancerIPs: [192.168.0.41]}`; config/examples/ has complete files';
    return { errors: byPosition([...yamlErrors, { file, path: [], message }].map(hidden)), warnings: [] };
  }
  // 79b-18: a config written as a list item (a stray `- ` before its first key): said with what to remove, not echoed.
  const list = Array.isArray(data) && isSeq(doc?.contents) ? listFile(data, doc.contents, text) : undefined;
  if (list) return { errors: [hidden({ file, path: [], ...at(doc!.contents!.range![0]), message: list })], warnings: [] };
  const foreign = foreignFile(data);
  // Not a config (a rendered manifest copied in): that alone is said, not how its values break a config's rules (47b-3).
  if (foreign) return { errors: [hidden({ file, path: [], message: foreign })], warnings: [] };
  // A problem about one line of a `|` block stands at that line (core/secret-place.ts names it).
  const dataPath = shownKeyPaths(doc);
  // A problem whose keys a redaction blanked is located by its path as written (problem-places.ts, 57a-12).
  const locate = (found: Problem): Diagnostic => {
    const { textLine, textIndex, textPath, ...problem } = found;
    const written = writtenPlace(found);
    const end = problem.path.length - 1;
    const atKey = standsAtKey(found) || (written !== undefined && written[end] !== problem.path[end]); // 77a-4, 57a-12
    const where = { ...problem, ...(written && { path: written, written: true }), keyBlanked: atKey };
    return {
      file,
      ...at(
        (textLine && textLineOffset(doc!, where.path, textLine, text)) ??
          (textIndex !== undefined ? textIndexOffset(doc!, where.path, textIndex, text) : undefined) ??
          (textPath && textPathOffset(doc!, where.path, textPath, text)) ??
          offsetOf(doc!, where, text),
      ),
      ...problem,
      message: numberAsWritten(doc!, where.path, problem.message),
      path: numberedBlanks(doc!, dataPath(problem.path), written),
    };
  };

  // A literal token is refused wherever it is (comments too), with one message instead of "unknown key".
  const tokens = literalTokens(doc!, text);
  const tokenErrors = tokens.map((t) =>
    t.offset === undefined ? locate(t) : { file, ...at(t.offset), path: dataPath(t.path), message: t.message },
  );
  // Only a `token:` key's own findings give way: a text's other lines holding secrets are still said (45a-19).
  const tokenKeys = new Set(tokens.map((t) => formatPath(t.offset === undefined ? t.path : [])));
  // 84a-11: a secret in the earlier value of a key written twice, beside the duplicate-key line (a token's said above).
  const earlierSecrets = earlierValueSecrets(doc!, new Set(tokens.map((t) => formatPath(t.path))));
  secrets.push(...earlierSecrets.map((s) => s.value));
  const merged = (problems: DescribedProblem[]) =>
    withoutFollowOns(
      problems
        .filter((p) => !tokenKeys.has(formatPath(p.path)) || unknownChartKey(p))
        .map(({ yamlMessage, ...p }) => (yamlMessage ? { ...p, message: yamlMessage } : p)),
      doc!,
    );
  // 85b-6: beside a key written twice, only what holds whichever of its values is kept (duplicate-readings.ts).
  const judge = (input: unknown) => validateClusterConfig(input, merged, clusterName(file), dropped);
  const { config, errors, warnings } = judgedEitherWay(doc!, data, judge);
  // The file's own token findings are located in the text (comments too); the data's would repeat them, unless the
  // text holds the token only escaped (`"K1\x30::…"`), which the text's scan cannot see; the YAML reader's alike (79a-6).
  // A token on a line of a text is said by the data's finding, which names the key path and the line (45a-19).
  const isToken = (e: Problem) => e.message.startsWith(TOKEN_MESSAGE_START);
  const repeated = (e: Problem) => isToken(e) && e.textLine === undefined && heldAsWritten(doc!, text, e.path);
  const textRanges = errors.flatMap((e) => (isToken(e) && e.textLine !== undefined ? [nodeRange(doc!, e.path)] : []));
  const inText = (offset: number | undefined) => offset !== undefined && textRanges.some((r) => r && offset >= r[0] && offset < r[1]);
  const allErrors = [
    ...yamlErrors.filter((e) => !(isToken(e) && tokenErrors.some((t) => formatPath(t.path) === formatPath(e.path)))),
    ...errors.filter((e) => (!tokenKeys.has(formatPath(e.path)) || unknownChartKey(e)) && !repeated(e) && !explained(e)).map(locate),
    ...tokenErrors.filter((_, i) => !inText(tokens[i].offset)),
    ...earlierSecrets.map(({ offset, problem }) => ({ file, ...at(offset), ...problem, path: dataPath(problem.path) })),
    ...valuesNamedByComments(doc!).map(locate),
    ...commented.errors.filter((e) => !tokenErrors.some((t) => t.line === e.line)),
  ];
  // Never a file with neither a config nor a word: synth would take the cluster for gone and delete its output.
  if (!config && !allErrors.length) allErrors.push({ file, path: [], message: UNREPORTED });
  const shownWarnings = warnings.filter((w) => !explained(w)).map(locate);
  return {
    config: allErrors.length ? undefined : config,
    errors: byPosition(allErrors.map(hidden)),
    warnings: byPosition(shownWarnings.map(hidden)),
  };
}

/**
 * `shown` with each key blanked whole (`<redacted>`) named by its place in its map (`<redacted key 3>`), where the
 * key path as written is known: three secret-shaped keys of one map read as three keys, not one (57a-12).
 */
function numberedBlanks(doc: Document, shown: Path, written: Path | undefined): Path {
  if (!written || written.length < shown.length) return shown;
  return shown.map((key, i) => {
    if (key !== REDACTED) return key;
    const at = pairOf(doc, written.slice(0, i), written[i])?.index;
    return at === undefined ? key : `<redacted key ${at + 1}>`;
  });
}

/**
 * An unknown key stays said beside its token finding where the token is no K3s one: a chart's (`ports.web.token`,
 * 57a-13), or any outside K3s' places (`ingresses[0].token`, 59a-15).
 */
const unknownChartKey = (p: Problem & { unknownKey?: string }): boolean =>
  (isChartValues(p.path) || !isK3sTokenPlace(p.path)) && (p.unknownKey !== undefined || p.message.startsWith('is not a key of'));

const UNREPORTED = 'is refused for a reason this tool failed to name (a bug): run again with K3S_VIP_DEBUG=1 to see where, and report it';

/** The pair of the map at `parent` whose scalar key is `key`: its place in the map and its key's node. */
function pairOf(doc: Document, parent: Path, key: unknown): { index: number; key?: Node } | undefined {
  const map = doc.getIn(parent, true);
  const index = isMap(map) ? map.items.findIndex((p) => isPair(p) && isScalar(p.key) && p.key.value === key) : -1;
  if (index < 0 || !isMap(map)) return undefined;
  const node = map.items[index].key;
  return { index, key: isNode(node) ? node : undefined };
}

/** The range in the file's text of the node at `path`, if it is a node of the file. */
function nodeRange(doc: Document, path: readonly (string | number)[]): readonly number[] | undefined {
  const node = doc.getIn(path, true);
  return isNode(node) ? (node.range ?? undefined) : undefined;
}

/**
 * Whether the text of the node at `path` holds a K3s token as written (literalTokens finds it there); a path into
 * text read as data (an `extraObjects` text item) goes by the node of that text.
 */
function heldAsWritten(doc: Document, text: string, path: readonly (string | number)[]): boolean {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return literalTokensIn(text.slice(node.range[0], node.range[1]));
  }
  return false;
}

/** Top to bottom, as the user reads the file. */
function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.column ?? 0) - (b.d.column ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}

/**
 * `kubeVip:` with its keys dedented to column 1 leaves kubeVip empty and makes its keys unknown at the top:
 * one message, on the empty key, that names the keys to indent.
 */
function withoutFollowOns(problems: DescribedProblem[], doc: Document): Problem[] {
  const adopted = new Set<DescribedProblem>();
  const merged = problems.map((problem) => {
    if (!problem.emptyBlock) return problem;
    const parent = formatPath(problem.path.slice(0, -1));
    const own = allowedKeys(problem.path);
    const strays = problems.filter(
      (p) =>
        p.unknownKey &&
        own.includes(p.unknownKey) &&
        formatPath(p.path.slice(0, -1)) === parent &&
        (offsetOf(doc, p) ?? 0) > (offsetOf(doc, problem) ?? 0),
    );
    if (!strays.length) return problem;
    strays.forEach((p) => adopted.add(p));
    const name = problem.path[problem.path.length - 1];
    const keys = strays.map((p) => `\`${p.unknownKey}\``).join(', ');
    const [verb, them] = strays.length === 1 ? ['belongs', 'that key'] : ['belong', 'those keys'];
    return { path: problem.path, message: `is empty, and ${keys} below it ${verb} to it: indent ${them} under \`${name}:\`` };
  });
  return merged.filter((p) => !adopted.has(p));
}

/**
 * Start offset of the YAML node a problem is about: the unknown key itself, else the deepest existing node; with the
 * file's `text`, a path into a text read as data (an `extraObjects` text item) goes to its line where that can be said
 * (text-item-offset.ts).
 */
type Located = Problem & { unknownKey?: string; written?: boolean; keyBlanked?: boolean };
function offsetOf(doc: Document, written: Located, text?: string): number | undefined {
  const problem = { ...written, path: written.written ? written.path : unredactedPath(doc, written.path) }; // 56a-11
  // A problem about a key a redaction blanked (a key shaped like a secret), or about a key's own name (Problem.aboutName:
  // a chart value's key that is a Traefik flag, 77a-4), stands at that key, not at its value (57a-12).
  const last = problem.path[problem.path.length - 1];
  if (written.keyBlanked && typeof last === 'string') {
    const key = pairOf(doc, problem.path.slice(0, -1), last)?.key;
    if (key) return key.range?.[0];
  }
  if (problem.unknownKey) {
    const key = pairOf(doc, problem.path.slice(0, -1), problem.unknownKey)?.key;
    if (key) return key.range?.[0];
  }
  for (let depth = problem.path.length; depth >= 0; depth--) {
    const node = doc.getIn(problem.path.slice(0, depth), true);
    if (!isNode(node)) continue;
    const inner =
      text !== undefined && depth < problem.path.length && isTextNode(node)
        ? offsetInText(node, problem.path.slice(depth), text)
        : undefined;
    return inner ?? node.range?.[0];
  }
  return undefined;
}

/** `config/dev.yaml:7:5: kubeVip.interface: "eth 0" is not ...` */
export function formatDiagnostic(d: Diagnostic): string {
  // A file or key named with a line break or another unprintable ("a\nb", written with escapes) is quoted: one line.
  const file = printable(d.file);
  const where = d.line === undefined ? file : `${file}:${d.line}:${d.column}`;
  // A key over 80 characters is named by its size, as a value is (quotedText): the line and column find it.
  // None below a Secret reference at a key no reference has (core/reference-keys.ts): the line and column find it.
  const shown = shownReferencePath(d.path);
  const line = (blanked: ReadonlySet<string>): string => {
    const key = formatPath(shown.map((k) => (typeof k !== 'string' ? k : blanked.has(k) ? REDACTED : pathKeyText(keyAsQuoted(k)))));
    const message = [...blanked].reduce((text, k) => text.split(JSON.stringify(k)).join(`"${REDACTED}"`), d.message);
    return `${where}: ${key ? `${key}: ` : ''}${message}`;
  };
  // The last guard: whatever reached this line, no secret-shaped value is printed (nor a value it quotes that the value
  // readers refuse: redactMessage), and it stays one line. A key the message quotes and the guard blanks there is
  // blanked in the key path too (56a-5: `traefik.secretkeyQm7…: unknown key "<redacted>"`).
  const full = line(new Set());
  const judged = redactMessage(full, []);
  const blanked = new Set(
    shown.filter(
      (k): k is string => typeof k === 'string' && k.length >= 4 && full.includes(JSON.stringify(k)) && !judged.includes(JSON.stringify(k)),
    ),
  );
  return oneLine(blanked.size ? redactMessage(line(blanked), []) : judged);
}
