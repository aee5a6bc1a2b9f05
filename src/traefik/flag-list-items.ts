import type { TraefikFlag } from './arguments';

/**
 * 61b-3: the items of a list flag (`--entrypoints.web.forwardedHeaders.trustedIPs=a,b`) as Traefik's parser reads them:
 * an empty value sets no list (`if len(node.Value) == 0 { return nil }`), any other is split at every comma, and each
 * item is then trimmed (traefik/paerser v0.2.0 parser/element_fill.go, `setSlice` and `makeSlice`). Items are returned as
 * written, untrimmed: each caller says what it does with blanks.
 */
export function flagListItems(raw: string | undefined): string[] {
  return raw === undefined || raw === '' ? [] : raw.split(',');
}

/**
 * The list flags the rules read besides `trustedIPs` (trust.ts, whose items formats.ts `trustedNetwork` judges): the
 * providers' `namespaces` and an entrypoint's `http.middlewares`.
 */
const LISTS = /^(providers\.kubernetes(ingress|gateway|crd)\.namespaces|entrypoints\.[^.]+\.http\.middlewares)$/;

/**
 * Why Traefik would not read list flag `name` (lower case) with value `raw` as the list it was meant to be: an empty item
 * (`a,`, `a,,b`) stays in the list after trimming. An empty namespace is client-go's `metav1.NamespaceAll`, so Traefik
 * watches every namespace there instead of the ones listed (traefik/traefik pkg/provider/kubernetes/ingress/client.go
 * `WatchAll`, v3.7.9), and a middleware named "" does not exist, so the entrypoint's routers fail as for any unknown one.
 * Undefined for any other flag, or a list without an empty item.
 */
export function emptyListItemProblem({ name, written, raw }: Pick<TraefikFlag, 'name' | 'written' | 'raw'>): string | undefined {
  if (!LISTS.test(name)) return undefined;
  const items = flagListItems(raw);
  const empty = items.findIndex((item) => item.trim() === '');
  // A value with no comma (` `) is one name, which the rules that read the list judge (entrypoint-middlewares.ts).
  if (empty < 0 || items.length < 2) return undefined;
  return (
    `sets --${written} to a list with an empty item (item ${empty + 1} of ${items.length}, split at commas), which Traefik keeps: ` +
    'remove the extra comma'
  );
}
