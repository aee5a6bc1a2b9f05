/**
 * The size of all annotations of one object, as the API server counts it: each key and value in bytes,
 * k8s.io/apimachinery `pkg/api/validation/objectmeta.go` (TotalAnnotationSizeLimitB = 256 * 1024,
 * ValidateAnnotationsSize). Pod templates are held to the same limit (ValidateAnnotations).
 */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

/** The bytes ValidateAnnotationsSize counts: each key and value, as UTF-8 (a value that is no text, as JSON: String() throws on a `{toString: 1}` map). */
export function annotationBytes(annotations: Readonly<Record<string, unknown>>): number {
  return Object.entries(annotations).reduce(
    (total, [key, value]) =>
      total + Buffer.byteLength(key) + Buffer.byteLength(typeof value === 'string' ? value : (JSON.stringify(value) ?? '')),
    0,
  );
}

/** Over the limit: the sentence (no annotation is quoted), else undefined. `object` names what carries the annotations. */
export function annotationSizeProblem(annotations: Readonly<Record<string, unknown>>, object: string): string | undefined {
  const bytes = annotationBytes(annotations);
  if (bytes <= MAX_ANNOTATION_BYTES) return undefined;
  return (
    `the annotations are ${bytes} bytes (keys and values), at most ${MAX_ANNOTATION_BYTES} (256 KiB) for all annotations of one ` +
    `object: the API server refuses ${object}; move large data into a ConfigMap`
  );
}

/**
 * The keys of `annotations` whose value the API server refuses: metadata.annotations is a map of texts
 * (k8s.io/apimachinery pkg/apis/meta/v1/types.go, `Annotations map[string]string`), so a number, boolean, list or
 * map does not decode and the whole object is refused. A null decodes as an empty text.
 */
export function nonTextAnnotations(annotations: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(annotations).filter((key) => annotations[key] !== null && typeof annotations[key] !== 'string');
}
