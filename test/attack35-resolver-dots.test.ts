import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { parseConfigText } from '../src/config/load';
import { stringify } from 'yaml';
import {
  clusterRefusal,
  configErrors,
  helmChartConfigRefusal,
  withChanges,
  withTraefikValues,
  resolverIngress as INGRESS,
  resolverRoute as route,
} from './helpers';

/**
 * Attack round 33 (33b-12): the chart writes a resolver's keys into one flag name, `--certificatesresolvers.<name>.<key>...`
 * (traefik/traefik-helm-chart templates/_podtemplate.tpl up to v32.1.1, `traefik.yaml2CommandLineArgsRec` in
 * templates/_helpers.tpl from v33.0.0), and Traefik splits a flag name at every dot (traefik/paerser v0.2.0
 * parser/labels_decode.go `DecodeToNode`). So a dotted key under a resolver is read as the nested keys it spells, and a
 * resolver name with a dot is another resolver with another option. Each case in the three doors: `traefik.values` of a
 * config file, the K3sVipCluster construct, and TraefikHelmChartConfig props.
 */

const MAIL = 'a@example.com';
const STORAGE = '/data/acme.json';

/**
 * The errors of each door for `values` on `chartVersion` (plus first-class `traefik` keys): the config file and the cluster
 * construct with an Ingress naming `name`, TraefikHelmChartConfig with an IngressRoute naming it (none when `name` is undefined).
 */
const doors = (chartVersion: string, values: object, name?: string, traefik: object = {}) => {
  const extra = name ? { ingresses: [INGRESS(name)] } : {};
  return {
    yaml: configErrors(withChanges(withTraefikValues(values, { chartVersion, ...traefik }), extra)).join('\n'),
    cluster: clusterRefusal({ chartVersion, values, ...traefik }, extra),
    chart: helmChartConfigRefusal({
      chartVersion,
      values: name ? { ...values, extraObjects: [route(name)] } : values,
      ...traefik,
    }),
  };
};

/** How a door names a key path: the YAML and cluster doors under `traefik.` and a colon, the construct door from its props. */
const located = (door: string, path: string) => (door === 'chart' ? `${path} ` : `traefik.${path}: `);

/** Each door names `path` with `message`, or (message undefined) no door says `absent`. */
const expectInAll = (all: Record<string, string>, path: string, message: string | undefined, absent: string) => {
  for (const [door, text] of Object.entries(all)) {
    if (message) {
      const line = text.split('\n').find((l) => l.includes(located(door, path))) ?? `${door}: ${text}`;
      expect(line).toContain(message);
    } else expect(`${door}: ${text}`).not.toContain(absent);
  }
};

const UNDEFINED = 'is not defined: Traefik would serve its self-signed default certificate';

/** Label, chart, resolver values, whether Traefik defines `le` from them. Boundary v32.1.1 / v33.0.0, and the leaf eras after. */
const DEFINED: Array<[string, string, object, boolean]> = [
  ['acme.email as one key', '33.0.0', { certificatesResolvers: { le: { 'acme.email': MAIL } } }, true],
  ['acme.email as one key', '34.2.0', { certificatesResolvers: { le: { 'acme.email': MAIL } } }, true],
  [
    'acme.storage and acme.email as keys',
    '39.0.7',
    { certificatesResolvers: { le: { 'acme.email': MAIL, 'acme.storage': STORAGE } } },
    true,
  ],
  [
    'acme.httpChallenge.entryPoint as one key',
    '41.3.0',
    { certificatesResolvers: { le: { 'acme.httpChallenge.entryPoint': 'web' } } },
    true,
  ],
  [
    'httpChallenge.entryPoint under acme (control)',
    '39.0.7',
    { certificatesResolvers: { le: { acme: { 'httpChallenge.entryPoint': 'web' } } } },
    true,
  ],
  ['ACME.Email in another case', '39.0.7', { certificatesResolvers: { le: { 'ACME.Email': MAIL } } }, true],
  // `acme.` followed by an empty map writes nothing.
  ['acme.httpChallenge: {} writes nothing', '39.0.7', { certificatesResolvers: { le: { 'acme.httpChallenge': {} } } }, false],
  // Up to v32 the chart writes `acme.` before every option itself.
  ['32.1.1: httpChallenge.entryPoint (control)', '32.1.1', { certResolvers: { le: { 'httpChallenge.entryPoint': 'web' } } }, true],
  ['32.1.1: email (control)', '32.1.1', { certResolvers: { le: { email: MAIL } } }, true],
];

