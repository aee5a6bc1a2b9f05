/**
 * Attack round 59b, findings 3, 4, 5, 7 and 8: one verdict for a certificate resolver name at every door
 * (src/config/resolver-name-format.ts, src/traefik/resolver-names.ts); a mounted file-provider TOML item naming routers
 * refused (src/ingress/file-routes.ts, route-fields.ts); hostNetwork entrypoints on the ports K3s' own components bind
 * (src/traefik/pod-rules.ts); every problem of a file-provider text or a kube-vip.io/loadbalancerIPs list said at once
 * (Problem.textPart, src/core/problem.ts); Flux revisions refs/remotes/… and refs/heads/HEAD refused, a short commit id
 * warned (src/gitops/flux-source.ts).
 */
import { parseConfigText, formatDiagnostic } from '../src/config/load';
import { stringify } from 'yaml';
import { TraefikHelmChartConfig } from '../src/index';
import { chart, configErrors, devConfig, judgedValues, thrown, withChanges } from './helpers';

const CHART = '39.0.7';
const SERVERS = { tokenFile: '/etc/rancher/k3s/cluster-token', servers: [{ name: 'k3s-1', address: '192.168.0.11', interface: 'eth0' }] };
const judged = (values: object) => {
  const { errors, warnings } = judgedValues(values, CHART);
  return { errors: errors.join('\n'), warnings: warnings.join('\n') };
};
const findings = (config: unknown) => {
  const { errors, warnings } = parseConfigText('config/t.yaml', stringify(config));
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, line: undefined });
  return { errors: errors.map(line).join('\n'), warnings: warnings.map(line).join('\n') };
};
/** A ConfigMap in kube-system mounted where the file provider reads (57b-5), holding `data`. */
/** A Service of additionalServices with an entrypoint on it (so the chart renders it) and these annotations. */
const extraService = (annotations: Record<string, string>) => ({
  values: {
    service: { additionalServices: { extra: { type: 'LoadBalancer', annotations } } },
    ports: { extra: { port: 9000, exposedPort: 9000, expose: { extra: true } } },
  },
});
const mounted = (data: Record<string, string>) => ({
  additionalArguments: ['--providers.file.directory=/dyn'],
  deployment: { additionalVolumes: [{ name: 'dyn', configMap: { name: 'dyn' } }] },
  additionalVolumeMounts: [{ name: 'dyn', mountPath: '/dyn' }],
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dyn', namespace: 'kube-system' }, data }],
});

