import { formatPath, Path, Problem } from '../core/problem';
import { lazyRedactor } from '../core/lazy-redactor';
import { duplicateContainerNames } from '../validate/container-rules';
import { containerFieldProblems } from '../validate/container-fields';
import type { FieldPath } from '../validate/paths';
import { workloadName } from './extra-object-rules';
import { objectFindings } from './object-judge';
import { isTemplated } from './service-facts';
import { isMap } from '../core/is-map';
import { renderedByTpl, traefikOwnPod } from './own-container';
import { nodeAffinityProblems } from './node-affinity';
import { goTruthy } from './go-truth';
import { generatedInits } from './init-container-join';

type OwnRules = Parameters<typeof traefikOwnPod>[1];

type Values = Readonly<Record<string, unknown>>;
const list = (node: Values, key: string): unknown[] | undefined => (Array.isArray(node[key]) ? (node[key] as unknown[]) : undefined);

/**
 * The containers the user adds to Traefik's own pods, judged as the containers of an `extraObjects` workload are
 * (object-judge.ts: the Kubernetes Pod schema and the API server's rules). The chart writes them as they are into
 * its pod template (traefik/traefik-helm-chart templates/_podtemplate.tpl, v20.1.1 to v41.3.0): `toYaml` of
 * `deployment.initContainers` and of `deployment.additionalContainers` (after Traefik's own container), and
 * `additionalVolumeMounts` (`toYaml`, through `tpl` from v23: a templated value is left alone) as volume mounts of
 * Traefik's own container, which the chart names `traefik.fullname` (`traefik` for K3s' release, else
 * `fullnameOverride` or `traefik-<nameOverride>`). A pod the API server refuses fails the whole Traefik release.
 * The mounts' volumes, names and paths are container-mounts.ts' to judge (with the pod's volumes), not this rule's.
 * An init container this tool writes itself (`generated`: `volume-permissions` for `traefik.certResolvers`) is not the
 * user's: a name clash with it is reported at the user's container.
 */
export function podContainerProblems(
  values: Values,
  prefix: Path,
  generated: Values = {},
  chart?: OwnRules,
  k3sVersion?: string,
): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const sidecars = list(deployment, 'additionalContainers') ?? [];
  const inits = list(deployment, 'initContainers') ?? [];
  const mounts = list(values, 'additionalVolumeMounts') ?? [];
  // Traefik's own container and pod as the chart writes them from the values (own-container.ts).
  const ownPod = chart && traefikOwnPod(values, chart, generated);
  if (!sidecars.length && !inits.length && !mounts.length && !ownPod) return [];
  const name = workloadName(values);
  const own = { name, image: 'traefik', volumeMounts: mounts, ...ownPod?.container };
  // A plain copy: the validators may annotate what they read, and the config is frozen behind proxies.
  // `hostNetwork: {{ .Values.hostNetwork }}`: its type is pod-value-types.ts'; the chart's own checks read it by Go truth.
  const hostNetwork = goTruthy(values.hostNetwork) ? { hostNetwork: true } : {};
  // `terminationGracePeriodSeconds: {{ default 60 .Values.deployment.terminationGracePeriodSeconds }}`: what a hook's sleep
  // is held to (pod-admission-rules.ts); its own type is pod-value-types.ts'.
  const grace = isMap(values.deployment) ? values.deployment.terminationGracePeriodSeconds : undefined;
  const terminationGracePeriodSeconds = Number.isInteger(grace) && (grace as number) > 0 ? grace : 60;
  const spec = JSON.parse(
    JSON.stringify({
      ...ownPod?.pod,
      ...hostNetwork,
      terminationGracePeriodSeconds,
      containers: [own, ...sidecars],
      initContainers: inits,
    }),
  ) as Record<string, unknown>;
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'traefik' }, spec };
  const ownInits = generatedInits(inits, generated);
  /** Where a path below the pod spec lies in the values; undefined for what is not the user's (Traefik's own container). */
  const source = (path: FieldPath): Path | undefined => {
    const [listKey, index, ...rest] = path;
    if (listKey === 'initContainers' && typeof index === 'number') return ['deployment', 'initContainers', index, ...rest];
    if (listKey !== 'containers' || typeof index !== 'number') return ownPod?.podSource(path);
    if (index > 0) return ['deployment', 'additionalContainers', index - 1, ...rest];
    if (rest[0] === 'volumeMounts') return typeof rest[1] === 'number' ? ['additionalVolumeMounts', ...rest.slice(1)] : undefined;
    return ownPod?.containerSource(rest);
  };
  const holder = (path: FieldPath) =>
    path[0] === 'containers' && path[1] === 0
      ? `Traefik's own container (the chart names it traefik.fullname: ${JSON.stringify(name)})`
      : formatPath(source(path) ?? path);
  // The node affinity's own rules run on the values (traefik/rules.ts valuesAffinityProblems), with a fix: a key they judge
  // is theirs alone (an operator "exists" is told "write Exists" there, not the schema's list).
  const nodeAffinity = isMap(spec.affinity) ? spec.affinity.nodeAffinity : undefined;
  const saidOfAffinity = new Set(nodeAffinityProblems(nodeAffinity, ['affinity', 'nodeAffinity']).map(({ path }) => formatPath(path)));
  const findings = [
    // The mounts' volume names and paths: container-mounts.ts, which knows the volumes of Traefik's pod.
    // Its volume names: pod-volumes.ts, which knows the chart's own volumes; the rest of 'workload-spec' judges fields the
    // chart gives no value for (activeDeadlineSeconds, ephemeral containers), and the Deployment's counts are workload-value-types.ts'.
    ...objectFindings(
      pod,
      ['volume-mounts', 'unique-container-names', 'pod-security', 'container-fields', 'workload-spec'],
      undefined,
      k3sVersion,
    )
      .flatMap((finding) => (finding.path[0] === 'spec' ? [{ ...finding, path: finding.path.slice(1) }] : []))
      .filter((finding) => !saidElsewhere(finding) && !saidOfAffinity.has(formatPath(finding.path))),
    ...duplicateContainerNames(spec, holder).filter(({ path }) => !(path[0] === 'initContainers' && ownInits.has(path[1] as number))),
    ...clashesWithOwnInits(spec, ownInits),
    ...containerFieldProblems(spec).filter((finding) => !saidElsewhere(finding)),
  ].map((finding) => (ownPod ? ownEnvMessage(finding, ownPod.chartEnv) : finding));
  // Read for a message only: most values give no finding, and reading the pod's secrets costs more than the schema check.
  const redacted = lazyRedactor(spec); // secrets read for a message only
  return findings.flatMap((finding) => {
    const at = source(finding.path);
    // A templated text the chart renders by `tpl` (mounts, affinity, topologySpreadConstraints) is judged at install time.
    if (!at || ((at[0] === 'additionalVolumeMounts' || renderedByTpl(at)) && isTemplated(valueAt(values, at)))) return [];
    const message = redacted(finding.message).replace(
      /the Kubernetes 1\.27 schema of Pod/g,
      finding.path[0] === 'containers' || finding.path[0] === 'initContainers'
        ? "the Kubernetes 1.27 schema of a pod's container"
        : 'the Kubernetes 1.27 schema of a pod',
    );
    return [
      {
        path: [...prefix, 'values', ...at],
        // A reference that looks like the pasted password (validate/secret-refs.ts) is refused for what it holds, not because it fails.
        message: message.startsWith('looks generated')
          ? message
          : message.includes('so no pod of it is created')
            ? `${message} (the chart writes it into Traefik's pods as given: the release installs, but Traefik's new pods are never created)`
            : `${message} (the chart writes it into Traefik's pods as given, so the whole Traefik release fails to install)`,
      },
    ];
  });
}

