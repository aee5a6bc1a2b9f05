import { configErrors, clusterRefusal, devConfig, helmChartConfigRefusal, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 25b-4, 25b-7, 25b-8 and review #5: annotation maps other than the Service's and Deployment's, an
 * extraObjects PodDisruptionBudget, nulls that delete a chart default, and extraObjects host ports.
 */

describe("25b-4: a non-text value in the chart's other annotation maps", () => {
  const refused = (key: string, shown: string, object: string, fix: string) =>
    `traefik.values.${key}: ${shown}, but an annotation's value must be a text, and the chart writes it unchanged, so ` +
    `the API server refuses ${object} and the whole Traefik release fails: ${fix}`;

  test.each([
    [
      'serviceAccountAnnotations',
      { serviceAccountAnnotations: { 'x.io/a': 5 } },
      refused('serviceAccountAnnotations["x.io/a"]', '5 is a number', "Traefik's ServiceAccount", 'quote it ("5")'),
    ],
    [
      'persistence.annotations',
      { persistence: { enabled: true, annotations: { 'x.io/a': true } } },
      refused('persistence.annotations["x.io/a"]', 'true is a boolean', "Traefik's PersistentVolumeClaim", 'quote it ("true")'),
    ],
    [
      'ingressRoute.dashboard.annotations',
      { ingressRoute: { dashboard: { enabled: true, annotations: { 'x.io/a': ['a'] } } } },
      refused('ingressRoute.dashboard.annotations["x.io/a"]', 'is a list', 'the IngressRoute dashboard', 'write a text'),
    ],
    [
      'ingressRoute.healthcheck.annotations',
      { ingressRoute: { healthcheck: { enabled: true, annotations: { 'x.io/a': 1 } } } },
      refused('ingressRoute.healthcheck.annotations["x.io/a"]', '1 is a number', 'the IngressRoute healthcheck', 'quote it ("1")'),
    ],
    [
      'metrics.prometheus.service.annotations',
      { metrics: { prometheus: { service: { enabled: true, annotations: { 'x.io/a': 5 } } } } },
      refused('metrics.prometheus.service.annotations["x.io/a"]', '5 is a number', "Traefik's metrics Service", 'quote it ("5")'),
    ],
    [
      'gateway.annotations (gateway.enabled is on by default)',
      { providers: { kubernetesGateway: { enabled: true } }, gateway: { annotations: { 'x.io/a': { b: 'c' } } } },
      refused('gateway.annotations["x.io/a"]', 'is an object', "the chart's Gateway", 'write a text'),
    ],
  ])('%s is refused', (_, values, expected) => {
    expect(configErrors(withTraefikValues(values))).toContain(`config/t.yaml: ${expected}`);
  });

  test.each([
    ['quoted texts', { serviceAccountAnnotations: { 'x.io/a': '5' } }],
    ['a null (an empty text)', { serviceAccountAnnotations: { 'x.io/a': null } }],
    ['no ServiceAccount rendered (serviceAccount.name)', { serviceAccount: { name: 'mine' }, serviceAccountAnnotations: { 'x.io/a': 5 } }],
    ['persistence off (no PVC)', { persistence: { enabled: false, annotations: { 'x.io/a': 5 } } }],
    ['persistence with an existing claim (no PVC)', { persistence: { enabled: true, existingClaim: 'c', annotations: { 'x.io/a': 5 } } }],
    ['dashboard IngressRoute off', { ingressRoute: { dashboard: { annotations: { 'x.io/a': 5 } } } }],
    ['metrics Service off', { metrics: { prometheus: { service: { annotations: { 'x.io/a': 5 } } } } }],
    ['Gateway provider off', { gateway: { annotations: { 'x.io/a': 5 } } }],
    [
      'gateway.enabled false',
      { providers: { kubernetesGateway: { enabled: true } }, gateway: { enabled: false, annotations: { 'x.io/a': 5 } } },
    ],
  ])('control: %s accepted', (_, values) => {
    expect(configErrors(withTraefikValues(values)).filter((e) => e.includes('annotation'))).toEqual([]);
  });

  test('K3sVipCluster and TraefikHelmChartConfig refuse it the same way', () => {
    const values = { serviceAccountAnnotations: { 'x.io/a': 5 } };
    expect(clusterRefusal({ values })).toContain(
      refused('serviceAccountAnnotations["x.io/a"]', '5 is a number', "Traefik's ServiceAccount", 'quote it ("5")'),
    );
    expect(helmChartConfigRefusal({ values })).toContain(
      'values.serviceAccountAnnotations["x.io/a"] 5 is a number, but an annotation\'s value must be a text',
    );
  });
});

describe('25b-7: an extraObjects PodDisruptionBudget held to the API server rules of a budget', () => {
  const budget = (spec: object) => ({
    extraObjects: [
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'x', namespace: 'default' },
        spec: { selector: { matchLabels: { app: 'x' } }, ...spec },
      },
    ],
  });
  const APPLIED = '(extraObjects items are applied as written, in the Traefik release, which fails whole if the API server refuses one)';
  const refused = (key: string, shown: string, what: string) =>
    `config/t.yaml: traefik.values.extraObjects[0].spec.${key}: is ${shown}, ${what}, which the API server refuses in a ` +
    `PodDisruptionBudget: write a number of pods, such as 1, or a percentage, such as "50%" ${APPLIED}`;

  test.each([
    ['maxUnavailable "150%"', { maxUnavailable: '150%' }, refused('maxUnavailable', '"150%"', 'a percentage over 100%')],
    ['minAvailable "101%"', { minAvailable: '101%' }, refused('minAvailable', '"101%"', 'a percentage over 100%')],
    ['minAvailable -1', { minAvailable: -1 }, refused('minAvailable', '-1', 'a negative number of pods')],
    [
      'minAvailable "1.5%"',
      { minAvailable: '1.5%' },
      refused('minAvailable', '"1.5%"', 'a text that is not a percentage (a count is written without quotes)'),
    ],
    [
      'minAvailable "2"',
      { minAvailable: '2' },
      refused('minAvailable', '"2"', 'a text that is not a percentage (a count is written without quotes)'),
    ],
    [
      'both counts',
      { minAvailable: 1, maxUnavailable: 1 },
      'config/t.yaml: traefik.values.extraObjects[0].spec.minAvailable: is set together with maxUnavailable, and the API server ' +
        `accepts only one of the two: remove one of them ${APPLIED}`,
    ],
  ])('%s is refused', (_, spec, expected) => {
    expect(configErrors(withTraefikValues(budget(spec)))).toContain(expected);
  });

  test('a fraction is left to the schema check (one message)', () => {
    expect(configErrors(withTraefikValues(budget({ minAvailable: 1.5 })))).toEqual([
      expect.stringMatching(/^config\/t\.yaml: traefik\.values\.extraObjects\[0\]\.spec\.minAvailable: is 1\.5; the Kubernetes .* schema/),
    ]);
  });

  test.each([
    ['minAvailable "100%"', { minAvailable: '100%' }],
    ['minAvailable 0', { minAvailable: 0 }],
    ['maxUnavailable 1', { maxUnavailable: 1 }],
    ['maxUnavailable "0%"', { maxUnavailable: '0%' }],
    ['minAvailable null next to maxUnavailable', { minAvailable: null, maxUnavailable: 1 }],
  ])('control: %s accepted', (_, spec) => {
    expect(configErrors(withTraefikValues(budget(spec)))).toEqual([]);
  });
});

