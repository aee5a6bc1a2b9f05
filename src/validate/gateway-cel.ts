import { celHolds } from './cel-subset';
import type { Crd } from './crds';
import { gatewayApiBundles, gatewayApiCrd } from './gateway-api';
import type { Finding } from './paths';
import { isRecord } from './paths';

type Key = string | number;

/** The route kinds whose CRD rules are judged here (gateway-api-rules.ts judges the Gateway's listeners by hand). */
const KINDS = new Set(['HTTPRoute', 'GRPCRoute']);

/**
 * The `x-kubernetes-validations` (CEL) rules of the vendored Gateway API CRDs on an HTTPRoute or GRPCRoute (51b-4), read
 * from the CRDs themselves and evaluated by cel-subset.ts on the object after the schema's defaults, as the API server
 * does (apiextensions-apiserver: defaulting, then the CEL validators, each rule at its node). A rule is reported only
 * when every vendored bundle that holds the kind breaks it, so no bundle is judged by another's rules (the newest judges
 * the whole object, the others the nodes it found at); a rule the subset cannot evaluate is left alone. The message is
 * the CRD's.
 */
export function gatewayCelFindings(object: Record<string, unknown>, group: string): Finding[] {
  const kind = object.kind;
  if (typeof kind !== 'string' || !KINDS.has(kind) || typeof object.apiVersion !== 'string') return [];
  const version = object.apiVersion.slice(group.length + 1);
  // Bundles whose rules, defaults and bounds are the same give the same findings: each set is judged once.
  const schemas = new Map<string, Record<string, unknown>>();
  for (const bundle of gatewayApiBundles()) {
    const crd = gatewayApiCrd(bundle, kind);
    const schema = crd ? schemaOf(crd, version) : undefined;
    if (schema && !schemas.has(skeleton(schema))) schemas.set(skeleton(schema), schema);
  }
  const [newest, ...others] = [...schemas.values()].reverse();
  // A list or text over the schema's bounds is the schema's to refuse; the API server's CEL cost budget counts on them.
  if (!newest || [newest, ...others].some((schema) => oversized(schema, object))) return [];
  const found: Array<Finding & { node: Key[] }> = [];
  walk(newest, withDefaults(newest, structuredClone(object)), [], (finding) => found.push(finding));
  // The other bundles judge only the nodes the newest found at: a node's rules read the node and what is under it.
  const said = new Map<string, boolean>();
  return found
    .filter(({ node, message }) =>
      others.every((schema) => {
        const key = `${others.indexOf(schema)}\n${node.join('.')}\n${message}`;
        if (!said.has(key)) said.set(key, brokenAt(schema, object, node).includes(message));
        return said.get(key);
      }),
    )
    .map(({ path, message }) => ({ path, message }));
}

/** The messages of the rules broken at `node` of `object`, judged by `schema`. */
function brokenAt(schema: Record<string, unknown>, object: unknown, node: readonly Key[]): string[] {
  let at: unknown = schema;
  let value: unknown = object;
  for (const key of node) {
    if (!isRecord(at)) return [];
    at = typeof key === 'number' ? at.items : isRecord(at.properties) ? at.properties[key] : undefined;
    value = typeof key === 'number' ? (Array.isArray(value) ? value[key] : undefined) : isRecord(value) ? value[key] : undefined;
  }
  const messages: string[] = [];
  if (isRecord(at)) shallowWalk(at, withDefaults(at, structuredClone(value)), (message) => messages.push(message));
  return messages;
}

const schemaOf = (crd: Crd, version: string): Record<string, unknown> | undefined => {
  const schema = crd.versions.get(version);
  return isRecord(schema) ? schema : undefined;
};

const skeletons = new WeakMap<object, string>();

