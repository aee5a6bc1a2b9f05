import { ApiObject, App, Chart } from 'cdk8s';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';

/**
 * Round 81b findings 16, 18, 27 and 28 (src/ingress/mounted-file-routes.ts, defined-middlewares.ts,
 * redirect-middlewares.ts; src/cert-manager/http01-middlewares.ts): a rule reads a file-provider text under binaryData
 * as under data, a file-provider middleware as a CRD one, a chain's members, and a redirectScheme on an entrypoint as
 * the entrypoint redirection it is. Each refused row has a neighbour that must pass (`undefined`).
 */
type Props = Record<string, any>;
const configDoor = (props: Props) => parseConfigText('config/t.yaml', stringify(props)).errors.map(formatDiagnostic).join('\n');
const clusterDoor = (props: Props) => refusalOf(() => new K3sVipCluster(new App(), 'dev', props as never));
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

// 81b-16: a router in an extraObjects ConfigMap's binaryData.
const STEAL =
  'http:\n  routers:\n    steal:\n      rule: PathPrefix(`/`)\n      priority: 100000\n      entryPoints: [websecure]\n      service: s\n      tls: {}\n' +
  '  services:\n    s:\n      loadBalancer:\n        servers: [{url: "http://203.0.113.10"}]\n';
const HARMLESS = 'http:\n  routers:\n    other:\n      rule: Host(`other.example.org`)\n      service: s\n';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x80]);
const mountedMap = (fields: object) =>
  withChanges(devConfig(), {
    traefik: {
      values: {
        additionalArguments: ['--providers.file.directory=/config'],
        deployment: { additionalVolumes: [{ name: 'dyn', configMap: { name: 'dyn' } }] },
        additionalVolumeMounts: [{ name: 'dyn', mountPath: '/config' }],
        extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dyn', namespace: 'kube-system' }, ...fields }],
      },
    },
  });

// 81b-27, 81b-28: entrypoint middlewares on web that turn cert-manager's HTTP-01 CA away.
const http01 = (values: Props) => {
  const config = withChanges(devConfig(), {
    traefik: { redirectToHttps: false, externalCertResolvers: [], values },
    certManager: { issuers: { le: { email: 'a@example.org', solver: 'http01' } } },
  });
  config.ingresses[0].tls = { issuer: 'le' };
  return config;
};
const onWeb = (...names: string[]) => ({ ports: { web: { http: { middlewares: names } } } });
const fileContent = (content: string) => ({ providers: { file: { enabled: true, content } } });
const crd = (name: string, spec: object) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'Middleware',
  metadata: { name, namespace: 'kube-system' },
  spec,
});
const LAN = { ipAllowList: { sourceRange: ['203.0.113.0/24'] } };
const WEB_KEY = 'traefik.values.ports.web.http.middlewares';

// 81b-18: a redirectScheme on web, with the Ingress plain HTTP.
const plainHttp = (values: Props) => {
  const config = withChanges(devConfig(), { traefik: { redirectToHttps: false, values } });
  delete config.ingresses[0].tls;
  return config;
};
const redirect = (port?: string) =>
  `http:\n  middlewares:\n    redir:\n      redirectScheme:\n        scheme: https\n${port === undefined ? '' : `        port: "${port}"\n`}        permanent: true\n`;

