// Round 76, wave 2 (chart76): the Traefik objects the chart renders from its own keys judged as extraObjects objects
// are. 76b-2: an enabled `ingressRoute.<name>` without a `matchRule` (or with a misspelt `matchrule`) renders an empty
// `match`, which the CRD refuses. 76b-8: `tlsOptions.<name>.clientAuth.clientAuthType` is held to the CRD's enum.
// 76b-11: a chart `matchRule` past what the tool reads is a warning. 76b-9: the v2-syntax advice for a chart route names
// what can be written (`core.defaultRuleSyntax`, or an extraObjects route), not a `syntax` the chart never renders.
// 76a-19: a sentence under a secret-named key passes as ConfigMap data as it does as an env entry.
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { TraefikHelmChartConfig } from '../src';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { secretsInData } from '../src/core/secrets';
import { devConfig, refusalOf, withTraefikValues } from './helpers';

/** The reference config without its Ingress (whose router a long rule's priority warning would name instead). */
function withoutIngresses(): object {
  const { ingresses: _ingresses, ...config } = devConfig();
  return config;
}

function judged(values: object): { errors: string; warnings: string } {
  const { errors, warnings } = parseConfigText('config/t.yaml', stringify(withTraefikValues(values, {}, withoutIngresses())));
  const text = (all: typeof errors) => all.map((d) => formatDiagnostic({ ...d, line: undefined })).join('\n');
  return { errors: text(errors), warnings: text(warnings) };
}

const SERVICES = [{ name: 'frontend', port: 80 }];
const chartRoute = (over: object, name = 'r2') => ({
  ingressRoute: { [name]: { enabled: true, entryPoints: ['websecure'], services: SERVICES, ...over } },
});
const IR = 'traefik.io/v1alpha1';
const tlsOptionItem = (spec: object) => ({ apiVersion: IR, kind: 'TLSOption', metadata: { name: 'o', namespace: 'default' }, spec });
const HOSTS = Array.from({ length: 400 }, (_, i) => `Host(\`h${i}.example.com\`)`).join(' || ');

