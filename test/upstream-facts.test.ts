import { App, Chart } from 'cdk8s';
import { parse, stringify } from 'yaml';
import { FILE } from './bad-configs';
import { devConfig, synthFiles, thrown, withChanges } from './helpers';
import { CertManagerHelmChart } from '../src/cert-manager/helm-chart';
import { NEWEST_KNOWN_CERT_MANAGER, OLDEST_CERT_MANAGER } from '../src/cert-manager/versions';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { kubeVipVersionSupport } from '../src/kube-vip/rules';
import { SERVER_TOKEN_FILE } from '../src/docs/runbook';
import { KubeVipDaemonSet } from '../src/kube-vip/daemon-set';
import { KUBE_VIP_RELEASES } from '../src/kube-vip/releases';
import { NEWEST_KNOWN, OLDEST_SUPPORTED } from '../src/kube-vip/versions';
import { K3S_TABLE, k3sRules, OLDEST_SUPPORTED_K3S } from '../src/k3s/versions';
import { compareK3sVersions, parseK3sVersion } from '../src/semver';
import { KUBE_VIP_VERSION } from '../src/pins';
import { compareVersions, MAX_VERSION_PART, parseVersion } from '../src/semver';

/** The findings of issue 17, each against its upstream source (named in each describe). */

const reference = () => withChanges(devConfig(), { traefik: { redirectToHttps: true } });
const load = (config: unknown) => parseConfigText(FILE, stringify(config));
const bare = (lines: string[]) => lines.map((line) => line.replace(/^[^ ]+ /, ''));
const errorsOf = (config: unknown) => bare(load(config).errors.map(formatDiagnostic));
const warningsOf = (config: unknown) => bare(load(config).warnings.map(formatDiagnostic));
const at = (prefix: string, lines: string[]) => lines.filter((line) => line.startsWith(`${prefix}: `));
const SERVERS = [
  { name: 'k3s-1', address: '192.168.0.11' },
  { name: 'k3s-2', address: '192.168.0.12' },
  { name: 'k3s-3', address: '192.168.0.13' },
];
const docs = (text: string) => text.split('\n---\n').map((d) => parse(d));

/** The release just before `tag` in K3s' numbering: X.Y.(Z-1)+k3s9999, or X.(Y-1).9999+k3s9999 at a .0. */
function k3sJustBefore(tag: string): string {
  const v = parseK3sVersion(tag)!;
  if (v.k3s > 1) return `v${v.major}.${v.minor}.${v.patch}+k3s${v.k3s - 1}`;
  if (v.patch > 0) return `v${v.major}.${v.minor}.${v.patch - 1}+k3s${MAX_VERSION_PART}`;
  return `v${v.major}.${v.minor - 1}.${MAX_VERSION_PART}+k3s${MAX_VERSION_PART}`;
}

