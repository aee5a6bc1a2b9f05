import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/check';
import { formatDiagnostic, loadConfigDir } from '../src/config/load';
import { oneLine, printable } from '../src/core/problem';
import { secretsInData } from '../src/core/secrets';
import { yaml } from '../src/core/yaml';
import { runInstall } from '../src/k3s/install-cli';
import { wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { runSynth } from '../src/synth';
import { show } from '../src/validate/paths';
import { DEV_YAML } from './helpers';

/**
 * Attack round 16: a `!!binary` value is judged as the text it decodes to, and `npm run new` never prints one
 * (A16a-03); `new` names a config or examples folder that is not one in one line (A16a-12); a path or value
 * with a line break or a format character (U+202E) never splits a message or forges an `error:` line (A16a-14).
 */

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'k3s-vip-a16-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

const base64 = (text: string) => Buffer.from(text).toString('base64');
const FORGED = '\nerror: fake';

/** Every line is one line: no line break, no raw control or format character (U+202E), nothing starting `error: fake`. */
function expectOneLineEach(lines: readonly string[]): void {
  for (const line of lines) {
    expect(line).not.toMatch(/[\n\r\u2028\u2029\u202e\u200b]/);
    expect(line).not.toMatch(/^error: fake/);
  }
}

describe('oneLine and printable: control and format (Cf) characters are escaped', () => {
  test.each([
    ['a bidi override', '\u202e7.0.93', '\\u202e7.0.93', '"\\u202e7.0.93"'],
    ['a zero-width space', 'a\u200bb', 'a\\u200bb', '"a\\u200bb"'],
    ['a byte order mark', '\ufeffx', '\\ufeffx', '"\\ufeffx"'],
    ['a tag character above U+FFFF', 'x\u{e0001}', 'x\\udb40\\udc01', '"x\\udb40\\udc01"'],
    ['a line break', `/tmp/x${FORGED}`, '/tmp/x\\u000aerror: fake', '"/tmp/x\\nerror: fake"'],
    ['U+2028', 'a\u2028b', 'a\\u2028b', '"a\\u2028b"'],
    ['a plain path', '/tmp/x y/é', '/tmp/x y/é', '/tmp/x y/é'],
  ])('%s', (_, text, escaped, quoted) => {
    expect(oneLine(text)).toBe(escaped);
    expect(printable(text)).toBe(quoted);
  });

  test('show (a value in a schema message) escapes a format character too', () => {
    expect(show('\u202e7.0.93')).toBe('"\\u202e7.0.93"');
  });

  test('a chartVersion holding U+202E is named escaped in the config error', () => {
    writeFileSync(join(root, 'dev.yaml'), `traefik:\n  loadBalancerIPs: [192.168.0.41]\n  chartVersion: "\\u202e7.0.93"\n`);
    const messages = loadConfigDir(root).errors.map(formatDiagnostic);
    expect(messages.join('\n')).toContain('"\\u202e7.0.93"');
    expectOneLineEach(messages);
  });
});

describe('A16a-03: binary data is judged as the text it decodes to', () => {
  test.each([
    ['a Buffer', Buffer.from('password=SEKRIT3')],
    ['a Uint8Array', new TextEncoder().encode('db_password: SEKRIT7')],
    ['under a key named like a secret', { password: Buffer.from('SEKRIT1') }],
    ['as text a key makes a secret', { webhookSecret: Buffer.from('SEKRIT2') }],
    ['as an env value', { env: [{ name: 'DB_PASSWORD', value: Buffer.from('SEKRIT4') }] }],
    ['as a K3s token', { host: Buffer.from(`K10${'a'.repeat(64)}::server:SEKRIT5`) }],
    ['from YAML !!binary', yaml.parse(`host: !!binary ${base64('password=SEKRIT6')}`)],
  ])('%s', (_, data) => {
    const found = secretsInData(data);
    expect(found).toHaveLength(1);
    expect(found[0].value).toContain('SEKRIT');
  });

  test('binary data that decodes to plain text is no secret', () => {
    expect(secretsInData({ host: Buffer.from('example.com') })).toEqual([]);
  });
});

/** `npm run new` in `configDir`: its exit code and lines. */
function runNew(configDir: string, ...args: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = newCluster(args, { configDir, schemaFile: join(root, 'config.schema.json'), log: (line) => lines.push(line) });
  return { code, lines };
}

const TRAEFIK = 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n';

describe('A16a-03: npm run new refuses a binary secret and never prints a binary value', () => {
  test.each([
    ['an ingress host', `ingresses:\n  - host: !!binary ${base64('password=SEKRIT3')}\n`, 'ingresses[0].host'],
    [
      "an issuer's e-mail",
      `certManager:\n  issuers:\n    le:\n      email: !!binary ${base64('db_password: SEKRIT7')}\n`,
      'certManager.issuers.le.email',
    ],
  ])('a secret as !!binary in %s is refused as the same text is', (_, body, path) => {
    const configDir = join(root, 'config');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'src.yaml'), `${TRAEFIK}${body}`);
    const { code, lines } = runNew(configDir, 'n2', '--from', 'src');
    expect(code).toBe(1);
    // Named with its line (57a-14).
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`:\\d+:\\d+: ${path.replace(/[.[\]]/g, '\\$&')}: holds .*: nothing was copied`)),
    ]);
    expect(lines.join('\n')).not.toContain('SEKRIT');
    expect(existsSync(join(configDir, 'n2.yaml'))).toBe(false);
  });

  test('a harmless !!binary site value is listed by its size, not decoded; odd text values are quoted', () => {
    const configDir = join(root, 'config');
    mkdirSync(configDir);
    const hosts = [`!!binary ${base64('example.com')}`, '"x\\ny"', '"\\u202eab"'];
    writeFileSync(join(configDir, 'src.yaml'), `${TRAEFIK}ingresses:\n${hosts.map((host) => `  - host: ${host}\n`).join('')}`);
    const { code, lines } = runNew(configDir, 'n2', '--from', 'src');
    expect(code).toBe(0);
    expect(lines).toEqual(
      expect.arrayContaining([
        '  ingresses[0].host: (binary data, 11 bytes, not shown)',
        '  ingresses[1].host: "x\\ny"',
        '  ingresses[2].host: "\\u202eab"',
      ]),
    );
    expect(lines.join('\n')).not.toContain('example.com');
    expectOneLineEach(lines);
  });
});

