import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig, TraefikIngress } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';
import { ruleDoors } from './rule-doors';

// Round 79b findings 8, 11, 13, 17, 19 and 79c-1: one rule at every door (config file, K3sVipCluster, TraefikHelmChartConfig).

const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
/** The config's errors and warnings, and K3sVipCluster's refusal and warnings, for a whole config given as data. */
function configDoors(config: object) {
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  let warnings = '';
  const cluster = refusalOf(() => {
    warnings = new K3sVipCluster(new App(), 'c', config as never).warnings.map((w) => `${w.path.join('.')}: ${w.message}`).join('\n');
  });
  return { errors: parsed.errors.map(line).join('\n'), warnings: parsed.warnings.map(line).join('\n'), cluster, clusterWarnings: warnings };
}
const chartDoor = (values: object, more: object = {}) =>
  refusalOf(
    () =>
      new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
        loadBalancerIPs: ['192.168.0.41'],
        values: values as Record<string, unknown>,
        ...more,
      }),
  );

describe('79b-8: ports.<name>.exposedPort 0 is judged as the chart renders it (Service port = port, redirect to=:0)', () => {
  const redirect = { redirectToHttps: true };
  it.each<[string, object, object, string | undefined]>([
    ['redirect to websecure with exposedPort 0', redirect, { ports: { websecure: { exposedPort: 0 } } }, 'to=:0'],
    [
      'the chart key redirect to an entrypoint with exposedPort 0',
      {},
      { ports: { web: { http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https' } } } }, websecure: { exposedPort: 0 } } },
      'to=:0',
    ],
    ['valid: exposedPort 0 without a redirect to it', {}, { ports: { websecure: { exposedPort: 0 } } }, undefined],
    ['valid: a redirect to websecure on 443', redirect, { ports: { websecure: { exposedPort: 443 } } }, undefined],
  ])('%s', (_, traefik, values, expected) => {
    const config = withChanges(devConfig(), { traefik: { ...traefik, values } });
    const doors = configDoors(config);
    if (expected) {
      expect(doors.errors).toContain(expected);
      expect(doors.errors).toContain('exposedPort');
      expect(doors.cluster).toContain(expected);
      expect(chartDoor(values, traefik)).toContain(expected);
    } else {
      expect(doors.errors).toBe('');
      expect(doors.cluster).toBe('');
      expect(chartDoor(values, traefik)).toBe('');
    }
  });

  it('the Service port of exposedPort 0 is the entrypoint port: a loadBalancers entry on the VIP and that port clashes', () => {
    const config = withChanges(devConfig(), {
      traefik: { values: { ports: { web: { exposedPort: 0 } } } },
      loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 8000 }], ips: ['192.168.0.41'] }],
    });
    const doors = configDoors(config);
    expect(doors.errors).toContain('loadBalancers[0].ips[0]: "192.168.0.41" is also the VIP of Traefik');
    expect(doors.errors).toContain('8000/TCP');
    expect(doors.cluster).toContain('8000/TCP');
  });

  it('messages name the rendered Service port, not 0', () => {
    const config = withChanges(devConfig(), {
      traefik: { certResolvers: { le: { email: 'ops@corp.example.org' } }, values: { ports: { websecure: { exposedPort: 0 } } } },
    });
    expect(configDoors(config).errors).not.toContain('Service port 0');
  });
});

describe('79b-11: a NodePort Service for Traefik pods is judged alike as additionalServices and extraObjects', () => {
  const additional = (extra: object) => ({
    ports: { web: { expose: { default: true, np: true } } },
    service: { additionalServices: { np: { type: 'NodePort', ...extra } } },
  });
  it('valid: an additional NodePort Service, at every door', () => {
    const doors = ruleDoors(additional({}));
    expect(doors.errors).toEqual([]);
    expect(doors.cluster).toBe('');
    expect(doors.chart).toBe('');
  });
  it('valid: an additional NodePort Service on chart v40 (spec.type)', () => {
    const doors = ruleDoors(
      { ports: { web: { expose: { default: true, np: true } } }, service: { additionalServices: { np: { spec: { type: 'NodePort' } } } } },
      '40.3.0',
    );
    expect(doors.errors).toEqual([]);
    expect(doors.chart).toBe('');
  });
  it('valid: the same Service in extraObjects', () => {
    const doors = ruleDoors({
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'traefik-np', namespace: 'kube-system' },
          spec: {
            type: 'NodePort',
            selector: { 'app.kubernetes.io/name': 'traefik', 'app.kubernetes.io/instance': 'traefik-kube-system' },
            ports: [{ name: 'web', port: 80, targetPort: 'web', nodePort: 30080 }],
          },
        },
      ],
    });
    expect(doors.errors).toEqual([]);
    expect(doors.cluster).toBe('');
  });
  it('refused: a VIP asked on an additional NodePort Service, with a true reason', () => {
    const doors = ruleDoors(additional({ annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } }));
    const found = doors.errors.find((l) => l.includes('additionalServices.np'));
    expect(found).toContain('NodePort');
    expect(found).toContain('never announced');
    expect(doors.cluster).toContain('additionalServices.np');
    expect(doors.chart).toContain('additionalServices.np');
  });
  it('refused still: an ExternalName additional Service, without "nothing outside the cluster reaches it" for a NodePort', () => {
    const doors = ruleDoors({
      ports: { web: { expose: { default: true, x: true } } },
      service: { additionalServices: { x: { type: 'ExternalName' } } },
    });
    expect(doors.errors.join('\n')).toContain('additionalServices.x.type');
    expect(doors.errors.join('\n')).not.toContain('NodePort');
  });
});

