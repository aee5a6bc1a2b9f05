import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Round 54: the code cache holds the modules in packs (one script of their wrappers each) and V8's code of those
 * (scripts/code-cache.js). A pack may make a run faster, never different: each row compares a run through the cache
 * with what Node does without it, in a project of its own (the cache covers the folder above scripts/).
 */
const CACHE_NAME = `${process.version}-${process.arch}.bin`;
const MODULES: Record<string, string> = {
  'main.js':
    "const helper = require('./helper');\nconst feature = require('./sub/feature');\n" +
    "exports.main = (args) => (args.includes('boom') ? helper.boom() : [feature.value(), helper.word()]);\n",
  'helper.js': "exports.word = () => 'packed';\nexports.boom = () => {\n  throw new Error('boom');\n};\n",
  'sub/feature.js': "exports.value = () => 'feature v1 – with a dash';\n",
};

let project: string;
const cacheFile = () => join(project, 'lib', '.code-cache', CACHE_NAME);
const writeModules = (modules: Record<string, string>) => {
  for (const [name, text] of Object.entries(modules)) writeFileSync(join(project, 'lib', 'src', name), text);
};
function node(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8', env: { ...process.env, K3S_VIP_DEBUG: '', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const writeCache = (flags: string[] = []) =>
  expect(node([...flags, 'scripts/code-cache-writer.js', '--write'])).toEqual({ status: 0, stdout: '', stderr: '' });

/** main(args) through the cache: its value or the error's message (and trace: `stack`), and the counts of useCache. */
function run(args: string[] = [], env: NodeJS.ProcessEnv = {}, stack = false) {
  const script =
    "const counts = require('./scripts/code-cache').useCache(); let value;" +
    `try { value = require('./lib/src/main.js').main(${JSON.stringify(args)}); } catch (e) { value = { error: e.message${stack ? ', stack: e.stack' : ''} }; }` +
    'console.log(JSON.stringify({ counts, value }));';
  const result = node(['-e', script], env);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { counts: { cached: number; compiled: number }; value: unknown };
}
const withoutCache = (args: string[] = []) => run(args, { K3S_VIP_CODE_CACHE: '0' }).value;

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'k3s-vip-attack54-'));
  mkdirSync(join(project, 'scripts'));
  mkdirSync(join(project, 'lib', 'src', 'sub'), { recursive: true });
  for (const script of ['code-cache.js', 'code-cache-writer.js', 'packed-files.js', 'pack-text.js'])
    copyFileSync(join(__dirname, '..', 'scripts', script), join(project, 'scripts', script));
  writeModules(MODULES);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const VALUE = ['feature v1 – with a dash', 'packed'];

test('the cache holds the modules in packs: an ASCII one and one of the others, each a script of their wrappers', () => {
  writeCache();
  const bytes = readFileSync(cacheFile());
  const index = JSON.parse(bytes.subarray(8, 8 + bytes.readUInt32LE(4)).toString('utf8')) as { modules: Record<string, number[]> };
  expect(Object.fromEntries(Object.entries(index.modules).map(([name, [pack]]) => [name, pack]))).toEqual({
    'lib/src/main.js': 0,
    'lib/src/helper.js': 0,
    'lib/src/sub/feature.js': 1,
  });
  expect(run()).toEqual({ counts: { cached: 3, compiled: 0 }, value: VALUE });
});

test('a module edited after the write runs its new text, from its file; the others from the packs', () => {
  writeCache();
  writeModules({ 'sub/feature.js': "exports.value = () => 'feature v2, longer than it was';\n" });
  expect(run()).toEqual({ counts: { cached: 2, compiled: 1 }, value: ['feature v2, longer than it was', 'packed'] });
  // An edit that would end its wrapper early in a pack is Node's to refuse, as without the cache.
  writeModules({ 'sub/feature.js': "exports.value = () => 'x';\n}, function () {\n" });
  expect(withoutCache()).toEqual({ error: expect.stringMatching(/^Unexpected token/) });
  expect(run()).toEqual({ counts: { cached: 2, compiled: 1 }, value: withoutCache() });
});

test.each([
  [
    'a bit flipped in a pack',
    (b: Buffer) => {
      b[b.indexOf('feature v1') + 2] ^= 0x20;
      return b;
    },
  ],
  ['a pack cut short', (b: Buffer) => b.subarray(0, b.length - 1000)],
])('a cache file with %s is not used and is deleted', (_label, damage) => {
  writeCache();
  writeFileSync(cacheFile(), damage(readFileSync(cacheFile())));
  expect(run()).toEqual({ counts: { cached: 0, compiled: 0 }, value: VALUE });
  expect(existsSync(cacheFile())).toBe(false);
});

test('a pack of another build: code V8 refuses compiles from the pack, modules changed since from their files', () => {
  writeCache(['--no-opt']);
  expect(run()).toEqual({ counts: { cached: 0, compiled: 3 }, value: VALUE });
  writeCache();
  // lib/ built again since, with helper.js changed: the stand-ins of the old build are not used either.
  writeModules({ 'helper.js': MODULES['helper.js'].replace("'packed'", "'rebuilt'") });
  writeFileSync(join(project, 'lib', '.tsbuildinfo'), '');
  utimesSync(join(project, 'lib', '.tsbuildinfo'), new Date(), new Date(Date.now() + 5_000));
  expect(run()).toEqual({ counts: { cached: 2, compiled: 1 }, value: [VALUE[0], 'rebuilt'] });
});

test('a package.json that makes lib/ ES modules since the write: Node decides, as without the cache', () => {
  writeCache();
  writeFileSync(join(project, 'lib', 'package.json'), '{ "type": "module" }\n');
  // Node 20.20 loads main.js as an ES module: its `require` is then not the module's own.
  const expected = withoutCache();
  expect(expected).toEqual({ error: expect.stringMatching(/^Cannot find module '\.\/helper'/) });
  expect(run().value).toEqual(expected);
  // A type that keeps them CommonJS: the same as before, from the files.
  writeFileSync(join(project, 'lib', 'package.json'), '{ "type": "commonjs" }\n');
  expect(run()).toEqual({ counts: { cached: 0, compiled: 3 }, value: VALUE });
});

test.each([
  ['K3S_VIP_CODE_CACHE', '0'],
  ['K3S_VIP_DEBUG', '1'],
])('with %s=%s the cache file is not even read', (name, setting) => {
  writeCache();
  const bytes = readFileSync(cacheFile());
  bytes[bytes.length - 10] ^= 0xff;
  writeFileSync(cacheFile(), bytes);
  expect(run([], { [name]: setting })).toEqual({ counts: { cached: 0, compiled: 0 }, value: VALUE });
  // A damaged file it had read would have been deleted.
  expect(existsSync(cacheFile())).toBe(true);
});

test("K3S_VIP_DEBUG=1: a trace names the module's own file and line, not the pack", () => {
  writeCache();
  const stack = (env: NodeJS.ProcessEnv) => (run(['boom'], env, true).value as { stack: string }).stack.split('\n')[1];
  expect(stack({ K3S_VIP_DEBUG: '1' })).toMatch(/[/\\]lib[/\\]src[/\\]helper\.js:3:/);
  // Without it, the cache is used: the trace names the pack (and scripts/app.js shows no trace then).
  expect(stack({})).toContain(CACHE_NAME);
});