describe('A16a-12: npm run new names a folder it cannot read in one line', () => {
  const file = () => {
    writeFileSync(join(root, 'afile'), 'x');
    return join(root, 'afile');
  };
  test.each<[string, () => { configDir: string; args?: string[] }, string]>([
    ['the config folder is a file', () => ({ configDir: file() }), 'afile is not a folder: point K3S_VIP_CONFIG_DIR at'],
    [
      'the config folder is a link to a file',
      () => {
        symlinkSync(file(), join(root, 'link'));
        return { configDir: join(root, 'link') };
      },
      'link is not a folder: point K3S_VIP_CONFIG_DIR at',
    ],
    [
      'the config folder is a link loop',
      () => {
        symlinkSync('loop', join(root, 'loop'));
        return { configDir: join(root, 'loop') };
      },
      'loop cannot be read: too many symbolic links (ELOOP): point K3S_VIP_CONFIG_DIR at',
    ],
    [
      'the examples folder is a link to a file',
      () => {
        mkdirSync(join(root, 'config'));
        symlinkSync(file(), join(root, 'config', 'examples'));
        return { configDir: join(root, 'config') };
      },
      'config/examples is not a folder: it should hold the example configs: move it away, or copy a cluster with --from <cluster>',
    ],
    [
      'the config named by --from is a link loop',
      () => {
        mkdirSync(join(root, 'config'));
        symlinkSync('x.yaml', join(root, 'config', 'x.yaml'));
        return { configDir: join(root, 'config'), args: ['--from', 'x'] };
      },
      'cannot read ',
    ],
  ])('%s', (_, arrange, message) => {
    const { configDir, args = [] } = arrange();
    const { code, lines } = runNew(configDir, 'foo', ...args);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^error: /)]);
    expect(lines[0]).toContain(message);
    expect(lines[0]).not.toContain('unexpected');
    expect(existsSync(join(configDir, 'foo.yaml'))).toBe(false);
  });

  test('a broken examples folder does not stop a copy of a cluster', () => {
    const configDir = join(root, 'config');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'dev.yaml'), `${TRAEFIK}`);
    symlinkSync(file(), join(configDir, 'examples'));
    expect(runNew(configDir, 'foo', '--from', 'dev').code).toBe(0);
    expect(readdirSync(configDir).sort()).toEqual(['dev.yaml', 'examples', 'foo.yaml']);
  });
});

