// Round 61 (attack61b 1, 4, 6, 7, 9): the construct API's parity with the config path, ids in messages, render
// failures, and K3sVipCluster's gitops prop. Each row builds an app and says what must be refused (with which words,
// never the secret) or what must pass.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { K3sVipCluster, K3sVipValidationError, LoadBalancerService, TraefikHelmChartConfig, TraefikIngress } from '../src';

// Built at run time, so no secret-shaped literal sits in the test's source.
const K3S_TOKEN = ['K10', 'abcdef0123456789'.repeat(4), '::server:', 'abcdef0123456789abcdef'].join('');
const GITHUB_TOKEN = ['ghp', '_', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123'].join('');
const PASSWORD_ID = ['pass', 'word=', 'Hunter2Zq9'].join('');
const SECRET_IDS: Array<[string, string, string]> = [
  ['a K3s token', K3S_TOKEN, 'abcdef0123456789abcdef'],
  ['a GitHub token', GITHUB_TOKEN, 'ABCDEFGHIJKLMNOP'],
  ['password=value', PASSWORD_ID, 'Hunter2Zq9'],
];
const LB = { name: 'db', selector: { app: 'db' }, ports: [{ port: 80 }] };
const V4 = { clusterCidr: '10.42.0.0/16', serviceCidr: '10.43.0.0/16' };
const DUAL = { clusterCidr: '10.42.0.0/16,fd00:42::/56', serviceCidr: '10.43.0.0/16,fd00:43::/112' };
const V6 = { clusterCidr: 'fd00:42::/56', serviceCidr: 'fd00:43::/112' };

function chart(): Chart {
  return new Chart(new App(), 'c');
}

/** What `run` throws: its message, and whether it is our error (no raw engine error reaches the user). */
function thrown(run: () => unknown): { message: string; ours: boolean } {
  try {
    run();
  } catch (e) {
    return { message: (e as Error).message, ours: e instanceof K3sVipValidationError };
  }
  throw new Error('passed');
}

describe('61b-1: the constructs judge a VIP’s IP family against their networks, as the config path does', () => {
  const refused: Array<[string, () => unknown, string[]]> = [
    [
      'TraefikHelmChartConfig IPv6 VIP, default networks',
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['fd00::41'] }),
      ['loadBalancerIPs[0]', 'IPv6', 'networks.serviceCidr "10.43.0.0/16" is IPv4 only'],
    ],
    [
      'TraefikHelmChartConfig IPv6 VIP, IPv4 networks given',
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['fd00::41'], networks: V4 }),
      ['loadBalancerIPs[0]', 'IPv4 only'],
    ],
    [
      'TraefikHelmChartConfig dual-stack VIPs, IPv4 networks',
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41', 'fd00::41'] }),
      ['loadBalancerIPs', 'RequireDualStack', 'networks.serviceCidr', 'dual-stack'],
    ],
    [
      'LoadBalancerService IPv6 VIP, default networks',
      () => new LoadBalancerService(chart(), 's', { ...LB, ips: ['fd00::50'] }),
      ['ips[0]', 'IPv6', 'networks.serviceCidr "10.43.0.0/16" is IPv4 only'],
    ],
    [
      'LoadBalancerService dual-stack VIPs, IPv4 networks',
      () => new LoadBalancerService(chart(), 's', { ...LB, ips: ['192.168.0.50', 'fd00::50'] }),
      ['ips', 'RequireDualStack', 'networks.clusterCidr'],
    ],
    [
      'LoadBalancerService IPv4 VIP on an IPv6-only cluster',
      () => new LoadBalancerService(chart(), 's', { ...LB, ips: ['192.168.0.50'], networks: V6 }),
      ['ips[0]', 'IPv4', 'IPv6 only'],
    ],
  ];
  it.each(refused)('%s is refused', (_name, run, words) => {
    const { message, ours } = thrown(run);
    expect(ours).toBe(true);
    for (const word of words) expect(message).toContain(word);
    expect(message).not.toContain('k3s.serviceCidr');
  });

  const passing: Array<[string, () => unknown]> = [
    [
      'TraefikHelmChartConfig IPv4 VIP, default networks',
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'] }),
    ],
    [
      'TraefikHelmChartConfig IPv6 VIP, dual-stack networks',
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['fd00::41'], networks: DUAL }),
    ],
    [
      'TraefikHelmChartConfig IPv6 VIP, IPv6 networks',
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['fd00::41'], networks: V6 }),
    ],
    [
      'LoadBalancerService dual-stack VIPs, dual-stack networks',
      () => new LoadBalancerService(chart(), 's', { ...LB, ips: ['192.168.0.50', 'fd00::50'], networks: DUAL }),
    ],
    [
      'LoadBalancerService IPv6 VIP, IPv6 networks',
      () => new LoadBalancerService(chart(), 's', { ...LB, ips: ['fd00::50'], networks: V6 }),
    ],
    ['LoadBalancerService without VIPs', () => new LoadBalancerService(chart(), 's', LB)],
  ];
  it.each(passing)('%s passes', (_name, run) => {
    expect(run).not.toThrow();
  });
});

