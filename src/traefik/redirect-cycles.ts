import type { Path, Problem } from '../core/problem';
import type { Entrypoint } from './entrypoints';
import { landings, redirectLanding } from './redirect-reach';
import { EntrypointRedirect, entrypointRedirects } from './redirects';

type Values = Record<string, unknown>;

/**
 * Redirections among entrypoints that come back round (`web → websecure → web`): every request is redirected forever
 * and never served. Each entrypoint has at most one redirection (the last flag wins, traefik/redirects.ts), so the
 * redirections form a graph of one edge per node, walked once: linear in the number of entrypoints. An entrypoint
 * redirected to itself is the redirect rules' (ingress/redirect-rules.ts brokenRedirect), which refuse it wherever it is.
 * One problem per cycle, at the redirection of its first member in the values' order (`user`: as entrypointRedirects).
 */
export function redirectCycleProblems(
  values: Values,
  chartVersion: string,
  ports: readonly Entrypoint[],
  prefix: Path,
  user?: Values,
): Problem[] {
  const redirects = entrypointRedirects(values, chartVersion, prefix, user);
  const at = landings(ports);
  // Traefik reads a flag's entrypoint name in any case; the values' keys are the entrypoints' names.
  const byFrom = new Map<string, EntrypointRedirect>(redirects.map((redirect) => [redirect.from.toLowerCase(), redirect]));
  const next = (name: string) => {
    const redirect = byFrom.get(name);
    return redirect && redirectLanding(redirect, at)?.name.toLowerCase();
  };
  const order = new Map(redirects.map((redirect, i) => [redirect.from.toLowerCase(), i]));
  const done = new Set<string>();
  const problems: Problem[] = [];
  for (const start of byFrom.keys()) {
    const walk: string[] = [];
    const onWalk = new Map<string, number>();
    for (let name: string | undefined = start; name !== undefined && !done.has(name); name = next(name)) {
      if (onWalk.has(name)) {
        const cycle = walk.slice(onWalk.get(name));
        if (cycle.length > 1) problems.push(cycleProblem(cycle, byFrom, order));
        break;
      }
      onWalk.set(name, walk.length);
      walk.push(name);
    }
    for (const name of walk) done.add(name);
  }
  return problems;
}

function cycleProblem(cycle: string[], byFrom: Map<string, EntrypointRedirect>, order: Map<string, number>): Problem {
  const first = cycle.reduce((a, b) => (order.get(b)! < order.get(a)! ? b : a));
  const from = cycle.indexOf(first);
  const names = [...cycle.slice(from), ...cycle.slice(0, from), first].map((name) => byFrom.get(name)!.from);
  const redirect = byFrom.get(first)!;
  return {
    path: redirect.path,
    message:
      `redirects entrypoint ${redirect.from} to ${redirect.to} in a cycle of redirections (${names.join(' → ')}), so every request ` +
      'there is redirected forever and never served: remove one of these redirections',
  };
}
