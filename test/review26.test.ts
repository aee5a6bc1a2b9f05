import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configErrors, devConfig, REFERENCE_K3S, withChanges, withTraefikValues } from './helpers';

/**
 * Review of round 26's fixes: a redirect flag naming an entrypoint sends clients to that entrypoint's address port (the
 * container port), not its Service port; `:0443` is a port; a null TLS switch is off (Helm deleted the default); a null
 * inside an entrypoint of the user's is not one Helm deletes, so the chart's schema still judges it.
 */
const plainIngress = (values: unknown, traefik: object = {}) => {
  const config = withTraefikValues(values, { redirectToHttps: false, ...traefik });
  delete config.ingresses[0].tls;
  return configErrors(config).join('\n');
};
const webFlag = (to: string) => ({ additionalArguments: [`--entrypoints.web.http.redirections.entrypoint.to=${to}`] });

describe('a redirect flag by entrypoint name answers a Location on its address port', () => {
  test('to=websecure sends http:// clients to :8443, which the VIP does not serve', () => {
    expect(plainIngress(webFlag('websecure'))).toContain(
      'traefik.values.additionalArguments[0]: redirects entrypoint web to websecure, whose address port 8443 Traefik puts in the ' +
        "Location (not the Service port), where no entrypoint of Traefik's listens on the VIP (no Service port, host port or " +
        'hostNetwork port), so ingresses[0] (http://k3s.code-place-dev.site) cannot be reached on the VIP: write :443, its Service port',
    );
  });
  test.each([
    ['to=:443', webFlag(':443')],
    ['to=:0443 (a browser reads port 443)', webFlag(':0443')],
    ['to=websecure with its address port on the Service port', { ...webFlag('websecure'), ports: { websecure: { port: 443 } } }],
    ['to=websecure under hostNetwork', { ...webFlag('websecure'), hostNetwork: true }],
  ])('control: %s is accepted', (_, values) => {
    expect(plainIngress(values)).not.toContain('redirects entrypoint web');
  });
});

describe('a TLS switch given as null is off: Helm deleted the default', () => {
  const redirect = (websecure: object) => ({
    ports: { websecure, web: { redirections: { entryPoint: { to: 'websecure' } } } },
  });
  const NEEDS = 'which serves TLS, with no scheme';
  test.each([
    ['tls.enabled: null', { tls: { enabled: null } }],
    ['tls: null', { tls: null }],
  ])('chart 34.2.0, %s: a redirect without scheme is accepted', (_, websecure) => {
    expect(configErrors(withTraefikValues(redirect(websecure), { chartVersion: '34.2.0' })).join('\n')).not.toContain(NEEDS);
  });
  test('control: the default (on) still needs the scheme on chart 34.2.0', () => {
    expect(configErrors(withTraefikValues(redirect({}), { chartVersion: '34.2.0' })).join('\n')).toContain(NEEDS);
  });
});

describe("a null inside an entrypoint of the user's is not deleted by Helm, so the chart's schema judges it", () => {
  test.each([
    ['exposedPort: null', { port: 9000, exposedPort: null, expose: { default: true } }],
    ['expose: null', { port: 9000, expose: null }],
  ])('ports.foo.%s is refused on chart 39.0.7', (key, foo) => {
    expect(configErrors(withTraefikValues({ ports: { foo } })).join('\n')).toContain(
      `traefik.values.ports.foo.${key.split(':')[0]}: is null, but the values schema of Traefik chart v39.0.7 expects`,
    );
  });
  test("control: a null on the chart's own entrypoint or a top-level default is deleted first", () => {
    const errors = configErrors(withTraefikValues({ podSecurityContext: null, ports: { metrics: { exposedPort: null } } }));
    expect(errors.join('\n')).not.toContain('values schema');
  });
});

