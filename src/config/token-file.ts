import { looksGenerated } from '../core/generated-runs';
import type { FormatCheck } from './formats';

/**
 * Where `k3s.tokenFile` may point: the runbook writes the cluster token there with `openssl rand > file`
 * on every node, so the path must name a file of its own, in a folder made for it.
 */

/** Files and folders of K3s the runbook writes or K3s reads as config or manifests: never the token file. */
const K3S_OWN_PATHS: ReadonlyArray<{ path: string; folder: boolean; why: string }> = [
  { path: '/etc/rancher/k3s/config.yaml', folder: false, why: "is the node's K3s config file, which the runbook writes" },
  { path: '/etc/rancher/k3s/config.yaml.d', folder: true, why: "lies in K3s' config drop-in folder, whose files K3s reads as config" },
  { path: '/etc/rancher/k3s/k3s.yaml', folder: false, why: "is K3s' kubeconfig, which K3s writes itself" },
  { path: '/etc/rancher/k3s/registries.yaml', folder: false, why: "is K3s' registry config, which K3s reads at start" },
  { path: '/etc/rancher/node', folder: true, why: "lies in K3s' node-password folder, which K3s manages" },
  {
    path: '/var/lib/rancher/k3s/server/manifests',
    folder: true,
    why: "lies in K3s' manifests folder, whose files K3s applies to the cluster",
  },
  { path: '/var/lib/rancher/k3s/server/token', folder: false, why: "is K3s' own token file, which K3s writes itself" },
  { path: '/var/lib/rancher/k3s', folder: true, why: "lies in K3s' data folder, which K3s manages" },
];

/**
 * The system's own places, where the runbook's `openssl rand > file` would overwrite a system file or
 * write into a kernel interface, among programs, or where every user can write and boot empties.
 */
const SYSTEM_PATHS: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /^\/(dev|proc|sys)(\/|$)/, why: "lies in one of the kernel's virtual file systems (/dev, /proc, /sys)" },
  { pattern: /^\/boot(\/|$)/, why: "lies in the boot loader's folder (/boot)" },
  {
    pattern: /^\/(usr|bin|sbin|lib|lib32|lib64|libx32)(\/|$)/,
    why: 'lies among installed programs and libraries (/usr, /bin, /sbin, /lib*)',
  },
  {
    pattern: /^\/etc\/((passwd|shadow|group|gshadow)-?|sudoers[^/]*)(\/|$)/,
    why: "is one of the system's account or sudo files (/etc/passwd, /etc/shadow, /etc/group, /etc/sudoers)",
  },
  { pattern: /^\/etc\/systemd(\/|$)/, why: "lies in systemd's configuration (/etc/systemd), which starts K3s" },
  { pattern: /^\/(tmp|var\/tmp)(\/|$)/, why: 'lies in a folder every user can write to and the system empties (/tmp, /var/tmp)' },
  // /run is a tmpfs emptied at every boot (/var/run links to it); /run/lock (and /var/lock, which links
  // to it) and /dev/shm are also writable by every user: after a reboot the token file is gone.
  {
    pattern: /^\/(run|var\/run|var\/lock)(\/|$)/,
    why: 'lies in a folder the system empties at every boot, some of it writable by every user (/run, /var/run, /run/lock, /var/lock)',
  },
];

/**
 * An absolute path the runbook writes the token to (quoted): a file of its own, in a folder made for it
 * (neither K3s' own files nor the system's). The value is never echoed: it may be a
 * pasted token; the messages name the rule instead.
 */
export const tokenFilePath: FormatCheck = (value) => {
  const example = 'e.g. "/etc/rancher/k3s/cluster-token"';
  if (!value.startsWith('/')) return `is not an absolute path: name the file that holds the token on every node, ${example}`;
  if (!/^[A-Za-z0-9._/-]+$/.test(value) || value.split('/').some((part) => part === '..')) {
    return `may hold only letters, digits, ".", "_", "-" and "/" (no ".." parts): ${example}`;
  }
  // A file or folder name that looks generated is the token pasted into the path (58a-8): refused as the secret itself,
  // never quoted, before any rule that would echo a part of the path (README "Guarantees": `k3s.tokenFile`).
  if (value.split('/').some((part) => looksGenerated(part))) return GENERATED;
  if (value.endsWith('/')) return `ends with "/", so it names a folder: name the file that holds the token, ${example}`;
  // `/etc//rancher/./k3s` is `/etc/rancher/k3s` to the kernel.
  const normal = `/${value
    .split('/')
    .filter((part) => part && part !== '.')
    .join('/')}`;
  // A file of K3s' own, anything inside one, or inside one of its folders.
  const own = K3S_OWN_PATHS.find(({ path }) => normal === path || normal.startsWith(`${path}/`));
  if (own)
    return `${own.why} (${own.path}${own.folder ? '/' : ''}): the runbook writes the token there; name a file of its own, ${example}`;
  const system = SYSTEM_PATHS.find(({ pattern }) => pattern.test(normal));
  if (system) return `${system.why}: the token file needs a folder made for it, ${example}`;
  if (normal.split('/').filter(Boolean).length < 2) {
    return `names a top-level folder or a file directly in /: the token file needs a folder made for it, ${example}`;
  }
  // A folder that holds K3s' files (/etc/rancher/k3s, which the runbook creates): the token file would be that folder.
  const holder = K3S_OWN_PATHS.find(({ path }) => path.startsWith(`${normal}/`));
  if (holder)
    return `names the folder ${normal}/, which holds K3s' own files (${holder.path}): name a file of its own inside it, ${example}`;
  return madeForTheToken(normal) ? undefined : `${NOT_MADE_FOR_IT}: the token file needs a folder made for it, ${example}`;
};

/**
 * The allow-shape, after the deny rules above: a deny list cannot know every file a system keeps (/etc/fstab,
 * /etc/hosts, /etc/ssh/sshd_config, ~/.ssh/authorized_keys, /etc/crontab, ...), so the path must show it was
 * made for the token. Hidden files and folders (`.ssh`, `.bashrc`) never are: they hold shell, SSH and tool
 * config. Beyond that it lies under K3s' config home `/etc/rancher/`, in a home folder (`/root/...`,
 * `/home/<user>/...`, which belong to one person), or in a folder whose name says what it holds (one of the
 * folders of the path names `k3s`, `rancher` or `token`: `/etc/k3s-token/token`, `/opt/k3s/token`).
 */
function madeForTheToken(normal: string): boolean {
  const parts = normal.split('/').filter(Boolean);
  if (parts.some((part) => part.startsWith('.'))) return false;
  if (parts[0] === 'root' || (parts[0] === 'home' && parts.length >= 3)) return true;
  return parts.slice(0, -1).some((folder) => /k3s|rancher|token/i.test(folder));
}

const NOT_MADE_FOR_IT =
  'is not in a folder made for the token (the runbook overwrites the file, so it must be no file the system keeps): ' +
  'put it under /etc/rancher/, in a folder named for it (its name holding "k3s", "rancher" or "token", e.g. /etc/k3s-token/), ' +
  'or in a home folder outside hidden folders';

const GENERATED =
  'names a file or folder that looks generated (12 or more letters and digits mixed), as a token does, not chosen as a ' +
  "file's name is (the value is not shown: the token may have been pasted here): name the file that holds the token, " +
  'e.g. "/etc/rancher/k3s/cluster-token", and never write the token itself into the config';
