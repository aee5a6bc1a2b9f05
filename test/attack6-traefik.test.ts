import { App } from 'cdk8s';
import { chart, configErrors, devConfig, judgeConfig, thrown, withChanges, withTraefikValues } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';

/**
 * Attack round 6, G3, G4, G8: a static configuration file at Traefik's default path, an `acme` block spelled in another
 * case, and the key named for a second IPv4 VIP in annotationsTCP.
 */
const hcc = (v: Record<string, unknown>) => () => new TraefikHelmChartConfig(chart(), 't', { values: v });
const cluster = (config: unknown) => () => new K3sVipCluster(new App(), 'lab', config as object);

describe('G3: a volume where Traefik looks for its static configuration file is refused like --configfile', () => {
  const refusal = 'mounts a volume where Traefik looks for its static configuration file';
  const volume = (mountPath: string) => ({ volumes: [{ name: 'traefik-static', mountPath, type: 'configMap' }] });
  const mount = (mountPath: string) => ({
    deployment: { additionalVolumes: [{ name: 'static', configMap: { name: 'traefik-static' } }] },
    additionalVolumeMounts: [{ name: 'static', mountPath }],
  });
  test.each<[string, object, string | undefined]>([
    ['volumes at /etc/traefik', volume('/etc/traefik'), `traefik.values.volumes[0].mountPath: ${refusal}`],
    ['volumes at /etc/traefik/', volume('/etc/traefik/'), `traefik.values.volumes[0].mountPath: ${refusal}`],
    ['volumes at the file', volume('/etc/traefik/traefik.yaml'), `traefik.values.volumes[0].mountPath: ${refusal}`],
    ['volumes at the .yml file', volume('/etc/traefik/traefik.yml'), refusal],
    ['volumes at the .toml file', volume('/etc/traefik/traefik.toml'), refusal],
    ['volumes at /etc', volume('/etc'), refusal],
    ['volumes in the working directory', volume('/traefik.yaml'), refusal],
    ['volumes in a $HOME/.config', volume('/home/traefik/.config'), refusal],
    ['volumes at a $HOME/.config file', volume('/root/.config/traefik.toml'), refusal],
    ['additionalVolumeMounts at /etc/traefik', mount('/etc/traefik'), `traefik.values.additionalVolumeMounts[0].mountPath: ${refusal}`],
    ['additionalVolumeMounts at the file', mount('/etc/traefik/traefik.yml'), refusal],
    [
      'persistence at /etc/traefik',
      { persistence: { enabled: true, path: '/etc/traefik' } },
      `traefik.values.persistence.path: ${refusal}`,
    ],
    ['XDG_CONFIG_HOME from env', { env: [{ name: 'XDG_CONFIG_HOME', value: '/config' }], ...volume('/config') }, refusal],
    ['HOME from env', { env: [{ name: 'HOME', value: '/home/t' }], ...volume('/home/t/.config/traefik.yaml') }, refusal],
    // Review: a relative value is taken from the working directory, `/`.
    [
      'a relative XDG_CONFIG_HOME beside persistence there',
      { env: [{ name: 'XDG_CONFIG_HOME', value: 'data' }], persistence: { enabled: true, path: '/data' } },
      `traefik.values.persistence.path: ${refusal}`,
    ],
    ['a relative HOME', { env: [{ name: 'HOME', value: './h' }], ...volume('/h/.config') }, refusal],
    ['an empty XDG_CONFIG_HOME (unset for Traefik)', { env: [{ name: 'XDG_CONFIG_HOME', value: '' }], ...volume('/config') }, undefined],
    // Elsewhere, or another name: Traefik does not look there.
    ['volumes at /config', volume('/config'), undefined],
    ['volumes at /etc/traefik-certs', volume('/etc/traefik-certs'), undefined],
    ['volumes at /etc/traefik/dynamic', volume('/etc/traefik/dynamic'), undefined],
    ['volumes at /etc/traefik/dynamic.yaml', volume('/etc/traefik/dynamic.yaml'), undefined],
    ['additionalVolumeMounts at /plugins', mount('/plugins'), undefined],
    // Attack 18b D1: the chart mounts persistence.path whatever `enabled` holds (an emptyDir when false).
    ['persistence disabled at /etc/traefik', { persistence: { enabled: false, path: '/etc/traefik' } }, refusal],
    ['persistence at /data', { persistence: { enabled: true, path: '/data' } }, undefined],
    // Attack 7 f3: `..` is resolved as a path lookup resolves it.
    ['a mount at /etc/traefik/../traefik/traefik.yaml', mount('/etc/traefik/../traefik/traefik.yaml'), refusal],
    ['a mount at /etc/x/../traefik', mount('/etc/x/../traefik'), refusal],
    ['a mount at /../../etc/traefik', mount('/../../etc/traefik'), refusal],
    ['a mount at /etc/traefik/../traefik-certs', mount('/etc/traefik/../traefik-certs'), undefined],
    ['a mount at /etc/traefik/dynamic/..x', mount('/etc/traefik/dynamic/..x'), undefined],
  ])('%s', (_, v, expected) => judgeConfig(withTraefikValues(v), expected));

  describe('attack 7 f7: XDG_CONFIG_HOME or HOME whose value is unknown here, beside a mount, cannot be judged', () => {
    const unknowable =
      'from valueFrom or $(VAR), so whether a volume mounted beside it holds that file cannot be judged: give a literal value';
    const fromConfigMap = { configMapKeyRef: { name: 'x', key: 'y' } };
    test.each<[string, object, string | undefined]>([
      ['XDG_CONFIG_HOME from valueFrom', { env: [{ name: 'XDG_CONFIG_HOME', valueFrom: fromConfigMap }], ...mount('/cfg') }, unknowable],
      ['HOME from valueFrom', { env: [{ name: 'HOME', valueFrom: fromConfigMap }], ...mount('/cfg') }, unknowable],
      ['XDG_CONFIG_HOME through $(VAR)', { env: [{ name: 'XDG_CONFIG_HOME', value: '$(BASE)/cfg' }], ...mount('/cfg') }, unknowable],
      ['XDG_CONFIG_HOME from valueFrom, no mount', { env: [{ name: 'XDG_CONFIG_HOME', valueFrom: fromConfigMap }] }, undefined],
      ['XDG_CONFIG_HOME literal elsewhere', { env: [{ name: 'XDG_CONFIG_HOME', value: '/xdg' }], ...mount('/cfg') }, undefined],
      ['another env from valueFrom', { env: [{ name: 'TZ', valueFrom: fromConfigMap }], ...mount('/cfg') }, undefined],
    ])('%s', (_, v, expected) =>
      judgeConfig(
        withTraefikValues(v),
        expected &&
          `traefik.values.env[0]: sets a directory where Traefik looks for its static configuration file ($XDG_CONFIG_HOME/ or $HOME/.config/) ${expected}`,
      ),
    );
    test('TraefikHelmChartConfig refuses it too', () => {
      const values = { env: [{ name: 'XDG_CONFIG_HOME', valueFrom: fromConfigMap }], ...mount('/cfg') };
      expect(thrown(hcc(values)).message).toContain(`values.env[0] sets a directory where Traefik looks`);
    });
  });

  test('the report case: a ConfigMap with traefik.yaml mounted at /etc/traefik', () => {
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'traefik-static', namespace: 'kube-system' },
      data: { 'traefik.yaml': 'entryPoints:\n  web:\n    forwardedHeaders:\n      insecure: true\n' },
    };
    judgeConfig(
      withTraefikValues({ ...volume('/etc/traefik'), extraObjects: [configMap] }),
      `traefik.values.volumes[0].mountPath: ${refusal}`,
    );
  });

  test('TraefikHelmChartConfig and K3sVipCluster refuse it too', () => {
    expect(thrown(hcc(volume('/etc/traefik'))).message).toContain(`values.volumes[0].mountPath ${refusal}`);
    expect(thrown(cluster(withTraefikValues(mount('/etc/traefik/traefik.yaml')))).message).toContain(refusal);
    expect(() => hcc(volume('/config'))()).not.toThrow();
    expect(thrown(hcc(mount('/etc/traefik/../traefik/traefik.yaml'))).message).toContain(refusal);
  });
});

