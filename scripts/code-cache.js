// V8's code cache for the modules the app loads (lib/ and the packages it requires), so that a run starts from compiled
// code instead of reading, parsing and compiling ~400 files (about 6 MB of JavaScript) again: what Node 22's
// `module.enableCompileCache()` does, for Node 20. Written at build time only (after each tsc build of lib/, by `npm run
// build`, or when lib/ has none for this Node) by scripts/code-cache-writer.js into lib/.code-cache/<node>-<arch>.bin:
// the modules' texts in two packs, each one script of an array of their wrapper functions (as Module.wrap's), and V8's
// code of each taken after a `synth --dry-run`, so that a run deserializes two scripts, not one per module, and reads
// no module's text as text. What a run may take from it (useCache), so that the cache can make a run faster, never
// different:
// - a module runs from a pack only while its file is the one it was packed from (the same device, inode, size,
//   modification and change times: any write changes the change time, which no user can set) or, when one of those
//   differs (a copy, a checkout elsewhere, `npm ci`, `touch`), while its bytes have the SHA-256 they were packed with,
//   and Node finds the package scope it was packed in (its package.json decides CommonJS or not); any other file is
//   Node's own load, from its file. A CRC-32 would not do: four bytes anywhere give any CRC back (round 53b-4);
// - a module is deferred (standIn) only while it and every module its load would load are as packed: a changed one
//   loads at its `require`, as Node loads it, so its error or side effect shows as without the cache (round 53b-5);
// - each part of the file only when its checksum holds (V8 does not check the code it deserializes); a damaged file,
//   or one that is no pack, is deleted, to be written again. Code V8 refuses (another version, other flags): the packs
//   compile from their text (then each function when first called, as Node's would);
// - K3S_VIP_CODE_CACHE=0 turns it off; with K3S_VIP_DEBUG set (a trace for a bug report) no pack is used either, so
//   that a trace names each module's own file and line.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');
const { digest, fileKey, fromRoot, holds, packageScope, readAt, resolvedFrom } = require('./packed-files');

const root = path.join(__dirname, '..');
const cacheDir = path.join(root, 'lib', '.code-cache');
/** One file per Node build: data from another V8 is refused anyway. */
const cacheFile = path.join(cacheDir, `${process.version}-${process.arch}.bin`);

/**
 * The CRC-32 of each part of the cache file. V8 does not check the code it deserializes: damaged code crashes it (a
 * fatal error with a native trace, or a segfault) or runs other code, so each part is checked before V8 reads it. CRC-32
 * finds a torn write or flipped bits in about 2 ms for the file's 10 MB, where SHA-1 takes 4 times as long; zlib.crc32
 * is Node 20.15+, SHA-1 before. It finds no deliberate edit: a module's own file is told by fileKey, then digest.
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

/**
 * Loads `filename`, the file a relative `require(id)` of `parent` resolved to when the cache was written, as Node's
 * loader does once it has resolved a request (lib/internal/modules/cjs/loader.js `Module._load`), or returns undefined
 * when Node might resolve `id` elsewhere now: `filename` is gone or no file, or a file named exactly as requested (which
 * Node tries before adding `.js`) has appeared. Resolving a relative request stats and compares several candidates; a
 * synth resolves about 600 of them for the first time.
 */
