import { posix } from 'node:path';
import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { cidrContains, formatIp, parseCidr, parseIp } from '../net/ip';
import { DEFAULT_SERVICE_CIDR } from '../pins';
import { containerVar, goEnvAny } from './container-env';
import type { TraefikChartRules } from './chart-versions';

type Values = Readonly<Record<string, unknown>>;

/** A variable of Traefik's container its Kubernetes providers build their API client from, and where it is given. */
export interface ApiClientEnv {
  readonly path: Path;
  readonly name: string;
  /** Its text; undefined when `$(VAR)` or a ConfigMap or Secret this config does not write gives it. */
  readonly value?: string;
  /** `envFrom[0]` when an envFrom source gives it. */
  readonly via?: string;
  /** Whether a Secret gives it: its value is never shown. */
  readonly secret?: boolean;
}

/** An HTTPS_PROXY Traefik's API client would send this cluster's API requests through, and the NO_PROXY entries Go reads beside it. */
export interface ApiProxy {
  readonly path: Path;
  readonly noProxy: readonly string[];
  /** `envFrom[0]` when an envFrom source gives the proxy, and the name it gives. */
  readonly via?: string;
  readonly name: string;
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

/** The variables of Traefik's container that its API client is built from, as the kubelet sets them (container-env.ts). */
export function apiClientEnv(values: Values, prefix: Path): ApiClientEnv[] {
  return CLIENT_ENV.flatMap((name) => {
    const found = containerVar(values, name);
    if (!found) return [];
    const { at, ...entry } = found;
    return [{ ...entry, path: [...prefix, ...at] }];
  });
}

/** The host names of the `kubernetes` Service that reach this cluster's API server from Traefik's namespace. */
const API_SERVICE_NAMES = ['kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];

/**
 * What an entry does to Traefik's API client, or undefined when it still reaches this cluster's API server: the
 * `kubernetes` Service (its ClusterIP `apiServerIp` or DNS name, on port 443), and an empty KUBECONFIG (Traefik reads it only when set).
 */
export function apiClientChange(entry: ApiClientEnv, apiServerIp: string): string | undefined {
  const { name, value } = entry;
  const what = entry.via ? `gives Traefik's container ${name} through ${entry.via} and sets it` : `sets ${name}`;
  // A Secret's value is never shown.
  const shown = (text: string) => (entry.secret ? 'a value of that Secret' : JSON.stringify(text));
  if (value === undefined)
    return `gives ${name} a value this tool cannot read ($(VAR), or a ConfigMap or Secret this config does not write)`;
  if (name === 'KUBECONFIG')
    return value ? `${what}, so Traefik builds its API client from the kubeconfig file ${shown(value)}` : undefined;
  if (value === '') return `${what} empty, so Traefik builds an external-cluster API client with no address`;
  if (name === 'KUBERNETES_SERVICE_PORT')
    return value === '443' ? undefined : `${what} to ${shown(value)}, not 443, the port of the kubernetes Service`;
  return value === apiServerIp || API_SERVICE_NAMES.includes(value)
    ? undefined
    : `${what} to ${shown(value)}, another API server than this cluster's (${apiServerIp})`;
}

/**
 * The HTTPS proxy of Traefik's API client: client-go sends its requests through it (net/http ProxyFromEnvironment, with
 * NO_PROXY CIDRs read by k8s.io/apimachinery pkg/util/net NewProxierWithNoProxyCIDR), so the API server's ClusterIP
 * must be in NO_PROXY. HTTP_PROXY is used only for http:// requests, and the API server is https. Each variable is read
 * as Go reads it (container-env.ts goEnvAny); a proxy of unknown value is taken as set, a NO_PROXY of unknown value as
 * listing the API server.
 */
export function apiProxy(values: Values, prefix: Path): ApiProxy | undefined {
  const proxy = goEnvAny(values, 'HTTPS_PROXY', 'https_proxy');
  if (!proxy) return undefined;
  const noProxy = goEnvAny(values, 'NO_PROXY', 'no_proxy');
  if (noProxy && noProxy.value === undefined) return undefined;
  const entries = noProxy?.value ? noProxy.value.split(',').map((entry) => entry.trim().toLowerCase()) : [];
  return { path: [...prefix, ...proxy.at], name: proxy.name, noProxy: entries, ...(proxy.via && { via: proxy.via }) };
}

/**
 * Whether NO_PROXY entries keep client-go's requests to `ip` (port 443, the kubernetes Service's) off the proxy, as
 * golang.org/x/net http/httpproxy/proxy.go `config.init` parses them: `*`, a CIDR block holding it, the address itself,
 * or `address:port` (`[address]:port` for IPv6) with port 443.
 */
export function bypassesProxy(noProxy: readonly string[], ip: string): boolean {
  const address = parseIp(ip);
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    const block = parseCidr(entry);
    if (block) return !!address && cidrContains(block, address);
    const { host, port } = splitHostPort(entry);
    const given = parseIp(host);
    return !!address && !!given && given.family === address.family && given.value === address.value && (!port || port === API_PORT);
  });
}

