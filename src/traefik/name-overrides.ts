import { shownValue } from '../core/problem';
import { parseVersion } from '../semver';
import { INGRESS_CLASS } from '../ingress/tls';
import { TraefikChartRules, traefikChartRules, upstreamChartVersion } from './chart-versions';
import { goTruthy } from './go-truth';
import type { ValuesViolation } from './values-schema';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/** K3s installs the chart as release `traefik`; the chart's name is `traefik` too. */
const RELEASE = 'traefik';

/** K3s installs the release in kube-system, so the chart's instance label is `<release>-<namespace>`. */
const NAMESPACE = 'kube-system';

/** Helm's `trunc 63 | trimSuffix "-"` (sprig trimSuffix removes one dash). */
const trimmed = (text: string) => text.slice(0, 63).replace(/-$/, '');
/** A name given as text; the chart's `default` replaces "" and null (other types are the values schema's concern). */
const given = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The chart's name overrides, which rename what this tool relies on: the Service kube-system/traefik (its VIP,
 * kube-vip lease and Service rules, the `traefik-<name>` additional Services), the IngressClass `traefik` that every
 * Ingress it writes names, and the pod label `app.kubernetes.io/name: traefik` its spread and anti-affinity select.
 * traefik/templates/_helpers.tpl (v20.1.1 to v41.3.0): `traefik.name` is `nameOverride` or the chart name, trunc 63,
 * trimSuffix "-"; `traefik.fullname` is `fullnameOverride` (trunc 63, trimSuffix "-"), else the release name when it
 * contains `traefik.name`, else `<release>-<name>`; ingressclass.yaml names the class `ingressClass.name` (v23.2.0+)
 * or else `traefik.fullname`; `namespaceOverride` (v20.2.0+) moves them out of kube-system and `instanceLabelOverride`
 * (v20.3.0+) relabels the pods' `app.kubernetes.io/instance`. Any other name (an uppercase one, which the API server refuses, too) is refused.
 */
export function nameOverrideProblems(values: Values, chartVersion: string): ValuesViolation[] {
  const version = parseVersion(upstreamChartVersion(chartVersion));
  const name = given(values.nameOverride);
  const full = given(values.fullnameOverride);
  const fullname = full !== undefined ? trimmed(full) : !name || RELEASE.includes(name) ? RELEASE : trimmed(`${RELEASE}-${name}`);
  const classBlock = isMap(values.ingressClass) ? values.ingressClass : {};
  const rules = traefikChartRules(version);
  const className = rules.ingressClassName && given(classBlock.name);
  const renamed =
    `names Traefik's Service${className ? ' and workload' : ', workload and IngressClass'} ${shownValue(fullname)} instead of ${RELEASE}, and this ` +
    `tool relies on the Service kube-system/${RELEASE} (its VIP, kube-vip lease and Service rules)` +
    (className ? '' : ` and the IngressClass ${INGRESS_CLASS}, which every Ingress it writes names`);
  const problems: ValuesViolation[] = nonTextOverrides(values, rules);
  if (full !== undefined && fullname !== RELEASE) {
    problems.push({
      path: ['fullnameOverride'],
      message: `is ${shownValue(values.fullnameOverride)}, so the chart ${renamed}: remove it`,
    });
  }
  if (name !== undefined && trimmed(name) !== RELEASE) {
    const label =
      `labels Traefik's pods app.kubernetes.io/name: ${shownValue(trimmed(name))} instead of ${RELEASE} ` +
      "(the label this tool's pod spread and anti-affinity select them by)";
    const message = full === undefined && fullname !== RELEASE ? `${label} and ${renamed}` : label;
    problems.push({ path: ['nameOverride'], message: `is ${shownValue(values.nameOverride)}, so the chart ${message}: remove it` });
  }
  const namespace = given(values.namespaceOverride);
  if (namespace !== undefined && trimmed(namespace) !== NAMESPACE && rules.namespaceOverride) {
    problems.push({
      path: ['namespaceOverride'],
      message:
        `is ${shownValue(values.namespaceOverride)}, so the chart puts Traefik's Service and workload in that namespace instead of ` +
        `${NAMESPACE}, and this tool relies on the Service ${NAMESPACE}/${RELEASE} (its VIP, kube-vip lease and Service rules): remove it`,
    });
  }
  const instance = given(values.instanceLabelOverride);
  const defaultInstance = `${RELEASE}-${NAMESPACE}`;
  if (instance !== undefined && trimmed(instance) !== defaultInstance && rules.instanceLabelOverride) {
    problems.push({
      path: ['instanceLabelOverride'],
      message:
        `is ${shownValue(values.instanceLabelOverride)}, so the chart labels Traefik's pods app.kubernetes.io/instance: ` +
        `${shownValue(trimmed(instance))} instead of ${defaultInstance} (the label this tool's pod spread and anti-affinity ` +
        'select them by): remove it',
    });
  }
  const service = isMap(values.service) ? values.service : {};
  const serviceName = given(service.nameOverride);
  if (serviceName !== undefined && serviceName !== RELEASE && rules.serviceNameOverride) {
    problems.push({
      path: ['service', 'nameOverride'],
      message:
        `is ${shownValue(service.nameOverride)}, so the chart names Traefik's Service that instead of ${RELEASE}, and this tool relies on ` +
        `the Service kube-system/${RELEASE} (its VIP, kube-vip lease and Service rules): remove it`,
    });
  }
  return problems;
}

/** How a message names a value that is not text, without echoing a list or map. */
const kindOf = (value: unknown) =>
  Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : typeof value === 'number' ? `the number ${value}` : String(value);

/**
 * Name overrides that are not text (null is unset: Helm's merge drops it). The templates pipe a true one into sprig's
 * `trunc 63` (or `contains`, `len`), which take text only, so Helm fails to render the chart: _helpers.tpl `traefik.name`
 * `default .Chart.Name .Values.nameOverride | trunc 63`, `traefik.fullname` `if .Values.fullnameOverride` ...
 * `.Values.fullnameOverride | trunc 63`, `traefik.namespace` and `traefik.instance-name` alike (v20.1.1 to v41.3.0),
 * _service.tpl `traefik.service-name` `len` of `service.nameOverride` (v40.0.0+). A false one (false, 0, empty list or
 * map) the templates skip, but the chart's values schema, which Helm checks before rendering, types them as text
 * (vendor/traefik-values-schema: namespaceOverride and instanceLabelOverride from v34.2.0, the others from v39.0.2), so one
 * rule holds on every chart.
 */
function nonTextOverrides(values: Values, rules: TraefikChartRules): ValuesViolation[] {
  const service = isMap(values.service) ? values.service : {};
  const keys: Array<[string[], unknown, boolean | undefined]> = [
    [['fullnameOverride'], values.fullnameOverride, true],
    [['nameOverride'], values.nameOverride, true],
    [['namespaceOverride'], values.namespaceOverride, rules.namespaceOverride],
    [['instanceLabelOverride'], values.instanceLabelOverride, rules.instanceLabelOverride],
    [['service', 'nameOverride'], service.nameOverride, rules.serviceNameOverride],
  ];
  return keys.flatMap(([path, value, read]) => {
    if (!read || value === undefined || value === null || typeof value === 'string') return [];
    const effect = goTruthy(value)
      ? "the chart's templates pipe it into functions that take text only (trunc 63), so Helm fails to render the chart"
      : "the chart's templates skip it as empty, but the values schemas of newer charts (every one from v39) refuse a name that is not text";
    return [{ path, message: `is ${kindOf(value)}, not text: ${effect}: remove it, or write the name as text` }];
  });
}
