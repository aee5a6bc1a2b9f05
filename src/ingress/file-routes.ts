import { tomlNamesRouters } from './toml-router-keys';
import { readManifestText } from '../core/manifest-text';
import { isMap } from '../core/is-map';
import { goTruthy } from '../traefik/go-truth';
import type { Path } from '../core/problem';
import { mountedDynamicFiles, UntracedFiles } from './mounted-file-routes';
import { unknownFileServiceFields } from './file-service-fields';
import { droppedRootKeys, unknownFileConfigFields } from './file-config-fields';
import type { Deployed } from './traefik-service-fields';
import { runningTraefik } from './file-provider-release';
import { spacedLead } from '../config/dash-tab';
import { fileValueTypeProblems, type FileValueProblem } from './file-value-types';

type Values = Readonly<Record<string, unknown>>;

/** A router of the file provider's dynamic configuration, with its key path inside the text (`http.routers.r`). */
export interface FileRoute {
  /** Where the text is written (below the reader's prefix: `values.providers.file.content`), and the file Traefik reads it as. */
  readonly path: Path;
  readonly file: string;
  readonly at: string;
  /** `at` as a key path into the text, when every key is a plain word: where the router is written (69b-24). */
  readonly keys?: Path;
  readonly tcp: boolean;
  readonly rule: unknown;
  readonly ruleSyntax: unknown;
  readonly priority: unknown;
  /** `entryPoints` as written (none: every entrypoint), and `tls` (a map, or absent). */
  readonly entryPoints: unknown;
  readonly tls: unknown;
}

/** A UDP router of the file provider (it has no rule): where it is written, its key path in the text, its `entryPoints`. */
export interface FileUdpRoute {
  readonly path: Path;
  readonly at: string;
  readonly keys?: Path;
  readonly entryPoints: unknown;
}

/** A text whose routers are not judged (`refused`: Traefik loads none of them, and why; else a text this tool does not read). */
export interface FileText {
  readonly path: Path;
  readonly file: string;
  readonly refused?: string;
  /** What to write instead, when `refused` says one thing to mend (a tab after a list dash). */
  readonly fix?: string;
  /** Where in the text the problem that makes it `refused` stands (an offset into it), when one place says it. */
  readonly at?: number;
  /** A TOML text that names routers: Traefik reads and serves them, and this tool cannot judge their rules (59b-4). */
  readonly tomlRouters?: boolean;
  /** The keys at its root Traefik drops unread, each with the section it was likely meant as (file-config-fields.ts). */
  readonly dropped?: readonly string[];
}

/** The routers of the file provider's texts, the texts not judged, and the provider's paths this tool cannot trace. */
export interface FileRoutes {
  readonly routes: FileRoute[];
  readonly udpRoutes: FileUdpRoute[];
  readonly texts: FileText[];
  readonly untraced: UntracedFiles[];
  /** Values paerser cannot decode (file-value-types.ts), each with where its text is written. */
  readonly badValues: Array<FileValueProblem & { readonly path: Path }>;
}

/**
 * The fields paerser finds on a router, by Go field name in any case (traefik/paerser parser/nodes_metadata.go
 * `findTypedField`: strings.EqualFold; else "field not found", and file.DecodeContent fails, so the file provider loads
 * nothing of the file): traefik/traefik pkg/config/dynamic http_config.go `Router`, `RouterTLSConfig` and tcp_config.go
 * `TCPRouter`, `RouterTCPTLSConfig`, the union of v2.11.0, v3.6.0 and v3.7 (ruleSyntax, observability and parentRefs
 * are v3's, deniedEncodedPathCharacters v3.7's). `DefaultRule` is the HTTP `Router`'s only: TCPRouter has none, so a
 * TCP router's `defaultRule` is "field not found" (review57-10).
 */
const ROUTER_FIELDS = ['entrypoints', 'middlewares', 'service', 'rule', 'rulesyntax', 'priority', 'tls'];
const HTTP_ONLY = ['defaultrule', 'observability', 'parentrefs', 'deniedencodedpathcharacters'];
const TLS_FIELDS = ['options', 'certresolver', 'domains'];

/**
 * The keys of `map` that paerser reads as the field `name`, in the order it fills them: every spelling in any case
 * (`rule`, `Rule`), sorted by bytes (traefik/paerser v0.2.0 file/raw_node.go `sortKeys`; Go's YAML decoder keeps both
 * keys), each filled in turn (parser/element_fill.go `setStruct`).
 */
const spellings = (map: Values, name: string): string[] =>
  Object.keys(map)
    .filter((key) => key.toLowerCase() === name.toLowerCase())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A router's field as paerser leaves it (58b-2): a text or number of the last spelling filled wins. */
