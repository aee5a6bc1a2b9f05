import { formatPath, Path, Problem } from '../core/problem';
import { redact, secretValues } from '../core/secrets';
import { duplicateContainerNames } from '../validate/container-rules';
import { containerFieldProblems } from '../validate/container-fields';
import type { FieldPath } from '../validate/paths';
import { workloadName } from './extra-object-rules';
import { objectFindings } from './object-judge';
import { isTemplated } from './service-facts';
import { isMap } from '../core/is-map';

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
export function podContainerProblems(values: Values, prefix: Path, generated: Values = {}): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const sidecars = list(deployment, 'additionalContainers') ?? [];
  const inits = list(deployment, 'initContainers') ?? [];
  const mounts = list(values, 'additionalVolumeMounts') ?? [];
  // Traefik's own container carries the values' `resources` and `env` as given (`toYaml`, _podtemplate.tpl).
  const ownFields = {
    ...(isMap(values.resources) && { resources: values.resources }),
    ...(Array.isArray(values.env) && { env: values.env }),
  };
  if (!sidecars.length && !inits.length && !mounts.length && !Object.keys(ownFields).length) return [];
  const name = workloadName(values);
  const security = isMap(values.securityContext) && values.securityContext.privileged === true ? { privileged: true } : undefined;
  const own = { name, image: 'traefik', volumeMounts: mounts, ...(security && { securityContext: security }) };
  // A plain copy: the validators may annotate what they read, and the config is frozen behind proxies.
  const spec = JSON.parse(JSON.stringify({ containers: [own, ...sidecars], initContainers: inits })) as Record<string, unknown>;
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'traefik' }, spec };
  const ownInits = generatedInits(inits, generated);
  /** Where a path below the pod spec lies in the values; undefined for what is not the user's (Traefik's own container). */
  const source = (path: FieldPath): Path | undefined => {
    const [listKey, index, ...rest] = path;
    if (listKey === 'initContainers' && typeof index === 'number') return ['deployment', 'initContainers', index, ...rest];
    if (listKey !== 'containers' || typeof index !== 'number') return undefined;
    if (index > 0) return ['deployment', 'additionalContainers', index - 1, ...rest];
    if (rest[0] === 'resources' || rest[0] === 'env') return rest;
    return rest[0] === 'volumeMounts' && typeof rest[1] === 'number' ? ['additionalVolumeMounts', ...rest.slice(1)] : undefined;
  };
  const holder = (path: FieldPath) =>
    path[0] === 'containers' && path[1] === 0
      ? `Traefik's own container (the chart names it traefik.fullname: ${JSON.stringify(name)})`
      : formatPath(source(path) ?? path);
  // The container rules once more with Traefik's own resources and env (their types are the values schema's and
  // values-kubernetes.ts', which also judges env names and value next to valueFrom: not said twice).
  const withOwn = JSON.parse(JSON.stringify({ ...spec, containers: [{ ...own, ...ownFields }, ...sidecars] })) as Record<string, unknown>;
  const saidElsewhere = (path: FieldPath) => path[0] === 'containers' && path[1] === 0 && path[2] === 'env' && path.length === 5;
  const findings = [
    // The mounts' volume names and paths: container-mounts.ts, which knows the volumes of Traefik's pod.
    // Only with containers or mounts of the user's: the schema check is loaded only then (object-judge.ts).
    ...(sidecars.length || inits.length || mounts.length
      ? objectFindings(pod, ['volume-mounts', 'unique-container-names', 'pod-security', 'container-fields'])
      : []
    ).flatMap((finding) => (finding.path[0] === 'spec' ? [{ ...finding, path: finding.path.slice(1) }] : [])),
    ...duplicateContainerNames(spec, holder).filter(({ path }) => !(path[0] === 'initContainers' && ownInits.has(path[1] as number))),
    ...clashesWithOwnInits(spec, ownInits),
    ...containerFieldProblems(withOwn).filter((finding) => !saidElsewhere(finding.path)),
  ];
  const secrets = secretValues(withOwn);
  return findings.flatMap((finding) => {
    const at = source(finding.path);
    // A templated mount field is rendered by `tpl` at install time: not judged here.
    if (!at || (at[0] === 'additionalVolumeMounts' && isTemplated(valueAt(values, at)))) return [];
    const message = redact(finding.message, secrets).replace(
      /the Kubernetes 1\.27 schema of Pod/g,
      "the Kubernetes 1.27 schema of a pod's container",
    );
    return [
      {
        path: [...prefix, 'values', ...at],
        message: message.includes('so no pod of it is created')
          ? `${message} (the chart writes it into Traefik's pods as given: the release installs, but Traefik's new pods are never created)`
          : `${message} (the chart writes it into Traefik's pods as given, so the whole Traefik release fails to install)`,
      },
    ];
  });
}

/**
 * The indexes of the init containers the merged values hold as this tool writes them (values.ts acmeStorageValues): the
 * last ones of the list, after the user's (init-container-join.ts).
 */
function generatedInits(inits: readonly unknown[], generated: Values): Set<number> {
  const deployment = isMap(generated.deployment) ? generated.deployment : {};
  const own = list(deployment, 'initContainers') ?? [];
  const from = inits.length - own.length;
  return new Set(inits.flatMap((init, i) => (i >= from && JSON.stringify(init) === JSON.stringify(own[i - from]) ? [i] : [])));
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
