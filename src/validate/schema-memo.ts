import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { codeFingerprint, passMemo } from '../output/pass-memo';
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
 * The memo is `node_modules/.cache/k3s-vip/schema-passes-<digest>.txt`, a pass memo (output/pass-memo.ts);
 * a linked cache folder (cache-folder.ts `cacheDir`) is neither read nor written through.
 */
export interface SchemaMemo {
  /** Whether this exact object passed before. */
  passed(object: object): boolean;
  /** Remembers that the object passed (written by `save`). */
  remember(object: object): void;
  /** Writes what was remembered since the last save. */
  save(): void;
}

/** The packages validators run on, besides the bundled models (model-cache.ts) and model-runtime.ts' sources. */
const RUNTIME_PACKAGES = ['@kubernetes-models/validate', 'ajv', 'ajv-formats', 'ajv-i18n'];

/**
 * A memo in `dir` (synth's: `cacheDir()`), or one that remembers nothing when there is no folder (a linked
 * cache folder) or what a check depends on cannot be read.
 */
export function schemaMemo(dir: string | undefined): SchemaMemo {
  const memo = passMemo(dir, 'schema-passes', dir && checkFingerprint());
  return {
    passed: (object) => {
      const json = exactJson(object);
      return json !== undefined && memo.passed(json);
    },
    remember: (object) => {
      const json = exactJson(object);
      if (json !== undefined) memo.remember(json);
    },
    save: () => memo.save(),
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
    return codeFingerprint(__dirname, hash);
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
