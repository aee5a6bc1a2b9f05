import { App, Testing } from 'cdk8s';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { takesMultiLineText } from '../src/core/snapshot';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { chart, devConfig, thrown } from './helpers';

/**
 * Attack round 4 A18: a line break or tab is data in chart values the Traefik chart renders with `toYaml`
 * (the file provider's content, extraObjects, annotation and env values), in a config file and in construct
 * props alike; elsewhere (names, hosts, flags, values a template may interpolate raw) it is still refused,
 * and other control characters everywhere.
 */

const HDR =
  'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n';
const errorsOf = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);

/** Valid: [case, YAML under `traefik.values`, the same values as props, text the HelmChartConfig must carry]. */
const ACCEPTED: Array<[string, string, Record<string, unknown>, string]> = [
  [
    "the chart's providers.file.content (a YAML file)",
    '    providers:\n      file:\n        enabled: true\n        content: |\n          http:\n            middlewares:\n              hsts:\n                headers: {stsSeconds: 31536000}\n',
    { providers: { file: { enabled: true, content: 'http:\n  middlewares:\n    hsts:\n      headers: {stsSeconds: 31536000}\n' } } },
    'headers: {stsSeconds: 31536000}',
  ],
  [
    'a ConfigMap file in extraObjects',
    '    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: dyn, namespace: kube-system}\n        data:\n          dynamic.yaml: |\n            http:\n              routers: {}\n',
    {
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'dyn', namespace: 'kube-system' },
          data: { 'dynamic.yaml': 'http:\n  routers: {}\n' },
        },
      ],
    },
    'routers: {}',
  ],
  [
    'a two-line pod annotation',
    '    deployment:\n      podAnnotations:\n        note: "line1\\nline2"\n',
    { deployment: { podAnnotations: { note: 'line1\nline2' } } },
    'line2',
  ],
  ['a tab in an env value', '    env:\n      - {name: SEP, value: "a\\tb"}\n', { env: [{ name: 'SEP', value: 'a\tb' }] }, 'SEP'],
  [
    'a tab in the file content',
    '    providers:\n      file:\n        content: "a:\\tb"\n',
    { providers: { file: { content: 'a:\tb' } } },
    'content',
  ],
];

/** Refused: [case, YAML under `traefik.values`, the same values as props, the message's key path and words]. */
const REFUSED: Array<[string, string, Record<string, unknown>, string]> = [
  [
    'a line break in a flag (additionalArguments)',
    '    additionalArguments: ["--log.level=INFO\\n--api.insecure=true"]\n',
    { additionalArguments: ['--log.level=INFO\n--api.insecure=true'] },
    'additionalArguments[0]: "--log.level=INFO\\n--api.insecure=true" holds a control character (a line break: this value is one line): remove it',
  ],
  [
    'a line break in an image tag (a template interpolates it raw)',
    '    image:\n      tag: "v3.3.2\\nx: y"\n',
    { image: { tag: 'v3.3.2\nx: y' } },
    'image.tag: "v3.3.2\\nx: y" holds a control character (a line break: this value is one line)',
  ],
  [
    "a line break in an extra object's name",
    '    extraObjects:\n      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "a\\nb"}}\n',
    { extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a\nb' } }] },
    'extraObjects[0].metadata.name: "a\\nb" holds a control character (a line break',
  ],
  [
    "a line break in an extra object's kind",
    // Named: the other fields are still judged once the kind is left out (one run reports every problem).
    '    extraObjects:\n      - {apiVersion: v1, kind: "Config\\nMap", metadata: {name: x, namespace: default}}\n',
    { extraObjects: [{ apiVersion: 'v1', kind: 'Config\nMap', metadata: { name: 'x', namespace: 'default' } }] },
    'extraObjects[0].kind: "Config\\nMap" holds a control character (a line break',
  ],
  [
    "a line break in kube-vip's lease annotation (a Lease name)",
    '    service:\n      annotations:\n        kube-vip.io/leaseName: "a\\nb"\n',
    { service: { annotations: { 'kube-vip.io/leaseName': 'a\nb' } } },
    'service.annotations["kube-vip.io/leaseName"]: "a\\nb" holds a control character (a line break',
  ],
  [
    'a tab in a port name',
    '    ports:\n      web:\n        expose: {default: "a\\tb"}\n',
    { ports: { web: { expose: { default: 'a\tb' } } } },
    'ports.web.expose.default: "a\\tb" holds a control character (a tab)',
  ],
  [
    'an escape in the file content (multi-line text holds line breaks and tabs only)',
    '    providers:\n      file:\n        content: "a\\u001bb"\n',
    { providers: { file: { content: 'a\u001bb' } } },
    'providers.file.content: "a\\u001bb" holds a control character: remove it',
  ],
  [
    'a carriage return in an annotation',
    '    deployment:\n      podAnnotations:\n        note: "a\\rb"\n',
    { deployment: { podAnnotations: { note: 'a\rb' } } },
    'deployment.podAnnotations.note: "a\\rb" holds a control character: remove it',
  ],
];

describe('a config file', () => {
  test.each(ACCEPTED)('accepts %s', (_, yaml) => {
    expect(errorsOf(`${HDR}  values:\n${yaml}`)).toEqual([]);
  });

  test.each(REFUSED)('refuses %s', (_, yaml, _props, message) => {
    const errors = errorsOf(`${HDR}  values:\n${yaml}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`traefik.values.${message}`);
  });

  test('accepts a tab inside a comment (YAML allows it there)', () => {
    expect(errorsOf(`${HDR.replace('[192.168.0.41]', '[192.168.0.41]\t# the\tVIP')}# a\tcomment\n`)).toEqual([]);
  });

  test('still refuses a tab that indents, and a line break in a first-class value', () => {
    expect(errorsOf(`${HDR}\tvalues: {}\n`)[0]).toMatch(/line 4 uses a tab for indentation; YAML needs spaces/);
    expect(errorsOf(HDR.replace('interface: eth0', 'interface: "eth0\\nx"'))[0]).toContain(
      'kubeVip.interface: "eth0\\nx" holds a control character (a line break: this value is one line): remove it',
    );
  });
});

describe('construct props, the same way', () => {
  const clusterWith = (values: Record<string, unknown>) => ({ ...devConfig(), traefik: { ...devConfig().traefik, values } });

  test.each(ACCEPTED)('K3sVipCluster and TraefikHelmChartConfig accept %s', (_, _yaml, values, written) => {
    expect(() => new K3sVipCluster(Testing.app(), 'c', clusterWith(values))).not.toThrow();
    const c = chart();
    new TraefikHelmChartConfig(c, 't', { loadBalancerIPs: ['192.168.0.41'], values });
    const valuesContent = (Testing.synth(c)[0] as { spec: { valuesContent: string } }).spec.valuesContent;
    expect(valuesContent).toContain(written);
  });

  test.each(REFUSED)('K3sVipCluster and TraefikHelmChartConfig refuse %s', (_, _yaml, values, message) => {
    expect(thrown(() => new K3sVipCluster(new App(), 'c', clusterWith(values))).message).toContain(`traefik.values.${message}`);
    const words = message.replace(/^(\S+): /, '$1 ');
    expect(thrown(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values })).message).toContain(
      `values.${words}`,
    );
  });
});

