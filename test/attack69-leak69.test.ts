// Round 69 (leak69): secrets the write gate let through. 69a-13 a Consul/Nomad/Serf gossip key under `encrypt` (the dry-run
// diff hid it, the gate wrote it: now the gate refuses it), 69a-27 a `…_KEY` name in lower or mixed case, 69a-26 short and
// key-kind secret names, 69a-12 a 2FA/OTP seed under a prefixed name, 69a-3 gitleaks' fixed-prefix vendor tokens, 69a-6
// a password in prose with an owner in the genitive, 69a-16 English notes in other wordings. Each is refused at every
// door, never shown; the near neighbours that hold no secret stay accepted.
import { foreignProsePasswordSpans } from '../src/core/foreign-prose-passwords';
import { labelledPasswordSpans } from '../src/core/labelled-password-values';
import { keyedSecret } from '../src/core/secrets-text';
import { vendorTokenSpans } from '../src/core/token-shapes';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

// Made-up values in each vendor's documented shape (gitleaks/gitleaks config/gitleaks.toml); none is a real credential.
const HEX40 = 'a3cc8f7152902486396b0f39b03c99c8fc0f514a';
const GEN = 'Qx7mYHnc0G7P8ChKs9Q5jiDYfN7dbxNo';
const SEED = 'JBSWY3DPEHPK3PXPQX7ABCDE';
const GOSSIP32 = 'pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=';
const GOSSIP16 = 'cg8StVXbQJ0gPvMd9o7yrg==';

