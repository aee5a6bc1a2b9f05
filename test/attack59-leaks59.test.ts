// Round 59 (leaks59): 59a-1 (a copy of a secret in groups with one separator, or a grouped secret's copy without them,
// printed in messages), 59a-2 (comment forms before a lone value; recovery codes below their label), 59a-3 (the commonest
// one-slip misspellings of a secret's name), 59a-4 (Wi-Fi QR `P:`, keepalived `auth_pass` inline, `shared key:`), 59a-7
// (an /etc/shadow line holding a password in clear). Refused rows name their key path and never show the value; the
// neighbours that hold no secret stay accepted at every door.
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src';
import { redactMessage } from '../src/core/redact-message';
import { acceptedEverywhere, refusedEverywhere, shownInDiff } from './secret-doors';
import { devConfig, refusalOf, withChanges } from './helpers';
import { envEntry as env } from './rule-doors';

const S = 'Zx9qWm4vTr7p';
const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { 'x.txt': text } }],
});
const AT_TEXT = 'extraObjects[0].data';
const AT_ENV = 'env[0]';

/** A config whose env sets `secret` under DB_PASSWORD and whose ingress host is `host`: every door's messages. */
function hostDoors(secret: string, host: string): string[] {
  const config = withChanges(devConfig(), { traefik: { values: env('DB_PASSWORD', secret) } });
  config.ingresses[0].host = host;
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  return [parsed.errors.map(formatDiagnostic).join('\n'), refusalOf(() => new K3sVipCluster(new App(), 'c', config))];
}
/** Whether `text` shows `secret` in any letter case, with or without separators between its characters. */
const shows = (text: string, secret: string) => {
  const plain = secret.replace(/[-. _:]/g, '').toLowerCase();
  const pattern = new RegExp([...plain].map((c) => c.replace(/[^a-z0-9]/g, '\\$&')).join('[-. _:]?'), 'i');
  return pattern.test(text);
};

describe('59a-1: a grouped copy of a secret, or a grouped secret copied without its separators, is blanked in messages', () => {
  test.each([
    ['groups of four with `-`', S, 'Zx9q-Wm4v-Tr7p_.ex.com'],
    ['groups of four with `.`', S, 'Zx9q.Wm4v.Tr7p'],
    ['groups of four, lower case', S, 'zx9q-wm4v-tr7p_'],
    ['groups of three', S, 'Zx9-qWm-4vT-r7p'],
    ['one separator, text after', S, 'Zx9qWm-4vTr7p-x_'],
    ['a grouped secret, copied without separators', 'Zx9q-Wm4v-Tr7p', 'Zx9qWm4vTr7p_.ex.com'],
    ['a grouped secret, copied with other separators', 'Zx9q-Wm4v-Tr7p', 'Zx9q.Wm4v.Tr7p_.ex.com'],
  ])('%s: the host message never shows it', (_, secret, host) => {
    const [config, cluster] = hostDoors(secret, host);
    expect(config).toContain('ingresses[0].host');
    expect(cluster).toContain('host');
    for (const message of [config, cluster]) expect(shows(message, secret)).toBe(false);
  });

  test.each([
    ['groups of two with `:`', S, 'host "Zx:9q:Wm:4v:Tr:7p" bad'],
    ['groups with blanks', S, 'host "Zx9q Wm4v Tr7p" bad'],
  ])('%s: redactMessage blanks it', (_, secret, message) => {
    const out = redactMessage(message, [secret]);
    expect(out).toContain('<redacted>');
    expect(shows(out, secret)).toBe(false);
  });

  test("check's diff of a hand-edited dist/ blanks a grouped copy beside the secret", () => {
    const shown = shownInDiff(`# n3: host Zx9q-Wm4v-Tr7p\n# n4: DB_PASSWORD=${S}`);
    expect(shown).toContain('n3: host <redacted>');
    expect(shows(shown, S)).toBe(false);
  });

  test('the wording stays readable', () => {
    const message = 'traefik.values.env[0].value: holds a value under a key named like a secret; keep it in a Kubernetes Secret';
    expect(redactMessage(message, [S, 'Zx9q-Wm4v-Tr7p'])).toBe(message);
  });

  // A hang fails by the timeout; the time itself is the bench's (speed targets live in npm run bench).
  test('a long hostile message is redacted', () => {
    for (const text of ['a-'.repeat(49_000), 'aaaaaaa-'.repeat(12_000), 'abcdef '.repeat(14_000), 'a-a-"'.repeat(19_000)])
      expect(typeof redactMessage(text, [S, 'Qq-Ww-Ee-Rr-Tt'])).toBe('string');
  }, 60_000);
});