describe('25b-8: a null that deletes a chart default', () => {
  /** The vendored default chart (v39.0.7), an older vendored one, and one without a vendored schema. */
  const CHARTS = [{}, { chartVersion: '34.2.0' }, { chartVersion: '36.3.0' }];
  const plainIngress = () => withChanges(devConfig(), { ingresses: [{ ...devConfig().ingresses[0], tls: undefined }] });
  const errors = (values: object, traefik: object) =>
    configErrors(withTraefikValues(values, traefik, plainIngress())).filter((e) => !e.includes('cannot be checked'));

  // Helm's coalesce deletes these before it checks the schema; the chart copes without them (`resources: null` itself
  // does not: the templates read `($.Values.resources.limits).cpu`, review26.test.ts).
  test.each(
    CHARTS.flatMap((traefik) =>
      [
        { podSecurityContext: null },
        // Not logs.access itself, which the templates read bare (attack28-chart.test.ts).
        { logs: { general: { level: null } } },
        { tolerations: null },
        { resources: { limits: null } },
        { updateStrategy: { type: 'Recreate', rollingUpdate: null } },
        { ports: { web: { exposedPort: null } } },
      ].map((values) => [JSON.stringify(values), JSON.stringify(traefik), values, traefik] as const),
    ),
  )('%s on chart %s is accepted', (_, __, values, traefik) => {
    expect(errors(values, traefik)).toEqual([]);
  });

  test('control: a null the chart has no default for is still judged by the schema', () => {
    expect(errors({ updateStrategy: { typo: null } }, {})).toEqual([
      'config/t.yaml: traefik.values.updateStrategy.typo: is not a key of the values schema of Traefik chart v39.0.7: did you mean "updateStrategy.type"?',
    ]);
    expect(errors({ ports: { web: { port: 'x' } } }, {})).toContain(
      'config/t.yaml: traefik.values.ports.web.port: is a string, but the values schema of Traefik chart v39.0.7 expects integer: "x" is not a number: write a whole number without quotes',
    );
  });

  const noPort = (name: string, fix: string, own = " (Helm removes the chart's default given as null)") =>
    `config/t.yaml: traefik.values.ports.${name}.port: is null, which leaves entrypoint ${name} without a port${own}: the chart then ` +
    "renders an empty containerPort, which the API server refuses in Traefik's Deployment, and Traefik's address for it has no " +
    `port, so the whole Traefik release fails: ${fix}`;
  test.each(CHARTS.map((traefik) => [JSON.stringify(traefik), traefik]))('ports.web.port: null on chart %s is refused', (_, traefik) => {
    expect(errors({ ports: { web: { port: null } } }, traefik)).toEqual([
      noPort('web', "remove the key to keep the chart's port, or give one"),
    ]);
  });

  test('ports.<own entrypoint>.port: null is refused (Helm keeps the null)', () => {
    expect(errors({ ports: { mine: { port: null } } }, { chartVersion: '36.3.0' })).toEqual([noPort('mine', 'give it a port', '')]);
  });

  test.each(CHARTS.map((traefik) => [JSON.stringify(traefik), traefik]))('deployment.kind: null on chart %s is refused', (_, traefik) => {
    expect(errors({ deployment: { kind: null } }, traefik)).toEqual([
      "config/t.yaml: traefik.values.deployment.kind: is null, which deletes the chart's default (Deployment), so the chart renders " +
        'neither a Deployment nor a DaemonSet and no Traefik pod runs and nothing answers on its VIP: write Deployment or DaemonSet, or remove the key',
    ]);
  });

  test('exposedPort: null is judged as the chart renders it, like an explicit exposedPort of the port', () => {
    const model = (values: object) => errors(values, { chartVersion: '36.3.0' });
    expect(model({ ports: { web: { exposedPort: null } } })).toEqual(model({ ports: { web: { exposedPort: 8000 } } }));
    // Both move web off port 80 onto the VIP's port 8000, which the port of another entrypoint then collides with.
    const clash = { ports: { web: { exposedPort: null }, other: { port: 9101, exposedPort: 8000, expose: { default: true } } } };
    expect(model(clash)).toContain(
      'config/t.yaml: traefik.values.ports.other: uses the Service port 8000/TCP, as entrypoint web does: two listeners cannot share it; give each entrypoint its own',
    );
  });
});

