import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { tryRender } from '../src/output/construct-render';
import { refusalOf } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 72 (beside72): objects beside a K3sVipCluster, and its `loadBalancers[]`. 72a-11: a function or Symbol value,
 * which cdk8s' YAML writer refuses with a bare error and a stack, is refused by construct and key path, never shown.
 * 72a-10: a List's item that is no object, or has no kind, is refused by where it sits (a typed list's item takes its
 * kind, as kubectl reads it). 72a-12: an Ingress of another class by the legacy `kubernetes.io/ingress.class`
 * annotation is not Traefik's, as one with `ingressClassName` of another class is not. 72a-7: a `loadBalancers[]` entry
 * of another controller's `loadBalancerClass` needs no pool. Each refused row has a nearby row that must pass.
 */
type Props = Record<string, any>;
const base = (extra: Props = {}): Props => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'] },
  ingresses: [{ name: 'frontend', host: 'shop.example.com', service: 'frontend', port: 80 }],
  ...extra,
});
const TOKEN = 'K10abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789::server:0123456789abcdef0123456789abcdef';
const configMap = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });
const list = (kind: string, items: unknown[]) => ({ apiVersion: 'v1', kind, items });
const ingress = (annotation?: string, className?: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    name: 'q',
    namespace: 'default',
    annotations: { ...(annotation !== undefined && { 'kubernetes.io/ingress.class': annotation }), ...annotations },
  },
  spec: {
    ...(className && { ingressClassName: className }),
    rules: [
      {
        host: 'shop.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'y', port: { number: 80 } } } }] },
      },
    ],
  },
});
const providerClass = () =>
  base({
    ingresses: [],
    traefik: { loadBalancerIPs: ['192.168.0.41'], values: { providers: { kubernetesIngress: { ingressClass: 'other' } } } },
  });
const lb = (loadBalancerClass?: string, ips?: string[]) => () =>
  base({
    loadBalancers: [
      { name: 's', ports: [{ port: 80 }], selector: { a: 'b' }, ...(loadBalancerClass && { loadBalancerClass }), ...(ips && { ips }) },
    ],
  });
const RESOLVER = { 'traefik.ingress.kubernetes.io/router.tls.certresolver': 'nope' };
const SYMBOL = Symbol('x');

// [case, cluster props, the sibling chart's object (none: none), refusal expected (undefined: accepted)]
const ROWS: Array<[string, () => Props, object | undefined, RegExp | undefined]> = [
  // 72a-11: a function or Symbol value
  ['11 function value', base, configMap({ a: () => 1 }), /mine\/o: cdk8s cannot render this object: data\.a is a function or a Symbol/],
  ['11 Symbol value', base, configMap({ a: SYMBOL }), /mine\/o: cdk8s cannot render this object: data\.a is a function or a Symbol/],
  ['11 function in a list', base, configMap({ a: ['x', () => 2] }), /data\.a\[1\] is a function or a Symbol/],
  [
    '11 function in a label',
    base,
    { ...configMap({}), metadata: { name: 'c', labels: { 'app.kubernetes.io/x': () => 3 } } },
    /metadata\.labels\["app\.kubernetes\.io\/x"\] is a function/,
  ],
  ['11 function under an odd key', base, configMap({ 'a b': () => 4 }), /data\["a b"\] is a function/],
  ['11 neighbour: plain data', base, configMap({ a: '1', b: 'x' }), undefined],
  ['11 neighbour: an undefined value (dropped, as JSON drops it)', base, configMap({ a: '1', b: undefined }), undefined],
  // 72a-10: List items
  ['10 a number item', base, list('List', [5]), /mine\/o: items\[0\]: is the number 5, not a Kubernetes object/],
  [
    '10 null and text items',
    base,
    list('List', [null, configMap({}), 'x']),
    /items\[0\]: is null, not a Kubernetes object[\s\S]*items\[2\]: is plain text, not a Kubernetes object/,
  ],
  ['10 a list item', base, list('List', [[1]]), /items\[0\]: is a list, not a Kubernetes object/],
  [
    '10 item with no kind in a v1 List',
    base,
    list('List', [{ metadata: { name: 'c' }, data: {} }]),
    /items\[0\]: has no apiVersion or kind \(as text\)/,
  ],
  [
    '10 item with only apiVersion',
    base,
    list('List', [{ apiVersion: 'v1', metadata: { name: 'c' } }]),
    /items\[0\]: has no kind \(as text\)/,
  ],
  ['10 item of a nested List', base, list('List', [list('List', [true])]), /items\[0\]\.items\[0\]: is the boolean true/],
  [
    '10 typed list item, its kind taken, judged as a ConfigMap',
    base,
    list('ConfigMapList', [{ data: { a: 'b' } }]),
    /ConfigMap.*metadata\.name is missing/,
  ],
  ['10 neighbour: typed list item with a name', base, list('ConfigMapList', [{ metadata: { name: 'c' }, data: { a: 'b' } }]), undefined],
  ['10 neighbour: v1 List of objects', base, list('List', [configMap({ a: 'b' })]), undefined],
  ['10 neighbour: empty List', base, list('List', []), undefined],
  // 72a-12: the legacy class annotation
  [
    '12 annotation traefik, same route',
    base,
    ingress('traefik'),
    /host "shop\.example\.com" with path "\/" is already routed by Ingress\/default\/frontend/,
  ],
  ['12 empty annotation, same route', base, ingress(''), /is already routed/],
  ['12 no class, same route', base, ingress(), /is already routed/],
  ['12 neighbour: annotation nginx, same route', base, ingress('nginx'), undefined],
  ['12 neighbour: ingressClassName nginx, same route', base, ingress(undefined, 'nginx'), undefined],
  [
    '12 annotation traefik, undefined resolver',
    base,
    {
      ...ingress('traefik'),
      spec: { rules: [{ host: 'a.example.com' }] },
      metadata: { name: 'q', namespace: 'default', annotations: { 'kubernetes.io/ingress.class': 'traefik', ...RESOLVER } },
    },
    /"nope"/,
  ],
  [
    '12 neighbour: annotation nginx, undefined resolver',
    base,
    {
      ...ingress('nginx'),
      spec: { rules: [{ host: 'a.example.com' }] },
      metadata: { name: 'q', namespace: 'default', annotations: { 'kubernetes.io/ingress.class': 'nginx', ...RESOLVER } },
    },
    undefined,
  ],
  [
    '12 annotation traefik, provider reads class other',
    providerClass,
    { ...ingress('traefik'), spec: { rules: [{ host: 'a.example.com' }] } },
    /read only IngressClass "other"/,
  ],
  [
    '12 neighbour: annotation nginx, provider reads class other',
    providerClass,
    { ...ingress('nginx'), spec: { rules: [{ host: 'a.example.com' }] } },
    undefined,
  ],
  // 72a-7: another controller's loadBalancerClass
  ['7 neighbour: another class, no ips, no pool', lb('io.cilium/l2-announcer'), undefined, undefined],
  // 73a-6: its ips would be asked of kube-vip (the kube-vip.io/loadbalancerIPs annotation), which ignores the Service.
  [
    '7 another class, fixed ips',
    lb('io.cilium/l2-announcer', ['192.168.0.60']),
    undefined,
    /loadBalancers\[0\]\.loadBalancerClass: is "io\.cilium\/l2-announcer", not kube-vip's class/,
  ],
  [
    "7 kube-vip's class, no ips, no pool",
    lb('kube-vip.io/kube-vip-class'),
    undefined,
    /loadBalancers\[0\]\.ips: is missing and no IP pool serves namespace default/,
  ],
  ['7 no class, no ips, no pool', lb(), undefined, /loadBalancers\[0\]\.ips: is missing and no IP pool serves namespace default/],
];

