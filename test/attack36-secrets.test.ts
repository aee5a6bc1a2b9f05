import { secretShape, redact } from '../src/core/secrets';
import { isSecretKey, mayHoldSecretKey } from '../src/core/secrets-keys';
import { valuesDoors } from './helpers';
import { acceptedEverywhere, HOSTILE_TEST_SIZE, judgedEverywhere, judgesHostileTexts, shownInDiff } from './secret-doors';
import { tokenShapes34a } from '../scripts/hostile-inputs';

/**
 * Attack round 35a-1 to 35a-4 and 35a-9: command-line passwords in exec form and shell spellings, other fixed-prefix
 * tokens, other clients' password options, name and config-file gaps; and the ordinary values that were refused.
 */
const S = 'Zq9Wv3Lm8Kp2';
/** `n` letters and digits, starting with the secret marker, so a test can tell it in a message. */
const run = (n: number): string => (S + 'abcdefghijABCDEFGHIJ0123456789'.repeat(Math.ceil(n / 30))).slice(0, n);
const hex = (n: number): string => `${'0123456789abcdef'.repeat(Math.ceil(n / 16))}`.slice(0, n);
const showsAny =
  (...secrets: string[]) =>
  (text: string): boolean =>
    secrets.some((secret) => text.includes(secret));

/** Every door refuses `values`, and no refusal shows `secret`. */
function refusedEverywhere(values: unknown, secret = S): void {
  const refusals = [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)];
  for (const refusal of refusals) {
    expect(refusal).not.toBe('');
    expect(refusal).not.toContain(secret);
  }
  expect(valuesDoors.gate(values).length).toBeGreaterThan(0);
}

const container = (command: unknown[], args?: unknown[]) => ({
  deployment: { initContainers: [{ name: 'c', image: 'busybox:1.36', command, ...(args ? { args } : {}) }] },
});

describe('35a-1: command-line passwords in exec form and shell spellings', () => {
  test.each([
    ['curl -u as list items', container(['curl', '-fsS', '-u', `admin:${S}`, '-o', '/tmp/x', 'https://internal.example/x'])],
    ['mysqldump -p glued as an item', container(['mysqldump', '-h', 'db', '-uroot', `-p${S}`, '--all-databases'])],
    ['redis-cli -a as items', container(['redis-cli', '-h', 'r', '-a', S, 'ping'])],
    ['sshpass -p as items', container(['sshpass', '-p', S, 'ssh', 'host'])],
    ['curl in command, -u in args', container(['curl'], ['-u', `admin:${S}`, 'https://x'])],
    ['curl.exe --user=', container(['C:\\curl\\curl.exe', `--user=admin:${S}`, 'https://x'])],
    ['a probe-like exec.command in an extraObjects CronJob', { extraObjects: [cronJob(['mysqldump', '-uroot', `-p${S}`, 'app'])] }],
  ])('%s is refused at every door', (_, values) => {
    refusedEverywhere(values);
  });

  test.each([
    ['; glued', `set -e;curl -u admin:${S} https://x`],
    ['&& glued', `sleep 1&&curl -u admin:${S} https://x`],
    ['| glued', `echo x|redis-cli -a ${S} ping`],
    ['a backslash-newline continuation', `curl -fsS \\\n  -u admin:${S} https://x`],
    ['bash -c "…"', `bash -c "curl -u admin:${S} https://x"`],
    ['$( … )', `TOKEN=$(curl -u admin:${S} https://x)`],
    ['( … )', `(curl -u admin:${S} https://x)`],
    ['backticks', `X=\`curl -u admin:${S} https://x\``],
    ['curl.exe', `curl.exe -u admin:${S} https://x`],
  ])('%s is refused and redacted', (_, value) => {
    expect(secretShape(value)).toBeDefined();
    judgedEverywhere(value, showsAny(S));
    expect(redact(value)).not.toContain(S);
  });

  test.each([
    ['curl without -u', container(['curl', '-fsS', '-o', '/tmp/x', 'https://x'])],
    ['mysql -p alone (it prompts)', container(['mysql', '-u', 'root', '-p', 'app'])],
    ['sshpass -f then ssh -p port', container(['sshpass', '-f', '/run/pw', 'ssh', '-p', '2222', 'root@host'])],
    ['docker run -p port', container(['docker', 'run', '-p', '8080:80', 'nginx'])],
    ['a reference', container(['curl', '-u', 'bob:$(API_PASSWORD)', 'https://x'])],
  ])('%s is accepted', (_, values) => {
    acceptedEverywhere(values);
  });
});

