import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { wiring } from '../src/main';
import { K3sVipCluster, K3sVipValidationError, TraefikHelmChartConfig } from '../src/index';
import { secretsInFiles } from '../src/output/secret-gate';
import { renderClusters, runSynth } from '../src/synth';
import { runInstall } from '../src/k3s/install-cli';
import { FileSystem, isTemporaryName } from '../src/output/file-system';
import { LOCK_FILE } from '../src/output/lock';
import { GENERATED_LIST, listFiles, withGeneratedList } from '../src/output/publish';

/**
 * The tests' own config folder, holding a copy of the reference config/dev.yaml: the repository's
 * config/ and dist/ belong to its user, who may change, rename or delete them (test/no-reference.test.ts).
 */
export const FIXTURE_CONFIG_DIR = join(__dirname, 'fixtures', 'config');
/** The reference config's text (test/fixtures/config/dev.yaml). */
export const DEV_YAML = readFileSync(join(FIXTURE_CONFIG_DIR, 'dev.yaml'), 'utf8');
/** The shipped examples: part of the product, as `npm run new` copies them. */
export const EXAMPLES_DIR = join(__dirname, '..', 'config', 'examples');

let referenceDist: string | undefined;
/**
 * A dist/ folder written by a real synth of test/fixtures/config/ (what `npm run synth` writes for
 * the reference cluster), once per test file; its files say `Generated from test/fixtures/config/dev.yaml`.
 */
export function synthesizedReference(): string {
  if (referenceDist) return referenceDist;
  const dist = join(mkdtempSync(join(tmpdir(), 'k3s-vip-reference-')), 'dist');
  const lines: string[] = [];
  if (runSynth({ configDir: FIXTURE_CONFIG_DIR, distDir: dist, wiring, log: (line) => lines.push(line) }) !== 0) {
    throw new Error(`synth of ${FIXTURE_CONFIG_DIR} failed:\n${lines.join('\n')}`);
  }
  referenceDist = dist;
  return dist;
}

/** A Kubernetes object as synthesized (plain JSON). */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: any };
  [k: string]: any;
};

/** The reference config (test/fixtures/config/dev.yaml, without its HTTP->HTTPS redirect) as an object, for tests to vary. */
export function devConfig(): any {
  return {
    kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
    traefik: { loadBalancerIPs: ['192.168.0.41'], externalCertResolvers: ['default'] },
    ingresses: [
      {
        name: 'frontend-ingress',
        namespace: 'default',
        host: 'k3s.code-place-dev.site',
        path: '/',
        service: 'frontend',
        port: 80,
        tls: { certResolver: 'default' },
      },
    ],
  };
}

/** K3s networks of both families (`k3s` keys), which VIPs of both families need. */
export const DUAL_STACK_NETWORKS = { clusterCidr: '10.42.0.0/16,fd00:42::/56', serviceCidr: '10.43.0.0/16,fd00:43::/112' };

/** Validates a config and synthesizes it in memory: every file of the cluster folder -> text. Throws on config errors. */
export function synthFiles(config: unknown, name = 'test'): Map<string, string> {
  const file = `config/${name}.yaml`;
  const loaded = parseConfigText(file, typeof config === 'string' ? config : stringify(config));
  if (!loaded.config) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const files = renderClusters([{ name, file, config: loaded.config }], wiring);
  return new Map([...files].map(([path, text]) => [path.slice(name.length + 1), text]));
}

/** The manifests of a synthesized cluster (the files its kustomization lists): file name -> objects. */
export function synth(config: unknown): Map<string, KubeObject[]> {
  const files = synthFiles(config);
  const manifests: string[] = parse(files.get('kustomization.yaml')!).resources;
  return new Map(manifests.map((name) => [name, parseAllDocuments(files.get(name)!).map((d) => d.toJS())]));
}

/** All objects of a synthesized cluster. */
export function objects(config: unknown): KubeObject[] {
  return [...synth(config).values()].flat();
}

