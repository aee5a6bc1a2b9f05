// Round 74 (leak74): attack74a leaks. 74a-4 a PKCS#12 keystore as base32 wrapped in lines (as `base32` and Python's
// textwrap write it); 74a-9 a BitLocker recovery key after its label in other languages (`Wiederherstellungsschlüssel`);
// 74a-10 a TOTP seed after an authenticator's labels (`Setup key:`, `TOTP-Schlüssel:`, `Clé de configuration :`, `MFA
// seed for … —`, or on the line below the label); 74a-18 an HMAC key under `webhookHmac` in JS or `SLACK_HMAC_SHA256`;
// 74a-21 an n8n webhook's UUID path and a hex path after `/hooks/`; 74a-26 runbook prose (Italian `Digita X al prompt
// della password`, German `Benutzer: admin` then the password, a login, a blank line, then the password). Each is
// refused at every door and never shown; its nearest plain neighbour stays accepted.
import { redact } from '../src/core/secrets';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { configErrors, withTraefikValues } from './helpers';
import { base32, filler, PFX, PFX_TRUSTSTORE } from './byte-fixtures';
import { cpuMillisSince } from './cpu-time';

/** Text in lines of `width` characters, as `base32` (76) or `fold -w` write it. */
const wrapped = (text: string, width = 76): string => text.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');

const BITLOCKER = '417538-219648-605803-300443-189101-574607-290532-664378';
const SEED4 = 'JBSW Y3DP EHPK 3PXP KZ4T MNQW';
const HMAC_KEY = 'f3a91c2d4e5f60718293a4b5c6d7e8f9';
const N8N_ID = '0b7c2a4e-1d3f-4a5b-8c6d-7e8f9a0b1c2d';
const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const PASSWORD = 'Xk9mPq2vLr7w';

