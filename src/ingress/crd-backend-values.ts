import { shownInSentence, type Path, type Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { closest } from '../core/closest';
import { dns1123Subdomain } from '../config/formats';
import { compareVersions, parseVersion, type Version } from '../semver';
import { backendProblems } from './route-backends';

/**
 * 66b-1: the value rules of a Traefik CRD backend (an IngressRoute's `routes[].services[]`, a TraefikService's
 * `weighted`/`highestRandomWeight` `services[]`, `failover.service`/`fallback`, `mirroring` and `mirroring.mirrors[]`:
 * one item schema, see traefik-service-fields.ts), as the API server applies the CRD the deployed chart installs
 * (traefik/traefik-helm-chart traefik/crds/traefik.io_traefikservices.yaml and traefik.io_ingressroutes.yaml, read at
 * every tag v22.3.0 to v41.3.0): `kind` the enum Service/TraefikService at every tag; `weight` an integer, `minimum: 0`
 * from v35.3.0; `strategy` a text, the enum wrr/p2c/RoundRobin from v35.3.0, with hrw and leasttime from v37.3.0;
 * `sticky.cookie.sameSite` the enum none/lax/strict from v35.3.0, with None/Lax/Strict from v39.0.9; booleans and
 * integers as typed there. A value the schema refuses makes the API server refuse the object, and with it the release.
 */
const STRATEGY: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['35.3.0', ['wrr', 'p2c', 'RoundRobin']],
  ['37.3.0', ['wrr', 'p2c', 'hrw', 'leasttime', 'RoundRobin']],
];
const SAME_SITE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['35.3.0', ['none', 'lax', 'strict']],
  ['39.0.9', ['none', 'lax', 'strict', 'None', 'Lax', 'Strict']],
];
const WEIGHT_MINIMUM_SINCE = '35.3.0';
const KINDS = ['Service', 'TraefikService'];

export type Type = 'boolean' | 'integer' | 'string' | 'int-or-string';
/** The typed fields of a backend, of `mirroring` (itself a backend) and of a mirror, and of `sticky.cookie`. */
const TYPES: Readonly<Record<string, Type>> = {
  name: 'string',
  passHostHeader: 'boolean',
  nativeLB: 'boolean',
  nodePortLB: 'boolean',
  scheme: 'string',
  serversTransport: 'string',
};
/**
 * 67b-3: the typed fields of a backend's maps, as traefik.io_ingressroutes.yaml and traefik.io_traefikservices.yaml type
 * them at v41.3.0 (the same types wherever an older tag has the field; which tag has which map: traefik-service-fields.ts).
 */
const DEEP_TYPES: Readonly<Record<string, Readonly<Record<string, Type>>>> = {
  responseForwarding: { flushInterval: 'string' },
  healthCheck: {
    followRedirects: 'boolean',
    hostname: 'string',
    method: 'string',
    mode: 'string',
    path: 'string',
    port: 'integer',
    scheme: 'string',
    status: 'integer',
    interval: 'int-or-string',
    timeout: 'int-or-string',
    unhealthyInterval: 'int-or-string',
  },
  passiveHealthCheck: { maxFailedAttempts: 'integer', failureWindow: 'int-or-string' },
};
const MIRRORING_TYPES: Readonly<Record<string, Type>> = { mirrorBody: 'boolean', maxBodySize: 'integer' };
const COOKIE_TYPES: Readonly<Record<string, Type>> = {
  name: 'string',
  httpOnly: 'boolean',
  secure: 'boolean',
  maxAge: 'integer',
  path: 'string',
  domain: 'string',
};

const REFUSED = 'so the API server refuses the object and the whole Traefik release fails';

/** The enum a table gives the deployed chart, or undefined before its first row (the CRD then takes any text). */
function enumAt(table: ReadonlyArray<readonly [string, readonly string[]]>, chart: Version): readonly string[] | undefined {
  return [...table].reverse().find(([since]) => compareVersions(chart, parseVersion(since)) >= 0)?.[1];
}