describe('79b-13: the kube-vip.io/serviceInterface annotation is held to the interface-name rule and its kube-vip version', () => {
  const annotated = (value: string) => ({ service: { annotations: { 'kube-vip.io/serviceInterface': value } } });
  it.each<[string, string, string, string | undefined]>([
    ['a blank', 'eth 0', 'v1.2.3', 'contains " "'],
    ['a colon', 'eth0:1', 'v1.2.3', 'contains ":"'],
    ['too long', 'enp0s31f6.100.long', 'v1.2.3', 'at most 15'],
    ['a slash', '../x', 'v1.2.3', 'contains "/"'],
    ['empty', '', 'v1.2.3', 'empty'],
    ['kube-vip before v0.8.0', 'eth1', 'v0.6.4', 'v0.8.0'],
    ['auto before v0.8.5', 'auto', 'v0.8.4', 'v0.8.5'],
    ['valid: eth1', 'eth1', 'v1.2.3', undefined],
    ['valid: auto', 'auto', 'v1.2.3', undefined],
    ['valid: a VLAN interface', 'bond0.100', 'v0.8.0', undefined],
  ])('%s', (_, value, version, expected) => {
    const config = withChanges(devConfig(), { kubeVip: { version }, traefik: { values: annotated(value) } });
    const doors = configDoors(config);
    const chart = chartDoor(annotated(value), { kubeVipVersion: version });
    const key = 'traefik.values.service.annotations["kube-vip.io/serviceInterface"]';
    if (expected) {
      expect(doors.errors.split('\n').find((l) => l.startsWith(key))).toContain(expected);
      expect(doors.cluster).toContain('kube-vip.io/serviceInterface');
      expect(doors.cluster).toContain(expected);
      expect(chart).toContain('kube-vip.io/serviceInterface');
      expect(chart).toContain(expected);
    } else {
      expect(doors.errors).toBe('');
      expect(doors.cluster).toBe('');
      expect(chart).toBe('');
    }
  });
  it('on an additional Service too', () => {
    const doors = ruleDoors({
      ports: { web: { expose: { default: true, internal: true } } },
      service: {
        additionalServices: {
          internal: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42', 'kube-vip.io/serviceInterface': 'eth 0' } },
        },
      },
    });
    expect(doors.errors.join('\n')).toContain(
      'additionalServices.internal.annotations["kube-vip.io/serviceInterface"]: "eth 0" contains " "',
    );
    expect(doors.chart).toContain('contains " "');
  });
});

describe("79b-19: a class on Traefik's Service in IP-pool mode is warned as on loadBalancers[]", () => {
  const pool = {
    version: 'v1.2.3',
    interface: 'eth0',
    controlPlane: { address: '192.168.0.40' },
    services: { ipPool: { global: { cidr: '192.168.0.200/29' } } },
  };
  it("Traefik's own Service with kube-vip's class and no fixed VIP", () => {
    const config = { kubeVip: pool, traefik: { values: { service: { loadBalancerClass: 'kube-vip.io/kube-vip-class' } } } };
    const doors = configDoors(config);
    expect(doors.warnings).toContain('traefik.values.service.loadBalancerClass: is set and the Service has no fixed');
    expect(doors.warnings).toContain('KUBEVIP_ENABLE_LOADBALANCERCLASS');
    expect(doors.clusterWarnings).toContain('KUBEVIP_ENABLE_LOADBALANCERCLASS');
  });
  it('an additional Service with the class and no VIP annotation', () => {
    const config = {
      kubeVip: pool,
      traefik: {
        values: {
          ports: { web: { expose: { default: true, internal: true } } },
          service: { additionalServices: { internal: { loadBalancerClass: 'kube-vip.io/kube-vip-class' } } },
        },
      },
    };
    expect(configDoors(config).warnings).toContain('additionalServices.internal.loadBalancerClass: is set and the Service has no fixed');
  });
  it('the loadBalancers[] warning stays', () => {
    const config = {
      kubeVip: pool,
      loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], loadBalancerClass: 'kube-vip.io/kube-vip-class' }],
    };
    expect(configDoors(config).warnings).toContain('loadBalancers[0].loadBalancerClass: is set and the Service has no fixed ips');
  });
  it('valid: the class with fixed VIPs is no warning', () => {
    const config = {
      kubeVip: pool,
      traefik: { loadBalancerIPs: ['192.168.0.41'], values: { service: { loadBalancerClass: 'kube-vip.io/kube-vip-class' } } },
    };
    expect(configDoors(config).warnings).not.toContain('KUBEVIP_ENABLE_LOADBALANCERCLASS');
  });
});

