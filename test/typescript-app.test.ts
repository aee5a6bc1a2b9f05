import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizedReference } from './helpers';
import { K3sVipCluster } from '../src/index';
import { renderCharts } from '../src/output/render';
import { buildApp } from '../examples/typescript-app/main';

/** A dist/ file without its first line, the "# Generated from ..." header that only synth writes. */
function withoutHeader(text: string): string {
  expect(text).toMatch(/^# Generated from test\/fixtures\/config\/dev\.yaml /);
  return text.slice(text.indexOf('\n') + 1);
}

describe('examples/typescript-app (K3sVipCluster built in code)', () => {
  const app = buildApp();
  const rendered = new Map(renderCharts(app, ''));
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
});