type Row = readonly [name: string, config: Props, key: string | undefined, message: RegExp | undefined];
const ROWS: readonly Row[] = [
  [
    '81b-16: a catch-all router under binaryData (base64) is refused as under data',
    mountedMap({ binaryData: { 'routes.yml': b64(STEAL) } }),
    'traefik.values.extraObjects[0].binaryData["routes.yml"]',
    /http\.routers\.steal\.rule matches every host with PathPrefix "\/", and its priority 100000/,
  ],
  [
    '81b-16: the same router under data (refused before)',
    mountedMap({ data: { 'routes.yml': STEAL } }),
    'traefik.values.extraObjects[0].data["routes.yml"]',
    /http\.routers\.steal\.rule matches every host/,
  ],
  [
    '81b-16 neighbour: a harmless router under binaryData',
    mountedMap({ binaryData: { 'routes.yml': b64(HARMLESS) } }),
    undefined,
    undefined,
  ],
  [
    '81b-16 neighbour: binaryData holding a real binary beside a harmless data file',
    mountedMap({ data: { 'routes.yml': HARMLESS }, binaryData: { 'logo.png': b64(PNG), 'blob.yml': b64(PNG) } }),
    undefined,
    undefined,
  ],
  [
    '81b-27: a file-provider ipAllowList on web (…@file)',
    http01({
      ...onWeb('lan-only@file'),
      ...fileContent('http:\n  middlewares:\n    lan-only:\n      ipAllowList:\n        sourceRange: [203.0.113.0/24]\n'),
    }),
    WEB_KEY,
    /item 1 puts Middleware lan-only@file in front of every router on entrypoint web \(port 80\), the solver Ingress .* its ipAllowList answers 403 to the CA/,
  ],
  [
    '81b-27: a file-provider basicAuth spelt BasicAuth under Middlewares (paerser reads any case) on web',
    http01({
      ...onWeb('auth@file'),
      ...fileContent('http:\n  Middlewares:\n    auth:\n      BasicAuth:\n        users: ["u:$apr1$x$y"]\n'),
    }),
    WEB_KEY,
    /Middleware auth@file .* its basicAuth answers 401/,
  ],
  [
    '81b-27 neighbour: a file-provider headers middleware on web',
    http01({ ...onWeb('hsts@file'), ...fileContent('http:\n  middlewares:\n    hsts:\n      headers:\n        stsSeconds: 31536000\n') }),
    undefined,
    undefined,
  ],
  [
    '81b-27 neighbour: the file ipAllowList named on websecure only',
    http01({
      ports: { websecure: { http: { middlewares: ['lan-only@file'] } } },
      ...fileContent('http:\n  middlewares:\n    lan-only:\n      ipAllowList:\n        sourceRange: [203.0.113.0/24]\n'),
    }),
    undefined,
    undefined,
  ],
  [
    '81b-28: an ipAllowList inside a chain',
    http01({
      ...onWeb('kube-system-guard@kubernetescrd'),
      extraObjects: [crd('lan-only', LAN), crd('guard', { chain: { middlewares: [{ name: 'lan-only' }] } })],
    }),
    WEB_KEY,
    /item 1 puts Middleware kube-system\/guard .* its chain runs Middleware kube-system\/lan-only, whose ipAllowList answers 403/,
  ],
  [
    '81b-28: a forwardAuth on web',
    http01({
      ...onWeb('kube-system-sso@kubernetescrd'),
      extraObjects: [crd('sso', { forwardAuth: { address: 'http://oauth2-proxy.auth.svc:4180/oauth2/auth' } })],
    }),
    WEB_KEY,
    /Middleware kube-system\/sso .* its forwardAuth asks another service about every request/,
  ],
  [
    '81b-28: a file chain of a chain reaching a CRD ipAllowList',
    http01({
      ...onWeb('outer@file'),
      ...fileContent(
        'http:\n  middlewares:\n    outer:\n      chain:\n        middlewares: [inner]\n    inner:\n      chain:\n        middlewares: [kube-system-lan-only@kubernetescrd]\n',
      ),
      extraObjects: [crd('lan-only', LAN)],
    }),
    WEB_KEY,
    /Middleware outer@file .* chain runs Middleware inner@file, whose chain runs Middleware kube-system\/lan-only, whose ipAllowList/,
  ],
  [
    '81b-28 neighbour: a chain of harmless middlewares, and a chain naming itself',
    http01({
      ...onWeb('kube-system-safe@kubernetescrd', 'loop@file'),
      ...fileContent('http:\n  middlewares:\n    loop:\n      chain:\n        middlewares: [loop]\n'),
      extraObjects: [
        crd('hsts', { headers: { stsSeconds: 31536000 } }),
        crd('gzip', { compress: {} }),
        crd('safe', { chain: { middlewares: [{ name: 'hsts' }, { name: 'gzip' }] } }),
      ],
    }),
    undefined,
    undefined,
  ],
  [
    '81b-18: a file redirectScheme on web to port 9443, where nothing listens',
    plainHttp({ ports: { web: { http: { middlewares: ['redir@file'] } } }, ...fileContent(redirect('9443')) }),
    WEB_KEY,
    /item 1 puts Middleware redir@file in front of every router on entrypoint web, and its redirectScheme sends every request to port 9443, where no entrypoint of Traefik's listens .*ingresses\[0\] \(http:\/\/k3s\.code-place-dev\.site\) cannot be reached/,
  ],
  [
    "81b-18: a CRD redirectScheme by flag to port 8443 (websecure's container port, not its Service port)",
    plainHttp({
      additionalArguments: ['--entrypoints.web.http.middlewares=kube-system-redir@kubernetescrd'],
      extraObjects: [crd('redir', { redirectScheme: { scheme: 'https', port: '8443' } })],
    }),
    'traefik.values.additionalArguments[0]',
    /Middleware kube-system\/redir .* to port 8443, where no entrypoint/,
  ],
  [
    "81b-18 neighbour: a redirectScheme to websecure's exposed port 443",
    plainHttp({ ports: { web: { http: { middlewares: ['redir@file'] } } }, ...fileContent(redirect('443')) }),
    undefined,
    undefined,
  ],
  [
    '81b-18 neighbour: a redirectScheme to https with no port',
    plainHttp({ ports: { web: { http: { middlewares: ['redir@file'] } } }, ...fileContent(redirect()) }),
    undefined,
    undefined,
  ],
];

