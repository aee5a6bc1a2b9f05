import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigDir } from '../src/config/load';
import { copiedFromLine } from '../src/config/example-copy';
import { newCluster } from '../src/new-cluster';
import { DEV_YAML, EXAMPLES_DIR } from './helpers';

/** The reference config as it lies in a project's config/ folder. */
const DEV = DEV_YAML.replace(/^.*\n/, '# yaml-language-server: $schema=../config.schema.json\n');
const BGP = readFileSync(join(EXAMPLES_DIR, 'bgp.yaml'), 'utf8');
const REFERENCE = readFileSync(join(EXAMPLES_DIR, 'reference.yaml'), 'utf8');
const EXAMPLES = 'bgp, client-ip, dual-stack, gateway, gitops-flux, ha, ip-pool, load-balancers, reference';

/** A project as a user has it: the shipped examples and one cluster, dev. */
let project: string;
let configDir: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'k3s-vip-new-'));
  configDir = join(project, 'config');
  cpSync(EXAMPLES_DIR, join(configDir, 'examples'), { recursive: true });
  writeFileSync(join(configDir, 'dev.yaml'), DEV);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const run = (...args: string[]) => {
  const lines: string[] = [];
  const code = newCluster(args, { configDir, schemaFile: join(project, 'config.schema.json'), log: (line) => lines.push(line) });
  return { code, lines };
};
const withoutFirstLine = (text: string) => text.slice(text.indexOf('\n') + 1);

// Attack 8 D3: an argument is judged as a config value is; no message shows the secret it holds, nor a hint made from it.
test.each([
  // A name like a secret is refused by the loader's own check first (58a-11), the name never shown.
  [['Password=Zq7Hunter2SecretXy81'], '<name>.yaml and the folder dist/<name>/, but it looks like a secret'],
  [['db-token:Zq7Hunter2SecretXy81'], '<name>.yaml and the folder dist/<name>/, but it looks like a secret'],
  [['x', '--from', 'TOKEN=Zq7Hunter2SecretXy81'], '--from "TOKEN=<redacted>" is neither a cluster'],
  [['x', '--from=api_key=Zq7Hunter2SecretXy81'], '--from "api_key=<redacted>" is neither a cluster'],
  [['x', '--from', 'https://u:Zq7Hunter2SecretXy81@h/'], '--from "<redacted>" is neither a cluster'],
  [['x', 'password=Zq7Hunter2SecretXy81'], 'expected one cluster name, got 2: "x" "password=<redacted>"'],
])('new %j: the message holds no secret of the arguments', (args, expected) => {
  const { code, lines } = run(...args);
  expect(code).toBe(1);
  expect(lines.join('\n')).toContain(expected);
  expect(lines.join('\n')).not.toMatch(/zq7hunter2/i);
});

test('copies the reference example by default, says what to edit, and the copy loads', () => {
  expect(run('lab')).toEqual({
    code: 0,
    lines: [
      `new: wrote ${configDir}/lab.yaml, a copy of ${configDir}/examples/reference.yaml. Set these to your network and sites:`,
      '  kubeVip.interface: eth0',
      '  kubeVip.controlPlane.address: 192.168.0.40',
      '  traefik.loadBalancerIPs: 192.168.0.41',
      '  ingresses[0].host: k3s.code-place-dev.site',
      '  k3s.servers[0].address: 192.168.0.11',
      '  k3s.servers[0].interface: eth0',
      '  k3s.servers[1].address: 192.168.0.12',
      '  k3s.servers[2].address: 192.168.0.13',
      "Until they are yours, `npm run synth` warns about the example's values left (line 2 of the copy says so).",
      'Then run `npm run synth`: it checks the file and writes dist/lab/ (`npm run synth -- --dry-run` shows it first).',
    ],
  });
  const [schema, copied, ...rest] = readFileSync(join(configDir, 'lab.yaml'), 'utf8').split('\n');
  expect(schema).toBe('# yaml-language-server: $schema=../config.schema.json');
  expect(copied).toBe(copiedFromLine('examples/reference.yaml'));
  expect(rest.join('\n')).toBe(withoutFirstLine(REFERENCE));
  const loaded = loadConfigDir(configDir);
  expect(loaded.errors).toEqual([]);
  expect(loaded.clusters.map((c) => c.name)).toEqual(['dev', 'lab']);
});

