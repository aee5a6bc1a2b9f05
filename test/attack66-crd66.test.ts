// Round 66 (attack66b 1, 2, 13): the values of a Traefik CRD backend are judged as the API server's CRD schema does
// (traefik/traefik-helm-chart traefik/crds/traefik.io_traefikservices.yaml and traefik.io_ingressroutes.yaml by chart
// tag: `kind` the enum Service/TraefikService, `weight` an integer >= 0 from v35.3.0, `strategy` wrr/p2c/RoundRobin
// from v35.3.0 with hrw/leasttime from v37.3.0, `sameSite` none/lax/strict from v35.3.0, capitalised from v39.0.9),
// an IngressRoute's `services[]` alike (the same item schema), and a TraefikService is one load balancer with something
// behind it. Every row is judged alike at the config file, K3sVipCluster and TraefikHelmChartConfig.
import { chartVersionDoors } from './helpers';

const ts = (spec: object) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'TraefikService',
  metadata: { name: 't', namespace: 'default' },
  spec,
});
const ir = (service: object) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'r', namespace: 'default' },
  spec: { entryPoints: ['web'], routes: [{ match: 'Host(`a.example.com`)', kind: 'Rule', services: [service] }] },
});
const weighted = (service: object) => ts({ weighted: { services: [service] } });

/** The config's errors, K3sVipCluster's and TraefikHelmChartConfig's refusals for one object on a chart version. */
function doors(object: object, chartVersion: string) {
  const values = { extraObjects: [object] };
  return chartVersionDoors(values, chartVersion);
}

const W = 'extraObjects[0].spec.weighted.services[0].';
const R = 'extraObjects[0].spec.routes[0].services[0].';
const NEW = '41.3.0';
const OLD = '37.1.0';
const ok = { name: 'svc-a', port: 80 };

