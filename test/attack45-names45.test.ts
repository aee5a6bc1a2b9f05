import * as hostile from '../scripts/hostile-inputs';
import * as format from '../src/config/formats';
import { secretsInData } from '../src/core/secrets';
import { looksGenerated } from '../src/core/secrets-keys';
import { accepted, falseRefusalTables, refusedEverywhere } from './secret-tables';

/**
 * Attack round 44a-5, 44a-11 and 44a-13: what a name ending in `Secret` holds. A secret in every line format (a JS
 * object's line, a label after `Secret`, nginx's `set $x` and header directives, `dotnet user-secrets set`, a tab
 * between name and value), but a Kubernetes Secret's name (a DNS-1123 name of words, one naming what it holds) under
 * `tlsSecret`, `EXISTING_SECRET` and the like (secret-name-values.ts); setting names and hashing algorithms are none;
 * names of words with version numbers are chosen, not generated (versioned-words.ts). Each table is judged at every
 * text door at once (a pod annotation, a sidecar's `sh -c`, a ConfigMap's data).
 */
const S = 'Zq9xW7pLm3Tr';
const s = S.toLowerCase();

const { refusedTable, acceptedTable } = falseRefusalTables(S);
const lower = falseRefusalTables(s);
const weak = falseRefusalTables('super-secret-key');

describe('44a-5 and 44a-11: a name ending in Secret is read in every line format, a secret under it refused', () => {
  refusedTable([
    ['a JS object on one line', `const o = { webhookSecret: '${S}' };\n`],
    ['a JS object, double quotes', `const o = { apiSecret: "${S}" };\n`],
    ['a JS object over lines', `const o = {\n  webhookSecret: '${S}',\n};\n`],
    ['a quoted key over lines', `cfg = {\n    "apiSecret": "${S}",\n}\n`],
    ['module.exports', `module.exports = { cookieSecret: '${S}' }\n`],
    ['a template literal', `  webhookSecret: \`${S}\`,\n`],
    ['a label after Secret', `clientSecretProd=${S}\n`],
    ['an encoding after Secret', `clientSecretB64=${S}\n`],
    ['an age after an env-style name', `JWT_SECRET_OLD=${S}\n`],
    ['a label in YAML', `appSecretStaging: ${S}\n`],
    ['dotnet user-secrets set', `dotnet user-secrets set "Auth:ClientSecret" "${S}"\n`],
    ['dotnet user-secrets set, a password', `dotnet user-secrets set ConnectionStrings:Password ${S}\n`],
    ['dotnet user-secrets set --project', `dotnet user-secrets set --project src/App "Stripe:ApiSecret" "${S}"\n`],
    ['nginx set $appSecret', `set $appSecret ${S};\n`],
    ['nginx set $password', `set $password "${S}";\n`],
    ['nginx proxy_set_header', `proxy_set_header X-Webhook-Secret "${S}";\n`],
    ['nginx grpc_set_header', `grpc_set_header X-Api-Token ${S};\n`],
    ['nginx add_header', `add_header X-Auth-Token "${S}";\n`],
    ['a tab between', `clientSecret\t${S}\n`],
    ['a tab, quoted', `db_password\t"${S}"\n`],
    ['a tab, one line', `clientSecret\t${S}`],
    // 44a-11: under a *Secret name, a value that is no Secret's name
    ['tlsSecret', `tlsSecret: ${S}\n`],
    ['tlsSecret quoted', `tlsSecret: "${S}"\n`],
    ['caSecret', `caSecret: ${S}\n`],
    ['EXISTING_SECRET', `EXISTING_SECRET=${S}\n`],
    ['a JS object', `const o = { tlsSecret: "${S}" };\n`],
    ['KC_SPI_PASSWORD_HASHING_DEFAULT', `KC_SPI_PASSWORD_HASHING_DEFAULT=${S}\n`],
    ['AUTH_PASSWORD', `AUTH_PASSWORD=${S}\n`],
  ]);
});

describe('44a-11: a value under a *Secret name that is no Secret name stays refused', () => {
  lower.refusedTable([
    ['a lower-case secret, one piece', `tlsSecret: ${s}\n`],
    ['a lower-case secret then -tls', `tlsSecret: ${s}-tls\n`],
    ['a passphrase of words', `webhookSecret: correct-horse-battery-${s}\n`],
    ['a lower-case secret under WEBHOOK_SECRET', `WEBHOOK_SECRET=${s}\n`],
    ['a Secret-like name under a user of a literal', `JWT_SECRET=${s}-secret-key\n`],
    ['a name of words under webhookSecret', `webhookSecret: webhook-secret-${s}\n`],
    ['a label then a lower-case secret', `clientSecretProd: ${s}\n`],
  ]);
});

describe("44a-11: a name of words under the name of a secret's user is the secret", () => {
  weak.refusedTable([
    ['JWT_SECRET', 'JWT_SECRET=super-secret-key\n'],
    ['jwtSecret in YAML', 'jwtSecret: super-secret-key\n'],
    ['a JS object', "const o = { sessionSecret: 'super-secret-key' };\n"],
    ['a label after Secret', 'COOKIE_SECRET_PROD=super-secret-key\n'],
    ['a tab between', 'clientSecret\tsuper-secret-key\n'],
    ['secret alone', 'secret: super-secret-key\n'],
  ]);
});