describe('K3s releases: what the config loader and the bundled helm-controller read (src/k3s/versions.ts)', () => {
  // k3s-io/docs docs/installation/configuration.md (config file "Available as of v1.19.1+k3s1"); k3s-io/k3s issue #3207
  // (drop-ins "added in 1.21.0"), PR #3229 (`key+` appends, pkg/configfilearg/parser.go), issue #7699 / PR #7716
  // (helm-controller v0.15.0, createNamespace, first in v1.27.3+k3s1 on the 1.27 line).
  const FACTS: Array<[string, keyof ReturnType<typeof k3sRules>]> = [
    ['v1.19.1+k3s1', 'configFile'],
    ['v1.21.0+k3s1', 'dropIns'],
    ['v1.21.1+k3s1', 'appendKeys'],
    ['v1.27.3+k3s1', 'helmChartCreateNamespace'],
    // 64b-10: kubernetes cmd/kube-apiserver/app/options/validation.go (size check unless MultiCIDRServiceAllocator and
    // DisableAllocatorDualWrite are both on); kubernetes/website feature-gates: DisableAllocatorDualWrite default true from 1.34.
    ['v1.34.0+k3s1', 'wideServiceCidr'],
  ];
  test.each(FACTS)('%s is the first with %s, the release just before has not', (tag, key) => {
    expect(k3sRules(parseK3sVersion(tag)!)[key]).toBe(true);
    expect(k3sRules(parseK3sVersion(k3sJustBefore(tag))!)[key]).toBe(false);
  });

  test('the table rows are exactly those facts, in order', () => {
    expect(K3S_TABLE.slice(1).map(({ since, ...rest }) => [since, ...Object.keys(rest)])).toEqual(FACTS);
    const versions = K3S_TABLE.map((row) => parseK3sVersion(row.since)!);
    expect([...versions].sort(compareK3sVersions)).toEqual(versions);
  });

  test('k3sJustBefore', () => {
    expect(['v1.21.0+k3s1', 'v1.21.1+k3s1', 'v1.27.7+k3s2'].map(k3sJustBefore)).toEqual([
      'v1.20.9999+k3s9999',
      'v1.21.0+k3s9999',
      'v1.27.7+k3s1',
    ]);
  });

  const floor = 'the oldest supported K3s v1.27.0+k3s1 (every generated object is checked against the Kubernetes 1.27 API)';
  test.each<[string, object, string[]]>([
    // Without k3s.servers the drop-in k3s/config.yaml is written: v1.21.0 reads drop-ins, but not their `key+:`.
    [
      'v1.21.0+k3s1',
      {},
      [
        `k3s.version: "v1.21.0+k3s1" is older than ${floor}, and it cannot read the drop-in's \`tls-san+\`/\`disable+\` ` +
          'appends (its config loader passes them on as unknown flags and K3s stops; from v1.21.1+k3s1): use v1.27.0+k3s1 or newer',
      ],
    ],
    ['v1.21.1+k3s1', {}, [`k3s.version: "v1.21.1+k3s1" is older than ${floor}: use v1.27.0+k3s1 or newer`]],
    [
      'v1.20.15+k3s1',
      {},
      [
        `k3s.version: "v1.20.15+k3s1" is older than ${floor}, and it cannot read the drop-in k3s/config.yaml ` +
          '(/etc/rancher/k3s/config.yaml.d/, from v1.21.0+k3s1): use v1.27.0+k3s1 or newer',
      ],
    ],
    // With k3s.servers every node gets a plain config.yaml.
    ['v1.21.0+k3s1', { servers: SERVERS }, [`k3s.version: "v1.21.0+k3s1" is older than ${floor}: use v1.27.0+k3s1 or newer`]],
    [
      'v1.19.0+k3s1',
      { servers: SERVERS },
      [
        `k3s.version: "v1.19.0+k3s1" is older than ${floor}, and it cannot read the node files k3s/<node>.yaml ` +
          '(/etc/rancher/k3s/config.yaml, from v1.19.1+k3s1): use v1.27.0+k3s1 or newer',
      ],
    ],
    [k3sJustBefore('v1.27.0+k3s1'), {}, [`k3s.version: "v1.26.9999+k3s9999" is older than ${floor}: use v1.27.0+k3s1 or newer`]],
    ['v1.27.0+k3s1', {}, []],
    ['v1.36.3+k3s1', { servers: SERVERS }, []],
  ])('k3s.version %s %j', (version, k3s, expected) => {
    expect(at('k3s.version', errorsOf(withChanges(reference(), { k3s: { version, ...k3s } })))).toEqual(expected);
  });

  test('the floor is the table constant', () => {
    expect(OLDEST_SUPPORTED_K3S.tag).toBe('v1.27.0+k3s1');
  });

  const withCertManager = (version: string) =>
    withChanges(reference(), { k3s: { version }, certManager: { issuers: { le: { email: 'ops@example.com' } } } });
  test.each<[string, string[]]>([
    [
      'v1.27.2+k3s1',
      [
        'k3s.version: "v1.27.2+k3s1" bundles a helm-controller older than v0.15.0, which ignores the HelmChart\'s createNamespace, ' +
          "so cert-manager's Helm job fails until namespace cert-manager exists: create it first (`kubectl create namespace " +
          'cert-manager`), or use v1.27.3+k3s1 or newer',
      ],
    ],
    ['v1.27.3+k3s1', []],
  ])('cert-manager on K3s %s: a warning before helm-controller v0.15.0', (version, expected) => {
    const config = withCertManager(version);
    expect(at('k3s.version', errorsOf(config))).toEqual([]);
    expect(at('k3s.version', warningsOf(config)).filter((w) => w.includes('createNamespace'))).toEqual(expected);
  });
});

