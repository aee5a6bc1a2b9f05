import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { lazyRedactor } from '../core/lazy-redactor';
import { goTruthy } from './go-truth';
import { objectFindings } from './object-judge';
import { unquotedReading } from './unquoted-scalar';
import { yamlNumber } from './yaml-number';

type Values = Record<string, unknown>;

/** One object the chart renders from `<key>.<name>`: its spec, and where each of its spec's keys is in the values. */
interface ChartObject {
  readonly kind: 'IngressRoute' | 'TLSOption' | 'TLSStore';
  readonly name: string;
  readonly spec: Values;
  /** The values path of a spec path's first keys (`routes[0].services` is `ingressRoute.<name>.services`). */
  readonly at: (specPath: Path) => Path;
  /** The values as the user wrote them. */
  readonly written: Values;
  /** Spec keys the chart prints unquoted (`{{ . }}`), so Kubernetes' YAML reader reads them anew. */
  readonly printed: ReadonlySet<string>;
}

/** A map's map entries. */
const entriesOf = (value: unknown): Array<[string, Values]> =>
  isMap(value) ? Object.entries(value).flatMap(([name, entry]) => (isMap(entry) ? [[name, entry] as [string, Values]] : [])) : [];

/** `{{- with $config.<key> }}`: the keys of `config` whose value is Go-true, as the chart writes them. */
const withKeys = (config: Values, keys: readonly string[]): Values =>
  Object.fromEntries(keys.filter((key) => goTruthy(config[key])).map((key) => [key, config[key]]));

/**
 * A value the chart prints unquoted (`minVersion: {{ . }}`), as Kubernetes' YAML reader reads it back (sigs.k8s.io/yaml,
 * go-yaml v2: unquoted-scalar.ts): a text such as `12` is a number, `yes` a boolean.
 */
function reread(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const reading = unquotedReading(value);
  if (reading === 'a boolean') return /^(y|yes|on|true)$/i.test(value.trim());
  return reading === 'a number' ? yamlNumber(value) : value;
}

/**
 * 75a-12: what the chart renders from `ingressRoute.<name>` where `enabled` (templates/ingressroute.yaml: `services`,
 * `middlewares` and `tls` through `toYaml`, the route's other keys printed), `tlsOptions.<name>` (templates/tlsoption.yaml:
 * the `with` keys below, four of them printed unquoted) and `tlsStore.<name>` (templates/tlsstore.yaml: `spec: toYaml
 * $config`), traefik/traefik-helm-chart v39.0.7.
 */
function chartObjects(values: Values): ChartObject[] {
  const routes = entriesOf(values.ingressRoute)
    .filter(([, config]) => goTruthy(config.enabled))
    .map(([name, config]): ChartObject => {
      const route = withKeys(config, ['services', 'middlewares']);
      return {
        kind: 'IngressRoute',
        name,
        spec: { routes: [route], ...withKeys(config, ['tls']) },
        written: config,
        at: (path) => (path[0] === 'routes' ? ['ingressRoute', name, ...path.slice(2)] : ['ingressRoute', name, ...path]),
        printed: new Set(),
      };
    });
  const printed = ['disableSessionTickets', 'maxVersion', 'minVersion', 'sniStrict'];
  const options = entriesOf(values.tlsOptions).map(([name, config]): ChartObject => {
    const spec = withKeys(config, ['alpnProtocols', 'cipherSuites', 'clientAuth', 'curvePreferences', ...printed]);
    for (const key of printed) if (key in spec) spec[key] = reread(spec[key]);
    return { kind: 'TLSOption', name, spec, written: config, at: (path) => ['tlsOptions', name, ...path], printed: new Set(printed) };
  });
  const stores = entriesOf(values.tlsStore).map(([name, config]): ChartObject => ({
    kind: 'TLSStore',
    name,
    spec: config,
    written: config,
    at: (path) => ['tlsStore', name, ...path],
    printed: new Set(),
  }));
  return [...routes, ...options, ...stores];
}

/**
 * 76b-17, 76b-12: the name each object is rendered with, in kube-system, and the values key it comes from: an IngressRoute
 * is `{{ $.Release.Name }}-{{ $name }}` (release `traefik`), a TLSOption or TLSStore `{{ $name }}` (the templates above).
 */
export const chartCrdObjectNames = (values: Values): Array<{ kind: ChartObject['kind']; name: string; key: Path }> =>
  chartObjects(values).map(({ kind, name, at }) => ({ kind, name: kind === 'IngressRoute' ? `traefik-${name}` : name, key: at([]) }));

/** Why a quoted text is said as a number or boolean (tlsoption.yaml prints the value: `minVersion: {{ . }}`). */
const UNQUOTED = " (the chart writes the text unquoted, and Kubernetes' YAML reader reads it as a number or boolean)";

/**
 * The Traefik objects the chart renders from its values, held to the types of the pinned chart's Traefik CRDs
 * (validate/schemas.ts, crds/traefik/) as `extraObjects` items are: the API server refuses a value of another type, and
 * the whole Traefik release fails. Each problem is said at the values key the user wrote; it yields to a Traefik rule's
 * own on that key (schemaVerdict), which says the fix.
 */
export function chartCrdTypeProblems(values: Values, prefix: Path): Problem[] {
  const objects = chartObjects(values);
  if (!objects.length) return [];
  return objects.flatMap(({ kind, name, spec, written, at, printed }) => {
    // A plain copy: the validators may annotate what they read, and the config is frozen behind proxies.
    const object = JSON.parse(JSON.stringify({ apiVersion: 'traefik.io/v1alpha1', kind, metadata: { name: 'x' }, spec })) as Values;
    const redacted = lazyRedactor(spec); // secrets read for a message only
    return objectFindings(object).flatMap(({ path, message, traefikCrdType }) => {
      if (!traefikCrdType || path[0] !== 'spec') return [];
      const key = path[1];
      const typed = typeof key === 'string' && printed.has(key) ? written[key] : undefined;
      const unquoted = typeof typed === 'string' && typeof spec[key as string] !== 'string' ? UNQUOTED : '';
      return [
        {
          schemaVerdict: true,
          path: [...prefix, 'values', ...at(path.slice(1))],
          message: `${redacted(message)}${unquoted}: the chart renders it into its ${kind} ${name} as given, and the API server refuses the object, which fails the whole Traefik release`,
        },
      ];
    });
  });
}
