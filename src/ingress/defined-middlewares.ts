import { posix } from 'node:path';
import { readManifestText } from '../core/manifest-text';
import { isMap } from '../core/is-map';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { renderedObjects } from '../traefik/extra-objects';
import { goTruthy } from '../traefik/go-truth';
import { apiGroup } from '../validate/kinds';
import { mountedDynamicFiles } from './mounted-file-routes';

type Values = Readonly<Record<string, unknown>>;

/** A Middleware Traefik can put in front of a router: how a message names it, its spec, and its chain's members by Traefik's names. */
export interface DefinedMiddleware {
  readonly name: string;
  readonly spec: Values;
  readonly members: readonly string[];
}

/**
 * The middleware kinds and fields the rules read, as written in a CRD spec; the file provider finds them in any case
 * (traefik/paerser parser/nodes_metadata.go `findTypedField`: strings.EqualFold), so a file's spelling is mapped to these.
 */
const FIELDS = [
  'basicAuth',
  'digestAuth',
  'forwardAuth',
  'ipAllowList',
  'ipWhiteList',
  'chain',
  'redirectScheme',
  'redirectRegex',
  'sourceRange',
  'middlewares',
  'scheme',
  'port',
];

/** `map` with each of FIELDS' spellings in any case under its own name, the last one paerser fills (by bytes) winning. */
function anyCase(map: Values): Values {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const name = FIELDS.find((field) => field.toLowerCase() === key.toLowerCase());
    const value = map[key];
    out[name ?? key] = name && isMap(value) ? anyCase(value) : value;
  }
  return out;
}

/** A map's value under `name` in any case (the file provider's sections), each spelling's map merged in byte order. */
const section = (map: unknown, name: string): Values =>
  isMap(map)
    ? Object.assign(
        {},
        ...Object.keys(map)
          .filter((key) => key.toLowerCase() === name && isMap(map[key]))
          .sort()
          .map((key) => map[key]),
      )
    : {};

/**
 * The Middlewares `values` define, by the name a router's (or an entrypoint's) `middlewares` gives them: the CRD
 * provider's among `extraObjects` as `<namespace>-<name>@kubernetescrd` (traefik/traefik pkg/provider/kubernetes/crd
 * kubernetes.go `makeID`, v3.6.0), and the file provider's (`providers.file.content` when on, the extraObjects
 * ConfigMaps mounted where it reads, file-routes.ts) as `<name>@file`. A chain's members are named as Traefik resolves
 * them: a CRD member `{name, namespace}` as `<namespace, else the chain's>-<name>@kubernetescrd` unless its name holds
 * `@` (kubernetes.go `createChainMiddleware`), a file member without `@` as `<name>@file` (the provider's own).
 */
export function definedMiddlewares(values: Values): Map<string, DefinedMiddleware> {
  const found = new Map<string, DefinedMiddleware>();
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  for (const object of items.flatMap(renderedObjects)) {
    const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
    if (object.kind !== 'Middleware' || (group !== 'traefik.io' && group !== 'traefik.containo.us')) continue;
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : traefikNamespace(values);
    if (typeof metadata.name !== 'string') continue;
    const spec = isMap(object.spec) ? object.spec : {};
    const chain: unknown[] = isMap(spec.chain) && Array.isArray(spec.chain.middlewares) ? spec.chain.middlewares : [];
    const members = chain.flatMap((ref) => {
      if (!isMap(ref) || typeof ref.name !== 'string') return [];
      if (ref.name.includes('@')) return [ref.name];
      return [`${typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : namespace}-${ref.name}@kubernetescrd`];
    });
    found.set(`${namespace}-${metadata.name}@kubernetescrd`, { name: `${namespace}/${metadata.name}`, spec, members });
  }
  for (const document of fileProviderTexts(values).documents) {
    for (const [name, middleware] of Object.entries(section(section(document, 'http'), 'middlewares'))) {
      if (!isMap(middleware)) continue;
      const spec = anyCase(middleware);
      const chain = isMap(spec.chain) && Array.isArray(spec.chain.middlewares) ? spec.chain.middlewares : [];
      const members = chain.flatMap((member: unknown) =>
        typeof member === 'string' ? [member.includes('@') ? member : `${member}@file`] : [],
      );
      found.set(`${name}@file`, { name: `${/^[\w.-]{1,80}$/.test(name) ? name : 'one'}@file`, spec, members });
    }
  }
  return found;
}

/**
 * The file provider's texts that define middlewares (`providers.file.content` when on, the extraObjects ConfigMaps mounted
 * where a `--providers.file.*` flag points, mounted-file-routes.ts), each read as its first document; and what it reads
 * besides: `off` when it runs with no file at all (no chart switch, no flag), `complete` when every file it reads is
 * among these, `partial` when a file is untraced, not YAML (TOML is not read here) or does not parse.
 */
export function fileProviderTexts(values: Values): { documents: unknown[]; reads: 'off' | 'complete' | 'partial' } {
  const providers = isMap(values.providers) ? values.providers : {};
  const file = isMap(providers.file) ? providers.file : {};
  const chartOn = goTruthy(file.enabled);
  const mounted = mountedDynamicFiles(values);
  const texts = [
    ...(chartOn && file.content !== undefined && file.content !== null ? [file.content] : []),
    ...mounted.files.filter((found) => /\.ya?ml$/i.test(found.file)).map((found) => found.text),
  ];
  let partial =
    mounted.untraced.length > 0 ||
    mounted.files.some((found) => !/\.ya?ml$/i.test(found.file)) ||
    (chartOn && mountsUnder(values, CHART_FILE_DIRECTORY));
  const documents = texts.flatMap((text) => {
    const read = typeof text === 'string' ? readManifestText(text) : undefined;
    if (read?.unjudgeable) partial = true;
    return read?.unjudgeable ? [] : [read ? read.documents[0] : text];
  });
  const on = chartOn || mounted.files.length > 0 || mounted.untraced.length > 0;
  return { documents, reads: !on ? 'off' : partial ? 'partial' : 'complete' };
}

/** Where the chart mounts `providers.file.content` and points the provider when it is on (traefik/templates/_podtemplate.tpl). */
const CHART_FILE_DIRECTORY = '/etc/traefik/dynamic';

/** Whether a mount of `volumes` or `additionalVolumeMounts` puts files inside `directory` (which the provider then reads too). */
function mountsUnder(values: Values, directory: string): boolean {
  return ['volumes', 'additionalVolumeMounts'].some((key) => {
    const list: unknown[] = Array.isArray(values[key]) ? (values[key] as unknown[]) : [];
    return list.some(
      (item) => isMap(item) && typeof item.mountPath === 'string' && posix.normalize(item.mountPath).startsWith(`${directory}/`),
    );
  });
}
