/**
 * What to do about a failed file operation, by its errno: the one place every command (synth, check, validate, new,
 * k3s:install) takes its advice from (70c-6), so no refusal ends at a bare errno. Meanings: Linux errno(3) and open(2),
 * rename(2) (man-pages 6.05).
 */

/** Whether a failed operation read or wrote: its advice differs (a read needs read rights, not write rights). */
export type FileAccess = 'read' | 'write';

/**
 * Calls that only read or only write, by the `syscall` Node.js names (libuv's fs names, uv_fs_*). `open` (and others)
 * do either: the caller says which.
 */
const READING = new Set('scandir opendir readdir read readlink stat lstat fstat realpath access'.split(' '));
const WRITING = new Set(
  'write mkdir mkdtemp rename unlink rmdir rm symlink link copyfile chmod chown utime fsync fdatasync ftruncate'.split(' '),
);

/** What the failed call did: its syscall's kind, else the caller's word, else a write (most callers write). */
export function accessOf(error: NodeJS.ErrnoException | undefined, said?: FileAccess): FileAccess {
  if (error?.syscall && READING.has(error.syscall)) return 'read';
  if (error?.syscall && WRITING.has(error.syscall)) return 'write';
  return said ?? 'write';
}

/**
 * A refusal of rights: who may act depends on who runs (52b-16c: root was told to use sudo), and on what was refused.
 * Root reads past every mode bit (capabilities(7), CAP_DAC_READ_SEARCH): only a security module or a network file
 * system that maps root to nobody refuses it a read; an immutable file or a read-only mount refuses only writes.
 */
function rightsAdvice(path: string, access: FileAccess): string {
  const root = process.getuid?.() === 0;
  if (access === 'read')
    return root
      ? `root was refused too: check the security module's log for ${path} (SELinux, AppArmor) or a network file system that maps root to nobody (root_squash)`
      : `this user (uid ${process.getuid?.() ?? '?'}) may not read ${path}: make it readable for this user (chmod u+r, and u+x on each folder on the way), or run as its owner (sudo when root owns it)`;
  return root
    ? `root was refused too: check ${path} for an immutable file or folder (lsattr; chattr -i) or a read-only mount`
    : `this user (uid ${process.getuid?.() ?? '?'}) may not write to ${path}: make it writable for this user (chown, chmod u+w), or run as its owner (sudo when root owns it)`;
}

const ADVICE: Record<string, (path: string, access: FileAccess) => string> = {
  ENOSPC: () => 'free space on that file system, then run again',
  EDQUOT: () => 'free space within your quota on that file system, then run again',
  EROFS: () => 'that file system is mounted read-only: remount it read-write, or point the run at a writable folder',
  EACCES: rightsAdvice,
  EPERM: rightsAdvice,
  EINVAL: (path) => `${path} refuses files (a special file system such as /proc or /sys?): choose a regular folder`,
  EISDIR: (path) => `a folder stands at ${path} where a file belongs: move it away, then run again`,
  ENOTDIR: (path) => `a file stands on the way to ${path} where a folder belongs: move it away, or choose another folder`,
  ENAMETOOLONG: (path) => `${path} is longer than the file system allows: choose a shorter folder or name`,
  ELOOP: (path) => `symbolic links on the way to ${path} lead round in a loop: point one at a real folder`,
  EMFILE: () => 'this process may open no more files: raise its limit (ulimit -n), then run again',
  ENFILE: () => 'the system may open no more files: close some programs, then run again',
  EBUSY: (path) => `${path} is in use (a mount point, or a file another program holds): free it or choose another folder`,
  ETXTBSY: (path) => `${path} is a program that is running: stop it or choose another folder`,
  EXDEV: (path) => `${path} and the folder it moves to are on two file systems: keep both on one file system`,
  EIO: () => 'the device failed: check it (dmesg), then run again',
};

/**
 * A file gone, or already there: another program changed the folder during the run, and each caller says what then
 * (`new`: pick another name; synth: its rollback) with the path it knows.
 */
const CALLERS_WORD = new Set(['ENOENT', 'EEXIST', 'ENOTEMPTY']);

/**
 * The advice for `error`, after a colon, or a generic one for an errno without its own; '' for an error without one.
 * `path`: the file or folder to name (file-system.ts names a temporary file's folder, which the user knows); `access`:
 * whether the caller read or wrote, where the syscall does not tell (accessOf).
 */
export function errnoAdvice(error: NodeJS.ErrnoException | undefined, path = 'that file or folder', access?: FileAccess): string {
  if (!error?.code || CALLERS_WORD.has(error.code)) return '';
  const long = error.code === 'ENAMETOOLONG' ? longName(error.path) : undefined;
  if (long) return `: ${long}`;
  const advice = ADVICE[error.code];
  return `: ${advice ? advice(path, accessOf(error, access)) : `fix what the system reports for ${path} (man 3 errno: ${error.code}), then run again`}`;
}

/** NAME_MAX of Linux file systems (ext4, xfs, btrfs, tmpfs): the bytes of one name, whatever the whole path's length. */
const NAME_MAX = 255;

/**
 * 79c-7: the one name of `path` over NAME_MAX bytes, said by its start and size: the folder it stands in is fine, and
 * naming that folder (what file-system.ts names for a path not yet made) sent the user to the wrong place. Undefined
 * when no single name is too long (then the whole path is, PATH_MAX: the generic advice names it).
 */
function longName(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  const names = path.split('/');
  const index = names.findIndex((name) => Buffer.byteLength(name) > NAME_MAX);
  if (index < 0) return undefined;
  const name = names[index];
  // A control character in the name is shown as "?": the message is one line.
  const control = (char: string) => char.charCodeAt(0) < 0x20 || (char.charCodeAt(0) >= 0x7f && char.charCodeAt(0) <= 0x9f);
  const start = [...name]
    .slice(0, 24)
    .map((char) => (control(char) ? '?' : char))
    .join('');
  const folder = names.slice(0, index).join('/') || '/';
  return (
    `the name "${start}…" in ${folder.endsWith('/') ? folder : `${folder}/`} is ${Buffer.byteLength(name)} bytes, and a file system takes at most ` +
    `${NAME_MAX} in one name: choose a shorter name`
  );
}
