// Round 60 (containers60): review60-6 (a PKCS#12 keystore whose key bag comes after 256 KiB of certificates, as OpenSSL
// writes it, was written unread), review60-4 (nine gzip files in a ConfigMap passed the config check but the write gate
// counted them in the one valuesContent text and refused them), 60a-4 (a signify secret key's base64 line without its
// comment), 60b-3 (OpenAI `sk-proj-`, SendGrid `SG.`, Discord webhook URLs and AWS secret access keys under a neutral
// name), 60a-5 (K3s tokens split over a line, spaced around `::` or after `K10`, or without `K10`). Each refused row is
// refused at every door (config, K3sVipCluster, TraefikHelmChartConfig, the write gate), naming its key path and never
// the secret; ordinary neighbours (git SHAs, digests, paths, signify public keys, secret-free gzip) pass everywhere.
import { gzipSync } from 'node:zlib';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { envEntry as env } from './rule-doors';

const S = 'Zx9qWm4vTr7pLk2n';
const HASH = 'c2addaa79ee327020f46353c04395f43954b2031657103d8b87592945223d66f';
const configMap = (data: Record<string, string>, binaryData?: Record<string, string>) => ({
  extraObjects: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data, ...(binaryData && { binaryData }) },
  ],
});

/** A PFX (RFC 7292 §4) of `filler` bytes of certificate safe, then a pkcs8ShroudedKeyBag, as OpenSSL orders them. */
function pfx(filler: number): string {
  const head = Buffer.from('308400000000020103308400000000' + '06092a864886f70d010701', 'hex');
  const certs = Buffer.alloc(filler);
  for (let i = 0; i < filler; i++) certs[i] = (i * 131 + (i >> 8)) & 0xff;
  return Buffer.concat([head, certs, Buffer.from('060b2a864886f70d010c0a0102', 'hex'), Buffer.alloc(64, 7)]).toString('base64');
}
/** signify's enckey (openbsd signify.c): Ed, BK, rounds (big-endian), salt 16, checksum 8, keynum 8, seckey 64. */
const signifySecret = (rounds: number) => {
  const bytes = Buffer.alloc(104);
  bytes.write('EdBK', 0, 'latin1');
  bytes.writeUInt32BE(rounds, 4);
  for (let i = 8; i < 104; i++) bytes[i] = (i * 97 + 13) & 0xff;
  return bytes.toString('base64');
};
const signifyPublic = Buffer.concat([Buffer.from('Ed'), Buffer.alloc(40, 0x5a)]).toString('base64');

describe('review60-6: a PKCS#12 keystore is read whole', () => {
  test('a key bag after 300 kB of certificates is refused', () => {
    const run = pfx(300_000);
    expect(run.length).toBeGreaterThan(256 * 1024 * 1.3);
    refusedEverywhere(configMap({}, { 'ks.p12': run }), 'extraObjects[0].binaryData["ks.p12"]', run.slice(0, 60));
  });
  test('control: a truststore of the same size (certificate bags only) passes', () => {
    const run = pfx(300_000).replace(/BgsqhkiG9w0BDAoBAg[A-Za-z0-9+/]*$/, '');
    acceptedEverywhere(configMap({}, { 'ts.p12': Buffer.from(run, 'base64').subarray(0, 300_000).toString('base64') }));
  });
});

describe('review60-4: gzip runs are counted per value at every door', () => {
  const dashboard = (i: number) => gzipSync(JSON.stringify({ title: `board ${i}`, panels: [{ id: i, type: 'graph' }] })).toString('base64');
  test.each([8, 9, 12])('%i gzip files in binaryData pass everywhere', (count) => {
    const files = Object.fromEntries(Array.from({ length: count }, (_, i) => [`d${i}.json.gz`, dashboard(i)]));
    acceptedEverywhere(configMap({}, files));
  });
});

