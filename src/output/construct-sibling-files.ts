import { ApiObject, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { unshownName } from '../config/cluster-name';
import { isMap } from '../core/is-map';
import { clusterScope } from './cluster-scope';
import { listItemRefusals, listItems, refOf } from './construct-app-objects';
import { blankedPath, secretIdRefusal, tryRender } from './construct-render';

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
 * `traefik.values.extraObjects` items are judged. An object cdk8s cannot render is refused first (siblingRefusals).
 */
export function siblingDocuments(objects: readonly SiblingObject[]): Map<string, unknown[]> {
  const files = new Map<string, unknown[]>();
  for (const { file, documents } of objects) files.set(file, [...(files.get(file) ?? []), ...documents]);
  return files;
}

/** Those objects one by one, so the write gate names the object a secret is in (round 71). */
export function siblingObjects(construct: IConstruct, judged: (object: IConstruct) => boolean): SiblingObject[] {
  return clusterScope(construct).flatMap((child) => (judged(child) ? [] : renderedObject(child)));
}

/** `child` as cdk8s renders it, when it is an object that renders (one that does not is refused elsewhere). */
export function renderedObject(child: IConstruct): SiblingObject[] {
  if (!ApiObject.isApiObject(child)) return [];
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
}

/**
 * 75a-3: the rules over the files of those objects name each object by file and `Kind/ns/name`; the construct path is
 * added after it, as every other problem of an object beside the cluster says it (construct-app-objects.ts `where`).
 */
export function withConstructPaths(findings: readonly string[], objects: readonly SiblingObject[]): string[] {
  const named = objects.flatMap(({ file, path, documents }) =>
    documents.filter(isMap).map((document) => ({ at: `${file}: ${refOf(document)}`, path })),
  );
  return findings.map((finding) => {
    const object = named.find(({ at }) => finding.startsWith(`${at}: `) || finding.startsWith(`${at} `));
    return object ? `${object.at} (construct ${object.path})${finding.slice(object.at.length)}` : finding;
  });
}

/**
 * Round 71 (71d-5, 71d-6): what stops the lead before any rule reads the objects no gated construct holds, as it stops
 * a gated construct over its own (construct-gate.ts ownFindings): an object cdk8s cannot render (cyclic, too deep, a
 * getter or toJSON that throws), named by its path and never by the engine's text (a getter's may hold a secret), and
 * a chart id that looks like a secret, never shown (cdk8s writes it into a file name). cdk8s validates the whole app
 * before it writes a file (lib/app.js `synth`), so a refusal here leaves every file as it was.
 */
export function siblingRefusals(construct: IConstruct, judged: (object: IConstruct) => boolean): string[] {
  const scope = clusterScope(construct).filter((child) => !judged(child));
  const ids = [...new Set(scope.filter((child) => Chart.isChart(child)).flatMap((chart) => chart.node.scopes.map((s) => s.node.id)))];
  const hidden = ids.flatMap(unshownName);
  const badIds = ids.filter((id) => unshownName(id).length).map((id) => secretIdRefusal(id, hidden));
  const failures: string[] = [];
  for (const child of scope) {
    if (!ApiObject.isApiObject(child)) continue;
    const rendered = tryRender(child, failures);
    if (isMap(rendered)) failures.push(...listItemRefusals(rendered).map((refusal) => `${blankedPath(child)}: ${refusal}`));
  }
  return [...badIds, ...failures];
}
