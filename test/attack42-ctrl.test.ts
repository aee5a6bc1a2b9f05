import { parseConfigText, formatDiagnostic } from '../src/config/load';
import { terminalLine } from '../src/core/control-text';
import { secretsInData, secretValues } from '../src/core/secrets';
import { diffTrees } from '../src/output/diff';
import { fileRedaction } from '../src/output/secret-gate';
import { controlTexts42 } from '../scripts/hostile-inputs';
import { judgesHostileTexts } from './secret-doors';
import { accepted, configMapOf, refusedEverywhere } from './secret-tables';

/**
 * Attack round 41a-1: a control character (ESC of a colored prompt, BEL, NUL, DEL, a C1 such as U+009B, a zero-width
 * character) before a command-line or config-file secret. The value is refused for the character, and its message
 * must not quote it; the secret readers read the text as the text without the characters (a zero-width one, allowed
 * in a value, kept a secret out of every reader's sight); a diff prints no raw control byte.
 * 41a-11: a `.pgpass` line whose password holds blanks, and one that starts with `*`, is named as one, not as text too
 * deep to judge.
 */

const SECRET = 'Qz7A1vRt9wXk';

const CONTROLLED: ReadonlyArray<readonly [string, string]> = [
  ['a colored prompt before redis-cli -a', `\u001b[1m$ \u001b[0mredis-cli -a ${SECRET} ping`],
  ['a BEL before mysql -p', `cd /app; \u0007mysql -uroot -p${SECRET}`],
  ['a NUL before sshpass -p', `\u0000sshpass -p ${SECRET} ssh h`],
  ['a NUL before curl -u', `\u0000curl -u bob:${SECRET} https://h`],
  ['a NUL before a stdin login', `\u0000echo ${SECRET} | docker login -u me --password-stdin r`],
  ['a NUL before requirepass', `\u0000requirepass ${SECRET}`],
  ['a NUL before a .pgpass line', `\u0000*:*:*:app:${SECRET}`],
  ['a DEL before redis-cli -a', `\u007fredis-cli -a ${SECRET}`],
  ['a C1 CSI before mysql -p', `\u009bmysql -p${SECRET}`],
  ['tput sgr0 before redis-cli -a', `\u001b(B\u001b[mredis-cli -a ${SECRET}`],
  ['a NUL between mysql and -p', `mysql\u0000-p${SECRET}`],
];

describe('41a-1: a secret after a control character is read, and never quoted', () => {
  test.each(CONTROLLED)('%s: the readers find it', (_, text) => {
    expect(secretValues(text).join('\n')).toContain(SECRET);
  });

  test.each(CONTROLLED)('%s: refused, the message does not quote it', (_, text) => {
    refusedEverywhere({ env: [{ name: 'A', value: text }] }, SECRET);
    expect(envMessage(text)).toMatch(/control character/);
    expect(envMessage(text)).not.toContain(SECRET);
  });

  test.each(CONTROLLED.slice(0, 2))('%s: refused by the constructs too, unquoted', (_, text) => {
    refusedEverywhere({ env: [{ name: 'A', value: text }] }, SECRET, true);
  });

  test.each([
    ['a zero-width space before redis-cli -a', `\u200bredis-cli -a ${SECRET}`],
    ['a zero-width joiner inside the client word', `redis\u200d-cli -a ${SECRET}`],
  ])('%s (a format character, allowed in a value) stays refused', (_, text) => {
    refusedEverywhere({ env: [{ name: 'A', value: text }] }, SECRET, true);
  });

  test.each([
    ['a colored echo', '\u001b[0m echo hello'],
    ['a bell alone', 'done\u0007'],
  ])('%s is quoted in its message (no secret there)', (_, text) => {
    expect(envMessage(text)).toContain(yamlQuoted(text));
  });

  test.each([
    ['prose with an emoji joiner', 'team \u{1f469}\u200d\u{1f4bb} on call'],
    ['a reference after a zero-width space', '\u200bredis-cli -a "$REDIS_PASSWORD"'],
    ['a soft hyphen in a word', 'pass\u00adword reset page'],
  ])('%s is accepted', (_, text) => accepted({ env: [{ name: 'A', value: text }] }));

  test('a diff of a hand-edited file prints no raw control byte', () => {
    const fresh = new Map([['c/x.yaml', 'a: 1\n']]);
    const committed = new Map([['c/x.yaml', 'a: 1\nb: "\u001b[31mred\u0007\u009b"\n']]);
    const lines = diffTrees(committed, fresh, fileRedaction(committed, fresh));
    const shown = lines.join('\n');
    // eslint-disable-next-line no-control-regex -- the point
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(shown).toContain('\\e[31mred\\a\\u009b');
  });

  test.each([
    ['\u001b[0m', '\\e[0m'],
    ['\u0007', '\\a'],
    ['\u0000', '\\x00'],
    ['\u009b', '\\u009b'],
    ['a\tb', 'a\tb'],
  ])('terminalLine(%j) is %j', (line, shown) => expect(terminalLine(line)).toBe(shown));
});