describe('the token as K3s means it (docs.k3s.io/cli/token; k3s-io/k3s pkg/clientaccess/token.go)', () => {
  const readme = synthFiles(
    withChanges(reference(), { k3s: { servers: SERVERS, agents: [{ name: 'w-1', address: '192.168.0.21' }] } }),
  ).get('README.md')!;

  test('the first server makes the passphrase; K3s writes the full token to server/token once it is up', () => {
    expect(SERVER_TOKEN_FILE).toBe('/var/lib/rancher/k3s/server/token');
    expect(readme).toContain("sudo sh -c 'umask 077; openssl rand -hex 32 > /etc/rancher/k3s/cluster-token'");
    expect(readme).toContain(
      'The other nodes join with the full token, which K3s wrote now: `sudo cat /var/lib/rancher/k3s/server/token` prints\n' +
        '`K10<CA hash>::server:<passphrase>`.',
    );
  });

  test('every other node (servers and agents) gets the full token, checked against server/token on the first server', () => {
    const paste = "sudo sh -c 'umask 077; cat > /etc/rancher/k3s/cluster-token'   # paste the full token from k3s-1, then Ctrl-D";
    expect(readme.split('\n').filter((line) => line === paste)).toHaveLength(3);
    const check =
      "Check: `sudo tr -d '[:space:]' < /etc/rancher/k3s/cluster-token | sha256sum` prints the same sum as " +
      "`sudo tr -d '[:space:]' < /var/lib/rancher/k3s/server/token | sha256sum` on k3s-1.";
    expect(readme.split('\n').filter((line) => line === check)).toHaveLength(3);
    // The bare passphrase is no longer what the runbook hands on.
    expect(readme).not.toContain('sudo cat /etc/rancher/k3s/cluster-token');
  });

  test('the token itself never enters the repository: no K10 token in any written file', () => {
    const files = synthFiles(withChanges(reference(), { k3s: { servers: SERVERS } }));
    for (const text of files.values()) expect(text).not.toMatch(/K10[0-9a-f]{64}::/);
  });
});

describe('critical values as K3s compares them (k3s-io/k3s pkg/daemons/config/types.go CriticalControlArgs, pkg/cluster/bootstrap.go)', () => {
  test('node files name what a joining server compares: the networks, and of `disable` only servicelb', () => {
    const file = synthFiles(withChanges(reference(), { k3s: { servers: SERVERS } })).get('k3s/k3s-2.yaml')!;
    expect(file).toContain(
      '# Critical values: a joining server compares `cluster-cidr`, `service-cidr` (parsed, in order) and, of `disable`, only\n' +
        '# whether servicelb is in it with the cluster\'s, and stops on a difference ("critical configuration value mismatch").',
    );
    expect(file).not.toContain('byte for byte');
  });

  test('the drop-in says the same, and which K3s reads its appends', () => {
    const file = synthFiles(reference()).get('k3s/config.yaml')!;
    expect(file).toContain('(the `key+:` appends need K3s v1.21.1+k3s1)');
    expect(file).toContain('# A joining server compares whether ServiceLB is disabled with the cluster');
    const changed = synthFiles(withChanges(reference(), { k3s: { clusterCidr: '10.52.0.0/16' } })).get('k3s/config.yaml')!;
    expect(changed).toContain('# A joining server compares whether ServiceLB is disabled and the networks with the cluster');
  });

  test('the runbook explains the mismatch once, at the first joining server', () => {
    const readme = synthFiles(withChanges(reference(), { k3s: { servers: SERVERS } })).get('README.md')!;
    expect(readme.match(/critical configuration value mismatch/g)).toHaveLength(1);
    expect(readme).toContain("whether `servicelb` is disabled with k3s-1's (not the rest of `disable`)");
  });
});

