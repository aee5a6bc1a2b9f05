import type { Path } from '../core/problem';

/**
 * Keys of the Kubernetes objects this tool writes that its own entries do not take, because it writes them itself:
 * what a "did you mean" to a near key would get wrong. `ingresses[].pathType` (79b-16) is not a slip of `path`:
 * following that hint wrote `path: Exact`.
 */
const FOREIGN: ReadonlyArray<{ readonly under: (path: Path) => boolean; readonly key: string; readonly hint: string }> = [
  {
    under: (path) => path.length === 2 && path[0] === 'ingresses' && typeof path[1] === 'number',
    key: 'pathtype',
    hint:
      'is the Kubernetes Ingress field, which this tool always writes as pathType Prefix (path is a URL path prefix): remove it; ' +
      'for an exact match serve the host with an IngressRoute in traefik.values.extraObjects instead of this entry, ' +
      'its rule Host(`...`) && Path(`/...`)',
  },
];

/** Why an unknown key is a field this tool writes itself, or undefined. */
export function foreignKeyHint(path: Path, key: string): string | undefined {
  return FOREIGN.find((entry) => entry.key === key.toLowerCase() && entry.under(path))?.hint;
}