describe('59b-3: a resolver name Traefik takes is taken by every door', () => {
  const resolverValues = { certificatesResolvers: { my_Resolver: { acme: { email: 'a@example.com', tlsChallenge: true } } } };
  test.each([
    ['ingresses[].tls.certResolver naming a values resolver', { traefik: { values: resolverValues } }, 'my_Resolver'],
    ['traefik.certResolvers key', { traefik: { certResolvers: { My_LE: { email: 'a@example.com' } } } }, 'default'],
    ['traefik.externalCertResolvers', { traefik: { externalCertResolvers: ['default', 'ext_One'] } }, 'ext_One'],
  ])('%s: no error', (_name, patch, certResolver) => {
    const config = withChanges(devConfig(), patch);
    config.ingresses[0].tls = { certResolver };
    expect(configErrors(config)).toEqual([]);
  });
  test('the first-class resolver is written with its name as is', () => {
    const config = withChanges(devConfig(), {
      traefik: { certResolvers: { My_LE: { email: 'a@example.com' } }, values: { persistence: { enabled: true } } },
    });
    config.ingresses[0].tls = { certResolver: 'My_LE' };
    expect(configErrors(config)).toEqual([]);
  });
  test.each([
    [
      'a dot',
      { 'le.x': { email: 'a@example.com' } },
      'traefik.certResolvers["le.x"]: "le.x" is not a certificate resolver name',
      /splits the flags/,
    ],
    [
      'a bar',
      { 'le|x': { email: 'a@example.com' } },
      'traefik.certResolvers["le|x"]: "le|x" is not a certificate resolver name',
      /letters, digits, '-' and '_'/,
    ],
  ])('a name no flag carries (%s) is refused with the rule, not with another name', (_name, certResolvers, where, rule) => {
    const errors = configErrors(withChanges(devConfig(), { traefik: { certResolvers } })).join('\n');
    expect(errors).toContain(where);
    expect(errors).toMatch(rule);
    expect(errors).not.toMatch(/upper-case|"le-x"/);
  });
  test('the construct takes such a name too', () => {
    expect(() => new TraefikHelmChartConfig(chart(), 't', { certResolvers: { My_LE: { email: 'a@example.com' } } })).not.toThrow();
    expect(
      thrown(() => new TraefikHelmChartConfig(chart(), 't', { certResolvers: { 'le.x': { email: 'a@example.com' } } })).message,
    ).toMatch(/certResolvers\["le\.x"\]:? "le\.x" is not a certificate resolver name/);
  });
  test('"is not defined" of a name the first-class keys refuse points at the values, not at traefik.certResolvers', () => {
    const { errors } = judged({ additionalArguments: ['--entrypoints.websecure.http.tls.certResolver=No+pe'] });
    expect(errors).toMatch(/"No\+pe" is not defined: .*chart values' certificatesResolvers/);
    expect(errors).not.toMatch(/"No\+pe" is not defined: .*Define it under traefik\.certResolvers/);
  });
  test('control: an undefined plain name still points at traefik.certResolvers', () => {
    expect(judged({ additionalArguments: ['--entrypoints.websecure.http.tls.certResolver=Nope'] }).errors).toMatch(
      /"Nope" is not defined: .*Define it under traefik\.certResolvers/,
    );
  });
});

describe('59b-4: a mounted TOML item naming routers is refused', () => {
  const toml = '[http.routers.r2]\n  rule = "PathPrefix(`/`)"\n  service = "s"\n  priority = 999999\n';
  test.each([
    ['routes.toml', toml],
    ['Routes.TOML', toml],
    ['dotted keys', 'http.routers.r.rule = "PathPrefix(`/`)"\n'],
    ['inline table', '[http]\nrouters = { r = { rule = "PathPrefix(`/`)" } }\n'],
  ])('%s: refused at its key, saying how to write it', (name, text) => {
    const file = name.includes('.') && !name.includes(' ') ? name : 'routes.toml';
    const { errors } = judged(mounted({ [file]: text }));
    expect(errors).toContain(`traefik.values.extraObjects[0].data["${file}"]: is TOML naming routers`);
    expect(errors).toMatch(/write the file as YAML under a name ending \.yaml/);
  });
  test('control: a TOML item without routers keeps its warning only', () => {
    const { errors, warnings } = judged(mounted({ 'mw.toml': '[http.middlewares.m.headers]\n  frameDeny = true\n' }));
    expect(errors).toBe('');
    expect(warnings).toMatch(/mw\.toml"\]: is TOML, which this tool does not read/);
  });
});

describe('59b-5: hostNetwork entrypoints on the ports K3s components bind', () => {
  test.each([
    [10248, /kubelet's healthz port, on 127\.0\.0\.1 of every K3s node/],
    [10249, /kube-proxy's metrics port, on 127\.0\.0\.1 of every K3s node/],
    [10256, /kube-proxy's healthz port on every K3s node/],
    [10257, /kube-controller-manager's port, on 127\.0\.0\.1 of every K3s server/],
    [10259, /kube-scheduler's port, on 127\.0\.0\.1 of every K3s server/],
    [10010, /containerd's CRI stream port, on 127\.0\.0\.1 of every K3s node/],
    [6444, /K3s API server's own port \(the supervisor serves 6443 and passes it on\)/],
  ])('port %s: refused where it is set', (port, owner) => {
    const values = {
      hostNetwork: true,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      ports: { extra: { port, expose: { default: false } } },
    };
    const { errors } = judged(values);
    expect(errors).toContain(`traefik.values.ports.extra: opens port ${port} on the node's network (hostNetwork)`);
    expect(errors).toMatch(owner);
  });
  test('control: port 10300 passes', () => {
    const values = {
      hostNetwork: true,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      ports: { extra: { port: 10300, expose: { default: false } } },
    };
    expect(judged(values).errors).not.toMatch(/ports\.extra/);
  });
});

describe('59b-7: every problem of one text or list at once', () => {
  test('two bad routers of a mounted file: both said', () => {
    const yaml =
      'http:\n  routers:\n    r:\n      rule: "Host(`k3s.code-place-dev.site`) || PathPrefix(`/`"\n      service: s\n' +
      '    r2:\n      rule: PathPrefix(`/`)\n      service: s\n      priority: 999999\n';
    const { errors } = judged(mounted({ 'routes.yaml': yaml }));
    expect(errors).toMatch(/data\["routes\.yaml"\]: http\.routers\.r\.rule .*a \( is not closed/);
    expect(errors).toMatch(/data\["routes\.yaml"\]: http\.routers\.r2\.rule matches every host/);
  });
  test('two undefined resolvers in providers.file.content: both said', () => {
    const content =
      'http:\n  routers:\n    r:\n      rule: Host(`a.example.com`)\n      service: s\n      tls:\n        certResolver: Nope\n' +
      '    r2:\n      rule: Host(`b.example.com`)\n      service: s\n      tls:\n        CertResolver: Nope2\n';
    const { errors } = judged({ providers: { file: { enabled: true, content } } });
    expect(errors).toMatch(/http\.routers\.r\.tls\.certResolver "Nope" is not defined/);
    expect(errors).toMatch(/http\.routers\.r2\.tls\.certResolver "Nope2" is not defined/);
  });
  const annotation = 'traefik.values.service.additionalServices.extra.annotations["kube-vip.io/loadbalancerIPs"]';
  const list = 'traefik.loadBalancerIPs';
  test.each([
    ['the annotation', extraService({ 'kube-vip.io/loadbalancerIPs': '192.168.0.255,192.168.0.11' }), annotation],
    ['traefik.loadBalancerIPs', { loadBalancerIPs: ['192.168.0.255', '192.168.0.11'] }, list],
  ])('%s with a broadcast and a node address: the same three findings', (_name, traefik, at) => {
    const errors = configErrors(withChanges(devConfig(), { traefik, k3s: SERVERS })).join('\n');
    expect(errors).toMatch(new RegExp(`${at.replace(/[.[\]/]/g, '\\$&')}(\\[0\\])?: "192\\.168\\.0\\.255" is the broadcast address`));
    expect(errors).toMatch(/"192\.168\.0\.11" is the address of node k3s-1/);
    expect(errors).toMatch(/has two addresses of the same IP family/);
  });
  test('two bad entries of the annotation: both said', () => {
    const traefik = extraService({ 'kube-vip.io/loadbalancerIPs': 'nope,10.43.0.5' });
    const errors = configErrors(withChanges(devConfig(), { traefik })).join('\n');
    expect(errors).toMatch(/loadbalancerIPs"\]: "nope"/);
    expect(errors).toMatch(/loadbalancerIPs"\]: "10\.43\.0\.5" lies inside/);
  });
});

describe('59b-8: Flux revisions', () => {
  const gitops = (engine: string, revision: string) =>
    findings(withChanges(devConfig(), { gitops: { engine, repoURL: 'https://github.com/me/x.git', revision } }));
  test.each([
    ['refs/remotes/origin/HEAD', /is a remote-tracking ref of a local clone.*e\.g\. "main"/],
    ['refs/remotes/origin/main', /is a remote-tracking ref of a local clone.*e\.g\. "main"/],
    ['refs/remotes/upstream/release/1.2', /e\.g\. "release\/1\.2"/],
    ['refs/heads/HEAD', /"refs\/heads\/HEAD" is no branch Flux can follow \(it would write ref\.name: refs\/heads\/HEAD/],
  ])('flux %s: refused at gitops.revision', (revision, message) => {
    const { errors } = gitops('flux', revision);
    expect(errors).toContain('config/t.yaml: gitops.revision:');
    expect(errors).toMatch(message);
  });
  test.each(['abc1234', 'ABCDEF0123', 'a'.repeat(39)])('flux %s: warned as a short commit id written as a branch', (revision) => {
    const { errors, warnings } = gitops('flux', revision);
    expect(errors).toBe('');
    expect(warnings).toMatch(
      /gitops\.revision: .* reads as a short commit id, but Flux's ref\.commit takes only a full one .* ref\.branch/,
    );
  });
  test.each([
    ['flux', 'main'],
    ['flux', 'a'.repeat(40)],
    ['flux', 'abc123'],
    ['flux', 'refs/heads/main'],
    ['argocd', 'abc1234'],
    ['argocd', 'refs/remotes/origin/main'],
  ])('%s %s: no finding on revision', (engine, revision) => {
    const { errors, warnings } = gitops(engine, revision);
    expect(errors).toBe('');
    expect(warnings).not.toMatch(/gitops\.revision/);
  });
});
