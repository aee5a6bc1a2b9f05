// Fix round 55 (attack 53a-4 to -9): a stand-in vouches for itself only (a comment after a sops value is text), fake
// sops and Ansible Vault envelopes are values, glued key names (AUTHKEY), salts, and Redis AUTH sent through client code.
import { redact, secretShape } from '../src/core/secrets';
import { isEncryptedValue } from '../src/core/encrypted-values';
import { configMapOfTexts, falseRefusalTables, judgedOnce, refusedAt } from './secret-tables';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { valuesDoors } from './helpers';

const S = 'Xk9vQ2mLp7RtZw4B';
const IV = 'hS5CsvHtV7MGErP8KIJt/nuGlbbmrVkA6xUwOfsUsLo=';
const TAG = '7/7ENcwKL9knMZmQhPra1g==';
const sops = (data: string, iv = IV, tag = TAG) => `ENC[AES256_GCM,data:${data},iv:${iv},tag:${tag},type:str]`;
const SOPS = sops('OU+wMvPqGXfDHYmu');
// A real-shaped vault body: hex of the hex salt, HMAC and ciphertext, one a line (ansible lib/ansible/parsing/vault).
const BODY = Buffer.from(`${'ab'.repeat(32)}\n${'cd'.repeat(32)}\n${'ef'.repeat(32)}`)
  .toString('hex')
  .match(/.{1,80}/g)!;
const vault = (header: string) => `password: !vault |\n  ${header}\n${BODY.map((line) => `  ${line}`).join('\n')}\n`;
/** A sops-encrypted file as `sops -e` writes one (fields of fixed bytes here): values and the `sops:` metadata. */
const b64 = (n: number, byte: number) => Buffer.alloc(n, byte).toString('base64');
const field = (n: number, byte: number, type = 'str') =>
  sops(b64(n, byte), b64(32, byte + 1), b64(16, byte + 2)).replace('type:str', `type:${type}`);
const SOPS_FILE = [
  'db:',
  `    user: ${field(3, 1)}`,
  `    password: ${field(20, 4)}`,
  `    port: ${field(4, 7, 'int')}`,
  'sops:',
  '    age:',
  '        - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p',
  '    lastmodified: "2024-05-01T10:00:00Z"',
  `    mac: ${field(32, 10)}`,
  '    version: 3.8.1',
  '',
].join('\n');
const env = (names: readonly string[], value: string) => ({ env: names.map((name) => ({ name, value })) });

/** Rows [name, text] judged in one ConfigMap (`data.k<i>`): every door refuses each at its key, none shows S. */
function refusedTexts(rows: ReadonlyArray<readonly [string, string]>): void {
  const doors = judgedOnce(() => configMapOfTexts(rows.map(([, text]) => text)));
  test.each(rows.map(([name, text], i) => [name, text, i] as const))('%s is refused, not shown', (_, text, i) => {
    refusedAt(doors(), `data.k${i}`, S);
    if (secretShape(text)) expect(redact(`x\n${text}\ny`)).not.toContain(S);
    expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(S);
  });
}

const { acceptedTable } = falseRefusalTables(S);

describe('53a-4: a comment after a sops value or a placeholder is judged as text (a file: YAML drops the comment)', () => {
  refusedTexts([
    ['# old: after a sops value', `password: ${SOPS} # old: ${S}\n`],
    ['# after a quoted sops value', `password: "${SOPS}"  # was ${S}\n`],
    ['# after a placeholder', `password: <your-password> # e.g. ${S}\n`],
    ['# after a reference', `password: \${DB_PASSWORD} # default ${S}\n`],
    ['# after REPLACE_ME in a list item', `- token: REPLACE_ME # ${S}\n`],
    ['an env line', `DB_PASSWORD=${SOPS} # old ${S}\n`],
  ]);
});

