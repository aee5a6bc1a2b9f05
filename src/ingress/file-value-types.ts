import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { goBool, goInt64 } from '../traefik/go-parse';
import { FILE_TLS_OPTION_TYPES, MIDDLEWARE_OPTION_TYPES, SERVERS_TRANSPORT_TYPES, type OptionType } from './option-value-types';

type Types = Readonly<Record<string, OptionType>>;

/** A value of a file provider's text paerser cannot decode: its key path in the text as shown, and as written when every key is a plain word. */
export interface FileValueProblem {
  readonly at: string;
  readonly keys?: Path;
  readonly type: OptionType;
  readonly value: unknown;
}

/** The value of `key` in any case, with the key as written (paerser finds fields by strings.EqualFold). */
function entry(map: unknown, key: string): [string, unknown] | undefined {
  if (!isMap(map)) return undefined;
  const lower = key.toLowerCase();
  const found = Object.keys(map).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : [found, map[found]];
}

/** A value as paerser holds it before parsing (file/raw_node.go: fmt.Sprint of the YAML scalar), or undefined for a map or list. */
const asText = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

const decodes = (value: unknown, type: OptionType): boolean => {
  const text = asText(value);
  return text !== undefined && (type === 'boolean' ? goBool(text) : goInt64(text));
};

const shownKey = (key: string | number): string =>
  typeof key === 'number' ? `[${key}]` : /^[\w-]+$/.test(key) ? `.${key}` : `.${JSON.stringify(key.slice(0, 60))}`;

/**
 * 69b-9: the typed values of a file provider's text that paerser cannot decode (traefik/paerser parser/element_fill.go:
 * a bool by strconv.ParseBool, an int by strconv.ParseInt(v, 10, bits)), so file.DecodeContent fails and Traefik loads
 * nothing of the file: a service's `loadBalancer.passHostHeader` and `weighted.services[].weight`, a router's
 * `observability` switches (traefik/traefik pkg/config/dynamic http_config.go, v3.6.0), and the options of
 * option-value-types.ts (middlewares, serversTransports, tls.options). A router's `priority` is route-fields.ts's.
 */
export function fileValueTypeProblems(document: unknown): FileValueProblem[] {
  const out: FileValueProblem[] = [];
  const judge = (map: unknown, types: Types, keys: Path) => {
    for (const [key, type] of Object.entries(types)) {
      const found = entry(map, key);
      if (!found || found[1] === undefined || found[1] === null || decodes(found[1], type)) continue;
      const at = [...keys, found[0]];
      const plain = at.every((k) => typeof k === 'number' || /^[\w-]+$/.test(k));
      out.push({ at: at.map(shownKey).join('').slice(1), ...(plain && { keys: at }), type, value: found[1] });
    }
  };
  const named = (section: [string, unknown] | undefined, key: string, each: (item: unknown, keys: Path) => void) => {
    const group = section && entry(section[1], key);
    if (group && isMap(group[1])) for (const [name, item] of Object.entries(group[1])) each(item, [section[0], group[0], name]);
  };
  const http = entry(document, 'http');
  named(http, 'services', (service, keys) => {
    const lb = entry(service, 'loadBalancer');
    if (lb) judge(lb[1], { passHostHeader: 'boolean' }, [...keys, lb[0]]);
    const weighted = entry(service, 'weighted');
    const services = weighted && entry(weighted[1], 'services');
    if (weighted && services && Array.isArray(services[1]))
      services[1].forEach((item, j) => judge(item, { weight: 'integer' }, [...keys, weighted[0], services[0], j]));
  });
  named(http, 'routers', (router, keys) => {
    const observability = entry(router, 'observability');
    if (observability)
      judge(observability[1], { accessLogs: 'boolean', tracing: 'boolean', metrics: 'boolean' }, [...keys, observability[0]]);
  });
  named(http, 'middlewares', (middleware, keys) => {
    for (const [kind, types] of Object.entries(MIDDLEWARE_OPTION_TYPES)) {
      const options = entry(middleware, kind);
      if (options) judge(options[1], types, [...keys, options[0]]);
    }
  });
  named(http, 'serversTransports', (transport, keys) => judge(transport, SERVERS_TRANSPORT_TYPES, keys));
  named(entry(document, 'tls'), 'options', (options, keys) => judge(options, FILE_TLS_OPTION_TYPES, keys));
  return out;
}