describe('41a-1: long texts with control characters are judged in time', () => {
  // At half the longest size read again in the control-free forms (control-text.ts); `npm run bench` times them whole.
  judgesHostileTexts(controlTexts42(32_768));
});

describe('41a-11: a .pgpass line is named as one', () => {
  test.each([
    ['a password with blanks after *', '*:*:*:app:my Qz7d1vRt9wXk pass'],
    ['a password with blanks', 'db.example.com:5432:app:bob:my Qz7d1vRt9wXk pass'],
  ])('%s', (_, text) => {
    refusedEverywhere(configMapOf({ 'f.txt': text }), 'Qz7d1vRt9wXk');
    const message = refusedMessage(text);
    expect(message).toContain('.pgpass line');
    expect(message).not.toContain('too deep');
  });

  test.each([
    ['a status line with prose', 'srv:80:state:ok:all systems go'],
    ['an alias-like word', '*.example.com serves the docs'],
  ])('%s is accepted', (_, text) => accepted(configMapOf({ 'f.txt': text })));
});

/** `text` double-quoted for YAML and a message alike: every control character as `\uXXXX`. */
const yamlQuoted = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- the point
  JSON.stringify(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The messages of a config file whose env entry's value is `text`. */
function envMessage(text: string): string {
  const yaml =
    'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n' +
    `traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    env:\n      - {name: A, value: ${yamlQuoted(text)}}\n`;
  return parseConfigText('config/t.yaml', yaml).errors.map(formatDiagnostic).join('\n');
}

function refusedMessage(text: string): string {
  const yaml =
    'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n' +
    'traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    extraObjects:\n' +
    '      - {apiVersion: v1, kind: ConfigMap, metadata: {name: x, namespace: default}, data: {f.txt: ' +
    `${JSON.stringify(text)}}}\n`;
  return parseConfigText('config/t.yaml', yaml).errors.map(formatDiagnostic).join('\n');
}

describe('41a-12: a finding names the one format it matched', () => {
  test.each([
    ['ENV DB_PASSWORD Qz7x1vRt9wXk', 'Dockerfile ENV NAME value'],
    ['setx DB_PASSWORD Qz7x1vRt9wXk /M', 'setx NAME value'],
    ['set -x DB_PASSWORD Qz7x1vRt9wXk', 'set -x NAME value'],
    ['#define DB_PASSWORD "Qz7x1vRt9wXk"', 'C #define NAME "value"'],
    ['DB_PASSWORD ?= Qz7x1vRt9wXk', 'make NAME ?= value'],
    ['db_password <- "Qz7x1vRt9wXk"', 'R NAME <- "value"'],
    ['(setq db-password "Qz7x1vRt9wXk")', 'Lisp (setq NAME "value")'],
    ['vault kv put secret/x password=Qz7x1vRt9wXk', '(vault kv put)'],
    ['gh secret set NAME --body Qz7x1vRt9wXk', '(gh secret set)'],
    ['az keyvault secret set --name n --value Qz7x1vRt9wXk', '(az keyvault secret set)'],
    ['sh -c "vault kv put secret/x pw=Qz7x1vRt9wXk"', '(vault kv put)'],
    ['rocommunity6 Qz7x1vRt9wXk default', 'a community of snmpd.conf (rocommunity6)'],
    ['com2sec local localhost Qz7x1vRt9wXk', 'a community of snmpd.conf (com2sec)'],
    ['createUser bob SHA Qz7x1vRt9wXk AES', 'a passphrase of snmpd.conf (createUser)'],
  ])('%s', (text, named) => {
    const [found] = secretsInData(text);
    expect(found?.what).toContain(named);
    expect(found.what).not.toMatch(/, .*, /); // one format, not the family's list
  });
});