describe('33b-12: a dotted key under a resolver is read as the nested keys it spells', () => {
  it.each(DEFINED)('%s (chart %s)', (_, chartVersion, values, defined) => {
    const all = doors(chartVersion, { persistence: { enabled: true }, ...values }, 'le');
    const paths = { yaml: 'ingresses[0].tls.certResolver: ', cluster: 'ingresses[0].tls.certResolver: ', chart: 'spec.tls.certResolver ' };
    for (const [door, text] of Object.entries(all)) {
      if (defined) expect(`${door}: ${text}`).not.toContain(UNDEFINED);
      else expect(text).toContain(`${paths[door as keyof typeof paths]}"le" ${UNDEFINED}`);
    }
  });
});

/** Label, chart, values, the key path refused (undefined: accepted), the message part, the text no door may hold when accepted. */
const GUARDS: Array<[string, string, object, string | undefined, string, string]> = [
  [
    'acme.email as one key is held to the e-mail format',
    '39.0.7',
    { certificatesResolvers: { le: { 'acme.email': 'not-mail', 'acme.storage': STORAGE } } },
    'values.certificatesResolvers.le.acme.email',
    'is not a plain e-mail address',
    'e-mail address',
  ],
  [
    'acme.caServer as one key is held to https',
    '33.0.0',
    { certificatesResolvers: { le: { 'acme.caServer': 'http://ca.example.com', 'acme.storage': STORAGE } } },
    'values.certificatesResolvers.le.acme.caServer',
    'https',
    'https',
  ],
  [
    '33.0.0 writes acme.storage: "" as storage=',
    '33.0.0',
    { certificatesResolvers: { le: { 'acme.email': MAIL, 'acme.storage': '' } } },
    'values.certificatesResolvers.le',
    'leaves the ACME storage of the resolver le empty',
    'storage',
  ],
  [
    'two replicas with acme.email as one key',
    '39.0.7',
    { deployment: { replicas: 2 }, certificatesResolvers: { le: { 'acme.email': MAIL, 'acme.storage': STORAGE } } },
    'values.deployment.replicas',
    'keep ACME certificates in one acme.json',
    'acme.json',
  ],
  [
    'a DaemonSet with acme.tlsChallenge as one key',
    '33.0.0',
    { deployment: { kind: 'DaemonSet' }, certificatesResolvers: { le: { 'acme.tlsChallenge': true, 'acme.storage': STORAGE } } },
    'values.deployment.kind',
    'keep ACME certificates in one acme.json',
    'acme.json',
  ],
  [
    'ACME and Tailscale on one resolver, ACME as a dotted key',
    '39.0.7',
    { certificatesResolvers: { le: { tailscale: true, 'acme.storage': STORAGE } } },
    'values.certificatesResolvers.le',
    'turns Tailscale on for the resolver le, which it gives ACME options too',
    'Tailscale',
  ],
];

describe('33b-12: the rules that guard ACME resolvers read dotted keys', () => {
  it.each(GUARDS)('%s (chart %s)', (_, chartVersion, values, path, message, absent) => {
    expectInAll(doors(chartVersion, values), path ?? '', path && message, absent);
  });
});

const LOST = 'keeps its ACME certificates in';

/** The warnings of the config file and of the cluster construct for `values` on `chartVersion`. */
const warnings = (chartVersion: string, values: object) => {
  const config = withTraefikValues(values, { chartVersion });
  return {
    yaml: parseConfigText('config/t.yaml', stringify(config))
      .warnings.map((w) => w.message)
      .join('\n'),
    cluster: new K3sVipCluster(new App(), 'c', config).warnings.map((w) => w.message).join('\n'),
  };
};

