import { Path, Report, shownValue } from '../core/problem';
import { closest } from '../core/closest';
import type { ClusterConfig } from '../config/schema';
import { singleLabelCertificateWarning } from '../ingress/single-label-hosts';
import { accountKeySecretName, issuerNameAsMeant } from './names';
import { certManagerVersionSupport } from './versions';

/** cert-manager's rules: a release this tool knows, and issuers whose derived objects the API server accepts. */
export function checkCertManager(config: ClusterConfig, error: Report, warn: Report): void {
  if (!config.certManager) return;
  const support = certManagerVersionSupport(config.certManager.version);
  if (support.error) error(['certManager', 'version'], support.error);
  if (support.warning) warn(['certManager', 'version'], support.warning);
  for (const name of Object.keys(config.certManager.issuers)) {
    const problem = accountKeySecretProblem(name);
    if (problem) error(['certManager', 'issuers', name], problem);
  }
}

/** The issuer's ACME account key lives in Secret `<name>-account-key`, which must be a valid Secret name. */
export function accountKeySecretProblem(issuerName: string): string | undefined {
  const secret = accountKeySecretName(issuerName);
  return secret.length > 253
    ? `is ${issuerName.length} characters long, and cert-manager keeps the issuer's ACME account key in Secret "<name>-account-key", ` +
        `which may have at most 253: shorten the name to ${253 - (secret.length - issuerName.length)} characters`
    : undefined;
}

/**
 * A certificate of `host` from ClusterIssuer `name` (an Ingress's or an HTTPRoute's `tls.issuer`): the issuer
 * must be defined (an own key: `constructor` is no issuer), and HTTP-01 cannot issue a wildcard. A single-label host
 * is warned of: these issuers are ACME issuers (69b-10).
 */
export function checkIssuerForHost(
  issuers: Readonly<Record<string, { readonly solver: unknown }>>,
  name: string,
  host: string,
  at: { readonly issuer: Path; readonly host: Path },
  error: Report,
  warn: Report,
): void {
  const issuer = Object.hasOwn(issuers, name) ? issuers[name] : undefined;
  const single = issuer ? singleLabelCertificateWarning(host, `issuer "${name}"`) : undefined;
  if (single) warn(at.host, single);
  if (!issuer) {
    const names = Object.keys(issuers);
    const defined = names.map((n) => `"${n}"`);
    // 79b-14: an issuer defined in another spelling (its name refused there: `LetsEncrypt-Prod`) or a near miss of one
    // is named, not "add it", which would define a second issuer.
    const spelt = names.find((n) => n !== name && issuerNameAsMeant(n) === name);
    const near =
      spelt ??
      (name.length <= 253
        ? closest(
            name,
            names.filter((n) => n.length <= 253),
          )
        : undefined);
    const known = spelt
      ? `certManager.issuers has ${shownValue(spelt)}, whose name is refused there: rename that issuer ${shownValue(name)}`
      : near
        ? `certManager.issuers has ${shownValue(near)}: did you mean it?`
        : `${defined.length ? `certManager.issuers has ${defined.join(', ')}` : 'there is no certManager.issuers'}; add it under certManager.issuers`;
    error(at.issuer, `"${name}" is not defined: ${known}`, {
      undefinedIssuer: { name, host, hostPath: at.host },
    });
  } else if (issuer.solver === 'http01' && host.startsWith('*.')) {
    error(
      at.host,
      `"${host}" is a wildcard, but issuer "${name}" uses HTTP-01, which cannot issue wildcard ` +
        'certificates (only DNS-01 can): list the host names, or give the issuer a dns01 solver',
    );
  }
}
