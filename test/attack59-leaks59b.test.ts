import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { ruleDoors as doors } from './rule-doors';

/**
 * Round 59 leaks (leaks59b): 59a-18 (a config value whose line comment names it a password among more words, or says
 * `pass`) and 59a-21 (escaped copies of a refused secret printed in messages). Each row is a config file's text; a
 * refused row must be named by its key path and never show the secret, a must-pass row must give no error.
 */
const BASE = `kubeVip:
  version: v1.2.3
  interface: eth0
  controlPlane:
    address: 192.168.0.40
traefik:
  loadBalancerIPs: [192.168.0.41]
`;
const INGRESS = (host: string) => `ingresses:
  - name: web
    namespace: default
    host: '${host}'
    path: /
    service: frontend
    port: 80
`;
const gitops = (revision: string) => `${BASE}${INGRESS('k3s.example.com')}gitops:
  engine: argocd
  repoURL: https://github.com/acme/infra.git
  revision: ${revision}
  path: dist/x
`;
const errorsOf = (text: string) => parseConfigText('config/x.yaml', text).errors.map((d) => formatDiagnostic(d));

const REV = 'Zx9qWm4vTr7pQw';
describe('59a-18: a value whose line comment names it a password, among more words', () => {
  test.each([
    ['TODO note', `${REV} # TODO: move this password to a Secret`],
    ['pass', `${REV} # pass`],
    ['Pass:', `${REV} # deploy Pass:`],
    ['token in a sentence', `${REV} # FIXME rotate this token soon`],
    ['passphrase after words', `${REV} # used as the deploy key passphrase`],
  ])('%s is refused at gitops.revision', (_, revision) => {
    const errors = errorsOf(gitops(revision)).join('\n');
    expect(errors).toMatch(/x\.yaml:\d+:\d+: gitops\.revision: .*comment after it on its line names as a secret/);
    expect(errors).not.toContain(REV);
  });
  test.each([
    ['no password needed', `${REV} # no password needed`],
    ['passes through', `${REV} # passes through`],
    ['pass through', `${REV} # pass through to the chart`],
    ['not a password', `${REV} # not a password, a tag`],
    ['branch with a note', 'main # TODO: move this password to a Secret'],
    ['version with pass', 'v1.2.3 # pass'],
  ])('%s passes', (_, revision) => {
    expect(errorsOf(gitops(revision))).toEqual([]);
  });
});