/** Chart, values, the acme.json named as off the volume (undefined: none). */
const STORAGES: Array<[string, string, object, string | undefined]> = [
  ['acme.storage as one key, on the volume', '39.0.7', { 'acme.email': MAIL, 'acme.storage': STORAGE }, undefined],
  ['acme.storage as one key, on the volume', '33.0.0', { 'acme.email': MAIL, 'acme.storage': STORAGE }, undefined],
  // Go's range sorts the keys: `acme` (storage acme.json) is written before `acme.storage`, which Traefik keeps.
  [
    'acme.storage after acme in the chart order',
    '39.0.7',
    { 'acme.storage': STORAGE, acme: { email: MAIL, storage: 'acme.json' } },
    undefined,
  ],
  [
    'acme after ACME in the chart order',
    '39.0.7',
    { acme: { storage: 'acme.json' }, ACME: { email: MAIL, storage: STORAGE } },
    '"acme.json"',
  ],
  ['control: storage nested, off the volume', '39.0.7', { acme: { email: MAIL, storage: '/tmp/acme.json' } }, '"/tmp/acme.json"'],
];

describe('33b-12: the acme.json a dotted acme.storage names is the one judged', () => {
  it.each(STORAGES)('%s (chart %s)', (_, chartVersion, le, lost) => {
    const all = warnings(chartVersion, {
      persistence: { enabled: true },
      certificatesResolvers: { le: { ...le, 'acme.tlsChallenge': true } },
    });
    for (const [door, text] of Object.entries(all)) {
      if (lost) expect(text).toContain(`${LOST} ${lost}, on no persistent volume`);
      else expect(`${door}: ${text}`).not.toContain(LOST);
    }
  });
});

const DOTTED = (name: string) =>
  `is a resolver name with a dot, but the chart writes it into the flag --certificatesresolvers.${name}.acme.email, which Traefik ` +
  `splits at every dot, so it reads resolver "le" with the option "x" (and fails to start on an option it does not know): name ` +
  `the resolver without dots, e.g. "le-x", or nest the keys under "le" if that resolver is meant`;

/** Label, chart, resolver key, the resolver's name, the message part (undefined: accepted). */
const NAMES: Array<[string, string, string, string, string | undefined]> = [
  ['a dot', '33.0.0', 'certificatesResolvers', 'le.x', DOTTED('le.x')],
  ['a dot', '41.3.0', 'certificatesResolvers', 'le.x', DOTTED('le.x')],
  ['a dot', '32.1.1', 'certResolvers', 'le.x', DOTTED('le.x')],
  ['"="', '39.0.7', 'certificatesResolvers', 'le=x', 'is a resolver name with "=", but Traefik ends a flag\'s name at its first "="'],
  ['"="', '32.1.1', 'certResolvers', 'le=x', 'reads --certificatesresolvers.le and never gets this resolver'],
  ['a trailing dot', '39.0.7', 'certificatesResolvers', 'le.', 'is a resolver name with an empty part around a dot'],
  ['brackets', '39.0.7', 'certificatesResolvers', 'le[0]', 'which Traefik reads as a list index'],
  ['a quote', '39.0.7', 'certificatesResolvers', 'le"x', 'which breaks the quoted flag the chart writes for it'],
  // A line break in a key is refused before (yaml-input.ts); a backslash starts an escape in the chart's quoted item.
  ['a backslash', '32.1.1', 'certResolvers', 'le\\x', 'which breaks the quoted flag the chart writes for it'],
  ['control: letters, digits and "-"', '39.0.7', 'certificatesResolvers', 'le-2', undefined],
  ['control: a capital and "_"', '32.1.1', 'certResolvers', 'LE_x', undefined],
];

describe('33b-12: a resolver name the chart cannot write into a flag is refused in every door', () => {
  it.each(NAMES)('%s: %s %s.%j', (_, chartVersion, key, name, message) => {
    const le = key === 'certResolvers' ? { email: MAIL } : { acme: { email: MAIL } };
    const all = doors(chartVersion, { persistence: { enabled: true }, [key]: { [name]: le } }, undefined, {
      externalCertResolvers: ['default'],
    });
    expectInAll(all, `values.${key}.${name}`, message, 'is a resolver name');
  });

  it('a resolver that writes no flag is not refused for its name', () => {
    const all = doors('39.0.7', { certificatesResolvers: { 'le.x': { acme: {} }, 'a.b': null } });
    expectInAll(all, '', undefined, 'is a resolver name');
  });
});