describe('A16a-14: a path holding a line break or U+202E never splits a message', () => {
  const WEIRD: ReadonlyArray<[string, string]> = [
    ['a line break', FORGED],
    ['U+202E', '\u202eerror'],
  ];

  test.each(WEIRD)('new, with a config folder holding %s', (_, odd) => {
    const configDir = join(root, `cfg${odd}`);
    expectOneLineEach(runNew(configDir, 'foo').lines);
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'src.yaml'), `${TRAEFIK}`);
    const { code, lines } = runNew(configDir, 'foo', '--from', 'src');
    expect(code).toBe(0);
    expect(lines[0]).toBe(
      `new: wrote ${printable(join(configDir, 'foo.yaml'))}, a copy of ${printable(join(configDir, 'src.yaml'))}. Set these to your network and sites:`,
    );
    expectOneLineEach(lines);
  });

  test.each(WEIRD)('synth and its dry run, with output and config folders holding %s', (_, odd) => {
    const configDir = join(root, `cfg${odd}`);
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'dev.yaml'), DEV_YAML);
    for (const dryRun of [true, false]) {
      const lines: string[] = [];
      runSynth({ configDir, distDir: join(root, `dist${odd}`), wiring, dryRun, log: (l) => lines.push(l), out: () => undefined });
      expect(lines.join('\n')).toContain(printable(join(root, `dist${odd}`)));
      expectOneLineEach(lines);
    }
    // A config error names the folder quoted too.
    writeFileSync(join(configDir, 'dev.yaml'), 'traefik: {}\n');
    const lines: string[] = [];
    expect(runSynth({ configDir, distDir: join(root, 'dist'), wiring, log: (l) => lines.push(l) })).toBe(1);
    expect(lines.join('\n')).toContain(`error(s) in ${printable(configDir)}/`);
    expectOneLineEach(lines);
  });

  test.each(WEIRD)('check, with an output folder holding %s', (_, odd) => {
    const configDir = join(root, 'cfg');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'dev.yaml'), DEV_YAML);
    const lines: string[] = [];
    expect(runCheck(configDir, join(root, `dist${odd}`), (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain(`${printable(join(root, `dist${odd}`))}/ differs`);
    expectOneLineEach(lines);
  });

  test.each(WEIRD)('k3s:install --dir holding %s', (_, odd) => {
    const configDir = join(root, 'cfg');
    const distDir = join(root, 'dist');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'dev.yaml'), DEV_YAML);
    expect(runSynth({ configDir, distDir, wiring, log: () => undefined })).toBe(0);
    const dir = join(root, `k3s${odd}`);
    for (const [manifestsDir, dryRun] of [
      [dir, true],
      [join(root, 'afile', `sub${odd}`), false],
    ] as const) {
      if (!dryRun) writeFileSync(join(root, 'afile'), 'x');
      const lines: string[] = [];
      const log = (l: string) => lines.push(l);
      runInstall({ cluster: 'dev', distDir, configDir, manifestsDir, dryRun, out: log, err: log });
      expect(lines.join('\n')).toContain(dryRun ? `into ${printable(dir)}:` : '--dir "');
      expectOneLineEach(lines);
    }
  });
});