function cronJob(command: string[]) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'dump', namespace: 'default' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'd', image: 'mysql:8.4', command }] } } } },
    },
  };
}

describe('35a-2: the other fixed-prefix tokens (gitleaks config/gitleaks.toml, v8.30.0) and Slack webhook hosts', () => {
  const hook = `T0ABCDEFG/B0ABCDEFG/${run(24)}`;
  test.each([
    ['a GitLab agent token', `glagent-${run(50)}`],
    ['a GitLab CI/CD job token', `glcbt-64_${run(20)}`],
    ['a GitLab feed token', `glft-${run(20)}`],
    ['a GitLab SCIM token', `glsoat-${run(20)}`],
    ['an Anthropic OAuth token', `sk-ant-oat01-${run(95)}`],
    ['an Anthropic session key', `sk-ant-sid01-${run(95)}`],
    ['a Docker Hub token', `dckr_pat_${run(27)}`],
    ['a Tailscale auth key', `tskey-auth-${run(12)}-${run(30)}`],
    ['a Vault service token', `hvs.${run(90)}`],
    ['a SendGrid key', `SG.${run(22)}.${run(43)}`],
    ['a Hugging Face token', `hf_${run(34)}`],
    ['a PyPI token', `pypi-AgEIcHlwaS5vcmc${run(60)}`],
    ['a DigitalOcean token', `dop_v1_${S.toLowerCase().replace(/[^a-f0-9]/g, 'a')}${hex(64 - S.length)}`],
    ['a Shopify token', `shpat_${hex(32)}`],
    ['a Grafana service-account token', `glsa_${run(32)}_abcd1234`],
    ['an Atlassian API token', `ATATT3${run(186)}`],
    ['a Slack webhook, host in capitals', `https://Hooks.Slack.com/services/${hook}`],
    ['a Slack webhook, host with a port', `https://hooks.slack.com:443/services/${hook}`],
    ['a Slack webhook, host with a trailing dot', `https://hooks.slack.com./services/${hook}`],
  ])('%s is refused and redacted', (_, value) => {
    expect(secretShape(value)).toBeDefined();
    judgedEverywhere(value, showsAny(value.slice(-16)));
    expect(redact(`x ${value} y`)).not.toContain(value.slice(-16));
  });
});

describe('35a-3: password options of other clients', () => {
  test.each([
    ['docker login -p', `docker login -u bob -p ${S} registry.example.com`],
    ['nerdctl login --password=', `nerdctl login -u bob --password=${S} r.example.com`],
    ['helm registry login -p', `helm registry login r.example.com -u bob -p ${S}`],
    ['ldapsearch -w', `ldapsearch -x -D cn=admin,dc=ex -w ${S}`],
    ['mongosh -p', `mongosh -u admin -p ${S} mongodb://db`],
    ['sqlcmd -P', `sqlcmd -S db -U sa -P ${S}`],
    ['smbclient -U user%pw', `smbclient //nas/share -U bob%${S}`],
    ['openssl -k', `openssl enc -aes256 -k ${S} -in a`],
    ['openssl -pass pass:', `openssl pkcs12 -export -passout pass:${S} -out x.p12`],
    ['keytool -storepass', `keytool -importcert -keystore k.jks -storepass ${S} -file ca.crt`],
    ['htpasswd -bc', `htpasswd -bc .htpasswd admin ${S}`],
    ['htpasswd -nb', `htpasswd -nb admin ${S}`],
    ['mosquitto_pub -P', `mosquitto_pub -u bob -P ${S} -t t -m m`],
  ])('%s is refused and redacted', (_, value) => {
    judgedEverywhere(value, showsAny(S));
    expect(redact(value)).not.toContain(S);
  });

  test.each([
    ['docker run -p (a port)', 'docker run -p 8080:80 nginx'],
    ['docker login with --password-stdin', 'docker login -u bob --password-stdin r.example.com'],
    ['ldapsearch -W (it prompts)', 'ldapsearch -x -D cn=admin -W'],
    ['mongosh -p (it prompts)', 'mongosh -u admin -p --host db'],
    ['openssl -passin file:', 'openssl enc -aes256 -passin file:/run/pw -in a'],
    ['htpasswd without -b', 'htpasswd -c .htpasswd admin'],
    ['smbclient -U user alone', 'smbclient //nas/share -U bob'],
  ])('%s is accepted', (_, value) => {
    expect(secretShape(value)).toBeUndefined();
    acceptedEverywhere({ deployment: { podAnnotations: { note: value } } });
  });
});

