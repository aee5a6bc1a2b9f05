/**
 * The largest object etcd stores: a request over its `--max-request-bytes` (default 1.5 MiB, 1572864 bytes: etcd-io/etcd
 * server/embed/config.go DefaultMaxRequestBytes, docs "Request size limit") fails with "etcdserver: request is too large",
 * and K3s' embedded etcd keeps the default. An object is measured as its JSON (what a CRD object, a HelmChartConfig,
 * is stored as). Props and config files cannot get near it (1 MiB); a patch (`addJsonPatch`) can (61b-8).
 */
export const MAX_OBJECT_BYTES = 1572864;

/** What every finding of this bound says, so the gate does not add its advice about secrets to it. */
export const OVERSIZED = 'over the size etcd stores';

/** A YAML text shorter than this cannot render an object past the bound as JSON (an escape at most triples a character). */
const SHORTEST_SUSPECT = MAX_OBJECT_BYTES / 3;

/** One finding per document of `documents` (read from the YAML file `path`) whose JSON is over MAX_OBJECT_BYTES. */
export function oversizedObjects(path: string, text: string, documents: readonly unknown[]): string[] {
  if (text.length < SHORTEST_SUSPECT) return [];
  return documents.flatMap((document) => {
    let bytes: number;
    try {
      bytes = Buffer.byteLength(JSON.stringify(document) ?? '');
    } catch {
      return [];
    }
    if (bytes <= MAX_OBJECT_BYTES) return [];
    const record = document !== null && typeof document === 'object' ? (document as Record<string, unknown>) : {};
    const metadata = record.metadata !== null && typeof record.metadata === 'object' ? (record.metadata as Record<string, unknown>) : {};
    const kind = typeof record.kind === 'string' ? record.kind : 'object';
    const name = typeof metadata.name === 'string' ? ` ${metadata.name}` : '';
    return [
      `${path}: ${kind}${name} is ${bytes} bytes as JSON, ${OVERSIZED} in one object (1.5 MiB, its default --max-request-bytes), ` +
        'so the API server refuses it ("etcdserver: request is too large"): keep big data out of the manifests ' +
        '(a ConfigMap holds 1 MiB at most): put it in a volume or in the image',
    ];
  });
}
