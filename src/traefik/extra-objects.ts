import { identityText, WrittenObject } from '../core/object-identity';
import { formatPath, Path, Problem } from '../core/problem';
import { readHelmManifestText } from '../core/manifest-text';
import { apiGroup } from '../validate/kinds';
import { isKubernetesGroup } from '../validate/schemas';
import { traefikGroupCrd } from '../validate/traefik-crds';
import {
  helmControllerProblem,
  kubeVipSidecarProblems,
  kubeVipWorkloadProblem,
  traefikCrdProblem,
  traefikPodObjectProblem,
} from './extra-object-rules';
import { SchemaContext, schemaProblems } from './extra-object-schema';
import { takeoverProblem } from './extra-object-takeovers';
import { uncarriedKind } from './extra-object-kinds';
import { workloadPowerProblems } from './extra-workload-powers';
import { namespaceOf } from './extra-accounts';
import { routeGrantProblems } from './extra-route-grants';
import { writtenServiceEndpointsProblem } from './written-service-endpoints';
import { resolverNameProblem } from './resolver-names';
import { goTruthy } from './go-truth';
import { isMap } from '../core/is-map';
import { listItemPaths } from '../core/list-items';
import { brokenList, inDocument, nonObjectProblems } from './extra-list-shapes';
import { renamedKeyProblems } from './extra-helm-keys';
import { chartObjectNameProblems } from './chart-object-names';
import { fileRoutes } from '../ingress/file-routes';
import { chartCrdTypeProblems } from './chart-crd-objects';
import type { TraefikChartRules } from './chart-versions';
import { existingTlsSecretDoor } from '../ingress/tls';

type Values = Record<string, unknown>;

/**
 * kube-proxy answers for a Service's externalIPs on every node, whatever owns them: a VIP of this cluster (Traefik's
 * :80, the API server's :6443) or any other address is taken over (CVE-2020-8554; K3s does not deny them).
 */
export const EXTERNAL_IPS_TAKEOVER =
  "is set: kube-proxy then answers for those addresses on every node, whatever owns them (this cluster's VIPs too)";

/**
 * The objects this tool writes under fixed names (kube-vip/rbac.ts, kube-vip/daemon-set.ts, kube-vip/cloud-provider.ts,
 * traefik/helm-chart-config.ts), as `Kind namespace/name` (no namespace for cluster-scoped kinds). An
 * `extraObjects` item of the same identity gives the object a second owner: the Traefik release and this
 * tool's manifests would overwrite each other, and Helm refuses to adopt an object it did not create.
 * The objects whose presence or name depends on the config (cert-manager's HelmChart, the Gateway and its routes,
 * the `loadBalancers` Services, the GitOps objects) are cluster-level: the rules of a cluster refuse those
 * (extraObjectClaims, from src/cluster/written-objects.ts); a TraefikHelmChartConfig alone cannot know them.
 */
export const FIXED_OBJECTS: readonly string[] = [
  'ServiceAccount kube-system/kube-vip',
  'ClusterRole system:kube-vip-role',
  'ClusterRoleBinding system:kube-vip-binding',
  'DaemonSet kube-system/kube-vip-ds',
  'ServiceAccount kube-system/kube-vip-cloud-controller',
  'ClusterRole system:kube-vip-cloud-controller-role',
  'ClusterRoleBinding system:kube-vip-cloud-controller-binding',
  'Deployment kube-system/kube-vip-cloud-provider',
  'HelmChartConfig kube-system/traefik',
];

/** Where a rule-bearing object is declared instead: the config key (and K3sVipCluster prop), or the construct. */
interface FirstClass {
  readonly what: string;
  readonly key: string;
  readonly construct: string;
  readonly rules: string;
}

