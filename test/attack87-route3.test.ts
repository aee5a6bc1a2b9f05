import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { TraefikHttpRoute, TraefikIngress } from '../src/index';
import { isRouteToken, ROUTE_TOKEN_MIN } from '../src/core/route-tokens';
import { newCluster } from '../src/new-cluster';
import { chart, configErrors, devConfig, helmChartConfigRefusal, refusalOf, synthFiles, withChanges, withTraefikValues } from './helpers';

// Round 87: the route-path token rule of 86b-9 made precise (87b-7), applied to every route the tool writes (87b-2),
// and to what `new --from` copies (87b-6).

const TOKENS = ['Zq9xW3eR7tY2uI8oPl4mNb7v', 'Kp3xW9eR2tY7uI4oPl8mNb5v', 'Mq4xW8eR3tY6uI1oPl9mNb2v'];
const route = (path: string) => ({ name: 'web', namespace: 'default', host: 'hooks.example.com', service: 'web', port: 80, path });
const ingress = (path: string) => withChanges(devConfig(), { ingresses: [route(path)] });
const gateway = (path: string) => withChanges(devConfig(), { traefik: { gateway: { routeNamespaces: 'All' } }, httpRoutes: [route(path)] });

describe('87b-7: names of boards and models in a route path are accepted; random tokens of 20 or more stay refused', () => {
  const names = [
    '/firmware/esp32c3devkitm1',
    '/boards/stm32f4discovery',
    '/llama3instruct8b',
    '/esp32s3firmware',
    '/Q4Reports2024',
    '/Web3Wallet2024',
    '/mp3player2go',
    '/ollama/api/Llama3Instruct70B',
    '/IPv6only4you',
    // Neighbours: names that passed before, longer names of 20 and more, a digest.
    '/ESP32Firmware',
    '/RTX4090Benchmarks',
    '/debian12bookworm',
    '/firmware/esp32c3devkitm1firmware2024',
    '/models/Mistral7BInstructV02GGUF',
    '/images/ubuntu2204jammyjellyfish',
    '/api/token/9f86d081884c7d659a2feaa0',
  ];
  test.each(names)('path %s: accepted as an Ingress and an HTTPRoute path, and written', (path) => {
    expect(configErrors(ingress(path))).toEqual([]);
    expect(configErrors(gateway(path))).toEqual([]);
    expect(synthFiles(ingress(path)).get('README.md')).toContain(path);
  });
  const tokens = [
    ...TOKENS,
    'aB3dE5fG7hJ9kL1mN3pQ5r', // a mixed-case token of 22 (secrets.token_urlsafe(16)'s length)
    'k2x9qz7m4w8p1v6r3t5y', // one case, 20
  ];
  test.each(tokens)('a token %s: refused in both route keys and both constructs, never shown', (token) => {
    for (const [key, config] of [
      ['ingresses', ingress],
      ['httpRoutes', gateway],
    ] as const) {
      const errors = configErrors(config(`/hooks/${token}`)).join('\n');
      expect(errors).toContain(`${key}[0].path: holds a part that looks generated`);
      expect(errors).not.toContain(token);
    }
    for (const make of [TraefikIngress, TraefikHttpRoute]) {
      const message = refusalOf(() => new make(chart(), 'r', route(`/hooks/${token}`)));
      expect(message).toContain('looks generated');
      expect(message).not.toContain(token);
    }
  });
  test(`the minimum is ${ROUTE_TOKEN_MIN} characters: a shorter random run is no token; hex and digits alone are none`, () => {
    expect(ROUTE_TOKEN_MIN).toBe(20);
    expect(isRouteToken('Zq9xW3eR7tY2uI8oPl4m')).toBe(true);
    expect(isRouteToken('Zq9xW3eR7tY2uI8oPl4')).toBe(false);
    expect(isRouteToken('9f86d081884c7d659a2feaa0')).toBe(false);
    expect(isRouteToken('12345678901234567890')).toBe(false);
  });
});

/** An extraObjects item of `kind` (Traefik's, Gateway API's or networking's) carrying `path` where it writes a path. */
const ITEMS: Record<string, (path: string) => { item: object; at: string }> = {
  'IngressRoute PathPrefix': (path) => ({
    item: {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'hook2', namespace: 'default' },
      spec: {
        entryPoints: ['websecure'],
        routes: [{ match: `Host(\`k3s.example.com\`) && PathPrefix(\`${path}\`)`, kind: 'Rule', services: [{ name: 'hooks', port: 80 }] }],
      },
    },
    at: 'spec.routes[0].match',
  }),
  'IngressRoute Path (double quotes)': (path) => ({
    item: {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'hook2', namespace: 'default' },
      spec: { routes: [{ match: `Path("${path}")`, kind: 'Rule', services: [{ name: 'hooks', port: 80 }] }] },
    },
    at: 'spec.routes[0].match',
  }),
  'Middleware replacePath': (path) => ({
    item: {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'rewrite', namespace: 'default' },
      spec: { replacePath: { path } },
    },
    at: 'spec.replacePath.path',
  }),
  'Middleware stripPrefix': (path) => ({
    item: {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'strip', namespace: 'default' },
      spec: { stripPrefix: { prefixes: ['/api', path] } },
    },
    at: 'spec.stripPrefix.prefixes[1]',
  }),
  'HTTPRoute path match': (path) => ({
    item: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'hooks', namespace: 'default' },
      spec: {
        parentRefs: [{ name: 'traefik-gateway', namespace: 'kube-system' }],
        hostnames: ['hooks.example.com'],
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }], backendRefs: [{ name: 'hooks', port: 80 }] }],
      },
    },
    at: 'spec.rules[0].matches[0].path.value',
  }),
};

