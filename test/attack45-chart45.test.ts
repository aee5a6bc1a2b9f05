import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { stringify } from 'yaml';
import { clusterRefusal, devConfig, helmChartConfigRefusal, judgedValues } from './helpers';
import { deploymentOf, perChart } from './traefik-fixtures';
import { validateManifests } from '../src/validate/conformance';
import { chartMemLimit } from '../src/traefik/chart-mem-bytes';
import { traefikChartRules } from '../src/traefik/chart-versions';
import { dnsConfigValueProblems } from '../src/traefik/dns-config-values';
import { goMemLimitProblems } from '../src/traefik/go-mem-limit';
import { parseVersion } from '../src/semver';

/**
 * Attack round 44b-2, 44b-3, 44b-6 and 44b-7, judged in-process: GOMEMLIMIT as the chart's own arithmetic computes it from
 * v37.0.0 (a memory limit given as a YAML number fails sprig's `lower`; "1Ei" reads as 0 bytes), `deployment.dnsConfig` and
 * `deployment.dnsPolicy` as the chart writes them into the pod and Kubernetes 1.27 validates them (validatePodDNSConfig),
 * the Traefik Hub admission port clash reported at `hub.apimanagement.admission.listenAddr`, and a `deployment.kind` the chart
 * renders nothing for, which no longer hides the pod's other errors.
 */
/** A Traefik image each chart's RBAC serves: v3.1+ lists EndpointSlices, granted from chart v30.0.0 (81b-24). */
const tagFor = (chart: string) => (traefikChartRules(parseVersion(chart)).rbacMaximum ? 'v3.0.4' : 'v3.6.2');
const errorsOf = (values: object, chart: string) => judgedValues({ image: { tag: tagFor(chart) }, ...values }, chart).errors;
const at = (errors: string[], key: string) => errors.filter((e) => e.startsWith(`traefik.values.${key}: `));
const MEMORY = (memory: unknown, percentage?: unknown) => ({
  resources: { limits: { memory } },
  ...(percentage === undefined ? {} : { deployment: { goMemLimitPercentage: percentage } }),
});
const DNS = (dnsConfig: unknown, dnsPolicy?: string) => ({ deployment: { dnsConfig, ...(dnsPolicy && { dnsPolicy }) } });
const HUB = (listenAddr: string) => ({ hub: { token: 'hub-sec', apimanagement: { enabled: true, admission: { listenAddr } } } });

const NUMBER_MEMORY =
  /is 134217728, a number, not a text: .*sprig's lower, which takes only a text .*fails to render: quote it \("134217728"\)$/;
const EI_MEMORY =
  /is "1Ei", which the chart's traefik\.convertMemToBytes reads as 0 bytes .*"0MiB", .*give the limit in Pi, .*1Ei is 1024Pi/;
const NOT_A_MAP = /but the chart reads searches, nameservers and options from it as the fields of a map .*"can't evaluate field searches"/;
const LIST_OF_TEXTS = /a text, but the Kubernetes 1\.27 schema of a pod expects a list of texts there .*fails to install: write a list/;
const DROPPED = (guess: string) =>
  new RegExp(`is not written: .*dropped without a word: ${guess ? `did you mean ${guess}\\?` : 'remove it'}$`);
