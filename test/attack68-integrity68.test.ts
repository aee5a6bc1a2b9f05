// Round 68c (68c-2, 3, 5, 6, 7, 8): npm killed before `npm run synth` or `npm run k3s:install` started its script is a
// refusal, not an unguarded run; a script of thousands of here-docs into /run/secrets is refused with its places, not a
// stack overflow, and a capped list says how many more; props' text is counted in UTF-8 bytes, as a config file is;
// k3s:install lists its plan once carried out, ends a lock refusal with "nothing was written", and says "created" only
// where it created the folder; validate counts an object too large for etcd apart from secrets.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { K3sVipCluster } from '../src';
import { secretsInData } from '../src/core/secrets';
import { secretProblems } from '../src/core/secret-place';
import { redact } from '../src/core/secret-shapes';
import { createManifestsFolder } from '../src/k3s/install-apply';
import { FileSystem, nodeFileSystem } from '../src/output/file-system';
import { LOCK_FILE } from '../src/output/lock';
import { findingCounts } from '../src/output/secret-gate';
import { devConfig, installCluster, recordAsSynthesized, thrown, valuesDoors, withChanges } from './helpers';

const { npmEndedBeforeStart } = require('../scripts/npm-runner') as {
  npmEndedBeforeStart: (script: string, runner: number | undefined, env?: NodeJS.ProcessEnv) => boolean;
};

const root = join(__dirname, '..');
const APP = join(root, 'scripts', 'app.js');
const SYNTH = join(root, 'scripts', 'synth.js');
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'integrity68-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
async function until(test: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !test() && Date.now() < end;) await sleep(20);
}

/** `n` here-docs into /run/secrets, none closed: every line after the first opener is the literal it writes. */
const openHereDocs = (n: number) =>
  `#!/bin/sh\n${Array.from({ length: n }, (_, i) => `cat <<EOF${i} > /run/secrets/x${i}\nhello world ${i}\n`).join('')}`;
/** `n` closed here-docs, each writing one literal line into /run/secrets. */
const closedHereDocs = (n: number) =>
  `#!/bin/sh\n${Array.from({ length: n }, (_, i) => `cat <<EOF${i} > /run/secrets/x${i}\nhello world ${i}\nEOF${i}\n`).join('')}`;
const configMap = (script: string) => ({
  extraObjects: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'kube-system' }, data: { 'script.sh': script } },
  ],
});
/** How many lines of `text` its redaction blanks: the lines a refusal names, then counts. */
const blankedLines = (text: string) => {
  const redacted = redact(text).split('\n');
  return text.split('\n').filter((line, i) => line !== redacted[i]).length;
};
const problemsOf = (text: string) => {
  const data = { s: text };
  return secretsInData(data).flatMap((secret) => secretProblems(secret, data));
};