export function find(all: KubeObject[], kind: string, name: string): KubeObject {
  const found = all.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${all.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** Deep copy with `patch` applied on top (objects merged, everything else replaced; undefined deletes). */
export function withChanges(base: any, patch: any): any {
  const out = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete out[key];
    else if (value && typeof value === 'object' && !Array.isArray(value) && out[key] && typeof out[key] === 'object')
      out[key] = withChanges(out[key], value);
    else out[key] = value;
  }
  return out;
}

/** The reference setup's three servers (config/examples/dev.yaml), as `k3s` of a config: where `Local` fits Traefik's pods. */
export const REFERENCE_K3S = {
  tokenFile: '/etc/rancher/k3s/cluster-token',
  servers: [
    { name: 'k3s-1', address: '192.168.0.11', interface: 'eth0' },
    { name: 'k3s-2', address: '192.168.0.12' },
    { name: 'k3s-3', address: '192.168.0.13' },
  ],
};

/** The errors of a config given as data, each as `file: key.path: message` (no line: the text is generated). */
export function configErrors(config: unknown): string[] {
  return parseConfigText('config/t.yaml', stringify(config)).errors.map((d) => formatDiagnostic({ ...d, line: undefined }));
}

/** Asserts the config's errors hold `expected`, or that there are none. */
export function judgeConfig(config: unknown, expected: string | undefined): void {
  const errors = configErrors(config).join('\n');
  if (expected) expect(errors).toContain(expected);
  else expect(errors).toBe('');
}

/** `base` (the reference config) with `traefik.values` set to `values` and other `traefik` keys patched. */
export function withTraefikValues(values: unknown, traefik: object = {}, base = devConfig()): any {
  return withChanges(base, { traefik: { ...traefik, values } });
}

/** `k3s:install --cluster dev` of `dist` into `target`, as the CLI runs it: its exit code and every line it printed. */
export function installCluster(dist: string, target: string, fs?: FileSystem): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runInstall({
    cluster: 'dev',
    distDir: dist,
    manifestsDir: target,
    dryRun: false,
    fs,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { code, lines };
}

/** The error a construct throws (fails when it throws none, or another kind). */
export function thrown(build: () => void): K3sVipValidationError {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(K3sVipValidationError);
    return e as K3sVipValidationError;
  }
  throw new Error('expected a K3sVipValidationError, but nothing was thrown');
}

/** A chart to put a construct under test in. */
export const chart = () => new Chart(new App(), 'test');

/** K3sVipCluster props of the reference cluster (config/dev.yaml's keys), a fresh copy each call. */
export const clusterProps = (): Record<string, any> => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'], redirectToHttps: true, externalCertResolvers: ['default'] },
  ingresses: [
    { name: 'frontend-ingress', host: 'k3s.code-place-dev.site', service: 'frontend', port: 80, tls: { certResolver: 'default' } },
  ],
  k3s: {
    servers: [
      { name: 'k3s-1', address: '192.168.0.11' },
      { name: 'k3s-2', address: '192.168.0.12' },
      { name: 'k3s-3', address: '192.168.0.13' },
    ],
  },
});

/**
 * Writes dist/.generated-files as a completed synth leaves it (every regular file with its digest), for tests
 * that lay out dist/ by hand: k3s:install copies only the complete output of one synth.
 */
export function recordAsSynthesized(dist: string): void {
  if (!existsSync(dist)) return;
  const paths = listFiles(dist).filter((p) => p !== GENERATED_LIST && p !== LOCK_FILE && !isTemporaryName(p.split('/').pop()!));
  const files = new Map(paths.map((p) => [p, readFileSync(join(dist, p), 'utf8')]));
  writeFileSync(join(dist, GENERATED_LIST), withGeneratedList(files).get(GENERATED_LIST)!);
}

/**
 * Chart values given through each front door, as the attack-round tests judge them: the errors of a config with
 * them under `traefik.values`, of a K3sVipCluster and a TraefikHelmChartConfig with them ('' when accepted), and
 * the write gate's findings for a HelmChartConfig holding them.
 */