// [row, text, the secret it holds]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  // 69a-13
  ['69a-13 Consul HCL encrypt', `datacenter = "dc1"\ndata_dir = "/opt/consul"\nencrypt = "${GOSSIP32}"`, GOSSIP32],
  ['69a-13 Consul JSON encrypt', `{"datacenter": "dc1", "encrypt": "${GOSSIP32}"}`, GOSSIP32],
  ['69a-13 consul agent -encrypt=', `consul agent -server -encrypt=${GOSSIP32} -data-dir=/opt/consul`, GOSSIP32],
  ['69a-13 Nomad server block, 16 bytes', `server {\n  enabled = true\n  encrypt = "${GOSSIP16}"\n}`, GOSSIP16],
  ['69a-13 lower-case gossip_key', `gossip_key = "${GOSSIP32}"`, GOSSIP32],
  // 69a-27
  ['69a-27 aes_key=', `aes_key=${GEN}`, GEN],
  ['69a-27 Aes_Key=', `Aes_Key=${GEN}`, GEN],
  ['69a-27 export aes_key=', `export aes_key=${GEN}`, GEN],
  ['69a-27 aes_key: ', `aes_key: ${GEN}`, GEN],
  ['69a-27 ssh_key=', `ssh_key=${GEN}`, GEN],
  ['69a-27 app_key=', `app_key=${GEN}`, GEN],
  ['69a-27 Consumer_Key=', `Consumer_Key=${GEN}`, GEN],
  // 69a-26
  ['69a-26 TKN', `TKN=${GEN}`, GEN],
  ['69a-26 AUTH_TKN', `AUTH_TKN=${GEN}`, GEN],
  ['69a-26 AWS_SK', `AWS_SK=${GEN}`, GEN],
  ['69a-26 HUAWEICLOUD_SDK_SK', `HUAWEICLOUD_SDK_SK=${GEN}`, GEN],
  ['69a-26 TENCENTCLOUD_SK', `TENCENTCLOUD_SK=${GEN}`, GEN],
  ['69a-26 enc_key', `enc_key=${GEN}`, GEN],
  ['69a-26 ENCKEY', `ENCKEY=${GEN}`, GEN],
  ['69a-26 cipher_key', `cipher_key=${GEN}`, GEN],
  ['69a-26 DEK', `DEK=${GEN}`, GEN],
  ['69a-26 kek', `kek=${GEN}`, GEN],
  ['69a-26 ca_key', `ca_key=${GEN}`, GEN],
  ['69a-26 root_ca_key', `root_ca_key=${GEN}`, GEN],
  ['69a-26 CAKEY', `CAKEY=${GEN}`, GEN],
  ['69a-26 sshkey', `sshkey=${GEN}`, GEN],
  ['69a-26 id_rsa', `id_rsa=${GEN}`, GEN],
  ['69a-26 ID_ED25519', `ID_ED25519=${GEN}`, GEN],
  ['69a-26 cleartext', `cleartext=${GEN}`, GEN],
  ['69a-26 plaintext', `plaintext=${GEN}`, GEN],
  ['69a-26 secr', `secr=${GEN}`, GEN],
  // 69a-12
  ['69a-12 NICMANAGER_API_OTP', `NICMANAGER_API_OTP=${SEED}`, SEED],
  ['69a-12 API_OTP:', `API_OTP: ${SEED}`, SEED],
  ['69a-12 2FA_KEY:', `2FA_KEY: ${SEED}`, SEED],
  ['69a-12 admin_2fa=', `admin_2fa=${SEED}`, SEED],
  ['69a-12 AUTHENTICATOR_SEED=', `AUTHENTICATOR_SEED=${SEED}`, SEED],
  // 69a-3 (gitleaks rule ids in the row names)
  ['69a-3 alibaba-access-key-id', 'LTAIjp5prj5EOZfSvOq7IHAc', 'LTAIjp5prj5EOZfSvOq7IHAc'],
  ['69a-3 clojars-api-token', `CLOJARS_${'q7x2k9'.repeat(10)}`, `CLOJARS_${'q7x2k9'.repeat(10)}`],
  [
    '69a-3 rubygems-api-token',
    'rubygems_ff685c68dfd82bc12ed43bf60cc78e41931fe6a23c522e4f',
    'rubygems_ff685c68dfd82bc12ed43bf60cc78e41931fe6a23c522e4f',
  ],
  ['69a-3 sourcegraph-access-token', `sgp_${HEX40}`, `sgp_${HEX40}`],
  ['69a-3 prefect-api-token', 'pnu_Qx7ptCFqYGgvoCngriJJBUgOrZhOxt9ZD8Xc', 'pnu_Qx7ptCFqYGgvoCngriJJBUgOrZhOxt9ZD8Xc'],
  ['69a-3 readme-api-token', `rdme_${'xcqg4gqsv8'.repeat(7)}`, `rdme_${'xcqg4gqsv8'.repeat(7)}`],
  ['69a-3 shippo-api-token', `shippo_live_${HEX40}`, `shippo_live_${HEX40}`],
  ['69a-3 infracost-api-token', 'ico-Qx7vjp7jHJxyKOZ4hUkqNG8Wpj2MLLK2', 'ico-Qx7vjp7jHJxyKOZ4hUkqNG8Wpj2MLLK2'],
  ['69a-3 octopus-deploy-api-key', 'API-V46LOD2RN7SDMU9U1BZMZM4617', 'API-V46LOD2RN7SDMU9U1BZMZM4617'],
  ['69a-3 artifactory-api-key', `AKCp${'Qx7m631SAN'.repeat(6)}MzSvpAud1`, `AKCp${'Qx7m631SAN'.repeat(6)}MzSvpAud1`],
  ['69a-3 azure-ad-client-secret', 'abc8Q~qx7mP0s1v3HO7Ar9KFJYo9beAyKg7n3Syb', 'abc8Q~qx7mP0s1v3HO7Ar9KFJYo9beAyKg7n3Syb'],
  ['69a-3 gitlab-runner-registration-token', 'GR1348941Qx7QkUlM5NvexB3WSRym', 'GR1348941Qx7QkUlM5NvexB3WSRym'],
  ['69a-3 easypost-api-token', `EZAK${'Qx7DMPjMDJ'.repeat(5)}Fswf`, `EZAK${'Qx7DMPjMDJ'.repeat(5)}Fswf`],
  ['69a-3 flutterwave-secret-key', 'FLWSECK_TEST-b098f5c14d90dddf1befdc857f9dfb14-X', 'FLWSECK_TEST-b098f5c14d90dddf1befdc857f9dfb14-X'],
  [
    '69a-3 duffel-api-token',
    'duffel_live_Qx7tREZptGs6c1bYffeUR7nJC2PiwbBeBNuPPmdHs3H',
    'duffel_live_Qx7tREZptGs6c1bYffeUR7nJC2PiwbBeBNuPPmdHs3H',
  ],
  ['69a-3 frameio-api-token', `fio-u-${'Qx7A2sVToC'.repeat(6)}ql1O`, `fio-u-${'Qx7A2sVToC'.repeat(6)}ql1O`],
  ['69a-3 adobe-client-secret', 'p8e-Qx7QfdtO1mFm6OG82SqDvXEpzkVZuC4w', 'p8e-Qx7QfdtO1mFm6OG82SqDvXEpzkVZuC4w'],
  [
    '69a-3 scalingo-api-token',
    'tk-us-Qx7PaPCoLQlr0r10gAi0K0K0CGf3CZw9pmr14Kz8YUal27nW',
    'tk-us-Qx7PaPCoLQlr0r10gAi0K0K0CGf3CZw9pmr14Kz8YUal27nW',
  ],
  [
    '69a-3 harness-api-key',
    'pat.Qx7C1LaQ1ljoF6JmuCEuGz.Qx7GbWktjeBHfZUTgTQrHmbg.Qx75nUZ3AuWtHbfDDGZX',
    'pat.Qx7C1LaQ1ljoF6JmuCEuGz.Qx7GbWktjeBHfZUTgTQrHmbg.Qx75nUZ3AuWtHbfDDGZX',
  ],
  ['69a-3 settlemint', 'sm_pat_Qx7rkTIGmrW4v7ML', 'sm_pat_Qx7rkTIGmrW4v7ML'],
  [
    '69a-3 airtable-personnal-access-token',
    `patQx7XJTnxCze5aS.${HEX40}cad8257ebb1dcb5653b31234`,
    `patQx7XJTnxCze5aS.${HEX40}cad8257ebb1dcb5653b31234`,
  ],
  [
    '69a-3 typeform-api-token',
    'tfp_Qx71psP4Y4HzaxaRQ8lbLzucTDA81AtBsG8rJF37gqYMM0br4QSyEclckyQ',
    'tfp_Qx71psP4Y4HzaxaRQ8lbLzucTDA81AtBsG8rJF37gqYMM0br4QSyEclckyQ',
  ],
  ['69a-3 twitter-bearer-token', `${'A'.repeat(22)}${'Qx7j9cgtCz'.repeat(9)}`, `${'A'.repeat(22)}${'Qx7j9cgtCz'.repeat(9)}`],
  // 69a-6
  ['69a-6 German genitive', 'Das Kennwort des Administrators ist Qx7deA', 'Qx7deA'],
  ['69a-6 Spanish del', 'La contraseña del administrador es Qx7esA', 'Qx7esA'],
  ['69a-6 French de l’', "Le mot de passe de l'administrateur est Qx7frA", 'Qx7frA'],
  ['69a-6 Polish genitive', 'Hasło administratora to Qx7plA', 'Qx7plA'],
  ['69a-6 Czech genitive and name', 'Heslo uživatele admin je Qx7czC', 'Qx7czC'],
  ['69a-6 Romanian genitive', 'Parola administratorului este Qx7roA', 'Qx7roA'],
  ['69a-6 Indonesian owner', 'Kata sandi admin adalah Qx7idA', 'Qx7idA'],
  ['69a-6 Vietnamese owner', 'Mật khẩu quản trị là Qx7viA', 'Qx7viA'],
  // 69a-16
  ['69a-16 the secret is "…"', 'The secret is "Qx7afQuoted"', 'Qx7afQuoted'],
  ['69a-16 shared secret:', 'Our shared secret: Qx7nShared', 'Qx7nShared'],
  ['69a-16 unseal key', 'The vault unseal key is Qx7mUnsealKeyAbc', 'Qx7mUnsealKeyAbc'],
  ['69a-16 master key for', 'The master key for the vault is Qx7tMaster', 'Qx7tMaster'],
  ['69a-16 use X to log in', 'Use Qx7aUseLogin to log in as root.', 'Qx7aUseLogin'],
  ['69a-16 log in using X', 'Log in as admin using Qx7bUsing.', 'Qx7bUsing'],
];

