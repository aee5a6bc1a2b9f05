import { keyText, quotedText, type Problem } from '../core/problem';
import { entrypointMiddlewares } from './entrypoint-middlewares';
import type { PortRuleInputs } from './port-rule-inputs';

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
 * The middlewares of each entrypoint (entrypoint-middlewares.ts: the chart key or the flag) that name a CRD Middleware no
 * object can have: Traefik puts an entrypoint's middlewares in front of every router on it, and refuses each router whose
 * middleware does not exist, so every route of the entrypoint stops (as an IngressRoute's middleware name is refused,
 * ingress/route-backends.ts).
 */
export function entrypointMiddlewareNameProblems({ values, flags, entrypoints, chart, sourced }: PortRuleInputs): Problem[] {
  const byFlag = flags.flatMap((flag) => /^entrypoints\.([^.]+)\.http\.middlewares$/i.exec(flag.written)?.[1] ?? []);
  const names = [...new Set([...entrypoints.map((entry) => entry.name), ...byFlag])];
  return names.flatMap((name) =>
    entrypointMiddlewares(values, flags, name, chart).flatMap((source) => {
      const path = 'flag' in source ? source.flag.path : sourced(source.key, source.value).path;
      const effect = `so Traefik refuses every router on entrypoint ${keyText(name)} ("middleware does not exist")`;
      return source.text.split(',').flatMap((item, i) => {
        const message = impossibleCrdMiddlewareMessage(item.trim(), effect);
        return message ? [{ path, message: `item ${i + 1} ${message}` }] : [];
      });
    }),
  );
}