describe('cert-manager from v1.15.0: the first chart whose CRDs carry helm.sh/resource-policy: keep (crds.keep)', () => {
  // cert-manager/cert-manager deploy/charts/cert-manager/values.yaml at v1.15.0 (crds.keep) and deploy/crds/ at v1.14.5
  // (no keep policy); k3s-io/klipper-helm `entry` (failurePolicy reinstall uninstalls a failed release).
  const justBefore = `v${OLDEST_CERT_MANAGER.major}.${OLDEST_CERT_MANAGER.minor - 1}.${MAX_VERSION_PART}`;
  const issuers = (version: string) =>
    withChanges(reference(), { certManager: { version, issuers: { le: { email: 'ops@example.com' } } } });

  test.each<[string, boolean]>([
    [justBefore, false],
    ['v1.14.5', false],
    ['v1.15.0', true],
    ['v1.21.1', true],
  ])('%s accepted: %s', (version, accepted) => {
    expect(at('certManager.version', errorsOf(issuers(version)))).toHaveLength(accepted ? 0 : 1);
  });

  test.each<[string, boolean]>([
    [NEWEST_KNOWN_CERT_MANAGER.tag, false],
    ['v1.21.2', true],
  ])('%s warned about as newer than known: %s', (version, warned) => {
    expect(at('certManager.version', warningsOf(issuers(version)))).toHaveLength(warned ? 1 : 0);
  });

  test('the construct refuses the release just before, too', () => {
    expect(thrown(() => new CertManagerHelmChart(new Chart(new App(), 't'), 'cm', { version: justBefore })).message).toContain(
      'is older than the oldest supported cert-manager v1.15.0',
    );
  });
});

