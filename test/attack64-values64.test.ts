// Round 64 (values64): 64b-1 (chart log keys unchecked on charts without a vendored values schema), 64b-2 (a Service
// port name held to the 15-character IANA_SVC_NAME rule), 64b-7 (an additional Service key making an invalid Service
// name), 64b-9 (hexadecimal floats without a `p` exponent), 64b-11 (the Helm-release bound named only the dist file).
// Refused rows name the key path at the config, K3sVipCluster and TraefikHelmChartConfig doors; must-pass rows pass all.
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, LoadBalancerService } from '../src';
import { chart, configErrors, devConfig, refusalOf, withChanges } from './helpers';
import { ruleDoors } from './rule-doors';

const args = (...items: string[]) => ({ additionalArguments: items });
const logs = (general: object, access: object = {}) => ({ logs: { general, access } });

describe('64b-1, 64b-7, 64b-9: refused at every door, the key path and the rule named', () => {
  it.each([
    ['v27 logs.general.level bogus', logs({ level: 'bogus' }), '27.0.2', 'logs.general.level', /not a log level/],
    ['v27 logs.general.level DISABLED (v2 has none)', logs({ level: 'DISABLED' }), '27.0.2', 'logs.general.level', /not a log level/],
    ['v27 logs.general.format JSON', logs({ format: 'JSON' }), '27.0.2', 'logs.general.format', /write json/],
    [
      'v27 logs.access.format genericCLF (v2)',
      logs({}, { enabled: true, format: 'genericCLF' }),
      '27.0.2',
      'logs.access.format',
      /common, json/,
    ],
    ['v28 logs.general.level loud (v3)', logs({ level: 'loud' }), '28.0.0', 'logs.general.level', /not a log level/],
    ['v33 logs.access.format XML', logs({}, { enabled: true, format: 'XML' }), '33.0.0', 'logs.access.format', /format Traefik knows/],
    [
      'additional Service key Internal_X',
      {
        service: { additionalServices: { Internal_X: { type: 'ClusterIP' } } },
        ports: { web: { expose: { default: true, Internal_X: true } } },
      },
      '39.0.7',
      'service.additionalServices.Internal_X',
      /traefik-Internal_X.*not a valid Service name/,
    ],
    [
      'additional Service key a.b',
      { service: { additionalServices: { 'a.b': { type: 'ClusterIP' } } }, ports: { web: { expose: { default: true, 'a.b': true } } } },
      '39.0.7',
      'service.additionalServices',
      /not a valid Service name/,
    ],
    ['buckets flag 1,0x10', args('--metrics.prometheus.buckets=1,0x10'), '39.0.7', 'additionalArguments', /list of numbers/],
    ['buckets key "1,0x10"', { metrics: { prometheus: { buckets: '1,0x10' } } }, '39.0.7', 'metrics.prometheus.buckets', /numbers/],
    ['tracing.sampleRate=0x1', args('--tracing.sampleRate=0x1'), '39.0.7', 'additionalArguments', /a number/],
    ['tracing.sampleRate=1__0', args('--tracing.sampleRate=1__0'), '39.0.7', 'additionalArguments', /a number/],
    ['tracing.sampleRate=+nan', args('--tracing.sampleRate=+nan'), '39.0.7', 'additionalArguments', /a number/],
  ])('%s', (_name, values, chartVersion, key, rule) => {
    const doors = ruleDoors(values, chartVersion);
    const line = doors.errors.find((text) => text.includes(key)) ?? doors.errors.join('\n');
    expect(line).toContain(key);
    expect(line).toMatch(rule);
    for (const refusal of [doors.cluster, doors.chart]) {
      expect(refusal).toContain(key);
      expect(refusal).toMatch(rule);
    }
  });

  it('v2 names no level it falls back to (ERROR is v3 only)', () => {
    expect(ruleDoors(logs({ level: 'bogus' }), '27.0.2').errors.join('\n')).not.toContain('logs at ERROR');
    expect(ruleDoors(logs({ level: 'bogus' }), '28.0.0').errors.join('\n')).toContain('logs at ERROR');
  });
});

