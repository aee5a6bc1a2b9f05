import type { Path, Problem } from '../core/problem';
import { lazyRedactor } from '../core/lazy-redactor';
import { withHelmReading } from '../core/helm-scalars';
import { objectFindings } from './object-judge';

type Values = Record<string, unknown>;

/** What an item's schema check depends on in the deployed chart. */
export interface SchemaContext {
  /** The Gateway API CRD bundle Gateway API items are judged against (none: every vendored one). */
  readonly bundle?: string;
  /** Whether the chart's Traefik CRDs hold the `pattern`s of the vendored ones (TraefikChartRules.crdPatterns). */
  readonly crdPatterns: boolean;
  /** Every object the release's extraObjects render. */
  readonly objects: readonly Values[];
  /** The K3s release (`k3s.version`), whose Kubernetes decides the fields newer than the 1.27 schema (validate/later-fields.ts). */
  readonly k3sVersion?: string;
}

/**
 * The item against the schema and the API server's further rules that `npm run validate` applies to the
 * written manifests (validate/schemas.ts, validate/rules.ts): the manifests hold the item only as chart
 * values text, which that check does not read, and an object the API server refuses fails the whole
 * Traefik release. A message quoting a value of the item is redacted like the item's own secrets, and one on a scalar
 * Helm reads otherwise than YAML 1.2 says so (helm-scalars.ts).
 */
export function schemaProblems(frozen: Values, path: Path, { bundle, crdPatterns, k3sVersion }: SchemaContext): Problem[] {
  // A plain copy: the validators may annotate what they read, and the config is frozen behind proxies.
  const item = JSON.parse(JSON.stringify(frozen)) as Values;
  // A pattern of the vendored CRDs binds only where the deployed chart's CRDs hold it too.
  const findings = objectFindings(item, [], bundle, k3sVersion).filter((finding) => crdPatterns || !finding.traefikCrdPattern);
  const redacted = lazyRedactor(item); // secrets read for a message only
  // A Traefik CRD's type verdict yields to the Traefik rules' own on the same key (ingress/route-fields.ts), which say the
  // fix; the API server rules' findings (a Secret name no Secret can have) stand as they are.
  return findings.map((finding) => ({
    ...((finding.traefikCrdType || finding.traefikCrdField || finding.traefikCrdPattern) && { schemaVerdict: true }),
    path: [...path, ...finding.path],
    message: `${redacted(withHelmReading(finding.message, frozen, finding.path))} (extraObjects items are applied as written, in the Traefik release, which fails whole if the API server refuses one)`,
  }));
}
