// Round 69 (false69): false refusals 69a-1 (SMTP `MAIL FROM:<addr>`), 69a-8 (a placeholder closing inline code in a
// sentence), 69a-10 (the MySQL/MariaDB images' no-password switches), 69a-11 (a projected serviceAccountToken, Prometheus'
// basic_auth with password_file), 69a-14 (secret references and encrypted values of common stacks), 69a-15 (Mapbox's
// public token), 69a-19 (token lifetimes as seconds or a TimeSpan), 69a-24 (a PGP signature's random bytes). Each
// must-pass row passes every door; its refused neighbour stays refused, the secret never shown.
import { valuesDoors } from './helpers';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';

const PW = 'Xq9vLm2Pz8Wk4Rt7bN';
const SIGNATURE = [
  '-----BEGIN PGP SIGNATURE-----',
  '',
  'iHUEABYIAB0WIQQvn9CmH67OT/BCsJovbWHrqxFMGwUCaxWeDQAKCRAvbWHrqxFM',
  'G7BaAP9P9Hl9MNdLdV+OpxSGMV0yXvBVH0x+rPwIZukKRchaGwD9HDwsk/EznsCu',
  '+7WfrltZOm9qajNgV0BhkcjFpG8Qows=',
  '=ILeA',
  '-----END PGP SIGNATURE-----',
].join('\n');
const MAPBOX_PUBLIC = 'pk.eyJ1IjoibWFwYm94IiwiYSI6ImNpejY4M29iazA2Z2gycXA4N2pmbDZmangifQ.-g_vE53SD2WrJ6tFX7QHmA';
const tokenVolume = (source: Record<string, unknown>) => ({
  deployment: { additionalVolumes: [{ name: 'vault-token', projected: { sources: [{ serviceAccountToken: source }] } }] },
});
const env = (name: string, value: string) => ({ env: [{ name, value }] });