describe('a chart-key redirect to an entrypoint without exposedPort: the chart writes to=: and Traefik makes none', () => {
  const web = (to: string) => ({ http: { redirections: { entryPoint: { to, scheme: 'https' } } } });
  const NONE = 'which has no exposedPort, so Traefik chart';
  test.each([
    ['websecure with exposedPort: null (v39.0.7)', { ports: { websecure: { exposedPort: null }, web: web('websecure') } }, '39.0.7'],
    [
      "the user's alt without one (v34.2.0)",
      { ports: { alt: { port: 9443, expose: { default: true } }, web: { redirections: { entryPoint: { to: 'alt', scheme: 'https' } } } } },
      '34.2.0',
    ],
  ])('%s is refused', (_, values, chartVersion) => {
    expect(configErrors(withTraefikValues(values, { chartVersion, redirectToHttps: false })).join('\n')).toContain(NONE);
  });
  test.each([
    ['websecure (chart default 443)', { ports: { web: web('websecure') } }],
    ['alt with exposedPort 9443', { ports: { alt: { port: 9443, exposedPort: 9443, expose: { default: true } }, web: web('alt') } }],
  ])('control: %s is not refused for it', (_, values) => {
    expect(configErrors(withTraefikValues(values, { redirectToHttps: false })).join('\n')).not.toContain(NONE);
  });
});

describe('26b-3: a DaemonSet whose pods hold a host port, on a surging update, hangs every rollout', () => {
  const daemonSet = (more: object) => ({ deployment: { kind: 'DaemonSet' }, ...more });
  const sidecar = {
    deployment: {
      kind: 'DaemonSet',
      additionalContainers: [{ name: 's', image: 'busybox:1.36', ports: [{ containerPort: 9100, hostPort: 9100 }] }],
    },
  };
  test.each([
    [
      'ports.web.hostPort',
      daemonSet({ ports: { web: { hostPort: 80 } } }),
      'traefik.values.ports.web.hostPort: is 80 in a DaemonSet whose update surges',
    ],
    ['a sidecar host port', sidecar, 'hostPort: is 9100 in a DaemonSet whose update surges'],
    [
      'maxSurge "10%"',
      daemonSet({ ports: { web: { hostPort: 80 } }, updateStrategy: { rollingUpdate: { maxSurge: '10%' } } }),
      'in a DaemonSet whose update surges',
    ],
  ])('%s with the chart default strategy is refused', (_, values, expected) => {
    expect(configErrors(withTraefikValues(values)).join('\n')).toContain(expected);
  });
  test.each([
    ['maxSurge 0', daemonSet({ ports: { web: { hostPort: 80 } }, updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } })],
    ['OnDelete', daemonSet({ ports: { web: { hostPort: 80 } }, updateStrategy: { type: 'OnDelete', rollingUpdate: null } })],
    ['no host port', daemonSet({})],
  ])('control: %s is not refused for it', (_, values) => {
    expect(configErrors(withTraefikValues(values)).join('\n')).not.toContain('whose update surges');
  });
});

describe('26a-4, 26a-5: a missing enum key is "required"; an unknown key under a union lists the keys it allows', () => {
  const examples = (name: string) => parse(readFileSync(join(__dirname, '..', 'config', 'examples', `${name}.yaml`), 'utf8'));
  test('gitops: {} says gitops.engine is required, never "undefined"', () => {
    const errors = configErrors({ ...examples('gitops-flux'), gitops: {} }).join('\n');
    expect(errors).toContain('gitops.engine: is required: expected one of "argocd", "flux"');
    expect(errors).not.toContain('undefined');
  });
  test('an unknown key under solver.dns01 lists provider and tokenSecret', () => {
    const config = examples('gateway');
    const [name] = Object.keys(config.certManager.issuers);
    config.certManager.issuers[name].solver = { dns01: { provider: 'cloudflare', tokenSecret: { name: 'a', key: 'b' }, foo: 1 } };
    expect(configErrors(config).join('\n')).toContain(
      `certManager.issuers.${name}.solver.dns01.foo: unknown key "foo". Allowed here: provider, tokenSecret`,
    );
  });
});

