import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, loadConfigDir, parseConfigText } from '../src/config/load';
import { addClusterCharts, wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { runSynth } from '../src/synth';
import { App } from 'cdk8s';

/** Round 57a findings 8, 12, 13, 14: messages name the file, line and key of each problem, never the secret. */

const SECRET = 'Zq8vLmP3xR7tYw';
const BASE = [
  'kubeVip:',
  '  version: v1.2.3',
  '  interface: eth0',
  '  controlPlane:',
  '    address: 192.168.0.40',
  'ingresses:',
  '  - name: frontend-ingress',
  '    namespace: default',
  '    host: k3s.example.com',
  '    path: /',
  '    service: frontend',
  '    port: 80',
  '    tls:',
  '      certResolver: default',
  'traefik:',
  '  loadBalancerIPs: [192.168.0.41]',
  '  redirectToHttps: true',
  '  externalCertResolvers: [default]',
  '',
].join('\n');
/** BASE (18 lines) with `traefik.values:` on line 19 and `lines` below it, from line 20. */
const withValues = (lines: string) => `${BASE}  values:\n${lines}`;
const errorsOf = (text: string) => parseConfigText('c.yaml', text).errors.map(formatDiagnostic);

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'msgs57-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('57a-8: a config file named like a secret is refused, and no message names it', () => {
  const synthLines = (dir: string, clusters?: string[]) => {
    const lines: string[] = [];
    const code = runSynth({
      configDir: dir,
      distDir: join(root, 'dist'),
      wiring,
      dryRun: true,
      clusters,
      log: (l) => lines.push(l),
      out: () => undefined,
    });
    return { code, text: lines.join('\n') };
  };
  test.each([
    ['token-zq8vlmp3xr7tyw9', 'zq8vlmp3xr7tyw9'],
    ['pw-zq8vlmp3xr7tyw9', 'zq8vlmp3xr7tyw9'],
    ['password-zq8vlmp3xr7tyw9', 'zq8vlmp3xr7tyw9'],
  ])('%s.yaml: refused by the loader, the file and dist folder blanked, no empty key path', (name, secret) => {
    const dir = join(root, 'cfg');
    mkdirSync(dir);
    writeFileSync(join(dir, `${name}.yaml`), BASE);
    const loaded = loadConfigDir(dir);
    expect(loaded.clusters).toEqual([]);
    const [error] = loaded.errors.map(formatDiagnostic);
    expect(error).toContain('<redacted>.yaml: the file name gives the cluster name and the output folder dist/<redacted>/');
    expect(error).toContain('looks like a secret');
    expect(error).toContain('rename the file');
    expect(error).not.toContain(': :');
    expect(error).not.toContain(secret);
    const { code, text } = synthLines(dir);
    expect(code).toBe(1);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(': :');
    // `--cluster` of another name lists the clusters there: this one blanked.
    const other = synthLines(dir, ['dev']);
    expect(other.text).toContain('its clusters are <redacted>');
    expect(other.text).not.toContain(secret);
  });

  test.each(['dev', 'token-service', 'password-reset', 'prod-1', 'auth-proxy'])('control: %s.yaml loads', (name) => {
    writeFileSync(join(root, `${name}.yaml`), BASE);
    const loaded = loadConfigDir(root);
    expect(loaded.errors.map(formatDiagnostic)).toEqual([]);
    expect(loaded.clusters.map((c) => c.name)).toEqual([name]);
  });

  test('a construct refusing a whole cluster says `file: message`, never `file: : message`, and blanks the file name', () => {
    const file = join(root, 'token-zq8vlmp3xr7tyw9.yaml');
    const config = parseConfigText('dev.yaml', BASE).config!;
    let message = '';
    try {
      addClusterCharts(new App(), { name: 'token-zq8vlmp3xr7tyw9', file, config });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('<redacted>.yaml: scope "<redacted>"');
    expect(message).not.toContain(': :');
    expect(message).not.toContain('zq8vlmp3xr7tyw9');
  });
});

describe('57a-12: keys that hold a secret are located at their own line, with distinct paths and intact explanations', () => {
  test('three secret-shaped podAnnotation keys: each at its own line and column, each its own path', () => {
    const errors = errorsOf(
      withValues(
        [
          '    deployment:',
          '      podAnnotations:',
          `        "https://admin:${SECRET}@example.com/": x`,
          '        example.com/ok: fine',
          `        "ghp_${SECRET}${SECRET}Zq8vLmP3": y`,
          '        example.com/ok2: fine',
          '        "password%3DQw9vLmP3xR7tYw": v',
          '',
        ].join('\n'),
      ),
    );
    expect(errors).toHaveLength(3);
    const where = errors.map((e) => e.match(/^c\.yaml:(\d+:\d+): (.+?>):/)?.slice(1));
    expect(where).toEqual([
      ['22:9', 'traefik.values.deployment.podAnnotations.<redacted key 1>'],
      ['24:9', 'traefik.values.deployment.podAnnotations.<redacted key 3>'],
      ['26:9', 'traefik.values.deployment.podAnnotations.<redacted key 5>'],
    ]);
    for (const e of errors) expect(e).not.toMatch(/Zq8v|Qw9v/);
  });

  test('a port entry keyed "password=…": at its key\'s line, its child at its own, the explanation whole', () => {
    const errors = errorsOf(withValues(`    ports:\n      "password=${SECRET}":\n        port: 99999\n        expose: {default: true}\n`));
    const portName = errors.find((e) => e.includes('port name'))!;
    expect(portName).toMatch(/^c\.yaml:21:7: traefik\.values\.ports\["password=<redacted>"\]: is entrypoint "password=<redacted>"/);
    expect(portName).toContain(
      "writes as a port name of Traefik's container and Service, and the API server refuses it (it holds characters other than",
    );
    expect(portName).toContain('rename the entrypoint, e.g. "password"');
    expect(errors.find((e) => e.includes('name=value'))).toMatch(/^c\.yaml:21:7: /);
    expect(errors.find((e) => e.includes('99999'))).toMatch(/^c\.yaml:22:15: traefik\.values\.ports\["password=<redacted>"\]\.port: /);
    for (const e of errors) expect(e.toLowerCase()).not.toContain('zq8v');
  });

  test('control: an ordinary bad port name still quotes its characters', () => {
    const errors = errorsOf(withValues('    ports:\n      "web=1":\n        port: 8001\n'));
    expect(errors.join('\n')).toContain('it holds "="');
  });
});

