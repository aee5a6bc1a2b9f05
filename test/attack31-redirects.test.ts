import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { configErrors, devConfig, helmChartConfigRefusal, withChanges } from './helpers';

/**
 * Attack round 30: 30b-8 (the chart key `ports.<name>.redirectTo` of charts v20 to v33 is read by the redirect rules as
 * `redirections.entryPoint` is on newer ones), 30b-10 (the http:// warning for a flag already aimed at websecure names
 * the websecure keys), 30b-6 (`servicesElection: false` with `Local`: documented, judged as the props say).
 */
const FLAG = (from: string) => `--entrypoints.${from}.http.redirections.entrypoint.to`;
const foo = { port: 9000, exposedPort: 9000, expose: { default: true } };
const K3S_BUNDLED = '27.0.2';
const redirectTo = (port: unknown) => ({ redirectTo: { port } });

/** The config's errors and the construct's refusal for `values` on `chartVersion` (no Ingress of the config's on web). */
const doors = (chartVersion: string, values: object, redirectToHttps = false) => ({
  config: configErrors(withChanges(devConfig(), { traefik: { chartVersion, redirectToHttps, values } })).join('\n'),
  construct: helmChartConfigRefusal({ chartVersion, redirectToHttps, values }),
});

describe('30b-8: the chart key redirectTo (v20 to v33) is judged as redirections is from v34', () => {
  test.each([
    [
      'a cycle with redirectToHttps (v27)',
      K3S_BUNDLED,
      { ports: { websecure: redirectTo('web') } },
      true,
      'redirectToHttps: redirects entrypoint web to websecure in a cycle of redirections (web → websecure → web)',
    ],
    [
      'a cycle with redirectToHttps (v33, last of redirectTo)',
      '33.2.1',
      { ports: { websecure: redirectTo('web') } },
      true,
      'redirectToHttps: redirects entrypoint web to websecure in a cycle of redirections (web → websecure → web)',
    ],
    [
      'a cycle with redirectToHttps (v24, the text form)',
      '24.0.0',
      { ports: { websecure: { redirectTo: 'web' } } },
      true,
      'redirectToHttps: redirects entrypoint web to websecure in a cycle of redirections (web → websecure → web)',
    ],
    [
      'a cycle of the user',
      K3S_BUNDLED,
      { ports: { foo: { ...foo, ...redirectTo('websecure') }, websecure: redirectTo('foo') } },
      false,
      'values.ports.foo.redirectTo.port: redirects entrypoint foo to websecure in a cycle of redirections (foo → websecure → foo)',
    ],
    [
      'web to itself',
      K3S_BUNDLED,
      { ports: { web: redirectTo('web') } },
      false,
      'values.ports.web.redirectTo.port: redirects entrypoint web to itself, where every request is redirected again: remove the redirection',
    ],
    [
      'a target naming no entrypoint',
      K3S_BUNDLED,
      { ports: { web: redirectTo('nosuch') } },
      false,
      'values.ports.web.redirectTo.port: is "nosuch", which names no key of ports, and Traefik chart 27.0.2 fails on it (a nil pointer',
    ],
    [
      'a target in the wrong case',
      K3S_BUNDLED,
      { ports: { web: redirectTo('Websecure') } },
      false,
      'values.ports.web.redirectTo.port: is "Websecure", which names no key of ports',
    ],
    [
      'a target deleted with a null',
      K3S_BUNDLED,
      { ports: { web: redirectTo('metrics'), metrics: null } },
      false,
      'values.ports.web.redirectTo.port: is "metrics", which names no key of ports',
    ],
    [
      'a map without port',
      K3S_BUNDLED,
      { ports: { web: { redirectTo: { priority: 10 } } } },
      false,
      'values.ports.web.redirectTo: names no target entrypoint, and Traefik chart 27.0.2 fails on it',
    ],
    [
      'the removed text form (v27)',
      K3S_BUNDLED,
      { ports: { web: { redirectTo: 'websecure' } } },
      false,
      'values.ports.web.redirectTo: is "websecure", but Traefik chart 27.0.2 takes only a map with the target entrypoint\'s name under port there, and fails on any other form: write ',
    ],
    [
      'the text form on v25.0.0, where the chart first fails on it',
      '25.0.0',
      { ports: { web: { redirectTo: 'websecure' } } },
      false,
      'values.ports.web.redirectTo: is "websecure", but Traefik chart 25.0.0 takes only a map',
    ],
    [
      'the map form on v24.0.0, which takes a text',
      '24.0.0',
      { ports: { web: redirectTo('websecure') } },
      false,
      'values.ports.web.redirectTo: is a map, which names no key of ports, and Traefik chart 24.0.0 fails on it',
    ],
    [
      'a target without exposedPort',
      K3S_BUNDLED,
      { ports: { foo: { port: 9000, expose: { default: false } }, web: redirectTo('foo') } },
      false,
      'values.ports.web.redirectTo.port: redirects to foo, which has no exposedPort, so Traefik chart 27.0.2 writes --entrypoints.web.http.redirections.entryPoint.to=: ',
    ],
  ])('%s', (_name, chartVersion, values, redirectToHttps, expected) => {
    const { config, construct } = doors(chartVersion, values, redirectToHttps);
    expect(config).toContain(`traefik.${expected}`);
    // The construct writes its key path and the message apart by a blank.
    expect(construct).toContain(expected.replace(': ', ' '));
    expect(construct).not.toContain('traefik.');
  });

  test('the construct names the fix in its own keys', () => {
    expect(doors(K3S_BUNDLED, { ports: { web: { redirectTo: 'websecure' } } }).construct).toContain(
      'write values.ports.web.redirectTo.port: websecure',
    );
  });

  test('a target no Service exposes on the VIP leaves the Ingress on web unreachable (v27)', () => {
    const ingress = { name: 'plain', namespace: 'default', host: 'plain.example.com', path: '/', service: 'fe', port: 80 };
    const config = withChanges(devConfig(), {
      traefik: { chartVersion: K3S_BUNDLED, redirectToHttps: false, values: { ports: { web: redirectTo('metrics') } } },
    });
    config.ingresses = [...config.ingresses, ingress];
    expect(configErrors(config).join('\n')).toContain(
      'traefik.values.ports.web.redirectTo.port: redirects entrypoint web to metrics, which no Service exposes on the VIP, so clients cannot follow it, ' +
        'so ingresses[1] (http://plain.example.com) cannot be reached on the VIP',
    );
  });

  test.each([
    ['redirectToHttps alone (v27)', K3S_BUNDLED, {}, true],
    ['redirectToHttps alone (v24)', '24.0.0', {}, true],
    ['web to websecure by the key (v27)', K3S_BUNDLED, { ports: { web: redirectTo('websecure') } }, false],
    ['web to websecure by the key (v24)', '24.0.0', { ports: { web: { redirectTo: 'websecure' } } }, false],
    ['a chain foo → websecure (no cycle)', K3S_BUNDLED, { ports: { foo: { ...foo, ...redirectTo('websecure') } } }, false],
    ['an empty redirectTo (the v33 default, Go-false)', '33.2.1', { ports: { web: { redirectTo: {} } } }, false],
    ['redirectTo false', K3S_BUNDLED, { ports: { web: { redirectTo: false } } }, false],
  ])('control: %s is accepted', (_name, chartVersion, values, redirectToHttps) => {
    const { config, construct } = doors(chartVersion, values, redirectToHttps);
    expect(config).toBe('');
    expect(construct).toBe('');
  });

  test('control: from v34 the same redirectTo is the removed key, not a redirect', () => {
    const { config } = doors('34.2.0', { ports: { websecure: redirectTo('web') } }, true);
    expect(config).toContain('redirectTo syntax has been removed in v34 of this Chart');
    expect(config).not.toContain('cycle of redirections');
  });
});

