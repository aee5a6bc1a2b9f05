import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/check';
import { mayQuote } from '../src/core/quotable';
import { redact, secretShape } from '../src/core/secrets';
import { clusterRefusal, configErrors, FIXTURE_CONFIG_DIR, synthesizedReference, withTraefikValues } from './helpers';

/**
 * Attack round 26a: a private key's DER in hex passed every door (26a-2), a JSON Web Key's private member `d` was kept
 * and echoed (26a-3), and `!!binary` inside a HelmChartConfig's valuesContent was shown in check's diff (26a-1).
 * Keys are generated here, throwaway; none is in the repository.
 */
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const hex = (der: Buffer) => der.toString('hex');

/** Every private key form of 26a-2, in hex (`xxd -p | tr -d '\n'`). */
const KEYS: Array<[string, string]> = [
  ['PKCS#8 RSA', hex(rsa.privateKey.export({ format: 'der', type: 'pkcs8' }))],
  ['PKCS#8 EC P-256', hex(ec.privateKey.export({ format: 'der', type: 'pkcs8' }))],
  ['PKCS#8 Ed25519', hex(ed.privateKey.export({ format: 'der', type: 'pkcs8' }))],
  ['PKCS#8 X25519', hex(generateKeyPairSync('x25519').privateKey.export({ format: 'der', type: 'pkcs8' }))],
  ['SEC1 EC P-256', hex(ec.privateKey.export({ format: 'der', type: 'sec1' }))],
  ['PKCS#1 RSA', hex(rsa.privateKey.export({ format: 'der', type: 'pkcs1' }))],
  [
    'encrypted PKCS#8 (PBES2)',
    hex(rsa.privateKey.export({ format: 'der', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'throwaway' })),
  ],
  // openssh/openssh-portable PROTOCOL.key: the body starts with the magic `openssh-key-v1\0`.
  ['OpenSSH key body', hex(Buffer.concat([Buffer.from('openssh-key-v1\0none\0'), randomBytes(100)]))],
];

/** A throwaway self-signed CA certificate (as in attack26-secrets-cli.test.ts): public. */
const CERTIFICATE = Buffer.from(
  'MIIBfjCCASWgAwIBAgIUGD0ix6Ss1bsFvTCvhhKi61kAqycwCgYIKoZIzj0EAwIwFTETMBEGA1UEAwwKZXhhbXBsZS1jYTAeFw0yNjEyMDQwMzI0MzZaFw0zNjEyMDEwMzI0MzZaMBUxEzARBgNVBAMMCmV4YW1wbGUtY2EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT/AmJVJORMQ/TJGDqn4hNdr8EQgzSCnUY42ngX9iezy/eHRBqVbJrn+3VuPIR5q6rosBU/CCKHu/rV3h8GBpbho1MwUTAdBgNVHQ4EFgQUNSpXbll4RV1jYLF5v7aVky0p5IswHwYDVR0jBBgwFoAUNSpXbll4RV1jYLF5v7aVky0p5IswDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiB8QLDbvrizN3F0MN1IEWuC8FWts1ECk1h8h4MwSYzygAIgU+zgI6wKhA4LVN1FEiI8A35paA7UBYCXyazXlF5WUBo=',
  'base64',
);

/** What is not secret and is hex starting `30` (a SEQUENCE) or a long hex run: each must stay accepted. */
const PUBLIC: Array<[string, string]> = [
  ['an X.509 certificate in hex', hex(CERTIFICATE)],
  ['an RSA SubjectPublicKeyInfo in hex', hex(rsa.publicKey.export({ format: 'der', type: 'spki' }))],
  ['an Ed25519 SubjectPublicKeyInfo in hex', hex(ed.publicKey.export({ format: 'der', type: 'spki' }))],
  ['a PKCS#1 RSA public key in hex', hex(rsa.publicKey.export({ format: 'der', type: 'pkcs1' }))],
  ['a SHA-256 digest starting 30', `30${createHash('sha256').update('x').digest('hex').slice(2)}`],
];