const NOT_IP = /not an IP address, which the API server refuses \(IsValidIP, validatePodDNSConfig\)/;
const NOT_DOMAIN = /not a DNS domain .*IsDNS1123Subdomain, validatePodDNSConfig/;
const NONE_NO_CONFIG = /is "None", but .*"must provide `dnsConfig` when `dnsPolicy` is None"/;
const LISTEN =
  /is ":8443", so the chart writes its own container port "admission" \(8443\/TCP\) .*entrypoint websecure \(the chart's default\).*give listenAddr another port, such as the chart's default ":9943"$/;

// [case, values, key, message, chart versions]
const REFUSED: Array<[string, object, string, RegExp, string[]]> = [
  // 44b-2: GOMEMLIMIT from v37.0.0 (templates/_helpers.tpl traefik.convertMemToBytes, traefik.gomemlimit)
  ['memory limit as a YAML number', MEMORY(134217728), 'resources.limits.memory', NUMBER_MEMORY, ['37.0.0', '41.3.0']],
  ['memory limit as a YAML number, percentage given', MEMORY(134217728, 0.5), 'resources.limits.memory', NUMBER_MEMORY, ['41.3.0']],
  ['memory limit as a YAML number, percentage 0 before v40', MEMORY(134217728, 0), 'resources.limits.memory', NUMBER_MEMORY, ['39.0.8']],
  ['memory limit in Ei', MEMORY('1Ei'), 'resources.limits.memory', EI_MEMORY, ['37.1.0', '41.3.0']],
  ['memory limit in Ei, percentage given', MEMORY('1Ei', 0.5), 'resources.limits.memory', EI_MEMORY, ['41.3.0']],
  // 44b-3: deployment.dnsConfig from v22.2.0 (templates/_podtemplate.tpl), on charts with and without a values schema
  ['dnsConfig a list', DNS(['a']), 'deployment.dnsConfig', NOT_A_MAP, ['22.2.0', '38.0.0']],
  ['dnsConfig a text', DNS('x'), 'deployment.dnsConfig', NOT_A_MAP, ['27.0.2', '41.3.0']],
  ['dnsConfig a number', DNS(5), 'deployment.dnsConfig', NOT_A_MAP, ['27.0.2']],
  ['searches a text', DNS({ searches: 'a.example.com' }), 'deployment.dnsConfig.searches', LIST_OF_TEXTS, ['27.0.2', '41.3.0']],
  ['nameservers a text', DNS({ nameservers: '1.1.1.1' }), 'deployment.dnsConfig.nameservers', LIST_OF_TEXTS, ['38.0.0', '41.3.0']],
  [
    'searches a map',
    DNS({ searches: { a: 'b' } }),
    'deployment.dnsConfig.searches',
    /is \{"a":"b"\}, a map, but .*expects a list of texts/,
    ['41.3.0'],
  ],
  [
    'a search a number',
    DNS({ searches: [5] }),
    'deployment.dnsConfig.searches[0]',
    /is 5, a number, .*expects a text .*in quotes$/,
    ['41.3.0'],
  ],
  [
    'options texts',
    DNS({ options: ['ndots'] }),
    'deployment.dnsConfig.options[0]',
    /is "ndots", a text, .*expects an option/,
    ['27.0.2', '41.3.0'],
  ],
  ['options a map', DNS({ options: { name: 'ndots' } }), 'deployment.dnsConfig.options', /a map, .*expects a list of options/, ['41.3.0']],
  [
    'option value a number',
    DNS({ options: [{ name: 'ndots', value: 2 }] }),
    'deployment.dnsConfig.options[0].value',
    /is 2, a number/,
    ['41.3.0'],
  ],
  [
    'option field misspelt',
    DNS({ options: [{ name: 'ndots', vlaue: '2' }] }),
    'deployment.dnsConfig.options[0].vlaue',
    /did you mean value\?$/,
    ['41.3.0'],
  ],
  [
    'option without a name',
    DNS({ options: [{ value: '2' }] }),
    'deployment.dnsConfig.options[0]',
    /has no name, .*"must not be empty"/,
    ['41.3.0'],
  ],
  ['unknown key', DNS({ bogus: 1 }), 'deployment.dnsConfig.bogus', DROPPED(''), ['27.0.2', '41.3.0']],
  ['misspelt key', DNS({ nameserver: ['192.0.2.53'] }), 'deployment.dnsConfig.nameserver', DROPPED('nameservers'), ['39.0.7']],
  [
    'four nameservers',
    DNS({ nameservers: ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'] }),
    'deployment.dnsConfig.nameservers',
    /lists 4 nameservers, .*"must not have more than 3 nameservers"/,
    ['27.0.2', '41.3.0'],
  ],
  ['nameserver no IP', DNS({ nameservers: ['dns.example.com'] }), 'deployment.dnsConfig.nameservers[0]', NOT_IP, ['41.3.0']],
  ['nameserver with a zone', DNS({ nameservers: ['fe80::1%eth0'] }), 'deployment.dnsConfig.nameservers[0]', NOT_IP, ['41.3.0']],
  ['search upper case', DNS({ searches: ['Example.com'] }), 'deployment.dnsConfig.searches[0]', NOT_DOMAIN, ['41.3.0']],
  ['search of two dots', DNS({ searches: ['a..b'] }), 'deployment.dnsConfig.searches[0]', NOT_DOMAIN, ['27.0.2']],
  [
    '33 searches',
    DNS({ searches: Array.from({ length: 33 }, (_, i) => `s${i}.example.com`) }),
    'deployment.dnsConfig.searches',
    /lists 33 search domains, .*"must not have more than 32 search paths"/,
    ['41.3.0'],
  ],
  [
    'searches of 2078 characters',
    // nine domains of 230 characters and eight spaces
    DNS({ searches: Array.from({ length: 9 }, (_, i) => `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(37)}${i}`) }),
    'deployment.dnsConfig.searches',
    /joins to 2078 characters with spaces, .*"must not have more than 2048 characters \(including spaces\) in the search list"/,
    ['41.3.0'],
  ],
  ['dnsPolicy None without dnsConfig', DNS(undefined, 'None'), 'deployment.dnsPolicy', NONE_NO_CONFIG, ['22.2.0', '41.3.0']],
  [
    'dnsPolicy None, dnsConfig not written before v22.2.0',
    DNS({ nameservers: ['192.0.2.53'] }, 'None'),
    'deployment.dnsPolicy',
    /writes no deployment\.dnsConfig .*from v22\.2\.0/,
    ['21.0.0'],
  ],
  ['dnsPolicy None, only an unknown key', DNS({ nameserver: ['192.0.2.53'] }, 'None'), 'deployment.dnsPolicy', NONE_NO_CONFIG, ['41.3.0']],
  [
    'dnsPolicy None, searches only',
    DNS({ searches: ['a.example.com'] }, 'None'),
    'deployment.dnsConfig.nameservers',
    /lists no nameserver while dnsPolicy is "None", .*"must provide at least one DNS nameserver/,
    ['41.3.0'],
  ],
  // 44b-6: the admission port moved onto websecure's
  ['admission listenAddr on websecure', HUB(':8443'), 'hub.apimanagement.admission.listenAddr', LISTEN, ['28.1.0', '41.3.0']],
];

describe('44b-2, 44b-3, 44b-6: refused on each chart version named', () => {
  test.each(perChart(REFUSED))('%s', (_, values, key, message, chart) => {
    const errors = errorsOf(values, chart);
    expect(at(errors, key)).toEqual([expect.stringMatching(message)]);
  });
});

// [case, values, chart versions]: the other side of each boundary, and the valid forms.
const ACCEPTED: Array<[string, object, string[]]> = [
  ['memory limit as a YAML number up to v36 (a resourceFieldRef)', MEMORY(134217728), ['27.0.2', '36.3.0']],
  ['memory limit as a YAML number, percentage 0 from v40', MEMORY(134217728, 0), ['40.0.0', '41.3.0']],
  ['memory limit as a quoted number', MEMORY('134217728'), ['37.0.0', '41.3.0']],
  ['memory limit in Pi', MEMORY('1024Pi'), ['37.0.0', '41.3.0']],
  ['memory limit in E', MEMORY('1E'), ['41.3.0']],
  ['memory limit of a decimal exponent', MEMORY('1e9'), ['41.3.0']],
  ['memory limit in M', MEMORY('1500M'), ['39.0.7']],
  ['memory limit of exactly 1MiB at percentage 1', MEMORY('1Mi', 1), ['41.3.0']],
  ['dnsConfig empty', DNS({}), ['27.0.2', '41.3.0']],
  ['dnsConfig Go-false of another kind', DNS([]), ['27.0.2']],
  ['dnsConfig on a chart that does not write it', DNS({ searches: 'x', bogus: 1 }), ['21.0.0']],
  [
    'dnsConfig in full, dnsPolicy None',
    DNS(
      {
        nameservers: ['192.0.2.53', '2001:db8::53', '010.1.1.1'],
        searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix.'],
        options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
      },
      'None',
    ),
    ['22.2.0', '38.0.0', '41.3.0'],
  ],
  ['dnsConfig fields Go-false', DNS({ searches: [], nameservers: null, options: '' }), ['27.0.2']],
  ['admission listenAddr on a free port', HUB(':9944'), ['39.0.7', '41.3.0']],
];

describe('the valid forms stay accepted', () => {
  test.each(perChart(ACCEPTED))('%s', (_, values, chart) => expect(errorsOf(values, chart)).toEqual([]));
});

describe("44b-2: the chart's GOMEMLIMIT arithmetic (chart-mem-bytes.ts)", () => {
  test.each<[unknown, unknown, object]>([
    ['256Mi', 0.9, { mib: 230 }],
    ['1Gi', '0.95', { mib: 972 }],
    ['100M', 0.9, { mib: 85 }],
    ['1500m', 1, { mib: 0 }],
    ['1Ei', 0.9, { mib: 0, bytes: 0 }],
    ['1024Pi', 1, { mib: 2 ** 40 }],
    ['2Mi', -1, { mib: -2 }],
    [134217728, 0.9, { failure: 'lower' }],
    ['10000000E', 1, { failure: 'int64' }],
    ['1Gi', 'Infinity', { failure: 'infinite' }],
  ])('%j times %j', (memory, percentage, expected) => {
    expect(chartMemLimit(memory, percentage)).toMatchObject(expected);
  });
});

describe('44b-3: the same rule for extraObjects pods and npm run validate', () => {
  const side = { name: 'side-0', image: 'busybox:1.36' };
  test('an extraObjects Deployment', () => {
    const errors = errorsOf(
      deploymentOf({ containers: [side], dnsPolicy: 'None', dnsConfig: { nameservers: ['x'], options: [{}] } }),
      '41.3.0',
    );
    const spec = 'extraObjects[0].spec.template.spec';
    expect(at(errors, `${spec}.dnsConfig.nameservers[0]`)).toEqual([expect.stringMatching(NOT_IP)]);
    expect(at(errors, `${spec}.dnsConfig.options[0]`)).toEqual([expect.stringMatching(/has no name/)]);
  });
  test('a Pod manifest', () => {
    const pod = (spec: object) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [side], ...spec },
    });
    const judged = (spec: object) =>
      validateManifests(new Map([['x/pod.yaml', stringify(pod(spec))]])).map((v) => `${v.field}: ${v.message}`);
    expect(judged({ dnsPolicy: 'None' })).toEqual([expect.stringMatching(/^spec\.dnsPolicy: is "None", but the pod has no dnsConfig/)]);
    expect(judged({ dnsConfig: { nameservers: ['192.0.2.1', '192.0.2.2', '192.0.2.3', 'x'], searches: ['A.b'] } })).toEqual([
      expect.stringMatching(/^spec\.dnsConfig\.nameservers: lists 4 nameservers/),
      expect.stringMatching(/^spec\.dnsConfig\.nameservers\[3\]: .*not an IP address/),
      expect.stringMatching(/^spec\.dnsConfig\.searches\[0\]: .*not a DNS domain/),
    ]);
    expect(judged({ dnsPolicy: 'None', dnsConfig: { nameservers: ['192.0.2.53'], searches: ['a.example.com.'] } })).toEqual([]);
  });
});

