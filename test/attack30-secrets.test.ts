import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { App } from 'cdk8s';
import { K3sVipCluster } from '../src';
import { redact, secretShape } from '../src/core/secrets';
import { configErrors, devConfig, refusalOf, withChanges, withTraefikValues } from './helpers';
import { HOSTILE_TEST_SIZE, judgedEverywhere, judgesHostileTexts, shownInDiff } from './secret-doors';
import * as hostile from '../scripts/hostile-inputs';

/**
 * Attack round 29a: hex of a DER key with any one separator (`_`, `.`, `/`, `|`, `h `, `$`, `&#x…;`, `\u00…`: 29a-1,
 * 29a-2), a JWK as an escaped JSON string (29a-3), in the control-character message (29a-4), pretty-printed over lines
 * (29a-5), as key=value, query or XML text, URL-encoded or base64'd (29a-6), base64 DER split by zero-width spaces
 * (29a-7). Keys are generated here, throwaway.
 */
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = ec.privateKey.export({ format: 'jwk' }) as Record<string, string>;
const D = jwk.d;
const der = ec.privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer;
const pairs = der.toString('hex').match(/../g) as string[];
/** A run of the key's hex no control holds: 15 bytes from its private scalar, however they are joined. */
const SCALAR = pairs.slice(40, 55);

/** Whether a text shows the key's scalar, in hex however joined, or the JWK's d. */
const showsKey = (text: string): boolean => text.includes(D) || text.replace(/[^0-9a-f]/gi, '').includes(SCALAR.join(''));

describe('29a-1, 29a-2: hex of a DER key with any one separator', () => {
  test.each([
    ['_', pairs.join('_')],
    ['.', pairs.join('.')],
    ['/', pairs.join('/')],
    ['|', pairs.join('|')],
    ['h then a blank', pairs.map((p) => `${p}h`).join(' ')],
    ['$ before each', pairs.map((p) => `$${p}`).join('')],
    ['HTML references', pairs.map((p) => `&#x${p};`).join('')],
    ['\\u00 escapes', pairs.map((p) => `\\u00${p}`).join('')],
    ['_ between groups of 4', (der.toString('hex').match(/.{1,4}/g) as string[]).join('_')],
  ])('%s is a private key, at every door', (_, text) => {
    expect(secretShape(text)).toMatch(/^a private key/);
    judgedEverywhere(text, showsKey);
  });
});

describe('29a-3, 29a-5, 29a-6: a JWK d written as text in any syntax or encoding', () => {
  test.each([
    ['29a-3: an escaped JSON string', JSON.stringify(JSON.stringify(jwk))],
    ['29a-5: pretty-printed over lines', `blob {\n "kty": "EC",\n "d": "${D}"\n}`],
    ['29a-6: key=value', `kty=EC d=${D} crv=P-256`],
    ['29a-6: a query', `kty=EC&crv=P-256&d=${D}`],
    ['29a-6: XML', `<kty>EC</kty><d>${D}</d>`],
    ['29a-6: URL-encoded JSON', encodeURIComponent(JSON.stringify(jwk))],
    ['29a-6: base64 of the JSON', Buffer.from(JSON.stringify(jwk)).toString('base64')],
    ['a d split into two quoted halves', `{"kty": "EC", "d": "${D.slice(0, 20)}" "${D.slice(20)}"}`],
    ['a d split into halves joined by +', `{"kty": "EC", "d": "${D.slice(0, 20)}" + "${D.slice(20)}"}`],
    ['HTML-escaped JSON', JSON.stringify(jwk).replace(/"/g, '&quot;')],
  ])('%s is refused at every door, d never shown', (_, text) => {
    expect(secretShape(text)).toMatch(/^a private key/);
    judgedEverywhere(text, (message) => message.includes(D));
  });
});

test('29a-7: base64 DER split by zero-width spaces or a BOM is a private key, at every door', () => {
  for (const by of ['\u200b', '\ufeff', '\u2060', '\u00ad']) {
    const text = (der.toString('base64').match(/.{1,8}/g) as string[]).join(by);
    expect(secretShape(text)).toBe('a private key (base64-encoded)');
    judgedEverywhere(text, (message) => message.includes(der.toString('base64').slice(40, 48)));
  }
});

describe('29a-4: a multi-line JWK in the control-character message', () => {
  const value = `--log.format={\n "kty": "EC",\n "d": "${D}"\n}`;
  test('the YAML door refuses it without quoting d', () => {
    const errors = configErrors(withTraefikValues({ additionalArguments: [value] })).join('\n');
    expect(errors).toContain('traefik.values.additionalArguments[0]');
    expect(errors).not.toContain(D);
  });
  test('K3sVipValidationError from construct props holds no d', () => {
    const message = refusalOf(
      () => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { traefik: { values: { additionalArguments: [value] } } })),
    );
    expect(message).toContain('additionalArguments[0]');
    expect(message).not.toContain(D);
  });
  test('the redaction step sees the value with its escapes undone', () => {
    const message = `x: ${JSON.stringify(value)} holds a control character (a line break: this value is one line): remove it`;
    expect(redact(message)).not.toContain(D);
    expect(redact(message)).toContain('holds a control character');
  });
});

