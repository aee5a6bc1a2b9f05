import { basename, relative, sep } from 'node:path';
import { FileSystem, isTemporaryName } from './file-system';

/** What stands at a path: nothing, a folder, or a file (`text` undefined: not known). */
export type PathState = { readonly kind: 'absent' } | { readonly kind: 'folder' } | { readonly kind: 'file'; readonly text?: string };

const ABSENT: PathState = { kind: 'absent' };
const FOLDER: PathState = { kind: 'folder' };
/** A file of text not known: one a failed write may have left, or one removed unread. */
const SOME_FILE: PathState = { kind: 'file' };

function same(a: PathState, b: PathState): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'file' || b.kind !== 'file') return true;
  return a.text !== undefined && a.text === b.text;
}

/**
 * Follows every change a run makes through a FileSystem, so that when the run fails part-way it
 * can say exactly what it left changed, after whatever rollback it managed: a message that says
 * "left unchanged" must be true.
 */
export class ChangeLog {
  /** What stood at each touched path before the run, in the order first touched. */
  private readonly was = new Map<string, PathState>();
  /** What stands there now, as far as the run knows. */
  private readonly now = new Map<string, PathState>();

  /**
   * @param root folder the changes are shown relative to
   * @param before what stood at a file's path before the run, as far as the run knows (else nothing)
   */
  constructor(
    private readonly root: string,
    private readonly before: (path: string) => PathState,
  ) {}

  /** `fs`, with every change it makes (or may have made) noted here. */
  track(fs: FileSystem): FileSystem {
    // The first change to a path also tells what stood there: mkdir needs nothing, rmdir a
    // folder, unlink a file.
    const note = (path: string, state: PathState, inferred?: PathState) => {
      if (!this.was.has(path)) this.was.set(path, inferred ?? this.before(path));
      this.now.set(path, state);
    };
    return {
      ...fs,
      lstat: (path) => {
        const stat = fs.lstat(path);
        if (!stat && this.now.has(path)) note(path, ABSENT);
        return stat;
      },
      mkdir: (path) => {
        fs.mkdir(path);
        note(path, FOLDER, ABSENT);
      },
      writeNewFile: (path, text) => {
        try {
          fs.writeNewFile(path, text);
          note(path, { kind: 'file', text });
        } catch (e) {
          // Created and partly written, or not created at all: the caller's lstat tells.
          note(path, SOME_FILE);
          throw e;
        }
      },
      rename: (from, to, replace) => {
        fs.rename(from, to, replace);
        note(to, this.now.get(from) ?? SOME_FILE);
        note(from, ABSENT);
      },
      unlink: (path) => {
        fs.unlink(path);
        const before = this.before(path);
        note(path, ABSENT, before.kind === 'file' ? before : SOME_FILE);
      },
      rmdir: (path) => {
        fs.rmdir(path);
        note(path, ABSENT, FOLDER);
      },
    };
  }

  /** True when what stands at `path` now differs from before the run. */
  isChanged(path: string): boolean {
    const now = this.now.get(path);
    return now !== undefined && !same(this.was.get(path) ?? ABSENT, now);
  }

  /** The run's net changes, in order: `wrote x`, `removed y`, `created folder z/`, … (empty: none). */
  changes(): string[] {
    const lines: string[] = [];
    for (const [path, state] of this.now) {
      if (!this.isChanged(path)) continue;
      const shown = relative(this.root, path).split(sep).join('/');
      if (state.kind === 'folder') lines.push(`created folder ${shown}/`);
      else if (state.kind === 'absent') lines.push(this.was.get(path)?.kind === 'folder' ? `removed folder ${shown}/` : `removed ${shown}`);
      else if (isTemporaryName(basename(path))) lines.push(`left temporary file ${shown}`);
      else lines.push(`wrote ${shown}`);
    }
    return lines;
  }
}
