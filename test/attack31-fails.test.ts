import { configErrors, devConfig, helmChartConfigRefusal, withChanges } from './helpers';

/**
 * Attack round 30b, fixed in round 31 (helper n3): more of the chart's own `fail`s: ".acme." in additionalArguments with
 * more than one Deployment replica (30b-3), a null or invalid label in nodeSelector (30b-4), the chart's Gateway
 * listeners (30b-5), namespaced RBAC, uplink entrypoints and local plugins (30b-7).
 */
const on = (chartVersion: string, values: unknown, traefik: object = {}) =>
  configErrors(withChanges(devConfig(), { traefik: { chartVersion, values, ...traefik } })).join('\n');

describe('30b-3: a Deployment with 2+ replicas fails on any additionalArguments item holding ".acme."', () => {
  const fails = 'refuses any additionalArguments item holding that text with';
  const item = '--log.filepath=/var/log/x.acme.log';
  test.each([
    ['39.0.7', { deployment: { replicas: 2 }, additionalArguments: [item] }, {}, 'traefik.values.deployment.replicas at 2'],
    ['41.3.0', { additionalArguments: ['--log.level=INFO', item] }, { replicas: 2 }, 'traefik.replicas at 2'],
    ['34.2.0', { deployment: { replicas: 2.5 }, additionalArguments: [item] }, {}, 'traefik.values.deployment.replicas at 2.5'],
    // The template reads deployment.replicas, whatever the HPA does.
    ['39.0.7', { deployment: { replicas: 3 }, autoscaling: { enabled: true, maxReplicas: 1 }, additionalArguments: [item] }, {}, 'at 3'],
  ])('chart %s, %j (%j) is refused', (chartVersion, values, traefik, replicas) => {
    const errors = on(chartVersion, values, traefik);
    expect(errors).toMatch(
      new RegExp(`traefik\\.values\\.additionalArguments\\[\\d\\]: holds "\\.acme\\.", and Traefik chart ${chartVersion} ${fails}`),
    );
    expect(errors).toContain(`${replicas} ("You can not enable acme if you set more than one traefik replica")`);
  });
  test.each([
    [{ deployment: { replicas: 1 }, additionalArguments: [item] }],
    [{ deployment: { replicas: 1.9 }, additionalArguments: [item] }],
    [{ deployment: { replicas: 2 }, additionalArguments: ['--log.filepath=/var/log/x.ACME.log'] }],
    [{ deployment: { replicas: 2 }, additionalArguments: ['--log.filepath=/var/log/acme.log'] }],
    [{ autoscaling: { enabled: true, maxReplicas: 3 }, additionalArguments: [item] }],
  ])('control: %j is accepted', (values) => {
    expect(on('39.0.7', values)).not.toContain('holds ".acme."');
  });
  test('the construct door refuses it too', () => {
    expect(helmChartConfigRefusal({ replicas: 2, values: { additionalArguments: [item] } })).toContain(
      'values.additionalArguments[0] holds ".acme."',
    );
  });
});

describe('30b-4: a nodeSelector entry the API server refuses', () => {
  // A key holding a dot or a slash is bracketed in a message's path.
  const selectorAt = (key: string) => (/^[\w-]+$/.test(key) ? `nodeSelector.${key}` : `nodeSelector[${JSON.stringify(key)}]`);
  const texts = "is null, but a pod's nodeSelector holds texts only, so the API server refuses Traefik's pods";
  test.each([['kubernetes.io/hostname'], ['a']])('a null value at %s is refused', (key) => {
    expect(on('39.0.7', { nodeSelector: { [key]: null } })).toContain(`traefik.values.${selectorAt(key)}: ${texts}`);
  });
  test.each([
    [{ a: 'x y' }, 'a', 'is not a valid label value'],
    [{ a: 'v'.repeat(64) }, 'a', 'at most 63'],
    [{ '': 'x' }, '', 'is not a valid key'],
    [{ 'a b': 'x' }, 'a b', 'is not a valid key'],
    [{ [`example.com/${'k'.repeat(64)}`]: 'x' }, `example.com/${'k'.repeat(64)}`, 'at most 63'],
  ])('%j is refused', (nodeSelector, key, says) => {
    const errors = on('39.0.7', { nodeSelector });
    expect(errors).toContain(`traefik.values.${selectorAt(key)}: "`);
    expect(errors).toContain(`${says}`);
    expect(errors).toContain("(Kubernetes ValidateLabels on a pod's nodeSelector), so the API server refuses Traefik's pods");
  });
  test.each([[{ a: 'v'.repeat(63) }], [{ 'example.com/disk': 'ssd' }], [{ a: '' }]])('control: %j is accepted', (nodeSelector) => {
    expect(on('39.0.7', { nodeSelector })).not.toContain('nodeSelector');
  });
  test('the construct door refuses a null too', () => {
    expect(helmChartConfigRefusal({ values: { nodeSelector: { a: null } } })).toContain(`values.nodeSelector.a ${texts}`);
  });
});

