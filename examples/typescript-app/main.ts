import { App } from 'cdk8s';
import { K3sVipCluster } from 'k3s-vip';

/** The reference cluster of config/dev.yaml, built in code. */
export function buildApp(app = new App()): App {
  new K3sVipCluster(app, 'dev', {
    kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
    traefik: { loadBalancerIPs: ['192.168.0.41'], redirectToHttps: true, externalCertResolvers: ['default'] },
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
  });
  return app;
}

if (require.main === module) buildApp().synth();
