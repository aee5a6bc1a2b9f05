// Jest setup (jest.config.js `setupFiles`): the repository's own config/*.yaml and dist/ belong to its
// user, who may edit, rename or delete them, so no test may touch them: any file call on them throws
// here, which fails the test that made it. Tests use test/fixtures/config/ and temporary folders
// (test/helpers.ts); config/examples/ is shipped with the product and stays readable.
// test/no-reference.test.ts checks that this guard is in force.
import fs from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const ROOT = join(__dirname, '..');
const GUARDED = Symbol.for('k3s-vip.user-files-guard');

/** The user's path a file call names, if it names one: `config/` and all in it but `examples/`, or `dist/...`. */
export function userPath(path: unknown): string | undefined {
  if (typeof path !== 'string' && !(path instanceof URL) && !Buffer.isBuffer(path)) return undefined;
  const inside = relative(ROOT, resolve(path instanceof URL ? path.pathname : String(path)));
  const [top, next] = inside.split(sep);
  if (top === 'dist' || (top === 'config' && next !== 'examples')) return inside.split(sep).join('/');
  return undefined;
}

const calls = [
  'accessSync',
  'copyFileSync',
  'cpSync',
  'existsSync',
  'lstatSync',
  'mkdirSync',
  'openSync',
  'opendirSync',
  'readFileSync',
  'readdirSync',
  'realpathSync',
  'renameSync',
  'rmSync',
  'statSync',
  'symlinkSync',
  'unlinkSync',
  'writeFileSync',
] as const;

const fsModule = fs as unknown as Record<string | symbol, unknown>;
if (!fsModule[GUARDED]) {
  fsModule[GUARDED] = true;
  for (const name of calls) {
    const original = fsModule[name] as (...args: unknown[]) => unknown;
    // Own properties such as `realpathSync.native` stay.
    fsModule[name] = Object.assign(function guarded(this: unknown, ...args: unknown[]) {
      const path =
        userPath(args[0]) ?? (name === 'cpSync' || name === 'copyFileSync' || name === 'renameSync' ? userPath(args[1]) : undefined);
      if (path !== undefined) {
        throw new Error(`a test touched ${path}, which belongs to the repository's user: use test/fixtures/config/ or a temporary folder`);
      }
      return original.apply(this, args);
    }, original);
  }
}
