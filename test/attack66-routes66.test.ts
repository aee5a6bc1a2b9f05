// Round 66 (attack66b 3, 4, 12): the chart's own `ingressRoute.<name>` gets the backend and middleware rules of an
// `extraObjects` IngressRoute (traefik/traefik-helm-chart templates/ingressroute.yaml writes `services` and
// `middlewares` with toYaml); a file-provider service field Traefik's decoder does not find (or one newer than the
// deployed Traefik) fails the whole file, as a router's does; and a route naming a backend or Middleware in another
// namespace is refused while `providers.kubernetesCRD.allowCrossNamespace` is off (Traefik's CRD provider skips it,
// traefik/traefik pkg/provider/kubernetes/crd kubernetes_http.go). Every row is judged alike at the config file,
// K3sVipCluster and TraefikHelmChartConfig; the must-pass rows are ordinary configs.
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';

type Values = Record<string, unknown>;
const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');

function doors(values: Values, chartVersion: string) {
  const config = withChanges(devConfig(), { traefik: { chartVersion, values } });
  return {
    errors: parseConfigText('config/t.yaml', stringify(config)).errors.map(line),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config)),
    chart: refusalOf(
      () => new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', { loadBalancerIPs: ['192.168.0.41'], chartVersion, values }),
    ),
  };
}

const myapp = (route: Values): Values => ({
  ingressRoute: { myapp: { enabled: true, matchRule: 'Host(`app.example.com`)', entryPoints: ['web'], ...route } },
});
const fileContent = (content: unknown, extra: Values = {}): Values => ({ providers: { file: { enabled: true, content } }, ...extra });
const services = (body: Values): Values => ({
  http: {
    routers: { r: { rule: 'Host(`x.example.com`)', service: 's' } },
    services: { s: { loadBalancer: { servers: [{ url: 'http://10.0.0.1' }] } }, ...body },
  },
});
const route = (refs: Values, namespace = 'default', kind = 'IngressRoute'): Values => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind,
      metadata: { name: 'ir1', namespace },
      spec: { entryPoints: ['web'], routes: [{ match: kind === 'IngressRoute' ? 'Host(`a.example.com`)' : 'HostSNI(`*`)', ...refs }] },
    },
  ],
});
const crossNs = (allow: unknown, args?: string[]): Values => ({
  providers: { kubernetesCRD: { allowCrossNamespace: allow } },
  ...(args && { additionalArguments: args }),
});

const IR = 'traefik.values.ingressRoute.myapp.';
const XO = 'traefik.values.extraObjects[0].spec.routes[0].';
const CONTENT = 'traefik.values.providers.file.content';
const CROSS = 'allowCrossNamespace is false';

