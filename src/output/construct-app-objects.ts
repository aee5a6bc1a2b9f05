import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isMap } from '../core/is-map';
import { printable } from '../core/problem';
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
 * The app's objects as `App.synth()` renders them. Round 66 (66b-8): a `List` (`v1` `List`, or any `*List` kind with
 * `items`) is its items, each judged as an object of its own, as `kubectl apply` and kustomize apply them (the
 * decoder reads a kind ending in `List` with `items` as a list: k8s.io/apimachinery pkg/apis/meta/v1/unstructured
 * helpers.go `unstructuredJSONScheme.decode`; cli-runtime pkg/resource visitor.go flattens it with `meta.ExtractList`).
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

/** An object, or the items of a list kind (nested lists flattened), each with where it sits (`items[0].items[1]`). */
export function listItems(object: Values, at?: string, depth = 0): Array<{ item: Values; at?: string }> {
  const list = typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items) && depth < 8;
  if (!list) return [{ item: object, at }];
  return (object.items as unknown[]).flatMap((item, i) =>
    isMap(item) ? listItems(item, `${at === undefined ? '' : `${at}.`}items[${i}]`, depth + 1) : [],
  );
}

/** `Kind/ns/name`, as the conformance messages name an object (JSON-quoted when it holds a control character). */
export function refOf(object: Values): string {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  return printable([object.kind, metadata.namespace, metadata.name].filter((part) => typeof part === 'string' && part).join('/'));
}

/** How a message names an app object: file, object and construct path. */
export const where = (o: AppObject): string => `${o.file}: ${o.ref ?? refOf(o.object)} (construct ${o.path})`;
