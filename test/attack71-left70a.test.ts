// Round 71 (left70a): the leftovers of attack70a. A scalar seed or password under `otp`/`hotp` is a secret while a
// map of settings, a number, a duration, an algorithm, a switch or an Erlang/OTP release there is none (70a-12's
// remainder); an OpenPGP key's ID or fingerprint after `signing key:` is public, its secret key and passphrase are not
// (70a-13c); a no-break space after a quoted key gets the blank hint (70a-17's remainder); passwords in prose in
// Bengali, Galician, Icelandic, Welsh, Georgian, Kazakh, Mongolian, Albanian and Esperanto (70a-20's remainder).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { secretShape, secretsInLines } from '../src/core/secrets';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

const GENERATED = '7d9fK2pQ8xLmZ3vB';
const BASE32_SEED = 'JBSWY3DPEHPK3PXP';
const dataMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data }],
});
const env = (name: string, value: string) => ({ env: [{ name, value }] });

describe('70a-12 remainder: a scalar secret under otp/totp is refused', () => {
  it.each([
    [`otp: ${GENERATED}`, GENERATED],
    ['otp: Sunfl0wer12x', 'Sunfl0wer12x'],
    [`hotp: ${GENERATED}`, GENERATED],
    [`totp: ${BASE32_SEED}`, BASE32_SEED],
    [`totp: ${GENERATED}`, GENERATED],
    [`totp_secret: ${BASE32_SEED}`, BASE32_SEED],
    [`otp_seed: ${BASE32_SEED}`, BASE32_SEED],
    [`OTP_SECRET=${BASE32_SEED}`, BASE32_SEED],
    [`totp:\n  secret: ${BASE32_SEED}`, BASE32_SEED],
    [`OTP=${GENERATED}`, GENERATED],
  ])('text %s is refused', (text, secret) => refusedEverywhere(textConfigMap(text), 'data', secret));

  it.each([
    ['otp', GENERATED],
    ['totp', BASE32_SEED],
    ['otp_seed', BASE32_SEED],
  ])('a ConfigMap key %s holding a seed is refused', (key, secret) => refusedEverywhere(dataMap({ [key]: secret }), 'data', secret));

  it.each([
    ['OTP', GENERATED],
    ['TOTP_SEED', BASE32_SEED],
    ['TOTP_SECRET', BASE32_SEED],
    ['APP_OTP', 'Sunfl0wer12x'],
  ])('env %s holding a seed is refused', (name, secret) => refusedEverywhere(env(name, secret), 'env[0]', secret));
});

describe('70a-12 remainder: settings under otp/totp pass', () => {
  it.each([
    'otp:\n  enabled: true',
    'otp:\n  enabled: true\n  digits: 6\n  period: 30',
    'totp:\n  disable: false\n  issuer: auth.example.com\n  algorithm: SHA1\n  digits: 6\n  period: 30\n  skew: 1',
    'otp: true',
    'otp: "on"',
    'otp: 6',
    'otp: enabled',
    'otp: SHA1',
    'totp: false',
    'totp: disabled',
    'totp: 30s',
    'otp_period: 30s',
    'totp_algorithm: sha256',
    'otp_digits: 6',
    'ERLANG_OTP=26',
    'ERLANG_OTP=26.2.5',
    'OTP_VERSION=OTP-26.2.1',
  ])('text %s passes', (text) => acceptedEverywhere(textConfigMap(text)));

  it.each([
    ['otp', 'on'],
    ['otp', 'true'],
    ['totp', '30s'],
    ['otp', 'OTP-26.2.1'],
  ])('a ConfigMap key %s: %s passes', (key, value) => acceptedEverywhere(dataMap({ [key]: value })));

  it.each([
    ['ERLANG_OTP', '26'],
    ['ERLANG_OTP', 'OTP-26.2.1'],
    ['OTP', 'enabled'],
    ['OTP_PERIOD', '30'],
    ['TOTP_ALGORITHM', 'SHA256'],
    ['OTP_ENABLED', 'true'],
  ])('env %s=%s passes', (name, value) => acceptedEverywhere(env(name, value)));
});

const PGP_PRIVATE =
  '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlFgEaxXW+BYJKwYBBAHaRw8BAQdAXyedVUGBfD4iZ75uJ6jEYID91K4ppcPr9H9Z\ngYNXTkQAAP9b4ZNyfn1egWzftR4gKJc4DQldOiBfijgV/K/AEpvB5Q8QtBVvcHMg\nPG9wc0BleGFtcGxlLmNvbT6IkAQTFggAOBYhBK/bsVUUK5a4OeYN7+ceIXBp6xzi\nBQJrFdb4AhsDBQsJCAcCBhUKCQgLAgQWAgMBAh4BAheAAAoJEOceIXBp6xzidPsB\nAOp4GuP+hJgYytwepEm2zqGwM9Sp/4ZEEXRKdvc449KcAQDxVZtzANvPoxtHmFgy\nlmsEIW/1UJlLVg29VTLxQpr8Dg==\n=jYpn\n-----END PGP PRIVATE KEY BLOCK-----';

