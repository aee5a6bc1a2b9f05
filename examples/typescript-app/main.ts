import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { App } from 'cdk8s';
import { K3sVipCluster } from 'k3s-vip';

/** The reference cluster (the repository's config/examples/reference.yaml), built in code. */
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
    k3s: {
      servers: [
        { name: 'k3s-1', address: '192.168.0.11', interface: 'eth0' },
        { name: 'k3s-2', address: '192.168.0.12' },
        { name: 'k3s-3', address: '192.168.0.13' },
      ],
    },
  });
  return app;
}

/**
 * Writes each cluster's files that are not manifests (every node's K3s config, the README with the
 * bootstrap runbook) into `<folder>/<cluster>/`, beside cdk8s' dist/: they are not for kubectl.
 */
export function writeDocuments(app: App, folder: string): string[] {
  const written: string[] = [];
  for (const cluster of app.node.children.filter((child): child is K3sVipCluster => child instanceof K3sVipCluster)) {
    for (const { path, content } of cluster.documents({ source: 'main.ts' })) {
      const file = join(folder, cluster.node.id, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      written.push(file);
    }
  }
  return written;
}

if (require.main === module) {
  const app = buildApp();
  app.synth();
  writeDocuments(app, 'cluster');
}
