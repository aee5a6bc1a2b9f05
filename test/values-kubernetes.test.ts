import { FILE } from './bad-configs';
import { chart, thrown } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { TraefikHelmChartConfig } from '../src/traefik/helm-chart-config';

/**
 * `traefik.values` that the chart's values schema leaves untyped, but the API server or Traefik refuses in
 * the rendered objects (attack round 3, F16): env vars, flags, and the 256 KiB of annotations per object.
 */
const HDR = 'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n';
const withValues = (values: string) => `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    ${values}\n`;
/** The errors without their line:column, which the tables need not pin. */
const errorsOf = (text: string) =>
  parseConfigText(FILE, text).errors.map((e) => formatDiagnostic(e).replace(/^config\/t\.yaml:\d+:\d+: /, `${FILE}: `));

const ENV_ITEM = 'expected an env var, e.g. "- {name: TZ, value: Europe/Berlin}"';
const FLAG = 'each item is one Traefik flag, a string such as "--log.level=DEBUG"';

describe('traefik.values.env holds Kubernetes EnvVars', () => {
  test.each<[string, string, string[]]>([
    ['a null item', 'env: [null]', [`${FILE}: traefik.values.env[0]: is null: ${ENV_ITEM}`]],
    ['a string item', 'env: [TZ=UTC]', [`${FILE}: traefik.values.env[0]: is a string: ${ENV_ITEM}`]],
    [
      'no name, a number value',
      'env: [{name: null, value: 5}]',
      [
        `${FILE}: traefik.values.env[0].name: is null: every env var needs a name, e.g. TZ`,
        `${FILE}: traefik.values.env[0].value: is 5, a number, but an env var's value is a string: quote it, "5"`,
      ],
    ],
    ['a missing name', 'env: [{value: x}]', [`${FILE}: traefik.values.env[0].name: is missing: every env var needs a name, e.g. TZ`]],
    [
      'an empty name',
      'env: [{name: "", value: x}]',
      [`${FILE}: traefik.values.env[0].name: is a string: every env var needs a name, e.g. TZ`],
    ],
    [
      'a name with a space',
      'env: [{name: "MY VAR", value: x}]',
      [
        `${FILE}: traefik.values.env[0].name: "MY VAR" is not an env var name: letters, digits, '_', '-' and '.', not starting with a digit`,
      ],
    ],
    [
      'a name starting with a digit',
      'env: [{name: 1VAR, value: x}]',
      [`${FILE}: traefik.values.env[0].name: "1VAR" is not an env var name: letters, digits, '_', '-' and '.', not starting with a digit`],
    ],
    [
      'a boolean value',
      'env: [{name: DEBUG, value: true}]',
      [`${FILE}: traefik.values.env[0].value: is true, a boolean, but an env var's value is a string: quote it, "true"`],
    ],
    [
      'a mapping value',
      'env: [{name: DEBUG, value: {a: 1}}]',
      [`${FILE}: traefik.values.env[0].value: is a mapping, but an env var's value is a string: expected text`],
    ],
    [
      'valueFrom with no source',
      'env: [{name: POD, valueFrom: {}}]',
      [
        `${FILE}: traefik.values.env[0].valueFrom: names 0 sources: expected exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef`,
      ],
    ],
    [
      'valueFrom with two sources',
      'env: [{name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}, configMapKeyRef: {name: c, key: k}}}]',
      [
        `${FILE}: traefik.values.env[0].valueFrom: names 2 sources: expected exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef`,
      ],
    ],
    [
      'value next to valueFrom',
      'env: [{name: POD, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]',
      [`${FILE}: traefik.values.env[0].value: is set next to valueFrom, which the API server refuses: keep one of the two`],
    ],
  ])('%s is refused', (_, values, errors) => {
    expect(errorsOf(withValues(values))).toEqual(errors);
  });

  test.each<[string, string]>([
    ['a plain env var', 'env: [{name: TZ, value: Europe/Berlin}]'],
    ['dots and dashes in the name', 'env: [{name: my.var-1, value: x}]'],
    ['an empty value', 'env: [{name: EMPTY, value: ""}]'],
    ['no value at all', 'env: [{name: EMPTY}]'],
    ['valueFrom alone', 'env: [{name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]'],
    ['valueFrom with an empty value', 'env: [{name: POD, value: "", valueFrom: {fieldRef: {fieldPath: metadata.name}}}]'],
  ])('%s is accepted', (_, values) => {
    expect(errorsOf(withValues(values))).toEqual([]);
  });
});

