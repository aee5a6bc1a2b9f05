import { posix } from 'node:path';
import type { Path } from '../core/problem';
import type { TraefikFlag } from './arguments';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { resolverLeaves } from './resolver-keys';
import { isMap } from '../core/is-map';

/** Traefik's default `acme.storage` (traefik/traefik pkg/provider/acme/provider.go `SetDefaults`, v2 and v3): relative, in the container's own files. */
const DEFAULT_STORAGE = 'acme.json';

/** An ACME resolver whose acme.json lies on no persistent volume, so a restarted pod starts without its certificates. */
export interface EphemeralAcme {
  /** The resolver's name. */
  readonly value: string;
  /** The flag that sets its storage (59a-17), else the key or flag that defines it. */
  readonly path: Path;
  /** Where Traefik keeps its acme.json. */
  readonly storage: string;
  /** Where the chart mounts its data volume (`persistence.path`). */
  readonly mount: string;
}

/**
 * The ACME resolvers of `resolvers` whose `storage` (a `--certificatesresolvers.<name>.acme.storage` flag, else the
 * values' `certificatesResolvers.<name>.acme.storage` or, up to chart v32, `certResolvers.<name>.storage`, whichever `key`
 * the chart reads) is not under the chart's persistent volume. The chart mounts `persistence.path` (default /data) from a PersistentVolumeClaim
 * only with `persistence.enabled`, else from an emptyDir (traefik/traefik-helm-chart traefik/templates/_podtemplate.tpl, v20 to v41).
 */
export function ephemeralAcmeResolvers(
  values: Readonly<Record<string, unknown>>,
  flags: readonly TraefikFlag[],
  resolvers: ReadonlyArray<{ readonly value: string; readonly path: Path }>,
  rules: Pick<TraefikChartRules, 'certResolversKey' | 'resolverLeaves'>,
): EphemeralAcme[] {
  const persistence = isMap(values.persistence) ? values.persistence : {};
  const mount = typeof persistence.path === 'string' ? posix.normalize(persistence.path).replace(/\/+$/, '') : '/data';
  const persistent = goTruthy(persistence.enabled);
  const leaves = resolverLeaves(values, rules);
  const storageOf = (name: string): { given: unknown; at?: Path } => {
    const flag = flags.filter((f) => f.name === `certificatesresolvers.${name.toLowerCase()}.acme.storage`).at(-1);
    if (flag) return { given: flag.value, at: flag.path };
    // The last storage flag the chart writes for the resolver, its keys read as Traefik splits them (resolver-keys.ts).
    return {
      given: leaves.filter((leaf) => leaf.name.toLowerCase() === name.toLowerCase() && leaf.rest.join('.') === 'acme.storage').at(-1)
        ?.value,
    };
  };
  return resolvers.flatMap(({ value, path: defined }) => {
    const { given, at } = storageOf(value);
    // The warning stands on the flag that sets the storage, not on the resolver's first flag (59a-17).
    const path = at ?? defined;
    // Traefik keeps blanks in a text option (arguments.ts): ` /data/acme.json` is a relative path, off the volume (61b-2).
    const storage = typeof given === 'string' && given !== '' ? given : DEFAULT_STORAGE;
    // Traefik opens the path as written, so `..` and `//` resolve (in the container's POSIX file system) before the mount is known.
    return persistent && posix.normalize(storage).startsWith(`${mount}/`) ? [] : [{ value, path, storage, mount }];
  });
}
