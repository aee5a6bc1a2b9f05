// Round 70 (attack70a 7, 3, 16, 17: messages): a repoURL refusal names the host whole, blanking only the URL's
// credentials; a glued secret key in chart values no longer hides the config's other problems, and its advice no
// longer asks for the secret to be written; two Wi-Fi keys in map data are both refused where they stand, and both
// named by the output gate; a no-break space after a list item's key gives the blank hint where the parser fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { secretsInFiles } from '../src/output/secret-gate';
import { yaml } from '../src/core/yaml';
import { cpuMillisSince } from './cpu-time';

const REFERENCE = readFileSync(join(__dirname, '..', 'config', 'examples', 'reference.yaml'), 'utf8');
const errorsOf = (text: string) => parseConfigText('config/x.yaml', text).errors.map(formatDiagnostic);
/** The reference config with `lines` under `traefik.values:` (each indented four spaces there). */
const withValues = (...lines: string[]) =>
  REFERENCE.replace(
    '  externalCertResolvers: [default]\n',
    `  externalCertResolvers: [default]\n  values:\n${lines.map((l) => `    ${l}`).join('\n')}\n`,
  );
const withRepo = (url: string) => `${REFERENCE}gitops:\n  engine: argocd\n  repoURL: ${JSON.stringify(url)}\n`;

describe('70a-7: a repoURL refusal blanks the credentials, not the host', () => {
  test.each([
    ['https://deploy:hunter@[fd00::1]/example/k3s.git', '"https://…@[fd00::1]/…"'],
    ['https://deploy:hunter@git.k3s1.lan/example/k3s.git', '"https://…@git.k3s1.lan/…"'],
    ['https://deploy:hunter@gitea.home.arpa:3000/example/k3s.git', '"https://…@gitea.home.arpa:3000/…"'],
    ['https://deploy:hunter@[2001:db8::10]/x.git', '"https://…@[2001:db8::10]/…"'],
    ['https://deploy:hunter@gitea-01.lan/x.git', '"https://…@gitea-01.lan/…"'],
    ['https://deploy:Zx9qWm4vTr7pLk2d@git.k3s1.lan/x.git', '"https://…@git.k3s1.lan/…"'],
    ['https://ci:hunter@ab12cd34.example.com/x.git', '"https://…@ab12cd34.example.com/…"'],
  ])('%s: the host is named whole', (url, shown) => {
    const errors = errorsOf(withRepo(url));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`gitops.repoURL: ${shown} holds credentials before "@"`);
    expect(errors[0]).not.toContain('hunter');
    expect(errors[0]).not.toContain('Zx9qWm4vTr7pLk2d');
  });
  test.each([
    // A piece of the credentials is blanked still, wherever the message would show it.
    ['a host label that is a piece of a generated password', 'https://deploy:k3s1Zx9qWm4vTr7p@git.k3s1.lan/x.git', 'k3s1'],
  ])('%s: blanked', (_, url, piece) => {
    const errors = errorsOf(withRepo(url));
    expect(errors.join('\n')).not.toContain(piece);
    expect(errors.join('\n')).not.toContain('Zx9qWm4vTr7p');
  });
  test.each([['https://git.k3s1.lan/x.git'], ['https://jdoe@dev.azure.com/org/p/_git/r'], ['https://[fd00::1]/example/k3s.git']])(
    '%s: no credentials, accepted',
    (url) => expect(errorsOf(withRepo(url))).toEqual([]),
  );
});