// [row, traefik.values, texts the errors must hold ([]: none), texts they must not hold]
const ERROR_ROWS: ReadonlyArray<readonly [string, object, readonly string[], readonly string[]]> = [
  // 76b-2
  [
    'misspelt matchrule: refused at the key, did you mean',
    chartRoute({ matchrule: 'Host(`c.example.com`)' }),
    ['traefik.values.ingressRoute.r2.matchrule: is no key the chart reads', 'did you mean matchRule?'],
    [],
  ],
  [
    'no matchRule at all: refused',
    chartRoute({}),
    ["traefik.values.ingressRoute.r2.matchRule: is missing, where Traefik's IngressRoute CRD requires a rule"],
    [],
  ],
  ['matchRule empty: refused', chartRoute({ matchRule: '' }), ['ingressRoute.r2.matchRule: is missing'], []],
  ['matchRule null: refused', chartRoute({ matchRule: null }), ['ingressRoute.r2.matchRule: is missing'], []],
  ['matchRule a number: refused', chartRoute({ matchRule: 12 }), ['ingressRoute.r2.matchRule: is no text'], []],
  ['a match key (the CRD word): did you mean', chartRoute({ match: 'Host(`c.example.com`)' }), ['ingressRoute.r2.match: is no key'], []],
  ['matchRule given: passes', chartRoute({ matchRule: 'Host(`c.example.com`)' }), [], []],
  ['misspelt but not enabled: not rendered, passes', { ingressRoute: { r2: { enabled: false, matchrule: 'Host(`c`)' } } }, [], []],
  ['dashboard enabled: the chart default rule, passes', { ingressRoute: { dashboard: { enabled: true } } }, [], []],
  [
    'dashboard with matchRule null: the default deleted, refused',
    { ingressRoute: { dashboard: { enabled: true, matchRule: null } } },
    ['ingressRoute.dashboard.matchRule: is missing'],
    [],
  ],
  [
    'extraObjects route without match: still refused',
    {
      extraObjects: [
        {
          apiVersion: IR,
          kind: 'IngressRoute',
          metadata: { name: 'x', namespace: 'default' },
          spec: { routes: [{ kind: 'Rule', services: SERVICES }] },
        },
      ],
    },
    ['extraObjects[0].spec.routes[0].match: is missing'],
    [],
  ],
  // 76b-8
  [
    'chart clientAuthType outside the enum: refused with did you mean',
    { tlsOptions: { o1: { clientAuth: { clientAuthType: 'requireAndVerify' } } } },
    [
      'traefik.values.tlsOptions.o1.clientAuth.clientAuthType: is "requireAndVerify", not one of',
      'did you mean RequireAndVerifyClientCert?',
    ],
    [],
  ],
  [
    'chart clientAuthType far from the enum: refused',
    { tlsOptions: { o1: { clientAuth: { clientAuthType: 'mtls' } } } },
    ['tlsOptions.o1.clientAuth.clientAuthType: is "mtls"'],
    [],
  ],
  [
    'chart clientAuthType of the enum: passes',
    { tlsOptions: { o1: { clientAuth: { clientAuthType: 'RequireAndVerifyClientCert' } } } },
    [],
    [],
  ],
  ['chart clientAuth without a type: passes', { tlsOptions: { o1: { clientAuth: { secretNames: ['ca'] } } } }, [], []],
  [
    'extraObjects clientAuthType outside the enum: still refused',
    { extraObjects: [tlsOptionItem({ clientAuth: { clientAuthType: 'requireAndVerify' } })] },
    ['extraObjects[0].spec.clientAuth.clientAuthType: is "requireAndVerify"'],
    [],
  ],
  // 76b-9
  [
    'chart route in the v2 form: the advice names core.defaultRuleSyntax and extraObjects, no syntax on the values',
    chartRoute({ matchRule: 'Host(`a.example.com`,`b.example.com`)' }, 'r1'),
    [
      'ingressRoute.r1.matchRule: gives Host 2 value(s)',
      'set core.defaultRuleSyntax: v2 in the values',
      'IngressRoute in extraObjects with syntax: v2',
    ],
    ['syntax: v2 on the values', 'does not render its syntax key'],
  ],
  [
    'chart route with its own syntax: v2: said to be a key the chart does not render',
    chartRoute({ syntax: 'v2', matchRule: 'Host(`a.example.com`,`b.example.com`)' }, 'r1'),
    ['ingressRoute.r1.matchRule: gives Host 2 value(s)', 'the chart does not render its syntax key'],
    [],
  ],
  [
    'chart route in the v2 form under core.defaultRuleSyntax v2: passes',
    { core: { defaultRuleSyntax: 'v2' }, ...chartRoute({ matchRule: 'Host(`a.example.com`,`b.example.com`)' }) },
    [],
    [],
  ],
  [
    'extraObjects route in the v2 form: the advice stays syntax on the route',
    {
      extraObjects: [
        {
          apiVersion: IR,
          kind: 'IngressRoute',
          metadata: { name: 'x', namespace: 'default' },
          spec: {
            entryPoints: ['websecure'],
            routes: [{ match: 'Host(`a.example.com`,`b.example.com`)', kind: 'Rule', services: SERVICES }],
          },
        },
      ],
    },
    ['set syntax: v2 on the route (or core.defaultRuleSyntax: v2 in the values)'],
    [],
  ],
  // 76b-11: short and broken is refused at the chart door (the control)
  [
    'a short rule with an unclosed ( : refused',
    chartRoute({ matchRule: 'Host(`h1.example.com`) && (' }),
    ['ingressRoute.r2.matchRule: is no rule'],
    [],
  ],
];