describe('70a-13c: an OpenPGP key ID or fingerprint after `signing key:` is public', () => {
  it.each([
    'signing key: 4AA4767BBC9C4B1D (ops@example.com)',
    'signing key: 4AA4767BBC9C4B1D',
    'Signing key: 4AA4 767B BC9C 4B1D',
    'signing key: 0x4AA4767BBC9C4B1D',
    'signing key: 3AA5C34371567BD2DD3C63C3E5D2B1E2C0F3A4B5',
    'signing key: 3AA5 C343 7156 7BD2 DD3C  63C3 E5D2 B1E2 C0F3 A4B5 (ops@example.com)',
    'signing key: 4AA4767BBC9C4B1D <ops@example.com>',
    'signing_key: 4AA4767BBC9C4B1D',
    'SIGNING_KEY=4AA4767BBC9C4B1D',
    'gpg signing key: 4aa4767bbc9c4b1d',
    '[user]\n  signingkey = 4AA4767BBC9C4B1D',
    'GPG_KEY=3AA5C34371567BD2DD3C63C3E5D2B1E2C0F3A4B5',
  ])('%s passes', (text) => acceptedEverywhere(textConfigMap(text)));

  it.each([
    ['GPG_SIGNING_KEY', '4AA4767BBC9C4B1D'],
    ['GIT_SIGNING_KEY', '3AA5C34371567BD2DD3C63C3E5D2B1E2C0F3A4B5'],
  ])('env %s=%s passes', (name, value) => acceptedEverywhere(env(name, value)));

  it.each([
    ['signing key: Zq8vLm3pXw01Kj7HgF5dS3aP1oI9uY7t', 'Zq8vLm3pXw01Kj7HgF5dS3aP1oI9uY7t'],
    ['signing key: 0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef'],
    ['signing key: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', '9f86d081884c7d659a2feaa0c55ad015'],
    ['signing key passphrase: Sunfl0wer12x', 'Sunfl0wer12x'],
    ['signing key: Sunfl0wer12x', 'Sunfl0wer12x'],
    ['signing key: 4AA4767BBC9C4B1DZq8vLm3pXw01', 'Zq8vLm3pXw01'],
    ['signing_key: 4AA4767BBC9C4B1D4AA4767BBC9C4B1D', '4AA4767BBC9C4B1D4AA4767BBC9C4B1D'],
    [`signing key: |\n${PGP_PRIVATE.replace(/^/gm, '  ')}`, PGP_PRIVATE.split('\n')[3]],
  ])('%s is refused', (text, secret) => refusedEverywhere(textConfigMap(text), 'data', secret));

  it.each([
    ['GPG_SIGNING_KEY', 'Zq8vLm3pXw01Kj7HgF5dS3aP1oI9uY7t'],
    ['SIGNING_KEY', '0123456789abcdef0123456789abcdef'],
  ])('env %s with a secret is refused', (name, value) => refusedEverywhere(env(name, value), 'env[0]', value));
});

const REFERENCE = readFileSync(join(__dirname, '..', 'config', 'examples', 'reference.yaml'), 'utf8');
const errorsOf = (text: string) => parseConfigText('config/x.yaml', text).errors.map(formatDiagnostic);
const withValues = (...lines: string[]) =>
  REFERENCE.replace(
    '  externalCertResolvers: [default]\n',
    `  externalCertResolvers: [default]\n  values:\n${lines.map((l) => `    ${l}`).join('\n')}\n`,
  );

