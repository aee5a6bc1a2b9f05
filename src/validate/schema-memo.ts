import { createHash } from 'node:crypto';
import { closeSync, constants, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, crdDir, crdFolderFingerprint } from './crds';
import { installedPackages } from './model-cache';

/**
 * The objects that passed their schema check (schemas.ts `checkSchema`) in an earlier run, so a synth
 * that writes an object it wrote before, byte for byte, skips loading and running that kind's validator
 * (for config/dev.yaml, the 430 kB DaemonSet validator among them: 6% of the app's instructions).
 *
 * Only a pass is remembered, never a finding, and only by a digest of everything the check depends on:
 * the object's JSON, the kubernetes-models packages (versions and where installed), the CRD files, and
 * the code of the check itself. A changed object, schema or check is checked afresh. Gateway API
 * objects (whose schemas depend on the bundle their file names) are always checked.
 *
 * The memo is `node_modules/.cache/k3s-vip/schema-passes-<digest>.txt`, one digest per line, appended
 * with O_APPEND and O_NOFOLLOW (runs at once add whole lines; a link there is never written through).
 * A line that is not a digest is ignored; a file that cannot be read or written is an empty memo. It
 * stops growing at 20,000 lines; deleting it costs only time.
 */
export interface SchemaMemo {
  /** Whether this exact object passed before. */
  passed(object: object): boolean;
  /** Remembers that the object passed (written by `save`). */
  remember(object: object): void;
  /** Appends what was remembered since the last save. */
  save(): void;
}

const LIMIT = 20_000;
const DIGEST = /^[0-9a-f]{64}$/;

/** The code the result of a schema check depends on, besides the packages and CRDs. */
const CHECK_MODULES = ['./schemas', './model-runtime', './model-cache', './crds', './kinds', './paths'];

/** A memo in `dir`, or one that remembers nothing when what a check depends on cannot be read. */
export function schemaMemo(dir: string = CACHE_DIR): SchemaMemo {
  const scope = checkFingerprint();
  if (!scope) return { passed: () => false, remember: () => undefined, save: () => undefined };
  const file = join(dir, `schema-passes-${scope.slice(0, 16)}.txt`);
  let known: Set<string> | undefined;
  const added: string[] = [];
  const digest = (object: object) => createHash('sha256').update(scope).update('\0').update(JSON.stringify(object)).digest('hex');
  const load = () => (known ??= readDigests(file));
  return {
    passed: (object) => load().has(digest(object)),
    remember: (object) => {
      const key = digest(object);
      if (!load().has(key) && load().size + added.length < LIMIT) added.push(key);
    },
    save: () => {
      if (!added.length) return;
      appendLines(file, added.splice(0));
    },
  };
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
    const hash = createHash('sha256').update(JSON.stringify(['schema-passes-1', installedPackages(), crds]));
    for (const module of CHECK_MODULES) hash.update('\0').update(readFileSync(require.resolve(module)));
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

function readDigests(file: string): Set<string> {
  try {
    return new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => DIGEST.test(line)),
    );
  } catch {
    return new Set();
  }
}

function appendLines(file: string, lines: readonly string[]): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    try {
      writeSync(fd, `${lines.join('\n')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Only time is lost: the next run checks these objects again.
  }
}
