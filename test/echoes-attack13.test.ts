// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/api/cluster';
import { TraefikHelmChartConfig } from '../src/traefik/helm-chart-config';
import { kustomizationResources } from '../src/k3s/install-plan';
import { newCluster } from '../src/new-cluster';
import { npmSwallowedFlags, optionless } from '../src/npm-args';
import { yaml } from '../src/core/yaml';
import { redact, secretShape } from '../src/core/secrets';
import { chart, configErrors, devConfig, thrown, valuesDoors, withChanges, withTraefikValues } from './helpers';

// Attack round 13 (A8-A11, D1): what a message echoes of a command line, a key, or a cut value never shows a secret.
const ROOT = join(__dirname, '..');
const SECRET = 'Hunter2Secret13';

describe('a command line is echoed without the secrets it holds (A9)', () => {
  test.each([
    [['--token=Hunter2Secret13']],
    [['--password', 'Hunter2Secret13']],
    [['Authorization: Bearer Hunter2Secret13']],
    [['db_password=Hunter2Secret13']],
  ])('npm run check %j', (args) => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    try {
      expect(optionless(args, 'help', 'check')).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain('takes no arguments, but got');
    expect(written.join('')).not.toContain(SECRET);
  });

  test.each([
    ['a value npm kept (--from=...)', ['copy'], { npm_config_from: 'db_password=Hunter2Secret13' }],
    ['a bare value after --from', ['copy', '--token=Hunter2Secret13'], { npm_config_from: 'true' }],
  ])('npm took a flag: %s', (_, args, env) => {
    const advice = npmSwallowedFlags(args, env, { script: 'new', valued: [['from', '<cluster>']], positionals: 1 });
    expect(advice).toMatch(/^npm took --from for itself: write `npm run new -- copy /);
    expect(advice).not.toContain(SECRET);
  });

  test('a kustomization entry changed by hand', () => {
    const text = 'resources:\n  - kube-vip.yaml\n  - "--token=Hunter2Secret13"\n';
    const { errors } = kustomizationResources('dist/dev/kustomization.yaml', text);
    expect(errors).toEqual([expect.stringContaining('resources[1]: "--token=<redacted>" is not a <name>.yaml file')]);
    expect(errors.join('\n')).not.toContain(SECRET);
    // Nothing secret: the entry is still shown as written.
    expect(kustomizationResources('k.yaml', 'resources:\n  - ../up.yaml\n').errors[0]).toContain('"../up.yaml" is not a <name>.yaml file');
  });

  describe('the scripts', () => {
    let ws: string;
    beforeAll(() => {
      ws = mkdtempSync(join(tmpdir(), 'k3s-vip-args-'));
      mkdirSync(join(ws, 'config'));
      spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js'), 'no-such-command'], { cwd: ROOT }); // builds lib/
    }, 120_000);
    afterAll(() => rmSync(ws, { recursive: true, force: true }));
    const run = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, K3S_VIP_CONFIG_DIR: join(ws, 'config'), K3S_VIP_DIST_DIR: join(ws, 'dist'), ...env },
      });

    test.each([
      ['synth.js', ['--cluster', 'db_password=Hunter2Secret13'], {}, /is not a cluster name/],
      ['synth.js', [], { npm_config_cluster: 'db_password=Hunter2Secret13' }, /npm took --cluster for itself/],
      ['app.js', ['--token=Hunter2Secret13'], {}, /unknown command \(23 characters, not shown\)/],
    ])('%s %j %j', (script, args, env, expected) => {
      const { status, stderr } = run(script, args, env);
      expect(status).toBe(1);
      expect(stderr).toMatch(expected);
      expect(stderr).not.toContain(SECRET);
    });

    test.each([
      ['a GitHub token', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
      ['an AWS key id', 'AKIAPACIFICSOUTHEAST1'],
      ['a Slack token', 'xoxb-1234567890-abc'],
      ['a GitLab token', 'glpat-abcdefghijklmnopqrst'],
    ])('an unknown command shaped like %s is not echoed', (_label, token) => {
      const { stderr } = run('app.js', [token]);
      expect(stderr).toContain(`unknown command (${token.length} characters, not shown)`);
      expect(stderr).not.toContain(token);
    });
    test('an unknown command that cannot hold a value is still named', () => {
      expect(run('app.js', ['Main']).stderr).toContain('unknown command "Main"');
    });
  });
});

test('npm run new --from names where a secret held in a key is, not the secret (A8)', () => {
  const project = mkdtempSync(join(tmpdir(), 'k3s-vip-new13-'));
  try {
    const configDir = join(project, 'config');
    mkdirSync(configDir);
    const source = withTraefikValues({
      deployment: { podLabels: { 'password:Hunter2Secret13': 'x', 'db_password=Hunter2Secret13b': 'y' } },
    });
    writeFileSync(join(configDir, 'src.yaml'), yaml.stringify(source));
    const lines: string[] = [];
    const code = newCluster(['copy', '--from', 'src'], { configDir, schemaFile: join(project, 's.json'), log: (l) => lines.push(l) });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/:\d+:\d+: traefik\.values\.deployment\.podLabels\["password:<redacted>"\].*: holds /);
    expect(lines.join('\n')).not.toContain(SECRET);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('a long value is cut only after its secret is blanked (A10)', () => {
  const value = `x --token=${SECRET}${'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3)}`;
  const errors = configErrors(withChanges(devConfig(), { ingresses: [{ ...devConfig().ingresses[0], service: value }] })).join('\n');
  expect(errors).toContain(`ingresses[0].service: "x --token=<redacted>" is ${value.length} characters, at most 63`);
  expect(errors).not.toContain('Hunter2');
  // A long value without a secret is still cut and shown.
  const plain = 'a'.repeat(120);
  expect(configErrors(withChanges(devConfig(), { ingresses: [{ ...devConfig().ingresses[0], service: plain }] })).join('\n')).toContain(
    `"${'a'.repeat(60)}"... (120 characters) is 120 characters, at most 63`,
  );
});

describe('construct props that are not data name the key without the secret it holds (A11)', () => {
  test.each([
    ['a Date', { 'password:Hunter2Secret13': new Date(0) }, 'password:<redacted>'],
    ['a function', { 'db_password=Hunter2Secret13': () => 1 }, 'db_password=<redacted>'],
  ])('K3sVipCluster, %s', (_, annotations, shown) => {
    const props = withTraefikValues({ deployment: { podAnnotations: annotations } });
    const { message } = thrown(() => new K3sVipCluster(new App(), 'c', props));
    expect(message).toContain(`traefik.values.deployment.podAnnotations["${shown}"]`);
    expect(message).not.toContain(SECRET);
  });

  test('TraefikHelmChartConfig, a Set', () => {
    const values = { 'password:Hunter2Secret13': new Set() } as unknown as Record<string, unknown>;
    const { message } = thrown(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values }));
    expect(message).toContain('values["password:<redacted>"]');
    expect(message).not.toContain(SECRET);
  });
});

test.each([
  ['kubeVip.interface', { kubeVip: { interface: { foo: 'bar' } } }, 'kubeVip.interface: {"foo":"bar"} is a mapping: expected text: NIC'],
  ['kubeVip.version', { kubeVip: { version: ['v1'] } }, 'kubeVip.version: ["v1"] is a list: expected text: kube-vip release tag'],
  // A token may be pasted where its file's path belongs: that place never quotes its value, whatever its type (43a-5).
  ['k3s.tokenFile', { k3s: { tokenFile: { a: 'b' } } }, 'k3s.tokenFile: "<redacted>" is a mapping: expected text: Path of the file'],
])('a mapping or list where text belongs: %s says text is expected (D1)', (_, patch, expected) => {
  const errors = configErrors(withChanges(devConfig(), patch)).join('\n');
  expect(errors).toContain(expected);
  expect(errors).not.toContain('[object Object]');
  // A number still gets the format's own sentence.
  expect(configErrors(withChanges(devConfig(), { kubeVip: { version: 1.2 } })).join('\n')).toContain('kubeVip.version: 1.2 is a number');
});

test("a chart value outside the schema's list names the values allowed, and the value only where no secret shows", () => {
  const errors = valuesDoors.config({ logs: { general: { level: 'LOUD' } } });
  expect(errors).toContain('traefik.values.logs.general.level: is not one of "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "PANIC"');
  // 79b-4: the value as written is said (a plain word); a secret-shaped one is blanked by the redaction step.
  expect(errors).toContain('"LOUD" is written');
  const token = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
  expect(valuesDoors.config({ logs: { general: { level: token } } })).not.toContain(token);
});

// Attack 13 observation pf3: a credential after its HTTP auth scheme is a secret under any header name.
test.each([
  ['Bearer Hunter2SecretPF3xyz', true],
  ['bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', true],
  ['Basic dXNlcjpodW50ZXIyMTIzNDU2Nzg=', true],
  ['Basic authentication for the dashboard', false],
  ['Bearer tokens are checked upstream', false],
  ['Bearer abc123', false],
])('secretShape(%j) finds a credential: %s', (text, found) => {
  expect(secretShape(text) !== undefined).toBe(found);
  if (found) expect(redact(`X-Upstream-Auth: ${text}`)).toMatch(/^X-Upstream-Auth: (Bearer|bearer|Basic) <redacted>$/);
});

test('a Bearer credential under a header name that is not secret-like is refused (pf3)', () => {
  const errors = valuesDoors.config({
    providers: {
      file: {
        enabled: true,
        content:
          'http:\n  middlewares:\n    up:\n      headers:\n        customRequestHeaders:\n          X-Upstream-Auth: "Bearer Hunter2SecretPF3"\n',
      },
    },
  });
  expect(errors).toContain('holds an HTTP credential (Bearer or Basic)');
  expect(errors).not.toContain('Hunter2');
});