/** The port client-go reaches the API server on in a pod: the kubernetes Service's (KUBERNETES_SERVICE_PORT, 443). */
const API_PORT = '443';

/** A NO_PROXY entry's host and port, as Go's net.SplitHostPort splits them (`[v6]:port`, `v4:port`); the entry itself when it fails. */
function splitHostPort(entry: string): { host: string; port?: string } {
  const split = /^\[([^\]]*)\]:([^:]*)$/.exec(entry) ?? /^([^:[\]]*):([^:]*)$/.exec(entry);
  return split ? { host: split[1], port: split[2] } : { host: entry };
}

/** A mount over the ServiceAccount token's folder, or over a path inside it (`inside`: `token`, `ca.crt`). */
export interface TokenMount {
  readonly path: Path;
  readonly inside?: string;
}

/**
 * A mount at the ServiceAccount folder in Traefik's container: `volumes[]` and `additionalVolumeMounts[]`, the chart's
 * `persistence.path` (mounted whether or not persistence is enabled) and, on charts that render them (`localPlugins`),
 * each `experimental.localPlugins.<name>.mountPath` (templates/_podtemplate.tpl, v20.1.1 to v41.3.0). The ServiceAccount
 * admission plugin then adds no token volume (kubernetes plugin/pkg/admission/serviceaccount/admission.go: a container
 * already mounting DefaultAPITokenMountPath is left alone), so client-go's in-cluster config finds no token and every
 * Kubernetes provider of Traefik fails. A mount inside it does the same to the file it covers: the kubelet mounts the
 * token volume first (mounts sorted by depth), then the deeper one over its `token` or `ca.crt` (or the runtime cannot
 * create the mount point in that read-only volume; the `namespace` file is there to mount over).
 * Every such mount, so all are said at once (83a-12).
 */
export function tokenFolderMounts(values: Values, prefix: Path, localPlugins: TraefikChartRules['localPlugins']): TokenMount[] {
  const persistence = isMap(values.persistence) ? values.persistence : {};
  const experimental = isMap(values.experimental) ? values.experimental : {};
  const plugins = localPlugins !== 'none' && isMap(experimental.localPlugins) ? experimental.localPlugins : {};
  const mounts: Array<[Path, unknown]> = [
    ...['volumes', 'additionalVolumeMounts'].flatMap((key) =>
      (Array.isArray(values[key]) ? (values[key] as unknown[]) : []).map((item, i): [Path, unknown] => [
        [key, i, 'mountPath'],
        isMap(item) ? item.mountPath : undefined,
      ]),
    ),
    [['persistence', 'path'], persistence.path],
    ...Object.entries(plugins).map(([name, plugin]): [Path, unknown] => [
      ['experimental', 'localPlugins', name, 'mountPath'],
      isMap(plugin) ? plugin.mountPath : undefined,
    ]),
  ];
  return mounts.flatMap(([key, given]): TokenMount[] => {
    if (typeof given !== 'string') return [];
    const mountPath = posix.normalize(given).replace(/\/+$/, '');
    const path = [...prefix, 'values', ...key];
    if (mountPath === SERVICE_ACCOUNT_DIR) return [{ path }];
    if (!mountPath.startsWith(`${SERVICE_ACCOUNT_DIR}/`)) return [];
    const inside = mountPath.slice(SERVICE_ACCOUNT_DIR.length + 1);
    // The volume's third file, which client-go's in-cluster config does not read (k8s.io/client-go rest/config.go
    // InClusterConfig: token and ca.crt): a file mounted over it hides nothing Traefik needs.
    if (inside === 'namespace') return [];
    return [{ path, inside: shownPath(inside) }];
  });
}

/** A path below the folder as a message shows it: a plain file name, else words that do not repeat it. */
const shownPath = (path: string): string => (/^[\w./-]{1,60}$/.test(path) ? path : 'a path');

/**
 * The ClusterIP of the `kubernetes` Service: the first address after the network address of the service CIDR's first
 * (primary) block (kubernetes pkg/controlplane/services.go ServiceIPRange: `GetIndexedIP(serviceClusterIPRange, 1)`).
 */
export function apiServerClusterIp(serviceCidr: string = DEFAULT_SERVICE_CIDR): string {
  const block = parseCidr(serviceCidr.split(',')[0].trim()) ?? parseCidr(DEFAULT_SERVICE_CIDR)!;
  return formatIp(block.family, block.first + 1n);
}
