import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { clusterReadme } from '../src/docs/cluster-readme';
import { MINIMAL_CONFIG_TEXT as HEADER } from './helpers';

// Round 81a-15: an alias whose anchor the parser's recovery read into a broken quoted text ended a run with an
// internal error; the syntax problem is said at its line instead, at any depth.

/** A config of the header plus `rest`: its errors, each `line:column: key.path: message`. */
const fileErrors = (rest: string): string[] =>
  parseConfigText('t.yaml', HEADER + rest).errors.map((d) => formatDiagnostic({ ...d, file: '' }).replace(/^:/, ''));

describe('81a-15: an alias to an anchor inside a broken quoted text', () => {
  test.each([
    ['under traefik.values', '  values:\n    x: "&a "b"\n    y: *a\n', 'traefik.values.x: has text after its closing quote'],
    [
      'deeper, in a list item',
      '  values:\n    env:\n      - name: A\n        value: "&a "b"\n      - name: B\n        value: *a\n',
      'traefik.values.env[0].value: has text after its closing quote',
    ],
  ])('%s: the quote problem, no internal error', (_, rest, expected) => {
    const errors = fileErrors(rest).join('\n');
    expect(errors).toContain(expected);
    expect(errors).not.toMatch(/unexpected|Unresolved alias/i);
  });
  test('an alias to no anchor, no syntax error: said at the alias', () =>
    expect(fileErrors('  values:\n    x: b\n    y: *a\n').join('\n')).toContain('traefik.values.y: *a refers to no anchor'));
  test('a valid anchor and alias pass', () =>
    expect(fileErrors('  values:\n    deployment:\n      podAnnotations:\n        a: &a b\n        c: *a\n')).toEqual([]));
});

describe('81b-23: the cluster README shows the VIPs and ports of every Traefik LoadBalancer Service', () => {
  const readme = (values: string) => {
    const config = parseConfigText('t.yaml', HEADER + values).config!;
    return clusterReadme({ name: 't', source: 't.yaml', manifests: [], config });
  };
  const vipRows = (text: string) => text.split('\n').filter((line) => line.startsWith('| 192.168.0.'));
  const LAN =
    '  values:\n    ports:\n      websecure:\n        expose: {default: EXPOSE, lan: true}\n    service:\n      additionalServices:\n' +
    '        lan:\n          type: LoadBalancer\n          annotations:\n            kube-vip.io/loadbalancerIPs: 192.168.0.42\n';
  test('websecure moved to an additional Service: each VIP with its own ports', () => {
    const text = readme(LAN.replace('EXPOSE', 'false'));
    expect(vipRows(text)).toEqual([
      '| 192.168.0.40 | 6443 | Kubernetes API server | kube-vip v1.2.3, ARP from the leader |',
      '| 192.168.0.41 | 80 | Traefik (Service kube-system/traefik) | kube-vip v1.2.3, ARP from the leader |',
      '| 192.168.0.42 | 443 | Traefik (Service kube-system/traefik-lan) | kube-vip v1.2.3, ARP from the leader |',
    ]);
    expect(text).toContain('traefik["Service kube-system/traefik :80"]');
    expect(text).toContain('asvc0["Service kube-system/traefik-lan :443"]');
  });
  test('websecure on both: the main Service keeps 80 and 443', () =>
    expect(vipRows(readme(LAN.replace('EXPOSE', 'true')))[1]).toBe(
      '| 192.168.0.41 | 80, 443 | Traefik (Service kube-system/traefik) | kube-vip v1.2.3, ARP from the leader |',
    ));
  test('no additional Service: as before', () =>
    expect(vipRows(readme(''))).toEqual([
      '| 192.168.0.40 | 6443 | Kubernetes API server | kube-vip v1.2.3, ARP from the leader |',
      '| 192.168.0.41 | 80, 443 | Traefik (Service kube-system/traefik) | kube-vip v1.2.3, ARP from the leader |',
    ]));
});

describe('82a-16: a cross-namespace HTTPRoute backend passes with the ReferenceGrant its refusal asks for', () => {
  const config = (grantTo: string) =>
    '  gateway: {}\n  values:\n    extraObjects:\n' +
    '      - apiVersion: gateway.networking.k8s.io/v1\n        kind: HTTPRoute\n        metadata: {name: r, namespace: apps}\n' +
    '        spec:\n          parentRefs: [{name: traefik-gateway, namespace: kube-system}]\n          hostnames: [other.example.org]\n' +
    '          rules: [{backendRefs: [{name: web, namespace: data, port: 80}]}]\n' +
    '      - apiVersion: gateway.networking.k8s.io/v1beta1\n        kind: ReferenceGrant\n        metadata: {name: g, namespace: data}\n' +
    `        spec:\n          from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}]\n          to: [${grantTo}]\n`;
  test('with the grant: no error', () => expect(fileErrors(config('{group: "", kind: Service, name: web}'))).toEqual([]));
  test('a grant with a misspelt field: refused at that field', () =>
    expect(fileErrors(config('{group: "", kind: Service, nam: web}')).join('\n')).toContain(
      "traefik.values.extraObjects[1].spec.to[0].nam: is not a field of a ReferenceGrant's to item",
    ));
  test('a grant for another Service: the backend is still refused', () =>
    expect(fileErrors(config('{group: "", kind: Service, name: db}')).join('\n')).toContain(
      'traefik.values.extraObjects[0].spec.rules[0].backendRefs[0].namespace: is "data"',
    ));
});
