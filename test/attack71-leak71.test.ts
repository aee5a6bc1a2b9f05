// Round 71 (leak71): secrets written to dist/. 71a-1 a GnuPG private key file (`(private-key …)`) and an Okta `SSWS`
// token, 71a-2 binary key containers in base64 (PRIVATEKEYBLOB `.snk`, `.pvk`, a Kerberos keytab, a Tor onion-service
// secret key, LZMA-alone data) and a Solana keypair or ZeroTier `identity.secret` as text, 71a-5 an Erlang cookie, a VAPID
// private key and an HMAC key under their names, 71a-6 service config formats (Kafka JAAS `user_<name>`, a Consul HCL
// `tokens` block, `smbpasswd -w`), 71a-10 Ascii85 of a private key, 71a-12 a secret's name in look-alike letters NFKC
// does not fold, 71a-13 incoming-webhook URLs whose path is the credential. Each is refused at every door, never shown;
// its secret-free neighbours (public keys, references, plain settings) stay accepted.
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { configErrors, withTraefikValues } from './helpers';
import { cpuMillisSince } from './cpu-time';

/** Deterministic bytes standing for a key's random ones. */
const filler = (length: number, seed = 7): Buffer => Buffer.from(Array.from({ length }, (_, i) => (i * 37 + seed * 11 + 5) % 251));
const b64 = (...parts: Buffer[]): string => Buffer.concat(parts).toString('base64');
const hex = (text: string): Buffer => Buffer.from(text.replace(/\s/g, ''), 'hex');

/** Microsoft's PRIVATEKEYBLOB (`sn -k` .snk): BLOBHEADER 07 02 00 00, CALG_RSA_SIGN, `RSA2`, bit length, exponent, key. */
const SNK = b64(hex('0702000000240000'), Buffer.from('RSA2'), hex('00080000 01000100'), filler(1152));
/** The public half (`sn -p`): PUBLICKEYBLOB 06 02 00 00, `RSA1`. */
const SNK_PUBLIC = b64(hex('0602000000240000'), Buffer.from('RSA1'), hex('00080000 01000100'), filler(256));
/** A .pvk: magic 0xB0B5F11E, reserved, key type, encrypted 0, salt length 0, key length, then a PRIVATEKEYBLOB. */
const PVK = b64(hex('1ef1b5b0 00000000 01000000 00000000 00000000 94040000 0702000000a40000'), Buffer.from('RSA2'), filler(600));
const KEYTAB = 'BQIAAABFAAEAC0VYQU1QTEUuQ09NAARIVFRQAAx3ZWIuZXhhbXBsZS5jb20AAAABZQAAAAIAEgAgxNtJc/SdAft0HrpUzbIsqCurn7v95fOwyMqdhZXgnZU=';
const TOR_SECRET = b64(Buffer.from('== ed25519v1-secret: type0 ==\0\0\0'), filler(64));
const TOR_PUBLIC = b64(Buffer.from('== ed25519v1-public: type0 ==\0\0\0'), filler(32));
/** `xz --format=lzma`: properties 0x5D, an 8 MiB dictionary, an unknown size, then the range coder's bytes. */
const LZMA = b64(hex('5d00008000ffffffffffffffff00'), filler(400));
const SOLANA = `[${Array.from(filler(64, 3)).join(', ')}]`;
const SOLANA_PUBLIC = `[${Array.from(filler(32, 3)).join(', ')}]`;
const ZT_PUBLIC = `8056c2e21c:0:${filler(64, 5).toString('hex')}`;
const ZT_PRIVATE = filler(64, 9).toString('hex');

