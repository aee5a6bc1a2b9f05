import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { devConfig, valuesDoors, withChanges } from './helpers';
import { accepted, configMapOf, refusedEverywhere } from './secret-tables';

/**
 * Attack round 39a-7 (the rest) and 39a-8: ordinary multi-line texts that were refused (a shell script read as a YAML
 * map, a shell's `VAR=$X cmd`, Postfix lookup tables, Vault AppRole counts, a count of tokens), the real secrets beside
 * them that stay refused, and a refused block's message naming the line that holds the secret, not the value.
 */

/** Each text as a ConfigMap file of `traefik.values.extraObjects`. */
const file = (text: string) => configMapOf({ 'file.txt': text });

describe('39a-7: ordinary texts in a `|` block are accepted', () => {
  test.each([
    [
      'a curl header with Bearer $TOKEN in a script',
      '#!/bin/sh\ncurl -fsS -H "Authorization: Bearer $TOKEN" https://api.example.com/health\n',
    ],
    ['a curl header with Bearer ${TOKEN}', '#!/bin/sh\ncurl -fsS -H "Authorization: Bearer ${TOKEN}" https://api.example.com/health\n'],
    ['a curl header with a reference, no shebang', 'curl -fsS -H "X-Api-Token: $API_TOKEN" https://api.example.com/health\n'],
    ['an echo of a reference in quotes', 'echo "db_password: $PW" > /etc/app.conf\n'],
    ['a YAML header set to Bearer $TOKEN', 'Authorization: Bearer $TOKEN\nretries: 3\n'],
    ['a YAML key set to $TOKEN', 'token: $TOKEN\nretries: 3\n'],
    ['an env assignment before a command', '#!/bin/sh\nDB_PASSWORD=$PW ./run\n'],
    ['a quoted expansion before a command', 'DB_PASSWORD="$PW" ./run --port 80\nexit 0\n'],
    ['postfix hash: table', 'smtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n'],
    ['postfix texthash: table', 'smtp_sasl_password_maps = texthash:/etc/postfix/sasl_passwd\nrelayhost = [smtp.example.com]:587\n'],
    ['postfix lmdb: table', 'smtp_sasl_password_maps = lmdb:/etc/postfix/sasl_passwd\nx = 1\n'],
    ['postfix proxy: table', 'smtp_sasl_password_maps = proxy:mysql:/etc/postfix/sasl.cf\nx = 1\n'],
    ['postfix tables listed', 'lmtp_sasl_password_maps = hash:/etc/postfix/a, cdb:/etc/postfix/b\nx = 1\n'],
    ['Vault SECRET_ID_NUM_USES', 'SECRET_ID_NUM_USES=40\nSECRET_ID_TTL=10m\n'],
    ['Vault secret_id_num_uses', 'secret_id_num_uses=40\nsecret_id_ttl=10m\n'],
    ['Vault token_num_uses', 'token_num_uses: 5\ntoken_ttl: 20m\n'],
    ['a count of tokens', 'tokens: 5\nretries: 3\n'],
    ['a count of passwords', 'passwords: 3\nretries: 3\n'],
  ])('%s', (_, text) => accepted(file(text)));

  test.each([
    ['one line of postfix', 'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd'],
    ['one line of Vault', 'SECRET_ID_NUM_USES=40'],
    ['one count of tokens', 'tokens: 5'],
  ])('%s (one line) is accepted', (_, text) => accepted(file(text)));
});

