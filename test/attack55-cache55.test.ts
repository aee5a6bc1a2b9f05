import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * Round 55 (findings 53b-4, 53b-5, 53b-6): the code cache (scripts/code-cache.js) may make a run faster, never
 * different, and no script of the tool shows a Node trace when a package.json makes it an ES module. Each cache row
 * compares a run through the cache with what Node does without it, in a project of its own.
 */
const MODULES: Record<string, string> = {
  // `lazy` is required and never read during the writer's warm-up: the cache defers it (a stand-in), and `deep` with it.
  'main.js':
    "const helper = require('./helper');\nconst lazy = require('./lazy');\n" +
    "exports.main = (args) => (args.includes('lazy') ? lazy.value() : [helper.word(), globalThis.sideEffect ?? 'none']);\n",
  'helper.js': "// a comment of the module: .......\nexports.word = () => 'packed';\n",
  'lazy.js': "const deep = require('./deep');\nexports.value = () => deep.value();\n",
  'deep.js': "exports.value = () => 'deep';\n",
};

let project: string;
const writeModules = (modules: Record<string, string>) => {
  for (const [name, text] of Object.entries(modules)) writeFileSync(join(project, 'lib', 'src', name), text);
};
function node(args: string[], env: NodeJS.ProcessEnv = {}, cwd = project) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, K3S_VIP_DEBUG: '', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const writeCache = () => expect(node(['scripts/code-cache-writer.js', '--write'])).toEqual({ status: 0, stdout: '', stderr: '' });

/** main(args) through the cache (or without it): its value or the error's message, and the counts of useCache. */
function run(env: NodeJS.ProcessEnv = {}, cwd = project) {
  const script =
    "const counts = require('./scripts/code-cache').useCache(); let value;" +
    "try { value = require('./lib/src/main.js').main([]); } catch (e) { value = { error: e.message }; }" +
    'console.log(JSON.stringify({ counts, value }));';
  const result = node(['-e', script], env, cwd);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { counts: { cached: number; compiled: number }; value: unknown };
}
const withoutCache = () => run({ K3S_VIP_CODE_CACHE: '0' }).value;
const state = (dir = project) => readFileSync(join(dir, 'lib', '.code-cache-state'), 'utf8').trim();

/**
 * `text` with `from` replaced by `to` (as long) and the 4 bytes after `slot` set so that the CRC-32 is `text`'s again:
 * CRC-32 is affine over GF(2), so the 32 bits of the slot solve it (the attacker's 04-crc-forge.js, as a function).
 */
function forgeCrc(text: Buffer, from: string, to: string, slot: string): Buffer {
  const want = crc32(text);
  const at = text.indexOf(slot) + slot.length;
  for (let tweak = 0; tweak < 400; tweak++) {
    const out = Buffer.from(text.toString('latin1').replace(from, to), 'latin1');
    out[at + 4] = 0x61 + (tweak % 26);
    out[at + 5] = 0x61 + Math.floor(tweak / 26);
    out.fill(0, at, at + 4);
    const base = crc32(out);
    // Rows: the CRC change of each of the 32 bits, reduced to an echelon basis with the bits it combines.
    const basis: { v: number; bits: number }[] = [];
    for (let bit = 0; bit < 32; bit++) {
      out[at + (bit >> 3)] ^= 1 << (bit & 7);
      let v = (crc32(out) ^ base) >>> 0;
      out[at + (bit >> 3)] ^= 1 << (bit & 7);
      let bits = 2 ** bit;
      for (const b of basis)
        if ((v ^ b.v) >>> 0 < v) {
          v = (v ^ b.v) >>> 0;
          bits = Number(BigInt(bits) ^ BigInt(b.bits));
        }
      if (v) {
        basis.push({ v, bits });
        basis.sort((x, y) => y.v - x.v);
      }
    }
    let v = (want ^ base) >>> 0;
    let bits = 0n;
    for (const b of basis)
      if ((v ^ b.v) >>> 0 < v) {
        v = (v ^ b.v) >>> 0;
        bits ^= BigInt(b.bits);
      }
    if (v) continue;
    for (let bit = 0; bit < 32; bit++) if ((bits >> BigInt(bit)) & 1n) out[at + (bit >> 3)] ^= 1 << (bit & 7);
    const slotBytes = [...out.subarray(at, at + 4)];
    if (crc32(out) === want && !slotBytes.some((byte) => byte === 0x0a || byte === 0x0d || byte >= 0x80)) return out;
  }
  throw new Error('no forgery found');
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'k3s-vip-attack55-'));
  mkdirSync(join(project, 'scripts'));
  mkdirSync(join(project, 'lib', 'src'), { recursive: true });
  for (const script of ['code-cache.js', 'code-cache-writer.js', 'packed-files.js', 'pack-text.js'])
    copyFileSync(join(__dirname, '..', 'scripts', script), join(project, 'scripts', script));
  writeModules(MODULES);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const VALUE = ['packed', 'none'];