describe("review #5: an extraObjects host port on a port Traefik's Service serves on the VIP", () => {
  const workload = (ports: object[], spec: object = {}) => ({
    extraObjects: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd', namespace: 'default' },
        spec: {
          selector: { matchLabels: { app: 'd' } },
          template: { metadata: { labels: { app: 'd' } }, spec: { ...spec, containers: [{ name: 'c', image: 'busybox:1.36', ports }] } },
        },
      },
    ],
  });
  // Wave 84 (83a-3): an extraObjects pod opens no port of its node at all, whichever port (extra-workload-powers.ts).
  test.each([
    ['host port 80 (web)', workload([{ containerPort: 8080, hostPort: 80 }]), 80],
    ['host port 443 (websecure)', workload([{ containerPort: 8443, hostPort: 443 }]), 443],
    ["host port 6443 (K3s' own)", workload([{ containerPort: 8443, hostPort: 6443 }]), 6443],
  ])('%s is refused, once', (_, values, port) => {
    expect(configErrors(withTraefikValues(values))).toEqual([
      expect.stringContaining(
        `traefik.values.extraObjects[0].spec.template.spec.containers[0].ports[0].hostPort: is ${port}, a port of every node the pod runs on`,
      ),
    ]);
  });
  // Wave 83: hostNetwork is refused in extraObjects as such (extra-workload-powers.ts), never by the host-port rule.
  test('hostNetwork, listening on 443, meets only the hostNetwork refusal', () => {
    const errors = configErrors(withTraefikValues(workload([{ containerPort: 443 }], { hostNetwork: true })));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("spec.template.spec.hostNetwork: is true, which runs the pod on the node's own network");
  });
});
