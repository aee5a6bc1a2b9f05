// Round 63 (attack63b 4, 5, 6, 7, 11): what the Traefik release holds twice (a cluster IP, an object identity, a
// Service key the chart writes itself), keys the chart never reads under `service`, and `targetPort: 0` in an
// extraObjects Service. Each refused row is refused at every door (config file, K3sVipCluster, TraefikHelmChartConfig)
// naming the key; each must-pass neighbour is accepted everywhere.
import { refusedAtEveryDoor, ruleDoors } from './rule-doors';

const svc = (name: string, spec: object, namespace = 'default') => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector: { a: 'b' }, ports: [{ port: 80 }], ...spec },
});
const configMap = (name: string, namespace?: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace && { namespace }) },
  data: { k: 'v' },
});
const IP = '10.43.0.77';
/** An additional Service needs an entrypoint exposed on it, or the chart fails on it. */
const EXPOSED = { ports: { web: { expose: { int: true } } } };
const ALLOCATED = 'provided IP is already allocated';
const TWICE = 'Helm refuses a second object of one identity';

const REFUSED: Array<[string, object, string, string]> = [
  // 63b-4: one cluster IP, two Services.
  [
    'service.spec.clusterIP and an extraObjects Service',
    { service: { spec: { clusterIP: IP } }, extraObjects: [svc('x', { clusterIP: IP })] },
    'extraObjects[0].spec.clusterIP',
    ALLOCATED,
  ],
  [
    'an additional Service with Traefik’s clusterIP',
    { service: { spec: { clusterIP: IP }, additionalServices: { int: { type: 'ClusterIP', spec: { clusterIP: IP } } } } },
    'service.additionalServices.int.spec.clusterIP',
    ALLOCATED,
  ],
  [
    'two extraObjects Services',
    { extraObjects: [svc('x', { clusterIP: IP }), svc('y', { clusterIP: IP })] },
    'extraObjects[1].spec.clusterIP',
    ALLOCATED,
  ],
  [
    'clusterIPs of a second Service',
    { extraObjects: [svc('x', { clusterIP: IP }), svc('y', { clusterIPs: [IP] })] },
    'extraObjects[1].spec.clusterIPs',
    ALLOCATED,
  ],
  // 63b-5: an item repeating a chart object or another item.
  [
    'Traefik’s own Service',
    { extraObjects: [svc('traefik', {}, 'kube-system')] },
    'extraObjects[0]',
    'renders that object itself (from service)',
  ],
  [
    'Traefik’s Deployment',
    { extraObjects: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'traefik', namespace: 'kube-system' }, spec: {} }] },
    'extraObjects[0]',
    'renders that object itself (from deployment)',
  ],
  [
    'the chart’s ClusterRole',
    {
      extraObjects: [
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'traefik-kube-system' }, rules: [] },
      ],
    },
    'extraObjects[0]',
    'renders that object itself (from rbac)',
  ],
  ['two ConfigMaps default/c', { extraObjects: [configMap('c', 'default'), configMap('c', 'default')] }, 'extraObjects[1]', TWICE],
  [
    'two ConfigMaps c, one unnamespaced (kube-system)',
    { extraObjects: [configMap('c', 'kube-system'), configMap('c')] },
    'extraObjects[1]',
    'extraObjects[0] is that object too',
  ],
  // 63b-6: keys the chart writes itself after `toYaml .service.spec`.
  ['service.spec.ports', { service: { spec: { ports: [{ port: 81 }] } } }, 'service.spec.ports', 'gets ports twice'],
  ['service.spec.selector', { service: { spec: { selector: { a: 'b' } } } }, 'service.spec.selector', 'gets selector twice'],
  [
    'spec.loadBalancerSourceRanges beside loadBalancerSourceRanges',
    { service: { spec: { loadBalancerSourceRanges: ['10.0.0.0/8'] }, loadBalancerSourceRanges: ['10.0.0.0/8'] } },
    'service.spec.loadBalancerSourceRanges',
    'keep only service.loadBalancerSourceRanges',
  ],
  [
    'spec.ipFamilyPolicy beside ipFamilyPolicy',
    { service: { spec: { ipFamilyPolicy: 'SingleStack' }, ipFamilyPolicy: 'SingleStack' } },
    'service.spec.ipFamilyPolicy',
    'keep only service.ipFamilyPolicy',
  ],
  [
    'an additional Service’s spec.selector',
    { service: { additionalServices: { int: { type: 'ClusterIP', spec: { selector: { a: 'b' } } } } } },
    'service.additionalServices.int.spec.selector',
    'gets selector twice',
  ],
  // 63b-7: keys the chart never reads.
  ['service.clusterIP', { service: { clusterIP: IP } }, 'service.clusterIP', 'move it to service.spec.clusterIP'],
  [
    'service.externalTrafficPolicy',
    { service: { externalTrafficPolicy: 'Local' } },
    'service.externalTrafficPolicy',
    'move it to service.spec.externalTrafficPolicy',
  ],
  ['service.bogusKey', { service: { bogusKey: 1 } }, 'service.bogusKey', 'is not a key the Traefik chart reads under service'],
  ['service.anotations (a typo)', { service: { anotations: { a: 'b' } } }, 'service.anotations', 'did you mean annotations?'],
  [
    'additionalServices.int.clusterIP',
    { service: { additionalServices: { int: { type: 'ClusterIP', clusterIP: IP } } } },
    'service.additionalServices.int.clusterIP',
    'move it to service.additionalServices.int.spec.clusterIP',
  ],
  [
    'additionalServices.int.sessionAffinity',
    { service: { additionalServices: { int: { type: 'ClusterIP', sessionAffinity: 'ClientIP' } } } },
    'service.additionalServices.int.sessionAffinity',
    'spec.sessionAffinity',
  ],
  // 63b-11: targetPort 0 in an extraObjects Service, as in loadBalancers[].
  [
    'extraObjects targetPort 0',
    { extraObjects: [svc('x', { ports: [{ port: 80, targetPort: 0 }] })] },
    'extraObjects[0].spec.ports[0].targetPort',
    'leave targetPort out',
  ],
];

