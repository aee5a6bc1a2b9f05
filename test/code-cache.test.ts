import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';

/**
 * scripts/code-cache.js and its writer in a project of their own (they cache the modules under the folder above their
 * own): the cache may make a run faster, never different. Each run is a fresh Node, as the app is.
 */
const CACHE_NAME = `${process.version}-${process.arch}.bin`;
const MODULES = {
  'main.js':
    "const feature = require('./sub/feature');\n" +
    "const helper = require('./helper');\n" +
    "exports.main = (args) => { process.stdout.write('dry run output\\n'); return [feature.value(), helper.count(), args.join(' ')]; };\n",
  'sub/feature.js':
    "const { basename } = require('node:path');\n" +
    "const helper = require('../helper');\n" +
    'exports.value = () => `${basename(__filename)} in ${basename(__dirname)}: ${basename(require.resolve("../main"))} v1`;\n' +
    'helper.count();\n',
  'helper.js': 'let calls = 0;\nexports.count = () => ++calls;\n',
};

let project: string;
const cacheDir = () => join(project, 'lib', '.code-cache');
const cacheFile = () => join(cacheDir(), CACHE_NAME);

function writeModules(modules: Record<string, string>) {
  for (const [name, text] of Object.entries(modules)) writeFileSync(join(project, 'lib', 'src', name), text);
}

function node(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Loads main.js through the cache: what it returns, how each module was compiled, and how often helper.js was resolved
 * (Node itself resolves a request once per folder: the two requires of it are from two folders).
 */
function runWithCache(env: NodeJS.ProcessEnv = {}) {
  const script =
    "const Module = require('node:module'); const resolve = Module._resolveFilename; let resolved = 0;" +
    "Module._resolveFilename = function (id, ...rest) { if (id.endsWith('/helper')) resolved++; return resolve.call(this, id, ...rest); };" +
    "const counts = require('./scripts/code-cache').useCache();" +
    "const value = require('./lib/src/main.js').main(['x']);" +
    'console.log(JSON.stringify({ counts, value, resolved }));';
  const result = node(['-e', script], env);
  expect(result.stderr).toBe('');
  const last = result.stdout.trim().split('\n').at(-1)!;
  return JSON.parse(last) as { counts: { cached: number; compiled: number }; value: unknown[]; resolved: number };
}

const writeCache = () => node(['scripts/code-cache-writer.js', '--write']);

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'k3s-vip-code-cache-'));
  mkdirSync(join(project, 'scripts'));
  mkdirSync(join(project, 'lib', 'src', 'sub'), { recursive: true });
  for (const script of ['code-cache.js', 'code-cache-writer.js', 'packed-files.js', 'pack-text.js'])
    copyFileSync(join(__dirname, '..', 'scripts', script), join(project, 'scripts', script));
  writeModules(MODULES);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const EXPECTED = ['feature.js in sub: main.js v1', 2, 'x'];

test('the writer runs a dry run with its output dropped and stores every module the project loaded', () => {
  const written = writeCache();
  expect(written).toEqual({ status: 0, stdout: '', stderr: '' });
  expect(readdirSync(cacheDir())).toEqual([CACHE_NAME]);
  // Each require of helper.js is taken from where the writer's run found it: loaded from there the first time
  // (sub/feature.js'), the module loaded before the second time (main.js'), neither resolved again.
  expect(runWithCache()).toEqual({ counts: { cached: 3, compiled: 0 }, value: EXPECTED, resolved: 0 });
});

test('a module moved since the cache was written, or a file named exactly as requested, is found where Node finds it now', () => {
  writeCache();
  mkdirSync(join(project, 'lib', 'src', 'helper'));
  renameSync(join(project, 'lib', 'src', 'helper.js'), join(project, 'lib', 'src', 'helper', 'index.js'));
  expect(runWithCache()).toEqual({ counts: { cached: 2, compiled: 1 }, value: EXPECTED, resolved: 2 });
  // Node tries `./helper` as written before `./helper.js`.
  writeModules({ 'helper.js': MODULES['helper.js'] });
  rmSync(join(project, 'lib', 'src', 'helper'), { recursive: true });
  writeFileSync(join(project, 'lib', 'src', 'helper'), 'exports.count = () => 99;\n');
  expect(runWithCache()).toEqual({ counts: { cached: 2, compiled: 1 }, value: [EXPECTED[0], 99, 'x'], resolved: 2 });
});