describe('61b-4: LoadBalancerService takes the protocols the config path takes', () => {
  it.each(['udp', 'tcp', 'SCTP', 'Udp'])('protocol %s is refused as in loadBalancers[].ports[].protocol', (protocol) => {
    const ports = [{ port: 53, protocol: protocol as 'UDP' }];
    const { message, ours } = thrown(() => new LoadBalancerService(chart(), 's', { ...LB, ports }));
    expect(ours).toBe(true);
    expect(message).toContain(`ports[0].protocol "${protocol}" is not allowed: expected one of "TCP", "UDP"`);
    // The same words as the config path.
    const config = thrown(
      () =>
        new K3sVipCluster(new App(), 'dev', {
          traefik: { loadBalancerIPs: ['192.168.0.41'] },
          loadBalancers: [{ ...LB, ips: ['192.168.0.50'], ports }],
        }),
    );
    expect(config.message).toContain(`"${protocol}" is not allowed: expected one of "TCP", "UDP"`);
  });
  it.each(['TCP', 'UDP', undefined])('protocol %s passes', (protocol) => {
    const ports = [{ port: 53, ...(protocol && { protocol: protocol as 'UDP' }) }];
    expect(() => new LoadBalancerService(chart(), 's', { ...LB, ports })).not.toThrow();
  });
});

describe('61b-6: every construct refuses a secret-shaped id, and no message shows one', () => {
  const constructs: Array<[string, (scope: Chart, id: string) => unknown]> = [
    ['TraefikHelmChartConfig', (scope, id) => new TraefikHelmChartConfig(scope, id, { loadBalancerIPs: ['192.168.0.41'] })],
    ['LoadBalancerService', (scope, id) => new LoadBalancerService(scope, id, LB)],
    ['TraefikIngress', (scope, id) => new TraefikIngress(scope, id, { name: 'app', host: 'app.example.com', service: 'app', port: 80 })],
  ];
  const rows = constructs.flatMap(([name, make]) => SECRET_IDS.map(([what, id, part]) => [name, what, make, id, part] as const));
  it.each(rows)('%s with %s as its id is refused, unshown', (name, _what, make, id, part) => {
    const { message, ours } = thrown(() => make(chart(), id));
    expect(ours).toBe(true);
    expect(message).toContain(name);
    expect(message).toContain('give the construct another id');
    expect(message).not.toContain(part);
  });
  it.each(SECRET_IDS)('a plain construct with %s as its id above ours is refused, unshown', (_what, id, part) => {
    const scope = new Chart(new App(), 'c');
    const middle = new Chart(scope, 'inner');
    // A construct id (not a chart: charts refuse it themselves) between the chart and ours.
    const { Construct } = jest.requireActual('constructs');
    const plain = new Construct(middle, id);
    const { message, ours } = thrown(() => new LoadBalancerService(plain, 's', LB));
    expect(ours).toBe(true);
    expect(message).not.toContain(part);
  });
  it.each(SECRET_IDS)('a render failure of an object with %s as its id does not show it', (_what, id, part) => {
    const app = new App();
    const c = new Chart(app, 'c');
    new TraefikHelmChartConfig(c, 't', { loadBalancerIPs: ['192.168.0.41'] });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    new ApiObject(c, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'z' }, data: cyclic });
    const { message, ours } = thrown(() => app.synthYaml());
    expect(ours).toBe(true);
    expect(message).toContain('cannot render');
    expect(message).not.toContain(part);
  });
  it.each(['traefik', 'web-1', 'K3sVipCluster', 'Resource', 'LoadBalancer', 'db-password-rotation', 'token-reviewer'])(
    'id %s passes',
    (id) => {
      const app = new App();
      const c = new Chart(app, 'c');
      expect(() => new TraefikHelmChartConfig(c, id, { loadBalancerIPs: ['192.168.0.41'] })).not.toThrow();
      expect(() => new LoadBalancerService(c, `${id}-lb`, LB)).not.toThrow();
      expect(() => app.synthYaml()).not.toThrow();
    },
  );
});

