import { readFileSync } from 'node:fs';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src';
import { chart as newChart, configErrors, devConfig, refusalOf, valuesDoors, withChanges, withTraefikValues } from './helpers';

const clusterErrors = (props: unknown) => refusalOf(() => new K3sVipCluster(new App(), 'c', props as never));

// Attack round 13b: Traefik's flag parser (traefik/paerser v0.2.0 flag/flagparser.go `parseOne`) stops at the first
// item that does not start with `-` (D1) and gives a bare flag that is not a switch the next item (D2); the Gateway
// API provider turned off or narrowed (D9); `--entrypoints.<name>.address` (D10); resolver names keep their case (D11).
const SECRET = 'Hunter2SecretArgs13';
const { config, cluster, chart } = valuesDoors;
const everyDoor = (values: unknown) => [config(values), cluster(values), chart(values)];
const NOT_A_FLAG = /does not start with "-" and a flag name, so Traefik stops reading its flags there/;
const BARE_VALUE = /is a flag that takes a value, written without one, so Traefik takes the next item as its value/;

const PAIR = /is a flag whose value is written as the next item/;

describe('D1: an item that does not start with "-" ends Traefik\'s flags, so it is refused', () => {
  test.each<[string, unknown, string, RegExp]>([
    // 79b-9: a flag and its value apart are one problem, said at the flag.
    ['a switch with its value apart', { additionalArguments: ['--api.dashboard', 'true'] }, 'additionalArguments[0]', PAIR],
    [
      'a word before resolver flags',
      {
        additionalArguments: [
          '--log.level=INFO',
          'oops',
          '--certificatesresolvers.le.acme.email=ops@example.com',
          '--certificatesresolvers.le.acme.storage=/data/acme.json',
        ],
      },
      'additionalArguments[1]',
      NOT_A_FLAG,
    ],
    [
      'a flag with a space before its dash',
      { additionalArguments: [' --api.dashboard=true'] },
      'additionalArguments[0]',
      /starts with a space, not "-"/,
    ],
    ['a lone dash', { additionalArguments: ['-'] }, 'additionalArguments[0]', NOT_A_FLAG],
    [
      'the end of the flags',
      { additionalArguments: ['--', '--api.dashboard=true'] },
      'additionalArguments[0]',
      /is "--", which ends Traefik's flags/,
    ],
    ['a name that starts with "="', { additionalArguments: ['--=x'] }, 'additionalArguments[0]', /is no flag Traefik can read/],
    ['a secret as the next item', { additionalArguments: ['--providers.x.token', SECRET] }, 'additionalArguments[0]', PAIR],
  ])('%s: refused on every front door, naming the item, never quoting it', (_, values, at, expected) => {
    for (const errors of everyDoor(values)) {
      expect(errors).toMatch(new RegExp(`${at.replace(/[[\]]/g, '\\$&')}:? ${expected.source}`));
      expect(errors).not.toContain(SECRET);
      expect(errors).not.toContain('oops');
    }
  });

  test('the message says how to write the flag', () => {
    expect(config({ additionalArguments: ['--api.dashboard', 'true'] })).toContain('write "--api.dashboard=true" as one item');
  });

  test("globalArguments (chart 34.2.0): the word hides the chart's own flags too", () => {
    const errors = configErrors(withTraefikValues({ globalArguments: ['--global.checknewversion', 'false'] }, { chartVersion: '34.2.0' }));
    expect(errors.join('\n')).toMatch(
      /traefik\.values\.globalArguments\[0\]: is a flag whose value is written as the next item, .*"--global.checknewversion=false" .* every item after it and the chart's own flags/,
    );
  });

  test('the write gate still finds a secret given as the next item', () => {
    expect(valuesDoors.gate({ additionalArguments: ['--providers.x.token', SECRET] }).join('\n')).toContain('additionalArguments[1]');
  });

  test.each<[string, unknown]>([
    ['a switch bare', { additionalArguments: ['--api.dashboard'] }],
    ['a switch with =true, one dash', { additionalArguments: ['-api.dashboard=true', '--log.level=INFO'] }],
    ['a value with = inside it', { additionalArguments: ['--providers.kubernetesingress.labelselector=a!=b'] }],
  ])('accepted: %s', (_, values) => {
    for (const errors of everyDoor(values)) expect(errors).toBe('');
  });
});