// [row, text, the secret it holds (never shown)]
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  // 74a-4
  ['74a-4 PKCS#12 as base32 in lines of 76', wrapped(base32(PFX)), base32(PFX).slice(0, 40)],
  ['74a-4 PKCS#12 as base32 in lines of 64, indented', wrapped(base32(PFX), 64).replace(/^/gm, '  '), base32(PFX).slice(0, 40)],
  ['74a-4 PKCS#12 as base32 lines after a label', `p12: |\n  ${wrapped(base32(PFX)).replace(/\n/g, '\n  ')}`, base32(PFX).slice(0, 40)],
  // 74a-9
  ['74a-9 German label', `Wiederherstellungsschlüssel: ${BITLOCKER}`, BITLOCKER],
  ['74a-9 German label folded', `Wiederherstellungsschluessel: ${BITLOCKER}`, BITLOCKER],
  ['74a-9 French label', `Clé de récupération : ${BITLOCKER}`, BITLOCKER],
  ['74a-9 Spanish label without BitLocker', `Clave de recuperación: ${BITLOCKER}`, BITLOCKER],
  ['74a-9 Italian label', `Chiave di ripristino: ${BITLOCKER}`, BITLOCKER],
  ['74a-9 Dutch label', `Herstelsleutel: ${BITLOCKER}`, BITLOCKER],
  ['74a-9 Polish label', `Klucz odzyskiwania: ${BITLOCKER}`, BITLOCKER],
  ['74a-9 Russian label', `Ключ восстановления: ${BITLOCKER}`, BITLOCKER],
  ['74a-9 Japanese label', `回復キー: ${BITLOCKER}`, BITLOCKER],
  // 74a-10
  ['74a-10 Seed (Google Authenticator): then the line below', `Seed (Google Authenticator):\n${SEED4}`, SEED4],
  ['74a-10 Setup key: lower case', `Setup key: ${SEED4.toLowerCase()}`, SEED4.toLowerCase()],
  ['74a-10 SETUP KEY upper case', `SETUP KEY: ${SEED4}`, SEED4],
  ['74a-10 TOTP-Schlüssel', `TOTP-Schlüssel: ${SEED4}`, SEED4],
  ['74a-10 Authenticator setup key: then the line below', `Authenticator setup key:\n${SEED4.toLowerCase()}`, SEED4.toLowerCase()],
  ['74a-10 Clé de configuration', `Clé de configuration : ${SEED4}`, SEED4],
  ['74a-10 Einrichtungsschlüssel', `Einrichtungsschlüssel: ${SEED4}`, SEED4],
  ['74a-10 MFA seed for an account, a dash', `MFA seed for grafana-admin — ${SEED4}`, SEED4],
  ['74a-10 2FA seed code from your app', `2FA seed code from your app: ${SEED4}`, SEED4],
  // 74a-18
  ['74a-18 webhookHmac in a JS object', `module.exports = { webhookHmac: '${HMAC_KEY}' };`, HMAC_KEY],
  ['74a-18 webhookHmac in double quotes', `export default { webhookHmac: "${HMAC_KEY}" }`, HMAC_KEY],
  ['74a-18 SLACK_HMAC_SHA256 in an env file', `SLACK_HMAC_SHA256=${HMAC_KEY}`, HMAC_KEY],
  ['74a-18 HMAC_SHA_256', `HMAC_SHA_256=${HMAC_KEY}`, HMAC_KEY],
  ['74a-18 github_hmac_sha1', `github_hmac_sha1: ${HMAC_KEY}`, HMAC_KEY],
  // 74a-21
  ['74a-21 n8n webhook UUID', `n8n: https://n8n.example.com/webhook/${N8N_ID}`, N8N_ID],
  ['74a-21 n8n test webhook UUID', `https://n8n.example.com/webhook-test/${N8N_ID}`, N8N_ID],
  ['74a-21 n8n UUID upper case, a path after', `https://N8N.example.com/WEBHOOK/${N8N_ID.toUpperCase()}/run`, N8N_ID.toUpperCase()],
  ['74a-21 hex after /hooks/', `notify: https://example.com/hooks/${SHA256}`, SHA256],
  [
    '74a-21 40 hex after /hooks/',
    'https://ci.example.com/hooks/8f14e45fceea167a5a36dedd4bea2543b1f7c9e2',
    '8f14e45fceea167a5a36dedd4bea2543b1f7c9e2',
  ],
  // 74a-26
  ['74a-26 Italian: Digita X al prompt della password', `Digita ${PASSWORD} al prompt della password.`, PASSWORD],
  ['74a-26 German: Benutzer: admin, then the password', `Benutzer: admin\n${PASSWORD}`, PASSWORD],
  ['74a-26 German: Benutzername, then the password', `Benutzername: root\n  ${PASSWORD}`, PASSWORD],
  ['74a-26 French: Utilisateur, then the password', `Utilisateur : admin\n${PASSWORD}`, PASSWORD],
  ['74a-26 Login, a blank line, then the password', `Login: admin\n\n${PASSWORD}`, PASSWORD],
  ['74a-26 Spanish: Escribe X', `Escribe ${PASSWORD} cuando lo pida.`, PASSWORD],
  ['74a-26 French: Tapez X', `Tapez ${PASSWORD} puis Entrée.`, PASSWORD],
];

