import { readManifestText } from './manifest-text';
import { duplicateKeyProblems } from './text-duplicate-keys';
import { formatPath, Path, Problem, quotedText } from './problem';
import { mayQuoteControlText } from './quotable';
import { REDACTED, secretsInData, secretUnder } from './secrets';
import { secretLineProblems } from './secret-place';
import { isIndex, isPlainListPrototype, isPlainPrototype, notPlainData } from './plain-prototypes';

export { notPlainData };

/**
 * The plain-data gate every input passes before anything reads it: a YAML file's parsed data and a
 * construct's props alike. Input is read exactly once into a deep-frozen copy, so no getter, proxy or
 * later mutation can change what was validated; anything YAML could not have produced is refused by
 * name, with the same rules as the YAML reader (src/config/yaml-input.ts).
 */

/**
 * The deepest real key is 7 levels down (kubeVip.services.ipPool.namespaces.<ns>.range[0]); 32 leaves room
 * and keeps the recursive readers (YAML composer, schema, rules) far from the JavaScript stack limit.
 */
export const MAX_DEPTH = 32;
/** A cluster has tens of Ingresses, not thousands; the bound also caps the pairwise checks (duplicate VIPs, routes). */
export const MAX_ENTRIES = 1000;
/** Keys that name JavaScript object internals: never a config key, and unsafe in records. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** In keys and values: no config value spans lines or holds tabs or escapes. U+2028/9 break lines too. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** `1st`, `2nd`, `3rd`, `11th`, `21st`. */
const ordinal = (n: number): string => `${n}${(n % 100 >= 11 && n % 100 <= 13 ? undefined : ['th', 'st', 'nd', 'rd'][n % 10]) ?? 'th'}`;
/** Which key of a map a message means, without showing it (it may be lines of a secret): `its 2nd key of 3` (48a-18). */
export const keyPlace = (index: number, count: number): string =>
  `remove the character from ${count === 1 ? 'its only key' : `its ${ordinal(index + 1)} key of ${count}`} (the key is not shown)`;

/** An extra object's metadata fields that are names, never text. */
const ONE_LINE_METADATA: ReadonlySet<string> = new Set(['name', 'namespace', 'generateName', 'labels']);

/**
 * Chart values the Traefik chart renders with `toYaml`, so a line break or tab in them stays data and writes no
 * new YAML: the file provider's `content` (templates/provider-file-cm.yaml: `toYaml ... | nindent 4`), whatever
 * `extraObjects` holds but an object's kind and names (rendered whole with `toYaml`; an item written as text is read
 * as the manifests it holds), annotation values (not kube-vip's), env values, and the args and command of the
 * user's own containers. Elsewhere a template may interpolate a value raw, where a line break would add keys to
 * the rendered manifest; names, hosts, addresses, keys and the flags of `additionalArguments` are one line by nature.
 * `path` is a config's (`traefik.values...`) or a TraefikHelmChartConfig's props' (`values...`).
 */
export function takesMultiLineText(path: Path): boolean {
  const rest = chartValuesPath(path);
  if (!rest) return false;
  const parent = rest[rest.length - 2];
  if (rest.join('.') === 'providers.file.content') return true;
  const [field, name] = rest.slice(2);
  if (rest[0] === 'extraObjects') {
    // An item written as text is YAML the chart renders raw (templates/_helpers.tpl "traefik.render": `tpl .value`),
    // read here as the manifests it holds (traefik/extra-objects.ts renderedObjects), line breaks and all.
    if (rest.length <= 2) return rest.length === 2 && typeof rest[1] === 'number';
    if (rest.length === 3 ? ['apiVersion', 'kind'].includes(String(field)) : field === 'metadata' && ONE_LINE_METADATA.has(String(name)))
      return false;
  }
  // kube-vip reads its annotations as addresses, lease and interface names: one line.
  if (typeof parent === 'string' && /annotations$/i.test(parent)) return !String(rest[rest.length - 1]).startsWith('kube-vip.io/');
  if (rest[0] === 'extraObjects') return true;
  if (isContainerArgument(rest)) return true;
  return rest[rest.length - 1] === 'value' && rest[rest.length - 3] === 'env';
}

/**
 * An item of `args` or `command` of the user's own containers: the chart renders `deployment.initContainers` and
 * `deployment.additionalContainers` whole (traefik-helm-chart templates/_podtemplate.tpl v39:
 * `toYaml . | nindent 6`), so a multi-line `sh -c` script stays one string.
 */
