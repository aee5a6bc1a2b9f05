import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { containerProgram, runsArgsAsCommand } from './extra-workload-programs';
import { programName, readCommand } from './command-wrappers';
import { BUDGET, simpleCommands } from './shell-commands';
import { referencedSource, sourceKeys } from './env-from-keys';

type Values = Readonly<Record<string, unknown>>;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Traefik's subcommands (traefik/traefik cmd/traefik: `version`, `healthcheck`); neither starts a proxy. */
const SUBCOMMANDS = new Set(['version', 'healthcheck']);
const HELP_FLAGS = new Set(['--help', '-help', '-h']);

/**
 * Whether Traefik's words after the program start the proxy, as its CLI reads them (traefik/paerser cli/commands.go
 * and help.go, v0.2.0): an optional leading `traefik`, then a subcommand runs that instead; a first word that is not a
 * flag ends in "command not found"; a help flag anywhere prints help.
 */
function startsProxy(words: readonly string[]): boolean {
  const args = words[0] === 'traefik' && !SUBCOMMANDS.has(words[1] ?? '') ? words.slice(1) : words;
  if (args.length > 0 && (SUBCOMMANDS.has(args[0]) || !args[0].startsWith('-'))) return false;
  return !args.some((arg) => HELP_FLAGS.has(arg));
}

/**
 * 87a-2: the programs that run a Traefik, by the name their binary is run under, and whether these words start one:
 * `traefik`; Traefik Hub's API gateway, `traefik-hub`, the binary of the image the chart runs with `hub.token`
 * (ghcr.io/traefik/traefik-hub; its CLI is read as Traefik's: not confirmed from an upstream source, as the binary is
 * not public); Traefik Enterprise's `traefikee`, whose `proxy` and `controller` subcommands run the data and control
 * planes (a systemd unit's `ExecStart=/usr/local/bin/traefikee proxy …` in Traefik Labs' install guide); its other
 * subcommands (`version`, `generate`…) and teectl are tools.
 */
const TRAEFIK_PROGRAMS: Readonly<Record<string, (words: readonly string[]) => boolean>> = {
  traefik: startsProxy,
  'traefik-hub': startsProxy,
  traefikee: (words) => (words[0] === 'proxy' || words[0] === 'controller') && !words.some((word) => HELP_FLAGS.has(word)),
};

/** How deep scripts within scripts are read (`sh -c "eval 'sh -c …'"`). */
const MAX_DEPTH = 8;

/**
 * Whether a command (its words, as the kernel gets them) runs Traefik as a proxy: read through wrappers
 * (command-wrappers.ts) to the program, a shell's `-c` script, or the here-document a shell reads as its script, read as
 * its simple commands (shell-commands.ts) with the container's env vars and the script's operands (`$0`, `$1`…) as its
 * parameters. One budget bounds the reading of a container's command, scripts within scripts included.
 */
function runsTraefik(
  command: readonly string[],
  env: ReadonlyMap<string, string>,
  budget = { left: BUDGET },
  stdin?: string,
  depth = 0,
): boolean {
  const read = depth > MAX_DEPTH ? undefined : readCommand(command, stdin);
  if (read === undefined) return false;
  if ('each' in read) return read.each.some((each) => runsTraefik(each, env, budget, undefined, depth + 1));
  if ('script' in read) {
    const [zero, ...args] = read.operands;
    const vars = zero === undefined ? env : new Map([...env, ['0', zero]]);
    return simpleCommands(read.script, vars, args, budget).some((simple) =>
      runsTraefik(simple.words, env, budget, simple.input.stdin, depth + 1),
    );
  }
  const [first, ...rest] = read.words;
  const program = TRAEFIK_PROGRAMS[programName(first)];
  return Object.hasOwn(TRAEFIK_PROGRAMS, programName(first)) && program(rest);
}

/**
 * The kubelet's `$(NAME)` expansion (kubernetes third_party/forked/golang/expansion/expand.go, v1.32): `$$` is a `$`, a
 * name the map lacks stays as written.
 */
const expand = (word: string, env: ReadonlyMap<string, string>): string =>
  word.replace(/\$(?:\$|\(([^)]*)\))/g, (whole, name?: string) => (name === undefined ? '$' : (env.get(name) ?? whole)));

/** The text of key `key` of a ConfigMap or Secret `extraObjects` declares in Traefik's namespace (env-from-keys.ts). */
const sourceText = (values: Values, source: ReturnType<typeof referencedSource>, key: unknown): string | undefined =>
  source &&
  sourceKeys(values, source.kind, source.name)
    .filter((entry) => entry.key === key)
    .at(-1)?.value;