/** A value of the wrong JSON type for `type`, as the CRD's structural schema would refuse it. */
export function typeProblem(value: unknown, type: Type, path: Path, crd: string): Problem[] {
  if (value === undefined || value === null) return [];
  const ok =
    type === 'integer'
      ? Number.isInteger(value)
      : type === 'int-or-string'
        ? Number.isInteger(value) || typeof value === 'string'
        : typeof value === type;
  if (ok) return [];
  const fix =
    type === 'boolean'
      ? 'write true or false, unquoted'
      : type === 'integer'
        ? 'write a whole number, unquoted'
        : type === 'int-or-string'
          ? 'write a whole number or a text such as 10s'
          : 'write a text';
  const what = type === 'int-or-string' ? 'an integer or a string' : `${type === 'integer' ? 'an' : 'a'} ${type}`;
  return [{ path, message: `is ${shownInSentence(value)}; the ${crd} CRD takes ${what} here, ${REFUSED}: ${fix}` }];
}

/** A value outside a CRD enum, with the near spelling (case aside first) when there is one. */
function enumProblem(value: unknown, allowed: readonly string[], path: Path, crd: string, chart: Version, newer?: string): Problem[] {
  if (value === undefined || value === null || (typeof value === 'string' && allowed.includes(value))) return [];
  const text = typeof value === 'string' ? value : '';
  const near = allowed.find((one) => one.toLowerCase() === text.toLowerCase()) ?? (text ? closest(text, allowed) : undefined);
  const hint = near ? `did you mean ${near}? ` : '';
  const later = newer ? ` (${newer})` : '';
  return [
    {
      path,
      message: `is ${shownInSentence(value)}, not one of ${allowed.join(', ')} that the ${crd} CRD of Traefik chart ${chart.tag} allows here${later} (case matters), ${REFUSED}: ${hint}write one of them`,
    },
  ];
}

/** The `sticky.cookie` of a backend or of a `weighted` load balancer. */
export function stickyProblems(sticky: unknown, path: Path, crd: string, chart: Version): Problem[] {
  const cookie = isMap(sticky) ? sticky.cookie : undefined;
  if (!isMap(cookie)) return [];
  const at = [...path, 'sticky', 'cookie'];
  const sameSite = enumAt(SAME_SITE, chart);
  return [
    ...Object.entries(COOKIE_TYPES).flatMap(([key, type]) => typeProblem(cookie[key], type, [...at, key], crd)),
    ...typeProblem(cookie.sameSite, 'string', [...at, 'sameSite'], crd),
    ...(sameSite && typeof cookie.sameSite === 'string'
      ? enumProblem(cookie.sameSite, sameSite, [...at, 'sameSite'], crd, chart, chartNote(SAME_SITE, chart, 'None, Lax and Strict'))
      : []),
  ];
}

/** Which later chart widens an enum, when the deployed one is older. */
function chartNote(table: ReadonlyArray<readonly [string, readonly string[]]>, chart: Version, what: string): string | undefined {
  const last = table[table.length - 1][0];
  return compareVersions(chart, parseVersion(last)) < 0 ? `chart v${last} adds ${what}` : undefined;
}

/**
 * The values of one backend map. `level` `mirror` adds `percent` (an integer, and 0 to 100: Traefik's mirroring refuses
 * another, traefik/traefik pkg/server/service/loadbalancer/mirror/mirror.go `AddMirror`); `mirroring` adds its own
 * fields. A `kind` outside the enum is refused, and the backend is then judged as the kind it was near (a Service's
 * name and port, or a TraefikService's name), so a misspelt kind hides nothing. A TraefikService reference without
 * `@` names a TraefikService object (66b-13: a DNS-1123 subdomain, kubernetes apimachinery ValidateObjectMeta).
 */