const SHAPE = 'a private key (hex-encoded)';
const configMap = (data: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'q', namespace: 'default' }, data });

describe('26a-2: a private key hex-encoded from its DER is a secret shape', () => {
  test.each(KEYS)('%s', (_, key) => {
    expect(secretShape(key)).toBe(SHAPE);
    expect(secretShape(`note: ${key.toUpperCase()}`)).toBe(SHAPE);
    expect(redact(`x ${key} y`)).toBe('x <redacted> y');
    expect(mayQuote(key)).toBe(false);
  });

  test('wrapped as xxd -p wraps it (60 digits a line) in a block scalar: redacted on each line', () => {
    const [, key] = KEYS[0];
    const wrapped = key.match(/.{1,60}/g)!.join('\n    ');
    expect(redact(`k: |\n    ${wrapped}\nnext: 1\n`)).toBe(`k: |\n${'    <redacted>\n'.repeat(wrapped.split('\n').length)}next: 1\n`);
  });

  test.each(PUBLIC)('control: %s is no secret', (_, text) => {
    expect(secretShape(text)).toBeUndefined();
    expect(redact(text)).toBe(text);
    expect(mayQuote(text)).toBe(true);
  });

  test.each(KEYS)('config: the %s in an env value is refused, never echoed', (_, key) => {
    const errors = configErrors(withTraefikValues({ env: [{ name: 'FOO', value: key }] })).join('\n');
    expect(errors).toContain('traefik.values.env[0].value');
    expect(errors).toContain(SHAPE);
    expect(errors).not.toContain(key.slice(0, 30));
  });

  test('config: a map where text goes, holding it, is refused for its type without quoting it', () => {
    const [, key] = KEYS[1];
    const errors = configErrors(withTraefikValues({ extraObjects: [configMap({ blob: { foo: key } })] })).join('\n');
    expect(errors).toContain('traefik.values.extraObjects[0].data.blob');
    expect(errors).not.toContain(key.slice(0, 16));
  });

  test('construct props refuse it; controls: a certificate in hex passes every door', () => {
    const [, key] = KEYS[0];
    expect(clusterRefusal({ values: { deployment: { podAnnotations: { note: key } } } })).toContain(SHAPE);
    expect(clusterRefusal({ values: { deployment: { podAnnotations: { note: hex(CERTIFICATE) } } } })).toBe('');
    expect(configErrors(withTraefikValues({ env: [{ name: 'FOO', value: hex(CERTIFICATE) }] }))).toEqual([]);
  });
});

const ecJwk = ec.privateKey.export({ format: 'jwk' });
const rsaJwk = rsa.privateKey.export({ format: 'jwk' });
const okpJwk = ed.privateKey.export({ format: 'jwk' });
const octJwk = { kty: 'oct', k: randomBytes(32).toString('base64url'), alg: 'HS256' };
/** Each JWK's private members (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037). */
const privateParts = (jwk: Record<string, unknown>) =>
  ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].filter((m) => typeof jwk[m] === 'string').map((m) => jwk[m] as string);

