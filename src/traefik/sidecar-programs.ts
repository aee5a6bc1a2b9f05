import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { containerProgram } from './extra-workload-programs';

type Values = Readonly<Record<string, unknown>>;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const programName = (word: string | undefined): string => word?.split('/').pop() ?? '';

/** Traefik's subcommands that start no proxy (traefik/traefik cmd/traefik: `version`, `healthcheck`). */
const NO_PROXY_SUBCOMMANDS = new Set(['version', 'healthcheck']);

/**
 * Programs that run the command after their own options (`nice -n 5 traefik`, `env A=b traefik`, `tini -- traefik`,
 * 84a-18); `gosu`/`su-exec` take a user first; `busybox` runs its first argument as an applet (`busybox nice traefik`).
 */
const WRAPPERS = new Set([
  'nice',
  'env',
  'nohup',
  'timeout',
  'setsid',
  'stdbuf',
  'ionice',
  'chrt',
  'taskset',
  'tini',
  'dumb-init',
  'catatonit',
  'time',
]);
const USER_WRAPPERS = new Set(['gosu', 'su-exec']);
const SHELL = /^(ba|da|a)?sh$/;

/**
 * Where a shell's `-c` script starts among its words (`sh -c`, `sh -ec`, `bash -eo pipefail -c`, `bash --norc -lc`,
 * `sh -c -- script`; an option cluster ending in `o` takes the next word), or undefined when it runs no `-c` script (a
 * script file).
 */
function scriptStart(words: readonly string[]): number | undefined {
  let script = false;
  let i = 1;
  for (; i < words.length && /^[-+]/.test(words[i]); i += 1) {
    if (words[i] === '--') return script ? i + 1 : undefined;
    if (/^-[a-z]*c[a-z]*$/i.test(words[i])) script = true;
    if (/^[-+][a-z]*o$/i.test(words[i])) i += 1;
  }
  return script ? i : undefined;
}

/** A simple command's words from the program it runs: wrappers, busybox applets and `-c` shells read through. */
function programWords(words: readonly string[]): string[] {
  let rest = [...words];
  for (;;) {
    const program = programName(rest[0]);
    const script = SHELL.test(program) ? scriptStart(rest) : undefined;
    if (program === 'busybox') rest = rest.slice(1);
    else if (USER_WRAPPERS.has(program)) rest = rest.slice(2);
    else if (script !== undefined) rest = rest.slice(script);
    else if (WRAPPERS.has(program)) {
      rest = rest.slice(1);
      while (rest.length && (rest[0].startsWith('-') || rest[0].includes('=') || /^\d+(\.\d+)?[smhd]?$/.test(rest[0])))
        rest = rest.slice(1);
    } else return rest;
  }
}

/**
 * Whether a command line runs Traefik as a proxy: split into simple commands at `;`, `&&`, `||`, `|`, `&`, newlines,
 * parentheses, backquotes and `$(`, each read from the program it runs (`exec` and the image's entrypoint.sh skipped).
 * Through a Traefik image's entrypoint (`viaEntrypoint`), a first word that is a flag runs `traefik <flags>`.
 */
