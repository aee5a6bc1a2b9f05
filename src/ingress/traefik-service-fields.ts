import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { closest } from '../core/closest';
import { compareVersions, parseVersion, type Version } from '../semver';
import { type Since, TRAEFIK_3_6, TRAEFIK_3_7 } from './traefik-releases';

type Values = Readonly<Record<string, unknown>>;

/** The chart tag whose TraefikService CRD first has a field, with that tag's Traefik (traefik-releases.ts); the oldest read. */
const BASE: Since = ['22.3.0', '2.10.0'];
const HRW = TRAEFIK_3_6;
const FAILOVER = TRAEFIK_3_7;

/**
 * 65b-2: the fields of a TraefikService's `spec`, of its load balancers and of each backend, by the first
 * traefik/traefik-helm-chart tag whose traefik/crds/traefik.io_traefikservices.yaml has them (read at every tag
 * v22.3.0 to v41.3.0; the chart's Chart.yaml appVersion names the Traefik): `highestRandomWeight` from v37.3.0 (Traefik
 * v3.6.0, none at v37.2.0), `failover` from v40.0.0 (Traefik v3.7.0, none at v39.0.9). Older charts are read as v22.3.0.
 * K3s installs the CRDs of the chart it deploys (traefik-crd), so a field its CRD lacks is pruned by the API server and
 * the TraefikService loses it; an unknown field is a typo Traefik never reads.
 */
const BACKEND: Readonly<Record<string, Since>> = {
  kind: BASE,
  name: BASE,
  namespace: BASE,
  nativeLB: BASE,
  passHostHeader: BASE,
  port: BASE,
  responseForwarding: BASE,
  scheme: BASE,
  serversTransport: BASE,
  sticky: BASE,
  strategy: BASE,
  weight: BASE,
  healthCheck: ['29.0.0', '3.0.4'],
  nodePortLB: ['29.0.0', '3.0.4'],
  passiveHealthCheck: HRW,
  middlewares: FAILOVER,
};
const FIELDS: Readonly<Record<string, Readonly<Record<string, Since>>>> = {
  spec: { weighted: BASE, mirroring: BASE, highestRandomWeight: HRW, failover: FAILOVER },
  weighted: { services: BASE, sticky: BASE },
  highestRandomWeight: { services: HRW },
  failover: { service: FAILOVER, fallback: FAILOVER, errors: FAILOVER },
  mirroring: { ...BACKEND, maxBodySize: BASE, mirrors: BASE, mirrorBody: ['33.0.0', '3.2.0'] },
  mirror: { ...BACKEND, percent: BASE },
  backend: BACKEND,
};

/** The fields the CRD requires (`required:` at every tag that has the level): the API server refuses the object without them. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  failover: ['service', 'fallback', 'errors'],
  mirroring: ['name'],
  mirror: ['name'],
  backend: ['name'],
};

/** The CRD a level belongs to, for messages: its kind and its file in traefik/traefik-helm-chart traefik/crds/. */
type Crd = readonly [kind: string, file: string];
const TS_CRD: Crd = ['TraefikService', 'traefik.io_traefikservices.yaml'];
const IR_CRD: Crd = ['IngressRoute', 'traefik.io_ingressroutes.yaml'];

/** The chart and (when `image.tag` names it) the Traefik release that deploy the TraefikService. */
export interface Deployed {
  readonly chart: Version;
  readonly traefik?: Version;
}

/** One map of a CRD object: its fields by the release that brings each, those it requires, and its name in messages (`spec`). */
export interface CrdLevel {
  readonly fields: Readonly<Record<string, Since>>;
  readonly required?: readonly string[];
  readonly name: string;
  readonly crd: Crd;
  /** What else a dropped field does, for messages. */
  readonly dropped?: string;
}

/** The fields of one map of a TraefikService (or an IngressRoute backend) by their level in FIELDS. */
function levelProblems(map: unknown, level: string, path: Path, deployed: Deployed, parent: Since = BASE, crd = TS_CRD): Problem[] {
  const name = level === 'spec' ? 'spec' : level === 'mirror' || level === 'backend' ? 'backend' : level;
  return crdFieldProblems(map, { fields: FIELDS[level], required: REQUIRED[level], name, crd }, path, deployed, parent);
}

