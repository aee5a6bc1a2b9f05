// Round 63 (flags63): 63b-2 (http3.advertisedPort outside 1-65535, key and flag), 63b-3 (log level and formats by
// flag escaped the chart schema's enums), 63b-9 (Prometheus buckets that do not rise, key and flag), 63b-10 (a Service
// network too small for K3s' CoreDNS address), 63b-12 (IngressRoute backends and middlewares in extraObjects unchecked).
// Refused rows name the key path at the config, K3sVipCluster and TraefikHelmChartConfig doors; must-pass rows pass all.
import { LoadBalancerService } from '../src';
import { chart, configErrors, devConfig, refusalOf, valuesDoors, withChanges } from './helpers';

const doors = (values: unknown) => [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)];
const args = (...items: string[]) => ({ additionalArguments: items });
const route = (backend: object) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'r', namespace: 'default' },
      spec: { entryPoints: ['websecure'], routes: [{ match: 'Host(`a.example.com`)', kind: 'Rule', ...backend }] },
    },
  ],
});
const svc = (service: object) => route({ services: [service] });
const http3 = (advertisedPort: unknown) => ({ ports: { websecure: { http3: { enabled: true, advertisedPort } } } });

describe('63b-2, 63b-3, 63b-9, 63b-12: refused at every door, the key path and the rule named', () => {
  it.each([
    ['advertisedPort 70000 (key)', http3(70000), 'ports.websecure.http3.advertisedPort', /1 to 65535/],
    ['advertisedport=-5 (flag)', args('--entrypoints.websecure.http3.advertisedport=-5'), 'additionalArguments', /1 to 65535/],
    ['advertisedport=65536 (flag)', args('--entryPoints.websecure.http3.advertisedPort=65536'), 'additionalArguments', /1 to 65535/],
    ['log.level=LOUD', args('--log.level=LOUD'), 'additionalArguments', /not a log level.*INFO/],
    ['log.level with a blank', args('--log.level=info '), 'additionalArguments', /not a log level/],
    ['log.format=xml', args('--log.format=xml'), 'additionalArguments', /common, json/],
    ['log.format=JSON', args('--log.format=JSON'), 'additionalArguments', /write json/],
    ['accesslog.format=xml', args('--accesslog=true', '--accesslog.format=xml'), 'additionalArguments', /common, genericCLF, json/],
    ['buckets key 0.3,0.1', { metrics: { prometheus: { buckets: '0.3,0.1' } } }, 'metrics.prometheus.buckets', /increasing order/],
    ['buckets key 0.1,-0.3', { metrics: { prometheus: { buckets: '0.1,-0.3' } } }, 'metrics.prometheus.buckets', /does not rise/],
    ['buckets flag with a repeat', args('--metrics.prometheus.buckets=0.1,0.1,1'), 'additionalArguments', /increasing order/],
    ['buckets flag +Inf first', args('--metrics.prometheus.buckets=+Inf,1'), 'additionalArguments', /does not rise/],
    ['IngressRoute Service name S_bad', svc({ name: 'S_bad', port: 80 }), /services(\[0\]|\.0)\.name/, /not a valid Service name/],
    ['IngressRoute Service port 70000', svc({ name: 'web', port: 70000 }), /services(\[0\]|\.0)\.port/, /1 to 65535/],
    ['IngressRoute Service port 0', svc({ name: 'web', port: 0 }), /services(\[0\]|\.0)\.port/, /1 to 65535/],
    ['IngressRoute Service port HTTP_x', svc({ name: 'web', port: 'HTTP_x' }), /services(\[0\]|\.0)\.port/, /not a port name/],
    ['IngressRoute middleware "bad name"', route({ middlewares: [{ name: 'bad name' }] }), /middlewares(\[0\]|\.0)\.name/, /Middleware/],
  ])('%s', (_name, values, where: string | RegExp, rule) => {
    for (const message of doors(values)) {
      if (typeof where === 'string') expect(message).toContain(where);
      else expect(message).toMatch(where);
      expect(message).toMatch(rule);
    }
  });
});

describe('63b neighbours that Traefik reads as meant pass every door', () => {
  it.each([
    ['advertisedPort 443 (key)', http3(443)],
    ['advertisedport=0 (flag: the entrypoint port)', args('--entrypoints.websecure.http3.advertisedport=0')],
    ['log levels in any case', args('--log.level=info', '--log.level=DEBUG', '--log.level=Warn')],
    ['log.format=json, common', args('--log.format=json', '--log.format=common')],
    ['accesslog.format=genericCLF', args('--accesslog=true', '--accesslog.format=genericCLF')],
    ['buckets key rising', { metrics: { prometheus: { buckets: '0.1,0.3,1.2,5.0' } } }],
    ['buckets flag with a last +Inf', args('--metrics.prometheus.buckets=0.1, 0.5,+Inf')],
    ['IngressRoute Service by port name', svc({ name: 'whoami', port: 'http' })],
    ['IngressRoute TraefikService across providers', svc({ name: 'api@internal', kind: 'TraefikService' })],
    [
      'IngressRoute middlewares: own, dotted, cross-provider',
      route({ services: [{ name: 'web', port: 8080 }], middlewares: [{ name: 'my.mw' }, { name: 'auth@file' }] }),
    ],
  ])('%s', (_name, values) => {
    expect(doors(values)).toEqual(['', '', '']);
  });
});

describe("63b-10: a Service network too small for K3s' CoreDNS address (the tenth)", () => {
  const service = (serviceCidr: string, clusterCidr?: string) =>
    refusalOf(
      () =>
        new LoadBalancerService(chart(), 's', {
          name: 'db',
          selector: { app: 'db' },
          ports: [{ port: 5432 }],
          ips: ['192.168.0.50'],
          networks: { serviceCidr, ...(clusterCidr && { clusterCidr }) },
        }),
    );
  it.each([
    ['10.43.0.0/29', '/28'],
    ['10.43.0.0/32', '/28'],
    ['10.43.0.0/16,fd00:43::/125', '/124'],
  ])('%s is refused, naming %s', (cidr, widest) => {
    const dual = cidr.includes(',') ? '10.42.0.0/16,fd00:42::/56' : undefined;
    const config = configErrors(withChanges(devConfig(), { k3s: { serviceCidr: cidr, ...(dual && { clusterCidr: dual }) } })).join('\n');
    for (const message of [config, service(cidr, dual)]) {
      expect(message).toContain('serviceCidr');
      expect(message).toContain('CoreDNS');
      expect(message).toContain(widest);
    }
  });
  it.each(['10.43.0.0/28', '10.43.0.0/16', '10.43.0.0/16,fd00:43::/124'])('%s passes', (cidr) => {
    expect(service(cidr, cidr.includes(',') ? '10.42.0.0/16,fd00:42::/56' : undefined)).toBe('');
  });
  it('a /28 config passes', () => {
    expect(configErrors(withChanges(devConfig(), { k3s: { serviceCidr: '10.43.0.0/28' } }))).toEqual([]);
  });
});
