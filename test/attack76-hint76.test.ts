import { App } from 'cdk8s';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { unreadChartKeys } from '../src/traefik/chart-unread-keys';
import { traefikValuesSchema } from '../src/traefik/values-schema';
import { MINIMAL_CONFIG_TEXT as HEADER, thrown } from './helpers';
import { cpuMillisSince } from './cpu-time';

// Round 76b findings 3, 19, 16 and 7: every message says what to write, at the door it is given at.

const shown = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '' }).replace(/^:/, '');
/** A config of the header plus `rest`: its errors and its warnings, each `line:column: key.path: message`. */
const run = (rest: string) => {
  const { errors, warnings } = parseConfigText('t.yaml', HEADER + rest);
  return { errors: errors.map(shown).join('\n'), warnings: warnings.map(shown).join('\n') };
};
const values = (body: string) => `  values:\n${body}`;
const chartKey = 'is not a value of Traefik chart v39.0.7';
const schemaKey = 'is not a key of the values schema of Traefik chart v39.0.7';

describe('76b-3: a key one level off says where it goes', () => {
  it.each<[string, string, string | undefined]>([
    [
      'a chart value among the first-class keys',
      '  extraObjects: []\n',
      'traefik.extraObjects: unknown key "extraObjects": it is a value of Traefik chart v39.0.7: move it under values (write traefik.values.extraObjects)',
    ],
    ['another chart value there', '  ports: {}\n', 'move it under values (write traefik.values.ports)'],
    [
      'a first-class key among the chart values',
      values('    loadBalancerIPs: [192.168.0.42]\n'),
      `traefik.values.loadBalancerIPs: ${chartKey}: it is this tool's own key: move it one level up, beside traefik.values`,
    ],
    ['redirectToHttps among the chart values', values('    redirectToHttps: true\n'), "it is this tool's own key: move it one level up"],
    [
      'a top-level key among the chart values',
      values('    ingresses: []\n'),
      `traefik.values.ingresses: ${chartKey}: it is this tool's own key: move it to the top level, beside traefik`,
    ],
    ['a same-level typo keeps its did-you-mean', '  redirectToHTTPS: true\n', 'did you mean "redirectToHttps"?'],
    ['a chart-value typo keeps its did-you-mean', values('    extraObject: []\n'), `${chartKey}: did you mean "extraObjects"?`],
    ['an unknown word keeps the old advice', values('    zzzqqq: 1\n'), `${chartKey}: check the chart's values.yaml`],
    ['valid: the chart value under values', values('    extraObjects: []\n'), undefined],
    ['valid: the first-class key where it belongs', '  redirectToHttps: true\n', undefined],
  ])('%s', (_, rest, expected) => {
    const { errors } = run(rest);
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  it('both misplaced keys are listed beside a misspelt key fixed to the same path', () => {
    const { errors } = run(`  redirectToHTTPS: true\n${values('    redirectToHttps: true\n    ingresses: []\n')}ingress: []\n`);
    expect(errors).toContain('traefik.values.redirectToHttps:');
    expect(errors).toContain('traefik.values.ingresses:');
  });
});

describe('76b-19: one- and two-letter slips get a did-you-mean among the keys at the same place', () => {
  it.each<[string, string, string | undefined]>([
    [
      'exposePort',
      values('    ports:\n      websecure:\n        exposePort: 443\n'),
      `ports.websecure.exposePort: ${schemaKey}: did you mean "ports.websecure.exposedPort"?`,
    ],
    [
      'allowCrossNamespaces',
      values('    providers:\n      kubernetesCRD: {allowCrossNamespaces: true}\n'),
      'did you mean "providers.kubernetesCRD.allowCrossNamespace"?',
    ],
    [
      'a far word still gets none',
      values('    ports:\n      websecure:\n        zzzqqqxx: 1\n'),
      `websecure.zzzqqqxx: ${schemaKey}: check the spelling and nesting`,
    ],
    ['one level down still found', values('    ports:\n      websecure:\n        tls: {}\n'), 'did you mean "ports.websecure.http.tls"?'],
    ['valid: exposedPort', values('    ports:\n      websecure:\n        exposedPort: 443\n'), undefined],
  ])('%s', (_, rest, expected) => {
    const { errors } = run(rest);
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  it.each<[string, string, string | undefined]>([
    [
      'tlsStore.default.defaultcertificate',
      values('    tlsStore:\n      default: {defaultcertificate: {secretName: c}}\n'),
      'tlsStore.default.defaultcertificate: is not a key Traefik chart v39.0.7 reads in a tlsStore entry',
    ],
    [
      'tlsOptions.o1.minversion',
      values('    tlsOptions:\n      o1: {minversion: VersionTLS12}\n'),
      'tlsOptions.o1.minversion: is not a key Traefik chart v39.0.7 reads in a tlsOptions entry (its TLSOption), so it is dropped without a word: did you mean "minVersion"?',
    ],
    [
      'tlsOptions.o1.<far word> lists the keys',
      values('    tlsOptions:\n      o1: {zzzqqq: 1}\n'),
      'check the spelling: it takes alpnProtocols, cipherSuites',
    ],
    ['valid: deployment.replicas', values('    deployment: {replicas: 2}\n'), undefined],
    [
      'valid: dashboard with known keys',
      values('    ingressRoute:\n      dashboard: {enabled: false, matchRule: "PathPrefix(`/x`)"}\n'),
      undefined,
    ],
    ['valid: tlsStore default certificate', values('    tlsStore:\n      default: {defaultCertificate: {secretName: c}}\n'), undefined],
    [
      'valid: tlsOptions known keys',
      values('    tlsOptions:\n      o1: {minVersion: VersionTLS12, sniStrict: true, labels: {a: b}}\n'),
      undefined,
    ],
  ])('open chart map: %s', (_, rest, expected) => {
    const { errors, warnings } = run(rest);
    expect(errors).toBe('');
    if (expected) expect(warnings).toContain(expected);
    else expect(warnings).not.toContain('dropped without a word');
  });

  // 78b-11: a slip the values schema tells (it lists the keys beside it) is an error now, as its flag would be.
  it.each<[string, string, string]>([
    [
      'deployment.replica',
      values('    deployment: {replica: 2}\n'),
      'traefik.values.deployment.replica: is not a key of the values schema of Traefik chart v39.0.7, and the chart reads only the keys it lists there, so it would drop this one without a word: did you mean "deployment.replicas"?',
    ],
    [
      'ingressRoute.dashboard.enable',
      values('    ingressRoute:\n      dashboard: {enable: true}\n'),
      'did you mean "ingressRoute.dashboard.enabled"?',
    ],
    [
      'ingressRoute.dashboard.matchrule',
      values('    ingressRoute:\n      dashboard: {matchrule: "PathPrefix(`/x`)"}\n'),
      'did you mean "ingressRoute.dashboard.matchRule"?',
    ],
  ])('schema slip, refused: %s', (_, rest, expected) => {
    const { errors, warnings } = run(rest);
    expect(errors).toContain(expected);
    expect(warnings).not.toContain('dropped without a word');
  });

  it('is linear on a 100 kB map of unknown keys', () => {
    const schema = traefikValuesSchema('39.0.7')!;
    const deployment = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`k${i}${'x'.repeat(100)}`, 1]));
    const tlsOptions = { o1: Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`minversio${i}`, 1])) };
    unreadChartKeys({ deployment: { replica: 1 } }, schema.json, schema.tag);
    const start = process.cpuUsage();
    const found = unreadChartKeys({ deployment, tlsOptions }, schema.json, schema.tag);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
    expect(found).toHaveLength(1800);
  });
});