describe('the cert-manager chart from its OCI registry (cert-manager/website content/docs/installation/helm.md)', () => {
  // k3s-io/helm-controller pkg/controllers/chart/chart.go: with `repo` empty the job's CHART is spec.chart unchanged;
  // k3s-io/klipper-helm `entry` runs `helm install ... "${CHART}"`; Helm reads oci:// from 3.8.0, and the klipper-helm
  // image of helm-controller v0.15.0+ (v0.8.0-build20230510) ships Helm 3.11.3.
  test('the HelmChart names the OCI reference and no repository', () => {
    const config = withChanges(reference(), { certManager: {} });
    const [chart] = docs(
      synthFiles(config)
        .get('cert-manager.yaml')!
        .replace(/^#.*\n/gm, ''),
    );
    expect(chart.spec.chart).toBe('oci://quay.io/jetstack/charts/cert-manager');
    expect(chart.spec).not.toHaveProperty('repo');
    expect(chart.spec.version).toBe('v1.21.1');
  });
});

describe('gitops.path in one spelling (fluxcd/pkg sourceignore/gitignore/pattern.go at sourceignore/v0.18.0)', () => {
  const gitops = (engine: string, path: string) =>
    synthFiles(
      withChanges(reference(), {
        certManager: { issuers: { le: { email: 'ops@example.com' } } },
        ingresses: [],
        gitops: { engine, repoURL: 'https://github.com/example/infra.git', path },
      }),
    );

  test.each([
    ['deploy/./k3s', 'deploy/k3s'],
    ['./deploy//k3s/', 'deploy/k3s'],
    ['/deploy/k3s', 'deploy/k3s'],
    ['deploy/k3s', 'deploy/k3s'],
  ])('%j is written as %j everywhere, so the ignore rules match Flux component by component', (path, normal) => {
    const [, main, deferredRepo, deferred] = docs(gitops('flux', path).get('gitops/flux.yaml')!);
    expect(main.spec.path).toBe(`./${normal}`);
    expect(deferred.spec.path).toBe(`./${normal}`);
    expect(deferredRepo.spec.ignore).toBe(
      '/*\n!/deploy/\n/deploy/*\n!/deploy/k3s/\n/deploy/k3s/*\n!/deploy/k3s/cert-manager-issuers.yaml\n',
    );
    const [app] = docs(gitops('argocd', path).get('gitops/argocd.yaml')!);
    expect(app.spec.source.path).toBe(normal);
  });

  test('the repository root is "." for Argo CD, "./" for Flux, and the ignore rules keep the file at the root', () => {
    const [, main, deferredRepo] = docs(gitops('flux', './').get('gitops/flux.yaml')!);
    expect(main.spec.path).toBe('./');
    expect(deferredRepo.spec.ignore).toBe('/*\n!/cert-manager-issuers.yaml\n');
    expect(docs(gitops('argocd', '.').get('gitops/argocd.yaml')!)[0].spec.source.path).toBe('.');
  });

  test.each(['../other', 'deploy/../../etc', 'deploy/..'])('%j is refused', (path) => {
    const config = withChanges(reference(), { gitops: { engine: 'flux', repoURL: 'https://github.com/example/infra.git', path } });
    expect(errorsOf(config)).toEqual([
      `gitops.path: ${JSON.stringify(path)} contains "..": name the folder from the repository root, e.g. "dist/dev"`,
    ]);
  });

  test('a folder whose name merely holds two dots is a folder', () => {
    const [, main] = docs(gitops('flux', 'deploy/a..b').get('gitops/flux.yaml')!);
    expect(main.spec.path).toBe('./deploy/a..b');
  });
});

describe('Argo CD retries without a deadline (argoproj/argo-cd controller/appcontroller.go at v3.5.1)', () => {
  // A failed automated sync is not tried again for the same revision ("Skipping auto-sync: failed previous sync
  // attempt"); Retry.Limit < 0 retries without end; RetryStrategy.NextRetryAt caps the wait at backoff.maxDuration;
  // `refresh` (v3.2.0+) makes each retry use the newest revision.
  test('limit -1, every 30 s doubling to at most 5 min, on the newest revision', () => {
    const config = withChanges(reference(), {
      certManager: { issuers: { le: { email: 'ops@example.com' } } },
      gitops: { engine: 'argocd', repoURL: 'https://github.com/example/infra.git' },
    });
    const [app] = docs(synthFiles(config).get('gitops/argocd.yaml')!);
    expect(app.spec.syncPolicy.retry).toEqual({ limit: -1, backoff: { duration: '30s', factor: 2, maxDuration: '5m' }, refresh: true });
  });
});

describe('kube-vip: only released tags (kube-vip/kube-vip tags, snapshot bee5cfe)', () => {
  test('the vendored list: sorted, unique, from the oldest supported to the default pin', () => {
    const versions = KUBE_VIP_RELEASES.map(parseVersion);
    expect([...versions].sort(compareVersions)).toEqual(versions);
    expect(new Set(KUBE_VIP_RELEASES).size).toBe(KUBE_VIP_RELEASES.length);
    expect(KUBE_VIP_RELEASES[0]).toBe(OLDEST_SUPPORTED.tag);
    expect(KUBE_VIP_RELEASES[KUBE_VIP_RELEASES.length - 1]).toBe(NEWEST_KNOWN.tag);
    expect(KUBE_VIP_RELEASES).toContain(KUBE_VIP_VERSION);
  });

  test.each(KUBE_VIP_RELEASES)('%s is a release: no error', (version) => {
    expect(kubeVipVersionSupport(version)).toEqual({});
  });

  test.each<[string, string, string]>([
    ['v0.5.3', 'v0.5.0', 'v0.5.5'], // v0.5.1 to v0.5.4 were never tagged
    ['v0.9.3', 'v0.9.2', 'v1.0.0'],
    ['v1.0.9', 'v1.0.4', 'v1.1.0'],
  ])('%s inside the known range is no release: an error naming the releases around it', (version, older, newer) => {
    expect(kubeVipVersionSupport(version).error).toBe(
      `"${version}" is not a kube-vip release (kube-vip/kube-vip has no such tag, so the image ghcr.io/kube-vip/kube-vip:${version} ` +
        `does not exist and the pods would stay in ImagePullBackOff): use a released tag, e.g. ${older} or ${newer}`,
    );
  });

  test.each(['v1.2.4', 'v2.0.0'])('%s, newer than the newest known: a warning naming it', (version) => {
    expect(kubeVipVersionSupport(version)).toEqual({
      warning: expect.stringContaining(`is newer than the newest kube-vip this tool knows (${NEWEST_KNOWN.tag})`),
    });
  });

  test("in a config: one error, and the other checks still use that version range's rules", () => {
    expect(errorsOf(withChanges(reference(), { kubeVip: { version: 'v1.1.3' } }))).toEqual([
      'kubeVip.version: "v1.1.3" is not a kube-vip release (kube-vip/kube-vip has no such tag, so the image ' +
        'ghcr.io/kube-vip/kube-vip:v1.1.3 does not exist and the pods would stay in ImagePullBackOff): use a released tag, ' +
        'e.g. v1.1.2 or v1.2.0',
    ]);
  });

  test('the construct refuses it too', () => {
    const message = thrown(
      () => new KubeVipDaemonSet(new Chart(new App(), 't'), 'ds', { version: 'v0.8.11', serviceAccountName: 'kube-vip' }),
    ).message;
    expect(message).toContain('"v0.8.11" is not a kube-vip release');
  });
});