describe('59a-2: a lone value below a commented name, recovery codes below their label', () => {
  test.each([
    ['HTML comment', `<!-- password -->\n${S}`],
    ['HTML comment, value in an element', `<!-- db password -->\n<value>${S}</value>`],
    ['TeX/MATLAB `%`', `% password\n${S}`],
    ['Jinja `{# #}`', `{# password #}\n${S}`],
    ['JSP `<%-- --%>`', `<%-- password --%>\n${S}`],
    ["VB's `'`", `' password\n${S}`],
    ['Vim\'s `"`', `" password\n${S}`],
    ['`!!`', `!! password\n${S}`],
  ])('refused: %s', (_, text) => refusedEverywhere(configMap(text), AT_TEXT, S));

  test.each([
    ['backup codes, one a line', 'backup codes:\n8f3k-2m9d\n7h2j-4k8s\n1q9w-3e7r', '7h2j-4k8s'],
    ['recovery codes, one a line', 'recovery codes:\n8f3k-2m9d\n7h2j-4k8s', '8f3k-2m9d'],
    ['recovery codes on the next line', 'Recovery codes\n8f3k2m9d 7h2j4k8s 1q9w3e7r 5t6y7u8i', '7h2j4k8s'],
    ['digit codes on the next line', 'backup codes\n84739201 19384756 20394857', '19384756'],
  ])('refused: %s', (_, text, code) => refusedEverywhere(configMap(text), AT_TEXT, code));

  test.each([
    ['an HTML comment before markup', '<!-- password reset page -->\n<div>hello</div>'],
    ['a comment naming codes, prose below', '% the backup codes are below\nsee the docs'],
    ['backup codes, prose below', 'backup codes\nare printed once'],
    ['a comment before a switch', '<!-- token -->\n<value>true</value>'],
  ])('accepted: %s', (_, text) => acceptedEverywhere(configMap(text)));
});

describe('59a-3: the commonest slips of a secret name', () => {
  test.each([
    ['DB_PASWORD', 'DB_PASWORD'],
    ['SMTP_PASWD', 'SMTP_PASWD'],
    ['API_TOKN', 'API_TOKN'],
    ['CLIENT_SECRECT', 'CLIENT_SECRECT'],
    ['ADMIN_PASSWROD', 'ADMIN_PASSWROD'],
    ['dbPasword', 'dbPasword'],
  ])('refused env name: %s', (_, name) => refusedEverywhere(env(name, S), AT_ENV, S));

  test.each([
    ['pasword=', `pasword=${S}`],
    ['passwrod:', `passwrod: ${S}`],
    ['psswd=', `psswd=${S}`],
    ['secrect:', `secrect: ${S}`],
    ['DB_PASWORD=', `DB_PASWORD=${S}`],
    ['export PASWD=', `export PASWD=${S}`],
    ['a commented slip above', `# pasword\n${S}`],
  ])('refused text: %s', (_, text) => refusedEverywhere(configMap(text), AT_TEXT, S));

  test.each([
    ['passport', env('PASSPORT_NUMBER_FORMAT', 'alpha-numeric')],
    ['passwordless', env('PASSWORDLESS_LOGIN', 'enabled')],
    ['tokens_per_second', env('TOKENS_PER_SECOND', '42')],
    ['secretary', env('SECRETARY_EMAIL', 'office@example.com')],
    ['token_endpoint', env('TOKEN_ENDPOINT', 'https://auth.example.com/oauth/token')],
    ['text: passport, secretary, passwordless', configMap('passport: Zx9qWm4vTr7p\nsecretary: Zx9qWm4vTr7p\npasswordless: true\n')],
    ['text: tokens_per_second, token_endpoint', configMap('tokens_per_second: 42\ntoken_endpoint: https://a.example.com/token\n')],
  ])('accepted: %s', (_, values) => acceptedEverywhere(values));
});

describe('59a-4: Wi-Fi QR strings, keepalived auth_pass inline, shared key', () => {
  test.each([
    ['Wi-Fi QR', `WIFI:T:WPA;S:HomeNet;P:${S};;`],
    ['Wi-Fi QR, quoted, fields reordered', `WIFI:S:HomeNet;T:WPA;P:"${S}";H:false;;`],
    ['keepalived block on one line', 'vrrp_instance VI_1 { authentication { auth_type PASS; auth_pass Zx9qWm4v } }'],
    ['keepalived after a word', 'keepalived: auth_pass Zx9qWm4v'],
    ['shared key:', `shared key: ${S}`],
  ])('refused: %s', (_, text) => refusedEverywhere(configMap(text), AT_TEXT, text.includes(S) ? S : 'Zx9qWm4v'));

  test.each([
    ['an open Wi-Fi', 'WIFI:T:nopass;S:Guest;;'],
    ['a Wi-Fi reference', 'WIFI:T:WPA;S:HomeNet;P:${WIFI_PASS};;'],
    ['a keepalived placeholder', 'vrrp_instance VI_1 { authentication { auth_type PASS; auth_pass <password> } }'],
    ['a shared key setting', 'shared key cache: enabled'],
  ])('accepted: %s', (_, text) => acceptedEverywhere(configMap(text)));

  test('the diff of a hand-edited dist/ blanks a Wi-Fi passphrase', () => {
    expect(shownInDiff(`# WIFI:T:WPA;S:HomeNet;P:${S};;`)).not.toContain(S);
  });
});

describe('59a-7: an /etc/shadow line with a password in clear', () => {
  test.each([
    ['a generated password', `app:${S}:19000:0:99999:7:::`, S],
    ['a word password', 'app:hunter2x:19000:0:99999:7:::', 'hunter2x'],
  ])('refused: %s', (_, text, secret) => refusedEverywhere(configMap(text), AT_TEXT, secret));

  test.each([
    ['locked and no-login lines', 'root:*:19000:0:99999:7:::\napp:!:19000:0:99999:7:::\nold:!!:19000::::::\nsvc:x:19000:0:99999:7:::\n'],
    ['a sha512-crypt hash', `app:$6$saltsalt$${'a'.repeat(86)}:19000:0:99999:7:::`],
    ['an empty password field', 'guest::19000:0:99999:7:::'],
  ])('accepted: %s', (_, text) => acceptedEverywhere(configMap(text)));
});
