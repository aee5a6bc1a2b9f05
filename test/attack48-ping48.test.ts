import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { load } from 'js-yaml';
import { clusterRefusal, devConfig, helmChartConfigRefusal, judgedValues } from './helpers';
import { parseVersion } from '../src/semver';
import { entrypointMiddlewares } from '../src/traefik/entrypoint-middlewares';

/**
 * Attack round 47b-2, judged in-process: middlewares on the entrypoint where Traefik answers /ping. Traefik puts an
 * entrypoint's `http.middlewares` in front of every router on it, its own ping@internal router included (traefik/traefik
 * pkg/server/aggregator.go `applyModel`, no router skipped, v2.9.4 to v3.7.9), so a basicAuth or ipAllowList there answers
 * the kubelet's probes 401/403 and a missing middleware drops the router (404). The chart writes the key `ports.<name>.middlewares`
 * up to v38.x and `ports.<name>.http.middlewares` from v39.0.0 (traefik-helm-chart templates/_podtemplate.tpl).
 */
const judge = (values: object, chart: string) => judgedValues({ image: { tag: 'v3.6.2' }, ...values }, chart);
const at = (lines: string[], key: string) => lines.filter((e) => e.startsWith(`traefik.values.${key}: `));
const args = (...items: string[]) => ({ additionalArguments: items });
const oldKey = (name: string, middlewares: unknown) => ({ ports: { [name]: { middlewares } } });
const newKey = (name: string, middlewares: unknown) => ({ ports: { [name]: { http: { middlewares } } } });
const toWeb = (extra: object = {}) => ({ ...args('--ping.entrypoint=web'), deployment: { healthchecksPort: 8000 }, ...extra });
const AUTH = ['kube-system-auth@kubernetescrd'];
const PING = (name: string, port: number, how = '') =>
  new RegExp(
    `gives entrypoint ${name} middlewares${how}, and Traefik answers /ping on entrypoint ${name} \\(port ${port}\\): .*the router to ping@internal ` +
      'included, .*basicAuth answers 401, ipAllowList 403, and a middleware that does not exist drops the router: 404\\), so no Traefik pod ever gets Ready.*: remove the (key|flag) and put the middlewares on the routers that need them .*or serve /ping on another entrypoint',
  );
const KEY = (name = 'traefik', port = 8080) => PING(name, port, ` \\(the chart writes --entryPoints\\.${name}\\.http\\.middlewares\\)`);
const FLAG = (name = 'traefik', port = 8080) => PING(name, port);
const ANY = /gives entrypoint \S+ middlewares/;

// [case, values, key the error is at, message, chart versions: each side of a boundary]
const REFUSED: Array<[string, object, string, RegExp, string[]]> = [
  ['ports.traefik.middlewares (up to v38)', oldKey('traefik', AUTH), 'ports.traefik.middlewares', KEY(), ['27.0.2', '38.0.2']],
  [
    'ports.traefik.middlewares as one text',
    oldKey('traefik', 'kube-system-auth@kubernetescrd'),
    'ports.traefik.middlewares',
    KEY(),
    ['38.0.2'],
  ],
  ['ports.traefik.http.middlewares (v39+)', newKey('traefik', AUTH), 'ports.traefik.http.middlewares', KEY(), ['39.0.0', '41.3.0']],
  [
    'additionalArguments flag',
    args('--entrypoints.traefik.http.middlewares=kube-system-auth@kubernetescrd'),
    'additionalArguments[0]',
    FLAG(),
    ['27.0.2', '39.0.0'],
  ],
  [
    'flag, mixed case, one dash',
    args('-entryPoints.traefik.HTTP.Middlewares=kube-system-a@kubernetescrd,kube-system-b@kubernetescrd'),
    'additionalArguments[0]',
    FLAG(),
    ['39.0.7'],
  ],
  [
    'flag with a blank value (one empty name)',
    args('--entrypoints.traefik.http.middlewares= '),
    'additionalArguments[0]',
    FLAG(),
    ['39.0.7'],
  ],
  [
    'two empty flags (paerser joins them: ",", two empty names)',
    args('--entrypoints.traefik.http.middlewares=', '--entrypoints.traefik.http.middlewares='),
    'additionalArguments[1]',
    FLAG(),
    ['39.0.7'],
  ],
  [
    'globalArguments flag (read up to v35)',
    { globalArguments: ['--entrypoints.traefik.http.middlewares=kube-system-auth@kubernetescrd'] },
    'globalArguments[0]',
    FLAG(),
    ['35.4.0'],
  ],
  // ping moved by --ping.entryPoint: the middlewares of the entrypoint it names.
  [
    '/ping on web, ports.web.http.middlewares',
    toWeb(newKey('web', ['kube-system-redirect@kubernetescrd'])),
    'ports.web.http.middlewares',
    KEY('web', 8000),
    ['39.0.0'],
  ],
  [
    '/ping on web, ports.web.middlewares',
    toWeb(oldKey('web', ['kube-system-redirect@kubernetescrd'])),
    'ports.web.middlewares',
    KEY('web', 8000),
    ['38.0.2'],
  ],
  [
    '/ping on web, a flag',
    { ...toWeb(), additionalArguments: ['--ping.entrypoint=web', '--entrypoints.web.http.middlewares=kube-system-a@kubernetescrd'] },
    'additionalArguments[1]',
    FLAG('web', 8000),
    ['39.0.7'],
  ],
  // manualRouting: a router to ping@internal on the probes' entrypoint gets the middlewares too.
  [
    'manualRouting with the healthcheck route',
    { ...args('--ping.manualRouting=true'), ingressRoute: { healthcheck: { enabled: true } }, ...newKey('traefik', AUTH) },
    'ports.traefik.http.middlewares',
    KEY(),
    ['39.0.7'],
  ],
];

