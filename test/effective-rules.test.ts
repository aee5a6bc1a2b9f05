import { App } from 'cdk8s';
import { chart, configErrors, devConfig, synthFiles, thrown, withChanges } from './helpers';
import { AcmeClusterIssuer, K3sVipCluster, TraefikHelmChartConfig } from '../src/index';

/** The reference config with an ACME resolver Traefik itself defines (one acme.json, one pod). */
const acme = () =>
  withChanges(devConfig(), {
    traefik: { externalCertResolvers: [], certResolvers: { le: { email: 'ops@example.com' } } },
    ingresses: [{ name: 'web', host: 'web.example.com', service: 'web', port: 80, tls: { certResolver: 'le' } }],
  });
/** cert-manager instead, so several Traefik pods are fine. */
const ha = () =>
  withChanges(devConfig(), {
    traefik: { externalCertResolvers: [], replicas: 2 },
    certManager: { issuers: { le: { email: 'ops@example.com' } } },
    ingresses: [{ name: 'web', host: 'web.example.com', service: 'web', port: 80, tls: { issuer: 'le' } }],
  });
const pool = () =>
  withChanges(devConfig(), {
    traefik: { loadBalancerIPs: undefined },
    kubeVip: { services: { ipPool: { global: { range: '192.168.0.200-192.168.0.220' } } } },
  });

/**
 * Class 3: what a first-class key refuses is refused when `traefik.values` asks for it, and the message
 * points at the values key that did.
 */
