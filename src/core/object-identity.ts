/**
 * An object this tool writes, as the API server tells objects apart: API group (from `apiVersion`), kind,
 * namespace (none for a cluster-scoped kind) and name; `key` is the first-class key (or construct) that makes it.
 */
export interface WrittenObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly key: string;
}

/** `Kind namespace/name`, or `Kind name` for a cluster-scoped object, as messages name objects. */
export const identityText = ({ kind, namespace, name }: Pick<WrittenObject, 'kind' | 'namespace' | 'name'>): string =>
  namespace === undefined ? `${kind} ${name}` : `${kind} ${namespace}/${name}`;
