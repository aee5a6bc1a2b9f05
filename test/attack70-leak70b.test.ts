// Round 70 (leak70b): secrets the gate let through, each refused at every door (config, K3sVipCluster,
// TraefikHelmChartConfig, the write gate) as a ConfigMap's text, never shown: 70a-2 keys named "password" or "secret key"
// in more languages, 70a-20 passwords in prose in more languages and short forms, 70a-9 Java keystores and OpenPGP secret
// keys in base64, 70a-10 the ssh.com private key armour; 70a-19 a kube-vip `bgp_peers` string as a peer's address, 70a-21
// validate's schema messages, 70a-23 `npm run new` with a password as the name. Their neighbours stay accepted.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { KubeVipChart } from '../src';
import { binaryKeystoreSpans } from '../src/core/binary-keystores';
import { foreignProsePasswordSpans } from '../src/core/foreign-prose-passwords';
import { labelledPasswordSpans } from '../src/core/labelled-password-values';
import { newCluster } from '../src/new-cluster';
import { formatViolation, validateManifests } from '../src/validate/conformance';
import { configErrors, devConfig, refusalOf, withChanges } from './helpers';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

// Made with keytool (JDK 21) and gpg 2.2: `keytool -genkeypair … -storetype JKS`, `keytool -genseckey … -storetype JCEKS`,
// `keytool -importcert` into an empty store (the truststores), `gpg --export-secret-keys` of an ed25519 key with no
// passphrase and `gpg --export` of its public key; each `base64 -w0`.
const JKS_WITH_KEY =
  '/u3+7QAAAAIAAAABAAAAAQADYXBwAAABok0TTMwAAAK7MIICtzAOBgorBgEEASoCEQEBBQAEggKj6PglnNoovGa68EGjtuGh7X7BxomexntEpU5IvTOy14SRrZM6COaw1nJBn6biGurKmg3KPr1H1cIuz11bhYYToxQPGBI/sKvy2jtt8lg5E6nD1p4oUtQ3pucJXm8WFZbqvwSmqqTQs6FhqEP4N6qNDD4gHZmZeQrXnqa35pb/sX9IzbemkVUa/VpGWPnJ6u4CNDCGfsZshd1GMzPByg3WmPMz9tygmgJ8+SuRZGmtl8V0pdCyhtIKUs6bjAxva+1SFSkfMPWgwV4UujsVO0GENLn4F5Begme6XlAjrg3UG33pxsWTCbyFUwEajpcakWLnBy+3NcufSyJCxNcx8iX6r2I2BBYm4YDtNO55GidLjUF0536CDResjFzBc1LNiAVYqOpbTvYb79v5hLhYMQJQdcsHDdeVpjjt38+lkmr3BLnLYl6/y6v7OpQrB8YO6L6qN8+JTJ8irJc46WrRhCFdwTrwxhdjEPq/RIQpRF7qj64M15Y2FVYNRF4pE8ExCM2t85X6PoqFKdUz5h2kaPnwkphD06uFLcNv34DvsYrtkm8pcZ10hO0SEMdSGqO7oYL8UpIxrim9lO5kBPT7erOqtEdAENvmtbfbQwrQoIg8uzQRA105POhveVtTGLfZR8N5Z+L//Cy9BCqtPBuotoSqDZ5NNH2sI819lICC1PtBbltejWuWtT6La3/T1ndHsViyUxhp12baVrVyfJpbse/Q1UULU7fJ2IfA1BTe0cTvJj5mx/c2sfuVjer1THBmZRvSQT7075HSylsDbaL32RHjJQ01nwYGmnSH/kxLi9PLcpzE/QHyCCqdfqFOxI56PdudAQU7H2HZ23y4DGxV/iNaBdr0qATuPM4HGEzQnDII5OCM3H6FRKYPXwYhDSQ5lQX5oJAmAAAAAQAFWC41MDkAAAG/MIIBuzCCASSgAwIBAgIJAO8H+u4l8L4QMA0GCSqGSIb3DQEBCwUAMA4xDDAKBgNVBAMTA2FwcDAeFw0yNjEyMDYyMDM3MTlaFw0yNzAzMDYyMDM3MTlaMA4xDDAKBgNVBAMTA2FwcDCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEAtX6ZNr/CZq1ypqGzt7MYJkfy19vfsvrXEefGlNEB03Dg++9bO90D4tZHM2Qrd0XlsWx5bVmYfsjjJV60diH+nb/RVmobrVBgTfh/L8vVLvS7D/M1UFlhTb3uBlg5cy1Zsj2Ucts2IdSGR2a9NlaeaGH8BMmCmt/bq50PP5j5a7UCAwEAAaMhMB8wHQYDVR0OBBYEFESR6U+IrULlbVODlKPQJXw8vwq8MA0GCSqGSIb3DQEBCwUAA4GBACT2UALk+WgVWS9NUYyIJM69gUk2cgIsqMehRkyAGFNOuZmkj87pkAxYfmenQWes1m8eQCVRf/uI9erk+tg83QCTJ35W01Kk1KtG8QsPe4NjkmLmS8vGQ7vZlzYMxgakbtS3ts7xJ/+qmShhLy6mWeD3pvLZgCKmLcFEp92ZODyW2froqIFgZpxgRIPrbqgZyCRBrFs=';