test('an example keeps its content, with the $schema line rewritten for config/ and the "Copied from" line', () => {
  expect(run('edge', '--from', 'bgp').code).toBe(0);
  const copy = readFileSync(join(configDir, 'edge.yaml'), 'utf8');
  expect(BGP.split('\n')[0]).toBe('# yaml-language-server: $schema=../../config.schema.json');
  expect(copy.split('\n').slice(0, 2)).toEqual([
    '# yaml-language-server: $schema=../config.schema.json',
    copiedFromLine('examples/bgp.yaml'),
  ]);
  expect(withoutFirstLine(withoutFirstLine(copy))).toBe(withoutFirstLine(BGP));
});

test('a copy of a cluster gets no "Copied from" line: its values are the user\'s own', () => {
  expect(run('dev2', '--from', 'dev').code).toBe(0);
  expect(readFileSync(join(configDir, 'dev2.yaml'), 'utf8')).toBe(DEV);
});

test('works without any cluster (the reference config deleted): the default is an example', () => {
  rmSync(join(configDir, 'dev.yaml'));
  expect(run('home').code).toBe(0);
  expect(loadConfigDir(configDir).clusters.map((c) => c.name)).toEqual(['home']);
});

test('without the default example, says how to name a source', () => {
  rmSync(join(configDir, 'examples', 'reference.yaml'));
  expect(run('home')).toEqual({
    code: 1,
    lines: [
      `error: the default example ${configDir}/examples/reference.yaml is missing: name the file to copy with --from <cluster or example> ` +
        '(clusters: dev; examples: bgp, client-ip, dual-stack, gateway, gitops-flux, ha, ip-pool, load-balancers)',
    ],
  });
});

test.each([
  ['npm run new home --from ha', ['home', 'ha'], { npm_config_from: 'true' }, 'npm run new -- home --from ha'],
  ['npm run new home --from=ha', ['home'], { npm_config_from: 'ha' }, 'npm run new -- home --from ha'],
  ['npm run new --from ha', ['ha'], { npm_config_from: 'true' }, 'npm run new -- ha --from <cluster or example>'],
])('`%s` (no --): says npm took --from and what to write; nothing written', (_, args, env, fix) => {
  const lines: string[] = [];
  const code = newCluster(args, { configDir, schemaFile: join(project, 'config.schema.json'), log: (l) => lines.push(l) }, env);
  expect({ code, lines }).toEqual({ code: 1, lines: [`error: npm took --from for itself: write \`${fix}\``] });
  expect(readdirSync(configDir).sort()).toEqual(['dev.yaml', 'examples']);
});

test('--from=<name> names another cluster, which wins over an example of the same name', () => {
  writeFileSync(join(configDir, 'bgp.yaml'), DEV);
  expect(run('copy', '--from=bgp').code).toBe(0);
  expect(readFileSync(join(configDir, 'copy.yaml'), 'utf8')).toBe(DEV);
});

test('the $schema path is relative to the folder the file is written to', () => {
  configDir = join(project, 'clusters', 'site-a');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'base.yaml'), 'kubeVip:\n  interface: eth1\n');
  expect(run('lab', '--from', 'base').code).toBe(0);
  expect(readFileSync(join(configDir, 'lab.yaml'), 'utf8')).toBe(
    '# yaml-language-server: $schema=../../config.schema.json\nkubeVip:\n  interface: eth1\n',
  );
});

test('--help prints usage and exits 0', () => {
  const { code, lines } = run('lab', '--help');
  expect(code).toBe(0);
  expect(lines[0]).toBe('usage: npm run new -- <name> [--from <cluster or example>]');
  expect(existsSync(join(configDir, 'lab.yaml'))).toBe(false);
});

