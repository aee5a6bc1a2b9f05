import { falseRefusalTables } from './secret-tables';

/**
 * Attack round 41a-8 and 41a-10, false refusals: `scheme:user@host` without `//` holds a user, no password (RFC 3986
 * puts userinfo after `//`; url-userinfo.ts); code that reads a variable named like a secret, a secret store's
 * reference, a sops ciphertext (code-references.ts), a method word (`scram-sha-256`), a command that prints a secret
 * kept elsewhere and a timing setting say where or how, not what. Each table is judged at every door at once.
 */
const S = 'Hq7pLm2xWv';

const { refusedTable, acceptedTable } = falseRefusalTables(S);

describe('41a-8: scheme:user@host holds a user, not a password', () => {
  acceptedTable([
    'restic -r sftp:backup@nas.local:/srv/restic snapshots',
    'rclone lsd sftp:backup@nas',
    'sip:alice@example.com',
    'sips:alice@example.com;transport=tls',
    'xmpp:bob@jabber.org',
    'acct:bob@example.com',
    'news:12345@example.com',
    'backup runs at 12:30@UTC',
    'rotate logs at 09:15:00@Europe/Paris',
  ]);
  refusedTable([
    ['https://user:pw@host', `https://user:${S}@host.example`],
    ['redis://:pw@host', `redis://:${S}@host.example:6379`],
    ['postgres://u:pw@h/db', `postgres://u:${S}@db.example/app`],
    ['amqp://u:pw@h', `amqp://u:${S}@mq.example`],
    ['user:password@host without a scheme', `admin:${S}@db.example.com`],
    ["SIP's user:password", `sip:alice:${S}@example.com`],
    ['restic sftp with a password', `restic -r sftp:backup:${S}@nas:/srv`],
    ['https:token@host (WHATWG reads https://token@host)', `https:${S}@example.com`],
    ['digits then a password', `123:${S}@host.example`],
  ]);
});

const SOPS = 'ENC[AES256_GCM,data:Tr7oQw==,iv:hDGgLFqtf0BYds+rY+Up4Sxox2qMbm0uUiiy/iJOl84=,tag:iCrbg4WDTUq3PyW1eH9hnw==,type:str]';

describe('41a-10: code and config that only read or describe a password', () => {
  acceptedTable([
    "'PASSWORD': os.environ['DB_PASSWORD'],",
    'password = os.environ.get("DB_PASSWORD")',
    "  password: <%= ENV['APP_DATABASE_PASSWORD'] %>",
    "production:\n  adapter: postgresql\n  password: <%= ENV['APP_DATABASE_PASSWORD'] %>\n",
    'password := os.Getenv("DB_PASSWORD")',
    'const password = process.env.DB_PASSWORD;',
    'password = ENV.fetch("DB_PASSWORD")',
    'password: System.getenv("DB_PASSWORD")',
    'password = settings.DB_PASSWORD',
    'password = std::env::var("DB_PASSWORD")',
    'password = Environment.GetEnvironmentVariable("DB_PASSWORD");',
    "password = $_ENV['DB_PASSWORD'];",
    "'password' => env('DB_PASSWORD'),",
    'password_encryption = scram-sha-256',
    "ssl_passphrase_command = 'cat /run/secrets/pp'",
    'PASSWORD_COMMAND=pass show db/app',
    'offline_credentials_expiration = 2',
    `password: ${SOPS}`,
    'password: ref+vault://secret/db#/password',
    'password: op://prod/db/password',
    'password: <path:secret/data/db#password>',
    'password: vault:secret/data/db#password',
  ]);
  refusedTable([
    ['a quoted password', `DB_PASSWORD = "${S}"`],
    ['a password under password_encryption', `password_encryption: ${S}`],
    ['a call given the password', `password: withPassword("${S}")`],
    ['a default after the variable', `password = process.env.DB_PASSWORD || '${S}'`],
    ['a default given to get()', `password = os.environ.get("DB_PASSWORD", "${S}")`],
    ['a default block', `password = ENV.fetch("DB_PASSWORD") { "${S}" }`],
    ['a password with a dot', `password: ${S}.password`],
    ['a password of two capitalized words', `password: Summer.Password${S}`],
    ['a variable not named like a secret', `password = os.environ['${S}']`],
    ['a command that prints a literal', `ssl_passphrase_command = 'echo ${S}'`],
    ['printf under PASSWORD_COMMAND', `PASSWORD_COMMAND=printf ${S}`],
    ["vals' echo backend (its path is the value)", `password: ref+echo://${S}`],
    ['a sops-like value without its IV and tag', `password: ENC[AES256_GCM,data:${S},iv:1=,tag:x=,type:str]`],
  ]);
});
