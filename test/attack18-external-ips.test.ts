import { judgeConfig, withTraefikValues } from './helpers';

/** Attack round 18b D6: an extraObjects Service's externalIPs take over addresses on every node, a VIP of this cluster too. */
const service = (spec: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', namespace: 'default' }, spec });
const REFUSED = 'traefik.values.extraObjects[0].spec.externalIPs: is set: kube-proxy then answers for those addresses on every node';

test.each([
  ["Traefik's VIP on port 80", { type: 'ClusterIP', ports: [{ port: 80 }], externalIPs: ['192.168.0.41'] }],
  ["the control plane's VIP on port 6443", { type: 'ClusterIP', ports: [{ port: 6443 }], externalIPs: ['192.168.0.40'] }],
  ['any other address', { ports: [{ port: 8080 }], externalIPs: ['10.0.0.9'] }],
])('a Service with externalIPs on %s is refused (map and JSON text)', (_, spec) => {
  judgeConfig(withTraefikValues({ extraObjects: [service(spec)] }), REFUSED);
  judgeConfig(withTraefikValues({ extraObjects: [JSON.stringify(service(spec))] }), REFUSED);
});

test.each([[{ ports: [{ port: 8080 }] }], [{ ports: [{ port: 8080 }], externalIPs: [] }]])('control: %j is accepted', (spec) => {
  judgeConfig(withTraefikValues({ extraObjects: [service(spec)] }), undefined);
});