describe('35a-4: names with format or digit suffixes, Redis and curl config files', () => {
  test.each([
    'ADMIN_PW_B64',
    'PRIVKEY_PEM',
    'privKeyPem',
    'PRIVKEY_B64',
    'CREDS_JSON',
    'credsB64',
    'pw1',
    'PW_1',
    'MNEMONIC_PHRASE',
    'mnemonicPhrase',
    'OTP_SEED',
    'otpKey',
    'totpKey',
    'SSHPASS',
    'REDIS_AUTH',
    'redisAuth',
    'MASTERAUTH',
    'requirepass',
  ])('%s names a secret, and the gate lets it through', (key) => {
    expect([isSecretKey(key), mayHoldSecretKey(key)]).toEqual([true, true]);
  });

  test.each([['PRIVKEY_PEM'], ['SSHPASS'], ['REDIS_AUTH'], ['MNEMONIC_PHRASE'], ['pw1']])('an env entry named %s is refused', (name) => {
    refusedEverywhere({ env: [{ name, value: S }] });
  });

  test('a .env line SSHPASS= is refused, and not shown', () => {
    judgedEverywhere(`SSHPASS=${S}`, showsAny(S));
  });

  test.each([
    ['redis.conf requirepass', `port 6379\nrequirepass ${S}\n`],
    ['redis.conf masterauth, quoted', `masterauth "${S}"\n`],
    ['a Redis ACL line', `user app on >${S} ~* +@all\n`],
    ['a .curlrc user =', `silent\nuser = "bob:${S}"\n`],
    ['a .curlrc -u', `-u bob:${S}\n`],
    ['a pgbouncer userlist line', `"app" "${S}"\n"other" "md5abc"\n`],
  ])('%s is refused and redacted, in a diff too', (_, value) => {
    expect(secretShape(value)).toBeDefined();
    refusedEverywhere({ deployment: { podAnnotations: { note: value } } });
    expect(redact(value)).not.toContain(S);
    const diff = shownInDiff(value.replace(/^/gm, '    ').replace(/^/, 'data: |\n'));
    expect(diff).not.toContain(S);
  });

  test.each([
    ['a commented requirepass', '# requirepass foobared\nport 6379\n'],
    ['a docker-compose-like user line', 'user: "1000:1000"\n'],
    ['a .curlrc uid:gid-like user', 'user = 1000:1000\n'],
    ['prose with a user and a greater-than', 'user count > 100\n'],
  ])('%s is accepted', (_, value) => {
    expect(secretShape(value)).toBeUndefined();
    acceptedEverywhere({ deployment: { podAnnotations: { note: value } } });
  });
});

