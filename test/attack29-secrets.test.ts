import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { redact, secretShape } from '../src/core/secrets';
import { configErrors, helmChartConfigRefusal, valuesDoors, withTraefikValues } from './helpers';
import { HOSTILE_TEST_SIZE, judgesHostileTexts, shownInDiff } from './secret-doors';
import * as hostile from '../scripts/hostile-inputs';

/**
 * Attack round 28a: a JWK as JSON or flow text after `--flag=` (28a-1) or in a dist file's comment (28a-4), a DER key's
 * base64 in groups joined by more than one blank (28a-2) or glued after `name=` (28a-3), hex of a DER key or OpenSSH
 * body with `  `, `: `, `, ` (28a-5), `0x`, `-`, `%` between bytes, and a JWK with `x` and `d` only (28a-6) passed.
 * Keys are generated here, throwaway.
 */
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const jwk = ec.privateKey.export({ format: 'jwk' }) as Record<string, string>;
const D = jwk.d;
const ecDer = ec.privateKey.export({ format: 'der', type: 'sec1' }) as Buffer;
const rsaDer = rsa.privateKey.export({ format: 'der', type: 'pkcs1' }) as Buffer;
const sshBody = Buffer.concat([Buffer.from('openssh-key-v1\0none\0'), randomBytes(120)]);
const groups = (text: string, size: number, by = ' ') => (text.match(new RegExp(`.{1,${size}}`, 'g')) as string[]).join(by);
const bytes = (buffer: Buffer) => buffer.toString('hex').match(/../g) as string[];

/** Every door: a chart value (refused at its key), a message quoting it (deployment.kind), construct props, the write gate. */
function judgedEverywhere(value: string, secret: string): void {
  const config = configErrors(withTraefikValues({ additionalArguments: [value], deployment: { kind: value } })).join('\n');
  expect(config).toContain('traefik.values.additionalArguments[0]');
  expect(config).toContain('traefik.values.deployment.kind');
  const props = helmChartConfigRefusal({ values: { env: [{ name: 'FOO', value }] } });
  expect(props).toContain('values.env[0].value');
  expect(valuesDoors.gate({ deployment: { podAnnotations: { foo: value } } }).join('\n')).toContain('podAnnotations');
  for (const message of [config, props]) expect(message).not.toContain(secret);
}

/** The errors of a config with `text` as an annotation and an env value: none for a control. */
const accepted = (text: string) =>
  configErrors(withTraefikValues({ deployment: { podAnnotations: { foo: text } }, env: [{ name: 'FOO', value: text }] }));

describe('28a-1, 28a-6: a JSON Web Key inside a longer text', () => {
  const flow = `{kty: EC, crv: P-256, x: ${jwk.x}, y: ${jwk.y}, d: ${D}}`;
  test.each([
    ['JSON after --log.format=', `--log.format=${JSON.stringify(jwk)}`],
    ['YAML flow after --log.format=', `--log.format=${flow}`],
    ['KTY and D in capitals', `--log.format={KTY: EC, crv: P-256, D: ${D}}`],
    ['no kty, crv and x', `--log.format={crv: P-256, x: ${jwk.x}, d: ${D}}`],
    ['tagged !!str', `--log.format={!!str kty: !!str EC, !!str d: !!str ${D}}`],
    ['JSON after x=', `x=${JSON.stringify({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: D })}`],
    ['28a-6: only x and d', `x={x: ${jwk.x}, d: ${D}}`],
    ['28a-6: only x and d, whole text', `{x: ${jwk.x}, d: ${D}}`],
  ])('%s is refused at every door, its d never quoted', (_, text) => {
    judgedEverywhere(text, D);
  });

  test.each([
    ['an env value', { env: [{ name: 'FOO', value: `x=${JSON.stringify(jwk)}` }] }, 'traefik.values.env[0].value'],
    ['initContainers args', { deployment: { initContainers: [{ name: 'i', image: 'busybox', args: [`--cfg=${flow}`] }] } }, 'args[0]'],
    [
      'extraObjects ConfigMap data',
      { extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { v: `--cfg=${flow}` } }] },
      'traefik.values.extraObjects[0].data.v',
    ],
  ])('in %s it is refused', (_, values, where) => {
    const errors = configErrors(withTraefikValues(values)).join('\n');
    expect(errors).toContain(where);
    expect(errors).not.toContain(D);
  });

  test.each([
    ['a public JWK after a flag', `--x={kty: EC, crv: P-256, x: ${jwk.x}, y: ${jwk.y}}`],
    ['--log.format=json', '--log.format=json'],
    ['d too short for a key beside x', `x={x: ${jwk.x}, d: abc123}`],
    ['d as a number beside x', '{x: 1, d: 5}'],
    ['a map of settings after a flag', '--cfg={name: web, d: 2024-01-01}'],
  ])('control: %s is accepted', (_, text) => {
    expect(accepted(text)).toEqual([]);
  });
});

describe('28a-4: a JWK flow text in a comment of a hand-edited dist file', () => {
  test.each([
    ['kty and d', `# e: {kty: EC, d: ${D}}`],
    ['tagged', `# e: {!!str kty: EC, !!str d: ${D}}`],
    ['after a flag', `# args: --cfg={crv: P-256, x: ${jwk.x}, d: ${D}}`],
  ])('%s is redacted in the check/dry-run diff', (_, line) => {
    const shown = shownInDiff(line);
    expect(shown).not.toContain(D);
    expect(shown).toContain('<redacted>');
    expect(shown).toContain('kind: ServiceAccount');
  });
  test('control: a public JWK comment is shown', () => {
    expect(shownInDiff(`# e: {kty: EC, x: ${jwk.x}}`)).toContain(jwk.x);
  });
});

