import { App, Chart, JsonPatch } from 'cdk8s';
import { stringify } from 'yaml';
import { parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';
import { clusterIpRangeProblem } from '../src/validate/cluster-ip-range';
import { allRefusals, refusedAtEveryDoor } from './rule-doors';

// Round 61 (61b-5, 61b-8): Services the API server refuses, and an object etcd cannot store, are refused at every door.
const svc = (spec: object, name = 'x') => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec }],
});
const own = (clusterIP: string) => ({ service: { spec: { clusterIP } } });

describe('61b-5: Service values the API server refuses', () => {
  test.each([
    ['port 0', svc({ selector: { a: 'b' }, ports: [{ port: 0 }] }), 'extraObjects[0].spec.ports[0].port', 'from 1 to 65535'],
    ['port 65536', svc({ selector: { a: 'b' }, ports: [{ port: 65536 }] }), 'extraObjects[0].spec.ports[0].port', 'from 1 to 65535'],
    ['ClusterIP without ports', svc({ selector: { a: 'b' } }), 'extraObjects[0].spec.ports', 'Required value'],
    ['empty ports', svc({ type: 'LoadBalancer', selector: { a: 'b' }, ports: [] }), 'extraObjects[0].spec.ports', 'headless'],
    ['nodePort on ClusterIP', svc({ selector: { a: 'b' }, ports: [{ port: 80, nodePort: 30080 }] }), 'ports[0].nodePort', 'type ClusterIP'],
    [
      'clusterIP outside',
      svc({ selector: { a: 'b' }, clusterIP: '192.168.0.77', ports: [{ port: 80 }] }),
      'extraObjects[0].spec.clusterIP',
      'outside',
    ],
    [
      'clusterIPs outside',
      svc({ selector: { a: 'b' }, clusterIPs: ['192.168.0.77'], ports: [{ port: 80 }] }),
      'spec.clusterIPs[0]',
      'outside',
    ],
    ['own clusterIP: CoreDNS', own('10.43.0.10'), 'service.spec.clusterIP', 'CoreDNS'],
    ['own clusterIP: kubernetes', own('10.43.0.1'), 'service.spec.clusterIP', '`kubernetes` Service'],
    ['own clusterIP: network', own('10.43.0.0'), 'service.spec.clusterIP', 'network address'],
    ['own clusterIP: broadcast', own('10.43.255.255'), 'service.spec.clusterIP', 'broadcast address'],
    ['own clusterIP: outside', own('192.168.0.77'), 'service.spec.clusterIP', 'outside'],
    [
      'additional Service clusterIP: CoreDNS',
      {
        ports: { web: { expose: { internal: true } } },
        service: { additionalServices: { internal: { spec: { clusterIP: '10.43.0.10' } } } },
      },
      'service.additionalServices.internal.spec.clusterIP',
      'CoreDNS',
    ],
  ])('%s is refused by the config, K3sVipCluster and TraefikHelmChartConfig', (_name, values, key, what) =>
    refusedAtEveryDoor(values, key, what),
  );

  test.each([
    ['headless without ports', svc({ clusterIP: 'None', selector: { a: 'b' } })],
    ['ExternalName without ports', svc({ type: 'ExternalName', externalName: 'db.example.com' })],
    ['port 65535', svc({ selector: { a: 'b' }, ports: [{ port: 65535 }] })],
    ['a free clusterIP', svc({ selector: { a: 'b' }, clusterIP: '10.43.0.77', ports: [{ port: 80 }] })],
    ['clusterIP None', svc({ selector: { a: 'b' }, clusterIP: 'None', ports: [{ port: 80 }] })],
    ['NodePort with nodePort', svc({ type: 'NodePort', selector: { a: 'b' }, ports: [{ port: 80, nodePort: 30080 }] })],
    ['own free clusterIP', own('10.43.0.11')],
    [
      'a turned-off additional Service',
      { service: { additionalServices: { internal: { enabled: false, spec: { clusterIP: '10.43.0.10' } } } } },
    ],
  ])('%s passes every door', (_name, values) => {
    expect(allRefusals(values)).toBe('');
  });

  test.each([
    ['fd00:43::b', undefined, 'fd00:43::/112'],
    ['fd00:43::10', undefined, 'fd00:43::/112'],
    ['fd00:43::', 'network address', 'fd00:43::/112'],
    ['fd00:43::1', '`kubernetes` Service', 'fd00:43::/112'],
    ['fd00:43::a', 'CoreDNS', '10.43.0.0/16,fd00:43::/112'],
    ['fd00:44::5', 'outside', '10.43.0.0/16,fd00:43::/112'],
    ['fd00:43::5', 'no IPv6 block', '10.43.0.0/16'],
    ['10.96.0.50', undefined, '10.96.0.0/12'],
    ['10.96.0.10', 'CoreDNS', '10.96.0.0/12'],
  ])('clusterIP %s: %s in %s', (ip, what, cidr) => {
    const problem = clusterIpRangeProblem(ip, cidr);
    if (what === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(what);
  });

  test('the config and K3sVipCluster judge against k3s.serviceCidr', () => {
    const config = (clusterIP: string) =>
      withChanges(devConfig(), { k3s: { serviceCidr: '10.96.0.0/12' }, traefik: { values: own(clusterIP) } });
    const errors = (clusterIP: string) => parseConfigText('config/t.yaml', stringify(config(clusterIP))).errors.map((e) => e.message);
    expect(errors('10.96.0.50')).toEqual([]);
    expect(errors('10.96.0.10').join('\n')).toContain('10.96.0.10, the tenth address of k3s.serviceCidr "10.96.0.0/12"');
    expect(errors('10.43.0.77').join('\n')).toContain('outside the Service network k3s.serviceCidr "10.96.0.0/12"');
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', config('10.43.0.77')))).toContain('traefik.values.service.spec.clusterIP');
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', config('10.96.0.50')))).toBe('');
  });

  test("TraefikHelmChartConfig judges against its networks' serviceCidr", () => {
    const make = (clusterIP: string) => () =>
      new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
        loadBalancerIPs: ['192.168.0.41'],
        networks: { serviceCidr: '10.96.0.0/12' },
        values: own(clusterIP),
      });
    expect(make('10.96.0.50')).not.toThrow();
    expect(make('10.43.0.77')).toThrow(
      /values\.service\.spec\.clusterIP .*outside the Service network networks\.serviceCidr "10\.96\.0\.0\/12"/,
    );
  });
});

