import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isMap } from '../core/is-map';
import { isListKind, listItemPaths, withListKind } from '../core/list-items';
import { formatPath, printable } from '../core/problem';
import { blankedPath } from './construct-render';

type Values = Record<string, unknown>;

/** Every construct of the app, and those the gated construct holds. */
export interface Scope {
  readonly all: readonly IConstruct[];
  readonly mine: ReadonlySet<IConstruct>;
}

/** One object of the app as cdk8s writes it: its file (`<chart path>.yaml`), its construct path, whether the gated construct holds it. */
export interface AppObject {
  readonly object: Values;
  readonly file: string;
  readonly path: string;
  readonly mine: boolean;
  /** Whether a gated construct holds it (that one then says what it finds). */
  readonly judged: boolean;
  /** How messages name it, when not `Kind/ns/name` (a cluster IP Traefik's values ask for). */
  readonly ref?: string;
  /** The ApiObject that renders it (none for what a construct notes). */
  readonly construct?: IConstruct;
}

/**
 * The app's objects as `App.synth()` renders them. Round 66 (66b-8): a `List` is its items, each judged as an object of
 * its own (core/list-items.ts).
 */
export function appObjects({ all, mine }: Scope, judged: (object: IConstruct) => boolean): AppObject[] {
  return all.flatMap((child) => {
    if (!ApiObject.isApiObject(child)) return [];
    let object: unknown;
    try {
      object = child.toJson();
    } catch {
      return []; // an object cdk8s cannot render is said by the gate of its own construct (construct-render.ts)
    }
    if (!isMap(object)) return [];
    const chart = Chart.of(child);
    const file = `${chart.node.path || chart.node.id}.yaml`;
    const path = blankedPath(child);
    const held = { file, mine: mine.has(child), judged: judged(child), construct: child };
    return listItems(object).map(({ item, at }) => ({ ...held, object: item, path: at === undefined ? path : `${path}, ${at}` }));
  });
}

/** An object, or the items of a list kind (core/list-items.ts), each with where it sits (`items[0].items[1]`). */
export function listItems(object: Values): Array<{ item: Values; at?: string }> {
  return listItemPaths(object).map(({ item, at }) => ({ item, at: at.length ? formatPath(at) : undefined }));
}

/**
 * 72a-10: the items of a list kind kubectl cannot apply, each by where it sits: one that is no map (`decodeToList`
 * decodes each item as an object, and a null one has no kind or name), or one with no kind or apiVersion after
 * withListKind ("Object 'Kind' is missing"). The rules then judge the rest item by item (listItems).
 */
export function listItemRefusals(object: Values, at?: string, depth = 0): string[] {
  if (!isListKind(object, depth)) return [];
  return (object.items as unknown[]).flatMap((item, i) => {
    const here = `${at === undefined ? '' : `${at}.`}items[${i}]`;
    if (!isMap(item)) {
      return [
        `${here}: is ${describedNonObject(item)}, not a Kubernetes object: kubectl apply reads each item of a List as one, so it fails; make it a map with apiVersion, kind and metadata, or remove it`,
      ];
    }
    const typed = withListKind(item, object);
    const missing = ['apiVersion', 'kind'].filter((key) => typeof typed[key] !== 'string' || typed[key] === '');
    if (missing.length) {
      return [
        `${here}: has no ${missing.join(' or ')} (as text), so kubectl apply fails on it ("Object 'Kind' is missing"): give the item ${missing.join(' and ')}`,
      ];
    }
    return listItemRefusals(typed, here, depth + 1);
  });
}

/** What a non-object item is, in general terms (never its text: it may be a secret). */
const describedNonObject = (item: unknown): string =>
  item === null || item === undefined
    ? 'null'
    : Array.isArray(item)
      ? 'a list'
      : typeof item === 'number' || typeof item === 'boolean'
        ? `the ${typeof item} ${String(item)}`
        : 'plain text';

/** `Kind/ns/name`, as the conformance messages name an object (JSON-quoted when it holds a control character). */
export function refOf(object: Values): string {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  return printable([object.kind, metadata.namespace, metadata.name].filter((part) => typeof part === 'string' && part).join('/'));
}

/** How a message names an app object: file, object and construct path. */
export const where = (o: AppObject): string => `${o.file}: ${o.ref ?? refOf(o.object)} (construct ${o.path})`;