describe('53a-5: an Ansible Vault value has its header and a hex body, and a label for a vault id', () => {
  refusedTexts([
    ['a secret as the fourth field of 1.1', `password: $ANSIBLE_VAULT;1.1;AES256;${S}`],
    ['a generated vault id in 1.2', `password: $ANSIBLE_VAULT;1.2;AES256;${S}`],
    ['a generated vault id over a real body', vault(`$ANSIBLE_VAULT;1.2;AES256;${S}`)],
    ['a secret in the place of the cipher', `password: $ANSIBLE_VAULT;1.1;${S}`],
  ]);

  test('a header with no body is no vault value (judged as the text it is); a real one, or a sample elided, is', () => {
    expect(isEncryptedValue('$ANSIBLE_VAULT;1.1;AES256')).toBe(false);
    expect(isEncryptedValue('$ANSIBLE_VAULT;1.2;AES256;prod')).toBe(false);
    expect(isEncryptedValue(`$ANSIBLE_VAULT;1.1;AES256;prod\n${BODY.join('\n')}`)).toBe(false); // 1.1 has no vault id
    expect(isEncryptedValue(`$ANSIBLE_VAULT;1.2;AES256;prod\n${BODY.join('\n')}`)).toBe(true);
    expect(isEncryptedValue(`$ANSIBLE_VAULT;1.1;AES256\n${BODY.join('\n')}`)).toBe(true);
    expect(isEncryptedValue('$ANSIBLE_VAULT;1.1;AES256\n...')).toBe(true);
    expect(valuesDoors.config(configMapOfTexts(['password: $ANSIBLE_VAULT;1.1;AES256']))).toContain('data.k0');
  });
});

describe('53a-6: a sops value has canonical base64 fields (getsops/sops aes/cipher.go)', () => {
  refusedTexts([
    ['data of 14 characters', `password: ${sops('hunter2hunter2')}`],
    ['data with a character out of base64', `password: ${sops(`${S}!!!!`)}`],
    ['data padded wrong', `password: ${sops(`${S}=`)}`],
    ['an IV whose last character holds bits past 32 bytes', `password: ${sops(S, IV.replace(/o=$/, 'p='))}`],
    ['a .curlrc user line stays one', `user: "bob:${S}"\n`],
    ['a tag whose last character holds bits past 16 bytes', `password: ${sops(S, IV, TAG.replace(/g==$/, 'h=='))}`],
  ]);

  test('a password that is padded base64 cannot be told from ciphertext (the known limit)', () => {
    expect(isEncryptedValue(sops(S))).toBe(true);
  });
});

describe('53a-7: glued key names as env names', () => {
  const names = ['AUTHKEY', 'AUTHKEY_PROD', 'TS_AUTHKEY', 'SESSIONKEY', 'HMACKEY', 'authKey'];
  const doors = judgedOnce(() => env(names, S));
  test.each(names.map((name, i) => [name, i] as const))('env %s is refused at every door', (_, i) => {
    refusedAt(doors(), `env[${i}].value`, S);
  });
  refusedTexts([
    ['AUTHKEY= in text', `AUTHKEY=${S}`],
    ['authkey: in YAML text', `authkey: ${S}`],
  ]);
});

describe('53a-8: salts (WordPress keys and salts, an app hashing salt) with a generated value', () => {
  const names = ['WORDPRESS_AUTH_SALT', 'NONCE_SALT', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'HASHIDS_SALT', 'SALT'];
  const doors = judgedOnce(() => env(names, S));
  test.each(names.map((name, i) => [name, i] as const))('env %s is refused at every door', (_, i) => {
    refusedAt(doors(), `env[${i}].value`, S);
  });
  refusedTexts([
    ['WORDPRESS_AUTH_SALT= in text', `WORDPRESS_AUTH_SALT=${S}`],
    ["PHP define('AUTH_SALT')", `define('AUTH_SALT', '${S}');`],
    ["PHP define('NONCE_SALT') with blanks", `define( 'NONCE_SALT',   '${S}' );`],
    ["PHP define('LOGGED_IN_SALT')", `define("LOGGED_IN_SALT", "${S}");`],
    ['a YAML key', `nonce_salt: ${S}`],
    // A salt as WordPress's API makes one: punctuation cuts its letters into runs too short to look generated alone.
    ['a WordPress API salt with punctuation', `define('SECURE_AUTH_SALT', 'k#9;L|p]R@${S.slice(0, 6)}-v!T{2q&W^e7(Z');`],
  ]);

  test('a salt that does not look generated, a salt count, a SaltStack host, a reference: accepted', () => {
    expect(valuesDoors.config(env(['SALT_LENGTH', 'SALT_MASTER', 'WORDPRESS_AUTH_SALT', 'APP_SALT'], '16'))).toBe('');
    expect(valuesDoors.config({ env: [{ name: 'SALT_MASTER', value: 'salt.example.com' }] })).toBe('');
    expect(valuesDoors.config({ env: [{ name: 'NONCE_SALT', value: '$(WP_NONCE_SALT)' }] })).toBe('');
  });
});