describe('68c-3: npm killed before its script started is a refusal', () => {
  const NPM_CLI = '/usr/lib/node_modules/npm/bin/npm-cli.js';
  test.each<[string, string, number | undefined, NodeJS.ProcessEnv, boolean]>([
    ['npm run synth, npm gone', 'synth', undefined, { npm_lifecycle_event: 'synth', npm_execpath: NPM_CLI }, true],
    ['npm run k3s:install, npm gone', 'k3s:install', undefined, { npm_lifecycle_event: 'k3s:install', npm_execpath: NPM_CLI }, true],
    ['npm found', 'synth', 4242, { npm_lifecycle_event: 'synth', npm_execpath: NPM_CLI }, false],
    ['node scripts/synth.js, no npm', 'synth', undefined, {}, false],
    ['npm test starting synth.js (the test suite)', 'synth', undefined, { npm_lifecycle_event: 'test', npm_execpath: NPM_CLI }, false],
    ['npx jest starting synth.js', 'synth', undefined, { npm_lifecycle_event: 'npx', npm_execpath: NPM_CLI }, false],
    ['another script of the same run', 'synth', undefined, { npm_lifecycle_event: 'k3s:install', npm_execpath: NPM_CLI }, false],
    [
      'yarn run synth (not npm)',
      'synth',
      undefined,
      { npm_lifecycle_event: 'synth', npm_execpath: '/usr/lib/node_modules/yarn/bin/yarn.js' },
      false,
    ],
    [
      'pnpm run synth (not npm)',
      'synth',
      undefined,
      { npm_lifecycle_event: 'synth', npm_execpath: '/usr/lib/node_modules/pnpm/bin/pnpm.cjs' },
      false,
    ],
    ['npm_execpath unset', 'synth', undefined, { npm_lifecycle_event: 'synth' }, false],
  ])('npmEndedBeforeStart: %s', (_name, script, runner, env, expected) => {
    expect(npmEndedBeforeStart(script, runner, env)).toBe(expected);
  });

  /** A config folder with dev.yaml, an output folder with a synthesized dev/, and an env naming them. */
  function project(): { env: NodeJS.ProcessEnv; dist: string } {
    const [config, dist] = [join(scratch, 'config'), join(scratch, 'dist')];
    mkdirSync(config);
    mkdirSync(join(dist, 'dev'), { recursive: true });
    writeFileSync(join(config, 'dev.yaml'), readFileSync(join(root, 'test', 'fixtures', 'config', 'dev.yaml')));
    writeFileSync(join(dist, 'dev', 'kustomization.yaml'), 'kind: Kustomization\nresources:\n  - notes.yaml\n');
    writeFileSync(join(dist, 'dev', 'notes.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n  namespace: default\n');
    recordAsSynthesized(dist);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      K3S_VIP_CONFIG_DIR: config,
      K3S_VIP_DIST_DIR: dist,
      K3S_VIP_DEBUG: '',
      CDK8S_CHECK_UPGRADE: 'false',
    };
    delete env.K3S_VIP_RUNNER_PID;
    return { env, dist };
  }

  /**
   * npm faked by a node script named npm-cli.js (npm_execpath names it, as npm sets it), which runs `command` through
   * `sh -c` as npm does. `gone`: it SIGKILLs itself first, and the shell starts the command once it is gone (a start-up
   * slower than the kill); else it waits for the command. Resolves to what the command printed, and its exit status.
   */
  async function underFakeNpm(command: string[], event: string, env: NodeJS.ProcessEnv, gone: boolean) {
    const [fakeNpm, out] = [join(scratch, 'npm-cli.js'), join(scratch, 'out')];
    const line = `${[process.execPath, ...command].map((arg) => `'${arg}'`).join(' ')}; echo "rc=$?"`;
    writeFileSync(
      fakeNpm,
      `const { spawn } = require('node:child_process'); const fs = require('node:fs');
       const fd = fs.openSync(${JSON.stringify(out)}, 'w');
       const gone = ${gone};
       const script = (gone ? 'while kill -0 ' + process.pid + ' 2>/dev/null; do sleep 0.05; done; ' : '') + ${JSON.stringify(line)};
       const sh = spawn('sh', ['-c', script], { cwd: ${JSON.stringify(root)}, stdio: ['ignore', fd, fd], detached: gone });
       if (gone) process.kill(process.pid, 'SIGKILL'); else sh.on('close', (code) => process.exit(code ?? 1));`,
    );
    const npm = spawn(process.execPath, [fakeNpm], { env: { ...env, npm_lifecycle_event: event, npm_execpath: fakeNpm }, stdio: 'ignore' });
    const signal = await new Promise((done) => npm.on('close', (_code, sig) => done(sig)));
    expect(signal).toBe(gone ? 'SIGKILL' : null);
    await until(() => /rc=\d+/.test(readFileSync(out, 'utf8')), 120_000);
    const text = readFileSync(out, 'utf8').trim();
    return { lines: text.split('\n').slice(0, -1), rc: Number(/rc=(\d+)$/.exec(text)?.[1]) };
  }

  test('npm run synth: npm gone before synth.js started: refused, nothing written', async () => {
    const { env, dist } = project();
    rmSync(join(dist, 'dev'), { recursive: true });
    rmSync(join(dist, '.generated-files'));
    const { lines, rc } = await underFakeNpm([SYNTH], 'synth', env, true);
    expect(rc).toBe(1);
    expect(lines).toEqual([
      'synth failed: npm, which ran `npm run synth`, ended before this run started (killed?): nothing was written, the output folder (K3S_VIP_DIST_DIR) was left unchanged.',
    ]);
    expect(readdirSync(dist)).toEqual([]);
  }, 150_000);

  test('npm run k3s:install: npm gone before app.js started: refused, the folder not created', async () => {
    const { env } = project();
    const target = join(scratch, 'manifests');
    const { lines, rc } = await underFakeNpm([APP, 'k3s/install', '--cluster', 'dev', '--dir', target], 'k3s:install', env, true);
    expect(rc).toBe(1);
    expect(lines).toEqual([
      'error: npm, which ran `npm run k3s:install`, ended before this run started (killed?); nothing was written: run it again',
    ]);
    expect(existsSync(target)).toBe(false);
  }, 150_000);

  test('npm run k3s:install with npm running: installed', async () => {
    const { env } = project();
    const target = join(scratch, 'manifests');
    const { lines, rc } = await underFakeNpm([APP, 'k3s/install', '--cluster', 'dev', '--dir', target], 'k3s:install', env, false);
    expect(rc).toBe(0);
    expect(lines[lines.length - 1]).toBe(`Done: created ${target}/; 1 create, 0 update, 0 remove, 0 unchanged.`);
    expect(readdirSync(target).sort()).toEqual(['.k3s-vip-dev.json', 'notes.yaml']);
  }, 150_000);

  test('npm run synth with npm running: written', async () => {
    const { env, dist } = project();
    const { lines, rc } = await underFakeNpm([SYNTH], 'synth', env, false);
    expect(rc).toBe(0);
    expect(lines[lines.length - 1]).toMatch(/^synth: 1 cluster\(s\), \d+ file\(s\) in /);
    expect(readdirSync(join(dist, 'dev'))).toContain('kube-vip.yaml');
  }, 150_000);
});