describe('28a-2, 28a-3: base64 of a DER key in groups, any blanks between, glued after a prefix', () => {
  const ec64 = ecDer.toString('base64');
  const rsa64 = rsaDer.toString('base64');
  test.each([
    ['EC groups of 4, two blanks', groups(ec64, 4, '  ')],
    ['EC groups of 16, two blanks', groups(ec64, 16, '  ')],
    ['EC groups of 4, one and two blanks', (ec64.match(/.{1,4}/g) as string[]).map((g, i) => (i % 2 ? ` ${g}` : `  ${g}`)).join('')],
    ['RSA groups of 4, blank and tab', groups(rsa64, 4, ' \t')],
    ['EC groups of 4, U+00A0', groups(ec64, 4, '\u00a0')],
    ['EC groups of 4, U+2003', groups(ec64, 4, '\u2003')],
    ['28a-3: after --log.format=', `--log.format=${groups(ec64, 4)}`],
    ['28a-3: RSA after --accesslog.fields.names.x=', `--accesslog.fields.names.x=${groups(rsa64, 4)}`],
    ['28a-3: OpenSSH body after --cfg=', `--cfg=${groups(sshBody.toString('base64'), 4)}`],
    ['28a-3: after a path x/', `x/${groups(ec64, 4)}`],
    ['28a-3: after words that start as a key does', `MAD MAKE ${groups(ec64, 4)}`],
  ])('%s is a private key (base64-encoded), at every door', (_, text) => {
    expect(secretShape(text)).toBe('a private key (base64-encoded)');
    expect(redact(`a "${text}" b`)).not.toContain(text.slice(-24, -8));
    judgedEverywhere(text, text.slice(-24, -8));
  });
});

describe('28a-5, 28a-6: hex of a DER key or OpenSSH body, any separators between bytes', () => {
  test.each([
    ['EC DER, two blanks', bytes(ecDer).join('  ')],
    ['OpenSSH body, two blanks', bytes(sshBody).join('  ')],
    ['EC DER, colon and blank', bytes(ecDer).join(': ')],
    ['EC DER, comma and blank', bytes(ecDer).join(', ')],
    [
      'EC DER, a C array',
      bytes(ecDer)
        .map((b) => `0x${b}`)
        .join(', '),
    ],
    ['EC DER, dashes', bytes(ecDer).join('-')],
    [
      'EC DER, percent-encoded',
      bytes(ecDer)
        .map((b) => `%${b}`)
        .join(''),
    ],
    ['EC DER, U+00A0', bytes(ecDer).join('\u00a0')],
    ['RSA DER, tab and blank', bytes(rsaDer).join('\t ')],
    ['after --cfg=', `--cfg=${bytes(ecDer).join('  ')}`],
    ['glued after a word of hex letters', `dead${bytes(ecDer).join(' ')}`],
  ])('%s is a private key (hex-encoded), at every door', (_, text) => {
    expect(secretShape(text)).toBe('a private key (hex-encoded)');
    expect(redact(`a ${text} b`)).not.toContain(text.slice(-40, -10));
    judgedEverywhere(text, text.slice(-40, -10));
  });
});

describe('controls: hex- and base64-looking data that is no key', () => {
  const spki = ec.publicKey.export({ format: 'der', type: 'spki' }) as Buffer;
  // A certificate's shape: SEQUENCE { SEQUENCE { [0] { INTEGER 2 }, INTEGER serial, … } } (RFC 5280 §4.1).
  const body = Buffer.concat([Buffer.from('a003020102020900', 'hex'), randomBytes(9), randomBytes(100)]);
  const tbs = Buffer.concat([Buffer.from([0x30, 0x81, body.length]), body]);
  const certificate = Buffer.concat([Buffer.from([0x30, 0x81, tbs.length]), tbs]);
  test.each([
    ['a MAC address', 'aa:bb:cc:dd:ee:ff'],
    ['a sha256 fingerprint', `SHA256:${randomBytes(32).toString('base64').replace(/=+$/, '')}`],
    ['a colon-hex fingerprint starting 30', `30:${bytes(randomBytes(31)).join(':')}`],
    ['a UUID', randomUUID()],
    ['a certificate in grouped base64', groups(certificate.toString('base64'), 4, '  ')],
    [
      'a public key in hex, C array',
      bytes(spki)
        .map((b) => `0x${b}`)
        .join(', '),
    ],
    ['a public key in base64 after a flag', `--cfg=${groups(spki.toString('base64'), 4, '  ')}`],
    ['--log.format=json', '--log.format=json'],
  ])('%s is accepted', (_, text) => {
    expect(secretShape(text)).toBeUndefined();
    expect(accepted(text)).toEqual([]);
  });
});

judgesHostileTexts(hostile.keyShapes28a(HOSTILE_TEST_SIZE));

test('construct props: a JWK member named in capitals (KTY, D) is not quoted where a control character is refused', () => {
  const message = helmChartConfigRefusal({ values: { jwk: { KTY: 'EC', D: 'hunter2Secret\u0007' } } });
  expect(message).toContain('values.jwk.D');
  expect(message).not.toContain('hunter2Secret');
});