// [case, object, chart, key path, what the message says]
const REFUSED: Array<[string, object, string, string, string]> = [
  ['kind service (ts6)', weighted({ ...ok, kind: 'service' }), NEW, `${W}kind`, 'did you mean Service?'],
  ['kind Servce (ts1)', weighted({ ...ok, kind: 'Servce' }), OLD, `${W}kind`, 'did you mean Service?'],
  ['kind traefikservice', weighted({ name: 'x', kind: 'traefikservice' }), NEW, `${W}kind`, 'did you mean TraefikService?'],
  [
    'name Bad_Name with kind service (ts6)',
    weighted({ name: 'Bad_Name', port: 80, kind: 'service' }),
    NEW,
    `${W}name`,
    'not a valid Service name',
  ],
  ['port 0 with kind Servce', weighted({ name: 'a', port: 0, kind: 'Servce' }), NEW, `${W}port`, 'is not a Service port'],
  ['weight -1 (ts6)', weighted({ ...ok, weight: -1 }), NEW, `${W}weight`, '0 or more'],
  ['weight "abc" (ts1)', weighted({ ...ok, weight: 'abc' }), OLD, `${W}weight`, 'takes an integer'],
  ['weight 1.5', weighted({ ...ok, weight: 1.5 }), NEW, `${W}weight`, 'takes an integer'],
  ['strategy bogus (ts6)', weighted({ ...ok, strategy: 'bogus' }), NEW, `${W}strategy`, 'not one of wrr, p2c, hrw, leasttime, RoundRobin'],
  ['strategy leasttime on chart 37.1.0 (ts1)', weighted({ ...ok, strategy: 'leasttime' }), OLD, `${W}strategy`, 'chart v37.3.0 adds'],
  ['strategy WRR (case)', weighted({ ...ok, strategy: 'WRR' }), NEW, `${W}strategy`, 'did you mean wrr?'],
  ['passHostHeader "yes" (ts6)', weighted({ ...ok, passHostHeader: 'yes' }), NEW, `${W}passHostHeader`, 'takes a boolean'],
  ['nativeLB "true" (ts6)', weighted({ ...ok, nativeLB: 'true' }), NEW, `${W}nativeLB`, 'takes a boolean'],
  [
    'sameSite weird (ts1)',
    weighted({ ...ok, sticky: { cookie: { sameSite: 'weird' } } }),
    OLD,
    `${W}sticky.cookie.sameSite`,
    'not one of none, lax, strict',
  ],
  [
    'sameSite Lax on chart 37.1.0',
    weighted({ ...ok, sticky: { cookie: { sameSite: 'Lax' } } }),
    OLD,
    `${W}sticky.cookie.sameSite`,
    'chart v39.0.9 adds',
  ],
  [
    'weighted sticky httpOnly "yes"',
    ts({ weighted: { services: [ok], sticky: { cookie: { httpOnly: 'yes' } } } }),
    NEW,
    'extraObjects[0].spec.weighted.sticky.cookie.httpOnly',
    'takes a boolean',
  ],
  [
    'hrw name 123 (req)',
    ts({ highestRandomWeight: { services: [{ name: 123, port: 80 }] } }),
    NEW,
    'highestRandomWeight.services[0].name',
    'takes a string',
  ],
  [
    'failover fallback weight -2',
    ts({ failover: { service: ok, fallback: { ...ok, weight: -2 }, errors: {} } }),
    NEW,
    'extraObjects[0].spec.failover.fallback.weight',
    '0 or more',
  ],
  [
    'failover maxRequestBodyBytes "lots" (mir)',
    ts({ failover: { service: ok, fallback: ok, errors: { maxRequestBodyBytes: 'lots' } } }),
    NEW,
    'failover.errors.maxRequestBodyBytes',
    'takes an integer',
  ],
  [
    'mirror percent 150 (mir)',
    ts({ mirroring: { ...ok, mirrors: [{ ...ok, percent: 150 }] } }),
    NEW,
    'mirroring.mirrors[0].percent',
    '0 to 100',
  ],
  [
    'mirror percent -5 (mir)',
    ts({ mirroring: { ...ok, mirrors: [{ ...ok, percent: -5 }] } }),
    NEW,
    'mirroring.mirrors[0].percent',
    '0 to 100',
  ],
  [
    'mirroring mirrorBody "no"',
    ts({ mirroring: { ...ok, mirrorBody: 'no' } }),
    NEW,
    'extraObjects[0].spec.mirroring.mirrorBody',
    'takes a boolean',
  ],
  [
    'mirroring kind service',
    ts({ mirroring: { ...ok, kind: 'service' } }),
    NEW,
    'extraObjects[0].spec.mirroring.kind',
    'did you mean Service?',
  ],
  // 66b-2: an IngressRoute's services[] by the same rules.
  ['IngressRoute kind Servce (ts2)', ir({ ...ok, kind: 'Servce' }), OLD, `${R}kind`, 'did you mean Service?'],
  ['IngressRoute weight "abc" (ts2)', ir({ ...ok, weight: 'abc' }), OLD, `${R}weight`, 'takes an integer'],
  ['IngressRoute strategy bogus (ts2)', ir({ ...ok, strategy: 'bogus' }), OLD, `${R}strategy`, 'not one of wrr, p2c, RoundRobin'],
  ['IngressRoute bogusField (ts2)', ir({ ...ok, bogusField: 1 }), OLD, `${R}bogusField`, "is not a field of an IngressRoute's backend"],
  ['IngressRoute wieght (irf)', ir({ ...ok, wieght: 5 }), OLD, `${R}wieght`, 'did you mean weight?'],
  [
    'IngressRoute passiveHealthCheck on 37.1.0 (irf)',
    ir({ ...ok, passiveHealthCheck: {} }),
    OLD,
    `${R}passiveHealthCheck`,
    'chart v37.3.0',
  ],
  ['IngressRoute middlewares on a backend on 39.0.7', ir({ ...ok, middlewares: [] }), '39.0.7', `${R}middlewares`, 'chart v40.0.0'],
  ['IngressRoute port 0 with kind service', ir({ name: 'a', port: 0, kind: 'service' }), NEW, `${R}port`, 'is not a Service port'],
  ['IngressRoute backend without name', ir({ port: 80 }), NEW, `${R}name`, 'the IngressRoute CRD requires it'],
  [
    'IngressRoute TraefikService ref Bad_Name',
    ir({ name: 'Bad_Name', kind: 'TraefikService' }),
    NEW,
    `${R}name`,
    'no TraefikService object',
  ],
  // 66b-13: the shape of a TraefikService.
  [
    'weighted and failover (req ts3)',
    ts({ weighted: { services: [ok] }, failover: { service: ok, fallback: ok, errors: {} } }),
    NEW,
    'extraObjects[0].spec.failover',
    'second load balancer beside weighted',
  ],
  [
    'weighted and mirroring',
    ts({ weighted: { services: [ok] }, mirroring: ok }),
    OLD,
    'extraObjects[0].spec.mirroring',
    'second load balancer',
  ],
  ['spec: {} (req ts2)', ts({}), NEW, 'extraObjects[0].spec', 'unspecified service type'],
  ['weighted: {services: []} (req ts3)', ts({ weighted: { services: [] } }), NEW, 'extraObjects[0].spec.weighted.services', 'is empty'],
  ['weighted: {}', ts({ weighted: {} }), NEW, 'extraObjects[0].spec.weighted.services', 'is missing'],
  ['hrw services []', ts({ highestRandomWeight: { services: [] } }), NEW, 'highestRandomWeight.services', 'is empty'],
  [
    'TraefikService ref Bad_Name (req)',
    weighted({ name: 'Bad_Name', kind: 'TraefikService' }),
    NEW,
    `${W}name`,
    'no TraefikService object',
  ],
  [
    'TraefikService ref a_b.c',
    ts({ highestRandomWeight: { services: [{ name: 'a_b.c', kind: 'TraefikService' }] } }),
    NEW,
    'services[0].name',
    'no TraefikService object',
  ],
];

