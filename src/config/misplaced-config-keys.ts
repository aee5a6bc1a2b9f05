/**
 * A key of this config written at the wrong level (77a-3): `kubeVip.loadBalancerIPs`, a top-level `tokenFile`,
 * `traefik.ingresses`, `k3s.servers[0].tokenFile`. Each exists verbatim elsewhere in the schema: the message says where.
 * Asked on the error path only (config/issues.ts requires it when a key is already unknown).
 */
import { CONFIG_SHAPE } from './config-shape';
import * as s from './shape';

/** A place in the schema: an object key, "any item" of a list (`[n]`) or "any entry" of a map (`<name>`). */
type Step = string | typeof ITEM | typeof ENTRY;
const ITEM = Symbol('item');
const ENTRY = Symbol('entry');

let places: Map<string, Step[][]> | undefined;

/** Every place of every key name in the config schema, built on first use. */
function placesByKey(): Map<string, Step[][]> {
  if (places) return places;
  const found = new Map<string, Step[][]>();
  const visit = (shape: s.Shape, at: Step[]): void => {
    const inner = s.bare(shape);
    if (inner.kind === 'array') visit(inner.element, [...at, ITEM]);
    else if (inner.kind === 'record') visit(inner.value, [...at, ENTRY]);
    else if (inner.kind === 'union') inner.options.forEach((option) => visit(option, at));
    else if (inner.kind === 'object') {
      for (const [key, value] of Object.entries(inner.shape)) {
        const place = [...at, key];
        found.set(key, [...(found.get(key) ?? []), place]);
        visit(value, place);
      }
    }
  };
  visit(CONFIG_SHAPE, []);
  return (places = found);
}

/** Whether the schema place `parent` is `path` or holds it (a list item's index matches `[n]`, a map's key `<name>`). */
function holds(parent: readonly Step[], path: ReadonlyArray<string | number>): boolean {
  if (parent.length > path.length) return false;
  return parent.every((step, i) =>
    step === ITEM ? typeof path[i] === 'number' : step === ENTRY ? typeof path[i] === 'string' : step === path[i],
  );
}

/** A schema place as a key path, with the indices and names of `path` where it runs through the same items. */
function shown(place: readonly Step[], path: ReadonlyArray<string | number>): string {
  let text = '';
  place.forEach((step, i) => {
    const same = holds(place.slice(0, i + 1), path);
    if (step === ITEM) text += `[${same ? path[i] : 'n'}]`;
    else if (step === ENTRY) text += `.${same ? String(path[i]) : '<name>'}`;
    else text += text ? `.${step}` : step;
  });
  return text;
}

/**
 * Where `key`, unknown at `path`, belongs: its one place in the schema, else the one among its places whose parent
 * holds `path` (`version` under a K3s server is `k3s.version`); undefined when it is no key of this config, or could
 * be several (`name`).
 */
export function configKeyMisplaced(key: string, path: ReadonlyArray<string | number>): string | undefined {
  const all = placesByKey().get(key);
  if (!all) return undefined;
  const near = all.filter((place) => holds(place.slice(0, -1), path));
  const deepest = Math.max(...near.map((place) => place.length));
  const nearest = near.filter((place) => place.length === deepest);
  const place = all.length === 1 ? all[0] : nearest.length === 1 ? nearest[0] : undefined;
  if (!place) return undefined;
  return place.length === 1 ? 'it is a top-level key: move it to the top level' : `move it to ${shown(place, path)}`;
}
