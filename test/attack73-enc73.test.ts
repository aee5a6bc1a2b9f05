// Round 73 (enc73): attack72b findings. 72b-3 key containers refused as base64 but written as hex (one line or `xxd -p`'s
// wrapped lines) or base32: a Kerberos keytab, a Java keystore, an OpenPGP secret key, a PKCS#12 keystore; 72b-4 a GnuPG
// key file's secret part alone, `(d #…#)`; 72b-5 a raw private key after `signer key`; 72b-9 webhook URLs whose path is
// the credential (a Zapier catch hook, a hex path after `/webhook/`) and a labelled PagerDuty integration key; 72b-11 a
// TOTP seed in an authenticator's groups of eight after a longer label, and a BitLocker recovery password. Each is
// refused at every door and never shown; its nearest plain neighbour (a digest, a truststore, a public key part, an
// OpenPGP key ID, a docs URL, an OTP setting that is a number, a phone number) stays accepted.
import { redact } from '../src/core/secrets';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { configErrors, withTraefikValues } from './helpers';
import { base32, counted, filler, hex, PFX, PFX_TRUSTSTORE } from './byte-fixtures';
import { cpuMillisSince } from './cpu-time';

/** `xxd -p`: hex in lines of 60 digits. */
const xxdLines = (bytes: Buffer): string =>
  bytes
    .toString('hex')
    .match(/.{1,60}/g)!
    .join('\n');

/** A one-entry keytab (MIT krb5 keytab_file_format.rst): 0x0502, HTTP/web.example.com@EXAMPLE.COM, an aes256 key. */
const KEYTAB = Buffer.from(
  'BQIAAABFAAEAC0VYQU1QTEUuQ09NAARIVFRQAAx3ZWIuZXhhbXBsZS5jb20AAAABZQAAAAIAEgAgxNtJc/SdAft0HrpUzbIsqCurn7v95fOwyMqdhZXgnZU=',
  'base64',
);
/** A JKS (JavaKeyStore.java engineLoad): magic, version 2, one entry of tag 1 (a private key): alias, date, key. */
const JKS = Buffer.concat([hex('feedfeed 00000002 00000001 00000001'), counted('app'), filler(8, 2), hex('000002bb'), filler(699, 3)]);
/** The same with a trusted certificate entry (tag 2) only: a truststore. */
const JKS_TRUSTSTORE = Buffer.concat([
  hex('feedfeed 00000002 00000001 00000002'),
  counted('ca'),
  filler(8, 2),
  counted('X.509'),
  hex('000001bf'),
  filler(447, 4),
  filler(20, 5),
]);
/** `gpg --export-secret-keys` of an ed25519 key without passphrase, and `gpg --export` of its public key (attack70-leak70b). */
const PGP_SECRET = Buffer.from(
  'lFgEaxXHihYJKwYBBAHaRw8BAQdATdpHwKXCtIMx/0rJ2Lp3tyBiMLBGshLG5uCkFxW+uXgAAQDiiAzm28mKgLP1QtBQHbKjbjSIlcOWE8xwkt8ZfJPOmRHutBVvcHMgPG9wc0BleGFtcGxlLmNvbT6IkAQTFggAOBYhBCSSFHv+w5M2tsUVnU9On4GgCS48BQJrFceKAhsDBQsJCAcCBhUKCQgLAgQWAgMBAh4BAheAAAoJEE9On4GgCS489wgA/043WRbQwjsNLdhZ7uARq2SB1QgitLmkI8AIpo2S6MWeAP9hI0EwIpcEZ5/2gcxVYr2JJ2aNhEIwlpMS64y8v0Y3AA==',
  'base64',
);
const PGP_PUBLIC = Buffer.from(
  'mDMEaxXHihYJKwYBBAHaRw8BAQdATdpHwKXCtIMx/0rJ2Lp3tyBiMLBGshLG5uCkFxW+uXi0FW9wcyA8b3BzQGV4YW1wbGUuY29tPoiQBBMWCAA4FiEEJJIUe/7Dkza2xRWdT06fgaAJLjwFAmsVx4oCGwMFCwkIBwIGFQoJCAsCBBYCAwECHgECF4AACgkQT06fgaAJLjz3CAD/TjdZFtDCOw0t2Fnu4BGrZIHVCCK0uaQjwAimjZLoxZ4A/2EjQTAilwRnn/aBzFVivYknZo2EQjCWkxLrjLy/RjcA',
  'base64',
);