const INGRESS: FirstClass = {
  what: 'an Ingress',
  key: 'ingresses',
  construct: 'an IngressChart or TraefikIngress construct',
  rules: 'host, path, backend, TLS and resolver checks',
};
const ISSUER: FirstClass = {
  what: 'a cert-manager issuer',
  key: 'certManager.issuers',
  construct: 'a CertManagerIssuersChart construct',
  rules: 'ACME server, email, solver and Secret checks',
};
const POOL: FirstClass = {
  what: "kube-vip-cloud-provider's IP pool (ConfigMap kube-system/kubevip)",
  key: 'kubeVip.services.ipPool',
  construct: 'a KubeVipCloudProviderChart construct',
  rules: 'checks against the Service and pod networks, the control-plane VIP and the other VIPs',
};

/**
 * What an item stands for, when a first-class key declares it with every rule: Ingresses
 * (networking.k8s.io), cert-manager's Issuer and ClusterIssuer (cert-manager.io), and the ConfigMap
 * kube-vip-cloud-provider reads its pool from (kube-vip/kube-vip-cloud-provider: ConfigMap `kubevip` in kube-system).
 */
function firstClassFor(kind: unknown, apiVersion: unknown, namespace: unknown, name: unknown): FirstClass | undefined {
  const group = typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (kind === 'Ingress' && (group === 'networking.k8s.io' || group === 'extensions')) return INGRESS;
  if ((kind === 'Issuer' || kind === 'ClusterIssuer') && group === 'cert-manager.io') return ISSUER;
  if (kind === 'ConfigMap' && apiVersion === 'v1' && namespace === 'kube-system' && name === 'kubevip') return POOL;
  return undefined;
}

/**
 * `extraObjects` map items that escape the rules of the objects they stand for (attack round 13, D6):
 * an object a first-class key declares, or one with the identity of an object this tool writes. The chart
 * renders each item as it is (traefik/templates/extra-objects.yaml), so nothing else judges them. `prefix`
 * is where the settings live (`traefik` in a config file, nothing in a TraefikHelmChartConfig's props).
 * An item written as text is judged as the objects it reads as (renderedObjects).
 */
export function extraObjectEscapes(
  values: Values,
  prefix: Path,
  chart: Pick<TraefikChartRules, 'gatewayApi' | 'crdPatterns'>,
  k3sVersion?: string,
): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  // Gateway API objects are judged against the CRD bundle of the chart version, as gateway-api.yaml is (none known: every bundle).
  // Every object the items render (a ReferenceGrant for a route's backend may be any of them).
  const objects = items.flatMap((item) => renderedObjectsAt(item).map(({ object }) => object));
  const schema: SchemaContext = {
    bundle: chart.gatewayApi.startsWith('v') ? chart.gatewayApi : undefined,
    crdPatterns: chart.crdPatterns,
    objects,
    k3sVersion,
  };
  return [
    ...items.flatMap((item, i) => {
      const path = [...prefix, 'values', 'extraObjects', i];
      return [
        ...nonObjectProblems(item, path),
        ...renamedKeyProblems(item, path),
        // A broken List is said by nonObjectProblems alone (its fields are no object's).
        ...renderedObjectsAt(item).flatMap(({ object, at, document }) =>
          brokenList(object)
            ? []
            : objectEscapes(object, [...path, ...at], prefix, values, schema).map((problem) => inDocument(problem, document)),
        ),
      ];
    }),
    // The user's containers in Traefik's own pods are the same escape hatch for a second kube-vip.
    ...kubeVipSidecarProblems(values, prefix),
    // 75a-12: the Traefik objects the chart renders from its own keys get the CRD types these items get.
    ...chartCrdTypeProblems(values, prefix),
    // 76b-12: and the names they are rendered with get the API server's name rule.
    ...chartObjectNameProblems(values, prefix),
  ];
}

/**
 * `extraObjects` items with the identity of an object this tool writes for the config (API group, kind, namespace,
 * name): `written` is what the cluster's charts write (src/cluster/written-objects.ts), each with the key that makes it.
 * The objects of FIXED_OBJECTS are judged by extraObjectEscapes. An item without a namespace lands in kube-system.
 * Also EndpointSlices and Endpoints that join a Service of `written` (written-service-endpoints.ts).
 */
