import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';

/** Every door's verdict on `traefik.values`: the config's errors and warnings as `key.path: message` lines, the constructs' refusals. */
export function ruleDoors(values: object, chartVersion = '39.0.7') {
  const config = withChanges(devConfig(), { traefik: { chartVersion, values } });
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  return {
    errors: parsed.errors.map(line),
    warnings: parsed.warnings.map(line),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config)),
    chart: refusalOf(
      () =>
        new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
          chartVersion,
          loadBalancerIPs: ['192.168.0.41'],
          values: values as Record<string, unknown>,
        }),
    ),
  };
}

/** Every door's refusals as one text: the config's errors, then the constructs'. */
export function allRefusals(values: object): string {
  const d = ruleDoors(values);
  return [...d.errors, d.cluster, d.chart].filter(Boolean).join('\n');
}

/** `traefik.values` whose Traefik container has the one env entry `name=value`. */
export const envEntry = (name: string, value: string) => ({ env: [{ name, value }] });

/** Refused by the config (at `key`, saying `what`), K3sVipCluster and TraefikHelmChartConfig (both naming `key`). */
export function refusedAtEveryDoor(values: object, key: string, what: string): void {
  const doors = ruleDoors(values);
  // Wave 83: the line that says it (an item of a kind extraObjects do not carry is also refused as such).
  expect(doors.errors.find((line) => line.includes(key) && line.includes(what))).toBeDefined();
  expect(doors.cluster).toContain(key);
  expect(doors.chart).toContain(key);
  expect(doors.chart).toContain(what);
}

/** The config file's errors with `line` (an annotation, as written, with its comment) under podAnnotations. */
export function annotationLineErrors(line: string): string {
  const config = withChanges(devConfig(), { traefik: { values: { deployment: { podAnnotations: { PLACE: 'x' } } } } });
  const text = stringify(config).replace(/PLACE: x/, line);
  expect(text).toContain(line);
  return parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic).join('\n');
}

/** `traefik.values` with one IngressRoute in extraObjects, on websecure, whose one route matches `match` (`more`: its other fields). */
export const ingressRouteValues = (match: string, more: object = {}) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'r', namespace: 'default' },
      spec: { entryPoints: ['websecure'], routes: [{ match, kind: 'Rule', services: [{ name: 's', port: 80 }], ...more }] },
    },
  ],
});
