import { dns1123Subdomain } from '../config/formats';
import { isValidIp } from './dns-config';
import { FieldPath, Finding, isRecord, show } from './paths';

const REFUSED = 'which the API server refuses';

/**
 * A pod spec's `hostAliases` as the API server judges them (kubernetes/kubernetes pkg/apis/core/validation/validation.go
 * v1.27, ValidateHostAliases): every entry's `ip` an IP address (IsValidIP: an unset ip is "" and refused too), every
 * hostname a DNS-1123 subdomain. Entries and fields of the wrong kind are the schema's to refuse.
 */
export function hostAliasProblems(spec: Record<string, unknown>): Finding[] {
  if (!Array.isArray(spec.hostAliases)) return [];
  return spec.hostAliases.flatMap((alias, i): Finding[] => {
    if (!isRecord(alias)) return [];
    const at = (...path: FieldPath): FieldPath => ['hostAliases', i, ...path];
    const findings: Finding[] = [];
    const ip = alias.ip ?? '';
    if (typeof ip === 'string' && !isValidIp(ip))
      findings.push({
        path: at('ip'),
        message: `is ${ip === '' ? 'not set' : `${show(ip)}, not an IP address`}, ${REFUSED} ("must be a valid IP address", ValidateHostAliases): write the address the names stand for, such as 192.0.2.10`,
      });
    (Array.isArray(alias.hostnames) ? alias.hostnames : []).forEach((hostname, j) => {
      if (typeof hostname === 'string' && dns1123Subdomain(hostname))
        findings.push({
          path: at('hostnames', j),
          message: `is ${show(hostname)}, not a host name of lower-case letters, digits, '-' and '.' (253 characters at most), ${REFUSED} (IsDNS1123Subdomain, ValidateHostAliases): write a name such as db.internal`,
        });
    });
    return findings;
  });
}
