import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretsInData, secretsInLines } from '../src/core/secrets';
import { gateFindingSources } from '../src/output/gate-sources';
import { secretsInFiles } from '../src/output/secret-gate';
import { devConfig, synthFiles, valuesDoors, withChanges } from './helpers';
import { falseRefusalTables } from './secret-tables';

/**
 * Round 57a findings 9-11: ordinary config refused as a secret. An Ingress host and path whose host names a secret
 * (`token.example.com` + `/api/token/<hex>`) passed the config and was refused in the generated README, naming no
 * config key; a host and port written bare or before nginx's `;` (`server token-service:8080;`); a small number under a
 * policy word (`token_refill: 10`) and a data-key name (`secretKey: admin-password`). Their neighbours that set a
 * generated value stay refused, and a refusal of a generated file names the config values it came from.
 */
const S = 'Qm7vZp2Lx9Kt4Rw';
const { acceptedTable, refusedTable } = falseRefusalTables(S);

describe('57a-9: a host name holding a secret word is a name, in the README as in the config', () => {
  acceptedTable([
    '| `token.example.com` | `/api/token/9f86d081884c7d659a2feaa0` | default/frontend:80 | cert resolver `default` | default/frontend-ingress |',
    // A line starting `traefik --…` in a sidecar's script really starts Traefik (sidecar-programs.ts), so the diagram's
    // edge is written from the gateway node, as the README draws an HTTPRoute.
    'gw -->|"token.example.com/api/token/9f86d081884c7d659a2feaa0 (HTTPS)"| ing0["Ingress default/frontend-ingress"]',
    '| `secrets.example.com` | `/api/secrets/9f86d081884c7d659a2feaa0` | default/frontend:80 |',
    '| `secrets.example.com` | `/api/v1/secrets/Zq8vLmP3xR7tYw` | default/frontend:80 |',
    '| `api.password.example.com` | `/v1/9f86d081884c7d659a2feaa0` |',
  ]);
  refusedTable([
    ['a password named after the host', `token.example.com password ${S}`],
    ['a sentence naming the password', `the password on token.example.com is ${S}`],
    ['a token then its value', `token ${S}`],
    ['a host then a named value', `| \`x.example.com\` | password ${S} |`],
  ]);

  test.each([
    ['token.example.com', '/api/token/9f86d081884c7d659a2feaa0'],
    ['secrets.example.com', '/api/secrets/9f86d081884c7d659a2feaa0'],
    // 86b-9: a mixed run that looks generated (`/api/v1/secrets/Zq8vLmP3xR7tYw`) is refused in a route's path now; a name stays.
    ['secrets.example.com', '/api/v1/secrets/app-config'],
    ['password.example.com', '/is/9f86d081884c7d659a2feaa0'],
  ])('host %s and path %s: the config is accepted and its README passes the write gate', (host, path) => {
    const config = withChanges(devConfig(), {
      ingresses: [{ name: 'web', namespace: 'default', host, path, service: 'frontend', port: 80, tls: { certResolver: 'default' } }],
    });
    const files = synthFiles(config);
    expect(files.get('README.md')).toContain(`${host}${path}`);
    expect(secretsInFiles(files)).toEqual([]);
  });
});

