import { posix } from 'node:path';
import { goTruthy } from './go-truth';
import { isTemplated } from './service-facts';
import { effectiveRunAs } from './run-as-root';
import { isMap } from '../core/is-map';
import type { Word } from './shell-script';
import { containerRuns, FileState, Reader, scriptAt, simpleCommands } from './setcap-flow';
import { beyondBoundingProblem, capabilitiesBeyond } from './setcap-bounding';
import { aboveMount, changesFolder } from './setcap-paths';

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
 * A container's command and args as words; a word with `$(VAR)`, which the kubelet expands from the container's env
 * (Kubernetes docs "Define a command and arguments"), is one this tool does not know. Undefined without a command (the
 * image's entrypoint runs).
 */
function argvOf(init: Values): Word[] | undefined {
  const [command, args] = [texts(init, 'command'), texts(init, 'args')];
  if (!command || !Object.hasOwn(init, 'command') || !args) return undefined;
  const argv = [...command, ...args];
  // A script's `$(` is the shell reader's to see (shell-script.ts reads it as a word it does not know).
  const script = scriptAt(argv);
  return argv.map((word, i) => (i !== script && word.includes('$(') ? undefined : word));
}

/**
 * The files a container's setcap commands give the capability to bind low ports, wherever they stand in it
 * (`setcap [-q] <caps> <file> ...`; not `-v`, which only verifies, nor `-n <rootid>`: setcap-flow.ts); whether
 * they surely run and stay is setcap-flow.ts' to tell.
 */
function grantedFiles(init: Values): Map<string, string> {
  const argv = argvOf(init);
  const commands = (argv && simpleCommands(argv)) ?? [];
  const files = new Map<string, string>();
  for (const words of commands) {
    if (words[0] === undefined || posix.basename(words[0]) !== 'setcap') continue;
    let i = 1;
    const options = new Set<string>();
    for (; /^-[qvn]$/.test(words[i] ?? ''); i += words[i] === '-n' ? 2 : 1) options.add(words[i] as string);
    if (options.has('-v') || options.has('-n')) continue;
    for (; i + 1 < words.length; i += 2) {
      const [caps, file] = [words[i], words[i + 1]];
      if (caps !== undefined && file?.startsWith('/') && grantsBindService(caps)) files.set(normal(file), caps);
    }
  }
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
 * runAsUser over the pod's `pod`, 0 or unset without runAsNonRoot: true) with SETFCAP, which setcap needs, through a
 * mount that is not readOnly. Traefik's container (`container`, as the chart renders it) must allow privilege escalation,
 * as that example sets (`allowPrivilegeEscalation: true`): else the kubelet sets no_new_privs, under which exec grants no
 * file capability beyond the permitted set the process already had (kernel Documentation/userspace-api/no_new_privs.rst,
 * capabilities(7)), and the image's /entrypoint.sh, which execs traefik, runs as a user that is not root with none.
 * The capability must be there for sure when Traefik starts (attack 42b-5): the init containers are followed in the order
 * the kubelet runs them, each command of their scripts in turn (setcap-flow.ts), from the binary's volume as it starts (an
 * emptyDir is empty, so the binary must be copied in first); a later setcap that replaces the set, `setcap -r` or a write
 * of the file undoes it, and a container this tool cannot read that mounts the volume writable may.
 * Undefined when no init container names setcap; else whether one counts, and why not.
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
  const inits = list(deployment, 'initContainers');
  const named = (i: number) => {
    const init = inits[i];
    return `deployment.initContainers[${i}]${isMap(init) && typeof init.name === 'string' ? ` (${JSON.stringify(init.name)})` : ''}`;
  };
  let why: string | undefined;
  /** The init containers that can set the capability on the binary, with the path they name it by. */
  const able = new Map<number, string>();
  inits.forEach((init, i) => {
    if (!isMap(init) || ![...list(init, 'command'), ...list(init, 'args')].some((w) => typeof w === 'string' && /setcap/.test(w))) return;
    const granted = grantedFiles(init);
    const files = [...granted.keys()];
    const targets = files.map((file) => ({ file, at: fileInVolume(list(init, 'volumeMounts'), file) }));
    const reached = targets.filter(({ at }) => at && binary && at.volume === binary.volume && at.inside === binary.inside);
    const reaches = reached.some(({ at }) => !at?.readOnly);
    const problem = !files.length
      ? `${named(i)} names setcap but runs no "setcap cap_net_bind_service=+ep <file>" this tool can read (setcap as the command, or a command of a sh -c script)`
      : reached.length && !reaches
        ? `${named(i)} mounts the volume of ${JSON.stringify(reached[0].file)} with readOnly: true, so it cannot change the binary Traefik runs: drop readOnly from that mount`
        : !reaches
          ? `${named(i)} runs setcap on ${targets.map(({ file }) => JSON.stringify(file)).join(', ')}, which is not the binary Traefik runs, ${TRAEFIK_BINARY} (the traefik image's entrypoint finds it there): mount the volume that holds it over ${posix.dirname(TRAEFIK_BINARY)} with additionalVolumeMounts`
          : (reached.map(({ file }) => beyondBoundingProblem(named(i), granted.get(file) as string, file, container)).find(Boolean) ??
            rootProblem(init, pod, named(i)));
    if (problem) why ??= problem;
    else able.set(i, reached[0].file);
  });
  if (why === undefined && !able.size) return undefined;
  if (!able.size || !binary) return { counts: false, why: why as string };
  const flow = binaryFlow(values, inits, binary, pod, container);
  const sure = (i: number) => flow.after[i].length > 0 && flow.after[i].every((file) => file.capable === true);
  if (sure(inits.length - 1)) return noNewPrivs ? { counts: false, why: noNewPrivs } : { counts: true };
  const last = inits
    .map((_, i) => i)
    .filter(sure)
    .pop();
  if (last !== undefined) {
    const j = inits.findIndex((_, i) => i > last && !sure(i));
    const undoes = flow.unreadable.has(j)
      ? `mounts the volume of the traefik binary (${JSON.stringify(binary.volume)}) without readOnly and runs what this tool cannot read (no command, or a script beyond ;, &&, ||, |, ( ) and { }), so it may undo it`
      : flow.after[j].length
        ? 'may undo it: a setcap whose set lacks cap_net_bind_service=+ep (each setcap replaces the whole set), setcap -r, or any write of the file (cp onto it, a > redirection) leaves the binary without it'
        : 'never ends in success as this tool reads its commands';
    return {
      counts: false,
      why: `${named(j)} runs after ${named(last)}, which gives the binary the file capability, and ${undoes}: make the setcap the last step that touches the binary`,
    };
  }
  const first = Math.min(...able.keys());
  const file = able.get(first) as string;
  const ready = flow.after[first - 1] ?? [flow.start];
  if (ready.every((state) => state.exists === false) && !flow.after[first].length && flow.runsOnCopy(first))
    return {
      counts: false,
      why: `${named(first)} runs setcap on ${JSON.stringify(file)}, but nothing copies the traefik binary there before (volume ${JSON.stringify(binary.volume)} is an emptyDir, which starts empty, and setcap fails on a missing file): copy it first, e.g. cp ${TRAEFIK_BINARY} ${file} && setcap cap_net_bind_service=+ep ${file}`,
    };
  return {
    counts: false,
    why:
      `${named(first)} names setcap but runs no "setcap cap_net_bind_service=+ep <file>" this tool can read as surely run and kept ` +
      '(it reads the commands of a sh -c script in order: a setcap after exit, after a failing command under set -e, after a command ' +
      'that surely fails and &&, after ||, or in a # comment does not surely run, and a later setcap whose set lacks ' +
      'cap_net_bind_service=+ep, setcap -r or a write of the file undoes it)' +
      (flow.after[first].length ? '' : ', and no run of it ends in success'),
  };
}

