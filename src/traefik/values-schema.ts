import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as JsYaml from 'js-yaml';
import { upstreamChartVersion } from './chart-versions';
import { nearbyKeyPaths, siblingKeyTypo, written } from './values-key-nearby';
import { parseVersion } from '../semver';
import { PROJECT_ROOT } from '../output/cache-folder';
import { cachedValidator } from '../validate/ajv-cache';
import { isMap } from '../core/is-map';
import { shownInSentence } from '../core/problem';

/** Upstream `traefik/values.schema.json` and `values.yaml` per chart version (vendor/traefik-values-schema/README.md). */
const SCHEMA_DIR = join(PROJECT_ROOT, 'vendor', 'traefik-values-schema');

export interface TraefikValuesSchema {
  /** Upstream chart tag the schema belongs to, e.g. v39.0.7. */
  readonly tag: string;
  /** Top-level keys the chart declares. */
  readonly topLevelKeys: readonly string[];
  /** The schema as vendored, for a did-you-mean of a misplaced key (values-key-nearby.ts). */
  readonly json: object;
  readonly validate: ValidateFunction;
}

const cache = new Map<string, TraefikValuesSchema | undefined>();

/** Whether a values schema is vendored for this chart tag (cheap: nothing compiled). */
export const valuesSchemaVendored = (tag: string): boolean => existsSync(join(SCHEMA_DIR, `${tag}.json`));

/** The vendored schema of exactly this chart version, or undefined when none is vendored. */
export function traefikValuesSchema(chartVersion: string): TraefikValuesSchema | undefined {
  const { tag } = parseVersion(upstreamChartVersion(chartVersion));
  if (!cache.has(tag)) {
    const file = join(SCHEMA_DIR, `${tag}.json`);
    let schema: TraefikValuesSchema | undefined;
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      const json = JSON.parse(text) as { properties?: Record<string, unknown> };
      schema = { tag, topLevelKeys: Object.keys(json.properties ?? {}), json, validate: compileCached(json, text) };
    }
    cache.set(tag, schema);
  }
  return cache.get(tag);
}

const jsonCache = new Map<string, object | undefined>();

/** The vendored schema of this chart version as JSON, not compiled (a message's advice: config/expected-values.ts). */
export function valuesSchemaJson(chartVersion: string): object | undefined {
  const { tag } = parseVersion(upstreamChartVersion(chartVersion));
  if (cache.get(tag)) return cache.get(tag)!.json;
  if (!jsonCache.has(tag)) {
    const file = join(SCHEMA_DIR, `${tag}.json`);
    jsonCache.set(tag, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : undefined);
  }
  return jsonCache.get(tag);
}

// strict off: helm-schema output uses keywords ajv's strict mode does not know. `code.source` lets ajv write the
// validator out as a module (ajv/dist/standalone).
const AJV_OPTIONS = { strict: false, allowUnionTypes: true, allErrors: true, code: { source: true } };

/**
 * Compiles a values schema with ajv's 2020-12 build, keeping the generated code in the cache (validate/ajv-cache.ts):
 * compiling a chart's schema took about 0.5 s of every synth with traefik.values, loading its code about 20 ms. Loaded
 * only when a config sets traefik.values: ajv's 2020-12 build costs time every synth would pay.
 */
function compileCached(json: object, text: string): ValidateFunction {
  return cachedValidator('traefik-values', [JSON.stringify(AJV_OPTIONS), text], () => {
    const { default: Ajv2020 } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
    const ajv = new Ajv2020(AJV_OPTIONS);
    return { ajv, validate: ajv.compile(json) };
  });
}

/** One schema violation: the key path below the values' root and what is wrong there. */
export interface ValuesViolation {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
  /** About the key's name, not its value: a secret in the value is still said beside it (Problem.aboutName). */
  readonly aboutName?: boolean;
}

/** Checks merged values; unknown top-level keys are left to the caller (it offers a did-you-mean). */
export function checkTraefikValues(schema: TraefikValuesSchema, values: Record<string, unknown>): ValuesViolation[] {
  const coalesced = coalesce(values, chartDefaults(schema.tag));
  if (schema.validate(coalesced)) return [];
  return (schema.validate.errors ?? [])
    .filter((e) => !(e.keyword === 'additionalProperties' && e.instancePath === ''))
    .map((e) => violation(e, schema, coalesced));
}

const defaults = new Map<string, Record<string, unknown>>();

/**
 * The chart's own values.yaml, vendored beside its schema (`<tag>.values.yaml`). Read only here, that is when a config
 * sets traefik.values, as the schema is: every synth would pay for the parse otherwise.
 */
function chartDefaults(tag: string): Record<string, unknown> {
  if (!defaults.has(tag)) {
    const { load } = require('js-yaml') as typeof JsYaml;
    defaults.set(tag, load(readFileSync(join(SCHEMA_DIR, `${tag}.values.yaml`), 'utf8')) as Record<string, unknown>);
  }
  return defaults.get(tag)!;
}

