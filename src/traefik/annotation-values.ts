import type { Path, Problem } from '../core/problem';
import { describeValue } from '../core/snapshot';
import { nonTextAnnotations } from '../config/annotations';
import { goTruthy } from './go-truth';
import { valueAt } from './service-facts';
import { compareVersions, parseVersion, Version } from '../semver';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;

/**
 * The chart's other annotation maps, each with what carries it and whether the chart renders that object (`values` are
 * the merged ones; switches are Go truth). traefik/traefik-helm-chart templates at v34.2.0, v39.0.7 and v41.3.0:
 * rbac/serviceaccount.yaml (`if not .Values.serviceAccount.name`), pvc.yaml (`if and .Values.persistence.enabled (not
 * .Values.persistence.existingClaim)`), ingressroute.yaml (`range .Values.ingressRoute`, `if $config.enabled`),
 * service-metrics.yaml (`if (.Values.metrics.prometheus.service).enabled`), gateway.yaml (`if and (.Values.gateway).enabled
 * (.Values.providers.kubernetesGateway).enabled`) and hub-admission-controller.yaml (`if .Values.hub.token`, `if and
 * .Values.hub.apimanagement.enabled (not .Values.hub.offline)`), whose `with .Values.hub.apimanagement.admission.annotations`
 * came in v37.1.0 (absent from v37.0.0 and before).
 */
const HUB_ADMISSION_ANNOTATIONS = parseVersion('37.1.0');
function otherMaps(values: Values, chart: Version): Array<{ at: string[]; what: string }> {
  const on = (...path: string[]) => goTruthy(valueAt(values, path));
  const routes = isMap(values.ingressRoute) ? values.ingressRoute : {};
  return [
    ...(on('serviceAccount', 'name') ? [] : [{ at: ['serviceAccountAnnotations'], what: "Traefik's ServiceAccount" }]),
    ...(on('persistence', 'enabled') && !on('persistence', 'existingClaim')
      ? [{ at: ['persistence', 'annotations'], what: "Traefik's PersistentVolumeClaim" }]
      : []),
    ...Object.keys(routes)
      .filter((name) => on('ingressRoute', name, 'enabled'))
      .map((name) => ({ at: ['ingressRoute', name, 'annotations'], what: `the IngressRoute ${name}` })),
    ...(on('metrics', 'prometheus', 'service', 'enabled')
      ? [{ at: ['metrics', 'prometheus', 'service', 'annotations'], what: "Traefik's metrics Service" }]
      : []),
    // `gateway.enabled` is true by default (traefik/values.yaml); a null deletes that default.
    ...((valueAt(values, ['gateway', 'enabled']) === undefined || on('gateway', 'enabled')) &&
    on('providers', 'kubernetesGateway', 'enabled')
      ? [{ at: ['gateway', 'annotations'], what: "the chart's Gateway" }]
      : []),
    ...(compareVersions(chart, HUB_ADMISSION_ANNOTATIONS) >= 0 &&
    on('hub', 'token') &&
    on('hub', 'apimanagement', 'enabled') &&
    !on('hub', 'offline')
      ? [{ at: ['hub', 'apimanagement', 'admission', 'annotations'], what: "Traefik Hub's admission webhook" }]
      : []),
  ];
}

/**
 * Whether the chart renders the `<name>-udp` Service that carries `annotationsUDP` (templates/service.yaml, v34.2.0 to
 * v41.3.0: only with `single` off and a UDP port, an entrypoint's `protocol: UDP` or its `http3`); `service.single` is
 * true by default (traefik/values.yaml).
 */
function udpServiceRenders(values: Values, at: readonly string[]): boolean {
  const single = valueAt(values, [...at, 'single']) ?? valueAt(values, ['service', 'single']);
  if (single === undefined || goTruthy(single)) return false;
  // Only ports exposed on this Service count (`expose.<service>`; the chart's web and websecure are exposed by default).
  const service = at.length === 1 ? 'default' : at[at.length - 1];
  const ports = isMap(values.ports) ? Object.entries(values.ports) : [];
  return ports.some(([name, port]) => {
    if (!isMap(port) || !(String(port.protocol) === 'UDP' || goTruthy(valueAt(port, ['http3', 'enabled'])))) return false;
    const exposed = valueAt(port, ['expose', service]);
    return exposed === undefined ? service === 'default' && (name === 'web' || name === 'websecure') : goTruthy(exposed);
  });
}

/**
 * Annotation values the chart writes that are not texts, which the API server refuses (config/annotations.ts). The chart
 * writes every annotation map through toYaml, which keeps a number or map as one (traefik/traefik-helm-chart
 * templates/service.yaml, deployment.yaml, daemonset.yaml and _podtemplate.tpl, v20.1.1 to v41.3.0; otherMaps for the
 * rest). `values` (the merged ones) and `chart`, the chart's version, say which objects the chart renders.
 */
export function nonTextAnnotationProblems(user: Values, prefix: Path, values: Values, chart: Version): Problem[] {
  const service = isMap(user.service) ? user.service : {};
  const extra = isMap(service.additionalServices) ? service.additionalServices : {};
  const services = [
    ...(service.enabled === false ? [] : [{ at: ['service'], what: "Traefik's Service" }]),
    ...Object.keys(extra)
      .filter((name) => isMap(extra[name]) && extra[name].enabled !== false)
      .map((name) => ({ at: ['service', 'additionalServices', name], what: `Service traefik-${name}` })),
  ].flatMap(({ at, what }) =>
    ['annotations', 'annotationsTCP', ...(udpServiceRenders(values, at) ? ['annotationsUDP'] : [])].map((key) => ({
      at: [...at, key],
      what,
    })),
  );
  const maps = [
    ...services,
    { at: ['deployment', 'annotations'], what: "Traefik's Deployment (or DaemonSet)" },
    { at: ['deployment', 'podAnnotations'], what: "Traefik's pods" },
    ...otherMaps(values, chart),
  ];
  return maps.flatMap(({ at, what }) => {
    const annotations = valueAt(user, at);
    return nonTextAnnotations(isMap(annotations) ? annotations : {}).map((key) => {
      const value = (annotations as Values)[key];
      const fix = typeof value === 'number' || typeof value === 'boolean' ? `quote it ("${String(value)}")` : 'write a text';
      return {
        path: [...prefix, 'values', ...at, key],
        message:
          `${describeValue(value)}, but an annotation's value must be a text, and the chart writes it unchanged, so the API server ` +
          `refuses ${what} and the whole Traefik release fails: ${fix}`,
      };
    });
  });
}