describe('68c-6: thousands of here-docs into /run/secrets are refused with their places, not a stack overflow', () => {
  test('the text is redacted, not a RangeError', () => {
    const text = openHereDocs(2000);
    const redacted = redact(text);
    expect(redacted.split('\n')).toHaveLength(text.split('\n').length);
    expect(redacted).not.toContain('hello world 1999');
  });

  test.each([2000, 1000])(
    'config door, %i here-docs: 20 places at file:line, key path, and how many more',
    (count) => {
      const more = blankedLines(openHereDocs(count)) - 20;
      expect(more).toBeGreaterThan(count - 20);
      const lines = valuesDoors.config(configMap(openHereDocs(count))).split('\n');
      // Neighbouring lines that hold one are one refusal naming its lines (73b-8): an open here-doc runs to the end.
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(20);
      expect(lines.join('\n')).toMatch(/on its lines 3–\d+/);
      for (const line of lines)
        expect(line).toMatch(
          /^config\/t\.yaml:\d+:\d+: traefik\.values\.extraObjects\[0\]\.data\["script\.sh"\]: holds a literal written into a file named like a secret/,
        );
      expect(lines.filter((line) => line.includes('more lines of the text hold one too'))).toHaveLength(1);
      expect(Number(/, and (\d+) more lines of the text hold one too/.exec(lines.join('\n'))?.[1])).toBeGreaterThanOrEqual(more);
    },
    180_000,
  );

  test('construct door, 2000 here-docs: a K3sVipValidationError at the key path', () => {
    const props = withChanges(devConfig(), { traefik: { values: configMap(openHereDocs(2000)) } });
    const error = thrown(() => new K3sVipCluster(new App(), 'c', props));
    expect(error.message).toContain(
      'traefik.values.extraObjects[0].data["script.sh"]: holds a literal written into a file named like a secret',
    );
    expect(error.message).toContain(`, and ${blankedLines(openHereDocs(2000)) - 20} more lines of the text hold one too`);
  }, 180_000);

  test.each<[number, number, string | undefined]>([
    [5, 5, undefined],
    [20, 20, undefined],
    [21, 20, ', and 1 more line of the text holds one too'],
    [40, 20, ', and 20 more lines of the text hold one too'],
  ])('%i closed here-docs: %i places named', (count, named, note) => {
    const problems = problemsOf(closedHereDocs(count));
    expect(problems).toHaveLength(named);
    const last = problems[problems.length - 1].message;
    if (note) expect(last).toContain(note);
    else expect(last).not.toMatch(/more lines? of the text/);
  });

  test.each<[string, number, string]>([
    ['30 lines', 30, ', and 10 more lines after it set one too, and dist/'],
    ['2000 lines', 2000, ', and 1980 more lines after it set one too, and dist/'],
    ['2000 lines and an empty last line', 2000, ', and 1980 more lines after it set one too, and dist/'],
    ['2100 lines', 2100, ", and 1980 more lines after it set one too in the text's first 2000 lines (the rest are not read line by line)"],
  ])(
    'lines that set one alone, %s: the count says what it counts',
    (name, count, note) => {
      const text = Array.from({ length: count }, (_, i) => `password=hunter${i}xyzq`).join('\n') + (name.includes('empty') ? '\n' : '');
      const problems = problemsOf(text);
      expect(problems).toHaveLength(20);
      expect(problems[19].message).toContain(note);
    },
    120_000,
  );
});