describe('61b-7: an object cdk8s cannot render is our finding, not the engine’s error', () => {
  const deep = (levels: number) => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let i = 0; i < levels; i++) at = (at.a = {}) as Record<string, unknown>;
    return root;
  };
  const patched = (patch: (object: ApiObject, c: Chart) => void) => {
    // app.synth() writes: never into the repository's dist/.
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'constructs61-')) });
    const c = new Chart(app, 'c');
    const t = new TraefikHelmChartConfig(c, 't', { loadBalancerIPs: ['192.168.0.41'] });
    patch(
      t.node.findAll().find((n): n is ApiObject => ApiObject.isApiObject(n))!,
      c,
    );
    return { app, c };
  };
  const rows: Array<[string, (object: ApiObject, c: Chart) => void, string]> = [
    ['an annotation nested 5,000 levels', (o) => o.addJsonPatch(JsonPatch.add('/metadata/annotations', { d: deep(5000) })), 'c/t/Resource'],
    ['a replace on a path that does not exist', (o) => o.addJsonPatch(JsonPatch.replace('/no/such', 5)), 'c/t/Resource'],
    [
      'a cyclic data on another ApiObject of the chart',
      (_o, c) => {
        const d: Record<string, unknown> = {};
        d.self = d;
        new ApiObject(c, 'y', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'z' }, data: d });
      },
      'c/y',
    ],
  ];
  const doors: Array<[string, (built: { app: App; c: Chart }) => unknown]> = [
    ['app.synthYaml()', ({ app }) => app.synthYaml()],
    ['app.synth()', ({ app }) => app.synth()],
    ['chart.toJson()', ({ c }) => c.toJson()],
  ];
  const table = rows.flatMap(([name, patch, path]) => doors.map(([door, run]) => [name, door, patch, path, run] as const));
  it.each(table)('%s, through %s', (_name, _door, patch, path, run) => {
    const built = patched(patch);
    const { message, ours } = thrown(() => run(built));
    expect(ours).toBe(true);
    expect(message).toContain(path);
    expect(message).toContain('cdk8s cannot render');
    expect(message).toMatch(/fix or remove that patch or value/);
    expect(message).not.toMatch(/RangeError|TypeError|Failed serializing|Cannot read properties/);
  });
  it('an ordinary patch still renders', () => {
    const { app } = patched((o) => o.addJsonPatch(JsonPatch.add('/metadata/labels', { team: 'web' })));
    expect(app.synthYaml()).toContain('team: web');
  });
});

describe('61b-9: K3sVipCluster refuses gitops and points networks to k3s', () => {
  const base = { traefik: { loadBalancerIPs: ['192.168.0.41'] } };
  it.each([
    ['a valid gitops block', { engine: 'flux', repoURL: 'https://github.com/example/infra.git' }],
    ['an incomplete gitops block', { engine: 'argocd' }],
  ])('%s is refused, pointing to synth and the config file', (_name, gitops) => {
    const { message, ours } = thrown(() => new K3sVipCluster(new App(), 'dev', { ...base, gitops } as never));
    expect(ours).toBe(true);
    expect(message).toContain('gitops: is not a K3sVipCluster prop');
    expect(message).toContain('config/<cluster>.yaml');
    expect(message).toContain('docs/deploy.md');
    expect(message).not.toContain('gitops.engine');
  });
  it.each(['networks', 'clusterCidr', 'serviceCidr'])('an unknown %s key points to k3s and does not offer gitops', (key) => {
    const { message, ours } = thrown(() => new K3sVipCluster(new App(), 'dev', { ...base, [key]: {} } as never));
    expect(ours).toBe(true);
    expect(message).toContain(`unknown key "${key}"`);
    expect(message).toContain('k3s.clusterCidr, k3s.serviceCidr and k3s.nodeCidr');
    expect(message).not.toMatch(/Allowed here:[^\n]*gitops/);
  });
  it('another unknown key does not offer gitops either', () => {
    const { message } = thrown(() => new K3sVipCluster(new App(), 'dev', { ...base, gitop: {} } as never));
    expect(message).toContain('unknown key "gitop"');
    expect(message).not.toContain('gitops');
  });
  it('a cluster without gitops passes', () => {
    expect(() => new K3sVipCluster(new App(), 'dev', { ...base, k3s: { clusterCidr: '10.42.0.0/16' } })).not.toThrow();
  });
});
