import { parseConfigText } from '../src/config/load';
import { configErrors, DEV_YAML, devConfig, REFERENCE_K3S } from './helpers';

/**
 * Attack round 40b-6 (seen again in 42b): a list item with a schema problem took its whole list out of the cross-value
 * rules, so the same item's undefined resolver, or a problem of another item, was reported only in the next run. Each row
 * is a config with two or more problems on one item or across items of one list (or map): every one is reported in one
 * run, at the index written in the file, and no stand-in value the rules judged in the broken value's place shows.
 * Attack round 40b-7: a problem inside a folded (`>`) or multi-line quoted extraObjects text points at its own line.
 */

const ingress = (patch: object) => ({ ...devConfig().ingresses[0], ...patch });
const service = (patch: object) => ({ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }], ips: ['192.168.0.50'], ...patch });
const NOT_DEFINED = 'is not defined: Traefik would serve its self-signed default certificate';

describe('40b-6: a list item with a schema problem leaves the other problems of its item and its list reported in one run', () => {
  test.each<[string, object, string[], string[]?]>([
    [
      'an Ingress with a bad name and an undefined resolver',
      { ...devConfig(), ingresses: [ingress({ name: 'Fe_x', tls: { certResolver: 'nope' } })] },
      ['ingresses[0].name: "Fe_x" is not a valid name', `ingresses[0].tls.certResolver: "nope" ${NOT_DEFINED}`],
    ],
    [
      'an Ingress with port 0 and an undefined resolver',
      { ...devConfig(), ingresses: [ingress({ port: 0, tls: { certResolver: 'nope' } })] },
      ['ingresses[0].port: 0 is too small', `ingresses[0].tls.certResolver: "nope" ${NOT_DEFINED}`],
    ],
    [
      'an Ingress with a bad name and an undefined issuer',
      { ...devConfig(), ingresses: [ingress({ name: 'Fe_x', tls: { issuer: 'nope' } })] },
      ['ingresses[0].name: "Fe_x"', 'ingresses[0].tls.issuer: "nope" is not defined'],
    ],
    [
      'a bad Ingress, then an undefined resolver and a duplicate host among the other items',
      {
        ...devConfig(),
        ingresses: [
          ingress({ name: 'Fe_x', host: 'a.code-place-dev.site' }),
          ingress({ name: 'b', host: 'b.code-place-dev.site', tls: { certResolver: 'nope' } }),
          ingress({ name: 'c', host: 'b.code-place-dev.site' }),
        ],
      },
      [
        'ingresses[0].name: "Fe_x"',
        `ingresses[1].tls.certResolver: "nope" ${NOT_DEFINED}`,
        'ingresses[2].path: host "b.code-place-dev.site" with path "/" is already routed by ingresses[1]',
      ],
    ],
    [
      'an Ingress that is no mapping keeps the index of the one after it',
      { ...devConfig(), ingresses: ['x', ingress({ name: 'b', tls: { certResolver: 'nope' } })] },
      ['ingresses[0]: "x" is a string', `ingresses[1].tls.certResolver: "nope" ${NOT_DEFINED}`],
    ],
    [
      'an HTTPRoute with a bad name and port, and an ACME resolver',
      { ...devConfig(), httpRoutes: [ingress({ name: 'Fe_x', port: 0, tls: { certResolver: 'nope' } })] },
      [
        'httpRoutes[0].name: "Fe_x"',
        'httpRoutes[0].port: 0 is too small',
        `httpRoutes[0].tls.certResolver: "nope": Traefik's ACME resolvers cannot`,
      ],
    ],
    [
      'a LoadBalancer with port 0, a VIP listed twice and a duplicate name among the other items',
      {
        ...devConfig(),
        loadBalancers: [
          service({ name: 'web1', ports: [{ port: 0 }], ips: ['192.168.0.50', '192.168.0.50'] }),
          service({ name: 'web2', ips: ['192.168.0.51'] }),
          service({ name: 'web2', ips: ['192.168.0.52'] }),
        ],
      },
      [
        'loadBalancers[0].ports[0].port: 0 is too small',
        'loadBalancers[0].ips[1]: "192.168.0.50" is listed twice (first at loadBalancers[0].ips[0])',
        'loadBalancers[2].name: "web2" in namespace "default" is already used by loadBalancers[1]',
      ],
    ],
    [
      'a LoadBalancer with a bad name and a bad selector key, on the VIP of Traefik',
      { ...devConfig(), loadBalancers: [service({ name: 'Bad_Name', selector: { 'Bad Key': 'x' }, ips: ['192.168.0.41'] })] },
      [
        'loadBalancers[0].name: "Bad_Name"',
        'loadBalancers[0].selector["Bad Key"]: "Bad Key" is not a valid key',
        'loadBalancers[0].ips[0]: "192.168.0.41" is also the VIP of Traefik',
      ],
    ],
    [
      'K3s servers: a bad name, a bad address, a duplicate address of the bad one, a duplicate name',
      {
        ...devConfig(),
        k3s: {
          ...REFERENCE_K3S,
          servers: [
            { name: 'Bad_N', address: '192.168.0.11' },
            { name: 'k3s-2', address: 'nope' },
            { name: 'k3s-3', address: '192.168.0.11' },
            { name: 'k3s-3', address: '192.168.0.14' },
          ],
        },
      },
      [
        'k3s.servers[0].name: "Bad_N" is not a valid name',
        'k3s.servers[1].address: "nope" is not an IP address',
        // The rule needs no valid name to see the address twice: it names the server as written.
        'k3s.servers[2].address: "192.168.0.11" is already the address of Bad_N (k3s.servers[0].address)',
        'k3s.servers[3].name: "k3s-3" is already the name of k3s.servers[2]',
      ],
    ],
    [
      'a resolver with a bad e-mail stays defined; a resolver with a bad name is reported, as is an undefined one',
      {
        ...devConfig(),
        traefik: { loadBalancerIPs: ['192.168.0.41'], certResolvers: { le: { email: 'nope' }, 'Bad R': { email: 'a@b.io' } } },
        ingresses: [
          ingress({ tls: { certResolver: 'le' } }),
          ingress({ name: 'b', host: 'b.code-place-dev.site', tls: { certResolver: 'nope' } }),
        ],
      },
      [
        'traefik.certResolvers.le.email: "nope"',
        'traefik.certResolvers["Bad R"]: "Bad R" is not a certificate resolver name',
        `ingresses[1].tls.certResolver: "nope" ${NOT_DEFINED}`,
      ],
      ['ingresses[0].tls.certResolver'],
    ],
  ])('%s', (_, config, expected, absent = []) => {
    const errors = configErrors(config);
    for (const fragment of expected) expect(errors.filter((e) => e.includes(`config/t.yaml: ${fragment}`))).toHaveLength(1);
    for (const path of absent) expect(errors.join('\n')).not.toContain(`config/t.yaml: ${path}:`);
    // Nothing but the expected problems, and no value the rules judged in a broken value's place.
    expect(errors).toHaveLength(expected.length);
    expect(errors.join('\n')).not.toMatch(/standin|example\.net|192\.0\.2\.|198\.51\.100\.|4000[12]/);
  });
});

