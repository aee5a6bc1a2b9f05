// @jest-own-suite: it mocks modules, which holds for a whole registry (scripts/test-suites.js).
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCheck } from '../src/check';
import { mayQuote } from '../src/core/quotable';
import { redact, secretShape } from '../src/core/secrets';
import { parseConfigText } from '../src/config/load';
import { LOCK_FILE } from '../src/output/lock';
import { NO_MEMO } from '../src/output/pass-memo';
import { secretsInFiles } from '../src/output/secret-gate';
import { clusterRefusal, configErrors, DEV_YAML, FIXTURE_CONFIG_DIR, synthesizedReference, withTraefikValues } from './helpers';

/**
 * Attack round 25a: a private key base64-encoded from its DER, not its PEM, passed every door (25a-1); `npm run check`
 * read dist/ while a synth published into it and named dist/ for a file that vanished (25a-5); `--dry-run=x` was
 * called an unknown option (25a-6). Keys are generated here, throwaway; none is in the repository.
 */
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const b64 = (der: Buffer) => der.toString('base64');

/** Every private key form of 25a-1, base64 of its DER (and an OpenSSH key's body, which Node does not write). */
const KEYS: Array<[string, string]> = [
  ['PKCS#8 RSA 2048', b64(rsa.privateKey.export({ format: 'der', type: 'pkcs8' }))],
  ['PKCS#8 RSA 1024', b64(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'der', type: 'pkcs8' }))],
  ['PKCS#8 EC P-256', b64(ec.privateKey.export({ format: 'der', type: 'pkcs8' }))],
  ['PKCS#8 Ed25519', b64(ed.privateKey.export({ format: 'der', type: 'pkcs8' }))],
  ['SEC1 EC P-256', b64(ec.privateKey.export({ format: 'der', type: 'sec1' }))],
  ['SEC1 EC P-384', b64(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'der', type: 'sec1' }))],
  ['PKCS#1 RSA', b64(rsa.privateKey.export({ format: 'der', type: 'pkcs1' }))],
  [
    'encrypted PKCS#8 (PBES2)',
    b64(rsa.privateKey.export({ format: 'der', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'throwaway' })),
  ],
  // openssh/openssh-portable PROTOCOL.key: the body starts with the magic `openssh-key-v1\0`.
  ['OpenSSH key body', b64(Buffer.concat([Buffer.from('openssh-key-v1\0none\0'), randomBytes(300)]))],
];

/** A throwaway self-signed CA certificate (openssl req -x509, EC P-256): public, as a caBundle is. */
const CERTIFICATE =
  'MIIBfjCCASWgAwIBAgIUGD0ix6Ss1bsFvTCvhhKi61kAqycwCgYIKoZIzj0EAwIwFTETMBEGA1UEAwwKZXhhbXBsZS1jYTAeFw0yNjEyMDQwMzI0MzZaFw0zNjEyMDEwMzI0MzZaMBUxEzARBgNVBAMMCmV4YW1wbGUtY2EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT/AmJVJORMQ/TJGDqn4hNdr8EQgzSCnUY42ngX9iezy/eHRBqVbJrn+3VuPIR5q6rosBU/CCKHu/rV3h8GBpbho1MwUTAdBgNVHQ4EFgQUNSpXbll4RV1jYLF5v7aVky0p5IswHwYDVR0jBBgwFoAUNSpXbll4RV1jYLF5v7aVky0p5IswDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiB8QLDbvrizN3F0MN1IEWuC8FWts1ECk1h8h4MwSYzygAIgU+zgI6wKhA4LVN1FEiI8A35paA7UBYCXyazXlF5WUBo=';

/** What is not secret and starts as a key's DER does (`M…`: a SEQUENCE): each must stay accepted. */
const PUBLIC: Array<[string, string]> = [
  ['an X.509 certificate', CERTIFICATE],
  ['an RSA SubjectPublicKeyInfo', b64(rsa.publicKey.export({ format: 'der', type: 'spki' }))],
  ['an Ed25519 SubjectPublicKeyInfo', b64(ed.publicKey.export({ format: 'der', type: 'spki' }))],
  ['an EC SubjectPublicKeyInfo', b64(ec.publicKey.export({ format: 'der', type: 'spki' }))],
  ['a PKCS#1 RSA public key', b64(rsa.publicKey.export({ format: 'der', type: 'pkcs1' }))],
  ['a word starting with M', 'MaintenanceWindowStartsOnSundayMorningAtTwo'],
];

const SHAPE = 'a private key (base64-encoded)';

