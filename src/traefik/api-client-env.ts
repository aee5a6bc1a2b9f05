import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { cidrContains, formatIp, parseCidr, parseIp } from '../net/ip';
import { DEFAULT_SERVICE_CIDR } from '../pins';
import { envFromNames } from './env-from-keys';

type Values = Readonly<Record<string, unknown>>;

/** A variable of Traefik's container its Kubernetes providers build their API client from, and where it is given. */
export interface ApiClientEnv {
  readonly path: Path;
  readonly name: string;
  /** The literal value; undefined when valueFrom, `$(VAR)` or envFrom give it. */
  readonly value?: string;
}

/** An `env` HTTPS_PROXY Traefik's API client would send this cluster's API requests through, and the NO_PROXY entries beside it. */
export interface ApiProxy {
  readonly path: Path;
  readonly noProxy: readonly string[];
}

/**
 * The variables Traefik's Kubernetes providers build their API client from (doc.traefik.io, providers/kubernetes-crd.md
 * and kubernetes-ingress.md `endpoint`, v3.x: "Traefik will read the environment variables KUBERNETES_SERVICE_HOST and
 * KUBERNETES_SERVICE_PORT or KUBECONFIG to construct the endpoint ... When the environment variables are not found,
 * Traefik will try to connect to the Kubernetes API server with an external-cluster client"). The kubelet sets the first
 * two to this cluster's API server; given in `env` or `envFrom` they win, as `--providers.kubernetesingress.endpoint` would.
 */
const CLIENT_ENV = ['KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'KUBECONFIG'];

/** The ServiceAccount token's folder; the admission plugin adds no token volume to a container with a mount there. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The `env` and `envFrom` entries of Traefik's container that set those variables (the last `env` entry of a name wins). */
export function apiClientEnv(values: Values, prefix: Path): ApiClientEnv[] {
  const env: unknown[] = Array.isArray(values.env) ? values.env : [];
  const last = new Map<string, number>();
  env.forEach((item, i) => isMap(item) && typeof item.name === 'string' && CLIENT_ENV.includes(item.name) && last.set(item.name, i));
  const found: ApiClientEnv[] = [...last].map(([name, i]) => {
    const item = env[i] as Values;
    const literal = item.valueFrom === undefined && !(typeof item.value === 'string' && item.value.includes('$('));
    const value = literal ? (typeof item.value === 'string' ? item.value : '') : undefined;
    return { path: [...prefix, 'values', 'env', i], name, ...(value !== undefined && { value }) };
  });
  for (const { name, at } of envFromNames(values))
    if (CLIENT_ENV.includes(name) && !last.has(name)) found.push({ path: [...prefix, ...at], name });
  return found;
}

/** The host names of the `kubernetes` Service that reach this cluster's API server from Traefik's namespace. */
const API_SERVICE_NAMES = ['kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];

/**
 * What an entry does to Traefik's API client, or undefined when it still reaches this cluster's API server: the
 * `kubernetes` Service (its ClusterIP `apiServerIp` or DNS name, on port 443), and an empty KUBECONFIG (Traefik reads it only when set).
 */
export function apiClientChange(entry: ApiClientEnv, apiServerIp: string): string | undefined {
  const { name, value } = entry;
  if (value === undefined) return `gives ${name} a value this tool cannot read (valueFrom, $(VAR) or envFrom)`;
  if (name === 'KUBECONFIG')
    return value ? `sets KUBECONFIG, so Traefik builds its API client from the kubeconfig file ${JSON.stringify(value)}` : undefined;
  if (value === '') return `sets ${name} empty, so Traefik builds an external-cluster API client with no address`;
  if (name === 'KUBERNETES_SERVICE_PORT')
    return value === '443' ? undefined : `sets ${name} to ${JSON.stringify(value)}, not 443, the port of the kubernetes Service`;
  return value === apiServerIp || API_SERVICE_NAMES.includes(value)
    ? undefined
    : `sets ${name} to ${JSON.stringify(value)}, another API server than this cluster's (${apiServerIp})`;
}

/**
 * HTTPS_PROXY (or https_proxy) in `env`: client-go sends its requests through it (net/http ProxyFromEnvironment, with
 * NO_PROXY CIDRs read by k8s.io/apimachinery pkg/util/net NewProxierWithNoProxyCIDR), so the API server's ClusterIP
 * must be in NO_PROXY. HTTP_PROXY is used only for http:// requests, and the API server is https.
 */
export function apiProxy(values: Values, prefix: Path): ApiProxy | undefined {
  const env: unknown[] = Array.isArray(values.env) ? values.env : [];
  const valueOf = (names: string[]) => {
    let found: { value: unknown; i: number } | undefined;
    env.forEach((item, i) => isMap(item) && names.includes(item.name as string) && (found = { value: item.value ?? item.valueFrom, i }));
    return found;
  };
  const proxy = valueOf(['HTTPS_PROXY', 'https_proxy']);
  if (!proxy || proxy.value === '' || proxy.value === undefined) return undefined;
  const noProxy = valueOf(['NO_PROXY', 'no_proxy'])?.value;
  // A NO_PROXY from valueFrom or $(VAR) cannot be read here: taken as listing the API server.
  if (noProxy !== undefined && (typeof noProxy !== 'string' || noProxy.includes('$('))) return undefined;
  const entries = typeof noProxy === 'string' ? noProxy.split(',').map((entry) => entry.trim()) : [];
  return { path: [...prefix, 'values', 'env', proxy.i], noProxy: entries };
}

/** Whether NO_PROXY entries keep requests to `ip` off the proxy: `*`, the address itself, or a CIDR block holding it. */
export function bypassesProxy(noProxy: readonly string[], ip: string): boolean {
  const address = parseIp(ip);
  return noProxy.some((entry) => {
    if (entry === '*' || entry === ip) return true;
    const block = parseCidr(entry);
    return !!address && !!block && cidrContains(block, address);
  });
}

/**
 * A mount at the ServiceAccount folder in Traefik's container (`volumes[]` or `additionalVolumeMounts[]`, mounted there
 * by templates/_podtemplate.tpl): the ServiceAccount admission plugin then adds no token volume (kubernetes
 * plugin/pkg/admission/serviceaccount/admission.go: a container already mounting DefaultAPITokenMountPath is left
 * alone), so client-go's in-cluster config finds no token and every Kubernetes provider of Traefik fails.
 */
export function tokenFolderMount(values: Values, prefix: Path): Path | undefined {
  for (const key of ['volumes', 'additionalVolumeMounts']) {
    const list: unknown[] = Array.isArray(values[key]) ? (values[key] as unknown[]) : [];
    const i = list.findIndex(
      (item) =>
        isMap(item) &&
        typeof item.mountPath === 'string' &&
        item.mountPath.replace(/\/+$/, '').replace(/\/+/g, '/') === SERVICE_ACCOUNT_DIR,
    );
    if (i >= 0) return [...prefix, 'values', key, i, 'mountPath'];
  }
  return undefined;
}

/**
 * The ClusterIP of the `kubernetes` Service: the first address after the network address of the service CIDR's first
 * (primary) block (kubernetes pkg/controlplane/services.go ServiceIPRange: `GetIndexedIP(serviceClusterIPRange, 1)`).
 */
export function apiServerClusterIp(serviceCidr: string = DEFAULT_SERVICE_CIDR): string {
  const block = parseCidr(serviceCidr.split(',')[0].trim()) ?? parseCidr(DEFAULT_SERVICE_CIDR)!;
  return formatIp(block.family, block.first + 1n);
}
