// Round 58a finding 9: the constructs did not run synth's last gate over what they render. They now add a cdk8s
// validation that runs secret-gate.ts over their objects when the app synthesizes, and documents() runs it too.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as clusterDocuments from '../src/docs/cluster-documents';
import { K3sVipCluster, K3sVipValidationError, TraefikHelmChartConfig, TraefikIngress } from '../src';
import { gateFilesOf } from '../src/output/construct-gate';
import { secretsInFiles, withRefusal } from '../src/output/secret-gate';

const PROPS = {
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'] },
};
// Built at run time, so no secret-shaped literal sits in the test's source.
const TOKEN = ['K10', 'a'.repeat(64), '::server:', 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6'].join('');
const PASSWORD = ['Zq8vX3', 'kP9mWt'].join('');

function helmChartConfigOf(cluster: K3sVipCluster): ApiObject {
  return cluster.node.findAll().find((child): child is ApiObject => ApiObject.isApiObject(child) && child.kind === 'HelmChartConfig')!;
}

function synthError(app: App): string {
  try {
    app.synthYaml();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synthYaml() passed');
}

describe('58a-9: the constructs run the write gate when the app synthesizes', () => {
  const cases: Array<[string, () => App, string]> = [
    [
      "a JSON patch on K3sVipCluster's HelmChartConfig",
      () => {
        const app = new App();
        helmChartConfigOf(new K3sVipCluster(app, 'dev', PROPS)).addJsonPatch(JsonPatch.add('/metadata/annotations', { note: TOKEN }));
        return app;
      },
      'dev/traefik-config.yaml: metadata.annotations.note holds a K3s token',
    ],
    [
      "an object added under TraefikHelmChartConfig in the user's chart",
      () => {
        const app = new App();
        const config = new TraefikHelmChartConfig(new Chart(app, 'infra'), 'traefik', { loadBalancerIPs: ['192.168.0.41'] });
        new ApiObject(config, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { password: PASSWORD } });
        return app;
      },
      'infra.yaml: data.password holds a value under a key named like a secret',
    ],
    [
      'a patch on a TraefikIngress',
      () => {
        const app = new App();
        const ingress = new TraefikIngress(new Chart(app, 'web'), 'site', {
          name: 'site',
          host: 'k3s.example.com',
          service: 'frontend',
          port: 80,
        });
        ingress.node
          .findAll()
          .find((child): child is ApiObject => ApiObject.isApiObject(child))!
          .addJsonPatch(JsonPatch.add('/metadata/labels', { token: PASSWORD }));
        return app;
      },
      'web.yaml: metadata.labels.token holds',
    ],
  ];
  test.each(cases)('%s is refused by file and key path, never by value', (_name, build, finding) => {
    const message = synthError(build());
    expect(message).toContain(finding);
    expect(message).toContain('no secret may be written to a generated file');
    expect(message).not.toContain(TOKEN.slice(3, 20));
    expect(message).not.toContain(PASSWORD);
  });

  test('App.synth() writes no manifest when the gate refuses', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'k3s-vip-gate-')), 'out');
    const app = new App({ outdir });
    helmChartConfigOf(new K3sVipCluster(app, 'dev', PROPS)).addJsonPatch(JsonPatch.add('/metadata/annotations', { note: TOKEN }));
    expect(() => app.synth()).toThrow('metadata.annotations.note holds a K3s token');
    expect(readdirSync(outdir)).toEqual([]);
  });

  test('a finding is said once, by the outermost construct that holds it', () => {
    const app = new App();
    helmChartConfigOf(new K3sVipCluster(app, 'dev', PROPS)).addJsonPatch(JsonPatch.add('/metadata/annotations', { note: TOKEN }));
    expect(synthError(app).match(/holds a K3s token/g)).toHaveLength(1);
  });

  test("Chart.toJson() validates too (cdk8s runs the app's validations for every chart it renders)", () => {
    const app = new App();
    const chart = new Chart(app, 'infra');
    const config = new TraefikHelmChartConfig(chart, 'traefik', { loadBalancerIPs: ['192.168.0.41'] });
    new ApiObject(config, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { password: PASSWORD } });
    expect(() => chart.toJson()).toThrow('infra.yaml: data.password holds');
  });

  test("synth's apps leave the gate to synth, which judges the files once with their config's lines", () => {
    const app = new App();
    gateFilesOf(app);
    helmChartConfigOf(new K3sVipCluster(app, 'dev', PROPS)).addJsonPatch(JsonPatch.add('/metadata/annotations', { note: TOKEN }));
    expect(app.synthYaml()).toContain('note:');
  });

  test('clean constructs synthesize: the gate refuses nothing of their own', () => {
    const app = new App();
    new K3sVipCluster(app, 'dev', {
      ...PROPS,
      ingresses: [{ name: 'frontend', host: 'k3s.code-place-dev.site', service: 'frontend', port: 80, tls: { certResolver: 'default' } }],
      traefik: { ...PROPS.traefik, certResolvers: { default: { email: 'ops@example.com' } } },
    });
    expect(app.synthYaml()).toContain('kube-vip.io/loadbalancerIPs');
    const other = new App();
    new TraefikHelmChartConfig(new Chart(other, 'infra'), 'traefik', { loadBalancerIPs: ['192.168.0.42'] });
    expect(other.synthYaml()).toContain('192.168.0.42');
  });
});