describe('controls: the legit neighbours stay accepted', () => {
  const spki = ec.publicKey.export({ format: 'der', type: 'spki' }) as Buffer;
  test.each([
    ['a MAC address', 'aa:bb:cc:dd:ee:ff'],
    ['a SHA256 fingerprint', 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s'],
    ['a UUID', randomUUID()],
    [
      'a colon-hex SHA-256 digest',
      (Array.from({ length: 32 }, (_, i) => (i * 37 + 48) % 256) as number[]).map((b) => b.toString(16).padStart(2, '0')).join(':'),
    ],
    ['a public key in _-separated hex', (spki.toString('hex').match(/../g) as string[]).join('_')],
    ['a public key in grouped base64', (spki.toString('base64').match(/.{1,4}/g) as string[]).join(' ')],
    ['a public JWK', JSON.stringify({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y })],
    ['a public JWK, escaped', JSON.stringify(JSON.stringify({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }))],
    ['kty=EC crv=P-256 x=… without d', `kty=EC crv=P-256 x=${jwk.x}`],
    ['--log.format=json', '--log.format=json'],
    ['a URL-encoded query string', 'https://example.com/search?q=caf%C3%A9%20au%20lait&page=2&sort=date%2Fdesc'],
    ['an .acme. host', 'traefik.acme.example.com'],
    ['base64 of ordinary text', Buffer.from('The quick brown fox jumps over the lazy dog, twice over.').toString('base64')],
    ['a d of a query far from any JWK member', `?d=${D}`],
    ['a d of a query beside x=1 and e=abc', `https://example.com/p?x=1&e=abc&d=${D}`],
    ['a log line with d= beside x=1', `level=info d=${D} x=1`],
  ])('%s is accepted', (_, text) => {
    expect(secretShape(text)).toBeUndefined();
    expect(configErrors(withTraefikValues({ deployment: { podAnnotations: { foo: text } }, env: [{ name: 'FOO', value: text }] }))).toEqual(
      [],
    );
    expect(shownInDiff(`# k: ${text}`)).toContain(text);
  });
});

judgesHostileTexts(hostile.keyShapes29a(HOSTILE_TEST_SIZE));

describe('boundaries of a JWK d written as text', () => {
  const key = (length: number) => 'Ab9_'.repeat(8).slice(0, length);
  test.each([
    ['a d of 22 base64url characters beside kty', `kty=EC d=${key(22)}`, true],
    ['control: a d of 21', `kty=EC d=${key(21)}`, false],
    ['d 4000 characters after kty', `kty=EC ${' '.repeat(4000)}d=${D}`, true],
    ['control: d 5000 characters after kty', `kty=EC ${' '.repeat(5000)}d=${D}`, false],
    ['d and kty in one syntax (JSON)', `"kty": "EC", "d": "${D}"`, true],
    ['control: d and kty in two syntaxes', `"kty": "EC", d=${D}`, false],
  ])('%s', (_, text, secret) => {
    expect(secretShape(text) !== undefined).toBe(secret);
    const value = /d"?[=:] ?"?([\w-]+)/.exec(text)![1];
    expect(redact(text).includes(value)).toBe(!secret);
  });
});

describe('boundaries of a separated hex run', () => {
  test.each([
    ['the whole key, _', pairs.join('_'), true],
    ['control: its first 29 bytes, _', pairs.slice(0, 29).join('_'), false],
    ['a separator of 4 characters', pairs.join(' || '), true],
    ['control: a separator of 5 characters', pairs.join(' ||| '), false],
    ['control: two separators alternating', pairs.map((p, i) => (i % 2 ? `${p}_` : `${p}.`)).join(''), false],
  ])('%s', (_, text, secret) => {
    expect(secretShape(text) !== undefined).toBe(secret);
  });
});

describe('a d split into two quoted halves whose first half ends like a name (`…Pw`): CI flake of 2026-12-05', () => {
  test.each([
    ['sTxSHsLtwu0wVcTe9qPw', 'FfgZBkyx6qzghBeFHyxHHWg'],
    ['pt0vYD8H9VbPwDm24VCo', 'IdXohEhuP3GZ6OP48ScXnww'],
    ['D-cf5co_4PwI0tTTOC2o', 'uo1ZKZT71HKRKr-CLZGAyRQ'],
    ['BIusl2b88sqkPWAnhwXe', 'c4T499f02NZjin4z-G1GR78'],
    ['OUBAMUZKAP1PW-qdncyR', 'pJmeyFD4PLLXnUN-yb9ucYc'],
  ])('%s %s is a private key, not a keyword map pair', (head, tail) => {
    expect(secretShape(`{"kty": "EC", "d": "${head}" "${tail}"}`)).toMatch(/^a private key/);
  });

  test('a chosen name before a string in a map is still a secret set under it', () => {
    expect(secretShape('{"dbPw" "hunter2-Correct-Horse"}')).toMatch(/Clojure\/EDN map/);
  });
});
