// Round 77 messages (msg77): 77a-3 a config key one level off says where it belongs; 77a-4 a Traefik flag written as a
// chart value goes into additionalArguments, said at the key; 77a-14 `npm run new` names the option meant; 77a-16 the
// write gate says every config place on its own line; 76a-7 two secrets at one key of two objects are two lines;
// 76a-16 a stale file's secret-shaped lines are named.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster } from '../src';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { newCluster } from '../src/new-cluster';
import { diffTrees } from '../src/output/diff';
import { gateFindingSources } from '../src/output/gate-sources';
import { secretsInFiles } from '../src/output/secret-gate';
import { MINIMAL_CONFIG_TEXT, synthFiles } from './helpers';

const errorsOf = (text: string): string[] => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);
// Built at run time, so no secret-shaped literal sits in the test's source.
const GENERATED = ['Qw3eRt5y', 'Ui7oP9aS'].join('');

describe('77a-3: a key of this config written one level off says where it belongs', () => {
  const K3S = 'k3s:\n  servers:\n    - name: k3s-1\n      address: 192.168.0.11\n';
  test.each([
    [
      'kubeVip.loadBalancerIPs',
      `${MINIMAL_CONFIG_TEXT.replace('traefik:', '  loadBalancerIPs: [192.168.0.42]\ntraefik:')}`,
      'kubeVip.loadBalancerIPs: unknown key "loadBalancerIPs": move it to traefik.loadBalancerIPs.',
    ],
    [
      'a top-level tokenFile',
      `${MINIMAL_CONFIG_TEXT}tokenFile: /etc/rancher/k3s/cluster-token\n`,
      'tokenFile: unknown key "tokenFile": move it to k3s.tokenFile.',
    ],
    [
      'traefik.ingresses',
      `${MINIMAL_CONFIG_TEXT}  ingresses: []\n`,
      'traefik.ingresses: unknown key "ingresses": it is a top-level key: move it to the top level.',
    ],
    [
      "a server's tokenFile",
      `${MINIMAL_CONFIG_TEXT}${K3S}      tokenFile: /x\n`,
      'config/t.yaml:12:7: k3s.servers[0].tokenFile: unknown key "tokenFile": move it to k3s.tokenFile.',
    ],
    [
      "a server's version: the k3s one, whose parent holds it",
      `${MINIMAL_CONFIG_TEXT}${K3S}      version: v1.33.1+k3s1\n`,
      'k3s.servers[0].version: unknown key "version": move it to k3s.version.',
    ],
    [
      'a key of an item one level off',
      `${MINIMAL_CONFIG_TEXT}  multihop: true\n`,
      'traefik.multihop: unknown key "multihop": move it to kubeVip.bgp.peers[n].multihop.',
    ],
  ])('%s', (_name, text, expected) => {
    expect(errorsOf(text).join('\n')).toContain(expected);
  });
  test.each([
    [
      'a name of several places (no one place to say)',
      `${MINIMAL_CONFIG_TEXT}${K3S}      email: a@b.example\n`,
      'unknown key "email". Allowed here',
    ],
    ['a near miss here goes first', `${MINIMAL_CONFIG_TEXT}${K3S}      adress: 192.168.0.12\n`, 'did you mean "address"?'],
    ['no key of this config', `${MINIMAL_CONFIG_TEXT}  colour: blue\n`, 'unknown key "colour". Allowed here'],
  ])('no "move it": %s', (_name, text, expected) => {
    const said = errorsOf(text).join('\n');
    expect(said).toContain(expected);
    expect(said).not.toContain('move it');
  });
  test('the keys where they belong pass', () => {
    expect(errorsOf(`${MINIMAL_CONFIG_TEXT}k3s:\n  tokenFile: /etc/rancher/k3s/cluster-token\n  version: v1.33.1+k3s1\n`)).toEqual([]);
  });
});

describe('77a-4: a Traefik flag written as a chart value goes into additionalArguments, said at the key', () => {
  const withValues = (lines: string) => `${MINIMAL_CONFIG_TEXT}  values:\n${lines}`;
  test("a flag with its value after `=`, at the key's column", () => {
    const said = errorsOf(withValues('    "--entrypoints.web.http.redirections.entrypoint.to=websecure": x\n')).join('\n');
    expect(said).toContain(
      'config/t.yaml:9:5: traefik.values["--entrypoints.web.http.redirections.entrypoint.to=websecure"]: is not a value of Traefik chart',
    );
    expect(said).toContain('additionalArguments: ["--entrypoints.web.http.redirections.entrypoint.to=websecure"]');
    expect(said).not.toContain('nest it');
  });
  // A flag the chart has no key for: one it writes from its own key (--log.level) is advised that key (parity78, 78b-18).
  test('a flag whose plain value joins it', () => {
    expect(errorsOf(withValues('    "--hostresolver.resolvconfig": /etc/resolv.conf\n')).join('\n')).toContain(
      'additionalArguments: ["--hostresolver.resolvconfig=/etc/resolv.conf"]',
    );
  });
  test('a value that looks generated is not joined, nor shown', () => {
    const said = errorsOf(withValues(`    "--ping": ${GENERATED}\n`)).join('\n');
    expect(said).toContain('additionalArguments: ["--ping"]');
    expect(said).not.toContain(GENERATED);
  });
  test('a dotted key that is no flag still gets the nesting advice', () => {
    expect(errorsOf(withValues('    "logs.general.level": DEBUG\n')).join('\n')).toContain('nest it');
  });
  test('the flag where it belongs passes', () => {
    expect(errorsOf(withValues('    additionalArguments: ["--log.level=DEBUG"]\n'))).toEqual([]);
  });
});