test('a module that throws while loading is not kept: the next require runs it again, as Node does', () => {
  writeModules({
    'helper.js': "if (!globalThis.helperTried) { globalThis.helperTried = true; throw new Error('first load'); }\n" + MODULES['helper.js'],
    'main.js': MODULES['main.js'].replace(
      "const feature = require('./sub/feature');",
      "try { require('./helper'); } catch {}\nconst feature = require('./sub/feature');",
    ),
  });
  writeCache();
  // helper.js compiled twice: its failed first load and the one that holds.
  expect(runWithCache()).toEqual({ counts: { cached: 4, compiled: 0 }, value: EXPECTED, resolved: 0 });
});

test('without a cache, or with K3S_VIP_CODE_CACHE=0, every module is compiled by Node as usual', () => {
  expect(runWithCache()).toEqual({ counts: { cached: 0, compiled: 0 }, value: EXPECTED, resolved: 2 });
  writeCache();
  expect(runWithCache({ K3S_VIP_CODE_CACHE: '0' })).toEqual({ counts: { cached: 0, compiled: 0 }, value: EXPECTED, resolved: 2 });
});

test('a module changed after the cache was written runs its new text, even at the same length', () => {
  writeCache();
  writeModules({ 'sub/feature.js': MODULES['sub/feature.js'].replace(' v1', ' v2') });
  // main.js, still cached, takes helper.js as loaded by the changed module.
  expect(runWithCache()).toEqual({
    counts: { cached: 2, compiled: 1 },
    value: ['feature.js in sub: main.js v2', 2, 'x'],
    resolved: 1,
  });
});

/**
 * A project whose warm-up (`main(['--dry-run'])`) never reads the exports of rare.js, listed.js (nor of rare.js' own
 * helper), and requires effect.js for its effect alone: what a run loads before and after main asks for them.
 */
const DEFERRED = {
  'main.js':
    "const rare = require('./rare');\nconst listed = require('./listed');\nrequire('./effect');\n" +
    "exports.main = (args) => args.includes('rare') ? [rare.value(), rare.counter, Object.keys(listed), 'exported' in listed, listed.late ?? 'no late'] : 'dry';\n",
  'rare.js': "const deep = require('./deep');\nexports.counter = 0;\nexports.value = () => { exports.counter++; return deep.word(); };\n",
  'deep.js': "exports.word = () => 'deep';\n",
  'listed.js': 'exports.exported = 1;\nexports.other = 2;\n',
  'effect.js': 'globalThis.effectRan = true;\n',
};

