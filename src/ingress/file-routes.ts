import { readManifestText } from '../core/manifest-text';
import { isMap } from '../core/is-map';
import { goTruthy } from '../traefik/go-truth';

type Values = Readonly<Record<string, unknown>>;

/** A router of the file provider's dynamic configuration, with its key path inside the text (`http.routers.r`). */
export interface FileRoute {
  readonly at: string;
  readonly tcp: boolean;
  readonly rule: unknown;
  readonly ruleSyntax: unknown;
  readonly priority: unknown;
}

/**
 * The HTTP and TCP routers of `providers.file.content` when the file provider is on (56b-6): the chart writes the text as
 * the file `config.yml` of its ConfigMap (templates/provider-file-cm.yaml, v26.0.0 to v41.3.0, the text as is or toYaml
 * of a map), and Traefik's file provider reads it by its extension as YAML and builds each router with the same rule
 * parser and matchers as a CRD route (pkg/config/dynamic http_config.go and tcp_config.go `Rule`, `RuleSyntax`,
 * `Priority int`, v2.11.0 and v3.6.0). UDP routers have no rule. `unread`: a text that does not read as YAML.
 */
export function fileRoutes(values: Values): { routes: FileRoute[]; unread: boolean } {
  const providers = isMap(values.providers) ? values.providers : {};
  const file = isMap(providers.file) ? providers.file : {};
  if (!goTruthy(file.enabled) || file.content === undefined || file.content === null) return { routes: [], unread: false };
  let document: unknown = file.content;
  if (typeof document === 'string') {
    const read = readManifestText(document);
    if (read.unjudgeable) return { routes: [], unread: true };
    document = read.documents[0];
  }
  const routes = (['http', 'tcp'] as const).flatMap((section) => {
    const part = isMap(document) ? document[section] : undefined;
    const routers = isMap(part) && isMap(part.routers) ? part.routers : {};
    return Object.entries(routers).flatMap(([name, router]): FileRoute[] =>
      isMap(router)
        ? [
            {
              at: `${section}.routers.${/^[\w-]+$/.test(name) ? name : JSON.stringify(name)}`,
              tcp: section === 'tcp',
              rule: router.rule,
              ruleSyntax: router.ruleSyntax,
              priority: router.priority,
            },
          ]
        : [],
    );
  });
  return { routes, unread: false };
}