describe('76b-2, 76b-8, 76b-9: chart-rendered Traefik objects get the extraObjects verdicts', () => {
  test.each(ERROR_ROWS)('%s', (_row, values, expected, absent) => {
    const { errors } = judged(values);
    if (!expected.length) expect(errors).toBe('');
    for (const text of expected) expect(errors).toContain(text);
    for (const text of absent) expect(errors).not.toContain(text);
  });

  test.each<[string, object, string]>([
    [
      'misspelt matchrule',
      chartRoute({ matchrule: 'Host(`c.example.com`)' }),
      'values.ingressRoute.r2.matchrule is no key the chart reads',
    ],
    [
      'clientAuthType outside the enum',
      { tlsOptions: { o1: { clientAuth: { clientAuthType: 'requireAndVerify' } } } },
      'did you mean RequireAndVerifyClientCert?',
    ],
  ])('the TraefikHelmChartConfig construct refuses alike: %s', (_row, values, expected) => {
    const refusal = refusalOf(
      () =>
        new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: values as Record<string, unknown>,
        }),
    );
    expect(refusal).toContain(expected);
  });
});

describe('76b-11: a chart matchRule past what the tool reads is a warning, as an extraObjects one', () => {
  const long = `${HOSTS} && (`;
  test.each<[string, object, string]>([
    [
      'chart ingressRoute',
      chartRoute({ matchRule: long }, 'r1'),
      'traefik.values.ingressRoute.r1.matchRule: is a rule past what this tool reads in full',
    ],
    [
      'extraObjects IngressRoute',
      {
        extraObjects: [
          {
            apiVersion: IR,
            kind: 'IngressRoute',
            metadata: { name: 'x', namespace: 'default' },
            spec: { entryPoints: ['websecure'], routes: [{ match: long, kind: 'Rule', services: SERVICES }] },
          },
        ],
      },
      'traefik.values.extraObjects[0].spec.routes[0].match: is a rule past what this tool reads in full',
    ],
  ])('%s', (_row, values, expected) => {
    const { errors, warnings } = judged(values);
    expect(errors).toBe('');
    expect(warnings).toContain(expected);
  });

  test('a long rule the tool reads in full: no warning', () => {
    const { errors, warnings } = judged(
      chartRoute({ matchRule: Array.from({ length: 20 }, (_, i) => `Host(\`h${i}.example.com\`)`).join(' || ') }),
    );
    expect(errors).toBe('');
    expect(warnings).not.toContain('past what this tool reads');
  });
});

describe('76a-19: one verdict for a secret-named key as an env entry and as ConfigMap data', () => {
  const SENTENCE = 'Your token has expired. Please sign in again.';
  const asEnv = (name: string, value: string) => secretsInData({ values: { env: [{ name, value }] } }).length;
  const asData = (name: string, value: string, kind = 'ConfigMap') =>
    secretsInData({
      values: { extraObjects: [{ apiVersion: 'v1', kind, metadata: { name: 'cm', namespace: 'default' }, data: { [name]: value } }] },
    }).length;
  test.each<[string, string, string, boolean]>([
    ['a sentence under TOKEN_EXPIRED passes', 'TOKEN_EXPIRED', SENTENCE, false],
    ['a docstring description under password passes', 'password', 'The password to log in with.', false],
    ['a real password under TOKEN_EXPIRED is refused', 'TOKEN_EXPIRED', 'Zx9-Pq7!mNb', true],
    ['a sentence that tells the password is refused', 'PASSWORD', 'the password is swordfish', true],
  ])('%s, at both', (_row, name, value, refused) => {
    expect(asEnv(name, value) > 0).toBe(refused);
    expect(asData(name, value) > 0).toBe(refused);
  });

  test('a Secret object keeps its data refused, a sentence too', () => {
    expect(asData('TOKEN_EXPIRED', SENTENCE, 'Secret')).toBeGreaterThan(0);
    expect(asData('password', 'The password to log in with.', 'Secret')).toBeGreaterThan(0);
  });

  test('through the config door: the ConfigMap data sentence is not refused', () => {
    const { errors } = judged({
      env: [{ name: 'TOKEN_EXPIRED', value: SENTENCE }],
      extraObjects: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { TOKEN_EXPIRED: SENTENCE } },
      ],
    });
    expect(errors).toBe('');
  });
});