describe('escape-hatch parity: rules judge the merged Traefik values', () => {
  test.each<[string, unknown, string]>([
    [
      'replicas through values next to an ACME resolver',
      withChanges(acme(), { traefik: { values: { deployment: { replicas: 3 } } } }),
      't.yaml: traefik.values.deployment.replicas: is 3, but traefik.certResolvers (le) keep ACME certificates in one acme.json',
    ],
    [
      'a DaemonSet next to an ACME resolver',
      withChanges(acme(), { traefik: { values: { deployment: { kind: 'DaemonSet' } } } }),
      't.yaml: traefik.values.deployment.kind: is DaemonSet, one Traefik pod per node, but traefik.certResolvers (le)',
    ],
    [
      'an ACME resolver through values with two replicas',
      withChanges(devConfig(), {
        traefik: { replicas: 2, values: { certificatesResolvers: { le: { acme: { email: 'a@example.com' } } } } },
      }),
      't.yaml: traefik.replicas: is 2, but the ACME resolvers (le at traefik.values.certificatesResolvers.le) keep ACME certificates in one acme.json',
    ],
    [
      'service.spec.type on a chart that reads service.type',
      withChanges(devConfig(), { traefik: { values: { service: { spec: { type: 'ClusterIP' } } } } }),
      't.yaml: traefik.values.service.spec.type: is not where Traefik chart 39.0.7 reads the Service type',
    ],
    [
      'service.type ClusterIP',
      withChanges(devConfig(), { traefik: { values: { service: { type: 'ClusterIP' } } } }),
      't.yaml: traefik.values.service.type: is "ClusterIP", but traefik.loadBalancerIPs makes this tool write "LoadBalancer" there',
    ],
    [
      'service.spec.type ClusterIP on chart 40',
      withChanges(devConfig(), { traefik: { chartVersion: '40.3.0', values: { service: { spec: { type: 'ClusterIP' } } } } }),
      't.yaml: traefik.values.service.spec.type: is "ClusterIP", but traefik.loadBalancerIPs makes this tool write "LoadBalancer" there',
    ],
    [
      'an additional Service of the chart on a pod-network address',
      withChanges(devConfig(), {
        traefik: {
          values: {
            service: { additionalServices: { udp: { annotations: { 'kube-vip.io/loadbalancerIPs': '10.42.0.5' } } } },
            // The chart renders no Service without a port (templates/service.yaml).
            ports: { web: { expose: { default: true, udp: true } } },
          },
        },
      }),
      't.yaml: traefik.values.service.additionalServices.udp.annotations["kube-vip.io/loadbalancerIPs"]: "10.42.0.5" lies inside the K3s pod network',
    ],
    [
      // 79b-11: a NodePort additional Service is allowed, as one in extraObjects; a VIP asked on it is not.
      'an additional Service of the chart that is a NodePort, with a VIP',
      withChanges(devConfig(), {
        traefik: {
          values: {
            service: {
              additionalServices: { internal: { type: 'NodePort', annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } } },
            },
            ports: { web: { expose: { default: true, internal: true } } },
          },
        },
      }),
      "asks a VIP for Traefik's additional Service internal, whose type is NodePort",
    ],
    [
      'an additional Service on the Traefik VIP and ports',
      withChanges(devConfig(), {
        traefik: {
          values: {
            service: { additionalServices: { copy: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.41' } } } },
            // From chart v28 an entrypoint names the Services it is exposed on.
            ports: { web: { expose: { default: true, copy: true } }, websecure: { expose: { default: true, copy: true } } },
          },
        },
      }),
      'is also the VIP of Traefik (traefik.loadBalancerIPs[0]) and both use port 80/TCP, 443/TCP',
    ],
    [
      'the VIP annotation in pool mode on a pod-network address',
      withChanges(pool(), { traefik: { values: { service: { annotations: { 'kube-vip.io/loadbalancerIPs': '10.42.0.9' } } } } }),
      't.yaml: traefik.values.service.annotations["kube-vip.io/loadbalancerIPs"]: "10.42.0.9" lies inside the K3s pod network',
    ],
    [
      'the VIP annotation in pool mode that is no address',
      withChanges(pool(), { traefik: { values: { service: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.300' } } } } }),
      't.yaml: traefik.values.service.annotations["kube-vip.io/loadbalancerIPs"]: "192.168.0.300" is not an IP address',
    ],
    [
      'the VIP annotation in pool mode inside the pool',
      withChanges(pool(), { traefik: { values: { service: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.205' } } } } }),
      'loadbalancerIPs"]: "192.168.0.205" lies inside the IP pool 192.168.0.200-192.168.0.220',
    ],
    [
      'a disruption budget that lets no drain evict',
      withChanges(ha(), {
        traefik: { replicas: 1, values: { podDisruptionBudget: { enabled: true, minAvailable: 1 } } },
      }),
      't.yaml: traefik.values.podDisruptionBudget.minAvailable: is 1 with 1 Traefik pod(s), so no drain may evict a Traefik pod',
    ],
    [
      // Two pods through values get the budget traefik.replicas: 2 gets; the user's own minAvailable replaces its maxUnavailable.
      'a minAvailable budget beside two pods through values',
      withChanges(ha(), {
        traefik: { replicas: 1, values: { deployment: { replicas: 2 }, podDisruptionBudget: { enabled: true, minAvailable: 2 } } },
      }),
      't.yaml: traefik.values.podDisruptionBudget.minAvailable: is 2 with 2 Traefik pod(s), so no drain may evict a Traefik pod',
    ],
    [
      'a budget for the one pod',
      withChanges(devConfig(), { traefik: { values: { podDisruptionBudget: { enabled: true, minAvailable: 1 } } } }),
      't.yaml: traefik.values.podDisruptionBudget.minAvailable: is 1 with 1 Traefik pod(s)',
    ],
    [
      'a budget of 100%',
      withChanges(devConfig(), { traefik: { values: { podDisruptionBudget: { enabled: true, minAvailable: '100%' } } } }),
      't.yaml: traefik.values.podDisruptionBudget.minAvailable: is "100%"',
    ],
    [
      'a budget with no unavailable pod',
      withChanges(devConfig(), { traefik: { values: { podDisruptionBudget: { enabled: true, maxUnavailable: 0 } } } }),
      't.yaml: traefik.values.podDisruptionBudget.maxUnavailable: is 0, so no drain may evict a Traefik pod',
    ],
    [
      'both budget fields',
      withChanges(ha(), { traefik: { values: { podDisruptionBudget: { minAvailable: 1, maxUnavailable: 1 } } } }),
      't.yaml: traefik.values.podDisruptionBudget.minAvailable: is set together with maxUnavailable',
    ],
    [
      'autoscaling next to an ACME resolver',
      withChanges(acme(), { traefik: { values: { autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 5 } } } }),
      't.yaml: traefik.values.autoscaling.enabled: scales Traefik to 5 pods, but the ACME resolvers (le)',
    ],
    [
      'no pods through values',
      withChanges(devConfig(), { traefik: { values: { deployment: { replicas: 0 } } } }),
      't.yaml: traefik.values.deployment.replicas: is 0, so no Traefik pod runs',
    ],
    [
      'a quoted pod count (attack 8 M1)',
      withChanges(devConfig(), { traefik: { values: { deployment: { replicas: '3' } } } }),
      't.yaml: traefik.values.deployment.replicas: is a string, "3": the chart\'s values schema wants a whole number, and Helm refuses values that break it: write 3 without quotes',
    ],
    [
      'a quoted pod count of 0 (review 17: unquoted, 0 is refused too)',
      withChanges(devConfig(), { traefik: { values: { deployment: { replicas: '0' } } } }),
      't.yaml: traefik.values.deployment.replicas: is a string, "0": the chart\'s values schema wants a whole number, and Helm refuses values that break it: use 1 or more, without quotes',
    ],
    [
      'a pod count with a fraction (attack 8 M1)',
      withChanges(devConfig(), { traefik: { values: { deployment: { replicas: 2.5 } } } }),
      "t.yaml: traefik.values.deployment.replicas: is 2.5, not a whole number of pods: the chart's values schema wants a whole number",
    ],
    [
      'more pods through values than traefik.replicas allows (attack 9 R9)',
      withChanges(devConfig(), { traefik: { values: { deployment: { replicas: 150 } } } }),
      't.yaml: traefik.values.deployment.replicas: is 150, more Traefik pods than traefik.replicas allows (100): use 100 or fewer',
    ],
    [
      'a pod count above int32 (attack 9 R9)',
      withChanges(devConfig(), { traefik: { values: { deployment: { replicas: 3000000000 } } } }),
      't.yaml: traefik.values.deployment.replicas: is 3000000000, more Traefik pods than traefik.replicas allows (100)',
    ],
    [
      'a pod count that is text (attack 8 M1)',
      withChanges(devConfig(), { traefik: { values: { deployment: { replicas: 'three' } } } }),
      't.yaml: traefik.values.deployment.replicas: is a string, not a number of pods',
    ],
    [
      'a quoted autoscaling maximum (attack 8 M1)',
      withChanges(devConfig(), { traefik: { values: { autoscaling: { enabled: true, maxReplicas: '3' } } } }),
      't.yaml: traefik.values.autoscaling.maxReplicas: is a string, but the values schema of Traefik chart v39.0.7 expects integer or null: write 3 without quotes',
    ],
    [
      'an autoscaling minimum with a fraction (attack 8 M1)',
      withChanges(devConfig(), { traefik: { values: { autoscaling: { enabled: true, minReplicas: 1.5, maxReplicas: 3 } } } }),
      // On every chart version, not only where a values schema says so (attack 40b-2): the rule's message is the one kept.
      "t.yaml: traefik.values.autoscaling.minReplicas: is 1.5, which the chart writes unquoted as the HorizontalPodAutoscaler's minReplicas, where the API server takes only a whole number",
    ],
    [
      'Traefik switched off',
      withChanges(devConfig(), { traefik: { values: { deployment: { enabled: false } } } }),
      't.yaml: traefik.values.deployment.enabled: is false, so K3s deploys no Traefik',
    ],
    [
      'a budget percentage that rounds up to every pod',
      withChanges(devConfig(), { traefik: { values: { podDisruptionBudget: { enabled: true, minAvailable: '51%' } } } }),
      't.yaml: traefik.values.podDisruptionBudget.minAvailable: is "51%" with 1 Traefik pod(s)',
    ],
    [
      'a second VIP source beside the first-class VIPs',
      withChanges(devConfig(), { traefik: { values: { service: { spec: { loadBalancerIP: '10.42.0.5' } } } } }),
      't.yaml: traefik.values.service.spec.loadBalancerIP: is a second VIP source next to traefik.loadBalancerIPs',
    ],
    [
      'Traefik on the API VIP with an exposed port 6443',
      withChanges(devConfig(), { traefik: { loadBalancerIPs: ['192.168.0.40'], values: { ports: { websecure: { exposedPort: 6443 } } } } }),
      'both use port 6443/TCP',
    ],
    [
      'two entrypoints on one Service port',
      withChanges(devConfig(), { traefik: { values: { ports: { web: { exposedPort: 443 } } } } }),
      't.yaml: traefik.values.ports.web: uses the Service port 443/TCP, as entrypoint websecure does',
    ],
    [
      'two entrypoints on one container port',
      withChanges(devConfig(), { traefik: { values: { ports: { metrics: { port: 8000 } } } } }),
      't.yaml: traefik.values.ports.metrics: uses the container port 8000/TCP, as entrypoint web does',
    ],
    [
      'a class kube-vip does not serve',
      withChanges(devConfig(), { traefik: { values: { service: { loadBalancerClass: 'foo.example/none' } } } }),
      't.yaml: traefik.values.service.loadBalancerClass: is "foo.example/none", not kube-vip\'s class',
    ],
    [
      'a rollout the API server refuses',
      withChanges(devConfig(), { traefik: { values: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } } } }),
      't.yaml: traefik.values.updateStrategy.rollingUpdate: has maxUnavailable and maxSurge both 0',
    ],
    [
      "a host port on the kubelet's port",
      withChanges(devConfig(), { traefik: { values: { ports: { web: { hostPort: 10250 } } } } }),
      "t.yaml: traefik.values.ports.web: opens host port 10250, which is the kubelet's port on every K3s node",
    ],
    [
      "hostNetwork with an entrypoint on the API server's port",
      withChanges(devConfig(), { traefik: { values: { hostNetwork: true, ports: { web: { port: 6443 } } } } }),
      "opens port 6443 on the node's network (hostNetwork), which is the K3s API server's port",
    ],
  ])('%s', (_, config, expected) => {
    expect(configErrors(config).join('\n')).toContain(expected);
  });

  test.each<[string, unknown]>([
    ['a budget that lets one pod go', withChanges(ha(), {})],
    ['one more replica through values without ACME', withChanges(ha(), { traefik: { values: { deployment: { replicas: 2 } } } })],
    ['a DaemonSet with cert-manager', withChanges(ha(), { traefik: { replicas: 1, values: { deployment: { kind: 'DaemonSet' } } } })],
    [
      'an additional LoadBalancer on a free LAN address',
      withChanges(devConfig(), {
        traefik: {
          values: {
            service: { additionalServices: { udp: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } } } },
            ports: { web: { expose: { default: true, udp: true } } },
          },
        },
      }),
    ],
    [
      'the VIP annotation in pool mode on a free LAN address',
      withChanges(pool(), { traefik: { values: { service: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.45' } } } } }),
    ],
    [
      'an annotation key named like an Object member',
      withChanges(devConfig(), { traefik: { values: { service: { annotations: { hasOwnProperty: 'x' } } } } }),
    ],
  ])('accepted: %s', (_, config) => {
    expect(configErrors(config)).toEqual([]);
  });

  test('the construct TraefikHelmChartConfig holds the same rules, pointing at its own props', () => {
    const error = thrown(
      () =>
        new TraefikHelmChartConfig(chart(), 't', {
          certResolvers: { le: { email: 'a@example.com' } },
          values: { deployment: { kind: 'DaemonSet' }, service: { type: 'ClusterIP' } },
        }),
    );
    expect(error.message).toContain(
      'TraefikHelmChartConfig: values.deployment.kind is DaemonSet, one Traefik pod per node, but certResolvers (le)',
    );
    expect(error.message).toContain(
      'TraefikHelmChartConfig: values.service.type is "ClusterIP", but loadBalancerIPs makes this tool write "LoadBalancer" there',
    );
  });
});

/** Class 4: gaps the last adversarial round found in single rules. */
describe('rule gaps', () => {
  const servers = (iface: string) => [
    { name: 'a', address: '192.168.0.11', interface: iface },
    { name: 'b', address: '192.168.0.12', interface: iface },
    { name: 'c', address: '192.168.0.13', interface: iface },
  ];
  test.each<[string, unknown, string]>([
    [
      'tokenFile is the folder the runbook creates',
      withChanges(devConfig(), { k3s: { tokenFile: '/etc/rancher/k3s' } }),
      'k3s.tokenFile: names the folder /etc/rancher/k3s/',
    ],
    [
      "tokenFile is K3s' kubeconfig",
      withChanges(devConfig(), { k3s: { tokenFile: '/etc/rancher/k3s/k3s.yaml' } }),
      "k3s.tokenFile: is K3s' kubeconfig",
    ],
    [
      'servers name lo in ARP mode',
      withChanges(devConfig(), { k3s: { servers: servers('lo') } }),
      'k3s.servers[0].interface: "lo" cannot answer ARP on the LAN',
    ],
    [
      'an issuer whose account-key Secret name is too long',
      {
        ...ha(),
        certManager: {
          issuers: { [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(50)}`]: { email: 'a@example.com' } },
        },
      },
      'cert-manager keeps the issuer\'s ACME account key in Secret "<name>-account-key", which may have at most 253: shorten the name to 241 characters',
    ],
    [
      'an issuer server "https://"',
      withChanges(ha(), { certManager: { issuers: { le: { server: 'https://' } } } }),
      'certManager.issuers.le.server: "https://" names no host',
    ],
    [
      'tls.issuer: constructor',
      withChanges(ha(), { ingresses: [{ name: 'w', host: 'w.example.com', service: 'w', port: 80, tls: { issuer: 'constructor' } }] }),
      'ingresses[0].tls.issuer: "constructor" is not defined',
    ],
    [
      'tls.certResolver: constructor',
      withChanges(devConfig(), {
        ingresses: [{ name: 'w', host: 'w.example.com', service: 'w', port: 80, tls: { certResolver: 'constructor' } }],
      }),
      'ingresses[0].tls.certResolver: "constructor" is not defined',
    ],
  ])('%s', (_, config, expected) => {
    expect(configErrors(config).join('\n')).toContain(expected);
  });
});

/** Class 5: the TypeScript API gets the YAML path's data guard, and renders what it validated. */
describe('construct props are plain data, read once', () => {
  const cluster = (props: unknown) => () => new K3sVipCluster(new App(), 'c', props as object);
  const sparse = (): string[] => {
    const list = ['192.168.0.41'];
    list[2] = '192.168.0.42';
    return list;
  };
  test.each<[string, () => void, string]>([
    [
      'a sparse list',
      cluster(withChanges(devConfig(), { traefik: { loadBalancerIPs: sparse() } })),
      'traefik.loadBalancerIPs: has a hole at index 1 (a sparse list)',
    ],
    [
      'NUL in additionalArguments',
      cluster(withChanges(devConfig(), { traefik: { values: { additionalArguments: ['--log.level=INFO\u0000'] } } })),
      'holds a control character',
    ],
    [
      'ESC in additionalArguments',
      cluster(withChanges(devConfig(), { traefik: { values: { additionalArguments: ['\u001b[31m'] } } })),
      'holds a control character',
    ],
    [
      'a newline in additionalArguments',
      cluster(withChanges(devConfig(), { traefik: { values: { additionalArguments: ['--a\n--b'] } } })),
      'holds a control character',
    ],
    [
      'a parsed __proto__ key',
      cluster({ ...devConfig(), traefik: JSON.parse('{"loadBalancerIPs": ["192.168.0.41"], "__proto__": {"replicas": 3}}') }),
      'traefik: "__proto__" is not allowed as a key',
    ],
    [
      'a getter',
      cluster(Object.defineProperty(devConfig(), 'ingresses', { get: () => [], enumerable: true })),
      'ingresses: is a getter: give a plain value',
    ],
    [
      'a class instance',
      cluster(withChanges(devConfig(), { k3s: { servers: [new Map()] } })),
      'k3s.servers[0]: is a Map: expected plain data (a string, number, boolean, list or plain object)',
    ],
    [
      "an issuer server 'constructor' (AcmeClusterIssuer)",
      () => new AcmeClusterIssuer(chart(), 'i', { name: 'le', email: 'a@example.com', server: 'constructor', solver: 'http01' }),
      'AcmeClusterIssuer: server "constructor" is not an https:// URL',
    ],
  ])('%s is refused with K3sVipValidationError', (_, build, expected) => {
    expect(thrown(build).message).toContain(expected);
  });

  test('changing the props after construction changes nothing that is rendered', () => {
    const props = devConfig();
    const app = new App();
    const built = new K3sVipCluster(app, 'c', props);
    props.traefik.loadBalancerIPs[0] = '10.42.0.1';
    props.ingresses[0].host = 'evil.example.com';
    const yaml = app.synthYaml();
    expect(yaml).toContain('kube-vip.io/loadbalancerIPs: 192.168.0.41');
    expect(yaml).toContain('host: k3s.code-place-dev.site');
    expect(Object.isFrozen(built.config.traefik.loadBalancerIPs)).toBe(true);
  });
});

describe('the failure table describes the pods the merged values deploy', () => {
  test.each<[string, unknown, string]>([
    [
      'replicas through values',
      withChanges(ha(), { traefik: { replicas: 1, values: { deployment: { replicas: 3 } } } }),
      'Traefik pods (3)',
    ],
    [
      'a DaemonSet through values',
      withChanges(ha(), { traefik: { replicas: 1, values: { deployment: { kind: 'DaemonSet' } } } }),
      'Traefik pods (one per node)',
    ],
    ['the first-class key', ha(), 'Traefik pods (2)'],
  ])('%s', (_, config, row) => {
    const readme = synthFiles(config).get('README.md')!;
    expect(readme).toContain(row);
  });
});
