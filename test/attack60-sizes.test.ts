// Round 60b-9: an 8 MB text in a construct's props or in a patch made the readers' regular expressions overflow V8's
// stack (a bare RangeError, no key path). Props hold at most 1 MiB of text, as a config file does; the constructs'
// write gate (synth's, check's, validate's, k3s:install's, the constructs') reads no line over 3 MiB and no file over
// 8 MiB (per line since d262ccc; 64 MiB until round 61); a run of line-prefix markers is read 64 at a time. A block of many short lines is
// bounded where its regular expression is written (review61-4: attack61-binary61).
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { decodings } from '../src/core/text-decodings';
import { secretsInFiles } from '../src/output/secret-gate';
import { K3sVipCluster, K3sVipValidationError, TraefikHelmChartConfig } from '../src';

const PROPS = {
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'] },
};
const BIG = 'QUFB'.repeat(300_000); // 1.2 MB of base64 letters
const withAnnotations = (annotations: Record<string, string>) => ({
  ...PROPS,
  traefik: { ...PROPS.traefik, values: { deployment: { podAnnotations: annotations } } },
});

function errorOf(build: () => unknown): Error {
  try {
    build();
  } catch (e) {
    return e as Error;
  }
  throw new Error('accepted');
}

describe('60b-9: props hold at most 1 MiB of text, said at the key that passes it', () => {
  test.each([
    [
      'K3sVipCluster, a value',
      () => new K3sVipCluster(new App(), 'dev', withAnnotations({ blob: BIG, after: 'x' })),
      'podAnnotations.blob: is a text of 1,200,000 bytes',
    ],
    [
      'K3sVipCluster, a key',
      () => new K3sVipCluster(new App(), 'dev', withAnnotations({ [BIG]: 'x' })),
      'podAnnotations: has a key of 1,200,000 bytes',
    ],
    [
      'TraefikHelmChartConfig, a value',
      () =>
        new TraefikHelmChartConfig(new Chart(new App(), 'c'), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: { deployment: { podAnnotations: { blob: BIG } } },
        }),
      'podAnnotations.blob is a text of 1,200,000 bytes',
    ],
  ])('%s', (_name, build, expected) => {
    const error = errorOf(build);
    expect(error).toBeInstanceOf(K3sVipValidationError);
    expect(error.message).toContain(expected);
    expect(error.message).toContain('past 1 MiB');
    expect(error.message.split('\n')).toHaveLength(1);
  });

  test('text just under the bound is judged as usual', () => {
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'default' },
      data: { blob: 'QUFB'.repeat(200_000) },
    };
    expect(
      () => new K3sVipCluster(new App(), 'dev', { ...PROPS, traefik: { ...PROPS.traefik, values: { extraObjects: [configMap] } } }),
    ).not.toThrow();
  });
});

describe('60b-9: the write gate reads no line over 3 MiB', () => {
  test('a patch of 3.6 MB is refused by file, not read', () => {
    const app = new App();
    const cluster = new K3sVipCluster(app, 'dev', PROPS);
    const config = cluster.node
      .findAll()
      .find((child): child is ApiObject => ApiObject.isApiObject(child) && child.kind === 'HelmChartConfig')!;
    config.addJsonPatch(JsonPatch.add('/metadata/annotations', { blob: BIG.repeat(3) }));
    const error = errorOf(() => app.synthYaml());
    expect(error.message).toContain('dev/traefik-config.yaml: has a line of 3600');
    expect(error.message).toContain('more than the write gate reads (3 MiB');
    expect(error).not.toBeInstanceOf(RangeError);
  });
});

describe('60b-9: a run of millions of line-prefix markers is read without overflowing the stack', () => {
  // Up to the gate's bound (3 MiB); 8 MB of ':' overflowed before.
  test.each([':', '#', '> ', '// '])('%j', (marker) => {
    expect(() => decodings(marker.repeat(Math.ceil(3_200_000 / marker.length)))).not.toThrow();
  });
  test('a line of 8 MB is refused by its size, unread', () => {
    expect(secretsInFiles(new Map([['c/x.yaml', ':'.repeat(8_000_000)]]))).toEqual([
      'c/x.yaml: has a line of 8000000 characters, more than the write gate reads (3 MiB; a config file holds 1 MiB at most), so it cannot be judged: keep large data out of the manifests (ship it in an image or a volume, or fetch it at start-up), or split it over several values',
    ]);
  });
});
