import { editDistance } from '../core/closest';
import { apiGroup } from '../validate/kinds';
import { TRAEFIK_CRD_KINDS } from './extra-object-rules';

/**
 * Wave 83: the kinds Traefik's `extraObjects` may carry. The chart applies each item as written, in Traefik's release
 * (traefik/traefik-helm-chart templates/extra-objects.yaml, v39.0.7), after every rule of this tool has passed; any kind
 * can be written there, so judging the kinds that take over what this tool manages one by one never ends (attack rounds
 * 81 and 82: a second announcer, admission engines, API services, network policies of other engines, autoscalers,
 * other workload controllers). The release holds what serves Traefik's routes instead, each kind judged by this tool's
 * rules: Traefik's own CRDs, Gateway API routes and grants, an application's namespaced objects behind them, their
 * certificates, monitors and sealed or external Secrets. Anything else belongs beside this tool's manifests.
 */
const CARRIED: Readonly<Record<string, readonly string[]>> = {
  // Core and built-in groups: an application's namespaced objects (RBAC and every cluster-scoped kind are left out:
  // they grant rights or change the whole cluster).
  '': ['ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'Endpoints', 'Pod', 'PersistentVolumeClaim'],
  apps: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
  batch: ['Job', 'CronJob'],
  'discovery.k8s.io': ['EndpointSlice'],
  policy: ['PodDisruptionBudget'],
  autoscaling: ['HorizontalPodAutoscaler'],
  // Ingress (networking.k8s.io) and cert-manager's Issuer and ClusterIssuer are first-class (ingresses,
  // certManager.issuers), refused before this table with that advice, and no near miss points at them.
  'networking.k8s.io': ['NetworkPolicy'],
  ...TRAEFIK_CRD_KINDS,
  // The namespaced kinds of the Gateway API's standard and experimental channels (kubernetes-sigs/gateway-api
  // apis/v1, v1alpha2, v1alpha3, v1beta1 at v1.2.0); GatewayClass is cluster-scoped, made by the chart's gatewayClass key.
  'gateway.networking.k8s.io': [
    'Gateway',
    'HTTPRoute',
    'GRPCRoute',
    'TCPRoute',
    'TLSRoute',
    'UDPRoute',
    'ReferenceGrant',
    'BackendTLSPolicy',
  ],
  // The certificate a route's TLS uses (cert-manager/cert-manager pkg/apis/certmanager/v1).
  'cert-manager.io': ['Certificate'],
  // Monitors, rules and dashboards of Traefik's metrics: the Prometheus Operator's (prometheus-operator
  // pkg/apis/monitoring/v1 and v1alpha1), VictoriaMetrics' (VictoriaMetrics/operator api/operator/v1beta1) and the
  // Grafana Operator's dashboards (grafana/grafana-operator api/v1beta1).
  'monitoring.coreos.com': ['ServiceMonitor', 'PodMonitor', 'Probe', 'PrometheusRule', 'AlertmanagerConfig'],
  'operator.victoriametrics.com': ['VMServiceScrape', 'VMPodScrape', 'VMProbe', 'VMRule'],
  'grafana.integreatly.org': ['GrafanaDashboard'],
  // A middleware's or route's Secret kept out of Git: Sealed Secrets (bitnami-labs/sealed-secrets pkg/apis/sealedsecrets/v1alpha1)
  // and External Secrets' namespaced kinds (external-secrets/external-secrets apis/externalsecrets/v1beta1).
  'bitnami.com': ['SealedSecret'],
  'external-secrets.io': ['ExternalSecret', 'SecretStore'],
};

/** 'an' before a vowel, and before a letter said with one (an L2Advertisement, an HTTPRoute). */
export const article = (kind: string) => (/^[AEIOUaeiou]|^[FHLMNRSX][A-Z0-9]/.test(kind) ? 'an' : 'a');

/** The groups extraObjects carry, as written in messages (the core group as `v1`). */
const groupName = (group: string) => (group === '' ? 'the core group (v1)' : `API group ${group}`);

/** Why an item's kind is not carried, and whether it reads as a misspelling of a carried kind of its group. */
export interface UncarriedKind {
  readonly message: string;
  readonly misspelt: boolean;
}

/** The refusal of an item whose kind extraObjects do not carry (CARRIED), or undefined; a misspelt kind is told the nearest. */
export function uncarriedKind(object: Readonly<Record<string, unknown>>): UncarriedKind | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '') return undefined;
  const group = apiGroup(apiVersion);
  const kinds = Object.hasOwn(CARRIED, group) ? CARRIED[group] : undefined;
  if (kinds?.includes(kind)) return undefined;
  // A spelling miss only, within a quarter of the kind's letters (83a-24: Node is no Pod, PersistentVolume no claim).
  const near = kinds?.find((known) => editDistance(known.toLowerCase(), kind.toLowerCase()) <= Math.max(1, Math.floor(kind.length / 4)));
  const message =
    `is ${article(kind)} ${kind} of ${groupName(group)}, which Traefik's extraObjects do not carry: this tool judges only ` +
    "what serves Traefik's routes there (Traefik's CRDs, Gateway API routes and grants, Services, ConfigMaps, Secrets, " +
    `ordinary workloads, certificates, monitors): ${near ? `if you meant ${near}, write that; else ` : ''}install it beside ` +
    "this tool's manifests (a release, kustomization or manifest of its own)";
  return { message, misspelt: near !== undefined };
}
