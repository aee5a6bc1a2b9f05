import { ApiObject, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { isMap } from '../core/is-map';
import { clusterScope } from './cluster-scope';
import { listItems } from './construct-app-objects';

/**
 * Round 70 (70b-15, 70b-18): the objects of `construct`'s cluster that no gated construct holds (a sibling
 * `new Chart(app, 'x')`), rendered as `App.synth()` writes them, by file (`<chart path>.yaml`), so the app's lead
 * judges them with the rules a gated construct's own files get (conformance, cluster IPs in the Service network), as
 * `traefik.values.extraObjects` items are judged. An object cdk8s cannot render is left to cdk8s' own error.
 */
export function siblingDocuments(construct: IConstruct, judged: (object: IConstruct) => boolean): Map<string, unknown[]> {
  const files = new Map<string, unknown[]>();
  for (const child of clusterScope(construct)) {
    if (!ApiObject.isApiObject(child) || judged(child)) continue;
    let rendered: unknown;
    try {
      rendered = child.toJson();
      JSON.stringify(rendered);
    } catch {
      continue;
    }
    const chart = Chart.of(child);
    const file = `${chart.node.path || chart.node.id}.yaml`;
    // A List counts as its items, as `kubectl apply` applies them (construct-app-objects.ts, 66b-8).
    const items = isMap(rendered) ? listItems(rendered).map(({ item }) => item) : [rendered];
    files.set(file, [...(files.get(file) ?? []), ...items]);
  }
  return files;
}
