import type { TraefikFlag } from './arguments';
import { goTruthy } from './go-truth';
import { isMap } from '../core/is-map';
import type { Version } from '../semver';
import { tlsSwitch, tlsSwitchKey } from './chart-failures';
import { blockState } from './switch-values';

/** Whether an entrypoint serves TLS, and what decided it. */
export interface EntrypointTls {
  readonly on: boolean;
  /** The flag that decided it (an item of additionalArguments or globalArguments), when one did. */
  readonly flag?: TraefikFlag;
  /** Else the values switch the chart writes as `--entryPoints.<name>.http.tls=true`, when it is on. */
  readonly key?: readonly string[];
  /** The switch is on by the chart's own default (`ports.websecure`'s, traefik/values.yaml v20.1.1 to v41.3.0), not a value given. */
  readonly chartDefault?: boolean;
}

const valueAt = (values: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);

/**
 * Whether entrypoint `name` serves TLS, as Traefik reads its flags: the chart writes `--entryPoints.<name>.http.tls=true`
 * for the port's TLS switch (`ports.<name>.tls.enabled`, `ports.<name>.http.tls.enabled` from chart v39: chart-failures.ts
 * `tlsSwitch`, templates/_podtemplate.tpl; on by the chart's default for `websecure` unless the values turn it off) after `globalArguments` and before `additionalArguments`, and a later flag replaces
 * it. `http.tls` is an allowEmpty pointer (traefik/traefik pkg/config/static/entrypoints.go `TLS *TLSConfig
 * label:"allowEmpty"`): any value but "true" (any case; an empty one too) turns it off, and a flag under it
 * (`.certresolver`, `.options`, `.domains[0].main`) turns it on when no `http.tls` flag says otherwise (traefik/paerser
 * parser/nodes_metadata.go: `node.Disabled = len(node.Value) > 0 && !strings.EqualFold(node.Value, "true")`). The entrypoint
 * name is a map key and keeps its spelling (paerser labels_decode.go); the rest of the name is matched in any case.
 * Traefik applies the entrypoint's TLS to every router on it, its own ping router included (pkg/server/aggregator.go
 * `applyModel`: `if cp.TLS == nil { cp.TLS = m.TLS }`), so /ping there answers only over TLS.
 */
export function entrypointTls(
  values: Readonly<Record<string, unknown>>,
  flags: readonly TraefikFlag[],
  name: string,
  chart: Version,
): EntrypointTls {
  const port = valueAt(values, ['ports', name]);
  const at = tlsSwitchKey(chart);
  const given = valueAt(port, at);
  const key = goTruthy(tlsSwitch(port, name, at)) ? at : undefined;
  // Each flag on this entrypoint's `http.tls`: `under` for one that names an option below it.
  const mine = flags.flatMap((flag) => {
    const match = /^entrypoints\.([^.]+)\.http\.tls(\.|$)/i.exec(flag.written);
    return match !== null && match[1] === name ? [{ flag, value: flag.raw, under: match[2] === '.' }] : [];
  });
  const global = ({ flag }: { flag: TraefikFlag }) => flag.path[flag.path.length - 2] === 'globalArguments';
  const ordered: Array<{ flag?: TraefikFlag; value?: string; under: boolean }> = [
    ...mine.filter(global),
    ...(key ? [{ value: 'true', under: false }] : []),
    ...mine.filter((entry) => !global(entry)),
  ];
  const own = ordered.filter((entry) => !entry.under).at(-1);
  if (own) {
    // `http.tls` is an option block: bare, empty or true turns it on, any other value off (switch-values.ts).
    const on = blockState(own.value) === 'on';
    return own.flag ? { on, flag: own.flag } : { on, key: ['ports', name, ...key!], ...(given === undefined && { chartDefault: true }) };
  }
  const under = ordered.filter((entry) => entry.under).at(-1);
  return under?.flag ? { on: true, flag: under.flag } : { on: false };
}