const GPG_D = '4EFE19898E1BF5F3C15DCE9261EF049AFCEA304C434400F82291BCB8C1F5FD33';
const GPG_Q = '40D652BDFAB4045F5E251DB51EF8F83E920C1A641E9F39D8B3A3ACB53630C0FEE8';
const GPG_KEY_FILE = `Created: 20261206T225042\nKey: (private-key (ecc (curve Ed25519)(flags eddsa)(q\n  #${GPG_Q}#)\n (d #${GPG_D}#)\n ))`;
/** Ascii85 (`base64.a85encode(pem, adobe=True)`) of an Ed25519 PEM private key. */
const A85_KEY =
  "<~/M/P+/ODlr8PUC);FsnT<(.p&79M2o/M/O]9g^a)5uBpl6;^lR9/9Ol6:4=58OI;q88Ct;3DWd9ED08#BmOPc;_hs'6V1j88O?6r<-N1H;e%S)2`<r\\$8!h]/M0Cd6m,<(8QJ,V73G5l=Y23W/M.;~>";
/** Ascii85 of an Ed25519 PEM public key (`openssl pkey -pubout`). */
const A85_PUBLIC = `<~${ascii85(
  Buffer.from('-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n'),
)}~>`;
const A85_ENV = `<~${ascii85(Buffer.from('DB_PASSWORD=Xq7mP2vL9kRt\n'))}~>`;

/** Ascii85 as Python's a85encode writes it (`z` for four zero bytes, a partial group's padding dropped). */
function ascii85(bytes: Buffer): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += 4) {
    const group = Buffer.alloc(4);
    bytes.copy(group, 0, at, at + 4);
    const count = Math.min(4, bytes.length - at);
    let value = group.readUInt32BE(0);
    if (value === 0 && count === 4) {
      out += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let i = 0; i < 5; i++, value = Math.floor(value / 85)) digits.unshift(String.fromCharCode(33 + (value % 85)));
    out += digits.slice(0, count + 1).join('');
  }
  return out;
}

const PW = 'Xq7mP2vL9kRt';

