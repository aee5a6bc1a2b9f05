// Round 70 second wave (false70b): false refusals 70a-13 (a CSR and a PGP public key block are public material),
// 70a-22 (a hex digest is never decoded into text), 70a-8 (a `read -s -p` prompt then "$VAR"), 70a-14 (notes under a
// password label that give none), 70a-12 (Authelia's settings maps and token lifespans). Each must-pass row passes every
// door; its secret neighbour stays refused, the secret never shown.
import { secretShape, secretsInLines } from '../src/core/secrets';
import { keyedSecret } from '../src/core/secrets-text';
import { secretsInFiles } from '../src/output/secret-gate';
import { acceptedEverywhere, refusedEverywhere, refusedOnlyForKind, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

const GENERATED = 'Zq8vLm3pXw01Kj7HgF5dS3aP1oI9uY7t';
const CSR_PEM =
  '-----BEGIN CERTIFICATE REQUEST-----\nMIHQMHgCAQAwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggq\nhkjOPQMBBwNCAAT9SGughRUcgZPOV3Rl+qugZXUzogbOfxJGyM1EQz6F8+V6AVAj\nlGq422CufE+mmkSqHIJkgxaoKzECeZwCErxSoAAwCgYIKoZIzj0EAwIDSAAwRQIg\na+glGChnApJNAXJS5Xfsy9feov4N8ziFgqz4N93IEEwCIQCFXBLovR2rCZ0xrgiH\nnp9Dlu7D3BhrQ+2sNqTRSpLJWg==\n-----END CERTIFICATE REQUEST-----';
const CSR_BASE64 =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIUU1IZ0NBUUF3RmpFVU1CSUdBMVVFQXd3TFpYaGhiWEJzWlM1amIyMHdXVEFUQmdjcWhrak9QUUlCQmdncQpoa2pPUFFNQkJ3TkNBQVQ5U0d1Z2hSVWNnWlBPVjNSbCtxdWdaWFV6b2diT2Z4Skd5TTFFUXo2RjgrVjZBVkFqCmxHcTQyMkN1ZkUrbW1rU3FISUprZ3hhb0t6RUNlWndDRXJ4U29BQXdDZ1lJS29aSXpqMEVBd0lEU0FBd1JRSWcKYStnbEdDaG5BcEpOQVhKUzVYZnN5OWZlb3Y0Tjh6aUZncXo0TjkzSUVFd0NJUUNGWEJMb3ZSMnJDWjB4cmdpSApucDlEbHU3RDNCaHJRKzJzTnFUUlNwTEpXZz09Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=';
const RSA_CSR_PEM =
  '-----BEGIN CERTIFICATE REQUEST-----\nMIICWzCCAUMCAQAwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wggEiMA0GCSqGSIb3\nDQEBAQUAA4IBDwAwggEKAoIBAQCf2z6wxqexIvRLgTOUbbPG/YQfRG6aM14UJquW\nNxkwa6axLOEFsqE/BOLbHDum3NgTbCJZVqDmCM7lvfOpJZEb/kCcUoPVNBVWe+4Y\n9Zlqk7FG/e/mJihNIHcM9WaNpSjc7ndH/upS07X3mFA7DjgCoLm91xBZxzpnQHTw\ndQT+r5UHND+U3/XeRfuOEP9nSbXlBw9JYCO2H9/3cQ2hU1gORuNHt+VeNZIfzKWN\npfypC1Hqv+lvC161+mQL44kp8ZYCpCN9wOgZZHJ1/+prKArQkFcnTSJsDUaU1j1c\nvOVH76n4/jvc6sKJ5rg043BeZy6l34UEaWluJHxlkAtobc03AgMBAAGgADANBgkq\nhkiG9w0BAQsFAAOCAQEAPd/bqDtJUMXrcBGAHqTDM08Y3aEOwdmfI8GTweSjzO5v\nF4eiLGjw1xzySwG+8k8M3zOqrWlRvQRxTeCIZ34GwcNjmetCkDMHVilRpu2Gxh9Z\nPUBWat8rv02pkaXtOpSJq0IhCDqFVs4Ft0xvK9TQl2asrkIrmYDVP6KY5VnEEhux\nTJGWoIug5C/I0c7MmAG7Np/f6OPX0xHXUHl+tOxKSnU9viC/gIqBLWv4UMsj7kzo\nWGcX0q98HpWA/z+6dajqvo9PBpl1tkuoUJGJRZP/WSGgvZCmOrBU5fr9HKc7z6DI\nDkVhCtPIwk5xPlBbfC0GipRDZ1BzqMxjKacgyxHwnQ==\n-----END CERTIFICATE REQUEST-----';
const PGP_PUBLIC =
  '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEaxXW+BYJKwYBBAHaRw8BAQdAXyedVUGBfD4iZ75uJ6jEYID91K4ppcPr9H9Z\ngYNXTkS0FW9wcyA8b3BzQGV4YW1wbGUuY29tPoiQBBMWCAA4FiEEr9uxVRQrlrg5\n5g3v5x4hcGnrHOIFAmsV1vgCGwMFCwkIBwIGFQoJCAsCBBYCAwECHgECF4AACgkQ\n5x4hcGnrHOJ0+wEA6nga4/6EmBjK3B6kSbbOobAz1Kn/hkQRdEp29zjj0pwBAPFV\nm3MA28+jG0eYWDKWawQhb/VQmUtWDb1VMvFCmvwO\n=WTJ6\n-----END PGP PUBLIC KEY BLOCK-----';
const PGP_PRIVATE =
  '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlFgEaxXW+BYJKwYBBAHaRw8BAQdAXyedVUGBfD4iZ75uJ6jEYID91K4ppcPr9H9Z\ngYNXTkQAAP9b4ZNyfn1egWzftR4gKJc4DQldOiBfijgV/K/AEpvB5Q8QtBVvcHMg\nPG9wc0BleGFtcGxlLmNvbT6IkAQTFggAOBYhBK/bsVUUK5a4OeYN7+ceIXBp6xzi\nBQJrFdb4AhsDBQsJCAcCBhUKCQgLAgQWAgMBAh4BAheAAAoJEOceIXBp6xzidPsB\nAOp4GuP+hJgYytwepEm2zqGwM9Sp/4ZEEXRKdvc449KcAQDxVZtzANvPoxtHmFgy\nlmsEIW/1UJlLVg29VTLxQpr8Dg==\n=jYpn\n-----END PGP PRIVATE KEY BLOCK-----';
const PKCS8_BASE64 =
  'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JR0hBZ0VBTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEJHMHdhd0lCQVFRZ1JERnI4TDN6SW40QjZCcTIKdE1MU1BXcWdmT21ZRmhHeWg4MmE3TnJKTFFPaFJBTkNBQVQ5U0d1Z2hSVWNnWlBPVjNSbCtxdWdaWFV6b2diTwpmeEpHeU0xRVF6NkY4K1Y2QVZBamxHcTQyMkN1ZkUrbW1rU3FISUprZ3hhb0t6RUNlWndDRXJ4UwotLS0tLUVORCBQUklWQVRFIEtFWS0tLS0tCg==';
const csrObject = (request: string) => ({
  extraObjects: [
    {
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name: 'k3s-1-serving' },
      spec: { request, signerName: 'kubernetes.io/kubelet-serving', usages: ['digital signature', 'server auth'] },
    },
  ],
});
const imageObject = (image: string) => ({
  extraObjects: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'whoami', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'whoami' } },
        template: { metadata: { labels: { app: 'whoami' } }, spec: { containers: [{ name: 'whoami', image }] } },
      },
    },
  ],
});

