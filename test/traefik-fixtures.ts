import { traefikChartRules, upstreamChartVersion } from '../src/traefik/chart-versions';
import { parseVersion } from '../src/semver';
// Traefik values the pod-rule table tests share (attack39-42): written once here.

/**
 * `traefik.values` with one Deployment in extraObjects whose pod spec is `podSpec` and whose pod template's metadata is
 * `podMetadata` (its labels beside the selector's), followed by `others`.
 */
export const deploymentOf = (podSpec: object, podMetadata: { readonly labels?: object } = {}, others: readonly unknown[] = []) => ({
  extraObjects: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', namespace: 'default' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { ...podMetadata, labels: { a: 'b', ...podMetadata.labels } }, spec: podSpec },
      },
    },
    ...others,
  ],
});

/**
 * traefik-helm-chart EXAMPLES.md (v41.3.0) "Running on privileged ports with host network", word for word, in two parts:
 * the chart's non-root user with NET_BIND_SERVICE and no_new_privs off, and the init containers that copy Traefik's binary
 * into an emptyDir and give it the file capability (mounted over Traefik's /usr/local/bin).
 */
export const SETCAP_SECURITY = {
  podSecurityContext: { runAsGroup: 65532, runAsNonRoot: false, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 65532,
    allowPrivilegeEscalation: true,
    capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
  },
};
export const SETCAP_INIT = {
  deployment: {
    initContainers: [
      {
        name: 'copy-binary',
        image: 'traefik:v3.6.12',
        command: ['cp', '/usr/local/bin/traefik', '/shared/traefik'],
        volumeMounts: [{ name: 'traefik-bin', mountPath: '/shared' }],
      },
      {
        name: 'setcap',
        image: 'alpine:3.21',
        command: ['sh', '-c', 'apk add --no-cache libcap && setcap cap_net_bind_service=+ep /shared/traefik'],
        securityContext: { runAsUser: 0, runAsNonRoot: false },
        volumeMounts: [{ name: 'traefik-bin', mountPath: '/shared' }],
      },
    ],
    additionalVolumes: [{ name: 'traefik-bin', emptyDir: {} }],
  },
  additionalVolumeMounts: [{ name: 'traefik-bin', mountPath: '/usr/local/bin' }],
};

/** `values` (holding SETCAP_INIT) with the setcap init container (initContainers[1]) changed by `setcap`. */
export function withSetcap<T extends typeof SETCAP_INIT>(values: T, setcap: object): T {
  const [copy, init] = values.deployment.initContainers;
  return { ...values, deployment: { ...values.deployment, initContainers: [copy, { ...init, ...setcap }] } };
}

/**
 * Rows of a chart-version table (`[case, ...columns, chart versions]`) as one row per chart version, named
 * `case (version)`, the version last: `test.each(perChart(REFUSED))('%s', (_, ...columns, chart) => …)`.
 */
export function perChart<C extends unknown[]>(
  rows: ReadonlyArray<readonly [string, ...C, readonly string[]]>,
): Array<[string, ...C, string]> {
  return rows.flatMap((row) => {
    const charts = row[row.length - 1] as readonly string[];
    const columns = row.slice(1, -1) as unknown as C;
    return charts.map((chart): [string, ...C, string] => [`${row[0]} (${chart})`, ...columns, chart]);
  });
}

/** A Traefik image the chart's RBAC serves: v3.1+ lists EndpointSlices, granted from chart v30.0.0 (81b-24). */
export const servedTag = (chart: string): string =>
  traefikChartRules(parseVersion(upstreamChartVersion(chart))).rbacMaximum ? 'v3.0.4' : 'v3.6.2';