describe('68c-2: props text is counted in UTF-8 bytes, as a config file is', () => {
  const env = (value: string) => ({ env: [{ name: 'NOTE', value }] });
  test.each<[string, string, string | undefined]>([
    ['600,000 × é (1,200,000 bytes)', 'é'.repeat(600_000), 'is a text of 1,200,000 bytes'],
    ['300,000 emoji (1,200,000 bytes, 600,000 UTF-16 units)', '😀'.repeat(300_000), 'is a text of 1,200,000 bytes'],
    ['400,000 × 中 (1,200,000 bytes)', '中'.repeat(400_000), 'is a text of 1,200,000 bytes'],
    ['1,100,000 × a', 'a'.repeat(1_100_000), 'is a text of 1,100,000 bytes'],
    ['500,000 × é (1,000,000 bytes): within', 'é'.repeat(500_000), undefined],
  ])('K3sVipCluster, %s', (_name, value, expected) => {
    const refusal = valuesDoors.cluster(env(value));
    if (!expected) return expect(refusal).toBe('');
    expect(refusal).toContain(`traefik.values.env[0].value: ${expected}, which takes the props' text past 1 MiB (1,048,576 bytes)`);
    expect(refusal).not.toContain('characters');
  });

  test('a key of 600,000 × é is 1,200,000 bytes', () => {
    expect(valuesDoors.cluster({ podAnnotations: { ['é'.repeat(600_000)]: 'x' } })).toContain(
      'traefik.values.podAnnotations: has a key of 1,200,000 bytes',
    );
  });

  test('the config door refuses the same value, in bytes too', () => {
    expect(valuesDoors.config(env('é'.repeat(600_000)))).toMatch(
      /^config\/t\.yaml: is 1,2\d\d,\d{3} bytes; a config file may be at most 1,048,576 bytes/,
    );
  });
});

