import type { Problem } from '../core/problem';

/**
 * The top-level keys K3sVipCluster takes are a config file's but `gitops` (61b-9): the construct writes no GitOps
 * object (its charts and documents() are the cluster's folder, not what deploys it), so a `gitops` prop would be
 * validated and then silently dropped. `npm run synth` writes it, from a config file's `gitops:` block
 * (docs/deploy.md: dist/<cluster>/gitops/argocd.yaml or flux.yaml).
 */
const GITOPS_REFUSAL =
  'is not a K3sVipCluster prop: the construct writes no GitOps object; `npm run synth` writes it (an Argo CD Application, ' +
  "or Flux's GitRepository and Kustomization, into dist/<cluster>/gitops/) from a gitops: block in config/<cluster>.yaml " +
  '(docs/deploy.md): remove it here, and put it in that file';

/** Top-level keys someone may try for the cluster's networks, which the construct takes under `k3s`. */
const NETWORK_WORDS = /^(networks?|clusterCidr|serviceCidr|nodeCidr|cidrs?|podCidr)$/i;
const NETWORK_HINT = "the cluster's networks are k3s.clusterCidr, k3s.serviceCidr and k3s.nodeCidr";

/** Whether `props` (already read as plain data by the validation) has a `gitops` key of its own. */
function hasGitops(props: object): boolean {
  try {
    return Object.prototype.hasOwnProperty.call(props, 'gitops');
  } catch {
    // A proxy that throws is reported by the validation, which reads the props first.
    return false;
  }
}

/**
 * The validation's problems as K3sVipCluster says them: `gitops` refused (its own findings dropped: the key goes
 * either way), `gitops` left out of every "Allowed here" list of the top level, and an unknown top-level key that names
 * networks pointed to `k3s`.
 */
export function clusterPropProblems(props: object, errors: readonly Problem[]): Problem[] {
  const gitops = hasGitops(props);
  const said = errors
    .filter((problem) => !(gitops && problem.path[0] === 'gitops'))
    .map((problem) => {
      if (problem.path.length !== 1 || !problem.message.includes('Allowed here: ')) return problem;
      const message = problem.message.replace(/(Allowed here: .*?), gitops\b/, '$1').replace(/: did you mean "gitops"\?/, '.');
      const hint = NETWORK_WORDS.test(String(problem.path[0])) ? `; ${NETWORK_HINT}` : '';
      return { ...problem, message: `${message}${hint}` };
    });
  return gitops ? [{ path: ['gitops'], message: GITOPS_REFUSAL }, ...said] : said;
}
