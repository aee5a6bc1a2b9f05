import type { Path } from './problem';

/**
 * Where a refused secret goes instead, said for the door it was found in (59a-16). The Traefik chart has no
 * `existingSecret` (vendor/traefik-values-schema), so no message names one. A Middleware's BasicAuth/DigestAuth takes
 * its users from a Secret named in `secret` (doc.traefik.io/traefik/reference/routing-configuration/kubernetes/crd/http/
 * middlewares basicauth "secret"); a container takes a Secret's key with env `valueFrom.secretKeyRef`, and Kubernetes
 * expands `$(VAR)`, not `${VAR}`, in env values and arguments (kubernetes.io/docs/tasks/inject-data-application/
 * define-interdependent-environment-variables, define-command-argument-container).
 */
export function secretAdvice(path: Path): string {
  const keys = path.map((key) => String(key).toLowerCase());
  const auth = keys.find((key) => key === 'basicauth' || key === 'digestauth');
  if (auth) {
    const name = auth === 'basicauth' ? 'basicAuth' : 'digestAuth';
    return `keep the users in a Kubernetes Secret and name it in the Middleware's ${name}.secret`;
  }
  if (inPluginConfig(keys))
    return "keep it in a Kubernetes Secret in the Middleware's namespace and write `urn:k8s:secret:<name>:<key>` there";
  const last = keys.length - 1;
  if (keys[last] === 'value' && typeof path[last - 1] === 'number' && keys[last - 2] === 'env')
    return 'keep it in a Kubernetes Secret and take it with env valueFrom.secretKeyRef';
  if (/^(?:additionalarguments|globalarguments|args|command)$/.test(keys[last - 1] ?? '') && typeof path[last] === 'number')
    return 'keep it in a Kubernetes Secret, give it to the container with env valueFrom.secretKeyRef, and write `$(VAR)` in the argument';
  return 'keep it in a Kubernetes Secret and reference it (e.g. env valueFrom.secretKeyRef)';
}

/** How a reference is written at `path`: Kubernetes' `$(VAR)` in an env value or an argument, else `${VAR}`. */
export function referenceExample(path: Path): string {
  const keys = path.map((key) => String(key).toLowerCase());
  if (inPluginConfig(keys)) return '`urn:k8s:secret:<name>:<key>`';
  const last = keys.length - 1;
  const kubelet =
    (keys[last] === 'value' && keys[last - 2] === 'env') ||
    (/^(?:additionalarguments|globalarguments|args|command)$/.test(keys[last - 1] ?? '') && typeof path[last] === 'number');
  return kubelet ? '`$(DB_PASSWORD)` from a secretKeyRef env' : '`${DB_PASSWORD}`, a secretKeyRef';
}

/**
 * A Middleware's `spec.plugin` config: no container there to take a secretKeyRef; Traefik's CRD provider reads
 * `urn:k8s:secret:<name>:<key>` in it (traefik/traefik pkg/provider/kubernetes/crd/kubernetes.go loadSecretKeys, 61a-13).
 */
const inPluginConfig = (keys: readonly string[]): boolean => keys.some((key, i) => key === 'plugin' && keys[i - 1] === 'spec');

/**
 * Why a pod of kube-system may read only the Secrets the extraObjects items make there (traefik/extra-secret-powers.ts
 * podSecretProblems, 83a-16): fixed wording (fixed-wording.ts), as after `…item makes:` its "K3s" reads like a
 * labelled value to the message redactor (84a-7).
 */
export const KUBE_SYSTEM_SECRETS_REASON =
  "K3s keeps its own Secrets there (its serving key, the nodes' passwords, Helm's releases), which any pod of kube-system can read";