const SHA256 = 'c2addaa79ee327020f46353c04395f43954b2031657103d8b87592945223d66f';
const GIT_SHA = '8f14e45fceea167a5a36dedd4bea2543b1f7c9e2';
const GPG_D = 'BFE3788EEEF254972C489DA7787C7000F53F6241105BDBE834514B459F441BCB';
const GPG_Q = '40D652BDFAB4045F5E251DB51EF8F83E920C1A641E9F39D8B3A3ACB53630C0FEE8';
const ETH_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const SEED = 'JBSWY3DP EHPK3PXP JBSWY3DP EHPK3PXP';
const BITLOCKER = '123456-654321-111111-222222-333333-444444-555555-666666';

// [row, text, the secret it holds (never shown)]
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  // 72b-3
  ['72b-3 keytab as one hex line', KEYTAB.toString('hex'), KEYTAB.toString('hex').slice(0, 40)],
  ['72b-3 keytab as xxd -p lines', xxdLines(KEYTAB), KEYTAB.toString('hex').slice(0, 40)],
  ['72b-3 keytab as base32', base32(KEYTAB), base32(KEYTAB).slice(0, 40)],
  ['72b-3 keytab as upper-case hex', KEYTAB.toString('hex').toUpperCase(), KEYTAB.toString('hex').slice(0, 40)],
  ['72b-3 JKS as hex', JKS.toString('hex'), JKS.toString('hex').slice(0, 40)],
  ['72b-3 JKS as xxd -p lines', xxdLines(JKS), JKS.toString('hex').slice(0, 40)],
  ['72b-3 JKS as base32', base32(JKS), base32(JKS).slice(0, 40)],
  ['72b-3 OpenPGP secret key as hex', PGP_SECRET.toString('hex'), PGP_SECRET.toString('hex').slice(0, 40)],
  ['72b-3 OpenPGP secret key as xxd -p lines', xxdLines(PGP_SECRET), PGP_SECRET.toString('hex').slice(0, 40)],
  ['72b-3 OpenPGP secret key as base32', base32(PGP_SECRET), base32(PGP_SECRET).slice(0, 40)],
  ['72b-3 PKCS#12 as hex', PFX.toString('hex'), PFX.toString('hex').slice(60, 100)],
  ['72b-3 PKCS#12 as xxd -p lines (key bag on a late line)', xxdLines(PFX), PFX.toString('hex').slice(60, 100)],
  ['72b-3 PKCS#12 as base32', base32(PFX), base32(PFX).slice(40, 80)],
  ['72b-3 keytab hex after a label', `keytab: ${KEYTAB.toString('hex')}`, KEYTAB.toString('hex').slice(0, 40)],
  // 72b-4
  ['72b-4 GnuPG (d #…#) alone', `(d #${GPG_D}#)`, GPG_D],
  ['72b-4 GnuPG (d #…#) indented, lower case', ` (d #${GPG_D.toLowerCase()}#)\n`, GPG_D.toLowerCase()],
  ['72b-4 GnuPG DSA (x #…#)', `(x #${GPG_D}#)`, GPG_D],
  // 72b-5
  ['72b-5 eth signer key 0x…', `eth signer key 0x${ETH_KEY}`, ETH_KEY],
  ['72b-5 signer key: …', `signer key: ${ETH_KEY}`, ETH_KEY],
  ['72b-5 Signer Key = 0x…', `Signer Key = 0x${ETH_KEY}`, ETH_KEY],
  // 72b-9
  ['72b-9 Zapier catch hook', 'https://hooks.zapier.com/hooks/catch/1234567/b8x2k9z/', '1234567/b8x2k9z'],
  ['72b-9 Zapier catch hook in prose', 'Zap trigger: https://Hooks.Zapier.com/hooks/catch/1234567/b8x2k9z', '1234567/b8x2k9z'],
  ['72b-9 hex capability path after /webhook/', `Notify: https://deploy.example.com/webhook/${GIT_SHA}`, GIT_SHA],
  ['72b-9 hex path after /webhooks/, upper case', `url: https://ci.example.com/WEBHOOKS/${SHA256.toUpperCase()}`, SHA256.toUpperCase()],
  ['72b-9 PagerDuty integration key', 'PagerDuty integration key: R0123456789ABCDEF0123456789ABCDE', 'R0123456789ABCDEF0123456789ABCDE'],
  ['72b-9 integration_key =', 'integration_key = R0123456789ABCDEF0123456789ABCDE', 'R0123456789ABCDEF0123456789ABCDE'],
  // 72b-11
  ['72b-11 seed in groups of eight after a long label', `2FA setup key for the admin account is ${SEED}`, SEED],
  ['72b-11 seed in groups of eight, lower case', `otp setup key: ${SEED.toLowerCase()}`, SEED.toLowerCase()],
  ['72b-11 seed in groups of four after a long label', '2FA setup key for the admin account is JBSW Y3DP EHPK 3PXP', 'JBSW Y3DP EHPK 3PXP'],
  ['72b-11 BitLocker recovery key', `BitLocker recovery key: ${BITLOCKER}`, BITLOCKER],
  ['72b-11 manage-bde -RecoveryPassword', `manage-bde -protectors -add C: -RecoveryPassword ${BITLOCKER}`, BITLOCKER],
  ['72b-11 recovery password on its own label', `Recovery password = ${BITLOCKER}`, BITLOCKER],
];

