import { secretKey, secretName } from './secret-ref-formats';
import { tokenFilePath } from './token-file';

/**
 * Places of the config where a secret, or a reference to one, belongs: a Secret reference's `name`/`key`
 * (`kubeVip.bgp.passwordSecret`, `tokenSecret`) and `k3s.tokenFile`. A password is pasted there by mistake, as text
 * or as a one-item list or map (`key: [pw]`, `key: {pw: 1}`): no message quotes what stands there, whatever its type
 * (43a-5). Their format checks already say their rule without the value; this marks their schemas so that the
 * type messages (config/issues.ts) do not quote it either.
 */
const NOT_SHOWN_CHECKS: ReadonlySet<unknown> = new Set([secretName, secretKey, tokenFilePath]);

const places = new WeakSet<object>();

/** The schema, marked as a place whose value no message shows when its check is one of NOT_SHOWN_CHECKS. */
export function markedIfNotShown<T extends object>(check: unknown, schema: T): T {
  if (NOT_SHOWN_CHECKS.has(check)) places.add(schema);
  return schema;
}

interface Def {
  type?: string;
  innerType?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  valueType?: unknown;
  options?: readonly unknown[];
  in?: unknown;
  out?: unknown;
}
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/**
 * Whether the value at `path` under the zod schema `root` stands at such a place, through optional and default
 * wrappers, objects, lists, records (`certManager.issuers.<name>`) and any branch of a union (`solver`).
 */
export function valueNotShownAt(root: unknown, path: ReadonlyArray<string | number>): boolean {
  const at = (schema: unknown, rest: ReadonlyArray<string | number>, depth: number): boolean => {
    const def = defOf(schema);
    if (!def || depth > 64) return false;
    if (def.innerType !== undefined) return at(def.innerType, rest, depth + 1);
    if (def.type === 'pipe') return at(def.in, rest, depth + 1) || at(def.out, rest, depth + 1);
    if (def.type === 'union') return (def.options ?? []).some((option) => at(option, rest, depth + 1));
    if (rest.length === 0) return places.has(schema as object);
    const [key, ...tail] = rest;
    if (typeof key === 'number') return def.element !== undefined && at(def.element, tail, depth + 1);
    if (def.shape) return Object.hasOwn(def.shape, key) && at(def.shape[key], tail, depth + 1);
    return def.valueType !== undefined && at(def.valueType, tail, depth + 1);
  };
  return at(root, path, 0);
}