describe('47b-2: middlewares on the ping entrypoint are refused', () => {
  test.each(
    REFUSED.flatMap(([name, values, key, message, charts]) =>
      charts.map((chart) => [`${name} (${chart})`, values, key, message, chart] as const),
    ),
  )('%s', (_, values, key, message, chart) => {
    expect(at(judge(values, chart).errors, key)).toEqual([expect.stringMatching(message)]);
  });
});

describe('one run shows every source', () => {
  test('the key and two flags, one of them empty: the key and the named flag', () => {
    const values = {
      ...newKey('traefik', AUTH),
      ...args('--entrypoints.traefik.http.middlewares=', '--entrypoints.traefik.http.middlewares=kube-system-ip@kubernetescrd'),
    };
    const errors = judge(values, '41.3.0').errors.filter((e) => ANY.test(e));
    expect(errors).toEqual([
      expect.stringMatching(/^traefik\.values\.ports\.traefik\.http\.middlewares: /),
      expect.stringMatching(/^traefik\.values\.additionalArguments\[1\]: /),
    ]);
  });
  test('a bare flag (Traefik takes the next item, or fails to start) is refused as such', () => {
    expect(at(judge(args('--entrypoints.traefik.http.middlewares'), '39.0.7').errors, 'additionalArguments[0]')).toEqual([
      expect.stringMatching(/is a flag that takes a value, written without one/),
    ]);
  });
});

// [case, values, chart versions]: no middleware error (the other side of each boundary, and what Traefik does not apply to /ping).
const ACCEPTED: Array<[string, object, string[]]> = [
  ['ports.traefik.http.middlewares before v39 (the chart does not read it)', newKey('traefik', AUTH), ['38.0.2']],
  ['middlewares on web, /ping on traefik', newKey('web', AUTH), ['39.0.7']],
  ['middlewares on web, /ping on traefik (old key)', oldKey('web', AUTH), ['38.0.2']],
  ['middlewares on traefik, /ping moved to web', toWeb(newKey('traefik', AUTH)), ['39.0.7']],
  ['a flag on websecure', args('--entrypoints.websecure.http.middlewares=kube-system-a@kubernetescrd'), ['39.0.7']],
  ['an empty list (Go-false)', newKey('traefik', []), ['39.0.7']],
  ['null', newKey('traefik', null), ['39.0.7']],
  ['an empty list (old key)', oldKey('traefik', []), ['38.0.2']],
  ['one empty flag (paerser reads no list)', args('--entrypoints.traefik.http.middlewares='), ['39.0.7']],
  [
    'globalArguments flag on a chart that does not render them',
    { globalArguments: ['--entrypoints.traefik.http.middlewares=kube-system-auth@kubernetescrd'] },
    ['36.0.0'],
  ],
  [
    'encodeQuerySemicolons and sanitizePath on traefik (no effect on GET /ping)',
    { ports: { traefik: { http: { encodeQuerySemicolons: true, sanitizePath: false } } } },
    ['39.0.7'],
  ],
  [
    'the same as flags',
    args('--entrypoints.traefik.http.encodeQuerySemicolons=true', '--entrypoints.traefik.http.sanitizePath=false'),
    ['39.0.7'],
  ],
];

describe('the rest stays accepted', () => {
  test.each(ACCEPTED.flatMap(([name, values, charts]) => charts.map((chart) => [`${name} (${chart})`, values, chart] as const)))(
    '%s',
    (_, values, chart) => {
      expect(judge(values, chart).errors.filter((e) => ANY.test(e))).toEqual([]);
    },
  );
  test('encodeQuerySemicolons and sanitizePath: no error at all', () => {
    expect(judge({ ports: { traefik: { http: { encodeQuerySemicolons: true, sanitizePath: false } } } }, '39.0.7').errors).toEqual([]);
  });
});

describe("each vendored chart's own ports give no entrypoint middlewares", () => {
  const dir = join(__dirname, '..', 'vendor', 'traefik-values-schema');
  const tags = readdirSync(dir).flatMap((file) => /^v(.+)\.values\.yaml$/.exec(file)?.[1] ?? []);
  test.each(tags)('v%s', (tag) => {
    const own = load(readFileSync(join(dir, `v${tag}.values.yaml`), 'utf8')) as any;
    const names = Object.keys(own.ports);
    expect(names).toContain('traefik');
    expect(names.flatMap((name) => entrypointMiddlewares(own, [], name, parseVersion(tag)))).toEqual([]);
  });
});

test('every door: the cluster and chart constructs refuse it at the key', () => {
  const values = { image: { tag: 'v3.6.2' }, ...newKey('traefik', AUTH) };
  const where = /(^|\n|: )(traefik\.)?values\.ports\.traefik\.http\.middlewares:? gives entrypoint traefik middlewares/;
  expect(clusterRefusal({ ...devConfig().traefik, chartVersion: '39.0.7', values })).toMatch(where);
  expect(helmChartConfigRefusal({ chartVersion: '39.0.7', values })).toMatch(where);
});
