import { quotedText, type Path, type Problem } from '../core/problem';
import { impossibleCrdMiddlewareMessage } from '../traefik/entrypoint-middleware-names';
import { goBool, goInt64 } from '../traefik/go-parse';
import { entrypointNames, entrypointProblems } from './route-fields';

type Values = Readonly<Record<string, unknown>>;

const PREFIX = 'traefik.ingress.kubernetes.io/router.';
const ENTRYPOINTS = `${PREFIX}entrypoints`;
const PRIORITY = `${PREFIX}priority`;
const TLS = `${PREFIX}tls`;
const MIDDLEWARES = `${PREFIX}middlewares`;

/** What Traefik does with an Ingress whose router annotations it cannot decode. */
const SKIPPED =
  'so Traefik cannot read the annotations ("Failed to parse annotations") and skips the whole Ingress, whose hosts answer 404';

/**
 * 71b-4: the router annotations of an Ingress Traefik serves, held to the rules an IngressRoute's same fields get
 * (route-fields.ts): Traefik's Ingress provider decodes `traefik.ingress.kubernetes.io/router.*` with its label parser
 * (traefik/traefik pkg/provider/kubernetes/ingress/annotations.go `parseRouterConfig`, v3.6.0: `RouterIng` has
 * `EntryPoints []string`, `Priority int`, `TLS *RouterTLSConfig` with `label:"allowEmpty"`), which reads a list split at
 * commas with its items trimmed, an int by strconv.ParseInt and an allowEmpty switch by strconv.ParseBool (traefik/paerser
 * v0.2.0 parser/element_fill.go, go-parse.ts); a value it cannot read skips the Ingress (kubernetes.go
 * `loadConfigurationFromIngresses`: "Failed to parse annotations", `continue`). An entrypoint name differing from one only
 * in letter case is refused, an unknown one warned of, as `entryPoints` of an IngressRoute. `values` and `chartVersion`
 * are those of the Traefik release that serves the Ingress; paths start at the object. 71b-5: a `router.middlewares` item
 * `<namespace>-<name>@kubernetescrd` no Middleware can have is refused (traefik/entrypoint-middleware-names.ts).
 */
export function ingressRouterAnnotationProblems(
  annotations: Values,
  values: Values,
  chartVersion: string,
): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const at = (key: string): Path => ['metadata', 'annotations', key];
  const entrypoints = annotations[ENTRYPOINTS];
  if (typeof entrypoints === 'string' && entrypoints !== '') {
    const items = entrypoints.split(',').map((item) => item.trim());
    const known = entrypointNames(values, [], chartVersion);
    for (const { path, message, nearMiss } of entrypointProblems({ entryPoints: items }, [], known)) {
      const item = Number(path[path.length - 1]);
      const empty = `is empty (an extra comma), which names no entrypoint, so Traefik skips the router there: remove the comma`;
      const problem = { path: at(ENTRYPOINTS), message: `item ${item + 1} ${items[item] === '' ? empty : message}` };
      (nearMiss ? errors : warnings).push(problem);
    }
  }
  const priority = annotations[PRIORITY];
  if (typeof priority === 'string' && priority !== '' && !goInt64(priority))
    errors.push({ path: at(PRIORITY), message: `is ${shown(priority)}, not a whole number, ${SKIPPED}: write an integer` });
  const tls = annotations[TLS];
  // A `router.tls.*` annotation makes router.tls a block whose own value the parser does not read as a switch.
  const block = Object.keys(annotations).some((key) => key.startsWith(`${TLS}.`));
  if (typeof tls === 'string' && tls !== '' && !block && !goBool(tls))
    errors.push({
      path: at(TLS),
      message: `is ${shown(tls)}, not a switch Go's strconv.ParseBool reads, ${SKIPPED}: write "true" or "false"`,
    });
  const middlewares = annotations[MIDDLEWARES];
  if (typeof middlewares === 'string')
    middlewares.split(',').forEach((item, i) => {
      const message = impossibleCrdMiddlewareMessage(item.trim(), 'so Traefik finds none and refuses the router: the Ingress answers 404');
      if (message) errors.push({ path: at(MIDDLEWARES), message: `item ${i + 1} ${message}` });
    });
  return { errors, warnings };
}

const shown = (text: string): string => quotedText(text.slice(0, 40), () => false, '');
