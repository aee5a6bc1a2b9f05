import { posix } from 'node:path';
import { goTruthy } from './go-truth';
import { isTemplated } from './service-facts';
import { isMap } from '../core/is-map';

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
function fileInVolume(mounts: readonly unknown[], file: string): { volume: string; inside: string } | undefined {
  let best: { volume: string; inside: string; depth: number } | undefined;
  for (const mount of mounts) {
    if (!isMap(mount) || typeof mount.name !== 'string' || typeof mount.mountPath !== 'string' || isTemplated(mount.mountPath)) continue;
    if (mount.subPathExpr !== undefined || (mount.subPath !== undefined && typeof mount.subPath !== 'string')) continue;
    const at = normal(mount.mountPath);
    const rest = file === at ? '' : at === '/' ? file.slice(1) : file.startsWith(`${at}/`) ? file.slice(at.length + 1) : undefined;
    if (rest === undefined || (best && best.depth >= at.length)) continue;
    const inside = normal(posix.join('/', typeof mount.subPath === 'string' ? mount.subPath : '', rest));
    best = { volume: mount.name, inside, depth: at.length };
  }
  return best && { volume: best.volume, inside: best.inside };
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

/** The simple commands a container runs: its command and args, or the commands of a `sh -c` script (`&&`, `||`, `;`, `|`, lines). */
function commandLines(init: Values): string[][] {
  const argv = [...(texts(init, 'command') ?? [undefined]), ...(texts(init, 'args') ?? [undefined])];
  if (argv.some((word) => word === undefined)) return [];
  const words = argv as string[];
  const flag = words.findIndex((word, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(word));
  if (/^(\/usr)?(\/bin\/)?(sh|ash|bash|dash)$/.test(words[0] ?? '') && flag > 0 && typeof words[flag + 1] === 'string') {
    return words[flag + 1]
      .split(/&&|\|\||[;|\n]/)
      .map((part) =>
        part
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map((word) => word.replace(/^(['"])(.*)\1$/, '$2')),
      )
      .filter((line) => line.length);
  }
  return [words];
}

/** The files one command line gives the capability to bind low ports: `setcap [-q] [-n rootid] <caps> <file> ...`. */
function setcapFiles(line: readonly string[]): string[] {
  const words = line[0] === 'exec' ? line.slice(1) : line;
  if (posix.basename(words[0] ?? '') !== 'setcap') return [];
  let i = 1;
  for (; words[i] === '-q' || words[i] === '-n' || words[i] === '-v'; i += words[i] === '-n' ? 2 : 1) if (words[i] === '-v') return [];
  const files: string[] = [];
  for (; i + 1 < words.length; i += 2) if (grantsBindService(words[i]) && words[i + 1].startsWith('/')) files.push(normal(words[i + 1]));
  return files;
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
 * runAsUser over the pod's `pod`, 0 or unset without runAsNonRoot: true) with SETFCAP, which setcap needs. Undefined
 * when no init container names setcap; else whether one counts, and why the first that names it does not.
 */
export function setcapInitContainer(values: Values, pod: Values): { counts: true } | { counts: false; why: string } | undefined {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const binary = fileInVolume(list(values, 'additionalVolumeMounts'), TRAEFIK_BINARY);
  let why: string | undefined;
  list(deployment, 'initContainers').forEach((init, i) => {
    if (
      !isMap(init) ||
      why === '' ||
      ![...list(init, 'command'), ...list(init, 'args')].some((w) => typeof w === 'string' && /setcap/.test(w))
    )
      return;
    const named = `deployment.initContainers[${i}]${typeof init.name === 'string' ? ` (${JSON.stringify(init.name)})` : ''}`;
    const files = commandLines(init).flatMap(setcapFiles);
    const security = isMap(init.securityContext) ? init.securityContext : {};
    const field = (name: string) => (Object.hasOwn(security, name) ? security[name] : pod[name]);
    const [user, nonRoot] = [field('runAsUser'), field('runAsNonRoot') === true];
    const targets = files.map((file) => ({ file, at: fileInVolume(list(init, 'volumeMounts'), file) }));
    const reaches = targets.some(({ at }) => at && binary && at.volume === binary.volume && at.inside === binary.inside);
    const problem = !files.length
      ? `${named} names setcap but runs no "setcap cap_net_bind_service=+ep <file>" this tool can read (setcap as the command, or a command of a sh -c script)`
      : !reaches
        ? `${named} runs setcap on ${targets.map(({ file }) => JSON.stringify(file)).join(', ')}, which is not the binary Traefik runs, ${TRAEFIK_BINARY} (the traefik image's entrypoint finds it there): mount the volume that holds it over ${posix.dirname(TRAEFIK_BINARY)} with additionalVolumeMounts`
        : nonRoot || (user !== 0 && user !== undefined)
          ? `${named} runs as ${nonRoot ? 'a user that is not root (runAsNonRoot: true)' : `user ${JSON.stringify(user)}`}, ${Object.hasOwn(security, 'runAsUser') || Object.hasOwn(security, 'runAsNonRoot') ? 'by its securityContext' : "by the pod's podSecurityContext"}, and only root sets a file capability: give it securityContext: {runAsUser: 0, runAsNonRoot: false}`
          : setsFileCapabilities(security)
            ? `${named} cannot set a file capability without SETFCAP, yet ${setsFileCapabilities(security)}`
            : undefined;
    if (!problem) why = '';
    else why ??= problem;
  });
  return why === undefined ? undefined : why === '' ? { counts: true } : { counts: false, why };
}
