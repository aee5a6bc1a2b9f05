import { join } from 'node:path';
import { folderRelation } from '../output/own-folders';
import { physicalOrResolved } from '../output/physical-path';

/**
 * Why a cluster's GitOps objects would deploy the wrong folder, or undefined. Without `gitops.path` they name
 * `dist/<cluster>` of the repository, this project's own layout, which holds the output only when synth writes to
 * the project's dist/; with K3S_VIP_DIST_DIR elsewhere, Argo CD or Flux would deploy a stale committed folder or none.
 */
export function defaultPathElsewhere(
  name: string,
  gitops: { readonly path?: string } | undefined,
  distDir: string,
  projectRoot: string,
): string | undefined {
  if (!gitops || gitops.path !== undefined) return undefined;
  // Compared as the kernel resolves them, as the folder checks do: a link or bind mount to the project's dist/ is it (58b).
  const [dist, ownDist] = [physicalOrResolved(distDir), physicalOrResolved(join(projectRoot, 'dist'))];
  if (dist === ownDist || folderRelation(dist, ownDist) === 'is') return undefined;
  return (
    `gitops.path is not set, so the GitOps objects deploy dist/${name} of the repository, but the output goes to ` +
    `${distDir.replace(/\/+$/, '')}/${name}/ (K3S_VIP_DIST_DIR): set gitops.path to that folder's path in the repository`
  );
}