describe('traefik.values.additionalArguments is a list of strings', () => {
  test.each<[string, string, string[]]>([
    [
      'null, a number and a mapping',
      'additionalArguments: [null, 5, {a: 1}]',
      [
        `${FILE}: traefik.values.additionalArguments[0]: is null: ${FLAG}`,
        `${FILE}: traefik.values.additionalArguments[1]: is 5, a number: ${FLAG}`,
        `${FILE}: traefik.values.additionalArguments[2]: is a mapping: ${FLAG}`,
      ],
    ],
    ['a nested list', 'additionalArguments: [[--log.level=DEBUG]]', [`${FILE}: traefik.values.additionalArguments[0]: is a list: ${FLAG}`]],
    ['strings', 'additionalArguments: [--log.level=DEBUG, "--accesslog=true"]', []],
  ])('%s', (_, values, errors) => {
    expect(errorsOf(withValues(values))).toEqual(errors);
  });

  test('globalArguments, where a chart version has them, likewise (chart 34.2.0)', () => {
    const text = `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  chartVersion: 34.2.0\n  values:\n    globalArguments: [5]\n`;
    expect(errorsOf(text)).toEqual([`${FILE}: traefik.values.globalArguments[0]: is 5, a number: ${FLAG}`]);
  });

  test('the constructs get the same refusal', () => {
    const error = thrown(
      () =>
        new TraefikHelmChartConfig(chart(), 'traefik', {
          loadBalancerIPs: ['192.168.0.41'],
          values: { additionalArguments: [5], env: [{ name: 'A B', value: 'x' }] },
        }),
    );
    expect(error.problems).toEqual([
      {
        path: ['values', 'env', 0, 'name'],
        message: `"A B" is not an env var name: letters, digits, '_', '-' and '.', not starting with a digit`,
      },
      { path: ['values', 'additionalArguments', 0], message: `is 5, a number: ${FLAG}` },
    ]);
  });
});

describe('all annotations of one rendered object total at most 256 KiB (keys and values, in bytes)', () => {
  const KIB = 1024;
  /** One annotation `a` whose key and value make exactly `bytes`. */
  const annotationsOf = (bytes: number) => `{a: ${'x'.repeat(bytes - 1)}}`;
  const LIMIT = 'at most 262144 (256 KiB) for all annotations of one object';
  test.each<[string, string, string[]]>([
    [
      'pod annotations one byte over',
      `deployment: {podAnnotations: ${annotationsOf(256 * KIB + 1)}}`,
      [
        `${FILE}: traefik.values.deployment.podAnnotations: the annotations are 262145 bytes (keys and values), ${LIMIT}: the API server refuses Traefik's Deployment (its pod template carries them); move large data into a ConfigMap`,
      ],
    ],
    ['pod annotations exactly at the limit', `deployment: {podAnnotations: ${annotationsOf(256 * KIB)}}`, []],
    [
      'Deployment annotations over',
      `deployment: {annotations: ${annotationsOf(300 * KIB)}}`,
      [
        `${FILE}: traefik.values.deployment.annotations: the annotations are 307200 bytes (keys and values), ${LIMIT}: the API server refuses Traefik's Deployment; move large data into a ConfigMap`,
      ],
    ],
    [
      // The generated kube-vip.io/loadbalancerIPs annotation (39 bytes) counts too: the total is the effective one.
      'Service annotations over',
      `service: {annotations: ${annotationsOf(300 * KIB)}}`,
      [
        `${FILE}: traefik.values.service.annotations: the annotations are 307239 bytes (keys and values), ${LIMIT}: the API server refuses Traefik's Service; move large data into a ConfigMap`,
      ],
    ],
    [
      'Service annotations and annotationsTCP, each under, joined over',
      `service: {annotations: {a: ${'x'.repeat(130 * KIB)}}, annotationsTCP: {b: ${'y'.repeat(130 * KIB)}}}`,
      [
        `${FILE}: traefik.values.service.annotationsTCP: joined with service.annotations, the annotations are 266281 bytes (keys and values), ${LIMIT}: the API server refuses the TCP Service; move large data into a ConfigMap`,
      ],
    ],
    [
      'multi-byte characters count as bytes',
      `deployment: {podAnnotations: {a: ${'ü'.repeat(128 * KIB)}}}`,
      [
        `${FILE}: traefik.values.deployment.podAnnotations: the annotations are 262145 bytes (keys and values), ${LIMIT}: the API server refuses Traefik's Deployment (its pod template carries them); move large data into a ConfigMap`,
      ],
    ],
  ])('%s', (_, values, errors) => {
    expect(errorsOf(withValues(values))).toEqual(errors);
  });
});
