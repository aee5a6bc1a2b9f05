import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Document, isMap, isNode, isPair, isScalar } from 'yaml';
import { z } from 'zod';
import { dns1123Label } from './formats';
import { literalTokens } from './inventory-rules';
import { applyBundledTraefikChart } from '../k3s/bundled-traefik';
import { checkClusterRules, formatPath, Problem } from './rules';
import { ClusterConfig, clusterConfigSchema } from './schema';
import { CONTROL_CHARACTER, decodeConfigBytes, readYaml, sizeProblem } from './yaml-input';

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

const CONFIG_EXTENSIONS = ['.yaml', '.yml'];

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
      if (!CONFIG_EXTENSIONS.includes(extname(entry.name).toLowerCase())) continue;
      if (only && !only.has(clusterName(entry.name))) continue;
      const file = join(dir, entry.name);
      if (entry.isFile()) files.push(file);
      else if (entry.isSymbolicLink()) {
        const target = statSync(file, { throwIfNoEntry: false });
        if (target?.isFile()) files.push(file);
        else if (!target)
          errors.push({ file, path: [], message: 'is a symbolic link to nothing: point it at the config file, or remove it' });
      }
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'no such folder: create it with a <cluster>.yaml (`npm run new -- <name>`), or point K3S_VIP_CONFIG_DIR at your config folder'
        : code === 'ENOTDIR'
          ? 'is not a folder: point K3S_VIP_CONFIG_DIR at the folder of <cluster>.yaml files'
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
    const badName = dns1123Label(name);
    if (badName) {
      errors.push({
        file,
        path: [],
        message: `the file name gives the cluster name and the output folder dist/${name}/, but ${badName}: rename the file`,
      });
    }
    const owner = owners.get(name);
    if (owner) {
      errors.push({ file, path: [], message: `writes dist/${name}/, as ${owner} does: rename or remove one of the two files` });
    }
    owners.set(name, owner ?? file);
    const loaded = loadConfigFile(file);
    errors.push(...loaded.errors);
    warnings.push(...loaded.warnings);
    if (loaded.config && !badName && !owner) clusters.push({ name, file, config: loaded.config });
  }
  return { clusters: errors.length ? [] : clusters, errors, warnings };
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
    return { errors: [{ file, path: [], message: `cannot read the file: ${(e as Error).message}` }], warnings: [] };
  }
  if (decoded.problem) return { errors: [{ file, ...decoded.problem }], warnings: [] };
  return parseConfigText(file, decoded.text!);
}

export function parseConfigText(file: string, text: string): { config?: ClusterConfig; errors: Diagnostic[]; warnings: Diagnostic[] } {
  const input = readYaml(text, CONFIG_KEYS);
  if (input.problems.length) return { errors: byPosition(input.problems.map((p) => ({ file, ...p }))), warnings: [] };
  const { doc, lines, data } = input;
  const at = (offset: number | undefined) =>
    offset === undefined ? {} : { line: lines.linePos(offset).line, column: lines.linePos(offset).col };

  if (data === null || data === undefined) {
    const message =
      'is empty: write at least the Traefik VIP, e.g. `traefik: {loadBalancerIPs: [192.168.0.41]}`; config/examples/ has complete files';
    return { errors: [{ file, path: [], message }], warnings: [] };
  }
  const locate = (problem: Problem): Diagnostic => ({ file, ...at(offsetOf(doc!, problem)), ...problem });

  // A literal token is refused wherever it is (comments too), with one message instead of "unknown key".
  const tokens = literalTokens(doc!, text);
  const tokenErrors = tokens.map((t) => (t.offset === undefined ? locate(t) : { file, ...at(t.offset), path: t.path, message: t.message }));
  const tokenKeys = new Set(tokens.map((t) => formatPath(t.path)));

  const { config, errors, warnings } = validateClusterConfig(data, (problems) =>
    withoutFollowOns(
      problems.filter((p) => !tokenKeys.has(formatPath(p.path))),
      doc!,
    ),
  );
  const allErrors = [...errors.map(locate), ...tokenErrors];
  return { config: allErrors.length ? undefined : config, errors: byPosition(allErrors), warnings: byPosition(warnings.map(locate)) };
}