const JCEKS_WITH_SECRET_KEY =
  'zs7OzgAAAAIAAAABAAAAAwADYWVzAAABok0TVZus7QAFc3IAM2NvbS5zdW4uY3J5cHRvLnByb3ZpZGVyLlNlYWxlZE9iamVjdEZvcktleVByb3RlY3Rvcs1XylnnMLtTAgAAeHIAGWphdmF4LmNyeXB0by5TZWFsZWRPYmplY3Q+Nj2mw7dUcAIABFsADWVuY29kZWRQYXJhbXN0AAJbQlsAEGVuY3J5cHRlZENvbnRlbnRxAH4AAkwACXBhcmFtc0FsZ3QAEkxqYXZhL2xhbmcvU3RyaW5nO0wAB3NlYWxBbGdxAH4AA3hwdXIAAltCrPMX+AYIVOACAAB4cAAAABEwDwQIiXPacvd0FEECAwMNQHVxAH4ABQAAAJB7NTSB9IqUjc/7nUAKYhmR6C5OXVuSlQdhDL2yC3vHuqG4iM9UBUX2+l1rI0mhS4FpwtrilFr2OxAZIRwQzgLGpJzlgpCQ7vdnduYLvqmgDLapTMJFE/23qbi3mjOG6n3BpGj9MQwioGRGXDcFyFdlebfy2vbl8xkhKGuNs9xPZK8qtu65m/A+voQppisCinp0ABZQQkVXaXRoTUQ1QW5kVHJpcGxlREVTdAAWUEJFV2l0aE1ENUFuZFRyaXBsZURFU8Htiu2UBdpc8O9XXbTD0kL5nzBu';
const JKS_TRUSTSTORE =
  '/u3+7QAAAAIAAAABAAAAAgACY2EAAAGiTRNrWAAFWC41MDkAAAG/MIIBuzCCASSgAwIBAgIJAO8H+u4l8L4QMA0GCSqGSIb3DQEBCwUAMA4xDDAKBgNVBAMTA2FwcDAeFw0yNjEyMDYyMDM3MTlaFw0yNzAzMDYyMDM3MTlaMA4xDDAKBgNVBAMTA2FwcDCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEAtX6ZNr/CZq1ypqGzt7MYJkfy19vfsvrXEefGlNEB03Dg++9bO90D4tZHM2Qrd0XlsWx5bVmYfsjjJV60diH+nb/RVmobrVBgTfh/L8vVLvS7D/M1UFlhTb3uBlg5cy1Zsj2Ucts2IdSGR2a9NlaeaGH8BMmCmt/bq50PP5j5a7UCAwEAAaMhMB8wHQYDVR0OBBYEFESR6U+IrULlbVODlKPQJXw8vwq8MA0GCSqGSIb3DQEBCwUAA4GBACT2UALk+WgVWS9NUYyIJM69gUk2cgIsqMehRkyAGFNOuZmkj87pkAxYfmenQWes1m8eQCVRf/uI9erk+tg83QCTJ35W01Kk1KtG8QsPe4NjkmLmS8vGQ7vZlzYMxgakbtS3ts7xJ/+qmShhLy6mWeD3pvLZgCKmLcFEp92ZODyWf4Jlh5P1+Gy7X3LVQdqlzOlPneY=';
