import { redact, secretShape } from '../src/core/secrets';
import { acceptedEverywhere } from './secret-doors';
import { refusedTextRows, textDoors } from './secret-tables';

/**
 * Round-42 known gaps (closing16-s41 "still open"): a decoder between the fed text and a reader of a password on
 * standard input (the fed text is the password, encoded); `ansible-vault encrypt_string` given the secret as an
 * argument; a Dockerfile exec-form list (`HEALTHCHECK CMD [`, `RUN [`, `CMD [`) written over several lines.
 */
const S = 'Hq7pLm2xWv';
/** S in base64, base32 and hex: what a decoder turns back into S. */
const B64 = Buffer.from(S).toString('base64');
const HEX = Buffer.from(S).toString('hex');
const B32 = 'JBYTO4CMNUZHQV3W';

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 1: a decoder between the feeder and the reader (openssl is no filter but where it only decodes base64)
  ['openssl base64 -d', `echo ${B64} | openssl base64 -d | docker login -u me --password-stdin r.io`, B64],
  ['openssl enc -base64 -d', `echo ${B64} | openssl enc -base64 -d | docker login -u me --password-stdin r.io`, B64],
  ['openssl enc -d -a', `echo ${B64} | openssl enc -d -a -A | docker login -u me --password-stdin r.io`, B64],
  ['a here-string into openssl base64 -d', `openssl base64 -d <<< ${B64} | docker login -u me --password-stdin r.io`, B64],
  // 2: ansible-vault encrypt_string's argument
  ['encrypt_string, the secret then --name', `ansible-vault encrypt_string '${S}' --name db_password`, S],
  ['encrypt_string --name x -- secret', `ansible-vault encrypt_string --name x -- '${S}'`, S],
  ['encrypt_string after --vault-password-file', `ansible-vault encrypt_string --vault-password-file f '${S}' --name db_password`, S],
  ['encrypt_string --vault-id, --name=', `ansible-vault encrypt_string --vault-id dev@prompt --name=pw ${S}`, S],
  // 3: a Dockerfile exec-form list over several lines
  ['HEALTHCHECK CMD [ one item a line', `HEALTHCHECK CMD [\n  "redis-cli",\n  "-a",\n  "${S}",\n  "ping"\n]`, S],
  [
    'HEALTHCHECK with options, \\ continued',
    `HEALTHCHECK --interval=30s --timeout=3s CMD [ \\\n  "redis-cli", \\\n  "-a", \\\n  "${S}" ]`,
    S,
  ],
  ['CMD [ mysql -p over lines', `FROM mysql:8\nCMD ["mysql",\n  "-p${S}"]`, S],
  ['ENTRYPOINT [ over lines', `ENTRYPOINT [\n  "redis-cli", "-a",\n  "${S}"\n]`, S],
  ['RUN [ over lines', `RUN [ \\\n  "mysql", \\\n  "-uroot", \\\n  "-p${S}", \\\n  "-e", "select 1" ]`, S],
  ['HEALTHCHECK CMD [ mysql, CRLF line ends', `HEALTHCHECK CMD [\r\n  "mysql",\r\n  "-p${S}",\r\n  "-e", "select 1"\r\n]`, S],
  ['a Python list over lines', `subprocess.run([\n    "redis-cli",\n    "-a",\n    "${S}",\n    "ping"])`, S],
  [
    'HEALTHCHECK CMD [ in a Dockerfile',
    `FROM redis:7\nHEALTHCHECK CMD [\n  "redis-cli",\n  "-a", "${S}",\n  "ping"]\nCMD ["redis-server"]`,
    S,
  ],
];

const ordinary = [
  // 1
  'cat /run/pw | base64 -d | docker login -u me --password-stdin r.io',
  'echo "$PW_B64" | base64 -d | docker login -u me --password-stdin r.io',
  'echo "$(cat /run/pw.b64)" | base64 --decode | docker login -u me --password-stdin r.io',
  'echo ${PW} | openssl base64 -d | sudo -S true',
  'base64 -d < /run/pw.b64 | docker login -u me --password-stdin r.io',
  'echo aGVsbG8= | base64 -d',
  'echo aGVsbG8= | base64 -d | wc -c',
  'echo hello | base64 | docker build -',
  // 2
  'ansible-vault encrypt_string --stdin-name db_password < /run/pw',
  'cat /run/pw | ansible-vault encrypt_string --stdin-name db_password',
  'echo -n "$DB_PASSWORD" | ansible-vault encrypt_string --stdin-name db_password',
  'ansible-vault encrypt_string "$DB_PASSWORD" --name db_password',
  'ansible-vault encrypt_string --name db_password "${DB_PASSWORD}"',
  'ansible-vault encrypt secrets.yml',
  'ansible-vault encrypt --vault-password-file ~/.vault_pass group_vars/all/vault.yml',
  'ansible-vault view secrets.yml',
  'ansible-vault --help',
  'ansible-vault encrypt_string --ask-vault-pass --stdin-name db_password',
  'Use ansible-vault encrypt_string to encrypt a single value.',
  'Run ansible-vault encrypt_string --name db_password and paste its output into vars/main.yml.',
  'echo U2FsdGVkX19abc | openssl enc -d -aes-256-cbc -a -A | docker login -u me --password-stdin r.io',
  'echo U2FsdGVkX19abc | openssl base64 -d -in /run/pw.b64 | docker login -u me --password-stdin r.io',
  // 3
  'HEALTHCHECK CMD [\n  "redis-cli",\n  "-a",\n  "$REDIS_PASSWORD",\n  "ping"\n]',
  'HEALTHCHECK --interval=30s CMD [ \\\n  "curl", "-f", \\\n  "http://localhost/" ]',
  'RUN [ \\\n  "apt-get", "install", \\\n  "-y", "redis-tools" ]',
  'FROM redis:7\nHEALTHCHECK CMD [\n  "redis-cli",\n  "ping"]\nCMD ["redis-server"]',
  'CMD [\n  "mysqld",\n  "--port=3306"\n]',
  'RUN [ "sh", "-c", \\\n  "echo hi" ]',
  '{"hosts": [\n  "redis-cli.example.com",\n  "mysql.example.com"\n]}',
  'cmd = [\n    "mysql",\n    "-uroot",\n    f"-p{password}",\n]',
  'servers: [\n  redis-cli, mysql\n]\nnote: the list [\nis open',
];

describe('round-42 gaps: a decoded feed, encrypt_string arguments, Dockerfile lists over lines', () => {
  refusedTextRows(refused);
});

/**
 * The brief's other decoders: already refused before this change (stdin-pipes.ts reads an unknown command as a filter
 * since 41a-3), kept here as the gap's forms, not as rows that failed before it.
 */
const decodedBefore: ReadonlyArray<readonly [string, string]> = [
  [`echo ${B64} | base64 --decode | docker login -u me --password-stdin r.io`, B64],
  [`echo ${HEX} | xxd -r -p | sudo -S true`, HEX],
  [`echo ${B64} | basenc --base64 -d | docker login -u me --password-stdin r.io`, B64],
  [`printf '%s' ${B32} | base32 -d | sudo -S apt-get update`, B32],
];
test.each(decodedBefore)('%s stays refused and redacted', (text, secret) => {
  expect(secretShape(text)).toBeDefined();
  expect(redact(text)).not.toContain(secret);
});

describe('round-42 gaps: ordinary commands are accepted', () => {
  test.each(ordinary)('%s is accepted', (text) => {
    expect(secretShape(text)).toBeUndefined();
  });
  test('all of them are accepted at every door', () => {
    acceptedEverywhere(textDoors(ordinary));
  });
});
