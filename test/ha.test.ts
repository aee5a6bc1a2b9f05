import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { synthFiles, withChanges } from './helpers';
import { effectiveCluster } from '../src/cluster/rules';
import { Report } from '../src/core/problem';
import { NodeInventory } from '../src/k3s/inventory';
import { checkTraefik } from '../src/traefik/rules';
import { parseConfigText } from '../src/config/load';
import { formatPath } from '../src/core/problem';

/** Traefik's rules on the effective model, with the node counts an inventory would give. */
const checkHaRules = (config: ClusterConfig, error: Report, warn: Report, inventory?: NodeInventory) =>
  checkTraefik(config, effectiveCluster(config).traefik, inventory, error, warn);
import { ClusterConfig } from '../src/config/schema';
import { failureRows, singlePointsOfFailure } from '../src/docs/failure-table';
import { wiring } from '../src/main';
import { traefikHaValues } from '../src/traefik/ha-values';
import { traefikValues } from '../src/traefik/values';
import { checkTraefikValues, traefikValuesSchema } from '../src/traefik/values-schema';

const FILE = 'config/t.yaml';
const HA_EXAMPLE = parse(readFileSync('config/examples/ha.yaml', 'utf8'));
/** The example with its Ingress list, cert-manager and Traefik replaced or patched. */
const ha = (patch: any) => withChanges(HA_EXAMPLE, patch);
const at = (problems: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>) =>
  problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
const result = (config: unknown) => parseConfigText(FILE, stringify(config));
const errorsOf = (config: unknown) => at(result(config).errors);
const warningsOf = (config: unknown) => at(result(config).warnings);
const configOf = (config: unknown): ClusterConfig => {
  const loaded = result(config);
  if (!loaded.config) throw new Error(at(loaded.errors).join('\n'));
  return loaded.config;
};

const SPREAD = [
  {
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik', 'app.kubernetes.io/instance': 'traefik-kube-system' } },
  },
];

