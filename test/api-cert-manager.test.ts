import { App, Chart } from 'cdk8s';
import {
  AcmeClusterIssuer,
  CertManagerHelmChart,
  ClusterIssuerProps,
  TraefikHelmChartConfig,
  TraefikHelmChartConfigProps,
  TraefikIngress,
} from '../src/index';
import { thrown } from './helpers';

/** The message a construct throws (fails when it throws none, or another kind). */
const messageOf = (build: () => void): string => thrown(build).message;

const chart = () => new Chart(new App(), 'test');

describe('CertManagerHelmChart', () => {
  test.each([
    ['latest', 'CertManagerHelmChart: version "latest" is not a version: expected a release tag such as "v1.2.3"'],
    ['v1.011.0', 'CertManagerHelmChart: version "v1.011.0" has a leading zero: write "v1.11.0"'],
    [
      'v1.14.5',
      'CertManagerHelmChart: version "v1.14.5" is older than the oldest supported cert-manager v1.15.0: older charts install ' +
        "their CRDs without helm.sh/resource-policy: keep (crds.keep), and K3s' helm-controller uninstalls a release after a " +
        'failed upgrade (failurePolicy reinstall) or when the HelmChart is deleted, which would delete every Certificate and ' +
        'Issuer with the CRDs: use v1.15.0 or newer (newest known: v1.21.1)',
    ],
  ])('refuses version %s', (version, message) => {
    expect(messageOf(() => new CertManagerHelmChart(chart(), 'cm', { version }))).toBe(message);
  });

  test.each(['v1.15.0', '1.15.0', 'v1.21.1', 'v1.22.0'])('accepts version %s and writes it as a tag', (version) => {
    const c = chart();
    new CertManagerHelmChart(c, 'cm', { version });
    expect(c.toJson()[0].spec.version).toBe(version.startsWith('v') ? version : `v${version}`);
  });
});

describe('AcmeClusterIssuer', () => {
  const good: ClusterIssuerProps = { name: 'letsencrypt', email: 'ops@example.com', server: 'staging', solver: 'http01' };
  const dns01 = (tokenSecret: { name: string; key: string }, provider = 'cloudflare') =>
    ({ dns01: { provider, tokenSecret } }) as unknown as ClusterIssuerProps['solver'];

  test.each<[string, Partial<ClusterIssuerProps>, string]>([
    [
      'name',
      { name: 'Lets_Encrypt' },
      `name "Lets_Encrypt" is not a valid name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit (upper-case letters are not allowed: "lets-encrypt")`,
    ],
    [
      'email',
      { email: 'ops' },
      'email "ops" is not a plain e-mail address (letters, digits and the other RFC 5322 atext symbols before the @, no quote or backslash, a domain after it): ACME needs a real one for account notices',
    ],
    ['server', { server: 'prod' }, 'server "prod" is not an https:// URL: e.g. "https://acme-staging-v02.api.letsencrypt.org/directory"'],
    [
      'solver',
      { solver: 'dns01' as 'http01' },
      'solver "dns01" is not a solver: expected "http01" or { dns01: { provider, tokenSecret } }',
    ],
    [
      'DNS provider',
      { solver: dns01({ name: 'cf', key: 'token' }, 'route53') },
      'solver.dns01.provider "route53" is not a supported DNS provider: expected "cloudflare"',
    ],
    [
      'token Secret name',
      { solver: dns01({ name: 'cf token', key: 'token' }) },
      // Never quoted: a token pasted there by mistake (42a-8).
      `solver.dns01.tokenSecret.name is not a valid Secret name (the value is not shown: a password may have been pasted here): use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit`,
    ],
    [
      'token Secret key',
      { solver: dns01({ name: 'cf', key: 'api/token' }) },
      `solver.dns01.tokenSecret.key is not a valid Secret key (the value is not shown: a password may have been pasted here): use letters, digits, '-', '_' and '.'`,
    ],
  ])('refuses a bad %s', (_, change, message) => {
    expect(messageOf(() => new AcmeClusterIssuer(chart(), 'i', { ...good, ...change }))).toBe(`AcmeClusterIssuer: ${message}`);
  });

  test('reports every bad prop at once', () => {
    const message = messageOf(() => new AcmeClusterIssuer(chart(), 'i', { ...good, name: 'a b', email: 'x', server: 'http://acme' }));
    expect(message.split('\n').map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'AcmeClusterIssuer: name',
      'AcmeClusterIssuer: email',
      'AcmeClusterIssuer: server',
    ]);
  });

  test.each<Partial<ClusterIssuerProps>>([
    {},
    { server: 'production' },
    { server: 'https://acme.example.com/directory' },
    { solver: dns01({ name: 'cloudflare-token', key: 'api-token' }) },
  ])('accepts %j', (change) => {
    expect(() => new AcmeClusterIssuer(chart(), 'i', { ...good, ...change })).not.toThrow();
  });
});

describe('TraefikIngress clusterIssuer', () => {
  const ingress = { name: 'app', host: 'app.example.com', serviceName: 'app', servicePort: 80 };

  test('refuses a name that is no ClusterIssuer name', () => {
    expect(messageOf(() => new TraefikIngress(chart(), 'i', { ...ingress, clusterIssuer: 'lets encrypt' }))).toBe(
      `TraefikIngress: clusterIssuer "lets encrypt" is not a valid name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit`,
    );
  });

  test('accepts one', () => {
    expect(() => new TraefikIngress(chart(), 'i', { ...ingress, clusterIssuer: 'letsencrypt.prod' })).not.toThrow();
  });
});

describe('TraefikHelmChartConfig replicas and values', () => {
  const props: TraefikHelmChartConfigProps = { loadBalancerIPs: ['192.168.0.41'] };

  test.each([0, 1.5, 101])('refuses replicas %p', (replicas) => {
    expect(messageOf(() => new TraefikHelmChartConfig(chart(), 't', { ...props, replicas }))).toBe(
      `TraefikHelmChartConfig: replicas ${replicas} is not a replica count: expected a whole number from 1 to 100`,
    );
  });

  test.each([1, 100])('accepts replicas %p', (replicas) => {
    expect(() => new TraefikHelmChartConfig(chart(), 't', { ...props, replicas })).not.toThrow();
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      'a key the generator writes',
      { deployment: { replicas: 3 } },
      'values.deployment.replicas is 3, but replicas makes this tool write 2 there: change replicas instead, or drop the key from values',
    ],
    ['a misspelt top-level key', { log: { level: 'DEBUG' } }, 'values.log is not a value of Traefik chart v39.0.7: did you mean "logs"?'],
    [
      'a value of the wrong type',
      { logs: { access: { enabled: 'yes' } } },
      'values.logs.access.enabled is a string, but the values schema of Traefik chart v39.0.7 expects boolean: "yes" is text here (a config is read as YAML 1.2), not true as in Helm\'s YAML 1.1: write true',
    ],
  ])('refuses %s in values', (_, values, message) => {
    expect(messageOf(() => new TraefikHelmChartConfig(chart(), 't', { ...props, replicas: 2, values }))).toBe(
      `TraefikHelmChartConfig: ${message}`,
    );
  });

  test('accepts values the chart knows', () => {
    expect(() => new TraefikHelmChartConfig(chart(), 't', { ...props, values: { logs: { access: { enabled: true } } } })).not.toThrow();
  });
});
