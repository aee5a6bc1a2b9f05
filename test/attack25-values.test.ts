import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { configErrors, devConfig, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 24b-11 and 24a-9 (annotations), and a tab inside block text: values the chart renders into a
 * release that fails or an Ingress that cannot be reached were accepted, and a legal tab was refused.
 */
/** The reference config, whose one Ingress is HTTPS (websecure), and the same Ingress on plain HTTP (web). */
const tlsIngress = devConfig;
const plainIngress = () => withChanges(devConfig(), { ingresses: [{ ...devConfig().ingresses[0], tls: undefined }] });
/** A chart without a vendored values schema (so no schema reports a null), and the vendored default (v39.x). */
const UNVENDORED = { chartVersion: '38.0.1' };
const VENDORED = {};

describe('24b-11: a chart default dropped with a null', () => {
  const dropsEntrypoint = (key: string, entrypoint: string, scheme: string) =>
    `config/t.yaml: traefik.values.${key}: is null, which drops the chart's entrypoint ${entrypoint} (Helm removes a default given ` +
    `as null), so ingresses[0] (${scheme}://k3s.code-place-dev.site) cannot be reached on the VIP: remove the key`;
  const healthchecks = (key: string, chart: string) =>
    `config/t.yaml: traefik.values.${key}: drops the chart's ports.traefik (Helm removes a default given as null), and Traefik chart ` +
    `${chart} then fails ("When disabling traefik port, you need to specify \`deployment.healthchecksPort\`"): remove the key, or set ` +
    'traefik.values.deployment.healthchecksPort: 8080, where Traefik then opens its own traefik entrypoint for /ping (or the port of ' +
    'the entrypoint a --ping.entrypoint flag names)';

  test.each([
    [
      'ports.websecure: null, unvendored chart',
      { ports: { websecure: null } },
      UNVENDORED,
      tlsIngress(),
      dropsEntrypoint('ports.websecure', 'websecure', 'https'),
    ],
    [
      'ports.websecure: null, vendored chart',
      { ports: { websecure: null } },
      VENDORED,
      tlsIngress(),
      dropsEntrypoint('ports.websecure', 'websecure', 'https'),
    ],
    [
      'ports.web: null, unvendored chart',
      { ports: { web: null } },
      UNVENDORED,
      plainIngress(),
      dropsEntrypoint('ports.web', 'web', 'http'),
    ],
    ['ports: null, unvendored chart', { ports: null }, UNVENDORED, tlsIngress(), healthchecks('ports', '38.0.1')],
    ['ports: null, vendored chart', { ports: null }, VENDORED, tlsIngress(), healthchecks('ports', '39.0.7')],
    [
      'ports.traefik: null, unvendored chart',
      { ports: { traefik: null } },
      UNVENDORED,
      tlsIngress(),
      healthchecks('ports.traefik', '38.0.1'),
    ],
    [
      'ports.traefik: null, chart before the healthchecksPort guard',
      { ports: { traefik: null } },
      { chartVersion: '23.0.0' },
      tlsIngress(),
      "config/t.yaml: traefik.values.ports.traefik: drops the chart's ports.traefik (Helm removes a default given as null), but Traefik " +
        "chart 23.0.0's probes read ports.traefik.port, so its templates fail: remove the key",
    ],
  ])('%s is refused', (_, values, traefik, base, expected) => {
    expect(configErrors(withTraefikValues(values, traefik, base))).toContain(expected);
  });

  test('ports: null with deployment.healthchecksPort still leaves no Service port', () => {
    const errors = configErrors(withTraefikValues({ ports: null, deployment: { healthchecksPort: 8080 } }, UNVENDORED));
    expect(errors).toEqual([expect.stringMatching(/^config\/t\.yaml: traefik\.values\.ports: leaves Traefik's own Service with no port/)]);
  });

  test.each([
    ['ports.websecure: null while every Ingress is plain HTTP', { ports: { websecure: null } }, UNVENDORED, plainIngress()],
    ['ports.metrics: null', { ports: { metrics: null } }, UNVENDORED, tlsIngress()],
    [
      'ports.traefik: null with deployment.healthchecksPort',
      // 8080: Traefik's own traefik entrypoint, where /ping then answers (any other port is refused, attack36-probes.test.ts).
      { ports: { traefik: null }, deployment: { healthchecksPort: 8080 } },
      UNVENDORED,
      tlsIngress(),
    ],
    ['ports.traefik: null where v23.2 probes ports.web', { ports: { traefik: null } }, { chartVersion: '23.2.0' }, tlsIngress()],
  ])('control: %s is accepted', (_, values, traefik, base) => {
    expect(configErrors(withTraefikValues(values, traefik, base))).toEqual([]);
  });
});

describe('24a-9: an annotation value that is not a text', () => {
  const refused = (key: string, shown: string, object: string, fix: string) =>
    `config/t.yaml: traefik.values.${key}: ${shown}, but an annotation's value must be a text, and the chart writes it unchanged, so ` +
    `the API server refuses ${object} and the whole Traefik release fails: ${fix}`;
  const extra = (annotations: object, enabled?: boolean) => ({
    ports: { web: { expose: { default: true, extra: true } } },
    service: { additionalServices: { extra: { ...(enabled === undefined ? {} : { enabled }), annotations } } },
  });

  test.each([
    [
      'a map as the lease name',
      { service: { annotations: { 'kube-vip.io/leaseName': { a: 'b' } } } },
      refused('service.annotations["kube-vip.io/leaseName"]', 'is an object', "Traefik's Service", 'write a text'),
    ],
    [
      'a number in annotationsTCP',
      { service: { annotationsTCP: { note: 1 } } },
      refused('service.annotationsTCP.note', '1 is a number', "Traefik's Service", 'quote it ("1")'),
    ],
    [
      'a boolean on an additional Service',
      extra({ note: true }),
      refused('service.additionalServices.extra.annotations.note', 'true is a boolean', 'Service traefik-extra', 'quote it ("true")'),
    ],
    [
      "a number on Traefik's Deployment",
      { deployment: { annotations: { note: 2.5 } } },
      refused('deployment.annotations.note', '2.5 is a number', "Traefik's Deployment (or DaemonSet)", 'quote it ("2.5")'),
    ],
    [
      "a list on Traefik's pods",
      { deployment: { podAnnotations: { note: ['a'] } } },
      refused('deployment.podAnnotations.note', 'is a list', "Traefik's pods", 'write a text'),
    ],
  ])('%s is refused', (_, values, expected) => {
    expect(configErrors(withTraefikValues(values))).toContain(expected);
  });

  test.each([
    ['quoted texts', { service: { annotations: { note: '1' } }, deployment: { podAnnotations: { flag: 'true' } } }],
    ['a null (an empty text)', { service: { annotations: { note: null } } }],
    ['a number on a disabled additional Service (not rendered)', extra({ note: 1 }, false)],
  ])('control: %s accepted', (_, values) => {
    expect(configErrors(withTraefikValues(values))).toEqual([]);
  });
});

describe('a tab inside block text', () => {
  const HDR =
    'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n';
  const errorsOf = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);
  /** An extraObjects item written as `|` text (indented 8 spaces in the file). */
  const textItem = (lines: string) =>
    `${HDR}  values:\n    extraObjects:\n      - |\n` +
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dyn, namespace: kube-system}\ndata:\n${lines}`
      .split('\n')
      .map((line) => (line ? `        ${line}` : line))
      .join('\n');

  test.each([
    ['a tab starting a line of its inner block text', '  a.txt: |\n    x\n    \ty\n'],
    ['a tab-only line of its inner block text', '  a.txt: |\n    x\n    \t\n    y\n'],
    ['(control) a tab inside a value', '  a.txt: "x\ty"\n'],
  ])('accepts %s', (_, lines) => {
    expect(errorsOf(textItem(lines))).toEqual([]);
  });

  test('accepts a tab after the indentation of providers.file.content', () => {
    expect(errorsOf(`${HDR}  values:\n    providers:\n      file:\n        content: |\n          a: |\n            \tb\n`)).toEqual([]);
  });

  test('refuses a tab that indents the item text itself, as that text does not parse', () => {
    expect(errorsOf(textItem('\ta.txt: x\n'))).toEqual([
      expect.stringContaining(
        'traefik.values.extraObjects[0]: is text that does not parse cleanly as YAML (a tab as indentation, at line 5',
      ),
    ]);
  });

  test('refuses a tab after fewer spaces than the block text is indented with', () => {
    expect(errorsOf(`${HDR}  values:\n    providers:\n      file:\n        content: |\n          a: 1\n      \tb: 2\n`)).toEqual([
      expect.stringMatching(/line 9 uses a tab for indentation; YAML needs spaces/),
    ]);
  });

  test('refuses a tab that indents the file, below a block text', () => {
    expect(errorsOf(`${textItem('  a.txt: x\n')}\tglobalArguments: []\n`)).toEqual([
      expect.stringMatching(/line 12 uses a tab for indentation; YAML needs spaces/),
    ]);
  });
});
