// V8's code cache for the modules the app loads (lib/ and the packages it requires), so that a run starts from
// compiled code instead of parsing and compiling ~290 files (about 4 MB of JavaScript) again: what Node 22's
// `module.enableCompileCache()` does, for Node 20. Written at build time only (after each tsc build of lib/, by
// `npm run build`, or when lib/ has none for this Node): `node scripts/code-cache.js --write` loads lib/src/main.js in
// a process of its own, runs `synth --dry-run` (which writes nothing) so that the functions a synth calls are compiled
// too, and stores each module's code in lib/.code-cache/<node>-<arch>.bin.
// A run uses a module's code only when the module's text still has the checksum it was compiled from and the code its
// own checksum, checked when the module loads, and the file only when its index's checksum holds (a damaged file is
// deleted, to be written again); V8 itself refuses data from another version or other flags. Anything unusable falls back to Node's own compile: the cache can make a run faster, never
// different. K3S_VIP_CODE_CACHE=0 turns it off.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

const root = path.join(__dirname, '..');
const cacheDir = path.join(root, 'lib', '.code-cache');
/** One file per Node build: data from another V8 is refused anyway. */
const cacheFile = path.join(cacheDir, `${process.version}-${process.arch}.bin`);
/** The names the writer makes in cacheDir, the only ones it ever deletes: cache files and their partial writes. */
const OWN_NAME = /^v\d+\.\d+\.\d+-\w+\.bin(?:\.\d+\.tmp)?$/;

/**
 * The CRC-32 of a module's text, of its cached code or of the cache file's index (for a text, its UTF-8). A module's code
 * is used only while its text has the checksum it was compiled from: V8 itself compares only the text's length. And V8
 * does not check the cached data it deserializes: damaged data crashes it (a fatal error with a native trace, or a
 * segfault) or runs other code, so each module's code is checked before V8 reads it; only the code of the modules a run
 * loads is checked (about 4.6 of the file's 5.5 MB for the reference config). CRC-32 finds any edit of a text, a torn write or flipped bits in about a
 * millisecond for 4 MB, where SHA-1 takes 4 to 8; zlib.crc32 is Node 20.15+, SHA-1 before.
 */