describe('G4: an acme block is ACME whatever the case of its key', () => {
  const acmeRefusal = 'traefik.replicas: is 2, but the ACME resolvers';
  const acme = { email: 'a@example.com', storage: '/data/acme.json', tlsChallenge: {} };
  test.each<[object, string | undefined]>([
    [{ le: { Acme: acme } }, acmeRefusal],
    [{ le: { ACME: acme } }, acmeRefusal],
    [{ le: { acme } }, acmeRefusal],
    // Attack 7 r2: a key with blanks around acme is judged as the acme block it is meant to be.
    [{ le: { ' acme': acme } }, acmeRefusal],
    [{ le: { 'acme\u0020': acme } }, acmeRefusal],
    [{ le: { Acme: null } }, undefined],
    [{ ts: { Tailscale: {} } }, undefined],
  ])('%j with replicas 2', (resolvers, expected) =>
    judgeConfig(withTraefikValues({ certificatesResolvers: resolvers }, { replicas: 2 }), expected),
  );

  test('K3sVipCluster refuses Acme with two replicas', () => {
    expect(thrown(cluster(withTraefikValues({ certificatesResolvers: { le: { Acme: acme } } }, { replicas: 2 }))).message).toContain(
      'the ACME resolvers',
    );
  });
});

describe('G8: a second VIP of one family in annotationsTCP names the annotation', () => {
  const pool = () =>
    withChanges(devConfig(), {
      traefik: { loadBalancerIPs: undefined },
      kubeVip: { services: { ipPool: { global: { range: '192.168.0.200-192.168.0.210' } } } },
    });
  const twoFamilies = 'has two addresses of the same IP family';
  test.each<[string, object, string]>([
    ['annotationsTCP', { annotationsTCP: { 'kube-vip.io/loadbalancerIPs': '192.168.0.150,192.168.0.151' } }, 'annotationsTCP'],
    ['annotations', { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.150,192.168.0.151' } }, 'annotations'],
  ])('%s', (_, service, key) => {
    const errors = configErrors(withTraefikValues({ service }, {}, pool())).join('\n');
    expect(errors).toContain(`traefik.values.service.${key}["kube-vip.io/loadbalancerIPs"]: ${twoFamilies}`);
    expect(errors).not.toContain('traefik.loadBalancerIPs');
  });

  test.each<[string, string]>([
    // The report's case: the pool message (first on that key) stands, and it too names the annotation.
    ['192.168.0.205,192.168.0.40', 'lies inside the IP pool'],
    ['192.168.0.150,192.168.0.40', twoFamilies],
  ])('with the control-plane VIP as the second address: %s', (ips, message) => {
    const errors = configErrors(
      withTraefikValues({ service: { annotationsTCP: { 'kube-vip.io/loadbalancerIPs': ips } } }, {}, pool()),
    ).join('\n');
    expect(errors).toMatch(new RegExp(`traefik\\.values\\.service\\.annotationsTCP\\["kube-vip\\.io/loadbalancerIPs"\\]: .*${message}`));
    expect(errors).not.toContain('traefik.loadBalancerIPs');
  });

  test('the first-class key still names traefik.loadBalancerIPs', () => {
    judgeConfig(
      withChanges(devConfig(), { traefik: { loadBalancerIPs: ['192.168.0.41', '192.168.0.42'] } }),
      `traefik.loadBalancerIPs: ${twoFamilies}`,
    );
  });

  test('no VIP and no pool still names traefik.loadBalancerIPs', () => {
    judgeConfig(withChanges(devConfig(), { traefik: { loadBalancerIPs: undefined } }), 'traefik.loadBalancerIPs: is missing');
  });
});