describe("30b-5: the chart's Gateway fails on its listeners when the Gateway provider is on", () => {
  const gateway = { providers: { kubernetesGateway: { enabled: true } } };
  test.each([
    [
      '39.0.7',
      { ports: { web: { port: 8001 } } },
      'traefik.values.providers.kubernetesGateway.enabled',
      'port 8000 is not declared in ports',
    ],
    ['41.3.0', { gateway: { listeners: null } }, 'traefik.values.gateway.listeners', 'gateway must have at least one listener'],
    ['30.0.0', { gateway: { listeners: null } }, 'traefik.values.gateway.listeners', 'gateway must have at least one listener'],
    ['39.0.7', { gateway: { listeners: { web: null } } }, 'traefik.values.gateway.listeners', 'gateway must have at least one listener'],
    [
      '39.0.7',
      { gateway: { listeners: { web: { port: 9999 } } } },
      'traefik.values.gateway.listeners.web.port',
      'port 9999 is not declared',
    ],
    [
      '39.0.7',
      { gateway: { listeners: { web: { port: null } } } },
      'traefik.values.gateway.listeners.web.port',
      'port needs to be specified',
    ],
    [
      '30.1.0',
      { gateway: { listeners: { extra: { protocol: 'HTTP' } } } },
      'traefik.values.gateway.listeners.extra',
      'port needs to be specified',
    ],
    // v30.0.0 has no port check: a missing port is no declared one (`eq` of a number and nil is false).
    [
      '30.0.0',
      { gateway: { listeners: { web: { port: null } } } },
      'traefik.values.gateway.listeners.web.port',
      'is not declared in ports',
    ],
    [
      '41.3.0',
      { gateway: { listeners: { websecure: { port: 8443, protocol: 'HTTPS', certificateRefs: null } } } },
      'traefik.values.gateway.listeners.websecure.certificateRefs',
      'certificateRefs needs to be specified using HTTPS',
    ],
    // Before v39.0.5 the ports are compared as they are: a text is no number.
    ['39.0.4', { gateway: { listeners: { web: { port: '8000' } } } }, 'traefik.values.gateway.listeners.web.port', 'is not declared'],
  ])('chart %s, %j is refused', (chartVersion, values, path, says) => {
    expect(on(chartVersion, { ...gateway, ...values })).toMatch(
      new RegExp(`${path.replace(/[.[\]]/g, '\\$&')}: [^\\n]*Traefik chart ${chartVersion} fails on it \\("[^\\n]*${says}`),
    );
  });
  test.each([
    ['39.0.7', { ...gateway }],
    ['39.0.7', { ...gateway, gateway: { listeners: {} } }],
    ['41.3.0', { ...gateway, ports: { web: { port: 8001 } }, gateway: { listeners: { web: { port: 8001 } } } }],
    // From v39.0.5 both sides go through sprig's int (40.0.0: no schema vendored to refuse the text first).
    ['40.0.0', { ...gateway, gateway: { listeners: { web: { port: '8000' } } } }],
    [
      '41.3.0',
      { ...gateway, gateway: { listeners: { websecure: { port: 8443, protocol: 'HTTPS', certificateRefs: [{ name: 'tls' }] } } } },
    ],
    ['39.0.7', { ...gateway, ports: { web: { port: 8001 } }, gateway: { enabled: false } }],
    ['39.0.7', { ports: { web: { port: 8001 } } }],
    ['29.0.0', { ...gateway, gateway: { listeners: null } }],
  ])('control: chart %s, %j passes the Gateway checks', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toMatch(/listener|not declared in ports|certificateRefs needs/);
  });
  test('the construct door refuses it too', () => {
    expect(helmChartConfigRefusal({ values: { ...gateway, gateway: { listeners: { web: { port: 9999 } } } } })).toContain(
      '("port 9999 is not declared in ports")',
    );
  });
});