describe('33b-12: a resolver named with a dot defines the resolver Traefik reads, and no router can name it', () => {
  const NO_DOTS =
    '"le.x" is not defined, and cannot be: Traefik splits the flags and environment variables that define resolvers at every dot';
  it.each(['33.0.0', '39.0.7'])('chart %s: an IngressRoute naming le.x is told why', (chartVersion) => {
    const text = helmChartConfigRefusal({
      chartVersion,
      values: {
        persistence: { enabled: true },
        certificatesResolvers: { 'le.x': { acme: { email: MAIL } } },
        extraObjects: [route('le.x')],
      },
    });
    expect(text).toContain(`values.extraObjects[0].spec.tls.certResolver ${NO_DOTS}`);
    expect(text).toContain(`values.certificatesResolvers["le.x"] ${DOTTED('le.x')}`);
  });

  it('an Ingress naming le.x is refused by the resolver name format (control)', () => {
    const all = doors('39.0.7', { persistence: { enabled: true } }, 'le.x', { externalCertResolvers: ['default'] });
    expect(all.yaml).toContain('ingresses[0].tls.certResolver: ');
    expect(all.cluster).toContain('ingresses[0].tls.certResolver');
  });

  // `le.acme: {email}` writes --certificatesresolvers.le.acme.email: Traefik's resolver le, which an Ingress may name.
  it.each([
    ['33.0.0', 'certificatesResolvers', { 'le.acme': { email: MAIL } }],
    ['39.0.7', 'certificatesResolvers', { 'le.acme': { email: MAIL } }],
  ])('chart %s: %s %j defines le (and the name is still refused)', (chartVersion, key, resolvers) => {
    const all = doors(chartVersion, { persistence: { enabled: true }, [key]: resolvers }, 'le');
    for (const text of Object.values(all)) {
      expect(text).not.toContain(UNDEFINED);
      expect(text).toContain('is a resolver name with a dot');
    }
  });
});

describe('33b-12: up to chart v32 an option acme under certResolvers is an ACME option "acme"', () => {
  const NESTED = 'up to chart v32 the chart puts every option of certResolvers.<name> under acme itself';
  it.each([
    ['32.1.1', { acme: { email: MAIL } }, 'values.certResolvers.le.acme', NESTED],
    ['27.0.2', { 'acme.email': MAIL }, 'values.certResolvers.le.acme.email', NESTED],
    ['32.1.1', { email: MAIL, httpChallenge: { entryPoint: 'web' } }, undefined, ''],
  ])('chart %s, certResolvers.le %j', (chartVersion, le, path, message) => {
    const all = doors(chartVersion, { persistence: { enabled: true }, certResolvers: { le } });
    expectInAll(all, path ?? '', path && message, 'under acme itself');
  });
});

describe('33b-12: a first-class resolver and a dotted key of the values make one resolver', () => {
  // The dotted key is no conflict with the generated acme.storage to values-merge.ts (left open), but its flag comes last.
  it.each([['33.0.0', 'certificatesResolvers', { 'acme.storage': '' }]])(
    'chart %s: %s.le %j empties the storage of traefik.certResolvers.le',
    (chartVersion, key, le) => {
      const all = doors(chartVersion, { [key]: { le } }, undefined, { certResolvers: { le: { email: MAIL } } });
      expectInAll(all, 'certResolvers.le', 'leaves the ACME storage of the resolver le empty', '');
    },
  );
});

describe('a dotted key under a resolver a first-class key writes is a conflict like the nested key (values-merge sees other keys)', () => {
  const FIRST_CLASS = { certResolvers: { le: { email: MAIL } } };
  it.each([
    ['33.0.0', { certificatesResolvers: { le: { 'acme.storage': '/tmp/x' } } }, 'values.certificatesResolvers.le.acme.storage'],
    ['39.0.7', { certificatesResolvers: { le: { 'acme.email': 'b@example.com' } } }, 'values.certificatesResolvers.le.acme.email'],
    // Traefik matches option names in any case: another spelling of the same flag.
    ['32.1.1', { certResolvers: { le: { tlschallenge: false } } }, 'values.certResolvers.le.tlschallenge'],
  ])('chart %s', (chartVersion, values, path) => {
    const all = doors(chartVersion, { persistence: { enabled: true }, ...values }, undefined, FIRST_CLASS);
    expectInAll(all, path, 'certResolvers makes this tool write', '');
  });
  it('the same value spelt with a dot is no conflict', () => {
    const all = doors(
      '39.0.7',
      { persistence: { enabled: true }, certificatesResolvers: { le: { 'acme.email': MAIL } } },
      undefined,
      FIRST_CLASS,
    );
    expectInAll(all, '', undefined, 'makes this tool write');
  });
});