describe('60a-4: a signify secret key line alone', () => {
  test.each([
    ['with a passphrase (42 rounds)', signifySecret(42)],
    ['without one (signify -n: 0 rounds)', signifySecret(0)],
  ])('is refused: %s', (_, line) => {
    refusedEverywhere(configMap({ 'key.sec': line }), 'extraObjects[0].data["key.sec"]', line.slice(10, 60));
    refusedEverywhere(configMap({ 'notes.txt': `keys:\n  ${line}\n` }), 'extraObjects[0].data["notes.txt"]', line.slice(10, 60));
  });
  test.each([
    ['a signify public key', `untrusted comment: signify public key\n${signifyPublic}\n`],
    ['the public key line alone', signifyPublic],
  ])('control, accepted: %s', (_, text) => acceptedEverywhere(configMap({ 'key.pub': text })));
});

describe('60b-3: vendor tokens under a neutral name', () => {
  test.each([
    ['OpenAI sk-proj-', 'OPENAI', `sk-proj-${S}Qw8eRt6yUi0oPa1sDf3g`, 'Qw8eRt6yUi0oPa1sDf3g'],
    ['OpenAI sk-svcacct-', 'X', `sk-svcacct-${S}Qw8eRt6y`, `${S}Qw8eRt6y`],
    ['SendGrid SG.<22>.<41>', 'SENDGRID', `SG.${S}Qw8eRt.6yUi0oPa1sDf3gHj5kLzXcVbNm2QwErTyUiOpAsDf`, '6yUi0oPa1sDf3gHj5kLz'],
    ['SendGrid SG.<22>.<43>', 'MAIL', `SG.${S}Qw8eRt.6yUi0oPa1sDf3gHj5kLzXcVbNm2QwErTyUiOpAsDfGh`, '6yUi0oPa1sDf3gHj5kLz'],
    ['Discord webhook', 'DISCORD', `https://discord.com/api/webhooks/123456789012345678/${S}Qw8eRt6yUi0oPa1sDf3g`, S],
    ['Discord webhook, discordapp, v10', 'HOOK', `https://canary.discordapp.com/api/v10/webhooks/123456789012345678/${S}Qw8eRt6y-_a`, S],
    ['AWS secret access key', 'AWSSEC', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'bPxRfiCYEXAMPLEKEY'],
    ['AWS secret without / beside its key id', 'CREDS', `AKIAZX9QWM4VTR7PLK2N ${S}Qw8eRt6yUi0oPa1sDf3gH5k`, `${S}Qw8eRt`],
  ])('%s is refused', (_, name, value, secret) => {
    refusedEverywhere(env(name, value), 'env[0].value', secret);
  });
  test.each([
    ['a git SHA', 'COMMIT', '3f1c2b4a9d8e4f7ab6c51a2b3c4d5e6f70819a2b'],
    ['a path of words', 'DIR', 'Users/jdoe/Documents/Project2024/Configs'],
    ['base64 of text, 40 characters', 'GREETING', Buffer.from('hello from the k3s-vip docs, a text!').toString('base64').slice(0, 40)],
    ['a Discord invite', 'CHAT', 'https://discord.com/invite/k3s'],
    ['a Java-like name after SG.', 'CLASS', 'SG.ConfigurationLoader.defaultInstance'],
    ['sk-proj- in prose', 'NOTE', 'keys start with sk-proj-'],
  ])('control, accepted: %s', (_, name, value) => acceptedEverywhere(env(name, value)));
});

describe('60a-5: K3s token forms', () => {
  test.each([
    ['blanks around ::', `K10${HASH} :: server:${S}`],
    ['a blank after K10', `K10 ${HASH}::server:${S}`],
    ['K10 left out', `${HASH}::server:${S}`],
    ['split before ::', `K10${HASH}\n::server:${S}`],
    ['split inside the hash', `K10${HASH.slice(0, 40)}\n${HASH.slice(40)}::server:${S}`],
    ['split after K10', `K10\n${HASH}::server:${S}`],
  ])('%s is refused', (_, text) => {
    refusedEverywhere(configMap({ f: text }), 'extraObjects[0].data.f', S);
  });
  test.each([
    ['a digest alone', `sha256:${HASH}`],
    ['a digest and a C++ scope', `${HASH}::run()`],
    ['a digest, two colons and a word', `${HASH} :: done`],
  ])('control, accepted: %s', (_, text) => acceptedEverywhere(configMap({ f: text })));
});