/** Why an init container cannot set a file capability (not root, or no SETFCAP), else undefined. */
function rootProblem(init: Values, pod: Values, named: string): string | undefined {
  const security = isMap(init.securityContext) ? init.securityContext : {};
  const { user, nonRoot } = effectiveRunAs(security, pod);
  if (nonRoot || (user !== 0 && user !== undefined))
    return `${named} runs as ${nonRoot ? 'a user that is not root (runAsNonRoot: true)' : `user ${JSON.stringify(user)}`}, ${Object.hasOwn(security, 'runAsUser') || Object.hasOwn(security, 'runAsNonRoot') ? 'by its securityContext' : "by the pod's podSecurityContext"}, and only root sets a file capability: give it securityContext: {runAsUser: 0, runAsNonRoot: false}`;
  const setfcap = setsFileCapabilities(security);
  return setfcap ? `${named} cannot set a file capability without SETFCAP, yet ${setfcap}` : undefined;
}

/**
 * The states of Traefik's binary after each init container, in the order the kubelet runs them (only runs that end in
 * success go on): an emptyDir starts empty (Kubernetes docs "Volumes": "initially empty"), another volume as unknown. A
 * container that mounts the binary's volume without readOnly and runs what this tool cannot read may do anything to it.
 */
function binaryFlow(values: Values, inits: readonly unknown[], binary: { volume: string; inside: string }, pod: Values, container: Values) {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const volume = list(deployment, 'additionalVolumes').find((v) => isMap(v) && v.name === binary.volume);
  const start: FileState =
    isMap(volume) && isMap(volume.emptyDir) ? { exists: false, capable: false } : { exists: undefined, capable: undefined };
  const unreadable = new Set<number>();
  const readers = inits.map((init) => (isMap(init) ? readerOf(init, binary, pod, container) : undefined));
  const after: FileState[][] = [];
  let states: FileState[] = [start];
  readers.forEach((reader, i) => {
    const init = inits[i] as Values;
    if (reader) {
      const argv = argvOf(init);
      const runs = argv && containerRuns(argv, reader, states);
      if (!runs) unreadable.add(i);
      states = runs ?? [{ exists: undefined, capable: undefined }];
    }
    after.push(states);
  });
  /** Whether container `i` would end with the capability if the binary were already there. */
  const runsOnCopy = (i: number) => {
    const argv = argvOf(inits[i] as Values);
    const reader = readers[i];
    const runs = argv && reader && containerRuns(argv, reader, [{ exists: true, capable: false }]);
    return !!runs?.length && runs.every((file) => file.capable === true);
  };
  return { start, after, unreadable, runsOnCopy };
}

