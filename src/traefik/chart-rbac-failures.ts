import type { Path, Problem } from '../core/problem';
import { keyText, shownValue } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { compareVersions, parseVersion, rulesFor, Version } from '../semver';
import { goTruthy as truthy } from './go-truth';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
type Source = <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>;
const valueAt = (values: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);
const since = (chart: Version, tag: string) => compareVersions(parseVersion(tag), chart) <= 0;
/** A switch as the templates read it: the chart's default when not given, a null (on it or a map above) deleting that default. */
const on = (values: Values, path: string, chartDefault: boolean) => {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (!isMap(node) || !Object.hasOwn(node, key)) return chartDefault;
    node = node[key];
    if (node === null) return false;
  }
  return truthy(node);
};
/** sprig's `empty`: nil, false, 0, "" and an empty list or map. */
const empty = (value: unknown) =>
  !truthy(value) || (Array.isArray(value) ? value.length === 0 : isMap(value) && Object.keys(value).length === 0);

/**
 * templates/requirements.yaml (traefik/traefik-helm-chart, v30.1.0 to v41.3.0) under `if .Values.rbac.namespaced`: the
 * Gateway provider fails "Kubernetes Gateway provider requires ClusterRole. RBAC cannot be namespaced."; from v41.1.0 so
 * does Ingress NGINX with `watchNamespaceSelector`; with none of `watching` on it fails `says`. The providers' defaults
 * (traefik/values.yaml): kubernetesCRD and kubernetesIngress on, kubernetesIngressNGINX and knative off. From v40.0.0,
 * `range $name, $config := .Values.ports` ... `if and $config.uplink (empty $.Values.hub.token)` fails "uplink
 * EntryPoints can only be used with Traefik Hub".
 */
const NAMESPACED_RBAC: ReadonlyArray<{ since: string; watching: readonly string[]; says: string; nginxSelector?: boolean }> = [
  {
    since: 'v30.1.0',
    watching: ['kubernetesCRD', 'kubernetesIngress'],
    says: 'namespaced rbac requires Kubernetes CRD or Kubernetes Ingress provider.',
    nginxSelector: false,
  },
  {
    since: 'v41.1.0',
    watching: ['kubernetesCRD', 'kubernetesIngress', 'kubernetesIngressNGINX'],
    says: 'namespaced rbac requires Kubernetes CRD, Kubernetes Ingress NGINX, or Kubernetes Ingress provider.',
    nginxSelector: true,
  },
  {
    since: 'v41.2.0',
    watching: ['kubernetesCRD', 'kubernetesIngress', 'kubernetesIngressNGINX', 'knative'],
    says: 'namespaced rbac requires Kubernetes CRD, Kubernetes Ingress NGINX, Kubernetes Ingress, or Knative provider.',
  },
];
const DEFAULT_ON = ['kubernetesCRD', 'kubernetesIngress'];

export function rbacFailures(values: Values, chart: Version, sourced: Source, chartName: string): Problem[] {
  const problems: Problem[] = [];
  const rbac = rulesFor(NAMESPACED_RBAC, chart);
  if (rbac.watching && on(values, 'rbac.namespaced', false)) {
    const provider = (name: string) => on(values, `providers.${name}.enabled`, DEFAULT_ON.includes(name));
    // One key, so one line naming every reason (of several problems on one path only the first prints).
    // A Gateway provider the generator turns on (`traefik.gateway`) is the Gateway rules' to name (gateway/provider-rules.ts).
    const userGateway = sourced(['providers', 'kubernetesGateway', 'enabled'], false).path.includes('values');
    const reasons = [
      provider('kubernetesGateway') &&
        userGateway &&
        'the Gateway provider is on ("Kubernetes Gateway provider requires ClusterRole. RBAC cannot be namespaced.")',
      rbac.nginxSelector &&
        provider('kubernetesIngressNGINX') &&
        truthy(valueAt(values, ['providers', 'kubernetesIngressNGINX', 'watchNamespaceSelector'])) &&
        'Ingress NGINX has a watchNamespaceSelector ("Kubernetes Ingress NGINX watchNamespaceSelector requires ClusterRole. RBAC cannot be namespaced.")',
      !rbac.watching.some(provider) && `${rbac.watching.join(', ')} are all off ("${rbac.says}")`,
    ].filter((reason): reason is string => typeof reason === 'string');
    if (reasons.length) {
      problems.push({
        path: sourced(['rbac', 'namespaced'], true).path,
        message:
          `is on, but ${reasons.join(', and ')}, and ${chartName} fails on it: remove rbac.namespaced (the chart's ClusterRole ` +
          'then serves every provider), or change those providers',
      });
    }
  }
  const ports = isMap(values.ports) && since(chart, 'v40.0.0') ? values.ports : {};
  if (empty(valueAt(values, ['hub', 'token']))) {
    for (const [name, port] of Object.entries(ports).filter(([, port]) => isMap(port) && truthy(port.uplink))) {
      problems.push({
        path: sourced(['ports', name, 'uplink'], undefined).path,
        message:
          `is ${shownValue((port as Values).uplink)} without hub.token, and ${chartName} fails on it ("uplink EntryPoints can ` +
          'only be used with Traefik Hub"): remove the key (it needs a Traefik Hub licence in hub.token)',
      });
    }
  }
  return problems;
}

