import { App } from 'cdk8s';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, LoadBalancerService, TraefikIngress } from '../src/index';
import { ruleValueProblem } from '../src/ingress/rule-values';
import { MINIMAL_CONFIG_TEXT as HEADER, chart, judgedValues, thrown } from './helpers';
import { cpuMillisSince } from './cpu-time';

// Round 75a findings 9, 13, 8 and 16: what each message tells the user to write, at the door it is given at.

/** A config of the header plus `rest`: its errors, each `line:column: key.path: message`. */
const fileErrors = (rest: string): string[] =>
  parseConfigText('t.yaml', HEADER + rest).errors.map((d) => formatDiagnostic({ ...d, file: '' }).replace(/^:/, ''));
const envValue = (value: string) => `  values:\n    env:\n      - name: X\n        value: ${value}\ningresses: []\n`;

describe('75a-9: text after a closing quote says what to write, never the secret', () => {
  it.each<[string, string, string | undefined]>([
    [
      'a secret URL in quotes, a word after',
      envValue("'https://bob:Zq8vLm2Kp9Xr@git.example.com/x.git' extra"),
      "11:65: traefik.values.env[0].value: has text after its closing quote ('): put it inside the quotes or remove it",
    ],
    ['plain text in quotes, a word after', envValue("'hello world' extra"), "has text after its closing quote ('): put it inside"],
    ['double quotes, a word after', envValue('"hello world" extra'), 'has text after its closing quote ("): put it inside'],
    ['a word glued to the quote', envValue("'hello world'extra"), "has text after its closing quote ('): put it inside"],
    ['a flow list, a word after', envValue('[a, b] extra'), 'has text after its closing ]: put it inside the list or remove it'],
    ['a flow map, a word after', envValue('{a: 1} extra'), 'has text after its closing }: put it inside the map or remove it'],
    ['valid: a comment after the quote', envValue("'hello world' # extra"), undefined],
    ['valid: the word inside the quotes', envValue("'hello world extra'"), undefined],
    ['valid: a plain value with an apostrophe', envValue("don't stop"), undefined],
  ])('%s', (_, rest, expected) => {
    const errors = fileErrors(rest).join('\n');
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
    expect(errors).not.toContain('Zq8vLm2Kp9Xr');
    expect(errors).not.toContain('Unexpected scalar');
  });
});