// [row, text, the secret it holds]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  // 71a-1
  ['71a-1 GnuPG private-keys-v1.d key file', GPG_KEY_FILE, GPG_D],
  ['71a-1 GnuPG key file, one line', `(private-key(ecc(curve Ed25519)(q #${GPG_Q}#)(d #${GPG_D}#)))`, GPG_D],
  ['71a-1 GnuPG canonical S-expression', `(11:private-key(3:rsa(1:n4:abcd)(1:d64:${GPG_D})))`, GPG_D],
  ['71a-1 GnuPG protected key', `Key: (protected-private-key (rsa (n #00C3F2#)(protected openpgp-s2k3-ocb-aes #${GPG_D}#)))`, GPG_D],
  ['71a-1 Okta SSWS token', 'okta: "SSWS 00Qx7mK2pLw9vRt4ZsN8bYc3HdJf6GaUe1WnXo5Ti"', '00Qx7mK2pLw9vRt4ZsN8bYc3HdJf6GaUe1WnXo5Ti'],
  ['71a-1 Okta SSWS header', 'Authorization: SSWS 00Qx7mK2pLw9vRt4ZsN8', '00Qx7mK2pLw9vRt4ZsN8'],
  // 71a-2
  ['71a-2 PRIVATEKEYBLOB (.snk)', SNK, SNK.slice(0, 40)],
  ['71a-2 PRIVATEKEYBLOB wrapped', SNK.replace(/.{76}/g, '$&\n'), SNK.slice(0, 40)],
  ['71a-2 .pvk', PVK, PVK.slice(0, 40)],
  ['71a-2 Kerberos keytab', KEYTAB, KEYTAB.slice(0, 40)],
  ['71a-2 Tor hs_ed25519_secret_key', TOR_SECRET, TOR_SECRET.slice(0, 40)],
  ['71a-2 LZMA-alone data', LZMA, LZMA.slice(0, 40)],
  ['71a-2 Solana keypair id.json', SOLANA, SOLANA.slice(0, 40)],
  ['71a-2 Solana keypair wrapped', SOLANA.replace(/, /g, ',\n  '), SOLANA.replace(/, /g, ',\n  ').slice(0, 30)],
  ['71a-2 ZeroTier identity.secret', `${ZT_PUBLIC}:${ZT_PRIVATE}`, ZT_PRIVATE],
  // 71a-5 (in text)
  ['71a-5 RABBITMQ_ERLANG_COOKIE=', 'RABBITMQ_ERLANG_COOKIE=QWKZPTRMHXLCVBNJDSAE', 'QWKZPTRMHXLCVBNJDSAE'],
  ['71a-5 erlang cookie in YAML', 'erlangCookie: QWKZPTRMHXLCVBNJDSAE', 'QWKZPTRMHXLCVBNJDSAE'],
  ['71a-5 VAPID_PRIVATE=', 'VAPID_PRIVATE=Kq3vZ8mT2pLw9xRn4bYc7HdJf6GaUe1WnXo5TiQsBvE', 'Kq3vZ8mT2pLw9xRn4bYc7HdJf6GaUe1WnXo5TiQsBvE'],
  // 71a-6
  [
    '71a-6 Kafka JAAS user_<name>',
    `KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required\n  user_alice="${PW}";\n};`,
    PW,
  ],
  ['71a-6 Kafka JAAS user_admin word', 'KafkaServer {\n  PlainLoginModule required\n  user_admin="swordfish";\n};', 'swordfish'],
  ['71a-6 Consul HCL tokens block', `acl {\n  enabled = true\n  tokens {\n    agent = "${PW}"\n  }\n}`, PW],
  [
    '71a-6 Consul HCL initial_management UUID',
    'acl {\n  tokens {\n    initial_management = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"\n  }\n}',
    '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  ],
  ['71a-6 smbpasswd -w', `smbpasswd -w ${PW}`, PW],
  ['71a-6 smbpasswd -w in a comment', `[global]\n  ldap admin dn = cn=admin,dc=example,dc=com\n# smbpasswd -w ${PW}`, PW],
  // 71a-10
  ['71a-10 Ascii85 of a PEM private key', `a85: ${A85_KEY}`, A85_KEY.slice(2, 40)],
  ['71a-10 Ascii85 of a PEM private key alone', A85_KEY, A85_KEY.slice(2, 40)],
  ['71a-10 Ascii85 of an env line', A85_ENV, A85_ENV.slice(2, 30)],
  // 71a-12
  ['71a-12 small capitals NAME=value', 'ᴅʙ_ᴘᴀꜱꜱᴡᴏʀᴅ=swordfish', 'swordfish'],
  ['71a-12 Armenian o', `db_passwօrd=${PW.slice(0, 10)}`, PW.slice(0, 10)],
  ['71a-12 Cherokee letters', 'DB_ᏢᎪSSᎳᎾᎡD=swordfish', 'swordfish'],
  ['71a-12 Armenian capital O', 'DB_PASSWՕRD: swordfish', 'swordfish'],
  // 71a-13
  ['71a-13 Mattermost hook', 'api_url: https://mattermost.example.com/hooks/xq7mp2vl9krtwn4bycahdjf6ga', 'xq7mp2vl9krtwn4bycahdjf6ga'],
  ['71a-13 IFTTT Maker key', 'url: https://maker.ifttt.com/trigger/k3s_alert/with/key/dXq7mP2vL9kRtWn4bYcA', 'dXq7mP2vL9kRtWn4bYcA'],
  [
    '71a-13 Rocket.Chat hook',
    'url: https://chat.example.com/hooks/Kq3vZ8mT2pLw9xRn/Wn4bYc7HdJf6GaUe1WnXo5TiQsBvEyKpZq8vTn3w',
    'Wn4bYc7HdJf6GaUe1WnXo5TiQsBvEyKpZq8vTn3w',
  ],
  [
    '71a-13 Grafana OnCall integration',
    'url: https://oncall-prod-us-central-0.grafana.net/oncall/integrations/v1/alertmanager/Xq7mP2vL9kRtWn4bYcAHdJf6G/',
    'Xq7mP2vL9kRtWn4bYcAHdJf6G',
  ],
];