function isContainerArgument(rest: Path): boolean {
  const [deployment, list, index, field, item] = rest;
  return (
    rest.length === 5 &&
    deployment === 'deployment' &&
    (list === 'initContainers' || list === 'additionalContainers') &&
    typeof index === 'number' &&
    (field === 'args' || field === 'command') &&
    typeof item === 'number'
  );
}

/** The path below the chart values of a config's (`traefik.values...`) or props' (`values...`) path, or undefined. */
function chartValuesPath(path: Path): Path | undefined {
  const start = path[0] === 'traefik' && path[1] === 'values' ? 2 : path[0] === 'values' ? 1 : -1;
  return start < 0 ? undefined : path.slice(start);
}

const UNJUDGEABLE = 'so what object it makes cannot be judged: write it literally';

/**
 * The message for a Helm template anywhere in an `extraObjects` item, or undefined: the chart renders every item
 * with `tpl` (traefik-helm-chart templates/_helpers.tpl "traefik.render"), so a templated `apiVersion`, `kind`,
 * top-level key (`{{ "kind" }}: Secret`), whole item given as text, or any other value whose output ends the
 * value and goes on as YAML, makes an object (a Secret?) that shows only after rendering, out of every rule's
 * reach. `key`: a key of the item at `path`.
 */
export function templatedKindProblem(text: string, path: Path, key = false): string | undefined {
  const rest = chartValuesPath(path);
  if (!rest || !text.includes('{{')) return undefined;
  if (rest[0] !== 'extraObjects' || typeof rest[1] !== 'number') {
    // Elsewhere too: the chart renders many values through tpl (volume mounts, pod annotations and labels, Service
    // annotations from chart v40), where a template's output is YAML that can add keys no rule here sees.
    return `${key ? 'has a key that holds' : 'holds'} a Helm template ({{ ... }}), which the chart renders at install time, maybe as YAML that adds keys, out of every rule's reach: write the value literally`;
  }
  if (key && rest.length === 2) return `has a key that holds a Helm template ({{ … }}), ${UNJUDGEABLE}`;
  if (!key && rest.length === 2) return `is text that holds a Helm template ({{ … }}), ${UNJUDGEABLE} as a map`;
  if (!key && rest.length === 3 && ['apiVersion', 'kind'].includes(String(rest[2])))
    return `holds a Helm template ({{ … }}), ${UNJUDGEABLE}`;
  // Anywhere else in the item too: the chart renders each item through tpl as YAML text, so a template's output
  // can end this value and go on with keys or whole documents (a Secret) of its own.
  return `${key ? 'has a key that holds' : 'holds'} a Helm template ({{ … }}), whose output the chart renders as YAML that can add keys or objects of its own, ${UNJUDGEABLE}`;
}

/**
 * The message for an `extraObjects` item given as text that Helm (go-yaml, YAML 1.1) may read otherwise than this
 * tool (src/core/manifest-text.ts): a merge key, a key written twice, a tag, a syntax error. Or undefined.
 */
function unjudgeableTextProblem(text: string, path: Path): string | Problem[] | undefined {
  const rest = chartValuesPath(path);
  if (!rest || rest.length !== 2 || rest[0] !== 'extraObjects' || typeof rest[1] !== 'number') return undefined;
  const { unjudgeable, tooLarge, offset } = readManifestText(text);
  // Each key written twice (84b-6), or the parse error (85a-5), at its own place in the text: a config's line (textIndex).
  const doubled = unjudgeable?.includes('a key written twice') ? duplicateKeyProblems(text, path, unjudgeableSaying) : undefined;
  const message = unjudgeable && unjudgeableSaying(unjudgeable, tooLarge);
  return doubled ?? (message && offset !== undefined ? [{ path, message, textIndex: offset }] : message);
}

/** What an `extraObjects` text item that cannot be judged for `why` is told. */
const unjudgeableSaying = (why: string, tooLarge?: boolean): string =>
  `is text that ${why}, ${tooLarge ? 'which this tool does not read: split it into items of their own, each within the bound' : `${UNJUDGEABLE} as a map`}`;