export function extraObjectClaims(values: Values, prefix: Path, written: readonly WrittenObject[]): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjectsAt(item).flatMap(({ object, at, document }) => {
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const { apiVersion, kind } = object;
      const namespace = namespaceOf(object);
      const taken = written.find(
        (w) =>
          typeof apiVersion === 'string' &&
          apiGroup(apiVersion) === apiGroup(w.apiVersion) &&
          kind === w.kind &&
          metadata.name === w.name &&
          (w.namespace === undefined || namespace === w.namespace),
      );
      const path = [...prefix, 'values', 'extraObjects', i, ...at];
      if (taken) return [inDocument({ path, message: claimMessage(identityText(taken), taken.key) }, document)];
      const joins = typeof namespace === 'string' ? writtenServiceEndpointsProblem(object, namespace, written) : undefined;
      if (joins) return [inDocument({ path, message: joins }, document)];
      // Any other helm-controller object is judged here, after the claims, so the one this tool writes is named as such.
      const helm = fixedIdentity(object) ? undefined : helmControllerProblem(object, prefix);
      return helm ? [inDocument({ path, message: helm }, document)] : [];
    }),
  );
}

/** Why an item may not take the identity of an object this tool writes (`key`: the first-class keys that change it). */
const claimMessage = (identity: string, key?: string): string =>
  `is ${identity}, an object this tool writes itself: two owners overwrite each other (and Helm refuses to adopt ` +
  `an object it did not create), so give the item another name, or change the object through its first-class keys${key ? ` (${key})` : ''}`;

/**
 * The objects an `extraObjects` item renders to: a map as it is, a text as the manifests Helm reads it as (core/manifest-text.ts
 * readHelmManifestText; the chart renders it through `tpl`). Text not read cleanly gets the secret and template checks alone.
 */
export function renderedObjects(item: unknown): Values[] {
  if (typeof item === 'string') return readHelmManifestText(item).documents.filter(isMap);
  return isMap(item) ? [item] : [];
}

/** An object an item renders to, where it sits below the item (a List's `items[0]`), and which document of a text holds it. */
export interface RenderedObject {
  readonly object: Values;
  readonly at: Path;
  /** The document's number (from 1), in a text of several. */
  readonly document?: number;
}

/**
 * 75a-11: the objects an item renders to, as Helm applies them: a List (core/list-items.ts) is its items, which Helm's
 * kube client flattens (helm/helm v3.19.0 pkg/kube/client.go `newBuilder`: `Flatten()`; the chart renders the List
 * as one document: traefik/traefik-helm-chart v39.0.7 templates/extra-objects.yaml, `toYaml`), so the List itself is
 * no object to judge.
 */
export function renderedObjectsAt(item: unknown): RenderedObject[] {
  const documents = typeof item === 'string' ? readHelmManifestText(item).documents : [item];
  return documents.flatMap((document, d) =>
    isMap(document)
      ? listItemPaths(document).map(({ item: object, at }) => ({ object, at, ...(documents.length > 1 && { document: d + 1 }) }))
      : [],
  );
}

/** A route of an IngressRoute or IngressRouteTCP (Traefik's groups, traefik.io or the older traefik.containo.us) in `extraObjects`. */
export interface ExtraObjectRoute {
  readonly kind: 'IngressRoute' | 'IngressRouteTCP';
  /** The object's spec (entryPoints, tls). */
  readonly spec: Values;
  readonly route: unknown;
  /** Where the route stands, below the reader's prefix: `values.extraObjects[i].spec.routes[j]`. */
  readonly at: Path;
}