describe('77a-14: npm run new names the option meant and the ones it has', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msg77-'));
  // The default example a checkout has: npm run new lists every problem (78b-6), and these rows are about the options.
  mkdirSync(join(dir, 'examples'));
  writeFileSync(join(dir, 'examples', 'reference.yaml'), MINIMAL_CONFIG_TEXT);
  const run = (args: string[]) => {
    const lines: string[] = [];
    const code = newCluster(args, { configDir: dir, schemaFile: join(dir, 's.json'), log: (l) => lines.push(l), out: () => undefined });
    return { code, said: lines.join('\n') };
  };
  const TAKES = 'npm run new takes <name>, --from <cluster or example> and --help';
  test.each([
    [['ok2', '--frm', 'dev'], `error: unknown option --frm: did you mean --from? ${TAKES}`],
    [['ok2', '--From', 'dev'], `error: unknown option --From: did you mean --from? ${TAKES}`],
    [['ok2', '--hlep'], `error: unknown option --hlep: did you mean --help? ${TAKES}`],
    [['ok2', '-x'], `error: unknown option -x: ${TAKES}`],
    [['ok2', `--frm=${GENERATED}`], `error: unknown option --frm: did you mean --from? ${TAKES}`],
    [['--help=1'], "error: --help takes no value: write --help alone\nerror: give the new cluster's name (see --help)"],
  ])('%j', (args, expected) => {
    const { code, said } = run(args);
    expect([code, said]).toEqual([1, expected]);
  });
  test('--help passes', () => {
    expect(run(['--help']).code).toBe(0);
  });
});

describe('77a-16: the write gate says every config place on its own line', () => {
  // Words only the write gate reads as a secret's name (the config door reads `paroli`, `cyfrinair` … since native77).
  const words = ['parolya', 'Parole', 'PAROLYA', 'Parolya', 'parole'];
  const configText = (values: string[]) =>
    `${MINIMAL_CONFIG_TEXT}  values:\n    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata:\n          name: cm\n          namespace: default\n        data:\n${values.map((v) => `          ${v}\n`).join('')}`;
  test('five places of one refused text: five places, none with its value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msg77-'));
    const value = (i: number) => `Zx8kLm2QwR${10 + i}t`;
    const text = configText(words.map((word, i) => `${word}: "${value(i)}"`));
    writeFileSync(join(dir, 't.yaml'), text);
    // The config door refuses some of these words since names79 (parolya): the gate is fed the files a synth of plain
    // values writes, with the values put back, as it would see them had the config door let them through.
    const plain = configText(words.map((word) => `${word}: see the vault`));
    const withValues = (content: string) =>
      words.reduce((out, word, i) => out.replace(`${word}: see the vault`, `${word}: ${value(i)}`), content);
    const files = new Map([...synthFiles(plain, 't')].map(([path, content]) => [`t/${path}`, withValues(content)]));
    const findings = secretsInFiles(files);
    const places = findings.flatMap(
      (finding) =>
        gateFindingSources(
          finding,
          files,
          () => join(dir, 't.yaml'),
          () => 'config/t.yaml',
        ).places,
    );
    // Since names79 the gate also reads three of the keys as secret names: each finding names the places it came from.
    expect([...new Set(places)]).toEqual(
      words.map((word, i) => `config/t.yaml:${16 + i}:${word.length + 13}: traefik.values.extraObjects[0].data.${word}`),
    );
  });
  test('the same words with plain values pass the gate', () => {
    const text = configText(words.map((word) => `${word}: see the vault`));
    expect(secretsInFiles(new Map([...synthFiles(text, 't')].map(([path, content]) => [`t/${path}`, content])))).toEqual([]);
  });
});

describe('76a-7: two secrets at one key of two objects under a K3sVipCluster are two lines, each naming its object', () => {
  const PROPS = {
    kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
    traefik: { loadBalancerIPs: ['192.168.0.41'] },
  };
  const refusal = (passwords: string[]): string => {
    const app = new App();
    const chart = new Chart(new K3sVipCluster(app, 'dev', PROPS), 'mine');
    passwords.forEach(
      (password, i) =>
        new ApiObject(chart, `cm${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` }, data: { password } }),
    );
    try {
      app.synthYaml();
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  test('two: each line names its construct', () => {
    const said = refusal([GENERATED, `${GENERATED}x`]);
    expect(said).toContain('dev/mine.yaml (construct dev/mine/cm0): data.password holds');
    expect(said).toContain('dev/mine.yaml (construct dev/mine/cm1): data.password holds');
    expect(said).not.toContain(GENERATED);
  });
  test("one: said as the file's, as before", () => {
    expect(refusal([GENERATED])).toContain('dev/mine.yaml: data.password holds');
  });
  test('none: passes', () => {
    expect(refusal([])).toBe('');
  });
});

describe("76a-16: a stale file's secret-shaped lines are named, never shown", () => {
  test('a stale file holding a token', () => {
    const said = diffTrees(new Map([['dev/extra.yaml', `kind: ConfigMap\ndata:\n  token: ${GENERATED}\n`]]), new Map(), (t) =>
      t.split(GENERATED).join('<redacted>'),
    );
    expect(said).toEqual([
      '--- dev/extra.yaml (stale: a fresh synth no longer writes it)',
      '!!! dev/extra.yaml: line 3 holds a secret-shaped value (not shown)',
    ]);
  });
  test('a stale file without one: the stale line alone', () => {
    expect(diffTrees(new Map([['dev/extra.yaml', 'kind: ConfigMap\n']]), new Map())).toEqual([
      '--- dev/extra.yaml (stale: a fresh synth no longer writes it)',
    ]);
  });
});
