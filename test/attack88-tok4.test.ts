import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { TraefikIngress } from '../src/index';
import { holdsRouteToken } from '../src/core/route-tokens';
import { newCluster } from '../src/new-cluster';
import { chart, configErrors, devConfig, refusalOf, synthFiles, withChanges, withTraefikValues } from './helpers';

// Round 88: a route token holding `-` or `_` (88a-1), a ULID (88a-3), Middleware fields that request a path (88a-4).

const route = (path: string) => ({ name: 'web', namespace: 'default', host: 'hooks.example.com', service: 'web', port: 80, path });
const ingress = (path: string) => withChanges(devConfig(), { ingresses: [route(path)] });
const gateway = (path: string) => withChanges(devConfig(), { traefik: { gateway: { routeNamespaces: 'All' } }, httpRoutes: [route(path)] });

describe('88a-1: a token holding `-` or `_` (nanoid, base64url) is judged as one segment and refused, never shown', () => {
  const tokens = [
    'Zq9xW3eR7t_Y2uI8oPl4mNb7v', // the finding's: one `_` in a 29-character base64url token
    'V1StGXR8_Z5jdHi6B-myT', // nanoid's README example, 21 with its `-` and `_`
    'aB3dE5fG-7hJ9kL1mN3p_Q5r', // secrets.token_urlsafe-shaped
    '-Zq9xW3eR7tY2uI8oPl4m', // a leading `-`
    'k2x9-qz7m-4w8p-1v6r-3t5y', // one case, in groups
  ];
  test.each(tokens)('/hooks/%s: refused in ingresses, httpRoutes and the construct', (token) => {
    for (const [key, config] of [
      ['ingresses', ingress],
      ['httpRoutes', gateway],
    ] as const) {
      const errors = configErrors(config(`/hooks/${token}`)).join('\n');
      expect(errors).toContain(`${key}[0].path: holds a part that looks generated`);
      expect(errors).not.toContain(token);
    }
    const message = refusalOf(() => new TraefikIngress(chart(), 'r', route(`/hooks/${token}`)));
    expect(message).toContain('looks generated');
    expect(message).not.toContain(token);
  });
  const slugs = [
    '/blog/2024-05-my-first-post',
    '/v1.2.3/docs',
    '/assets/app-3f9a2c1b.js',
    '/assets/app-3f9a2c1b-chunk-vendors.js',
    '/static/js/main.8f3a2b1c.chunk.js',
    '/files/report_Q4_2024.pdf',
    '/tenants/0b7e9a4c-5d2f-4c1a-9e8b-3f6d2a1c7e90',
    '/docs/how-to-set-up-a-k8s-cluster-on-a-pi-4',
    '/posts/10-tips-for-k8s-on-a-pi-4b-in-2024',
    '/blog/i18n-l10n-a11y-tips-v2-2024',
    '/img/IMG_20240512_143022.jpg',
    '/dl/node-v20.11.1-linux-x64.tar.xz',
    '/dl/python-3.12.1-amd64-x86_64.tar.gz',
    '/api/v2/users/me/settings_2024-Q4',
    '/firmware/esp32c3devkitm1', // 87's board name, still a name
  ];
  test.each(slugs)('neighbour %s: accepted and written', (path) => {
    expect(configErrors(ingress(path))).toEqual([]);
    expect(configErrors(gateway(path))).toEqual([]);
    expect(synthFiles(ingress(path)).get('README.md')).toContain(path);
  });
  test('the token without its `_` stays refused (87b-7), and a short one stays a name', () => {
    expect(holdsRouteToken('/hooks/Zq9xW3eR7tY2uI8oPl4mNb7v')).toBe(true);
    expect(holdsRouteToken('/hooks/Zq9x_W3eR7t')).toBe(false);
  });
});

describe('88a-3: a ULID names a record as a UUID does: accepted in its exact shape', () => {
  test.each(['/tenants/01HQ3ZK8V7M4R2XWJ9T6B5N0CD', '/orders/01ARZ3NDEKTSV4RRFFQ69G5FAV'])('%s: accepted and written', (path) => {
    expect(configErrors(ingress(path))).toEqual([]);
    expect(synthFiles(ingress(path)).get('README.md')).toContain(path);
  });
  test.each([
    ['27 characters', '/tenants/01HQ3ZK8V7M4R2XWJ9T6B5N0CDX'],
    ['a first character past 7 (no ULID timestamp)', '/tenants/91HQ3ZK8V7M4R2XWJ9T6B5N0CD'],
    ['mixed case', '/tenants/01Hq3zK8v7M4r2XwJ9t6B5n0Cd'],
  ])('not a ULID (%s): refused as before', (_why, path) => {
    expect(configErrors(ingress(path)).join('\n')).toContain('ingresses[0].path: holds a part that looks generated');
  });
});

