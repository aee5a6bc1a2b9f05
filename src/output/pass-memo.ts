import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';
import { writeCache } from './cache-folder';
import { contentDigests } from './file-digests';
import { makeFolders } from './file-system';

/**
 * What passed a check in an earlier run, so a run that checks the same input again, with the same check,
 * skips it: the schema check of an object written before byte for byte (validate/schema-memo.ts), the secret
 * gate of a file (secret-gate.ts). Only a pass is remembered, never a finding, and only by a digest of the
 * check's `scope` (a fingerprint of everything its result depends on besides the input: its code, the
 * packages and data it reads) and the input. A changed input or check is checked afresh.
 *
 * A memo is `<dir>/<name>-<scope>.txt`, one digest per line, appended with O_APPEND (runs at once add whole
 * lines); a link there is neither read nor written through, a FIFO never blocks. A line that is not a digest is
 * ignored; a file that cannot be read or written is an empty memo. A full memo (20,000 lines, or its `limit`) starts over with
 * the passes of the run that filled it, and a new memo file removes the memos of the same name with another
 * scope. Deleting them costs only time.
 */
export interface PassMemo {
  /** Whether this exact input passed before. */
  passed(input: string): boolean;
  /** Remembers that the input passed (written by `save`). */
  remember(input: string): void;
  /** Writes what was remembered since the last save. */
  save(): void;
}

const LIMIT = 20_000;
const DIGEST = /^[0-9a-f]{64}$/;

/** A memo that remembers nothing: no cache folder (a linked one), or a scope that could not be read. */
export const NO_MEMO: PassMemo = { passed: () => false, remember: () => undefined, save: () => undefined };

/** The memo `name` of the check whose fingerprint is `scope`, in `dir`, of at most `limit` passes; NO_MEMO without either. */
export function passMemo(dir: string | undefined, name: string, scope: string | undefined, limit = LIMIT): PassMemo {
  if (!scope || !dir) return NO_MEMO;
  const fileName = `${name}-${scope.slice(0, 16)}.txt`;
  const file = join(dir, fileName);
  let known: Set<string> | undefined;
  const added = new Set<string>();
  const load = () => (known ??= readDigests(file));
  const digest = (input: string) => createHash('sha256').update(scope).update('\0').update(input).digest('hex');
  return {
    passed: (input) => load().has(digest(input)),
    remember: (input) => {
      const key = digest(input);
      if (!load().has(key)) added.add(key);
    },
    save: () => {
      if (!added.size) return;
      const lines = `${[...added].join('\n')}\n`;
      const existing = load();
      if (!existing.size) removeOtherScopes(dir, name, fileName);
      if (existing.size + added.size > limit) writeCache(file, lines);
      else appendText(file, lines);
      for (const key of added) existing.add(key);
      added.clear();
    },
  };
}

/**
 * A digest of the modules of `dir` (`.js` compiled, `.ts` under ts-jest), as they run: a check's own code. Each
 * module counts by its name and the digest of its content, which `digests` (file-digests.ts) reads only for a file
 * changed since it last read it.
 */
export function codeFingerprint(dir: string, hash = createHash('sha256'), digests = contentDigests): string {
  const modules = readdirSync(dir)
    .filter((name) => ['.js', '.ts'].includes(extname(name)) && !name.endsWith('.d.ts'))
    .sort();
  const content = digests(modules.map((name) => join(dir, name)));
  modules.forEach((name, i) => hash.update(`\0${name}\0`).update(content[i]));
  return hash.digest('hex');
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
    makeFolders(join(file, '..'));
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;
    const fd = openSync(file, flags, 0o644);
    try {
      if (fstatSync(fd).isFile()) writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Only time is lost: the next run checks these inputs again.
  }
}

/** Removes the memos of the same name with another scope (an older version of the check, other data): unlink never follows a link. */
function removeOtherScopes(dir: string, name: string, keep: string): void {
  const pattern = new RegExp(`^${name}-[0-9a-f]{16}\\.txt$`);
  try {
    for (const entry of readdirSync(dir)) if (pattern.test(entry) && entry !== keep) unlinkSync(join(dir, entry));
  } catch {
    // see appendText
  }
}
