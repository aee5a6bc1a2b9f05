import { ApiObject, Chart, Lazy } from 'cdk8s';
import { IConstruct } from 'constructs';
import { unshownName } from '../config/cluster-name';
import { formatPath, Path } from '../core/problem';
import { notPlainData } from '../core/snapshot';
import { redactMessage } from '../core/redact-message';
import { halfCharacterIn } from './construct-half-characters';

/** What rendering the objects a gated construct holds gave: each chart's documents, and what could not be rendered. */
export interface RenderedObjects {
  readonly byChart: ReadonlyMap<Chart, readonly unknown[]>;
  /** One line per object cdk8s cannot render, naming its path and what to do (never the engine's own text). */
  readonly failures: readonly string[];
}

/** `construct`'s path as a message may show it: an id that looks like a secret (unshownName) blanked (61b-6). */
export function blankedPath(construct: IConstruct): string {
  return construct.node.scopes
    .map((scope) => scope.node.id)
    .filter((id) => id !== '')
    .map((id) => redactMessage(id, unshownName(id)))
    .join('/');
}

/** The refusal of a construct id that looks like a secret, which it never shows (`hidden`: what no message shows). */
export function secretIdRefusal(id: string, hidden: readonly string[]): string {
  return `construct id ${redactMessage(`"${id}"`, hidden)}: looks like a secret, and cdk8s writes it into file names (committed to Git) and validation messages: rename it`;
}

/**
 * The objects under `construct`, rendered as cdk8s' `App.synth()` renders them (`ApiObject.toJson()`: props, then
 * `addJsonPatch` patches), and the other objects of the charts it lies in, only tried (61b-7). cdk8s runs every
 * validation before it renders (cdk8s lib/app.js `synth`: `validate(this)` first), so a patch on a path that does
 * not exist (`JsonPatch.replace('/no/such', 5)`: a TypeError), a value nested thousands of levels deep or cyclic
 * (a RangeError) or a value whose `toJSON` throws is found here and said as a finding, not as the engine's error
 * ("Failed serializing construct ...") with a stack.
 */
export function renderObjects(construct: IConstruct): RenderedObjects {
  const byChart = new Map<Chart, unknown[]>();
  const failures: string[] = [];
  const own = construct.node.findAll().filter((child): child is ApiObject => ApiObject.isApiObject(child));
  for (const object of own) {
    const rendered = tryRender(object, failures);
    if (rendered === undefined) continue;
    const chart = Chart.of(object);
    if (!byChart.has(chart)) byChart.set(chart, []);
    byChart.get(chart)!.push(rendered);
  }
  const mine = new Set<IConstruct>(own);
  const around = construct.node.scopes.filter((scope): scope is Chart => Chart.isChart(scope));
  for (const chart of around.slice(-1)) {
    for (const child of chart.node.findAll()) {
      if (ApiObject.isApiObject(child) && !mine.has(child)) tryRender(child, failures);
    }
  }
  return { byChart, failures };
}

/** `object.toJson()`, or undefined with a line in `failures` saying which object, why in general terms, and what to do. */
export function tryRender(object: ApiObject, failures: string[]): unknown {
  let json: unknown;
  let unwritable: string | undefined;
  try {
    json = object.toJson();
    // cdk8s writes it as YAML, which calls each value's toJSON and walks every level: JSON.stringify does both, cheaply.
    unwritable = firstUnwritableValue(json);
  } catch (error) {
    // The engine's text is not shown: it may quote a patch path or a value, and it carries no advice. cdk8s wraps
    // the RangeError of a too deep or cyclic value in an Error of its own (lib/api-object.js toJson), text and all.
    const tooDeep = error instanceof RangeError || /\bRangeError\b|circular structure/.test(String(error));
    const notPlain = tooDeep ? undefined : notPlainValue(object);
    if (notPlain) {
      failures.push(`${blankedPath(object)}: ${formatPath(notPlain.path)} ${notPlain.message}`);
      return undefined;
    }
    const why = tooDeep
      ? 'a value in it (a prop, or one an addJsonPatch patch adds) nests too deep or refers to itself'
      : 'a patch or value in it cannot be applied (e.g. an addJsonPatch JsonPatch.replace or remove on a path the object does not have, or a toJSON that throws)';
    failures.push(
      `${blankedPath(object)}: cdk8s cannot render this object: ${why}: ` +
        'fix or remove that patch or value (patch only paths the object has; give plain, finite data)',
    );
    return undefined;
  }
  if (unwritable !== undefined) {
    failures.push(
      `${blankedPath(object)}: cdk8s cannot render this object: ${unwritable} is a function or a Symbol, which YAML cannot hold: ` +
        'give plain data there (text, a number, a boolean, a list or a map)',
    );
    return undefined;
  }
  // 71d-10: cdk8s would write it, and kubectl and Helm would refuse the whole file.
  const half = halfCharacterIn(json, JSON.stringify(json));
  if (half) return void failures.push(`${blankedPath(object)}: ${half}`);
  return json;
}

