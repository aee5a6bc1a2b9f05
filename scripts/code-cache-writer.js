// Writes V8's code cache of the modules the app loads (scripts/code-cache.js says what a run takes from it): `node
// scripts/code-cache-writer.js --write`, after each tsc build of lib/ (scripts/app.js, `npm run build`), in a process
// of its own. It loads lib/src/main.js and runs `synth --dry-run` (which writes nothing) once with each module compiled
// by itself, to record what they are, what their requires resolve to and which of lib/'s go unused; then packs them,
// runs the dry run again from the packs, then two synths into a temporary folder (warmUpWithWrites), so that V8's code
// of them holds the functions a synth calls, and stores it.
'use strict';
// A package.json over this file with "type": "module" makes Node run it as an ES module, where `require` is not
// defined: one line then, not Node's trace (round 53b-6). Written to parse both ways.
if (typeof require !== 'function') {
  process.stderr.write(
    `error: node ran ${process.argv[1]} as an ES module: a package.json above it (the project's, or one in scripts/) sets "type": "module", and this tool's scripts are CommonJS; remove that "type" field\n`,
  );
  process.exit(1);
}
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const {
  FORMAT,
  PACKS,
  cacheDir,
  cacheFile,
  checksum,
  compilePack,
  digest,
  fileKey,
  isFolder,
  packageScope,
  packedLoader,
  recordWrite,
  root,
  runModule,
} = require('./code-cache');
const { asAscii, withoutComments } = require('./pack-text');

/** The names the writer makes in cacheDir, the only ones it ever deletes: cache files and their partial writes. */
const OWN_NAME = /^v\d+\.\d+\.\d+-\w+\.bin(?:\.\d+\.tmp)?$/;

/** The modules worth caching: this checkout's, never a shebang script (Module.wrap would not parse). */
const cacheable = (filename, content) => filename.startsWith(root + path.sep) && !content.startsWith('#!');

/** A pack's wrapper of each module: Module.wrapper's (lib/internal/modules/cjs/loader.js, v20.20.2) as an array element. */
const WRAPPER = ['function (exports, require, module, __filename, __dirname) { ', '\n}'];

/**
 * Loads lib/src/main.js and runs a dry run of the config (it writes nothing: no folder, no lock), its output and exit
 * code dropped: it compiles the functions a synth calls, so the code taken after it holds them too; a config it
 * refuses still compiles most of them.
 */
function warmUp(args = ['--dry-run']) {
  const { main } = require(path.join(root, 'lib', 'src', 'main.js'));
  const [out, err] = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = () => true;
  try {
    main(args);
  } catch {
    // a warm-up only
  } finally {
    [process.stdout.write, process.stderr.write] = [out, err];
    process.exitCode = 0;
  }
}

/**
 * The dry run (warmUp), then two synths into a new folder of the system's temp (K3S_VIP_DIST_DIR), removed after:
 * the first writes the files, the second finds them unchanged, as most synths do. A dry run never takes the lock
 * nor compares and writes files: without these, each synth compiled that code anew (about 15 ms of 0.3 s). The
 * project's dist/ is never touched, nor the cdk8s CLI's output folder of a synth that started this writer
 * (CDK8S_OUTDIR, left out of these two, as is the npm runner that synth's guard watches).
 */
function warmUpWithWrites() {
  warmUp();
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'k3s-vip-code-cache-'));
  const own = { K3S_VIP_DIST_DIR: dist, CDK8S_OUTDIR: undefined, K3S_VIP_RUNNER_PID: undefined };
  const before = Object.fromEntries(Object.keys(own).map((name) => [name, process.env[name]]));
  const setEnv = (values) => {
    for (const [name, value] of Object.entries(values))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  };
  setEnv(own);
  try {
    warmUp([]);
    warmUp([]);
  } finally {
    setEnv(before);
    fs.rmSync(dist, { recursive: true, force: true });
  }
}

/**
 * Loads lib/src/main.js (warmUp), compiling every module itself, packs the modules, runs the warm-up again from the packs
 * and writes the packs and V8's code of them to the cache file (a new file, renamed into place).
 */
