import { Path, Problem } from '../core/problem';
import { dns1123Subdomain } from '../config/formats';
import { chartCrdObjectNames } from './chart-crd-objects';

type Values = Record<string, unknown>;

/**
 * 76b-12: the keys of `ingressRoute`, `tlsOptions` and `tlsStore` name the objects the chart renders (chart-crd-objects.ts),
 * and the API server holds those names to its rule for custom resources, a DNS-1123 subdomain (apiextensions-apiserver
 * pkg/registry/customresource validator.go: `ValidateObjectMetaAccessor` with `NameIsDNSSubdomain`), as it does the same
 * objects written in extraObjects: a name it refuses fails the whole Traefik release. Said at the key.
 */
export function chartObjectNameProblems(values: Values, prefix: Path): Problem[] {
  return chartCrdObjectNames(values).flatMap(({ kind, name, key }) => {
    const problem = dns1123Subdomain(name);
    const named = kind === 'IngressRoute' ? 'names its IngressRoute traefik-<key>' : `names its ${kind} by the key`;
    return problem
      ? [
          {
            path: [...prefix, 'values', ...key],
            message: `${problem} (${kind} names are DNS-1123 subdomains): the chart ${named}, and the API server refuses the object, which fails the whole Traefik release`,
          },
        ]
      : [];
  });
}
