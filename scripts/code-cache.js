// V8's code cache for the modules the app loads (lib/ and the packages it requires), so that a run starts from
// compiled code instead of parsing and compiling ~290 files (about 4 MB of JavaScript) again: what Node 22's
// `module.enableCompileCache()` does, for Node 20. Written at build time only (after each tsc build of lib/, by
// `npm run build`, or when lib/ has none for this Node): `node scripts/code-cache.js --write` loads lib/src/main.js in
// a process of its own, runs `synth --dry-run` (which writes nothing) so that the functions a synth calls are compiled
// too, and stores each module's code in lib/.code-cache/<node>-<arch>.bin.
// A run uses a module's code only when the module's text still has the hash it was compiled from; V8 itself refuses
// data from another version or other flags. Anything unusable falls back to Node's own compile: the cache can make a
// run faster, never different. K3S_VIP_CODE_CACHE=0 turns it off.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const root = path.join(__dirname, '..');
const cacheDir = path.join(root, 'lib', '.code-cache');
/** One file per Node build: data from another V8 is refused anyway. */
const cacheFile = path.join(cacheDir, `${process.version}-${process.arch}.bin`);

// crypto.hash (Node 20.12+) is the one-shot form, about twice as fast on ~4 MB of text.
const digest = crypto.hash
  ? (text) => crypto.hash('sha1', text, 'base64')
  : (text) => crypto.createHash('sha1').update(text).digest('base64');
/** The modules worth caching: this checkout's, never a shebang script (Module.wrap would not parse). */
const cacheable = (filename, content) => filename.startsWith(root + path.sep) && !content.startsWith('#!');

/**
 * Runs a compiled module wrapper as Node's loader does (lib/internal/modules/cjs/loader.js `Module.prototype._compile`).
 * `known(id)` is the file a `require(id)` resolved to when the cache was written, if any: one already loaded is taken
 * from Node's module cache without resolving again (about two thirds of the ~800 requires a synth makes are of modules
 * loaded before; each resolution stats and reads package.json files).
 */
function runModule(module, script, filename, known = () => undefined) {
  const wrapper = script.runInThisContext({ displayErrors: true });
  const require = (id) => {
    const loaded = Module._cache[known(id)];
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
 * The cache file as { modules, resolved, data }: `modules` maps a root-relative path to [hash of its text, offset and
 * length in data], `resolved` a `resolutionKey` to the absolute file it resolved to.
 */
function readCache() {
  const blob = fs.readFileSync(cacheFile);
  const indexLength = blob.readUInt32LE(0);
  const { modules, resolved } = JSON.parse(blob.subarray(4, 4 + indexLength).toString('utf8'));
  if (typeof modules !== 'object' || typeof resolved !== 'object' || !modules || !resolved) throw new Error('no index');
  return { modules, resolved, data: blob.subarray(4 + indexLength) };
}

/** Whether this Node has a cache file as new as the last build of lib/ (`builtAt`, ms); the app writes one when not. */
function cacheCurrent(builtAt) {
  try {
    return fs.statSync(cacheFile).mtimeMs >= builtAt;
  } catch {
    return false;
  }
}

/**
 * Compiles the cached modules from their cached code from now on; any problem with the cache leaves Node's loader alone.
 * Returns live counts: modules run from cached code, and ones compiled anew (not cached, changed since, or refused by V8).
 */
function useCache() {
  const counts = { cached: 0, compiled: 0 };
  if (process.env.K3S_VIP_CODE_CACHE === '0') return counts;
  let cache;
  try {
    cache = readCache();
  } catch {
    return counts;
  }
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileCached(content, filename) {
    const name = path.relative(root, filename);
    const entry = Object.hasOwn(cache.modules, name) ? cache.modules[name] : undefined;
    if (!Array.isArray(entry) || !cacheable(filename, content) || entry[0] !== digest(content)) {
      counts.compiled++;
      return compile.call(this, content, filename);
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData: cache.data.subarray(entry[1], entry[1] + entry[2]) });
    counts[script.cachedDataRejected ? 'compiled' : 'cached']++;
    const known = (id) => {
      const key = `${name}\0${id}`;
      return Object.hasOwn(cache.resolved, key) ? path.join(root, cache.resolved[key]) : undefined;
    };
    return runModule(this, script, filename, known);
  };
  return counts;
}

/** Loads lib/src/main.js, compiling every module itself, and writes their code to the cache file (a new file, renamed into place). */
function writeCache() {
  const scripts = [];
  const resolved = {};
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileAndKeep(content, filename) {
    if (!cacheable(filename, content)) return compile.call(this, content, filename);
    const script = new vm.Script(Module.wrap(content), { filename });
    const name = path.relative(root, filename);
    scripts.push([name, digest(content), script]);
    return runModule(this, script, filename, (id) => {
      // The key of one `require(id)` of this module in the record of what it resolved to.
      const to = Module._resolveFilename(id, this);
      if (path.isAbsolute(to) && to.startsWith(root + path.sep)) resolved[`${name}\0${id}`] = path.relative(root, to);
      return undefined;
    });
  };
  const { main } = require(path.join(root, 'lib', 'src', 'main.js'));
  // A dry run of the config (it writes nothing: no folder, no lock), its output dropped, compiles the functions a synth
  // calls, so the data taken after it holds them too; a config it refuses still compiles most of them.
  const [out, err] = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = () => true;
  try {
    main(['--dry-run']);
  } catch {
    // a warm-up only
  } finally {
    [process.stdout.write, process.stderr.write] = [out, err];
  }
  const modules = {};
  const parts = [];
  let offset = 0;
  for (const [name, hash, script] of scripts) {
    const data = script.createCachedData();
    modules[name] = [hash, offset, data.length];
    parts.push(data);
    offset += data.length;
  }
  const indexBytes = Buffer.from(JSON.stringify({ modules, resolved }), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(indexBytes.length, 0);
  fs.mkdirSync(cacheDir, { recursive: true });
  // Files of other Node builds and ones a killed write left (a minute old) are dropped; a new file is renamed into place whole.
  for (const name of fs.readdirSync(cacheDir)) {
    const file = path.join(cacheDir, name);
    const left = name.endsWith('.tmp') && Date.now() - fs.statSync(file).mtimeMs > 60_000;
    if (name !== path.basename(cacheFile) && (!name.endsWith('.tmp') || left)) fs.rmSync(file, { force: true });
  }
  const partial = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(partial, Buffer.concat([head, indexBytes, ...parts]));
  fs.renameSync(partial, cacheFile);
}

if (require.main === module && process.argv[2] === '--write') {
  try {
    writeCache();
  } catch (e) {
    // No cache is a slower start, not a failure: say why and go on.
    process.stderr.write(`note: no code cache written (${String(e && e.message).split('\n')[0]}); runs compile the code each time\n`);
  }
}

module.exports = { cacheCurrent, useCache, writeCache };