describe('35a-9: ordinary values are accepted', () => {
  test.each([
    ['an AWS-like region word', { env: [{ name: 'REGION', value: 'ASIAPACIFICSOUTHEAST' }] }],
    ['a Slack-like word', { deployment: { podAnnotations: { note: 'xoxo-hugs-2024-team' } } }],
    ['a Stripe-like name', { deployment: { podAnnotations: { note: 'rk_prod_frontend01' } } }],
    ['otp: "on"', { deployment: { podLabels: { otp: 'on' } } }],
    ['example.com/otp: disabled', { deployment: { podAnnotations: { 'example.com/otp': 'disabled' } } }],
    ['OTP=enabled', { env: [{ name: 'OTP', value: 'enabled' }] }],
    ['ERLANG_OTP=26', { env: [{ name: 'ERLANG_OTP', value: '26' }] }],
    ['pw: none', { deployment: { podLabels: { pw: 'none' } } }],
    ['psk: "off"', { deployment: { podLabels: { psk: 'off' } } }],
    ['CREDS=none', { env: [{ name: 'CREDS', value: 'none' }] }],
    ['MIN_PW=12', { env: [{ name: 'MIN_PW', value: '12' }] }],
    ['PRIVKEY as a path', { env: [{ name: 'PRIVKEY', value: '/etc/ssl/private/tls.key' }] }],
    ['LICENSE_KEY as a path', { env: [{ name: 'LICENSE_KEY', value: '/etc/license/key.lic' }] }],
    ['a status line like .pgpass', { providers: { file: { content: 'backend:80:up:100:200' } } }],
    ['an inventory line like .pgpass', { providers: { file: { content: 'web1:8080:/var/www:www-data:ro' } } }],
    ['a switch line like .pgpass', { providers: { file: { content: 'srv:22:root:admin:enabled' } } }],
    ['an interface line like .pgpass', { providers: { file: { content: 'node1:8080:eth0:vlan1:up' } } }],
    ['a BIND-like secret word in prose', { env: [{ name: 'NOTE', value: 'the secret "name"; is a reference' }] }],
    ['Private-Lines in prose', { env: [{ name: 'NOTE', value: 'Private-Lines: 2 lines' }] }],
    ['mysql, then ssh -p2222', { env: [{ name: 'NOTE', value: 'mysql listens, see ssh -p2222 for access' }] }],
    ['a .env text of plain values', { providers: { file: { content: 'OTP=enabled\nERLANG_OTP=26\nCREDS=none\n' } } }],
  ])('%s is accepted', (_, values) => {
    acceptedEverywhere(values);
  });

  test.each([
    ['an AWS key ID with digits', 'ASIAZ7Q3HUNTERTWOXYZ'],
    ['a Stripe restricted key', `rk_prod_${run(24)}`],
    ['a Slack legacy token', 'xoxo-1234-5678-9012-abcdef0123'],
    ['a PuTTY key with its header', `PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nAAAAIG${S}${S}AAAA\nPrivate-MAC: ab`],
    ['a .pgpass line', `db.example.com:5432:app:bob:${S}`],
  ])('the near miss %s is still refused', (_, value) => {
    expect(secretShape(value)).toBeDefined();
  });

  test.each([
    ['PRIVKEY as a value', { env: [{ name: 'PRIVKEY', value: S }] }],
    ['pw as a value', { deployment: { podLabels: { pw: S } } }],
    ['a three-digit PIN under pw', { deployment: { podAnnotations: { pw: '123' } } }],
  ])('the near miss %s is still refused', (_, values) => {
    expect(valuesDoors.config(values)).not.toBe('');
  });
});

/** One curl line with a distinct password per `-u` (each search for one went back to the line's start: quadratic). */
const manyPasswords = (size: number): string => {
  const parts = ['curl'];
  for (let i = 0, length = 4; length < size; i++) length += parts[parts.push(`-u a:x${i}y`) - 1].length + 1;
  return parts.join(' ');
};

describe('35a: the readers stay linear', () => {
  judgesHostileTexts([
    ...tokenShapes34a(HOSTILE_TEST_SIZE),
    ['one curl line with many distinct passwords', manyPasswords(HOSTILE_TEST_SIZE)],
  ]);
});
