import { oneLine } from '../core/problem';
import { redact, secretValues } from '../core/secrets';

/** A field inside a manifest object: keys and array indexes from the object's root. */
export type FieldPath = ReadonlyArray<string | number>;

/** One problem in one object, located by field. */
export interface Finding {
  readonly path: FieldPath;
  readonly message: string;
  /** A type verdict of Traefik's vendored CRDs (schemas.ts): the Traefik rules' own message on the key stands instead. */
  readonly traefikCrdType?: boolean;
  /** A field Traefik's vendored CRDs do not declare (schemas.ts): the Traefik rules' own message on the key stands instead. */
  readonly traefikCrdField?: boolean;
  /** A `pattern` of Traefik's vendored CRDs, which charts before v35.3.0 lack (TraefikChartRules.crdPatterns). */
  readonly traefikCrdPattern?: boolean;
}

export interface Selected {
  readonly path: FieldPath;
  readonly value: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `spec.containers[0].env[2].name`; keys that are not identifiers are quoted: `metadata.labels["app.kubernetes.io/name"]`. */
export function formatField(path: FieldPath): string {
  return path
    .map((step, i) => {
      if (typeof step === 'number') return `[${step}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(step)) return i === 0 ? step : `.${step}`;
      return `[${JSON.stringify(step)}]`;
    })
    .join('');
}

/**
 * A value for a message: JSON with unprintable characters escaped (oneLine), cut short so one message stays one
 * line; its secrets blanked first, so no cut shows the head of one.
 */
export function show(value: unknown): string {
  if (value instanceof Uint8Array) return describeBinary(value);
  // NaN and Infinity as themselves: JSON would print them as null, which reads as another value.
  const json =
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value, withoutBinary) ?? String(value));
  const secrets = typeof value === 'object' || typeof value === 'string' ? secretValues(value) : [];
  const text = oneLine(secrets.length ? redact(json, secrets) : json);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Binary data (a `!!binary` value) is described, never shown: neither its bytes (JSON writes a Buffer as its
 * numbers) nor the text they decode to, which may be a secret (`token=abc`) cut where no redaction finds it whole.
 */
function describeBinary(value: Uint8Array): string {
  return `(binary data, ${value.length} bytes, not shown)`;
}

/** A JSON.stringify replacer: binary data inside a value described (its holder's own value, before any toJSON). */
function withoutBinary(this: unknown, key: string, value: unknown): unknown {
  const own = (this as Record<string, unknown>)[key];
  return own instanceof Uint8Array ? describeBinary(own) : value;
}

/**
 * The values at a dotted pattern such as `spec.template.spec.containers[*].name` (`[*]`: every
 * item of an array; '' is the root). Absent and null steps select nothing: null means unset.
 */
export function select(root: unknown, pattern: string): Selected[] {
  let found: Selected[] = [{ path: [], value: root }];
  for (const [key, every] of steps(pattern)) {
    const next: Selected[] = [];
    for (const { path, value } of found) {
      const child = isRecord(value) ? value[key] : undefined;
      if (child === undefined || child === null) continue;
      if (!every) next.push({ path: [...path, key], value: child });
      else if (Array.isArray(child)) child.forEach((item, i) => next.push({ path: [...path, key, i], value: item }));
    }
    found = next;
  }
  return found;
}

// Rules select the same few patterns for thousands of objects: split each pattern once.
const parsedPatterns = new Map<string, ReadonlyArray<readonly [key: string, every: boolean]>>();

function steps(pattern: string): ReadonlyArray<readonly [key: string, every: boolean]> {
  let parsed = parsedPatterns.get(pattern);
  if (!parsed) {
    parsed = pattern
      .split('.')
      .filter(Boolean)
      .map((step) => (step.endsWith('[*]') ? ([step.slice(0, -3), true] as const) : ([step, false] as const)));
    parsedPatterns.set(pattern, parsed);
  }
  return parsed;
}

/** Joins two dotted patterns, either of which may be '' (the root). */
export function joinPattern(base: string, rest: string): string {
  return base && rest ? `${base}.${rest}` : base || rest;
}