function runDeferred(env: NodeJS.ProcessEnv = {}) {
  const loaded =
    "Object.keys(require.cache).map((f) => require('node:path').basename(f)).filter((f) => f !== 'code-cache.js' && f !== 'packed-files.js').sort()";
  const script =
    "require('./scripts/code-cache').useCache(); const { main } = require('./lib/src/main.js');" +
    `const before = ${loaded}; const effect = globalThis.effectRan; const value = main(['rare']);` +
    `console.log(JSON.stringify({ before, effect, value, after: ${loaded} }));`;
  const result = node(['-e', script], env);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

test('a module whose exports the warm-up never read is loaded at its first use, with what it holds as loaded at once; not with a cache of an older build', () => {
  writeModules(DEFERRED);
  writeCache();
  const all = ['deep.js', 'effect.js', 'listed.js', 'main.js', 'rare.js'];
  // listed.js' names are there before it loads (Object.keys reads no property); a name it has not asks it to load.
  const value = ['deep', 1, ['exported', 'other'], true, 'no late'];
  expect(runDeferred()).toEqual({ before: ['effect.js', 'main.js'], effect: true, value, after: all });
  // The same as without the cache, where Node loads each module when it is required.
  expect(runDeferred({ K3S_VIP_CODE_CACHE: '0' })).toEqual({ before: all, effect: true, value, after: all });
  // A cache a failed write left for an older build of lib/: its record of unused modules may be wrong, so none is kept.
  writeFileSync(join(project, 'lib', '.tsbuildinfo'), '');
  utimesSync(join(project, 'lib', '.tsbuildinfo'), new Date(), new Date(Date.now() + 5_000));
  expect(runDeferred()).toEqual({ before: all, effect: true, value, after: all });
});

/** A cache file of `index` and `data` (16 zero bytes), with the right checksum of the index. */
function withIndex(index: unknown, data = Buffer.alloc(16)): Buffer {
  const text = Buffer.from(JSON.stringify(index));
  const head = Buffer.alloc(8);
  head.writeUInt32LE(crc32(text), 0);
  head.writeUInt32LE(text.length, 4);
  return Buffer.concat([head, text, data]);
}
const PARTS = { format: 2, resolved: {}, unused: {}, scopes: {} };
/** A pack's text that is an array of numbers, with no code: its checksums hold. */
const NUMBERS = Buffer.from('[1, 2]\n');
const NUMBERS_PACK = [NUMBERS.length, crc32(NUMBERS), 0, 0];

test.each([
  ['empty', Buffer.alloc(0)],
  ['an index length past the end', Buffer.from([255, 255, 0, 0, 123])],
  ['an index that is no JSON', withIndex('{{{')],
  ['an index without its parts', withIndex({ 'lib/src/main.js': ['x', 0, 16] })],
  [
    'an index of the wrong shape',
    withIndex({
      ...PARTS,
      modules: { 'lib/src/main.js': 'x' },
      packs: [
        [8, 0, 0, 0],
        [8, 0, 0, 0],
      ],
    }),
  ],
  [
    'an index past its data',
    withIndex({
      ...PARTS,
      modules: {},
      packs: [
        [1e9, 0, 0, 0],
        [0, 0, 0, 0],
      ],
    }),
  ],
  [
    'an index of another layout',
    withIndex({ ...PARTS, format: 1, modules: {}, packs: [NUMBERS_PACK, NUMBERS_PACK] }, Buffer.concat([NUMBERS, NUMBERS])),
  ],
  [
    'packs that are no arrays of functions',
    withIndex(
      { ...PARTS, modules: { 'lib/src/main.js': [0, 0, 16, 0] }, packs: [NUMBERS_PACK, NUMBERS_PACK] },
      Buffer.concat([NUMBERS, NUMBERS]),
    ),
  ],
])('a cache file that is %s is ignored', (_label, bytes) => {
  mkdirSync(cacheDir(), { recursive: true });
  writeFileSync(cacheFile(), bytes);
  expect(runWithCache().value).toEqual(EXPECTED);
});

test('cached code V8 refuses (written by a Node with other flags): the packs are compiled anew', () => {
  expect(node(['--no-opt', 'scripts/code-cache-writer.js', '--write']).status).toBe(0);
  expect(runWithCache()).toEqual({ counts: { cached: 0, compiled: 3 }, value: EXPECTED, resolved: 0 });
});

/** The cache file with `change` applied to its bytes. */
function damage(change: (bytes: Buffer) => void) {
  const bytes = readFileSync(cacheFile());
  change(bytes);
  writeFileSync(cacheFile(), bytes);
}

// V8 does not check the data it deserializes: damaged data gave a fatal error with a native trace, a segfault, or other code.
test.each([
  ['every 50th byte inverted', (b: Buffer) => b.forEach((_, i) => i % 50 === 7 && (b[i] ^= 0xff))],
  ['a byte of the index changed', (b: Buffer) => (b[b.indexOf('"lib/src/main.js":[') + 5] ^= 0x01)],
  ['its index length changed', (b: Buffer) => b.writeUInt32LE(b.readUInt32LE(4) - 1, 4)],
])('a cache file with %s is not used, and is deleted so that the next run writes it again', (_label, change) => {
  writeCache();
  damage(change);
  expect(runWithCache()).toEqual({ counts: { cached: 0, compiled: 0 }, value: EXPECTED, resolved: 2 });
  expect(existsSync(cacheFile())).toBe(false);
});

/** Where the text of lib/src/`name` is in the cache file, and where its pack's code starts. */
function placeOf(name: keyof typeof MODULES): { text: number; code: number } {
  const bytes = readFileSync(cacheFile());
  const indexLength = bytes.readUInt32LE(4);
  const index = JSON.parse(bytes.subarray(8, 8 + indexLength).toString('utf8')) as { modules: Record<string, number[]>; packs: number[][] };
  const [pack] = index.modules[`lib/src/${name}`];
  const start = 8 + indexLength + index.packs.slice(0, pack).reduce((sum, [text, , code]) => sum + text + code, 0);
  return { text: bytes.indexOf(MODULES[name], start), code: start + index.packs[pack][0] };
}

// Each part of the file is checked before it is used: V8 reads a pack's code whole.
test.each([
  ['a bit of a module text flipped', (b: Buffer, { text }: { text: number }) => (b[text + 3] ^= 0x04)],
  ['a bit of its pack code flipped', (b: Buffer, { code }: { code: number }) => (b[code + 20] ^= 0x04)],
  ['its end zeroed', (b: Buffer) => b.fill(0, b.length - 100)],
])('a cache file with %s is not used, and is deleted so that the next run writes it again', (_label, change) => {
  writeCache();
  const place = placeOf('main.js');
  damage((bytes) => change(bytes, place));
  expect(runWithCache()).toEqual({ counts: { cached: 0, compiled: 0 }, value: EXPECTED, resolved: 2 });
  expect(existsSync(cacheFile())).toBe(false);
});

test("the writer drops other Node builds' files and partial files a killed writer left a minute ago, not a running writer's", () => {
  mkdirSync(cacheDir(), { recursive: true });
  const old = join(cacheDir(), `${CACHE_NAME}.123.tmp`);
  const fresh = join(cacheDir(), `${CACHE_NAME}.456.tmp`);
  for (const file of [old, fresh, join(cacheDir(), 'v1.0.0-x64.bin')]) writeFileSync(file, 'x');
  const minutesAgo = new Date(Date.now() - 120_000);
  utimesSync(old, minutesAgo, minutesAgo);
  writeCache();
  expect(readdirSync(cacheDir()).sort()).toEqual([CACHE_NAME, `${CACHE_NAME}.456.tmp`]);
});

test('shouldWrite: once per build of lib/ (told by its build info time as written, so a future time is no new build), again when the cache is gone, not after a failed write', () => {
  const state = join(project, 'lib', '.code-cache-state');
  const buildInfo = join(project, 'lib', '.tsbuildinfo');
  const shouldWrite = () => node(['-e', "process.stdout.write(String(require('./scripts/code-cache').shouldWrite()))"]).stdout;
  const record = (status: string) => node(['-e', `require('./scripts/code-cache').recordWrite('${status}')`]);
  const build = (at: Date) => {
    writeFileSync(buildInfo, '{}');
    utimesSync(buildInfo, at, at);
  };
  build(new Date(Date.now() + 3_600_000)); // a build info time in the future
  expect(shouldWrite()).toBe('true');
  record('tried');
  writeCache();
  expect(readFileSync(state, 'utf8')).toMatch(/^\d+(\.\d+)? written\n$/);
  expect(shouldWrite()).toBe('false');
  expect(shouldWrite()).toBe('false');
  // Deleted since (a damaged file): written again.
  rmSync(cacheFile());
  expect(shouldWrite()).toBe('true');
  // A write of this build that failed: not again before the next build.
  record('tried');
  expect(shouldWrite()).toBe('false');
  build(new Date(Date.now() - 60_000));
  expect(shouldWrite()).toBe('true');
});

test('a write that fails leaves "tried"; the exit code of a refused warm-up is not the write', () => {
  const state = join(project, 'lib', '.code-cache-state');
  writeModules({ 'main.js': 'exports.main = () => { process.exitCode = 1; };\n' });
  expect(writeCache()).toEqual({ status: 0, stdout: '', stderr: '' });
  node(['-e', "require('./scripts/code-cache').recordWrite('tried')"]);
  rmSync(cacheFile());
  mkdirSync(cacheFile());
  const failed = writeCache();
  expect(failed.status).toBe(0);
  expect(failed.stderr).toMatch(/^note: no code cache written \(.*\); runs compile the code each time\n$/);
  expect(readFileSync(state, 'utf8')).toBe('0 tried\n');
});

test('a run never reads or deletes through a lib/.code-cache that is a link', () => {
  const elsewhere = join(project, 'elsewhere');
  writeCache();
  renameSync(cacheDir(), elsewhere);
  symlinkSync(elsewhere, cacheDir());
  damage((b) => (b[b.length - 40] ^= 0x04));
  expect(runWithCache()).toEqual({ counts: { cached: 0, compiled: 0 }, value: EXPECTED, resolved: 2 });
  expect(readdirSync(elsewhere)).toEqual([CACHE_NAME]);
});

test('the writer never deletes through a link: a lib/.code-cache that is a link is refused, and only its own names are cleaned', () => {
  const elsewhere = join(project, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'important.txt'), 'keep');
  writeFileSync(join(elsewhere, 'v1.0.0-x64.bin'), 'keep');
  symlinkSync(elsewhere, cacheDir());
  const written = writeCache();
  expect(written.stderr).toBe('note: no code cache written (lib/.code-cache is not a folder); runs compile the code each time\n');
  expect(readdirSync(elsewhere).sort()).toEqual(['important.txt', 'v1.0.0-x64.bin']);
  rmSync(cacheDir());
  mkdirSync(cacheDir());
  writeFileSync(join(cacheDir(), 'notes.txt'), 'mine');
  symlinkSync(join(elsewhere, 'v1.0.0-x64.bin'), join(cacheDir(), 'v2.0.0-x64.bin'));
  writeCache();
  // The link is left alone: it is no file of the writer's.
  expect(readdirSync(cacheDir()).sort()).toEqual([CACHE_NAME, 'notes.txt', 'v2.0.0-x64.bin'].sort());
  expect(readdirSync(elsewhere).sort()).toEqual(['important.txt', 'v1.0.0-x64.bin']);
});

