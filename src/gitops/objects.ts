import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * Argo CD and Flux objects are built on plain `ApiObject`: their CRDs are not installed by this
 * project and the few fields set here are stable across their v1 APIs.
 */

export interface GitSourceProps {
  /** Name of the GitOps objects, e.g. k3s-vip-dev. */
  readonly name: string;
  /** Repository URL. */
  readonly repoURL: string;
  /** Branch or revision. */
  readonly revision: string;
  /** Folder of the cluster's manifests (with its kustomization.yaml) inside the repository. */
  readonly path: string;
}

/**
 * Argo CD `Application` (argoproj.io/v1alpha1) in namespace argocd that syncs the folder into the
 * cluster Argo CD runs in, pruning objects removed from Git.
 */
export class ArgoCdApplication extends Construct {
  constructor(scope: Construct, id: string, props: GitSourceProps) {
    super(scope, id);
    new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: props.name, namespace: 'argocd' },
      spec: {
        project: 'default',
        source: { repoURL: props.repoURL, targetRevision: props.revision, path: props.path },
        // Every object names its own namespace; this is only the default for ones that do not.
        destination: { server: 'https://kubernetes.default.svc', namespace: 'kube-system' },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    });
  }
}

/**
 * Flux `GitRepository` (source.toolkit.fluxcd.io/v1) and `Kustomization`
 * (kustomize.toolkit.fluxcd.io/v1) in flux-system that apply the folder and prune what Git drops.
 */
export class FluxKustomization extends Construct {
  constructor(scope: Construct, id: string, props: GitSourceProps) {
    super(scope, id);
    new ApiObject(this, 'GitRepository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: props.name, namespace: 'flux-system' },
      spec: { interval: '1m', url: props.repoURL, ref: { branch: props.revision } },
    });
    new ApiObject(this, 'Kustomization', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: props.name, namespace: 'flux-system' },
      spec: {
        interval: '10m',
        path: `./${props.path.replace(/^\.?\/*/, '')}`,
        prune: true,
        sourceRef: { kind: 'GitRepository', name: props.name },
      },
    });
  }
}
