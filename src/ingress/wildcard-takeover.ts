import type { Problem } from '../core/problem';
import { coversPath, defaultPriority, ingressRouterRule } from './router-priority';
import { hostRegexpMatches } from '../traefik/rule-regexps';

interface IngressRoute {
  readonly host: string;
  readonly path: string;
}

/**
 * 69b-1: Traefik's Ingress provider turns a `*.d` host into ``HostRegexp(`^[a-zA-Z0-9-]+\.d$`)``, a rule longer than
 * ``Host(`x.d`)`` with the same path, so by default priority (the rule's length, router-priority.ts) the wildcard Ingress
 * takes every request of a sibling host it matches when its path covers the sibling's (traefik/traefik#4161, #8166:
 * "wildcards take precedence"). Refused as the same router written as an IngressRoute is (extra-routes.ts).
 */
export function wildcardTakeoverProblems(ingresses: readonly IngressRoute[]): Problem[] {
  return ingresses.flatMap((wildcard, i) => {
    if (!wildcard.host.startsWith('*.')) return [];
    const rule = ingressRouterRule(wildcard.host, wildcard.path);
    const regexp = /HostRegexp\(`(.*?)`\)/.exec(rule)![1];
    const taken = ingresses.findIndex(
      (other) =>
        !other.host.startsWith('*.') &&
        coversPath(wildcard.path, other.path) &&
        hostRegexpMatches(regexp, other.host) === true &&
        defaultPriority(rule) >= defaultPriority(ingressRouterRule(other.host, other.path)),
    );
    if (taken < 0) return [];
    const other = ingresses[taken];
    const otherRule = ingressRouterRule(other.host, other.path);
    return [
      {
        path: ['ingresses', i, 'host'],
        message:
          `"${wildcard.host}" becomes the rule ${rule}, whose priority (Traefik's default: the rule's length, ${defaultPriority(rule)}) ` +
          `is not below ${defaultPriority(otherRule)}, that of ingresses[${taken}]'s router (${otherRule}), so Traefik gives it host ` +
          `"${other.host}" with path "${other.path}" and only one of the two gets the traffic: list the host names the wildcard ` +
          'should serve, or give it a path that does not cover the other',
      },
    ];
  });
}
