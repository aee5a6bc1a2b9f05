import { stringifyForGo } from '../core/yaml';

/**
 * `kustomization.yaml` listing the cluster's manifests, so `kubectl kustomize dist/<cluster>` (what
 * Argo CD and Flux run) renders exactly them and nothing else in the folder (gitops/, k3s/).
 */
export function kustomization(manifests: readonly string[]): string {
  return stringifyForGo({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...manifests],
  });
}
