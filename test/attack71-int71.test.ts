// Round 71c (71c-1 to 71c-4): a relative --dir or K3S_VIP_*_DIR is taken from the folder npm was run in (INIT_CWD), and
// the "inside the project" rule sees that folder; K3S_VIP_CLUSTERS is named as itself, ends with synth's last line, and
// `npm run synth` honours it as a bare `cdk8s synth` does; copies a killed `new` left are removed by the next `new` and
// named by synth and check; validate says one true line for YAML past the depth bound, counts an alias cycle as a text
// it cannot judge, and gives YAML errors the `file:line:column:` form CI matchers read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_YAML, EXAMPLES_DIR } from './helpers';
import { runCheck } from '../src/check';
import { leftoverCopyWarnings, removeLeftoverCopies } from '../src/config/interrupted-new';
import { main as install } from '../src/k3s/install-cli';
import { wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { PROJECT_ROOT } from '../src/output/cache-folder';
import { configDirFromEnv, distDirFromEnv } from '../src/output/env-dirs';
import { findingCounts, secretsInFiles } from '../src/output/secret-gate';
import { fromUserFolder } from '../src/output/user-folder';
import { runSynth, SynthOptions } from '../src/synth';
import { parseSynthArgs, refusedArgsLastLine } from '../src/synth-args';
import { formatViolation, main as validate, validateManifests } from '../src/validate/conformance';
import { cpuMillisSince } from './cpu-time';

/** The matcher README gives CI (docs/yaml.md, "In CI"). */
const CI_MATCHER = /^error: (.+?):(\d+):(\d+): (.*)$/;

let scratch: string;
beforeEach(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'int71-test-')));
});
afterEach(() => {
  jest.restoreAllMocks();
  for (const name of ['K3S_VIP_DIST_DIR', 'K3S_VIP_CONFIG_DIR']) delete process.env[name];
  process.exitCode = undefined;
  rmSync(scratch, { recursive: true, force: true });
});

function workspace(configs: Record<string, string> = { dev: DEV_YAML }) {
  const config = join(scratch, 'config');
  mkdirSync(config, { recursive: true });
  for (const [name, text] of Object.entries(configs)) writeFileSync(join(config, `${name}.yaml`), text);
  return { config, dist: join(scratch, 'dist') };
}

function synth(ws: { config: string; dist: string }, options: Partial<SynthOptions> = {}) {
  const lines: string[] = [];
  const code = runSynth({ configDir: ws.config, distDir: ws.dist, wiring, log: (l) => lines.push(l), out: () => {}, ...options });
  return { code, lines };
}

/** The lines a command entry point writes to stderr and stdout. */
function captured(run: () => void): string[] {
  const lines: string[] = [];
  const keep = (chunk: string | Uint8Array) => (lines.push(...String(chunk).split('\n').filter(Boolean)), true);
  jest.spyOn(process.stderr, 'write').mockImplementation(keep);
  jest.spyOn(process.stdout, 'write').mockImplementation(keep);
  run();
  jest.restoreAllMocks();
  return lines;
}

