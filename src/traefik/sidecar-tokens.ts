import { isMap } from '../core/is-map';
import { SERVICE_ACCOUNT_DIR } from './api-client-env';

type Values = Record<string, unknown>;

/** The empty volume this tool mounts over the token's folder in the user's containers of Traefik's pods. */
export const NO_TOKEN_VOLUME = 'no-service-account-token';

/**
 * Wave 84 (83a-21): the `merged` values with an empty folder mounted over the ServiceAccount token's in each of the
 * user's containers of Traefik's pods (`deployment.additionalContainers` and the user's `deployment.initContainers`, the
 * first ones of the list: init-container-join.ts); after the merge, so no list the generator writes meets a changed one:
 * Kubernetes mounts the pod's token, Traefik's (its account reads every Secret), into every container without a mount
 * at exactly that path (kubernetes plugin/pkg/admission/serviceaccount/admission.go, DefaultAPITokenMountPath). A
 * container with a mount there already is left as written (sidecar-powers.ts judges what it mounts), and so are values
 * whose lists are not lists (the schema's to refuse). The volume is added to `deployment.additionalVolumes` unless
 * one of its name is there.
 */
export function withHiddenTokens(merged: Values, user: Values): Values {
  const deployment = merged.deployment;
  if (!isMap(deployment)) return merged;
  // `additionalVolumes: null` is Helm's "none"; a list that is no list is the schema's to refuse (84a-15).
  const volumes: unknown = deployment.additionalVolumes ?? [];
  if (!Array.isArray(volumes)) return merged;
  const userInits = isMap(user.deployment) && Array.isArray(user.deployment.initContainers) ? user.deployment.initContainers.length : 0;
  let hidden = false;
  const hide = (container: unknown): unknown => {
    if (!isMap(container)) return container;
    const mounts = container.volumeMounts ?? [];
    if (!Array.isArray(mounts) || mounts.some((mount) => isMap(mount) && mount.mountPath === SERVICE_ACCOUNT_DIR)) return container;
    hidden = true;
    // A new map each time: the values' YAML writer would alias one map met twice.
    return { ...container, volumeMounts: [...mounts, { name: NO_TOKEN_VOLUME, mountPath: SERVICE_ACCOUNT_DIR, readOnly: true }] };
  };
  const lists: Values = {};
  if (Array.isArray(deployment.additionalContainers)) lists.additionalContainers = deployment.additionalContainers.map(hide);
  if (Array.isArray(deployment.initContainers))
    lists.initContainers = deployment.initContainers.map((container, i) => (i < userInits ? hide(container) : container));
  if (!hidden) return merged;
  const named = reservedNameTakers(merged).length > 0 || volumes.some((volume) => isMap(volume) && volume.name === NO_TOKEN_VOLUME);
  const additionalVolumes = named ? volumes : [...volumes, { name: NO_TOKEN_VOLUME, emptyDir: {} }];
  return { ...merged, deployment: { ...deployment, ...lists, additionalVolumes } };
}

/**
 * The chart's own keys that name a pod volume `no-service-account-token` (templates/_podtemplate.tpl: `persistence.name`,
 * each `volumes[].name` and `experimental.localPlugins` key with dots as dashes): the volume this tool would add would
 * then be a second of that name (84a-20), so it adds none, and sidecar-powers.ts refuses the name at its key.
 */
export function reservedNameTakers(values: Values): Array<readonly (string | number)[]> {
  const dashed = (name: unknown) => typeof name === 'string' && name.replace(/\./g, '-') === NO_TOKEN_VOLUME;
  const persistence = isMap(values.persistence) ? values.persistence : {};
  const volumes: unknown[] = Array.isArray(values.volumes) ? values.volumes : [];
  const experimental = isMap(values.experimental) ? values.experimental : {};
  const plugins = isMap(experimental.localPlugins) ? Object.keys(experimental.localPlugins) : [];
  return [
    ...(persistence.name === NO_TOKEN_VOLUME ? [['persistence', 'name']] : []),
    ...volumes.flatMap((volume, i) => (isMap(volume) && dashed(volume.name) ? [['volumes', i, 'name']] : [])),
    ...plugins.filter(dashed).map((name) => ['experimental', 'localPlugins', name]),
  ];
}
