import type { WrittenObject } from '../core/object-identity';

/**
 * The names of a cluster's GitOps objects, and how long a cluster name they allow. Both engines write the
 * name into a label value on every object they apply, and a label value has at most 63 characters
 * (k8s.io/apimachinery `pkg/util/validation` IsValidLabelValue):
 * - Flux labels each object `kustomize.toolkit.fluxcd.io/name: <Kustomization>`; with a longer name the
 *   dry-run refuses every object and nothing is applied (fluxcd/flux2 issue 2004).
 * - Argo CD's label tracking (its default before v3.0, and the label of `annotation+label`) writes
 *   `app.kubernetes.io/instance: <Application>`, cut to 63 characters (argo-cd
 *   docs/user-guide/resource_tracking.md), so two Applications sharing those 63 claim each other's objects.
 */
const MAX_LABEL_VALUE = 63;

/** The Argo CD Application, or the Flux GitRepository and Kustomization, of a cluster. */
export const gitOpsName = (cluster: string): string => `k3s-vip-${cluster}`;

/** Flux's second pair, for manifests that wait for a chart's kinds. */
export const deferredName = (name: string): string => `${name}-deferred`;

/** The kinds of GitOps objects this tool writes, with their API versions and namespaces (gitops/objects.ts renders them). */
export const ARGO_CD_APPLICATION = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd' } as const;
export const FLUX_SOURCE = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: 'flux-system' } as const;
export const FLUX_KUSTOMIZATION = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  namespace: 'flux-system',
} as const;

/**
 * The GitOps objects of a cluster (what GitOpsChart writes): Argo CD's Application, or Flux's GitRepository and
 * Kustomization, with the `-deferred` pair when manifests wait for a chart's kinds.
 */
export function gitOpsObjects(cluster: string, engine: 'argocd' | 'flux', deferred: boolean): WrittenObject[] {
  const name = gitOpsName(cluster);
  if (engine === 'argocd') return [{ ...ARGO_CD_APPLICATION, name, key: 'gitops' }];
  const names = deferred ? [name, deferredName(name)] : [name];
  return names.flatMap((n) => [FLUX_SOURCE, FLUX_KUSTOMIZATION].map((kind) => ({ ...kind, name: n, key: 'gitops' })));
}

/**
 * Why the cluster name is too long for its GitOps objects, else undefined. `deferred` says whether Flux gets
 * the second Kustomization (whose name is longer).
 */
export function gitOpsNameProblem(cluster: string, engine: 'argocd' | 'flux', deferred: boolean): string | undefined {
  const name = engine === 'flux' && deferred ? deferredName(gitOpsName(cluster)) : gitOpsName(cluster);
  if (name.length <= MAX_LABEL_VALUE) return undefined;
  const [object, label] =
    engine === 'flux'
      ? ['Flux Kustomization', 'kustomize.toolkit.fluxcd.io/name']
      : ['Argo CD Application', 'app.kubernetes.io/instance (label tracking)'];
  const shown = `${name.slice(0, 20)}…${name.slice(-12)}`;
  return (
    `the cluster name (the file name) gives the ${object} "${shown}", whose name ${engine === 'flux' ? 'Flux' : 'Argo CD'} writes ` +
    `into the label ${label} of every object it applies: it is ${name.length} characters, at most ${MAX_LABEL_VALUE}: rename the ` +
    `file to at most ${MAX_LABEL_VALUE - (name.length - cluster.length)} characters before .yaml`
  );
}
