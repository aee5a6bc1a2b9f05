/**
 * 76b-19: keys under chart values whose schema leaves them open (no `additionalProperties: false`), but which the chart
 * renders field by field, so a misspelt key (`deployment.replica`, `tlsOptions.o1.minversion`) is dropped without a word:
 * the deployment's keys and every `ingressRoute.<name>`'s are those the values schema lists (templates/deployment.yaml,
 * templates/ingressroute.yaml read no other); a TLSOption's are the `with` keys of templates/tlsoption.yaml, and a
 * TLSStore's spec is the entry as written, whose fields outside the CRD's the API server prunes
 * (traefik/traefik-helm-chart v39.0.7; crds/traefik/v39.0.7/traefik.io_tlsstores.yaml). A warning: the release installs.
 */
import { isMap } from '../core/is-map';
import { typoAmong } from './values-key-nearby';
import type { ValuesViolation } from './values-schema';

interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
}

const TLS_OPTION_KEYS = [
  'alpnProtocols',
  'cipherSuites',
  'clientAuth',
  'curvePreferences',
  'disableSessionTickets',
  'labels',
  'maxVersion',
  'minVersion',
  'sniStrict',
];
const TLS_STORE_KEYS = ['certificates', 'defaultCertificate', 'defaultGeneratedCert', 'labels'];

/** Warnings for the keys the chart drops under `deployment`, `ingressRoute.<name>`, `tlsOptions.<name>`, `tlsStore.<name>`. */
export function unreadChartKeys(values: Record<string, unknown>, schema: object, tag: string): ValuesViolation[] {
  const top = (schema as SchemaNode).properties ?? {};
  const keysOf = (node: SchemaNode | undefined) => Object.keys(node?.properties ?? {});
  const places: Array<[string[], unknown, readonly string[], string]> = [
    [['deployment'], values.deployment, keysOf(top.deployment), 'under deployment'],
  ];
  for (const [key, known, where] of [
    ['ingressRoute', keysOf(top.ingressRoute?.properties?.dashboard), 'in an ingressRoute entry'],
    ['tlsOptions', TLS_OPTION_KEYS, 'in a tlsOptions entry (its TLSOption)'],
    ['tlsStore', TLS_STORE_KEYS, "in a tlsStore entry (its TLSStore's spec keeps only the CRD's fields)"],
  ] as const) {
    if (isMap(values[key])) for (const [name, entry] of Object.entries(values[key])) places.push([[key, name], entry, known, where]);
  }
  return places.flatMap(([path, entry, known, where]) =>
    isMap(entry) && known.length
      ? Object.keys(entry)
          .filter((key) => !known.includes(key))
          .map((key) => {
            const guess = typoAmong(key, known);
            const hint = guess ? `did you mean "${guess}"?` : `check the spelling: it takes ${known.join(', ')}`;
            return {
              path: [...path, key],
              message: `is not a key Traefik chart ${tag} reads ${where}, so it is dropped without a word: ${hint}`,
            };
          })
      : [],
  );
}