describe('76b-7: type refusals say what to write', () => {
  it.each<[string, string, string]>([
    [
      'a quoted boolean in the chart values',
      values('    ingressRoute: {dashboard: {enabled: "true"}}\n'),
      'expects boolean: write true without quotes',
    ],
    ['a quoted false', values('    ingressRoute: {dashboard: {enabled: "false"}}\n'), 'expects boolean: write false without quotes'],
    ['a quoted count keeps its fix', values('    ports: {web: {port: "8000"}}\n'), 'write 8000 without quotes'],
    ['a text where a list goes', values('    additionalArguments: "--log.level=DEBUG"\n'), 'expects array: give a list, even of one item'],
    [
      'a number in ConfigMap data',
      values(
        '    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: a, namespace: default}\n        data: {n: 5}\n',
      ),
      'data.n: is 5; the Kubernetes 1.27 schema of ConfigMap expects string: write it as text, in quotes: "5"',
    ],
    [
      'a boolean in ConfigMap data',
      values(
        '    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: a, namespace: default}\n        data: {b: true}\n',
      ),
      'expects string: write it as text, in quotes: "true"',
    ],
    [
      'tls: true on an ingress',
      'ingresses:\n  - {name: x, host: a.example.com, service: s, port: 80, path: /, tls: true}\n',
      'ingresses[0].tls: true is a boolean: expected a mapping of keys (certResolver, issuer), such as {certResolver: ...}',
    ],
  ])('%s', (_, rest, expected) => {
    expect(run(rest).errors).toContain(expected);
  });

  it.each<[string, string]>([
    ['valid: an unquoted boolean', values('    ingressRoute: {dashboard: {enabled: true}}\n')],
    [
      'valid: quoted ConfigMap data',
      values(
        '    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: a, namespace: default}\n        data: {n: "5"}\n',
      ),
    ],
    ['valid: a list of arguments', values('    additionalArguments: ["--log.level=DEBUG"]\n')],
  ])('%s', (_, rest) => {
    expect(run(rest).errors).toBe('');
  });
});

describe('76b-16 and 76b-7: the construct door gives TypeScript advice', () => {
  const cluster = { kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } } };
  const refusal = (props: unknown): string => thrown(() => new K3sVipCluster(new App(), 'c', props as never)).message;
  it.each<[string, unknown, string, string | undefined]>([
    [
      'a string where an array goes',
      { ...cluster, traefik: { loadBalancerIPs: '192.168.0.41' } },
      'traefik.loadBalancerIPs: "192.168.0.41" is a string: write it as an array: [\'192.168.0.41\']',
      '[192.168.0.41]',
    ],
    [
      'tls: true on an ingress',
      {
        ...cluster,
        traefik: { loadBalancerIPs: ['192.168.0.41'] },
        ingresses: [{ name: 'x', host: 'a.example.com', service: 's', port: 80, path: '/', tls: true }],
      },
      'ingresses[0].tls: true is a boolean: expected an object such as { certResolver: ... } (keys: certResolver, issuer)',
      'mapping',
    ],
  ])('%s', (_, props, expected, notYaml) => {
    const message = refusal(props);
    expect(message).toContain(expected);
    if (notYaml) expect(message).not.toContain(notYaml);
  });

  it('the config file keeps its YAML advice for the same slip', () => {
    const { errors } = parseConfigText('t.yaml', HEADER.replace('[192.168.0.41]', '192.168.0.41'));
    expect(errors.map(shown).join('\n')).toContain('is a string: write it as a list: [192.168.0.41]');
  });
});