function loadKnown(parent, id, filename, isFile = isPlainFile) {
  if (!resolvesAsWritten(parent, id, filename)) return undefined;
  if (!isFile(filename)) return undefined;
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

/** Whether `filename` is a file (or a link to one). */
const isPlainFile = (filename) => fs.statSync(filename, { throwIfNoEntry: false })?.isFile() === true;

/** Whether Node resolves `require(id)` of `parent` to `filename` with no other file tried first (loadKnown). */
function resolvesAsWritten(parent, id, filename) {
  const asWritten = resolvedFrom(path.dirname(parent.filename), id);
  return filename === asWritten || (filename === `${asWritten}.js` && !fs.statSync(asWritten, { throwIfNoEntry: false }));
}

/**
 * Runs a compiled module wrapper as Node's loader does (lib/internal/modules/cjs/loader.js `Module.prototype._compile`).
 * `known(id)` is the file a `require(id)` resolved to when the cache was written, if any: one already loaded is taken
 * from Node's module cache without resolving again (about two thirds of the ~800 requires a synth makes are of modules
 * loaded before; each resolution stats and reads package.json files), and a relative one not loaded yet is loaded from
 * there (loadKnown, or `load`, the same with what the packed loader knows of the file already).
 */
function runModule(module, wrapper, filename, known = () => undefined, deferred = () => undefined, load = loadKnown) {
  const require = (id) => {
    const target = known(id);
    const later = id.startsWith('.') ? deferred(module, id, target) : undefined;
    if (later) return later;
    const loaded = Module._cache[target] ?? (target && id.startsWith('.') ? load(module, id, target) : undefined);
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
 * The layout of the cache file, in its index: a file of another (1: one module's code after another's; 2: modules told
 * by CRC-32) is none.
 */
const FORMAT = 3;

/**
 * The cache file's index, as { modules, names, resolved, unused, scopes, packs }, and `next()`, which reads its next
 * part: `packs` has two packs, each the text of a script (an array of module wrappers: the modules whose text is ASCII,
 * then the others) and V8's code of it, as [text length, its checksum, code length, its checksum]; `modules` maps a
 * root-relative path to [its pack, its place in the array, the length and digest of its bytes, its fileKey when packed
 * (null when the writer could not be sure of it)], `resolved` a module's
 * path to { <request>: the file it resolved to, as its place in `names`, root-relative paths }, `scopes` a module's
 * folder to its package scope (packageScope). The file is [checksum of the index, index length, index (JSON), each
 * pack's text and code]. Each
 * part is read into one buffer for all and checked before it is used (V8 does not check the code it deserializes:
 * damaged code crashes it or runs other code): fresh memory costs more than reading (10 MB: 5 ms). Undefined when there
 * is no file, 'damaged' when it or its index is unusable; `next` throws for a part that fails its checksum.
 */
function readCache() {
  let fd;
  try {
    // A file only: reading a FIFO (or a device) put in its place would wait for ever.
    if (!fs.lstatSync(cacheFile).isFile()) return undefined;
    fd = fs.openSync(cacheFile, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.from(readAt(fd, 0, 8));
    const indexLength = head.length === 8 ? head.readUInt32LE(4) : size;
    const indexBytes = 8 + indexLength <= size ? readAt(fd, 8, indexLength) : Buffer.alloc(0);
    if (indexBytes.length !== indexLength || checksum(indexBytes) !== head.readUInt32LE(0)) return 'damaged';
    const index = JSON.parse(indexBytes.toString('utf8'));
    const parts = ['modules', 'names', 'resolved', 'unused', 'scopes', 'packs'];
    if (index?.format !== FORMAT || parts.some((part) => typeof index[part] !== 'object' || !index[part])) return 'damaged';
    const lengths = PACKS.flatMap((_, at) => [index.packs[at][0], index.packs[at][2]]);
    if (lengths.reduce((end, length) => end + length, 8 + indexLength) !== size) return 'damaged';
    let position = 8 + indexLength;
    const next = (length, sum) => {
      const bytes = readAt(fd, position, length);
      position += length;
      if (bytes.length !== length || checksum(bytes) !== sum) throw new Error('damaged');
      return bytes;
    };
    return { ...index, next, close: () => fs.closeSync(fd) };
  } catch {
    fs.closeSync(fd);
    return 'damaged';
  }
}

/**
 * What became of the last write of the cache: `<build> tried` (the app writes it before it starts the writer),
 * `<build> written` (the writer, when it ends well) or `<build> moved` (a run found packed modules whose fileKey
 * changed and bytes did not: write again), where <build> is the modification time of lib/.tsbuildinfo, the
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
 * Whether the app should write the cache: not yet for this build of lib/, it was written and is gone since (a
 * damaged file is deleted), or a run found modules moved (useCache), but not when a write for this build failed: each run would pay the warm-up again.
 */
function shouldWrite() {
  let state;
  try {
    state = fs.readFileSync(stateFile, 'utf8').trim().split(' ');
  } catch {
    return true;
  }
  if (state[0] !== currentBuild()) return true;
  return (state[1] === 'written' && !fs.existsSync(cacheFile)) || state[1] === 'moved';
}

/**
 * Runs the cached modules from the pack from now on: any problem with the cache leaves Node's loader alone, and a
 * damaged file is deleted so that the next run writes it again. Returns live counts: modules run from the pack's cached
 * code, and ones compiled anew (not packed, changed since, or all of them when V8 refused the pack's code).
 */
function useCache() {
  const counts = { cached: 0, compiled: 0 };
  // K3S_VIP_DEBUG=1 shows a trace (scripts/app.js, scripts/synth.js): it must name each module's own file, not the pack.
  if (process.env.K3S_VIP_CODE_CACHE === '0' || process.env.K3S_VIP_DEBUG) return counts;
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
  let packs;
  try {
    packs = cache.packs.map(([textLength, textSum, codeLength, codeSum], at) => {
      const text = cache.next(textLength, textSum).toString(PACKS[at]);
      return compilePack(text, cache.next(codeLength, codeSum));
    });
  } catch {
    drop();
    return counts;
  } finally {
    cache.close();
  }
  // Only for the build the cache was written after (shouldWrite): a cache a failed write left is of an older build.
  const unused = writtenForThisBuild() ? cache.unused : {};
  let moved = 0;
  Module._extensions['.js'] = packedLoader(cache, packs, unused, counts, () => moved++);
  // Modules told by their bytes (lib/ or node_modules copied, `npm ci`, `touch`): each run digests them, so the next
  // run writes the cache again (shouldWrite) and its fileKeys hold again.
  process.once('exit', () => {
    try {
      if (moved && writtenForThisBuild()) recordWrite('moved');
    } catch {
      // A checkout this user cannot write: each run digests those modules.
    }
  });
  return counts;
}

/**
 * The encoding of each pack's text: ASCII, read as Latin-1 (a copy into a string of a byte a character), then the
 * others, as UTF-8 (a string of two bytes a character: for all 6 MB, V8 took twice as long to decode and store).
 */
const PACKS = ['latin1', 'utf8'];

/**
 * Compiles a pack, `text` of an array of module wrappers, from V8's `code` of it (or, when V8 refuses that code, from
 * the text: its functions then compile when first called, as Node's would). V8 has read `code` once this returns. Throws
 * when it is no array of functions.
 */
function compilePack(text, code) {
  const script = new vm.Script(text, { filename: cacheFile, cachedData: code });
  const fns = script.runInThisContext();
  if (!Array.isArray(fns) || !fns.every((fn) => typeof fn === 'function')) throw new Error('no pack');
  return { script, fns, fresh: code === undefined || script.cachedDataRejected };
}

/**
 * Node's loader of `.js` files with the pack's modules taken from it: a module whose file is as packed (asPacked) and
 * whose package scope is the one it was packed in (packageScope) runs its packed wrapper (runModule); any other file is
 * Node's, read and compiled as usual. `onMoved` is called for each module told by its bytes, not its recorded fileKey.
 */
function packedLoader({ modules, names, resolved, scopes }, packs, unused, counts, onMoved = () => undefined) {
  const js = Module._extensions['.js'];
  const prefix = root + path.sep;
  const packageFiles = new Map();
  const inScope = new Map();
  const sameScope = (dir) => {
    if (!inScope.has(dir)) {
      const recorded = scopes[path.relative(root, dir)];
      inScope.set(dir, typeof recorded === 'string' && packageScope(dir, packageFiles) === recorded);
    }
    return inScope.get(dir);
  };
  // Each file's fileKey, taken once a run: loadKnown's test that a file is there (a stat) and asPacked's (another, of the
  // same file right after) read one stat, not two (about 550 a synth). Not on Windows, where fileKey is undefined.
  const fileKeys = new Map();
  const keyOf = (filename) => {
    if (!fileKeys.has(filename)) fileKeys.set(filename, fileKey(filename));
    return fileKeys.get(filename);
  };
  const loadFile =
    process.platform === 'win32' ? loadKnown : (parent, id, target) => loadKnown(parent, id, target, (file) => keyOf(file) !== undefined);
  // Whether a packed module's file is the one packed: its fileKey, else its bytes (digest), once a file.
  const checked = new Map();
  const asPacked = (filename, [, , length, sum, key]) => {
    if (!checked.has(filename)) {
      const now = keyOf(filename);
      const same = now !== undefined && ((typeof key === 'string' && now === key) || holds(filename, length, sum));
      if (same && typeof key === 'string' && now !== key) onMoved();
      checked.set(filename, same);
    }
    return checked.get(filename);
  };
  const entryOf = (name) => (Object.hasOwn(modules, name) && Array.isArray(modules[name]) ? modules[name] : undefined);
  // Whether module `name` and all its load would load (its requires as recorded, and theirs) are as packed: a module
  // is deferred only then, or an edit of it or of one it requires (a top-level throw, a side effect) would be hidden.
  // First whether every packed module is (one stat each): then no walk is needed (walking each deferred module's
  // requires took about 20 ms a run).
  let allAsPacked;
  const settled = new Map();
  const unchangedTree = (name) => {
    allAsPacked ??= Object.entries(modules).every(([other, entry]) => {
      const file = fromRoot(other);
      return Array.isArray(entry) && sameScope(path.dirname(file)) && asPacked(file, entry);
    });
    if (!allAsPacked && !settled.has(name)) {
      const seen = new Set([name]);
      const todo = [name];
      let same = true;
      while (same && todo.length) {
        const next = todo.pop();
        const entry = entryOf(next);
        const file = fromRoot(next);
        if (entry) same = sameScope(path.dirname(file)) && asPacked(file, entry);
        const requests = (Object.hasOwn(resolved, next) && resolved[next]) || {};
        for (const at of Object.values(requests)) {
          const to = names[at];
          if (typeof to === 'string' && !seen.has(to)) {
            seen.add(to);
            todo.push(to);
          }
        }
      }
      settled.set(name, same);
    }
    return allAsPacked || settled.get(name);
  };
  // Each file of `names` as a path, joined once: a synth makes about 1,400 requires of about 800 files.
  const files = new Map();
  const fileOf = (at) => {
    if (!files.has(at)) files.set(at, typeof names[at] === 'string' ? fromRoot(names[at]) : undefined);
    return files.get(at);
  };
  // One stand-in per module, whoever requires it first.
  const standIns = new Map();
  const deferred = (parent, id, target) => {
    // `target` is a path below root (known's): its root-relative name is the rest of it.
    const name = target && (target.startsWith(prefix) ? target.slice(prefix.length) : path.relative(root, target));
    const keys = target && !Module._cache[target] ? unused[name] : undefined;
    if (!Array.isArray(keys)) return undefined;
    if (standIns.has(target)) return standIns.get(target);
    // A file named exactly as requested, added since, is what Node loads at this require: not deferred either.
    if (!unchangedTree(name) || !resolvesAsWritten(parent, id, target)) return undefined;
    const later = standIn(keys, () => (Module._cache[target] ?? loadFile(parent, id, target))?.exports ?? parent.require(id));
    standIns.set(target, later);
    return later;
  };
  return function loadPacked(module, filename) {
    const name = filename.startsWith(prefix) ? filename.slice(prefix.length) : '';
    const entry = entryOf(name);
    const [pack, place] = entry ?? [];
    const { fns = [], fresh } = packs[pack] ?? {};
    if (typeof fns[place] !== 'function' || !sameScope(path.dirname(filename)) || !asPacked(filename, entry)) {
      counts.compiled++;
      return js.call(this, module, filename);
    }
    counts[fresh ? 'compiled' : 'cached']++;
    const requests = (Object.hasOwn(resolved, name) && resolved[name]) || {};
    const known = (id) => (Object.hasOwn(requests, id) ? fileOf(requests[id]) : undefined);
    return runModule(module, fns[place], filename, known, deferred, loadFile);
  };
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
    const state = fs.readFileSync(stateFile, 'utf8').trim();
    return state === `${currentBuild()} written` || state === `${currentBuild()} moved`;
  } catch {
    return false;
  }
}

module.exports = {
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
  shouldWrite,
  useCache,
};