/** The neighbours: a switch, a path, a word, a name that is no secret's; each must stay accepted. */
const ACCEPTED: ReadonlyArray<readonly [string]> = [
  // 69a-13
  ['encrypt = true'],
  ['encrypt: tls'],
  ['{"encrypt": false, "datacenter": "dc1"}'],
  ['consul agent -server -encrypt=${CONSUL_GOSSIP_KEY}'],
  // 69a-27
  ['routing_key=orders'],
  ['sort_key: created_at'],
  ['partition_key: tenant_id'],
  ['hash_key: id'],
  // 69a-26
  ['ERLANG_OTP=26'],
  ['plaintext: false'],
  ['security.protocol=PLAINTEXT'],
  ['sec=30'],
  ['sk: Slovenčina'],
  ['crd: true'],
  ['ca_key: /etc/ssl/private/ca.key'],
  ['ssh_key: /root/.ssh/id_ed25519'],
  ['tok: 12'],
  ['2fa: true'],
  // 69a-3
  ['API-VERSIONINGANDDEPRECATIONS'],
  ['See API-Reference for details'],
  ['ico-2024-logo.png'],
  ['pattern.matches(x)'],
  ['sat.example.com'],
  ['LTAI is the prefix of an Alibaba key id'],
  ['AAAAAAAAAAAAAAAAAAAAAAAA'],
  ['rubygems_api_key: ${GEM_HOST_API_KEY}'],
  // 69a-6
  ['Das Passwort des Administrators wird im Tresor verwaltet'],
  ['La contraseña del administrador es obligatoria'],
  ['Hasło nie jest wymagane'],
  // 69a-16
  ['The secret is out'],
  ['The secret is that nobody reads the runbook'],
  ['Log in as admin using SSO.'],
  ['Use SSO to log in as admin.'],
  ['The master key for the vault is kept offline'],
  ['The recovery key is in the safe'],
];

