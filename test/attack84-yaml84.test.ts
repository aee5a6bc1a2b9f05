import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { goYamlKey, goYamlScalar, GoScalarTag } from '../src/core/go-yaml-scalars';
import { devConfig, refusalOf, withChanges } from './helpers';

// 83a-19: an extraObjects text item is rendered by the chart (`tpl`) and read by Helm with sigs.k8s.io/yaml (go-yaml v2,
// YAML 1.1 scalars): `defaultMode: 0644` is 420 there, `hostNetwork: yes` true. The rules judge what Helm applies.

const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
function doors(item: unknown) {
  const config = withChanges(devConfig(), { traefik: { ...devConfig().traefik, values: { extraObjects: [item] } } });
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  return {
    file: parsed.errors.map(line).join('\n'),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config as never)),
    chart: refusalOf(
      () =>
        new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: { extraObjects: [item] } as Record<string, unknown>,
        }),
    ),
  };
}

/** A Pod manifest as text, with `spec` lines (indented by 2) after its container. */
const podText = (spec: string, labels = 'app: p', container = '') =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    '  namespace: default',
    `  labels: {${labels}}`,
    'spec:',
    '  containers:',
    '    - name: c',
    '      image: nginx:1.27',
    '      volumeMounts: [{name: cfg, mountPath: /etc/app}]',
    ...(container ? [`      ${container}`] : []),
    ...spec.split('\n').map((l) => `  ${l}`),
    '',
  ].join('\n');
const volume = (source: string) => `volumes:\n  - name: cfg\n    ${source}`;

describe('83a-19: a text item is read as Helm reads it (YAML 1.1 scalars), at every door', () => {
  it.each<[string, string]>([
    ['configMap defaultMode 0644 (octal 420)', podText(volume('configMap: {name: app, defaultMode: 0644}'))],
    [
      'configMap defaultMode 0755 and an item mode 0600',
      podText(volume('configMap: {name: app, defaultMode: 0755, items: [{key: a, path: a, mode: 0600}]}')),
    ],
    ['projected defaultMode 0644', podText(volume('projected: {defaultMode: 0644, sources: [{configMap: {name: app}}]}'))],
    ['defaultMode 0o644 (Go reads 0o as octal too)', podText(volume('configMap: {name: app, defaultMode: 0o644}'))],
    ['defaultMode 420 as written', podText(volume('configMap: {name: app, defaultMode: 420}'))],
    ['hostNetwork: no', podText(`hostNetwork: no\n${volume('configMap: {name: app}')}`)],
    ['hostNetwork: off', podText(`hostNetwork: off\n${volume('configMap: {name: app}')}`)],
    [
      'a string field 1:20 (no base-60 in go-yaml v2) and an image',
      podText(volume('configMap: {name: app}'), 'app: p', 'env: [{name: T, value: 1:20}]'),
    ],
    ['a label written "on", quoted', podText(volume('configMap: {name: app}'), 'app: "on"')],
  ])('passes: %s', (_, text) => {
    expect(doors(text)).toEqual({ file: '', cluster: '', chart: '' });
  });

  it.each<[string, string]>([
    ['yes', 'yes'],
    ['on', 'on'],
    ['Y', 'Y'],
    ['True', 'True'],
  ])('hostNetwork: %s is a hostNetwork pod, not a type error', (_, word) => {
    const { file, cluster, chart } = doors(podText(`hostNetwork: ${word}\n${volume('configMap: {name: app}')}`));
    for (const said of [file, cluster, chart]) {
      expect(said).toMatch(/extraObjects\[0\]\.spec\.hostNetwork:? is true/);
      expect(said).toContain("on the node's own network");
      expect(said).not.toContain('expects boolean');
    }
  });

  it('a label value on is the boolean true for Helm: refused at the label, saying why and what to write', () => {
    const { file, cluster, chart } = doors(podText(volume('configMap: {name: app}'), 'app: on'));
    for (const said of [file, cluster, chart]) {
      expect(said).toMatch(/extraObjects\[0\]\.metadata\.labels\.app:? is true; the Kubernetes [0-9.]+ schema of Pod expects string: /);
      expect(said).toContain(
        'Helm reads this text with sigs.k8s.io/yaml (YAML 1.1 scalars), where the unquoted on is true: write "on", in quotes',
      );
      expect(said).not.toContain('"true"');
    }
  });

  it('a label value 0644 is the number 420 for Helm: the message says so, and to quote what was written', () => {
    const { file, chart } = doors(podText(volume('configMap: {name: app}'), 'app: 0644'));
    for (const said of [file, chart]) {
      expect(said).toMatch(/extraObjects\[0\]\.metadata\.labels\.app:? is 420; /);
      expect(said).toContain('where the unquoted 0644 is 420: write "0644", in quotes');
    }
  });

  it('defaultMode 0999 is no octal: Go reads the float 999, as YAML 1.2 reads 999: refused as 999', () => {
    const { file, cluster } = doors(podText(volume('configMap: {name: app, defaultMode: 0999}')));
    for (const said of [file, cluster]) {
      expect(said).toMatch(/extraObjects\[0\]\.spec\.volumes\[0\]\.configMap\.defaultMode:? is 999, not an integer from 0 to 0777/);
      expect(said).not.toContain('YAML 1.1');
    }
  });

  it('a map item is read as the config is (YAML 1.2), unchanged: 644 is refused, 420 passes', () => {
    const mapPod = (mode: number) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [{ name: 'c', image: 'nginx:1.27', volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }] }],
        volumes: [{ name: 'cfg', configMap: { name: 'app', defaultMode: mode } }],
      },
    });
    expect(doors(mapPod(644)).file).toContain('configMap.defaultMode: is 644, not an integer from 0 to 0777 (511)');
    expect(doors(mapPod(644)).file).not.toContain('YAML 1.1');
    expect(doors(mapPod(420))).toEqual({ file: '', cluster: '', chart: '' });
  });
});