const JCEKS_TRUSTSTORE =
  'zs7OzgAAAAIAAAABAAAAAgACY2EAAAGiTRNy3gAFWC41MDkAAAG/MIIBuzCCASSgAwIBAgIJAO8H+u4l8L4QMA0GCSqGSIb3DQEBCwUAMA4xDDAKBgNVBAMTA2FwcDAeFw0yNjEyMDYyMDM3MTlaFw0yNzAzMDYyMDM3MTlaMA4xDDAKBgNVBAMTA2FwcDCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEAtX6ZNr/CZq1ypqGzt7MYJkfy19vfsvrXEefGlNEB03Dg++9bO90D4tZHM2Qrd0XlsWx5bVmYfsjjJV60diH+nb/RVmobrVBgTfh/L8vVLvS7D/M1UFlhTb3uBlg5cy1Zsj2Ucts2IdSGR2a9NlaeaGH8BMmCmt/bq50PP5j5a7UCAwEAAaMhMB8wHQYDVR0OBBYEFESR6U+IrULlbVODlKPQJXw8vwq8MA0GCSqGSIb3DQEBCwUAA4GBACT2UALk+WgVWS9NUYyIJM69gUk2cgIsqMehRkyAGFNOuZmkj87pkAxYfmenQWes1m8eQCVRf/uI9erk+tg83QCTJ35W01Kk1KtG8QsPe4NjkmLmS8vGQ7vZlzYMxgakbtS3ts7xJ/+qmShhLy6mWeD3pvLZgCKmLcFEp92ZODyWe/OuIdOATTKPQsEOsC4Pv1BDDvo=';
const PGP_SECRET_KEY =
  'lFgEaxXHihYJKwYBBAHaRw8BAQdATdpHwKXCtIMx/0rJ2Lp3tyBiMLBGshLG5uCkFxW+uXgAAQDiiAzm28mKgLP1QtBQHbKjbjSIlcOWE8xwkt8ZfJPOmRHutBVvcHMgPG9wc0BleGFtcGxlLmNvbT6IkAQTFggAOBYhBCSSFHv+w5M2tsUVnU9On4GgCS48BQJrFceKAhsDBQsJCAcCBhUKCQgLAgQWAgMBAh4BAheAAAoJEE9On4GgCS489wgA/043WRbQwjsNLdhZ7uARq2SB1QgitLmkI8AIpo2S6MWeAP9hI0EwIpcEZ5/2gcxVYr2JJ2aNhEIwlpMS64y8v0Y3AA==';
const PGP_PUBLIC_KEY =
  'mDMEaxXHihYJKwYBBAHaRw8BAQdATdpHwKXCtIMx/0rJ2Lp3tyBiMLBGshLG5uCkFxW+uXi0FW9wcyA8b3BzQGV4YW1wbGUuY29tPoiQBBMWCAA4FiEEJJIUe/7Dkza2xRWdT06fgaAJLjwFAmsVx4oCGwMFCwkIBwIGFQoJCAsCBBYCAwECHgECF4AACgkQT06fgaAJLjz3CAD/TjdZFtDCOw0t2Fnu4BGrZIHVCCK0uaQjwAimjZLoxZ4A/2EjQTAilwRnn/aBzFVivYknZo2EQjCWkxLrjLy/RjcA';

