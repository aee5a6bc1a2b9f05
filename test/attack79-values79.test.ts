import { valuesDoors } from './helpers';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 79 (values79): a secret the reader of Git can still use, in clothes or routes the readers did not follow:
 * - 79a-3: a token as a URL's userinfo, whatever the scheme (`nats://<token>@host`, `tls://…`, `redis://…`); a plain
 *   user name (`ssh://git@host`, `nats://alice@host`), an scp-like `git@host:` and a reference stay accepted;
 * - 79a-12: a kustomize `secretGenerator` literal and a Terraform `kubernetes_secret_v1` `data` block are a Secret's data;
 * - 79a-19: a sops `ENC[…]` or an Ansible Vault whose payload is plain printable text is a literal in an envelope's
 *   clothes; real ciphertext passes;
 * - 79a-24: a literal reaching a secret-named env var or a password flag through the kubelet's `$(VAR)`, a ConfigMap the
 *   same config writes (`configMapKeyRef`, `envFrom` with a `prefix`); a reference to a Secret or a field stays one.
 */
const TOKEN = 'Xk2vLm9Pz4wR8nTq';
const PASSPHRASE = 'correct horse battery staple';
const UUID = '6e2b8f3a-4b1c-4d2e-9f1a-7c3d5e6f8a9b';
const IV = '4pvCwpjGcffAClVgf6TusbugLfYfF6UbU8/WgWsGaog=';
const TAG = 'asQe0wDGbJHuqosTNlpQ0Q==';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const sops = (data: string) => `ENC[AES256_GCM,data:${data},iv:${IV},tag:${TAG},type:str]`;
const hex = (text: string) => Buffer.from(text).toString('hex');
const vault = (ciphertextHex: string) =>
  `$ANSIBLE_VAULT;1.1;AES256\n${hex(`${'3a'.repeat(32)}\n${'5b'.repeat(32)}\n${ciphertextHex}`).replace(/(.{80})/g, '$1\n')}`;
// 32 bytes that no text is (as AES-GCM and AES-CTR write them).
const RANDOM_BYTES = Buffer.from('9f1c07e2b3a85d4e6f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a', 'hex');