describe('70a-3: a glued secret key in a list item of chart values', () => {
  const deployment = (arg: string) =>
    withValues(
      'extraObjects:',
      '  - apiVersion: v1',
      '    kind: ConfigMap',
      '    metadata: {name: cc, namespace: kube-system}',
      '    data:',
      '      b: "password: Sunfl0wer01x"',
      '  - apiVersion: apps/v1',
      '    kind: Deployment',
      '    metadata: {name: nbsp-app, namespace: default}',
      '    spec:',
      '      selector: {matchLabels: {app: nbsp}}',
      '      template:',
      '        metadata: {labels: {app: nbsp}}',
      '        spec:',
      '          containers:',
      '            - name: app',
      '              image: busybox:1.36',
      '              args:',
      `                - ${arg}`,
    );
  const ARGS = 'traefik.values.extraObjects[1].spec.template.spec.containers[0].args[0]';
  test.each([
    [
      'NEL after the colon',
      'password:\u0085Sunfl0wer61x',
      [/has no space after the colon \(the control character U\+0085 stands there\)/, /holds the control character U\+0085/],
    ],
    ['nothing after the colon', 'password:Sunfl0wer61x', [/has no space after the colon/]],
    ['a line separator after the colon', 'password:\u2028Sunfl0wer61x', [/holds the control character U\+2028/]],
  ])('%s: every problem at once, with advice that asks for no secret', (_, arg, own) => {
    const errors = errorsOf(deployment(arg));
    const all = errors.join('\n');
    expect(all).toMatch(/extraObjects\[0\]\.data\.b: holds text that sets a value under a key named like a secret/);
    own.forEach((pattern) => expect(all).toMatch(pattern));
    expect(all).not.toContain('Sunfl0wer');
    expect(all).not.toMatch(/write `password: /);
    expect(all).not.toContain(`${ARGS}.password`);
  });
  test('the glued item names the item, and says to keep the secret in a Secret', () => {
    const errors = errorsOf(deployment('password:Sunfl0wer61x'));
    expect(errors).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `${ARGS.replace(/[.[\]]/g, '\\$&')}: \`password:<redacted>\` has no space after the colon.*keep it in a Kubernetes Secret`,
        ),
      ),
    );
  });
  test.each([
    ['a reference after a glued secret key: the spaced form is advised', 'password:${DB_PASSWORD}', 2],
    ['a plain argument', '--log.level=INFO', 1],
  ])('%s', (_, arg, count) => {
    const errors = errorsOf(deployment(arg));
    expect(errors).toHaveLength(count);
    expect(errors[0]).toMatch(/data\.b: holds text that sets a value/);
    if (count === 2) expect(errors[1]).toMatch(/has no space after the colon, so YAML reads it as one text: write `password: /);
  });
  test('a known key glued outside chart values still stops the reading, with its spaced form', () => {
    const errors = errorsOf(REFERENCE.replace('    host: k3s.code-place-dev.site', '    host:k3s.code-place-dev.site'));
    expect(errors).toEqual([
      expect.stringContaining(
        '`host:k3s.code-place-dev.site` has no space after the colon, so YAML reads it as one text: write `host: k3s.code-place-dev.site`',
      ),
    ]);
  });
});

describe('70a-16: two Wi-Fi keys in one file', () => {
  const objects = [
    '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"wifi","namespace":"default"},"data":{"ssid":"HomeNet","key":"Sunfl0wer06x"}}',
    '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"esphome","namespace":"default"},"data":{"wifi.ssid":"HomeNet","wifi.key":"Sunfl0wer07x"}}',
  ];
  test('the config checks refuse both where they stand', () => {
    const errors = errorsOf(withValues('extraObjects:', ...objects.map((o) => `  - ${o}`)));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/extraObjects\[0\]\.data\.key: holds a Wi-Fi network's key/);
    expect(errors[1]).toMatch(/extraObjects\[1\]\.data\["wifi\.key"\]: holds a Wi-Fi network's key/);
    expect(errors.join('\n')).not.toContain('Sunfl0wer');
  });
  test('the output gate names both', () => {
    const values = yaml.stringify({ extraObjects: objects.map((o) => JSON.parse(o)) });
    const file = yaml.stringify({
      apiVersion: 'helm.cattle.io/v1',
      kind: 'HelmChartConfig',
      metadata: { name: 'traefik', namespace: 'kube-system' },
      spec: { valuesContent: values },
    });
    const found = secretsInFiles(new Map([['c/traefik-config.yaml', file]]));
    expect(found).toEqual([
      expect.stringMatching(/^c\/traefik-config\.yaml: spec\.valuesContent\.extraObjects\[0\]\.data\.key holds a Wi-Fi/),
      expect.stringMatching(/^c\/traefik-config\.yaml: spec\.valuesContent\.extraObjects\[1\]\.data\["wifi\.key"\] holds a Wi-Fi/),
    ]);
  });
  test.each([
    ['one key beside its SSID', '{"ssid":"HomeNet","key":"Sunfl0wer06x"}', 1],
    ['a key beside an upper-case SSID', '{"SSID":"HomeNet","key":"Sunfl0wer06x"}', 1],
    ['a capitalised Key beside its Network', '{"Network":"HomeNet","Key":"Sunfl0wer06x"}', 1],
    ["an interface's key", '{"wlan0.ssid":"HomeNet","wlan0.key":"Sunfl0wer06x"}', 1],
    ['a Network that is an IP network', '{"Network":"10.42.0.0/16","Key":"Sunfl0wer06x"}', 0],
    ['a mode under key, beside an SSID', '{"ssid":"HomeNet","key":"wpa2-psk"}', 0],
    ['a reference under key, beside an SSID', '{"ssid":"HomeNet","key":"${WIFI_KEY}"}', 0],
    ['an open network', '{"ssid":"Guest","key":"none"}', 0],
    ['key without an SSID (any setting)', '{"key":"app.kubernetes.io/name","value":"traefik"}', 0],
    ['key without an SSID, a plain word', '{"key":"orders","sort":"asc"}', 0],
  ])('data: %s', (_, data, count) => {
    const errors = errorsOf(
      withValues(
        'extraObjects:',
        `  - {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"w","namespace":"default"},"data":${data}}`,
      ),
    );
    expect(errors.filter((e) => /Wi-Fi/.test(e))).toHaveLength(count);
    expect(errors).toHaveLength(count);
  });
  test('100 kB of map entries are read in time', () => {
    const data = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, `value-number-${i}-x`]));
    const started = process.cpuUsage();
    parseConfigText(
      'config/x.yaml',
      withValues(
        'extraObjects:',
        `  - ${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w', namespace: 'default' }, data: { ssid: 'HomeNet', ...data } })}`,
      ),
    );
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});

