import { IConstruct } from 'constructs';
import { formatPath, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import type { ClusterConfig } from '../config/schema';
import type { EffectiveTraefik } from '../traefik/effective';
import { effectiveClusterTraefik } from '../traefik/settings';
import { AppObject, refOf, Scope, where } from './construct-app-objects';
import { blankedPath } from './construct-render';
import { notedClusterConfig } from './construct-services';

type Values = Record<string, unknown>;

/**
 * Round 73: the app's objects beside a K3sVipCluster (or added under it) judged as items of its
 * `traefik.values.extraObjects`, placed after its own items, with the very function `rules` the config door judges
 * those with, so a rule added there holds at both doors. An app object without a namespace lands in `default`. A
 * finding on an app item is said of the object (file, kind, name, construct path) at its key path; one on a key of the
 * cluster's values (a provider that never reads the item) is said of each app object it names, with that key; the
 * config's own items met these rules at its door. Messages name the app objects they meet by object, not by index.
 */
export function besideExtraObjectProblems(
  { all }: Scope,
  objects: readonly AppObject[],
  rules: (config: ClusterConfig, traefik: EffectiveTraefik) => { readonly errors: Problem[]; readonly warnings: Problem[] },
): { readonly errors: string[]; readonly warnings: string[] } {
  const owner = all.find((c) => notedClusterConfig(c) !== undefined);
  const config = owner && notedClusterConfig(owner);
  if (!owner || !config || !objects.length) return { errors: [], warnings: [] };
  const values = config.traefik.values ?? {};
  const own: readonly unknown[] = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const extraObjects = [...own, ...objects.map(landed)];
  const beside = { ...config, traefik: { ...config.traefik, values: { ...values, extraObjects } } };
  // Traefik as the cluster deploys it, its merged values holding the app's items too.
  const effective = effectiveClusterTraefik(config);
  const { errors, warnings } = rules(beside, { ...effective, values: { ...effective.values, extraObjects } });
  const item = (k: number) => `traefik.values.extraObjects[${own.length + k}]`;
  const named = (message: string) => objects.reduce((text, o, k) => text.split(item(k)).join(`${refOf(o.object)} in ${o.file}`), message);
  const cluster = `K3sVipCluster ${blankedPath(owner as IConstruct)}`;
  const said = ({ path, message }: Problem): string[] => {
    const [, , , i, ...rest] = path;
    if (formatPath(path.slice(0, 3)) === 'traefik.values.extraObjects') {
      const o = typeof i === 'number' ? objects[i - own.length] : undefined;
      return o ? [`${where(o)}: ${rest.length ? `${formatPath(rest)} ` : ''}${named(message)}`] : [];
    }
    // A key of the cluster's values about items: the app objects it names (a bracket after the index ends it).
    return objects.flatMap((o, k) =>
      message.includes(`${item(k)})`) || message.includes(`${item(k)} `) || message.endsWith(item(k))
        ? [`${where(o)}: ${cluster}'s ${formatPath(path)} ${named(message)}`]
        : [],
    );
  };
  return { errors: errors.flatMap(said), warnings: warnings.flatMap(said) };
}

/** The object where it lands: one without a namespace in `default` (the extraObjects rules assume Traefik's). */
function landed({ object }: AppObject): Values {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  return typeof metadata.namespace === 'string' && metadata.namespace
    ? object
    : { ...object, metadata: { ...metadata, namespace: 'default' } };
}