describe('round 72: objects beside a K3sVipCluster and loadBalancers[] (beside72)', () => {
  test.each(ROWS)('%s', (_name, props, object, expected) => {
    const said = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', props() as never);
      if (object) new ApiObject(new Chart(app, 'mine'), 'o', object as never);
      app.synthYaml();
    });
    if (expected) expect(said).toMatch(expected);
    else expect(said).toBe('');
    // Never the engine's bare text nor a stack.
    expect(said).not.toMatch(/Tag not resolved|\n\s+at /);
  });

  test('11 a function under a key that looks like a secret: the key is blanked, the value never shown', () => {
    const said = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', base() as never);
      new ApiObject(new Chart(app, 'mine'), 'o', configMap({ [TOKEN]: () => 'hunter2-is-the-value' }) as never);
      app.synthYaml();
    });
    expect(said).toMatch(/mine\/o: cdk8s cannot render this object: data\S+ is a function or a Symbol/);
    expect(said).not.toContain(TOKEN);
    expect(said).not.toContain('hunter2');
  });

  test('11 a function in a chart under the cluster is refused the same way', () => {
    const said = refusalOf(() => {
      const app = new App();
      const cluster = new K3sVipCluster(app, 'dev', base() as never);
      new ApiObject(new Chart(cluster, 'inner'), 'o', configMap({ a: () => 1 }) as never);
      app.synthYaml();
    });
    expect(said).toMatch(/dev\/inner\/o: cdk8s cannot render this object: data\.a is a function or a Symbol/);
  });

  test('10 a secret-shaped text item is said as plain text, never shown', () => {
    const said = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', base() as never);
      new ApiObject(new Chart(app, 'mine'), 'o', list('List', [TOKEN]) as never);
      app.synthYaml();
    });
    expect(said).toMatch(/items\[0\]: is plain text, not a Kubernetes object/);
    expect(said).not.toContain(TOKEN);
  });

  test("7 another controller's class: the warning stays, no refusal", () => {
    const cluster = new K3sVipCluster(new App(), 'dev', lb('io.cilium/l2-announcer')() as never);
    expect(cluster.warnings.map((w) => w.message).join('\n')).toMatch(
      /is not kube-vip's class .* so kube-vip leaves this Service to another controller/,
    );
  });

  test('11 a 100 kB object with a function at its end is refused quickly (one pass)', () => {
    const data: Record<string, string | (() => number)> = {};
    for (let i = 0; i < 2000; i++) data[`k${i}`] = 'x'.repeat(40);
    data.last = () => 1;
    const object = new ApiObject(new Chart(new App(), 'mine'), 'o', configMap(data) as never);
    tryRender(object, []); // warm-up
    const failures: string[] = [];
    const started = process.cpuUsage();
    expect(tryRender(object, failures)).toBeUndefined();
    expect(cpuMillisSince(started)).toBeLessThan(6000);
    expect(failures.join('\n')).toMatch(/data\.last is a function/);
  });
});