/**
 * The container's env as the kubelet sets and expands it (kubernetes pkg/kubelet/kubelet_pods.go makeEnvironmentVariables
 * and pkg/kubelet/container/helpers.go, v1.32): for `command`/`args` and the shell (`resolved`), the `envFrom` sources
 * in order (each key with the item's `prefix`), then `env`, each value expanded from the entries before it, a `valueFrom`
 * key read from the ConfigMap or Secret `extraObjects` declares (86b-7), else unknown; for exec probes the `env` values
 * as written (ExpandContainerCommandOnlyStatic; a `valueFrom` entry is empty there).
 */
function containerEnv(values: Values, container: Values, resolved: boolean): Map<string, string> {
  const env = new Map<string, string>();
  for (const source of resolved && Array.isArray(container.envFrom) ? container.envFrom : []) {
    const ref = isMap(source) ? referencedSource(source, ['configMapRef', 'secretRef']) : undefined;
    const prefix = isMap(source) && typeof source.prefix === 'string' ? source.prefix : '';
    for (const { key, value } of ref ? sourceKeys(values, ref.kind, ref.name) : []) if (value !== undefined) env.set(prefix + key, value);
  }
  for (const entry of Array.isArray(container.env) ? container.env : []) {
    if (!isMap(entry) || typeof entry.name !== 'string') continue;
    const value = typeof entry.value === 'string' ? entry.value : '';
    const from = isMap(entry.valueFrom) ? entry.valueFrom : undefined;
    const selector = from && (isMap(from.configMapKeyRef) ? from.configMapKeyRef : from.secretKeyRef);
    const text =
      from && isMap(selector) ? sourceText(values, referencedSource(from, ['configMapKeyRef', 'secretKeyRef']), selector.key) : undefined;
    if (!resolved) env.set(entry.name, value);
    else if (entry.valueFrom === undefined) env.set(entry.name, expand(value, env));
    else if (text !== undefined) env.set(entry.name, text);
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
function traefikHandler(values: Values, container: Values): string[] | undefined {
  const probeEnv = containerEnv(values, container, false);
  const env = containerEnv(values, container, true);
  for (const at of EXEC_HANDLERS) {
    const handler = at.reduce<unknown>((value, key) => (isMap(value) ? value[key] : undefined), container);
    const command = isMap(handler) && isMap(handler.exec) ? strings(handler.exec.command) : [];
    const line = at[0] === 'lifecycle' ? command : command.map((word) => expand(word, probeEnv));
    if (runsTraefik(line, env)) return [...at, 'exec', 'command'];
  }
  return undefined;
}

/**
 * Whether a container's own command line starts Traefik. A Traefik image's ENTRYPOINT is /entrypoint.sh with CMD
 * `traefik` (traefik/traefik-library-image v3.x entrypoint.sh): a first argument that is a flag (`--providers...`) or a
 * Traefik subcommand runs Traefik, any other command runs as written (`cp /usr/local/bin/traefik /shared`, the chart's
 * EXAMPLES.md init container that copies the binary). An image with no ENTRYPOINT runs its `args` as the command (86b-10,
 * extra-workload-programs.ts); another image's entrypoint is not known: only its `command` is read.
 */
function commandStartsTraefik(values: Values, container: Values, traefikImage: boolean): boolean {
  const argsRun = container.command === undefined && runsArgsAsCommand(container.image);
  if (container.command === undefined && !traefikImage && !argsRun) return false;
  const env = containerEnv(values, container, true);
  const command = strings(container.command).map((word) => expand(word, env));
  const args = strings(container.args).map((word) => expand(word, env));
  const line = container.command === undefined ? (args.length || argsRun ? args : ['traefik']) : [...command, ...args];
  const viaEntrypoint = traefikImage && (container.command === undefined || programName(command[0]) === 'entrypoint.sh');
  const first = programName(line[0]) === 'entrypoint.sh' ? line[1] : line[0];
  return (viaEntrypoint && first?.startsWith('-')) || runsTraefik(line, env);
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
function secondTraefik(values: Values, list: string, container: Values, traefikImage: boolean): string[] | undefined {
  if ((traefikImage && keptRunning(list, container)) || commandStartsTraefik(values, container, traefikImage)) return ['image'];
  return traefikHandler(values, container);
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
      const where = secondTraefik(values, list, container, traefikImage);
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