/** An ssh.com (SecSH) private key's body: the magic 0x3F6FF9EB, its length, the key type and cipher `none` (putty import.c). */
const sshcomBody = (): string => {
  const text = (value: string) => Buffer.concat([Buffer.from([0, 0, 0, value.length]), Buffer.from(value)]);
  const rest = Buffer.concat([text('if-modn{sign{rsa-pkcs1-sha1},encrypt{rsa-pkcs1v2-oaep}}'), text('none'), Buffer.alloc(120, 0x5a)]);
  const head = Buffer.from([0x3f, 0x6f, 0xf9, 0xeb, 0, 0, 0, rest.length + 8]);
  return Buffer.concat([head, rest]).toString('base64');
};
const SSHCOM = sshcomBody();
const wrap = (run: string) => run.match(/.{1,70}/g)!.join('\n');
/** An empty JKS: magic, version 2, no entry, the SHA-1 of the store's integrity check (any 20 bytes here). */
const EMPTY_JKS = Buffer.concat([Buffer.from('feedfeed0000000200000000', 'hex'), Buffer.alloc(20, 7)]).toString('base64');

// [row, the text, the secret it holds (never shown)]
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  ['Schlüssel alone over a generated value (80a-15)', 'Schlüssel: Sunfl0wer05x', 'Sunfl0wer05x'],
  // 70a-2
  ['Albanian fjalëkalimi', 'fjalëkalimi: Sunfl0wer01x', 'Sunfl0wer01x'],
  ['Korean 비번', '비번: Sunfl0wer02x', 'Sunfl0wer02x'],
  ['Korean 비밀키', '비밀키: Sunfl0wer03x', 'Sunfl0wer03x'],
  ['Serbo-Croatian šifra', 'šifra: Sunfl0wer04x', 'Sunfl0wer04x'],
  ['German Zugangsschlüssel', 'Zugangsschlüssel: Sunfl0wer05x', 'Sunfl0wer05x'],
  ['Russian пин_код', 'пин_код: "4711x9"', '4711x9'],
  ['Malay katalaluan', 'katalaluan: Sunfl0wer07x', 'Sunfl0wer07x'],
  ['Swedish hemlighet', 'hemlighet: Sunfl0wer08x', 'Sunfl0wer08x'],
  ['Japanese 合言葉', '合言葉: Sunfl0wer09x', 'Sunfl0wer09x'],
  ['Finnish salaisuus', 'salaisuus = Sunfl0wer10x', 'Sunfl0wer10x'],
  ['Finnish tunnuslause', 'tunnuslause: Sunfl0wer11x', 'Sunfl0wer11x'],
  ['Spanish llave_api', 'llave_api: Sunfl0wer12x', 'Sunfl0wer12x'],
  ['Serbian lozinka under a prefix', 'db_lozinka: Sunfl0wer13x', 'Sunfl0wer13x'],
  // 70a-20
  ['Bulgarian Паролата е', 'Паролата е Sunfl0wer13x', 'Sunfl0wer13x'],
  ['Azerbaijani Şifrə:', 'Şifrə: Sunfl0wer34x', 'Sunfl0wer34x'],
  ['Korean 비번은', '비번은 Sunfl0wer38y', 'Sunfl0wer38y'],
  ['French Le code wifi est', 'Le code wifi est Sunfl0wer44x', 'Sunfl0wer44x'],
  ['Dutch ww:', 'ww: Sunfl0wer51x', 'Sunfl0wer51x'],
  ['Swedish lösen:', 'lösen: Sunfl0wer52x', 'Sunfl0wer52x'],
  ['Danish koden til wifi er', 'koden til wifi er Sunfl0wer53y', 'Sunfl0wer53y'],
  ['Vietnamese mk wifi là', 'mk wifi là Sunfl0wer59y', 'Sunfl0wer59y'],
  ['Afrikaans Die wagwoord is', 'Die wagwoord is Sunfl0wer26x', 'Sunfl0wer26x'],
  ['Latvian Parole ir', 'Parole ir Sunfl0wer60x', 'Sunfl0wer60x'],
  ['Malay Kata laluan ialah', 'Kata laluan ialah Sunfl0wer61x', 'Sunfl0wer61x'],
  ['Swahili Nenosiri ni', 'Nenosiri ni Sunfl0wer62x', 'Sunfl0wer62x'],
  ['a person’s password after ww:', 'ww: Summer2024!', 'Summer2024!'],
  // 70a-9
  ['JKS with a PrivateKeyEntry', JKS_WITH_KEY, JKS_WITH_KEY.slice(40, 80)],
  ['JKS with a PrivateKeyEntry, line-wrapped', wrap(JKS_WITH_KEY), JKS_WITH_KEY.slice(0, 60)],
  ['JCEKS with a SecretKeyEntry', JCEKS_WITH_SECRET_KEY, JCEKS_WITH_SECRET_KEY.slice(40, 80)],
  ['OpenPGP secret key (binary, base64)', PGP_SECRET_KEY, PGP_SECRET_KEY.slice(40, 80)],
  ['OpenPGP secret key, line-wrapped', wrap(PGP_SECRET_KEY), PGP_SECRET_KEY.slice(0, 60)],
  // 70a-10
  [
    'ssh.com encrypted private key armour',
    `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "rsa-key-20240101"\n${wrap(SSHCOM)}\n---- END SSH2 ENCRYPTED PRIVATE KEY ----`,
    SSHCOM.slice(20, 60),
  ],
  ['ssh.com private key armour cut short', `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n${wrap(SSHCOM)}`, SSHCOM.slice(20, 60)],
  ['ssh.com private key body alone', SSHCOM, SSHCOM.slice(20, 60)],
];

