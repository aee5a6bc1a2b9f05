// The construct gate remembers each construct's own verdict between cdk8s' validations of one app, but never the
// rules across the app's objects (construct-app-rules.ts): an object beside the construct may change between two synths
// (a patch) while the construct's own files do not. Found in review of round 64 (constructs64 keyed the whole verdict
// by the construct's files and the app's size).
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { K3sVipCluster } from '../src';

const CLUSTER = {
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'] },
  k3s: { servers: [{ name: 'k3s-1', address: '192.168.0.11', interface: 'eth0' }] },
};
const service = (name: string, clusterIP: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { selector: { a: 'b' }, ports: [{ port: 80 }], clusterIP },
});

describe('a patch beside a construct between two synths of one app', () => {
  it('is judged at the second synth: the clusterIP it now shares is refused', () => {
    const app = Testing.app();
    const cluster = new K3sVipCluster(app, 'a', CLUSTER);
    new ApiObject(new Chart(cluster, 'extra'), 'mine', service('mine', '10.43.0.50'));
    const theirs = new ApiObject(new Chart(app, 'user'), 'theirs', service('theirs', '10.43.0.51'));
    expect(() => app.synthYaml()).not.toThrow();
    theirs.addJsonPatch(JsonPatch.replace('/spec/clusterIP', '10.43.0.50'));
    expect(() => app.synthYaml()).toThrow(/cluster IP 10\.43\.0\.50/);
  });
});