describe('81b-16, 81b-18, 81b-27, 81b-28: file-provider texts and middlewares are judged whichever key supplied them', () => {
  test.each(ROWS)('%s', (_name, config, key, message) => {
    const config_ = configDoor(config);
    const cluster = clusterDoor(config);
    if (!key || !message) {
      expect(config_).toBe('');
      expect(cluster).toBe('');
      return;
    }
    const line = config_.split('\n').find((l) => l.includes(`${key}: `));
    expect(line).toMatch(message);
    expect(cluster).toContain(key);
    expect(cluster).toMatch(message);
  });
});

describe('81b-16: a ConfigMap beside the cluster, its router under binaryData (construct door, 71b-12)', () => {
  const TCP =
    'tcp:\n  routers:\n    t:\n      rule: "HostSNI(`*`)"\n      entryPoints: [websecure]\n      service: s\n' +
    '  services:\n    s:\n      loadBalancer:\n        servers:\n          - address: 10.0.0.1:443\n';
  const besideCluster = (binaryData: object) =>
    refusalOf(() => {
      const app = new App();
      const values = {
        volumes: [{ name: 'dyn', mountPath: '/config', type: 'configMap' }],
        additionalArguments: ['--providers.file.directory=/config'],
      };
      new K3sVipCluster(app, 'dev', withChanges(devConfig(), { traefik: { values } }));
      const chart = new Chart(app, 'mine');
      new ApiObject(chart, 'o', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'dyn', namespace: 'kube-system' },
        binaryData,
      } as never);
      app.synthYaml();
    });
  test('HostSNI(`*`) under binaryData is refused, named by the object and its binaryData key', () => {
    expect(besideCluster({ 'dyn.yaml': b64(TCP) })).toMatch(
      /ConfigMap\/kube-system\/dyn \(construct mine\/o\).*binaryData\["dyn\.yaml"\]: tcp\.routers\.t\.rule: HostSNI\(`\*`\) on entrypoint\(s\) websecure takes every connection there/,
    );
  });
  test('neighbour: a real binary under binaryData', () => {
    expect(besideCluster({ 'dyn.yaml': b64(PNG) })).toBe('');
  });
});

describe('81b-26: validate does not claim the Traefik values rules it does not run on a HelmChartConfig', () => {
  test("its help says the values inside valuesContent are synth's to judge", () => {
    const run = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'app.js'), 'validate/conformance', '--help'], {
      encoding: 'utf8',
    });
    const help = `${run.stdout}${run.stderr}`.replace(/\s+/g, ' ');
    expect(help).toContain("does not judge the Traefik values of a HelmChartConfig's valuesContent by the rules synth runs");
    expect(help).toContain("this project's own manifest rules");
  }, 120_000);
});
