import { formatPath, type Path, type Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { show } from '../validate/paths';
import { confinementProblems } from './extra-pod-confinement';
import { traefikNamespace } from './extra-object-rules';
import { renderedObjects } from './extra-objects';
import { podSecretProblems } from './extra-secret-powers';
import { goTruthy } from './go-truth';
import { generatedInits } from './init-container-join';
import { sidecarProgramProblems } from './sidecar-programs';

type Values = Readonly<Record<string, unknown>>;

/**
 * Where Kubernetes mounts the pod's ServiceAccount token into every container that has no mount at exactly this path
 * (kubernetes plugin/pkg/admission/serviceaccount/admission.go, DefaultAPITokenMountPath, compared as written).
 */
const TOKEN_FOLDER = '/var/run/secrets/kubernetes.io/serviceaccount';

const LISTS = ['additionalContainers', 'initContainers'] as const;

/** A container of the user's own in Traefik's pods, at `deployment.<list>[index]`. */
interface UserContainer {
  readonly list: (typeof LISTS)[number];
  readonly index: number;
  readonly container: Values;
}

const OUTSIDE = 'which an extraObjects pod may not';
const OWN_POD = 'or run it in a pod of its own in extraObjects';

/** The volumes of `deployment.additionalVolumes` by name. */
function volumesByName(deployment: Values): Map<unknown, Values> {
  const volumes: unknown[] = Array.isArray(deployment.additionalVolumes) ? deployment.additionalVolumes : [];
  return new Map(volumes.filter(isMap).map((volume) => [volume.name, volume]));
}

/** Whether a volume projects a ServiceAccount token: the pod's, that is Traefik's. */
const projectsToken = (volume: Values | undefined): boolean =>
  !!volume &&
  isMap(volume.projected) &&
  Array.isArray(volume.projected.sources) &&
  volume.projected.sources.some((source) => isMap(source) && isMap(source.serviceAccountToken));

/** One container's mounts: of Traefik's token or the node's files, and whether one hides the token Kubernetes mounts. */
function mountProblems({ list, index, container }: UserContainer, volumes: Map<unknown, Values>): Problem[] {
  const at: Path = ['deployment', list, index, 'volumeMounts'];
  const mounts: unknown[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
  const problems: Problem[] = [];
  let hidden = false;
  mounts.forEach((mount, k) => {
    if (!isMap(mount)) return;
    const volume = volumes.get(mount.name);
    if (projectsToken(volume))
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
    else if (mount.mountPath === TOKEN_FOLDER) hidden = true;
  });
  if (!hidden)
    problems.push({
      path: at,
      message:
        `holds no mount at ${TOKEN_FOLDER}, so Kubernetes mounts Traefik's ServiceAccount token there, as in every container ` +
        `of the pod, and this container acts with Traefik's API rights (its account reads every Secret), ${OUTSIDE}: add ` +
        `{name: no-token, emptyDir: {}} to deployment.additionalVolumes and {name: no-token, mountPath: ${TOKEN_FOLDER}} ` +
        `to this container's volumeMounts, ${OWN_POD}`,
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
 * user's containers only: Traefik's own container and the pod's security context are the chart's and the traefik keys'.
 */
function containerConfinementProblems(containers: readonly UserContainer[], deployment: Values): Problem[] {
  const lists = podLists(containers);
  const names = new Set(containers.map(({ container }) => container.name));
  const podAnnotations = isMap(deployment.podAnnotations) ? deployment.podAnnotations : {};
  const annotations = Object.fromEntries(Object.entries(podAnnotations).filter(([key]) => names.has(key.split('/').pop())));
  const where = (path: Path): Path => {
    const [first, list, ...rest] = path;
    if (first === 'metadata') return ['deployment', 'podAnnotations', ...rest];
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
  return [...privileged, ...confinementProblems(lists, ['spec'], { annotations }).map(({ at, message }) => ({ path: where(at), message }))];
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
  const spec = { ...lists, volumes: volumes.map((volume) => (isMap(volume) && mounted.has(volume.name) ? volume : undefined)) };
  const items: unknown[] = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const where = ([list, ...rest]: Path): Path => [
    'deployment',
    list === 'volumes' ? 'additionalVolumes' : list === 'containers' ? 'additionalContainers' : 'initContainers',
    ...rest,
  ];
  return podSecretProblems(
    spec,
    [],
    traefikNamespace(values),
    items.flatMap(renderedObjects),
    "run the container in a pod of its own in its application's namespace",
  ).map(({ at, message }) => ({ path: where(at), message }));
}

/**
 * Wave 84 (83a-6, -9, -21): the user's containers in Traefik's own pods (`deployment.additionalContainers` and the user's
 * `deployment.initContainers`, which templates/_podtemplate.tpl renders as written, v20.1.1 to v41.3.0) are held to what
 * an `extraObjects` pod may hold (extra-workload-powers.ts): no API rights, so no ServiceAccount token, which Kubernetes
 * mounts into every container of the pod unless the container mounts something else at its folder (sidecar-tokens.ts
 * mounts an empty one; a container it could not give one, or that mounts a token itself, is refused); nothing of the node
 * (no privileged container, no capability or profile outside the baseline Pod Security Standard, no hostPath mount, not
 * the node's network: under `hostNetwork` any announcer or listener would run there, whatever its program, unless it is an
 * init container, which ends before Traefik starts); and not
 * Traefik's processes (`deployment.shareProcessNamespace`, through which a container of Traefik's user reads Traefik's
 * files, its token included, at /proc/<pid>/root). A container refused as a second Traefik or VIP announcer
 * (sidecar-programs.ts) is said once. The init container this tool writes (`volume-permissions`) is not the user's.
 */
export function sidecarProblems(values: Values, prefix: Path, generated: Values): Problem[] {
  const programs = sidecarProgramProblems(values, prefix);
  const refused = new Set(programs.map(({ path }) => formatPath(path.slice(prefix.length + 1, -1))));
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const ownInits = generatedInits(Array.isArray(deployment.initContainers) ? deployment.initContainers : [], generated);
  const containers: UserContainer[] = LISTS.flatMap((list) =>
    (Array.isArray(deployment[list]) ? (deployment[list] as unknown[]) : []).flatMap((container, index) =>
      isMap(container) && !(list === 'initContainers' && ownInits.has(index)) && !refused.has(formatPath(['deployment', list, index]))
        ? [{ list, index, container }]
        : [],
    ),
  );
  if (!containers.length) return programs;
  const volumes = volumesByName(deployment);
  const names = (of: readonly UserContainer[]) =>
    of.map(({ list, index, container }) => `deployment.${list}[${index}] ${show(container.name)}`).join(', ');
  const shared: Problem[] = [];
  // An init container ends before Traefik starts (the chart's EXAMPLES.md setcap example runs two under hostNetwork);
  // one with restartPolicy Always is a native sidecar and runs beside Traefik.
  const running = containers.filter(({ list, container }) => list === 'additionalContainers' || container.restartPolicy === 'Always');
  if (goTruthy(values.hostNetwork) && running.length)
    shared.push({
      path: ['hostNetwork'],
      message:
        `is true with containers of your own running in Traefik's pods (${names(running)}), on the node's own network then, ` +
        `where any program can answer ARP for this cluster's VIPs or take its ports, ${OUTSIDE}: run them in a pod of their ` +
        'own in extraObjects, or drop hostNetwork (kube-vip brings the VIP to Traefik through its Service)',
    });
  if (goTruthy(deployment.shareProcessNamespace))
    shared.push({
      path: ['deployment', 'shareProcessNamespace'],
      message:
        `is true with containers of your own in Traefik's pods (${names(containers)}), which then see Traefik's process and, as its user, ` +
        `read its files, its ServiceAccount token included, ${OUTSIDE}: remove it`,
    });
  const own = [
    ...shared,
    ...containerConfinementProblems(containers, deployment),
    ...secretReadProblems(containers, values, deployment),
    ...containers.flatMap((container) => mountProblems(container, volumes)),
  ];
  return [...programs, ...own.map(({ path, message }) => ({ path: [...prefix, 'values', ...path], message }))];
}