function writeCache() {
  const resolved = {};
  // The modules of lib/ whose exports something read, or that a module requires for its effect alone (standIn): what a
  // `require` of one gives during the warm-up is a proxy that records any use.
  const used = new Set();
  const watched = new Map();
  const watch = (parent, id) => {
    const target = Module._resolveFilename(id, parent);
    const name = path.relative(root, target);
    if (!name.startsWith(`lib${path.sep}`)) return undefined;
    if (!watched.has(target)) {
      const exports = parent.require(id);
      const seen =
        (answer) =>
        (_, ...args) => {
          used.add(name);
          return answer(exports, ...args);
        };
      const traps = {
        get: Reflect.get,
        has: Reflect.has,
        ownKeys: Reflect.ownKeys,
        getOwnPropertyDescriptor: Reflect.getOwnPropertyDescriptor,
      };
      const keys = Object.getOwnPropertyNames(exports).map((key) => [key, Object.getOwnPropertyDescriptor(exports, key).enumerable]);
      const proxy = new Proxy(exports, Object.fromEntries(Object.entries(traps).map(([trap, answer]) => [trap, seen(answer)])));
      watched.set(target, { proxy, keys });
    }
    // `require('./x');` alone: the module is wanted for what it does when it runs.
    if (
      new RegExp(String.raw`^\s*require\((["'])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\1\);?\s*$`, 'm').test(sources.get(parent) ?? '')
    )
      used.add(name);
    return watched.get(target).proxy;
  };
  /** Each module's text, for the test above. */
  const sources = new Map();
  /** The modules to pack, by root-relative path, in the order they loaded. */
  const packed = {};
  const packageFiles = new Map();
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileAndKeep(content, filename, format) {
    // CommonJS only: a `.js` file of a package of type module comes here as `module` (Node 20.19+).
    if (!cacheable(filename, content) || format === 'module') return compile.call(this, content, filename, format);
    const name = path.relative(root, filename);
    // Its file (fileKey, taken first), its bytes as Node read them (not edited since), and the package scope it loaded in.
    const key = fileKey(filename);
    const bytes = fs.readFileSync(filename);
    const scope = packageScope(path.dirname(filename), packageFiles);
    if (!Object.hasOwn(packed, name) && bytes.toString('utf8') === content && scope !== undefined) {
      // lib/'s own modules are packed without their comments and in ASCII (scripts/pack-text.js), others as they are.
      const text = name.startsWith(`lib${path.sep}`) ? asAscii(withoutComments(content, filename), filename) : content;
      packed[name] = { content, text, bytes, scope, key };
    }
    sources.set(this, content);
    return runModule(
      this,
      new vm.Script(Module.wrap(content), { filename }).runInThisContext({ displayErrors: true }),
      filename,
      (id) => {
        // What one `require(id)` of this module resolved to.
        const to = Module._resolveFilename(id, this);
        if (path.isAbsolute(to) && to.startsWith(root + path.sep)) (resolved[name] ??= {})[id] = path.relative(root, to);
        return undefined;
      },
      watch,
    );
  };
  warmUp();
  Module.prototype._compile = compile;
  // The packs: each module's packed text in a wrapper as Module.wrap's, in one array per encoding (PACKS). Each
  // function's text is checked to be its module's whole wrapper: Module.wrap would let a text end its function early
  // (`}, function () {`).
  const modules = {};
  const scopes = {};
  const [open, close] = [Buffer.from(WRAPPER[0]), Buffer.from(`${WRAPPER[1]},\n`)];
  const packs = PACKS.map((encoding, pack) => {
    const parts = [Buffer.from('[\n')];
    const members = Object.entries(packed).filter(([, { text: own }]) => /[^\0-\x7f]/.test(own) === (pack === 1));
    for (const [name, { bytes, text: own, scope }] of members) {
      // Its fileKey comes after the second warm-up (settledKey): until then its bytes tell it.
      modules[name] = [pack, (parts.length - 1) / 3, bytes.length, digest(bytes), null];
      scopes[path.dirname(name)] = scope;
      parts.push(open, Buffer.from(own, 'utf8'), close);
    }
    parts.push(Buffer.from(']\n'));
    const text = Buffer.concat(parts);
    const compiled = { ...compilePack(text.toString(encoding)), text };
    members.forEach(([, { text: own }], at) => {
      if (compiled.fns[at].toString() !== `${WRAPPER[0]}${own}${WRAPPER[1]}`) throw new Error('a module does not fit in its pack');
    });
    return compiled;
  });
  const unused = Object.fromEntries(
    [...watched].map(([target, { keys }]) => [path.relative(root, target), keys]).filter(([name]) => modules[name] && !used.has(name)),
  );
  // The warm-up again, as a run loads (the unused modules left to their stand-ins), from the pack, with synths that
  // write (warmUpWithWrites): V8's code of it then holds the functions a synth calls.
  for (const name of Object.keys(modules)) delete Module._cache[path.join(root, name)];
  // Each file a require resolved to, by its place in `names` (a path once, not once a require: the index parses in a third of the time).
  const names = [...new Set(Object.values(resolved).flatMap(Object.values))];
  const place = new Map(names.map((name, at) => [name, at]));
  for (const requests of Object.values(resolved)) for (const id of Object.keys(requests)) requests[id] = place.get(requests[id]);
  Module._extensions['.js'] = packedLoader({ modules, names, resolved, scopes }, packs, unused, { cached: 0, compiled: 0 });
  warmUpWithWrites();
  for (const [name, { bytes, key }] of Object.entries(packed))
    if (modules[name]) modules[name][4] = settledKey(path.join(root, name), key, bytes);
  const parts = packs.flatMap(({ script, text }) => [text, script.createCachedData()]);
  const sums = PACKS.map((_, at) => [parts[2 * at], parts[2 * at + 1]].flatMap((part) => [part.length, checksum(part)]));
  const index = Buffer.from(JSON.stringify({ format: FORMAT, modules, names, resolved, unused, scopes, packs: sums }), 'utf8');
  const head = Buffer.alloc(8);
  head.writeUInt32LE(checksum(index), 0);
  head.writeUInt32LE(index.length, 4);
  const body = Buffer.concat([index, ...parts]);
  fs.mkdirSync(cacheDir, { recursive: true });
  // Never through a link: the clean-up below would delete in the folder it points to.
  if (!isFolder(cacheDir)) throw new Error(`${path.relative(root, cacheDir)} is not a folder`);
  // Files of other Node builds and ones a killed write left (a minute old) are dropped, only under the names this
  // writer makes; a new file is flushed and renamed into place whole.
  for (const name of fs.readdirSync(cacheDir).filter((entry) => OWN_NAME.test(entry))) {
    const file = path.join(cacheDir, name);
    const stat = fs.lstatSync(file);
    const left = name.endsWith('.tmp') && Date.now() - stat.mtimeMs > 60_000;
    if (stat.isFile() && name !== path.basename(cacheFile) && (!name.endsWith('.tmp') || left)) fs.rmSync(file);
  }
  const partial = `${cacheFile}.${process.pid}.tmp`;
  const fd = fs.openSync(partial, 'wx');
  try {
    fs.writeSync(fd, Buffer.concat([head, body]));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, cacheFile);
  recordWrite('written');
}

/**
 * The fileKey to record for a module packed from `bytes`, whose file had `key` before it was read, or null (a run then
 * digests its bytes). A write within the file system's time resolution of the read could keep the change time (ext4
 * stamps a clock tick of a few milliseconds; a file system of whole seconds, up to 2 s), so the key is recorded only
 * when the change time is older than that, and the file still has it and still holds `bytes` (read after that
 * time): a later write then has a later change time.
 */
function settledKey(filename, key, bytes) {
  const ctimeMs = typeof key === 'string' ? Number(key.split(':')[4]) : NaN;
  if (!Number.isFinite(ctimeMs)) return null;
  const resolution = ctimeMs % 1000 === 0 ? 2000 : 100;
  if (ctimeMs + resolution >= Date.now()) return null;
  try {
    return fs.readFileSync(filename).equals(bytes) && fileKey(filename) === key ? key : null;
  } catch {
    return null;
  }
}

if (require.main === module && process.argv[2] === '--write') {
  try {
    writeCache();
  } catch (e) {
    // No cache is a slower start, not a failure: say why and go on.
    process.stderr.write(`note: no code cache written (${String(e && e.message).split('\n')[0]}); runs compile the code each time\n`);
  }
}

module.exports = { writeCache };