// Guards: these were refused before the fix and must stay so (each beside an accepted row above).
describe('39a-7: the real secrets beside them stay refused', () => {
  test.each([
    ['a Bearer token in a block', 'Authorization: Bearer abc123realtokenvalue\nretries: 3\n', 'abc123realtokenvalue'],
    ['a token header in a curl line', 'curl -H "X-Api-Token: abc123realtokenvalue" https://x\necho done\n', 'abc123realtokenvalue'],
    ['a token echoed in quotes', 'echo "token: abc123realvalue99" > /etc/app.conf\n', 'abc123realvalue99'],
    ['a key in single quotes of a command', "run 'api_key: Zx9pQ7wLm2vK' now\n", 'Zx9pQ7wLm2vK'],
    ['a password before a command', '#!/bin/sh\nDB_PASSWORD=hunter2x ./run\n', 'hunter2x'],
    // Postfix's static: table answers every lookup with its name: `static:user:password` holds the password.
    ['postfix static: table', 'smtp_sasl_password_maps = static:bob:Zx9pQ7wLm2vK\nx = 1\n', 'Zx9pQ7wLm2vK'],
    ['a password as a table name', 'smtp_sasl_password_maps = hash:Zx9pQ7wLm2vK\nx = 1\n', 'Zx9pQ7wLm2vK'],
    ['postfix inline: table', 'smtp_sasl_password_maps = inline:{ smtp.example.com=bob:Zx9pQ7wLm2vK }\nx = 1\n', 'Zx9pQ7wLm2vK'],
    ['an AppRole secret ID', 'SECRET_ID=actualvalue\nROLE_ID=app\n', 'actualvalue'],
    // A shell's variable in a file is upper-case: `$` then a generated-looking word may be a password (attack32 31a-1).
    ['a $ word that is no variable after Bearer', 'Authorization: Bearer $tokAbc123xyz\nretries: 3\n', '$tokAbc123xyz'],
    ['a long number under tokens', 'tokens: 8462917531\nx: 1\n', '8462917531'],
  ])('%s', (_, text, secret) => refusedEverywhere(file(text), secret, true));
});

/** The config's text with `text` as a `|` block under `extraObjects[0].data["health.sh"]`, and the file line of `line`. */
function configWithBlock(text: string): string {
  const written = stringify(withChanges(devConfig(), { traefik: { values: file('PLACEHOLDER') } }));
  return written.replace(/^( *)file\.txt: PLACEHOLDER$/m, (_, indent: string) =>
    [
      `${indent}health.sh: |`,
      ...text
        .trimEnd()
        .split('\n')
        .map((line) => `${indent}  ${line}`),
    ].join('\n'),
  );
}

describe('39a-8: a refused block names the line that holds the secret and what was matched, never the value', () => {
  test.each([
    [
      'a Bearer header',
      ['#!/bin/sh', 'set -e', 'curl -fsS -H "Authorization: Bearer abc123realtokenvalue" https://x'],
      3,
      'a line setting Authorization',
    ],
    ['an env password', ['#!/bin/sh', 'DB_PASSWORD=hunter2xyz ./run'], 2, 'a line setting DB_PASSWORD'],
    ['a YAML password', ['retries: 3', 'password: hunter2xyz', 'port: 80'], 2, 'a line setting password'],
    ['a docker login', ['#!/bin/sh', 'echo start', 'docker login -u me -p hunter2xyz ghcr.io'], 3, 'docker login'],
    ['an explicit YAML key', ['retries: 3', '? password', ': hunter2xyz'], 2, 'the key password, read as YAML'],
  ])('%s', (_, lines, at, matched) => {
    const text = configWithBlock(lines.join('\n'));
    const errors = parseConfigText('config/t.yaml', text).errors;
    expect(errors).toHaveLength(1);
    const message = formatDiagnostic(errors[0]);
    // The diagnostic stands at the file line of the block's line `at`, on its first character.
    const fileLine = text.split('\n').findIndex((line) => line.trim() === lines[at - 1]) + 1;
    expect(errors[0].line).toBe(fileLine);
    expect(text.split('\n')[fileLine - 1].slice(errors[0].column! - 1)).toBe(lines[at - 1]);
    // What matched is said once: after the line where it says more than the finding (40a-8b), else in the finding.
    expect(message).toContain(`on its line ${at}`);
    expect(message).toContain(matched);
    expect(message).not.toMatch(/abc123realtokenvalue|hunter2xyz/);
  });

  test('the construct doors name the line too', () => {
    const values = file('#!/bin/sh\nDB_PASSWORD=hunter2xyz ./run\n');
    for (const refusal of [valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      expect(refusal).toContain('on its line 2 (a line setting DB_PASSWORD)');
      expect(refusal).not.toContain('hunter2xyz');
    }
  });
});
