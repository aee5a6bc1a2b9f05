import { join } from 'node:path';
import { loadConfigDir } from '../src/config/load';
import { wiring } from '../src/main';
import { renderClusters } from '../src/synth';

test('every generated YAML file, k3s/config.yaml included, starts by naming its config', () => {
  const { clusters, errors } = loadConfigDir(join(__dirname, '..', 'config', 'examples'));
  expect(errors).toEqual([]);
  const files = [...renderClusters(clusters, wiring)].filter(([path]) => path.endsWith('.yaml'));
  expect(files.map(([path]) => path)).toContain('gitops-flux/k3s/config.yaml');
  for (const [path, text] of files) {
    const cluster = path.split('/')[0];
    expect([path, text.split('\n')[0]]).toEqual([
      path,
      `# Generated from config/examples/${cluster}.yaml by \`npm run synth\`. Edit the config, not this file.`,
    ]);
  }
});