describe('61b-8: an object etcd cannot store', () => {
  const synth = (size: number) => {
    const app = new App({ outdir: '/tmp/services61-jest' });
    const chart = new Chart(app, 'c');
    new TraefikHelmChartConfig(chart, 't', { loadBalancerIPs: ['192.168.0.41'] });
    const objects = chart.node.findAll().filter((node): node is Chart & { addJsonPatch: (p: JsonPatch) => void } => 'addJsonPatch' in node);
    // A patch the constructs allow (63b-1 refuses one of the checked valuesContent): the size is what is judged here.
    objects[0].addJsonPatch(JsonPatch.add('/spec/valuesSecrets', [{ name: 'extra', keys: [`a${'b'.repeat(size)}`] }]));
    return () => app.synthYaml();
  };
  test('a 2.5 MiB HelmChartConfig is refused, named by file, kind, name and size, with what to do', () => {
    expect(synth(2.5 * 1024 * 1024)).toThrow(
      /c\.yaml: HelmChartConfig traefik is 262\d{4} bytes as JSON, over the size etcd stores.*volume or in the image/s,
    );
    expect(synth(2.5 * 1024 * 1024)).not.toThrow(/no secret may be written/);
  });
  test('a 1.4 MiB one is written', () => {
    expect(synth(1.4 * 1024 * 1024)).not.toThrow();
  });
});