const field = (router: Values, name: string): unknown => {
  const keys = spellings(router, name);
  return keys.length ? router[keys[keys.length - 1]] : undefined;
};

/**
 * The values of every spelling of the field `name` in each of `maps`, in the order paerser fills them (58b-2): a
 * section (`http`, `Http`) is one struct filled by each spelling in turn (parser/element_fill.go `setPtr` keeps the
 * pointer), and a map (`routers`, `Routers`) one map each spelling adds to (`setMap` makes it once; a router of one
 * name in two spellings is the later one's).
 */
const filled = (maps: readonly Values[], name: string): Values[] =>
  maps.flatMap((map) =>
    spellings(map, name)
      .map((key) => map[key])
      .filter(isMap),
  );

/** A field name for a message: a short word as written, else only its length (a key may be anything, a token too). */
const shownKey = (key: string): string => (/^[A-Za-z][A-Za-z0-9_-]{0,23}$/.test(key) ? key : `<a key of ${key.length} characters>`);

/** Parse errors Go's YAML decoder (gopkg.in/yaml.v3, paerser file/file.go) fails on too; tags and merge keys it reads. */
const FAILS = /a key written twice|a syntax error|a tab as indentation/;

/**
 * Why a text is refused: where the problem stands in the config (`offset`), it names the text's line as other problems
 * inside a text do ("on its line 8"), not a second line and column (84a-22); a tab after a list dash is said as the
 * config's own is (config/dash-tab.ts), with what to write.
 */
function textRefusal(text: string, why: string, offset: number | undefined): { refused: string; fix?: string } {
  const refused = why.replace(/^does not parse cleanly as YAML/, 'is no clean YAML');
  if (offset === undefined) return { refused };
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = `on its line ${text.slice(0, lineStart).split('\n').length}`;
  const lead = /^ *-[ \t-]*/.exec(text.slice(lineStart))?.[0] ?? '';
  if (why.includes('a tab as indentation') && lead.includes('\t') && offset < lineStart + lead.length)
    return {
      refused: `has a tab after a list dash ("-") ${line}, where YAML needs a space before the item's key`,
      fix: spacedLead(lead).fix,
    };
  return { refused: refused.replace(/, at line \d+, column \d+\)$/, `, ${line})`) };
}

