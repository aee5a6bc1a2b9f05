import { posix } from 'node:path';
import { goTruthy } from './go-truth';
import { isTemplated } from './service-facts';
import { effectiveRunAs } from './run-as-root';
import { isMap } from '../core/is-map';

const EXAMPLE = 'traefik-helm-chart EXAMPLES.md "Running on privileged ports with host network"';

type Values = Readonly<Record<string, unknown>>;
const list = (node: Values, key: string): unknown[] =>
  Object.hasOwn(node, key) && Array.isArray(node[key]) ? (node[key] as unknown[]) : [];
const texts = (node: Values, key: string): string[] | undefined => {
  const given = list(node, key);
  return given.every((word) => typeof word === 'string') ? (given as string[]) : undefined;
};

/**
 * The binary Traefik's container runs: the chart sets only `args` (traefik/traefik-helm-chart templates/_podtemplate.tpl,
 * v20.1.1 to v41.3.0: no `command`), so the image's entrypoint runs; the traefik image's /entrypoint.sh puts `traefik` in
 * front of flags and execs it through PATH, and its Dockerfile unpacks the binary into /usr/local/bin
 * (traefik/traefik-library-image v3.7/alpine/Dockerfile and entrypoint.sh; K3s mirrors that image).
 */
const TRAEFIK_BINARY = '/usr/local/bin/traefik';

/** A folder or file path without `.`, `..`, doubled or trailing slashes. */
const normal = (path: string): string => posix.normalize(path).replace(/(.)\/+$/, '$1');

/** Where a file lies: the volume of the container's deepest mount above it, and its path inside that volume. */
function fileInVolume(mounts: readonly unknown[], file: string): { volume: string; inside: string; readOnly: boolean } | undefined {
  let best: { volume: string; inside: string; depth: number; readOnly: boolean } | undefined;
  for (const mount of mounts) {
    if (!isMap(mount) || typeof mount.name !== 'string' || typeof mount.mountPath !== 'string' || isTemplated(mount.mountPath)) continue;
    if (mount.subPathExpr !== undefined || (mount.subPath !== undefined && typeof mount.subPath !== 'string')) continue;
    const at = normal(mount.mountPath);
    const rest = file === at ? '' : at === '/' ? file.slice(1) : file.startsWith(`${at}/`) ? file.slice(at.length + 1) : undefined;
    if (rest === undefined || (best && best.depth >= at.length)) continue;
    const inside = normal(posix.join('/', typeof mount.subPath === 'string' ? mount.subPath : '', rest));
    best = { volume: mount.name, inside, depth: at.length, readOnly: mount.readOnly === true };
  }
  return best && { volume: best.volume, inside: best.inside, readOnly: best.readOnly };
}

/**
 * Whether a capability text gives cap_net_bind_service in the effective and permitted sets (libcap cap_from_text(3): a
 * comma-separated list of names, none meaning all, then actions `=`, `+` or `-` with flags e, i, p; a file capability
 * raises a process that is not root only with both).
 */
function grantsBindService(text: string): boolean {
  const clause = /^([a-z_,]*)((?:[=+-][eip]*)+)$/i.exec(text);
  if (!clause) return false;
  const names = clause[1].toLowerCase().split(',').filter(Boolean);
  if (names.length && !names.includes('cap_net_bind_service') && !names.includes('all')) return false;
  let flags = new Set<string>();
  for (const [, op, given] of clause[2].toLowerCase().matchAll(/([=+-])([eip]*)/g)) {
    if (op === '=') flags = new Set(given);
    else for (const flag of given) flags[op === '+' ? 'add' : 'delete'](flag);
  }
  return flags.has('e') && flags.has('p');
}

/**
 * The simple commands a container runs: its command and args, or the commands of a `sh -c` script (`&&`, `||`, `;`, `|`, lines).
 * A command right after `||` runs only when the one before fails: marked `conditional`.
 */