describe('70a-13: a certificate signing request and a PGP public key block are public material', () => {
  // Wave 83: cluster-scoped, no kind extraObjects carry (extra-object-kinds.ts): that is its only refusal.
  it('a CSR in a CertificateSigningRequest meets no secret rule', () => refusedOnlyForKind(csrObject(CSR_BASE64)));
  it.each([
    ['an EC CSR as PEM', CSR_PEM],
    ['an RSA CSR as PEM', RSA_CSR_PEM],
    ['a PGP public key block', PGP_PUBLIC],
  ])('%s passes', (_, text) => acceptedEverywhere(textConfigMap(text)));

  it('a PKCS#8 private key in spec.request is refused', () =>
    refusedEverywhere(csrObject(PKCS8_BASE64), 'spec.request', PKCS8_BASE64.slice(40, 80)));
  it('a PGP private key block is refused', () => refusedEverywhere(textConfigMap(PGP_PRIVATE), 'data', PGP_PRIVATE.split('\n')[3]));
});

const DIGEST = '31995d4e310b316e2a354031554771022407a7d390fd8570778bb0f7cea98c6d';
// Its hex holds the bytes `abcd@efgh` amid unprintable ones.
const CRAFTED = '9c0e7f12616263644065666768e1f28391a4b5c6d7e8f90a1b2c3d4e5f607182';
const URL_HEX = Buffer.from('https://admin:Sunfl0wer12x@example.com').toString('hex');

