// @jest-own-suite: it resets the module registry (jest.resetModules), which would hold for every later file of a shard.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { z } from 'zod';
import { BAD_CONFIGS } from './bad-configs';
import { CONFIG_KEYS, CONFIG_SHAPE, pieceAccepts, SCHEMA_PIECES, SchemaPiece } from '../src/config/config-shape';
import * as formats from '../src/config/formats';
import * as k3sFormats from '../src/config/k3s-formats';
import { clusterConfigSchema } from '../src/config/schema';
import * as schema from '../src/config/schema';
import { parseShape, REFUSED, Shape } from '../src/config/shape';
import * as tokenFile from '../src/config/token-file';

/**
 * src/config/config-shape.ts parses every config without zod; zod only explains what it refuses. These tests
 * hold it to zod's verdict and output: node by node against the zod schema, and over every config of the
 * repository (config/, config/examples/, the YAML texts of the tests) and thousands of mutations of them.
 */

const ROOT = join(__dirname, '..');
type ZodDef = {
  type: string;
  checks?: Array<{ _zod: { def: Record<string, unknown> } }>;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  values?: unknown[];
};
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as ZodDef;

/** Every text leaf of both trees side by side, for the format-rule probes below. */
const textLeaves: Array<{ path: string; zod: z.ZodType; shape: Shape }> = [];