/** A surrogate code unit without its pair: in `u` mode a pair is one code point, which this does not match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * What a text holding half of a character is said to hold, or undefined: JSON writes it as `\ud800`, which Go's YAML
 * reader (kubectl, Helm, helm-controller) refuses ("found invalid Unicode character escape code", go-yaml
 * scannerc.go), so the file would not apply (71d-10). Also read by the construct gate over what it renders.
 */
export function loneSurrogateProblem(text: string): string | undefined {
  const lone = LONE_SURROGATE.exec(text)?.[0];
  return lone
    ? `holds U+${lone.charCodeAt(0).toString(16).toUpperCase()}, half of a character (a lone UTF-16 surrogate), which Go's YAML reader of kubectl and Helm refuses: write the whole character`
    : undefined;
}

/** The message for a text value at `path` that holds a control character where it may not, or undefined. */
export function controlCharacterProblem(text: string, path: Path): string | undefined {
  const lone = loneSurrogateProblem(text);
  if (lone) return lone;
  const forbidden = takesMultiLineText(path) ? text.replace(/[\n\t]/g, '') : text;
  if (!CONTROL_CHARACTER.test(forbidden)) return undefined;
  const first = CONTROL_CHARACTER.exec(forbidden)![0];
  const what = first === '\n' ? ' (a line break: this value is one line)' : first === '\t' ? ' (a tab)' : '';
  return `holds a control character${what}: remove it`;
}

export interface Snapshot {
  /**
   * The deep-frozen plain copy (omitted `undefined` keys dropped). Every value a problem names is left out of it
   * (see `dropped`), so the rest can still be judged: one run reports every problem.
   */
  readonly data: unknown;
  readonly problems: Problem[];
  /**
   * Where a value was left out of `data`: a key as if absent; a list item as `null` (what YAML's `~` reads to, so
   * every rule already copes with it), which keeps the indices, and so the paths and lines, of the items after it.
   * A finding of the rules at or under one of these paths only repeats the problem (src/core/dropped.ts).
   */
  readonly dropped: Path[];
}

/** What `copy` returns for a value it left out. */
const DROPPED: unique symbol = Symbol('dropped');

/** What a value is, for messages: `"eth0" is a string`, `is null`, `is a list` (objects are not shown: they may be cyclic). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return `is ${value}`;
  if (Array.isArray(value)) return 'is a list';
  if (typeof value === 'object') return 'is an object';
  if (typeof value === 'bigint') return `${value}n is a BigInt`;
  if (typeof value === 'function' || typeof value === 'symbol') return `is a ${typeof value}`;
  // Messages with it are redacted by their caller (redactProblem); a long text is named by its size.
  return `${typeof value === 'string' ? quotedText(value, () => false, REDACTED) : JSON.stringify(value)} is a ${typeof value}`;
}

/** Array.isArray, which throws for a revoked proxy: such a value is no list here (the snapshot reports it unreadable). */
export function isList(value: unknown): value is readonly unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** What went wrong reading a value, in one short line without a secret (reading the error may throw too). */
function unreadable(error: unknown): string {
  // Only the error's class: its text is the guarded object's own, and may quote what it guards (a secret no shape knows).
  let name: string;
  try {
    name = error instanceof Error ? error.name : typeof error;
  } catch {
    return 'an error that cannot be read either';
  }
  const shown = /^[A-Za-z][A-Za-z0-9]{0,40}$/.test(name) ? name : 'Error';
  return `reading it threw ${/^[AEIOU]/.test(shown) ? 'an' : 'a'} ${shown} (its text is not shown)`;
}

/**
 * The most text props may hold, as a config file may (config/yaml-input.ts: 1 MiB): the readers judge a config's worth of
 * text, and past a few MiB some of V8's regular expressions run out of stack (60b-9: 8 MB in one value, a RangeError).
 * In UTF-8 bytes, as the config file is counted: in characters, text of 2 to 4 bytes each (é, CJK, emoji) passed this
 * door at up to 4 MiB while the file door refused it at 1 MiB (68c-2).
 */
const MAX_TEXT = 1 << 20;
const PAST_BOUND =
  "which takes the props' text past 1 MiB (1,048,576 bytes), the most a config file may hold: keep large data out of the manifests";
