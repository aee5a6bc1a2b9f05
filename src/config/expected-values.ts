import type { Document } from 'yaml';
import type { Path } from '../core/problem';
import { TRAEFIK_CHART_VERSION } from '../pins';
import { valuesSchemaJson } from '../traefik/values-schema';
import { schemaNodeAt } from '../traefik/values-key-nearby';
import { CONFIG_SHAPE } from './config-shape';
import * as s from './shape';

/**
 * What a key takes, for the advice on a value written wrong (80a-3: `web: exposedPort: 80` is no text to quote, as
 * `ports.web` takes a map): a map, a text the value may be quoted as, or something else (`what`, and a value of that
 * kind near the one written, when one is). Read from the config's own shape, and under `traefik.values` from the values
 * schema of the chart version the file names (else the pinned one); undefined where neither says.
 */
export type Expected =
  | { readonly kind: 'map' }
  | { readonly kind: 'text' }
  | { readonly kind: 'other'; readonly what?: string; readonly why?: string; readonly example?: string };

/** What the value at `path` takes, the text written there being `value` (as the quoted text it would be). */
export function expectedAt(doc: Document.Parsed, path: Path, value: string): Expected | undefined {
  if (path[0] === 'traefik' && path[1] === 'values' && path.length > 2) return chartExpected(doc, path.slice(2));
  const shape = s.shapeAt(CONFIG_SHAPE, path);
  if (!shape) return undefined;
  if (s.parseShape(shape, value) !== s.REFUSED) return { kind: 'text' };
  const inner = s.bare(shape);
  if (s.objectsOf(shape).length || inner.kind === 'record') return { kind: 'map' };
  // A name with the colon turned into a dash (`api: v2` -> `api-v2`), where the key takes it.
  const joined = value.replace(/:\s+/g, '-');
  const example = inner.kind === 'string' && s.parseShape(shape, joined) !== s.REFUSED ? joined : undefined;
  const why = inner.kind === 'string' ? inner.check?.(value) : undefined;
  const what = inner.kind === 'enum' ? `one of ${inner.values.join(', ')}` : TYPE_WORDS[inner.kind === 'number' ? 'integer' : inner.kind];
  return { kind: 'other', what, why, example };
}

/** A values schema type (or a shape's kind) in words. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
};

function chartExpected(doc: Document.Parsed, rest: Path): Expected | undefined {
  const written = doc.getIn(['traefik', 'chartVersion']);
  let json: object | undefined;
  try {
    json = valuesSchemaJson(typeof written === 'string' ? written : TRAEFIK_CHART_VERSION);
  } catch {
    return undefined; // a chart version that is none: said by its own rule
  }
  const node = json && schemaNodeAt(json, rest);
  const types = [node?.type].flat().filter((type): type is string => typeof type === 'string');
  if (!types.length) return undefined;
  if (types.includes('string')) return { kind: 'text' };
  if (types.includes('object')) return { kind: 'map' };
  const what = types.map((type) => TYPE_WORDS[type]).find(Boolean);
  return what ? { kind: 'other', what } : undefined;
}