describe('70a-22: a hex digest is never decoded into text', () => {
  it.each([[`traefik/whoami@sha256:${DIGEST}`], [`traefik/whoami@sha256:${CRAFTED}`], [`traefik/whoami:v1.10@sha256:${DIGEST}`]])(
    'image %s passes',
    (image) => acceptedEverywhere(imageObject(image)),
  );
  it.each([[`v06/README.md sha256:${DIGEST}`], [`checksum: ${CRAFTED}`], [`sha256:${CRAFTED}`], [`${DIGEST}  traefik.tar.gz`]])(
    '%s passes',
    (text) => acceptedEverywhere(textConfigMap(text)),
  );
  it("the tool's own .generated-files line passes the write gate", () =>
    expect(secretsInFiles(new Map([['.generated-files', `v05/README.md sha256:${CRAFTED}\nv06/README.md sha256:${DIGEST}\n`]]))).toEqual(
      [],
    ));

  it('hex of a whole URL with credentials is refused', () => refusedEverywhere(textConfigMap(`url: ${URL_HEX}`), 'data', URL_HEX));
  it('a URL with credentials beside a digest is refused', () =>
    refusedEverywhere(textConfigMap(`sha256:${DIGEST} https://admin:Sunfl0wer12x@example.com`), 'data', 'Sunfl0wer12x'));
});

describe('70a-8: a prompt string then a variable reference gives no password', () => {
  it.each([
    'read -s -p "Password: " PW; mysql -u root -p"$PW"',
    'read -rsp "MySQL root password: " PW && mysql -uroot -p"$PW"',
    'read -s -p "Token: " T; curl -H "Authorization: Bearer $T" https://x',
    'read -s -p "Password: " PW; mysql -u root -p"${PW}"',
  ])('%s passes', (text) => acceptedEverywhere(textConfigMap(text)));

  it.each([
    ['read -s -p "Password: " PW; mysql -u root -p"Sunfl0wer12x"', 'Sunfl0wer12x'],
    ['echo "Password: Sunfl0wer12x" "$PW"', 'Sunfl0wer12x'],
    ['read -s -p "Password: " PW; mysql -u root -pSunfl0wer12x', 'Sunfl0wer12x'],
  ])('%s is refused', (text, secret) => refusedEverywhere(textConfigMap(text), 'data', secret));
});

describe('70a-14: a note under a password label that gives no password', () => {
  it.each([
    'Password: none (anonymous)',
    "password: see Bitwarden entry 'k3s-bmc'",
    '# Secret: sealed',
    'Secret: sealed with kubeseal, see sealed/',
    'Default password is printed by `kubectl -n argocd get secret argocd-initial-admin-secret`',
  ])('%s passes', (text) => acceptedEverywhere(textConfigMap(text)));

  it.each([
    ['Password: Sunfl0wer12x', 'Sunfl0wer12x'],
    ['password: Sunfl0wer12x (see Bitwarden)', 'Sunfl0wer12x'],
    [`Secret: ${GENERATED}`, GENERATED],
    ['machine git.example.com login ops password Sunfl0wer12x', 'Sunfl0wer12x'],
  ])('%s is refused', (text, secret) => refusedEverywhere(textConfigMap(text), 'data', secret));
});

describe('70a-12: Authelia settings maps and token lifespans are no secret', () => {
  it.each([
    'totp:\n  disable: false\n  issuer: auth.example.com\n  digits: 6\n  period: 30',
    'identity_validation:\n  reset_password:\n    jwt_lifespan: 5m\n    jwt_algorithm: HS256',
    'identity_providers:\n  oidc:\n    lifespans:\n      access_token: 1h\n      authorize_code: 1m\n      id_token: 1h\n      refresh_token: 90m',
    'otp:\n  enabled: true',
  ])('%s passes', (text) => acceptedEverywhere(textConfigMap(text)));

  it.each([
    [`totp:\n  secret: ${GENERATED}`, GENERATED],
    [`access_token: ${GENERATED}`, GENERATED],
    [`identity_validation:\n  reset_password:\n    jwt_secret: ${GENERATED}`, GENERATED],
    ['reset_password: Sunfl0wer12x', 'Sunfl0wer12x'],
  ])('%s is refused', (text, secret) => refusedEverywhere(textConfigMap(text), 'data', secret));
});

describe('the readers these rows changed stay linear', () => {
  it.each([
    ['prompts', 'read -s -p "Password: " PW; '.repeat(3700)],
    ['quotes before labels', `${'"'.repeat(50)} password: " PW; `.repeat(1500)],
    ['indented armour lines', `    BEGIN PGP PUBLIC KEY BLOCK-----\n${' '.repeat(2000)}\n`.repeat(48)],
    ['digests', `x sha256:${DIGEST}\n`.repeat(1300)],
    ['notes', 'Secret: sealed with kubeseal, see sealed/ '.repeat(2400)],
  ])('100 kB of %s', (_, long) => {
    const text = long.slice(0, 100_000);
    const start = process.cpuUsage();
    secretShape(text);
    secretsInLines(text);
    keyedSecret(text.split('\n')[0]);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
