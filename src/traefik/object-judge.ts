import { CrdFolderError, crdGroups, findCrd } from '../validate/crds';
import { apiGroup } from '../validate/kinds';
import type { Finding } from '../validate/paths';
import { API_SERVER_RULES, checkCapabilities } from '../validate/rules';
import type * as Schemas from '../validate/schemas';
import { podSpecs, WORKLOADS } from './extra-object-rules';
import { nodeAffinityProblems } from './node-affinity';
import { claimTemplateFindings, podClaimNameFindings } from './pod-claim-names';
import { podRunAsRootFindings } from './run-as-root';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;

/**
 * One Kubernetes object as the API server judges it, as far as this tool knows: the schema and the API server's
 * further rules that `npm run validate` applies to the written manifests (validate/schemas.ts, validate/rules.ts), and
 * the domain rules the values' own pods get. extra-objects.ts judges each `extraObjects` item with it, and
 * pod-containers.ts the containers the user adds to Traefik's own pods, written as a pod. `skip` names rules (ids of
 * API_SERVER_RULES) the caller applies itself. `item` is a plain copy: the validators may annotate what they read.
 * A Gateway API object is judged against `gatewayApiBundle` (crds/gateway-api/<bundle>/, the chart version's, chart-versions.ts
 * `gatewayApi`), else against every vendored bundle. `k3sVersion` (`k3s.version`) decides the fields of releases after
 * Kubernetes 1.27 (validate/later-fields.ts: native sidecars).
 */
export function objectFindings(item: Values, skip: readonly string[] = [], gatewayApiBundle?: string, k3sVersion?: string): Finding[] {
  // A kind of a vendored CRD's group whose own CRD is not vendored (a cert-manager Certificate): not judged by schema.
  const { apiVersion, kind } = item;
  // Loaded only when there is an object to judge: most configs have none, and every synth would load the schema check.
  const { checkSchema } = require('../validate/schemas') as typeof Schemas;
  return [
    ...schemaFindings(() => {
      const group = typeof apiVersion === 'string' ? apiGroup(apiVersion) : '';
      const unvendored = group !== '' && typeof kind === 'string' && crdGroups().has(group) && !findCrd(apiVersion as string, kind);
      return unvendored ? [] : checkSchema(item, gatewayApiBundle, k3sVersion);
    }),
    ...API_SERVER_RULES.filter((rule) => !skip.includes(rule.id)).flatMap((rule) => rule.check(item, { objects: [item] })),
    // CAP_-prefixed capability names, as in Traefik's own pod (core/capability-name.ts): a domain rule the written manifests get too.
    ...checkCapabilities(item),
    // The node affinity of its pods, as the values' own is judged (node-affinity.ts): the schema knows only its types.
    ...(WORKLOADS.has(kind)
      ? podSpecs(item).flatMap(({ spec, at }) =>
          nodeAffinityProblems(isMap(spec.affinity) ? spec.affinity.nodeAffinity : undefined, [...at, 'affinity', 'nodeAffinity']),
        )
      : []),
    // A container the kubelet refuses to start (runAsUser 0 under runAsNonRoot, run-as-root.ts) and claim names no
    // PersistentVolumeClaim can have (pod-claim-names.ts), as in Traefik's own pod.
    ...(WORKLOADS.has(kind) && !skip.includes('pod-security')
      ? podSpecs(item).flatMap(({ spec, at }) =>
          [...podRunAsRootFindings(spec), ...podClaimNameFindings(spec)].map((finding) => ({ ...finding, path: [...at, ...finding.path] })),
        )
      : []),
    ...(skip.includes('pod-security') ? [] : claimTemplateFindings(item)),
  ];
}

/** The schema's findings, or the one problem that the CRD folder cannot be read (a config problem, never a crash). */
function schemaFindings(check: () => Finding[]): Finding[] {
  try {
    return check();
  } catch (e) {
    if (!(e instanceof CrdFolderError)) throw e;
    return [{ path: [], message: `cannot be judged: ${e.message}` }];
  }
}