describe('26a-6: rolling update counts the API server refuses', () => {
  const rolling = (rollingUpdate: object) => withTraefikValues({ updateStrategy: { rollingUpdate } });
  test.each([
    ['maxSurge', 'abc%'],
    ['maxSurge', '1e2%'],
    ['maxUnavailable', '-0%'],
    ['maxUnavailable', '0x1y'],
    ['maxUnavailable', '101%'],
    ['maxSurge', -1],
    ['maxSurge', 1.5],
  ])('%s: %j is refused', (name, value) => {
    expect(configErrors(rolling({ [name]: value })).join('\n')).toContain(
      `traefik.values.updateStrategy.rollingUpdate.${name}: is ${typeof value === 'number' ? value : JSON.stringify(value)}, `,
    );
  });
  test.each([
    ['maxSurge', '200%'],
    ['maxUnavailable', '100%'],
    ['maxUnavailable', '0x1'],
    ['maxSurge', 2],
  ])('control: %s: %j is accepted', (name, value) => {
    expect(configErrors(rolling({ [name]: value, ...(name === 'maxSurge' ? {} : { maxSurge: 1 }) })).join('\n')).not.toContain(
      `rollingUpdate.${name}: is`,
    );
  });
});

describe("26b-5: a null deleting a map the chart's templates read on every render", () => {
  test.each(['deployment', 'image', 'serviceAccount', 'persistence', 'autoscaling', 'podDisruptionBudget'])(
    '%s: null is refused',
    (key) => {
      expect(configErrors(withTraefikValues({ [key]: null })).join('\n')).toContain(
        `traefik.values.${key}: is null, which deletes the chart's ${key} map`,
      );
    },
  );
  test.each([
    ['hub', '34.2.0', true],
    ['experimental', '34.2.0', true],
    ['resources', '39.0.7', true],
    ['global', '36.3.0', true],
    ['global', '34.2.0', false],
    ['logs', '39.0.7', true],
    ['logs', '37.0.0', false],
    ['ingressRoute', '38.0.2', true],
    ['ingressRoute', '37.1.0', false],
  ])('27b-1: %s: null on chart %s refused: %s', (key, chartVersion, refused) => {
    const errors = configErrors(withTraefikValues({ [key]: null }, { chartVersion })).join('\n');
    expect(errors.includes(`traefik.values.${key}: is null, which deletes the chart's ${key} map`)).toBe(refused);
  });
  // logs.access itself is read bare (`if .access.enabled`), so it is refused too (attack28-chart.test.ts).
  test('control: a null on a key under them (podSecurityContext, logs.general.level) is not', () => {
    expect(configErrors(withTraefikValues({ podSecurityContext: null, logs: { general: { level: null } } })).join('\n')).not.toContain(
      'deletes the chart',
    );
  });
});

describe('26b-4: pods holding a host port, more than the nodes they may run on, stay Pending whatever the strategy', () => {
  const STRATEGY = { updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } };
  const onOneNode = (values: object) =>
    configErrors(
      withChanges(devConfig(), {
        traefik: {
          ...devConfig().traefik,
          replicas: 3,
          values: { nodeSelector: { 'kubernetes.io/hostname': 'k3s-1' }, ...STRATEGY, ...values },
        },
        k3s: REFERENCE_K3S,
      }),
    ).join('\n');
  test.each([
    ['hostNetwork', { hostNetwork: true }],
    ['ports.web.hostPort', { ports: { web: { hostPort: 80 } } }],
  ])('%s, 3 pods pinned to k3s-1, on the non-surging strategy, is refused', (_, values) => {
    expect(onOneNode(values)).toContain('so 2 pod(s) stay Pending for good');
  });
  test('control: without a host port the same placement is not refused for it', () => {
    expect(onOneNode({})).not.toContain('stay Pending for good');
  });
});

describe('26b-7: annotationsUDP is judged only where the chart renders the UDP Service', () => {
  const NOT_TEXT = "annotation's value must be a text";
  test('control: a number there with service.single on (the default) is not refused', () => {
    expect(configErrors(withTraefikValues({ service: { annotationsUDP: { 'x.io/a': 5 } } })).join('\n')).not.toContain(NOT_TEXT);
  });
  test('control: with single off and a UDP entrypoint exposed on no Service it is not refused (27b-5)', () => {
    const values = {
      service: { single: false, annotationsUDP: { 'x.io/a': 5 } },
      ports: { dns: { port: 5353, exposedPort: 53, protocol: 'UDP', expose: { default: false } } },
    };
    expect(configErrors(withTraefikValues(values)).join('\n')).not.toContain(NOT_TEXT);
  });
  test('with single off and a UDP entrypoint it is refused', () => {
    const values = {
      service: { single: false, annotationsUDP: { 'x.io/a': 5 } },
      ports: { dns: { port: 5353, exposedPort: 53, protocol: 'UDP', expose: { default: true } } },
    };
    expect(configErrors(withTraefikValues(values)).join('\n')).toContain(
      `traefik.values.service.annotationsUDP["x.io/a"]: 5 is a number, but an ${NOT_TEXT}`,
    );
  });
});

