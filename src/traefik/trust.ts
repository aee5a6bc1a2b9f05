import { Path } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { flagIsTrue, TraefikFlag } from './arguments';
import { flagListItems } from './flag-list-items';
import { goTruthy } from './go-truth';
import { TRUSTED_PROXY_ENTRYPOINTS } from './values';
import { isMap } from '../core/is-map';

export type TrustHeader = 'X-Forwarded-*' | 'PROXY protocol';

/** One list of networks Traefik believes `header` from, wherever it was written. */
export interface TrustList {
  /** The key of the whole list: `traefik.trustedProxies`, `...ports.web.forwardedHeaders.trustedIPs`, or the flag. */
  readonly path: Path;
  readonly header: TrustHeader;
  /**
   * The entrypoints (names in lower case) whose list it joins. Traefik's flag parser matches names in any case and
   * joins a list flag given twice (traefik/paerser flag/flagparser.go, `setValue`), so all lists for one entrypoint and
   * header, wherever written, make one list.
   */
  readonly entrypoints: readonly string[];
  /** Each entry with its own key (a flag's entries all point at the flag). */
  readonly entries: ReadonlyArray<Sourced<unknown>>;
  /** Written under `values` (or as a flag), so no schema has checked its entries yet. */
  readonly fromValues: boolean;
}

/** An entrypoint that believes `header` from every client (`insecure`). */
export interface InsecureTrust {
  readonly path: Path;
  readonly header: TrustHeader;
  /** The values key's value (any value Go's `if` takes as true); undefined for a flag. */
  readonly value?: unknown;
  /** The flag's name when a flag asked for it, e.g. `entrypoints.web.forwardedheaders.insecure`. */
  readonly flag?: string;
}

export interface TraefikTrust {
  readonly lists: readonly TrustList[];
  readonly insecure: readonly InsecureTrust[];
}

type Values = Readonly<Record<string, unknown>>;

const BLOCKS = [
  ['forwardedHeaders', 'X-Forwarded-*'],
  ['proxyProtocol', 'PROXY protocol'],
] as const;

/**
 * Every network Traefik will trust, whichever key wrote it: `trustedProxies`, the `trustedIPs` and
 * `insecure` keys of `values.ports.<name>.forwardedHeaders` / `.proxyProtocol` (which the chart renders as
 * `--entryPoints.<name>.forwardedHeaders.trustedIPs=...`, traefik/templates/_podtemplate.tpl), and the same
 * flags written by hand into `additionalArguments` or `globalArguments`.
 */
export function traefikTrust(trustedProxies: readonly string[], user: Values, flags: readonly TraefikFlag[], prefix: Path): TraefikTrust {
  const lists: TrustList[] = [];
  const insecure: InsecureTrust[] = [];
  if (trustedProxies.length) {
    const path = [...prefix, 'trustedProxies'];
    lists.push({
      path,
      header: 'X-Forwarded-*',
      entrypoints: TRUSTED_PROXY_ENTRYPOINTS,
      entries: trustedProxies.map((value, i) => ({ value, path: [...path, i] })),
      fromValues: false,
    });
  }
  const ports = isMap(user.ports) ? user.ports : {};
  for (const [name, port] of Object.entries(ports)) {
    if (!isMap(port)) continue;
    for (const [key, header] of BLOCKS) {
      const block = port[key];
      if (!isMap(block)) continue;
      const path = [...prefix, 'values', 'ports', name, key];
      // The chart tests it with Go's `if` (`{{- if $config.forwardedHeaders.insecure }}`, traefik/traefik-helm-chart
      // traefik/templates/_podtemplate.tpl), so 1, "yes" and even "false" render the flag too.
      if (goTruthy(block.insecure)) insecure.push({ path: [...path, 'insecure'], header, value: block.insecure });
      // The generator writes trustedProxies there; a different list is a conflict, reported by the values check.
      const generated = key === 'forwardedHeaders' && trustedProxies.length && TRUSTED_PROXY_ENTRYPOINTS.includes(name);
      if (Array.isArray(block.trustedIPs) && !generated) {
        const at = [...path, 'trustedIPs'];
        lists.push({
          path: at,
          header,
          entrypoints: [name.toLowerCase()],
          entries: block.trustedIPs.map((value, i) => ({ value, path: [...at, i] })),
          fromValues: true,
        });
      }
    }
  }
  for (const flag of flags) {
    const match = /^entrypoints\.([^.]+)\.(forwardedheaders|proxyprotocol)\.(trustedips|insecure)$/.exec(flag.name);
    if (!match) continue;
    const header = match[2] === 'forwardedheaders' ? 'X-Forwarded-*' : 'PROXY protocol';
    if (match[3] === 'insecure') {
      if (flagIsTrue(flag)) insecure.push({ path: flag.path, header, flag: flag.name });
      continue;
    }
    // Items as written (61b-3): an empty one stops Traefik, and blanks are refused here as through the chart key. An empty
    // flag beside another list for the same entrypoint and header is an empty item of the joined list (paerser `setValue`).
    const joined = lists.some((list) => list.header === header && list.entrypoints.includes(match[1]) && list.entries.length);
    const entries = flag.raw === '' && (joined || laterFlag(flags, flag)) ? [''] : flagListItems(flag.raw);
    lists.push({
      path: flag.path,
      header,
      entrypoints: [match[1]],
      entries: entries.map((value) => ({ value, path: flag.path })),
      fromValues: true,
    });
  }
  return { lists, insecure };
}

/** Whether the same list flag (any case) comes again after `flag`, which paerser joins to it with a comma. */
const laterFlag = (flags: readonly TraefikFlag[], flag: TraefikFlag) =>
  flags.slice(flags.indexOf(flag) + 1).some((other) => other.name === flag.name);
