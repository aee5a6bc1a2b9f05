// Round 65 (attack65b 2): a TraefikService's backends are judged alike in every list the CRD has
// (`highestRandomWeight.services[]`, `failover.service`/`fallback` beside `weighted` and `mirroring`), its fields are
// checked against the CRD of the deployed chart (traefik/traefik-helm-chart traefik/crds/traefik.io_traefikservices.yaml:
// `highestRandomWeight` from v37.3.0 / Traefik v3.6.0, `failover` from v40.0.0 / Traefik v3.7.0), and an unknown field
// is refused naming its path. Every row is judged alike at the config file, K3sVipCluster and TraefikHelmChartConfig.
import { chartVersionDoors } from './helpers';

/** The config's errors, K3sVipCluster's and TraefikHelmChartConfig's refusals for one TraefikService on a chart version. */
function doors(spec: object, chartVersion: string, tag?: string) {
  const object = { apiVersion: 'traefik.io/v1alpha1', kind: 'TraefikService', metadata: { name: 't', namespace: 'default' }, spec };
  const values = { extraObjects: [object], ...(tag && { image: { tag } }) };
  return chartVersionDoors(values, chartVersion);
}

const NAME = 'is not a valid Service name';
const PORT = 'is not a Service port';
const NS = 'no namespace has such a name';
const UNKNOWN = "is not a field of a TraefikService's";
const LACKS = 'is not a field of the TraefikService CRD that Traefik chart';
const REQUIRED = 'the TraefikService CRD requires it here';
const NEW = '41.3.0';
const OLD = '39.0.7';
const hrw = (service: object) => ({ highestRandomWeight: { services: [service] } });
const failover = (service: object, fallback: object) => ({ failover: { service, fallback, errors: { status: ['500-599'] } } });

const P = 'extraObjects[0].spec.';
const REFUSED: Array<[string, object, string, string, string, string?]> = [
  [
    'failover without errors (required)',
    { failover: { service: { name: 'a', port: 80 }, fallback: { name: 'b', port: 80 } } },
    NEW,
    `${P}failover.errors`,
    REQUIRED,
  ],
  ['an hrw backend without name (required)', hrw({ port: 80 }), NEW, `${P}highestRandomWeight.services[0].name`, REQUIRED],
  [
    'a mirror without name (required)',
    { mirroring: { name: 'a', port: 80, mirrors: [{ port: 80, percent: 5 }] } },
    OLD,
    `${P}mirroring.mirrors[0].name`,
    REQUIRED,
  ],
  ['hrw name Bad_Svc (tsHrw)', hrw({ name: 'Bad_Svc', port: 80 }), NEW, `${P}highestRandomWeight.services[0].name`, NAME],
  ['hrw port 70000 (tsHrwNs)', hrw({ name: 'svc', port: 70000 }), NEW, `${P}highestRandomWeight.services[0].port`, PORT],
  [
    'hrw namespace Bad_NS (tsHrwNs)',
    hrw({ name: 'svc', port: 80, namespace: 'Bad_NS' }),
    NEW,
    `${P}highestRandomWeight.services[0].namespace`,
    NS,
  ],
  [
    'failover service Bad_Svc (tsFailover)',
    failover({ name: 'Bad_Svc', port: 80 }, { name: 'b', port: 80 }),
    NEW,
    `${P}failover.service.name`,
    NAME,
  ],
  [
    'failover fallback port 0 (tsFailover)',
    failover({ name: 'a', port: 80 }, { name: 'b', port: 0 }),
    NEW,
    `${P}failover.fallback.port`,
    PORT,
  ],
  [
    'failover fallback namespace',
    failover({ name: 'a', port: 80 }, { name: 'b', port: 80, namespace: 'a.b' }),
    NEW,
    `${P}failover.fallback.namespace`,
    NS,
  ],
  [
    'mirrors namespace',
    { mirroring: { name: 'a', port: 80, mirrors: [{ name: 'm', port: 80, namespace: '-x' }] } },
    NEW,
    `${P}mirroring.mirrors[0].namespace`,
    NS,
  ],
  ['unknown spec.bogusField (tsBogus)', { bogusField: { services: [{ name: 'Bad_Svc' }] } }, NEW, `${P}bogusField`, UNKNOWN],
  ['misspelt spec.weigthed', { weigthed: { services: [{ name: 'a', port: 80 }] } }, NEW, `${P}weigthed`, 'did you mean weighted?'],
  [
    'unknown weighted backend field',
    { weighted: { services: [{ name: 'a', port: 80, prot: 80 }] } },
    NEW,
    `${P}weighted.services[0].prot`,
    UNKNOWN,
  ],
  [
    'unknown hrw backend field',
    hrw({ name: 'a', port: 80, wieght: 2 }),
    NEW,
    `${P}highestRandomWeight.services[0].wieght`,
    'did you mean weight?',
  ],
  [
    'unknown failover fallback field',
    failover({ name: 'a', port: 80 }, { name: 'b', port: 80, x: 1 }),
    NEW,
    `${P}failover.fallback.x`,
    UNKNOWN,
  ],
  [
    'unknown mirroring field',
    { mirroring: { name: 'a', port: 80, mirorrs: [] } },
    NEW,
    `${P}mirroring.mirorrs`,
    'did you mean mirrors?',
    '',
  ],
  [
    'unknown mirror field',
    { mirroring: { name: 'a', port: 80, mirrors: [{ name: 'm', port: 80, percnt: 5 }] } },
    NEW,
    `${P}mirroring.mirrors[0].percnt`,
    UNKNOWN,
  ],
  [
    'failover on chart 39.0.7 (no failover in its CRD)',
    failover({ name: 'a', port: 80 }, { name: 'b', port: 80 }),
    OLD,
    `${P}failover`,
    LACKS,
    'v3.7.0',
  ],
  ['hrw on chart 37.2.0', hrw({ name: 'a', port: 80 }), '37.2.0', `${P}highestRandomWeight`, LACKS, 'v3.6.0'],
  [
    'middlewares on a weighted backend on chart 39.0.7',
    { weighted: { services: [{ name: 'a', port: 80, middlewares: [] }] } },
    OLD,
    `${P}weighted.services[0].middlewares`,
    LACKS,
    'v3.7.0',
  ],
  [
    'hrw on chart 41.3.0 with image v3.5.3',
    hrw({ name: 'a', port: 80 }),
    NEW,
    `${P}highestRandomWeight`,
    'is not a TraefikService field Traefik v3.5.3 reads',
    'v3.6.0',
  ],
];

