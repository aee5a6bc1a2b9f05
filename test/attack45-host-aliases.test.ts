import { stringify } from 'yaml';
import { clusterRefusal, devConfig, helmChartConfigRefusal, judgedValues } from './helpers';
import { deploymentOf, servedTag } from './traefik-fixtures';
import { validateManifests } from '../src/validate/conformance';

/**
 * `deployment.hostAliases` (written by the chart from v29.0.0, templates/_podtemplate.tpl) and any pod's `hostAliases`,
 * judged as Kubernetes 1.27 does (ValidateHostAliases: an IP address, DNS-1123 host names) and by the Pod schema's kinds:
 * the gap chart45 left beside dnsConfig (a bad IP or host name, a map for the list, were accepted on every chart).
 */
const errorsOf = (hostAliases: unknown, chart: string) =>
  judgedValues({ image: { tag: servedTag(chart) }, deployment: { hostAliases } }, chart).errors;
const KEY = 'traefik.values.deployment.hostAliases';
const NOT_IP = /^is "x", not an IP address, which the API server refuses \("must be a valid IP address", ValidateHostAliases\)/;
const NO_IP = /^is not set, which the API server refuses \("must be a valid IP address"/;
const NOT_HOST = /^is "A_b", not a host name .*IsDNS1123Subdomain, ValidateHostAliases/;
const KIND = (expects: string) =>
  new RegExp(`but the Kubernetes 1\\.27 schema of a pod expects ${expects}( \\(\\{ip, hostnames\\}\\))? there .*fails to install`);

// [case, hostAliases, key below deployment.hostAliases, message, charts]
const REFUSED: Array<[string, unknown, string, RegExp, string[]]> = [
  ['an ip that is no address', [{ ip: 'x', hostnames: ['db'] }], '[0].ip', NOT_IP, ['29.0.0', '38.0.0', '41.3.0']],
  ['no ip', [{ hostnames: ['db'] }], '[0].ip', NO_IP, ['29.0.0', '41.3.0']],
  ['an IPv6 address with a zone', [{ ip: 'fe80::1%eth0' }], '[0].ip', /not an IP address/, ['41.3.0']],
  ['a host name with upper case and _', [{ ip: '192.0.2.1', hostnames: ['A_b'] }], '[0].hostnames[0]', NOT_HOST, ['29.0.0', '41.3.0']],
  ['a map for the list', { ip: '192.0.2.1' }, '', KIND('a list of host aliases'), ['29.0.0', '38.0.0', '41.3.0']],
  ['a text for an alias', ['192.0.2.1 db'], '[0]', KIND('a host alias'), ['38.0.0']],
  ['an ip as a number', [{ ip: 5 }], '[0].ip', KIND('a text'), ['38.0.0']],
  ['hostnames as a text', [{ ip: '192.0.2.1', hostnames: 'db' }], '[0].hostnames', KIND('a list of texts'), ['38.0.0', '41.3.0']],
  ['a host name as a number', [{ ip: '192.0.2.1', hostnames: [5] }], '[0].hostnames[0]', KIND('a text'), ['41.3.0']],
  [
    'a misspelt field',
    [{ ip: '192.0.2.1', hostname: ['db'] }],
    '[0].hostname',
    /no field of a host alias.*did you mean hostnames\?$/,
    ['41.3.0'],
  ],
];

describe('deployment.hostAliases as the chart writes it (from v29.0.0)', () => {
  test.each(
    REFUSED.flatMap(([name, aliases, key, message, charts]) => charts.map((chart) => [name, chart, aliases, key, message] as const)),
  )('%s on chart %s is refused at its key', (_, chart, aliases, key, message) => {
    const errors = errorsOf(aliases, chart);
    expect(errors).toContainEqual(expect.stringMatching(new RegExp(`^${(KEY + key).replace(/[.[\]]/g, '\\$&')}: `)));
    expect(errors.find((e) => e.startsWith(`${KEY}${key}: `))?.slice(`${KEY}${key}: `.length)).toMatch(message);
  });

  test.each<[string, unknown]>([
    ['an IPv4 address and names', [{ ip: '192.0.2.1', hostnames: ['db.internal', 'cache'] }]],
    ['an IPv6 address, leading zeros in IPv4 (ParseIPSloppy)', [{ ip: '2001:db8::1' }, { ip: '010.0.0.1', hostnames: ['db'] }]],
    ['an empty list', []],
    ['null', null],
  ])('%s is accepted', (_, aliases) => {
    expect(errorsOf(aliases, '41.3.0')).toEqual([]);
    expect(errorsOf(aliases, '29.0.0')).toEqual([]);
  });

  test('v28.3.0 does not write the key, so it judges nothing there (the values warning says the chart has no schema)', () => {
    expect(errorsOf([{ ip: 'x' }], '28.3.0')).toEqual([]);
    expect(errorsOf([{ ip: 'x' }], '29.0.0')).toContainEqual(expect.stringMatching(/hostAliases\[0\]\.ip: is "x", not an IP/));
  });
});

describe('the same rule for every pod', () => {
  const side = { name: 'side-0', image: 'busybox:1.36' };
  test('an extraObjects Deployment', () => {
    const errors = judgedValues(
      { image: { tag: 'v3.6.2' }, ...deploymentOf({ containers: [side], hostAliases: [{ ip: 'x', hostnames: ['A_b'] }] }) },
      '41.3.0',
    ).errors;
    const spec = 'traefik.values.extraObjects[0].spec.template.spec.hostAliases[0]';
    expect(errors.filter((e) => e.startsWith(spec))).toEqual([
      expect.stringMatching(/\.ip: is "x", not an IP address/),
      expect.stringMatching(/\.hostnames\[0\]: is "A_b", not a host name/),
    ]);
  });
  test('a Pod manifest (npm run validate)', () => {
    const judged = (hostAliases: unknown) =>
      validateManifests(
        new Map([
          [
            'x/pod.yaml',
            stringify({
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: 'p', namespace: 'default' },
              spec: { containers: [side], hostAliases },
            }),
          ],
        ]),
      ).map((v) => `${v.field}: ${v.message}`);
    expect(judged([{ ip: '300.1.1.1', hostnames: ['ok'] }])).toEqual([
      expect.stringMatching(/^spec\.hostAliases\[0\]\.ip: is "300\.1\.1\.1", not an IP/),
    ]);
    expect(judged([{ ip: '192.0.2.1', hostnames: ['db.internal'] }])).toEqual([]);
  });
});

test.each<[string, unknown]>([
  ['a bad ip', [{ ip: 'x' }]],
  ['a map', { ip: '192.0.2.1' }],
])('%s is refused through the cluster and chart constructs', (_, hostAliases) => {
  const values = { image: { tag: 'v3.6.2' }, deployment: { hostAliases } };
  const where = /(^|\n|: )(traefik\.)?values\.deployment\.hostAliases/;
  expect(clusterRefusal({ ...devConfig().traefik, chartVersion: '41.3.0', values })).toMatch(where);
  expect(helmChartConfigRefusal({ chartVersion: '41.3.0', values })).toMatch(where);
});