/** Every route of the `kinds` of Traefik's route objects that `extraObjects` renders, in order. */
export function extraObjectRoutes(values: Values, kinds: ReadonlyArray<ExtraObjectRoute['kind']>): ExtraObjectRoute[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjectsAt(item).flatMap(({ object, at }): ExtraObjectRoute[] => {
      const kind = kinds.find((k) => k === object.kind);
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      if (!kind || (group !== 'traefik.io' && group !== 'traefik.containo.us')) return [];
      const spec = isMap(object.spec) ? object.spec : {};
      const routes: unknown[] = Array.isArray(spec.routes) ? spec.routes : [];
      return routes.map((route, j) => ({ kind, spec, route, at: ['values', 'extraObjects', i, ...at, 'spec', 'routes', j] }));
    }),
  );
}

/** The identity of FIXED_OBJECTS an item takes, if any (a namespaced item without a namespace lands in kube-system). */
function fixedIdentity(item: Values): string | undefined {
  const { name, namespace: given } = isMap(item.metadata) ? item.metadata : {};
  const [kind, namespace] = [item.kind, namespaceOf(item)];
  // A namespace that is no text takes no identity (the schema refuses it).
  return typeof kind === 'string' && typeof name === 'string' && typeof (given ?? '') === 'string'
    ? FIXED_OBJECTS.find((fixed) => fixed === `${kind} ${namespace}/${name}` || fixed === `${kind} ${name}`)
    : undefined;
}

/** Whether an Ingress spec's `tls` names a Secret of its own (`tls: [{secretName: ...}]`). */
const tlsSecretNamed = (spec: unknown): boolean =>
  isMap(spec) &&
  Array.isArray(spec.tls) &&
  spec.tls.some((entry) => isMap(entry) && typeof entry.secretName === 'string' && entry.secretName !== '');

function objectEscapes(item: Values, path: Path, prefix: Path, values: Values, schema: SchemaContext): Problem[] {
  const metadata = isMap(item.metadata) ? item.metadata : {};
  const { kind } = item;
  const { name } = metadata;
  // A namespaced item without a namespace (or with "") lands in the release's, kube-system.
  const namespace = namespaceOf(item);
  const instead = firstClassFor(kind, item.apiVersion, namespace, name);
  if (instead) {
    const where = prefix.length ? instead.key : instead.construct;
    // 79b-17: an Ingress with a Secret of its own has no first-class door; the one that works is named.
    const secretDoor =
      instead === INGRESS && tlsSecretNamed(item.spec) ? `; ${existingTlsSecretDoor(prefix.length ? 'traefik.values' : 'values')}` : '';
    // 83a-10: certManager.issuers declares ACME ClusterIssuers only; a CA, self-signed or Vault issuer has no key here.
    if (instead === ISSUER && !(isMap(item.spec) && isMap(item.spec.acme)))
      return [
        {
          path,
          message:
            `is a cert-manager issuer that is not ACME, which ${where} cannot declare (it makes ACME ClusterIssuers only) and ` +
            "extraObjects do not carry, as one escapes this tool's issuer checks: install it beside this tool's manifests",
        },
      ];
    return [
      {
        path,
        message:
          `is ${instead.what}, but an object written in extraObjects escapes this tool's ${instead.rules} ` +
          `(and one the API server refuses fails the whole Traefik release): declare it in ${where} instead${secretDoor}`,
      },
    ];
  }
  const spec = isMap(item.spec) ? item.spec : {};
  if (kind === 'Service' && Array.isArray(spec.externalIPs) && spec.externalIPs.length) {
    return [
      {
        path: [...path, 'spec', 'externalIPs'],
        message: `${EXTERNAL_IPS_TAKEOVER}; give the Service a VIP through ${prefix.length ? 'loadBalancers' : 'a LoadBalancerService'} instead`,
      },
    ];
  }
  const identity = fixedIdentity(item);
  if (identity) return [{ path, message: claimMessage(identity) }];
  // What an item points at, whatever its name (extra-object-rules.ts): Traefik's own pods, kube-vip, helm-controller.
  // A config's helm-controller items are judged with the cluster's claims (extraObjectClaims), which know the objects
  // this tool writes (its cert-manager HelmChart); props alone know none of those.
  const helmController = helmControllerProblem(item, prefix);
  const targeted = traefikPodObjectProblem(item, values, prefix) ?? (prefix.length ? undefined : helmController);
  if (targeted) return [{ path, message: targeted }];
  const kubeVip = kubeVipWorkloadProblem(item, prefix);
  if (kubeVip) return [{ path: [...path, ...kubeVip.at], message: kubeVip.message }];
  // 81b: an object that takes over what this tool manages and judges (extra-object-takeovers.ts).
  const takeover = takeoverProblem(item, values, prefix);
  if (takeover) return [{ path, message: takeover }];
  // A misspelt Traefik CRD object, refused before the CRD rules (its resolver's) would skip it as another kind.
  const crd = traefikCrdProblem(item);
  if (crd) return [{ path: [...path, ...crd.at], message: crd.message }];
  // Wave 83: only the kinds that serve Traefik's routes (extra-object-kinds.ts); a config's claims judge helm-controller's.
  const uncarried = helmController ? undefined : uncarriedKind(item);
  // A generic verdict: a rule that says more of the item on its path (a claim of an object this tool writes) stands
  // instead, and so does the schema's word on a misspelt kind; its other findings are said too (all at once).
  if (uncarried) {
    const found = schemaProblems(item, path, schema);
    // 83a-8: a built-in group's schema knows every kind it has, so its word on the kind is the one problem.
    const authoritative = uncarried.misspelt || (typeof item.apiVersion === 'string' && isKubernetesGroup(apiGroup(item.apiVersion)));
    const kindSaid = authoritative && found.some((problem) => formatPath(problem.path) === formatPath([...path, 'kind']));
    return [...(kindSaid ? [] : [{ path, message: uncarried.message, schemaVerdict: true }]), ...found];
  }
  return [
    ...workloadPowerProblems(item, schema.objects, values, schema.k3sVersion).map(({ at, message }) => ({
      path: [...path, ...at],
      message,
    })),
    ...schemaProblems(item, path, schema),
    ...routeGrantProblems(item, path, schema.objects),
  ];
}