describe('57a-9: a refusal of a generated file names the config values its text came from', () => {
  const dir = mkdtempSync(join(tmpdir(), 'falsemsg57-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, 'c.yaml');
  writeFileSync(config, `kubeVip:\n  version: v1.2.3\ningresses:\n  - host: x.example.com\n    path: /app\n    service: password-${S}\n`);
  const files = new Map([
    ['c/README.md', `# c\n\n| Host | Path | Backend |\n| --- | --- | --- |\n| \`x.example.com\` | \`/app\` | default/password-${S}:80 |\n`],
  ]);
  const [finding] = secretsInFiles(files);

  test('the gate refuses the README', () => {
    expect(finding).toMatch(/^c\/README\.md:(?:\d+:)? /); // at its line since 58a-18
  });
  test('the message names the config file, line, column and key path, never the value', () => {
    const { places } = gateFindingSources(
      finding,
      files,
      (name) => (name === 'c' ? config : undefined),
      () => 'config/c.yaml',
    );
    // 77a-16: one place a line, as a diagnostic starts (`file:line:column: key.path`).
    expect(places).toEqual(['config/c.yaml:6:14: ingresses[0].service']); // not ingresses[0].host: `x.example.com` is not what is refused
    expect(places.join('\n')).not.toContain(S);
  });
  test('a config that cannot be read is named as the file to change', () => {
    const message = gateFindingSources(
      finding,
      files,
      () => join(dir, 'missing.yaml'),
      () => 'config/missing.yaml',
    ).clause;
    expect(message).toContain('generated from config/missing.yaml');
    expect(message).not.toContain(S);
  });
  test('a file of no known cluster adds nothing', () => {
    expect(gateFindingSources(finding, files, () => undefined, String)).toEqual({ places: [], clause: '' });
  });
});

describe('57a-10: a DNS name and a numeric port are a name, before `;` or written bare', () => {
  acceptedTable([
    'proxy_pass http://token-service:8080;',
    'server token-service:8080;',
    'upstream token-service { server token-service:8080; }',
    'upstream token-service {\n  server token-service:8080;\n}\n',
    'grafana-secret:3000',
    'redis-password:6379',
    'vault-token.vault.svc:8200',
    'db-password.default.svc.cluster.local:5432',
    'api-key-manager:443',
    'UPSTREAM_ADDR=grafana-secret:3000',
    'REDIS_ADDR=redis-password:6379',
  ]);
  refusedTable([
    ['a URL user and password before `;`', `proxy_pass http://token:${S}@h;`],
    ['a password after the directive', `server token-service:8080; password ${S}`],
  ]);
  // Glued rows are refused by the config's own YAML check too, which stops its other doors: judged as data here.
  test.each([`token-service:${S}`, `redis-password:${S}`, `grafana-secret:3000${S}`])('control: %s is found as data', (text) => {
    const found = secretsInData({ value: text }, ['x']);
    expect(found.map(({ path }) => path)).toEqual([['x', 'value']]);
    expect(found.map(({ what }) => what).join()).not.toContain(S);
  });
  test.each(['password:8080', 'db-password:99999', 'db-password:0123', 'DB_PASSWORD=8080'])(
    'control: %s (no DNS name of two pieces, or no port) stays a value',
    (text) => {
      expect(secretsInLines(text).length).toBeGreaterThan(0);
    },
  );
  test.each([
    [
      'env',
      {
        env: [
          { name: 'UPSTREAM_ADDR', value: 'grafana-secret:3000' },
          { name: 'REDIS_ADDR', value: 'redis-password:6379' },
        ],
      },
    ],
    [
      'podAnnotations',
      { deployment: { podAnnotations: { 'example.com/a0': 'redis-password:6379', 'example.com/a6': 'grafana-secret:3000' } } },
    ],
  ])('%s is accepted by the config, the props and the write gate', (_, values) => {
    expect(valuesDoors.config(values)).toBe('');
    expect(valuesDoors.cluster(values)).toBe('');
    expect(valuesDoors.chart(values)).toBe('');
    expect(valuesDoors.gate(values)).toEqual([]);
  });
});

describe('57a-11: a small number under a policy word and a data-key name are settings', () => {
  acceptedTable([
    'token_refill: 10',
    'password_reuse: 5',
    'password_history: 24',
    'secretKey: admin-password',
    'passwordKey: redis-password',
    'existingSecret: grafana-admin\nsecretKey: admin-password\n',
    'password_min_length: 12',
    'token_ttl: 24h',
    'max_token_age: 3600',
  ]);
  refusedTable([
    ['a generated value under a policy name', `password_reuse: ${S}`],
    ['a generated value under secretKey', `secretKey: ${S}`],
    ['a generated value under token_refill', `token_refill=${S}`],
  ]);
  test.each([
    'DB_PASSWORD: 12',
    'DB_PASSWORD_PROD: 12',
    'api_key: 10',
    'token_2: 10',
    'token_refill: 0123',
    'password_confirm: 1234',
    'secretKey: my-secret-password',
    'secretKey: secret-key',
    'password: admin-password',
  ])('control: %s stays a value', (text) => {
    expect(secretsInLines(text).length).toBeGreaterThan(0);
  });
});
