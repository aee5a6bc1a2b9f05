import { posix } from 'node:path';
import { isMap } from '../core/is-map';
import type { Word } from './shell-script';

/**
 * Whether `path` (normalized, absolute) is a folder above a writable mount point of the binary's volume through which the
 * binary is reached (the mount of its file by subPath, or of a folder above it): the kubelet makes the mount point's
 * folders, so a copy into `path` that lands on the mount point lands on the binary (attack 43b-4: `cp X /x` where /x/traefik
 * is the mounted file).
 */
export function aboveMount(mounts: readonly unknown[], binary: { volume: string; inside: string }, path: string): boolean {
  return mounts.some((mount) => {
    if (!isMap(mount) || mount.name !== binary.volume || mount.readOnly === true || typeof mount.mountPath !== 'string') return false;
    if (mount.subPathExpr !== undefined || (mount.subPath !== undefined && typeof mount.subPath !== 'string')) return false;
    const inside = posix.normalize(posix.join('/', typeof mount.subPath === 'string' ? mount.subPath : '')).replace(/(.)\/+$/, '$1');
    const reaches = inside === binary.inside || binary.inside.startsWith(inside === '/' ? '/' : `${inside}/`);
    const at = posix.normalize(mount.mountPath).replace(/(.)\/+$/, '$1');
    return reaches && at !== path && at.startsWith(path === '/' ? '/' : `${path}/`);
  });
}

/** Whether a container's commands change folder (cd, pushd): after that, a relative word may name any file. */
export function changesFolder(commands: readonly Word[][] | undefined): boolean {
  return !!commands?.some((words) => words[0] === undefined || /^(cd|pushd)$/.test(posix.basename(words[0])));
}

/**
 * The paths a word may hold besides itself (attack 43b-3): after an `=` (`of=/x`, `--output=/x`), a `:`, `,` or `@`
 * (`host:/x`), or an option's letters (`-O/x`).
 */
export function embeddedPaths(word: string): string[] {
  const found: string[] = [];
  const equals = word.indexOf('=');
  if (equals >= 0 && equals + 1 < word.length) found.push(word.slice(equals + 1));
  for (let k = 1; k < word.length; k++)
    if (word[k] === '/' && (/[=:,@]/.test(word[k - 1]) || /^-{1,2}[A-Za-z0-9-]*$/.test(word.slice(0, k)))) found.push(word.slice(k));
  return found;
}