/** How container `init` may touch the binary; undefined when it mounts the binary's volume only readOnly or not at all. */
function readerOf(init: Values, binary: { volume: string; inside: string }, pod: Values, container: Values): Reader | undefined {
  const mounts = list(init, 'volumeMounts');
  const writable = mounts.some((m) => isMap(m) && m.name === binary.volume && m.readOnly !== true);
  if (!writable) return undefined;
  const locate = (path: string): 'file' | 'parent' | 'other' => {
    const at = fileInVolume(mounts, normal(path));
    if (at && at.volume === binary.volume && !at.readOnly) {
      if (at.inside === binary.inside) return 'file';
      if (binary.inside.startsWith(at.inside === '/' ? '/' : `${at.inside}/`)) return 'parent';
    }
    return aboveMount(mounts, binary, normal(path)) ? 'parent' : 'other';
  };
  // Relative words resolve against workingDir, else the image's WORKDIR (`/` in the traefik image); after a cd, anywhere.
  const argv = argvOf(init);
  const workingDir = changesFolder(argv && simpleCommands(argv))
    ? undefined
    : typeof init.workingDir === 'string' && init.workingDir.startsWith('/')
      ? init.workingDir
      : '/';
  // A setcap whose permitted set lies beyond Traefik's bounding set leaves a binary the kernel refuses to exec (setcap-bounding.ts).
  const grants = (text: string) => grantsBindService(text) && !capabilitiesBeyond(text, container).length;
  return { locate, canSetcap: !rootProblem(init, pod, ''), grants, workingDir };
}