describe('79b-17: an Ingress with an existing TLS Secret: each refusal names the door that works', () => {
  const door = 'IngressRoute in traefik.values.extraObjects with tls.secretName';
  it('ingresses[].tls.secretName', () => {
    const config = withChanges(devConfig(), {
      ingresses: [{ name: 'a', host: 'a.corp.example.org', service: 's', port: 80, tls: { secretName: 'wildcard-tls' } }],
    });
    const doors = configDoors(config);
    expect(doors.errors).toContain('ingresses[0].tls.secretName: unknown key "secretName"');
    expect(doors.errors).toContain(door);
    expect(doors.cluster).toContain(door);
  });
  it('TraefikIngress secretName (the construct door)', () => {
    const refusal = refusalOf(
      () =>
        new TraefikIngress(new Chart(new App(), 'i'), 'a', {
          name: 'a',
          host: 'a.corp.example.org',
          service: 's',
          port: 80,
          secretName: 'wildcard-tls',
        } as never),
    );
    expect(refusal).toContain('secretName');
    expect(refusal).toContain("IngressRoute in a TraefikHelmChartConfig's values.extraObjects with tls.secretName");
  });
  it('an extraObjects Ingress with a TLS Secret', () => {
    const values = {
      extraObjects: [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { name: 'a', namespace: 'default' },
          spec: {
            ingressClassName: 'traefik',
            tls: [{ hosts: ['a.corp.example.org'], secretName: 'wildcard-tls' }],
            rules: [
              {
                host: 'a.corp.example.org',
                http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] },
              },
            ],
          },
        },
      ],
    };
    const doors = ruleDoors(values);
    expect(doors.errors.join('\n')).toContain('extraObjects[0]: is an Ingress');
    expect(doors.errors.join('\n')).toContain('IngressRoute');
    expect(doors.errors.join('\n')).toContain('tls.secretName');
    expect(doors.chart).toContain('tls.secretName');
  });
  it('an extraObjects Ingress without a Secret keeps the plain refusal', () => {
    const doors = ruleDoors({
      extraObjects: [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { name: 'a', namespace: 'default' },
          spec: { ingressClassName: 'traefik', defaultBackend: { service: { name: 's', port: { number: 80 } } } },
        },
      ],
    });
    expect(doors.errors.join('\n')).toContain('declare it in ingresses instead');
    expect(doors.errors.join('\n')).not.toContain('tls.secretName');
  });
  it('the door named works: an extraObjects IngressRoute with tls.secretName passes', () => {
    const doors = ruleDoors({
      extraObjects: [
        {
          apiVersion: 'traefik.io/v1alpha1',
          kind: 'IngressRoute',
          metadata: { name: 'a', namespace: 'default' },
          spec: {
            entryPoints: ['websecure'],
            routes: [{ match: 'Host(`a.corp.example.org`)', kind: 'Rule', services: [{ name: 's', port: 80 }] }],
            tls: { secretName: 'wildcard-tls' },
          },
        },
      ],
    });
    expect(doors.errors).toEqual([]);
    expect(doors.cluster).toBe('');
    expect(doors.chart).toBe('');
  });
});

describe('79c-1: a list with a named property or of an Array subclass is refused by name at the construct doors', () => {
  class IPs extends Array<string> {}
  const named = () => Object.assign(['192.168.0.41'], { note: 'x' });
  it.each<[string, () => unknown, string]>([
    ['a named property', named, 'traefik.loadBalancerIPs.note'],
    ['an Array subclass', () => IPs.from(['192.168.0.41']), 'traefik.loadBalancerIPs: is an IPs'],
  ])('%s on traefik.loadBalancerIPs', (_, list, expected) => {
    const props = withChanges(devConfig(), {});
    props.traefik.loadBalancerIPs = list();
    const refusal = refusalOf(() => new K3sVipCluster(new App(), 'c', props));
    expect(refusal).toContain(expected);
  });
  it('a named property on additionalArguments, at TraefikHelmChartConfig', () => {
    const args = Object.assign(['--log.level=INFO'], { extra: { b: 1 } });
    expect(chartDoor({ additionalArguments: args })).toContain('values.additionalArguments.extra');
  });
  it('valid: a frozen plain list', () => {
    const props = withChanges(devConfig(), {});
    props.traefik.loadBalancerIPs = Object.freeze(['192.168.0.41']);
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', props))).toBe('');
  });
});