const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  // 70a-2's neighbours
  ['a sentence mentioning šifra', 'šifra je obavezna'],
  // Round 80 (80a-15): `Schlüssel: Sunfl0wer05x` is refused now (the word alone in any case, as `SCHLUESSEL`); a name passes.
  ['Schlüssel alone holding a name (as ROUTING_KEY does)', 'Schlüssel: user_id'],
  ['Korean 비번 in a sentence', '비번을 잊으셨나요? 관리자에게 문의하세요'],
  ['hemlighet reference', 'hemlighet: ${APP_SECRET}'],
  // 70a-20's neighbours
  ['Bulgarian sentence', 'Паролата е задължителна'],
  ['Afrikaans sentence', 'Die wagwoord is in die kluis'],
  ['French sentence', 'Le code wifi est affiché sur la box'],
  ['Danish sentence', 'koden til wifi er på routeren'],
  ['Dutch ww: a word', 'ww: zie kluis'],
  ['Dutch ww: a number', 'ww: 42'],
  ['Swedish lösen: a word', 'lösen: finns i valvet'],
  ['Vietnamese sentence', 'mk wifi là gì?'],
  ['Latvian sentence', 'Parole ir obligāta'],
  ['www address', 'www: example.com'],
  // 70a-9's neighbours
  ['JKS truststore (certificates only)', JKS_TRUSTSTORE],
  ['JCEKS truststore (certificates only)', JCEKS_TRUSTSTORE],
  ['an empty JKS', EMPTY_JKS],
  ['OpenPGP public key (binary, base64)', PGP_PUBLIC_KEY],
  ['a base64 run starting with l', 'lFgE' + 'A'.repeat(60)],
  // 70a-10's neighbours
  [
    'ssh.com public key armour',
    `---- BEGIN SSH2 PUBLIC KEY ----\nComment: "rsa-key"\nAAAAB3NzaC1yc2EAAAADAQABAAAAgQC7\n---- END SSH2 PUBLIC KEY ----`,
  ],
];