// [row, text]: the secret-free neighbours
const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['GnuPG public key S-expression', `(public-key (ecc (curve Ed25519)(flags eddsa)(q #${GPG_Q}#)))`],
  ['prose naming a private-key file', 'Import the (private-key file) with gpg --import.'],
  ['Okta SSWS reference', 'Authorization: SSWS ${OKTA_API_TOKEN}'],
  ['Okta SSWS in prose', 'Okta uses the SSWS authentication scheme.'],
  ['PUBLICKEYBLOB (sn -p)', SNK_PUBLIC],
  ['Tor hs_ed25519_public_key', TOR_PUBLIC],
  ['32 bytes (a public key) as a JSON array', SOLANA_PUBLIC],
  ['64 numbers not all bytes', `[${[...Array.from(filler(63, 3)), 8080].join(', ')}]`],
  ['ZeroTier identity.public', ZT_PUBLIC],
  ['ERLANG_COOKIE reference', 'RABBITMQ_ERLANG_COOKIE=${ERLANG_COOKIE}'],
  ['cookie name', 'SESSION_COOKIE_NAME=sid'],
  ['VAPID_PUBLIC', 'VAPID_PUBLIC=BNc4x2p0Q7yVZ8mT2pLw9xRn4bYc7HdJf6GaUe1WnXo5TiQsBvEyKpZq8vTn3wLx'],
  ['hmac: algorithm', 'hmac: sha256'],
  ['WEBHOOK_HMAC algorithm word', 'WEBHOOK_HMAC=sha256'],
  ['Kafka JAAS reference', 'KafkaServer {\n  PlainLoginModule required\n  user_alice="${file:/etc/kafka/secrets.properties:alice}";\n};'],
  [
    'Kafka JAAS username/password references',
    'KafkaClient {\n  PlainLoginModule required\n  username="alice"\n  password="${KAFKA_PASSWORD}";\n};',
  ],
  ['user_ setting outside JAAS', 'user_agent = "curl/8.0"'],
  ['Consul HCL acl without tokens', 'acl {\n  enabled = true\n  default_policy = "deny"\n}'],
  ['Consul HCL tokens with references', 'acl {\n  tokens {\n    agent = "${CONSUL_AGENT_TOKEN}"\n  }\n}'],
  ['smbpasswd -a user', 'smbpasswd -a alice'],
  ['smbpasswd -w reference', 'smbpasswd -w "$LDAP_ADMIN_PASSWORD"'],
  ['Ascii85 of a PEM public key', A85_PUBLIC],
  ['Ascii85 of prose', `<~${ascii85(Buffer.from('Hello, this is a plain note about the cluster.'))}~>`],
  ['small capitals prose', 'ᴄᴀᴜᴛɪᴏɴ=ʜᴏᴛ'],
  ['Armenian word', 'Բարեւ=աշխարհ'],
  ['Mattermost hook reference', 'api_url_file: /etc/alertmanager/secrets/mattermost-url'],
  ['a hooks path with a word', 'url: https://git.example.com/hooks/post-receive'],
  ['IFTTT page', 'url: https://ifttt.com/maker_webhooks'],
  ['Grafana OnCall docs URL', 'url: https://grafana.com/docs/oncall/latest/integrations/alertmanager/'],
];

describe('71a: a secret in a ConfigMap text is refused at every door, never shown', () => {
  test.each(SECRETS)('%s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('71a: the secret-free neighbours stay accepted', () => {
  test.each(ACCEPTED)('%s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('71a-2: a key container in binaryData', () => {
  const binary = (blob: string) => ({
    extraObjects: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'build', namespace: 'default' }, binaryData: { 'key.bin': blob } },
    ],
  });
  test.each([
    ['PRIVATEKEYBLOB', SNK],
    ['.pvk', PVK],
    ['keytab', KEYTAB],
  ])('%s refused', (_, blob) => refusedEverywhere(binary(blob), 'extraObjects[0].binaryData', blob.slice(0, 40)));
  test('PUBLICKEYBLOB accepted', () => acceptedEverywhere(binary(SNK_PUBLIC)));
});

