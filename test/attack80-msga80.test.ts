import { parseConfigText, formatDiagnostic } from '../src/config/load';
import { INVENTORY_CONFIG_TEXT } from './helpers';

/** Round 80 (80a-2, 80a-3, 80a-5, 80a-8, 80a-14, 80a-16): the YAML front door says every problem at once, with a fix that works. */

const BASE = INVENTORY_CONFIG_TEXT;
const TRAEFIK = 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n';
const VALUES = `${BASE}${TRAEFIK}  values:\n`;

const lines = (text: string) => {
  const { errors, config } = parseConfigText('config/t.yaml', text);
  return { config, errors: errors.map(formatDiagnostic) };
};

/** A file provider's text (`content: |` is line 17 of the file, `tail` from line 30), `tail` its last lines. */
const fileProvider = (tail: string) =>
  `${VALUES}    providers:
      file:
        enabled: true
        content: |
          http:
            routers:
              r1:
                rule: Host(\`a.example.com\`)
                service: s1
            services:
              s1:
                loadBalancer:
                  servers:
                    - url: http://10.0.0.5:8080
                  passHostHeader: true
          tls:
${tail}`;

/** An IngressRoute whose rule is written as `match` (line 21 of the file), then `after`. */
const route = (match: string, after = '') =>
  `${VALUES}    extraObjects:
      - apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: {name: api, namespace: default}
        spec:
          entryPoints: [websecure]
          routes:
            - match: ${match}
              kind: Rule
              services: [{name: api, port: 80}]
${after}`;