describe('68c-5: k3s:install lists its plan once carried out; a lock refusal ends with "nothing was written"', () => {
  const KUBE_VIP = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kube-vip\n  namespace: kube-system\n';
  const INGRESSES = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: frontend-ingress\n  namespace: default\n';
  const RECORD = '.k3s-vip-dev.json';
  function setDist(dist: string, files: Record<string, string>): void {
    const folder = join(dist, 'dev');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'kustomization.yaml'),
      `kind: Kustomization\nresources:\n${Object.keys(files)
        .map((r) => `  - ${r}\n`)
        .join('')}`,
    );
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    recordAsSynthesized(dist);
  }
  /** An install of kube-vip.yaml and ingresses.yaml, and a dist that drops ingresses.yaml. */
  function installed() {
    const [dist, target] = [join(scratch, 'dist'), join(scratch, 'manifests')];
    mkdirSync(target);
    setDist(dist, { 'kube-vip.yaml': KUBE_VIP, 'ingresses.yaml': INGRESSES });
    expect(installCluster(dist, target).code).toBe(0);
    setDist(dist, { 'kube-vip.yaml': KUBE_VIP });
    return { dist, target };
  }
  /** The disk, but the `nth` write of the record fails with ENOSPC. */
  const fullAtRecordWrite = (nth: number): FileSystem => {
    let writes = 0;
    return {
      ...nodeFileSystem,
      writeNewFile: (path, text) => {
        if (path.includes(RECORD) && ++writes === nth) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        nodeFileSystem.writeNewFile(path, text);
      },
    };
  };

  test.each([
    ['the first record write (its claim)', 1],
    ['the last record write, after the removal', 2],
  ])('ENOSPC at %s: rolled back, no plan and no kubectl delete printed', (_name, nth) => {
    const { dist, target } = installed();
    const { code, lines } = installCluster(dist, target, fullAtRecordWrite(nth));
    expect(code).toBe(1);
    expect(lines.join('\n')).not.toMatch(/remove {4}ingresses\.yaml|kubectl delete|Installing /);
    expect(lines[lines.length - 1]).toMatch(
      /^error: cannot write .*no space left on the device \(ENOSPC\): free space on that file system, then run again; .* was left as it was$/,
    );
    expect(readdirSync(target).sort()).toEqual([RECORD, 'ingresses.yaml', 'kube-vip.yaml']);
  });

  test('carried out: the plan, its kubectl delete, then Done', () => {
    const { dist, target } = installed();
    const { code, lines } = installCluster(dist, target);
    expect(code).toBe(0);
    expect(lines).toEqual([
      `Installing ${join(dist, 'dev')}/ into ${target}:`,
      '  remove    ingresses.yaml',
      '  unchanged kube-vip.yaml',
      'K3s does not delete the objects of a removed manifest: they stay in the cluster until you delete them:',
      '  # ingresses.yaml',
      '  kubectl delete ingress.networking.k8s.io frontend-ingress -n default',
      'Done: 0 create, 0 update, 1 remove, 1 unchanged.',
    ]);
  });

  test.each<[string, (target: string) => void, string | undefined]>([
    ['a folder at the lock', (target) => mkdirSync(join(target, LOCK_FILE)), undefined],
    [
      'a lock held by a live run',
      (target) =>
        writeFileSync(join(target, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), holder: 'synth', since: 'then' })),
      '0',
    ],
    ['K3S_VIP_LOCK_WAIT_SECONDS wrong', () => undefined, 'soon'],
  ])('no lock (%s): the last line says nothing was written', (_name, arrange, wait) => {
    const { dist, target } = installed();
    arrange(target);
    const saved = process.env.K3S_VIP_LOCK_WAIT_SECONDS;
    if (wait === undefined) delete process.env.K3S_VIP_LOCK_WAIT_SECONDS;
    else process.env.K3S_VIP_LOCK_WAIT_SECONDS = wait;
    try {
      const { code, lines } = installCluster(dist, target);
      expect(code).toBe(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[lines.length - 1]).toBe(`k3s:install: nothing was written to ${target}.`);
      expect(readFileSync(join(target, 'ingresses.yaml'), 'utf8')).toBe(INGRESSES);
    } finally {
      if (saved === undefined) delete process.env.K3S_VIP_LOCK_WAIT_SECONDS;
      else process.env.K3S_VIP_LOCK_WAIT_SECONDS = saved;
    }
  });

  test('no lock in a folder this run created: that is the last line', () => {
    const dist = join(scratch, 'dist');
    setDist(dist, { 'kube-vip.yaml': KUBE_VIP });
    const target = join(scratch, 'manifests');
    // Another run takes the lock in the folder the moment this one has created it.
    const lockedAtOnce: FileSystem = {
      ...nodeFileSystem,
      mkdir: (path) => {
        nodeFileSystem.mkdir(path);
        if (path === target)
          writeFileSync(join(target, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), holder: 'synth', since: 'then' }));
      },
    };
    process.env.K3S_VIP_LOCK_WAIT_SECONDS = '0';
    try {
      const { code, lines } = installCluster(dist, target, lockedAtOnce);
      expect(code).toBe(1);
      expect(lines).toEqual([expect.stringMatching(/^error: .* is held by synth /), `k3s:install: this run created ${target}/ (empty).`]);
    } finally {
      delete process.env.K3S_VIP_LOCK_WAIT_SECONDS;
    }
  });
});