const helperFile = () => join(project, 'lib', 'src', 'helper.js');

describe('53b-4: a module runs from its pack only while its file is the one packed', () => {
  test('control: as written, every module a run uses from the packs, lazy.js and deep.js deferred', () => {
    writeCache();
    expect(run()).toEqual({ counts: { cached: 2, compiled: 0 }, value: VALUE });
  });

  test('an edit that keeps the length and the CRC-32 (4 bytes of a comment) runs the new text, as without the cache', () => {
    writeCache();
    const before = readFileSync(helperFile());
    const forged = forgeCrc(before, "'packed'", "'forged'", '// a comment of the module: ');
    expect([forged.length, crc32(forged)]).toEqual([before.length, crc32(before)]);
    writeFileSync(helperFile(), forged);
    expect(withoutCache()).toEqual(['forged', 'none']);
    expect(run()).toEqual({ counts: { cached: 1, compiled: 1 }, value: ['forged', 'none'] });
  });

  test('the same edit with the old modification time put back (touch -d): still the new text', () => {
    writeCache();
    const before = readFileSync(helperFile());
    writeFileSync(helperFile(), forgeCrc(before, "'packed'", "'forged'", '// a comment of the module: '));
    utimesSync(helperFile(), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    expect(run().value).toEqual(['forged', 'none']);
  });

  test.each([
    ['touched (same bytes, new times)', () => utimesSync(helperFile(), new Date(), new Date())],
    [
      'saved again by an editor (same bytes, a new file renamed over it)',
      () => {
        writeFileSync(`${helperFile()}.tmp`, readFileSync(helperFile()));
        cpSync(`${helperFile()}.tmp`, helperFile());
        rmSync(`${helperFile()}.tmp`);
      },
    ],
  ])('%s: runs from the pack, told by its bytes, and asks for a new write', (_label, change) => {
    writeCache();
    // The writer records a file's key only once its change time is older than the file system's time resolution.
    for (const name of Object.keys(MODULES)) utimesSync(join(project, 'lib', 'src', name), new Date(), new Date());
    spawnSync('sleep', ['0.3']);
    writeCache();
    expect(state()).toBe('0 written');
    change();
    expect(run()).toEqual({ counts: { cached: 2, compiled: 0 }, value: VALUE });
    expect(state()).toBe('0 moved');
    expect(node(['-p', "require('./scripts/code-cache').shouldWrite()"]).stdout.trim()).toBe('true');
  });

  test('control: a copy of the whole project (cp -a: new inodes and change times) runs from the packs', () => {
    writeCache();
    const copy = `${project}-copy`;
    cpSync(project, copy, { recursive: true, preserveTimestamps: true });
    try {
      expect(run({}, copy)).toEqual({ counts: { cached: 2, compiled: 0 }, value: VALUE });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('53b-5: a deferred module, or one its load would load, that changed since the write is not deferred', () => {
  test.each([
    ['lazy.js throws at its top', { 'lazy.js': "throw new Error('BROKEN module');\n" }],
    ['deep.js (loaded only by lazy.js) throws at its top', { 'deep.js': "throw new Error('BROKEN module');\n" }],
  ])('%s: the error at its require, as without the cache', (_label, edit) => {
    writeCache();
    writeModules(edit);
    expect(withoutCache()).toEqual({ error: 'BROKEN module' });
    expect(run().value).toEqual({ error: 'BROKEN module' });
  });

  test.each([
    ['lazy.js', { 'lazy.js': `globalThis.sideEffect = 'ran';\n${MODULES['lazy.js']}` }],
    ['deep.js', { 'deep.js': `globalThis.sideEffect = 'ran';\n${MODULES['deep.js']}` }],
  ])('a top-level side effect added to %s runs when it is required, as without the cache', (_label, edit) => {
    writeCache();
    writeModules(edit);
    expect(withoutCache()).toEqual(['packed', 'ran']);
    expect(run().value).toEqual(['packed', 'ran']);
  });

  test('a file lib/src/lazy (no extension) added since the write: Node loads it at the require of ./lazy, as without the cache', () => {
    writeCache();
    writeFileSync(join(project, 'lib', 'src', 'lazy'), "throw new Error('SHADOW module');\n");
    expect(withoutCache()).toEqual({ error: 'SHADOW module' });
    expect(run().value).toEqual({ error: 'SHADOW module' });
  });

  test('deep.js deleted since the write: the error Node gives at the require of lazy.js, as without the cache', () => {
    writeCache();
    rmSync(join(project, 'lib', 'src', 'deep.js'));
    expect(withoutCache()).toEqual({ error: expect.stringMatching(/^Cannot find module '\.\/deep'/) });
    expect(run().value).toEqual(withoutCache());
  });
});

describe('53b-6: "type": "module" over the scripts gives one line, not a trace', () => {
  const ENTRIES = readdirSync(join(__dirname, '..', 'scripts')).filter((name) =>
    [
      'app.js',
      'synth.js',
      'code-cache-writer.js',
      'bench.js',
      'mutate.js',
      'static-checks.js',
      'test-suites.js',
      'chart-reads.js',
    ].includes(name),
  );
  const withScripts = (packageJsons: Record<string, string>) => {
    for (const name of readdirSync(join(__dirname, '..', 'scripts')).filter((file) => file.endsWith('.js')))
      copyFileSync(join(__dirname, '..', 'scripts', name), join(project, 'scripts', name));
    for (const [where, text] of Object.entries(packageJsons)) writeFileSync(join(project, where), text);
  };

  test('every entry script is checked: each one package.json or cdk8s.yaml runs, and each with a shebang', () => {
    const dir = join(__dirname, '..');
    const named = [readFileSync(join(dir, 'package.json'), 'utf8'), readFileSync(join(dir, 'cdk8s.yaml'), 'utf8')].flatMap((text) =>
      [...text.matchAll(/node scripts\/([\w-]+\.js)/g)].map((m) => m[1]),
    );
    const shebang = readdirSync(join(dir, 'scripts')).filter(
      (name) => name.endsWith('.js') && readFileSync(join(dir, 'scripts', name), 'utf8').startsWith('#!'),
    );
    expect(ENTRIES).toHaveLength(8);
    expect([...new Set([...named, ...shebang])].filter((name) => !ENTRIES.includes(name))).toEqual([]);
  });

  test.each([
    ['the project package.json', { 'package.json': '{ "name": "k3s-vip", "type": "module" }\n' }],
    ['a package.json in scripts/', { 'package.json': '{ "name": "k3s-vip" }\n', 'scripts/package.json': '{ "type": "module" }\n' }],
  ])('"type": "module" in %s', (_label, packageJsons) => {
    withScripts(packageJsons);
    for (const name of ENTRIES) {
      const result = node([join('scripts', name), '--dry-run']);
      expect({ name, status: result.status, stdout: result.stdout }).toEqual({ name, status: 1, stdout: '' });
      expect(result.stderr).toMatch(
        new RegExp(
          `^error: node ran .*scripts/${name.replace('.', '\\.')} as an ES module: .*"type": "module".*remove that "type" field\\n$`,
        ),
      );
      expect(result.stderr).not.toMatch(/\n\s+at |ReferenceError/);
    }
  });

  test('under the cdk8s CLI (CDK8S_OUTDIR set), app.js gives the line and exits 0, so the CLI prints no stack trace (56b-8)', () => {
    withScripts({ 'package.json': '{ "name": "k3s-vip", "type": "module" }\n' });
    const result = node(['scripts/app.js'], { CDK8S_OUTDIR: join(project, '.cdk8s.out') });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^error: node ran .*scripts\/app\.js as an ES module: .*remove that "type" field\n$/);
  });

  test('control: "type": "commonjs" runs the scripts as before', () => {
    withScripts({ 'package.json': '{ "name": "k3s-vip", "type": "commonjs" }\n' });
    const result = node(['scripts/app.js', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: node scripts\/app\.js/);
  });
});