describe('83a-19: go-yaml v2 scalars (sigs.k8s.io/yaml goyaml.v2/resolve.go)', () => {
  it.each<[string, GoScalarTag, unknown]>([
    ['yes', '', true],
    ['Y', '', true],
    ['ON', '', true],
    ['True', '', true],
    ['yES', '', 'yES'],
    ['no', '', false],
    ['n', '', false],
    ['Off', '', false],
    ['0644', '', 420],
    ['0o644', '', 420],
    ['0O644', '', 420],
    ['0x1F', '', 31],
    ['0X1F', '', 31],
    ['+0x1F', '', 31],
    ['-0b11', '', -3],
    ['1_000', '', 1000],
    ['_1', '', '_1'],
    ['08', '', 8],
    ['1:20', '', '1:20'],
    ['1.5', '', 1.5],
    ['.5', '', 0.5],
    ['~', '', null],
    ['', '', null],
    ['2024-01-05', '', '2024-01-05'],
    ['.inf', '', Infinity],
    ['1e999', '', '1e999'],
    ['nginx:1.27', '', 'nginx:1.27'],
    ['-0x8000000000000001', '', '-0x8000000000000001'],
    ['0644', 'int', 420],
    ['yes', 'bool', true],
    ['0644', 'str', '0644'],
    ['5', 'float', 5],
    ['abc', 'int', undefined],
  ])('%j (tag %j) reads as %j', (text, tag, value) => {
    expect(goYamlScalar(text, tag)?.value).toEqual(value);
  });

  it('numbers past int64: a decimal is a float, an unsigned hex a big integer, a leading-0 one the decimal float', () => {
    expect(goYamlScalar('99999999999999999999')?.kind).toBe('float');
    expect(goYamlScalar('0x1FFFFFFFFFFFFFFFF')?.kind).toBe('int');
    expect(goYamlScalar('07777777777777777777777')).toEqual({ kind: 'float', value: Number('7777777777777777777777') });
  });

  it.each<[string, string | undefined]>([
    ['on', 'true'],
    ['no', 'false'],
    ['0644', '420'],
    ['1.5', '1.5'],
    ['1e6', '1e+06'],
    ['1000000', '1000000'],
    ['0.1', '0.1'],
    ['3.14159265358979', '3.1415927'],
    ['0.00001', '1e-05'],
    ['~', undefined],
    ['0x1FFFFFFFFFFFFFFFF', undefined],
  ])('the key %j is the JSON key %j', (text, key) => {
    expect(goYamlKey(goYamlScalar(text)!)).toBe(key);
  });
});