describe('58a-9: K3sVipCluster.documents() runs the gate over the files it returns', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a document holding a secret is refused with K3sVipValidationError, named by file', () => {
    const real = clusterDocuments.clusterDocuments;
    jest
      .spyOn(clusterDocuments, 'clusterDocuments')
      .mockImplementation((input) => [...real(input), { path: 'notes.yaml', content: `password: ${PASSWORD}\n` }]);
    const cluster = new K3sVipCluster(new App(), 'dev', PROPS);
    let error: unknown;
    try {
      cluster.documents();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(K3sVipValidationError);
    expect((error as Error).message).toMatch(/^K3sVipCluster\.documents\(\): notes\.yaml: password holds/);
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  test("the reference cluster's documents pass", () => {
    const cluster = new K3sVipCluster(new App(), 'dev', { ...PROPS, k3s: { servers: [{ name: 'k3s-1', address: '192.168.0.11' }] } });
    expect(cluster.documents().map((document) => document.path)).toEqual(['k3s/k3s-1.yaml', 'README.md']);
  });
});

describe('review59-3: a BasicAuth hash Traefik cannot check is said alone at every gate, not as a secret to move', () => {
  // sha512-crypt of "secret" with salt "saltsalt" (openssl passwd -6 -salt saltsalt secret).
  const SHA512 = '$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1';
  const middleware = {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: { name: 'auth', namespace: 'default' },
    spec: { basicAuth: { users: [`bob:${SHA512}`] } },
  };

  test("the constructs' gate", () => {
    const app = new App();
    const cluster = new K3sVipCluster(app, 'dev', PROPS);
    new ApiObject(cluster.node.findChild('traefik-config'), 'auth', middleware);
    const message = synthError(app);
    expect(message).toContain(
      "dev/traefik-config.yaml: spec.basicAuth.users[0] holds a BasicAuth user's hash of a kind Traefik cannot check",
    );
    expect(message).not.toContain('Kubernetes Secret');
  });

  test('the write gate of synth, validate and k3s:install (withRefusal)', () => {
    const [finding] = secretsInFiles(new Map([['c/auth.yaml', `${JSON.stringify(middleware)}\n`]]));
    expect(finding).toContain('so no one logs in');
    expect(withRefusal(finding, 'keep it in a Kubernetes Secret')).toBe(finding);
    expect(withRefusal('c/x.yaml: data.password holds a password', 'keep it in a Kubernetes Secret')).toBe(
      'c/x.yaml: data.password holds a password: keep it in a Kubernetes Secret',
    );
  });
});

describe('review60-5: a chart or construct id that looks like a secret is refused, never shown', () => {
  const ID = ['glpat-', 'Zx9qWm4vTr7pLk2QaXyZ'].join('');
  test.each([
    ['a chart under K3sVipCluster', (app: App) => new Chart(new K3sVipCluster(app, 'dev', PROPS), ID)],
    [
      'the chart a TraefikHelmChartConfig sits in',
      (app: App) => new TraefikHelmChartConfig(new Chart(app, ID), 'traefik', { loadBalancerIPs: ['192.168.0.41'] }),
    ],
  ])('%s', (_name, build) => {
    const app = new App();
    let error: unknown;
    try {
      // Round 61 (61b-6): our constructs refuse such a scope when they are built, the gate when the app synthesizes.
      build(app);
      app.synthYaml();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(K3sVipValidationError);
    expect((error as Error).message).toMatch(
      /construct id "<redacted>": looks like a secret|scope "<redacted>" holds (a|an [A-Za-z ]+) vendor token|scope "<redacted>" holds a [A-Za-z]+ token \(a vendor token/,
    );
    expect((error as Error).message).not.toContain(ID.slice(6, 16));
    expect((error as Error).message.toLowerCase()).not.toContain(ID.slice(6, 16).toLowerCase());
  });
});

describe('review60-11: one list of BasicAuth entries that are no secret written out, at every gate', () => {
  test('a `$` reference nothing expands is said alone by the write gate', () => {
    const finding = 'c/x.yaml: spec.basicAuth.users[0] holds ' + unexpandedWhat();
    expect(withRefusal(finding, 'keep it in a Kubernetes Secret')).toBe(finding);
  });
});

function unexpandedWhat(): string {
  const [finding] = secretsInFiles(
    new Map([
      [
        'c/x.yaml',
        'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata: {name: a}\nspec:\n  basicAuth:\n    users: ["admin:${HTPASSWD_HASH}"]\n',
      ],
    ]),
  );
  expect(finding).toContain('$');
  return finding.slice(finding.indexOf(' holds ') + 7);
}
