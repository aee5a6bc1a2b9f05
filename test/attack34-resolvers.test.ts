import { clusterRefusal, configErrors, helmChartConfigRefusal, withTraefikValues } from './helpers';

/**
 * Attack round 33b: resolvers Traefik cannot start with (33b-5: ACME and Tailscale on one resolver, an ACME storage left
 * empty; traefik/traefik pkg/config/static/static_config.go `ValidateConfiguration`, v3.0.0), a null ACME option the
 * chart writes as `--...=` up to v34.1.x (33b-1), a resolver that is no map (33b-6), and a Traefik API group written
 * with dots or blanks around it (33b-2). Each case in the three doors.
 */

const MAIL = 'a@example.com';

/** The errors of each door for Traefik `values` on `chartVersion` (plus first-class `traefik` keys). */
const doors = (chartVersion: string, values: object, traefik: object = {}) => ({
  yaml: configErrors(withTraefikValues(values, { chartVersion, ...traefik })).join('\n'),
  cluster: clusterRefusal({ chartVersion, values, ...traefik }),
  chart: helmChartConfigRefusal({ chartVersion, values, ...traefik }),
});

/** How a door names a key path: the YAML and cluster doors under `traefik.` and a colon, the construct door from its props. */
const located = (door: string, path: string) => (door === 'chart' ? `${path} ` : `traefik.${path}: `);

/** Each door names `path` with `message` (undefined: no door refuses with `absent`). */
const expectInAll = (all: Record<string, string>, path: string, message: string | undefined, absent = 'fails to start') => {
  for (const [door, text] of Object.entries(all)) {
    const line = text.split('\n').find((l) => l.includes(located(door, path))) ?? `${door}: ${text}`;
    if (message) expect(line).toContain(message);
    else expect(`${door}: ${text}`).not.toContain(absent);
  }
};

const EXCLUSIVE = 'so Traefik fails to start ("ACME and Tailscale providers are mutually exclusive")';
const NO_STORAGE = 'so Traefik fails to start ("no storage location for the certificates")';

/** Label, chart, values, first-class keys, the path refused (undefined: accepted), the message part. */
const START: Array<[string, string, object, object, string | undefined, string]> = [
  [
    'values: tailscale and acme on one resolver',
    '39.0.7',
    { certificatesResolvers: { le: { tailscale: true, acme: { storage: '/data/acme.json' } } } },
    {},
    'values.certificatesResolvers.le',
    `turns Tailscale on for the resolver le, which it gives ACME options too, ${EXCLUSIVE}`,
  ],
  [
    'flags: acme then tailscale=true',
    '33.0.0',
    { additionalArguments: [`--certificatesresolvers.le.acme.email=${MAIL}`, '--certificatesresolvers.le.tailscale=true'] },
    {},
    'values.additionalArguments[1]',
    `values.additionalArguments[0] gives ACME options too, ${EXCLUSIVE}`,
  ],
  [
    'first-class ACME resolver plus values tailscale',
    '39.0.7',
    { certificatesResolvers: { le: { tailscale: true } } },
    { certResolvers: { le: { email: MAIL } } },
    'certResolvers.le',
    EXCLUSIVE,
  ],
  ['control: tailscale alone', '39.0.7', { certificatesResolvers: { ts: { tailscale: true } } }, {}, undefined, ''],
  [
    'control: tailscale=false next to acme',
    '39.0.7',
    { certificatesResolvers: { le: { tailscale: false, acme: { email: MAIL } } } },
    {},
    undefined,
    '',
  ],
  [
    'a later flag empties the storage',
    '39.0.7',
    { certificatesResolvers: { le: { acme: { email: MAIL } } }, additionalArguments: ['--certificatesresolvers.le.acme.storage='] },
    {},
    'values.additionalArguments[0]',
    `leaves the ACME storage of the resolver le empty, ${NO_STORAGE}`,
  ],
  [
    '33.0.0 renders storage: "" as storage=',
    '33.0.0',
    { certificatesResolvers: { le: { acme: { email: MAIL, storage: '' } } } },
    {},
    'values.certificatesResolvers.le',
    NO_STORAGE,
  ],
  [
    '33.0.0 renders storage: null as storage=',
    '33.0.0',
    { certificatesResolvers: { le: { acme: { email: MAIL, storage: null } } } },
    {},
    'values.certificatesResolvers.le',
    NO_STORAGE,
  ],
  [
    'control: 34.2.0 renders no storage: ""',
    '34.2.0',
    { certificatesResolvers: { le: { acme: { email: MAIL, storage: '' } } } },
    {},
    undefined,
    '',
  ],
  [
    'control: a later flag sets the storage again',
    '39.0.7',
    {
      certificatesResolvers: { le: { acme: { email: MAIL } } },
      additionalArguments: ['--certificatesresolvers.le.acme.storage=', '--certificatesresolvers.le.acme.storage=/data/acme.json'],
    },
    {},
    undefined,
    '',
  ],
];