describe('66b-1, 66b-2, 66b-13: CRD backend values and TraefikService shape', () => {
  test.each(REFUSED)('refuses %s', (_, object, chartVersion, key, what) => {
    const d = doors(object, chartVersion);
    const error = d.errors.find((l) => l.includes(key) && l.includes(what));
    expect(error).toBeDefined();
    for (const refusal of [d.cluster, d.chart]) {
      expect(refusal).toContain(key);
      expect(refusal).toContain(what);
    }
  });

  test.each([
    [
      'every backend value right on chart 41.3.0',
      weighted({
        ...ok,
        kind: 'Service',
        weight: 0,
        strategy: 'leasttime',
        passHostHeader: false,
        nativeLB: true,
        nodePortLB: false,
        sticky: { cookie: { name: 'c', sameSite: 'Strict', secure: true, httpOnly: true, maxAge: 60 } },
      }),
      NEW,
    ],
    [
      'strategy RoundRobin and sameSite lax on chart 37.1.0',
      weighted({ ...ok, strategy: 'RoundRobin', sticky: { cookie: { sameSite: 'lax' } } }),
      OLD,
    ],
    [
      'any strategy text and a negative weight on chart 34.0.0 (no enum, no minimum)',
      weighted({ ...ok, strategy: 'RoundRobin', weight: -1 }),
      '34.0.0',
    ],
    ['a TraefikService ref to another provider', weighted({ name: 'wrr@file', kind: 'TraefikService' }), NEW],
    ['a TraefikService ref with dots', weighted({ name: 'wrr.v2', kind: 'TraefikService', weight: 3 }), NEW],
    [
      'mirror percent 0 and 100',
      ts({
        mirroring: {
          ...ok,
          mirrorBody: true,
          maxBodySize: 1024,
          mirrors: [
            { ...ok, percent: 0 },
            { ...ok, percent: 100 },
          ],
        },
      }),
      NEW,
    ],
    [
      'failover with maxRequestBodyBytes',
      ts({ failover: { service: ok, fallback: ok, errors: { status: ['500-599'], maxRequestBodyBytes: 1048576 } } }),
      NEW,
    ],
    [
      'an IngressRoute backend with every field right',
      ir({ ...ok, weight: 2, strategy: 'p2c', passHostHeader: true, sticky: { cookie: { sameSite: 'none' } } }),
      NEW,
    ],
    ['an IngressRoute TraefikService backend', ir({ name: 'wrr1', kind: 'TraefikService' }), OLD],
    ['hrw on chart 39.0.7', ts({ highestRandomWeight: { services: [ok] } }), '39.0.7'],
  ])('passes %s', (_, object, chartVersion) => {
    const d = doors(object, chartVersion);
    expect(d.errors).toEqual([]);
    expect(d.cluster).toBe('');
    expect(d.chart).toBe('');
  });
});
