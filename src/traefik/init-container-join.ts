import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;
const initsOf = (values: Values): unknown[] | undefined =>
  isMap(values.deployment) && Array.isArray(values.deployment.initContainers) ? (values.deployment.initContainers as unknown[]) : undefined;

/**
 * The generated and the user's values, both with the user's `deployment.initContainers` followed by the ones this tool writes (`volume-permissions`
 * for traefik.certResolvers, values.ts acmeStorageValues), so that the merge (values-merge.ts) keeps both instead of
 * calling the list a conflict: Helm would replace the list whole, but this tool writes the one list into
 * `valuesContent`, the chart renders it as given (`toYaml .Values.deployment.initContainers`, traefik-helm-chart
 * templates/_podtemplate.tpl v20.1.1 to v41.3.0), and the kubelet runs init containers one by one in that order.
 * The user's come first: the tool's then makes acme.json mode 600 last, right before Traefik starts, whatever the user's
 * did on the volume before, and each user container keeps the index it has in the config (messages point at it). A
 * name clash is refused at the user's container (pod-containers.ts). A list equal to the tool's, or any other value
 * (null deletes the tool's list), is the merge's to judge.
 */
export function withJoinedInitContainers(generated: Values, user: Values): { generated: Values; user: Values } {
  const [ours, theirs] = [initsOf(generated), initsOf(user)];
  if (!ours || !theirs || JSON.stringify(ours) === JSON.stringify(theirs)) return { generated, user };
  const initContainers = [...theirs, ...ours];
  const joined = (values: Values) => ({ ...values, deployment: { ...(values.deployment as Values), initContainers } });
  return { generated: joined(generated), user: joined(user) };
}

/**
 * The indexes of the init containers the merged values hold as this tool writes them (values.ts acmeStorageValues): the
 * last ones of the list, after the user's (withJoinedInitContainers).
 */
export function generatedInits(inits: readonly unknown[], generated: Readonly<Values>): Set<number> {
  const own = initsOf(generated as Values) ?? [];
  const from = inits.length - own.length;
  return new Set(inits.flatMap((init, i) => (i >= from && JSON.stringify(init) === JSON.stringify(own[i - from]) ? [i] : [])));
}
