import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { secretsInData } from '../src/core/secrets';
import { refusalOf } from './helpers';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 71 (false71): false refusals of plain non-secrets under secret-named keys (71a-3 message strings, 71a-7
 * cert-manager's key settings, 71a-8 a SealedSecret's ciphertext, 71a-9 a mount path, 71a-11 secret-store references and
 * ciphertexts, 71a-14 headers built from variables, 71a-18 German notes, 71a-20 plain `…_KEY` values, 71a-22
 * placeholders, 71a-25 a vendor's public key, 71a-26 runbook lines that say where a password is) and 71a-23 (a Secret
 * beside a K3sVipCluster). Every accepted row has a refused neighbour, its secret never shown.
 */
const GENERATED = 'Xq7mP2vL9kRtWn4bYcAHd';
const env = (name: string, value: string) => ({ env: [{ name, value }] });
const data = (entries: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: entries }],
});
const certificate = (privateKey: Record<string, unknown>) => ({
  extraObjects: [
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'web', namespace: 'default' },
      spec: { secretName: 'web-tls', dnsNames: ['web.example.com'], issuerRef: { name: 'le', kind: 'Issuer' }, privateKey },
    },
  ],
});
const sealed = (password: string) => ({
  extraObjects: [
    {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'db', namespace: 'default' },
      spec: { encryptedData: { password }, template: { metadata: { name: 'db', namespace: 'default' } } },
    },
  ],
});
const bytes = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + seed) % 256));
/** kubeseal's output for a 4096-bit controller key: `02 00`, 512 bytes of RSA, then the AES-GCM payload. */
const KUBESEAL = Buffer.concat([Buffer.from([2, 0]), bytes(598, 13)]).toString('base64');
/** spring-security-rsa's RsaSecretEncryptor output: a 2-byte length (256), the RSA-encrypted key, the AES payload. */
const SPRING_RSA = Buffer.concat([Buffer.from([1, 0]), bytes(304, 29)]).toString('base64');
const SPRING_HEX = bytes(48, 7).toString('hex');

describe('71a-3: a message catalogue entry under a secret word and a message word passes', () => {
  it.each([
    ['env TOKEN_EXPIRED_MESSAGE', env('TOKEN_EXPIRED_MESSAGE', 'Session expired')],
    ['data token_expired', data({ token_expired: 'Session expired' })],
    ['data token_invalid', data({ token_invalid: 'Invalid or expired link' })],
    ['data secret_question', data({ secret_question: 'Name of your first pet' })],
    ['data password_changed', data({ password_changed: 'Password changed' })],
    ['YAML text, German', textConfigMap('login.token_expired: Sitzung abgelaufen')],
    ['YAML text, Japanese', textConfigMap('login.token_expired: セッションの有効期限が切れました')],
    ['YAML text, Spanish', textConfigMap('login.password_forgot: ¿Olvidaste tu contraseña?')],
    ['properties text', textConfigMap('token.expired=Sitzung abgelaufen')],
  ])('%s', (_, values) => acceptedEverywhere(values));

  it.each([
    ['env TOKEN_EXPIRED_MESSAGE generated', env('TOKEN_EXPIRED_MESSAGE', GENERATED), 'env[0].value', GENERATED],
    ['data token_expired generated', data({ token_expired: GENERATED }), 'data.token_expired', GENERATED],
    ['data password: a sentence under the bare name', data({ password: 'Session expired' }), 'data.password', 'Session expired'],
    ['env DB_PASSWORD: German words', env('DB_PASSWORD', 'Sitzung abgelaufen'), 'env[0].value', 'Sitzung abgelaufen'],
    ['properties text generated', textConfigMap(`token.expired=${GENERATED}`), 'data.conf', GENERATED],
  ])('%s is refused', (_, values, where, secret) => refusedEverywhere(values, where, secret));
});

