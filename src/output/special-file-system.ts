import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { printable } from '../core/problem';

/**
 * The kernel's own file systems, which show processes, devices and settings as files: no run may write its manifests
 * there, and reading them fails with bare errno lines (EINVAL from /proc/self, 70c-6). Magic numbers from Linux
 * include/uapi/linux/magic.h (torvalds/linux, v6.6).
 */
const SPECIAL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
]);

/** The type of the file system `path` is on, or of its nearest existing parent's (a folder a run would create). */
function fileSystemType(path: string): number | undefined {
  for (let current = path; ; current = dirname(current)) {
    try {
      return Number(statfsSync(current).type);
    } catch {
      if (dirname(current) === current) return undefined; // the run's own read or write then says what failed
    }
  }
}

/**
 * Why `folder` (or, when missing, the folder it would be created in) is no place for manifests, or undefined: the
 * refusal names it as the user wrote it (`named`: /proc/self, not the process's number it leads to) and what to do.
 */
export function specialFolderProblem(folder: string, variable: string, named = folder): string | undefined {
  const type = fileSystemType(folder);
  const name = type === undefined ? undefined : SPECIAL_FILE_SYSTEMS.get(type);
  return name === undefined
    ? undefined
    : `${printable(named)} is on the kernel's ${name} file system, not a folder of files: choose a regular folder for ${variable}`;
}