describe('where multi-line text is data', () => {
  test.each<[Array<string | number>, boolean]>([
    [['traefik', 'values', 'providers', 'file', 'content'], true],
    [['values', 'providers', 'file', 'content'], true],
    [['traefik', 'values', 'extraObjects', 0, 'data', 'a.yaml'], true],
    [['traefik', 'values', 'extraObjects', 0, 'spec', 'template', 'x'], true],
    [['traefik', 'values', 'extraObjects', 0, 'metadata', 'annotations', 'a'], true],
    [['traefik', 'values', 'extraObjects', 0, 'metadata', 'name'], false],
    [['traefik', 'values', 'extraObjects', 0, 'metadata', 'labels', 'a'], false],
    [['traefik', 'values', 'extraObjects', 0, 'kind'], false],
    [['traefik', 'values', 'extraObjects', 0], true], // an item written as text: read as manifests (23b-12)
    [['traefik', 'values', 'extraObjects'], false],
    [['traefik', 'values', 'extraObjects', 0, 'metadata', 'annotations', 'kube-vip.io/loadbalancerIPs'], false],
    [['traefik', 'values', 'service', 'annotations', 'a'], true],
    [['traefik', 'values', 'service', 'annotations', 'kube-vip.io/leaseName'], false],
    [['traefik', 'values', 'service', 'annotations', 'kube-vip.io/loadbalancerIPs'], false],
    [['traefik', 'values', 'env', 0, 'value'], true],
    [['traefik', 'values', 'env', 0, 'name'], false],
    [['traefik', 'values', 'additionalArguments', 0], false],
    [['traefik', 'values', 'image', 'tag'], false],
    [['ingresses', 0, 'annotations', 'a'], false],
    [['kubeVip', 'interface'], false],
  ])('%j: %s', (path, expected) => {
    expect(takesMultiLineText(path)).toBe(expected);
  });
});

describe('multi-line text that sets a secret on one of its lines is refused, never quoted', () => {
  const S = 'Hunter2Secret';
  test.each<[string, string, string]>([
    [
      'a password in the file provider content',
      `    providers:\n      file:\n        content: |\n          http:\n            middlewares:\n              auth:\n                basicAuth: {}\n          password: ${S}A\n`,
      'traefik.values.providers.file.content: holds text that sets a value under a key named like a secret (key: value, key = value, or JSON), on its line 5',
    ],
    [
      "a token in a ConfigMap's file",
      `    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: a}\n        data:\n          app.yaml: |\n            api:\n              token: ${S}B\n`,
      'traefik.values.extraObjects[0].data["app.yaml"]: holds text that sets a value under a key named like a secret (key: value, key = value, or JSON), on its line 2',
    ],
    [
      'an env file whose entry is named like a secret',
      `    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: a}\n        data:\n          env.yaml: |\n            - name: DB_PASSWORD\n              value: ${S}C\n`,
      // Its line and the kind its data read as YAML holds (44a-15), not the whole text's kind without a line.
      'holds a value under a key named like a secret, on its line 2 (in its data read as YAML or JSON)',
    ],
  ])('%s', (_, yaml, expected) => {
    const errors = errorsOf(`${HDR}  values:\n${yaml}`);
    expect(errors.join('\n')).toContain(expected);
    expect(errors.join('\n')).not.toContain(S);
  });
});