describe('26a-3: a JSON Web Key with a private member is a secret', () => {
  test.each<[string, Record<string, unknown>]>([
    ['EC', ecJwk],
    ['RSA', rsaJwk],
    ['OKP (Ed25519)', okpJwk],
    ['oct', octJwk],
  ])('%s: refused as JSON text and as a map, its private members never echoed', (_, jwk) => {
    for (const blob of [JSON.stringify(jwk), jwk]) {
      const errors = configErrors(withTraefikValues({ extraObjects: [configMap({ blob })] })).join('\n');
      expect(errors).toContain('traefik.values.extraObjects[0].data.blob');
      for (const part of privateParts(jwk)) expect(errors).not.toContain(part.slice(0, 12));
    }
    expect(configErrors(withTraefikValues({ env: [{ name: 'JWKS', value: JSON.stringify(jwk) }] })).join('\n')).toContain(
      'traefik.values.env[0].value',
    );
  });

  test.each<[string, unknown]>([
    ['a public EC JWK as text', JSON.stringify(ec.publicKey.export({ format: 'jwk' }))],
    ['a public RSA JWK as text', JSON.stringify(rsa.publicKey.export({ format: 'jwk' }))],
    ['a JWK set of public keys', JSON.stringify({ keys: [ed.publicKey.export({ format: 'jwk' })] })],
    ['a `d` key in a map without kty', JSON.stringify({ d: 'dimension-label', k: 'kilo' })],
  ])('control: %s stays accepted', (_, blob) => {
    expect(configErrors(withTraefikValues({ extraObjects: [configMap({ blob })] }))).toEqual([]);
  });
});

describe('26a-1: a binary value inside a HelmChartConfig valuesContent is not shown by check', () => {
  let root: string;
  let dist: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'k3s-vip-attack26-leaks-'));
    dist = join(root, 'dist');
    cpSync(synthesizedReference(), dist, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const checkWith = (line: string) => {
    const file = join(dist, 'dev', 'traefik-config.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('      type: LoadBalancer\n', `      type: LoadBalancer\n${line}\n`));
    const lines: string[] = [];
    const code = runCheck(FIXTURE_CONFIG_DIR, dist, (out) => lines.push(out));
    return { code, shown: lines.join('\n') };
  };
  const TOKEN = Buffer.from(`token: ${randomBytes(9).toString('hex')}`).toString('base64');
  const K3S = Buffer.from(`K10${randomBytes(32).toString('hex')}::server:${randomBytes(16).toString('hex')}`).toString('base64');

  test.each([
    ['one line', `    foo: !!binary ${TOKEN}`],
    ['a block scalar', `    foo: !!binary |\n      ${TOKEN}`],
    ['the verbatim tag', `    foo: !<tag:yaml.org,2002:binary> ${TOKEN}`],
    ['a sequence item', `    foo:\n    - !!binary ${TOKEN}`],
    ['a flow map', `    foo: {a: !!binary ${TOKEN}}`],
    ['a K3s token', `    foo: !!binary ${K3S}`],
  ])('%s: redacted, with the lines under it', (_, line) => {
    const { code, shown } = checkWith(line);
    expect(code).toBe(1);
    expect(shown).toContain('<redacted>');
    expect(shown).not.toMatch(new RegExp(`${TOKEN.slice(0, 12)}|${K3S.slice(0, 12)}`));
  });

  test('control: a hand-edited plain value in valuesContent is shown as it is', () => {
    const { code, shown } = checkWith('    foo: plain-visible-value');
    expect(code).toBe(1);
    expect(shown).toContain('foo: plain-visible-value');
  });
});

describe('27a-1: hex of a DER key with separators between bytes or groups', () => {
  const { generateKeyPairSync } = require('node:crypto') as typeof import('node:crypto');
  const der = (generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString(
    'hex',
  );
  const pairs = der.match(/../g) as string[];
  const groups = der.match(/.{1,8}/g) as string[];
  test.each([
    ['colons (openssl)', pairs.join(':')],
    ['blanks between bytes', pairs.join(' ')],
    ['groups of 8 digits', groups.join(' ')],
    ['\\x escapes', pairs.map((p) => `\\x${p}`).join('')],
  ])('%s is a private key', (_, text) => {
    expect(secretShape(`key: ${text}`)).toBe('a private key (hex-encoded)');
  });
  test('control: a MAC address or a certificate-like public key in colon hex is none', () => {
    const spki = (generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }) as Buffer).toString(
      'hex',
    );
    expect(secretShape('mac 30:ab:cd:ef:01:23')).toBeUndefined();
    expect(secretShape((spki.match(/../g) as string[]).join(':'))).toBeUndefined();
  });
});