/** [row, values, chart version, key path the error names, words the message holds]. */
const REFUSED: Array<[string, Values, string, string, string]> = [
  [
    '66b-3 service name Bad_Name',
    myapp({ services: [{ name: 'Bad_Name', port: 80 }] }),
    '39.0.7',
    `${IR}services[0].name`,
    'is not a valid Service name',
  ],
  ['66b-3 service port 0', myapp({ services: [{ name: 'svc-a', port: 0 }] }), '39.0.7', `${IR}services[0].port`, 'is not a Service port'],
  [
    '66b-3 service port 70000',
    myapp({ services: [{ name: 'svc-a', port: 70000 }] }),
    '41.3.0',
    `${IR}services[0].port`,
    'is not a Service port',
  ],
  [
    '66b-3 namespace "Bad NS"',
    myapp({ services: [{ name: 'svc-b', port: 80, namespace: 'Bad NS' }] }),
    '39.0.7',
    `${IR}services[0].namespace`,
    'no namespace has such a name',
  ],
  [
    '66b-3 unknown backend field bogus',
    myapp({ services: [{ name: 'svc-b', port: 80, bogus: 1 }] }),
    '39.0.7',
    `${IR}services[0].bogus`,
    "is not a field of an IngressRoute's backend",
  ],
  [
    '66b-3 backend field newer than the chart (passiveHealthCheck on 37.1.0)',
    myapp({ services: [{ name: 'svc-b', port: 80, passiveHealthCheck: { maxFailedAttempts: 3 } }] }),
    '37.1.0',
    `${IR}services[0].passiveHealthCheck`,
    'v3.6.0',
  ],
  ['66b-3 middleware name Bad_MW', myapp({ middlewares: [{ name: 'Bad_MW' }] }), '39.0.7', `${IR}middlewares[0].name`, 'Middleware'],
  [
    '66b-3 middleware unknown field',
    myapp({ middlewares: [{ name: 'mw', nmae: 'x' }] }),
    '39.0.7',
    `${IR}middlewares[0].nmae`,
    'middleware reference',
  ],
  [
    '66b-3 dashboard middleware on chart 27.0.2 (dashboard-ingressroute.yaml)',
    { ingressRoute: { dashboard: { enabled: true, middlewares: [{ name: 'Bad_MW' }] } } },
    '27.0.2',
    'traefik.values.ingressRoute.dashboard.middlewares[0].name',
    'Middleware',
  ],
  [
    '66b-4 highestRandomWeight on Traefik v2.11 (chart 27.0.2)',
    fileContent(stringify(services({ h: { highestRandomWeight: { services: [{ name: 'a@file' }] } } }))),
    '27.0.2',
    CONTENT,
    'http.services.h.highestRandomWeight (a field from Traefik v3.6.0',
  ],
  [
    '66b-4 highestRandomWeight with image.tag v3.5.1 on chart 39.0.7',
    fileContent(stringify(services({ h: { highestRandomWeight: { services: [{ name: 'a@file' }] } } })), { image: { tag: 'v3.5.1' } }),
    '39.0.7',
    CONTENT,
    'http.services.h.highestRandomWeight',
  ],
  [
    '66b-4 typo weightd (string content)',
    fileContent(stringify(services({ t: { weightd: { services: [{ name: 'a@file' }] } } }))),
    '39.0.7',
    CONTENT,
    'http.services.t.weightd',
  ],
  [
    '66b-4 loadBalancer.bogusField (map content, chart 27.0.2)',
    fileContent(services({ u: { loadBalancer: { servers: [{ url: 'http://10.0.0.2' }], bogusField: 1 } } })),
    '27.0.2',
    CONTENT,
    'http.services.u.loadBalancer.bogusField',
  ],
  [
    '66b-4 LoadBalancer spelt in capitals, unknown field inside',
    fileContent(stringify(services({ u: { LoadBalancer: { Servers: [{ url: 'http://10.0.0.2' }], passhostheadr: true } } }))),
    '39.0.7',
    CONTENT,
    'http.services.u.loadBalancer.passhostheadr',
  ],
  [
    '66b-4 unknown field in mirroring / failover / weighted',
    fileContent(stringify(services({ m: { mirroring: { service: 's', mirors: [] } } }))),
    '39.0.7',
    CONTENT,
    'http.services.m.mirroring.mirors',
  ],
  [
    '66b-4 failover.errors before Traefik v3.7 (chart 39.0.7)',
    fileContent(stringify(services({ f: { failover: { service: 's', fallback: 's', errors: { status: ['500'] } } } }))),
    '39.0.7',
    CONTENT,
    'http.services.f.failover.errors (a field from Traefik v3.7.0',
  ],
  [
    '66b-12 extraObjects IngressRoute service in another namespace',
    route({ services: [{ name: 'svc-a', namespace: 'other', port: 80 }] }),
    '39.0.7',
    `${XO}services[0].namespace`,
    CROSS,
  ],
  [
    '66b-12 extraObjects IngressRoute middleware in another namespace',
    route({ middlewares: [{ name: 'mw', namespace: 'other' }] }),
    '39.0.7',
    `${XO}middlewares[0].namespace`,
    CROSS,
  ],
  [
    '66b-12 middleware spelt <ns>-<name>@kubernetescrd',
    route({ middlewares: [{ name: 'other-mw@kubernetescrd' }] }),
    '39.0.7',
    `${XO}middlewares[0].name`,
    CROSS,
  ],
  [
    '66b-12 IngressRoute without a namespace (kube-system) naming default',
    {
      extraObjects: [
        {
          ...(route({ services: [{ name: 'svc-a', namespace: 'default', port: 80 }] }).extraObjects as Values[])[0],
          metadata: { name: 'ir1' },
        },
      ],
    },
    '39.0.7',
    `${XO}services[0].namespace`,
    '"kube-system"',
  ],
  [
    '66b-12 IngressRouteTCP service in another namespace',
    route({ services: [{ name: 'svc-a', namespace: 'other', port: 80 }] }, 'default', 'IngressRouteTCP'),
    '39.0.7',
    `${XO}services[0].namespace`,
    CROSS,
  ],
  [
    '66b-12 chart ingressRoute service in another namespace',
    myapp({ services: [{ name: 'svc-a', port: 80, namespace: 'default' }] }),
    '39.0.7',
    `${IR}services[0].namespace`,
    CROSS,
  ],
  [
    '66b-12 allowCrossNamespace true, then the flag =false in additionalArguments',
    {
      ...crossNs(true, ['--providers.kubernetescrd.allowCrossNamespace=false']),
      ...route({ services: [{ name: 'svc-a', namespace: 'other', port: 80 }] }),
    },
    '39.0.7',
    `${XO}services[0].namespace`,
    CROSS,
  ],
];

