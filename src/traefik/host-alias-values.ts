import type { Path, Problem } from '../core/problem';
import { shownInSentence } from '../core/problem';
import { isMap } from '../core/is-map';
import { closest } from '../core/closest';
import { hostAliasProblems } from '../validate/host-aliases';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';

type Values = Readonly<Record<string, unknown>>;
const FAILS = 'so the whole Traefik release fails to install';
/** HostAlias's fields (k8s.io/api core/v1). */
const FIELDS = ['ip', 'hostnames'];

const kindOf = (value: unknown) =>
  Array.isArray(value) ? 'a list' : isMap(value) ? 'a map' : typeof value === 'string' ? 'a text' : `a ${typeof value}`;
const described = (value: unknown) => (value === null ? 'null' : `${shownInSentence(value)}, ${kindOf(value)}`);

/**
 * `deployment.hostAliases` as the chart writes it into Traefik's pod (chart-versions.ts `hostAliases`; from v29.0.0
 * templates/_podtemplate.tpl `with .Values.deployment.hostAliases` writes it whole with toYaml), judged on every chart
 * version with or without a values schema: a list of `{ip, hostnames}` maps with texts (the Kubernetes 1.27 Pod schema),
 * fields the API server drops named, and the written list held to ValidateHostAliases (validate/host-aliases.ts).
 */
export function hostAliasValueProblems(values: Values, prefix: Path, rules: Pick<TraefikChartRules, 'hostAliases'>): Problem[] {
  const deployment = values.deployment;
  const aliases = rules.hostAliases && isMap(deployment) && Object.hasOwn(deployment, 'hostAliases') ? deployment.hostAliases : undefined;
  if (!goTruthy(aliases)) return [];
  const key = (...path: Array<string | number>): Path => [...prefix, 'values', 'deployment', 'hostAliases', ...path];
  const refuse = (path: Path, value: unknown, expects: string, fix: string): Problem => ({
    path,
    message: `is ${described(value)}, but the Kubernetes 1.27 schema of a pod expects ${expects} there (the chart writes it with toYaml into Traefik's pods), ${FAILS}: ${fix}`,
  });
  if (!Array.isArray(aliases))
    return [
      refuse(
        key(),
        aliases,
        'a list of host aliases ({ip, hostnames})',
        'write a list, such as [{ip: 192.0.2.10, hostnames: [db.internal]}]',
      ),
    ];
  const problems: Problem[] = [];
  aliases.forEach((alias, i) => {
    if (!isMap(alias)) {
      problems.push(refuse(key(i), alias, 'a host alias ({ip, hostnames})', 'write {ip: 192.0.2.10, hostnames: [db.internal]}'));
      return;
    }
    for (const name of Object.keys(alias).filter((name) => !FIELDS.includes(name))) {
      const guess = closest(name, FIELDS);
      problems.push({
        path: key(i, name),
        message: `is no field of a host alias, which has only ip and hostnames (HostAlias), so the API server drops it: ${guess ? `did you mean ${guess}?` : 'remove it'}`,
      });
    }
    if (alias.ip !== undefined && alias.ip !== null && typeof alias.ip !== 'string')
      problems.push(refuse(key(i, 'ip'), alias.ip, 'a text', 'write the IP address as a text, in quotes'));
    const hostnames = alias.hostnames;
    if (hostnames !== undefined && hostnames !== null && !Array.isArray(hostnames))
      problems.push(refuse(key(i, 'hostnames'), hostnames, 'a list of texts', 'write a list, each item starting with "- "'));
    (Array.isArray(hostnames) ? hostnames : []).forEach((hostname, j) => {
      if (typeof hostname !== 'string') problems.push(refuse(key(i, 'hostnames', j), hostname, 'a text', 'write it as a text'));
    });
  });
  for (const { path, message } of hostAliasProblems({ hostAliases: aliases }))
    problems.push({
      path: key(...(path.slice(1) as Array<string | number>)),
      message: `${message} (the chart writes it into Traefik's pods as given, ${FAILS})`,
    });
  return problems;
}
