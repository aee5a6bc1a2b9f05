import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ARGO_CD_APPLICATION, deferredName, FLUX_KUSTOMIZATION, FLUX_SOURCE } from './names';
import { normaliseRepoPath } from '../config/formats';
import { constructArgs } from '../core/construct-args';
import { fluxRef } from './flux-source';
import { gateWhatItRenders } from '../output/construct-gate';

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
  /**
   * Manifests of the folder whose kind a chart of the same folder installs (cert-manager's ClusterIssuers):
   * they cannot apply before that chart ran, so delivery waits for them without holding back the rest.
   * @default - none
   */
  readonly deferredManifests?: readonly DeferredManifest[];
}

/** One manifest file of the folder and the kind it holds. */
export interface DeferredManifest {
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * The sync retry of an Application whose folder holds deferred manifests. Argo CD has no health check for
 * helm.cattle.io/HelmChart, so wave 1 (the ClusterIssuers, SkipDryRunOnMissingResource) may be applied before the
 * chart's CRDs exist and the sync fails; after a failed automated sync Argo CD never tries the same revision again
 * until a new commit (argoproj/argo-cd `controller/appcontroller.go` at v3.5.1, autoSync: "Skipping auto-sync:
 * failed previous sync attempt"), so a bounded retry is a deadline. `limit: -1` retries without end
 * (`state.Operation.Retry.Limit < 0`, same file), every 30 s doubling to at most 5 min
 * (`pkg/apis/application/v1alpha1/types.go` RetryStrategy.NextRetryAt); `refresh: true` (Argo CD v3.2.0+) makes each
 * retry sync the newest revision, so a fixing commit is picked up while the retries run.
 */
export const ARGO_CD_RETRY = {
  limit: -1,
  backoff: { duration: '30s', factor: 2, maxDuration: '5m' },
  refresh: true,
} as const;

/**
 * Argo CD `Application` (argoproj.io/v1alpha1) in namespace argocd that syncs the folder into the
 * cluster Argo CD runs in, pruning objects removed from Git.
 */
export class ArgoCdApplication extends Construct {
  constructor(scope: Construct, id: string, props: GitSourceProps) {
    super(...constructArgs(scope, id, 'ArgoCdApplication'));
    gateWhatItRenders(this);
    new ApiObject(this, 'Resource', {
      apiVersion: ARGO_CD_APPLICATION.apiVersion,
      kind: ARGO_CD_APPLICATION.kind,
      metadata: { name: props.name, namespace: ARGO_CD_APPLICATION.namespace },
      spec: {
        project: 'default',
        source: { repoURL: props.repoURL, targetRevision: props.revision, path: normaliseRepoPath(props.path) },
        // Every object names its own namespace; this is only the default for ones that do not.
        destination: { server: 'https://kubernetes.default.svc', namespace: 'kube-system' },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          ...(props.deferredManifests?.length ? { retry: ARGO_CD_RETRY } : {}),
        },
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
    super(...constructArgs(scope, id, 'FluxKustomization'));
    gateWhatItRenders(this);
    new ApiObject(this, 'GitRepository', {
      apiVersion: FLUX_SOURCE.apiVersion,
      kind: FLUX_SOURCE.kind,
      metadata: { name: props.name, namespace: FLUX_SOURCE.namespace },
      // `refs/heads/main` is no branch name to Flux, nor a commit id: each goes where Flux reads it (flux-source.ts).
      spec: { interval: '1m', url: props.repoURL, ref: fluxRef(props.revision) },
    });
    const path = normaliseRepoPath(props.path);
    const fluxPath = path === '.' ? './' : `./${path}`;
    const deferred = props.deferredManifests ?? [];
    new ApiObject(this, 'Kustomization', {
      apiVersion: FLUX_KUSTOMIZATION.apiVersion,
      kind: FLUX_KUSTOMIZATION.kind,
      metadata: { name: props.name, namespace: FLUX_KUSTOMIZATION.namespace },
      spec: {
        interval: '10m',
        path: fluxPath,
        prune: true,
        sourceRef: { kind: 'GitRepository', name: props.name },
        // Flux dry-runs every object before applying any (fluxcd/pkg ssa ApplyAll), so one object of a kind
        // that does not exist yet would block the whole folder: these are left to the Kustomization below.
        ...(deferred.length ? { patches: deferred.map(deletePatch) } : {}),
      },
    });
    if (!deferred.length) return;
    const later = deferredName(props.name);
    new ApiObject(this, 'DeferredGitRepository', {
      apiVersion: FLUX_SOURCE.apiVersion,
      kind: FLUX_SOURCE.kind,
      metadata: { name: later, namespace: FLUX_SOURCE.namespace },
      // Only the deferred files: without the folder's kustomization.yaml Flux builds one from the files present.
      spec: {
        interval: '1m',
        url: props.repoURL,
        ref: fluxRef(props.revision),
        ignore: onlyFiles(
          path,
          deferred.map((d) => d.file),
        ),
      },
    });
    new ApiObject(this, 'DeferredKustomization', {
      apiVersion: FLUX_KUSTOMIZATION.apiVersion,
      kind: FLUX_KUSTOMIZATION.kind,
      metadata: { name: later, namespace: FLUX_KUSTOMIZATION.namespace },
      spec: {
        dependsOn: [{ name: props.name }],
        interval: '10m',
        // Retried until the chart has installed the kind (docs/spec/v1/kustomizations.md, retryInterval).
        retryInterval: '1m',
        path: fluxPath,
        prune: true,
        sourceRef: { kind: 'GitRepository', name: later },
      },
    });
  }
}

/** A kustomize patch that drops every object of the kind from the build. */
function deletePatch({ apiVersion, kind }: DeferredManifest): Record<string, unknown> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return {
    patch: `$patch: delete\napiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: any\n`,
    target: { group, version, kind },
  };
}

/**
 * A .sourceignore (gitignore syntax) that keeps only `files` of folder `path` (normalised; `.` is the root): each
 * parent re-included, its siblings excluded. Flux compares each `/`-separated part of a rule with one component of
 * a file's path (fluxcd/pkg `sourceignore/gitignore/pattern.go`), so the rules carry the folder's plain segments.
 */
function onlyFiles(path: string, files: readonly string[]): string {
  const lines = ['/*'];
  let prefix = '';
  for (const segment of path === '.' ? [] : path.split('/')) {
    prefix += `/${segment}`;
    lines.push(`!${prefix}/`, `${prefix}/*`);
  }
  return `${[...lines, ...files.map((file) => `!${prefix}/${file}`)].join('\n')}\n`;
}