/** The outcome of validating a config: the config with defaults when there are no errors. */
export interface ConfigValidation {
  readonly config?: ClusterConfig;
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

/**
 * The one validation of a cluster config, for the YAML files and the TypeScript API alike: the schema
 * (each value on its own), then, when that passes, the cross-value rules. `mergeSchemaProblems` lets
 * the YAML path merge problems that only the file's layout explains (a dedented block).
 */
export function validateClusterConfig(
  data: unknown,
  mergeSchemaProblems: (problems: DescribedProblem[]) => Problem[] = (problems) => problems,
): ConfigValidation {
  const parsed = clusterConfigSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const problems = mergeSchemaProblems(withoutMisspeltRequired(parsed.error.issues.flatMap(describeIssue)));
    return { errors: [...problems, ...rulesDespite(data, problems)], warnings: [] };
  }
  // With k3s.version set, the chart K3s bundles is the default chart version.
  const bundled = applyBundledTraefikChart(data, parsed.data);
  const { errors, warnings } = checkClusterRules(bundled.config);
  return { config: errors.length ? undefined : bundled.config, errors, warnings: [...warnings, ...bundled.warnings] };
}

/**
 * The cross-value findings of a config some of whose values are invalid, so one run shows every
 * problem: the invalid values are left out (a value inside a list takes its whole list along, as
 * indices must not shift), the rest is parsed again, and findings about a left-out value or its
 * parents are dropped (their own messages stand). Gives up when what is left still does not parse.
 */
function rulesDespite(data: unknown, problems: readonly DescribedProblem[]): Problem[] {
  const pruned = structuredClone(data) as Record<string, unknown>;
  // A misspelt key's right spelling counts as left out too: "is missing" would only repeat "did you mean".
  const removed: Array<ReadonlyArray<string | number>> = problems
    .filter((p) => p.suggestion)
    .map((p) => [...p.path.slice(0, -1), p.suggestion!]);
  let issues: ReadonlyArray<{ path: ReadonlyArray<string | number> }> = problems;
  for (let round = 0; round < 3; round++) {
    for (const { path } of issues) {
      const firstIndex = path.findIndex((key) => typeof key === 'number');
      const cut = firstIndex < 0 ? path : path.slice(0, firstIndex);
      if (!cut.length) return [];
      const parent = cut.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], pruned);
      if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[cut[cut.length - 1]];
      removed.push(cut);
    }
    const parsed = clusterConfigSchema.safeParse(pruned);
    if (parsed.success) {
      const related = (a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>) =>
        a.slice(0, Math.min(a.length, b.length)).every((key, i) => key === b[i]);
      const { config } = applyBundledTraefikChart(pruned, parsed.data);
      return checkClusterRules(config).errors.filter((finding) => !removed.some((cut) => related(cut, finding.path)));
    }
    issues = parsed.error.issues.map((issue) => ({ path: issue.path.filter((k): k is string | number => typeof k !== 'symbol') }));
  }
  return [];
}

/** Top to bottom, as the user reads the file. */
function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.column ?? 0) - (b.d.column ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}

/**
 * A required key that is only missing because it is misspelt (`certresolver` for `certResolver`)
 * needs one message, the "did you mean" one, not also "is required".
 */