// [name, text, parts that must be in the output (each in one line), parts that must not, how many error lines (undefined: none)]
const files: Array<[string, string, string[], string[], number | undefined]> = [
  // 80a-2: a tab in the indentation hides no other line's problem.
  [
    '80a-2 a tab, then two `a: b: c` lines',
    `${VALUES}    logs:\n\t  general:\n        level: DEBUG\n    service:\n      type: LoadBalancer: x\n    ports:\n      web: exposedPort: 80\n`,
    [
      '15:1: traefik.values.logs.general: line 15 uses a tab',
      '18:13: traefik.values.service.type: has a second ": "',
      '20:12: traefik.values.ports.web: has a second ": "',
    ],
    [],
    3,
  ],
  [
    '80a-2 a tab, then a bad escape',
    `${VALUES}    logs:\n\t  general:\n        level: DEBUG\n    image:\n      registry: "a\\db"\n`,
    ['15:1: traefik.values.logs.general: line 15 uses a tab', 'traefik.values.image.registry: holds "\\d"'],
    [],
    2,
  ],
  [
    '80a-2 a tab alone still says one line',
    `${VALUES}    logs:\n\t  general:\n        level: DEBUG\n`,
    ['15:1: traefik.values.logs.general: line 15 uses a tab', 'indent line 15 with 6 spaces'],
    [],
    1,
  ],
  // 80a-3: `key: a: b` advised as the value the key takes.
  [
    '80a-3 an entrypoint written on one line',
    `${VALUES}    ports:\n      web: exposedPort: 80\n`,
    ['15:12: traefik.values.ports.web: has a second ": "', 'web: {exposedPort: 80}'],
    ['web: "exposedPort: 80"', 'quote the value'],
    1,
  ],
  [
    '80a-3 a config map key written on one line',
    `kubeVip:\n  version: v1.2.3\n  interface: eth0\n  controlPlane: address: 192.168.0.40\n${TRAEFIK}`,
    ['4:17: kubeVip.controlPlane: has a second ": "', 'controlPlane: {address: 192.168.0.40}'],
    ['quote the value'],
    1,
  ],
  [
    '80a-3 a name with ": " is never advised in quotes',
    `${BASE}${TRAEFIK}ingresses:\n  - name: api: v2\n    host: a.example.com\n    service: s\n    port: 80\n`,
    ['ingresses[0].name: has a second ": "', 'name: api-v2'],
    ['name: "api: v2"', 'quote the value'],
    1,
  ],
  [
    '80a-3 a name with ": " inside braces',
    `${BASE}${TRAEFIK}ingresses: [{name: a, host: a.example.com, service: s, port: 80}, {name: api: v2, host: b.example.com, service: s, port: 80}]\n`,
    ['13:74: ingresses[1].name: has a second ": "', 'name: api-v2'],
    ['Block collections', 'name: "api: v2"'],
    1,
  ],
  [
    '80a-3 an entrypoint inside braces',
    `${VALUES}    ports: {web: exposedPort: 80}\n`,
    ['traefik.values.ports.web: has a second ": "', 'web: {exposedPort: 80}'],
    ['Block collections'],
    1,
  ],
  [
    '80a-3 a number with ": " is not advised in quotes',
    `${BASE}${TRAEFIK}  replicas: 2: 3\n`,
    ['traefik.replicas: has a second ": "', 'a whole number'],
    ['replicas: "2: 3"'],
    1,
  ],
  [
    '80a-3 a text value keeps the quote advice',
    `${VALUES}    image:\n      registry: docker.io: x\n`,
    ['traefik.values.image.registry: has a second ": "', 'registry: "docker.io: x"'],
    [],
    1,
  ],
  ['80a-3 the nested form passes', `${VALUES}    ports:\n      web: {exposedPort: 80}\n`, [], [], undefined],
  // 80a-5: braces around list items.
  [
    '80a-5 a list written with braces',
    `${BASE}traefik:\n  loadBalancerIPs: {192.168.0.41}\n`,
    ['traefik.loadBalancerIPs: ', '[192.168.0.41]'],
    ['- 192.168.0.41: ...'],
    1,
  ],
  [
    '80a-5 two items in braces',
    `${BASE}traefik:\n  loadBalancerIPs: {192.168.0.41, 192.168.0.42}\n`,
    ['[192.168.0.41, 192.168.0.42]'],
    ['- 192.168.0.41: ...'],
    1,
  ],
  [
    '80a-5 a mapping with values where a list goes keeps the dash advice',
    `${FLOW_KUBE_VIP()}${TRAEFIK}k3s:\n  servers:\n    name: k3s-1\n    address: 192.168.0.11\n`,
    ['k3s.servers: is a mapping, but a list is expected: start each item with "- ", e.g. "- name: ..."'],
    [],
    1,
  ],
  // 80a-8: a backslash YAML's double quotes do not keep.
  [
    '80a-8 a regexp escape in double quotes, and a problem after it',
    route('"Host(`api.example.com`) && PathRegexp(`^/v\\d+/`)"', '    ports: {web: {exposedPort: eighty}}\n'),
    ['21:65: traefik.values.extraObjects[0].spec.routes[0].match: holds "\\d"', '\\\\d', 'single quotes', 'exposedPort'],
    ['Invalid escape sequence', 'invalid YAML'],
    2,
  ],
  [
    '80a-8 a bad escape in a secret: the secret refused too, neither shown',
    `${VALUES}    env:\n      - {name: DB_PASSWORD, value: "Xk9\\qmP2vLq7wRt"}\n`,
    [
      'traefik.values.env[0].value: holds a backslash in double quotes',
      'traefik.values.env[0].value: holds a value under a key named like a secret',
    ],
    ['Xk9', '\\q'],
    2,
  ],
  ['80a-8 the same rule in single quotes passes', route("'Host(`api.example.com`) && PathRegexp(`^/v\\d+/`)'"), [], [], undefined],
  [
    '80a-8 the same rule with the backslash escaped passes',
    route('"Host(`api.example.com`) && PathRegexp(`^/v\\\\d+/`)"'),
    [],
    [],
    undefined,
  ],
  // 80a-14: a problem in a file provider's `|` text stands at its own line of the config.
  [
    '80a-14 a tab in a file provider text',
    fileProvider('          \toptions: {}\n'),
    ['30:11: traefik.values.providers.file.content: is no clean YAML (a tab as indentation'],
    ['17:18:'],
    1,
  ],
  [
    '80a-14 a key written twice in a file provider text',
    fileProvider('            options: {}\n          http:\n            routers: {}\n'),
    ['31:11: traefik.values.providers.file.content: is no clean YAML (a key written twice'],
    ['17:18:'],
    1,
  ],
  [
    '80a-14 a quoted text with escapes stays at its key',
    `${VALUES}    providers:\n      file:\n        enabled: true\n        content: "http:\\n  routers: {}\\nhttp:\\n  services: {}\\n"\n`,
    ['17:18: traefik.values.providers.file.content: is no clean YAML (a key written twice'],
    [],
    1,
  ],
  // 80a-16: a config's keys each written as a list item.
  [
    '80a-16 top-level keys as list items',
    '- kubeVip:\n    version: v1.2.3\n    interface: eth0\n    controlPlane:\n      address: 192.168.0.40\n- traefik:\n    loadBalancerIPs: [192.168.0.41]\n',
    ['1:1: is a list of 2 items', 'remove the "- " on lines 1 and 6', 'by 2 spaces'],
    ['cluster per file', 'files of their own'],
    1,
  ],
  [
    '80a-16 two whole configs as list items are still two clusters',
    '- kubeVip: {version: v1.2.3}\n  traefik: {loadBalancerIPs: [192.168.0.41]}\n- kubeVip: {version: v1.2.4}\n  traefik: {loadBalancerIPs: [192.168.0.42]}\n',
    ['keep one cluster per file'],
    ['lines 1 and 3'],
    1,
  ],
];

function FLOW_KUBE_VIP(): string {
  return 'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n';
}

describe('config door', () => {
  test.each(files)('%s', (_name, text, expected, unexpected, count) => {
    const { errors, config } = lines(text);
    const all = errors.join('\n');
    for (const part of expected) expect(all).toContain(part);
    for (const part of unexpected) expect(all).not.toContain(part);
    if (count === undefined && !expected.length) {
      expect(errors).toEqual([]);
      expect(config).toBeDefined();
    } else if (count !== undefined) expect(errors).toHaveLength(count);
  });
});
