import { goTruthy } from './go-truth';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/** Every capability of Linux 6.x (include/uapi/linux/capability.h, 0 to CAP_LAST_CAP): what `all` or no name means in a caps text. */
const ALL_CAPABILITIES =
  'CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE'.split(
    ' ',
  );
/** containerd's default capability set (oci/spec.go populateDefaultUnixSpec, as moby's oci/caps/defaults.go). */
const RUNTIME_DEFAULT =
  'CHOWN DAC_OVERRIDE FSETID FOWNER MKNOD NET_RAW SETGID SETUID SETFCAP SETPCAP NET_BIND_SERVICE SYS_CHROOT KILL AUDIT_WRITE'.split(' ');

/**
 * The capabilities a container may hold (its bounding set): containerd's CRI WithCapabilities starts from the default set,
 * takes all on `add: [ALL]`, none on `drop: [ALL]`, then adds each name added and removes each name dropped; privileged: all.
 */
function boundingSet(container: Values): Set<string> {
  if (goTruthy(container.privileged)) return new Set(ALL_CAPABILITIES);
  const capabilities = isMap(container.capabilities) ? container.capabilities : {};
  const names = (key: string) =>
    (Array.isArray(capabilities[key]) ? (capabilities[key] as unknown[]) : []).map((name) => String(name).toUpperCase());
  const [added, dropped] = [names('add'), names('drop')];
  let set = new Set(RUNTIME_DEFAULT);
  if (added.includes('ALL')) set = new Set(ALL_CAPABILITIES);
  if (dropped.includes('ALL')) set = new Set();
  for (const name of added) if (name !== 'ALL') set.add(name);
  for (const name of dropped) set.delete(name);
  return set;
}

/**
 * The capabilities of a setcap caps text's permitted set that lie beyond the container's bounding set, when the text also
 * sets the effective bit (libcap cap_from_text(3): names, none meaning all, then `=`, `+`, `-` with flags e, i, p). The
 * kernel refuses to exec such a binary: security/commoncap.c bprm_caps_from_vfs_caps, "insufficient to execute correctly"
 * (-EPERM when the file's permitted set holds a capability the new process cannot have and its effective bit is set).
 */
export function capabilitiesBeyond(text: string, container: Values): string[] {
  const clause = /^([a-z_,]*)((?:[=+-][eip]*)+)$/i.exec(text);
  if (!clause) return [];
  const given = clause[1].toUpperCase().split(',').filter(Boolean);
  const names = !given.length || given.includes('ALL') ? ALL_CAPABILITIES : given.map((name) => name.replace(/^CAP_/, ''));
  let flags = new Set<string>();
  for (const [, op, set] of clause[2].toLowerCase().matchAll(/([=+-])([eip]*)/g)) {
    if (op === '=') flags = new Set(set);
    else for (const flag of set) flags[op === '+' ? 'add' : 'delete'](flag);
  }
  if (!flags.has('e') || !flags.has('p')) return [];
  const bounding = boundingSet(container);
  // NET_BIND_SERVICE itself missing from the container is privileged-ports.ts' to tell (missingCapability).
  return names.filter((name) => !bounding.has(name) && name !== 'NET_BIND_SERVICE');
}

/** Why a setcap text cannot be exec'd in Traefik's container, naming the extra capabilities, else undefined. */
export function beyondBoundingProblem(named: string, text: string, file: string, container: Values): string | undefined {
  const extra = capabilitiesBeyond(text, container);
  if (!extra.length) return undefined;
  const capabilities = isMap(container.capabilities) ? container.capabilities : {};
  const shown = (key: string) => (Array.isArray(capabilities[key]) ? JSON.stringify(capabilities[key]) : 'unset');
  return (
    `${named} runs setcap ${JSON.stringify(text)} on ${JSON.stringify(file)}, whose permitted set holds ${extra.join(', ')} beyond what ` +
    `Traefik's container may hold (securityContext.capabilities.add: ${shown('add')}, drop: ${shown('drop')}), so the kernel refuses ` +
    `to exec the binary (security/commoncap.c: file capabilities "insufficient to execute correctly"): ` +
    `give it only cap_net_bind_service=+ep, or add those capabilities to securityContext.capabilities.add`
  );
}