/**
 * What values-kubernetes.ts and the values schema already say of Traefik's own env: an item's fields (names, types, a value
 * next to valueFrom, unknown fields) and an item that is no map; a name given twice is said here.
 */
function saidElsewhere({ path, message }: { path: FieldPath; message: string }): boolean {
  if (path[0] !== 'containers' || path[1] !== 0 || path[2] !== 'env') return false;
  return (path.length === 4 || path.length === 5) && !message.includes('env names must be unique');
}

/** A duplicate env name of Traefik's own container, said with the values' indexes and the chart's own entries by name. */
function ownEnvMessage<T extends { path: FieldPath; message: string }>(finding: T, chartEnv: readonly string[]): T {
  const { path, message } = finding;
  if (path[0] !== 'containers' || path[1] !== 0 || path[2] !== 'env') return finding;
  return {
    ...finding,
    message: message.replace(/already the name of env\[(\d+)\]/, (_, index: string) =>
      Number(index) < chartEnv.length
        ? `already the name of the env var ${chartEnv[Number(index)]} the chart writes itself into Traefik's container`
        : `already the name of env[${Number(index) - chartEnv.length}]`,
    ),
  };
}

/**
 * The user's containers named like an init container this tool writes: the API server refuses one container name twice in a
 * pod (validation.go, as duplicateContainerNames), reported at the user's container, not at the generated one.
 */
function clashesWithOwnInits(spec: Record<string, unknown>, own: ReadonlySet<number>): Array<{ path: FieldPath; message: string }> {
  const inits = Array.isArray(spec.initContainers) ? (spec.initContainers as unknown[]) : [];
  const names = new Set<unknown>(
    [...own].map((i) => (isMap(inits[i]) ? inits[i].name : undefined)).filter((name) => typeof name === 'string'),
  );
  const containers = Array.isArray(spec.containers) ? (spec.containers as unknown[]) : [];
  const users = [
    ...containers.map((container, i) => ({ container, path: ['containers', i] as FieldPath, theirs: i > 0 })),
    ...inits.map((container, i) => ({ container, path: ['initContainers', i] as FieldPath, theirs: !own.has(i) })),
  ];
  return users.flatMap(({ container, path, theirs }) =>
    theirs && isMap(container) && names.has(container.name)
      ? [
          {
            path: [...path, 'name'],
            message:
              `is ${JSON.stringify(container.name)}, the name of the init container this tool adds to Traefik's pods for traefik.certResolvers ` +
              '(it makes the ACME storage file mode 600 on the persistent volume, which Traefik requires), and the API server refuses one ' +
              'container name twice in a pod ("Duplicate value"): give it another name',
          },
        ]
      : [],
  );
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (value, step) => (isMap(value) || Array.isArray(value) ? (value as Record<string, unknown>)[step] : undefined),
    root,
  );
}
