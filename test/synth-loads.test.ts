// @jest-own-suite: it resets the module registry (jest.resetModules), which would hold for every later file of a shard.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { FIXTURE_CONFIG_DIR } from './helpers';

/**
 * What a synth of the reference config loads: the app's time is mostly loading code, so what only
 * some configs or commands need stays unloaded (docs/performance.md).
 */
test('a synth of the reference config loads neither what it does not use nor the heavy parts of the validation runtime', () => {
  const dist = mkdtempSync(join(tmpdir(), 'k3s-vip-loads-'));
  try {
    jest.resetModules();
    const { runSynth } = require('../src/synth') as typeof import('../src/synth');
    const { wiring } = require('../src/main') as typeof import('../src/main');
    const lines: string[] = [];
    expect(runSynth({ configDir: FIXTURE_CONFIG_DIR, distDir: dist, wiring, log: (line) => lines.push(line) })).toBe(0);
    const loaded = Object.keys(require.cache).map((file) => file.split(sep).join('/'));
    const has = (part: string) => loaded.some((file) => file.includes(part));
    // The conformance check ran (its schema checks through the bundled models and their light runtime, unless
    // the memo of earlier passes holds every object: test/schema-memo.test.ts).
    expect(has('/src/validate/conformance')).toBe(true);
    expect(
      [
        '/node_modules/ajv-formats-draft2019/',
        '/node_modules/ajv-i18n/localize/de/',
        '/node_modules/is-cidr/',
        '/node_modules/diff/',
        '/src/gateway/chart',
        '/src/cert-manager/chart',
        // Needed only for a gitops block, an IP pool, a Gateway, traefik.values: the reference config has none.
        '/src/gitops/chart',
        '/src/kube-vip/cloud-provider-chart',
        '/src/ingress/gateway-routes',
        '/src/traefik/values-kubernetes',
        '/src/traefik/name-overrides',
      ].filter(has),
    ).toEqual([]);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});