/** What of a schema the CEL rules depend on: each node's rules, default and bounds, by path. */
function skeleton(schema: Record<string, unknown>): string {
  let text = skeletons.get(schema);
  if (text !== undefined) return text;
  const parts: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (!isRecord(node)) return;
    const { default: fallback, maxItems, maxLength } = node;
    const rules = node['x-kubernetes-validations'];
    if (rules !== undefined || fallback !== undefined || maxItems !== undefined || maxLength !== undefined)
      parts.push(`${at}\n${JSON.stringify([rules, fallback, maxItems, maxLength])}`);
    if (isRecord(node.properties)) for (const [key, child] of Object.entries(node.properties)) visit(child, `${at}.${key}`);
    visit(node.items, `${at}[]`);
  };
  visit(schema, '');
  text = parts.join('\n');
  skeletons.set(schema, text);
  return text;
}

/** Whether a list or a text of `value` is longer than its schema's maxItems or maxLength. */
function oversized(schema: unknown, value: unknown): boolean {
  if (!isRecord(schema)) return false;
  if (typeof value === 'string') return typeof schema.maxLength === 'number' && value.length > schema.maxLength;
  if (Array.isArray(value))
    return (typeof schema.maxItems === 'number' && value.length > schema.maxItems) || value.some((item) => oversized(schema.items, item));
  if (!isRecord(value) || !isRecord(schema.properties)) return false;
  const properties = schema.properties;
  return Object.keys(value).some((key) => Object.hasOwn(properties, key) && oversized(properties[key], value[key]));
}

/** The value with the schema's `default`s filled in where a field is missing (structural defaulting). */
function withDefaults(schema: unknown, value: unknown): unknown {
  if (!isRecord(schema)) return value;
  if (Array.isArray(value) && isRecord(schema.items)) return value.map((item) => withDefaults(schema.items, item));
  if (!isRecord(value) || !isRecord(schema.properties)) return value;
  for (const [key, property] of Object.entries(schema.properties)) {
    if (!Object.hasOwn(value, key) && isRecord(property) && property.default !== undefined) value[key] = structuredClone(property.default);
    if (Object.hasOwn(value, key)) value[key] = withDefaults(property, value[key]);
  }
  return value;
}

function walk(schema: unknown, value: unknown, path: Key[], report: (finding: Finding & { node: Key[] }) => void): void {
  if (!isRecord(schema) || value === undefined || value === null) return;
  shallowWalk(schema, value, (message, at) => report({ path: [...path, ...at], message, node: path }));
  if (Array.isArray(value)) value.forEach((item, i) => walk(schema.items, item, [...path, i], report));
  else if (isRecord(value) && isRecord(schema.properties))
    for (const [key, property] of Object.entries(schema.properties))
      if (Object.hasOwn(value, key)) walk(property, value[key], [...path, key], report);
}

/** The rules of one node that `value` breaks: each rule's message, and its fieldPath. */
function shallowWalk(schema: Record<string, unknown>, value: unknown, report: (message: string, at: Key[]) => void): void {
  if (value === undefined || value === null) return;
  const rules = Array.isArray(schema['x-kubernetes-validations']) ? schema['x-kubernetes-validations'] : [];
  for (const rule of rules) {
    if (!isRecord(rule) || typeof rule.rule !== 'string' || /\boldSelf\b/.test(rule.rule)) continue;
    if (celHolds(rule.rule, value) !== false) continue;
    const at = typeof rule.fieldPath === 'string' ? fieldPath(rule.fieldPath) : [];
    const message = typeof rule.message === 'string' && rule.message ? rule.message : `fails the rule ${rule.rule}`;
    report(`breaks the CRD's rule: ${message}`, at);
  }
}

/** `.spec.port` or `.a['b']` as path keys; anything else as no further key. */
function fieldPath(text: string): Key[] {
  const keys = [...text.matchAll(/\.([A-Za-z_][A-Za-z_0-9]*)|\['([^']*)'\]/g)].map((m) => m[1] ?? m[2]);
  return keys.join('') ? keys : [];
}