describe('30b-7: namespaced RBAC, uplink entrypoints and local plugins the chart fails on', () => {
  const off = { kubernetesCRD: { enabled: false }, kubernetesIngress: { enabled: false } };
  test.each([
    ['34.2.0', { rbac: { namespaced: true }, providers: off }, 'traefik.values.rbac.namespaced', 'namespaced rbac requires Kubernetes CRD'],
    [
      '41.3.0',
      { rbac: { namespaced: true }, providers: { ...off, kubernetesIngressNGINX: { enabled: false } } },
      'traefik.values.rbac.namespaced',
      'namespaced rbac requires',
    ],
    [
      '30.1.0',
      { rbac: { namespaced: true }, providers: { kubernetesCRD: null, kubernetesIngress: { enabled: false } } },
      'traefik.values.rbac.namespaced',
      'namespaced rbac requires',
    ],
    [
      '41.3.0',
      { rbac: { namespaced: true }, providers: { kubernetesGateway: { enabled: true } } },
      'traefik.values.rbac.namespaced',
      'RBAC cannot be namespaced',
    ],
    [
      '41.1.0',
      { rbac: { namespaced: true }, providers: { kubernetesIngressNGINX: { enabled: true, watchNamespaceSelector: 'team=a' } } },
      'traefik.values.rbac.namespaced',
      'Kubernetes Ingress NGINX watchNamespaceSelector requires ClusterRole',
    ],
    // Both reasons on one key, in one line.
    [
      '39.0.7',
      { rbac: { namespaced: true }, providers: { ...off, kubernetesGateway: { enabled: true } } },
      'traefik.values.rbac.namespaced',
      'RBAC cannot be namespaced."), and kubernetesCRD, kubernetesIngress are all off ("namespaced rbac requires',
    ],
    // Knative counts from v41.2.0 only.
    [
      '41.1.0',
      { rbac: { namespaced: true }, providers: { ...off, knative: { enabled: true } }, experimental: { knative: true } },
      'traefik.values.rbac.namespaced',
      'namespaced rbac requires',
    ],
    [
      '41.3.0',
      { ports: { web: { uplink: true } } },
      'traefik.values.ports.web.uplink',
      'uplink EntryPoints can only be used with Traefik Hub',
    ],
    ['40.0.0', { ports: { web: { uplink: true } }, hub: { token: '' } }, 'traefik.values.ports.web.uplink', 'uplink EntryPoints'],
    [
      '41.3.0',
      { experimental: { localPlugins: { foo: {} } } },
      'traefik.values.experimental.localPlugins.foo',
      'local plugin foo is missing moduleName!',
    ],
    [
      '37.0.0',
      { experimental: { localPlugins: { bar: { hostPath: '/x' } } } },
      'traefik.values.experimental.localPlugins.bar',
      'missing moduleName',
    ],
    [
      '41.3.0',
      { experimental: { localPlugins: { foo: { moduleName: 'x', type: 'bogus' } } } },
      'traefik.values.experimental.localPlugins.foo',
      'has invalid type configuration',
    ],
    [
      '37.4.0',
      { experimental: { localPlugins: { foo: { moduleName: 'x' } } } },
      'traefik.values.experimental.localPlugins.foo',
      'must specify either legacy hostPath',
    ],
    [
      '41.3.0',
      { experimental: { localPlugins: { foo: { moduleName: 'x', type: 'localPath', volumeName: 'nope', mountPath: '/x' } } } },
      'traefik.values.experimental.localPlugins.foo',
      'not found in deployment.additionalVolumes',
    ],
  ])('chart %s, %j is refused', (chartVersion, values, path, says) => {
    const line = on(chartVersion, values)
      .split('\n')
      .find((error) => error.includes(`${path}: `));
    expect(line).toContain(says);
    expect(line).toContain(`Traefik chart ${chartVersion} fails on it`);
  });
  test.each([
    ['30.0.0', { rbac: { namespaced: true }, providers: off }],
    ['41.3.0', { rbac: { namespaced: true }, providers: { ...off, kubernetesIngressNGINX: { enabled: true } } }],
    ['41.0.0', { rbac: { namespaced: true }, providers: { kubernetesCRD: { enabled: false } } }],
    ['41.3.0', { rbac: { namespaced: true }, providers: { ...off, knative: { enabled: true } }, experimental: { knative: true } }],
    ['41.0.2', { rbac: { namespaced: true }, providers: { kubernetesIngressNGINX: { enabled: true, watchNamespaceSelector: 'team=a' } } }],
    ['41.3.0', { rbac: { namespaced: false }, providers: { ...off, kubernetesGateway: { enabled: true } } }],
    ['39.0.7', { ports: { web: { uplink: true } } }],
    ['41.3.0', { ports: { web: { uplink: false } } }],
    ['41.3.0', { ports: { web: { uplink: true } }, hub: { token: 'hub-licence' } }],
    ['36.2.0', { experimental: { localPlugins: { foo: {} } } }],
    ['37.3.0', { experimental: { localPlugins: { foo: { moduleName: 'x' } } } }],
    ['41.3.0', { experimental: { localPlugins: { foo: { moduleName: 'x', hostPath: '/plugins/foo' } } } }],
    [
      '41.3.0',
      {
        experimental: { localPlugins: { foo: { moduleName: 'x', type: 'localPath', volumeName: 'plugins', mountPath: '/x' } } },
        deployment: { additionalVolumes: [{ name: 'plugins', emptyDir: {} }] },
      },
    ],
  ])('control: chart %s, %j passes these checks', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toMatch(/namespaced rbac|RBAC cannot|uplink EntryPoints|local plugin|localPlugin/);
  });
});