describe('review 7: a Gt/Lt value the scheduler cannot read drops its term only', () => {
  const GT_BAD = { key: 'example.com/gen', operator: 'Gt', values: ['abc'] };
  const HOST = { key: 'kubernetes.io/hostname', operator: 'In', values: ['k3s-1', 'k3s-2', 'k3s-3'] };
  const affinity = (nodeAffinity: object) => configErrors(withTraefikValues({ affinity: { nodeAffinity } })).join('\n');
  const required = (...terms: object[][]) => ({
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) },
  });
  const MATCHES_NONE = 'compares the label as a whole number';
  test('alone in the required terms it is refused', () => {
    expect(affinity(required([GT_BAD]))).toContain(MATCHES_NONE);
  });
  test('control: beside a term that can match it is not refused', () => {
    expect(affinity(required([GT_BAD], [HOST]))).not.toContain(MATCHES_NONE);
  });
  test('control: in a preference it is not refused', () => {
    const preferred = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [GT_BAD] } }] };
    expect(affinity(preferred)).not.toContain(MATCHES_NONE);
  });
});

describe('27b-7: a scheme flag overrides the chart key, which the chart writes first', () => {
  const SCHEME = '--entrypoints.web.http.redirections.entrypoint.scheme=';
  const errorsOf = (scheme: string) =>
    configErrors(withTraefikValues({ additionalArguments: [`${SCHEME}${scheme}`] }, { redirectToHttps: true })).join('\n');
  test('redirectToHttps with scheme=http from a flag is refused at the flag', () => {
    expect(errorsOf('http')).toContain(
      'traefik.values.additionalArguments[0]: redirects entrypoint web with scheme http to websecure, which serves TLS, so clients send plain HTTP to a TLS port',
    );
  });
  test('control: scheme=https from a flag is accepted', () => {
    expect(errorsOf('https')).not.toContain('redirects entrypoint web');
  });
});

describe("27b-2, 27b-3: Traefik's own updateStrategy.type", () => {
  const STRATEGY_TYPE = 'traefik.values.updateStrategy.type: is';
  test.each([
    [
      'rollingUpdate (case) on the Deployment',
      { updateStrategy: { type: 'rollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
    ],
    ['Recreate on a DaemonSet', { deployment: { kind: 'DaemonSet' }, updateStrategy: { type: 'Recreate', rollingUpdate: null } }],
  ])('%s is refused', (_, values) => {
    expect(configErrors(withTraefikValues(values)).join('\n')).toContain(STRATEGY_TYPE);
  });
  test.each([
    ['Recreate on the Deployment', { updateStrategy: { type: 'Recreate', rollingUpdate: null } }],
    ['OnDelete on a DaemonSet', { deployment: { kind: 'DaemonSet' }, updateStrategy: { type: 'OnDelete', rollingUpdate: null } }],
  ])('control: %s is accepted', (_, values) => {
    expect(configErrors(withTraefikValues(values)).join('\n')).not.toContain(STRATEGY_TYPE);
  });
  test('type: null with 3 host-port pods on 3 nodes takes Kubernetes 25%/25% and hangs every rollout', () => {
    const config = withChanges(devConfig(), {
      traefik: {
        ...devConfig().traefik,
        replicas: 3,
        values: { ports: { web: { hostPort: 80 } }, updateStrategy: { type: null, rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
      },
      k3s: REFERENCE_K3S,
    });
    expect(configErrors(config).join('\n')).toContain("maxSurge Kubernetes' default 25%");
  });
});
