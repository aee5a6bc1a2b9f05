import { isMap } from '../core/is-map';
import { INGRESS_CLASS } from './tls';

type Values = Readonly<Record<string, unknown>>;

/** The annotation Ingresses named their class by before `spec.ingressClassName`; many charts still write it. */
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/**
 * 72a-12: whether K3s' Traefik reads an Ingress, by its class: `spec.ingressClassName` traefik, or no class field and
 * a `kubernetes.io/ingress.class` annotation that is missing, empty or `traefik`. Traefik's Ingress provider skips
 * one whose annotation names another class (`nginx`), as it skips `ingressClassName: nginx` (Traefik docs, Kubernetes
 * Ingress provider, `providers.kubernetesIngress.ingressClass`:
 * https://doc.traefik.io/traefik/reference/install-configuration/providers/kubernetes/kubernetes-ingress/ ; code:
 * traefik/traefik pkg/provider/kubernetes/ingress/kubernetes.go `shouldProcessIngress`, v3.x). A class field that is
 * no text is left to the schema rules, as before.
 */
export function ofTraefikClass(ingress: Values): boolean {
  const spec = isMap(ingress.spec) ? ingress.spec : {};
  if (typeof spec.ingressClassName === 'string') return spec.ingressClassName === INGRESS_CLASS;
  const metadata = isMap(ingress.metadata) ? ingress.metadata : {};
  const legacy = isMap(metadata.annotations) ? metadata.annotations[LEGACY_CLASS_ANNOTATION] : undefined;
  return typeof legacy !== 'string' || legacy === '' || legacy === INGRESS_CLASS;
}