describe('69a-13, 69a-27, 69a-26, 69a-12, 69a-3, 69a-6, 69a-16: refused at every door, never shown', () => {
  test.each(SECRETS)('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
  test.each(SECRETS)('env value under a neutral name: %s', (_, text, secret) =>
    refusedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }, 'env[0]', secret),
  );
});

describe('69a-27: an env entry named `…_key` in any letter case', () => {
  test.each([['aes_key'], ['Aes_Key'], ['ssh_key'], ['enc_key']])('%s', (name) =>
    refusedEverywhere({ env: [{ name, value: GEN }] }, 'env[0]', GEN),
  );
  test.each([['routing_key'], ['sort_key']])('%s with a plain word stays', (name) =>
    acceptedEverywhere({ env: [{ name, value: 'orders' }] }),
  );
});

describe('their neighbours that hold no secret stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (text) => acceptedEverywhere(textConfigMap(text)));
});

const HOSTILE = [
  'Log in as admin using ',
  'Use ',
  'Hasło administratora ',
  'The secret is ',
  'Heslo uživatele ',
  'encrypt = ',
  'LTAI',
  'abc1Q~',
  'pat',
  'A'.repeat(30),
];

test.each(HOSTILE.map((part) => [part]))('the extended readers stay linear on 100 kB of %j', (part) => {
  const text = part.repeat(Math.ceil(100_000 / part.length));
  const started = process.cpuUsage();
  labelledPasswordSpans(text);
  foreignProsePasswordSpans(text);
  vendorTokenSpans(text);
  keyedSecret(`2${text.replace(/\n/g, ' ')}: x`);
  expect(cpuMillisSince(started)).toBeLessThan(6000);
});

test('a secret after 100 kB of their labels is still found', () => {
  const text = HOSTILE.join('').repeat(1000);
  refusedEverywhere(textConfigMap(`${text}\nLog in as admin using Qx7zzTail9.`), 'extraObjects[0].data', 'Qx7zzTail9');
});
