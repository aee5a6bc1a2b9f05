import { configErrors, helmChartConfigRefusal, withTraefikValues } from './helpers';

/**
 * Attack round 23b: 23b-13 (a `kube-vip.io/leaseName` written through the values escaped the rules of the
 * first-class leaseName), 23b-10, 23b-12, 23b-14.
 */
const errorsOf = (values: unknown, traefik: object = {}, kubeVip?: object) => {
  const config = withTraefikValues(values, traefik);
  if (kubeVip) config.kubeVip = { ...config.kubeVip, ...kubeVip };
  return configErrors(config).join('\n');
};
const LEASE = 'kube-vip.io/leaseName';

describe('23b-13: kube-vip.io/leaseName through the values is held to the leaseName rules', () => {
  const additional = (annotations: object, spec: object = {}) => ({
    ports: { extra: { port: 9000, expose: { default: false, other: true }, exposedPort: 9000 } },
    service: { additionalServices: { other: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42', ...annotations }, spec } } },
  });
  test.each([
    [
      'on a Local Service',
      { service: { annotations: { [LEASE]: 'traefik-lease' } } },
      { externalTrafficPolicy: 'Local' },
      undefined,
      `traefik.values.service.annotations["${LEASE}"]: is set on a Service with externalTrafficPolicy Local, which kube-vip refuses`,
    ],
    [
      'before kube-vip v1.0.1',
      { service: { annotations: { [LEASE]: 'traefik-lease' } } },
      {},
      { version: 'v0.9.0' },
      `traefik.values.service.annotations["${LEASE}"]: is set, but kube-vip v0.9.0 does not read ${LEASE} (v1.0.1 or newer does)`,
    ],
    [
      'not a lease name',
      { service: { annotationsTCP: { [LEASE]: 'Bad_Lease' } } },
      {},
      undefined,
      `traefik.values.service.annotationsTCP["${LEASE}"]: "Bad_Lease"`,
    ],
    [
      'on a Local additional Service',
      additional({ [LEASE]: 'other-lease' }, { externalTrafficPolicy: 'Local' }),
      {},
      undefined,
      `traefik.values.service.additionalServices.other.annotations["${LEASE}"]: is set on a Service with externalTrafficPolicy Local`,
    ],
  ])('%s is refused, naming the values key', (_, values, traefik, kubeVip, expected) => {
    expect(errorsOf(values, traefik, kubeVip)).toContain(expected);
  });

  test.each([
    ['on a Cluster Service with kube-vip v1.0.1', { service: { annotations: { [LEASE]: 'traefik-lease' } } }, { version: 'v1.0.1' }],
    ['on a Cluster additional Service', additional({ [LEASE]: 'other-lease' }), undefined],
  ])('%s is accepted', (_, values, kubeVip) => {
    expect(errorsOf(values, {}, kubeVip)).toBe('');
  });

  test('the construct door judges it like its leaseName prop', () => {
    expect(
      helmChartConfigRefusal({ externalTrafficPolicy: 'Local', values: { service: { annotations: { [LEASE]: 'traefik-lease' } } } }),
    ).toContain(`values.service.annotations["${LEASE}"] is set on a Service with externalTrafficPolicy Local`);
    expect(
      helmChartConfigRefusal({ kubeVipVersion: 'v0.9.0', values: { service: { annotations: { [LEASE]: 'traefik-lease' } } } }),
    ).toContain(`values.service.annotations["${LEASE}"] is set, but kube-vip v0.9.0 does not read`);
    expect(helmChartConfigRefusal({ values: { service: { annotations: { [LEASE]: 'traefik-lease' } } } })).toBe('');
  });
});

describe('23b-10: a DaemonSet rollout with maxUnavailable and maxSurge both non-zero', () => {
  const daemonSet = (rollingUpdate: object, extra: object = {}) => ({
    deployment: { kind: 'DaemonSet' },
    updateStrategy: { rollingUpdate },
    ...extra,
  });
  const KEY = 'traefik.values.updateStrategy.rollingUpdate';
  test.each([
    [
      "maxUnavailable 1 over the chart's default maxSurge 1",
      daemonSet({ maxUnavailable: 1 }),
      `${KEY}.maxUnavailable: is 1, and the chart's default maxSurge is 1, but the API server refuses a DaemonSet rollout with both non-zero`,
    ],
    [
      'with hostNetwork, as the hostNetwork advice once read',
      daemonSet({ maxUnavailable: 1 }, { hostNetwork: true }),
      `set ${KEY}.maxSurge: 0`,
    ],
    ['an explicit maxSurge 1', daemonSet({ maxUnavailable: 1, maxSurge: 1 }), `${KEY}.maxSurge: is 1 with maxUnavailable 1`],
    ['percentages', daemonSet({ maxUnavailable: '10%', maxSurge: '10%' }), `${KEY}.maxSurge: is "10%" with maxUnavailable "10%"`],
  ])('%s is refused', (_, values, expected) => {
    expect(errorsOf(values)).toContain(expected);
  });

  test('the hostNetwork advice leads to a valid DaemonSet', () => {
    expect(errorsOf(daemonSet({}, { hostNetwork: true }))).toContain(`set ${KEY}.maxUnavailable: 1 and maxSurge: 0`);
    expect(errorsOf(daemonSet({ maxUnavailable: 1, maxSurge: 0 }, { hostNetwork: true }))).toBe('');
  });

  test.each([
    ['maxSurge 0', daemonSet({ maxUnavailable: 1, maxSurge: 0 })],
    ['maxSurge null (the API default, 0)', daemonSet({ maxUnavailable: 1, maxSurge: null })],
    ["the chart's default (maxUnavailable 0, maxSurge 1)", daemonSet({})],
    ['a Deployment with both non-zero', { updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }],
    [
      'an OnDelete DaemonSet',
      { deployment: { kind: 'DaemonSet' }, updateStrategy: { type: 'OnDelete', rollingUpdate: { maxUnavailable: 1 } } },
    ],
  ])('%s is accepted', (_, values) => {
    expect(errorsOf(values)).toBe('');
  });
});

describe('23b-12: an extraObjects item written as multi-line text is read as the manifests it holds', () => {
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: b}\n';
  test.each([
    ['block text', configMap],
    [
      'block text with a tab inside a value',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: "b\tc"}\n',
    ],
    ['two documents', `${configMap}---\n${configMap.replace('name: c', 'name: d')}`],
    ['the one-line flow form', '{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: default}, data: {a: b}}'],
  ])('%s is accepted', (_, text) => {
    expect(errorsOf({ extraObjects: [text] })).toBe('');
    expect(helmChartConfigRefusal({ values: { extraObjects: [text] } })).toBe('');
  });

  test.each([
    [
      'a Secret with a literal value',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: default}\nstringData:\n  password: hunter2-hunter2\n',
      'traefik.values.extraObjects[0]',
    ],
    [
      "an object this tool writes (kube-vip's DaemonSet)",
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: kube-vip-ds\n  namespace: kube-system\n',
      'traefik.values.extraObjects[0]: is DaemonSet kube-system/kube-vip-ds, an object this tool writes itself',
    ],
    ['a key written twice', `${configMap}kind: Secret\n`, 'is text whose key kind is set twice'],
  ])('%s in block text is still refused', (_, text, expected) => {
    const errors = errorsOf({ extraObjects: [text] });
    expect(errors).toContain(expected);
    expect(errors).not.toContain('holds a control character');
  });

  test('a tab as indentation in block text is still refused', () => {
    expect(helmChartConfigRefusal({ values: { extraObjects: ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: c\n'] } })).toContain(
      'values.extraObjects[0] is text that does not parse cleanly as YAML (a tab as indentation',
    );
  });

  test('a line break is still refused where a value is one line', () => {
    expect(
      errorsOf({ extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c\nd', namespace: 'default' } }] }),
    ).toContain('traefik.values.extraObjects[0].metadata.name: "c\\nd" holds a control character (a line break: this value is one line)');
  });
});

describe('23b-14: an entrypoint redirection that makes the Ingresses unreachable', () => {
  const redirect = (from: string, entryPoint: object) => ({ ports: { [from]: { http: { redirections: { entryPoint } } } } });
  test.each([
    [
      'websecure to plain web',
      redirect('websecure', { to: 'web', scheme: 'http', permanent: true }),
      'traefik.values.ports.websecure.http.redirections.entryPoint.to: redirects entrypoint websecure to plain HTTP on web, where TLS routers never match, so ingresses[0] (https://k3s.code-place-dev.site) cannot be reached',
    ],
    [
      'websecure to itself',
      redirect('websecure', { to: 'websecure', scheme: 'https' }),
      'traefik.values.ports.websecure.http.redirections.entryPoint.to: redirects entrypoint websecure to itself',
    ],
    [
      'websecure to an unknown entrypoint',
      redirect('websecure', { to: 'nope' }),
      // The chart fails on it whatever the Ingresses (chart-failures.ts, attack26-redirects.test.ts).
      'traefik.values.ports.websecure.http.redirections.entryPoint.to: is "nope", which names no key of ports',
    ],
    [
      'the flag, in any case',
      { additionalArguments: ['--entryPoints.websecure.http.redirections.entryPoint.to=web'] },
      'traefik.values.additionalArguments[0]: redirects entrypoint websecure to plain HTTP on web',
    ],
  ])('%s is refused', (_, values, expected) => {
    expect(errorsOf(values)).toContain(expected);
  });

  test('web to itself is refused when a plain-HTTP Ingress is served there', () => {
    const config = withTraefikValues(redirect('web', { to: 'web', scheme: 'https' }));
    config.ingresses[0] = { ...config.ingresses[0], tls: undefined };
    delete config.ingresses[0].tls;
    expect(configErrors(config).join('\n')).toContain(
      'traefik.values.ports.web.http.redirections.entryPoint.to: redirects entrypoint web to itself, where every request is redirected again, so ingresses[0] (http://k3s.code-place-dev.site)',
    );
  });

  test.each([
    ['the HTTP to HTTPS redirect', redirect('web', { to: 'websecure', scheme: 'https', permanent: true })],
    ['the flag to a port', { additionalArguments: ['--entrypoints.web.http.redirections.entrypoint.to=:443'] }],
  ])('%s is accepted', (_, values) => {
    expect(errorsOf(values)).toBe('');
  });
});