describe('53a-9: Redis AUTH through client code', () => {
  refusedTexts([
    ['hiredis redisCommand with a format', `redisCommand(c, "AUTH %s", "${S}");`],
    ['redis-py execute_command with a user', `r.execute_command('AUTH', 'default', '${S}')`],
    ['node_redis send_command with a list', `client.send_command('AUTH', ['${S}'])`],
    ['node-redis v4 sendCommand', `await client.sendCommand(['AUTH', '${S}']);`],
    ['Java String.format', `String.format("AUTH %s", "${S}")`],
    ['Go fmt.Sprintf with a user', `fmt.Sprintf("AUTH %s %s", "default", "${S}")`],
    ['C snprintf with CRLF', `snprintf(buf, sizeof buf, "AUTH %s\\r\\n", "${S}");`],
    ["Python's % operator", `cmd = 'AUTH %s' % '${S}'`],
    ['ioredis call, lower case', `redis.call('auth', '${S}')`],
    ['Lua redis.call', `redis.call('AUTH', '${S}')`],
    ['redigo Do', `conn.Do("AUTH", "${S}")`],
    ['go-redis Do with a context', `rdb.Do(ctx, "AUTH", "default", "${S}")`],
    ['Jedis sendCommand with the enum', `jedis.sendCommand(Protocol.Command.AUTH, "${S}");`],
    ['Ruby call with a symbol', `redis.call(:auth, '${S}')`],
    ['a bare argument list', `["AUTH", "${S}"]`],
    ['a weak password in a client call', `r.execute_command('AUTH', 'hunter2${S.slice(0, 0)}')`],
  ]);
});

describe('controls: real envelopes and notes of words in a file, variables and prose in code', () => {
  test('files of real sops and vault values, samples, notes of words after a stand-in: accepted at every door', () => {
    acceptedEverywhere(
      configMapOfTexts([
        `password: ${SOPS}\n`,
        `password: ${SOPS} # rotated in May\n`,
        'password: ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]\n',
        `password: ${sops('Tr7oQw==', 'hDGgLFqtf0BYds+rY+Up4Sxox2qMbm0uUiiy/iJOl84=', 'iCrbg4WDTUq3PyW1eH9hnw==')}\n`,
        vault('$ANSIBLE_VAULT;1.1;AES256'),
        vault('$ANSIBLE_VAULT;1.2;AES256;prod'),
        vault('$ANSIBLE_VAULT;1.2;AES256;db_2024'),
        'password: <your-password> # ask the platform team\n',
        'db:\n  password: ${DB_PASSWORD} # set by CI\n',
        SOPS_FILE, // its `user: ENC[…,data:…]` is no .curlrc `user name:password` line
      ]),
    );
  });

  acceptedTable([
    'AUTH is required before any command',
    'Send AUTH with the password first',
    'redis.call("auth", password)',
    'r.execute_command("AUTH", os.environ["REDIS_PASSWORD"])',
    'String.format("AUTH %s", password)',
    'fmt.Sprintf("AUTH %s", pw)',
    'redisCommand(c, "AUTH %s", password);',
    "'AUTH {}'.format(pw)",
    "cmd = 'AUTH %s' % pw",
    'middlewares: ["auth", "rate-limit"]',
    '["AUTH", "required"]',
    'send_command("AUTH", ["<your-password>"])',
    'log.info("AUTH %s", "ok")',
    "define('AUTH_SALT', getenv('WP_AUTH_SALT'));",
    "define('NONCE_SALT', 'put your unique phrase here');",
    'SALT_ROUNDS=12',
    'AUTHKEY_FILE=/run/secrets/tailscale',
  ]);
});

test('the messages name the readers, never the value', () => {
  expect(secretShape(`r.execute_command('AUTH', '${S}')`)).toContain('Redis AUTH');
  expect(redact(`redisCommand(c, "AUTH %s", "${S}");`)).not.toContain(S);
});
