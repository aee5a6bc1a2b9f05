import { formatPath, shownInSentence } from '../core/problem';
import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { closest } from '../core/closest';
import { dnsConfigProblems } from '../validate/dns-config';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const FAILS = 'so the whole Traefik release fails to install';
const at = (node: unknown, key: string): unknown => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined);
/** The fields of `deployment.dnsConfig` the chart writes, each under `if` with toYaml: PodDNSConfig's own (k8s.io/api core/v1). */
const FIELDS = ['searches', 'nameservers', 'options'] as const;
const OPTION_FIELDS = ['name', 'value'];

const kindOf = (value: unknown) =>
  Array.isArray(value) ? 'a list' : isMap(value) ? 'a map' : typeof value === 'string' ? 'a text' : `a ${typeof value}`;
const described = (value: unknown) => (value === null ? 'null' : `${shownInSentence(value)}, ${kindOf(value)}`);

/**
 * `deployment.dnsConfig` and `deployment.dnsPolicy` as the chart writes them into Traefik's pod (chart-versions.ts
 * `dnsConfig`; traefik/templates/_podtemplate.tpl v22.2.0 to v41.3.0: `with .Values.deployment.dnsPolicy` writes `dnsPolicy:
 * {{ . }}`, `with .Values.deployment.dnsConfig` opens `dnsConfig:` and writes `.searches`, `.nameservers` and `.options` each
 * under `if`, with toYaml), judged on every chart version, with or without a values schema (v41.3.0's types dnsConfig as any
 * object): a Go-true dnsConfig that is no map fails the template (`.searches` of a list or a text: "can't evaluate field");
 * a key the chart does not write is dropped; a field of the wrong kind makes the API server refuse the pod (the Kubernetes 1.27
 * Pod schema: lists of texts, options of `{name, value}` texts); and the written block meets validatePodDNSConfig
 * (validate/dns-config.ts). The dnsPolicy's own spelling is pod-spec-texts.ts' and pod-value-types.ts' to judge.
 */
export function dnsConfigValueProblems(values: Values, prefix: Path, rules: Pick<TraefikChartRules, 'dnsConfig'>): Problem[] {
  const deployment = at(values, 'deployment');
  const key = (...path: Array<string | number>): Path => [...prefix, 'values', 'deployment', ...path];
  const config = rules.dnsConfig ? at(deployment, 'dnsConfig') : undefined;
  const problems: Problem[] = [];
  const written: Record<string, unknown> = {};
  if (goTruthy(config) && !isMap(config)) {
    problems.push({
      path: key('dnsConfig'),
      message:
        `is ${described(config)}, but the chart reads searches, nameservers and options from it as the fields of a map ` +
        `(\`if .searches\`, templates/_podtemplate.tpl), which Go's template cannot do on ${kindOf(config)} ("can't evaluate field searches"), ` +
        'so the whole Traefik release fails to render: write a map, such as {nameservers: [192.0.2.53]}, or remove the key',
    });
  } else if (isMap(config)) {
    for (const name of Object.keys(config).filter((name) => !(FIELDS as readonly string[]).includes(name))) {
      const guess = closest(name, FIELDS);
      problems.push({
        path: key('dnsConfig', name),
        message:
          'is not written: the chart writes only searches, nameservers and options of deployment.dnsConfig into the pod ' +
          `(templates/_podtemplate.tpl), so this key is dropped without a word: ${guess ? `did you mean ${guess}?` : 'remove it'}`,
      });
    }
    for (const field of FIELDS) if (goTruthy(config[field])) written[field] = config[field];
    problems.push(...kindProblems(written, key));
  }
  const policy = at(deployment, 'dnsPolicy');
  const spec = {
    ...(typeof policy === 'string' && policy !== '' && { dnsPolicy: policy }),
    ...(Object.keys(written).length && { dnsConfig: written }),
  };
  for (const { path, message } of dnsConfigProblems(spec)) {
    problems.push(
      path[0] === 'dnsPolicy'
        ? {
            path: key('dnsPolicy'),
            message:
              `is "None", but ${rules.dnsConfig ? `no ${formatPath(key('dnsConfig', 'nameservers'))} is set, so the chart writes no dnsConfig into Traefik's pods` : 'this chart version writes no deployment.dnsConfig into the pod (the chart does from v22.2.0)'}, ` +
              `which the API server refuses with dnsPolicy None ("must provide \`dnsConfig\` when \`dnsPolicy\` is None", validatePodDNSConfig), ${FAILS}: ` +
              `${rules.dnsConfig ? 'list the DNS servers in deployment.dnsConfig.nameservers' : 'use a chart from v22.2.0'}, or use another dnsPolicy (ClusterFirst is the default)`,
          }
        : {
            path: key(...(path as Array<string | number>)),
            message: `${message} (the chart writes it into Traefik's pods as given, ${FAILS})`,
          },
    );
  }
  return problems;
}

/**
 * The written fields of the wrong kind, by the Kubernetes 1.27 Pod schema (PodDNSConfig: `searches` and `nameservers` lists
 * of texts, `options` a list of `{name, value}` with texts): the API server cannot decode the pod.
 */
function kindProblems(written: Readonly<Record<string, unknown>>, key: (...path: Array<string | number>) => Path): Problem[] {
  const problems: Problem[] = [];
  const refuse = (path: Path, value: unknown, expects: string, fix: string) =>
    problems.push({
      path,
      message: `is ${described(value)}, but the Kubernetes 1.27 schema of a pod expects ${expects} there (the chart writes it with toYaml into Traefik's pods), ${FAILS}: ${fix}`,
    });
  for (const [field, value] of Object.entries(written)) {
    const what = field === 'options' ? 'a list of options ({name, value})' : 'a list of texts';
    if (!Array.isArray(value)) {
      refuse(
        key('dnsConfig', field),
        value,
        what,
        `write a list${field === 'options' ? ', such as [{name: ndots, value: "2"}]' : ', each item starting with "- "'}`,
      );
      continue;
    }
    value.forEach((item, i) => {
      if (field !== 'options') {
        if (typeof item !== 'string')
          refuse(key('dnsConfig', field, i), item, 'a text', `write it as a text${typeof item === 'number' ? ', in quotes' : ''}`);
        return;
      }
      if (!isMap(item)) {
        refuse(key('dnsConfig', field, i), item, 'an option ({name, value})', 'write {name: ndots, value: "2"}');
        return;
      }
      for (const name of Object.keys(item)) {
        const value = item[name];
        if (!OPTION_FIELDS.includes(name))
          problems.push({
            path: key('dnsConfig', field, i, name),
            message: `is no field of a DNS option, which has only name and value (PodDNSConfigOption), so the API server drops it: ${closest(name, OPTION_FIELDS) ? `did you mean ${closest(name, OPTION_FIELDS)}?` : 'remove it'}`,
          });
        else if (value !== null && typeof value !== 'string')
          refuse(key('dnsConfig', field, i, name), value, 'a text', `write it as a text${typeof value === 'number' ? ', in quotes' : ''}`);
      }
    });
  }
  return problems;
}