const PASSES: Array<[string, object]> = [
  ['a null key under service (Helm drops it)', { service: { clusterIP: null } }],
  ['one Service asks for a cluster IP', { service: { spec: { clusterIP: IP } }, extraObjects: [svc('x', { clusterIP: '10.43.0.78' })] }],
  ['two headless Services', { extraObjects: [svc('x', { clusterIP: 'None' }), svc('y', { clusterIP: 'None' })] }],
  ['one name in two namespaces', { extraObjects: [configMap('c', 'default'), configMap('c', 'other')] }],
  [
    'one name, two kinds',
    {
      extraObjects: [
        configMap('c', 'default'),
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'c', namespace: 'default' } },
      ],
    },
  ],
  ['a Service traefik elsewhere', { extraObjects: [svc('traefik', {}, 'default')] }],
  ['service.spec.loadBalancerSourceRanges alone', { service: { spec: { loadBalancerSourceRanges: ['10.0.0.0/8'] } } }],
  ['service.loadBalancerSourceRanges alone', { service: { loadBalancerSourceRanges: ['10.0.0.0/8'] } }],
  ['an empty top-level key beside spec', { service: { spec: { loadBalancerSourceRanges: ['10.0.0.0/8'] }, loadBalancerSourceRanges: [] } }],
  [
    'every read key of an additional Service',
    {
      ...EXPOSED,
      service: {
        additionalServices: {
          int: { type: 'ClusterIP', labels: { a: 'b' }, annotations: { a: 'b' }, spec: { sessionAffinity: 'ClientIP' } },
        },
      },
    },
  ],
  [
    'the read keys of Traefik’s Service',
    {
      service: { single: true, labels: { a: 'b' }, annotationsTCP: { a: 'b' }, annotationsUDP: {}, spec: { sessionAffinity: 'ClientIP' } },
    },
  ],
  [
    'extraObjects targetPort 80 or left out',
    {
      extraObjects: [
        svc('x', {
          ports: [
            { port: 80, targetPort: 8080, name: 'a' },
            { port: 81, name: 'b' },
          ],
        }),
      ],
    },
  ],
];

describe('attack63 services63: duplicates in the Traefik release and Service keys', () => {
  test.each(REFUSED)('refuses %s', (_, values, key, what) => {
    refusedAtEveryDoor(values, key, what);
  });

  test('service.nameOverride is read from chart v40 (traefik keeps the name)', () => {
    const doors = ruleDoors({ service: { nameOverride: 'traefik' } }, '40.3.0');
    expect(doors.errors).toEqual([]);
    expect(doors.chart).toBe('');
  });

  test.each(PASSES)('accepts %s', (_, values) => {
    const doors = ruleDoors(values);
    expect(doors.errors).toEqual([]);
    expect(doors.cluster).toBe('');
    expect(doors.chart).toBe('');
  });
});
