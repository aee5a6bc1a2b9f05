import { stringify } from 'yaml';
import { checkHelmReleaseSize } from '../src/validate/helm-release-size';
import { validateManifests } from '../src/validate/conformance';

/** Letters and digits that deflate cannot shrink much (a fixed generator: the same text every run). */
function noise(length: number, seed = 7): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    // xorshift32: 32-bit integer steps, so no precision is lost and the text does not repeat within a megabyte
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    text += alphabet[(state >>> 0) % alphabet.length];
  }
  return text;
}

const chartConfig = (kind: string, data: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'helm.cattle.io/v1',
  kind,
  metadata: { name: 'traefik', namespace: 'kube-system' },
  spec: {
    valuesContent: stringify({
      ...extra,
      extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'default' }, data: { blob: data } }],
    }),
  },
});

// attack 63b-8: 600,000 random characters pass the config's 1 MiB and etcd's 1.5 MiB, but Helm's release Secret
// holds them twice (values and manifest), gzip-compressed and base64-encoded: about 1.2 MB, over the Secret's 1 MiB.
describe('a Helm release over the 1 MiB a Secret holds', () => {
  it.each([
    ['HelmChartConfig, 600,000 random characters', chartConfig('HelmChartConfig', noise(600_000)), true],
    ['HelmChart, 600,000 random characters', chartConfig('HelmChart', noise(600_000)), true],
    ['400,000 random characters (about 0.8 MB as a release)', chartConfig('HelmChartConfig', noise(400_000)), false],
    ['900,000 repeated characters (they compress)', chartConfig('HelmChartConfig', 'a'.repeat(900_000)), false],
    ['a small config', chartConfig('HelmChartConfig', 'x'), false],
  ])('%s', (_name, object, refused) => {
    const findings = checkHelmReleaseSize(object);
    expect(findings.length).toBe(refused ? 1 : 0);
    if (refused) {
      expect(findings[0].path).toEqual(['spec', 'valuesContent']);
      expect(findings[0].message).toMatch(/Helm release of at least \d+ bytes.*caps at 1 MiB.*keep big data out of the chart's values/);
    }
  });

  it('is one of the conformance rules, named by file, object and field, never quoting the data', () => {
    const data = noise(600_000);
    const violations = validateManifests(new Map([['dev/traefik-config.yaml', stringify(chartConfig('HelmChartConfig', data))]]));
    const release = violations.filter((v) => /Helm release/.test(v.message));
    expect(release).toHaveLength(1);
    expect(release[0]).toMatchObject({
      file: 'dev/traefik-config.yaml',
      object: 'HelmChartConfig/kube-system/traefik',
      field: 'spec.valuesContent',
    });
    expect(release[0].message).not.toContain(data.slice(0, 20));
  });

  it('leaves other kinds and values that do not parse alone', () => {
    expect(checkHelmReleaseSize({ kind: 'ConfigMap', spec: { valuesContent: noise(600_000) } })).toEqual([]);
    expect(checkHelmReleaseSize({ kind: 'HelmChartConfig', spec: { valuesContent: `a: [${noise(600_000)}` } })).toEqual([]);
  });
});