describe('88a-4: a token in the path a Middleware requests (errors.query, forwardAuth.address) is refused at its field', () => {
  const TOKEN = 'Zq9xW3eR7tY2uI8oPl4mNb7v';
  const middleware = (spec: object) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: { name: 'm', namespace: 'default' },
    spec,
  });
  const errorsFor = (spec: object) => configErrors(withTraefikValues({ extraObjects: [middleware(spec)] })).join('\n');
  const CASES: Record<string, { spec: (path: string) => object; at: string }> = {
    'errors.query': {
      spec: (p) => ({ errors: { status: ['500-599'], query: `${p}/{status}`, service: { name: 'frontend', port: 80 } } }),
      at: 'spec.errors.query',
    },
    'forwardAuth.address': { spec: (p) => ({ forwardAuth: { address: `http://auth.default.svc${p}` } }), at: 'spec.forwardAuth.address' },
    'errors.service.healthCheck.path': {
      spec: (p) => ({ errors: { status: ['404'], query: '/404.html', service: { name: 'frontend', port: 80, healthCheck: { path: p } } } }),
      at: 'spec.errors.service.healthCheck.path',
    },
    'errors.service.sticky.cookie.path': {
      spec: (p) => ({
        errors: { status: ['404'], query: '/404.html', service: { name: 'frontend', port: 80, sticky: { cookie: { path: p } } } },
      }),
      at: 'spec.errors.service.sticky.cookie.path',
    },
    'replacePath.path (held before)': { spec: (p) => ({ replacePath: { path: p } }), at: 'spec.replacePath.path' },
    'redirectRegex.replacement (held before)': {
      spec: (p) => ({ redirectRegex: { regex: '^/old/(.*)', replacement: `https://example.com${p}/$1` } }),
      at: 'spec.redirectRegex.replacement',
    },
    'stripPrefix.prefixes (held before)': { spec: (p) => ({ stripPrefix: { prefixes: [p] } }), at: 'spec.stripPrefix.prefixes[0]' },
  };
  test.each(Object.keys(CASES))('%s with a token (plain and with `_`): refused there, never shown', (name) => {
    for (const token of [TOKEN, 'Zq9xW3eR7t_Y2uI8oPl4mNb7v']) {
      const errors = errorsFor(CASES[name].spec(`/hooks/${token}`));
      expect(errors).toContain(`traefik.values.extraObjects[0].${CASES[name].at}: holds a part that looks generated`);
      expect(errors).not.toContain(token);
    }
  });
  test.each(Object.keys(CASES))('%s with an ordinary path and a cluster host name: no route-token problem', (name) => {
    expect(errorsFor(CASES[name].spec('/errors/page-2024_v2'))).not.toContain('looks generated');
  });
  test('forwardAuth.address on a long in-cluster host name and port: no route-token problem', () => {
    expect(errorsFor({ forwardAuth: { address: 'http://oauth2-proxy.auth-system.svc.cluster.local:4180/oauth2/auth' } })).not.toContain(
      'looks generated',
    );
  });
  test('`new --from` copies no Middleware whose errors.query holds a token, and names the field', () => {
    const root = mkdtempSync(join(tmpdir(), 'tok4-'));
    try {
      writeFileSync(
        join(root, 'src.yaml'),
        stringify(withTraefikValues({ extraObjects: [middleware(CASES['errors.query'].spec(`/err/${TOKEN}`))] })),
      );
      const lines: string[] = [];
      const code = newCluster(['dst', '--from', 'src'], { configDir: root, schemaFile: join(root, 's.json'), log: (l) => lines.push(l) });
      const text = lines.join('\n');
      expect(code).toBe(1);
      expect(readdirSync(root)).not.toContain('dst.yaml');
      expect(text).toContain('traefik.values.extraObjects[0].spec.errors.query: holds a route path');
      expect(text).not.toContain(TOKEN);
      expect(readFileSync(join(root, 'src.yaml'), 'utf8')).toContain(TOKEN);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
