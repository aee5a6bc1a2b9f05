import { readManifestText } from '../core/manifest-text';
import { isMap } from '../core/is-map';

/** An HTTP router of the file provider's dynamic configuration, as far as the ping rules read it. */
export interface FileRouter {
  readonly name: string;
  readonly service: unknown;
  readonly entryPoints: unknown;
  readonly rule: unknown;
  /** `tls` set (even `{}`): the router answers only over TLS (traefik/traefik pkg/config/dynamic/http_config.go `TLS *RouterTLSConfig`). */
  readonly tls: boolean;
  /** Stands for a text not read: its entrypoints and rule are not judged. */
  readonly unread?: boolean;
}

/** A router standing for a `providers.file.content` text this tool cannot read, which names ping@internal: its rule is not judged. */
const UNREAD: FileRouter = {
  name: '(text not read as YAML)',
  service: 'ping@internal',
  entryPoints: undefined,
  rule: undefined,
  tls: false,
  unread: true,
};

/**
 * The HTTP routers (`http.routers.<name>`) of `providers.file.content`, which the chart writes as the file `config.yml` of
 * its ConfigMap (templates/provider-file-cm.yaml, v26.0.0 to v41.3.0: the text as is, or toYaml of a map), so Traefik's file
 * provider reads it as YAML (by the file's extension). `tcp:` and `udp:` routers never answer an HTTP probe. A text that does
 * not read cleanly but names ping@internal gives one router whose rule and entrypoints are not judged (`rule` unknown).
 */
export function fileRouters(content: unknown): FileRouter[] {
  let document: unknown = content;
  if (typeof content === 'string') {
    const read = readManifestText(content);
    if (read.unjudgeable) return content.includes('ping@internal') ? [{ ...UNREAD }] : [];
    document = read.documents[0];
  }
  const http = isMap(document) ? document.http : undefined;
  const routers = isMap(http) && isMap(http.routers) ? http.routers : {};
  return Object.entries(routers).flatMap(([name, router]) =>
    isMap(router)
      ? [
          {
            name,
            service: router.service,
            entryPoints: router.entryPoints,
            rule: router.rule,
            tls: router.tls !== undefined && router.tls !== null,
          },
        ]
      : [],
  );
}