/**
 * The values as Helm validates them: the chart's defaults under the user's, a map merged key by key, and a key given as
 * null deleted when the defaults hold it (helm/helm pkg/chartutil/coalesce.go coalesceValues and coalesceTablesFullKey,
 * "When the YAML value is null, we remove the value's key"), before ValidateAgainstSchema runs
 * (pkg/chartutil/values.go ToRenderValuesWithSchemaValidation). So a key the schema requires is met by its default
 * (`hub.namespaces: []`), and a null in an entry of the user's own (no default there) stays and meets the schema. What
 * the chart then does without a deleted default is judged by effective.ts and chart-failures.ts.
 */
export function coalesce(values: Record<string, unknown>, chart: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const put = (key: string, value: unknown) =>
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  for (const [key, value] of Object.entries(chart)) if (!Object.hasOwn(values, key)) put(key, value);
  for (const [key, value] of Object.entries(values)) {
    const own = Object.hasOwn(chart, key);
    if (own && value === null) continue;
    put(key, own && isMap(value) && isMap(chart[key]) ? coalesce(value, chart[key]) : value);
  }
  return result;
}

function violation(error: ErrorObject, { tag, json }: TraefikValuesSchema, values: Record<string, unknown>): ValuesViolation {
  // A list index is a number, as in every other path (`env[0]`, not `env.0`), so one value has one path.
  let node: unknown = values;
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((key) => {
      const index = Array.isArray(node) ? Number(key) : undefined;
      node = (node as Record<string, unknown> | undefined)?.[key];
      return index ?? key;
    });
  const params = error.params as Record<string, unknown>;
  const against = `the values schema of Traefik chart ${tag}`;
  if (error.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty);
    const typo = siblingKeyTypo(json, path, key);
    const nearby = typo ? [written([...path, typo])] : nearbyKeyPaths(json, path, key);
    const hint = nearby.length ? `did you mean ${nearby.map((p) => `"${p}"`).join(' or ')}?` : 'check the spelling and nesting';
    return { path: [...path, key], message: `is not a key of ${against}: ${hint}` };
  }
  if (error.keyword === 'required')
    return { path: [...path, String(params.missingProperty)], message: `is missing; ${against} requires it` };
  if (error.keyword === 'type') {
    const expected = [params.type].flat().join(' or ');
    const fix = typeFix(node, expected);
    return { path, message: `is ${typeName(node)}, but ${against} expects ${expected}${fix ? `: ${fix}` : ''}` };
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    const allowed = params.allowedValues as unknown[];
    // 79b-4: the value as written (the redaction step blanks a secret in it: core/redact-message.ts), and the member it
    // matches but for case (`debug`: the schema compares exactly, DEBUG).
    const folded = typeof node === 'string' ? node.trim().toLowerCase() : undefined;
    const near = allowed.find((v) => typeof v === 'string' && v.toLowerCase() === folded);
    const listed = allowed.map((v) => JSON.stringify(v)).join(', ');
    const fix = near !== undefined ? `write ${String(near)} (the case matters)` : `write one of ${listed}`;
    return { path, message: `is not one of ${listed} (${against}): ${shownInSentence(node)} is written; ${fix}` };
  }
  return { path, message: `${error.message ?? `fails ${error.keyword}`} (${against})` };
}

/**
 * What to write for a value of the wrong type, where the value shows it: a quoted count or switch without quotes, a
 * YAML 1.1 boolean word as true or false (79c-4: this tool reads YAML 1.2, where `yes`, `on`, `no`, `off` are text,
 * while Helm's sigs.k8s.io/yaml reads YAML 1.1, where they are booleans), a count's leading digits (79b-4: "80a").
 */
function typeFix(node: unknown, expected: string): string | undefined {
  const counts = /integer|number/.test(expected);
  const whole = expected.startsWith('integer');
  if (typeof node === 'string') {
    const text = node.trim();
    const shown = shownInSentence(node);
    if (counts && /^[-+]?\d+$/.test(text)) return `write ${Number(text)} without quotes`;
    if (expected.includes('boolean')) {
      if (/^(true|false)$/i.test(text)) return `write ${text.toLowerCase()} without quotes`;
      const yes = /^(y|yes|on)$/i.test(text);
      if (yes || /^(n|no|off)$/i.test(text))
        return `${shown} is text here (a config is read as YAML 1.2), not ${yes} as in Helm's YAML 1.1: write ${yes}`;
      return `${shown} is written; write true or false without quotes`;
    }
    if (expected === 'array') return 'give a list, even of one item';
    // Letters typed for digits (80a-10: "8O"): the number they stand for, not the leading digits ("8"), a port not meant.
    const misread = /^\d*[OolI][\dOolI]*$/.test(text) ? text.replace(/[Oo]/g, '0').replace(/[lI]/g, '1') : undefined;
    if (counts && misread) return `${shown} holds letters where digits go (O for 0, l or I for 1): write ${Number(misread)} without quotes`;
    const digits = /^\d+/.exec(text);
    if (counts)
      return `${shown} is not a number: write a ${whole ? 'whole ' : ''}number without quotes${digits ? `, such as ${Number(digits[0])}` : ''}`;
  }
  if (whole && typeof node === 'number') return `${node} is written; write a whole number, such as ${Math.round(node)}`;
  return undefined;
}

/** What kind of value a message says a value is, without showing it (a value may be a secret). */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number with a fraction';
  return typeof value === 'object' ? 'a map' : typeof value === 'boolean' ? 'true or false' : `a ${typeof value}`;
}
