import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { redact, secretShape } from '../src/core/secrets';
import { fileRedaction } from '../src/output/secret-gate';
import { configErrors, helmChartConfigRefusal, valuesDoors, withTraefikValues } from './helpers';
import * as hostile from '../scripts/hostile-inputs';
import { HOSTILE_TEST_SIZE } from './secret-doors';

/**
 * Attack round 27a: a JSON Web Key written as YAML text (27a-2), a DER key's base64 split in blank-separated groups and
 * an OpenSSH body in separated hex (27a-3), schemeless URL credentials with a percent-encoded colon (27a-4) passed;
 * a CRLF-wrapped key was redacted on its first line only (review 8). Keys are generated here, throwaway.
 */
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const jwk = ec.privateKey.export({ format: 'jwk' }) as Record<string, string>;
const rsaJwk = rsa.privateKey.export({ format: 'jwk' }) as Record<string, string>;
const D = jwk.d;
const derB64 = (ec.privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
const sshBody = Buffer.concat([Buffer.from('openssh-key-v1\0none\0'), randomBytes(120)]);
const groups = (text: string, size: number, by = ' ') => (text.match(new RegExp(`.{1,${size}}`, 'g')) as string[]).join(by);
const publicJwk = `{kty: EC, crv: P-256, x: ${jwk.x}, y: ${jwk.y}}`;

/**
 * Every door of a value (the 27a report's list): a config's chart value (refused, no message quoting it), a message
 * that quotes the value (deployment.kind), construct props (both), and the write gate of a HelmChartConfig.
 */
function judgedEverywhere(value: string, secret: string): void {
  const config = configErrors(withTraefikValues({ deployment: { podAnnotations: { foo: value } } })).join('\n');
  expect(config).toContain('traefik.values.deployment.podAnnotations.foo');
  const kind = configErrors(withTraefikValues({ deployment: { kind: value } })).join('\n');
  expect(kind).toContain('traefik.values.deployment.kind');
  expect(helmChartConfigRefusal({ values: { deployment: { podAnnotations: { foo: value } } } })).toContain('podAnnotations');
  const props = helmChartConfigRefusal({ values: { deployment: { kind: value } } });
  expect(props).toContain('values.deployment.kind');
  expect(valuesDoors.gate({ deployment: { podAnnotations: { foo: value } } }).join('\n')).toContain('podAnnotations');
  for (const message of [config, kind, props]) expect(message).not.toContain(secret);
}

/** What `npm run check` and `--dry-run` show of a hand-edited traefik-config.yaml with `line` added to its values. */
function shownInDiff(line: string): string {
  const file = (extra: string) =>
    stringify({
      apiVersion: 'helm.cattle.io/v1',
      kind: 'HelmChartConfig',
      metadata: { name: 'traefik', namespace: 'kube-system' },
      spec: { valuesContent: `deployment:\n  replicas: 2\n${extra}` },
    });
  const [committed, fresh] = [new Map([['dev/traefik-config.yaml', file(`${line}\n`)]]), new Map([['dev/traefik-config.yaml', file('')]])];
  return fileRedaction(committed, fresh)(committed.get('dev/traefik-config.yaml')!);
}

describe('27a-2: a JSON Web Key written as YAML text is read as one', () => {
  const cases: Array<[string, string]> = [
    ['YAML flow', `{kty: EC, crv: P-256, x: ${jwk.x}, y: ${jwk.y}, d: ${D}}`],
    ['YAML block', `kty: EC\ncrv: P-256\nx: ${jwk.x}\ny: ${jwk.y}\nd: ${D}\n`],
    ['kty in capitals, member D', `{KTY: EC, crv: P-256, D: ${D}}`],
    ['Kty', `{Kty: EC, d: ${D}}`],
    ['"kty " with a trailing blank', `{"kty ": EC, d: ${D}}`],
    ['kty as a list', `{kty: [EC], d: ${D}}`],
    ['JSON text in capitals', JSON.stringify({ KTY: 'EC', X: jwk.x, D })],
    ['no kty, EC crv and x', `{crv: P-256, x: ${jwk.x}, y: ${jwk.y}, d: ${D}}`],
    ['no kty, RSA n and e', `{n: ${rsaJwk.n}, e: ${rsaJwk.e}, d: ${rsaJwk.d}}`],
  ];
  test.each(cases)('%s is refused at every door, its private member never quoted', (_, text) => {
    judgedEverywhere(text, text.includes(D) ? D : rsaJwk.d);
  });

  test.each([
    [
      'a text item whose ConfigMap holds a JWK as YAML',
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: jw}\ndata:\n  jwk.yaml: |\n    kty: EC\n    d: ${D}\n`,
    ],
    ['a custom resource with kty as a list', { apiVersion: 'x.io/v1', kind: 'Key', metadata: { name: 'k' }, spec: { kty: ['EC'], d: D } }],
    ['a custom resource with "kty " and D', { apiVersion: 'x.io/v1', kind: 'Key', metadata: { name: 'k' }, spec: { 'kty ': 'EC', D } }],
  ])('extraObjects: %s is refused without quoting it', (_, item) => {
    const errors = configErrors(withTraefikValues({ extraObjects: [item] })).join('\n');
    expect(errors).toContain('traefik.values.extraObjects[0]');
    expect(errors).not.toContain(D);
  });

  test('a JWK text in a hand-edited dist file is redacted in the check/dry-run diff', () => {
    const shown = shownInDiff(`jwk: "{kty: EC, crv: P-256, d: ${D}}"`);
    // The whole valuesContent is blanked, as for the JSON text: what is shown is where it changed, not what.
    expect(shown).not.toContain(D);
    expect(shown).toContain('kind: HelmChartConfig');
  });

  test.each([
    ['a public JWK (no private member)', publicJwk],
    ['`d` in a map that is no JWK', '{d: 5, name: web}'],
    ['`d` next to crv alone', '{crv: P-256, d: 5}'],
  ])('control: %s is accepted', (_, text) => {
    expect(configErrors(withTraefikValues({ deployment: { podAnnotations: { foo: text } } }))).toEqual([]);
  });
});

describe('27a-3: a key split in groups by blanks or separators', () => {
  const sshHex = sshBody.toString('hex').match(/../g) as string[];
  test.each([
    ['base64 DER, blank every 4', groups(derB64, 4)],
    ['base64 DER, blank every 8', groups(derB64, 8)],
    ['base64 DER, blank every 3', groups(derB64, 3)],
    ['base64 DER, tab every 16', groups(derB64, 16, '\t')],
    ['base64 OpenSSH body, blank every 4', groups(sshBody.toString('base64'), 4)],
    ['the shortest run judged, 60 characters', groups(derB64.slice(0, 60), 4)],
  ])('%s is a private key (base64-encoded), at every door', (_, text) => {
    expect(secretShape(`note ${text} end`)).toBe('a private key (base64-encoded)');
    expect(redact(`x "${text}", y`)).toBe('x "<redacted>", y');
    judgedEverywhere(text, text.slice(20, 40));
  });
  test.each([
    ['colons', sshHex.join(':')],
    ['blanks', sshHex.join(' ')],
  ])('OpenSSH body in hex with %s is a private key (hex-encoded), at every door', (_, text) => {
    expect(secretShape(text)).toBe('a private key (hex-encoded)');
    judgedEverywhere(text, text.slice(60, 90));
  });
  test('either, appended to a dist file, is redacted in the diff', () => {
    for (const text of [groups(derB64, 4), sshHex.join(':')]) expect(shownInDiff(`foo: "${text}"`)).not.toContain(text.slice(20, 40));
  });

  const spki = (ec.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64');
  test.each([
    ['prose of short words', 'Make sure that all of the boxes are ticked before you go home today, then MIGH AgEA and call'],
    ['capitals', 'MIT BSD GPL ASL MPL EPL CDDL LGPL AGPL ISC ZLIB UNLICENSE WTFPL MS-PL CC0 Artistic PostgreSQL X11'],
    ['a public key in groups', groups(spki, 4)],
    ['a run of 59 characters that decodes like a key', groups(derB64.slice(0, 59), 4)],
    ['hex that is no OpenSSH body', (Buffer.from('openssh-key-v2 and more text here').toString('hex').match(/../g) as string[]).join(':')],
  ])('control: %s is no secret shape', (_, text) => {
    expect(secretShape(text)).toBeUndefined();
  });
});

// Timed in `npm run bench` (hostile input); the generous timeout fails only a hang.
test.each(hostile.keyShapes27a(HOSTILE_TEST_SIZE))(
  'a long text of %s is judged',
  (_, text) => {
    secretShape(text);
    redact(text);
  },
  60_000,
);

describe('27a-4: schemeless URL credentials with a percent-encoded colon', () => {
  test.each(['admin%3AHunter2Pw@h.example', 'admin%3aHunter2Pw@h.example', 'ftp://admin%3AHunter2Pw@h.example/x'])(
    '%s is a URL with credentials, as admin:Hunter2Pw@h.example is',
    (text) => {
      expect(secretShape(text)).toBe('a URL with credentials');
      expect(secretShape(text.replace(/%3a/i, ':'))).toBe('a URL with credentials');
      judgedEverywhere(text, 'Hunter2Pw');
    },
  );
  test.each(['admin%3AHunter2Pw', 'team%40example.org', 'a%3Ab'])('control: %s (no userinfo before a host) is none', (text) => {
    expect(secretShape(text)).toBeUndefined();
  });
});

describe('review 8: a CRLF-wrapped key is redacted on every line', () => {
  const rsaDer = (rsa.privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
  test.each([
    ['base64 DER', rsaDer],
    ['PEM', rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string],
  ])('%s', (_, key) => {
    const lines = (key.includes('BEGIN') ? key.trim().split('\n') : groups(rsaDer, 64, '\n').split('\n')).filter(Boolean);
    const text = `key:\r\n  ${lines.join('\r\n  ')}\r\nnext: 1\r\n`;
    const out = redact(text);
    expect(out.split('\r\n')).toHaveLength(text.split('\r\n').length);
    for (const line of lines.filter((l) => !l.startsWith('-----'))) expect(out).not.toContain(line);
    expect(out).toContain('next: 1\r\n');
  });
});