/** The differences between a zod schema and a shape, as `path: what` lines (none when they match). */
function differences(zodSchema: z.ZodType, shape: Shape, path: string): string[] {
  const def = defOf(zodSchema);
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const kind = def.type === 'literal' ? 'enum' : def.type;
  if (kind !== shape.kind) return [`${path}: zod ${def.type}, shape ${shape.kind}`];
  const diff = (what: string, a: unknown, b: unknown) =>
    JSON.stringify(a) === JSON.stringify(b) ? [] : [`${path}: ${what} ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  switch (shape.kind) {
    case 'string': {
      textLeaves.push({ path, zod: zodSchema, shape });
      const overwrite = checks.find((c) => c.check === 'overwrite');
      return [
        ...diff(
          'checks',
          checks.map((c) => c.check),
          [...(shape.check ? ['custom'] : []), ...(shape.rewrite ? ['overwrite'] : [])],
        ),
        ...(overwrite?.tx === shape.rewrite ? [] : [`${path}: another rewrite`]),
      ];
    }
    case 'number':
      return diff(
        'checks',
        checks.map((c) => [c.check, c.format ?? c.value, c.inclusive]),
        [
          ['number_format', 'safeint', undefined],
          ['greater_than', shape.min, true],
          ['less_than', shape.max, true],
        ],
      );
    case 'boolean':
    case 'unknown':
      return diff('checks', checks, []);
    case 'enum':
      return diff('values', def.entries ? Object.values(def.entries) : def.values, shape.values);
    case 'array':
      return [
        ...diff(
          'checks',
          checks.map((c) => [c.check, c.minimum]),
          shape.min ? [['min_length', shape.min]] : [],
        ),
        ...differences(def.element!, shape.element, `${path}[]`),
      ];
    case 'record':
      return [...differences(def.keyType!, shape.key, `${path}{key}`), ...differences(def.valueType!, shape.value, `${path}{}`)];
    case 'object':
      return [
        ...diff('keys', Object.keys(def.shape!), Object.keys(shape.shape)),
        ...diff('catchall', def.catchall && defOf(def.catchall).type, 'never'),
        ...Object.keys(shape.shape).flatMap((key) =>
          def.shape![key] ? differences(def.shape![key], shape.shape[key], `${path}.${key}`) : [],
        ),
      ];
    case 'union':
      return [
        ...diff('options', def.options!.length, shape.options.length),
        ...shape.options.flatMap((option, i) => (def.options![i] ? differences(def.options![i], option, `${path}|${i}`) : [])),
      ];
    case 'optional':
      return differences(def.innerType!, shape.inner, path);
    case 'default':
    case 'prefault':
      return [...diff('default', def.defaultValue, shape.value), ...differences(def.innerType!, shape.inner, path)];
  }
}

/** Paths in the order a walk meets them: equal for two values whose keys come in the same order. */
function keyOrder(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => [`${path}.${key}`, ...keyOrder((value as Record<string, unknown>)[key], `${path}.${key}`)]);
}

/** zod's verdict and output next to the shape's. */
function bothVerdicts(zodSchema: z.ZodType, shape: Shape, input: unknown) {
  const zodResult = zodSchema.safeParse(input);
  const shapeResult = parseShape(shape, input);
  return { zod: zodResult, shape: shapeResult, agree: zodResult.success === (shapeResult !== REFUSED) };
}

/** Throws unless the shape gives zod's verdict and, on success, zod's output with its keys in the same order. */
function expectSameParse(zodSchema: z.ZodType, shape: Shape, input: unknown, what: string): z.ZodSafeParseResult<unknown> {
  const { zod: zodResult, shape: shapeResult, agree } = bothVerdicts(zodSchema, shape, input);
  if (!agree)
    throw new Error(
      `${what}: zod ${zodResult.success ? 'accepts' : 'refuses'}, the shape ${shapeResult === REFUSED ? 'refuses' : 'accepts'}`,
    );
  if (
    zodResult.success &&
    !(isDeepStrictEqual(shapeResult, zodResult.data) && isDeepStrictEqual(keyOrder(shapeResult), keyOrder(zodResult.data)))
  ) {
    expect([what, shapeResult]).toStrictEqual([what, zodResult.data]);
    expect([what, keyOrder(shapeResult)]).toEqual([what, keyOrder(zodResult.data)]);
  }
  return zodResult;
}

/** The YAML texts of the tests (string literals without substitutions that read as a config), by file. */
function yamlTextsOfTests(): Array<[string, unknown]> {
  const topKeys = Object.keys((CONFIG_SHAPE as Extract<Shape, { kind: 'object' }>).shape);
  const texts: Array<[string, unknown]> = [];
  for (const file of readdirSync(join(ROOT, 'test')).filter((f) => f.endsWith('.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(join(ROOT, 'test', file), 'utf8'), ts.ScriptTarget.ES2022);
    const visit = (node: ts.Node): void => {
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text.includes(':')) {
        try {
          const data: unknown = parse(node.text, { logLevel: 'error' });
          if (data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).some((k) => topKeys.includes(k))) {
            texts.push([`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`, data]);
          }
        } catch {
          // Not YAML (or deliberately broken YAML): nothing for the schema to see.
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return texts;
}

/** A config that sets every key the schema knows, so the mutations below reach each of them. */
const EVERY_KEY = parse(`
kubeVip:
  version: 1.0.1
  mode: bgp
  interface: eth0
  controlPlane: {address: 192.168.0.40}
  services:
    enabled: true
    ipPool:
      global: {cidr: 192.168.0.64/27, allowShare: true}
      namespaces:
        team-a: {range: [192.168.0.200-192.168.0.210]}
        team-b: {cidr: [192.168.0.128/28]}
        team-c: {range: 192.168.0.220-192.168.0.230}
  bgp:
    as: 65000
    peers: [{address: 192.168.0.1, as: 65001, multihop: true}]
    passwordSecret: {name: bgp-auth, key: password}
  leaderElection: {leaseDuration: 15, renewDeadline: 10, retryPeriod: 2}
traefik:
  chartVersion: 27.0.2
  loadBalancerIPs: [192.168.0.41]
  redirectToHttps: true
  certResolvers:
    le: {email: ops@example.com, challenge: http, caServer: "https://acme-staging-v02.api.letsencrypt.org/directory"}
  externalCertResolvers: [other]
  replicas: 2
  externalTrafficPolicy: Local
  trustedProxies: [10.0.0.0/8, 192.168.0.5]
  values: {logs: {general: {level: DEBUG}}}
  gateway: {name: web, routeNamespaces: [apps]}
certManager:
  version: 1.16.2
  issuers:
    letsencrypt: {email: ops@example.com, server: staging, solver: http01}
    dns: {email: ops@example.com, server: "https://acme.example.com/directory", solver: {dns01: {provider: cloudflare, tokenSecret: {name: cf, key: token}}}}
ingresses:
  - {name: web, namespace: apps, host: www.example.com, path: /app, service: web, port: 80, tls: {certResolver: le}}
  - {name: api, host: api.example.com, service: api, port: http, tls: {issuer: letsencrypt}}
httpRoutes:
  - {name: shop, namespace: apps, host: shop.example.com, path: /, service: shop, port: 8080, tls: {issuer: letsencrypt}}
loadBalancers:
  - name: db
    namespace: data
    selector: {app.kubernetes.io/name: postgres}
    ports: [{name: pg, port: 5432, targetPort: 5432, protocol: TCP}, {port: 5433, targetPort: pg2}]
    ips: [192.168.0.42]
    loadBalancerClass: kube-vip.io/kube-vip-class
    externalTrafficPolicy: Local
k3s:
  clusterCidr: 10.42.0.0/16
  serviceCidr: 10.43.0.0/16
  nodeCidr: 192.168.0.0/24
  version: v1.33.5+k3s1
  tokenFile: /etc/rancher/k3s/cluster-token
  servers: [{name: cp-1, address: 192.168.0.11, interface: eth0}]
  agents: [{name: worker-1, address: 192.168.0.21}]
gitops: {engine: flux, repoURL: "https://github.com/example/k3s.git", revision: main, path: ./dist//dev/}
`) as unknown;

const yamlFiles = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f): [string, unknown] => [`${dir}/${f}`, parse(readFileSync(join(ROOT, dir, f), 'utf8'))]);
const parsedBadConfigs = BAD_CONFIGS.flatMap(([what, text]): Array<[string, unknown]> => {
  try {
    return [[`bad config: ${what}`, parse(text)]];
  } catch {
    return [];
  }
});
/** The configs whose mutations are compared too: the repository's own, and one with every key. */
const FILES: Array<[string, unknown]> = [['every key', EVERY_KEY], ...yamlFiles('test/fixtures/config'), ...yamlFiles('config/examples')];
const CORPUS: Array<[string, unknown]> = [...FILES, ...parsedBadConfigs, ...yamlTextsOfTests()];

const WRONG_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  65536,
  4294967296,
  NaN,
  Infinity,
  'text',
  '',
  true,
  [],
  {},
  ['x'],
  { unknownKey: 1 },
];
const REMOVE = Symbol('remove');
/** How many nodes of a config share the wrong types out between them (all of them at every node of EVERY_KEY). */
const WRONG_TYPE_SHARE = process.env.CONFIG_SHAPE_ALL === '1' ? 1 : 4;

/** `root` with the value at `path` replaced (or removed), every container on the way copied. */
function replaced(root: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  if (!path.length) return value;
  const [key, ...rest] = path;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  if (rest.length || value !== REMOVE) copy[key] = replaced(copy[key], rest, value);
  else if (Array.isArray(copy)) (copy as unknown[]).splice(key as number, 1);
  else delete copy[key];
  return copy;
}

/** Every node of `value` with its path. */
function nodes(value: unknown, path: Array<string | number> = []): Array<[Array<string | number>, unknown]> {
  const children =
    value && typeof value === 'object' ? Object.entries(value).map(([k, v]) => [Array.isArray(value) ? Number(k) : k, v] as const) : [];
  return [[path, value], ...children.flatMap(([k, v]) => nodes(v, [...path, k]))];
}

/**
 * Each key removed, each value replaced by a wrong type, an out-of-range number, a misspelling, an unknown key.
 * `share` n > 1 thins the wrong types only: node i gets WRONG_VALUES[j] for j ≡ i (mod n), so the nodes of a
 * config take every wrong type between them; the removal and the value-shaped replacements stay for every node.
 */
function mutations(config: unknown, share = 1): Array<[string, unknown]> {
  return nodes(config).flatMap(([path, value], i) => {
    const at = path.join('.') || '(root)';
    const replacements: unknown[] = WRONG_VALUES.filter((_, j) => j % share === i % share);
    if (typeof value === 'string') replacements.push(`${value}x`, value.toUpperCase(), `x${value}`, ` ${value}`, `${value},${value}`);
    if (typeof value === 'number') replacements.push(value + 1, value - 1, -value, value + 0.5, String(value));
    if (Array.isArray(value) && value.length) replacements.push([...value, value[0]], value.slice(1));
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const first = Object.keys(value)[0];
      replacements.push({ ...value, unknwn: 1 });
      if (first) replacements.push({ ...value, [`${first}s`]: (value as Record<string, unknown>)[first] });
    }
    return [
      ...(path.length ? [[`${at} removed`, replaced(config, path, REMOVE)] as [string, unknown]] : []),
      ...replacements.map((r): [string, unknown] => [`${at} = ${String(JSON.stringify(r))}`, replaced(config, path, r)]),
    ];
  });
}

describe('the config shape is the zod schema', () => {
  test('node by node: same keys in the same order, types, bounds, enumerations, defaults and rewrites', () => {
    textLeaves.length = 0;
    expect(differences(clusterConfigSchema, CONFIG_SHAPE, 'config')).toEqual([]);
    for (const name of Object.keys(SCHEMA_PIECES) as SchemaPiece[]) {
      expect(differences(schema[name] as z.ZodType, SCHEMA_PIECES[name], name)).toEqual([]);
    }
  });

  const corpusStrings = [
    ...new Set(
      CORPUS.flatMap(([, data]) => nodes(data).flatMap(([path, v]) => [...path.filter((k): k is string => typeof k === 'string'), v])),
    ),
  ].filter((v): v is string => typeof v === 'string');
  const PROBES = [
    ...corpusStrings,
    ...[
      '192.168.0.40',
      'fd00::40',
      '192.168.0.0/24',
      'fd00::/64',
      '10.42.0.0/16,fd00:42::/56',
      '192.168.0.11,fd00::11',
      '192.168.0.10-192.168.0.20',
    ],
    ...[
      'eth0',
      'web',
      'Web',
      'a.b',
      'a_b',
      '-a',
      'a'.repeat(64),
      'http',
      'app.kubernetes.io/name',
      'ops@example.com',
      'https://example.com/x',
    ],
    ...[
      'v1.2.3',
      '1.2.3',
      '27.0.2',
      'v1.33.5+k3s1',
      '/etc/rancher/k3s/token',
      '/',
      '/app',
      // 86b-9/87b-7: a route path with a webhook's token, which routePath refuses and ingressPath passes.
      '/hooks/Zq9xW3eR7tY2uI8oPl4mNb7v',
      'main',
      'dist/dev',
      './dist//dev/',
      '..',
      '',
      ' ',
    ],
    ...['git@github.com:example/k3s.git', 'https://github.com/example/k3s.git', 'a.example.com', '*.example.com', 'value-1', '0', '80'],
  ];

  test('the probes tell every format rule apart (so a leaf with the wrong rule would fail the next test)', () => {
    const notRules = new Set<unknown>([formats.releaseTag, formats.normaliseRepoPath]);
    const rules = [...Object.entries(formats), ...Object.entries(k3sFormats), ...Object.entries(tokenFile)].filter(
      ([, f]) => typeof f === 'function' && f.length === 1 && !notRules.has(f),
    ) as Array<[string, formats.FormatCheck]>;
    const verdicts = new Map<string, string>();
    for (const [name, rule] of rules) {
      const signature = JSON.stringify(PROBES.map((p) => rule(p) ?? ''));
      expect([name, verdicts.get(signature)]).toEqual([name, undefined]);
      verdicts.set(signature, name);
    }
    expect(rules.length).toBeGreaterThan(25);
  });

  test('every text leaf: the same verdict and text as zod for every probe', () => {
    textLeaves.length = 0;
    differences(clusterConfigSchema, CONFIG_SHAPE, 'config');
    expect(textLeaves.length).toBeGreaterThan(50);
    // Leaves that share one zod piece and one shape piece (a format used in many places) are the same pair of
    // functions: their verdicts for a probe cannot differ, so each pair is probed once.
    const pairs = new Map<z.ZodType, Set<Shape>>();
    const distinct = textLeaves.filter(({ zod, shape }) => {
      const seen = pairs.get(zod) ?? pairs.set(zod, new Set()).get(zod)!;
      return !seen.has(shape) && !!seen.add(shape);
    });
    expect(distinct.length).toBeGreaterThan(20);
    for (const { path, zod, shape } of distinct) {
      for (const probe of [...PROBES, 42, true, null]) {
        const zodResult = expectSameParse(zod, shape, probe, `${path} = ${JSON.stringify(probe)}`);
        // The same rule, not only the same verdicts: zod's message is the shape's rule's own sentence.
        const problem = shape.kind === 'string' && typeof probe === 'string' ? shape.check?.(probe) : undefined;
        const messages = zodResult.error?.issues.map((i) => i.message);
        if (problem && !(messages?.length === 1 && messages[0] === problem)) expect([path, messages]).toEqual([path, [problem]]);
      }
    }
  });

  test('the corpus reaches every key of the schema and has configs of every kind', () => {
    const used = new Set(CORPUS.flatMap(([, data]) => nodes(data).flatMap(([path]) => path.filter((k) => typeof k === 'string'))));
    expect([...CONFIG_KEYS].filter((key) => !used.has(key))).toEqual([]);
    expect(CORPUS.length).toBeGreaterThan(100);
    const accepted = CORPUS.filter(([, data]) => clusterConfigSchema.safeParse(data).success).length;
    expect([accepted > 50, CORPUS.length - accepted > 20]).toEqual([true, true]);
  });

  test.each(CORPUS)('%s: same verdict and output as zod', (what, data) => {
    expectSameParse(clusterConfigSchema, CONFIG_SHAPE, data, what);
  });

  test('every mutation of every config: same verdict and output as zod', () => {
    let [count, accepted] = [0, 0];
    const wrongTypesUsed = new Map<string, Set<string>>();
    for (const [what, data] of FILES) {
      // The config with every key takes every wrong type at every node; the others, which add contexts (other modes,
      // other list lengths) rather than keys, share the wrong types out among their nodes (see `mutations`).
      for (const [change, mutated] of mutations(data, what === 'every key' ? 1 : WRONG_TYPE_SHARE)) {
        // The verdicts agree (or this throws), so zod's is the shape's.
        if (expectSameParse(clusterConfigSchema, CONFIG_SHAPE, mutated, `${what}, ${change}`).success) accepted++;
        count++;
        const used = wrongTypesUsed.get(what) ?? wrongTypesUsed.set(what, new Set()).get(what)!;
        used.add(change.slice(change.indexOf(' = ') + 3));
      }
    }
    // Every config still meets every wrong type somewhere.
    const everyWrongType = WRONG_VALUES.map((v) => String(JSON.stringify(v)));
    expect(FILES.map(([what]) => [what, everyWrongType.filter((v) => !wrongTypesUsed.get(what)?.has(v))])).toEqual(
      FILES.map(([what]) => [what, []]),
    );
    // Both kinds of verdict are well represented: the comparison is not only of refusals.
    // (6,284 mutations, 1,256 accepted; 10,952 and 1,615 with CONFIG_SHAPE_ALL=1.)
    expect([count > 6000, accepted > 1000, count - accepted > 4500]).toEqual([true, true, true]);
  });

  const TRAEFIK = { loadBalancerIPs: ['192.168.0.41'] };
  const ODD_BUT_ACCEPTED = new Set([
    '__proto__ as a resolver name',
    '__proto__ in chart values',
    'constructor as a resolver name',
    'objects without a prototype',
    'a symbol key in an object',
    'a numeric key in a record',
    'undefined for every optional block',
    'a Map for a block',
  ]);
  const nullProto = (entries: Record<string, unknown>) => Object.assign(Object.create(null) as object, entries);
  test.each([
    ['__proto__ as a key at the top', JSON.parse('{"traefik": {"loadBalancerIPs": ["192.168.0.41"]}, "__proto__": {"x": 1}}')],
    ['__proto__ as a resolver name', { traefik: { ...TRAEFIK, certResolvers: JSON.parse('{"__proto__": {"email": "a@example.com"}}') } }],
    ['__proto__ in chart values', { traefik: { ...TRAEFIK, values: JSON.parse('{"__proto__": {"polluted": true}}') } }],
    ['constructor as a resolver name', { traefik: { ...TRAEFIK, certResolvers: { constructor: { email: 'a@example.com' } } } }],
    ['toString as a key', { traefik: { ...TRAEFIK, toString: 1 } }],
    [
      'objects without a prototype',
      nullProto({ traefik: nullProto({ ...TRAEFIK, certResolvers: nullProto({ le: nullProto({ email: 'a@example.com' }) }) }) }),
    ],
    ['a symbol key in a record', { traefik: { ...TRAEFIK, values: { [Symbol('s')]: 1 } } }],
    ['a symbol key in an object', { traefik: { ...TRAEFIK, [Symbol('s')]: 1 } }],
    ['a numeric key in a record', { traefik: { ...TRAEFIK, certResolvers: { 123: { email: 'a@example.com' } } } }],
    ['a sparse list', { traefik: { loadBalancerIPs: [, '192.168.0.41'] } }], // eslint-disable-line no-sparse-arrays
    ['undefined in a list', { traefik: { loadBalancerIPs: [undefined] } }],
    [
      'undefined for every optional block',
      { traefik: TRAEFIK, certManager: undefined, gitops: undefined, kubeVip: undefined, k3s: undefined },
    ],
    ['-0 replicas', { traefik: { ...TRAEFIK, replicas: -0 } }],
    [
      'an unsafe integer AS',
      { kubeVip: { mode: 'bgp', bgp: { as: 2 ** 53 + 2, peers: [{ address: '192.168.0.1', as: 1 }] } }, traefik: TRAEFIK },
    ],
    ['1e21 as a port', { traefik: TRAEFIK, loadBalancers: [{ name: 'a', selector: {}, ports: [{ port: 1e21 }] }] }],
    ['a Date for a version', { kubeVip: { version: new Date(0) }, traefik: TRAEFIK }],
    ['a Map for a block', { kubeVip: new Map(), traefik: TRAEFIK }],
    ['a list for a record', { traefik: { ...TRAEFIK, values: [] } }],
    ['a class instance for a record', { traefik: { ...TRAEFIK, values: new (class Values {})() } }],
    ['a boxed string for text', { kubeVip: { interface: new String('eth0') }, traefik: TRAEFIK }],
  ] as Array<[string, unknown]>)('odd input, %s: same verdict and output as zod', (what, data) => {
    expectSameParse(clusterConfigSchema, CONFIG_SHAPE, data, what);
    // Both verdicts occur: zod accepts exactly these (the YAML reader and snapshot refuse most earlier anyway).
    expect([what, clusterConfigSchema.safeParse(data).success]).toEqual([what, ODD_BUT_ACCEPTED.has(what)]);
  });

  test.each([
    ['portNumber', [1, 80, 65535, 0, 65536, 1.5, -1, NaN, Infinity, '80', null, true, [], {}]],
    ['asNumber', [1, 65000, 4294967295, 0, 4294967296, 2.5, -1, NaN, '65000', null]],
    [
      'leaderElectionSchema',
      [
        { leaseDuration: 15, renewDeadline: 10, retryPeriod: 2 },
        { leaseDuration: 15, renewDeadline: 10 },
        { leaseDuration: 15, renewDeadline: 10, retryPeriod: 2, extra: 1 },
        { leaseDuration: 0, renewDeadline: 10, retryPeriod: 2 },
        { leaseDuration: 3601, renewDeadline: 10, retryPeriod: 2 },
        { leaseDuration: '15', renewDeadline: 10, retryPeriod: 2 },
        [],
        null,
        5,
      ],
    ],
  ] as Array<[SchemaPiece, unknown[]]>)('the props piece %s: the same verdict as zod', (piece, values) => {
    for (const value of values)
      expect([piece, value, pieceAccepts(piece, value)]).toEqual([piece, value, schema[piece].safeParse(value).success]);
  });
});

describe('zod loads only for a config the shape refuses', () => {
  const zodLoaded = () => Object.keys(require.cache).some((file) => file.includes(`${join('node_modules', 'zod')}`));
  const reference = readFileSync(join(ROOT, 'test', 'fixtures', 'config', 'dev.yaml'), 'utf8');

  test('the reference config is validated without zod; a bad one loads it for the messages', () => {
    jest.resetModules();
    expect(zodLoaded()).toBe(false);
    const { parseConfigText } = require('../src/config/load') as typeof import('../src/config/load');
    const good = parseConfigText('config/dev.yaml', reference);
    expect([good.errors, good.config !== undefined]).toEqual([[], true]);
    expect(zodLoaded()).toBe(false);
    const bad = parseConfigText('config/dev.yaml', reference.replace(/^traefik:/m, 'traefik:\n  replicas: 0'));
    expect(bad.errors.map((e) => e.message)).toEqual(['0 is too small: expected at least 1']);
    expect(zodLoaded()).toBe(true);
  });
});
