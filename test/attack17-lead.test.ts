// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionless } from '../src/npm-args';
import { readCrds } from '../src/validate/crds';
import { judgeConfig, withTraefikValues } from './helpers';

/**
 * Attack round 17 (the lead's share): arguments echoed on one line (F5), the CRD folder's errors (F7), a misspelt
 * env field (F10). SEKRIT marks what no message may show.
 */
const ROOT = join(__dirname, '..');
let scratch: string;
beforeAll(() => {
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js'), 'no-such-command'], { cwd: ROOT }); // builds lib/
}, 120_000);
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'k3s-vip-attack17-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(scratch, { recursive: true, force: true });
});

describe('arguments are echoed on one line (F5)', () => {
  test.each([['a\nerror: fake'], ['a\u2028b'], ['\u202eabc'], ['a\rb']])('optionless %j', (arg) => {
    const written: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((text) => written.push(String(text)) > 0);
    expect(optionless([arg], 'help', 'check')).toBe(1);
    expect(written.join('')).toMatch(/^error: npm run check takes no arguments, but got "[^\n\r\u2028\u202e]*"; nothing was done/);
    expect(written.join('').split('\n')).toHaveLength(2); // one line and its newline
  });

  test.each([['a\nerror: fake'], ['--x\nerror: fake'], ['a\u2028b']])('npm run synth %j', (arg) => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'synth.js'), arg], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    const [first] = run.stderr.split('\n');
    expect(first).toMatch(/^error: (unexpected argument|unknown option) .*nothing was written$/);
    expect(run.stderr).not.toMatch(/^error: fake/m);
    expect(run.stderr).not.toMatch(/[\u2028\u202e]/);
  });
});

describe("the CRD folder's errors: one line, no parser code frame, no secret, the right folder blamed (F7)", () => {
  test('a CRD file that is not valid YAML: located, its lines not quoted', () => {
    const dir = join(scratch, 'crds');
    mkdirSync(dir);
    for (const name of readdirSync(join(ROOT, 'crds')).filter((n) => n.endsWith('.yaml')))
      copyFileSync(join(ROOT, 'crds', name), join(dir, name));
    writeFileSync(join(dir, 'zz-broken.yaml'), 'a: [\n  token: hunter2SEKRIT\n');
    expect(() => readCrds(dir)).toThrow(/zz-broken\.yaml:3:1: is not valid YAML, so custom resources cannot be validated/);
    let message = '';
    try {
      readCrds(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toMatch(/SEKRIT|\n/);
  });

  test.each([
    [
      'a file, not a folder',
      (dir: string) => (writeFileSync(dir, ''), dir),
      /^cannot read the CRD folder .*: a part of the path is not a folder \(ENOTDIR\)/,
    ],
    [
      'a folder named like a secret',
      (dir: string) => (mkdirSync(`${dir}-password=hunter2SEKRIT`), `${dir}-password=hunter2SEKRIT`),
      /-password=<redacted> holds no CustomResourceDefinition/,
    ],
    ['a folder with a line break', (dir: string) => `${dir}\nerror: fake`, /^the CRD folder ".*\\nerror: fake" is missing/],
  ])('%s', (_, make, expected) => {
    const dir = make(join(scratch, 'c'));
    expect(() => readCrds(dir)).toThrow(expected);
    expect(() => readCrds(dir)).not.toThrow(/SEKRIT|\n/);
  });

  test('npm run validate names the CRD folder, not dist/, and starts its error line with error:', () => {
    writeFileSync(join(scratch, 'afile'), '');
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js'), 'validate/conformance'], {
      encoding: 'utf8',
      env: { ...process.env, K3S_VIP_CRD_DIR: join(scratch, 'afile'), K3S_VIP_DIST_DIR: join(ROOT, 'dist') },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: cannot read the CRD folder .*afile: a part of the path is not a folder \(ENOTDIR\)/m);
    expect(run.stderr).not.toContain('dist/');
  });
});

describe("an env var's fields are the Kubernetes EnvVar's (F10)", () => {
  test.each([
    ['valu', 'traefik.values.env[0].valu: is not a field of an env var (did you mean value?): expected name, value, valueFrom'],
    ['Value', 'traefik.values.env[0].Value: is not a field of an env var (did you mean value?): expected name, value, valueFrom'],
    ['vaule', 'traefik.values.env[0].vaule: is not a field of an env var (did you mean value?): expected name, value, valueFrom'],
    ['secretKeyRef', 'traefik.values.env[0].secretKeyRef: is not a field of an env var: expected name, value, valueFrom'],
  ])('a misspelt %s is refused, so its value is never written', (key, expected) => {
    judgeConfig(withTraefikValues({ env: [{ name: 'DB_PASSWORD', [key]: 'hunter2xx' }] }), expected);
  });

  test.each([[{ name: 'TZ', value: 'Europe/Berlin' }], [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }]])(
    'control: %j is accepted',
    (item) => judgeConfig(withTraefikValues({ env: [item] }), undefined),
  );
});

describe('keys named for signing, encryption and master keys name secrets (attack 17a observation)', () => {
  test.each(['signingKey', 'encryptionKey', 'masterKey'])('%s', (key) => {
    judgeConfig(withTraefikValues({ env: [{ name: 'X', value: `${key}=abcd1234` }] }), 'set to a name like a secret');
  });
});
