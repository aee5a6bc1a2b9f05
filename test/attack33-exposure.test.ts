import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { clusterRefusal, configErrors, devConfig, withChanges } from './helpers';

/**
 * Attack round 32b: an entrypoint exposed only on an additional Service that carries no VIP (a ClusterIP) counted as
 * reachable on the VIP (32b-4), and a map of one-letter keys with short values was refused as a JSON Web Key (side
 * observation).
 */
const VIP = { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' };
/** Chart versions and where each reads an additional Service's type: `type` up to v39, `spec.type` from v40. */
const CHARTS: ReadonlyArray<readonly [string, string]> = [
  ['27.0.2', 'type'],
  ['39.0.7', 'type'],
  ['40.3.0', 'spec.type'],
];
const typed = (key: string, type: string) => (key === 'type' ? { type } : { spec: { type } });
const REDIRECT = { redirectToHttps: true };
const PLAIN = { name: 'site', namespace: 'default', host: 'a.example.com', path: '/', service: 'frontend', port: 80 };

/** `traefik` of a config on `chartVersion`, with `entrypoint` exposed on Service `internal` (of `service`) and `default` as given. */
const traefikWith = (chartVersion: string, entrypoint: string, service: object, onDefault = false, extra: object = {}) => ({
  chartVersion,
  ...extra,
  values: {
    service: { additionalServices: { internal: service } },
    ports: { [entrypoint]: { expose: { default: onDefault, internal: true } } },
  },
});
/** The config's errors and warnings, and the K3sVipCluster's refusal and warnings, with `traefik` and top-level `extra` patched. */
function doors(traefik: object, extra: object = {}) {
  const config = withChanges(devConfig(), { traefik, ...extra });
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  const refusal = clusterRefusal(traefik, extra);
  let warnings = '';
  if (!refusal) warnings = new K3sVipCluster(new App(), 'c', config).warnings.map((w) => `${w.path.join('.')}: ${w.message}`).join('\n');
  return {
    errors: parsed.errors.map((d) => formatDiagnostic({ ...d, line: undefined })).join('\n'),
    warnings: parsed.warnings.map((d) => formatDiagnostic({ ...d, line: undefined })).join('\n'),
    refusal,
    clusterWarnings: warnings,
  };
}

describe('32b-4: an entrypoint on an additional ClusterIP Service only cannot serve an Ingress on the VIP', () => {
  describe.each(CHARTS)('chart %s', (chartVersion, typeKey) => {
    const typePath = `traefik.values.service.additionalServices.internal.${typeKey}`;
    test('web on a ClusterIP Service only, with a plain-HTTP Ingress: refused at both doors', () => {
      const { errors, refusal } = doors(traefikWith(chartVersion, 'web', typed(typeKey, 'ClusterIP')), { ingresses: [PLAIN] });
      const expected =
        "traefik.values.ports.web.expose: exposes entrypoint web only on Traefik's additional Service internal, whose type is " +
        `ClusterIP (${typePath}), and kube-vip gives only LoadBalancer Services a VIP, so ingresses[0] (http://a.example.com) ` +
        "cannot be reached on the VIP: expose web on Traefik's own Service (remove the key), or make that Service a LoadBalancer";
      expect(errors).toContain(`config/t.yaml: ${expected}`);
      expect(refusal).toContain('exposes entrypoint web only on');
      expect(refusal).toContain('ingresses[0] (http://a.example.com) cannot be reached on the VIP');
    });
    test('websecure on a ClusterIP Service only, with a TLS Ingress: refused, and the http:// warning agrees', () => {
      const { errors, warnings, refusal } = doors(traefikWith(chartVersion, 'websecure', typed(typeKey, 'ClusterIP'), false, REDIRECT));
      expect(errors).toContain(
        "traefik.values.ports.websecure.expose: exposes entrypoint websecure only on Traefik's additional Service internal, whose type is " +
          `ClusterIP (${typePath})`,
      );
      expect(errors).toContain('so ingresses[0] (https://k3s.code-place-dev.site) cannot be reached on the VIP');
      expect(warnings).toContain('where no HTTPS entrypoint answers on the VIP');
      expect(refusal).toContain('exposes entrypoint websecure only on');
    });
    test('web on a ClusterIP Service only, with TLS Ingresses only: the http:// warning says web is off the VIP', () => {
      const { errors, warnings, clusterWarnings } = doors(traefikWith(chartVersion, 'web', typed(typeKey, 'ClusterIP'), false, REDIRECT));
      expect(errors).toBe('');
      const expected =
        'ingresses[0].tls: serves "k3s.code-place-dev.site" on HTTPS only while entrypoint web is on no port of the VIP, so ' +
        'http://k3s.code-place-dev.site/ gets no answer and traefik.redirectToHttps does nothing: remove traefik.values.ports.web.expose';
      expect(warnings).toContain(expected);
      expect(clusterWarnings).toContain('while entrypoint web is on no port of the VIP');
    });
    test.each<[string, (key: string) => object, boolean]>([
      ['a LoadBalancer Service with its own VIP', (key) => ({ ...typed(key, 'LoadBalancer'), annotations: VIP }), false],
      ["Traefik's own Service as well as the ClusterIP one", (key) => typed(key, 'ClusterIP'), true],
    ])('control: web on %s stays accepted, with no warning on web', (_, service, onDefault) => {
      const { errors, refusal } = doors(traefikWith(chartVersion, 'web', service(typeKey), onDefault), { ingresses: [PLAIN] });
      expect(errors).toBe('');
      expect(refusal).toBe('');
      const tls = doors(traefikWith(chartVersion, 'web', service(typeKey), onDefault, REDIRECT));
      expect(tls.warnings).not.toContain('entrypoint web is on no port of the VIP');
      expect(tls.clusterWarnings).not.toContain('entrypoint web is on no port of the VIP');
    });
  });

  // 79b-11: the NodePort type itself is accepted (as in extraObjects); the Ingress it was to serve on the VIP is not.
  test('a NodePort Service carries no VIP either: the Ingress it was to serve is refused', () => {
    const errors = configErrors(
      withChanges(devConfig(), { traefik: traefikWith('39.0.7', 'web', { type: 'NodePort' }), ingresses: [PLAIN] }),
    );
    expect(errors.join('\n')).not.toContain('"NodePort" makes');
    expect(errors.join('\n')).toContain(
      "traefik.values.ports.web.expose: exposes entrypoint web only on Traefik's additional Service internal, whose type is NodePort",
    );
  });

  test('control: web on no Service at all keeps its own message', () => {
    const errors = configErrors(
      withChanges(devConfig(), {
        traefik: { chartVersion: '39.0.7', values: { ports: { web: { expose: { default: false } } } } },
        ingresses: [PLAIN],
      }),
    );
    expect(errors.join('\n')).toContain('traefik.values.ports.web.expose: takes entrypoint web off every Service, so ingresses[0]');
  });

  describe('a redirect to an entrypoint on a ClusterIP Service only cannot be followed', () => {
    const values = (service: object) => ({
      service: { additionalServices: { internal: service } },
      // The chart key names the entrypoint: its own rules (chart-failures.ts) take it as it is.
      ports: {
        foo: { port: 9000, exposedPort: 9000, expose: { default: false, internal: true } },
        web: { http: { redirections: { entryPoint: { to: 'foo', scheme: 'http' } } } },
      },
    });
    const judged = (service: object) =>
      configErrors(
        withChanges(devConfig(), {
          traefik: { chartVersion: '39.0.7', redirectToHttps: false, values: values(service) },
          ingresses: [PLAIN],
        }),
      ).join('\n');
    test('refused on a ClusterIP Service', () => {
      expect(judged({ type: 'ClusterIP' })).toContain(
        'traefik.values.ports.web.http.redirections.entryPoint.to: redirects entrypoint web to foo, which no Service exposes on the VIP, so clients cannot follow it',
      );
    });
    test('control: accepted on a LoadBalancer Service with its own VIP', () => {
      expect(judged({ type: 'LoadBalancer', annotations: VIP })).not.toContain('redirects entrypoint web');
    });
  });
});

describe('32b side observation: one-letter keys with short values are no JSON Web Key', () => {
  const JWK = "JSON Web Key's private member";
  /** base64url of `length` characters, as a private member's value. */
  const key = (length: number) => 'Ab0_-'.repeat(Math.ceil(length / 5)).slice(0, length);
  const annotated = (podAnnotations: object) =>
    configErrors(withChanges(devConfig(), { traefik: { values: { deployment: { podAnnotations } } } })).join('\n');
  test.each<[string, Record<string, string>]>([
    ['d: "0o10" beside e and n', { d: '0o10', e: 'AQAB', n: 'n' }],
    ['k: NO beside e and n', { k: 'NO', e: 'e', n: 'n' }],
    ['p: "~" beside e and n', { p: '~', e: 'e', n: 'n' }],
    ['q: Null beside e and n', { q: 'Null', e: 'e', n: 'n' }],
    ['d of 21 base64url characters beside n and e', { d: key(21), n: key(40), e: 'AQAB' }],
    ['d of 21 base64url characters beside crv and x', { d: key(21), crv: 'P-256', x: key(43) }],
    ['control: d of 21 base64url characters beside x alone (as before)', { d: key(21), x: key(43) }],
  ])('%s is accepted', (_, podAnnotations) => {
    expect(annotated(podAnnotations)).not.toContain(JWK);
  });
  test.each<[string, Record<string, string>, string]>([
    ['d of 22 base64url characters beside n and e', { d: key(22), n: key(40), e: 'AQAB' }, 'd'],
    ['d of 22 base64url characters beside crv and x', { d: key(22), crv: 'P-256', x: key(43) }, 'd'],
    ['d of 22 base64url characters beside x alone', { d: key(22), x: key(43) }, 'd'],
    ['kty oct with k of 22', { kty: 'oct', k: key(22) }, 'k'],
    ['kty EC with d of 43', { kty: 'EC', d: key(43) }, 'd'],
    ['kty EC with a short d (kty alone makes it a JWK)', { kty: 'EC', d: 'short' }, 'd'],
  ])('control: %s stays refused', (_, podAnnotations, member) => {
    expect(annotated(podAnnotations)).toContain(`traefik.values.deployment.podAnnotations.${member}`);
    expect(annotated(podAnnotations)).toContain(JWK);
  });
  test('control: a JWK as JSON text in an annotation stays refused, its member never quoted', () => {
    const errors = annotated({ jwk: JSON.stringify({ kty: 'EC', d: key(43) }) });
    expect(errors).toContain('traefik.values.deployment.podAnnotations.jwk');
    expect(errors).not.toContain(key(43));
  });
});
