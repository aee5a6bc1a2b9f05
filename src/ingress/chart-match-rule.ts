import { keyText, type Path, type Problem } from '../core/problem';
import { closest } from '../core/closest';

type Values = Readonly<Record<string, unknown>>;

/**
 * The keys of `ingressRoute.<name>` that traefik/traefik-helm-chart traefik/templates/ingressroute.yaml (v39.0.7) reads:
 * any other is never rendered.
 */
const CHART_ROUTE_KEYS = ['enabled', 'annotations', 'labels', 'matchRule', 'entryPoints', 'services', 'middlewares', 'tls'];

/**
 * 76b-2: an enabled `ingressRoute.<name>` renders `- match: {{ $config.matchRule }}` (ingressroute.yaml above), so
 * without a `matchRule` text its route's `match` is empty, which the IngressRoute CRD refuses (`required: [match]`,
 * `type: string`, traefik/crds/traefik.io_ingressroutes.yaml) as it refuses an extraObjects route without one
 * (route-fields.ts shapeProblems). `rule`: the `matchRule` the chart renders, its default coalesced (chart-ingress-routes.ts).
 * A key the chart does not read that is near `matchRule` (`matchrule`) is named.
 */
export function chartMatchRuleProblem(config: Values, rule: unknown, path: Path): Problem | undefined {
  if ((typeof rule === 'string' && rule !== '') || (rule !== null && typeof rule === 'object')) return undefined; // a map prints as Go's text
  const fails = 'so the API server refuses the object and the whole Traefik release fails';
  const given = rule === undefined || rule === null || rule === '' ? 'missing' : 'no text';
  const near = Object.keys(config).find((key) => !CHART_ROUTE_KEYS.includes(key) && closest(key, ['matchRule']) === 'matchRule');
  if (near !== undefined && given === 'missing')
    return {
      path: [...path, near],
      message: `is no key the chart reads, so the IngressRoute it renders from ${keyText(String(path[path.length - 1]))} has an empty match, where Traefik's IngressRoute CRD requires a rule, ${fails}: did you mean matchRule?`,
    };
  return {
    path: [...path, 'matchRule'],
    message: `is ${given}, where Traefik's IngressRoute CRD requires a rule for the route's match the chart renders from it, ${fails}: write matchRule: Host(\`a.example.com\`)`,
  };
}