describe('64b neighbours that Traefik and the API server read as meant pass every door', () => {
  it.each([
    ['v27 levels in any case', logs({ level: 'debug' }), '27.0.2'],
    ['v27 WARNING (logrus)', logs({ level: 'WARNING' }), '27.0.2'],
    ['v27 formats json and common', logs({ format: 'json' }, { enabled: true, format: 'common' }), '27.0.2'],
    ['v27 access format unread while the access log is off', logs({}, { enabled: false, format: 'genericCLF' }), '27.0.2'],
    ['v33 DISABLED (v3)', logs({ level: 'DISABLED' }), '33.0.0'],
    ['v33 access genericCLF (v3)', logs({}, { enabled: true, format: 'genericCLF' }), '33.0.0'],
    [
      'additional Service key internal-x',
      {
        service: { additionalServices: { 'internal-x': { type: 'ClusterIP' } } },
        ports: { web: { expose: { default: true, 'internal-x': true } } },
      },
      '39.0.7',
    ],
    ['buckets with a hex float 0x1p-2', args('--metrics.prometheus.buckets=0x1p-2,1,1_0'), '39.0.7'],
    ['sampleRate 0x.8p0, 1e-1, .5', args('--tracing.sampleRate=0x.8p0', '--tracing.sampleRate=1e-1', '--tracing.sampleRate=.5'), '39.0.7'],
  ])('%s', (_name, values, chartVersion) => {
    const doors = ruleDoors(values, chartVersion);
    expect([doors.errors.join('\n'), doors.cluster, doors.chart]).toEqual(['', '', '']);
  });
});

describe('64b-2: a Service port name is a DNS-1123 label (up to 63, digits only allowed)', () => {
  const balancer = (name: string, targetPort?: string) => ({
    name: 'db',
    selector: { app: 'db' },
    ports: [{ port: 5432, name, ...(targetPort && { targetPort }) }],
    ips: ['192.168.0.42'],
  });
  const doors = (name: string, targetPort?: string) => {
    const config = withChanges(devConfig(), { loadBalancers: [balancer(name, targetPort)] });
    return [
      configErrors(config).join('\n'),
      refusalOf(() => new K3sVipCluster(new App(), 'c', config)),
      refusalOf(() => new LoadBalancerService(chart(), 's', balancer(name, targetPort))),
    ];
  };
  it.each([['postgres-primary-rw'], ['5432'], ['a'.repeat(63)], ['p1']])('%s passes', (name) => {
    expect(doors(name)).toEqual(['', '', '']);
  });
  it.each([
    ['Primary', /not a Service port name/],
    ['a_b', /not a Service port name/],
    ['-rw', /not a Service port name/],
    ['a'.repeat(64), /64 characters, at most 63/],
  ])('%s is refused at ports[0].name', (name, rule) => {
    for (const refusal of doors(name)) {
      expect(refusal).toMatch(/ports(\[0\]|\.0)\.name/);
      expect(refusal).toMatch(rule);
    }
  });
  it('a targetPort name stays an IANA_SVC_NAME (15 characters)', () => {
    for (const refusal of doors('db', 'postgres-primary-rw')) expect(refusal).toMatch(/targetPort/);
  });
});

describe('64b-11: a Helm release over 1 MiB is refused at traefik.values.extraObjects', () => {
  // ~810 kB of pseudo-random five-letter words (deflate cannot shrink them below the bound), as the attack's case.
  let seed = 1;
  const letter = () => String.fromCharCode(97 + (Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % 26));
  const words = Array.from({ length: 135000 }, () => Array.from({ length: 5 }, letter).join(''));
  const text = Array.from({ length: Math.ceil(words.length / 12) }, (_, i) => words.slice(i * 12, i * 12 + 12).join(' ')).join('\n');
  const big = (data: string) => ({
    extraObjects: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'kube-system' }, data: { 'notes.txt': data } },
    ],
  });
  // The text as a literal block, as a person writes it: under the config file's own 1 MiB.
  const errorsOf = (data: string) =>
    parseConfigText(
      'config/t.yaml',
      stringify(withChanges(devConfig(), { traefik: { values: big(data) } }), { lineWidth: 0, blockQuote: 'literal' }),
    )
      .errors.map((d) => formatDiagnostic({ ...d, line: undefined }))
      .join('\n');
  it('refused at the key, not the dist file', () => {
    const errors = errorsOf(text);
    expect(errors).toContain('traefik.values.extraObjects: makes a Helm release of at least');
    expect(errors).not.toContain('traefik-config.yaml');
    expect(errors).not.toContain(text.slice(0, 40));
  });
  it('a third of it passes', () => {
    expect(errorsOf(text.slice(0, text.length / 3))).toBe('');
  });
});