/** Where Traefik's CRDs name a certificate resolver: an IngressRoute's or IngressRouteTCP's TLS, a TLSStore's generated default. */
const RESOLVER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  IngressRoute: ['tls', 'certResolver'],
  IngressRouteTCP: ['tls', 'certResolver'],
  TLSStore: ['defaultGeneratedCert', 'resolver'],
};

/**
 * `extraObjects` items of Traefik's CRDs (traefik.io, or the older traefik.containo.us) naming a certificate resolver
 * that Traefik does not define (`known`, exactly as written: Traefik matches a resolver's name exactly): Traefik would
 * serve its self-signed default certificate, as for an Ingress' `tls.certResolver` (ingress/rules.ts). `define` says
 * where a resolver is declared for the reader.
 */
export function extraObjectResolverProblems(values: Values, prefix: Path, known: ReadonlySet<string>, define: string): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return [...chartObjectResolverProblems(values, prefix, known, define), ...extraItemResolverProblems(items, prefix, known, define)];
}

/** A map's entries, or none. */
const entriesOf = (value: unknown): Array<[string, Values]> =>
  isMap(value) ? Object.entries(value).flatMap(([name, entry]) => (isMap(entry) ? [[name, entry] as [string, Values]] : [])) : [];

/**
 * The IngressRoutes the chart renders from its values: one per `ingressRoute.<name>` where `enabled` (Go truth),
 * of one route, its `matchRule`, on `entryPoints`, with `tls: toYaml $config.tls` (traefik/traefik-helm-chart
 * templates/ingressroute.yaml).
 */
export const chartIngressRoutes = (values: Values): Array<[string, Values]> =>
  entriesOf(values.ingressRoute).filter(([, config]) => goTruthy(config.enabled));

