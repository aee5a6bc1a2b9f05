// Round 71 (provider71): one reader of what Traefik's Kubernetes providers watch (src/traefik/provider-watch.ts), read
// as the chart passes it: a `namespaces` list alone (rbac.namespaced adds nothing to it), the release namespace when the
// list joins empty or RBAC is namespaced (and `rbac.enabled`); and an IngressRoute whose PathRegexp catches
// cert-manager's HTTP-01 challenge, judged as a RegularExpression HTTPRoute is.
import { parseConfigText } from '../src/config/load';
import { stringify } from 'yaml';
import { formatPath } from '../src/core/problem';
import { devConfig, withChanges } from './helpers';
import { ruleRoutes } from '../src/ingress/route-alternatives';
import { regexpCatchesChallenge } from '../src/cert-manager/challenge-requests';
import { cpuMillisSince } from './cpu-time';

const judged = (config: object) => {
  const { errors, warnings } = parseConfigText('config/t.yaml', stringify(config));
  return {
    errors: errors.map((d) => `${formatPath(d.path)}: ${d.message}`).join('\n'),
    warnings: warnings.map((d) => d.message).join('\n'),
  };
};

const ingressRoute = (match: string, namespace = 'default', priority?: number) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'r', ...(namespace && { namespace }) },
  spec: {
    entryPoints: ['web'],
    routes: [{ match, kind: 'Rule', ...(priority !== undefined && { priority }), services: [{ name: 'x', port: 80 }] }],
  },
});

// 1. What the CRD provider watches: [case, values (extraObjects aside), route namespace ('' none: the release's), refused at]
const CRD_NS = "makes Traefik's CRD provider watch only namespace(s)";
const CRD_WATCH: Array<[string, object, string, string | undefined]> = [
  [
    'rbac.namespaced and a list: the list alone, not kube-system',
    { rbac: { namespaced: true }, providers: { kubernetesCRD: { namespaces: ['default'] } } },
    '',
    'traefik.values.providers.kubernetesCRD.namespaces',
  ],
  [
    'rbac.namespaced and a list naming the route',
    { rbac: { namespaced: true }, providers: { kubernetesCRD: { namespaces: ['default'] } } },
    'default',
    undefined,
  ],
  ['rbac.namespaced alone: kube-system', { rbac: { namespaced: true } }, 'default', 'traefik.values.rbac.namespaced'],
  ['rbac.namespaced alone, route in kube-system', { rbac: { namespaced: true } }, '', undefined],
  [
    'rbac.namespaced with rbac.enabled false: the chart passes no namespaces',
    { rbac: { enabled: false, namespaced: true } },
    'default',
    undefined,
  ],
  [
    'a list that joins empty: the release namespace',
    { providers: { kubernetesCRD: { namespaces: [''] } } },
    'default',
    'traefik.values.providers.kubernetesCRD.namespaces',
  ],
  ['a list that joins empty, route in kube-system', { providers: { kubernetesCRD: { namespaces: [''] } } }, '', undefined],
  ['an empty list: every namespace', { providers: { kubernetesCRD: { namespaces: [] } } }, 'default', undefined],
  [
    'a flag adds to the chart list',
    { providers: { kubernetesCRD: { namespaces: ['a'] } }, additionalArguments: ['--providers.kubernetescrd.namespaces=default'] },
    'default',
    undefined,
  ],
  [
    'a flag alone without the route',
    { additionalArguments: ['--providers.kubernetescrd.namespaces=a, b'] },
    'default',
    'traefik.values.additionalArguments[0]',
  ],
];

describe('provider71: the CRD provider watches what the chart passes', () => {
  test.each(CRD_WATCH)('%s', (_, values, namespace, at) => {
    const { errors } = judged(
      withChanges(devConfig(), { traefik: { values: { ...values, extraObjects: [ingressRoute('Host(`b.example.com`)', namespace)] } } }),
    );
    // rbac.namespaced is refused first for the IngressClass lookup it turns off (one refusal a key).
    if (at) expect(errors).toContain(at.endsWith('rbac.namespaced') ? `${at}: ` : `${at}: ${CRD_NS}`);
    else expect(errors).not.toContain(CRD_NS);
  });
});

// The Ingress provider, read by the same reader: [case, values, Ingress namespace, refused at]
const INGRESS_NS = 'makes Traefik watch only namespace(s)';
const INGRESS_WATCH: Array<[string, object, string, string | undefined]> = [
  [
    'rbac.namespaced and a list: the list alone',
    { rbac: { namespaced: true }, providers: { kubernetesIngress: { namespaces: ['default'] } } },
    'default',
    undefined,
  ],
  ['rbac.namespaced alone', { rbac: { namespaced: true } }, 'default', 'traefik.values.rbac.namespaced'],
  [
    'a list of one empty name: the release namespace',
    { providers: { kubernetesIngress: { namespaces: [''] } } },
    'default',
    'traefik.values.providers.kubernetesIngress.namespaces',
  ],
  ['a list naming the Ingress', { providers: { kubernetesIngress: { namespaces: ['default', ''] } } }, 'default', undefined],
];

