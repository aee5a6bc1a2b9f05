import { FILE } from './bad-configs';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 76b: a refusal lists every problem at once. A misspelt key's right spelling no longer hides a rule finding that
 * holds with the key read as meant (76b-13); every problem of one router rule is in its message (76b-10); a YAML slip
 * that blanking the tab lines cannot cause is said beside the tab message, and a key indented under a key that holds
 * its value on its line is said at the key, with the indent to write (76b-6).
 */
const HDR = 'kubeVip:\n  version: v1.2.3\n  interface: eth0\n  controlPlane:\n    address: 192.168.0.40\n';
const errorsOf = (text: string) => parseConfigText(FILE, text).errors.map(formatDiagnostic);

const route = (rule: string) =>
  `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    ingressRoute:\n      r1:\n        enabled: true\n        matchRule: ${rule}\n        entryPoints: [websecure]\n        services: [{name: frontend, port: 80}]\n`;
const item = (rule: string) =>
  `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    extraObjects:\n      - apiVersion: traefik.io/v1alpha1\n        kind: IngressRoute\n        metadata: {name: r1, namespace: kube-system}\n        spec:\n          entryPoints: [websecure]\n          routes:\n            - kind: Rule\n              match: ${rule}\n              services: [{name: frontend, port: 80}]\n`;
const ingress = (name: string, resolver: string) =>
  `  - {name: ${name}, host: ${name}.example.com, service: s, port: 80, tls: {certResolver: ${resolver}}}\n`;
const TWO = 'Host(`a.example.com`,`b.example.com`) && ClientIP(`10.0.0.300`)';

describe('every problem of a config in one run (76b-6, 76b-10, 76b-13)', () => {
  test.each<[string, string, { has?: string[]; hasNot?: string[]; count?: number }]>([
    // 76b-13
    [
      'a misspelt first-class key does not hide values.certResolvers on chart v39',
      `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  certResolver:\n    le: {email: a@example.com}\n  values:\n    certResolvers:\n      le2: {email: a@example.com, tlsChallenge: true}\n    additionalArguments: "--log.level=DEBUG"\n    ingresses: []\ningress:\n  - name: x\n`,
      {
        has: ['traefik.certResolver: unknown key', 'traefik.values.certResolvers: is not read by Traefik chart', 'ingress: unknown key'],
        count: 5,
      },
    ],
    [
      'values.certResolvers alone is still refused',
      `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    certResolvers:\n      le2: {email: a@example.com, tlsChallenge: true}\n`,
      { has: ['traefik.values.certResolvers: is not read by Traefik chart'], count: 1 },
    ],
    [
      'a resolver the misspelt key defines is no follow-on finding; one it does not define still is',
      `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  certResolver:\n    le: {email: a@example.com}\ningresses:\n${ingress('a', 'le')}${ingress('b', 'nope')}`,
      {
        has: ['traefik.certResolver: unknown key', 'ingresses[1].tls.certResolver: "nope" is not defined'],
        hasNot: ['"le" is not defined'],
        count: 2,
      },
    ],
    [
      'a misspelt key whose value is refused at its right spelling too keeps the findings naming it held back',
      `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  certResolver:\n    le: {email: 7}\ningresses:\n${ingress('a', 'le')}`,
      { has: ['traefik.certResolver: unknown key'], hasNot: ['"le" is not defined'], count: 1 },
    ],
    [
      'spelt right, nothing is said',
      `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  certResolvers:\n    le: {email: a@example.com}\ningresses:\n${ingress('a', 'le')}`,
      { count: 0 },
    ],
    // 76b-10
    [
      "a chart ingressRoute rule names both its v3 count slip and its ClientIP's",
      route(TWO),
      {
        has: [
          'r1.matchRule: gives Host 2 value(s)',
          '; and gives ClientIP "10.0.0.300", which is no IP address',
          'write one such as 192.168.0.0/24',
        ],
        count: 1,
      },
    ],
    [
      "an extraObjects IngressRoute's rule names both",
      item(TWO),
      { has: ['routes[0].match: gives Host 2 value(s)', '; and gives ClientIP "10.0.0.300"'], count: 1 },
    ],
    [
      'two bad values in one rule are both named',
      route('ClientIP(`10.0.0.300`) || Path(`x`)'),
      { has: ['gives ClientIP "10.0.0.300"', ', and gives Path "x", which does not start with /', 'write Path(`/x`)'], count: 1 },
    ],
    [
      'one bad value stays one plain message',
      route('Host(`a.example.com`) && ClientIP(`10.0.0.300`)'),
      { has: ['r1.matchRule: gives ClientIP "10.0.0.300"'], hasNot: ['; and', ', and gives'], count: 1 },
    ],
    ['a good rule passes', route('Host(`a.example.com`) && ClientIP(`10.0.0.0/8`)'), { count: 0 }],
    ['a good extraObjects rule passes', item('Host(`a.example.com`) && ClientIP(`10.0.0.0/8`)'), { count: 0 }],
    // 76b-6
    [
      'a tab line does not hide text after a closing quote above it',
      'kubeVip:\n  version: "v1.2.3"x\n  interface: eth0\n  controlPlane:\n   address: 192.168.0.40\ntraefik:\n\tloadBalancerIPs: [192.168.0.41]\n',
      {
        has: [
          `${FILE}:2:20: kubeVip.version: has text after its closing quote`,
          `${FILE}:7:1: traefik.loadBalancerIPs: line 7 uses a tab for indentation`,
        ],
        count: 2,
      },
    ],
    [
      'a tab line alone is one message',
      `${HDR}traefik:\n\tloadBalancerIPs: [192.168.0.41]\n`,
      { has: [`${FILE}:7:1: traefik.loadBalancerIPs: line 7 uses a tab for indentation`], count: 1 },
    ],
    [
      'a key indented under a key with its value on its line: at the key, with the indent to write',
      `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n    redirectToHttps: true\n`,
      {
        has: [
          `${FILE}:8:5: traefik.redirectToHttps: is indented 4 spaces, under \`loadBalancerIPs\``,
          'indent `redirectToHttps` 2 spaces, like `loadBalancerIPs`',
        ],
        hasNot: ['invalid YAML'],
        count: 1,
      },
    ],
    [
      'one space too deep likewise',
      `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n   redirectToHttps: true\n`,
      { has: [`${FILE}:8:4: traefik.redirectToHttps: is indented 3 spaces`], count: 1 },
    ],
    [
      'a key out of line with the first key of its map',
      `${HDR}traefik:\n    redirectToHttps: true\n  loadBalancerIPs: [192.168.0.41]\n`,
      {
        has: [
          `${FILE}:8:3: traefik.loadBalancerIPs: is indented 2 spaces, but \`redirectToHttps\`, the first key of the same map, 4 spaces`,
        ],
        count: 1,
      },
    ],
    ['indented alike, it passes', `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  redirectToHttps: true\n`, { count: 0 }],
  ])('%s', (_, text, { has = [], hasNot = [], count }) => {
    const errors = errorsOf(text);
    const all = errors.join('\n');
    for (const words of has) expect(all).toContain(words);
    for (const words of hasNot) expect(all).not.toContain(words);
    if (count !== undefined) expect(errors).toHaveLength(count);
  });

  test('a misindented key in a 100 kB file is said in linear time', () => {
    const filler = Array.from({ length: 4000 }, (_, i) => `    k${i}: v\n`).join('');
    const text = `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n${filler}      stray: 1\n`.repeat(1);
    const start = process.cpuUsage();
    errorsOf(text);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
