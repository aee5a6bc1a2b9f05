import { configErrors, devConfig, helmChartConfigRefusal, withChanges } from './helpers';

/**
 * Attack round 30, fixed in round 31 (helper v3): the chart's checks of the Traefik release it renders, judged against
 * `image.tag`: a major above the chart's maximum (30b-12, v41.x) and "X is only available for traefik >= vY" (30b-14).
 */
const on = (chartVersion: string, values: unknown) =>
  configErrors(withChanges(devConfig(), { traefik: { chartVersion, values } })).join('\n');

describe('30b-12: an image.tag a major above the chart maximum is refused from chart 41.0.0', () => {
  const above = (tag: string, chart: string, max: string) =>
    `t.yaml: traefik.values.image.tag: is "${tag}", but Traefik chart ${chart} renders no Traefik of a major version above 3 ` +
    `("This Chart does not support Traefik Proxy ${tag}, which is a major version above the supported ${max}.")`;
  test.each<[string, string, string | undefined]>([
    ['v4.0.0', '41.3.0', above('v4.0.0', '41.3.0', 'v3.7.11')],
    ['v4.0.0-rc.1', '41.0.0', above('v4.0.0-rc.1', '41.0.0', 'v3.7.5')],
    ['4.1', '41.2.0', above('4.1', '41.2.0', 'v3.7.10')],
    // A minor above the maximum is only NOTES.txt's warning from v41.0.0.
    ['v3.99.0', '41.3.0', undefined],
    ['v3.7.12', '41.3.0', undefined],
    // K3s' package of v40.x drops upstream's stable-above-maximum check (and pins 3.7.8 on chart 40.1.x itself).
    ['v3.7.8', '40.1.0', undefined],
    ['v4.0.0', '40.3.0', undefined],
    ['v4.0.0', '39.0.7', undefined],
  ])('image.tag %s on chart %s', (tag, chart, expected) => {
    const errors = on(chart, { image: { tag } });
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  test('the minimum side keeps its message', () => {
    expect(on('41.3.0', { image: { tag: 'v3.3.0' } })).toContain(
      'traefik.values.image.tag: is "v3.3.0", but Traefik chart 41.3.0 renders only Traefik v3.6.0 or newer',
    );
  });
});

describe('30b-14: a feature the rendered Traefik release lacks is refused with the chart message', () => {
  const fails = (key: string, value: unknown, tag: string, chart: string, release: string, message: string) =>
    `t.yaml: traefik.values.${key}: is ${JSON.stringify(value)}, but traefik.values.image.tag "${tag}" makes Traefik chart ${chart} ` +
    `render Traefik ${release}, and the chart fails on it ("${message}")`;
  const nginx = 'Kubernetes Ingress NGINX provider is only available for traefik >= v3.6.2.';
  const path = 'request path security options are only available for traefik >= v3.6.4.';
  test.each<[string, object, string, string]>([
    [
      '39.0.7',
      { providers: { kubernetesIngressNginx: { enabled: true } } },
      'v3.5.0',
      fails('providers.kubernetesIngressNginx.enabled', true, 'v3.5.0', '39.0.7', 'v3.5.0', nginx),
    ],
    [
      '37.4.0',
      { providers: { kubernetesIngressNginx: { enabled: true } } },
      'v3.6.1',
      fails('providers.kubernetesIngressNginx.enabled', true, 'v3.6.1', '37.4.0', 'v3.6.1', nginx),
    ],
    [
      '41.3.0',
      { providers: { kubernetesIngressNGINX: { enabled: true } } },
      'v3.6.1',
      fails('providers.kubernetesIngressNGINX.enabled', true, 'v3.6.1', '41.3.0', 'v3.6.1', nginx),
    ],
    [
      '39.0.7',
      { experimental: { fastProxy: { enabled: true } } },
      'v3.1.0',
      fails(
        'experimental.fastProxy.enabled',
        true,
        'v3.1.0',
        '39.0.7',
        'v3.1.0',
        'fastProxy is an experimental feature only available for traefik >= v3.2.0.',
      ),
    ],
    [
      '39.0.7',
      { ports: { websecure: { http: { sanitizePath: false } } } },
      'v3.5.0',
      fails('ports.websecure.http.sanitizePath', false, 'v3.5.0', '39.0.7', 'v3.5.0', path),
    ],
    [
      '41.3.0',
      { ports: { websecure: { http: { encodedCharacters: { allowEncodedSlash: true } } } } },
      'v3.6.3',
      fails('ports.websecure.http.encodedCharacters.allowEncodedSlash', true, 'v3.6.3', '41.3.0', 'v3.6.3', path),
    ],
    [
      '39.0.7',
      { ports: { web: { observability: { metrics: false } } } },
      'v3.2.0',
      fails(
        'ports.web.observability.metrics',
        false,
        'v3.2.0',
        '39.0.7',
        'v3.2.0',
        'per entrypoint observability is a feature only available for traefik >= v3.3.0.',
      ),
    ],
    [
      '38.0.0',
      { logs: { access: { format: 'genericCLF' } } },
      'v3.5.1',
      fails(
        'logs.access.format',
        'genericCLF',
        'v3.5.1',
        '38.0.0',
        'v3.5.1',
        'genericCLF is an accesslog format option only available for traefik >= v3.5.2.',
      ),
    ],
    [
      '41.3.0',
      { accessLog: { dualOutput: true } },
      'v3.6.9',
      fails('accessLog.dualOutput', true, 'v3.6.9', '41.3.0', 'v3.6.9', 'accesslog.dualOutput is only available for traefik >= v3.7.0.'),
    ],
    [
      '40.3.0',
      { logs: { access: { dualOutput: true } } },
      'v3.6.9',
      fails('logs.access.dualOutput', true, 'v3.6.9', '40.3.0', 'v3.6.9', 'accesslog.dualOutput is only available for traefik >= v3.7.0.'),
    ],
    [
      '41.3.0',
      { ports: { web: { http: { underscoreHeadersStrategy: 'drop' } } } },
      'v3.7.5',
      fails(
        'ports.web.http.underscoreHeadersStrategy',
        'drop',
        'v3.7.5',
        '41.3.0',
        'v3.7.5',
        'http.underscoreHeadersStrategy is only available for traefik >= v3.7.6.',
      ),
    ],
    [
      '41.3.0',
      { providers: { kubernetesCRD: { safeNaming: true } } },
      'v3.7.10',
      fails(
        'providers.kubernetesCRD.safeNaming',
        true,
        'v3.7.10',
        '41.3.0',
        'v3.7.10',
        'providers.kubernetesCRD.safeNaming is only available for traefik >= v3.7.11.',
      ),
    ],
    [
      '39.0.7',
      { tlsOptions: { strict: { disableSessionTickets: true } } },
      'v3.3.9',
      fails(
        'tlsOptions.strict.disableSessionTickets',
        true,
        'v3.3.9',
        '39.0.7',
        'v3.3.9',
        'disableSessionTickets is a feature only available for traefik >= v3.4.0.',
      ),
    ],
  ])('chart %s, %j with image.tag %s', (chart, values, tag, expected) => {
    expect(on(chart, { ...values, image: { tag } })).toContain(expected);
  });

  test.each<[string, object, string | undefined]>([
    // At the floor, and without image.tag (K3s pins an image its chart renders).
    ['39.0.7', { providers: { kubernetesIngressNginx: { enabled: true } } }, 'v3.6.2'],
    ['39.0.7', { providers: { kubernetesIngressNginx: { enabled: true } } }, undefined],
    ['39.0.7', { ports: { websecure: { http: { sanitizePath: false } } } }, 'v3.6.4'],
    ['39.0.7', { experimental: { fastProxy: { enabled: true } } }, 'v3.2.0'],
    ['41.3.0', { providers: { kubernetesCRD: { safeNaming: true } } }, 'v3.7.11'],
    ['41.2.0', { providers: { kubernetesCRD: { safeNaming: true } } }, 'v3.7.10'],
    // The feature off, or the chart without the check (fastProxy's is gone from v40.0.0, the NGINX one starts at v37.4.0).
    ['39.0.7', { providers: { kubernetesIngressNginx: { enabled: false } } }, 'v3.5.0'],
    ['39.0.7', { ports: { websecure: { http: { sanitizePath: true } } } }, 'v3.5.0'],
    ['41.3.0', { experimental: { fastProxy: { enabled: true } } }, 'v3.6.0'],
    ['37.3.0', { providers: { kubernetesIngressNginx: { enabled: true } } }, 'v3.5.0'],
    ['39.0.7', { tlsOptions: { strict: { disableSessionTickets: true } } }, 'v3.4.0'],
    ['35.2.0', { tlsOptions: { strict: { disableSessionTickets: true } } }, 'v3.3.9'],
  ])('chart %s, %j with image.tag %s passes', (chart, values, tag) => {
    expect(on(chart, { ...values, ...(tag ? { image: { tag } } : {}) })).toBe('');
  });

  test('TraefikHelmChartConfig refuses it too', () => {
    expect(
      helmChartConfigRefusal({
        chartVersion: '39.0.7',
        values: { image: { tag: 'v3.5.0' }, providers: { kubernetesIngressNginx: { enabled: true } } },
      }),
    ).toContain(
      'values.providers.kubernetesIngressNginx.enabled is true, but values.image.tag "v3.5.0" makes Traefik chart 39.0.7 render Traefik v3.5.0, ' +
        'and the chart fails on it ("Kubernetes Ingress NGINX provider is only available for traefik >= v3.6.2."): remove the key, or pin Traefik v3.6.2 or newer',
    );
  });
});