describe('44a-5 and 44a-11: controls, ordinary names and references are accepted', () => {
  acceptedTable([
    // Secrets' names under *Secret names (44a-11)
    'tlsSecret: wildcard-tls\n',
    'caSecret: ca-bundle\n',
    'kubernetesSecret: db-creds\n',
    'sealedSecret: db-creds\n',
    'EXISTING_SECRET=my-db-secret\n',
    'DB_PASSWORD_SECRET=db-auth\n',
    'certSecret: "auth-client-tls"\n',
    'tls:\n  caSecret: ca-bundle\n  certSecret: client-cert\n',
    'tokenSecret: registry-token\n',
    'CREDENTIALS_SECRET=db-credentials.v2\n',
    'basicAuthSecret: dashboard-auth\n',
    'k8sSecret: app-tls\n',
    'registrySecret: ghcr-pull-creds\n',
    'sshSecret: git-ssh-key\n',
    'kubeconfigSecret: cluster-a.kubeconfig\n',
    'externalSecret: vault-db-password\n',
    'auth:\n  existingSecret: my-secret\n  tlsSecret: app-tls\n  passwordSecret: app-password\n',
    'helm install x --set tlsSecret=wildcard-tls\n',
    '--set-string caSecret=root-ca-bundle\n',
    'tlsSecret: ingress-tls-2024\n',
    'tlsSecret: wildcard-tls',
    'EXISTING_SECRET=postgres-credentials',
    'secrets:\n  tlsSecret: wildcard-tls\n',
    'const o = { tlsSecret: "wildcard-tls" };\n',
    'clientSecret:\n  name: oauth\n  key: secret\n',
    // setting names and algorithms (44a-11)
    "AUTH_PASSWORD_VALIDATORS = [\n    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},\n]\n",
    'PASSWORD_HASHERS = [\n    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n]\n',
    'KC_SPI_PASSWORD_HASHING_DEFAULT=pbkdf2-sha256\n',
    'PASSWORD_HASHING=argon2id\n',
    'hasher: pbkdf2_sha256\n',
    // references and other words after Secret (44a-5)
    'const o = {\n  webhookSecret: process.env.WEBHOOK_SECRET,\n};\n',
    'interface Cfg {\n  webhookSecret: string;\n}\n',
    'clientSecretName: oauth-client\n',
    'clientSecretRef: {name: oauth-client, key: secret}\n',
    'clientSecretNamespace: auth\n',
    'clientSecretMount: /etc/oauth\n',
    'clientSecretProd: ${CLIENT_SECRET_PROD}\n',
    'set $backend http://app:8080;\n',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n',
    'proxy_set_header X-Webhook-Secret $webhook_secret;\n',
    'add_header X-Frame-Options DENY;\n',
    'dotnet user-secrets set "Auth:ClientSecret" "$CLIENT_SECRET"\n',
    'dotnet user-secrets list\n',
    'name\tvalue\n',
    'token\ttype\n',
    'clientSecret\t${CLIENT_SECRET}\n',
    'password\t${PW}\n',
  ]);
});

describe('44a-13: words with version numbers are chosen names, not generated ones', () => {
  test.each(['utf8mb4creds', 'ipv4ipv6dualstack', 'k8s1x509cert', 'redis6tls13cert', 'utf8Mb4Creds', 'base64token2024'])(
    '%s is accepted as a Secret key and in a secretKeyRef',
    (key) => {
      expect(looksGenerated(key)).toBe(false);
      expect(format.secretKey(key)).toBeUndefined();
      accepted({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'mysql', key } } }] });
    },
  );
  test.each([S, 'Zq9pW7vLm2Xy8kq1', 'zq9pw7vlm2xy8kq1', 'x7Kq9mZ2pL4v', 'xkqmzpl4ab12', 'abc1def2ghi3', 'h7qx2mvp9wzt', 'tls13x7kq9mz'])(
    '%s still looks generated',
    (value) => {
      expect(looksGenerated(value)).toBe(true);
      expect(format.secretKey(value)).toMatch(/^looks generated/);
    },
  );
});

describe('44a-11: values given as data follow the same rule', () => {
  const middleware = (spec: unknown) => ({
    extraObjects: [{ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'm', namespace: 'kube-system' }, spec }],
  });
  test.each<[string, unknown]>([
    ['caSecret under forwardAuth.tls', middleware({ forwardAuth: { address: 'https://a.example.com', tls: { caSecret: 'auth-ca' } } })],
    ['an un-prefixed *-secret annotation', { deployment: { podAnnotations: { 'auth-secret': 'basic-auth' } } }],
    ['an env entry named *_SECRET', { env: [{ name: 'EXISTING_SECRET', value: 'postgres-credentials' }] }],
    ['an env entry, a hashing algorithm', { env: [{ name: 'KC_SPI_PASSWORD_HASHING_DEFAULT', value: 'pbkdf2-sha256' }] }],
  ])('%s: a Secret name is accepted', (_, values) => {
    accepted(values);
  });
  test.each<[string, unknown]>([
    ['caSecret, a secret', middleware({ forwardAuth: { address: 'https://a.example.com', tls: { caSecret: S } } })],
    ['an env entry named *_SECRET, a secret', { env: [{ name: 'EXISTING_SECRET', value: S }] }],
    ['an env entry named *Secret with a label, a secret', { env: [{ name: 'clientSecretProd', value: S }] }],
    ['an env entry, a secret under a hashing name', { env: [{ name: 'KC_SPI_PASSWORD_HASHING_DEFAULT', value: S }] }],
  ])('%s is refused', (_, values) => {
    refusedEverywhere(values, S);
  });
});

/** Just under clean-objects.ts' bound (64 KiB), as attack44-false44 does (`npm run bench` times 1 MB). */
const SIZE = 64_000;

describe('round 45 name readers: hostile near-misses stay cheap', () => {
  test.each(hostile.secretNames45(SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