describe('refuses, with one line and nothing written', () => {
  const badName = 'the cluster name gives the file <configDir>/<name>.yaml and the folder dist/<name>/, but';
  const rule = "use lower-case letters, digits and '-', starting and ending with a letter or digit";
  test.each([
    ['no name', [], "give the new cluster's name (see --help)"],
    ['two names', ['a', 'b'], 'expected one cluster name, got 2: "a" "b"'],
    [
      'an unknown option',
      ['lab', '--form', 'dev'],
      'unknown option --form: did you mean --from? npm run new takes <name>, --from <cluster or example> and --help',
    ],
    ['--from without a value', ['lab', '--from'], '--from needs a cluster or example name'],
    ['an empty --from=', ['lab', '--from='], '--from needs a cluster or example name'],
    ['an upper-case name', ['Lab'], `${badName} "Lab" is not a valid name: ${rule} (upper-case letters are not allowed: "lab")`],
    ['a name ending in -', ['lab-'], `${badName} "lab-" is not a valid name: ${rule}`],
    ['a name of 64 characters', ['a'.repeat(64)], `${badName} "${'a'.repeat(64)}" is 64 characters, at most 63`],
    ['an existing cluster', ['dev'], '<configDir>/dev.yaml already exists: pick another name, or edit that file'],
    ['an unknown --from', ['lab', '--from', 'prod'], `--from "prod" is neither a cluster (dev) nor an example (${EXAMPLES})`],
  ])('%s', (_case, args, message) => {
    const before = readdirSync(configDir).sort();
    expect(run(...args)).toEqual({ code: 1, lines: [`error: ${message.replace('<configDir>', configDir)}`] });
    expect(readdirSync(configDir).sort()).toEqual(before);
  });

  test('a name taken by a .yml file (it would write the same dist/ folder)', () => {
    writeFileSync(join(configDir, 'lab.yml'), DEV);
    expect(run('lab')).toEqual({ code: 1, lines: [`error: ${configDir}/lab.yml already exists: pick another name, or edit that file`] });
    expect(existsSync(join(configDir, 'lab.yaml'))).toBe(false);
  });

  test('the longest valid name (63 characters) is accepted', () => {
    expect(run('a'.repeat(63)).code).toBe(0);
  });
});

describe('a config that is a symbolic link is a cluster, as it is for synth', () => {
  beforeEach(() => {
    writeFileSync(join(project, 'shared.yaml'), DEV.replaceAll('192.168.0.40', '192.168.0.50'));
    symlinkSync(join(project, 'shared.yaml'), join(configDir, 'linked.yaml'));
  });

  test('--from <a linked cluster> copies what the link leads to', () => {
    expect(loadConfigDir(configDir).clusters.map((c) => c.name)).toContain('linked');
    const { code, lines } = run('lab', '--from', 'linked');
    expect(code).toBe(0);
    expect(lines[0]).toBe(`new: wrote ${configDir}/lab.yaml, a copy of ${configDir}/linked.yaml. Set these to your network and sites:`);
    expect(lines).toContain('  kubeVip.controlPlane.address: 192.168.0.50');
    expect(lstatSync(join(configDir, 'lab.yaml')).isFile()).toBe(true);
  });

  test('its name is taken', () => {
    expect(run('linked')).toEqual({
      code: 1,
      lines: [`error: ${configDir}/linked.yaml already exists: pick another name, or edit that file`],
    });
  });

  test('an unknown --from lists it among the clusters', () => {
    expect(run('lab', '--from', 'prod').lines).toEqual([
      `error: --from "prod" is neither a cluster (dev, linked) nor an example (${EXAMPLES})`,
    ]);
  });

  test('a link to nothing is no cluster to copy, and its name cannot be written over', () => {
    symlinkSync(join(project, 'nowhere.yaml'), join(configDir, 'dangling.yaml'));
    // Named by what it is, as a FIFO or a folder is (68c-1), not as absent.
    expect(run('lab', '--from', 'dangling').lines[0]).toBe(
      `error: --from "dangling": ${configDir}/dangling.yaml exists but is a symbolic link to nothing: --from copies a regular file; make it one`,
    );
    expect(run('dangling')).toEqual({
      code: 1,
      lines: [
        `error: ${configDir}/dangling.yaml is a symbolic link (to nothing), so nothing was written there: remove the link, or pick another name`,
      ],
    });
    expect(existsSync(join(project, 'nowhere.yaml'))).toBe(false);
  });
});
