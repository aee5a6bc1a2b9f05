import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { configErrors, devConfig, helmChartConfigRefusal, synthFiles, withChanges } from './helpers';

/**
 * Attack round 28: 28b-6 (a DaemonSet's disruption budget: a whole-number minAvailable counts the pods, one per node;
 * maxUnavailable or a percentage finds no scale and allows no eviction; the construct's rule no longer fires unlocated
 * on the YAML door), 28b-4 (a self-redirect), 28b-5 (a later redirect flag overriding redirectToHttps).
 */
const THREE_SERVERS = {
  tokenFile: '/etc/rancher/k3s/cluster-token',
  servers: [
    { name: 'k3s-1', address: '192.168.0.11', interface: 'eth0' },
    { name: 'k3s-2', address: '192.168.0.12' },
    { name: 'k3s-3', address: '192.168.0.13' },
  ],
};
const onThreeServers = (values: object, traefik: object = {}) =>
  withChanges(devConfig(), { traefik: { ...traefik, values }, k3s: THREE_SERVERS });
const daemonSet = (budget: object, more: object = {}) => ({
  deployment: { kind: 'DaemonSet' },
  podDisruptionBudget: { enabled: true, ...budget },
  ...more,
});
const errorsOf = (config: unknown) => configErrors(config).join('\n');
const NO_EVICTION = 'no eviction of a Traefik pod is allowed (the eviction API';

