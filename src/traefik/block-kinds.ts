import type { Path, Problem } from '../core/problem';
import { goTruthy } from './go-truth';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/**
 * The blocks the chart writes into Traefik's pod with toYaml (traefik/templates/_podtemplate.tpl, the same lines at v27.0.2
 * and v38.0.0, the charts this tool has no values schema of, and at v20.1.1 and v41.3.0), the kind of each, and what it becomes:
 * all under `with`/`if` (a Go-false value is skipped) except `readinessProbe` and `livenessProbe`, written inside the probe
 * the chart opens itself, where any list (`[]` too) is a `- ...` line inside a map, which is no YAML.
 */
const BLOCKS: ReadonlyArray<{ path: Path; kind: 'map' | 'list'; becomes: string; guarded: boolean }> = [
  { path: ['deployment', 'podAnnotations'], kind: 'map', becomes: "the pod's annotations", guarded: true },
  { path: ['deployment', 'podLabels'], kind: 'map', becomes: "the pod's labels", guarded: true },
  { path: ['deployment', 'imagePullSecrets'], kind: 'list', becomes: "the pod's imagePullSecrets", guarded: true },
  { path: ['deployment', 'initContainers'], kind: 'list', becomes: "the pod's initContainers", guarded: true },
  { path: ['deployment', 'additionalContainers'], kind: 'list', becomes: "the pod's containers", guarded: true },
  { path: ['deployment', 'additionalVolumes'], kind: 'list', becomes: "the pod's volumes", guarded: true },
  { path: ['resources'], kind: 'map', becomes: "Traefik's container's resources", guarded: true },
  { path: ['readinessProbe'], kind: 'map', becomes: "Traefik's container's readinessProbe", guarded: false },
  { path: ['livenessProbe'], kind: 'map', becomes: "Traefik's container's livenessProbe", guarded: false },
  { path: ['securityContext'], kind: 'map', becomes: "Traefik's container's securityContext", guarded: true },
  { path: ['additionalVolumeMounts'], kind: 'list', becomes: "Traefik's container's volumeMounts", guarded: true },
  { path: ['env'], kind: 'list', becomes: "Traefik's container's env", guarded: true },
  { path: ['affinity'], kind: 'map', becomes: "the pod's affinity", guarded: true },
  { path: ['tolerations'], kind: 'list', becomes: "the pod's tolerations", guarded: true },
  { path: ['nodeSelector'], kind: 'map', becomes: "the pod's nodeSelector", guarded: true },
  { path: ['podSecurityContext'], kind: 'map', becomes: "the pod's securityContext", guarded: true },
  { path: ['topologySpreadConstraints'], kind: 'list', becomes: "the pod's topologySpreadConstraints", guarded: true },
];

/**
 * The kind a value at a BLOCKS path should be, when it is a list where the chart writes a map into Traefik's pod or a map
 * where it writes a list (refused here in words of its own, so the schema's findings on it are left out, own-container.ts).
 */
export function blockKindOf(path: Path, value: unknown): 'map' | 'list' | undefined {
  const kind = BLOCKS.find((block) => block.path.join('.') === path.join('.'))?.kind;
  const given = Array.isArray(value) ? 'list' : isMap(value) ? 'map' : undefined;
  return given && kind && given !== kind ? kind : undefined;
}

/**
 * A list where the chart writes a map into Traefik's pod, or a map where it writes a list, judged on a chart this tool has no
 * values schema of (where one is vendored, its types say the same): the API server refuses the pod (the Kubernetes 1.27 Pod
 * schema), or the rendered template is no YAML; likewise a Go-false text, number or boolean (`""`, 0, false) in a probe the chart
 * writes unguarded. Other wrong types (a text, a number) are the container rules' and
 * pod-value-types.ts' to judge, and so is any Go-true `startupProbe`, `deployment.lifecycle` and `envFrom` (own-container.ts).
 */
export function blockKindProblems(values: Values): Problem[] {
  return BLOCKS.flatMap(({ path, kind, becomes, guarded }) => {
    const value = path.reduce<unknown>(
      (node, key) => (isMap(node) && Object.hasOwn(node, key as string) ? node[key as string] : undefined),
      values,
    );
    const given = Array.isArray(value) ? 'list' : isMap(value) ? 'map' : undefined;
    // A Go-false text, number or boolean ("", 0, false) where the chart writes the probe unguarded: toYaml prints it as a bare
    // line inside that map. A Go-true one is the container rules' (own-container.ts), a null deleted-maps.ts'.
    if (!given && !guarded && value !== undefined && value !== null && !goTruthy(value)) {
      const shown =
        typeof value === 'string'
          ? value === ''
            ? 'an empty text'
            : 'a text'
          : `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
      return [
        {
          path,
          message:
            `is ${shown}, not a map, and the chart writes it with toYaml inside the ${String(path.at(-1))} it opens itself (after its httpGet), ` +
            `a bare line there, which is no YAML, so the whole Traefik release fails to install: write a map of the probe's timings, or remove the key`,
        },
      ];
    }
    if (!given || given === kind || (guarded && !goTruthy(value))) return [];
    const expects = kind === 'map' ? 'object (a map of fields)' : 'array (a list, each item starting with "- ")';
    return [
      {
        path,
        message:
          `is a ${given}, but the chart writes it with toYaml as ${becomes}, where the Kubernetes 1.27 schema of a pod expects ${expects}, ` +
          `so the whole Traefik release fails to install: write a ${kind}, or remove the key`,
      },
    ];
  });
}
