import { FILE } from './bad-configs';
import * as format from '../src/config/formats';
import { formatDiagnostic, parseConfigText } from '../src/config/load';

/**
 * Every problem at once, and the fix where there is one (attack round 3, F22): a merge key the reader
 * leaves out hides nothing else of a document that parsed; an internationalised host gets its punycode form.
 */
const KV = 'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n';
const TRAEFIK = 'traefik: {loadBalancerIPs: [192.168.0.41]}\n';
const MERGE = 'merge keys (`<<: *anchor`) are not supported: write the keys out in full';
const errorsOf = (text: string) => parseConfigText(FILE, text).errors.map(formatDiagnostic);

describe('a merge key is reported with every other problem of the document', () => {
  test.each<[string, string, string[]]>([
    [
      'in kubeVip, next to an unknown top-level key and no Traefik VIP',
      'a: &x [1]\nkubeVip: {version: v1.2.3, <<: {interface: eth0}}\n',
      [
        `${FILE}:1:1: a: unknown key "a". Allowed here: kubeVip, traefik, certManager, ingresses, httpRoutes, loadBalancers, k3s, gitops`,
        `${FILE}:1:1: traefik.loadBalancerIPs: is missing and no IP pool serves namespace kube-system, so Traefik would stay <pending>: give fixed addresses, or add kubeVip.services.ipPool.global (or namespaces.kube-system)`,
        `${FILE}:2:28: kubeVip: ${MERGE}`,
      ],
    ],
    [
      'in one Ingress, next to a bad host in another: the merged Ingress says nothing more',
      `${KV}${TRAEFIK}base: &b {service: s, port: 80}\ningresses:\n  - {<<: *b, name: a, host: a.example.com}\n  - {name: b, host: 'B_AD', service: s, port: 80}\n`,
      [
        `${FILE}:3:1: base: unknown key "base". Allowed here: kubeVip, traefik, certManager, ingresses, httpRoutes, loadBalancers, k3s, gitops`,
        `${FILE}:5:6: ingresses[0]: ${MERGE}`,
        `${FILE}:6:21: ingresses[1].host: "B_AD" is not a valid DNS host name: expected lower-case labels of letters, digits and '-' separated by dots, e.g. "app.example.com" or "*.example.com" (upper-case letters are not allowed: "b-ad")`,
      ],
    ],
    [
      "at the top: a section written beside it is the user's own (a merge is shallow), so its problems are reported",
      `<<: {a: 1}\n${KV}traefik: {loadBalancerIPs: [bad]}\n`,
      [
        `${FILE}:1:1: ${MERGE}`,
        `${FILE}:3:29: traefik.loadBalancerIPs[0]: "bad" is not an IP address: expected an IPv4 address such as "192.168.0.40" or an IPv6 address such as "fd00::40"`,
      ],
    ],
    [
      'alone in a config that is otherwise whole: still an error',
      `${KV}traefik: {<<: {replicas: 1}, loadBalancerIPs: [192.168.0.41]}\n`,
      [`${FILE}:2:11: traefik: ${MERGE}`],
    ],
  ])('%s', (_, text, errors) => {
    expect(errorsOf(text)).toEqual(errors);
    expect(parseConfigText(FILE, text).config).toBeUndefined();
  });

  test('a problem the data cannot be read past still stands alone (an alias to no anchor)', () => {
    expect(errorsOf(`${KV}${TRAEFIK}k3s: {version: *nothing}\nx: {<<: {a: 1}}\n`)).toEqual([
      `${FILE}:3:16: k3s.version: *nothing refers to no anchor: define \`&nothing\` on a value above it, or write the value out`,
      `${FILE}:4:5: x: ${MERGE}`,
    ]);
  });
});