describe("71a-7: cert-manager's Certificate.spec.privateKey settings", () => {
  it.each([
    [{ algorithm: 'RSA', encoding: 'PKCS8', size: 4096, rotationPolicy: 'Never' }],
    [{ algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' }],
    [{ algorithm: 'Ed25519', encoding: 'PKCS1' }],
  ])('%j passes', (privateKey) => acceptedEverywhere(certificate(privateKey)));
  it.each([
    ['size', 'Hq7Lz2Wp9xTn'],
    ['encoding', 'swordfish'],
  ])('privateKey.%s: %s is refused', (key, value) => refusedEverywhere(certificate({ [key]: value }), `privateKey.${key}`, value));
});

describe("71a-8: a SealedSecret's encryptedData", () => {
  it("a ciphertext of kubeseal's shape passes", () => acceptedEverywhere(sealed(KUBESEAL)));
  // The finding's value (174 characters) is too short to hold the RSA-encrypted session key kubeseal writes (512 bytes
  // for its default 4096-bit key): a password pasted there is refused, as before.
  it.each([['AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq1VfTZcTvyvXDLV2pXsSvZxgE5lQHQ4Hh8nT9L0cE8bL2y4bOvcNQJz1U0iQ3hD9AgXlG'], ['Hq7Lz2Wp9xTn']])(
    '%s is refused',
    (value) => refusedEverywhere(sealed(value), 'encryptedData.password', value),
  );
});

describe('71a-9: a path under SECRET_MOUNT', () => {
  it.each([['/mnt/secrets-store'], ['/run/secrets']])('%s passes', (value) => acceptedEverywhere(env('SECRET_MOUNT', value)));
  it.each([['swordfish'], [`/mnt/${GENERATED}`]])('%s is refused', (value) =>
    refusedEverywhere(env('SECRET_MOUNT', value), 'env[0].value', value),
  );
});

describe('71a-11: references to a secret store and ciphertexts made for Git', () => {
  it.each([
    ['GCP Secret Manager', 'password: projects/123456789/secrets/db-password/versions/latest'],
    ['Azure Key Vault identifier', 'password: https://kv-prod.vault.azure.net/secrets/db-password/0123456789abcdef0123456789abcdef'],
    ['systemd LoadCredential', '[Service]\nLoadCredential=db-password:/etc/credstore/db-password'],
    ['Rails credentials', 'password: <%= Rails.application.credentials.dig(:db, :password) %>'],
    ['Spring {cipher} hex', `spring.datasource.password={cipher}${SPRING_HEX}`],
    ['Spring {cipher} RSA', `spring.datasource.password={cipher}${SPRING_RSA}`],
    ['Symfony env processor', "password: '%env(DB_PASSWORD)%'"],
    ['CloudFormation !Ref', 'Password: !Ref DbPassword'],
    ['Compose escaped ${}', 'password: $${DB_PASSWORD}'],
    ['Nomad Pack', "password: '[[ .DB_PASSWORD ]]'"],
    ['AWS CDK SecretValue', 'password: SecretValue.secretsManager("prod/db")'],
    ['token replacement', 'password: __DB_PASSWORD__'],
    ['token replacement @@', "password: '@@DB_PASSWORD@@'"],
  ])('%s passes', (_, text) => acceptedEverywhere(textConfigMap(text)));

  it.each([
    ['GCP name with a generated project', `password: projects/${GENERATED}/secrets/db/versions/latest`, GENERATED],
    ['Key Vault identifier with a generated name', `password: https://kv-prod.vault.azure.net/secrets/${GENERATED}`, GENERATED],
    ['systemd SetCredential (the value itself)', '[Service]\nSetCredential=db-password:Hq7Lz2Wp9xTn', 'Hq7Lz2Wp9xTn'],
    [
      'Spring {cipher} too short for a ciphertext',
      'spring.datasource.password={cipher}AQBwHZz6EwkT7J8rUkLrEzYz3vT2Q7u1bK9nXw4pFh0sMcLdE5aYgVi',
      'AQBwHZz6EwkT7J8r',
    ],
    ['Symfony env of a generated name', `password: '%env(${GENERATED})%'`, GENERATED],
    ['!Ref of a generated name', 'Password: !Ref Hq7Lz2Wp9xTn', 'Hq7Lz2Wp9xTn'],
    ['CDK plainText', 'password: SecretValue.plainText("Hq7Lz2Wp9xTn")', 'Hq7Lz2Wp9xTn'],
    ['a literal in ERB', "password: <%= 'Hq7Lz2Wp9xTn' %>", 'Hq7Lz2Wp9xTn'],
    ['Nomad Pack delimiters around a literal', "password: '[[ Hq7Lz2Wp9xTn ]]'", 'Hq7Lz2Wp9xTn'],
  ])('%s is refused', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'data.conf', secret));
});

describe('71a-14: an Authorization header built from a variable', () => {
  it.each([
    ['ApiKey $ES_KEY', 'curl -H "Authorization: ApiKey $ES_KEY" https://es:9200/'],
    ['ApiKey ${ES_KEY}', 'curl -H "Authorization: ApiKey ${ES_KEY}" https://es:9200/'],
    ['PowerShell $env:', 'Invoke-RestMethod -Uri https://api.example.com/ -Headers @{ Authorization = "Bearer $env:API_TOKEN" }'],
    ['cmd %X%', 'curl -H "Authorization: Bearer %API_TOKEN%" https://api.example.com/'],
  ])('%s passes', (_, text) => acceptedEverywhere(textConfigMap(text)));
  it.each([
    ['ApiKey literal', `curl -H "Authorization: ApiKey ${GENERATED}" https://es:9200/`, GENERATED],
    ['ApiKey word', 'curl -H "Authorization: ApiKey swordfish" https://es:9200/', 'swordfish'],
    ['PowerShell literal', 'Invoke-RestMethod -Headers @{ Authorization = "Bearer swordfish" }', 'swordfish'],
    ['cmd %…% of a generated word', `curl -H "Authorization: Bearer %${GENERATED}%" https://api.example.com/`, GENERATED],
    // Not fixed: the shell's quoted halves are not joined, so the cut header stays refused (a literal there must be).
    ['quoted halves, a literal', `curl -H 'Authorization: Bearer '"${GENERATED}" https://api.example.com/`, GENERATED],
  ])('%s is refused', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'data.conf', secret));
});