describe('28b-6: a DaemonSet budget is judged by what the disruption controller counts', () => {
  test.each([
    ['minAvailable 1 on 3 nodes', { minAvailable: 1 }, undefined],
    ['minAvailable 2 on 3 nodes', { minAvailable: 2 }, undefined],
    ['minAvailable "2" (rendered 2) on 3 nodes', { minAvailable: '2' }, undefined],
    [
      'minAvailable 3 on 3 nodes',
      { minAvailable: 3 },
      `traefik.values.podDisruptionBudget.minAvailable: is 3 with 3 Traefik pod(s), one per node, so ${NO_EVICTION} refuses every one, whichever tool asks): use a whole number at most 2 (Traefik runs on 3 node(s))`,
    ],
    [
      'maxUnavailable 1',
      { maxUnavailable: 1 },
      'traefik.values.podDisruptionBudget.maxUnavailable: is 1, but Traefik runs as a DaemonSet, which has no scale subresource',
    ],
    [
      'maxUnavailable "50%"',
      { maxUnavailable: '50%' },
      'traefik.values.podDisruptionBudget.maxUnavailable: is "50%", but Traefik runs as a DaemonSet',
    ],
    [
      'minAvailable "66%"',
      { minAvailable: '66%' },
      'traefik.values.podDisruptionBudget.minAvailable: is "66%", but Traefik runs as a DaemonSet',
    ],
  ])('%s', (_, budget, expected) => {
    const errors = errorsOf(onThreeServers(daemonSet(budget)));
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  test('a scaled budget names the fix: a whole-number minAvailable below the node count', () => {
    expect(errorsOf(onThreeServers(daemonSet({ maxUnavailable: 1 })))).toContain(
      'refuses every one, whichever tool asks): use a whole-number podDisruptionBudget.minAvailable at most 2 (Traefik runs on 3 node(s))',
    );
  });

  test.each([
    ['one node selected: minAvailable 1 is every pod', { 'kubernetes.io/hostname': 'k3s-1' }, 'is 1 with 1 Traefik pod(s), one per node'],
    ['control: a selector on a label this tool cannot know counts as holding (3 nodes)', { disk: 'ssd' }, undefined],
  ])('the pods are the nodes the placement admits: %s', (_, nodeSelector, expected) => {
    const errors = errorsOf(onThreeServers(daemonSet({ minAvailable: 1 }, { nodeSelector })));
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  test('the YAML door synthesizes a whole-number minAvailable below the node count (no unlocated construct refusal)', () => {
    expect(() => synthFiles(onThreeServers(daemonSet({ minAvailable: 1 })))).not.toThrow();
  });

  test('the construct, which knows no nodes, takes a whole-number minAvailable and refuses maxUnavailable', () => {
    expect(helmChartConfigRefusal({ values: daemonSet({ minAvailable: 1 }) })).toBe('');
    expect(helmChartConfigRefusal({ values: daemonSet({ maxUnavailable: 1 }) })).toContain(
      'TraefikHelmChartConfig: values.podDisruptionBudget.maxUnavailable is 1, but Traefik runs as a DaemonSet',
    );
  });

  test('a countless DaemonSet budget suggests minAvailable, not maxUnavailable', () => {
    const errors = errorsOf(onThreeServers(daemonSet({})));
    expect(errors).toContain(`so ${NO_EVICTION}`);
    expect(errors).toContain('set a whole-number podDisruptionBudget.minAvailable below the number of nodes Traefik runs on');
  });

  test.each([
    ['traefik.replicas 2 with a DaemonSet is refused', 2, 'traefik.replicas: is 2, but traefik.values.deployment.kind is DaemonSet'],
    ['control: traefik.replicas 1 with a DaemonSet', 1, undefined],
  ])('%s', (_, replicas, expected) => {
    const errors = errorsOf(onThreeServers({ deployment: { kind: 'DaemonSet' } }, { replicas }));
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  test('the construct refuses the replicas prop with a DaemonSet too', () => {
    expect(helmChartConfigRefusal({ replicas: 2, values: { deployment: { kind: 'DaemonSet' } } })).toContain(
      'TraefikHelmChartConfig: replicas is 2, but values.deployment.kind is DaemonSet',
    );
  });

  test.each([
    ['Deployment, minAvailable 1 of 2 replicas: control', { podDisruptionBudget: { enabled: true, minAvailable: 1 } }, undefined],
    ['Deployment, maxUnavailable 1 of 2 replicas: control', { podDisruptionBudget: { enabled: true, maxUnavailable: 1 } }, undefined],
    [
      'Deployment, minAvailable 2 of 2 replicas',
      { podDisruptionBudget: { enabled: true, minAvailable: 2 } },
      'every node drain (and K3s upgrade) hangs',
    ],
  ])('%s', (_, values, expected) => {
    const errors = errorsOf(onThreeServers(values, { replicas: 2 }));
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });
});

describe('28b-4: an entrypoint redirected to itself is refused wherever it is', () => {
  const alt = (redirect: object = {}) => ({
    port: 9443,
    exposedPort: 9443,
    expose: { default: true },
    protocol: 'TCP',
    http: { tls: { enabled: true }, ...redirect },
  });
  const toAlt = { redirections: { entryPoint: { to: 'alt', scheme: 'https', permanent: true } } };
  const FLAG = (from: string, to: string) => `--entrypoints.${from}.http.redirections.entrypoint.to=${to}`;
  test.each([
    [
      'the chart key ports.alt → alt',
      { ports: { alt: alt(toAlt) } },
      'traefik.values.ports.alt.http.redirections.entryPoint.to: redirects entrypoint alt to itself',
    ],
    [
      'the flag on alt to :9443, its own Service port',
      { ports: { alt: alt() }, additionalArguments: [FLAG('alt', ':9443')] },
      'traefik.values.additionalArguments[0]: redirects entrypoint alt through :9443 to itself',
    ],
    [
      'web to itself next to TLS Ingresses only',
      { ports: { web: { http: { redirections: { entryPoint: { to: 'web', scheme: 'https' } } } } } },
      'redirects entrypoint web to itself',
    ],
    ['control: the flag on alt to :443 (websecure)', { ports: { alt: alt() }, additionalArguments: [FLAG('alt', ':443')] }, undefined],
    ['control: an exposed alt without a redirect', { ports: { alt: alt() } }, undefined],
  ])('%s', (_, values, expected) => {
    const errors = errorsOf(withChanges(devConfig(), { traefik: { values } }));
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });
});

describe('28b-5: the http:// warning names the flag that overrides traefik.redirectToHttps', () => {
  const warningsOf = (traefik: object) => {
    const loaded = parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), { traefik })));
    return loaded.warnings.map((w) => formatDiagnostic({ ...w, line: undefined })).join('\n');
  };
  const FLAG = '--entrypoints.web.http.redirections.entrypoint.to';
  test.each([
    [':9999', `${FLAG}=:9999`],
    ['websecure (its address port 8443, no Service port)', `${FLAG}=websecure`],
  ])('redirectToHttps: true and a later flag to %s', (_, flag) => {
    const warnings = warningsOf({ redirectToHttps: true, values: { additionalArguments: [flag] } });
    expect(warnings).toContain(
      `ingresses[0].tls: serves "k3s.code-place-dev.site" on HTTPS only while traefik.values.additionalArguments[0] redirects entrypoint web to ` +
        `${JSON.stringify(flag.split('=')[1])}, overriding the redirect traefik.redirectToHttps writes, where no HTTPS entrypoint answers on the VIP`,
    );
    expect(warnings).toContain(`write ${FLAG}=:443 (websecure's Service port), or remove the flag`);
    expect(warnings).not.toContain('redirectToHttps is false');
  });

  test('redirectToHttps false and no redirect keeps the plain advice', () => {
    expect(warningsOf({ redirectToHttps: false })).toContain(
      'on HTTPS only while traefik.redirectToHttps is false, so http://k3s.code-place-dev.site/ answers 404: set traefik.redirectToHttps: true',
    );
  });

  test.each([
    ['redirectToHttps alone', { redirectToHttps: true }],
    ['redirectToHttps and a later flag to :443', { redirectToHttps: true, values: { additionalArguments: [`${FLAG}=:443`] } }],
  ])('control: %s has no http:// warning', (_, traefik) => {
    expect(warningsOf(traefik)).not.toContain('on HTTPS only');
  });
});
