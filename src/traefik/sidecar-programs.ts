import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { containerProgram } from './extra-workload-programs';

type Values = Readonly<Record<string, unknown>>;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Traefik's subcommands that start no proxy (traefik/traefik cmd/traefik: `version`, `healthcheck`). */
const NO_PROXY_SUBCOMMANDS = new Set(['version', 'healthcheck']);

/**
 * Programs that run the command after their own options (`nice -n 5 traefik`, `env A=b traefik`, `tini -- traefik`,
 * 84a-18); `gosu`/`su-exec` take a user first.
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

/** A command's words without the wrappers before its program, and their options (flags, `A=b`, counts, durations). */
function unwrapped(words: readonly string[]): string[] {
  let rest = [...words];
  for (;;) {
    const program = rest[0]?.split('/').pop() ?? '';
    if (USER_WRAPPERS.has(program)) rest = rest.slice(2);
    else if (WRAPPERS.has(program)) {
      rest = rest.slice(1);
      while (rest.length && (rest[0].startsWith('-') || rest[0].includes('=') || /^\d+(\.\d+)?[smhd]?$/.test(rest[0])))
        rest = rest.slice(1);
    } else return rest;
  }
}

/**
 * Whether a container of a Traefik image starts Traefik itself. The image's ENTRYPOINT is /entrypoint.sh with CMD
 * `traefik` (traefik/traefik-library-image v3.x entrypoint.sh): a first argument that is a flag (`--providers...`) or
 * a Traefik subcommand runs Traefik, any other command runs as written (`cp /usr/local/bin/traefik /shared`, the chart's
 * EXAMPLES.md init container that copies the binary). A shell's `-c` script and `exec` are read through.
 */
function startsTraefik(container: Values): boolean {
  const command = strings(container.command);
  const args = strings(container.args);
  const line = container.command === undefined ? (args.length ? args : ['traefik']) : [...command, ...args];
  // Through the image's entrypoint, a first word that is a flag runs `traefik <flags>`.
  const viaEntrypoint = container.command === undefined || /(^|\/)entrypoint\.sh$/.test(command[0] ?? '');
  for (const [n, simple] of line
    .join(' ')
    .split(/&&|\|\||[;|&\n()`]|\$\(/)
    .entries()) {
    const words = simple
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/^["']+|["']+$/g, ''))
      .filter((word) => word !== '' && word !== 'exec' && !/(^|\/)entrypoint\.sh$/.test(word));
    // A shell's script: its words after -c are a command line of their own.
    const start = /(^|\/)(ba|da|a)?sh$/.test(words[0] ?? '') && words[1] === '-c' ? 2 : 0;
    const [first, next] = unwrapped(words.slice(start));
    if (first === undefined) continue;
    if (first.startsWith('-') && viaEntrypoint && n === 0) return true;
    if (first.split('/').pop() === 'traefik') return next === undefined || !NO_PROXY_SUBCOMMANDS.has(next);
  }
  return false;
}

/** Whether a container's own command (not a shell's script) runs a `traefik` binary as a proxy. */
function runsTraefikBinary(container: Values): boolean {
  if (container.command === undefined) return false;
  const [first, next] = unwrapped([...strings(container.command), ...strings(container.args)]);
  return first?.split('/').pop() === 'traefik' && (next === undefined || !NO_PROXY_SUBCOMMANDS.has(next));
}

/**
 * 82a-15: the programs the takeover table refuses in an `extraObjects` workload (extra-object-takeovers.ts) among the user's
 * containers of Traefik's own pods (`deployment.additionalContainers` and `initContainers`, rendered as written by the
 * chart's templates/_podtemplate.tpl): a second Traefik (one that starts Traefik: an image that only lends its binary
 * passes) and a VIP announcer. There they run with Traefik's ServiceAccount and flags no rule judges. A deploying command
 * is left alone: Traefik's ServiceAccount may create nothing.
 */
export function sidecarProgramProblems(values: Values, prefix: Path): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  return ['additionalContainers', 'initContainers'].flatMap((list) =>
    (Array.isArray(deployment[list]) ? deployment[list] : []).flatMap((container: unknown, i: number): Problem[] => {
      // A Traefik binary run by another image as its command (copied by an init container, 83a-6, 84a-18) is a second
      // Traefik too; a shell script of another image is not read for it (its text may name anything).
      const byCommand = isMap(container) && runsTraefikBinary(container) ? { program: 'traefik' } : undefined;
      const found = isMap(container) ? (containerProgram(container) ?? byCommand) : undefined;
      if (!isMap(container) || !found || found.program === 'deployer' || (found.program === 'traefik' && !startsTraefik(container)))
        return [];
      const instead = prefix.length ? 'change Traefik through the traefik keys' : 'change Traefik through the TraefikHelmChartConfig props';
      const message =
        found.program === 'traefik'
          ? `is ${JSON.stringify(container.image)} in Traefik's own pods (deployment.${list}), which runs a second Traefik, with flags and a ` +
            `service account outside this tool's Traefik rules (it may serve the generated Ingresses too): ${instead}`
          : `is ${JSON.stringify(container.image)} in Traefik's own pods (deployment.${list}), which announces addresses beside kube-vip ` +
            `(a second owner of this cluster's VIPs): ${prefix.length ? 'declare every VIP in kubeVip and loadBalancers[]' : 'declare every VIP through a KubeVipChart and LoadBalancerService constructs'}, and run no second announcer`;
      return [{ path: [...prefix, 'values', 'deployment', list, i, 'image'], message }];
    }),
  );
}