/**
 * The chart renders `ingressRoute.<name>` (chartIngressRoutes) and every `tlsStore.<name>` into the same objects
 * (traefik/traefik-helm-chart templates/tlsstore.yaml: `spec: toYaml $config`): their resolvers are judged alike,
 * at their values path.
 */
function chartObjectResolverProblems(values: Values, prefix: Path, known: ReadonlySet<string>, define: string): Problem[] {
  const named = [
    ...chartIngressRoutes(values).map(([name, config]) => ({
      kind: 'IngressRoute',
      resolver: isMap(config.tls) ? config.tls.certResolver : undefined,
      at: ['ingressRoute', name, 'tls', 'certResolver'],
    })),
    ...entriesOf(values.tlsStore).map(([name, config]) => ({
      kind: 'TLSStore',
      resolver: isMap(config.defaultGeneratedCert) ? config.defaultGeneratedCert.resolver : undefined,
      at: ['tlsStore', name, 'defaultGeneratedCert', 'resolver'],
    })),
  ];
  const fromChart = named.flatMap(({ kind, resolver, at }) => {
    const message = crdResolverProblem(kind, resolver, known, define);
    return message ? [{ path: [...prefix, 'values', ...at], message }] : [];
  });
  // The file provider's routers name one as an IngressRoute does (57b-4); paerser finds `certResolver` in any case.
  // 70b-14: at its own line of the text (textPath), where the config can say it, beside the router's other problems.
  const fromFile = fileRoutes(values).routes.flatMap(({ path, at, tls, keys }) => {
    const key = isMap(tls) ? Object.keys(tls).find((k) => k.toLowerCase() === 'certresolver') : undefined;
    const resolver = key === undefined ? undefined : (tls as Values)[key];
    const message = typeof resolver === 'string' && resolver !== '' ? resolverNameProblem(resolver, known, define) : undefined;
    const where = keys ? { textPart: `${at}.tls.certResolver`, textPath: [...keys, 'tls', key!] } : { textPart: at };
    return message ? [{ path: [...prefix, ...path], message: `${at}.tls.certResolver ${message}`, ...where }] : [];
  });
  return [...fromChart, ...fromFile];
}

/**
 * A resolver a `kind` object of Traefik's CRDs names. 75a-12: a number is refused by the CRD's type (validate/schemas.ts,
 * whose words it keeps); as the name it is once quoted it is judged too, so that one message says both fixes.
 */
function crdResolverProblem(kind: string, resolver: unknown, known: ReadonlySet<string>, define: string): string | undefined {
  if (typeof resolver === 'number') {
    const problem = resolverNameProblem(String(resolver), known, define);
    const schema = traefikGroupCrd('traefik.io', kind)?.file;
    return problem && schema && `is ${resolver}; the ${kind} schema of ${schema} expects string (a resolver's name), and ${problem}`;
  }
  return typeof resolver === 'string' && resolver !== '' ? resolverNameProblem(resolver, known, define) : undefined;
}

/** The resolvers `extraObjects` items name (IngressRoute, IngressRouteTCP, TLSStore). */
function extraItemResolverProblems(items: readonly unknown[], prefix: Path, known: ReadonlySet<string>, define: string): Problem[] {
  return items.flatMap((item, i) =>
    renderedObjectsAt(item).flatMap(({ object, at }) => {
      const { apiVersion, kind } = object;
      const group = typeof apiVersion === 'string' ? apiGroup(apiVersion) : '';
      const field = typeof kind === 'string' && Object.hasOwn(RESOLVER_FIELDS, kind) ? RESOLVER_FIELDS[kind] : undefined;
      if (!field || (group !== 'traefik.io' && group !== 'traefik.containo.us')) return [];
      const block = isMap(object.spec) ? object.spec[field[0]] : undefined;
      const resolver = isMap(block) ? block[field[1]] : undefined;
      const message = crdResolverProblem(kind as string, resolver, known, define);
      return message ? [{ path: [...prefix, 'values', 'extraObjects', i, ...at, 'spec', ...field], message }] : [];
    }),
  );
}
