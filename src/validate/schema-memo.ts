import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { writeCache } from '../output/cache-folder';
import { crdDir, crdFolderFingerprint } from './crds';
import { installedPackages } from './model-cache';

/**
 * The objects that passed their schema check (schemas.ts `checkSchema`) in an earlier run, so a synth
 * that writes an object it wrote before, byte for byte, skips loading and running that kind's validator
 * (for config/dev.yaml, the 430 kB DaemonSet validator among them: 6% of the app's instructions).
 *
 * Only a pass is remembered, never a finding, and only by a digest of everything the check depends on:
 * the object as exact JSON (an object JSON cannot hold exactly, with NaN, Infinity, a BigInt or a hole
 * in a list, is always checked), the packages the validators run on (versions and where installed), the
 * CRD files, and every module of this folder. A changed object, schema or check is checked afresh.
 * Gateway API objects (whose schemas depend on the bundle their file names) are always checked.
 *
 * The memo is `node_modules/.cache/k3s-vip/schema-passes-<digest>.txt`, one digest per line, appended
 * with O_APPEND (runs at once add whole lines); a link there, or a linked cache folder (cache-folder.ts `cacheDir`),
 * is neither read nor written through. A line
 * that is not a digest is ignored; a file that cannot be read or written is an empty memo. A full memo
 * (20,000 lines) starts over with the passes of the run that filled it, and a new memo file removes the
 * memos of other checks. Deleting them costs only time.
 */
export interface SchemaMemo {
  /** Whether this exact object passed before. */
  passed(object: object): boolean;
  /** Remembers that the object passed (written by `save`). */
  remember(object: object): void;
  /** Writes what was remembered since the last save. */
  save(): void;
}

const LIMIT = 20_000;
const DIGEST = /^[0-9a-f]{64}$/;
const MEMO_FILE = /^schema-passes-[0-9a-f]{16}\.txt$/;

/** The packages validators run on, besides the bundled models (model-cache.ts) and model-runtime.ts' sources. */
const RUNTIME_PACKAGES = ['@kubernetes-models/validate', 'ajv', 'ajv-formats', 'ajv-i18n'];

/**
 * A memo in `dir` (synth's: `cacheDir()`), or one that remembers nothing when there is no folder (a linked
 * cache folder) or what a check depends on cannot be read.
 */
export function schemaMemo(dir: string | undefined): SchemaMemo {
  const scope = checkFingerprint();
  if (!scope || !dir) return { passed: () => false, remember: () => undefined, save: () => undefined };
  const name = `schema-passes-${scope.slice(0, 16)}.txt`;
  const file = join(dir, name);
  let known: Set<string> | undefined;
  const added = new Set<string>();
  const load = () => (known ??= readDigests(file));
  const digest = (object: object) => {
    const json = exactJson(object);
    return json === undefined ? undefined : createHash('sha256').update(scope).update('\0').update(json).digest('hex');
  };
  return {
    passed: (object) => {
      const key = digest(object);
      return key !== undefined && load().has(key);
    },
    remember: (object) => {
      const key = digest(object);
      if (key !== undefined && !load().has(key)) added.add(key);
    },
    save: () => {
      if (!added.size) return;
      const lines = `${[...added].join('\n')}\n`;
      const existing = load();
      if (!existing.size) removeOtherMemos(dir, name);
      if (existing.size + added.size > LIMIT) writeCache(file, lines);
      else appendText(file, lines);
      for (const key of added) existing.add(key);
      added.clear();
    },
  };
}

/** The object as JSON, or undefined when JSON cannot hold it exactly (two such objects could share a digest). */
function exactJson(object: object): string | undefined {
  try {
    return JSON.stringify(object, function exact(this: unknown, _key: string, value: unknown) {
      const lossy =
        (typeof value === 'number' && !Number.isFinite(value)) ||
        ['bigint', 'function', 'symbol'].includes(typeof value) ||
        (value === undefined && Array.isArray(this));
      if (lossy) throw new RangeError('not exact JSON');
      return value;
    });
  } catch {
    return undefined;
  }
}

const fingerprints = new Map<string, string | undefined>();

/** A digest of what a check's result depends on besides the object, once per process and CRD folder. */
function checkFingerprint(): string | undefined {
  const dir = crdDir();
  if (!fingerprints.has(dir)) fingerprints.set(dir, fingerprintOf(dir));
  return fingerprints.get(dir);
}

function fingerprintOf(dir: string): string | undefined {
  try {
    const crds = crdFolderFingerprint(dir);
    if (crds === undefined) return undefined;
    const fromValidate = createRequire(require.resolve('@kubernetes-models/validate'));
    const versions = RUNTIME_PACKAGES.map((name) => [
      name,
      packageVersion(name === RUNTIME_PACKAGES[0] ? require.resolve : fromValidate.resolve, name),
    ]);
    const hash = createHash('sha256').update(JSON.stringify(['schema-passes-2', installedPackages(), versions, crds]));
    // Every module of this folder (schemas, model-runtime, model-cache, crds, kinds, paths, ...), as it runs.
    const ownCode = readdirSync(__dirname)
      .filter((name) => ['.js', '.ts'].includes(extname(name)) && !name.endsWith('.d.ts'))
      .sort();
    for (const name of ownCode) hash.update(`\0${name}\0`).update(readFileSync(join(__dirname, name)));
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

/** The version of the package `name` as `resolve` finds it (some export no package.json: found above their entry). */
function packageVersion(resolve: (request: string) => string, name: string): unknown {
  let dir = dirname(resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
      if (found === name) return version;
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of ${name}`);
    dir = dirname(dir);
  }
}

function readDigests(file: string): Set<string> {
  let fd: number | undefined;
  try {
    // Non-blocking, and a regular file only: a FIFO there would otherwise hang the run.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return new Set();
    return new Set(
      readFileSync(fd, 'utf8')
        .split('\n')
        .filter((line) => DIGEST.test(line)),
    );
  } catch {
    return new Set();
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function appendText(file: string, text: string): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;
    const fd = openSync(file, flags, 0o644);
    try {
      if (fstatSync(fd).isFile()) writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Only time is lost: the next run checks these objects again.
  }
}

/** Removes the memos of other checks (an older version, other CRDs) from `dir`: unlink never follows a link. */
function removeOtherMemos(dir: string, keep: string): void {
  try {
    for (const name of readdirSync(dir)) if (MEMO_FILE.test(name) && name !== keep) unlinkSync(join(dir, name));
  } catch {
    // see appendText
  }
}