describe('Traefik replicas: chart values', () => {
  const settings = (chartVersion: string, replicas: number) => ({
    chartVersion,
    kubeVipVersion: 'v1.2.3',
    loadBalancerIPs: ['192.168.0.41'],
    replicas,
  });

  // The keys are the same from v20 to v41 (traefik/values.yaml and _helpers.tpl `traefik.labelselector` at each tag).
  test.each(['20.1.1', '27.0.2', '31.1.1', '34.2.0', '39.0.7', '39.0.701+up39.0.7', '40.3.0', '41.3.0'])(
    'chart %s, 2 replicas: count, budget, spread',
    (chart) => {
      const values = traefikValues(settings(chart, 2));
      expect(values.deployment).toEqual({ replicas: 2 });
      expect(values.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
      expect(values.topologySpreadConstraints).toEqual(SPREAD);
    },
  );

  test("1 replica: none of the HA keys (K3s' own default stays)", () => {
    expect(traefikHaValues(1)).toEqual({});
    expect(Object.keys(traefikValues(settings('39.0.7', 1)))).toEqual(['service']);
  });

  test('3 replicas: the count follows the config', () => {
    expect(traefikHaValues(3).deployment).toEqual({ replicas: 3 });
  });

  // The ACME volume is ReadWriteOnce: Recreate, and before v31.1.1 the default rollingUpdate must be nulled (commit 6c1c8c3).
  test.each([
    ['27.0.2', { type: 'Recreate', rollingUpdate: null }],
    ['31.1.0', { type: 'Recreate', rollingUpdate: null }],
    ['31.1.1', { type: 'Recreate' }],
    ['39.0.7', { type: 'Recreate' }],
  ])('chart %s with an ACME resolver: update strategy %j', (chart, strategy) => {
    const values = traefikValues({ ...settings(chart, 1), certResolvers: { le: { email: 'ops@example.com', challenge: 'tls' } } });
    expect(values.updateStrategy).toEqual(strategy);
    expect(values.persistence).toEqual({ enabled: true, name: 'data', path: '/data' });
  });

  test.each(['v34.2.0', 'v37.1.0', 'v38.0.2', 'v39.0.7', 'v40.3.0', 'v41.3.0'])(
    'chart %s: HA values and an escape-hatch value pass the upstream schema',
    (tag) => {
      const chart = tag.slice(1);
      const schema = traefikValuesSchema(chart)!;
      const values = traefikValues({ ...settings(chart, 2), values: { logs: { access: { enabled: true } } } });
      expect(checkTraefikValues(schema, values)).toEqual([]);
      expect(schema.tag).toBe(tag);
    },
  );
});

describe('traefik.values escape hatch', () => {
  test('merged into valuesContent beside the generated values', () => {
    const content = parse(parse(synthFiles(HA_EXAMPLE).get('traefik-config.yaml')!.split('\n').slice(1).join('\n')).spec.valuesContent);
    expect(content.logs).toEqual({ access: { enabled: true } });
    expect(content.deployment).toEqual({ replicas: 2 });
    expect(content.service.annotations).toEqual({ 'kube-vip.io/loadbalancerIPs': '192.168.0.41' });
  });

  test('a generated key with the same value is no conflict', () => {
    expect(errorsOf(ha({ traefik: { values: { deployment: { replicas: 2 } } } }))).toEqual([]);
  });

  test.each<[string, any, string[]]>([
    [
      'a key the generator writes, other value',
      { deployment: { replicas: 3 } },
      [
        'traefik.values.deployment.replicas: is 3, but traefik.replicas makes this tool write 2 there: change traefik.replicas instead, or drop the key from traefik.values',
      ],
    ],
    [
      'the Service type',
      { service: { type: 'NodePort' } },
      [
        'traefik.values.service.type: is "NodePort", but traefik.loadBalancerIPs makes this tool write "LoadBalancer" there: change traefik.loadBalancerIPs instead, or drop the key from traefik.values',
      ],
    ],
    [
      'a map where the generator writes a list',
      { topologySpreadConstraints: {} },
      [
        `traefik.values.topologySpreadConstraints: is {}, but traefik.replicas makes this tool write ${JSON.stringify(SPREAD)} there: change traefik.replicas instead, or drop the key from traefik.values`,
      ],
    ],
    [
      'unknown top-level key: did-you-mean',
      { log: { level: 'DEBUG' } },
      ['traefik.values.log: is not a value of Traefik chart v39.0.7: did you mean "logs"?'],
    ],
    [
      'unknown top-level key, nothing close',
      { zzzzzzzz: 1 },
      ["traefik.values.zzzzzzzz: is not a value of Traefik chart v39.0.7: check the chart's values.yaml"],
    ],
    [
      'a wrong type, found by the upstream schema',
      { logs: { access: { enabled: 'yes' } } },
      [
        'traefik.values.logs.access.enabled: is a string, but the values schema of Traefik chart v39.0.7 expects boolean: "yes" is text here (a config is read as YAML 1.2), not true as in Helm\'s YAML 1.1: write true',
      ],
    ],
    [
      'an unknown nested key, found by the upstream schema',
      { podDisruptionBudget: { maxUnavilable: 1 } },
      [
        'traefik.values.podDisruptionBudget.maxUnavilable: is not a key of the values schema of Traefik chart v39.0.7: did you mean "podDisruptionBudget.maxUnavailable"?',
      ],
    ],
  ])('%s: error', (_, values, expected) => {
    expect(errorsOf(ha({ traefik: { values } }))).toEqual(expected);
  });

  test('a chart version without a vendored schema: warning, values still merged', () => {
    const config = ha({ traefik: { chartVersion: '27.0.2' } });
    expect(errorsOf(config)).toEqual([]);
    expect(warningsOf(config)).toEqual([
      'traefik.values: cannot be checked: this tool has no values schema of Traefik chart 27.0.2 (vendor/traefik-values-schema/ lists the ones it has), so a misspelt key would be ignored by the chart without a word',
    ]);
    expect(warningsOf(ha({ traefik: { chartVersion: '34.2.0' } }))).toEqual([]);
  });
});

describe('HA checks', () => {
  const resolver = { le: { email: 'ops@example.com' } };
  const withResolver = (patch: any) =>
    withChanges(HA_EXAMPLE, {
      certManager: undefined,
      ...patch,
      ingresses: [{ name: 'shop', host: 'shop.example.com', service: 'shop', port: 80, tls: { certResolver: 'le' } }],
    });

  test('replicas > 1 with certResolvers: error pointing to certManager', () => {
    expect(errorsOf(withResolver({ traefik: { certResolvers: resolver } }))).toEqual([
      'traefik.replicas: is 2, but traefik.certResolvers (le) keep ACME certificates in one acme.json that Traefik OSS cannot share between replicas (https://doc.traefik.io/traefik/https/acme/): issue the certificates with cert-manager instead (certManager.issuers, and tls.issuer on each Ingress) and remove traefik.certResolvers, or keep replicas: 1',
    ]);
  });

  const pinned =
    "traefik.certResolvers: keep their certificates on a ReadWriteOnce volume; on K3s' local-path storage it lives on one node and pins Traefik there for good, so losing that node stops all ingress until it returns: for a multi-node cluster use cert-manager (certManager.issuers, tls.issuer), which keeps certificates in Secrets, and traefik.replicas: 2";
  // Multi-server is known from the inventory only; without it the failure table and synth's warning say it.
  test.each<[string, NodeInventory | undefined, string[]]>([
    ['3 servers', { servers: 3, traefikNodes: 3 }, [pinned]],
    ['1 server', { servers: 1, traefikNodes: 1 }, []],
    ['no inventory', undefined, []],
  ])('certResolvers with persistence, %s', (_, inventory, expected) => {
    const config = configOf(withResolver({ traefik: { replicas: 1, values: {}, certResolvers: resolver } }));
    const [errors, warnings]: string[][] = [[], []];
    checkHaRules(
      config,
      (_path, message) => errors.push(message),
      (path, message) => warnings.push(`${formatPath(path)}: ${message}`),
      inventory,
    );
    expect([errors, warnings]).toEqual([[], expected]);
  });

  const ingress = (tls: any, host = 'shop.example.com') => [{ name: 'shop', host, service: 'shop', port: 80, tls }];
  test.each<[string, any, string[]]>([
    [
      'undefined issuer',
      { ingresses: ingress({ issuer: 'letsencrpyt' }) },
      // 79b-14: a near miss of a defined issuer is named, not "add it".
      ['ingresses[0].tls.issuer: "letsencrpyt" is not defined: certManager.issuers has "letsencrypt": did you mean it?'],
    ],
    [
      'issuer without any certManager',
      { certManager: undefined, ingresses: ingress({ issuer: 'letsencrypt' }) },
      ['ingresses[0].tls.issuer: "letsencrypt" is not defined: there is no certManager.issuers; add it under certManager.issuers'],
    ],
    [
      'issuer and certResolver together',
      { traefik: { externalCertResolvers: ['le'] }, ingresses: ingress({ issuer: 'letsencrypt', certResolver: 'le' }) },
      [
        'ingresses[0].tls.issuer: "letsencrypt" and tls.certResolver "le" are both set, but one certificate source serves a host: keep issuer (cert-manager, for several Traefik replicas) or certResolver (Traefik ACME, one replica)',
      ],
    ],
    [
      'HTTP-01 for a wildcard host',
      { ingresses: ingress({ issuer: 'letsencrypt' }, '*.example.com') },
      [
        'ingresses[0].host: "*.example.com" is a wildcard, but issuer "letsencrypt" uses HTTP-01, which cannot issue wildcard certificates (only DNS-01 can): list the host names, or give the issuer a dns01 solver',
      ],
    ],
    [
      'tls without a source',
      { ingresses: ingress({}) },
      [
        'ingresses[0].tls: names no certificate source: give certResolver (a Traefik ACME resolver) or issuer (a cert-manager ClusterIssuer), or remove tls for plain HTTP',
      ],
    ],
  ])('%s: error', (_, patch, expected) => {
    expect(errorsOf(ha(patch))).toEqual(expected);
  });

  test('a wildcard host with a DNS-01 issuer is fine', () => {
    const dns01 = { dns01: { provider: 'cloudflare', tokenSecret: { name: 'cloudflare-token', key: 'api-token' } } };
    expect(
      errorsOf(
        ha({
          certManager: { issuers: { letsencrypt: { solver: dns01 } } },
          ingresses: ingress({ issuer: 'letsencrypt' }, '*.example.com'),
        }),
      ),
    ).toEqual([]);
  });

  test.each<[string, NodeInventory, string[]]>([
    [
      'more replicas than Traefik nodes',
      { servers: 1, traefikNodes: 1 },
      [
        'traefik.replicas: is 2, but only 1 node(s) can run Traefik, so some nodes run two pods and losing one of them loses both: use at most one replica per node',
      ],
    ],
    ['as many as nodes', { servers: 3, traefikNodes: 2 }, []],
  ])('inventory known: %s', (_, inventory, expected) => {
    const warnings: string[] = [];
    checkHaRules(
      configOf(HA_EXAMPLE),
      () => undefined,
      (path, message) => warnings.push(`${formatPath(path)}: ${message}`),
      inventory,
    );
    expect(warnings).toEqual(expected);
  });

  test('the HA example is valid, without warnings', () => {
    expect(errorsOf(HA_EXAMPLE)).toEqual([]);
    expect(warningsOf(HA_EXAMPLE)).toEqual([]);
  });
});

describe('failure table', () => {
  const rows = (config: unknown, inventory?: NodeInventory) =>
    failureRows(configOf(config), inventory).map((r) => [r.part, r.effect, r.duration, r.singlePoint]);
  const ARP_17S = 'up to 17 s (kube-vip v1.2.3: lease 15 s, retry every 2 s)';
  const MOVE = 'another node takes the kube-vip lease and answers ARP for it; meanwhile new connections time out and open ones break';

  test('the HA example: every part survives one node', () => {
    expect(rows(HA_EXAMPLE)).toEqual([
      ['API VIP 192.168.0.40', MOVE, ARP_17S, false],
      ['etcd quorum (K3s servers)', 'unknown: the config lists no servers; with 3 or more servers one may fail', 'n/a', false],
      ['Traefik VIP 192.168.0.41', MOVE, ARP_17S, false],
      [
        'Traefik pods (2)',
        '1 other pod(s) keep serving if they ran on other nodes (the spread is preferred, not enforced); connections sent to the lost pod fail until its endpoint is removed',
        'about 40–50 s (until the node is NotReady)',
        false,
      ],
      [
        'Certificates',
        'in Secrets in etcd (cert-manager): every Traefik pod keeps them; renewals continue on the standby cert-manager controller',
        'none',
        false,
      ],
    ]);
    expect(singlePointsOfFailure(configOf(HA_EXAMPLE))).toEqual([]);
  });

  // kube-vip's lease timings changed in v1.1.0 (PR #1426): 5 s / 1 s before, 15 s / 2 s from it.
  test.each([
    ['v1.0.4', 'up to 6 s (kube-vip v1.0.4: lease 5 s, retry every 1 s)'],
    ['v1.1.0', 'up to 17 s (kube-vip v1.1.0: lease 15 s, retry every 2 s)'],
  ])('kube-vip %s: VIP failover time', (version, duration) => {
    expect(rows(ha({ kubeVip: { version } }))[0][2]).toBe(duration);
  });

  test('BGP mode: the router decides', () => {
    const bgp = ha({ kubeVip: { mode: 'bgp', bgp: { as: 65010, peers: [{ address: '192.168.0.1', as: 65000 }] } } });
    expect(rows(bgp)[0].slice(1, 3)).toEqual([
      "every control-plane node announces it; routers drop the failed node's route",
      "until the router's BGP hold timer expires",
    ]);
  });

  test.each<[number, string, boolean]>([
    [1, 'the only server is gone: no API, no scheduling (running pods keep running)', true],
    [2, '1 of 2 servers are below quorum (2): the API stops (running pods keep running)', true],
    [3, '2 of 3 servers keep quorum (2); the API keeps working', false],
    [5, '4 of 5 servers keep quorum (3); the API keeps working', false],
  ])('%i server(s): etcd row', (servers, effect, singlePoint) => {
    const etcd = rows(HA_EXAMPLE, { servers, traefikNodes: 3 })[1];
    expect([etcd[1], etcd[3]]).toEqual([effect, singlePoint]);
  });

  test('one replica and an ACME resolver: single points of failure, printed only for a cluster with a control-plane VIP', () => {
    const single = withChanges(HA_EXAMPLE, {
      certManager: undefined,
      traefik: { replicas: 1, values: {}, certResolvers: { le: { email: 'ops@example.com' } } },
      ingresses: [{ name: 'shop', host: 'shop.example.com', service: 'shop', port: 80, tls: { certResolver: 'le' } }],
    });
    const expected = [
      'Traefik pods (1): if it ran there: the pod cannot start elsewhere, its ReadWriteOnce ACME volume (local-path) stays on that node; no ingress (until the node returns)',
      "Certificates: in acme.json on one node's volume: lost with that node (until the node returns)",
    ];
    expect(singlePointsOfFailure(configOf(single))).toEqual(expected);
    expect(singlePointsOfFailure(configOf(withChanges(single, { kubeVip: { controlPlane: undefined } })))).toEqual([]);
    expect(wiring.singlePointsOfFailure!({ name: 't', file: FILE, config: configOf(single) })).toEqual(expected);
  });

  test('one replica without resolvers: the eviction time', () => {
    expect(rows(ha({ traefik: { replicas: 1 } }))[3]).toEqual([
      'Traefik pods (1)',
      'if it ran there: no ingress until the pod is evicted and started on another node',
      "about 6 min: NotReady after 40–50 s, then the pod's 300 s unreachable toleration",
      true,
    ]);
  });

  test('each loadBalancers VIP gets a row; the README shows the table', () => {
    const config = ha({ loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.42'] }] });
    expect(rows(config)[5]).toEqual(['VIP 192.168.0.42 of Service default/db', `${MOVE}; its pods are up to the workload`, ARP_17S, false]);
    const readme = synthFiles(config).get('README.md')!;
    expect(readme).toContain(
      '## When one node fails\n\n| Part | What happens | For how long |\n| --- | --- | --- |\n| API VIP 192.168.0.40 |',
    );
    expect(readme).toContain('| VIP 192.168.0.42 of Service default/db |');
  });
});

describe('the node inventory in the config feeds the HA checks and the failure table', () => {
  const servers = [
    { name: 'k3s-1', address: '192.168.0.11' },
    { name: 'k3s-2', address: '192.168.0.12' },
    { name: 'k3s-3', address: '192.168.0.13' },
  ];

  test('more Traefik replicas than nodes: a warning naming the node count', () => {
    expect(warningsOf(ha({ traefik: { replicas: 4 }, k3s: { servers } }))).toContain(
      'traefik.replicas: is 4, but only 3 node(s) can run Traefik, so some nodes run two pods and losing one of them loses both: use at most one replica per node',
    );
    expect(warningsOf(ha({ traefik: { replicas: 3 }, k3s: { servers } })).filter((w) => w.startsWith('traefik.replicas'))).toEqual([]);
  });

  test('a Traefik ACME resolver in a multi-server cluster: a warning about the pinned volume', () => {
    const config = ha({
      traefik: { replicas: 1, certResolvers: { le: { email: 'ops@example.com' } } },
      certManager: undefined,
      ingresses: [{ name: 'shop', host: 'shop.example.com', service: 'shop', port: 80, tls: { certResolver: 'le' } }],
      k3s: { servers },
    });
    expect(warningsOf(config).filter((w) => w.startsWith('traefik.certResolvers'))).toEqual([
      expect.stringContaining("traefik.certResolvers: keep their certificates on a ReadWriteOnce volume; on K3s' local-path storage"),
    ]);
  });

  test('a resolver the values define: the warning names it, as the path alone does not', () => {
    const acme = { email: 'ops@example.com', storage: '/data/acme.json', tlsChallenge: {} };
    const config = ha({
      // The chart's volume holds /data (attack 23b-5: without it the warning is that acme.json is lost, not pinned).
      traefik: { replicas: 1, values: { certificatesResolvers: { le: { acme } }, persistence: { enabled: true } } },
      certManager: undefined,
      ingresses: [{ name: 'shop', host: 'shop.example.com', service: 'shop', port: 80, tls: { certResolver: 'le' } }],
      k3s: { servers },
    });
    expect(warningsOf(config).filter((w) => w.includes('ReadWriteOnce'))).toEqual([
      expect.stringMatching(
        /^traefik\.values: the ACME resolvers \(le at traefik\.values\.certificatesResolvers\.le\) keep their certificates/,
      ),
    ]);
  });

  test('the failure table counts the servers', () => {
    const readme = synthFiles(ha({ k3s: { servers } })).get('README.md')!;
    expect(readme).toContain('2 of 3 servers keep quorum (2); the API keeps working');
  });
});

test.each([
  [249, []],
  [
    250,
    [
      'ingresses[0].name: is 250 characters long, and cert-manager stores its certificate in Secret "<name>-tls", which may have at most 253: shorten the name to 249 characters',
    ],
  ],
])('an Ingress name of %i characters with a cert-manager issuer (its Secret is <name>-tls)', (length, expected) => {
  const name = `${'a'.repeat(62)}.`.repeat(4).slice(0, length - 1) + 'b';
  const config = ha({ ingresses: [{ name, host: 'shop.example.com', service: 'shop', port: 80, tls: { issuer: 'letsencrypt' } }] });
  expect(errorsOf(config)).toEqual(expected);
});
