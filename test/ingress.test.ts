import { devConfig, find, synth, withChanges } from './helpers';

const ingresses = (config: unknown) => synth(config).get('ingresses.yaml')!;

describe('Ingresses', () => {
  test('reference setup: k3s.code-place-dev.site -> frontend:80 over TLS from resolver "default"', () => {
    const ingress = find(ingresses(devConfig()), 'Ingress', 'frontend-ingress');
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    expect(ingress.metadata).toEqual({
      name: 'frontend-ingress',
      namespace: 'default',
      annotations: { 'traefik.ingress.kubernetes.io/router.tls.certresolver': 'default' },
    });
    expect(ingress.spec).toEqual({
      ingressClassName: 'traefik',
      rules: [
        {
          host: 'k3s.code-place-dev.site',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend', port: { number: 80 } } } }] },
        },
      ],
      tls: [{ hosts: ['k3s.code-place-dev.site'] }],
    });
  });

  test('defaults: namespace default, path /; no tls block means plain HTTP without annotations', () => {
    const config = withChanges(devConfig(), { ingresses: [{ name: 'web', host: 'web.example.com', service: 'web', port: 8080 }] });
    const ingress = find(ingresses(config), 'Ingress', 'web');
    expect(ingress.metadata).toEqual({ name: 'web', namespace: 'default' });
    expect(ingress.spec.rules[0].http.paths[0]).toMatchObject({ path: '/', pathType: 'Prefix' });
    expect(ingress.spec.tls).toBeUndefined();
  });

  test('named Service port and custom namespace and path', () => {
    const config = withChanges(devConfig(), {
      ingresses: [{ name: 'api', namespace: 'shop', host: '*.shop.example.com', path: '/api', service: 'api', port: 'http' }],
    });
    const ingress = find(ingresses(config), 'Ingress', 'api');
    expect(ingress.metadata.namespace).toBe('shop');
    expect(ingress.spec.rules[0]).toEqual({
      host: '*.shop.example.com',
      http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }] },
    });
  });

  test('never the deprecated kubernetes.io/ingress.class annotation next to ingressClassName', () => {
    for (const ingress of ingresses(devConfig())) {
      expect(ingress.metadata.annotations ?? {}).not.toHaveProperty(['kubernetes.io/ingress.class']);
      expect(ingress.spec.ingressClassName).toBe('traefik');
    }
  });

  test('one Ingress per entry, in config order; no ingresses -> no ingresses.yaml in the kustomization', () => {
    const two = withChanges(devConfig(), {
      ingresses: [
        { name: 'b', host: 'b.example.com', service: 'b', port: 80 },
        { name: 'a', host: 'a.example.com', service: 'a', port: 80 },
      ],
    });
    expect(ingresses(two).map((i) => i.metadata.name)).toEqual(['b', 'a']);
    expect([...synth(withChanges(devConfig(), { ingresses: [] })).keys()]).toEqual(['kube-vip.yaml', 'traefik-config.yaml']);
  });
});