describe('provider71: the Ingress provider, read alike', () => {
  test.each(INGRESS_WATCH)('%s', (_, values, namespace, at) => {
    const config = withChanges(devConfig(), { traefik: { values } });
    config.ingresses = config.ingresses.map((ingress: object) => ({ ...ingress, namespace }));
    const { errors } = judged(config);
    if (at) expect(errors).toContain(at.endsWith('rbac.namespaced') ? `${at}: ` : `${at}: ${INGRESS_NS}`);
    else expect(errors).not.toContain(INGRESS_NS);
  });
  test('the Ingress reading names the release namespace, not an empty one', () => {
    const config = withChanges(devConfig(), { traefik: { values: { providers: { kubernetesIngress: { namespaces: [''] } } } } });
    expect(judged(config).errors).toContain(`${INGRESS_NS} kube-system`);
  });
});

// 2. An IngressRoute's PathRegexp on the HTTP-01 challenge: [case, match, refused]
const CHALLENGE_TAKEN = 'cert-manager\'s HTTP-01 challenge for "shop.example.com"';
const http01 = withChanges(devConfig(), {
  traefik: { loadBalancerIPs: ['192.168.0.41'], externalCertResolvers: undefined },
  certManager: { issuers: { le: { email: 'a@example.com', solver: 'http01' } } },
  ingresses: [
    { name: 'shop', namespace: 'default', host: 'shop.example.com', path: '/app', service: 'shop', port: 80, tls: { issuer: 'le' } },
  ],
});
const SHOP = 'Host(`shop.example.com`)';
const REGEXPS: Array<[string, string, boolean]> = [
  ['Host and PathRegexp of the challenge path', `${SHOP} && PathRegexp(\`^/\\.well-known/acme-challenge/.+\`)`, true],
  ['PathRegexp before Host', `PathRegexp(\`^/\\.well-known/\`) && ${SHOP}`, true],
  ['PathRegexp alone (every host) /.*', 'PathRegexp(`/.*`)', true],
  ['PathRegexp (?i) in capitals', `${SHOP} && PathRegexp(\`(?i)^/\\.WELL-KNOWN/\`)`, true],
  ['PathRegexp alternative beside a Host', `Host(\`other.example.com\`) || (${SHOP} && PathRegexp(\`^/\\.well-known\`))`, true],
  ['PathRegexp in capitals without (?i): paths are case-sensitive', `${SHOP} && PathRegexp(\`^/\\.WELL-KNOWN/\`)`, false],
  ['PathRegexp ^/api', `${SHOP} && PathRegexp(\`^/api\`)`, false],
  ['PathRegexp alone ^/api/.*$', 'PathRegexp(`^/api/.*$`)', false],
  ['PathRegexp of the challenge on another host', `Host(\`other.example.com\`) && PathRegexp(\`^/\\.well-known/\`)`, false],
  ['PathRegexp that cannot be judged (Go-only \\z)', `${SHOP} && PathRegexp(\`^/x\\z\`)`, false],
  ['PathRegexp that may backtrack long is not run', `${SHOP} && PathRegexp(\`(a+)+(b+)+/.*\`)`, false],
];

describe('provider71: an IngressRoute PathRegexp on the HTTP-01 challenge', () => {
  test.each(REGEXPS)('%s', (_, match, refused) => {
    const { errors, warnings } = judged(
      withChanges(http01, { traefik: { values: { extraObjects: [ingressRoute(match, 'default', 100000)] } } }),
    );
    if (refused) expect(errors).toContain(`traefik.values.extraObjects[0].spec.routes[0].match: `);
    if (refused) expect(errors).toContain(CHALLENGE_TAKEN);
    else expect(errors).not.toContain(CHALLENGE_TAKEN);
    // A regexp judged not to catch the challenge leaves no doubt about it either.
    if (!refused && !/\\z|\(a\+\)/.test(match)) expect(warnings).not.toMatch(/HTTP-01|acme|cm-acme/);
  });
  test('a PathRegexp of the challenge below the solver in priority passes', () => {
    const { errors } = judged(
      withChanges(http01, {
        traefik: { values: { extraObjects: [ingressRoute(`${SHOP} && PathRegexp(\`^/\\.well-known/\`)`, 'default', 1)] } },
      }),
    );
    expect(errors).not.toContain(CHALLENGE_TAKEN);
  });
  test('a 100 kB PathRegexp rule is read and judged quickly', () => {
    const rule = `${SHOP} && PathRegexp(\`^/${'a'.repeat(99_000)}\`)`;
    ruleRoutes(SHOP);
    const start = process.cpuUsage();
    const { regexpPaths } = ruleRoutes(rule);
    regexpPaths.forEach((r) => regexpCatchesChallenge(r.regexp));
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