describe('70a-17: a no-break space after a list item key', () => {
  test.each([
    [
      '`- name:<NBSP>X` with `value:` below (the parser fails on the line)',
      ['env:', '  - name:\u00a0DB_PASSWORD', '    value: Sunfl0wer02x'],
      /^config\/x\.yaml:\d+:14: holds the invisible blank U\+00A0 NO-BREAK SPACE.*write a plain space/,
    ],
    ['an em space there', ['env:', '  - name:\u2003DB_PASSWORD', '    value: Sunfl0wer02x'], /holds the invisible blank U\+2003 SPACE/],
    ['after `value:` (a map key)', ['env:', '  - name: DB_PASSWORD', '    value:\u00a0Sunfl0wer02x'], /holds the invisible blank U\+00A0/],
  ])('%s: the blank hint, not the parser', (_, lines, expected) => {
    const errors = errorsOf(withValues(...lines));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
    expect(errors[0]).not.toMatch(/Implicit keys|invalid YAML/);
    expect(errors[0]).not.toContain('Sunfl0wer');
  });
  test.each([
    [
      '`- password:<NBSP>x` alone: a valid string, the value rules judge it',
      ['additionalArguments:', '  - password:\u00a0Sunfl0wer04x'],
      /additionalArguments\[0\]: holds text that sets a value under a key named like a secret/,
    ],
    [
      'an env list item that is one string',
      ['env:', '  - name: TZ', '    value: UTC', '  - password:\u00a0Sunfl0wer05x'],
      /env\[1\]: holds text that sets a value under a key named like a secret/,
    ],
  ])('%s', (_, lines, expected) => {
    const errors = errorsOf(withValues(...lines));
    expect(errors.join('\n')).toMatch(expected);
    expect(errors.join('\n')).not.toMatch(/invisible blank/);
  });
  test('a plain space there is fine', () => expect(errorsOf(withValues('env:', '  - name: LOG_FORMAT', '    value: json'))).toEqual([]));
});
