import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { CACHE_DIR, cacheDir, writeCache } from '../output/cache-folder';

/**
 * `require(specifier)` of a kubernetes-models model, through one cache file.
 *
 * kubernetes-models ships the validator of every schema as a module of its own: a DaemonSet's model
 * requires about 100 of them, and Node spends more time resolving, finding and reading those files
 * than compiling them. So the first run that needs a model writes its module and every module it
 * requires from kubernetes-models, @kubernetes-models/apimachinery and @kubernetes-models/base into one file in
 * node_modules/.cache/k3s-vip, and later runs load that file: about half the time (measured 190 ms
 * down to 95 ms for the five models of config/dev.yaml, on a busy machine).
 *
 * The code that runs is theirs, unchanged: each module's text in a function that gets the `exports`,
 * `require`, `module`, `__filename` and `__dirname` Node would give it. Their `require` leads to the
 * same module in the file, to a module outside those packages by the path Node resolved when the file
 * was written, and, for a request the file does not list, to Node's own resolution. One exception:
 * `@kubernetes-models/validate` (whose formats and error messages need 50 modules) leads to
 * model-runtime.ts, the same formats and messages from 3. The key covers the packages' versions and
 * where they are installed, so an upgrade or a move writes a new file.
 */
export function requireModel(specifier: string): unknown {
  const entry = require.resolve(specifier); // throws as require would for a kind kubernetes-models lacks
  const key = createHash('sha256')
    .update(JSON.stringify(['model-bundle-2', entry, installedPackages()]))
    .digest('hex')
    .slice(0, 16);
  const cache = cacheDir(CACHE_DIR);
  if (!cache) return require(entry); // a linked cache folder: module by module
  const cached = join(cache, `model-${key}.js`);
  const packageDirs = installedPackages().map(([dir]) => dir);
  if (!existsSync(cached)) writeCache(cached, bundle(entry, packageDirs));
  if (!existsSync(cached)) return require(entry); // a read-only checkout: module by module
  let modules: BundledModule[];
  try {
    modules = require(cached) as BundledModule[]; // defines functions only: run() is what executes their code
  } catch {
    writeCache(cached, bundle(entry, packageDirs)); // a damaged file: written afresh for the next run
    return require(entry);
  }
  return run(modules);
}

const BUNDLED_PACKAGES = ['kubernetes-models', '@kubernetes-models/apimachinery', '@kubernetes-models/base'];

/** Where a bundled module's `require('@kubernetes-models/validate')` leads: model-runtime.ts, which gives the same formats and `runValidateFunc`. */
const LIGHT_RUNTIME = 'k3s-vip:model-runtime';
let packages: Array<[dir: string, version: string]> | undefined;

/** Where the bundled packages are installed, and their versions. */
export function installedPackages(): Array<[dir: string, version: string]> {
  packages ??= BUNDLED_PACKAGES.map((name) => {
    // @kubernetes-models/base exports no package.json: its folder is the nearest above its entry that has one.
    let dir = dirname(require.resolve(name));
    while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
    return [dir, (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version];
  });
  return packages;
}

/** A module in a cache file: its path, where each of its require() requests leads (an index in the file, or a path), and its code. */
type BundledModule = [
  filename: string,
  requires: Record<string, number | string>,
  body: (exports: unknown, require: (request: string) => unknown, module: { exports: unknown }, filename: string, dirname: string) => void,
];

/** The source of a cache file: `entry` first, then every JavaScript module it requires from `packageDirs`, in the order found. */
function bundle(entry: string, packageDirs: readonly string[]): string {
  const order = new Map<string, number>();
  const modules: string[] = [];
  const validateEntry = require.resolve('@kubernetes-models/validate');
  const bundled = (file: string) => file.endsWith('.js') && packageDirs.some((dir) => file.startsWith(dir + sep));
  const add = (file: string): number => {
    const known = order.get(file);
    if (known !== undefined) return known;
    const index = modules.push('') - 1;
    order.set(file, index);
    const source = readFileSync(file, 'utf8');
    const resolve = createRequire(file).resolve;
    const requires: Record<string, number | string> = {};
    for (const [, , request] of source.matchAll(/\brequire\((["'])([^"'\n]+)\1\)/g)) {
      let target: string;
      try {
        target = resolve(request);
      } catch {
        continue; // left to Node when (if ever) the module asks for it
      }
      requires[request] = target === validateEntry ? LIGHT_RUNTIME : bundled(target) ? add(target) : target;
    }
    modules[index] =
      `[${JSON.stringify(file)}, ${JSON.stringify(requires)}, function (exports, require, module, __filename, __dirname) {\n${source}\n}]`;
    return index;
  };
  add(entry);
  return `// Written by k3s-vip (src/validate/model-cache.ts): ${entry} and the ${modules.length - 1} modules it requires\nmodule.exports = [\n${modules.join(',\n')}\n];\n`;
}

/** Runs the first module of a cache file as Node would, with the modules it requires. */
function run(modules: readonly BundledModule[]): unknown {
  const loaded: Array<{ exports: unknown }> = [];
  const load = (index: number): unknown => {
    if (loaded[index]) return loaded[index].exports;
    const [filename, requires, body] = modules[index];
    const module = (loaded[index] = { exports: {} });
    const requireFrom = (request: string): unknown => {
      const target = requires[request];
      if (typeof target === 'number') return load(target);
      if (target === LIGHT_RUNTIME) return require('./model-runtime');
      return target === undefined ? createRequire(filename)(request) : require(target);
    };
    body.call(module.exports, module.exports, requireFrom, module, filename, dirname(filename));
    return module.exports;
  };
  return load(0);
}