describe('57a-13: only hub.token gets the hub advice; any other `token` key the general one', () => {
  const generic = 'keep it in a Kubernetes Secret and reference it (e.g. env valueFrom.secretKeyRef)';
  test.each([
    [
      'extraObjects data.token',
      '    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: y, namespace: default}\n        data:\n          token: Qw8vLmP3xR7tYw\n',
      'traefik.values.extraObjects[0].data.token',
    ],
    ['metrics.token', '    metrics:\n      token: abc\n', 'traefik.values.metrics.token'],
    ["a merge key's token", '    x: &a {token: Qw8vLmP3xR7tYw}\n    metrics:\n      <<: *a\n', 'token'],
  ])('%s: the general advice, not the chart-name advice', (_what, values, path) => {
    const errors = errorsOf(withValues(values)).filter((e) => e.includes('literal token'));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e).toContain(path);
      expect(e).toContain(generic);
      expect(e).not.toContain('give the chart its name');
      expect(e).not.toContain('Qw8v');
    }
  });

  test('ports.web.token: the general advice and its unknown-key error', () => {
    const errors = errorsOf(withValues('    ports:\n      web:\n        token: Qw8vLmP3xR7tYw\n'));
    expect(errors.some((e) => e.includes('traefik.values.ports.web.token: is a literal token') && e.includes(generic))).toBe(true);
    expect(errors.some((e) => e.includes('traefik.values.ports.web.token: is not a key of the values schema'))).toBe(true);
  });

  test('hub.token holding a token: told to name a Secret there', () => {
    const errors = errorsOf(withValues('    hub:\n      token: Qw8vLmP3xR7tYw\n'));
    expect(errors.join('\n')).toContain(
      "traefik.values.hub.token: is a literal token: dist/ is committed to Git, so no secret may be written there: put it in a Secret and write that Secret's name in traefik.values.hub.token",
    );
  });

  test('control: hub.token naming a Secret is accepted', () => {
    expect(errorsOf(withValues('    hub:\n      token: traefik-hub-license\n')).join('\n')).not.toContain('hub.token');
  });
});

describe('57a-14: `new --from` names file:line for every finding', () => {
  const run = (text: string) => {
    writeFileSync(join(root, 'src.yaml'), text);
    const lines: string[] = [];
    const code = newCluster(['copy', '--from', 'src'], {
      configDir: root,
      schemaFile: join(root, 'config.schema.json'),
      log: (l) => lines.push(l),
    });
    return { code, text: lines.join('\n'), copied: readdirSync(root).includes('copy.yaml') };
  };
  const table = ['# | user  | password       |', '# |-------|----------------|', `# | admin | ${SECRET} |`];

  test('a Markdown table in comments: its lines named', () => {
    const { code, text, copied } = run(`${table.join('\n')}\n${BASE}`);
    expect(code).toBe(1);
    expect(copied).toBe(false);
    // The table from its header, or its secret row alone (71a-21 reads `admin | pw` on one line).
    expect(text).toMatch(/src\.yaml:[13]:\d+: holds a secret outside its values/);
    expect(text).toMatch(/lines 1-3: a secret over several comment lines|line 3: /);
    expect(text).not.toContain(SECRET);
  });

  test('a table of two lines among 25 secret comment lines: the table is named first', () => {
    const many = Array.from({ length: 22 }, (_, i) => `# password: Pq8vLmP3xR7t${String(i).padStart(2, '0')}`);
    const { code, text } = run([table[0], table[2], '# note', ...many, BASE].join('\n'));
    expect(code).toBe(1);
    expect(text).toMatch(/src\.yaml:[12]:\d+: holds a secret outside its values/);
    expect(text).toMatch(/; lines? [12](-2)?: /);
    expect(text).toContain('and 3 more');
    expect(text).not.toMatch(/Zq8v|Pq8v/);
  });

  test('secrets in values: each key path with its line', () => {
    const { code, text } = run(
      withValues(
        `    env:\n      - name: DB_PASSWORD\n        value: ${SECRET}\n    deployment:\n      podAnnotations:\n        example.com/password: Qw8vLmP3xR7tYw\n`,
      ),
    );
    expect(code).toBe(1);
    // One line each (78a-6), at its own place.
    expect(text).toMatch(
      /src\.yaml:22:16: traefik\.values\.env\[0\]\.value: holds .*\n.*src\.yaml:25:\d+: traefik\.values\.deployment\.podAnnotations/,
    );
    expect(text).not.toMatch(/Zq8v|Qw8v/);
  });

  test('control: a clean source is copied', () => {
    const { code, copied } = run(`# | user | role |\n# |------|------|\n# | admin | ops |\n${BASE}`);
    expect(code).toBe(0);
    expect(copied).toBe(true);
  });
});