/** A text's size as a config file would hold it, said as the file door says one (`1,200,000 bytes`). */
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const bytesOf = (count: number) => `${count.toLocaleString('en-US')} bytes`;
/**
 * The most values props may hold, each place of an object given in several places counted in full, as YAML would write
 * it: the config file's bound on values once its aliases are expanded (config/yaml-content.ts MAX_EXPANDED_VALUES).
 * An object used twice at each of 30 levels is 2^30 places: walked once per place, 31 small objects took minutes (71d-15).
 */
const MAX_VALUES = 100_000;
/** An object read already (not an ancestor: a cycle is refused): its copy, the values it counts for, whether it dropped any. */
type Read = { copy: unknown; values: number; text: number; secret: boolean; dropping: boolean };

/** Reads `value` once into a frozen plain copy; every value that is not plain data is a problem at its path below `path`. */
export function snapshot(value: unknown, path: Path = []): Snapshot {
  const problems: Problem[] = [];
  const dropped: Path[] = [];
  const ancestors = new Map<object, Path>();
  // Each object is walked once (twice if a later place of it lies under a secret's key): a later place counts its values.
  const read = new Map<object, Read>();
  let text = 0; // bytes of text (UTF-8) read so far
  let values = 0; // values read so far, each place of a reused object counted
  let reused = 0; // places that reuse an object read before
  let tooMany = false;
  /** `secret`: the value lies under a key named like a secret (or an env entry's, a Secret's data), so no message quotes it. */
  const copy = (node: unknown, at: Path, depth: number, secret = false): unknown => {
    values++;
    const problem = (message: string): typeof DROPPED => {
      problems.push({ path: at, message });
      return DROPPED;
    };
    const show = (text: string) => (secret ? `"${REDACTED}"` : text);
    if (node === null || typeof node === 'boolean') return node;
    if (typeof node === 'string') {
      // The text past the bound is left out, said once where it passes it; nothing is rendered from props with a problem.
      const bytes = utf8Bytes(node);
      if ((text += bytes) > MAX_TEXT) {
        if (text - bytes > MAX_TEXT) return DROPPED;
        return problem(`is a text of ${bytesOf(bytes)}, ${PAST_BOUND}`);
      }
      const control = controlCharacterProblem(node, at);
      // Text that holds a secret (an `extraObjects` item's Secret document, `--token=abc`) is not quoted at all.
      if (control)
        problem(
          `${quotedText(node, (text) => secret || secretsInData(text, at).length > 0 || !mayQuoteControlText(text), REDACTED)} ${control}`,
        );
      const templated = templatedKindProblem(node, at) ?? unjudgeableTextProblem(node, at);
      // Not quoted: a template, or a whole item as text, may hold the very Secret it hides.
      if (typeof templated === 'string') problem(templated);
      else if (templated) problems.push(...templated);
      // Its lines that set a secret are said too (43a-16): the item is left out, so no other rule reads them.
      if (templated && !control && !secret) problems.push(...secretLineProblems(node, at));
      // 67a-21: a control character drops the value before the secret rules read it; its secret is said in the same run.
      else if (control && !secret) problems.push(...secretLineProblems(node, at));
      return control || templated ? DROPPED : node;
    }
    if (typeof node === 'number') {
      return Number.isFinite(node) ? node : problem(`${node} is not a finite number`);
    }
    if (typeof node === 'bigint') return problem(`${show(`${node}n`)} is a BigInt, which YAML cannot hold: write a number`);
    if (typeof node !== 'object' || node === undefined) {
      return problem(`is a ${typeof node}: expected a string, number, boolean, null, list or object`);
    }
    const before = read.get(node);
    if (before && (before.secret || !secret)) return again(before, at, problem);
    // A proxy can throw from any read (revoked, a throwing trap, a broken invariant): a problem at its path, never a crash.
    try {
      return counted(node, at, depth, secret, problem);
    } catch (error) {
      ancestors.delete(node);
      // Its error's text may quote what it guards: not shown where a secret stands.
      return problem(`could not be read: ${secret ? 'its error is not shown where a secret stands' : unreadable(error)}; give plain data`);
    }
  };
  /** A reused object at one more place: its values and text counted again, its refused keys left out here too. */
  const again = (before: Read, at: Path, problem: (message: string) => typeof DROPPED): unknown => {
    reused++;
    if (before.copy === DROPPED) return DROPPED;
    values += before.values - 1;
    text += before.text;
    // Its problems are said at its first place; here it is left out whole, so no rule repeats them as missing keys.
    if (before.dropping) dropped.push(at);
    if (text > MAX_TEXT && text - before.text <= MAX_TEXT) return problem(`repeats an object given before, ${PAST_BOUND}`);
    return values > MAX_VALUES ? tooManyValues(values - before.values + 1, problem) : before.copy;
  };
  /** Refused once, where the values pass the bound, as the config file's aliases are (config/yaml-content.ts). */
  const tooManyValues = (start: number, problem: (message: string) => typeof DROPPED): unknown => {
    values = start;
    if (tooMany) return DROPPED;
    tooMany = true;
    const counting = reused ? ' once each place of an object given in several places is counted (YAML writes each in full)' : '';
    return problem(
      `holds more than ${MAX_VALUES.toLocaleString('en-US')} values${counting}; a config needs far fewer: give each place only the data it needs`,
    );
  };
  /** An object's copy, remembered with what it counts for, so a later place of it is not walked again. */
  const counted = (node: object, at: Path, depth: number, secret: boolean, problem: (message: string) => typeof DROPPED): unknown => {
    const [start, textStart, droppedStart] = [values - 1, text, dropped.length];
    const result = copyObject(node, at, depth, secret, problem);
    // A refused object is said at each place (cheap: refused before its entries are read).
    if (result === DROPPED) return result;
    if (values - start > MAX_VALUES) {
      // Remembered as refused: a later place of it is not walked again (nor is it said again).
      read.set(node, { copy: DROPPED, values: 1, text: 0, secret: true, dropping: true });
      return tooManyValues(start + 1, problem);
    }
    read.set(node, { copy: result, values: values - start, text: text - textStart, secret, dropping: dropped.length > droppedStart });
    return result;
  };
  const copyObject = (node: object, at: Path, depth: number, secret: boolean, problem: (message: string) => typeof DROPPED): unknown => {
    const cycleStart = ancestors.get(node);
    if (cycleStart) return problem(`refers back to ${formatPath(cycleStart) || 'the props'} (a cycle): YAML cannot hold it`);
    const list = Array.isArray(node);
    const prototype = Object.getPrototypeOf(node);
    if (!list && !isPlainPrototype(prototype)) return problem(notPlainData(prototype));
    // 79c-1: a subclass of Array is a class instance too (its own fields, methods), refused by name as any other.
    if (list && !isPlainListPrototype(prototype))
      return problem(`${notPlainData(prototype).split(':')[0]}: expected a plain list: give [...list]`);
    if (depth > MAX_DEPTH) return problem(`nests deeper than ${MAX_DEPTH} levels: flatten it`);
    // Descriptors, not reads: a getter is refused, not run (it could answer differently on every read).
    const descriptors = Object.getOwnPropertyDescriptors(node) as Record<string | symbol, PropertyDescriptor>;
    // Not left out: the symbol keys are (Object.keys skips them), and the string keys beside them are still judged.
    if (Object.getOwnPropertySymbols(descriptors).length)
      problems.push({
        path: at,
        // With no key path the line would not say where (50b-8): the props themselves.
        message: `${at.length ? 'has' : 'props have'} symbol keys${at.length ? '' : ' at their top level'}, which YAML cannot hold: use string keys`,
      });
    ancestors.set(node, at);
    let result: unknown;
    if (list) {
      const length = (descriptors.length?.value as number) ?? 0;
      // 79c-1: a named property of a list (`a.note = 'x'`) has no place in YAML: refused, as a symbol key is.
      for (const key of Object.keys(descriptors).filter((key) => key !== 'length' && !isIndex(key, length))) {
        problems.push(
          CONTROL_CHARACTER.test(key)
            ? {
                path: at,
                message: 'has a named property (not an index) that holds a control character, which a YAML list cannot hold: remove it',
              }
            : {
                path: [...at, key],
                message: 'is a named property of a list (not an index), which YAML cannot hold: remove it, or give a map',
              },
        );
      }
      if (length > MAX_ENTRIES) problems.push({ path: at, message: `has ${length} entries; at most ${MAX_ENTRIES} are allowed` });
      const items: unknown[] = [];
      const holes: number[] = [];
      for (let i = 0; i < Math.min(length, MAX_ENTRIES); i++) {
        const descriptor = descriptors[i];
        let item: unknown = DROPPED;
        if (!descriptor) holes.push(i);
        else if (!('value' in descriptor)) problems.push({ path: [...at, i], message: 'is a getter: give a plain value' });
        else if (descriptor.value === undefined)
          problems.push({ path: [...at, i], message: 'is undefined: give a value or remove the entry' });
        else item = copy(descriptor.value, [...at, i], depth + 1, secret);
        if (item === DROPPED) dropped.push([...at, i]);
        items.push(item === DROPPED ? null : item);
      }
      // One message for all holes: `new Array(1000)` is one mistake, not a thousand.
      if (holes.length === 1) problem(`has a hole at index ${holes[0]} (a sparse list): give every entry a value`);
      else if (holes.length) problem(`has ${holes.length} holes, the first at index ${holes[0]} (a sparse list): give every entry a value`);
      result = items;
    } else {
      const keys = Object.keys(descriptors);
      if (keys.length > MAX_ENTRIES) problems.push({ path: at, message: `has ${keys.length} keys; at most ${MAX_ENTRIES} are allowed` });
      const record: Record<string, unknown> = {};
      // Descriptors' values only: reading a sibling (an env entry's `name`, a Secret's `kind`) runs no getter.
      const field = (key: string) => descriptors[key]?.value as unknown;
      for (const key of keys.slice(0, MAX_ENTRIES)) {
        const descriptor = descriptors[key];
        const keyPath = [...at, key];
        const before = problems.length;
        const bytes = utf8Bytes(key);
        if ((text += bytes) > MAX_TEXT) {
          if (text - bytes <= MAX_TEXT) problems.push({ path: at, message: `has a key of ${bytesOf(bytes)}, ${PAST_BOUND}` });
          dropped.push(keyPath);
          continue;
        }
        if (PROTOTYPE_KEYS.has(key)) {
          problems.push({
            path: at,
            message: `${JSON.stringify(key)} is not allowed as a key: it names a JavaScript object internal; rename it`,
          });
        } else if (CONTROL_CHARACTER.test(key) || LONE_SURROGATE.test(key)) {
          // The key is not quoted: a key with a line break may be whole lines of text (`x\ntoken: ...`). 79c-8: half a
          // character too, as in a value (JSON writes it `\ud800`, which Go's YAML reader refuses).
          const what = CONTROL_CHARACTER.test(key) ? 'holds a control character' : loneSurrogateProblem(key)!.split(': write')[0];
          problems.push({ path: at, message: `has a key that ${what}: ${keyPlace(keys.indexOf(key), keys.length)}` });
        } else if (key === '<<') {
          // Written out as chart values, it is a merge key to Helm (go-yaml), which merges the map under it into this one.
          problems.push({ path: at, message: 'holds the key "<<", which Helm reads as a YAML merge key: write the keys out in full' });
        } else if (key.includes('{{') && templatedKindProblem(key, at, true)) {
          // Nor a templated key: what the template hides is not shown.
          problems.push({ path: at, message: templatedKindProblem(key, at, true)! });
        } else if (!('value' in descriptor)) {
          problems.push({ path: keyPath, message: 'is a getter: give a plain value' });
        } else if (descriptor.value !== undefined) {
          const value = copy(
            descriptor.value,
            keyPath,
            depth + 1,
            secret || secretUnder(key, field, keys, at[at.length - 1]) !== undefined,
          );
          if (value !== DROPPED) record[key] = value;
        }
        // A refused key or value is left out, as if absent: "unknown key" or "is required" would only repeat it.
        if (problems.length > before && !Object.hasOwn(record, key)) dropped.push(keyPath);
      }
      result = record;
    }
    ancestors.delete(node);
    return Object.freeze(result);
  };

  const data = copy(value, path, 0);
  if (data === DROPPED) dropped.push(path);
  // A reused object's copy stands at each of its places: YAML writers would anchor and alias it (`&a1`, `*a1`).
  return { data: data === DROPPED ? undefined : reused && !tooMany ? unshared(data) : data, problems, dropped };
}

/** `data` with each place of an object a copy of its own (bounded: the walk refused past MAX_VALUES values, each place counted). */
function unshared(data: unknown): unknown {
  if (data === null || typeof data !== 'object') return data;
  const entries = Array.isArray(data)
    ? data.map(unshared)
    : Object.fromEntries(Object.entries(data).map(([key, item]) => [key, unshared(item)]));
  return Object.freeze(entries);
}
