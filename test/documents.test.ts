import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { DEV_YAML, EXAMPLES_DIR, FIXTURE_CONFIG_DIR, synthesizedReference, synthFiles } from './helpers';
import { loadConfigDir } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { listFiles } from '../src/output/publish';

/** The files of a synthesized cluster folder that are not manifests: neither listed in the kustomization nor the kustomization. */
function documentFiles(files: Map<string, string>): Map<string, string> {
  const manifests = new Set<string>(parse(files.get('kustomization.yaml')!).resources);
  return new Map(
    [...files]
      .filter(([path]) => path !== 'kustomization.yaml' && !manifests.has(path) && !path.startsWith('gitops/'))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

describe('K3sVipCluster.documents(): the K3s configs and README of dist/<cluster>/', () => {
  test('equal, path for path and byte for byte, what npm run synth wrote into dist/dev/', () => {
    const dist = join(synthesizedReference(), 'dev');
    const onDisk = new Map(listFiles(dist).map((path) => [path, readFileSync(join(dist, path), 'utf8')]));
    const expected = documentFiles(onDisk);
    expect([...expected.keys()]).toEqual(['README.md', 'k3s/k3s-1.yaml', 'k3s/k3s-2.yaml', 'k3s/k3s-3.yaml']);

    const config = loadConfigDir(FIXTURE_CONFIG_DIR).clusters[0].config;
    const cluster = new K3sVipCluster(new App(), 'dev', config);
    const documents = cluster.documents({ source: 'test/fixtures/config/dev.yaml', command: 'npm run synth' });
    expect(documents.map((d) => d.path)).toEqual(['k3s/k3s-1.yaml', 'k3s/k3s-2.yaml', 'k3s/k3s-3.yaml', 'README.md']);
    expect(new Map(documents.map((d) => [d.path, d.content]))).toEqual(expected);
  });

  // Every example the construct can express (gitops is the synth's business), with and without k3s.servers.
  const examples = loadConfigDir(EXAMPLES_DIR).clusters.filter((c) => !c.config.gitops);
  test('covers examples with and without a node inventory', () => {
    expect(examples.filter((c) => c.config.k3s.servers).length).toBeGreaterThan(0);
    expect(examples.filter((c) => !c.config.k3s.servers).length).toBeGreaterThan(0);
  });

  test.each(examples.map((c) => [c.name, c] as const))('config/examples/%s.yaml: the same files as a synth of it', (name, example) => {
    const text = readFileSync(example.file, 'utf8');
    const synthesized = documentFiles(synthFiles(text, name));
    const documents = new K3sVipCluster(new App(), name, example.config).documents({
      source: `config/${name}.yaml`,
      command: 'npm run synth',
    });
    expect(new Map(documents.map((d) => [d.path, d.content]))).toEqual(synthesized);
  });

  test('by default name the construct and cdk8s synth as their source, and the charts as their manifests', () => {
    const app = new App();
    const cluster = new K3sVipCluster(app, 'home', parse(DEV_YAML));
    const documents = cluster.documents();
    for (const { path, content } of documents.filter((d) => d.path.endsWith('.yaml'))) {
      expect({ path, first: content.split('\n')[0] }).toEqual({
        path,
        first: '# Generated from K3sVipCluster home by `cdk8s synth`. Edit the config, not this file.',
      });
    }
    const readme = documents.find((d) => d.path === 'README.md')!.content;
    expect(readme).toContain('Generated from `K3sVipCluster home` by `cdk8s synth`; edit the config, not this folder.');
    expect(readme).toContain('- `kube-vip.yaml`: manifests');
    expect(readme).toContain('- `ingresses.yaml`: manifests');
    expect(readme).toContain('### 1. `k3s-1` (192.168.0.11): first server, initialises the cluster');
  });

  test('without k3s.servers: the servers drop-in k3s/config.yaml and a README without runbook', () => {
    const noInventory = parse(DEV_YAML);
    delete noInventory.k3s;
    const documents = new K3sVipCluster(new App(), 'lab', noInventory).documents();
    expect(documents.map((d) => d.path)).toEqual(['k3s/config.yaml', 'README.md']);
    expect(documents[0].content).toContain('tls-san+:');
    expect(documents[1].content).not.toContain('## Bootstrap');
  });

  test("the README lists the construct's own charts, in creation order, also beside other charts of the app", () => {
    const app = new App();
    new Chart(app, 'apps');
    const cluster = new K3sVipCluster(app, 'edge', parse(DEV_YAML));
    const readme = cluster.documents().find((d) => d.path === 'README.md')!.content;
    const files = [...readme.matchAll(/^- `([a-z-]+\.yaml)`: manifests/gm)].map((m) => m[1]);
    expect(files).toEqual(['kube-vip.yaml', 'traefik-config.yaml', 'ingresses.yaml']);
  });
});
