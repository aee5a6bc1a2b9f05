import { isMap } from '../core/is-map';
import { Path, Problem } from '../core/problem';
import * as format from '../config/formats';
import { renderedObjects } from '../traefik/extra-objects';
import { apiGroup } from '../validate/kinds';
import { isLetsEncrypt } from '../ingress/acme-reserved-names';
import { checkIssuerForHost } from './rules';

type Values = Record<string, unknown>;

/** ClusterIssuers by name, each with `solver: 'http01'` when it can only solve HTTP-01 (no wildcard), as checkIssuerForHost reads them. */
export type DefinedIssuers = Readonly<Record<string, { readonly solver: unknown }>>;

/** Whether `object` is cert-manager's `kind` (group cert-manager.io, any version). */
export const isCertManagerKind = (object: Values, kind: string): boolean =>
  object.kind === kind && typeof object.apiVersion === 'string' && apiGroup(object.apiVersion) === 'cert-manager.io';

/**
 * The ClusterIssuers `objects` define (the app's, beside a K3sVipCluster). One whose every ACME solver is HTTP-01 is
 * `http01`, as a certManager.issuers entry with `solver: http01`: cert-manager picks a solver per DNS name, and only
 * DNS-01 may answer for a wildcard (https://cert-manager.io/docs/configuration/acme/#solving-challenges).
 */
export function objectClusterIssuers(
  objects: readonly Values[],
): Record<string, { readonly solver: unknown; readonly letsEncrypt: boolean }> {
  const defined: Record<string, { readonly solver: unknown; readonly letsEncrypt: boolean }> = {};
  for (const object of objects) {
    const metadata = isMap(object.metadata) ? object.metadata : {};
    if (!isCertManagerKind(object, 'ClusterIssuer') || typeof metadata.name !== 'string') continue;
    const solvers = acmeSolvers(object);
    const http01 =
      solvers.length > 0 && solvers.every((solver) => isMap(solver) && solver.http01 !== undefined && solver.dns01 === undefined);
    // Only an ACME issuer whose directory is Let's Encrypt's (a CA or Vault issuer has no ACME server at all).
    const spec = isMap(object.spec) ? object.spec : {};
    const server = isMap(spec.acme) ? spec.acme.server : undefined;
    defined[metadata.name] = { solver: http01 ? 'http01' : undefined, letsEncrypt: typeof server === 'string' && isLetsEncrypt(server) };
  }
  return defined;
}

/**
 * 71b-16: an ACME Issuer or ClusterIssuer object meets the checks certManager.issuers (config/schema.ts) and
 * AcmeClusterIssuer (cluster-issuer.ts) give the issuers they write, with the same format checks: a plain e-mail
 * address for the account, an https:// directory. Its other fields are the CRD schema's.
 */
export function acmeIssuerObjectProblems(object: Values): Problem[] {
  if (!isCertManagerKind(object, 'ClusterIssuer') && !isCertManagerKind(object, 'Issuer')) return [];
  const spec = isMap(object.spec) ? object.spec : {};
  if (!isMap(spec.acme)) return [];
  const { email, server } = spec.acme;
  const problems: Problem[] = [];
  const emailProblem = typeof email === 'string' ? format.email(email) : 'is not set: ACME needs a real e-mail address for account notices';
  problems.push(...(emailProblem ? [{ path: ['spec', 'acme', 'email'], message: emailProblem }] : []));
  const serverProblem = typeof server === 'string' ? format.httpsUrl(server) : undefined;
  problems.push(...(serverProblem ? [{ path: ['spec', 'acme', 'server'], message: serverProblem }] : []));
  return problems;
}

/**
 * 71b-8: a Certificate asks its issuer for its DNS names as an Ingress's `cert-manager.io/cluster-issuer` asks it
 * (cert-manager's ingress-shim writes exactly such a Certificate), so one naming a ClusterIssuer is judged as
 * `ingresses[].tls.issuer` (checkIssuerForHost): the issuer must be defined, and an HTTP-01 one cannot issue a wildcard.
 * An issuerRef without kind names a namespaced Issuer (cert-manager's default), of another group an external issuer:
 * neither is judged.
 */
export function certificateIssuerProblems(object: Values, issuers: DefinedIssuers): Problem[] {
  if (!isCertManagerKind(object, 'Certificate')) return [];
  const spec = isMap(object.spec) ? object.spec : {};
  const ref = isMap(spec.issuerRef) ? spec.issuerRef : {};
  // An empty group is cert-manager's own, as an absent one (cert-manager internal/apis/certmanager/validation/certificate.go
  // validateIssuerRef: "if the user leaves the group blank, it's effectively defaulted to the built-in issuers").
  const group = ref.group || 'cert-manager.io';
  if (ref.kind !== 'ClusterIssuer' || group !== 'cert-manager.io' || typeof ref.name !== 'string' || !ref.name) return [];
  const names = Array.isArray(spec.dnsNames) ? spec.dnsNames : [];
  const hosts = names.flatMap((host, i) => (typeof host === 'string' ? [{ host, path: ['spec', 'dnsNames', i] as Path }] : []));
  const problems: Problem[] = [];
  const at: Path = ['spec', 'issuerRef', 'name'];
  const say = (path: Path, message: string) => {
    if (!problems.some((p) => p.message === message)) problems.push({ path, message });
  };
  // Warnings (a single-label name) are left to the Ingress doors: a Certificate's are not shown by every door.
  for (const { host, path } of hosts.length ? hosts : [{ host: '', path: at }])
    checkIssuerForHost(issuers, ref.name, host, { issuer: at, host: path }, say, () => undefined);
  return problems;
}

/**
 * 71b-8: the Certificates of Traefik's `extraObjects` (the chart renders each as written), judged against the cluster's
 * `certManager.issuers` as its Ingresses' `tls.issuer` is: `values` is `traefik.values`, `prefix` its key path.
 */
export function extraCertificateProblems(values: Values, prefix: Path, issuers: DefinedIssuers): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object) =>
      certificateIssuerProblems(object, issuers).map(({ path, message }) => ({ path: [...prefix, 'extraObjects', i, ...path], message })),
    ),
  );
}

function acmeSolvers(object: Values): unknown[] {
  const spec = isMap(object.spec) ? object.spec : {};
  return isMap(spec.acme) && Array.isArray(spec.acme.solvers) ? spec.acme.solvers : [];
}