describe('87b-2: a route path holding a token is refused whichever door writes it, at the key that holds it', () => {
  const token = TOKENS[1];
  const errorsFor = (item: object) => configErrors(withTraefikValues({ extraObjects: [item] })).join('\n');
  test.each(Object.keys(ITEMS))('extraObjects %s: refused at its field, never shown', (name) => {
    const { item, at } = ITEMS[name](`/hooks/${token}`);
    const errors = errorsFor(item);
    expect(errors).toContain(`traefik.values.extraObjects[0].${at}: holds a part that looks generated`);
    expect(errors).not.toContain(token);
  });
  test.each(Object.keys(ITEMS))('extraObjects %s with a board name in the path: no route-token problem', (name) => {
    const { item } = ITEMS[name]('/firmware/esp32c3devkitm1');
    expect(errorsFor(item)).not.toContain('looks generated');
  });
  test('an extraObjects Ingress: its path is named too, beside the advice to use `ingresses`', () => {
    const item = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'hooks', namespace: 'default' },
      spec: {
        rules: [
          { http: { paths: [{ path: `/hooks/${token}`, pathType: 'Prefix', backend: { service: { name: 'h', port: { number: 80 } } } }] } },
        ],
      },
    };
    const errors = errorsFor(item);
    expect(errors).toContain('traefik.values.extraObjects[0].spec.rules[0].http.paths[0].path: holds a part that looks generated');
    expect(errors).not.toContain(token);
  });
  test("the chart's own IngressRoute matchRule: refused at its key", () => {
    const errors = configErrors(
      withTraefikValues({ ingressRoute: { dashboard: { enabled: true, matchRule: `PathPrefix(\`/dash/${token}\`)` } } }),
    ).join('\n');
    expect(errors).toContain('traefik.values.ingressRoute.dashboard.matchRule: holds a part that looks generated');
    expect(errors).not.toContain(token);
  });
  test("a file provider router's rule: refused at the text, naming the router, never shown", () => {
    const content = `http:\n  routers:\n    hook:\n      rule: "PathPrefix(\`/hooks/${token}\`)"\n      service: hooks\n`;
    const errors = configErrors(withTraefikValues({ providers: { file: { enabled: true, content } } })).join('\n');
    expect(errors).toContain('http.routers.hook.rule holds a part that looks generated');
    expect(errors).not.toContain(token);
  });
  test('a TraefikHelmChartConfig construct: refused at values.extraObjects[0]…match, never shown', () => {
    const { item } = ITEMS['IngressRoute PathPrefix'](`/hooks/${token}`);
    const message = helmChartConfigRefusal({ values: { extraObjects: [item] } });
    expect(message).toContain('values.extraObjects[0].spec.routes[0].match');
    expect(message).toContain('looks generated');
    expect(message).not.toContain(token);
  });
  test('a digest in a PathPrefix matcher passes (hex names content, no secret)', () => {
    const { item } = ITEMS['IngressRoute PathPrefix']('/hooks/deploy');
    const spec = (item as { spec: { routes: Array<{ match: string }> } }).spec;
    spec.routes[0].match = 'Host(`k3s.example.com`) && PathPrefix(`/api/token/9f86d081884c7d659a2feaa0`)';
    expect(errorsFor(item)).not.toContain('looks generated');
  });
});

describe('87b-6: `new --from` copies no route path holding a token, as it copies no other secret synth refuses', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'route3-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const copy = (config: object) => {
    writeFileSync(join(root, 'src.yaml'), stringify(config));
    const lines: string[] = [];
    const code = newCluster(['dst', '--from', 'src'], { configDir: root, schemaFile: join(root, 's.json'), log: (l) => lines.push(l) });
    const copied = readdirSync(root).includes('dst.yaml') ? readFileSync(join(root, 'dst.yaml'), 'utf8') : undefined;
    rmSync(join(root, 'dst.yaml'), { force: true });
    return { code, text: lines.join('\n'), copied };
  };
  test('a first-class route path: refused at its key path, nothing copied, the token never shown', () => {
    const { code, text, copied } = copy(ingress(`/hooks/${TOKENS[2]}`));
    expect([code, copied]).toEqual([1, undefined]);
    expect(text).toMatch(/src\.yaml:\d+:\d+: ingresses\[0\]\.path: holds a route path .*looks generated.*: nothing was copied/);
    expect(text).not.toContain(TOKENS[2]);
  });
  test('an extraObjects IngressRoute match: refused at its key path, nothing copied', () => {
    const { item } = ITEMS['IngressRoute PathPrefix'](`/hooks/${TOKENS[0]}`);
    const { code, text, copied } = copy(withTraefikValues({ extraObjects: [item] }));
    expect([code, copied]).toEqual([1, undefined]);
    expect(text).toContain('traefik.values.extraObjects[0].spec.routes[0].match: holds a route path');
    expect(text).not.toContain(TOKENS[0]);
  });
  test('neighbour: a board name in the path is copied', () => {
    const { code, copied } = copy(ingress('/firmware/esp32c3devkitm1'));
    expect(code).toBe(0);
    expect(copied).toContain('/firmware/esp32c3devkitm1');
  });
});