describe('71a-18: German runbook notes after a password label', () => {
  it.each([
    ['Passwort: wird beim ersten Start erzeugt'],
    ['Kennwort: beim Admin erfragen'],
    ['Passwort: beim Bereitschaftsdienst erfragen'],
  ])('%s passes', (line) => acceptedEverywhere(textConfigMap(`# Ops notes\n\n${line}`)));
  it.each([
    ['Passwort: beim Start swordfish', 'swordfish'],
    ['Kennwort: Schwertfisch', 'Schwertfisch'],
  ])('%s is refused', (line, secret) => refusedEverywhere(textConfigMap(`# Ops notes\n\n${line}`), 'data.conf', secret));
});

describe('71a-20: plain `…_KEY` values', () => {
  it.each([
    ['DEDUP_KEY', 'k3s-node-down'],
    ['PAGERDUTY_DEDUP_KEY', 'k3s-vip-down'],
    ['MINIO_BUCKET_KEY', 'uploads/'],
    ['OBJECT_KEY', 'backups/etcd/'],
  ])('%s: %s passes', (name, value) => acceptedEverywhere(env(name, value)));
  it.each([
    ['DEDUP_KEY', 'Sunfl0wer12x'],
    ['MINIO_BUCKET_KEY', `${GENERATED}/`],
    ['DEDUP_KEY', 'swordf1sh-x9z7q'],
    ['API_KEY', 'k3s-node-down'],
  ])('%s: %s is refused', (name, value) => refusedEverywhere(env(name, value), 'env[0].value', value));
});

describe('71a-22: common placeholders', () => {
  it.each([
    ['PLACEHOLDER'],
    ['<insert password here>'],
    ['<set in vault>'],
    ['***REDACTED***'],
    ['SET_ME'],
    ['__REPLACE__'],
    ['<<PASSWORD>>'],
    ['●●●●●●'],
    ['not-a-real-password'],
    ['<%= @password %>'],
  ])('DB_PASSWORD=%s passes', (value) => acceptedEverywhere(textConfigMap(`DB_PASSWORD=${value}`)));
  it.each([
    ['PLACEHOLDER1', 'PLACEHOLDER1'],
    ['***Hq7Lz2Wp9xTn***', 'Hq7Lz2Wp9xTn'],
    ['__Hq7Lz2Wp9xTn__', 'Hq7Lz2Wp9xTn'],
    ['<<Hq7Lz2Wp9xTn>>', 'Hq7Lz2Wp9xTn'],
    ['●●●●●●swordfish', 'swordfish'],
    ['not-a-real-password-Hq7Lz2Wp9xTn', 'Hq7Lz2Wp9xTn'],
    ["<%= 'swordfish' %>", 'swordfish'],
    ['swordfish', 'swordfish'],
  ])('DB_PASSWORD=%s is refused', (value, secret) => refusedEverywhere(textConfigMap(`DB_PASSWORD=${value}`), 'data.conf', secret));
});