describe('75a-13: a chart key misplaced by a level gets a did-you-mean from the values schema', () => {
  const notAKey = 'is not a key of the values schema of Traefik chart v39.0.7';
  it.each<[string, Record<string, unknown>, string | undefined]>([
    [
      'one level down (ports.web.http.redirections)',
      { ports: { web: { redirections: { entryPoint: { to: 'websecure', scheme: 'https' } } } } },
      `traefik.values.ports.web.redirections: ${notAKey}: did you mean "ports.web.http.redirections"?`,
    ],
    [
      'one level up (ports.web.expose)',
      { ports: { web: { observability: { expose: { default: true } } } } },
      `traefik.values.ports.web.observability.expose: ${notAKey}: did you mean "ports.web.expose"?`,
    ],
    [
      'under a sibling of its parent (providers.kubernetesCRD.allowCrossNamespace)',
      { providers: { kubernetesIngress: { allowCrossNamespace: true } } },
      `traefik.values.providers.kubernetesIngress.allowCrossNamespace: ${notAKey}: did you mean "providers.kubernetesCRD.allowCrossNamespace"?`,
    ],
    [
      'a misspelling known nowhere near: the old advice',
      { ports: { web: { redirectionz: {} } } },
      `traefik.values.ports.web.redirectionz: ${notAKey}: check the spelling and nesting`,
    ],
    [
      'valid: the key at its place',
      { ports: { web: { http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https' } } } } } },
      undefined,
    ],
  ])('%s', (_, values, expected) => {
    const errors = judgedValues(values, '39.0.7').errors.join('\n');
    if (expected) expect(errors).toContain(expected);
    else expect(errors).not.toContain(notAKey);
  });
});

describe('75a-8: the construct door says what to pass, not what to write in YAML', () => {
  const cluster = { kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } } };
  const props = (ingresses: unknown[]) => ({ ...cluster, traefik: { loadBalancerIPs: ['192.168.0.41'] }, ingresses });
  const ingress = { name: 'web', host: 'a.example.com', service: 'web' };
  const refusal = (make: () => void): string | undefined => {
    try {
      make();
      return undefined;
    } catch {
      return thrown(make).message;
    }
  };
  it.each<[string, () => void, string | undefined]>([
    [
      'a null ingress item',
      () => new K3sVipCluster(new App(), 'dev', props([null]) as never),
      'ingresses[0]: is null: give an object ({ name, host, service, port }) or remove the item',
    ],
    ['a null object prop', () => new K3sVipCluster(new App(), 'dev', { ...props([]), k3s: null } as never), 'k3s: is null: give an object'],
    [
      "a K3sVipCluster ingress port '80'",
      () => new K3sVipCluster(new App(), 'dev', props([{ ...ingress, port: '80' }]) as never),
      `ingresses[0].port: "80" is a string: write the number 80, not the string '80'`,
    ],
    [
      "a TraefikIngress port '80'",
      () => new TraefikIngress(chart(), 'i', { ...ingress, port: '80' }),
      `TraefikIngress: port "80" is a string: write the number 80, not the string '80'`,
    ],
    [
      "a LoadBalancerService targetPort '5432'",
      () =>
        new LoadBalancerService(chart(), 'l', {
          name: 'db',
          selector: { app: 'db' },
          ports: [{ port: 5432, targetPort: '5432' }],
          ips: ['192.168.0.42'],
        }),
      `ports[0].targetPort "5432" is a string: write the number 5432, not the string '5432'`,
    ],
    ['valid: a TraefikIngress port name', () => new TraefikIngress(chart(), 'i', { ...ingress, port: 'http' }), undefined],
    ['valid: a TraefikIngress port number', () => new TraefikIngress(chart(), 'i', { ...ingress, port: 80 }), undefined],
  ])('%s', (_, make, expected) => {
    const message = refusal(make);
    if (expected) expect(message).toContain(expected);
    else expect(message).toBeUndefined();
    expect(message ?? '').not.toContain('lines below');
    expect(message ?? '').not.toContain('without quotes');
  });

  it.each<[string, string, string]>([
    ['a null ingress item', 'ingresses: [null]\n', 'ingresses[0]: is empty: give its keys on the lines below it, indented, or remove it'],
    [
      'a quoted port',
      'ingresses:\n  - {name: web, host: a.example.com, service: web, port: "80"}\n',
      'ingresses[0].port: "80" is a quoted number: write 80 without quotes',
    ],
  ])('the config file keeps its YAML words: %s', (_, rest, expected) => {
    expect(fileErrors(rest).join('\n')).toContain(expected);
  });
});

describe('75a-16: a rule past the bounds is warned, and refused when a regexp cannot compile', () => {
  const route = (match: string) => ({
    extraObjects: [
      {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'IngressRoute',
        metadata: { name: 'r', namespace: 'default' },
        spec: { entryPoints: ['web'], routes: [{ match, kind: 'Rule', services: [{ name: 'svc', port: 80 }] }] },
      },
    ],
  });
  const nested = (levels: number) => `Host(\`a.example.com\`) && PathRegexp(\`^/${'('.repeat(levels)}a${')'.repeat(levels)}\`)`;
  const hosts = (count: number) => Array.from({ length: count }, (_, i) => `Host(\`h${i}.example.com\`)`).join(' || ');
  const cannotCompile = 'match: gives PathRegexp a regexp Go cannot compile: it nests more than 1000 levels deep';
  const past = 'match: is a rule past what this tool reads in full (over 8192 characters or 1000 tokens)';
  it.each<[string, string, { error?: string; warning?: string }]>([
    ['a 5000-level regexp (10 kB)', nested(5000), { error: cannotCompile }],
    ['a 1500-level regexp (3 kB, within the bounds)', nested(1500), { error: cannotCompile }],
    ['a valid rule over 8192 characters', hosts(400), { warning: past }],
    [
      'a valid rule of over 1000 tokens (under 8192 characters)',
      Array.from({ length: 260 }, () => 'Host(`a`)').join('||'),
      { warning: past },
    ],
    ['a long rule with a Path without /', `${hosts(400)} || Path(\`x\`)`, { error: 'gives Path "x", which does not start with /' }],
    ['valid: a short rule', hosts(3), {}],
  ])('%s', (_, match, { error, warning }) => {
    const { errors, warnings } = judgedValues(route(match), '39.0.7');
    if (error) expect(errors.join('\n')).toContain(error);
    else expect(errors.join('\n')).not.toContain('match:');
    if (warning) expect(warnings.join('\n')).toContain(warning);
    else expect(warnings.join('\n')).not.toContain(past);
  });

  beforeAll(() => ruleValueProblem(nested(10), 'v3', false));
  it.each<[string, string, boolean]>([
    ['a 100 kB nested regexp', nested(50_000), true],
    ['a 100 kB alternation', `PathRegexp(\`^/(a${'|b'.repeat(50_000)})\`)`, false],
    ['100 kB of Host matchers', hosts(5_600), false],
  ])('stays linear: %s in under 2 s', (_, match, refused) => {
    const start = process.cpuUsage();
    expect(ruleValueProblem(match, 'v3', false) !== undefined).toBe(refused);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