describe('an internationalised host name gets its punycode form', () => {
  test.each<[string, string]>([
    ['bücher.example.com', 'xn--bcher-kva.example.com'],
    ['*.bücher.example.com', '*.xn--bcher-kva.example.com'],
    ['Bücher.Example.com', 'xn--bcher-kva.example.com'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
  ])('%s: write %s', (host, ascii) => {
    expect(format.ingressHost(host)).toBe(`"${host}" holds non-ASCII letters, which a host name carries as punycode: write "${ascii}"`);
    expect(format.ingressHost(ascii)).toBeUndefined();
  });

  test('a non-ASCII host with no valid ASCII form gets the general message', () => {
    expect(format.ingressHost('bü cher.example.com')).toMatch(/^"bü cher\.example\.com" is not a valid DNS host name/);
  });

  test('in a config, the message names the file and key', () => {
    expect(errorsOf(`${KV}${TRAEFIK}ingresses: [{name: a, host: bücher.example.com, service: s, port: 80}]\n`)).toEqual([
      `${FILE}:3:29: ingresses[0].host: "bücher.example.com" holds non-ASCII letters, which a host name carries as punycode: write "xn--bcher-kva.example.com"`,
    ]);
  });
});

describe('N15: a merge key hides only what its merged keys explain, never the keys written beside it', () => {
  const BASE = 'base: &b {interface: eth0}\n';
  const UNKNOWN_BASE = `${FILE}:1:1: base: unknown key "base". Allowed here: kubeVip, traefik, certManager, ingresses, httpRoutes, loadBalancers, k3s, gitops`;
  const VERSION = (column: number) =>
    `${FILE}:2:${column}: kubeVip.version: "banana" is not a version: expected a release tag such as "v1.2.3"`;
  const ADDRESS = (column: number) =>
    `${FILE}:2:${column}: kubeVip.controlPlane.address: "999.1.1.1" is not an IP address: expected an IPv4 address such as "192.168.0.40" or an IPv6 address such as "fd00::40"`;
  const BOGUS = (column: number) =>
    `${FILE}:2:${column}: kubeVip.bogus: unknown key "bogus". Allowed here: version, mode, interface, controlPlane, services, bgp, leaderElection`;
  test.each<[string, string, string[]]>([
    [
      'every sibling problem beside the merge key (attack 5, m3)',
      `${BASE}kubeVip: {version: banana, <<: *b, controlPlane: {address: 999.1.1.1}, bogus: 1}\n${TRAEFIK}`,
      [UNKNOWN_BASE, VERSION(20), `${FILE}:2:28: kubeVip: ${MERGE}`, ADDRESS(60), BOGUS(72)],
    ],
    [
      'an unknown sibling key beside a valid version (m2)',
      `${BASE}kubeVip: {version: v1.2.3, <<: *b, controlPlane: {address: 192.168.0.40}, bogus: 1}\n${TRAEFIK}`,
      [UNKNOWN_BASE, `${FILE}:2:28: kubeVip: ${MERGE}`, BOGUS(75)],
    ],
    [
      'a missing key the merge would have brought is not reported (interface)',
      `${BASE}kubeVip: {<<: *b, version: v1.2.3, controlPlane: {address: 192.168.0.40}}\n${TRAEFIK}`,
      [UNKNOWN_BASE, `${FILE}:2:11: kubeVip: ${MERGE}`],
    ],
    [
      'in a list item: its written sibling is reported, the merged keys are not',
      `${KV}${TRAEFIK}base: &b {service: s, port: 80}\ningresses:\n  - {<<: *b, name: a, host: 'B_AD'}\n`,
      [
        `${FILE}:3:1: base: unknown key "base". Allowed here: kubeVip, traefik, certManager, ingresses, httpRoutes, loadBalancers, k3s, gitops`,
        `${FILE}:5:6: ingresses[0]: ${MERGE}`,
        `${FILE}:5:29: ingresses[0].host: "B_AD" is not a valid DNS host name: expected lower-case labels of letters, digits and '-' separated by dots, e.g. "app.example.com" or "*.example.com" (upper-case letters are not allowed: "b-ad")`,
      ],
    ],
  ])('%s', (_, text, errors) => {
    expect(errorsOf(text)).toEqual(errors);
  });
});