describe('D2: every item that starts with "-" is judged as a flag, even where a bare flag before it could take it', () => {
  test.each<[string, string[], RegExp]>([
    [
      'insecure forwarded headers after two bare flags (g3a)',
      ['--log.level', '--certificatesresolvers.x.acme.storage', '--entrypoints.web.forwardedheaders.insecure'],
      /additionalArguments\[2\]:? turns on entrypoints\.web\.forwardedheaders\.insecure/,
    ],
    [
      'trust of every address after a bare flag (g3c)',
      ['--accesslog.format', '--certificatesresolvers.x.acme.storage', '--entrypoints.websecure.forwardedheaders.trustedips=0.0.0.0/0'],
      /additionalArguments\[2\]:? "0\.0\.0\.0\/0" trusts every address/,
    ],
    [
      'a bare flag that takes a value (g3a)',
      ['--log.level=INFO', '--certificatesresolvers.x.acme.storage', '--log.format=json'],
      new RegExp(`additionalArguments\\[1\\]:? ${BARE_VALUE.source}`),
    ],
  ])('%s: refused on every front door', (_, additionalArguments, expected) => {
    for (const errors of everyDoor({ additionalArguments })) expect(errors).toMatch(expected);
  });

  test('the Ingress provider turned off after a bare flag (g3b) is refused where there are Ingresses', () => {
    const values = {
      additionalArguments: ['--log.level', '--certificatesresolvers.x.acme.storage', '--providers.kubernetesingress=false'],
    };
    for (const errors of [config(values), cluster(values)]) {
      expect(errors).toMatch(/additionalArguments\[2\]:? turns Traefik's Ingress provider off/);
    }
  });

  test.each<[string, string[], string]>([
    [
      'a value flag the rules do not know, bare before a refused flag (g3a)',
      ['--log.level', '--entrypoints.web.forwardedheaders.insecure'],
      '0',
    ],
    [
      'the Ingress provider off, then on again in the value of a bare flag',
      ['--providers.kubernetesingress=false', '--accesslog.format', '--providers.kubernetesingress=true'],
      '1',
    ],
  ])('%s: the bare flag is refused on every front door', (_, additionalArguments, at) => {
    for (const errors of everyDoor({ additionalArguments })) {
      // A known option is said to take the next item (51b-10); an unknown one may be a switch.
      expect(errors).toMatch(
        new RegExp(
          `additionalArguments\\[${at}\\]:? (is a bare flag with an item after it, .* write --name=true for a switch|` +
            'is --\\S+ without a value, and it is an option that takes one, not a switch: Traefik takes the flag after it as its value)',
        ),
      );
    }
  });

  test.each<[string, string[]]>([
    [
      'known switches, bare, before other flags',
      ['--api.dashboard', '--ping', '--certificatesresolvers.le.acme.tlschallenge', '--log.level=INFO'],
    ],
    ['an unknown flag bare as the last item', ['--log.level=INFO', '--metrics.addinternals']],
  ])('control: %s is accepted', (_, additionalArguments) => {
    for (const errors of everyDoor({ additionalArguments })) expect(errors).not.toMatch(/bare flag/);
  });

  test('control: the same flags each with its value are accepted', () => {
    const values = {
      additionalArguments: ['--log.level=INFO', '--accesslog.format=json', '--entrypoints.web.forwardedheaders.insecure=false'],
    };
    for (const errors of everyDoor(values)) expect(errors).toBe('');
  });
});

describe('D10: --entrypoints.<name>.address is refused for ports.<name>.port', () => {
  test.each<[string, unknown, string]>([
    [
      "the kubelet's port on a hostNetwork DaemonSet (ep1)",
      {
        hostNetwork: true,
        deployment: { kind: 'DaemonSet' },
        updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        additionalArguments: ['--entrypoints.metrics.address=:10250/tcp'],
      },
      'metrics',
    ],
    ['web moved off its container port (ep2)', { additionalArguments: ['--entryPoints.web.address=:9080/tcp'] }, 'web'],
    ['an entrypoint of its own', { additionalArguments: ['--entrypoints.internal.address=:9999'] }, 'internal'],
  ])('%s: refused on every front door', (_, values, name) => {
    for (const errors of everyDoor(values)) {
      expect(errors).toMatch(
        new RegExp(`additionalArguments\\[0\\]:? sets the address of entrypoint ${name}, .* set ports\\.${name}\\.port`),
      );
    }
  });

  test('control: ports.web.port stays accepted', () => {
    for (const errors of everyDoor({ ports: { web: { port: 9080 } } })) expect(errors).toBe('');
  });
});

describe('D11: a resolver name is compared with its case, as Traefik keeps it', () => {
  const withResolverFlags = (name: string, certResolver: string) =>
    withChanges(devConfig(), {
      traefik: {
        externalCertResolvers: [],
        values: {
          additionalArguments: [
            `--certificatesresolvers.${name}.acme.email=ops@example.com`,
            `--certificatesresolvers.${name}.acme.storage=/data/acme.json`,
            `--certificatesresolvers.${name}.acme.tlschallenge`,
          ],
        },
      },
      ingresses: [{ ...devConfig().ingresses[0], tls: { certResolver } }],
    });

  test('"le" against a flag resolver "LE" (rc1): refused, saying the case alone differs', () => {
    const props = withResolverFlags('LE', 'le');
    for (const errors of [configErrors(props).join('\n'), clusterErrors(props)]) {
      expect(errors).toMatch(
        /ingresses\[0\]\.tls\.certResolver:? "le" is not defined, only "LE", which differs in case alone, .*: spell the resolver "le" where it is defined/,
      );
    }
  });

  test('one name in two spellings: refused', () => {
    const props = withChanges(withResolverFlags('le', 'le'), {
      traefik: {
        values: {
          additionalArguments: ['--certificatesresolvers.le.acme.storage=/data/acme.json', '--certificatesresolvers.LE.acme.tlschallenge'],
        },
      },
    });
    expect(configErrors(props).join('\n')).toMatch(/"le" is also defined as "LE", which differs in case alone/);
  });

  test('control: one spelling, the same in the flags and the Ingress, is accepted', () => {
    const props = withResolverFlags('le', 'le');
    expect(configErrors(props).join('\n')).not.toMatch(/certResolver/);
    expect(clusterErrors(props)).not.toMatch(/certResolver/);
  });
});

describe('D9: the Gateway API provider turned off or narrowed is refused while the config uses it', () => {
  const EXAMPLE = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
  const gateway = (values: unknown) => withChanges(EXAMPLE, { traefik: { values } });

  test.each<[string, unknown, RegExp]>([
    [
      'the provider off by flag (gwn5)',
      { additionalArguments: ['--providers.kubernetesgateway=false'] },
      /additionalArguments\[0\]:? turns Traefik's Gateway API provider off/,
    ],
    [
      'the provider off by flag, =0 and one dash',
      { additionalArguments: ['-providers.kubernetesGateway=0'] },
      /additionalArguments\[0\]:? turns Traefik's Gateway API provider off/,
    ],
    [
      'namespaces in the values (gwn1)',
      { providers: { kubernetesGateway: { namespaces: ['other'] } } },
      /providers\.kubernetesGateway\.namespaces:? makes Traefik's Gateway API provider watch only namespace\(s\) other, not kube-system, blog, monitoring/,
    ],
    [
      'namespaces by flag, without the Gateway (gwn2)',
      { additionalArguments: ['--providers.kubernetesgateway.namespaces=blog,monitoring'] },
      /additionalArguments\[0\]:? makes Traefik's Gateway API provider watch only namespace\(s\) blog, monitoring, not kube-system/,
    ],
    [
      'a label selector in the values',
      { providers: { kubernetesGateway: { labelSelector: 'team=x' } } },
      /providers\.kubernetesGateway\.labelSelector:? makes Traefik's Gateway API provider read only the GatewayClasses/,
    ],
    [
      'a label selector by flag (gwn4)',
      { additionalArguments: ['--providers.kubernetesgateway.labelselector=team=x'] },
      /additionalArguments\[0\]:? makes Traefik's Gateway API provider read only the GatewayClasses/,
    ],
  ])('%s: refused in a config and in K3sVipCluster', (_, values, expected) => {
    const props = gateway(values);
    expect(configErrors(props).join('\n')).toMatch(expected);
    expect(clusterErrors(props)).toMatch(expected);
  });

  test.each<[string, unknown]>([
    [
      'namespaces that hold the Gateway and every route',
      { providers: { kubernetesGateway: { namespaces: ['kube-system', 'blog', 'monitoring'] } } },
    ],
    [
      'namespaces by flag that hold them all',
      {
        additionalArguments: [
          '--providers.kubernetesgateway.namespaces=kube-system,blog',
          '--providers.kubernetesgateway.namespaces=monitoring',
        ],
      },
    ],
    ['a selector every object matches', { additionalArguments: ['--providers.kubernetesgateway.labelselector=!team'] }],
    [
      'a sub-option, next to the RBAC of traefik.gateway',
      { additionalArguments: ['--providers.kubernetesgateway.nativelbbydefault=true'] },
    ],
  ])('control: %s is accepted', (_, values) => {
    expect(configErrors(gateway(values))).toEqual([]);
  });

  test.each([
    ['--providers.kubernetesgateway=TRUE'],
    ['-providers.kubernetesgateway'],
    ['--providers.kubernetesgateway.experimentalchannel'],
    ['--Providers.KubernetesGateway.Namespaces=x'],
  ])('the provider made by %p without traefik.gateway: refused, as it has no RBAC', (flag) => {
    const props = withChanges(EXAMPLE, { traefik: { gateway: undefined, values: { additionalArguments: [flag] } }, httpRoutes: [] });
    expect(configErrors(props).join('\n')).toMatch(
      /additionalArguments\[0\]: (turns on|sets an option of) Traefik's Gateway API provider.* without its RBAC/,
    );
  });

  const chartErrors = (values: Record<string, unknown>, gateway: boolean) => {
    try {
      new TraefikHelmChartConfig(newChart(), 't', { loadBalancerIPs: ['192.168.0.41'], gateway, values });
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      'the provider off by flag',
      { additionalArguments: ['--providers.kubernetesgateway=false'] },
      /turns Traefik's Gateway API provider off/,
    ],
    [
      'namespaces without kube-system',
      { providers: { kubernetesGateway: { namespaces: ['blog'] } } },
      /providers\.kubernetesGateway\.namespaces:? makes Traefik's Gateway API provider watch only namespace\(s\) blog, not kube-system/,
    ],
    [
      'a label selector by flag',
      { additionalArguments: ['--providers.kubernetesgateway.labelselector=team=x'] },
      /read only the GatewayClasses/,
    ],
  ])('TraefikHelmChartConfig with gateway: %s is refused', (_, values, expected) => {
    expect(chartErrors(values, true)).toMatch(expected);
  });

  test('TraefikHelmChartConfig: a flag that makes the provider without the gateway prop is refused; namespaces with kube-system are not', () => {
    expect(chartErrors({ additionalArguments: ['--providers.kubernetesgateway=TRUE'] }, false)).toMatch(
      /additionalArguments\[0\]:? turns on Traefik's Gateway API provider without its RBAC.*set the gateway prop/,
    );
    expect(chartErrors({ providers: { kubernetesGateway: { namespaces: ['kube-system'] } } }, true)).toBe('');
  });
});
