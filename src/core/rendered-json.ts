import type { ApiObject } from 'cdk8s';

/**
 * `object.toJson()`, or undefined where cdk8s cannot render it (a patch on a missing path, a cyclic value): a patch
 * check then has nothing to compare, and the construct gate (output/construct-render.ts) refuses that object itself.
 */
export function renderedJson(object: ApiObject): unknown {
  try {
    return object.toJson();
  } catch {
    return undefined;
  }
}