/**
 * 72a-11: the key path of the first function or Symbol value in `json`, which JSON drops but cdk8s' YAML writer
 * refuses with a bare error and its stack (yaml dist/stringify/stringify.js getTagObject: "Tag not resolved for
 * Function value"). One JSON.stringify pass (it throws on what is cyclic, too deep or a BigInt, as before): the
 * replacer sees each value after its toJSON, with its holder as `this`, whose path it noted when it met it.
 * Key names that look like secrets are blanked; the value is never shown.
 */
function firstUnwritableValue(json: unknown): string | undefined {
  const paths = new Map<object, string>();
  let found: string | undefined;
  JSON.stringify(json, function (this: unknown, key: string, value: unknown) {
    if (found !== undefined) return undefined;
    const holder = this as object;
    const path = holder && paths.has(holder) ? keyPath(paths.get(holder)!, holder, key) : '';
    if (typeof value === 'function' || typeof value === 'symbol') found = path || 'the object itself';
    else if (value !== null && typeof value === 'object') paths.set(value, path);
    return value;
  });
  return found;
}

/** `parent` and `key` as messages write a key path: `spec.rules[0].host`, an odd key (a dotted one too: formatPath) quoted, a secret-shaped one blanked. */
function keyPath(parent: string, holder: object, key: string): string {
  if (Array.isArray(holder)) return `${parent}[${key}]`;
  const shown = redactMessage(/^[\w-]+$/.test(key) ? key : `[${JSON.stringify(key)}]`, unshownName(key));
  return parent === '' || shown.startsWith('[') ? `${parent}${shown}` : `${parent}.${shown}`;
}

/**
 * 71d-13: the first value in `object`'s props that cdk8s refuses to render (a Date, a Map, a String object: cdk8s
 * lib/_util.js sanitizeValue throws "can't render non-simple object" for any object whose constructor is not Object),
 * with its key path, so the refusal names it as the props door does. 73a-9: so is a BigInt (JSON.stringify throws on
 * it) and a getter that throws when read. A value cdk8s resolves first (a Lazy, or one with a `resolve()`:
 * lib/resolve.js) is not judged here. Each object is read once, so this is linear in the props' size.
 */
function notPlainValue(object: ApiObject): { path: Path; message: string } | undefined {
  const seen = new Set<object>();
  const walk = (node: unknown, at: Path): ReturnType<typeof notPlainValue> => {
    if (typeof node === 'bigint') return { path: at, message: 'is a BigInt, which YAML cannot hold: write a number' };
    if (node === null || typeof node !== 'object' || seen.has(node) || node instanceof Lazy) return undefined;
    if (typeof (node as { resolve?: unknown }).resolve === 'function') return undefined;
    seen.add(node);
    const prototype = Object.getPrototypeOf(node) as { constructor?: { name?: unknown } } | null;
    if (!Array.isArray(node) && prototype?.constructor?.name !== 'Object') return { path: at, message: notPlainData(prototype) };
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      let value: unknown;
      try {
        value = (node as Record<string | number, unknown>)[key];
      } catch {
        return { path: [...at, key], message: 'is a getter that throws when read: give plain data there (a value, not a getter)' };
      }
      const found = walk(value, [...at, key]);
      if (found) return found;
    }
    return undefined;
  };
  try {
    // cdk8s keeps the props as given (lib/api-object.js: `this.props = props`); no public reader returns them unrendered.
    return walk((object as unknown as { props?: unknown }).props, []);
  } catch {
    return undefined; // a proxy that throws: the general words below
  }
}
