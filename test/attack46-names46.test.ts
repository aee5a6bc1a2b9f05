import * as hostile from '../scripts/hostile-inputs';
import { redact, secretShape, secretsInData } from '../src/core/secrets';
import { isSecretKey, namesSecretText } from '../src/core/secrets-keys';
import { HOSTILE_TEST_SIZE, shownInDiff } from './secret-doors';
import { accepted, configMapOf, judgedOnce, refusedAtTextDoors, refusedEverywhere, textDoors } from './secret-tables';

/**
 * Round-45 findings on names: 45a-8 (`dotnet user-secrets` with options before `set`), 45a-9 (a secret's name then
 * labels or a version: `appSecret2`, `jwtSecretV2`, `dbPasswordProd2`, judged as the name before them), 45a-12 (an nginx
 * variable set to a literal by `set` or `map`, sent in a credential header); and the false refusals 45a-14 and 45a-15
 * (a JS object's entry read up to its end: a Secret's name beside another key, a read of `process.env` with or without
 * an empty default), 45a-17 (Bitnami's `secretKeys` map names a Secret's keys) and 45a-18 (a placeholder after a tab).
 * Each table is judged at every text door at once (a pod annotation, a sidecar's `sh -c`, a ConfigMap's data).
 */
const S = 'Zq8vTr4pLm';

// Every table's rows are judged in one set of doors (one config, one construct, one chart, one gate), when the first
// row's test asks: the rows of all tables are known by then.
const refusedTexts: string[] = [];
const acceptedTexts: string[] = [];
const refusals = judgedOnce(() => textDoors(refusedTexts));
const acceptance = judgedOnce(() => textDoors(acceptedTexts));

function refusedTable(rows: ReadonlyArray<readonly [string, string]>): void {
  const first = refusedTexts.push(...rows.map(([, text]) => text)) - rows.length;
  test.each(rows.map(([name, text], i) => [name, text, first + i] as const))('%s is refused, the secret shown nowhere', (_, text, i) => {
    refusedAtTextDoors(refusals(), i, S);
    expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(S);
  });
}

function acceptedTable(texts: readonly string[]): void {
  const first = acceptedTexts.push(...texts) - texts.length;
  test.each(texts.map((text, i) => [text, first + i] as const))('%s is accepted', (text, i) => {
    expect(secretShape(text)).toBeUndefined();
    const places = [`podAnnotations.r${i}`, `additionalContainers[${i}]`, `data.k${i}`].map((place) => place.replace(/[.[\]]/g, '\\$&'));
    for (const door of acceptance()) expect(door).not.toMatch(new RegExp(`(?:${places.join('|')})(?![\\w\\]])`));
  });
}

describe('45a-9: a secret name then labels or a version is a secret name', () => {
  refusedTable([
    ['appSecret2', `appSecret2: ${S}\n`],
    ['stripeSecret2', `stripeSecret2: ${S}\n`],
    ['jwtSecretV2', `jwtSecretV2: ${S}\n`],
    ['dbPasswordProd2', `dbPasswordProd2: ${S}\n`],
    ['clientSecretProd2', `clientSecretProd2: ${S}\n`],
    ['appsecret2', `appsecret2: ${S}\n`],
    ['apiTokenV2', `apiTokenV2: ${S}\n`],
    ['webhookSecretV2Staging', `webhookSecretV2Staging=${S}\n`],
    ['a JS object, webhookSecret2', `const o = { webhookSecret2: '${S}' };\n`],
    ['a JS object, clientSecretProd2', `const o = { clientSecretProd2: '${S}' };\n`],
    ['a tab after jwtSecretV2', `jwtSecretV2\t${S}\n`],
  ]);
  test.each(['appSecret2', 'jwtSecretV2', 'dbPasswordProd2', 'clientSecretProd2', 'appsecret2', 'example.com/appsecret2', 'apiTokenV2'])(
    '%s names a secret',
    (name) => {
      expect(isSecretKey(name) || namesSecretText(name)).toBe(true);
    },
  );
  test.each(['secretName2', 'passwordFile2', 'secretNameProd', 'existingSecret2', 'tokenTtlV2', 'PUBLIC_KEY_2', 'http2'])(
    '%s names no secret',
    (name) => {
      expect(isSecretKey(name) || namesSecretText(name)).toBe(false);
    },
  );
  test.each<[string, unknown]>([
    ['a ConfigMap data key', configMapOf({ appSecret2: S })],
    ['a ConfigMap data key, a version', configMapOf({ jwtSecretV2: S })],
    ['an annotation', { deployment: { annotations: { 'example.com/appsecret2': S } } }],
  ])('%s is refused at every door, the construct too', (_, values) => {
    refusedEverywhere(values, S, true);
  });
  test('a Secret name under tlsSecret2 is accepted', () => {
    accepted(configMapOf({ tlsSecret2: 'wildcard-tls' }));
  });
});

describe('45a-8: dotnet user-secrets with options before set', () => {
  refusedTable([
    ['--project before set', `dotnet user-secrets --project src/Web set "Auth:Google:ClientSecret" "${S}"\n`],
    ['-p before set', `dotnet user-secrets -p src/Web/Web.csproj set "Db:Password" "${S}"\n`],
    ['--project=… before set', `dotnet user-secrets --project=src/Web set Db:Password ${S}\n`],
    ['a switch before set', `dotnet user-secrets --verbose set "Db:Password" "${S}"\n`],
  ]);
});