const checksum = zlib.crc32 ? (data) => zlib.crc32(data) : (data) => crypto.createHash('sha1').update(data).digest().readUInt32LE(0);
/** Whether `dir` is a folder itself, not a link to one. */
function isFolder(dir) {
  try {
    return fs.lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** The modules worth caching: this checkout's, never a shebang script (Module.wrap would not parse). */
const cacheable = (filename, content) => filename.startsWith(root + path.sep) && !content.startsWith('#!');

/**
 * Loads `filename`, the file a relative `require(id)` of `parent` resolved to when the cache was written, as Node's
 * loader does once it has resolved a request (lib/internal/modules/cjs/loader.js `Module._load`), or returns undefined
 * when Node might resolve `id` elsewhere now: `filename` is gone or no file, or a file named exactly as requested (which
 * Node tries before adding `.js`) has appeared. Resolving a relative request stats and compares several candidates; a
 * synth resolves about 600 of them for the first time.
 */
function loadKnown(parent, id, filename) {
  const asWritten = path.resolve(path.dirname(parent.filename), id);
  if (filename !== asWritten && (filename !== `${asWritten}.js` || fs.statSync(asWritten, { throwIfNoEntry: false }))) return undefined;
  if (!fs.statSync(filename, { throwIfNoEntry: false })?.isFile()) return undefined;
  const child = new Module(filename, parent);
  Module._cache[filename] = child;
  let loaded = false;
  try {
    child.load(filename);
    loaded = true;
  } finally {
    if (!loaded) {
      delete Module._cache[filename];
      parent.children.splice(parent.children.indexOf(child) >>> 0, 1);
    }
  }
  return child;
}

/**
 * Runs a compiled module wrapper as Node's loader does (lib/internal/modules/cjs/loader.js `Module.prototype._compile`).
 * `known(id)` is the file a `require(id)` resolved to when the cache was written, if any: one already loaded is taken
 * from Node's module cache without resolving again (about two thirds of the ~800 requires a synth makes are of modules
 * loaded before; each resolution stats and reads package.json files), and a relative one not loaded yet is loaded from
 * there (loadKnown).
 */
function runModule(module, script, filename, known = () => undefined, deferred = () => undefined) {
  const wrapper = script.runInThisContext({ displayErrors: true });
  const require = (id) => {
    const target = known(id);
    const later = id.startsWith('.') ? deferred(module, id, target) : undefined;
    if (later) return later;
    const loaded = Module._cache[target] ?? (target && id.startsWith('.') ? loadKnown(module, id, target) : undefined);
    return loaded ? loaded.exports : module.require(id);
  };
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
}

/**
 * The cache file as { modules, resolved, unused, data }: `modules` maps a root-relative path to [checksum of its text,
 * offset and length in data, checksum of that code], `resolved` a module's `<path>\0<request>` to the root-relative file it
 * resolved to. The file is [checksum of the index length and the index, index length, index (JSON), data]; undefined
 * when there is none, 'damaged' when its index is unusable (its data is checked module by module, compileCached).
 */
function readCache() {
  let blob;
  try {
    // A file only: reading a FIFO (or a device) put in its place would wait for ever.
    if (!fs.lstatSync(cacheFile).isFile()) return undefined;
    blob = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  try {
    if (blob.length < 8) return 'damaged';
    const indexLength = blob.readUInt32LE(4);
    if (8 + indexLength > blob.length || blob.readUInt32LE(0) !== checksum(blob.subarray(4, 8 + indexLength))) return 'damaged';
    const { modules, resolved, unused = {} } = JSON.parse(blob.subarray(8, 8 + indexLength).toString('utf8'));
    if ([modules, resolved, unused].some((part) => typeof part !== 'object' || !part)) return 'damaged';
    return { modules, resolved, unused, data: blob.subarray(8 + indexLength) };
  } catch {
    return 'damaged';
  }
}

/**
 * What became of the last write of the cache: `<build> tried` (the app writes it before it starts the writer) or
 * `<build> written` (the writer, when it ends well), where <build> is the modification time of lib/.tsbuildinfo, the
 * build the cache was written for. A build is told by that time as written, not by comparing times, so a clock or a
 * file time in the future cannot make every run write the cache again.
 */
const stateFile = path.join(root, 'lib', '.code-cache-state');
const buildInfo = path.join(root, 'lib', '.tsbuildinfo');

/** lib/'s last build, as the state file records it (0 when lib/ has no build info, as in a project of the tests). */
function currentBuild() {
  try {
    return String(fs.statSync(buildInfo).mtimeMs);
  } catch {
    return '0';
  }
}

/** Records `status` of a write for the current build: a new file (an old one may be a link to elsewhere). */
function recordWrite(status) {
  fs.rmSync(stateFile, { force: true });
  const fd = fs.openSync(stateFile, 'wx');
  try {
    fs.writeSync(fd, `${currentBuild()} ${status}\n`);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether the app should write the cache: not yet for this build of lib/, or it was written and is gone since (a
 * damaged file is deleted), but not when a write for this build failed: each run would pay the warm-up again.
 */
function shouldWrite() {
  let state;
  try {
    state = fs.readFileSync(stateFile, 'utf8').trim().split(' ');
  } catch {
    return true;
  }
  if (state[0] !== currentBuild()) return true;
  return state[1] === 'written' && !fs.existsSync(cacheFile);
}

/**
 * Compiles the cached modules from their cached code from now on; any problem with the cache leaves Node's loader alone,
 * and a damaged file is deleted so that the next run writes it again. Returns live counts: modules run from cached code,
 * and ones compiled anew (not cached, changed since, or refused by V8).
 */
function useCache() {
  const counts = { cached: 0, compiled: 0 };
  if (process.env.K3S_VIP_CODE_CACHE === '0') return counts;
  // Never through a link: a damaged file is deleted below, and reading one is as good as none.
  if (!isFolder(cacheDir)) return counts;
  const cache = readCache();
  const drop = () => {
    try {
      fs.rmSync(cacheFile, { force: true });
    } catch {
      // A checkout this user cannot write: the run goes on without the cache, as every run there will.
    }
  };
  if (cache === 'damaged') drop();
  if (typeof cache !== 'object') return counts;
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileCached(content, filename) {
    const name = path.relative(root, filename);
    const entry = Object.hasOwn(cache.modules, name) ? cache.modules[name] : undefined;
    if (!Array.isArray(entry) || !cacheable(filename, content) || entry[0] !== checksum(content)) {
      counts.compiled++;
      return compile.call(this, content, filename);
    }
    const cachedData = cache.data.subarray(entry[1], entry[1] + entry[2]);
    if (cachedData.length !== entry[2] || checksum(cachedData) !== entry[3]) {
      // Damaged code: this module is compiled, and the file deleted so that the next run writes it again.
      drop();
      counts.compiled++;
      return compile.call(this, content, filename);
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    counts[script.cachedDataRejected ? 'compiled' : 'cached']++;
    const known = (id) => {
      const key = `${name}\0${id}`;
      return Object.hasOwn(cache.resolved, key) ? path.join(root, cache.resolved[key]) : undefined;
    };
    return runModule(this, script, filename, known, deferred);
  };
  // Only for the build the cache was written after (shouldWrite): a cache a failed write left is of an older build.
  const current = writtenForThisBuild();
  // One stand-in per module, whoever requires it first.
  const standIns = new Map();
  const deferred = (parent, id, target) => {
    const keys = target && current && !Module._cache[target] ? cache.unused[path.relative(root, target)] : undefined;
    if (!Array.isArray(keys)) return undefined;
    if (!standIns.has(target))
      standIns.set(
        target,
        standIn(keys, () => (Module._cache[target] ?? loadKnown(parent, id, target))?.exports ?? parent.require(id)),
      );
    return standIns.get(target);
  };
  return counts;
}

/**
 * The modules of lib/ that a run of the config the cache was written with never uses are loaded when first used, not
 * when required: of the ~330 modules of lib/ the reference config loads, about 85 (readers of secrets in shell, code and
 * SQL texts, rules of features it does not use) never have their exports read. The writer records them (loaded, but no
 * export read during its warm-up, and none required for its effect alone) with their export names (`unused` in the
 * index). A run gives a `require` of one a stand-in: an object with an accessor per export name, whose first read of
 * anything loads the module (loadKnown, as any other) and whose accessors then read the module's own exports (live, as
 * Node's `exports.x` are). A module its importer reads at load time (`{ find: readers.spans }`, `class A extends
 * b.B`) loads then, as before: only when a module runs changes, never what it holds. Every other module loads as Node
 * loads it. A module added into a chain of such modules (a new secret reader behind one the reference config never
 * calls) is deferred too, with no change here.
 */
function standIn(keys, load) {
  let real;
  const exports = () => {
    if (real) return real;
    real = load();
    // Export names the module has now and did not have when the cache was written (a hand-edited lib/), or no more.
    for (const key of Object.getOwnPropertyNames(real))
      if (!Object.hasOwn(object, key)) forward(key, Object.getOwnPropertyDescriptor(real, key).enumerable);
    for (const [key] of keys) if (!Object.hasOwn(real, key)) delete object[key];
    return real;
  };
  const forward = (key, enumerable) => Object.defineProperty(object, key, { get: () => exports()[key], enumerable, configurable: true });
  // Any other read (a name it has not, `in`, a symbol) reaches the prototype: a proxy that loads the module, then answers.
  const object = Object.create(
    new Proxy(Object.create(null), {
      get: (_, key) => exports()[key],
      has: (_, key) => key in exports(),
    }),
  );
  for (const [key, enumerable] of keys) forward(key, enumerable);
  return object;
}

/** Whether the cache file was written for lib/'s current build (recordWrite), the only one whose `unused` list holds. */
function writtenForThisBuild() {
  try {
    return fs.readFileSync(stateFile, 'utf8').trim() === `${currentBuild()} written`;
  } catch {
    return false;
  }
}

/** Loads lib/src/main.js, compiling every module itself, and writes their code to the cache file (a new file, renamed into place). */
function writeCache() {
  const scripts = [];
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
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileAndKeep(content, filename) {
    if (!cacheable(filename, content)) return compile.call(this, content, filename);
    const script = new vm.Script(Module.wrap(content), { filename });
    const name = path.relative(root, filename);
    scripts.push([name, checksum(content), script]);
    sources.set(this, content);
    return runModule(
      this,
      script,
      filename,
      (id) => {
        // The key of one `require(id)` of this module in the record of what it resolved to.
        const to = Module._resolveFilename(id, this);
        if (path.isAbsolute(to) && to.startsWith(root + path.sep)) resolved[`${name}\0${id}`] = path.relative(root, to);
        return undefined;
      },
      watch,
    );
  };
  const { main } = require(path.join(root, 'lib', 'src', 'main.js'));
  // A dry run of the config (it writes nothing: no folder, no lock), its output and exit code dropped, compiles the
  // functions a synth calls, so the data taken after it holds them too; a config it refuses still compiles most of them.
  const [out, err] = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = () => true;
  try {
    main(['--dry-run']);
  } catch {
    // a warm-up only
  } finally {
    [process.stdout.write, process.stderr.write] = [out, err];
    process.exitCode = 0;
  }
  const modules = {};
  const parts = [];
  let offset = 0;
  for (const [name, hash, script] of scripts) {
    const data = script.createCachedData();
    modules[name] = [hash, offset, data.length, checksum(data)];
    parts.push(data);
    offset += data.length;
  }
  const unused = Object.fromEntries(
    [...watched].map(([target, { keys }]) => [path.relative(root, target), keys]).filter(([name]) => modules[name] && !used.has(name)),
  );
  const indexBytes = Buffer.from(JSON.stringify({ modules, resolved, unused }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(indexBytes.length, 0);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(checksum(Buffer.concat([length, indexBytes])), 0);
  const body = Buffer.concat([length, indexBytes, ...parts]);
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

if (require.main === module && process.argv[2] === '--write') {
  try {
    writeCache();
  } catch (e) {
    // No cache is a slower start, not a failure: say why and go on.
    process.stderr.write(`note: no code cache written (${String(e && e.message).split('\n')[0]}); runs compile the code each time\n`);
  }
}

module.exports = { recordWrite, shouldWrite, useCache, writeCache };