export const valuesDoors = {
  config: (values: unknown): string =>
    parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), { traefik: { values } })))
      .errors.map(formatDiagnostic)
      .join('\n'),
  cluster: (values: unknown): string =>
    refusalOf(() => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { traefik: { values } }))),
  chart: (values: unknown): string =>
    refusalOf(
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values: values as Record<string, unknown> }),
    ),
  gate: (values: unknown): string[] =>
    secretsInFiles(
      new Map([
        [
          'c/traefik-config.yaml',
          stringify({
            apiVersion: 'helm.cattle.io/v1',
            kind: 'HelmChartConfig',
            metadata: { name: 'traefik', namespace: 'kube-system' },
            spec: { valuesContent: stringify(values) },
          }),
        ],
      ]),
    ),
};

/** The message `make` throws, or '' when it throws none. */
export function refusalOf(make: () => unknown): string {
  try {
    make();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** The refusal of a K3sVipCluster of the reference config with `traefik` (and other top-level keys) patched, or ''. */
export const clusterRefusal = (traefik: object, extra: object = {}) =>
  refusalOf(() => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { traefik, ...extra })));

/** The refusal of a TraefikHelmChartConfig on the reference VIP with `props`, or ''. */
export const helmChartConfigRefusal = (props: object) =>
  refusalOf(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], ...props }));

/** An Ingress on a.example.com naming certificate resolver `certResolver` (the resolver tests' probe of "is it defined"). */
export const resolverIngress = (certResolver: string) => ({
  name: 'site',
  namespace: 'default',
  host: 'a.example.com',
  path: '/',
  service: 'frontend',
  port: 80,
  tls: { certResolver },
});

/** An IngressRoute for `extraObjects` naming certificate resolver `certResolver` (TraefikHelmChartConfig has no Ingresses). */
export const resolverRoute = (certResolver: string) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'r', namespace: 'default' },
  spec: {
    entryPoints: ['websecure'],
    routes: [{ match: 'Host(`a.example.com`)', kind: 'Rule', services: [{ name: 'other', port: 80 }] }],
    tls: { certResolver },
  },
});

/** The reference config with `traefik.values` and `traefik.chartVersion` set. */
export const configWithValues = (values: unknown, chartVersion: string) => withChanges(devConfig(), { traefik: { chartVersion, values } });

/** A config's errors and warnings for `values` on `chartVersion`, each `key.path: message` (no file, no position). */
export function judgedValues(values: unknown, chartVersion: string): { errors: string[]; warnings: string[] } {
  const { errors, warnings } = parseConfigText('config/t.yaml', stringify(configWithValues(values, chartVersion)));
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  return { errors: errors.map(line), warnings: warnings.map(line) };
}

/**
 * The config's errors (each without file and position), K3sVipCluster's and TraefikHelmChartConfig's refusals for
 * Traefik `values` on a chart version: the three doors a chart-versioned rule must judge alike.
 */
export function chartVersionDoors(values: Record<string, unknown>, chartVersion: string) {
  const config = withChanges(devConfig(), { traefik: { chartVersion, values } });
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  return {
    errors: parseConfigText('config/t.yaml', stringify(config)).errors.map(line),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config)),
    chart: refusalOf(
      () => new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', { loadBalancerIPs: ['192.168.0.41'], chartVersion, values }),
    ),
  };
}

/** The smallest config the attack files grow by appending keys: kube-vip, an interface, one VIP for Traefik. */
/** A config text with kube-vip and a one-server K3s inventory and no traefik key: tests add their own traefik block. */
export const INVENTORY_CONFIG_TEXT = `kubeVip:
  version: v1.2.3
  interface: eth0
  controlPlane:
    address: 192.168.0.40
k3s:
  tokenFile: /etc/rancher/k3s/cluster-token
  servers:
    - name: k3s-1
      address: 192.168.0.11
`;

export const MINIMAL_CONFIG_TEXT = `kubeVip:
  version: v1.2.3
  interface: eth0
  controlPlane:
    address: 192.168.0.40
traefik:
  loadBalancerIPs: [192.168.0.41]
`;