/** The routers of a file provider's dynamic configuration (text or map), as Traefik decodes it as YAML. */
function dynamicRoutes(
  content: unknown,
  path: Path,
  file: string,
  deployed?: Deployed,
): { routes: FileRoute[]; udpRoutes: FileUdpRoute[]; text?: FileText; badValues?: FileRoutes['badValues'] } {
  let document: unknown = content;
  // TOML (a .toml file of a directory) is not read here; one that names routers (a `routers` key or table outside
  // comments: toml-router-keys.ts) is refused, as TOML in `providers.file.content` is.
  if (/\.toml$/i.test(file))
    return {
      routes: [],
      udpRoutes: [],
      text: { path, file, ...(typeof content === 'string' && tomlNamesRouters(content) && { tomlRouters: true }) },
    };
  if (typeof document === 'string') {
    const read = readManifestText(document);
    if (read.unjudgeable) {
      const fails = FAILS.test(read.unjudgeable);
      return {
        routes: [],
        udpRoutes: [],
        text: {
          path,
          file,
          ...(fails && textRefusal(document, read.unjudgeable, read.offset)),
          ...(fails && read.offset !== undefined && { at: read.offset }),
        },
      };
    }
    document = read.documents[0];
  }
  const unknown: string[] = [];
  // 66b-4: a service field paerser does not find fails the file as a router's does (file-service-fields.ts).
  const services = unknownFileServiceFields(isMap(document) ? filled([document], 'http') : [], deployed);
  // 67b-4: so does any other key paerser does not find (a section, a middleware kind, a TCP, UDP or TLS field).
  const others = unknownFileConfigFields(document, deployed);
  const routes = (['http', 'tcp'] as const).flatMap((section) => {
    const parts = isMap(document) ? filled([document], section) : [];
    const routers: Values = Object.assign({}, ...filled(parts, 'routers'));
    return Object.entries(routers).flatMap(([name, router]): FileRoute[] => {
      if (!isMap(router)) return [];
      const plain = /^[\w-]+$/.test(name);
      const at = `${section}.routers.${plain ? name : JSON.stringify(name.slice(0, 60))}`;
      const fields = section === 'http' ? [...ROUTER_FIELDS, ...HTTP_ONLY] : ROUTER_FIELDS;
      const tlsFields = section === 'tcp' ? [...TLS_FIELDS, 'passthrough'] : TLS_FIELDS;
      for (const key of Object.keys(router)) if (!fields.includes(key.toLowerCase())) unknown.push(`${at}.${shownKey(key)}`);
      const tls = field(router, 'tls');
      if (isMap(tls))
        for (const key of Object.keys(tls)) if (!tlsFields.includes(key.toLowerCase())) unknown.push(`${at}.tls.${shownKey(key)}`);
      return [
        {
          path,
          file,
          at,
          ...(plain && { keys: [section, 'routers', name] }),
          tcp: section === 'tcp',
          rule: field(router, 'rule'),
          ruleSyntax: field(router, 'ruleSyntax'),
          priority: field(router, 'priority'),
          entryPoints: field(router, 'entryPoints'),
          tls: field(router, 'tls'),
        },
      ];
    });
  });
  // 68b-2: UDP routers name entrypoints too (dynamic udp_config.go `UDPRouter`: entryPoints, service; its other keys are
  // file-config-fields.ts's to refuse).
  const udpRouters: Values = Object.assign({}, ...filled(isMap(document) ? filled([document], 'udp') : [], 'routers'));
  const udpRoutes = Object.entries(udpRouters).flatMap(([name, router]): FileUdpRoute[] =>
    isMap(router)
      ? [
          {
            path,
            at: `udp.routers.${/^[\w-]+$/.test(name) ? name : JSON.stringify(name.slice(0, 60))}`,
            ...(/^[\w-]+$/.test(name) && { keys: ['udp', 'routers', name] }),
            entryPoints: field(router, 'entryPoints'),
          },
        ]
      : [],
  );
  const refused =
    [
      unknown.length
        ? `names ${unknown.length > 1 ? 'fields' : 'a field'} a router does not have (${unknown.slice(0, 3).join(', ')}; Traefik's router fields: entryPoints, middlewares, service, rule, ruleSyntax, priority, tls)`
        : '',
      services.length
        ? `names ${services.length > 1 ? 'fields' : 'a field'} a service of ${runningTraefik(deployed)} does not have (${services.slice(0, 3).join(', ')}; Traefik's service fields: loadBalancer, weighted, mirroring, failover, highestRandomWeight from v3.6, middlewares from v3.7, each block with its own fields)`
        : '',
      others.length
        ? `names ${others.length > 1 ? 'keys' : 'a key'} ${runningTraefik(deployed)} does not have (${others.slice(0, 3).join(', ')}; its sections: http, tcp, udp, tls, each with its own fields and middleware kinds)`
        : '',
    ]
      .filter(Boolean)
      .join('; and ') || undefined;
  const dropped = droppedRootKeys(document);
  return {
    routes,
    udpRoutes,
    badValues: fileValueTypeProblems(document).map((bad) => ({ ...bad, path })),
    ...((refused || dropped.length) && { text: { path, file, ...(refused && { refused }), ...(dropped.length && { dropped }) } }),
  };
}

/**
 * The HTTP and TCP routers Traefik's file provider reads: of `providers.file.content` when the provider is on (56b-6; the
 * chart writes the text as the file `config.yml` of its ConfigMap, templates/provider-file-cm.yaml v26.0.0 to v41.3.0,
 * the text as is or toYaml of a map, which Traefik reads by its extension as YAML), and of the extraObjects ConfigMaps
 * mounted where `--providers.file.directory`/`filename` points (57b-5, mounted-file-routes.ts). Each router is built with
 * the same rule parser and matchers as a CRD route (pkg/config/dynamic http_config.go and tcp_config.go, v2.11.0 and
 * v3.6.0); UDP routers have no rule. `texts`: texts not judged, `refused` where Traefik cannot decode them (57b-15: no
 * clean YAML, a key written twice, a router field paerser does not find), so the provider serves none of their routers.
 */
export function fileRoutes(values: Values, deployed?: Deployed): FileRoutes {
  const providers = isMap(values.providers) ? values.providers : {};
  const file = isMap(providers.file) ? providers.file : {};
  const mounted = mountedDynamicFiles(values);
  const read = [
    ...(goTruthy(file.enabled) && file.content !== undefined && file.content !== null
      ? [dynamicRoutes(file.content, ['values', 'providers', 'file', 'content'], 'config.yml', deployed)]
      : []),
    ...mounted.files.map(({ text, path, file: name }) => dynamicRoutes(text, path, name, deployed)),
  ];
  return {
    routes: read.flatMap((r) => r.routes),
    udpRoutes: read.flatMap((r) => r.udpRoutes),
    texts: read.flatMap((r) => (r.text ? [r.text] : [])),
    untraced: mounted.untraced,
    badValues: read.flatMap((r) => r.badValues ?? []),
  };
}
