import { holdsRouteToken } from '../core/route-tokens';
import { ingressPath } from './ingress-path-format';

/**
 * What a route path holding a secret token is told (86b-9), whichever door wrote it: the route keys, construct props,
 * or an `extraObjects` route (traefik/extra-route-paths.ts). The token is never shown.
 */
export const routeTokenProblem = (writtenInto: string): string =>
  `holds a part that looks generated (a webhook's secret token, by its look), which would be written into ${writtenInto} ` +
  '(committed to Git): keep the token out of the route (have the app check it, from a Kubernetes Secret, in a header or ' +
  'a signature the sender adds) and write a path of words, such as "/hooks/deploy"';

/**
 * A first-class route's path (`ingresses[].path`, `httpRoutes[].path`): besides the API server's rules (ingressPath),
 * no part of it is a secret token (core/route-tokens.ts: 20 or more letters and digits in random-looking pieces, 87b-7).
 * A hex run stays a path (a digest or a commit id, 57a-9's `/api/token/9f86d081884c7d659a2feaa0`), and so do names of
 * boards and models (`/firmware/esp32c3devkitm1`).
 */
export const routePath = (value: string): string | undefined =>
  ingressPath(value) ?? (holdsRouteToken(value) ? routeTokenProblem('the route, the cluster README and dist/') : undefined);