describe('44b-6: the admission port clash is said at listenAddr', () => {
  test('nothing is said at traefik itself, and an entrypoint of the user is still blamed, naming listenAddr too', () => {
    expect(errorsOf(HUB(':8443'), '39.0.7').filter((e) => e.startsWith('traefik: '))).toEqual([]);
    const errors = errorsOf({ ...HUB(':9950'), ports: { adm: { port: 9950, expose: { default: false } } } }, '39.0.7');
    expect(at(errors, 'ports.adm')).toEqual([
      expect.stringMatching(
        /listens on 9950\/TCP, .*give entrypoint adm another port, or traefik\.values\.hub\.apimanagement\.admission\.listenAddr another port$/,
      ),
    ]);
  });
});

describe('44b-7: a deployment.kind the chart renders nothing for hides no other error', () => {
  const KIND = /^traefik\.values\.deployment\.kind: is "(.*)", but the chart renders Traefik only for exactly/;
  test('the pod errors of the attack report come in the same run', () => {
    const values = { deployment: { kind: 'deployment', dnsPolicy: 'Foo' }, readinessProbe: null, nodeSelector: { a: null } };
    const errors = judgedValues({ ...values, image: { tag: 'latest' } }, '39.0.7').errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/deployment\.kind: is "deployment", .*: write Deployment \(case matters\)$/),
        expect.stringMatching(/^traefik\.values\.deployment\.dnsPolicy: /),
        expect.stringMatching(/^traefik\.values\.readinessProbe: /),
        expect.stringMatching(/^traefik\.values\.image\.tag: /),
        expect.stringMatching(/^traefik\.values\.nodeSelector\.a: /),
      ]),
    );
    expect(errors).toHaveLength(5);
  });
  test.each<[string, object, string[]]>([
    // Differing only in letter case: judged as that kind.
    ['Daemonset with updateStrategy OnDelete', { deployment: { kind: 'Daemonset' }, updateStrategy: { type: 'OnDelete' } }, []],
    [
      'deployment with updateStrategy OnDelete',
      { deployment: { kind: 'deployment' }, updateStrategy: { type: 'OnDelete' } },
      ['updateStrategy.type'],
    ],
    ['deployment with replicas 0', { deployment: { kind: 'deployment', replicas: 0 } }, ['deployment.replicas']],
    // Another text: only what both kinds refuse.
    ['Pod with updateStrategy OnDelete', { deployment: { kind: 'Pod' }, updateStrategy: { type: 'OnDelete' } }, []],
    ['Pod with updateStrategy Foo', { deployment: { kind: 'Pod' }, updateStrategy: { type: 'Foo' } }, ['updateStrategy.type']],
    ['Pod with replicas 0', { deployment: { kind: 'Pod', replicas: 0 } }, []],
  ])('%s', (_, values, keys) => {
    const errors = errorsOf(values, '39.0.7');
    expect(errors.filter((e) => KIND.test(e))).toHaveLength(1);
    expect(errors.filter((e) => !KIND.test(e)).map((e) => e.slice('traefik.values.'.length, e.indexOf(': ')))).toEqual(keys);
  });
});

