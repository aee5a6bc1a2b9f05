/**
 * 78b-11: a one- or two-letter slip of a key the chart's values schema lists beside it (`logs.general.levle`,
 * `gateway.enabeld`, `deployment.replicaz`), where the schema leaves the map open (no `additionalProperties: false`, so
 * ajv says nothing). The chart reads only the keys it lists there, so the slip is dropped without a word, as a misspelt
 * flag would fail Traefik: it is refused the same way. Decided by the vendored schema alone, at every depth.
 */
import { isMap } from '../core/is-map';
import { mayQuote } from '../core/quotable';
import { typoAmong, written } from './values-key-nearby';
import type { ValuesViolation } from './values-schema';

interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
}

/**
 * Maps whose keys are the user's own names, which the chart ranges over (traefik/traefik-helm-chart v39.0.7
 * templates/gateway.yaml `range $name, $config := .Values.gateway.listeners`, templates/service.yaml
 * `$config.expose` per Service name): the schema lists only the defaults' names there, so a new name is no slip.
 */
const NAMED_ENTRIES = [/^gateway\.listeners$/, /^ports\.[^.]+\.expose$/];

/** Errors for the user's keys one slip away from a key the schema lists at the same place, at any depth below the root. */
export function valuesKeyTypos(values: Readonly<Record<string, unknown>>, schema: object, tag: string): ValuesViolation[] {
  const found: ValuesViolation[] = [];
  const visit = (value: unknown, node: SchemaNode | undefined, path: Array<string | number>): void => {
    if (!node) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, node.items, [...path, i]));
      return;
    }
    if (!isMap(value)) return;
    const known = node.properties ?? {};
    const names = Object.keys(known);
    const open = path.length > 0 && node.additionalProperties !== false && !NAMED_ENTRIES.some((re) => re.test(written(path)));
    for (const [key, child] of Object.entries(value)) {
      if (Object.hasOwn(known, key)) {
        visit(child, known[key], [...path, key]);
        continue;
      }
      if (typeof node.additionalProperties === 'object') {
        visit(child, node.additionalProperties, [...path, key]);
        continue;
      }
      const guess = open && names.length ? typoAmong(key, names) : undefined;
      // A suggestion writes the path of the user's own keys: none where one of them may be a secret.
      if (!guess || !path.every((step) => typeof step === 'number' || mayQuote(step))) continue;
      // From chart v30.0.0 templates/ingressroute.yaml ranges over every `ingressRoute.<name>` (chart-ingress-routes.ts):
      // the slip is rendered as an IngressRoute of its own, not dropped (80a-18).
      if (written(path) === 'ingressRoute' && Number(/\d+/.exec(tag)?.[0]) >= 30) {
        found.push({
          path: [...path, key],
          message: `is rendered by Traefik chart ${tag} as an IngressRoute of its own (templates/ingressroute.yaml renders every ingressRoute.<name>), beside the chart's ${JSON.stringify(guess)}: did you mean "${written([...path, guess])}"?`,
          aboutName: true,
        });
        continue;
      }
      found.push({
        path: [...path, key],
        message:
          `is not a key of the values schema of Traefik chart ${tag}, and the chart reads only the keys it lists there, ` +
          `so it would drop this one without a word: did you mean "${written([...path, guess])}"?`,
        aboutName: true,
      });
    }
  };
  visit(values, schema as SchemaNode, []);
  return found;
}
