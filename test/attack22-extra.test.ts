import { chart, configErrors, refusalOf, withTraefikValues } from './helpers';
import { TraefikHelmChartConfig } from '../src/index';

/**
 * Attack round 22b: D1 (the chart renders `ingressRoute.<name>` and `tlsStore.<name>` into IngressRoutes and
 * TLSStores, which escaped the resolver and same-route rules an extraObjects item is held to) and D2 (more
 * controllers' release kinds in extraObjects).
 */
const errorsOf = (values: unknown) => configErrors(withTraefikValues(values)).join('\n');
const HOST = 'Host(`k3s.code-place-dev.site`)';

describe('D1: IngressRoutes and TLSStores the chart renders from its values', () => {
  test.each([
    [
      'an ingressRoute naming an unknown resolver',
      { ingressRoute: { dashboard: { enabled: true, matchRule: 'Host(`dash.example.com`)', tls: { certResolver: 'nope' } } } },
      'traefik.values.ingressRoute.dashboard.tls.certResolver: "nope" is not defined',
    ],
    [
      'any name',
      { ingressRoute: { myapp: { enabled: 1, matchRule: 'Host(`app.example.com`)', tls: { certResolver: 'nope' } } } },
      'traefik.values.ingressRoute.myapp.tls.certResolver: "nope" is not defined',
    ],
    [
      'a tlsStore default resolver',
      { tlsStore: { default: { defaultGeneratedCert: { resolver: 'nope', domain: { main: 'k3s.code-place-dev.site' } } } } },
      'traefik.values.tlsStore.default.defaultGeneratedCert.resolver: "nope" is not defined',
    ],
    [
      "an ingressRoute on an Ingress's host and path",
      { ingressRoute: { dashboard: { enabled: true, matchRule: HOST, entryPoints: ['websecure'] } } },
      'traefik.values.ingressRoute.dashboard.matchRule: host "k3s.code-place-dev.site" with path "/" is already routed by ingresses[0]',
    ],
  ])('%s is refused', (_, values, expected) => {
    expect(errorsOf(values)).toContain(expected);
  });

  test.each([
    ['a disabled ingressRoute', { ingressRoute: { dashboard: { enabled: false, matchRule: HOST, tls: { certResolver: 'nope' } } } }],
    [
      'a defined resolver',
      { ingressRoute: { dashboard: { enabled: true, matchRule: 'Host(`dash.example.com`)', tls: { certResolver: 'default' } } } },
    ],
    ['another host', { ingressRoute: { dashboard: { enabled: true, matchRule: 'Host(`dash.example.com`)' } } }],
  ])('control: %s is accepted', (_, values) => {
    expect(errorsOf(values)).toBe('');
  });

  test('through TraefikHelmChartConfig', () => {
    const refusal = refusalOf(
      () =>
        new TraefikHelmChartConfig(chart(), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: { tlsStore: { default: { defaultGeneratedCert: { resolver: 'nope' } } } },
        }),
    );
    expect(refusal).toContain('values.tlsStore.default.defaultGeneratedCert.resolver');
  });
});

describe('D2: more release kinds in extraObjects', () => {
  const item = (apiVersion: string, kind: string) => ({ apiVersion, kind, metadata: { name: 'x', namespace: 'kube-system' }, spec: {} });
  test.each([
    ['fleet.cattle.io/v1alpha1', 'HelmApp', 'is a Fleet HelmApp'],
    ['management.cattle.io/v3', 'ManagedChart', 'is a Rancher ManagedChart'],
    ['fluxcd.controlplane.io/v1', 'ResourceSet', 'is a Flux Operator ResourceSet'],
    ['helm.k0sproject.io/v1beta1', 'Chart', 'is a k0s Chart'],
    ['kappctrl.k14s.io/v1alpha1', 'App', 'is a kapp-controller App'],
    ['packaging.carvel.dev/v1alpha1', 'PackageInstall', 'is a kapp-controller PackageInstall'],
  ])('%s %s', (apiVersion, kind, expected) => {
    expect(errorsOf({ extraObjects: [item(apiVersion, kind)] })).toContain(`traefik.values.extraObjects[0]: ${expected}`);
  });
});
