import type { Path } from './problem';

/**
 * 81a-12: the downward API's `fieldRef: {fieldPath: "metadata.annotations['k']"}` (or `metadata.labels['k']`) gives an
 * env var the pod's annotation or label `k` (kubernetes pkg/fieldpath/fieldpath.go v1.31: SplitMaybeSubscriptedPath
 * reads `path['key']`, ExtractFieldPathAsString looks the key up as written). A pod's annotations and labels are its
 * template's, which a config writes: `metadata` beside the pod spec of a Pod or a workload's `template`, and for
 * Traefik's chart `deployment.podAnnotations`, and `commonLabels` then `deployment.podLabels`
 * (traefik-helm-chart templates/_podtemplate.tpl, _helpers.tpl `traefik.labels`, v20 to v41). So such a literal is
 * followed to where its var is used, as a configMapKeyRef's ConfigMap value is (env-expansions.ts).
 */

type Node = Record<string, unknown>;
/** An annotation or label a fieldRef reads: its value, where it is written, and its key. */
export type PodField = { path: Path; value: string; key: string };
/** A pod's fields by fieldPath (`metadata.annotations['k']`). */
export type PodFields = ReadonlyMap<string, PodField>;
/** A container of a pod whose env reads one of the pod's fields, with those fields. */
export type DownwardContainer = { container: Node; at: Path; fields: PodFields };

const isRecord = (value: unknown): value is Node => !!value && typeof value === 'object' && !Array.isArray(value);
const MAX_ENTRIES = 512;
const POD_CONTAINERS = ['containers', 'initContainers', 'ephemeralContainers'];
/** Traefik's chart: its own container (the values' `env`), and these lists of `deployment`. */
const CHART_CONTAINERS = ['initContainers', 'additionalContainers'];

/** The fieldPath a `valueFrom` reads, if it is a fieldRef. */
export const fieldPathOf = (from: Node | undefined): string | undefined =>
  from && isRecord(from.fieldRef) && typeof from.fieldRef.fieldPath === 'string' ? from.fieldRef.fieldPath : undefined;

/** Adds the string values of `map` (at `at`) as the fields `metadata.<field>['key']`. */
function addFields(fields: Map<string, PodField>, field: 'annotations' | 'labels', map: unknown, at: Path): void {
  if (!isRecord(map)) return;
  for (const [key, value] of Object.entries(map).slice(0, MAX_ENTRIES))
    if (typeof value === 'string' || typeof value === 'number')
      fields.set(`metadata.${field}['${key}']`, { path: [...at, key], value: String(value), key });
}

/**
 * The containers of `record` whose env reads an annotation or label `record` writes: `record` a Pod or a pod template
 * (`metadata` beside a pod `spec`), or Traefik's chart values (`deployment.podAnnotations`/`podLabels`); none otherwise.
 */
export function downwardContainers(record: Node, at: Path): DownwardContainer[] {
  const fields = new Map<string, PodField>();
  const containers: Array<{ container: unknown; at: Path }> = [];
  const listed = (owner: Node, keys: readonly string[], ownerAt: Path) =>
    keys.forEach((key) => {
      if (Array.isArray(owner[key]))
        owner[key].slice(0, MAX_ENTRIES).forEach((container, i) => containers.push({ container, at: [...ownerAt, key, i] }));
    });
  const { metadata, spec, deployment } = record;
  if (isRecord(metadata) && isRecord(spec) && POD_CONTAINERS.some((key) => Array.isArray(spec[key]))) {
    addFields(fields, 'annotations', metadata.annotations, [...at, 'metadata', 'annotations']);
    addFields(fields, 'labels', metadata.labels, [...at, 'metadata', 'labels']);
    listed(spec, POD_CONTAINERS, [...at, 'spec']);
  } else if (
    isRecord(deployment) &&
    (isRecord(deployment.podAnnotations) || isRecord(deployment.podLabels) || isRecord(record.commonLabels))
  ) {
    addFields(fields, 'annotations', deployment.podAnnotations, [...at, 'deployment', 'podAnnotations']);
    addFields(fields, 'labels', record.commonLabels, [...at, 'commonLabels']);
    addFields(fields, 'labels', deployment.podLabels, [...at, 'deployment', 'podLabels']);
    containers.push({ container: record, at });
    listed(deployment, CHART_CONTAINERS, [...at, 'deployment']);
  }
  if (fields.size === 0) return [];
  const reads = (container: unknown) =>
    isRecord(container) &&
    Array.isArray(container.env) &&
    container.env.slice(0, MAX_ENTRIES).some((entry) => {
      const path = isRecord(entry) && isRecord(entry.valueFrom) ? fieldPathOf(entry.valueFrom) : undefined;
      return path !== undefined && fields.has(path);
    });
  return containers.filter(({ container }) => reads(container)).map(({ container, at }) => ({ container: container as Node, at, fields }));
}