const warningsOf = (traefik: object) =>
  parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), { traefik })))
    .warnings.map((w) => formatDiagnostic({ ...w, line: undefined }))
    .join('\n');
const KEEP_WEBSECURE = "keep websecure exposed on Traefik's Service with TLS on (remove the traefik.values.ports.websecure keys";

describe('30b-10: the http:// warning for a flag already aimed at websecure names the websecure keys', () => {
  test.each([
    ['http.tls: null', { http: { tls: null } }],
    ['expose off', { expose: { default: false } }],
  ])('flag to :443, websecure %s', (_name, websecure) => {
    const warnings = warningsOf({ redirectToHttps: false, values: { ports: { websecure }, additionalArguments: [`${FLAG('web')}=:443`] } });
    expect(warnings).toContain('while traefik.values.additionalArguments[0] redirects entrypoint web to ":443"');
    expect(warnings).toContain(KEEP_WEBSECURE);
    expect(warnings).not.toContain('write --entrypoints.web.http.redirections.entrypoint.to=:443');
  });

  test('control: a flag to another port keeps the flag fix', () => {
    const warnings = warningsOf({ redirectToHttps: false, values: { additionalArguments: [`${FLAG('web')}=:8443`] } });
    expect(warnings).toContain(
      "write --entrypoints.web.http.redirections.entrypoint.to=:443 (websecure's Service port), or remove the flag and set traefik.redirectToHttps: true",
    );
    expect(warnings).not.toContain(KEEP_WEBSECURE);
  });

  test('control: a flag to :443 with websecure serving TLS has no warning', () => {
    expect(warningsOf({ redirectToHttps: false, values: { additionalArguments: [`${FLAG('web')}=:443`] } })).not.toContain('HTTPS only');
  });
});

// 30b-6: kept as it was, now documented on the prop. `false` says kube-vip elects no leader per Service: in BGP mode
// (what K3sVipCluster passes with Local) every node with a local endpoint announces each Service, in ARP mode one leader
// announces them all; either way the TCP and UDP Services have the same announcers, so the split is judged only under election.
describe('30b-6: the UDP split is judged whenever the props say kube-vip elects per Service', () => {
  const split = { service: { single: false }, ports: { websecure: { http3: { enabled: true } } } };
  test.each([
    ['Local (election by default)', { externalTrafficPolicy: 'Local' }, true],
    ['Local, servicesElection true', { externalTrafficPolicy: 'Local', servicesElection: true }, true],
    ['Cluster, servicesElection true', { servicesElection: true }, true],
    ['Local, servicesElection false (BGP: no election)', { externalTrafficPolicy: 'Local', servicesElection: false }, false],
    ['Cluster alone', {}, false],
  ])('%s', (_name, props, refused) => {
    const refusal = helmChartConfigRefusal({ ...props, values: split });
    if (refused) expect(refusal).toContain('values.service.single is false');
    else expect(refusal).toBe('');
  });
});