/** A pid no process has: one of a process that has ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

describe('71c-1: a relative path is taken from the folder npm was run in', () => {
  const npmIn = (folder: string) => ({ npm_lifecycle_event: 'k3s:install', INIT_CWD: folder });
  test.each([
    ['a relative --dir under npm, typed in docs/', '../mf', npmIn('/p/docs'), '/p/docs/../mf'],
    ['a plain relative name under npm', 'out', { npm_lifecycle_event: 'synth', INIT_CWD: '/p/sub' }, '/p/sub/out'],
    ['an absolute path stays as written', '/srv/m', npmIn('/p/docs'), '/srv/m'],
    ["another script's INIT_CWD (npm test) is not ours", '../mf', { npm_lifecycle_event: 'test', INIT_CWD: '/p/docs' }, '../mf'],
    ['outside npm: the working folder is the typed-in folder', '../mf', {}, '../mf'],
    ['run in the project root: as written', 'x', npmIn(process.cwd()), 'x'],
    ['a relative INIT_CWD is not trusted', 'x', npmIn('docs'), 'x'],
  ])('%s', (_, path, env, expected) => {
    expect(fromUserFolder(path, env)).toBe(expected);
  });

  test.each([
    ['K3S_VIP_DIST_DIR', distDirFromEnv],
    ['K3S_VIP_CONFIG_DIR', configDirFromEnv],
  ])('%s=../out typed in a subfolder names the folder beside that subfolder', (name, read) => {
    mkdirSync(join(scratch, 'sub'));
    const env = { [name]: '../out', npm_lifecycle_event: 'synth', INIT_CWD: join(scratch, 'sub') };
    expect(read(env)).toBe(join(scratch, 'out'));
  });

  test("the defaults stay the project's config/ and dist/", () => {
    const env = { npm_lifecycle_event: 'synth', INIT_CWD: join(scratch, 'sub') };
    expect([configDirFromEnv(env), distDirFromEnv(env)]).toEqual(['config', 'dist']);
  });

  describe('k3s:install --dir ../mf', () => {
    let dist: string;
    beforeEach(() => {
      const ws = workspace();
      expect(synth(ws).code).toBe(0);
      dist = ws.dist;
    });
    const run = (initCwd: string) =>
      captured(() =>
        install(['--cluster', 'dev', '--dir', '../mf', '--dry-run'], {
          K3S_VIP_DIST_DIR: dist,
          K3S_VIP_CONFIG_DIR: join(scratch, 'config'),
          npm_lifecycle_event: 'k3s:install',
          INIT_CWD: initCwd,
        }),
      );

    test("typed in the project's docs/: the folder is inside the project, refused", () => {
      const lines = run(join(PROJECT_ROOT, 'docs'));
      expect(lines.join('\n')).toMatch(/--dir .*: lies inside this project/);
      expect(process.exitCode).toBe(1);
      expect(existsSync(join(PROJECT_ROOT, 'mf'))).toBe(false);
    });

    test('typed in a folder elsewhere: the folder beside it', () => {
      mkdirSync(join(scratch, 'sub'));
      const lines = run(join(scratch, 'sub'));
      expect(lines[0]).toBe(`Dry run: would create ${join(scratch, 'mf')}/ and install ${join(dist, 'dev')}/ into ${join(scratch, 'mf')}:`);
      expect(process.exitCode).toBe(0);
    });
  });

  test('synth: K3S_VIP_DIST_DIR=../out typed in docs/ is refused as inside the project', () => {
    const ws = workspace();
    const env = { ...process.env, K3S_VIP_DIST_DIR: '../out', npm_lifecycle_event: 'synth', INIT_CWD: join(PROJECT_ROOT, 'docs') };
    const lines = synth({ ...ws, dist: distDirFromEnv(env) }, { dryRun: true }).lines;
    expect(lines.join('\n')).toMatch(/the output folder .*\/out\/ lies inside this project/);
  });

  test('the help of each command says which folder a relative path is taken from', () => {
    const helps = [
      captured(() => install(['--help'])),
      captured(() => validate(['--help'])),
      spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'synth.js'), '--help'], { encoding: 'utf8' }).stdout.split('\n'),
    ];
    for (const help of helps)
      expect(help.join(' ').replace(/\s+/g, ' ')).toContain('a relative path is taken from the folder you run npm in');
  });
});

describe('71c-2: K3S_VIP_CLUSTERS is named as itself, and both synth commands honour it', () => {
  test.each([
    ['the variable', { K3S_VIP_CLUSTERS: 'nope' }, [], 'K3S_VIP_CLUSTERS'],
    [
      "npm run synth's own --cluster, passed as the variable",
      { K3S_VIP_CLUSTERS: 'nope', K3S_VIP_CLUSTERS_FROM_FLAG: '1' },
      [],
      '--cluster',
    ],
    ['a --cluster flag', {}, ['--cluster', 'nope'], '--cluster'],
    ['a --cluster flag beside the variable: the flag wins', { K3S_VIP_CLUSTERS: 'other' }, ['--cluster', 'nope'], '--cluster'],
  ])('an unknown cluster from %s is named so', (_, env, args, source) => {
    const parsed = parseSynthArgs(args, env);
    if (typeof parsed === 'string') throw new Error(parsed);
    const ws = workspace({ dev: DEV_YAML });
    const { code, lines } = synth(ws, parsed);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(new RegExp(`^error: ${source.replace(/-/g, '\\-')} nope: there is no `));
    expect(lines[lines.length - 1]).toBe(`synth failed: ${ws.dist}/ was left unchanged.`);
  });

  test.each([' dev', 'DEV', '../x', 'dev\n'])('K3S_VIP_CLUSTERS=%j is refused naming the variable, then the last line', (value) => {
    const dist = join(scratch, 'dist');
    const lines = captured(() => {
      process.env.K3S_VIP_DIST_DIR = dist;
      const saved = process.env.K3S_VIP_CLUSTERS;
      process.env.K3S_VIP_CLUSTERS = value;
      try {
        require('../src/main').main([]);
      } finally {
        if (saved === undefined) delete process.env.K3S_VIP_CLUSTERS;
        else process.env.K3S_VIP_CLUSTERS = saved;
      }
    });
    expect(lines[0]).toMatch(/^error: K3S_VIP_CLUSTERS ".*" is not a cluster name/);
    expect(lines[lines.length - 1]).toBe(`synth failed: ${dist}/ was left unchanged.`);
  });

  test.each([
    ['a synth', [], {}, 'synth failed: /d/ was left unchanged.'],
    ['a dry run', ['--dry-run'], {}, 'synth --dry-run: a synth would refuse this; nothing was written.'],
    [
      'a bare cdk8s synth',
      [],
      { CDK8S_OUTDIR: '/s' },
      'synth failed: /d/ was left unchanged. (cdk8s then says the app did not create its staging folder: that is this refusal.)',
    ],
    ['npm run synth (its CLI lines dropped)', [], { CDK8S_OUTDIR: '/s', K3S_VIP_QUIET_CLI: '1' }, 'synth failed: /d/ was left unchanged.'],
  ])('the last line of a refused argument: %s', (_, args, env, expected) => {
    expect(refusedArgsLastLine(args, '/d/', env)).toBe(expected);
  });

  describe('npm run synth (scripts/synth.js) with K3S_VIP_CLUSTERS exported', () => {
    const runSynthJs = (clusters: string, args: string[] = []) => {
      const ws = workspace({ dev: DEV_YAML, other: DEV_YAML });
      const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'synth.js'), ...args], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          CDK8S_CHECK_UPGRADE: 'false',
          K3S_VIP_CONFIG_DIR: ws.config,
          K3S_VIP_DIST_DIR: ws.dist,
          K3S_VIP_CLUSTERS: clusters,
        },
      });
      return { ...result, ws, lines: result.stderr.split('\n').filter(Boolean) };
    };

    test('an unknown name is refused naming the variable, not a --cluster nobody gave', () => {
      const { status, lines, ws } = runSynthJs('nope');
      expect(status).toBe(1);
      expect(lines.join('\n')).toMatch(/error: K3S_VIP_CLUSTERS nope: there is no /);
      expect(lines[lines.length - 1]).toMatch(/^synth failed: the output folder \(K3S_VIP_DIST_DIR\)|^synth failed: .* was left unchanged/);
      expect(existsSync(join(ws.dist, 'dev'))).toBe(false);
    }, 60_000);

    test('a known name picks that cluster only, as a bare cdk8s synth does', () => {
      const { status, lines, ws } = runSynthJs('other');
      expect(status).toBe(0);
      expect(lines[lines.length - 1]).toMatch(/^synth: 1 cluster\(s\) \(other\)/);
      expect(readdirSync(ws.dist).sort()).toEqual(['.generated-files', 'other']);
    }, 60_000);
  });
});

describe('71c-3: the copy a killed `new` left is removed by the next new, and named by synth and check', () => {
  const copyOf = (name: string, pid: number) => `.${name}.yaml.k3s-vip-${pid}.tmp`;

  test("the next new removes a dead run's copy, says so, and keeps a live one's", () => {
    const ws = workspace({});
    const [dead, live] = [copyOf('home', deadPid()), copyOf('home', process.ppid)];
    for (const name of [dead, live]) writeFileSync(join(ws.config, name), DEV_YAML);
    const lines: string[] = [];
    const options = { configDir: ws.config, examplesDir: EXAMPLES_DIR, schemaFile: join(scratch, 'schema.json') };
    const code = newCluster(['home'], { ...options, log: (l) => lines.push(l), out: () => {} }, {});
    expect(code).toBe(0);
    expect(readdirSync(ws.config).sort()).toEqual([live, 'home.yaml'].sort());
    expect(lines).toContain(`note: removed ${ws.config}/${dead}, the unfinished copy of an interrupted \`npm run new\``);
  });

  test.each([
    ['not a name new writes', (pid: number) => copyOf('Bad_Name', pid)],
    ['not a .yaml copy', (pid: number) => `.home.yml.k3s-vip-${pid}.tmp`],
    ["synth's own temporary file", (pid: number) => `.generated-files.k3s-vip-${pid}.tmp`],
  ])('a dotfile that is %s is neither removed nor named', (_, name) => {
    const ws = workspace({});
    const file = name(deadPid());
    writeFileSync(join(ws.config, file), 'x');
    expect(removeLeftoverCopies(ws.config, ws.config)).toEqual([]);
    expect(leftoverCopyWarnings(ws.config, ws.config)).toEqual([]);
    expect(readdirSync(ws.config)).toContain(file);
  });

  test('a folder named like a copy is left alone', () => {
    const ws = workspace({});
    mkdirSync(join(ws.config, copyOf('home', deadPid())));
    expect(removeLeftoverCopies(ws.config, ws.config)).toEqual([]);
  });

  test("synth names a dead run's copy (and writes nothing in the config folder); a live run's is not named", () => {
    const ws = workspace();
    const [dead, live] = [copyOf('home', deadPid()), copyOf('away', process.pid)];
    for (const name of [dead, live]) writeFileSync(join(ws.config, name), DEV_YAML);
    const { code, lines } = synth(ws);
    expect(code).toBe(0);
    expect(lines).toContain(
      `warning: ${ws.config}/${dead} is the unfinished copy of an interrupted \`npm run new\`: the next \`npm run new\` removes it, or remove it by hand`,
    );
    expect(lines.join('\n')).not.toContain(live);
    expect(readdirSync(ws.config).sort()).toEqual([dead, live, 'dev.yaml'].sort());
  });

  test('check names it too', () => {
    const ws = workspace();
    expect(synth(ws).code).toBe(0);
    const dead = copyOf('home', deadPid());
    writeFileSync(join(ws.config, dead), DEV_YAML);
    const lines: string[] = [];
    expect(runCheck(ws.config, ws.dist, (l) => lines.push(l))).toBe(0);
    expect(lines.some((l) => l.startsWith(`warning: ${ws.config}/${dead} is the unfinished copy`))).toBe(true);
  });

  test('no copy: nothing said', () => {
    const ws = workspace();
    expect(synth(ws).lines.some((l) => l.includes('interrupted `npm run new`'))).toBe(false);
  });
});

describe('71c-4: validate on YAML past the depth bound, an alias cycle, and the file:line:column form', () => {
  let dist: string;
  beforeEach(() => {
    const ws = workspace();
    expect(synth(ws).code).toBe(0);
    dist = ws.dist;
  });
  const runValidate = (file: string, text: string) => {
    writeFileSync(join(dist, 'dev', file), text);
    process.env.K3S_VIP_DIST_DIR = dist;
    return captured(() => validate([]));
  };

  test('70 nested lists (281 bytes): one line, at its place, counted as a text that cannot be judged', () => {
    const lines = runValidate('deep.yaml', `${'['.repeat(70)}${']'.repeat(70)}\n`);
    const errors = lines.filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(CI_MATCHER);
    expect(errors[0]).toMatch(/deep\.yaml:1:65: cannot be judged: it nests deeper than 64 levels as YAML, too deep to read/);
    expect(lines.join('\n')).not.toMatch(/not valid YAML|too large/);
    expect(lines[lines.length - 1]).toBe(`validate: 1 text(s) that cannot be judged in ${dist}/.`);
  });

  test('60 nested lists, within the bound: read, judged, no depth line', () => {
    const lines = runValidate('deep.yaml', `${'['.repeat(60)}${']'.repeat(60)}\n`);
    expect(lines.join('\n')).not.toMatch(/cannot be judged|not valid YAML/);
  });

  test('a self-referencing alias is no secret in the summary', () => {
    const lines = runValidate('selfalias.yaml', 'a: &a [*a]\n');
    expect(lines[lines.length - 1]).not.toMatch(/secret/);
    expect(lines[lines.length - 1]).toMatch(/^validate: 1 text\(s\) that cannot be judged in /);
  });

  test('a real secret beside it is still counted as one', () => {
    writeFileSync(join(dist, 'dev', 'selfalias.yaml'), 'a: &a [*a]\n');
    const lines = runValidate(
      'token.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  password: hunter2-s3cr3t-Value\n',
    );
    expect(lines[lines.length - 1]).toMatch(/^validate: 1 secret\(s\) and 1 text\(s\) that cannot be judged/);
  });

  test('a broken YAML file: its line has the file:line:column: form', () => {
    const lines = runValidate('broken.yaml', 'a: 1\nb: [\nc\n');
    const errors = lines.filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(CI_MATCHER);
    expect(errors[0]).toMatch(/broken\.yaml:3:1: document 1 is not valid YAML/);
  });

  test('a violation without a place keeps `file: object`', () => {
    expect(formatViolation({ file: 'd/x.yaml', object: 'Service/x', field: 'spec.ports', message: 'is empty' })).toBe(
      'd/x.yaml: Service/x: spec.ports is empty',
    );
  });

  test('validateManifests alone: the depth bound is left to the gate, a syntax error is not', () => {
    const files = new Map([
      ['d/deep.yaml', `${'['.repeat(70)}${']'.repeat(70)}\n`],
      ['d/broken.yaml', 'a: 1\nb: [\nc\n'],
    ]);
    expect(validateManifests(files).map(formatViolation)).toEqual([
      expect.stringMatching(/^d\/broken\.yaml:3:1: document 1 is not valid YAML/),
    ]);
    expect(secretsInFiles(files).filter((l) => l.startsWith('d/deep.yaml:1:65: cannot be judged'))).toHaveLength(1);
  });

  test.each([
    [['x: holds a password'], '1 secret(s)'],
    [
      ['x: (document) holds text too deep to judge (read as YAML or JSON, it nests deeper than 64 levels, or its aliases expand too far)'],
      '1 text(s) that cannot be judged',
    ],
    [['x:1:65: cannot be judged: it nests deeper than 64 levels as YAML, too deep to read'], '1 text(s) that cannot be judged'],
  ])('findingCounts(%j) is %s', (findings, expected) => {
    expect(findingCounts(findings)).toBe(expected);
  });

  describe('speed', () => {
    beforeAll(() => secretsInFiles(new Map([['w.yaml', '[[1]]\n']])));
    test('a 100 kB deep text is judged within 2 s', () => {
      const text = `${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
      const start = process.cpuUsage();
      expect(secretsInFiles(new Map([['d/deep.yaml', text]]))[0]).toMatch(/^d\/deep\.yaml:1:65: cannot be judged/);
      expect(cpuMillisSince(start)).toBeLessThan(6000);
    });
  });
});
