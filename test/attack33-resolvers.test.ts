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
 * Attack round 32b: a resolver counts as defined only when the pinned chart renders a flag that defines it (32b-1:
 * traefik/templates/_podtemplate.tpl up to v32, `traefik.yaml2CommandLineArgsRec` of templates/_helpers.tpl from v33,
 * and Traefik's own parser for an `allowEmpty` block such as `tailscale`), and `globalArguments` is no Traefik flag list
 * from chart v36.0.0, which renders none (32b-3).
 */

const undefinedName = (name: string) => `"${name}" is not defined: Traefik would serve its self-signed default certificate`;
const MAIL = 'a@example.com';

/** The errors of each door for `values` on `chartVersion` with an Ingress (an IngressRoute for TraefikHelmChartConfig) naming `name`. */
const doors = (chartVersion: string, values: object, name: string) => ({
  yaml: configErrors(withChanges(withTraefikValues(values, { chartVersion }), { ingresses: [INGRESS(name)] })).join('\n'),
  cluster: clusterRefusal({ chartVersion, values }, { ingresses: [INGRESS(name)] }),
  chart: helmChartConfigRefusal({ chartVersion, values: { ...values, extraObjects: [route(name)] } }),
});

/** Chart version, resolver values, the name, and whether the chart (and Traefik) define it. */
const RESOLVERS: Array<[string, string, object, string, boolean]> = [
  // v33+: the recursion writes nothing for an empty map, and Traefik leaves an `allowEmpty` block off for a value not "true".
  ['tailscale: {} renders nothing', '39.0.7', { certificatesResolvers: { ts: { tailscale: {} } } }, 'ts', false],
  ['tailscale: true (control)', '39.0.7', { certificatesResolvers: { ts: { tailscale: true } } }, 'ts', true],
  [
    'tailscale: false renders =false, which Traefik reads as off',
    '39.0.7',
    { certificatesResolvers: { ts: { tailscale: false } } },
    'ts',
    false,
  ],
  ['le: null renders nothing', '39.0.7', { certificatesResolvers: { le: null } }, 'le', false],
  ['acme: {} renders nothing', '39.0.7', { certificatesResolvers: { le: { acme: {} } } }, 'le', false],
  ['acme with an e-mail (control)', '39.0.7', { certificatesResolvers: { le: { acme: { email: MAIL } } } }, 'le', true],
  // `with $value` from v34.2.0: an empty text renders nothing; v34.1.0 writes every leaf, `acme.email=` included.
  ['34.1.0: acme.email "" renders', '34.1.0', { certificatesResolvers: { le: { acme: { email: '' } } } }, 'le', true],
  ['34.2.0: acme.email "" renders nothing', '34.2.0', { certificatesResolvers: { le: { acme: { email: '' } } } }, 'le', false],
  ['34.1.0: acme.email null renders', '34.1.0', { certificatesResolvers: { le: { acme: { email: null } } } }, 'le', true],
  ['34.2.0: acme.email null renders nothing', '34.2.0', { certificatesResolvers: { le: { acme: { email: null } } } }, 'le', false],
  // `ne $value nil` at v39.0.0 writes an empty text; from v39.0.1 `not (empty $value)` does not.
  ['38.0.2: acme.email "" renders nothing', '38.0.2', { certificatesResolvers: { le: { acme: { email: '' } } } }, 'le', false],
  ['39.0.0: acme.email "" renders', '39.0.0', { certificatesResolvers: { le: { acme: { email: '' } } } }, 'le', true],
  ['39.0.1: acme.email "" renders nothing', '39.0.1', { certificatesResolvers: { le: { acme: { email: '' } } } }, 'le', false],
  ['39.0.0: acme.email null renders nothing', '39.0.0', { certificatesResolvers: { le: { acme: { email: null } } } }, 'le', false],
  // Up to v32 `range $option, $setting` writes every option, but none for an empty or null resolver, or an empty map option.
  ['32.1.1: le: {} renders nothing', '32.1.1', { certResolvers: { le: {} } }, 'le', false],
  ['32.1.1: le: null renders nothing', '32.1.1', { certResolvers: { le: null } }, 'le', false],
  ['32.1.1: an empty map option renders nothing', '32.1.1', { certResolvers: { le: { dnsChallenge: {} } } }, 'le', false],
  ['32.1.1: an e-mail (control)', '32.1.1', { certResolvers: { le: { email: MAIL } } }, 'le', true],
  ['32.1.1: email "" still renders acme.email=', '32.1.1', { certResolvers: { le: { email: '' } } }, 'le', true],
  // Flags: paerser's `Disabled` for an `allowEmpty` block, which only an empty value or "true" turns on.
  ['--...tailscale=false', '39.0.7', { additionalArguments: ['--certificatesresolvers.ts.tailscale=false'] }, 'ts', false],
  ['--...tailscale=no', '39.0.7', { additionalArguments: ['--certificatesresolvers.ts.tailscale=no'] }, 'ts', false],
  ['--...tailscale=TRUE (control)', '39.0.7', { additionalArguments: ['--certificatesresolvers.ts.tailscale=TRUE'] }, 'ts', true],
  ['--...tailscale= (control)', '39.0.7', { additionalArguments: ['--certificatesresolvers.ts.tailscale='] }, 'ts', true],
  [
    'a later --...tailscale=false turns the values block off',
    '39.0.7',
    { certificatesResolvers: { ts: { tailscale: true } }, additionalArguments: ['--certificatesresolvers.ts.tailscale=false'] },
    'ts',
    false,
  ],
];

describe('32b-1: a resolver is defined only when the chart renders a flag that defines it, in every door', () => {
  it.each(RESOLVERS)('%s (chart %s)', (_, chartVersion, values, name, defined) => {
    const { yaml, cluster, chart } = doors(chartVersion, values, name);
    if (defined) {
      expect(yaml).not.toContain('is not defined');
      expect(cluster).not.toContain('is not defined');
      expect(chart).not.toContain('is not defined');
    } else {
      expect(yaml).toContain(`ingresses[0].tls.certResolver: ${undefinedName(name)}`);
      expect(cluster).toContain(`ingresses[0].tls.certResolver: ${undefinedName(name)}`);
      expect(chart).toContain(`values.extraObjects[0].spec.tls.certResolver ${undefinedName(name)}`);
    }
  });
});

describe('32b-1: a resolver that renders no acme flag keeps no acme.json', () => {
  const replicated = (values: object) => ({ ...values, deployment: { replicas: 2 } });
  it.each([
    ['39.0.7', { certificatesResolvers: { le: { acme: {} } } }, false],
    ['39.0.7', { certificatesResolvers: { le: { acme: { email: '' } } } }, false],
    ['39.0.7', { certificatesResolvers: { ts: { tailscale: true } } }, false],
    ['39.0.7', { certificatesResolvers: { le: { acme: { email: MAIL } } } }, true],
    ['32.1.1', { certResolvers: { le: {} } }, false],
    ['32.1.1', { certResolvers: { le: { email: MAIL } } }, true],
  ])('chart %s, %j with two replicas: refused for acme.json: %s', (chartVersion, values, refused) => {
    const yaml = configErrors(withTraefikValues(replicated(values), { chartVersion })).join('\n');
    const construct = helmChartConfigRefusal({ chartVersion, replicas: 2, values });
    if (refused) {
      expect(yaml).toContain('acme.json');
      expect(construct).toContain('acme.json');
    } else {
      expect(yaml).not.toContain('acme.json');
      expect(construct).not.toContain('acme.json');
    }
  });
});

const GLOBAL_ACME = ['--certificatesresolvers.le.acme.email=a@example.com', '--certificatesresolvers.le.acme.tlschallenge=true'];
const ignored = (chartVersion: string) =>
  `is not read by Traefik chart ${chartVersion}: charts from v36.0.0 render no globalArguments, so Traefik would never get these flags: ` +
  'move them to additionalArguments (for --global.checkNewVersion and --global.sendAnonymousUsage, set global.checkNewVersion and global.sendAnonymousUsage instead)';

describe('32b-3: globalArguments is a Traefik flag list up to chart v35.4.0 only', () => {
  it.each(['36.0.0', '36.3.0', '37.1.0', '40.0.0', '41.0.0'])('chart %s: refused, and its resolver is not defined', (chartVersion) => {
    const { yaml, cluster, chart } = doors(chartVersion, { globalArguments: GLOBAL_ACME }, 'le');
    for (const errors of [yaml, cluster]) {
      expect(errors).toContain(`traefik.values.globalArguments: ${ignored(chartVersion)}`);
      expect(errors).toContain(`ingresses[0].tls.certResolver: ${undefinedName('le')}`);
      // The one message about the key, with a values schema too; no flag of it judged.
      expect(errors).not.toContain('is not a value of Traefik chart');
      expect(errors).not.toContain('acme.json');
    }
    expect(chart).toContain(`values.globalArguments ${ignored(chartVersion)}`);
    expect(chart).toContain(`values.extraObjects[0].spec.tls.certResolver ${undefinedName('le')}`);
  });

  it.each(['27.0.2', '32.1.1', '35.4.0'])('chart %s renders it: the resolver is defined (control)', (chartVersion) => {
    const { yaml, cluster, chart } = doors(chartVersion, { persistence: { enabled: true }, globalArguments: GLOBAL_ACME }, 'le');
    for (const errors of [yaml, cluster, chart]) {
      expect(errors).not.toContain('globalArguments');
      expect(errors).not.toContain('is not defined');
    }
  });

  it('chart 36.3.0: its flags count nowhere: no acme.json with replicas, no IngressClass', () => {
    const acme = helmChartConfigRefusal({
      chartVersion: '36.3.0',
      replicas: 2,
      values: { globalArguments: ['--certificatesresolvers.le.acme.email=a@example.com'] },
    });
    expect(acme).toContain(`values.globalArguments ${ignored('36.3.0')}`);
    expect(acme).not.toContain('acme.json');
    const classFlag = { globalArguments: ['--providers.kubernetesingress.ingressclass=other'] };
    const yaml = configErrors(withChanges(withTraefikValues(classFlag, { chartVersion: '36.3.0' }), { ingresses: [INGRESS('default')] }));
    expect(yaml.join('\n')).toContain(`traefik.values.globalArguments: ${ignored('36.3.0')}`);
    expect(yaml.join('\n')).not.toContain('IngressClass "other"');
    // v35.4.0 renders it: the flag narrows Traefik to IngressClass "other" (control).
    const old = configErrors(withChanges(withTraefikValues(classFlag, { chartVersion: '35.4.0' }), { ingresses: [INGRESS('default')] }));
    expect(old.join('\n')).toContain('IngressClass "other"');
  });

  it.each([null, []])('chart 36.0.0: globalArguments %j asks for nothing and is not refused', (given) => {
    expect(configErrors(withTraefikValues({ globalArguments: given }, { chartVersion: '36.0.0' })).join('\n')).not.toContain(
      'globalArguments',
    );
  });
});
