import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { show } from '../validate/paths';
import { apiGroup } from '../validate/kinds';
import { podSpecs, WORKLOADS } from './extra-object-rules';
import { ACCOUNT_RIGHTS, declares, namespaceOf, OWN_ACCOUNT, projectsApiToken, rightless } from './extra-accounts';
import { podSecretProblems, secretPowerProblems } from './extra-secret-powers';
import { keptSecretProblems } from './written-secrets';
import { confinementProblems } from './extra-pod-confinement';
import { podSecurityLimitProblems } from './pod-security-limits';
import { podAnnotationLimitProblems } from './pod-annotation-limits';

type Values = Readonly<Record<string, unknown>>;

/** A finding below an item: where, and the message after the key path. */
export interface PowerProblem {
  readonly at: Path;
  readonly message: string;
}

/** The node's namespaces a pod spec may share, and what each gives it. */
const HOST_NAMESPACES: ReadonlyArray<readonly [string, string]> = [
  ['hostNetwork', "runs the pod on the node's own network, where it can answer ARP for this cluster's VIPs and take Traefik's ports"],
  ['hostPID', "shares the node's processes, whose files and networks it can enter"],
  ['hostIPC', "shares the node's inter-process memory with every process there"],
];

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** One pod spec's powers over the node and the API, `at` its path below the item. */
function podSpecProblems(
  spec: Values,
  at: Path,
  metadata: Values,
  isRightless: (name: string) => boolean,
  k3sVersion: string | undefined,
): PowerProblem[] {
  const problems: PowerProblem[] = [];
  const outside =
    "outside every rule of this tool: remove it (an application behind Traefik needs none; run a node agent beside this tool's manifests)";
  for (const [key, gives] of HOST_NAMESPACES) {
    if (spec[key] === true)
      problems.push({
        at: [...at, key],
        message: `is true, which ${gives}, ${outside}`,
      });
  }
  for (const list of CONTAINER_LISTS) {
    const containers: unknown[] = Array.isArray(spec[list]) ? spec[list] : [];
    containers.forEach((container, i) => {
      const context = isMap(container) && isMap(container.securityContext) ? container.securityContext : {};
      if (context.privileged === true)
        problems.push({
          at: [...at, list, i, 'securityContext', 'privileged'],
          message: `is true, which gives the container the node's devices and every capability (its network and files too), ${outside}`,
        });
      // 83a-3: a host port is a port of the node (K3s' CNI portmap plugin DNATs the node's own addresses, a VIP the node
      // holds included, to the pod); the baseline Pod Security Standard allows none (pod-security-standards.md "HostPorts").
      const ports: unknown[] = isMap(container) && Array.isArray(container.ports) ? container.ports : [];
      ports.forEach((port, j) => {
        if (isMap(port) && typeof port.hostPort === 'number' && port.hostPort !== 0)
          problems.push({
            at: [...at, list, i, 'ports', j, 'hostPort'],
            message:
              `is ${port.hostPort}, a port of every node the pod runs on (its addresses, a VIP it holds too), outside every ` +
              "rule of this tool: remove it and reach the pod through a Service (run a node agent beside this tool's manifests)",
          });
      });
    });
  }
  problems.push(
    ...confinementProblems(spec, at, metadata, k3sVersion),
    ...podSecurityLimitProblems(spec, at, k3sVersion),
    ...podAnnotationLimitProblems(spec, metadata.annotations, [...at.slice(0, -1), 'metadata', 'annotations'], k3sVersion),
  );
  const volumes: unknown[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((volume, i) => {
    if (isMap(volume) && volume.hostPath !== undefined && volume.hostPath !== null)
      problems.push({
        // At the volume, not its hostPath key, whose path the schema's one-source rule may hold (all problems at once).
        at: [...at, 'volumes', i],
        message: `is a hostPath volume, which mounts the node's files (K3s applies whatever lands in its manifests folder, and keeps its admin kubeconfig there too), ${outside}`,
      });
  });
  // serviceAccountName, else its deprecated alias serviceAccount (k8s.io/api core/v1 PodSpec: DeprecatedServiceAccount,
  // read only when serviceAccountName is empty). A pod without its token holds none of the account's rights (83a-11).
  if (spec.automountServiceAccountToken === false && !volumes.some(projectsApiToken)) return problems;
  const key = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? 'serviceAccountName' : 'serviceAccount';
  const name = spec[key];
  if (typeof name !== 'string' || name === '') {
    // serviceAccount.name "default" makes the namespace's default account Traefik's (83a-23): a pod naming none runs as it.
    if (!isRightless('default'))
      problems.push({
        at: [...at, 'serviceAccountName'],
        message: `is unset: the pod runs as its namespace's default account, which serviceAccount.name makes Traefik's, with its API rights, ${ACCOUNT_RIGHTS}: name ${OWN_ACCOUNT}`,
      });
  } else if (!isRightless(name))
    problems.push({
      at: [...at, key],
      message: `is ${show(name)}: the pod would run with that ServiceAccount's API rights, ${ACCOUNT_RIGHTS}: remove it (the pod then runs as its namespace's default account), or name ${OWN_ACCOUNT}`,
    });
  return problems;
}

/**
 * Review 83: endpoints in kube-system join a Service of K3s' own (CoreDNS's `kube-dns`, metrics-server) unless the items
 * declare it: kube-proxy sends that Service's traffic to whatever addresses they hold. An EndpointSlice joins the
 * Service its `kubernetes.io/service-name` label names (k8s.io/api discovery/v1), Endpoints the Service of their name.
 */
function kubeSystemEndpointProblems(object: Values, namespace: string, objects: readonly Values[]): PowerProblem[] | undefined {
  const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : undefined;
  const slice = group === 'discovery.k8s.io' && object.kind === 'EndpointSlice';
  if (!slice && !(group === '' && object.kind === 'Endpoints')) return undefined;
  if (namespace !== 'kube-system') return [];
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const labels = isMap(metadata.labels) ? metadata.labels : {};
  const service = slice ? labels['kubernetes.io/service-name'] : metadata.name;
  if (typeof service !== 'string' || declares(objects, 'Service', service, namespace)) return [];
  return [
    {
      at: slice ? ['metadata', 'labels', 'kubernetes.io/service-name'] : ['metadata', 'name'],
      message:
        `is ${show(service)}, a Service of kube-system that no extraObjects item makes: the addresses here would join K3s' own ` +
        "Service (CoreDNS's kube-dns, metrics-server), which kube-proxy then sends traffic to: give your backends a Service of their own",
    },
  ];
}

/** The metadata of the pod whose spec stands at `at` (a Pod's own, a template's). */
function podMetadata(object: Values, at: Path): Values {
  let pod: unknown = object;
  for (const key of at.slice(0, -1)) pod = isMap(pod) ? pod[key as string] : undefined;
  return isMap(pod) && isMap(pod.metadata) ? pod.metadata : {};
}

/**
 * Wave 83: what an `extraObjects` item may hold of the node and the API. Workloads there are an application's pods
 * behind Traefik, so none shares the node's network, processes or files, runs privileged, or runs with a
 * ServiceAccount the release does not declare (those hold rights this tool cannot see: a pod with the node's network
 * can announce a VIP, one with its files can drop manifests into K3s' folder or read its admin kubeconfig, one with
 * an account such as Traefik's reads every Secret). A token Secret of such an account is the same rights in a file.
 * `objects` are every object the release's items render; `k3sVersion` (`k3s.version`) decides the baseline's release.
 */
export function workloadPowerProblems(
  object: Values,
  objects: readonly Values[],
  values: Values,
  k3sVersion: string | undefined,
): PowerProblem[] {
  const namespace = namespaceOf(object);
  const isRightless = (name: string) => rightless(name, namespace, objects, values);
  const kept = keptSecretProblems(object);
  const secrets = secretPowerProblems(object, isRightless) ?? kubeSystemEndpointProblems(object, namespace, objects);
  if (secrets || kept.length) return [...kept, ...(secrets ?? [])];
  const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : undefined;
  if (!WORKLOADS.has(object.kind) || (group !== '' && group !== 'apps' && group !== 'batch')) return [];
  return podSpecs(object).flatMap(({ spec, at }) => [
    ...podSpecProblems(spec, at, podMetadata(object, at), isRightless, k3sVersion),
    ...podSecretProblems(spec, at, namespace, objects),
  ]);
}