// [row, text]: the nearest plain neighbours
const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  // 74a-4
  ['PKCS#12 truststore as base32 lines', wrapped(base32(PFX_TRUSTSTORE))],
  ['random bytes as base32 lines', wrapped(base32(filler(300, 13)))],
  ['an IPFS CID in base32', 'cid: bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'],
  ['upper-case constants one a line', 'MAX_CONNECTIONS_PER_HOST\nDEFAULT_REQUEST_TIMEOUTS\nABCDEFGHIJKLMNOPQRSTUVWXYZ\n'],
  ['base32 ids one a line', `${base32(filler(20, 3))}\n${base32(filler(20, 4))}`],
  // 74a-9
  ['BitLocker key ID (a GUID) after the German label', 'Wiederherstellungsschlüssel-ID: 1F2E3D4C-5B6A-7980-A1B2-C3D4E5F60718'],
  ['German label in prose', 'Der Wiederherstellungsschlüssel liegt im Azure AD.'],
  ['French label, a phone number', 'Clé de récupération : appeler le 0800 123 456'],
  ['digit groups without a label', `Bestellnummern ${BITLOCKER}`],
  // 74a-10
  ['an OTP setting that is a number', 'TOTP-Schlüssel: 6 Stellen, 30 Sekunden'],
  ['otp digits', 'otp digits: 6'],
  ['setup key in prose', 'Setup key: see the vault entry for grafana-admin'],
  ['authenticator label, prose on the line below', 'Authenticator setup key:\nsee the vault entry\n'],
  ['Clé de configuration in prose', 'Clé de configuration : voir le coffre-fort'],
  ['MFA seed for an account, a reference', 'MFA seed for grafana-admin — stored in Vault'],
  ['setup key then a random base32 id', `Setup guide: ${base32(Buffer.from('k3s-vip cluster node 01'))}`],
  // 74a-18
  ['hmac algorithm in JS', "module.exports = { webhookHmac: 'sha256' };"],
  ['hmac algorithm after an algorithm word', 'SLACK_HMAC_SHA256=hmac-sha256'],
  ['hmac header name', "module.exports = { hmacHeader: 'X-Hub-Signature-256' };"],
  ['hmac from the environment', 'module.exports = { webhookHmac: process.env.WEBHOOK_HMAC };'],
  ['hmac code in Python', 'h = hmac.new(key, msg, hashlib.sha256)'],
  ['hmac code in Node', "const webhookHmac = crypto.createHmac('sha256', secret);"],
  // 74a-21
  ['a docs URL with /webhook/ and no id', 'https://docs.n8n.io/integrations/builtin/core-nodes/n8n-nodes-base.webhook/'],
  ['an n8n webhook with a named path', 'https://n8n.example.com/webhook/deploy-status'],
  ['a /hooks/ path with a word', 'https://example.com/hooks/status'],
  ['a /hooks/ path with a short hex id', 'https://example.com/hooks/8f14e45f'],
  ['a UUID in another path', `https://example.com/items/${N8N_ID}`],
  // 74a-26
  ['a runbook line naming the user only', 'Benutzer: admin'],
  ['user, then a prose line', 'Benutzer: admin\nPasswort siehe KeePass\n'],
  ['login, a blank line, then prose', 'Login: admin\n\nSee the vault for the password.\n'],
  ['Italian: type the password at the prompt', 'Digita la password al prompt.'],
  ['Italian: type a command', 'Digita kubectl al prompt della shell.'],
];

describe('74a: a secret in a ConfigMap text is refused at every door, never shown', () => {
  test.each(REFUSED)('%s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('74a: the nearest plain neighbours stay accepted', () => {
  test.each(ACCEPTED)('%s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('74a: the new readers stay linear', () => {
  beforeAll(() => acceptedEverywhere(textConfigMap('warm up')));
  test.each([
    ['base32 lines', `${'ABCDEFGH'.repeat(9)}AB\n`.repeat(1_300)],
    ['base32 lines each ending in a lower-case letter', `${'ABCDEFGH'.repeat(9)}Ab\n`.repeat(1_300)],
    ['seed labels then words', 'setup key for the admin account of the cluster is '.repeat(2_000)],
    ['seed labels then groups', `totp ${'abcd efgh '.repeat(10_000)}`],
    ['recovery labels in German', 'Wiederherstellungsschlüssel: 123456-654321 '.repeat(2_300)],
    ['n8n webhook paths', `https://a.example.com/webhook/${N8N_ID.slice(0, 30)} `.repeat(1_700)],
    ['hooks paths', `https://a.example.com/hooks/${'a1'.repeat(20)}x `.repeat(1_700)],
    ['login lines then blank lines', 'Benutzer: admin\n\n'.repeat(5_800)],
    ['prompt verbs', 'digita '.repeat(14_000)],
  ])('%s', (_, text) => {
    const started = process.cpuUsage();
    const sample = text.slice(0, 100_000);
    redact(sample);
    configErrors(withTraefikValues(textConfigMap(sample)));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