test('a writer that cannot load the project says so in one line and exits 0: a slower start, not a failure', () => {
  writeModules({ 'main.js': "throw new Error('broken\\nsecond line');\n" });
  const written = writeCache();
  expect(written.status).toBe(0);
  expect(written.stderr).toBe('note: no code cache written (broken); runs compile the code each time\n');
  expect(existsSync(cacheFile())).toBe(false);
});

test('a damaged cache in a folder the run cannot delete from is left, and the run goes on without it', () => {
  writeCache();
  damage((b) => (b[b.length - 40] ^= 0x04));
  // Tests run as root, who may delete anyway: the refusal of a read-only folder is simulated.
  const script =
    "const fs = require('node:fs'); const rm = fs.rmSync; fs.rmSync = () => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); };" +
    "const counts = require('./scripts/code-cache').useCache(); const value = require('./lib/src/main.js').main(['x']);" +
    'fs.rmSync = rm; console.log(JSON.stringify({ counts, value }));';
  const result = node(['-e', script]);
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({ counts: { cached: 0, compiled: 0 }, value: EXPECTED });
  expect(existsSync(cacheFile())).toBe(true);
});

test('a FIFO in place of the cache file is not read (it would wait for ever)', () => {
  mkdirSync(cacheDir(), { recursive: true });
  expect(spawnSync('mkfifo', [cacheFile()]).status).toBe(0);
  expect(runWithCache()).toEqual({ counts: { cached: 0, compiled: 0 }, value: EXPECTED, resolved: 2 });
});