/**
 * `experimental.localPlugins` (traefik/traefik-helm-chart): from v37.0.0 templates/_podtemplate.tpl fails "local plugin %s
 * is missing moduleName!" on an entry without the key (`hasKey`); from v37.4.0 templates/_helpers.tpl
 * `traefik.getLocalPluginType` fails "has invalid type configuration" on a Go-true `type` other than hostPath,
 * inlinePlugin or localPath, and "must specify either legacy hostPath configuration or new type configuration!" without
 * either, and a localPath plugin's top-level `volumeName` (`traefik.getLocalPluginLocalPath` keeps every key but type,
 * moduleName and mountPath) must name a `deployment.additionalVolumes` item ("... which is not found in
 * deployment.additionalVolumes!"). Read at v37.0.0, v37.4.0, v38.0.0, v40.0.0, v41.1.0 and v41.3.0.
 */
export function localPluginFailures(values: Values, chart: Version, sourced: Source, chartName: string): Problem[] {
  const plugins = since(chart, 'v37.0.0') ? valueAt(values, ['experimental', 'localPlugins']) : undefined;
  const typed = since(chart, 'v37.4.0');
  const volumes = valueAt(values, ['deployment', 'additionalVolumes']);
  const volumeNames = Array.isArray(volumes) ? volumes.map((volume: unknown) => (isMap(volume) ? volume.name : undefined)) : [];
  return Object.entries(isMap(plugins) ? plugins : {}).flatMap(([name, plugin]): Problem[] => {
    // A null entry is one Helm's coalesce keeps (the chart's default map is empty); `hasKey` on it fails the render too.
    const entry = isMap(plugin) ? plugin : {};
    const path = sourced(['experimental', 'localPlugins', name], undefined).path;
    const fails = (says: string, quote: string, fix: string) => ({
      path,
      message: `${says}, and ${chartName} fails on it ("${quote}"): ${fix}`,
    });
    if (!Object.hasOwn(entry, 'moduleName')) {
      return [fails('has no moduleName', `local plugin ${keyText(name)} is missing moduleName!`, 'give the plugin its moduleName')];
    }
    if (!typed) return [];
    const kinds = ['hostPath', 'inlinePlugin', 'localPath'];
    if (truthy(entry.type) && !kinds.includes(entry.type as string)) {
      return [
        fails(
          `has type ${shownValue(entry.type)}`,
          `localPlugin ${keyText(name)} has invalid type configuration`,
          `write type ${kinds.join(', ')}`,
        ),
      ];
    }
    if (!truthy(entry.type) && !truthy(entry.hostPath)) {
      return [
        fails(
          'has neither a type nor a hostPath',
          `localPlugin ${keyText(name)} must specify either legacy hostPath configuration or new type configuration!`,
          'give type (hostPath, inlinePlugin or localPath) and its settings',
        ),
      ];
    }
    if (entry.type === 'localPath' && !volumeNames.some((volume) => volume === entry.volumeName)) {
      return [
        fails(
          `has volumeName ${shownValue(entry.volumeName)}, which names no deployment.additionalVolumes item`,
          `localPlugin ${keyText(name)} references volume ... which is not found in deployment.additionalVolumes!`,
          'add that volume to deployment.additionalVolumes, or name one there',
        ),
      ];
    }
    return [];
  });
}
