import { parseVersion, rulesFor, Version } from '../semver';

/** Where the Traefik Helm chart reads each value we set, by upstream chart version. */
export interface TraefikChartRules {
  /**
   * Where the Service's own fields (`type`, `ipFamilyPolicy`, `ipFamilies`) go: top-level `service.*`
   * up to v39; v40 removed those keys in favour of the free-form `service.spec` (commit b9f3ed34).
   */
  readonly serviceFields: 'service' | 'service.spec';
  /**
   * Key of the HTTP -> HTTPS redirect on the `web` port: a string up to v24, an object with `port`
   * from v25 (PR #934), `redirections.entryPoint` from v34 (commit 30977046), under `http` from v39
   * (commit 266ff0e4).
   */
  readonly redirectKey: 'ports.web.redirectTo' | 'ports.web.redirectTo.port' | 'ports.web.redirections' | 'ports.web.http.redirections';
  /**
   * Key of the ACME resolvers: `certResolvers.<name>.*` up to v32, Traefik's own static-config shape
   * `certificatesResolvers.<name>.acme.*` from v33 (commit 016822d8).
   */
  readonly certResolversKey: 'certResolvers' | 'certificatesResolvers';
  /**
   * `updateStrategy` of a Recreate rollout: up to v31.1.0 the block is rendered as is, so the default
   * `rollingUpdate` must be nulled (the API rejects it with Recreate); from v31.1.1 the template drops
   * it (commit 6c1c8c3, issue #1193).
   */
  readonly recreateStrategy: 'type-and-null-rolling-update' | 'type';
}

/**
 * Sources: traefik/traefik-helm-chart `traefik/values.yaml` diffed at every tag v20 to v41, and
 * `traefik/templates/_podtemplate.tpl` / `_service.tpl` read at the boundary tags (v24.0.0/v25.0.0,
 * v32.1.1/v33.0.0, v33.2.1/v34.0.0, v38.x/v39.0.0, v39.0.7/v40.0.0).
 */
export const TRAEFIK_CHART_TABLE: ReadonlyArray<{ since: string } & Partial<TraefikChartRules>> = [
  {
    since: '20.0.0',
    serviceFields: 'service',
    redirectKey: 'ports.web.redirectTo',
    certResolversKey: 'certResolvers',
    recreateStrategy: 'type-and-null-rolling-update',
  },
  // v25.0.0 fails on the string form: "Syntax of `ports.web.redirectTo` has changed to `ports.web.redirectTo.port`".
  { since: '25.0.0', redirectKey: 'ports.web.redirectTo.port' },
  // From v31.1.1 the template drops rollingUpdate under Recreate (commit 6c1c8c3, issue #1193).
  { since: '31.1.1', recreateStrategy: 'type' },
  // v33.0.0 fails on `certResolvers`: "certResolvers setting has been removed. See v33.0.0 Changelog."
  { since: '33.0.0', certResolversKey: 'certificatesResolvers' },
  // v34.0.0 fails on `redirectTo`: "redirectTo syntax has been removed in v34 of this Chart".
  { since: '34.0.0', redirectKey: 'ports.web.redirections' },
  // v39.0.0 templates ignore `ports.<name>.redirections`; its schema drops it (port entries are closed).
  { since: '39.0.0', redirectKey: 'ports.web.http.redirections' },
  { since: '40.0.0', serviceFields: 'service.spec' },
];

export const OLDEST_CHART = parseVersion('20.0.0');
/** Newest upstream chart whose keys were compared (traefik-helm-chart v41.3.0). */
export const NEWEST_KNOWN_CHART = parseVersion('41.3.0');

export function traefikChartRules(version: Version): TraefikChartRules {
  return rulesFor<TraefikChartRules>(TRAEFIK_CHART_TABLE, version);
}

/** K3s packages charts as `39.0.701+up39.0.7`: the part after `+up` is the upstream version. */
export function upstreamChartVersion(value: string): string {
  return /\+up(.+)$/.exec(value)?.[1] ?? value;
}