describe('71a-5: an Erlang cookie, a VAPID private key and an HMAC key under their names', () => {
  const env = (name: string, value: string) => ({ env: [{ name, value }] });
  test.each([
    ['RABBITMQ_ERLANG_COOKIE', 'QWKZPTRMHXLCVBNJDSAE'],
    ['ERLANG_COOKIE', 'QWKZPTRMHXLCVBNJDSAE'],
    ['VAPID_PRIVATE', 'Kq3vZ8mT2pLw9xRn4bYc7HdJf6GaUe1WnXo5TiQsBvE'],
  ])('%s refused', (name, value) => refusedEverywhere(env(name, value), 'env[0]', value));
  // Under a name ending in `hmac` only a key's shape is a secret: an algorithm's name and code's `Hmac::<Sha256>` pass
  // (attack52-keys53; more rows in attack73-small73).
  test.each([
    ['WEBHOOK_HMAC', '8f14e45fceea167a5a36dedd4bea2543b1f7c9e2'],
    ['GITHUB_HMAC', 'c2VjcmV0LWtleS1mb3ItaG1hYw=='],
    ['hmac', 'Xk9mPq2vLr8wTn4bYc7HdJf6'],
  ])('%s holding a key is refused', (name, value) => refusedEverywhere(env(name, value), 'env[0]', value));
  test.each([
    ['VAPID_PUBLIC', 'BNc4x2p0Q7yVZ8mT2pLw9xRn4bYc7HdJf6GaUe1WnXo5TiQsBvEyKpZq8vTn3wLx'],
    ['WEBHOOK_HMAC', 'sha256'],
    ['HMAC', 'SHA-256'],
    ['COOKIE_DOMAIN', 'example.com'],
    ['ERLANG_COOKIE_FILE', '/var/lib/rabbitmq/.erlang.cookie'],
  ])('%s=%s accepted', (name, value) => acceptedEverywhere(env(name, value)));
  test('.erlang.cookie as a ConfigMap key', () => {
    const values = {
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'r', namespace: 'default' },
          data: { '.erlang.cookie': 'QWKZPTRMHXLCVBNJDSAE' },
        },
      ],
    };
    refusedEverywhere(values, 'extraObjects[0].data', 'QWKZPTRMHXLCVBNJDSAE');
  });
  test('a cookie pasted into an env name is not shown', () => {
    const errors = configErrors(withTraefikValues({ env: [{ name: 'RABBITMQ_ERLANG_COOKIE=QWKZPTRMHXLCVBNJDSAE', value: '' }] })).join(
      '\n',
    );
    expect(errors).toContain('env[0].name');
    expect(errors).not.toContain('QWKZPTRMHXLCVBNJDSAE');
  });
});

describe('71a: the new readers stay linear', () => {
  beforeAll(() => acceptedEverywhere(textConfigMap('warm up')));
  test.each([
    ['open S-expressions', '(private-key '.repeat(7_000)],
    ['an unclosed Ascii85 run', `<~${'9jqo^'.repeat(19_000)}`],
    ['Ascii85 openers', '<~ab'.repeat(24_000)],
    ['number lists', '[1, 2, 3, '.repeat(9_000)],
    ['hooks paths', 'https://a.example.com/hooks/'.repeat(3_500)],
  ])('%s', (_, text) => {
    const started = process.cpuUsage();
    refusedOrAccepted(text.slice(0, 100_000));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});

/** Judges a text at the config door (its verdict is not the point of a timed row). */
function refusedOrAccepted(text: string): void {
  configErrors(withTraefikValues(textConfigMap(text)));
}