describe('79a-3: URL credentials are refused whatever the scheme, a token alone as userinfo included', () => {
  it.each([
    ['nats', `nats://${TOKEN}@nats.messaging.svc:4222`],
    ['tls', `tls://${TOKEN}@nats:4222`],
    ['redis', `redis://${TOKEN}@redis:6379`],
    ['rediss', `rediss://${TOKEN}@redis.example.com:6380/0`],
    ['amqp', `amqp://${TOKEN}@rabbit:5672/`],
    ['a password-like token', 'nats://Tr0ub4dor!3@nats:4222'],
  ])('%s: refused under a neutral name, never shown', (_, value) =>
    refusedEverywhere({ env: [{ name: 'NATS_ADDRESS', value }] }, 'env[0].value', value.slice(value.indexOf('//') + 2, value.indexOf('@'))),
  );
  it.each([
    ['a URL without userinfo', 'nats://nats.messaging.svc:4222'],
    ['a plain user name', 'nats://alice@nats:4222'],
    ['an ssh URL with its user', 'ssh://git@github.com/acme/app.git'],
    ['an scp-like git remote', 'git@github.com:acme/app.git'],
    ['a Postgres user without password', 'postgres://app@db.example.com:5432/app'],
    ['the kubelet reference as the token', 'nats://$(NATS_TOKEN)@nats:4222'],
    ['a shell reference as the token', 'redis://${REDIS_TOKEN}@redis:6379'],
    ['an api:// name', 'api://traefik-dashboard'],
    ['an e-mail address', 'ops@example.com'],
  ])('%s passes', (_, value) => acceptedEverywhere({ env: [{ name: 'NATS_ADDRESS', value }] }));
  it.each([
    ['schemes with long userinfo and no @', `nats://${'a'.repeat(1000)} `],
    ['schemes glued to one another', 'a://b://c://'],
  ])('100 kB of %s is judged within 4 s', (_, unit) => {
    const { secretShape } = require('../src/core/secrets') as typeof import('../src/core/secrets');
    const started = process.cpuUsage();
    secretShape(unit.repeat(Math.ceil(100_000 / unit.length)));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
  it(`79a-11's api://<uuid> audience is no userinfo: the rule for any scheme does not read it as one`, () => {
    const { secretShape } = require('../src/core/secrets') as typeof import('../src/core/secrets');
    expect(secretShape(`api://${UUID}`)).not.toBe('a URL with credentials');
    expect(secretShape(`api://${UUID}/.default`)).not.toBe('a URL with credentials');
  });
});

describe('79a-12: the literals of a Secret a text makes are its data', () => {
  const kustomization = (generator: string, lines: string) => `${generator}:\n  - name: app\n${lines}`;
  const terraform = (resource: string, data: string) =>
    `resource "${resource}" "app" {\n  metadata {\n    name = "app"\n  }\n\n  data = {\n${data}\n  }\n}`;
  it.each([
    ['secretGenerator literals', kustomization('secretGenerator', `    literals:\n      - conn=${TOKEN}\n      - smtp=hunter2`), TOKEN],
    ['a short secretGenerator literal', kustomization('secretGenerator', `    literals:\n      - smtp=hunter2`), 'hunter2'],
    ['kubernetes_secret_v1 data', terraform('kubernetes_secret_v1', `    conn = "${TOKEN}"`), TOKEN],
    ['kubernetes_secret data, two keys', terraform('kubernetes_secret', `    user = "app"\n    conn = "${TOKEN}"`), TOKEN],
    ['a quoted literal with a comment', `secretGenerator:\n- name: app\n  literals:\n  - "conn=${TOKEN}"  # prod`, TOKEN],
    ['a flow list of literals', `secretGenerator:\n- name: app\n  literals: [conn=${TOKEN}, mode=fast]`, TOKEN],
    ['an inline data map', `resource "kubernetes_secret_v1" "app" {\n  data = { conn = "${TOKEN}" }\n}`, TOKEN],
  ])('%s in a ConfigMap text: refused, never shown', (_, text, secret) =>
    refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret),
  );
  it.each([
    ['configMapGenerator literals', kustomization('configMapGenerator', '    literals:\n      - LOG_LEVEL=debug\n      - mode=fast')],
    ['secretGenerator files and envs', kustomization('secretGenerator', '    files:\n      - secret.txt\n    envs:\n      - .env')],
    ['kubernetes_config_map_v1 data', terraform('kubernetes_config_map_v1', '    log_level = "debug"\n    mode = "fast"')],
    [
      'kubernetes_secret_v1 data from variables',
      terraform('kubernetes_secret_v1', '    conn = var.conn\n    smtp = data.vault_generic_secret.smtp.data["pw"]'),
    ],
  ])('%s passes', (_, text) => acceptedEverywhere(textConfigMap(text)));
  it('a long text of generator lines is read in linear time', () => {
    const started = process.cpuUsage();
    require('../src/core/generated-secret-data').generatedSecretDataSpans(
      `secretGenerator:\n- literals:\n${'  - a=$(X)\n'.repeat(10_000)}`,
    );
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
  it.each([
    ['literal items of blanks', `secretGenerator:\n- literals:\n${`  - a="${' '.repeat(4000)}#\n`.repeat(25)}`],
    ['data maps of blanks', `resource "kubernetes_secret_v1" "a" {\n${`  data = {${' '.repeat(4000)}\n`.repeat(25)}`],
  ])('100 kB of %s within 2 s', (_, text) => {
    const { generatedSecretDataSpans } = require('../src/core/generated-secret-data') as typeof import('../src/core/generated-secret-data');
    const started = process.cpuUsage();
    generatedSecretDataSpans(text);
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});

describe('79a-19: an envelope around plain text is a literal; real ciphertext passes', () => {
  it.each([
    ['sops data of a generated word', sops(b64(TOKEN)), b64(TOKEN)],
    ['sops data of a passphrase', sops(b64(PASSPHRASE)), b64(PASSPHRASE)],
    ['a vault whose ciphertext is the hex of a password', vault(hex(TOKEN)), hex(TOKEN).slice(0, 12)],
    ['a vault whose ciphertext is a padded password', vault(hex(`${TOKEN}Ab3`) + '0d'.repeat(13)), hex(TOKEN).slice(0, 12)],
  ])('%s under DB_PASSWORD: refused', (_, value, secret) =>
    refusedEverywhere({ env: [{ name: 'DB_PASSWORD', value }] }, 'env[0].value', secret),
  );
  it.each([
    ['sops data of random bytes', sops(RANDOM_BYTES.subarray(0, 16).toString('base64'))],
    ['sops data of 32 random bytes', sops(RANDOM_BYTES.toString('base64'))],
    ['sops data of 4 random-looking printable bytes (a short value: undecidable, accepted)', sops(b64('a#9Z'))],
    ['a vault of random ciphertext', vault(RANDOM_BYTES.toString('hex'))],
    ['a vault sample with an elided body', '$ANSIBLE_VAULT;1.1;AES256\n...'],
  ])('%s under DB_PASSWORD passes', (_, value) => acceptedEverywhere({ env: [{ name: 'DB_PASSWORD', value }] }));
});

describe('79a-24: a literal that reaches a secret through the kubelet or a ConfigMap of the same config is a secret', () => {
  const settings = (data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'app-settings', namespace: 'kube-system' },
    data,
  });
  it('$(P1)$(P2) from literal entries: both pieces refused where they stand', () => {
    const values = {
      env: [
        { name: 'P1', value: 'Xk2vLm9P' },
        { name: 'P2', value: 'z4wR8nTq' },
        { name: 'DB_PASSWORD', value: '$(P1)$(P2)' },
      ],
    };
    refusedEverywhere(values, 'env[0].value', 'Xk2vLm9P');
    refusedEverywhere(values, 'env[1].value', 'z4wR8nTq');
  });
  it('the message names the env var or argument the literal reaches, never the literal', () => {
    const message = valuesDoors.config({
      env: [
        { name: 'P1', value: 'Xk2vLm9P' },
        { name: 'P2', value: 'z4wR8nTq' },
        { name: 'DB_PASSWORD', value: '$(P1)$(P2)' },
        { name: 'RP', value: TOKEN },
      ],
      additionalArguments: ['--providers.redis.password=$(RP)'],
    });
    expect(message).toMatch(/env\[0\]\.value: holds a literal that reaches env var DB_PASSWORD through the kubelet/);
    expect(message).toMatch(/env\[3\]\.value: holds a literal that reaches additionalArguments\[0\] through the kubelet/);
    for (const secret of ['Xk2vLm9P', 'z4wR8nTq', TOKEN]) expect(message).not.toContain(secret);
  });
  it('a Deployment in extraObjects: $(VAR) in its container env is expanded too', () =>
    refusedEverywhere(
      {
        extraObjects: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'app', namespace: 'default' },
            spec: {
              selector: { matchLabels: { app: 'app' } },
              template: {
                metadata: { labels: { app: 'app' } },
                spec: {
                  containers: [
                    {
                      name: 'app',
                      image: 'nginx:1.27',
                      env: [
                        { name: 'FULL', value: 'Tr0ub4dor!3' },
                        { name: 'SMTP_PASSWORD', value: '$(FULL)' },
                      ],
                    },
                  ],
                },
              },
            },
          },
        ],
      },
      'containers[0].env[0].value',
      'Tr0ub4dor!3',
    ));
  it('$(FULL) from one literal entry: refused at the literal', () =>
    refusedEverywhere(
      {
        env: [
          { name: 'FULL', value: 'hunter2' },
          { name: 'REDIS_PASSWORD', value: '$(FULL)' },
        ],
      },
      'env[0].value',
      'hunter2',
    ));
  it('configMapKeyRef to a ConfigMap the config writes: refused at its data', () =>
    refusedEverywhere(
      {
        env: [{ name: 'DB_PASSWORD', valueFrom: { configMapKeyRef: { name: 'app-settings', key: 'db' } } }],
        extraObjects: [settings({ db: TOKEN })],
      },
      'extraObjects[0].data.db',
      TOKEN,
    ));
  it('envFrom with a prefix making a secret name: refused at the ConfigMap data', () =>
    refusedEverywhere(
      {
        envFrom: [{ prefix: 'REDIS_PASS', configMapRef: { name: 'app-settings' } }],
        extraObjects: [settings({ WORD: 'Qk2vLm9Pz4wR8nTq' })],
      },
      'extraObjects[0].data.WORD',
      'Qk2vLm9Pz4wR8nTq',
    ));
  it('a password flag in additionalArguments through $(RP): refused at the literal', () =>
    refusedEverywhere(
      {
        env: [{ name: 'RP', value: TOKEN }],
        additionalArguments: ['--providers.redis.endpoints=redis.kube-system.svc:6379', '--providers.redis.password=$(RP)'],
      },
      'env[0].value',
      TOKEN,
    ));
  it.each([
    [
      '$(POD_IP) from a fieldRef',
      {
        env: [
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'LISTEN', value: '$(POD_IP):8080' },
        ],
      },
    ],
    [
      'a Secret reference through $(VAR)',
      {
        env: [
          { name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'DB_PASSWORD', value: '$(PW)' },
        ],
      },
    ],
    [
      'a URL with a Secret-referenced password',
      {
        env: [
          { name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'DB_URL', value: 'postgres://app:$(PW)@db:5432/app' },
        ],
      },
    ],
    [
      'literal pieces under a neutral name',
      {
        env: [
          { name: 'HOST', value: 'db' },
          { name: 'PORT', value: '5432' },
          { name: 'DB_ADDRESS', value: '$(HOST):$(PORT)' },
        ],
      },
    ],
    [
      'a flag through $(VAR) with no secret',
      { env: [{ name: 'RH', value: 'redis.kube-system.svc:6379' }], additionalArguments: ['--providers.redis.endpoints=$(RH)'] },
    ],
    [
      'a password flag from a Secret',
      {
        env: [{ name: 'RP', valueFrom: { secretKeyRef: { name: 'redis', key: 'password' } } }],
        additionalArguments: ['--providers.redis.password=$(RP)'],
      },
    ],
    [
      'a ConfigMap URL under a neutral name',
      {
        env: [{ name: 'DB_HOST', valueFrom: { configMapKeyRef: { name: 'app-settings', key: 'db' } } }],
        extraObjects: [settings({ db: 'postgres://db.example.com:5432/app' })],
      },
    ],
    [
      'a ConfigMap number under a neutral name',
      {
        env: [{ name: 'DB_PORT', valueFrom: { configMapKeyRef: { name: 'app-settings', key: 'port' } } }],
        extraObjects: [settings({ port: '5432' })],
      },
    ],
    [
      'a ConfigMap path under a secret file name',
      {
        env: [{ name: 'DB_PASSWORD_FILE', valueFrom: { configMapKeyRef: { name: 'app-settings', key: 'f' } } }],
        extraObjects: [settings({ f: '/run/secrets/db_password' })],
      },
    ],
    [
      'a ConfigMap the config does not write',
      {
        env: [{ name: 'DB_PASSWORD', valueFrom: { configMapKeyRef: { name: 'elsewhere', key: 'db' } } }],
        extraObjects: [settings({ db: TOKEN.toLowerCase().slice(0, 6) === 'x' ? '' : 'info' })],
      },
    ],
    [
      'envFrom with a neutral prefix',
      { envFrom: [{ prefix: 'APP_', configMapRef: { name: 'app-settings' } }], extraObjects: [settings({ MODE: 'fast', LEVEL: 'debug' })] },
    ],
  ])('%s passes', (_, values) => acceptedEverywhere(values));
  it('a chain of doubling expansions is judged in bounded time', () => {
    const env = [
      { name: 'V0', value: 'abcdefgh' },
      ...Array.from({ length: 100 }, (_, i) => ({ name: `V${i + 1}`, value: `$(V${i})$(V${i})` })),
    ];
    const started = process.cpuUsage();
    acceptedEverywhere({ env: [...env, { name: 'GREETING', value: '$(V100)' }] });
    expect(cpuMillisSince(started)).toBeLessThan(20_000);
  }, 60_000);
});
