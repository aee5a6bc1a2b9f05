import { FieldPath, Finding, isRecord, show } from './paths';

/**
 * An httpGet handler's header names (a probe's or a lifecycle hook's): the API server takes letters, digits and `-`
 * only (kubernetes/kubernetes pkg/apis/core/validation/validation.go validateHTTPGetAction, v1.27 on: each
 * `httpHeaders[].name` through apimachinery pkg/util/validation IsHTTPHeaderName, `^[-A-Za-z0-9]+$`), so a pod with
 * `name: "Bad Header"` is refused when applied (attack round 47a-5).
 */
const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

export function httpHeaderProblems(handler: Record<string, unknown>, at: FieldPath): Finding[] {
  if (!Array.isArray(handler.httpHeaders)) return [];
  return handler.httpHeaders.flatMap((header, i) =>
    isRecord(header) && typeof header.name === 'string' && !HTTP_HEADER_NAME.test(header.name)
      ? [
          {
            path: [...at, 'httpHeaders', i, 'name'],
            message: `is ${show(header.name)}, which the API server refuses (a header name is letters, digits and "-" only, IsHTTPHeaderName): write a name such as X-Probe`,
          },
        ]
      : [],
  );
}