describe('43b-1: a real value that holds a stand-in text keeps its own findings', () => {
  test.each<[string, object, string[]]>([
    [
      'two Ingresses on data.example.net (which holds the stand-in a.example.net) beside a bad host',
      {
        ...devConfig(),
        ingresses: [
          ingress({ name: 'a', host: 'data.example.net' }),
          ingress({ name: 'b', host: 'data.example.net' }),
          ingress({ name: 'c', host: 'Bad_Host!' }),
        ],
      },
      ['ingresses[2].host: "Bad_Host!"', 'ingresses[1].path: host "data.example.net" with path "/" is already routed by ingresses[0]'],
    ],
    [
      'a K3s server at 192.0.2.10 (which holds the stand-in 192.0.2.1) twice, beside a bad address',
      {
        ...devConfig(),
        kubeVip: { ...devConfig().kubeVip, controlPlane: { address: '192.0.2.40' } },
        traefik: { ...devConfig().traefik, loadBalancerIPs: ['192.0.2.41'] },
        k3s: {
          ...REFERENCE_K3S,
          servers: [
            { name: 'k3s-1', address: '192.0.2.10' },
            { name: 'k3s-2', address: 'nope' },
            { name: 'k3s-3', address: '192.0.2.10' },
          ],
        },
      },
      ['k3s.servers[1].address: "nope" is not an IP address', 'k3s.servers[2].address: "192.0.2.10" is already the address of k3s-1'],
    ],
  ])('%s', (_, config, expected) => {
    const errors = configErrors(config);
    for (const fragment of expected) expect(errors.filter((e) => e.includes(`config/t.yaml: ${fragment}`))).toHaveLength(1);
    expect(errors).toHaveLength(expected.length);
  });
});

