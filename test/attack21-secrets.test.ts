import { App } from 'cdk8s';
import { redact } from '../src/core/secret-shapes';
import { secretsInData } from '../src/core/secrets';
import { K3sVipCluster } from '../src/index';
import { configErrors, devConfig, refusalOf, withChanges, withTraefikValues } from './helpers';
import * as hostile from '../scripts/hostile-inputs';
import { HOSTILE_TEST_SIZE } from './secret-doors';

/**
 * Attack round 21a: D1 (a second value that starts with the first, then a sign, kept its tail), D3 (a namespace list
 * split from a flag was shown with the secret in clear), D2 (1 MB of `_a` took 24 s); 21b D4 (a Flux Kustomization or
 * a Fleet GitRepo in extraObjects escaped the rule an Argo CD Application is held to). TAIL and S mark what no
 * message may show.
 */
const S = 'Hunter22';

const shown = (text: string) =>
  redact(
    JSON.stringify(text),
    secretsInData({ note: text }).map((secret) => secret.value),
  );

describe('D1: a second secret that starts with the first', () => {
  test.each([['!'], [':'], ['@'], ['#'], ['%'], ['('], ["'"], [',']])('then %j', (sign) => {
    const message = shown(`password=${S} api_token=${S}${sign}TAIL789`);
    expect(message).not.toMatch(/TAIL|Hunter/);
  });

  test('JSON', () => {
    expect(shown(`{"password": "${S}", "token": "${S}!TAIL"}`)).not.toMatch(/TAIL|Hunter/);
  });

  test('through a config message', () => {
    const errors = configErrors(withChanges(devConfig(), { kubeVip: { version: `password=${S} token=${S}!TAIL789` } })).join('\n');
    expect(errors).toContain('kubeVip.version');
    expect(errors).not.toMatch(/TAIL|Hunter/);
  });

  test('control: one secret among other words leaves them readable', () => {
    expect(shown(`user=bob password=${S}`)).toBe('"user=bob password=<redacted>"');
  });
});

describe('D3: a namespace list split from a flag is shown without its secret', () => {
  test.each([['the Ingress provider', '--providers.kubernetesingress.namespaces', 'traefik.values.additionalArguments[0]']])(
    '%s',
    (_, flag, path) => {
      const errors = configErrors(withTraefikValues({ additionalArguments: [`${flag}=password=${S},kube-system`] })).join('\n');
      expect(errors).toContain(`${path}: makes Traefik watch only namespace(s) password=<redacted>, kube-system`);
      expect(errors).not.toContain(S);
    },
  );

  test('through a construct', () => {
    const refusal = refusalOf(
      () =>
        new K3sVipCluster(
          new App(),
          'c',
          withTraefikValues({ additionalArguments: [`--providers.kubernetesingress.namespaces=password=${S},kube-system`] }),
        ),
    );
    expect(refusal).toContain('watch only namespace(s)');
    expect(refusal).not.toContain(S);
  });
});

describe('D2: a long text with many word starts is read in linear time', () => {
  // 1 MB of `_a` took 24 to 30 s end to end and 1.3 to 4.3 s in this read. Timed at 1 MB in `npm run bench` (hostile
  // input); judged here at HOSTILE_TEST_SIZE; the generous timeout fails only a hang.
  test.each(hostile.wordStarts(HOSTILE_TEST_SIZE))(
    '%s repeated to HOSTILE_TEST_SIZE, then =',
    (_, text) => {
      secretsInData({ note: text });
    },
    60_000,
  );
});

describe('21b D4: every controller object that applies manifests from elsewhere is refused in extraObjects', () => {
  const item = (apiVersion: string, kind: string) => ({ apiVersion, kind, metadata: { name: 'x', namespace: 'kube-system' }, spec: {} });
  test.each([
    ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'is a Flux Kustomization'],
    ['helm.fluxcd.io/v1', 'HelmRelease', 'is a Flux HelmRelease'],
    ['fleet.cattle.io/v1alpha1', 'GitRepo', 'is a Fleet GitRepo'],
    ['fleet.cattle.io/v1alpha1', 'Bundle', 'is a Fleet Bundle'],
    ['catalog.cattle.io/v1', 'App', 'is a Rancher App'],
  ])('%s %s', (apiVersion, kind, expected) => {
    expect(configErrors(withTraefikValues({ extraObjects: [item(apiVersion, kind)] })).join('\n')).toContain(
      `traefik.values.extraObjects[0]: ${expected}`,
    );
  });

  test('control: a Flux source alone installs nothing and is not refused as a release', () => {
    const source = item('source.toolkit.fluxcd.io/v1', 'GitRepository');
    expect(configErrors(withTraefikValues({ extraObjects: [source] })).join('\n')).not.toContain('is a Flux');
  });
});

describe('22a A1: a second secret after other words, behind a first the whole-text reading swallows', () => {
  test.each([
    ['password=hunter2 then password = "correct horse"', /hunter2|correct horse/],
    ['token=abcdef12 password: Zx9vb8nm', /abcdef12|Zx9vb8nm/],
    ['DB_PASSWORD=hunter2x # rotate; token = "correct horse"', /hunter2x|correct horse/],
  ])('%s', (text, secrets) => {
    expect(shown(text)).not.toMatch(secrets);
  });

  test('control: the first, then plain words, stays precise', () => {
    expect(shown('DB_PASSWORD=correct horse')).toBe('"DB_PASSWORD=<redacted> horse"');
  });
});