describe('68c-7: validate counts an object too large for etcd apart from secrets', () => {
  const OVERSIZE =
    'dist/dev/extra.yaml: ConfigMap small is 1600104 bytes as JSON, over the size etcd stores in one object (1.5 MiB, its default --max-request-bytes), so the API server refuses it';
  const SECRET = 'dist/dev/a.yaml: data.password holds a value under a key named like a secret';
  const UNJUDGED = 'dist/dev/b.yaml: has a line of 3300001 characters, more than the write gate reads (3 MiB), so it cannot be judged';
  test.each<[string, string[], string]>([
    ['an oversize object alone', [OVERSIZE], '1 object(s) too large for etcd'],
    ['a secret alone', [SECRET], '1 secret(s)'],
    ['a text too large to judge', [UNJUDGED], '1 text(s) that cannot be judged'],
    ['one of each', [SECRET, UNJUDGED, OVERSIZE], '1 secret(s) and 1 text(s) that cannot be judged and 1 object(s) too large for etcd'],
    ['two secrets and an oversize object', [SECRET, SECRET, OVERSIZE], '2 secret(s) and 1 object(s) too large for etcd'],
  ])('findingCounts: %s', (_name, findings, expected) => {
    expect(findingCounts(findings)).toBe(expected);
  });

  test('npm run validate: a 1.6 MB ConfigMap is one object too large for etcd, not a secret', async () => {
    const [config, dist] = [join(scratch, 'config'), join(scratch, 'dist')];
    mkdirSync(config);
    writeFileSync(join(config, 'dev.yaml'), readFileSync(join(root, 'test', 'fixtures', 'config', 'dev.yaml')));
    const env = { ...process.env, K3S_VIP_CONFIG_DIR: config, K3S_VIP_DIST_DIR: dist, K3S_VIP_QUIET_CLI: '1' };
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [APP, ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => done({ code, stderr }));
      });
    expect((await run([])).code).toBe(0);
    writeFileSync(
      join(dist, 'dev', 'extra.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: small\n  namespace: default\ndata:\n  a: "${'a'.repeat(1_600_000)}"\n`,
    );
    const { code, stderr } = await run(['validate/conformance']);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toBe(`validate: 1 object(s) too large for etcd in ${dist}/.`);
    expect(stderr).not.toMatch(/secret\(s\)/);
  }, 180_000);
});

describe('68c-8: only the run that created a missing --dir says so', () => {
  const KUBE_VIP = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kube-vip\n  namespace: kube-system\n';
  function dist(): string {
    const folder = join(scratch, 'dist', 'dev');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'kustomization.yaml'), 'kind: Kustomization\nresources:\n  - kube-vip.yaml\n');
    writeFileSync(join(folder, 'kube-vip.yaml'), KUBE_VIP);
    recordAsSynthesized(join(scratch, 'dist'));
    return join(scratch, 'dist');
  }

  test('another run creates it between the check and the mkdir: no "created"', () => {
    const target = join(scratch, 'manifests');
    const raced: FileSystem = {
      ...nodeFileSystem,
      mkdir: (path) => {
        if (path === target && !existsSync(target)) nodeFileSystem.mkdir(path); // the other run, first
        nodeFileSystem.mkdir(path);
      },
    };
    const { code, lines } = installCluster(dist(), target, raced);
    expect(code).toBe(0);
    expect(lines[lines.length - 1]).toBe('Done: 1 create, 0 update, 0 remove, 0 unchanged.');
  });

  test('this run creates it: "created"', () => {
    const target = join(scratch, 'manifests');
    const { code, lines } = installCluster(dist(), target);
    expect(code).toBe(0);
    expect(lines[lines.length - 1]).toBe(`Done: created ${target}/; 1 create, 0 update, 0 remove, 0 unchanged.`);
  });

  test.each([
    ['missing: created', false, true],
    ['standing: not created', true, false],
  ])('createManifestsFolder, %s', (_name, standing, created) => {
    const target = join(scratch, 'm');
    if (standing) mkdirSync(target);
    expect(createManifestsFolder(target)).toBe(created);
    expect(existsSync(target)).toBe(true);
  });
});
