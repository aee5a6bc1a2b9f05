import { ingressPath } from '../config/formats';
import { GATEWAY_API_GROUP } from './gateway-api';
import { gatewayCelFindings } from './gateway-cel';
import { apiGroup } from './kinds';
import { regexpQueryMark } from '../ingress/path-query-marks';
import { Finding, isRecord, select, show } from './paths';

type KubeObject = Record<string, unknown>;

/**
 * The CEL rules (`x-kubernetes-validations`) of the Gateway API CRDs that the API server enforces and
 * the JSON-Schema check cannot: those on Gateway listeners and HTTPRoute paths by hand, the same in
 * every vendored bundle v1.2.1 to v1.6.1 (crds/gateway-api/<bundle>/, spec.listeners and
 * spec.rules[].matches[].path), and every rule of the HTTPRoute and GRPCRoute CRDs as the CRDs write it
 * (gateway-cel.ts: filters and their fields, backend ports, GRPC method matches, ...).
 */
export function checkGatewayApiRules(object: KubeObject): Finding[] {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  if (apiGroup(apiVersion) !== GATEWAY_API_GROUP) return [];
  if (object.kind === 'Gateway') return checkListeners(object);
  if (object.kind !== 'HTTPRoute' && object.kind !== 'GRPCRoute') return [];
  // The CRDs' own rules, read and evaluated (gateway-cel.ts: 51b-4), beside the path rule said here in an Ingress' words.
  const own = object.kind === 'HTTPRoute' ? checkHttpRoute(object) : [];
  const saidHere = (path: Finding['path']) =>
    own.some((f) => f.path.length - path.length <= 1 && path.every((key, i) => f.path[i] === key));
  const general = gatewayCelFindings(object, GATEWAY_API_GROUP)
    .filter((finding) => !saidHere(finding.path))
    .map((finding) =>
      finding.message === `breaks the CRD's rule: ${NO_PORT}`
        ? { path: [...finding.path, 'port'], message: `is missing: ${NO_PORT}` }
        : finding,
    );
  return [...own, ...general];
}

const NO_PORT = 'Must have port for Service reference';

function checkListeners(object: KubeObject): Finding[] {
  const findings: Finding[] = [];
  const names = new Map<unknown, number>();
  const bindings = new Map<string, number>();
  select(object, 'spec.listeners[*]').forEach(({ path, value: listener }) => {
    if (!isRecord(listener)) return;
    const index = path[path.length - 1] as number;
    const sameName = names.get(listener.name);
    if (sameName !== undefined) {
      findings.push({
        path: [...path, 'name'],
        message: `is ${show(listener.name)}, as listeners[${sameName}] is: Listener name must be unique within the Gateway`,
      });
    }
    names.set(listener.name, sameName ?? index);
    const binding = JSON.stringify([listener.port, listener.protocol, listener.hostname ?? null]);
    const sameBinding = bindings.get(binding);
    if (sameBinding !== undefined) {
      findings.push({
        path,
        message: `has the port, protocol and hostname of listeners[${sameBinding}]: Combination of port, protocol and hostname must be unique for each listener`,
      });
    }
    bindings.set(binding, sameBinding ?? index);
    const tls = isRecord(listener.tls) ? listener.tls : undefined;
    if (tls && (['HTTP', 'TCP', 'UDP'] as unknown[]).includes(listener.protocol)) {
      findings.push({
        path: [...path, 'tls'],
        message: `is set on a ${show(listener.protocol)} listener: tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`,
      });
    }
    if (listener.protocol === 'HTTPS' && tls && tls.mode !== undefined && tls.mode !== 'Terminate') {
      findings.push({ path: [...path, 'tls', 'mode'], message: `is ${show(tls.mode)}: tls mode must be Terminate for protocol HTTPS` });
    }
    const refs = Array.isArray(tls?.certificateRefs) ? tls.certificateRefs : [];
    const options = isRecord(tls?.options) ? Object.keys(tls.options) : [];
    if (tls && (tls.mode ?? 'Terminate') === 'Terminate' && !refs.length && !options.length) {
      findings.push({
        path: [...path, 'tls'],
        message: 'has no certificateRefs: certificateRefs or options must be specified when mode is Terminate',
      });
    }
    if ((['TCP', 'UDP'] as unknown[]).includes(listener.protocol) && listener.hostname) {
      findings.push({ path: [...path, 'hostname'], message: "is set: hostname must not be specified for protocols ['TCP', 'UDP']" });
    }
  });
  return findings;
}

function checkHttpRoute(object: KubeObject): Finding[] {
  const findings: Finding[] = [];
  for (const { path, value } of select(object, 'spec.rules[*].matches[*].path')) {
    if (!isRecord(value) || typeof value.value !== 'string') continue;
    // A RegularExpression path is matched against the URL's path alone (Traefik's Gateway provider writes it as a PathRegexp,
    // traefik/traefik pkg/provider/kubernetes/gateway/httproute.go v3.6.0), so a literal ? or # in it never matches (57a-16).
    const mark = value.type === 'RegularExpression' ? regexpQueryMark(value.value) : undefined;
    if (mark) {
      const what = mark === '?' ? 'the query starts there' : 'the fragment starts there and is never sent';
      findings.push({
        path: [...path, 'value'],
        message: `contains ${mark}, which a request's URL path never holds (${what}), so the match never matches a request: write the path without it, and match a query with queryParams`,
      });
    }
    if (!['Exact', 'PathPrefix', undefined].includes(value.type as string)) continue;
    // The CRD's rules on an Exact or PathPrefix value are the API server's on an Ingress Prefix path.
    const problem = ingressPath(value.value);
    if (problem)
      findings.push({ path: [...path, 'value'], message: `${problem} (an HTTPRoute path, checked by the HTTPRoute CRD's rules)` });
  }
  return findings;
}