describe('70a-2/9/10/20: refused at every door, never shown', () => {
  test.each(REFUSED)('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('their neighbours that hold no secret stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('the new readers are linear (100 kB)', () => {
  const N = 100_000;
  const repeat = (piece: string) => piece.repeat(Math.ceil(N / piece.length)).slice(0, N);
  test.each([
    ['JKS heads', () => binaryKeystoreSpans(repeat(`/u3+7QAAAAIAAAABAAAAAg${'A'.repeat(40)} `))],
    ['PGP-like heads', () => binaryKeystoreSpans(repeat(`lFgEaxXHihYJKwYBBAHaRw8BAQdATd${'A'.repeat(20)} `))],
    ['a long base64 run', () => binaryKeystoreSpans(`lFgE${repeat('A')}`)],
    ['ssh.com openings', () => binaryKeystoreSpans(repeat('---- BEGIN SSH2 PRIVATE KEY ----\n-'))],
    ['short labels', () => foreignProsePasswordSpans(repeat('ww: lösen: '))],
    ['network labels', () => labelledPasswordSpans(repeat('koden til wifi er mk wifi là code wifi '))],
  ])('%s', (_, read) => {
    read(); // compiled once
    const start = process.cpuUsage();
    read();
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});

describe("70a-19: kube-vip's bgp_peers form as a peer's address is refused without its password", () => {
  const bgp = (address: string) => ({
    kubeVip: { mode: 'bgp', controlPlane: { address: '192.168.0.40' }, bgp: { as: 65000, peers: [{ address, as: 65001 }] } },
  });
  const chart = (address: string) =>
    refusalOf(
      () =>
        new KubeVipChart(new App(), 'k', {
          version: 'v1.2.3',
          controlPlaneAddress: '192.168.0.40',
          bgp: { as: 65000, peers: [{ address, as: 65001 }] },
        }),
    );
  test.each([
    ['a person’s password', '192.168.0.1:65000:Summer2024!:false', 'Summer2024!'],
    ['a word', '192.168.0.1:65000:swordfish:false', 'swordfish'],
    ['an IPv6 peer in brackets', '[fd00::1]:65000:swordfish:true', 'swordfish'],
  ])('%s', (_, address, secret) => {
    const config = configErrors(withChanges(devConfig(), bgp(address))).join('\n');
    for (const message of [config, chart(address)]) {
      expect(message).toContain('peers[0].address');
      expect(message).toContain('bgp_peers');
      expect(message).not.toContain(secret);
    }
  });
  test.each([
    ['a bad IPv4 address is still quoted', '192.168.0.300', '"192.168.0.300" is not an IP address'],
    ['a bad IPv6 address is still quoted', '2001:1:2::3::4', '"2001:1:2::3::4" is not an IP address'],
  ])('%s', (_, address, words) => expect(configErrors(withChanges(devConfig(), bgp(address))).join('\n')).toContain(words));
  test('a plain peer address passes', () => expect(configErrors(withChanges(devConfig(), bgp('192.168.0.1')))).toEqual([]));
});

describe('70a-21: validate blanks a copy of a secret another object holds', () => {
  const configMap = (name: string, data: object) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default' },
    data,
  });
  const service = (name: string, port: string) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { [port]: 1, ports: [{ name: port, port: 80 }] },
  });
  const shown = (objects: object[]) =>
    validateManifests(new Map([['d/x.yaml', objects.map((o) => stringify(o)).join('---\n')]]))
      .map(formatViolation)
      .join('\n');
  test.each([
    ['a data key', [configMap('a', { note: 'password: Summer2024!' }), configMap('x', { 'Summer2024!': 1 })], 'Summer2024!', 'data['],
    [
      'a Service port and field',
      [configMap('a', { note: 'password: Hunter2Secret' }), service('web', 'Hunter2Secret')],
      'Hunter2Secret',
      'ports[0].name',
    ],
  ])('%s', (_, objects, secret, where) => {
    const text = shown(objects);
    expect(text).toContain(where);
    expect(text).not.toContain(secret);
  });
  test('with no secret elsewhere, the key is quoted', () => expect(shown([service('web', 'HelloThere')])).toContain('HelloThere'));
});

describe('70a-23: npm run new does not print a password-shaped cluster name', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'k3s-vip-new-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const run = (name: string) => {
    const lines: string[] = [];
    const code = newCluster([name], { configDir: root, schemaFile: join(root, 'config.schema.json'), log: (l) => lines.push(l) });
    return { code, text: lines.join('\n') };
  };
  test.each(['Summer2024!', 'P@ssw0rd', 'Tr0ub4dor&3'])('%s', (name) => {
    const { code, text } = run(name);
    expect(code).toBe(1);
    expect(text).toContain('is not a valid name');
    expect(text).not.toContain(name);
    expect(text.toLowerCase()).not.toContain(name.toLowerCase().replace(/[^a-z0-9]+$/, ''));
  });
  test.each(['My_Cluster', 'edge 1'])('%s is still shown', (name) => expect(run(name).text).toContain(`"${name}"`));
});