function commandLines(init: Values): Array<{ words: string[]; conditional: boolean }> {
  const argv = [...(texts(init, 'command') ?? [undefined]), ...(texts(init, 'args') ?? [undefined])];
  if (argv.some((word) => word === undefined)) return [];
  const words = argv as string[];
  const flag = words.findIndex((word, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(word));
  if (/^(\/usr)?(\/bin\/)?(sh|ash|bash|dash)$/.test(words[0] ?? '') && flag > 0 && typeof words[flag + 1] === 'string') {
    const parts = words[flag + 1].split(/(&&|\|\||[;|\n])/);
    return parts
      .flatMap((part, i) => {
        if (i % 2) return [];
        const line = part
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
        return [{ words: line, conditional: parts[i - 1] === '||' }];
      })
      .filter((line) => line.words.length);
  }
  return [{ words, conditional: false }];
}

/**
 * The files a container's commands leave with the capability to bind low ports: each `setcap [-q] <caps> <file> ...`
 * that runs whatever came before (not right after `||`), less the files a later `setcap -r` strips. `setcap -n <rootid>`
 * writes a namespaced (v3) file capability that the kernel honours only in a user namespace whose root is that id
 * (capabilities(7) "Namespaced file capabilities"; Kubernetes runs Traefik in none): it counts for nothing.
 */
function capableFiles(init: Values): string[] {
  const files = new Set<string>();
  for (const line of commandLines(init)) {
    const words = line.words[0] === 'exec' ? line.words.slice(1) : line.words;
    if (posix.basename(words[0] ?? '') !== 'setcap') continue;
    let i = 1;
    const options = new Set<string>();
    for (; /^-[qvnr]$/.test(words[i] ?? ''); i += words[i] === '-n' ? 2 : 1) options.add(words[i]);
    if (options.has('-r')) {
      for (const file of words.slice(i)) files.delete(normal(file));
      continue;
    }
    if (line.conditional || options.has('-v') || options.has('-n')) continue;
    for (; i + 1 < words.length; i += 2) if (grantsBindService(words[i]) && words[i + 1].startsWith('/')) files.add(normal(words[i + 1]));
  }
  return [...files];
}

/**
 * containerd's default capability set (its base OCI spec, as moby's oci/caps/defaults.go) holds SETFCAP; CRI's
 * WithCapabilities then adds all on `add: [ALL]`, none on `drop: [ALL]`, each name added, each name dropped.
 */
function setsFileCapabilities(security: Values): string | undefined {
  if (goTruthy(security.privileged)) return undefined;
  const capabilities = isMap(security.capabilities) ? security.capabilities : {};
  const names = (key: string) => list(capabilities, key).map((name) => String(name).toUpperCase());
  const [added, dropped] = [names('add'), names('drop')];
  if (dropped.includes('SETFCAP')) return 'its securityContext.capabilities.drop names SETFCAP';
  if (!added.includes('SETFCAP') && dropped.includes('ALL')) return 'its securityContext.capabilities.drop: [ALL] takes SETFCAP';
  return undefined;
}

/**
 * An init container (`deployment.initContainers`) that gives Traefik's binary the file capability, as
 * traefik-helm-chart EXAMPLES.md "Running on privileged ports with host network" (v41.3.0) does: it runs
 * `setcap cap_net_bind_service=+ep` (setcap itself, or in a `sh -c` script) on a file of a volume that Traefik's
 * container (`additionalVolumeMounts`) mounts so that the file is the binary it runs (TRAEFIK_BINARY), as root (its
 * runAsUser over the pod's `pod`, 0 or unset without runAsNonRoot: true) with SETFCAP, which setcap needs, through a
 * mount that is not readOnly. Traefik's container (`container`, as the chart renders it) must allow privilege escalation,
 * as that example sets (`allowPrivilegeEscalation: true`): else the kubelet sets no_new_privs, under which exec grants no
 * file capability beyond the permitted set the process already had (kernel Documentation/userspace-api/no_new_privs.rst,
 * capabilities(7)), and the image's /entrypoint.sh, which execs traefik, runs as a user that is not root with none.
 * Undefined when no init container names setcap; else whether one counts, and why the first that names it does not.
 */
export function setcapInitContainer(
  values: Values,
  pod: Values,
  container: Values,
): { counts: true } | { counts: false; why: string } | undefined {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const binary = fileInVolume(list(values, 'additionalVolumeMounts'), TRAEFIK_BINARY);
  const given = isMap(values.securityContext) && Object.hasOwn(values.securityContext, 'allowPrivilegeEscalation');
  const noNewPrivs =
    container.allowPrivilegeEscalation === false && !goTruthy(container.privileged)
      ? `Traefik's container has allowPrivilegeEscalation: false (${given ? 'securityContext' : "the chart's default securityContext"}), so the kubelet sets no_new_privs and the kernel grants the traefik binary no file capability (kernel Documentation/userspace-api/no_new_privs.rst): set securityContext.allowPrivilegeEscalation: true, as ${EXAMPLE} does`
      : undefined;
  let why: string | undefined;
  list(deployment, 'initContainers').forEach((init, i) => {
    if (
      !isMap(init) ||
      why === '' ||
      ![...list(init, 'command'), ...list(init, 'args')].some((w) => typeof w === 'string' && /setcap/.test(w))
    )
      return;
    const named = `deployment.initContainers[${i}]${typeof init.name === 'string' ? ` (${JSON.stringify(init.name)})` : ''}`;
    const files = capableFiles(init);
    const security = isMap(init.securityContext) ? init.securityContext : {};
    const { user, nonRoot } = effectiveRunAs(security, pod);
    const targets = files.map((file) => ({ file, at: fileInVolume(list(init, 'volumeMounts'), file) }));
    const reached = targets.filter(({ at }) => at && binary && at.volume === binary.volume && at.inside === binary.inside);
    const reaches = reached.some(({ at }) => !at?.readOnly);
    const problem = !files.length
      ? `${named} names setcap but runs no "setcap cap_net_bind_service=+ep <file>" this tool can read (setcap as the command, or a command of a sh -c script)`
      : reached.length && !reaches
        ? `${named} mounts the volume of ${JSON.stringify(reached[0].file)} with readOnly: true, so it cannot change the binary Traefik runs: drop readOnly from that mount`
        : !reaches
          ? `${named} runs setcap on ${targets.map(({ file }) => JSON.stringify(file)).join(', ')}, which is not the binary Traefik runs, ${TRAEFIK_BINARY} (the traefik image's entrypoint finds it there): mount the volume that holds it over ${posix.dirname(TRAEFIK_BINARY)} with additionalVolumeMounts`
          : nonRoot || (user !== 0 && user !== undefined)
            ? `${named} runs as ${nonRoot ? 'a user that is not root (runAsNonRoot: true)' : `user ${JSON.stringify(user)}`}, ${Object.hasOwn(security, 'runAsUser') || Object.hasOwn(security, 'runAsNonRoot') ? 'by its securityContext' : "by the pod's podSecurityContext"}, and only root sets a file capability: give it securityContext: {runAsUser: 0, runAsNonRoot: false}`
            : setsFileCapabilities(security)
              ? `${named} cannot set a file capability without SETFCAP, yet ${setsFileCapabilities(security)}`
              : noNewPrivs;
    if (!problem) why = '';
    else why ??= problem;
  });
  return why === undefined ? undefined : why === '' ? { counts: true } : { counts: false, why };
}