const SECRET = 'Zx9qWm4vTr7p';
const withHost = (host: string) => `${BASE}  values:
    env:
      - name: DB_PASSWORD
        value: ${SECRET}
${INGRESS(host)}`;
describe('59a-21: an escaped copy of a refused secret in a message is blanked', () => {
  test.each([
    ['\\u0057', 'Zx9q\\u0057m4vTr7p_.ex.com'],
    ['\\u{57}', 'Zx9q\\u{57}m4vTr7p'],
    ['%u0057', 'Zx9q%u0057m4vTr7p'],
    ['quoted-printable =57', 'Zx9q=57m4vTr7p_.ex.com'],
    ['&#87;', 'Zx9q&#87;m4vTr7p_.ex.com'],
    ['&#x57;', 'Zx9q&#x57;m4vTr7p_.ex.com'],
    ['\\x57', 'Zx9q\\x57m4vTr7p_.ex.com'],
    ['hex split by a blank', '5a78397157 6d347654723770'],
    ['hex split twice', '5a7839 7157 6d347654723770'],
  ])('%s', (_, host) => {
    const errors = errorsOf(withHost(host));
    const hostError = errors.find((e) => e.includes('ingresses[0].host:'));
    expect(hostError).toMatch(/x\.yaml:\d+:\d+: ingresses\[0\]\.host: .*<redacted>.* is not a valid DNS host name/);
    expect(errors.join('\n')).toMatch(/traefik\.values\.env\[0\]\.value: holds a value under a key named like a secret/);
    for (const part of [SECRET, 'm4vTr7p', host]) expect(errors.join('\n')).not.toContain(part);
  });
  test.each([
    ['an unrelated escape', 'app\\u0041.ex.com'],
    ['an unrelated hex pair', 'dead beef.ex.com'],
  ])('%s stays readable', (_, host) => {
    const hostError = errorsOf(withHost(host)).find((e) => e.includes('ingresses[0].host:'));
    expect(hostError).toContain(JSON.stringify(host).slice(1, -1));
  });
});

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const envOf = (name: string, value: string) => ({ env: [{ name, value }] });
const textOf = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { 'app.env': text } }],
});
const dataOf = (key: string, value: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { [key]: value } }],
});
describe('59a-19: a PIN or a seed phrase gets one verdict whichever door (env name, data key, text NAME=value)', () => {
  test.each([
    ['ADMIN_PIN', '4821'],
    ['SIM_PIN', '1234'],
    ['PIN', '48213'],
    ['SEED', PHRASE],
    ['WALLET_SEED', PHRASE],
  ])('%s is refused in every door', (name, value) => {
    for (const [values, where] of [
      [envOf(name, value), 'traefik.values.env[0].value'],
      [dataOf(name, value), `traefik.values.extraObjects[0].data.${name}`],
      [textOf(`${name}=${value}\n`), 'traefik.values.extraObjects[0].data["app.env"]'],
    ] as const) {
      const d = doors(values);
      expect(d.errors.join('\n')).toContain(`${where}:`);
      for (const refusal of [d.cluster, d.chart]) expect(refusal).toBeTruthy();
      for (const text of [...d.errors, d.cluster, d.chart]) expect(String(text)).not.toContain(value);
    }
  });
  test.each([
    ['PIN_MEMORY', 'true'],
    ['SEED', '42'],
    ['RANDOM_SEED', '1234'],
    ['KEY', 'app.kubernetes.io/name'],
    ['GPIO_PIN', '17'],
    ['BACKUP_SCHEDULE', '0 3 * * *'],
  ])('%s passes in every door', (name, value) => {
    for (const values of [envOf(name, value), dataOf(name, value), textOf(`${name}=${value}\n`)]) {
      const d = doors(values);
      expect([...d.errors, d.cluster, d.chart].filter(Boolean)).toEqual([]);
    }
  });
});

const LOGIN = 'admin:Zx9qWm4vTr7pQwEb';
const container = (args: string[], image = 'ghcr.io/acme/tool:v1.2.3') => ({
  deployment: { additionalContainers: [{ name: 'a', image, args }] },
});
describe('59a-22: a user:password argument gets one verdict whatever its form', () => {
  test.each([
    ['after --auth', container(['--auth', LOGIN]), 'additionalContainers[0].args[1]'],
    ['alone', container([LOGIN]), 'additionalContainers[0].args[0]'],
    [
      'after curl -u through the entrypoint',
      container(['-u', LOGIN, 'https://x'], 'curlimages/curl:8.8.0'),
      'additionalContainers[0].args[1]',
    ],
    ['after --user', container(['--user', 'admin:S3cret!x']), 'additionalContainers[0].args[1]'],
    ['--auth= (control)', container([`--auth=${LOGIN}`]), 'additionalContainers[0].args[0]'],
    ['in text: tool --auth', textOf(`tool --auth ${LOGIN}\n`), 'extraObjects[0].data["app.env"]'],
  ])('%s is refused at its item', (_, values, where) => {
    const d = doors(values);
    expect(d.errors.join('\n')).toContain(`${where}:`);
    for (const refusal of [d.cluster, d.chart]) expect(refusal).toBeTruthy();
    for (const text of [...d.errors, d.cluster, d.chart]) expect(text).not.toContain('Zx9qWm4vTr7pQwEb');
  });
  test.each([
    ['--listen address', container(['--listen', '0.0.0.0:8080'])],
    ['host:port', container(['redis:6379'])],
    ['image:tag', container(['image:tag'])],
    ['user:group', container(['--user', 'nobody:nogroup'])],
    ['uid:gid', container(['-u', '1000:1000'])],
    ['a reference', container(['--auth', '$(USER):$(PASS)'])],
    ['a digest', container(['--digest', 'sha256:3b4c2f0e1a9d8c7b6a5f4e3d2c1b0a99'])],
  ])('%s passes', (_, values) => {
    const d = doors(values);
    expect([...d.errors, d.cluster, d.chart].filter(Boolean)).toEqual([]);
  });
});