describe('65b-2: every TraefikService backend list, and its fields', () => {
  test.each(REFUSED)('refuses %s', (...row) => {
    // Rest parameters: jest would take a sixth named parameter as `done` on a five-item row.
    const [_, spec, chartVersion, key, what, since = ''] = row;
    const tag = _.includes('image v3.5.3') ? 'v3.5.3' : undefined;
    const d = doors(spec, chartVersion, tag);
    const error = d.errors.find((l) => l.includes(key));
    expect(error).toContain(what);
    if (since !== '') expect(error).toContain(since);
    for (const refusal of [d.cluster, d.chart]) {
      expect(refusal).toContain(key);
      expect(refusal).toContain(what);
    }
  });

  test.each([
    [
      'a valid HRW TraefikService on chart 41.3.0',
      {
        highestRandomWeight: {
          services: [
            // The TraefikService's own namespace: another is refused while allowCrossNamespace is off (68b-10).
            { name: 'a', namespace: 'default', port: 80, weight: 2 },
            { name: 'wrr', kind: 'TraefikService' },
          ],
        },
      },
      NEW,
    ],
    ['a valid HRW TraefikService on chart 37.3.0', hrw({ name: 'a', port: 'http' }), '37.3.0'],
    [
      'a valid failover TraefikService on chart 40.0.0',
      failover({ name: 'a', port: 80, healthCheck: { path: '/h' } }, { name: 'b', port: 'http' }),
      '40.0.0',
    ],
    [
      'a valid failover TraefikService on chart 41.3.0',
      failover({ name: 'a', port: 80, middlewares: [{ name: 'm' }] }, { name: 'b', kind: 'TraefikService' }),
      NEW,
    ],
    [
      'weighted with sticky and every backend field on chart 39.0.7',
      {
        weighted: {
          sticky: { cookie: { name: 'c' } },
          services: [
            {
              name: 'a',
              port: 80,
              weight: 1,
              nativeLB: true,
              nodePortLB: false,
              passHostHeader: true,
              scheme: 'http',
              serversTransport: 'st',
              strategy: 'RoundRobin',
              healthCheck: {},
              passiveHealthCheck: {},
              responseForwarding: { flushInterval: '1s' },
            },
          ],
        },
      },
      OLD,
    ],
    [
      'mirroring with mirrorBody, maxBodySize and mirrors on chart 39.0.7',
      { mirroring: { name: 'a', port: 80, mirrorBody: true, maxBodySize: 1024, mirrors: [{ name: 'm', port: 80, percent: 10 }] } },
      OLD,
    ],
  ])('accepts %s', (_, spec, chartVersion) => {
    const d = doors(spec, chartVersion);
    expect(d.errors.filter((l) => l.includes('extraObjects'))).toEqual([]);
    expect(d.cluster).toBe('');
    expect(d.chart).toBe('');
  });
});
