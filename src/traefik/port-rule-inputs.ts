import type { Path } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import type { Version } from '../semver';
import type { TraefikFlag } from './arguments';
import type { Entrypoint } from './entrypoints';

/** Where a merged value came from: the user's `traefik.values` key, else the first-class key that writes it. */
export type ValueSource = <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>;

/** What the port rules (port-listen.ts, probe-rules.ts, port-ranges.ts) read of Traefik as the merged values deploy it. */
export interface PortRuleInputs {
  /** The merged chart values. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Traefik's flags from `additionalArguments` (and `globalArguments` where the chart writes them). */
  readonly flags: readonly TraefikFlag[];
  readonly entrypoints: readonly Entrypoint[];
  readonly chart: Version;
  /** How messages name the chart: `Traefik chart 39.0.7`. */
  readonly chartName: string;
  readonly sourced: ValueSource;
  /** The values' `hostNetwork`, read as the chart's Go templates read it. */
  readonly hostNetwork: boolean;
}
