import { closest } from '../core/closest';
import { HIDDEN_KEY } from '../core/reference-keys';
import type { FieldPath } from './paths';

/**
 * The message for a field a schema does not declare, with the nearest field it declares beside it (77a-17: `port` for a
 * Service's `ports`, `entrypoints` for an IngressRoute's `entryPoints`), by core/closest.ts as the values' own keys get.
 * `hidden`: a key under a Secret reference, which the message's key path stops above (core/reference-keys.ts): no hint.
 */
export function unknownField(schemaName: string, key: string, declared: Iterable<string>, hidden = false): string {
  const near = hidden ? undefined : closest(key, [...declared]);
  return `${hidden ? `holds ${HIDDEN_KEY}, not a field of` : 'is not a field of'} ${schemaName}: the API server drops unknown fields silently (or rejects the object under strict field validation); check the spelling and nesting${near ? `: did you mean ${near}?` : ''}`;
}

/** A structural schema's node, as a CRD's openAPIV3Schema nests them. */
interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
}

/** The fields a CRD's schema declares for the map at `path` (an object's root when empty). */
export function declaredFields(schema: unknown, path: FieldPath): string[] {
  let node = schema as SchemaNode | undefined;
  for (const step of path) {
    if (!node) return [];
    if (typeof step === 'number') node = node.items;
    else if (node.properties && Object.hasOwn(node.properties, step)) node = node.properties[step];
    else node = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
  }
  return Object.keys(node?.properties ?? {});
}
