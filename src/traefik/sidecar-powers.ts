import { formatPath, type Path, type Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { KUBE_SYSTEM_SECRETS_REASON } from '../core/secret-advice';
import { show } from '../validate/paths';
import { confinementProblems } from './extra-pod-confinement';
import { traefikNamespace } from './extra-object-rules';
import { renderedObjects } from './extra-objects';
import { podSecretProblems } from './extra-secret-powers';
import { projectsApiToken } from './extra-accounts';
import { goTruthy } from './go-truth';
import { SERVICE_ACCOUNT_DIR } from './api-client-env';
import type { TraefikChartRules } from './chart-versions';
import { NO_TOKEN_VOLUME, reservedNameTakers } from './sidecar-tokens';
import { generatedInits } from './init-container-join';
import type * as SidecarPrograms from './sidecar-programs';

type Values = Readonly<Record<string, unknown>>;

const LISTS = ['additionalContainers', 'initContainers'] as const;

/** A container of the user's own in Traefik's pods, at `deployment.<list>[index]`. */
interface UserContainer {
  readonly list: (typeof LISTS)[number];
  readonly index: number;
  readonly container: Values;
}

const OUTSIDE = 'which an extraObjects pod may not';
const OWN_POD = 'or run it in a pod of its own in extraObjects';

/**
 * The volumes of Traefik's pod a container of the user's may mount, by name: `deployment.additionalVolumes` as written,
 * and the hostPath volumes the chart makes of `experimental.localPlugins` (chart-versions.ts `localPlugins`: every plugin
 * from v37.0.0; from v37.4.0 not an `inlinePlugin`, a ConfigMap, nor a `localPath` one, which makes none).
 */
function volumesByName(values: Values, deployment: Values, localPlugins: TraefikChartRules['localPlugins']): Map<unknown, Values> {
  const volumes: unknown[] = Array.isArray(deployment.additionalVolumes) ? deployment.additionalVolumes : [];
  const experimental = isMap(values.experimental) ? values.experimental : {};
  const plugins = localPlugins !== 'none' && isMap(experimental.localPlugins) ? experimental.localPlugins : {};
  const fromNode = Object.entries(plugins).flatMap(([name, plugin]) =>
    localPlugins === 'typed' && isMap(plugin) && (plugin.type === 'inlinePlugin' || plugin.type === 'localPath')
      ? []
      : [[name.replace(/\./g, '-'), { name, hostPath: isMap(plugin) ? { path: plugin.hostPath } : {} }] as const],
  );
  return new Map<unknown, Values>([...fromNode, ...volumes.filter(isMap).map((volume) => [volume.name, volume] as const)]);
}

/** One container's mounts of Traefik's token or the node's files. */
function mountProblems({ list, index, container }: UserContainer, volumes: Map<unknown, Values>): Problem[] {
  const at: Path = ['deployment', list, index, 'volumeMounts'];
  const mounts: unknown[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
  const problems: Problem[] = [];
  mounts.forEach((mount, k) => {
    // The mount this tool adds (sidecar-tokens.ts); a volume of the user's with its name is refused as such.
    if (!isMap(mount) || (mount.name === NO_TOKEN_VOLUME && mount.mountPath === SERVICE_ACCOUNT_DIR)) return;
    const volume = volumes.get(mount.name);
    if (projectsApiToken(volume))
      problems.push({
        path: [...at, k, 'name'],
        message: `is ${show(mount.name)}, a projected ServiceAccount token, which in Traefik's pods is Traefik's (its account reads every Secret), ${OUTSIDE}: remove the mount`,
      });
    else if (volume && volume.hostPath !== undefined && volume.hostPath !== null)
      problems.push({
        path: [...at, k, 'name'],
        message:
          `is ${show(mount.name)}, a hostPath volume, which gives a container of your own the node's files (K3s applies whatever ` +
          `lands in its manifests folder), ${OUTSIDE}: remove the mount, ${OWN_POD} without it`,
      });
  });
  return problems;
}

/** The user's containers as a pod spec's lists, each at its index in the values (holes for the others). */
function podLists(containers: readonly UserContainer[]): { containers: unknown[]; initContainers: unknown[] } {
  const lists = { containers: [] as unknown[], initContainers: [] as unknown[] };
  for (const { list, index, container } of containers)
    (list === 'additionalContainers' ? lists.containers : lists.initContainers)[index] = container;
  return lists;
}

/**
 * The confinement of an `extraObjects` pod's containers (extra-pod-confinement.ts, and no privileged container), on the
 * user's containers and the pod's security context they inherit: Traefik's own container is the traefik keys'.
 */
function containerConfinementProblems(
  containers: readonly UserContainer[],
  values: Values,
  deployment: Values,
  k3sVersion: string | undefined,
): Problem[] {
  // The pod's seccomp, AppArmor and SELinux settings reach every container that sets none of its own (84a-6).
  const lists = { ...podLists(containers), securityContext: values.podSecurityContext };
  const names = new Set(containers.map(({ container }) => container.name));
  const podAnnotations = isMap(deployment.podAnnotations) ? deployment.podAnnotations : {};
  const annotations = Object.fromEntries(Object.entries(podAnnotations).filter(([key]) => names.has(key.split('/').pop())));
  const where = (path: Path): Path => {
    const [first, list, ...rest] = path;
    if (first === 'metadata') return ['deployment', 'podAnnotations', ...rest];
    if (list === 'securityContext') return ['podSecurityContext', ...rest];
    return ['deployment', list === 'containers' ? 'additionalContainers' : 'initContainers', ...rest];
  };
  const privileged: Problem[] = containers.flatMap(({ list, index, container }) =>
    isMap(container.securityContext) && container.securityContext.privileged === true
      ? [
          {
            path: ['deployment', list, index, 'securityContext', 'privileged'],
            message: `is true, which gives a container of your own the node's devices and every capability, ${OUTSIDE}: remove it`,
          },
        ]
      : [],
  );
  return [
    ...privileged,
    ...confinementProblems(lists, ['spec'], { annotations }, k3sVersion).map(({ at, message }) => ({ path: where(at), message })),
  ];
}

/**
 * The Secrets the user's containers read in Traefik's namespace, judged as an extraObjects pod's there
 * (extra-secret-powers.ts: in kube-system only the Secrets the items make): their env and envFrom, and the volumes of
 * `deployment.additionalVolumes` they mount (Traefik's own container reads its Secrets with its account's rights anyway).
 */
function secretReadProblems(containers: readonly UserContainer[], values: Values, deployment: Values): Problem[] {
  const lists = podLists(containers);
  const mounted = new Set(
    containers.flatMap(({ container }) =>
      (Array.isArray(container.volumeMounts) ? container.volumeMounts : []).map((mount) => isMap(mount) && mount.name),
    ),
  );
  const volumes: unknown[] = Array.isArray(deployment.additionalVolumes) ? deployment.additionalVolumes : [];
  // The chart's `volumes[]` of `type: secret` too: the pod volume `{{ tpl .name | replace "." "-" }}` of Secret `.name`.
  const chartVolumes: unknown[] = Array.isArray(values.volumes) ? values.volumes : [];
  const secretVolumes = chartVolumes.map((volume) =>
    isMap(volume) && volume.type === 'secret' && typeof volume.name === 'string' && mounted.has(volume.name.replace(/\./g, '-'))
      ? { secret: { secretName: volume.name } }
      : undefined,
  );
  const items: unknown[] = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const judge = (spec: Values) =>
    podSecretProblems(
      spec,
      [],
      traefikNamespace(values),
      items.flatMap(renderedObjects),
      "run the container in a pod of its own in its application's namespace",
    );
  const where = ([list, ...rest]: Path): Path => [
    'deployment',
    list === 'volumes' ? 'additionalVolumes' : list === 'containers' ? 'additionalContainers' : 'initContainers',
    ...rest,
  ];
  return [
    ...judge({ ...lists, volumes: volumes.map((volume) => (isMap(volume) && mounted.has(volume.name) ? volume : undefined)) }).map(
      ({ at, message }) => ({ path: where(at), message }),
    ),
    ...judge({ volumes: secretVolumes }).map(({ at }) => ({
      path: ['volumes', at[1], 'name'],
      message:
        'names a Secret of kube-system that no extraObjects item makes, mounted in a container of your own (the name is not shown: ' +
        `a password may have been pasted here): ${KUBE_SYSTEM_SECRETS_REASON}: run the container in a pod of its own in its ` +
        "application's namespace",
    })),
  ];
}

/**
 * Wave 84 (83a-6, -9, -21): the user's containers in Traefik's own pods (`deployment.additionalContainers` and the user's
 * `deployment.initContainers`, which templates/_podtemplate.tpl renders as written, v20.1.1 to v41.3.0) are held to what
 * an `extraObjects` pod may hold (extra-workload-powers.ts): no API rights, so no ServiceAccount token, which Kubernetes
 * mounts into every container of the pod unless the container mounts something else at its folder (sidecar-tokens.ts
 * mounts an empty one; a container it could not give one, or that mounts a token itself, is refused); nothing of the node
 * (no privileged container, no capability or profile outside the baseline Pod Security Standard (what breaks the whole
 * pod, a HostProcess container, a sysctl or a seccomp shape, is own-pod-limits.ts'), no hostPath mount, not
 * the node's network: under `hostNetwork` any announcer or listener would run there, whatever its program, unless it is an
 * init container, which ends before Traefik starts); and not
 * Traefik's processes (`deployment.shareProcessNamespace`, through which a container of Traefik's user reads Traefik's
 * files, its token included, at /proc/<pid>/root). A container refused as a second Traefik or VIP announcer
 * (sidecar-programs.ts) is said once. The init container this tool writes (`volume-permissions`) is not the user's.
 */
export function sidecarProblems(
  values: Values,
  prefix: Path,
  { generated, user }: { generated: Values; user: Values },
  chart: TraefikChartRules,
  k3sVersion?: string,
): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  // The shell reader loads only for a pod with containers of the user's (`npm run bench`, the app alone).
  const programs = LISTS.some((list) => Array.isArray(deployment[list]) && deployment[list].length)
    ? (require('./sidecar-programs') as typeof SidecarPrograms).sidecarProgramProblems(values, prefix)
    : [];
  const refused = new Set(programs.map(({ path }) => formatPath(path.slice(prefix.length + 1, prefix.length + 4))));
  const ownInits = generatedInits(Array.isArray(deployment.initContainers) ? deployment.initContainers : [], generated);
  const containers: UserContainer[] = LISTS.flatMap((list) =>
    (Array.isArray(deployment[list]) ? (deployment[list] as unknown[]) : []).flatMap((container, index) =>
      isMap(container) && !(list === 'initContainers' && ownInits.has(index)) && !refused.has(formatPath(['deployment', list, index]))
        ? [{ list, index, container }]
        : [],
    ),
  );
  if (!containers.length) return programs;
  const volumes = volumesByName(values, deployment, chart.localPlugins);
  const names = (of: readonly UserContainer[]) =>
    of.map(({ list, index, container }) => `deployment.${list}[${index}] ${show(container.name)}`).join(', ');
  const shared: Problem[] = [];
  const running = containers.filter(({ list, container }) => list === 'additionalContainers' || container.restartPolicy === 'Always');
  // An init container ends before Traefik starts (the chart's EXAMPLES.md setcap example runs two under hostNetwork);
  // one with restartPolicy Always is a native sidecar and runs beside Traefik. Said at each container, as another rule
  // may speak of hostNetwork itself (84a-8).
  if (goTruthy(values.hostNetwork))
    for (const { list, index } of running)
      shared.push({
        path: ['deployment', list, index],
        message:
          `runs in Traefik's pods, on the node's own network under hostNetwork, where any program can answer ARP for this ` +
          `cluster's VIPs or take its ports, ${OUTSIDE}: run it in a pod of its own in extraObjects, or drop hostNetwork ` +
          '(kube-vip brings the VIP to Traefik through its Service)',
      });
  // The user's own volumes: the merged values hold the one this tool adds (sidecar-tokens.ts) under that name.
  const userVolumes = isMap(user.deployment) && Array.isArray(user.deployment.additionalVolumes) ? user.deployment.additionalVolumes : [];
  const takers: Path[] = [
    ...userVolumes.flatMap((volume, i) =>
      isMap(volume) && volume.name === NO_TOKEN_VOLUME ? [['deployment', 'additionalVolumes', i, 'name']] : [],
    ),
    ...reservedNameTakers(values),
  ];
  for (const path of takers)
    shared.push({
      path,
      message: `names pod volume ${show(NO_TOKEN_VOLUME)}, the one this tool mounts over the ServiceAccount token's folder in your own containers: give yours another name`,
    });
  // A plain init container has ended before Traefik starts: it never shares a process namespace with it (84a-13).
  if (goTruthy(deployment.shareProcessNamespace) && running.length)
    shared.push({
      path: ['deployment', 'shareProcessNamespace'],
      message:
        `is true with containers of your own running in Traefik's pods (${names(running)}), which then see Traefik's process and, as its user, ` +
        `read its files, its ServiceAccount token included, ${OUTSIDE}: remove it`,
    });
  const own = [
    ...shared,
    ...containerConfinementProblems(containers, values, deployment, k3sVersion),
    ...secretReadProblems(containers, values, deployment),
    ...containers.flatMap((container) => mountProblems(container, volumes)),
  ];
  return [...programs, ...own.map(({ path, message }) => ({ path: [...prefix, 'values', ...path], message }))];
}
