import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { synthesizedReference } from './helpers';
import { K3sVipCluster } from '../src/index';
import { renderCharts } from '../src/output/render';
import { buildApp, writeDocuments } from '../examples/typescript-app/main';

/** A dist/ file without its first line, the "# Generated from ..." header that only synth writes. */
function withoutHeader(text: string): string {
  expect(text).toMatch(/^# Generated from test\/fixtures\/config\/dev\.yaml /);
  return text.slice(text.indexOf('\n') + 1);
}

describe('examples/typescript-app (K3sVipCluster built in code)', () => {
  const app = buildApp();
  const rendered = new Map(renderCharts(app, '').map(([name, text]) => [name, text]));
  const dist = join(synthesizedReference(), 'dev');

  it('builds the cluster without a warning (no deprecated or risky props)', () => {
    const cluster = app.node.children.find((c): c is K3sVipCluster => c instanceof K3sVipCluster);
    expect(cluster?.warnings).toEqual([]);
  });

  it('creates the charts the reference config creates, under the same names', () => {
    const listed: string[] = readFileSync(join(dist, 'kustomization.yaml'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .map((line) => line.slice(4));
    expect([...rendered.keys()]).toEqual(listed);
    expect(listed).toEqual(['kube-vip.yaml', 'traefik-config.yaml', 'ingresses.yaml']);
  });

  it.each(['kube-vip.yaml', 'traefik-config.yaml', 'ingresses.yaml'])(
    '%s equals the dist/dev/ file byte for byte below its header',
    (file) => {
      expect(rendered.get(file)).toBe(withoutHeader(readFileSync(join(dist, file), 'utf8')));
    },
  );

  it('writes the K3s configs and the README with the runbook beside the manifests: those of dist/dev/ but for their source', () => {
    const folder = mkdtempSync(join(tmpdir(), 'k3s-vip-example-'));
    const written = writeDocuments(app, folder).map((file) => relative(join(folder, 'dev'), file));
    expect(written).toEqual(['k3s/k3s-1.yaml', 'k3s/k3s-2.yaml', 'k3s/k3s-3.yaml', 'README.md']);
    const source = (text: string) => text.replace(/Generated from (`?)\S+?\1 by (`[^`]+`)/, 'Generated from <source>');
    for (const file of written) {
      const mine = readFileSync(join(folder, 'dev', file), 'utf8');
      expect(mine).toMatch(/Generated from `?main\.ts`? by `cdk8s synth`/);
      expect(source(mine)).toBe(source(readFileSync(join(dist, file), 'utf8')));
    }
  });
});
