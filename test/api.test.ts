import { App } from 'cdk8s';
import {
  K3sVipCluster,
  K3sVipClusterProps,
  KubeVipCloudProvider,
  KubeVipDaemonSet,
  LoadBalancerService,
  TraefikHelmChartConfig,
  TraefikIngress,
} from '../src/index';
import { chart, devConfig, thrown } from './helpers';

describe('K3sVipCluster', () => {
  it('reports every problem at once, with key paths, as the config files do', () => {
    const props = { ...devConfig(), kubeVip: { ...devConfig().kubeVip, interface: 'eth 0' } };
    props.ingresses[0].host = '192.168.0.1';
    const error = thrown(() => new K3sVipCluster(new App(), 'dev', props));
    expect(error.problems).toEqual([
      {
        path: ['kubeVip', 'interface'],
        message:
          '"eth 0" contains " ": an interface name may hold letters, digits, ".", "_", "@" and "-", starting with a letter or digit (e.g. "eth0", "enp1s0", "bond0.100")',
      },
      {
        path: ['ingresses', 0, 'host'],
        message: '"192.168.0.1" is an IP address; an Ingress host must be a DNS name (route by IP with a LoadBalancer Service instead)',
      },
    ]);
    expect(error.message).toBe(
      [
        'kubeVip.interface: "eth 0" contains " ": an interface name may hold letters, digits, ".", "_", "@" and "-", starting with a letter or digit (e.g. "eth0", "enp1s0", "bond0.100")',
        'ingresses[0].host: "192.168.0.1" is an IP address; an Ingress host must be a DNS name (route by IP with a LoadBalancer Service instead)',
      ].join('\n'),
    );
  });

  it('applies the cross-value rules of the config files', () => {
    const props: K3sVipClusterProps = { ...devConfig(), traefik: { loadBalancerIPs: ['10.42.0.5'], externalCertResolvers: ['default'] } };
    expect(thrown(() => new K3sVipCluster(new App(), 'dev', props)).problems).toEqual([
      {
        path: ['traefik', 'loadBalancerIPs', 0],
        message: expect.stringMatching(/^"10\.42\.0\.5" lies inside the K3s pod network \(cluster-cidr\) 10\.42\.0\.0\/16;/),
      },
    ]);
  });

  it('fills in the config defaults and keeps warnings for the caller', () => {
    const cluster = new K3sVipCluster(new App(), 'dev', devConfig());
    expect(cluster.config.traefik.chartVersion).toBe('39.0.7');
    expect(cluster.config.ingresses[0].path).toBe('/');
    expect(cluster.warnings).toEqual([
      { path: ['ingresses', 0, 'tls'], message: expect.stringMatching(/^serves "k3s\.code-place-dev\.site" on HTTPS only/) },
    ]);
  });

  it('takes a config the pipeline gave as it is, and validates anything else, a frozen look-alike too', () => {
    // The pipeline's rules run once per validation.
    const validations = jest.spyOn(require('../src/cluster/rules') as typeof import('../src/cluster/rules'), 'checkClusterRules');
    try {
      const first = new K3sVipCluster(new App(), 'dev', devConfig());
      expect(validations).toHaveBeenCalledTimes(1);
      // What the YAML path does: the config a file validated to goes into the construct.
      const again = new K3sVipCluster(new App(), 'dev', first.config);
      expect(validations).toHaveBeenCalledTimes(1);
      expect(again.config).toBe(first.config);
      expect(again.warnings).toEqual(first.warnings);
      expect(again.warnings).not.toBe(first.warnings);
      const freeze = (value: any): any =>
        value && typeof value === 'object' ? Object.freeze(Object.values(value).forEach(freeze) ?? value) : value;
      const lookAlike = freeze(structuredClone(first.config));
      const checked = new K3sVipCluster(new App(), 'dev', lookAlike);
      expect(validations).toHaveBeenCalledTimes(2);
      expect(checked.config).not.toBe(lookAlike);
      expect(thrown(() => new K3sVipCluster(new App(), 'dev', freeze({ ...structuredClone(first.config), extra: 1 }))).problems).toEqual([
        expect.objectContaining({ path: ['extra'] }),
      ]);
    } finally {
      validations.mockRestore();
    }
  });

  it('names its charts as the files of dist/<cluster>/', () => {
    const pooled = {
      ...devConfig(),
      kubeVip: { ...devConfig().kubeVip, services: { ipPool: { global: { range: '192.168.0.200-192.168.0.220' } } } },
      loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }] }],
    };
    const cluster = new K3sVipCluster(new App(), 'dev', pooled);
    expect(cluster.node.children.map((c) => c.node.id)).toEqual([
      'kube-vip',
      'kube-vip-cloud-provider',
      'traefik-config',
      'load-balancers',
      'ingresses',
    ]);
  });
});