function withoutMisspeltRequired(problems: DescribedProblem[]): DescribedProblem[] {
  const suggested = new Set(problems.filter((p) => p.suggestion).map((p) => formatPath([...p.path.slice(0, -1), p.suggestion!])));
  return problems.filter((p) => !(p.message.startsWith('is required') && suggested.has(formatPath(p.path))));
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

/** Start offset of the YAML node a problem is about: the unknown key itself, else the deepest existing node. */
function offsetOf(doc: Document, problem: Problem & { unknownKey?: string }): number | undefined {
  if (problem.unknownKey) {
    const parent = doc.getIn(problem.path.slice(0, -1), true);
    const pair = isMap(parent) ? parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === problem.unknownKey) : undefined;
    if (pair && isNode(pair.key)) return pair.key.range?.[0];
  }
  for (let depth = problem.path.length; depth >= 0; depth--) {
    const node = doc.getIn(problem.path.slice(0, depth), true);
    if (isNode(node)) return node.range?.[0];
  }
  return undefined;
}

/** A problem with what later steps need to merge or drop follow-on problems. */
export type DescribedProblem = Problem & { unknownKey?: string; suggestion?: string; emptyBlock?: boolean };

/** Turns one zod issue into problems whose message names the bad value and what is expected. */
export function describeIssue(issue: z.core.$ZodIssue): DescribedProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const allowed = allowedKeys(path);
        // `{host:a.example.com}`: in a flow mapping, YAML reads a missing space after the colon as one key.
        const [, glued, value] = /^([^:]+):(.+)$/.exec(key) ?? [];
        if (glued && allowed.includes(glued)) {
          const message = `unknown key ${show(key)}: write \`${glued}: ${value}\` with a space after the colon`;
          return { path: [...path, key], unknownKey: key, suggestion: glued, message };
        }
        const guess = closest(key, allowed);
        return {
          path: [...path, key],
          unknownKey: key,
          suggestion: guess,
          message: `unknown key ${show(key)}${guess ? `: did you mean "${guess}"?` : ''} Allowed here: ${allowed.join(', ')}`,
        };
      });
    case 'invalid_type': {
      if (input === undefined) {
        const description = schemaAt(path)?.description;
        return [{ path, message: `is required${description ? `: ${description}` : `: expected ${article(issue.expected)}`}` }];
      }
      if (input === null && (issue.expected === 'object' || issue.expected === 'array' || issue.expected === 'record')) {
        const content = issue.expected === 'array' ? 'items' : 'keys';
        return [{ path, emptyBlock: true, message: `is empty: give its ${content} on the lines below it, indented, or remove it` }];
      }
      if (input === null) {
        const schema = schemaAt(path);
        const description = schema && (schema.description ?? unwrap(schema).description);
        return [{ path, message: `is empty: give a value${description ? ` (${description.replace(/\.$/, '')})` : ''}, or remove the key` }];
      }
      if (issue.expected === 'array' && (typeof input === 'string' || typeof input === 'number')) {
        const item = typeof input === 'string' && /^[\w.-]+$/.test(input) ? input : show(input);
        return [{ path, message: `${show(input)} is ${kind(input)}: write it as a list: [${item}]` }];
      }
      if (issue.expected === 'array' && kind(input) === 'a mapping') {
        const first = Object.keys(input as object)[0];
        const example = first ? `, e.g. "- ${first}: ..."` : '';
        return [{ path, message: `is a mapping, but a list is expected: start each item with "- "${example}` }];
      }
      const custom = issue.message.startsWith('Invalid input') ? undefined : issue.message;
      return [{ path, message: `${show(input)} is ${kind(input)}: ${custom ?? `expected ${article(issue.expected)}`}` }];
    }
    case 'invalid_union': {
      if (input === undefined) return [{ path, message: `is required: ${schemaAt(path)?.description ?? 'expected a value'}` }];
      // Prefer the branch the input's shape matched (only nested values fail: `solver: {dns01: ...}` is the
      // object branch), then one whose type matched (its message is specific), else describe the union.
      const matched = (check: (i: z.core.$ZodIssue) => boolean) => issue.errors.find((branch) => branch.length && branch.every(check));
      const specific = matched((i) => i.path.length > 0) ?? matched((i) => i.code !== 'invalid_type');
      if (specific) return specific.flatMap((i) => describeIssue({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
      return [{ path, message: `${show(input)} is ${kind(input)}: ${schemaAt(path)?.description ?? 'not allowed here'}` }];
    }
    case 'invalid_key': {
      // A record key (a resolver, pool or label name) that fails its format rule: that rule's sentence.
      const inner = issue.issues.map((i) => i.message).find((m) => !m.startsWith('Invalid'));
      return [{ path, message: inner ?? `${show(input)} is not allowed as a name here` }];
    }
    case 'too_small':
      if (issue.origin === 'array') return [{ path, message: `is empty: list at least ${issue.minimum} entry` }];
      return [{ path, message: `${show(input)} is too small: expected at least ${issue.minimum}` }];
    case 'too_big':
      return [{ path, message: `${show(input)} is too big: expected at most ${issue.maximum}` }];
    case 'invalid_value': {
      const expected = issue.values.length === 1 ? show(issue.values[0]) : `one of ${issue.values.map(show).join(', ')}`;
      return [{ path, message: `${show(input)} is not allowed: expected ${expected}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

/** Every key name the schema knows, at any level (to recognise `host:value` written without a space). */
const CONFIG_KEYS: ReadonlySet<string> = (() => {
  const keys = new Set<string>();
  const visit = (schema: z.ZodType | undefined): void => {
    if (!schema) return;
    type Children = { shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[] };
    const def = unwrap(schema)._zod.def as Children;
    for (const [key, value] of Object.entries(def.shape ?? {})) {
      keys.add(key);
      visit(value);
    }
    [def.element, def.valueType, ...(def.options ?? [])].forEach(visit);
  };
  visit(clusterConfigSchema);
  return keys;
})();

/** The schema of the value at `path`, through optional/default wrappers, lists and objects. */
function schemaAt(path: ReadonlyArray<string | number>): z.ZodType | undefined {
  let schema: z.ZodType | undefined = clusterConfigSchema;
  for (const key of path) {
    if (!schema) return undefined;
    const def = unwrap(schema)._zod.def as { shape?: Record<string, z.ZodType>; element?: z.ZodType };
    schema = typeof key === 'number' ? def.element : def.shape?.[key];
  }
  return schema;
}

function unwrap(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  return def.innerType && ['optional', 'default', 'nullable', 'prefault'].includes(def.type) ? unwrap(def.innerType) : schema;
}

/** Keys the schema allows at an object path (for "did you mean" and the allowed list). */
function allowedKeys(path: ReadonlyArray<string | number>): string[] {
  const schema = schemaAt(path);
  const shape = schema && (unwrap(schema)._zod.def as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** A near miss by spelling (`inteface`), else a longer or shorter form of an allowed key (`hostname` for `host`). */
export function closest(key: string, candidates: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (bestDistance <= Math.max(2, Math.floor(key.length / 3))) return best;
  const related = (candidate: string) => {
    const [shorter, longer] = [lower, candidate.toLowerCase()].sort((a, b) => a.length - b.length);
    return shorter.length >= 3 && shorter.length * 2 >= longer.length && longer.includes(shorter);
  };
  const isPrefix = (candidate: string) => lower.startsWith(candidate.toLowerCase()) || candidate.toLowerCase().startsWith(lower);
  const relatedKeys = candidates.filter(related);
  return relatedKeys.find(isPrefix) ?? relatedKeys[0];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    object: 'a mapping of keys',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}

/** `config/dev.yaml:7:5: kubeVip.interface: "eth 0" is not ...` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column}`;
  // A key written with escapes ("a\nb") must not split the one-line message.
  const key = formatPath(d.path.map((k) => (typeof k === 'string' && CONTROL_CHARACTER.test(k) ? JSON.stringify(k) : k)));
  return `${where}: ${key ? `${key}: ` : ''}${d.message}`;
}