describe('every door', () => {
  test.each<[string, object, string, string]>([
    ['memory limit as a YAML number', MEMORY(134217728), 'resources.limits.memory', '39.0.7'],
    ['memory limit in Ei', MEMORY('1Ei'), 'resources.limits.memory', '41.3.0'],
    ['dnsConfig searches a text', DNS({ searches: 'a.example.com' }), 'deployment.dnsConfig.searches', '41.3.0'],
    ['dnsConfig a list', DNS(['a']), 'deployment.dnsConfig', '27.0.2'],
    ['dnsPolicy None without dnsConfig', DNS(undefined, 'None'), 'deployment.dnsPolicy', '41.3.0'],
    ['admission listenAddr on websecure', HUB(':8443'), 'hub.apimanagement.admission.listenAddr', '39.0.7'],
    ['a misspelt kind and a pod error', { deployment: { kind: 'deployment', dnsPolicy: 'Foo' } }, 'deployment.dnsPolicy', '39.0.7'],
  ])('%s: cluster and chart constructs', (_, raw, key, chartVersion) => {
    const values = { image: { tag: tagFor(chartVersion) }, ...raw };
    const where = new RegExp(`(^|\\n|: )(traefik\\.)?values\\.${key.replace(/[.[\]]/g, '\\$&')}:? `);
    expect(clusterRefusal({ ...devConfig().traefik, chartVersion, values })).toMatch(where);
    expect(helmChartConfigRefusal({ chartVersion, values })).toMatch(where);
  });
});

describe("the chart's own default values pass the new rules on each vendored chart version", () => {
  const dir = join(__dirname, '..', 'vendor', 'traefik-values-schema');
  const tags = readdirSync(dir).flatMap((file) => /^v(.+)\.values\.yaml$/.exec(file)?.[1] ?? []);
  test.each(tags)('v%s', (tag) => {
    const values = load(readFileSync(join(dir, `v${tag}.values.yaml`), 'utf8')) as Record<string, unknown>;
    const rules = traefikChartRules(parseVersion(tag));
    const limited = { ...values, resources: { limits: { memory: '128Mi' } } };
    expect([...dnsConfigValueProblems(values, ['traefik'], rules), ...goMemLimitProblems(limited, ['traefik'], rules)]).toEqual([]);
  });
});