function runsTraefik(line: readonly string[], viaEntrypoint: boolean): boolean {
  return line
    .join(' ')
    .split(/&&|\|\||[;|&\n()`]|\$\(/)
    .some((simple, n) => {
      const words = simple
        .trim()
        .split(/\s+/)
        .map((word) => word.replace(/^["']+|["']+$/g, ''))
        .filter((word) => word !== '' && word !== 'exec' && !/(^|\/)entrypoint\.sh$/.test(word));
      const [first, next] = programWords(words);
      if (first === undefined) return false;
      if (first.startsWith('-')) return viaEntrypoint && n === 0;
      return programName(first) === 'traefik' && (next === undefined || !NO_PROXY_SUBCOMMANDS.has(next));
    });
}

/**
 * The kubelet's `$(NAME)` expansion (kubernetes third_party/forked/golang/expansion/expand.go, v1.32): `$$` is a `$`, a
 * name the map lacks stays as written.
 */
const expand = (word: string, env: ReadonlyMap<string, string>): string =>
  word.replace(/\$(?:\$|\(([^)]*)\))/g, (whole, name?: string) => (name === undefined ? '$' : (env.get(name) ?? whole)));

/**
 * The container's literal env as the kubelet expands with it (kubernetes pkg/kubelet/kubelet_pods.go and
 * pkg/kubelet/container/helpers.go, v1.32): `command`/`args` with each value expanded from the entries before it
 * (`resolved`; a `valueFrom` one is not known here, so its reference stays), exec probes with the values as written
 * (ExpandContainerCommandOnlyStatic; a `valueFrom` entry is empty there).
 */
function literalEnv(container: Values, resolved: boolean): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of Array.isArray(container.env) ? container.env : []) {
    if (!isMap(entry) || typeof entry.name !== 'string') continue;
    const value = typeof entry.value === 'string' ? entry.value : '';
    if (!resolved) env.set(entry.name, value);
    else if (entry.valueFrom === undefined) env.set(entry.name, expand(value, env));
    else env.delete(entry.name);
  }
  return env;
}

/** The exec hooks and probes the kubelet runs inside a container, by their key path below it. */
const EXEC_HANDLERS = [
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
] as const;

/**
 * The key path (below the container) of the first exec hook or probe that starts Traefik. Probes' commands are expanded
 * as the kubelet does (pkg/kubelet/prober/prober.go), hooks' are run as written (pkg/kubelet/lifecycle/handlers.go).
 */
function traefikHandler(container: Values): string[] | undefined {
  const probeEnv = literalEnv(container, false);
  for (const at of EXEC_HANDLERS) {
    const handler = at.reduce<unknown>((value, key) => (isMap(value) ? value[key] : undefined), container);
    const command = isMap(handler) && isMap(handler.exec) ? strings(handler.exec.command) : [];
    const line = at[0] === 'lifecycle' ? command : command.map((word) => expand(word, probeEnv));
    if (runsTraefik(line, false)) return [...at, 'exec', 'command'];
  }
  return undefined;
}

/**
 * Whether a container's own command line starts Traefik. A Traefik image's ENTRYPOINT is /entrypoint.sh with CMD
 * `traefik` (traefik/traefik-library-image v3.x entrypoint.sh): a first argument that is a flag (`--providers...`) or a
 * Traefik subcommand runs Traefik, any other command runs as written (`cp /usr/local/bin/traefik /shared`, the chart's
 * EXAMPLES.md init container that copies the binary). Another image's entrypoint is not known: only its `command` is read.
 */
function commandStartsTraefik(container: Values, traefikImage: boolean): boolean {
  if (container.command === undefined && !traefikImage) return false;
  const env = literalEnv(container, true);
  const command = strings(container.command).map((word) => expand(word, env));
  const args = strings(container.args).map((word) => expand(word, env));
  const line = container.command === undefined ? (args.length ? args : ['traefik']) : [...command, ...args];
  const viaEntrypoint = traefikImage && (container.command === undefined || /(^|\/)entrypoint\.sh$/.test(command[0] ?? ''));
  return runsTraefik(line, viaEntrypoint);
}

/**
 * Whether a container kept running beside Traefik (a sidecar, or a native one: an init container with `restartPolicy:
 * Always`) rather than an init container that ends before Traefik starts.
 */
const keptRunning = (list: string, container: Values): boolean => list === 'additionalContainers' || container.restartPolicy === 'Always';

/**
 * What of a container starts a second Traefik, as the key path below it (`image` when the container itself is one).
 * A Traefik image kept running in Traefik's pods is one whatever its command (85a-2): its command, exec hooks and probes
 * all run inside that image, and nothing realistic runs it as a sidecar but a second Traefik. A plain init container of a
 * Traefik image, and a container of another image (a copied `traefik` binary, 83a-6, 84a-18), are read for one in their
 * command line, exec hooks and probes (85a-8).
 */
function secondTraefik(list: string, container: Values, traefikImage: boolean): string[] | undefined {
  if ((traefikImage && keptRunning(list, container)) || commandStartsTraefik(container, traefikImage)) return ['image'];
  return traefikHandler(container);
}

/**
 * 82a-15: the programs the takeover table refuses in an `extraObjects` workload (extra-object-takeovers.ts) among the user's
 * containers of Traefik's own pods (`deployment.additionalContainers` and `initContainers`, rendered as written by the
 * chart's templates/_podtemplate.tpl): a second Traefik and a VIP announcer. There they run with Traefik's ServiceAccount
 * and flags no rule judges. A deploying command is left alone: Traefik's ServiceAccount may create nothing.
 */
export function sidecarProgramProblems(values: Values, prefix: Path): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const instead = prefix.length ? 'change Traefik through the traefik keys' : 'change Traefik through the TraefikHelmChartConfig props';
  return ['additionalContainers', 'initContainers'].flatMap((list) =>
    (Array.isArray(deployment[list]) ? deployment[list] : []).flatMap((container: unknown, i: number): Problem[] => {
      if (!isMap(container)) return [];
      const at = [...prefix, 'values', 'deployment', list, i];
      const found = containerProgram(container);
      const image = JSON.stringify(container.image);
      if (found?.program === 'announcer')
        return [
          {
            path: [...at, 'image'],
            message:
              `is ${image} in Traefik's own pods (deployment.${list}), which announces addresses beside kube-vip ` +
              `(a second owner of this cluster's VIPs): ${prefix.length ? 'declare every VIP in kubeVip and loadBalancers[]' : 'declare every VIP through a KubeVipChart and LoadBalancerService constructs'}, and run no second announcer`,
          },
        ];
      const traefikImage = found?.program === 'traefik';
      const where = secondTraefik(list, container, traefikImage);
      if (!where) return [];
      const outside = `with flags and a service account outside this tool's Traefik rules (it may serve the generated Ingresses too): ${instead}`;
      if (where[0] !== 'image')
        return [{ path: [...at, ...where], message: `starts a second Traefik in Traefik's own pods (deployment.${list}), ${outside}` }];
      const kept = traefikImage && keptRunning(list, container);
      const message = kept
        ? `is ${image} in Traefik's own pods (deployment.${list}), which runs a second Traefik (a Traefik image that keeps running ` +
          `beside Traefik, whatever its command, hooks or probes), ${outside}, and use a Traefik image only in a plain init ` +
          'container, one that copies its binary and ends'
        : `is ${image} in Traefik's own pods (deployment.${list}), which runs a second Traefik, ${outside}`;
      return [{ path: [...at, 'image'], message }];
    }),
  );
}