// [row, text]: the nearest plain neighbours
const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  // 72b-3
  ['a SHA-256 digest', `sha256: ${SHA256}`],
  ['a bare SHA-256 digest', SHA256],
  ['a git SHA', `commit ${GIT_SHA}`],
  ['a digest starting as a keytab does', `0502${SHA256.slice(4)}`],
  ['a digest starting as a JKS does', `feedfeed${SHA256.slice(8)}`],
  ['digests one a line (xxd -p-like lines)', `${SHA256}\n${SHA256.split('').reverse().join('')}\n${GIT_SHA}`],
  ['random bytes as xxd -p lines', xxdLines(filler(200, 11))],
  ['random bytes as base32', base32(filler(60, 13))],
  ['JKS truststore as hex', JKS_TRUSTSTORE.toString('hex')],
  ['JKS truststore as base32', base32(JKS_TRUSTSTORE)],
  ['OpenPGP public key as hex', PGP_PUBLIC.toString('hex')],
  ['OpenPGP public key as xxd -p lines', xxdLines(PGP_PUBLIC)],
  ['PKCS#12 truststore as hex', PFX_TRUSTSTORE.toString('hex')],
  ['PKCS#12 truststore as xxd -p lines', xxdLines(PFX_TRUSTSTORE)],
  ['a content id in lower-case base32 (DNS-safe)', 'cid: bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'],
  ['an upper-case base32 id of text', `id: ${base32(Buffer.from('k3s-vip cluster node 01'))}`],
  // 72b-4
  ['GnuPG public part (q #…#)', `(q #${GPG_Q}#)`],
  ['GnuPG exponent (e #010001#)', '(e #010001#)'],
  ['a short (d #…#)', '(d #0A#)'],
  // 72b-5
  ['signer key: an OpenPGP key ID', 'signer key: 4AA4767BBC9C4B1D'],
  ['signer key: a fingerprint', 'signer key: 71c7656ec7ab88b098defb751b7401b5f6d8976f'],
  ['signer key: a name', 'signer key: release-bot'],
  ['the signer key in prose', 'the signer key is stored in vault'],
  ['a signer address', 'eth signer address 0x71C7656EC7ab88b098defB751B7401B5f6d8976F'],
  ['a 64-hex commit', `commit ${ETH_KEY}`],
  // 72b-9
  ['Zapier docs URL', 'https://zapier.com/apps/webhook/integrations'],
  ['Zapier help article', 'https://help.zapier.com/hc/en-us/articles/8496288690317-Trigger-Zaps-from-webhooks'],
  ['a Zapier hook URL without its path', 'https://hooks.zapier.com/hooks/catch/'],
  ['a webhook path with a word', 'https://deploy.example.com/webhook/status'],
  ['a webhook path with a short hex id', 'https://deploy.example.com/webhook/8f14e45f'],
  ['a commit URL', `https://github.com/org/repo/commit/${GIT_SHA}`],
  ['a content-hashed asset', 'https://cdn.example.com/assets/8f14e45fceea167a5a36dedd4bea2543.js'],
  ['PagerDuty integration key reference', 'PagerDuty integration key: ${PD_INTEGRATION_KEY}'],
  ['integration key in prose', 'integration key: see the PagerDuty service page'],
  ['a routing key word', 'routing key: orders.created'],
  // 72b-11
  ['otp digits: a number', 'otp digits: 6'],
  ['totp period: a number', 'totp period: 30'],
  ['an OTP setting in prose', 'OTP length is 8 and period 30'],
  ['2FA in prose', '2FA is required for the admin account from now on'],
  ['2FA setup key in prose', '2FA setup key for the admin account is in the vault'],
  ['BitLocker key ID (a GUID)', 'BitLocker recovery key ID: 1F2E3D4C-5B6A-7980-A1B2-C3D4E5F60718'],
  ['a phone number', 'Recovery hotline: +1-555-123-4567'],
  ['a digit group after recovery', 'recovery desk 0800-123456-654321'],
  ['48 digits with no label', `order numbers ${BITLOCKER}`],
];