describe('33b-5: a resolver Traefik cannot start with is refused in every door', () => {
  it.each(START)('%s (chart %s)', (_, chartVersion, values, traefik, path, message) => {
    const all = doors(chartVersion, values, traefik);
    expectInAll(all, path ?? '', path && message);
  });
});

/** Chart, the e-mail as written, refused. */
const NULL_MAIL: Array<[string, unknown, boolean]> = [
  ['33.0.0', null, true],
  ['34.1.0', null, true],
  ['34.1.0', '', true],
  ['34.2.0', null, false],
  ['39.0.0', null, false],
  ['34.1.0', MAIL, false],
];

describe('33b-1: a null ACME e-mail is judged as the empty flag the chart writes up to v34.1.x', () => {
  it.each(NULL_MAIL)('chart %s, email %j: refused %s', (chartVersion, email, refused) => {
    const all = doors(chartVersion, { certificatesResolvers: { le: { acme: { email, storage: '/data/acme.json' } } } });
    expectInAll(all, 'values.certificatesResolvers.le.acme.email', refused ? 'is not a plain e-mail address' : undefined, 'e-mail address');
  });
});

/** Chart, the resolver key, its entry, the message part (undefined: accepted). */
const NOT_MAP: Array<[string, string, unknown, string | undefined]> = [
  ['27.0.2', 'certResolvers', 'text', 'is "text", not a map of options: the chart fails to render it'],
  ['27.0.2', 'certResolvers', ['x'], 'is ["x"], not a map of options: the chart fails to render it (or, for a list'],
  ['27.0.2', 'certResolvers', 5, 'is 5, not a map of options'],
  ['27.0.2', 'certResolvers', null, undefined],
  ['27.0.2', 'certResolvers', { email: MAIL, storage: '/data/acme.json' }, undefined],
  ['39.0.7', 'certificatesResolvers', ['x'], 'is ["x"], not a map of options: the chart writes --certificatesresolvers.le=...'],
  ['39.0.7', 'certificatesResolvers', 5, 'is 5, not a map of options'],
  ['39.0.7', 'certificatesResolvers', 'text', 'write a map, e.g. certificatesResolvers.le.acme.email'],
  ['39.0.7', 'certificatesResolvers', null, undefined],
  // From v34.2.0 the chart writes no empty text.
  ['39.0.7', 'certificatesResolvers', '', undefined],
  ['39.0.7', 'certificatesResolvers', { acme: { email: MAIL, storage: '/data/acme.json' } }, undefined],
];

describe('33b-6: a resolver that is no map is refused in every door', () => {
  it.each(NOT_MAP)('chart %s, %s.le = %j', (chartVersion, key, entry, message) => {
    const all = doors(chartVersion, { [key]: { le: entry } }, { externalCertResolvers: ['default', 'le'] });
    expectInAll(all, `values.${key}.le`, message, 'not a map of options');
  });
});

const object = (apiVersion: string) => ({ apiVersion, kind: 'Middleware', metadata: { name: 'a', namespace: 'default' }, spec: {} });

/** apiVersion, refused. */
const GROUPS: Array<[string, boolean]> = [
  ['traefik.io./v1alpha1', true],
  [' traefik.io/v1alpha1', true],
  ['.traefik.io/v1alpha1', true],
  ['traefik.containo.us./v1alpha1', true],
  ['Traefik.io/v1alpha1', true],
  ['traefik.io/v1alpha1', false],
  ['traefik.containo.us/v1alpha1', false],
  ['example.io./v1alpha1', false],
];

describe('33b-2: a Traefik API group with dots or blanks around it is a misspelling', () => {
  it.each(GROUPS)('%j: refused %s', (apiVersion, refused) => {
    const all = doors('39.0.7', { extraObjects: [object(apiVersion)] });
    // traefik.containo.us is Traefik v2's group only (round 54: chart 39 deploys Traefik v3, whose CRDs are traefik.io's).
    const whose = apiVersion.includes('containo')
      ? "Traefik v2's CRDs (charts before v28.0.0) define the API group"
      : "Traefik's CRDs define the API group";
    const message = `is ${JSON.stringify(apiVersion)}, but ${whose}`;
    expectInAll(all, 'values.extraObjects[0].apiVersion', refused ? message : undefined, "Traefik's CRDs define the API group");
  });
  it('a kind API in hub.traefik.io. is refused too', () => {
    const text = helmChartConfigRefusal({
      chartVersion: '39.0.7',
      values: { extraObjects: [{ ...object('hub.traefik.io./v1alpha1'), kind: 'API' }] },
    });
    expect(text).toContain('write hub.traefik.io/v1alpha1');
  });
});
