// What the IngressRoute tests of rounds 50b and 51b share (test/attack51-routes52, test/attack52-gw53): not a test file.
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { devConfig, withChanges } from './helpers';

/** The reference config's Ingress host. */
export const HOST = 'k3s.code-place-dev.site';

/** An `extraObjects` IngressRoute on websecure with one route of `match` (`more`: the route's other fields, `spec`: the spec's). */
export const route = (match: string, more: object = {}, spec: object = {}) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'ir', namespace: 'default' },
  spec: {
    entryPoints: ['websecure'],
    routes: [{ match, kind: 'Rule', services: [{ name: 'other', port: 80 }], ...more }],
    tls: {},
    ...spec,
  },
});

/** Errors and warnings, without file and line, of the reference config (its Ingress on HOST at `ingressPath`) with `values`. */
export function judged(values: object, ingressPath: string, chartVersion?: string) {
  const base = devConfig();
  const config = withChanges(base, {
    traefik: { ...(chartVersion && { chartVersion }), values },
    ingresses: [{ ...base.ingresses[0], path: ingressPath }],
  });
  const { errors, warnings } = parseConfigText('config/t.yaml', stringify(config));
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  return { errors: errors.map(line), warnings: warnings.map(line) };
}

/** The lines of `list` at `prefix` (a key path and its colon). */
export const at = (list: string[], prefix: string) => list.filter((line) => line.startsWith(prefix));
