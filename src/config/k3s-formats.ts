import { parseCidr, parseIp, reservedUse } from '../net/ip';
import { parseK3sVersion } from '../semver';
import { FormatCheck, oddSpellingProblem } from './formats';

/** Format rules of the K3s node inventory: release tags, the token file, node addresses. */

/** `v1.33.5+k3s1`, as K3s tags its releases (github.com/k3s-io/k3s/releases). */
export const k3sVersion: FormatCheck = (value) =>
  parseK3sVersion(value) ? undefined : `${JSON.stringify(value)} is not a K3s release: expected a tag such as "v1.33.5+k3s1"`;

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
 * An absolute path the runbook writes the token to (quoted). The value is never echoed: it may be a
 * pasted token; the messages name the rule instead.
 */
export const tokenFilePath: FormatCheck = (value) => {
  const example = 'e.g. "/etc/rancher/k3s/cluster-token"';
  if (!value.startsWith('/')) return `is not an absolute path: name the file that holds the token on every node, ${example}`;
  if (!/^[A-Za-z0-9._/-]+$/.test(value) || value.split('/').some((part) => part === '..')) {
    return `may hold only letters, digits, ".", "_", "-" and "/" (no ".." parts): ${example}`;
  }
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
  // A folder that holds K3s' files (/etc/rancher/k3s, which the runbook creates): the token file would be that folder.
  const holder = K3S_OWN_PATHS.find(({ path }) => path.startsWith(`${normal}/`));
  return holder && `names the folder ${normal}/, which holds K3s' own files (${holder.path}): name a file of its own inside it, ${example}`;
};

/** A node's own address (K3s node-ip): one unicast address, in its one spelling. */
export const nodeAddress: FormatCheck = (value) => {
  const odd = oddSpellingProblem(value, value);
  if (odd) return odd;
  const ip = parseIp(value);
  if (!ip) {
    const bare = value.split('/')[0];
    return parseCidr(value)
      ? `${JSON.stringify(value)} has a prefix length: write the node's address alone, "${bare}"`
      : `${JSON.stringify(value)} is not an IP address: expected the node's own address, e.g. "192.168.0.11"`;
  }
  const reserved = reservedUse(ip);
  return reserved ? `${JSON.stringify(value)} is ${reserved}; a node address is its unicast address on the LAN` : undefined;
};
