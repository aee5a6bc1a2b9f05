import { clusterRefusal, configErrors, devConfig, helmChartConfigRefusal, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 31a: resolvers count only under the chart key the pinned chart reads (31a-6), name overrides that are
 * not text (31a-3), and `ports.<name>.expose` read as the chart version reads it (31a, "not reported" (b)).
 */

const ACME = { email: 'a@example.com', storage: '/data/acme.json' };
/** Each resolver key in its own chart's shape. */
const UNDER = {
  certResolvers: { le: { ...ACME, tlsChallenge: true } },
  certificatesResolvers: { le: { acme: { ...ACME, tlsChallenge: true } } },
};
/** The reference Ingress, naming the resolver `le` these cases define (or not). */
const INGRESS = { ...devConfig().ingresses[0], tls: { certResolver: 'le' } };
const UNDEFINED = '"le" is not defined: Traefik would serve its self-signed default certificate';

/** The chart version, the key it reads, the key it does not. */
const SIDES: Array<[string, keyof typeof UNDER, keyof typeof UNDER]> = [
  ['27.0.2', 'certResolvers', 'certificatesResolvers'],
  ['32.1.1', 'certResolvers', 'certificatesResolvers'],
  ['33.0.0', 'certificatesResolvers', 'certResolvers'],
];

const resolverValues = (key: keyof typeof UNDER, extra: object = {}) => ({ persistence: { enabled: true }, [key]: UNDER[key], ...extra });
const yamlErrors = (chartVersion: string, values: object) =>
  configErrors(withChanges(withTraefikValues(values, { chartVersion }), { ingresses: [INGRESS] })).join('\n');
const construct = (chartVersion: string, values: object) => clusterRefusal({ chartVersion, values }, { ingresses: [INGRESS] });
const notRead = (chartVersion: string, read: string) =>
  `is not read by Traefik chart ${chartVersion}, which takes its ACME resolvers from ${read} (certResolvers before chart v33.0.0, ` +
  'certificatesResolvers from it), so the resolvers le would not be defined';

describe('31a-6: only the resolver key the pinned chart reads defines a resolver, in every door', () => {
  it.each(SIDES)('chart %s: the key it does not read (%s read) is refused, and its resolver is not defined', (version, read, unread) => {
    const values = resolverValues(unread);
    const yaml = yamlErrors(version, values);
    expect(yaml).toContain(`traefik.values.${unread}: ${notRead(version, read)}`);
    expect(yaml).toContain(`ingresses[0].tls.certResolver: ${UNDEFINED}`);
    const cluster = construct(version, values);
    expect(cluster).toContain(`traefik.values.${unread}: ${notRead(version, read)}`);
    expect(cluster).toContain(`ingresses[0].tls.certResolver: ${UNDEFINED}`);
    expect(helmChartConfigRefusal({ chartVersion: version, values })).toContain(`values.${unread} ${notRead(version, read)}`);
  });

  it.each(SIDES)('chart %s: the key it reads (%s) defines the resolver (control)', (version, read) => {
    const values = resolverValues(read);
    expect(yamlErrors(version, values)).toBe('');
    expect(construct(version, values)).toBe('');
    expect(helmChartConfigRefusal({ chartVersion: version, values })).toBe('');
  });

  it.each(SIDES)(
    'chart %s: replicas 2 next to a resolver under the unread key is not refused for sharing acme.json',
    (version, read, unread) => {
      const errors = yamlErrors(version, resolverValues(unread, { deployment: { replicas: 2 } }));
      expect(errors).toContain(notRead(version, read));
      expect(errors).not.toContain('acme.json');
      // The read key's resolver still shares acme.json: refused.
      expect(yamlErrors(version, resolverValues(read, { deployment: { replicas: 2 } }))).toContain('acme.json');
    },
  );

  it('with a values schema (39.0.7) the rule is the one message: no "not a value" beside it', () => {
    const errors = yamlErrors('39.0.7', resolverValues('certResolvers'));
    expect(errors).toContain(`traefik.values.certResolvers: ${notRead('39.0.7', 'certificatesResolvers')}`);
    expect(errors).not.toContain('is not a value of Traefik chart');
  });

  it('an empty map under the unread key defines nothing and is not refused', () => {
    expect(yamlErrors('27.0.2', { ...resolverValues('certResolvers'), certificatesResolvers: {} })).toBe('');
  });
});

describe('31a-3: a name override that is not text is refused on every chart, with or without a values schema', () => {
  const TEXT_ONLY = 'so Helm fails to render the chart: remove it, or write the name as text';
  it.each([
    [
      '27.0.2',
      { fullnameOverride: true },
      'fullnameOverride',
      `is true, not text: the chart's templates pipe it into functions that take text only (trunc 63), ${TEXT_ONLY}`,
    ],
    ['20.0.0', { fullnameOverride: 1 }, 'fullnameOverride', `is the number 1, not text`],
    ['27.0.2', { fullnameOverride: ['a'] }, 'fullnameOverride', 'is a list, not text'],
    ['20.0.0', { nameOverride: 5 }, 'nameOverride', `is the number 5, not text: the chart's templates pipe it`],
    ['27.0.2', { namespaceOverride: true }, 'namespaceOverride', 'is true, not text'],
    ['27.0.2', { instanceLabelOverride: { a: 'b' } }, 'instanceLabelOverride', 'is a map, not text'],
    // Skipped as empty by the templates, refused by newer charts' schemas: the same rule everywhere.
    ['27.0.2', { fullnameOverride: false }, 'fullnameOverride', "is false, not text: the chart's templates skip it as empty"],
    ['40.1.0', { fullnameOverride: 0 }, 'fullnameOverride', 'is the number 0, not text'],
    ['40.1.0', { service: { nameOverride: 5 } }, 'service.nameOverride', 'is the number 5, not text'],
  ])('chart %s: %j is refused', (chartVersion, values, key, message) => {
    const config = configErrors(withTraefikValues(values, { chartVersion })).join('\n');
    expect(config).toContain(`traefik.values.${key}: ${message}`);
    // One message: no schema verdict on the same key.
    expect(config).not.toContain(`traefik.values.${key}: is ${'a whole number'}`);
    expect(helmChartConfigRefusal({ chartVersion, values })).toContain(`values.${key} ${message}`);
  });

  it.each([
    ['27.0.2', { fullnameOverride: null, nameOverride: null, namespaceOverride: null, instanceLabelOverride: null }],
    ['20.0.0', { fullnameOverride: 'traefik', nameOverride: 'traefik' }],
    ['40.1.0', { service: { nameOverride: null } }],
    // Before v20.2.0 the chart has no namespaceOverride: a value there is not read.
    ['20.0.0', { namespaceOverride: true }],
  ])('chart %s: %j is accepted (control)', (chartVersion, values) => {
    expect(configErrors(withTraefikValues(values, { chartVersion }))).toEqual([]);
  });
});

describe('31a (b): ports.<name>.expose is read as the chart version reads it', () => {
  const NONE = { ports: { web: { expose: { default: false } }, websecure: { expose: { default: false } } } };
  it('up to v26 a map is one value, true by Go truth: the ports stay exposed', () => {
    expect(configErrors(withTraefikValues(NONE, { chartVersion: '26.1.0' }))).toEqual([]);
  });
  it('from v27 it is a map by Service name: {default: false} exposes nothing, which the chart fails on', () => {
    expect(configErrors(withTraefikValues(NONE, { chartVersion: '27.0.0' })).join('\n')).toContain(
      "traefik.values.ports: leaves Traefik's own Service with no port (no entrypoint has expose.default: true), and Traefik chart 27.0.0 fails on it",
    );
  });
  // `expose: true` (the pre-v27 form) on a v27+ chart without a values schema that refuses it: the chart's `index` fails.
  it.each(['27.0.0', '27.0.2', '33.0.0', '37.1.0'])('on %s, expose: true fails the chart: refused, naming the key', (chartVersion) => {
    const errors = configErrors(withTraefikValues({ ports: { websecure: { expose: true } } }, { chartVersion }));
    expect(errors.filter((e) => e.includes('traefik.values.ports.websecure.expose:'))).toEqual([
      `config/t.yaml: traefik.values.ports.websecure.expose: is true, not a map, and Traefik chart ${chartVersion} fails on it (from chart v27 it reads expose by Service name: "can't index item"): write expose: {default: true}, and a key for each additional Service to expose it on`,
    ]);
  });
  it.each([
    ['26.1.0', { expose: true }],
    ['27.0.2', { expose: { default: true, internal: false } }],
    ['27.0.2', { expose: { default: true } }],
  ])('on %s, expose %j is read without a failure (controls)', (chartVersion, port) => {
    expect(configErrors(withTraefikValues({ ports: { websecure: port } }, { chartVersion }))).toEqual([]);
  });
  it.each([
    ['a false value', { ports: { metrics: { expose: false } } }],
    ['a zero', { ports: { metrics: { expose: 0 } } }],
  ])('on 27.0.2, %s: no lookup fails (the other side)', (_, values) => {
    expect(configErrors(withTraefikValues(values, { chartVersion: '27.0.2' })).filter((e) => e.includes('not a map'))).toEqual([]);
  });
  it('the construct refuses it alike', () => {
    expect(helmChartConfigRefusal({ chartVersion: '27.0.2', values: { ports: { websecure: { expose: true } } } })).toContain(
      'values.ports.websecure.expose is true, not a map',
    );
  });
  it('up to v26 a false value takes the port off (control)', () => {
    const off = { ports: { web: { expose: false }, websecure: { expose: false } } };
    expect(configErrors(withTraefikValues(off, { chartVersion: '26.1.0' })).join('\n')).toContain(
      "leaves Traefik's own Service with no port (no entrypoint has expose: true), and Traefik chart 26.1.0 fails on it",
    );
  });
});