describe('70a-17 remainder: a no-break space after a quoted key gets the blank hint', () => {
  it.each([
    ['a double-quoted key', ['"password":\u00a0Sunfl0wer02x'], /holds the invisible blank U\+00A0 NO-BREAK SPACE.*write a plain space/],
    ['a single-quoted key', ["'password':\u00a0Sunfl0wer02x"], /holds the invisible blank U\+00A0 NO-BREAK SPACE/],
    ['a quoted key in an env item', ['env:', '  - name: X', '    "value":\u00a0Sunfl0wer02x'], /holds the invisible blank U\+00A0/],
    ['a quoted key with an escape', ['"pass\\"word":\u00a0Sunfl0wer02x'], /holds the invisible blank U\+00A0/],
    ['a narrow no-break space', ['"password":\u202fSunfl0wer02x'], /holds the invisible blank U\+202F NARROW NO-BREAK SPACE/],
    ['the plain key, as before', ['password:\u00a0Sunfl0wer02x'], /holds the invisible blank U\+00A0/],
  ])('%s', (_, lines, expected) => {
    const errors = errorsOf(withValues(...lines));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
    expect(errors[0]).not.toMatch(/invalid YAML/);
    expect(errors[0]).not.toContain('Sunfl0wer');
  });

  it('a quoted key with a plain space is judged by the secret rule', () => {
    const errors = errorsOf(withValues('"password": Sunfl0wer02x')).join('\n');
    expect(errors).toContain('traefik.values.password: holds a value under a key named like a secret');
    expect(errors).not.toContain('Sunfl0wer');
    expect(errors).not.toContain('invisible blank');
  });
  it('a quoted key whose value is quoted text with a no-break space inside passes the blank rule', () => {
    const errors = errorsOf(withValues('"logs": {"general": {"format": "a\u00a0b"}}')).join('\n');
    expect(errors).not.toContain('invisible blank');
  });
});

describe('70a-20 remainder: passwords in prose in more languages', () => {
  it.each([
    ['Bengali', 'পাসওয়ার্ড হল Sunfl0wer20x'],
    ['Bengali (হলো)', 'পাসওয়ার্ড হলো Sunfl0wer20x'],
    ['Galician', 'O contrasinal é Sunfl0wer24x'],
    ['Icelandic', 'Lykilorðið er Sunfl0wer25x'],
    ['Icelandic, a colon', 'Lykilorð: Sunfl0wer25x'],
    ['Welsh', 'Y cyfrinair yw Sunfl0wer27x'],
    ['Welsh, a colon', 'Cyfrinair: Sunfl0wer27x'],
    ['Georgian', 'პაროლი არის Sunfl0wer30x'],
    ['Kazakh', 'Құпиясөз: Sunfl0wer32x'],
    ['Kazakh in two words', 'Құпия сөз: Sunfl0wer32x'],
    ['Mongolian', 'Нууц үг: Sunfl0wer35x'],
    ['Mongolian with бол', 'Нууц үг бол Sunfl0wer35x'],
    ['Albanian', 'Fjalëkalimi është Sunfl0wer29x'],
    ['Esperanto', 'La pasvorto estas Sunfl0wer37x'],
  ])('%s: refused', (_, text) => refusedEverywhere(textConfigMap(text), 'data', text.match(/Sunfl0wer\d+x/)![0]));

  it.each([
    ['Bengali', 'পাসওয়ার্ড প্রতি মাসে পরিবর্তন করুন'],
    ['Galician', 'Cambia o contrasinal cada mes'],
    ['Galician, a rule', 'O contrasinal é obrigatorio'],
    ['Icelandic', 'Skiptu um lykilorð mánaðarlega'],
    ['Icelandic, a rule', 'Lykilorðið er of stutt'],
    ['Welsh', 'Newidiwch y cyfrinair bob mis'],
    ['Welsh, a rule', 'Y cyfrinair yw eich enw'],
    ['Georgian', 'შეცვალეთ პაროლი ყოველთვიურად'],
    ['Georgian, a rule', 'პაროლი არის სავალდებულო'],
    ['Kazakh', 'Құпиясөзді ай сайын өзгертіңіз'],
    ['Mongolian', 'Нууц үгээ сар бүр солино уу'],
    ['Albanian, a rule', 'Fjalëkalimi është i detyrueshëm'],
    ['Esperanto, a rule', 'La pasvorto estas sekreta'],
    ['Welsh, a reference', 'Y cyfrinair yw $DB_PASSWORD'],
  ])('%s without a value: passes', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('the readers these rows changed stay linear', () => {
  beforeAll(() => secretShape('warm up: signing key: 4AA4767BBC9C4B1D'));
  it.each([
    ['copulas', 'Y cyfrinair yw a O contrasinal é b Lykilorðið er c '.repeat(2000)],
    ['signing keys', 'signing key: 4AA4767BBC9C4B1D '.repeat(3200)],
    ['otp names', 'otp: on\nERLANG_OTP=26\n'.repeat(4000)],
  ])('100 kB of %s', (_, long) => {
    const text = long.slice(0, 100_000);
    const start = process.cpuUsage();
    secretShape(text);
    secretsInLines(text);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
  it('a config of 100 kB of quoted keys before no-break spaces', () => {
    const lines = `"${'a'.repeat(40)}\\"":\u00a0x\n`.repeat(2000).slice(0, 100_000).split('\n').filter(Boolean);
    const start = process.cpuUsage();
    errorsOf(withValues(...lines));
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