describe('lower-level constructs check their own props', () => {
  const ingress = { name: 'web', host: 'app.example.com', service: 'web', port: 80 };
  const service = { name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.50'] };
  it.each<[string, () => void, string]>([
    [
      'an Ingress host that is an IP',
      () => new TraefikIngress(chart(), 'i', { ...ingress, host: '192.168.0.1' }),
      'TraefikIngress: host "192.168.0.1" is an IP address; an Ingress host must be a DNS name (route by IP with a LoadBalancer Service instead)',
    ],
    [
      'an Ingress path the API server refuses',
      () => new TraefikIngress(chart(), 'i', { ...ingress, path: '/a//b' }),
      'TraefikIngress: path "/a//b" contains "//", which the API server refuses in a Prefix path: remove it',
    ],
    [
      'an Ingress port out of range',
      () => new TraefikIngress(chart(), 'i', { ...ingress, port: 0 }),
      'TraefikIngress: port 0 is too small: expected at least 1',
    ],
    [
      'an Ingress port name that is a quoted number',
      () => new TraefikIngress(chart(), 'i', { ...ingress, port: '80' }),
      `TraefikIngress: port "80" is a string: write the number 80, not the string '80'`,
    ],
    [
      'a Service port above 65535',
      () => new LoadBalancerService(chart(), 's', { ...service, ports: [{ port: 70000 }] }),
      'LoadBalancerService: ports[0].port 70000 is too big: expected at most 65535',
    ],
    [
      'a Service name with upper case',
      () => new LoadBalancerService(chart(), 's', { ...service, name: 'Db' }),
      'LoadBalancerService: name "Db" is not a valid Service name: use lower-case letters, digits and \'-\', starting with a letter and ending with a letter or digit (upper-case letters are not allowed: "db")',
    ],
    [
      'a selector value too long',
      () => new LoadBalancerService(chart(), 's', { ...service, selector: { app: 'a'.repeat(64) } }),
      `LoadBalancerService: selector.app "${'a'.repeat(64)}" is 64 characters, at most 63 in a label value`,
    ],
    [
      'a VIP with a prefix',
      () => new LoadBalancerService(chart(), 's', { ...service, ips: ['192.168.0.50/24'] }),
      'LoadBalancerService: ips[0] "192.168.0.50/24" has a prefix length; a virtual IP is a single address: write "192.168.0.50"',
    ],
    [
      'a kube-vip older than v0.5.0',
      () => new LoadBalancerService(chart(), 's', { ...service, kubeVipVersion: 'v0.4.9' }),
      'LoadBalancerService: kubeVipVersion "v0.4.9" is older than the oldest supported kube-vip v0.5.0: use v0.5.0 or newer (newest known: v1.2.3)',
    ],
    [
      'a DaemonSet VIP that is not an address',
      () => new KubeVipDaemonSet(chart(), 'd', { version: 'v1.2.3', controlPlaneAddress: 'vip', serviceAccountName: 'kube-vip' }),
      'KubeVipDaemonSet: controlPlaneAddress "vip" is not an IP address: expected an IPv4 address such as "192.168.0.40" or an IPv6 address such as "fd00::40"',
    ],
    [
      'a BGP AS of 0',
      () =>
        new KubeVipDaemonSet(chart(), 'd', {
          version: 'v1.2.3',
          serviceAccountName: 'kube-vip',
          bgp: { as: 0, peers: [{ address: '192.168.0.1', as: 65000 }] },
        }),
      'KubeVipDaemonSet: bgp.as 0 is too small: expected at least 1',
    ],
    [
      'a Traefik chart version that is no version',
      () => new TraefikHelmChartConfig(chart(), 't', { chartVersion: '39' }),
      'TraefikHelmChartConfig: chartVersion "39" is not a chart version: expected the upstream version such as "39.0.7" (K3s\' "39.0.701+up39.0.7" also works)',
    ],
    [
      'a pool CIDR with host bits',
      () => new KubeVipCloudProvider(chart(), 'c', { pool: { global: { cidr: '192.168.0.1/24' } } }),
      'KubeVipCloudProvider: pool.global.cidr "192.168.0.1/24" has host bits set: the block starts at "192.168.0.0/24"',
    ],
  ])('refuse %s', (_, build, message) => {
    expect(thrown(build).message).toBe(message);
  });

  it('lists every bad prop of one construct, one per line', () => {
    const error = thrown(() => new TraefikIngress(chart(), 'i', { ...ingress, name: 'Web', host: 'https://app.example.com' }));
    expect(error.problems.map((p) => p.path)).toEqual([['name'], ['host']]);
    expect(error.message.split('\n')).toHaveLength(2);
  });

  it('accept good props and fill in their defaults', () => {
    const scope = chart();
    new TraefikIngress(scope, 'i', ingress);
    new LoadBalancerService(scope, 's', service);
    const [ingressObject, serviceObject] = scope.toJson();
    expect(ingressObject.metadata).toEqual({ name: 'web', namespace: 'default' });
    expect(ingressObject.spec.rules[0].http.paths[0].path).toBe('/');
    expect(serviceObject.metadata.annotations).toEqual({ 'kube-vip.io/loadbalancerIPs': '192.168.0.50' });
    expect(serviceObject.spec.ports).toEqual([{ port: 5432, protocol: 'TCP' }]);
  });
});

describe('K3sVipCluster refuses a literal K3s token in its props, as the config files do', () => {
  const TOKEN = `K10${'a'.repeat(64)}::server:secret`;
  it.each([
    ['a token key', { k3s: { token: 'x' } }, 'k3s.token'],
    ['a token-shaped value', { ingresses: [{ ...devConfig().ingresses[0], service: TOKEN }] }, 'ingresses[0].service'],
  ])('%s', (_, patch, path) => {
    const error = thrown(() => new K3sVipCluster(new App(), 'dev', { ...devConfig(), ...patch } as K3sVipClusterProps));
    const problem = error.problems.find((p) => p.path.join('.').replace(/\.(\d+)/g, '[$1]') === path);
    expect(problem?.message).toMatch(/a K3s token must never enter the repository/);
    expect(error.message).not.toContain('secret');
  });
});

describe('TraefikIngress: service and port, as in the config files; serviceName and servicePort still accepted', () => {
  const base = { name: 'web', host: 'app.example.com' };
  const backend = (props: object) => {
    const scope = chart();
    new TraefikIngress(scope, 'i', { ...base, ...props });
    return scope.toJson()[0].spec.rules[0].http.paths[0].backend;
  };

  it.each<[string, object]>([
    ['the new names', { service: 'web', port: 80 }],
    ['the deprecated names', { serviceName: 'web', servicePort: 80 }],
    ['both, with the same values', { service: 'web', serviceName: 'web', port: 80, servicePort: 80 }],
    ['one of each', { service: 'web', servicePort: 80 }],
  ])('%s: the same backend', (_, props) => {
    expect(backend(props)).toEqual({ service: { name: 'web', port: { number: 80 } } });
  });

  it('a port name through either key', () => {
    expect(backend({ service: 'web', port: 'http' })).toEqual({ service: { name: 'web', port: { name: 'http' } } });
    expect(backend({ serviceName: 'web', servicePort: 'http' })).toEqual({ service: { name: 'web', port: { name: 'http' } } });
  });

  it('both names with different values: an error naming both', () => {
    expect(
      thrown(() => new TraefikIngress(chart(), 'i', { ...base, service: 'web', serviceName: 'api', port: 80, servicePort: 8080 })).message,
    ).toBe(
      'TraefikIngress: serviceName "api" differs from service "web": serviceName is the deprecated name of service; give only service\n' +
        'TraefikIngress: servicePort 8080 differs from port 80: servicePort is the deprecated name of port; give only port',
    );
  });

  it('a bad value is reported under the key that was given', () => {
    expect(
      thrown(() => new TraefikIngress(chart(), 'i', { ...base, serviceName: 'Web', servicePort: 80 })).problems.map((p) => p.path),
    ).toEqual([['serviceName']]);
    expect(thrown(() => new TraefikIngress(chart(), 'i', { ...base, service: 'Web', port: 80 })).problems.map((p) => p.path)).toEqual([
      ['service'],
    ]);
  });
});