/**
 * `mockVanished.path`: a file whose read fails as if it vanished (renamed under a reader that does not lock), or none.
 * A function declaration: hoisted with jest.mock's factory, which runs before the test file's own lines.
 */
function mockVanished(): void {}
mockVanished.path = undefined as string | undefined;
jest.mock('node:fs', () => {
  const real = jest.requireActual<typeof import('node:fs')>('node:fs');
  return {
    ...real,
    readFileSync: (path: string, ...rest: unknown[]) => {
      if (path === mockVanished.path) throw Object.assign(new Error('gone'), { code: 'ENOENT', path });
      return (real.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
    },
  };
});

describe('25a-1: a private key base64-encoded from its DER is a secret shape', () => {
  test.each(KEYS)('%s', (_, key) => {
    expect(secretShape(key)).toBe(SHAPE);
    expect(secretShape(`note: ${key}`)).toBe(SHAPE);
    expect(redact(`x ${key} y`)).toBe('x <redacted> y');
    expect(mayQuote(key)).toBe(false);
  });

  test('cut short at a line wrap, or wrapped over lines in a block scalar: found, redacted on each line', () => {
    const [, key] = KEYS[0];
    expect(secretShape(key.slice(0, 64))).toBe(SHAPE);
    const wrapped = key.match(/.{1,64}/g)!.join('\n    ');
    expect(redact(`k: |\n    ${wrapped}\nnext: 1\n`)).toBe(`k: |\n${'    <redacted>\n'.repeat(wrapped.split('\n').length)}next: 1\n`);
  });

  test.each(PUBLIC)('control: %s is no secret', (_, text) => {
    expect(secretShape(text)).toBeUndefined();
    expect(redact(text)).toBe(text);
    expect(mayQuote(text)).toBe(true);
  });
});

describe('25a-1: every door refuses it', () => {
  const [, KEY] = KEYS[0];
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'q', namespace: 'default' } };

  test.each<[string, unknown, string]>([
    ['a pod annotation', { deployment: { podAnnotations: { note: KEY } } }, 'traefik.values.deployment.podAnnotations.note'],
    [
      'an extraObjects map item',
      { extraObjects: [{ ...configMap, data: { 'tls.der': KEY } }] },
      'traefik.values.extraObjects[0].data["tls.der"]',
    ],
    [
      'an extraObjects text item',
      { extraObjects: [stringify({ ...configMap, data: { 'tls.der': KEY } })] },
      'traefik.values.extraObjects[0]',
    ],
  ])('config: %s', (_, values, path) => {
    const errors = configErrors(withTraefikValues(values)).join('\n');
    expect(errors).toContain(path);
    expect(errors).toContain('private key (base64-encoded)');
    expect(errors).not.toContain(KEY.slice(0, 40));
  });

  test('config: a certificate in the same places is accepted (control)', () => {
    expect(configErrors(withTraefikValues({ deployment: { podAnnotations: { note: CERTIFICATE } } }))).toEqual([]);
    expect(configErrors(withTraefikValues({ extraObjects: [{ ...configMap, data: { 'ca.der': CERTIFICATE } }] }))).toEqual([]);
  });

  test('construct props: K3sVipCluster refuses it; a certificate passes', () => {
    const refusal = clusterRefusal({ values: { deployment: { podAnnotations: { note: KEY } } } });
    expect(refusal).toContain('private key (base64-encoded)');
    expect(refusal).not.toContain(KEY.slice(0, 40));
    expect(clusterRefusal({ values: { deployment: { podAnnotations: { note: CERTIFICATE } } } })).toBe('');
  });

  test('the final gate: a file of dist/ holding it, by its key path; a certificate passes', () => {
    const file = (value: string) => new Map([['dev/x.yaml', stringify({ ...configMap, data: { body: value } })]]);
    expect(secretsInFiles(file(KEY), undefined, NO_MEMO)).toEqual([`dev/x.yaml: data.body holds ${SHAPE}`]);
    expect(secretsInFiles(file(CERTIFICATE), undefined, NO_MEMO)).toEqual([]);
  });

  test('a config file holding it: refused, never echoed', () => {
    const { errors } = parseConfigText(
      'config/t.yaml',
      `${DEV_YAML}  values:\n    deployment:\n      podAnnotations:\n        note: ${KEY}\n`,
    );
    expect(errors.map(({ message }) => message).join('\n')).toContain('private key (base64-encoded)');
    expect(JSON.stringify(errors)).not.toContain(KEY.slice(0, 40));
  });
});