// The packed loader joins recorded names and resolves relative requires without Node's path normalizing where none is
// needed (scripts/packed-files.js fromRoot, resolvedFrom): each answer must be path.join's and path.resolve's.
test.each([
  ['lib/src/main.js', './x.js'],
  ['node_modules/cdk8s/lib/index.js', '../../a/b'],
  ['.hidden/x', '../../../../../../../../x'],
  ['a/..b/c', './.hidden'],
  ['../x', './a//b'],
  ['a/../b', './a/./b'],
  ['a//b', './a/../b'],
  ['a/', './../x'],
  ['/abs', '..'],
  ['a/./b', '../'],
  ['..', './x/'],
  ['.', '..../x'],
])("the recorded name %j joins, and the request %j resolves, as Node's path module would", (name, request) => {
  const script =
    "const path = require('node:path'); const { fromRoot, resolvedFrom } = require('./scripts/packed-files');" +
    `const [name, request] = ${JSON.stringify([name, request])};` +
    "const dirs = [process.cwd(), path.join(process.cwd(), 'lib', 'src'), '/'];" +
    'console.log(JSON.stringify([fromRoot(name) === path.join(process.cwd(), name), dirs.map((dir) => resolvedFrom(dir, request) === path.resolve(dir, request))]));';
  expect(JSON.parse(node(['-e', script]).stdout)).toEqual([true, [true, true, true]]);
});