describe('40b-7: a problem inside a folded or multi-line quoted extraObjects text points at its line', () => {
  /** The reference config with one extraObjects item written as `item` (its lines at 6 spaces). */
  const withItem = (item: string) =>
    DEV_YAML.replace('  redirectToHttps: true\n', `  redirectToHttps: true\n  values:\n    extraObjects:\n${item}`);
  // The key is `x`: Helm reads a text item as YAML 1.1, where a bare `n` is the boolean false (wave 84, 83a-19).
  const object = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: b, namespace: default}', 'data: {x: 5}'];
  const indented = (lines: string[]) => lines.map((line) => (line ? `        ${line}` : ''));

  const quoted = (quote: string, lines: string[]) =>
    `      - ${quote}${indented(lines.flatMap((line) => [line, '']))
      .join('\n')
      .trim()}${quote}\n`;
  /** The place of the one problem of the config with `item`: its line and the text from its column, and the item's line. */
  function placeOf(item: string, crlf = false) {
    const written = withItem(item.endsWith('\n') ? item : `${item}\n`);
    const text = crlf ? written.replace(/\n/g, '\r\n') : written;
    const errors = parseConfigText('c.yaml', text).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('is 5; the Kubernetes');
    const lines = text.split(/\r?\n/);
    const item0 = lines.findIndex((line) => line.startsWith('      - '));
    const value = lines.findIndex((line, i) => i >= item0 && /\bx: 5/.test(line));
    const at = { line: errors[0].line, from: lines[errors[0].line! - 1].slice(errors[0].column! - 1) };
    return {
      at,
      value: { line: value + 1, from: lines[value].slice(lines[value].lastIndexOf('5')) },
      item: { line: item0 + 1, from: lines[item0].slice(8) },
    };
  }

  test.each([
    ['a folded block', ['      - >', ...indented(object.flatMap((line) => [line, '']))].join('\n'), false],
    [
      'a folded block with a nested map',
      [
        '      - >',
        ...indented(['apiVersion: v1', '', 'kind: ConfigMap', '', 'metadata: {name: b, namespace: default}', '', 'data:', '  x: 5']),
      ].join('\n'),
      false,
    ],
    ['a folded block, CRLF', ['      - >-', ...indented(object.flatMap((line) => [line, '']))].join('\n'), true],
    ['a multi-line double-quoted text', quoted('"', object), false],
    ['a multi-line single-quoted text', quoted("'", object), false],
  ])('%s', (_, item, crlf) => {
    const { at, value } = placeOf(item, crlf);
    expect(at).toEqual(value);
  });

  test('a double-quoted text with an escape, which reads as another character than the file holds, keeps the item line', () => {
    // Without the escape the value's own line; with it the item's line, never a wrong one.
    const plain = placeOf(quoted('"', object));
    expect(plain.at).toEqual(plain.value);
    const escaped = placeOf(
      quoted('"', ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: b, namespace: def\\x61ult}', 'data: {x: 5}']),
    );
    expect(escaped.at).toEqual(escaped.item);
  });

  test('a secret on a line of a folded text is placed at its file line', () => {
    const text = withItem(
      [
        '      - apiVersion: v1',
        '        kind: ConfigMap',
        '        metadata: {name: b, namespace: default}',
        '        data:',
        '          settings.yaml: >',
        '            retries: 3',
        '',
        '            password: hunter2xyz',
        '',
        '            port: 80',
        '',
      ].join('\n'),
    );
    const errors = parseConfigText('c.yaml', text).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('on its line 2');
    const lines = text.split('\n');
    expect(lines[errors[0].line! - 1].slice(errors[0].column! - 1)).toBe('password: hunter2xyz');
  });
});
