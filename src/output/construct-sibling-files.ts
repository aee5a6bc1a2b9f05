import { ApiObject, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { isMap } from '../core/is-map';
import { clusterScope } from './cluster-scope';
import { listItems } from './construct-app-objects';
import { blankedPath } from './construct-render';

/** One object no gated construct holds, as cdk8s renders it: its file, construct path and documents (a List's items). */
export interface SiblingObject {
  readonly file: string;
  readonly path: string;
  readonly documents: readonly unknown[];
}

/**
 * Round 70 (70b-15, 70b-18): the objects of `construct`'s cluster that no gated construct holds (a sibling
 * `new Chart(app, 'x')`), rendered as `App.synth()` writes them, by file (`<chart path>.yaml`), so the app's lead
 * judges them with the rules a gated construct's own files get (conformance, cluster IPs in the Service network), as
 * `traefik.values.extraObjects` items are judged. An object cdk8s cannot render is left to cdk8s' own error.
 */
export function siblingDocuments(objects: readonly SiblingObject[]): Map<string, unknown[]> {
  const files = new Map<string, unknown[]>();
  for (const { file, documents } of objects) files.set(file, [...(files.get(file) ?? []), ...documents]);
  return files;
}

/** Those objects one by one, so the write gate names the object a secret is in (round 71). */
export function siblingObjects(construct: IConstruct, judged: (object: IConstruct) => boolean): SiblingObject[] {
  return clusterScope(construct).flatMap((child) => {
    if (!ApiObject.isApiObject(child) || judged(child)) return [];
    let rendered: unknown;
    try {
      rendered = child.toJson();
      JSON.stringify(rendered);
    } catch {
      return [];
    }
    const chart = Chart.of(child);
    // A List counts as its items, as `kubectl apply` applies them (construct-app-objects.ts, 66b-8).
    const documents = isMap(rendered) ? listItems(rendered).map(({ item }) => item) : [rendered];
    return [{ file: `${chart.node.path || chart.node.id}.yaml`, path: blankedPath(child), documents }];
  });
}