const PASSES: Array<[string, Values, string]> = [
  [
    '66b-3 ordinary chart ingressRoute',
    myapp({
      services: [
        { name: 'svc-a', port: 80 },
        { name: 'svc-b', port: 'http', weight: 2 },
      ],
      middlewares: [{ name: 'mw' }],
    }),
    '39.0.7',
  ],
  ['66b-3 chart ingressRoute to api@internal', myapp({ services: [{ name: 'api@internal', kind: 'TraefikService' }] }), '41.3.0'],
  [
    '66b-3 passiveHealthCheck on chart 39.0.7',
    myapp({ services: [{ name: 'svc-a', port: 80, passiveHealthCheck: { maxFailedAttempts: 3 } }] }),
    '39.0.7',
  ],
  [
    '66b-4 highestRandomWeight on chart 39.0.7 (Traefik v3.6)',
    fileContent(stringify(services({ h: { highestRandomWeight: { services: [{ name: 's' }] } } }))),
    '39.0.7',
  ],
  [
    '66b-4 every known block, any case',
    fileContent(
      stringify(
        services({
          w: { weighted: { services: [{ name: 's', weight: 1 }], sticky: { cookie: {} }, healthCheck: {} } },
          m: { Mirroring: { service: 's', maxBodySize: 10, mirrors: [{ name: 's', percent: 10 }] } },
          f: { failover: { service: 's', fallback: 'w' } },
          l: { loadBalancer: { servers: [{ url: 'http://10.0.0.3' }], passHostHeader: true, serversTransport: 'st', strategy: 'p2c' } },
        }),
      ),
    ),
    '39.0.7',
  ],
  [
    '66b-4 failover.errors and service middlewares on chart 41.3.0 (Traefik v3.7)',
    fileContent(services({ f: { middlewares: ['a@file'], failover: { service: 's', fallback: 's', errors: { status: ['500'] } } } })),
    '41.3.0',
  ],
  [
    "66b-12 references in the IngressRoute's own namespace",
    route({ services: [{ name: 'svc-a', namespace: 'default', port: 80 }], middlewares: [{ name: 'mw', namespace: 'default' }] }),
    '39.0.7',
  ],
  [
    '66b-12 cross-provider middleware keeps its namespace ignored',
    route({ middlewares: [{ name: 'mw@file', namespace: 'other' }] }),
    '39.0.7',
  ],
  ['66b-12 chart ingressRoute in kube-system', myapp({ services: [{ name: 'svc-a', port: 80, namespace: 'kube-system' }] }), '39.0.7'],
  [
    '66b-12 allowCrossNamespace: true',
    {
      ...crossNs(true),
      ...route({ services: [{ name: 'svc-a', namespace: 'other', port: 80 }], middlewares: [{ name: 'mw', namespace: 'other' }] }),
    },
    '39.0.7',
  ],
  [
    '66b-12 the flag =true in additionalArguments',
    {
      additionalArguments: ['--providers.kubernetescrd.allowCrossNamespace=true'],
      ...route({ services: [{ name: 'svc-a', namespace: 'other', port: 80 }] }),
    },
    '39.0.7',
  ],
  [
    '66b-12 the bare flag, any case',
    {
      additionalArguments: ['--providers.kubernetesCRD.allowcrossnamespace'],
      ...route({ middlewares: [{ name: 'mw', namespace: 'other' }] }),
    },
    '41.3.0',
  ],
];

describe('attack66 routes66: chart ingressRoute backends, file-provider service fields, cross-namespace references', () => {
  it.each(REFUSED)('refuses %s', (_row, values, chartVersion, path, words) => {
    const { errors, cluster, chart } = doors(values, chartVersion);
    const hit = errors.find((e) => e.startsWith(`${path}:`));
    expect(hit).toContain(words);
    for (const refusal of [cluster, chart]) expect(refusal).toContain(words);
    expect(cluster).toContain(path.replace(/^traefik\.values\./, ''));
  });
  it.each(PASSES)('passes %s', (_row, values, chartVersion) => {
    const { errors, cluster, chart } = doors(values, chartVersion);
    expect(errors).toEqual([]);
    expect(cluster).toBe('');
    expect(chart).toBe('');
  });
});