/** A literal that holds S, so each door's refusal is checked not to show it. */
const T = `${S}Hx7kWq2Nz`;

describe('45a-12: an nginx variable set to a literal and sent in a credential header', () => {
  refusedTable([
    ['set, then Bearer $tok', `set $tok "${T}";\nproxy_set_header Authorization "Bearer $tok";\n`],
    [
      'map default, then Bearer $upstream_token',
      `map $host $upstream_token {\n  default ${T};\n}\nproxy_set_header Authorization "Bearer $upstream_token";\n`,
    ],
    ['map line, then an API key header', `map $host $k {\n  "a.example.com" '${T}';\n  default "";\n}\nproxy_set_header X-Api-Key $k;\n`],
    ['set in a location, grpc_set_header', `location / {\n  set $auth "${T}";\n  grpc_set_header Authorization $auth;\n}\n`],
  ]);
  test('every literal of a map is redacted', () => {
    const text = `map $host $t {\n  a.example.com Xq8vTr4pLmHx7kWq2Nz;\n  default ${T};\n}\nproxy_set_header Authorization "Bearer $t";\n`;
    const redacted = redact(text);
    expect(redacted).not.toContain(T);
    expect(redacted).not.toContain('Xq8vTr4pLmHx7kWq2Nz');
  });
  acceptedTable([
    'set $backend "api";\nproxy_set_header X-Backend $backend;\n',
    'set $tok $http_authorization;\nproxy_set_header Authorization $tok;\n',
    'map $host $up {\n  hostnames;\n  default "";\n  a.example.com $http_x_token;\n}\nproxy_set_header Authorization "Bearer $up";\n',
    'map $http_upgrade $connection_upgrade {\n  default upgrade;\n  "" close;\n}\nproxy_set_header Connection $connection_upgrade;\n',
  ]);
});

describe('45a-14, 45a-15, 45a-17, 45a-18: names, references and placeholders in every line format are accepted', () => {
  acceptedTable([
    // 45a-14: a Secret's name beside another key
    "const cfg = { tlsSecret: 'wildcard-tls', host: 'x' };\n",
    "let o = { tlsSecret: 'wildcard-tls', host: 'x' };\n",
    'const tls = { tlsSecret: \'wildcard-tls\', caSecret: "ca-bundle" };\n',
    // 45a-15: reads of process.env, with an empty default
    'const s = { clientSecret: process.env.CLIENT_SECRET };\n',
    "const s = { clientSecret: process.env.CLIENT_SECRET ?? '' };\n",
    "const s = { clientSecret: process.env.CLIENT_SECRET || '' };\n",
    "const s = { password: process.env.DB_PASSWORD ?? '' };\n",
    "cfg = {'client_secret': os.environ.get('CLIENT_SECRET') or ''}\n",
    'login({ password: password });\n',
    'const o = { token: this.token, url };\n',
    "const o = { password: getpass.getpass('Password: ') };\n",
    // 45a-17: Bitnami's secretKeys
    'secretKeys:\n  adminPasswordKey: postgres-password\n  userPasswordKey: password\n',
    'auth:\n  existingSecret: pg\n  secretKeys:\n    adminPasswordKey: postgres-password\n    replicationPasswordKey: replication-password\n',
    'existingSecretKeys:\n  rootUserSecretKey: root-user\n  rootPasswordKeyName: root-password\n',
    // 45a-18: placeholders after a tab
    'password\t<your-password>\n',
    'password\t********\n',
    'clientSecret\t<your-client-secret>\n',
    'dotnet user-secrets --project src/Web list\n',
    'dotnet user-secrets -p src/Web set "Db:Password" "$DB_PASSWORD"\n',
  ]);
});

describe('45a-14, 45a-15, 45a-17, 45a-18 controls: a secret there stays refused', () => {
  refusedTable([
    ['a secret beside a Secret name', `const cfg = { tlsSecret: 'wildcard-tls', password: '${S}' };\n`],
    ['a secret after another key', `const cfg = { host: 'x', clientSecret: '${S}' };\n`],
    ['a literal default after process.env', `const s = { clientSecret: process.env.CLIENT_SECRET ?? '${S}' };\n`],
    ['a literal || default', `const s = { clientSecret: process.env.CLIENT_SECRET || '${S}' };\n`],
    ['a secret then another key', `const s = { password: '${S}', a: 1 };\n`],
    ['a secret with a method called on it', `const o = { password: '${S}'.trim() };\n`],
    ['a secret given to a call', `const o = { password: decode('${S}'), a: 1 };\n`],
    ['a secret concatenated', `const o = { password: 'x' + '${S}' };\n`],
    ['a secret under secretKeys, not a key name', `secretKeys:\n  adminPasswordKey: ${S}\n`],
    ['a password under secretKeys, no *Key name', 'secretKeys:\n  adminPassword: postgres-password\n'.replace('postgres-password', S)],
    ['a password after a tab', `password\t${S}\n`],
  ]);
});

describe('round 46 name readers: hostile near-misses stay cheap', () => {
  test.each(hostile.secretNames46(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