describe('25a-1, 25a-5: npm run check', () => {
  let root: string;
  let dist: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'k3s-vip-attack26-'));
    dist = join(root, 'dist');
    cpSync(synthesizedReference(), dist, { recursive: true });
  });
  afterEach(() => {
    mockVanished.path = undefined;
    delete process.env.K3S_VIP_LOCK_WAIT_SECONDS;
    rmSync(root, { recursive: true, force: true });
  });
  const check = () => {
    const lines: string[] = [];
    return { code: runCheck(FIXTURE_CONFIG_DIR, dist, (line) => lines.push(line)), lines };
  };

  test.each(KEYS)('a hand edit holding the %s is shown redacted', (_, key) => {
    const file = join(dist, 'dev', 'ingresses.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  annotations:\n', `  annotations:\n    body: ${key}\n`));
    const { code, lines } = check();
    expect(code).toBe(1);
    // dist/ is the committed side: its edit shows as removed.
    expect(lines).toContain('-     body: <redacted>');
    expect(lines.join('\n')).not.toContain(key.slice(0, 24));
  });

  test('control: a hand-edited certificate is shown as it is', () => {
    const file = join(dist, 'dev', 'ingresses.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  annotations:\n', `  annotations:\n    ca: ${CERTIFICATE}\n`));
    expect(check().lines).toContain(`-     ca: ${CERTIFICATE}`);
  });

  const holdLock = (pid: number) =>
    writeFileSync(join(dist, LOCK_FILE), JSON.stringify({ pid, host: hostname(), holder: 'synth', since: 'now' }));

  test("check reads dist/ under synth's lock: while a synth holds it, check waits, then refuses in one line", () => {
    holdLock(process.pid);
    process.env.K3S_VIP_LOCK_WAIT_SECONDS = '0';
    const { code, lines } = check();
    expect(code).toBe(1);
    expect(lines).toEqual([
      `error: ${dist}/${LOCK_FILE} is held by synth (pid ${process.pid} on ${hostname()}, since now): ` +
        `wait for it to finish and run again; if none is running, delete ${dist}/${LOCK_FILE}`,
    ]);
  });

  test('a synth that finishes within the wait is waited for, and the check then reads the whole of dist/', async () => {
    // Another process holds the lock 500 ms, as a synth that publishes; this one blocks while it waits.
    const lock = join(dist, LOCK_FILE);
    const holder = spawn(process.execPath, [
      '-e',
      `const fs = require('fs'); fs.writeFileSync(${JSON.stringify(lock)}, JSON.stringify({ pid: process.pid, host: require('os').hostname(), holder: 'synth', since: 'now' }));
       console.log('held'); setTimeout(() => fs.rmSync(${JSON.stringify(lock)}), 500);`,
    ]);
    await new Promise((held) => holder.stdout.once('data', held));
    process.env.K3S_VIP_LOCK_WAIT_SECONDS = '10';
    const started = Date.now();
    const { code, lines } = check();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(lines).toEqual([expect.stringMatching(/^check: .* equals a fresh synth/)]);
    expect(code).toBe(0);
  });

  test('a file that vanishes while check reads it is named, not dist/', () => {
    mockVanished.path = join(dist, 'dev', 'ingresses.yaml');
    expect(check().lines).toEqual([`error: cannot read ${mockVanished.path}: no such file or folder (ENOENT)`]);
  });
});

describe('25a-6: a flag that takes no value, given one', () => {
  const SYNTH = join(__dirname, '..', 'scripts', 'synth.js');
  const run = (arg: string) => spawnSync(process.execPath, [SYNTH, arg], { encoding: 'utf8' });

  test.each([
    ['--dry-run=x', '--dry-run'],
    ['--dry-run=password=Zq7mK2pL9xR4', '--dry-run'],
    ['--help=x', '--help'],
    ['-h=x', '-h'],
  ])('%s: "takes no value", nothing echoed after =', (arg, flag) => {
    const { status, stderr } = run(arg);
    expect(status).toBe(1);
    expect(stderr.split('\n')[0]).toBe(`error: ${flag} takes no value: write ${flag} alone; nothing was written`);
  });

  test.each(['--cluster', '--cluster='])('control: %s without a name still needs a cluster name', (arg) => {
    expect(run(arg).stderr.split('\n')[0]).toBe('error: --cluster needs a cluster name: --cluster <name>; nothing was written');
  });

  test('control: an unknown option is still called unknown', () => {
    expect(run('--dry-runs').stderr.split('\n')[0]).toBe(
      'error: unknown option --dry-runs: npm run synth takes --cluster <name>, --dry-run and --help; nothing was written',
    );
  });
});