export function backendValueProblems(
  ref: unknown,
  path: Path,
  chart: Version,
  crd: string,
  level: 'backend' | 'mirror' | 'mirroring' = 'backend',
): Problem[] {
  if (!isMap(ref)) return [];
  const { kind, weight, strategy, port } = ref;
  const strategies = enumAt(STRATEGY, chart);
  const problems = [
    ...Object.entries(TYPES).flatMap(([key, type]) => typeProblem(ref[key], type, [...path, key], crd)),
    ...(level === 'mirroring'
      ? Object.entries(MIRRORING_TYPES).flatMap(([key, type]) => typeProblem(ref[key], type, [...path, key], crd))
      : []),
    ...typeProblem(kind, 'string', [...path, 'kind'], crd),
    ...(typeof kind === 'string' ? enumProblem(kind, KINDS, [...path, 'kind'], crd, chart) : []),
    ...typeProblem(weight, 'integer', [...path, 'weight'], crd),
    ...typeProblem(strategy, 'string', [...path, 'strategy'], crd),
    ...(strategies && typeof strategy === 'string'
      ? enumProblem(strategy, strategies, [...path, 'strategy'], crd, chart, chartNote(STRATEGY, chart, 'hrw and leasttime'))
      : []),
    ...stickyProblems(ref.sticky, path, crd, chart),
    ...Object.entries(DEEP_TYPES).flatMap(([map, types]) => {
      const inner = ref[map];
      return isMap(inner) ? Object.entries(types).flatMap(([key, type]) => typeProblem(inner[key], type, [...path, map, key], crd)) : [];
    }),
  ];
  if (Number.isInteger(weight) && (weight as number) < 0 && compareVersions(chart, parseVersion(WEIGHT_MINIMUM_SINCE)) >= 0)
    problems.push({
      path: [...path, 'weight'],
      message: `is ${String(weight)}; the ${crd} CRD takes a weight of 0 or more, ${REFUSED}: write 0 or more`,
    });
  if (port !== undefined && port !== null && typeof port !== 'number' && typeof port !== 'string')
    problems.push({
      path: [...path, 'port'],
      message: `is ${shownInSentence(port)}; the ${crd} CRD takes a port number or port name, ${REFUSED}: write one`,
    });
  if (level === 'mirror') problems.push(...percentProblems(ref.percent, [...path, 'percent'], crd));
  // A misspelt kind: judged as the kind it is nearest (Service when none), as the user meant it.
  const meant =
    typeof kind === 'string' && !KINDS.includes(kind) ? (kind.toLowerCase().includes('traefik') ? 'TraefikService' : 'Service') : kind;
  if (meant !== kind && meant === 'Service')
    problems.push(...backendProblems({ ...ref, kind: 'Service' }, path).filter((p) => p.path[p.path.length - 1] !== 'namespace'));
  if (meant === 'TraefikService') problems.push(...traefikServiceNameProblems(ref.name, [...path, 'name']));
  return problems;
}

function percentProblems(percent: unknown, path: Path, crd: string): Problem[] {
  const typed = typeProblem(percent, 'integer', path, crd);
  if (typed.length > 0 || !Number.isInteger(percent) || ((percent as number) >= 0 && (percent as number) <= 100)) return typed;
  return [
    {
      path,
      message: `is ${String(percent)}, not a percentage; Traefik's mirroring refuses a percent outside 0 to 100, so the TraefikService is not built and every route to it serves errors: write 0 to 100`,
    },
  ];
}

/** A `kind: TraefikService` reference's name: another provider's (`name@file`) is not judged. */
function traefikServiceNameProblems(name: unknown, path: Path): Problem[] {
  if (typeof name !== 'string' || name.includes('@')) return [];
  const problem = dns1123Subdomain(name);
  return problem
    ? [
        {
          path,
          message: `${problem}: no TraefikService object has such a name, so Traefik finds none and the route serves errors (write <name>@<provider> for another provider's)`,
        },
      ]
    : [];
}