describe('72b: a secret in a ConfigMap text is refused at every door, never shown', () => {
  test.each(REFUSED)('%s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('72b: the nearest plain neighbours stay accepted', () => {
  test.each(ACCEPTED)('%s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('72b: the new readers stay linear', () => {
  beforeAll(() => acceptedEverywhere(textConfigMap('warm up')));
  test.each([
    ['xxd -p lines each one digit odd', `${'ab'.repeat(30)}a\n`.repeat(1_700)],
    ['xxd -p lines', `${'ab'.repeat(30)}\n`.repeat(1_700)],
    ['hex of a keytab head and random bytes', `0502${filler(50_000).toString('hex')}`],
    ['base32 of a JKS head and random bytes', base32(Buffer.concat([hex('feedfeed000000020000ffff'), filler(60_000)]))],
    ['open (d # runs', `(d #${'a'.repeat(100_000)}`],
    ['(d # openers', '(d #ab'.repeat(17_000)],
    ['2fa then words', '2fa setup key for the admin account is '.repeat(2_600)],
    ['2fa then groups', `2fa ${'abcd efgh '.repeat(10_000)}`],
    ['recovery then digit groups', `recovery key ${'123456-'.repeat(14_000)}`],
    ['recovery labels', 'recovery key: 123456-654321 '.repeat(3_500)],
    ['webhook paths', `https://a.example.com/webhook/${'a1'.repeat(20)}x `.repeat(1_500)],
    ['Zapier hooks', 'https://hooks.zapier.com/hooks/catch/123/ '.repeat(2_400)],
    ['signer key labels', `signer key ${'0x'.repeat(3)} `.repeat(5_000)],
  ])('%s', (_, text) => {
    const started = process.cpuUsage();
    const sample = text.slice(0, 100_000);
    redact(sample);
    configErrors(withTraefikValues(textConfigMap(sample)));
    expect(cpuMillisSince(started)).toBeLessThan(6000); // a guard against quadratic reading (speed is npm run bench): room for a loaded machine;
  });
});
