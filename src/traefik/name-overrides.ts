import { parseVersion } from '../semver';
import { INGRESS_CLASS } from '../ingress/tls';
import { traefikChartRules, upstreamChartVersion } from './chart-versions';
import type { ValuesViolation } from './values-schema';

type Values = Readonly<Record<string, unknown>>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);

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
 * contains `traefik.name`, else `<release>-<name>`; ingressclass.yaml names the class `ingressClass.name` (v24.0.0+)
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
    `names Traefik's Service${className ? ' and workload' : ', workload and IngressClass'} ${JSON.stringify(fullname)} instead of ${RELEASE}, and this ` +
    `tool relies on the Service kube-system/${RELEASE} (its VIP, kube-vip lease and Service rules)` +
    (className ? '' : ` and the IngressClass ${INGRESS_CLASS}, which every Ingress it writes names`);
  const problems: ValuesViolation[] = [];
  if (full !== undefined && fullname !== RELEASE) {
    problems.push({
      path: ['fullnameOverride'],
      message: `is ${JSON.stringify(values.fullnameOverride)}, so the chart ${renamed}: remove it`,
    });
  }
  if (name !== undefined && trimmed(name) !== RELEASE) {
    const label =
      `labels Traefik's pods app.kubernetes.io/name: ${JSON.stringify(trimmed(name))} instead of ${RELEASE} ` +
      "(the label this tool's pod spread and anti-affinity select them by)";
    const message = full === undefined && fullname !== RELEASE ? `${label} and ${renamed}` : label;
    problems.push({ path: ['nameOverride'], message: `is ${JSON.stringify(values.nameOverride)}, so the chart ${message}: remove it` });
  }
  const namespace = given(values.namespaceOverride);
  if (namespace !== undefined && trimmed(namespace) !== NAMESPACE && rules.namespaceOverride) {
    problems.push({
      path: ['namespaceOverride'],
      message:
        `is ${JSON.stringify(values.namespaceOverride)}, so the chart puts Traefik's Service and workload in that namespace instead of ` +
        `${NAMESPACE}, and this tool relies on the Service ${NAMESPACE}/${RELEASE} (its VIP, kube-vip lease and Service rules): remove it`,
    });
  }
  const instance = given(values.instanceLabelOverride);
  const defaultInstance = `${RELEASE}-${NAMESPACE}`;
  if (instance !== undefined && trimmed(instance) !== defaultInstance && rules.instanceLabelOverride) {
    problems.push({
      path: ['instanceLabelOverride'],
      message:
        `is ${JSON.stringify(values.instanceLabelOverride)}, so the chart labels Traefik's pods app.kubernetes.io/instance: ` +
        `${JSON.stringify(trimmed(instance))} instead of ${defaultInstance} (the label this tool's pod spread and anti-affinity ` +
        'select them by): remove it',
    });
  }
  const service = isMap(values.service) ? values.service : {};
  const serviceName = given(service.nameOverride);
  if (serviceName !== undefined && serviceName !== RELEASE && rules.serviceNameOverride) {
    problems.push({
      path: ['service', 'nameOverride'],
      message:
        `is ${JSON.stringify(service.nameOverride)}, so the chart names Traefik's Service that instead of ${RELEASE}, and this tool relies on ` +
        `the Service kube-system/${RELEASE} (its VIP, kube-vip lease and Service rules): remove it`,
    });
  }
  return problems;
}