/** The fields of a map unknown to every CRD, or newer than the deployed chart or Traefik (`parent`: when the map itself came). */
export function crdFieldProblems(map: unknown, level: CrdLevel, path: Path, deployed: Deployed, parent: Since = BASE): Problem[] {
  if (!isMap(map)) return [];
  const { fields, crd } = level;
  const [kind, file] = crd;
  const missing = (level.required ?? [])
    .filter((key) => map[key] === undefined || map[key] === null)
    .map((key) => ({
      path: [...path, key],
      message: `is missing; the ${kind} CRD requires it here (${file} \`required\`), so the API server refuses the object and the whole Traefik release fails: write it`,
    }));
  return [
    ...missing,
    ...Object.keys(map).flatMap((key): Problem[] => {
      const known = fields[key];
      if (!known) {
        const near = closest(key, Object.keys(fields));
        const hint = near ? `did you mean ${near}? ` : '';
        return [
          {
            path: [...path, key],
            message: `is not a field of ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}'s ${level.name} (${file}), so the API server drops it and Traefik never reads it${level.dropped ?? ''}: ${hint}write one of ${Object.keys(fields).join(', ')}`,
          },
        ];
      }
      const since = compareVersions(parseVersion(known[0]), parseVersion(parent[0])) >= 0 ? known : parent;
      // A field of the oldest tag read is in every older chart too ("read as v22.3.0"), whatever the chart or image.
      if (compareVersions(parseVersion(since[0]), parseVersion(BASE[0])) <= 0) return [];
      const oldChart = compareVersions(deployed.chart, parseVersion(since[0])) < 0;
      const oldTraefik = !!deployed.traefik && compareVersions(deployed.traefik, parseVersion(since[1])) < 0;
      if (!oldChart && !oldTraefik) return [];
      const lacks = oldChart
        ? `is not a field of the ${kind} CRD that Traefik chart ${deployed.chart.tag} installs`
        : `is not a ${kind} field Traefik ${deployed.traefik!.tag} reads`;
      return [
        {
          path: [...path, key],
          message: `${lacks} (Traefik v${since[1]}, chart v${since[0]}, brings it), so it is dropped and never serves${level.dropped ?? ''}: remove it, or deploy Traefik v${since[1]} (chart v${since[0]}) or newer`,
        },
      ];
    }),
  ];
}

/**
 * Every field of a TraefikService's `spec`, load balancers (`weighted`, `highestRandomWeight`, `failover`) and backends
 * (`weighted.services[]`, `highestRandomWeight.services[]`, `failover.service`/`fallback`, `mirroring`, `mirroring.mirrors[]`)
 * checked against the CRD of the deployed chart; deeper maps (`sticky`, `healthCheck`, `errors`) are not judged.
 */
export function traefikServiceFieldProblems(spec: Values, at: Path, deployed: Deployed): Problem[] {
  const list = (parent: unknown, key: string, level: string, path: Path, since: Since): Problem[] =>
    isMap(parent) && Array.isArray(parent[key])
      ? (parent[key] as unknown[]).flatMap((ref, j) => levelProblems(ref, level, [...path, key, j], deployed, since))
      : [];
  const { weighted, highestRandomWeight: hrw, failover, mirroring } = spec;
  // A block the deployed CRD lacks is refused at `spec` once; its own fields are then not judged.
  const withHrw = hasField(deployed, HRW);
  const withFailover = hasField(deployed, FAILOVER);
  return [
    ...levelProblems(spec, 'spec', at, deployed),
    ...levelProblems(weighted, 'weighted', [...at, 'weighted'], deployed),
    ...list(weighted, 'services', 'backend', [...at, 'weighted'], BASE),
    ...(withHrw ? levelProblems(hrw, 'highestRandomWeight', [...at, 'highestRandomWeight'], deployed, HRW) : []),
    ...(withHrw ? list(hrw, 'services', 'backend', [...at, 'highestRandomWeight'], HRW) : []),
    ...(withFailover ? levelProblems(failover, 'failover', [...at, 'failover'], deployed, FAILOVER) : []),
    ...(withFailover && isMap(failover)
      ? ['service', 'fallback'].flatMap((key) => levelProblems(failover[key], 'backend', [...at, 'failover', key], deployed, FAILOVER))
      : []),
    ...levelProblems(mirroring, 'mirroring', [...at, 'mirroring'], deployed),
    ...list(mirroring, 'mirrors', 'mirror', [...at, 'mirroring'], BASE),
  ];
}

/**
 * 66b-2: an IngressRoute's `spec.routes[].services[]` item has the very schema of a TraefikService backend (the two CRDs'
 * item schemas are equal at every tag v22.3.0 to v41.3.0 of traefik/traefik-helm-chart), so its fields are judged alike.
 */
export function ingressRouteBackendFieldProblems(ref: unknown, path: Path, deployed: Deployed): Problem[] {
  return levelProblems(ref, 'backend', path, deployed, BASE, IR_CRD);
}

/** Whether the deployed chart and Traefik have a field (a refused block's own fields are then not judged twice). */
export function hasField(deployed: Deployed, since: Since): boolean {
  return (
    compareVersions(deployed.chart, parseVersion(since[0])) >= 0 &&
    (!deployed.traefik || compareVersions(deployed.traefik, parseVersion(since[1])) >= 0)
  );
}

export { HRW as HRW_SINCE, FAILOVER as FAILOVER_SINCE };