describe("71a-25: a vendor's public key, only in its public prefix", () => {
  it('PostHog phc_ project key passes', () => acceptedEverywhere(env('POSTHOG_KEY', 'phc_Xq7mP2vL9kRtWn4bYcAHdJf6GaUe1WnXo5TiQsBvEyK')));
  it.each([
    // PostHog's personal key, and Algolia's search-only key: 32 hex as its admin key is, so no shape says it is public.
    ['POSTHOG_KEY', 'phx_Xq7mP2vL9kRtWn4bYcAHdJf6GaUe1WnXo5TiQsBvEyK'],
    ['ALGOLIA_SEARCH_KEY', '6be0576ff61c053d5f9a3225e2a90f76'],
    ['API_KEY', 'phc_Xq7mP2vL9kRtWn4bYcAHdJf6GaUe1WnXo5TiQsBvEyK'],
  ])('%s: %s is refused', (name, value) => refusedEverywhere(env(name, value), 'env[0].value', value));
});

describe('71a-26: runbook lines that say where a password is', () => {
  const ARGO = "kubectl -n argocd get secret argocd-initial-admin-secret -o jsonpath='{.data.password}' | base64 -d";
  it.each([
    [
      'a table cell naming a store path',
      '| Service | User | Password |\n|---|---|---|\n| Grafana | admin | in Vault at `secret/grafana` |',
    ],
    ["Argo CD's command, indented", `Get the Argo CD admin password:\n\n    ${ARGO}`],
  ])('%s passes', (_, text) => acceptedEverywhere(textConfigMap(text)));
  it.each([
    ['a table cell of a password', '| Service | User | Password |\n|---|---|---|\n| Grafana | admin | swordfish |', 'swordfish'],
    ['the command then a literal', `Get the Argo CD admin password:\n\n    ${ARGO}; echo Hq7Lz2Wp9xTn`, 'Hq7Lz2Wp9xTn'],
    ['a literal under the label', 'Get the Argo CD admin password:\n\n    Hq7Lz2Wp9xTn', 'Hq7Lz2Wp9xTn'],
  ])('%s is refused', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'data.conf', secret));
});

describe('71a-23: a Secret in a sibling chart of a K3sVipCluster', () => {
  const synth = (stringData: Record<string, string>) => () => {
    const app = new App();
    new K3sVipCluster(app, 'dev', {
      kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
      traefik: { loadBalancerIPs: ['192.168.0.41'] },
    });
    const chart = new Chart(app, 'mine');
    new ApiObject(chart, 's', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, stringData });
    new ApiObject(chart, 'cm', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'i18n', namespace: 'default' },
      data: { token_expired: 'Session expired' },
    });
    app.synthYaml();
  };
  it('is refused, named by construct path, never shown', () => {
    const message = refusalOf(synth({ password: 'Hq7Lz2Wp9xTnQ' }));
    expect(message).toContain('mine/s');
    expect(message).toContain('stringData.password');
    expect(message).not.toContain('Hq7Lz2Wp9xTnQ');
  });
  it('a sibling ConfigMap of message strings beside it passes', () => {
    const app = new App();
    new K3sVipCluster(app, 'dev', {
      kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
      traefik: { loadBalancerIPs: ['192.168.0.41'] },
    });
    new ApiObject(new Chart(app, 'mine'), 'cm', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'i18n', namespace: 'default' },
      data: { token_expired: 'Session expired', 'runbook.md': 'Passwort: beim Admin erfragen\n' },
    });
    expect(refusalOf(() => app.synthYaml())).toBe('');
  });
});

describe('speed: the new readers stay linear', () => {
  const catalogue = 'token.expired=Sitzung abgelaufen\nDB_PASSWORD=<insert password here>\nLoadCredential=db:/etc/credstore/db\n';
  const big = catalogue.repeat(Math.floor(50_000 / catalogue.length));
  beforeAll(() => secretsInData({ conf: catalogue }));
  it('a 50 kB text of the new forms is judged within 2 s', () => {
    const start = process.cpuUsage();
    expect(secretsInData({ conf: big })).toEqual([]);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