describe('texts that hold no secret are accepted at every door', () => {
  it.each([
    ['69a-1 MAIL FROM', 'MAIL FROM:<a@example.com>'],
    ['69a-1 RCPT TO', 'RCPT TO:<ops@example.com>'],
    ['69a-1 a quoted sender', 'sender: "MAILER:<noreply@example.com>"'],
    ['69a-8 key: placeholder in code', 'Set `password: <your-password>` in values.yaml.'],
    ['69a-8 NAME=placeholder in code', 'Set `DB_PASSWORD=<your-password>` in .env'],
    ['69a-8 a header in code', 'Send the header `Authorization: Bearer <token>` with each request.'],
    ['69a-10 MYSQL_RANDOM_ROOT_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD=1'],
    ['69a-10 MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1'],
    ['69a-10 MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD=1'],
    ['69a-11 basic_auth with password_file', 'basic_auth:\n  password_file: /etc/prometheus/password'],
    ['69a-11 basic_auth with a user only', 'basic_auth:\n  username: prometheus'],
    ['69a-14 Home Assistant !secret', 'password: !secret mqtt_password'],
    ['69a-14 Jasypt ENC()', 'spring.datasource.password=ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)'],
    ['69a-14 Kafka env provider', 'ssl.keystore.password=${env:KEYSTORE_PASSWORD}'],
    [
      '69a-14 Kafka file provider',
      'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${file:/opt/kafka/secrets.properties:password}";',
    ],
    ['69a-14 Azure Key Vault', 'DB_PASSWORD=@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/db-password/)'],
    ['69a-14 Azure Key Vault by name', 'DB_PASSWORD=@Microsoft.KeyVault(VaultName=myvault;SecretName=db-password)'],
    ['69a-14 Replace Tokens in a connection string', 'Password=#{DbPassword}#;'],
    ['69a-14 Maven filtering', 'db.password=@db.password@'],
    ['69a-14 SSM', 'DB_PASSWORD=ssm:/prod/db/password'],
    ['69a-14 Google Secret Manager', 'DB_PASSWORD=sm://my-project/db-password'],
    ['69a-19 TimeSpan', 'tokenLifetime: "00:15:00"'],
    ['69a-19 TimeSpan in appsettings.json', '{"Jwt": {"Issuer": "https://auth.example.com", "TokenLifetime": "00:30:00"}}'],
    ['69a-19 validity in seconds', 'PASSWORD_RESET_TOKEN_VALIDITY=172800'],
    ['69a-19 dotted validity', 'jwt.token.validity=18000'],
    ['69a-19 JHipster', 'jhipster:\n  security:\n    authentication:\n      jwt:\n        token-validity-in-seconds: 86400'],
  ])('%s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('chart values that hold no secret are accepted at every door', () => {
  it.each([
    ['69a-10 MARIADB_RANDOM_ROOT_PASSWORD', env('MARIADB_RANDOM_ROOT_PASSWORD', '1')],
    ['69a-10 MYSQL_ALLOW_EMPTY_PASSWORD', env('MYSQL_ALLOW_EMPTY_PASSWORD', '0')],
    ['69a-11 a projected token', tokenVolume({ path: 'token', expirationSeconds: 3600, audience: 'vault' })],
    ['69a-11 a projected token, path only', tokenVolume({ path: 'token' })],
    ['69a-15 Mapbox public token', env('MAPBOX_TOKEN', MAPBOX_PUBLIC)],
  ])('%s', (_, values) => acceptedEverywhere(values));

  // The config, K3sVipCluster and TraefikHelmChartConfig doors; the write gate's reading of the written file is a todo below.
  it.each([
    ['69a-24 a PGP signature', textConfigMap(SIGNATURE)],
    ['69a-15 Mapbox GL accessToken', { deployment: { podAnnotations: { accessToken: MAPBOX_PUBLIC } } }],
  ])('%s (config and props doors)', (_, values) => {
    expect(valuesDoors.config(values)).toBe('');
    expect(valuesDoors.cluster(values)).toBe('');
    expect(valuesDoors.chart(values)).toBe('');
  });
});

describe('their neighbours that hold a secret stay refused, unshown', () => {
  it.each([
    ['69a-1 a password in the address', `MAIL FROM:<a:${PW}@example.com>`],
    ['69a-1 a generated local part', `MAIL FROM:<${PW}@example.com>`],
    ['69a-1 an SMTP URL', `smtp://user:${PW}@mail.example.com`],
    ['69a-8 key: value in code', `Set \`password: ${PW}\` in values.yaml.`],
    ['69a-8 NAME=value in code', `Set \`DB_PASSWORD=${PW}\` in .env`],
    ['69a-8 a bearer token in code', `Send the header \`Authorization: Bearer ${PW}a7c\` with each request.`],
    ['69a-10 the root password', 'MYSQL_ROOT_PASSWORD=1'],
    ['69a-10 a value under the switch', `MYSQL_RANDOM_ROOT_PASSWORD=${PW}`],
    ['69a-10 a number under the switch', 'MYSQL_RANDOM_ROOT_PASSWORD=12'],
    ['69a-11 basic_auth with a password', `basic_auth:\n  username: prometheus\n  password: ${PW}`],
    ['69a-11 basic_auth, a generated user', `basic_auth:\n  username: ${PW}\n  password_file: /etc/prometheus/password`],
    ['69a-14 a literal', `password: ${PW}`],
    ['69a-14 ENC( unclosed', `spring.datasource.password=ENC(${PW}`],
    ['69a-14 ENC() of no ciphertext', 'spring.datasource.password=ENC(Xq9vLm2Pz8Wk4Rt7)'],
    ['69a-14 a default in a placeholder', `ssl.keystore.password=\${env:KEYSTORE_PASSWORD:-${PW}}`],
    ['69a-14 after a Key Vault reference', `DB_PASSWORD=@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/db/)${PW}`],
    ['69a-14 @word@ named like no secret', 'db.password=@hunter@'],
    ['69a-14 sm:// of a generated name', `DB_PASSWORD=sm://${PW}`],
    ['69a-15 a Mapbox secret token', `MAPBOX_TOKEN=${MAPBOX_PUBLIC.replace(/^pk/, 'sk')}`],
    ['69a-15 a generated value under a Mapbox name', `MAPBOX_TOKEN=${PW}`],
    ['69a-19 a number under a token', 'PASSWORD_RESET_TOKEN=172800'],
    ['69a-19 a generated validity', `TOKEN_VALIDITY=${PW}`],
    ['69a-19 a generated lifetime', `tokenLifetime: "${PW}"`],
    ['69a-19 a generated validity in seconds', `jwt:\n  token-validity-in-seconds: ${PW}`],
    ['69a-24 text in a signature armour', `-----BEGIN PGP SIGNATURE-----\npassword=${PW}\n-----END PGP SIGNATURE-----`],
  ])('%s', (_, text) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', PW.slice(0, 12)));

  it('69a-24: base64 of a password inside a signature armour', () =>
    refusedEverywhere(
      textConfigMap(`-----BEGIN PGP SIGNATURE-----\n\n${Buffer.from(`password=${PW}`).toString('base64')}\n-----END PGP SIGNATURE-----`),
      'extraObjects[0].data',
      PW.slice(0, 12),
    ));

  it.each([
    ['69a-11 a token beside the projection', tokenVolume({ path: 'token', token: PW }), 'serviceAccountToken'],
    ['69a-11 a generated path', tokenVolume({ path: PW }), 'serviceAccountToken'],
    ['69a-10 the root password set to 1', env('MYSQL_ROOT_PASSWORD', `${PW}`), 'env[0]'],
    ['69a-15 a generated value under a Mapbox name', env('MAPBOX_TOKEN', PW), 'env[0]'],
  ])('%s', (_, values, where) => refusedEverywhere(values, where, PW.slice(0, 12)));
});

describe('left for later', () => {
  test.todo('69a-24 and 69a-15: the write gate still refuses a PGP signature and `accessToken: pk.eyJ…` as read in valuesContent');
  test.todo('69a-24: one line of a signature alone (`+7WfrltZOm9qajNgV0BhkcjFpG8Qows=`): its bytes still read as a URL with credentials');
  test.todo('69a-15: `MAPBOX_TOKEN=pk.eyJ…` as a text line: the "once decoded" reader still refuses it');
  test.todo('69a-14: Spring Cloud Config `{cipher}…` and systemd `LoadCredential=id:/path`');
  test.todo('69a-22: schemas, type declarations, i18n strings and vault notes that name a password field');
});
