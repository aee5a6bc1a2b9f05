import { keyText, quotedText, type Problem } from '../core/problem';
import { entrypointMiddlewares } from './entrypoint-middlewares';
import type { PortRuleInputs } from './port-rule-inputs';
import { definedMiddlewares, fileProviderTexts } from '../ingress/defined-middlewares';
import { providerWatch, type ProviderWatch } from './provider-watch';

const CRD = '@kubernetescrd';
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * 71b-5: whether `<namespace>-<name>@kubernetescrd` can name a Middleware: Traefik's Kubernetes CRD provider names each
 * `<namespace>-<name>` (traefik/traefik pkg/provider/kubernetes/crd/kubernetes.go `makeID`, v3.6.0;
 * doc.traefik.io/traefik/routing/providers/kubernetes-crd/ "Middleware", `<middleware-namespace>-<middleware-name>@kubernetescrd`),
 * a namespace a DNS-1123 label (63 characters at most) and a name a DNS-1123 subdomain (253), so some `-` among the first
 * 64 characters must split the text into both. Undefined for another provider's name, or one that can exist; else the
 * fix (its lower-case spelling when that can exist, else an empty text).
 */
export function impossibleCrdMiddleware(reference: string): string | undefined {
  if (!reference.endsWith(CRD)) return undefined;
  const possible = (id: string) =>
    [...id.slice(0, 64)].some(
      (c, k) => c === '-' && LABEL.test(id.slice(0, k)) && id.length - k - 1 <= 253 && SUBDOMAIN.test(id.slice(k + 1)),
    );
  const id = reference.slice(0, -CRD.length);
  if (possible(id)) return undefined;
  return possible(id.toLowerCase()) ? `write ${quotedText(`${id.toLowerCase()}${CRD}`, () => false, '')}` : '';
}

/** Why `reference` names no Middleware (impossibleCrdMiddleware), with `effect` saying what Traefik then does; undefined when it can. */
export function impossibleCrdMiddlewareMessage(reference: string, effect: string): string | undefined {
  const fix = impossibleCrdMiddleware(reference);
  if (fix === undefined) return undefined;
  return (
    `${quotedText(reference.slice(0, 80), () => false, '')} names no Middleware that can exist: Traefik's Kubernetes CRD provider ` +
    `names one <namespace>-<name>${CRD}, both Kubernetes names (lower-case letters, digits, "-" and "."), ${effect}: ` +
    (fix || 'write <namespace>-<name>@kubernetescrd of a Middleware object')
  );
}

/**
 * 82a-23: why `reference`, a `<name>@file` middleware, names none the file provider defines, with `effect` saying what
 * Traefik then does; undefined for another provider's, one it defines, or when it reads a file this tool cannot.
 */
function missingFileMiddlewareMessage(
  reference: string,
  files: ReturnType<typeof fileProviderTexts>,
  defined: ReadonlySet<string>,
  effect: string,
) {
  if (!reference.endsWith(FILE) || files.reads === 'partial' || defined.has(reference)) return undefined;
  const why =
    files.reads === 'off'
      ? 'the file provider is off (no providers.file.enabled, no --providers.file.directory or filename)'
      : 'no file the file provider reads defines it';
  return (
    `${quotedText(reference.slice(0, 80), () => false, '')} names no Middleware of the file provider, as ${why}, ${effect}: ` +
    'define it under http.middlewares in providers.file.content, or name a Middleware that exists'
  );
}

const FILE = '@file';

/**
 * 83a-20: why `reference`, a `<namespace>-<name>@kubernetescrd` middleware, names none the CRD provider can read: the
 * provider is off, or it watches namespaces of which none can be the reference's (`<namespace>-` begins it). Whether the
 * Middleware object exists is not known here (it may be applied outside this config).
 */
function unreadCrdMiddlewareMessage(reference: string, watch: ProviderWatch, effect: string): string | undefined {
  if (!reference.endsWith(CRD)) return undefined;
  const namespaces = watch.namespaces?.value;
  const why = watch.disabled
    ? 'the Kubernetes CRD provider is off'
    : namespaces && !namespaces.some((namespace) => reference.startsWith(`${namespace}-`))
      ? `the Kubernetes CRD provider watches only ${namespaces.join(', ')}`
      : undefined;
  if (!why) return undefined;
  return (
    `${quotedText(reference.slice(0, 80), () => false, '')} names a Middleware the CRD provider does not read, as ${why}, ${effect}: ` +
    'turn the provider on for its namespace (providers.kubernetesCRD), or name a Middleware it reads'
  );
}

/**
 * The middlewares of each entrypoint (entrypoint-middlewares.ts: the chart key or the flag) that name a CRD Middleware no
 * object can have, or a file provider's middleware that none of its files defines when this tool reads them all (82a-23,
 * ingress/defined-middlewares.ts): Traefik puts an entrypoint's middlewares in front of every router on it, and refuses
 * each router whose middleware does not exist, so every route of the entrypoint stops (as an IngressRoute's middleware
 * name is refused, ingress/route-backends.ts). A CRD Middleware may be applied outside this config: only its name is judged.
 */
export function entrypointMiddlewareNameProblems({ values, flags, entrypoints, chart, sourced }: PortRuleInputs): Problem[] {
  const byFlag = flags.flatMap((flag) => /^entrypoints\.([^.]+)\.http\.middlewares$/i.exec(flag.written)?.[1] ?? []);
  const names = [...new Set([...entrypoints.map((entry) => entry.name), ...byFlag])];
  const files = fileProviderTexts(values);
  const defined = new Set(definedMiddlewares(values).keys());
  const watch = providerWatch(values, flags, [], 'kubernetesCRD');
  return names.flatMap((name) =>
    entrypointMiddlewares(values, flags, name, chart).flatMap((source) => {
      const path = 'flag' in source ? source.flag.path : sourced(source.key, source.value).path;
      const effect = `so Traefik refuses every router on entrypoint ${keyText(name)} ("middleware does not exist")`;
      return source.text.split(',').flatMap((item, i) => {
        const reference = item.trim();
        const message =
          impossibleCrdMiddlewareMessage(reference, effect) ??
          missingFileMiddlewareMessage(reference, files, defined, effect) ??
          unreadCrdMiddlewareMessage(reference, watch, effect);
        return message ? [{ path, message: `item ${i + 1} ${message}` }] : [];
      });
    }),
  );
}
