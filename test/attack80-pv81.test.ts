import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { devConfig, REFERENCE_K3S, withChanges, withTraefikValues } from './helpers';

/**
 * Round 81 (attacker b), parity through chart values: Traefik's env pointing its API client elsewhere (81b-1) or its
 * config-file lookup at a writable volume of the chart's own (81b-21), a volume over the ServiceAccount token (81b-29),
 * versionOverride hiding image.tag (81b-4), an image newer than the chart's RBAC (81b-24), a Host wildcard (81b-5).
 */
const errorsOf = (values: object, traefik: object = {}) =>
  parseConfigText(
    'config/t.yaml',
    stringify(withTraefikValues(values, traefik, withChanges(devConfig(), { k3s: REFERENCE_K3S }))),
  ).errors.map(formatDiagnostic);

const ignored = 'Traefik ignores the 1 Ingress(es) of ingresses[]';
const route = (match: string) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'r', namespace: 'default' },
      spec: { entryPoints: ['websecure'], routes: [{ match, kind: 'Rule', services: [{ name: 'frontend', port: 80 }] }], tls: {} },
    },
  ],
});

// [case, traefik.values, other traefik keys, key path below traefik.values and words of its message (undefined: passes)]
const ROWS: Array<[string, object, object, [string, string[]] | undefined]> = [
  // 81b-1
  [
    '81b-1: KUBERNETES_SERVICE_HOST to another API server',
    {
      env: [
        { name: 'KUBERNETES_SERVICE_HOST', value: '10.99.0.1' },
        { name: 'KUBERNETES_SERVICE_PORT', value: '6443' },
      ],
    },
    {},
    ['env[0]', ['sets KUBERNETES_SERVICE_HOST to "10.99.0.1"', 'as --providers.kubernetesingress.endpoint, refused alike', ignored]],
  ],
  [
    '81b-1: KUBERNETES_SERVICE_HOST with no value',
    { env: [{ name: 'KUBERNETES_SERVICE_HOST' }] },
    {},
    ['env[0]', ['sets KUBERNETES_SERVICE_HOST empty', 'refused alike']],
  ],
  [
    '81b-1: KUBECONFIG on the persistent volume',
    { env: [{ name: 'KUBECONFIG', value: '/data/other-cluster.kubeconfig' }], persistence: { enabled: true } },
    {},
    ['env[0]', ['sets KUBECONFIG', 'refused alike', ignored]],
  ],
  [
    '81b-1: HTTPS_PROXY with no NO_PROXY',
    { env: [{ name: 'HTTPS_PROXY', value: 'http://proxy.corp.example:3128' }] },
    {},
    ['env[0]', ['through that proxy', 'add 10.43.0.1 (or the service CIDR) to NO_PROXY']],
  ],
  [
    '81b-1: HTTPS_PROXY with a NO_PROXY that misses the service network',
    {
      env: [
        { name: 'HTTPS_PROXY', value: 'http://proxy:3128' },
        { name: 'NO_PROXY', value: '10.42.0.0/16,.svc,localhost' },
      ],
    },
    {},
    ['env[0]', ['NO_PROXY does not list it']],
  ],
  [
    'neighbour: HTTPS_PROXY with NO_PROXY listing the service CIDR',
    {
      env: [
        { name: 'HTTPS_PROXY', value: 'http://proxy:3128' },
        { name: 'NO_PROXY', value: '10.43.0.0/16,.svc' },
      ],
    },
    {},
    undefined,
  ],
  [
    'neighbour: https_proxy with no_proxy naming the API ClusterIP',
    {
      env: [
        { name: 'https_proxy', value: 'http://proxy:3128' },
        { name: 'no_proxy', value: '10.43.0.1' },
      ],
    },
    {},
    undefined,
  ],
  ['neighbour: HTTP_PROXY alone (the API server is https)', { env: [{ name: 'HTTP_PROXY', value: 'http://proxy:3128' }] }, {}, undefined],
  [
    'neighbour: TZ and an API host of the kubernetes Service',
    {
      env: [
        { name: 'TZ', value: 'Europe/Paris' },
        { name: 'KUBERNETES_SERVICE_HOST', value: 'kubernetes.default.svc' },
        { name: 'KUBERNETES_SERVICE_PORT', value: '443' },
      ],
    },
    {},
    undefined,
  ],
  // 81b-21
  [
    '81b-21: XDG_CONFIG_HOME on the chart tmp volume',
    { env: [{ name: 'XDG_CONFIG_HOME', value: '/tmp' }] },
    {},
    [
      'env[0]',
      [
        'sets XDG_CONFIG_HOME',
        "the chart's writable tmp emptyDir at /tmp",
        'as a volume mounted at /etc/traefik would',
        'Traefik ignores every command-line flag',
      ],
    ],
  ],
  [
    '81b-21: HOME on the persistence volume',
    { env: [{ name: 'HOME', value: '/data' }], persistence: { enabled: true } },
    {},
    ['env[0]', ['sets HOME', "the chart's writable data volume at /data"]],
  ],
  ['neighbour: HOME on the image filesystem', { env: [{ name: 'HOME', value: '/home/traefik' }] }, {}, undefined],
  ['neighbour: XDG_CONFIG_HOME under /etc/xdg', { env: [{ name: 'XDG_CONFIG_HOME', value: '/etc/xdg' }] }, {}, undefined],
  // 81b-29
  [
    '81b-29: a volume over the ServiceAccount token folder',
    {
      deployment: { additionalVolumes: [{ name: 'sa', emptyDir: {} }] },
      additionalVolumeMounts: [{ name: 'sa', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount/' }],
    },
    {},
    [
      'additionalVolumeMounts[0].mountPath',
      ['/var/run/secrets/kubernetes.io/serviceaccount', 'as rbac.enabled false, refused alike', ignored],
    ],
  ],
  [
    'neighbour: a projected token mounted elsewhere',
    {
      deployment: {
        additionalVolumes: [{ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault' } }] } }],
      },
      additionalVolumeMounts: [{ name: 'tok', mountPath: '/var/run/secrets/vault' }],
    },
    {},
    undefined,
  ],
  // 81b-4
  [
    '81b-4: versionOverride does not hide a v3.6 field from a v3.1 image',
    {
      image: { tag: 'v3.1.0' },
      versionOverride: 'v3.1.0',
      extraObjects: [
        {
          apiVersion: 'traefik.io/v1alpha1',
          kind: 'TraefikService',
          metadata: { name: 'hrw', namespace: 'default' },
          spec: { highestRandomWeight: { services: [{ name: 'frontend', port: 80 }] } },
        },
      ],
    },
    {},
    ['extraObjects[0].spec.highestRandomWeight', ['Traefik v3.1.0']],
  ],
  [
    '81b-4: a v2 image under versionOverride v3.5.0 on chart 39',
    { image: { tag: 'v2.11.0' }, versionOverride: 'v3.5.0' },
    { chartVersion: '39.0.7' },
    ['image.tag', ['the pod runs Traefik v2.11.0', 'renders only Traefik v3.0.0 or newer', 'versionOverride "v3.5.0" changes only']],
  ],
  ['neighbour: versionOverride equal to image.tag', { image: { tag: 'v3.6.2' }, versionOverride: 'v3.6.2' }, {}, undefined],
  // 81b-24
  [
    '81b-24: Traefik v3.3 on chart 29',
    { image: { tag: 'v3.3.2' } },
    { chartVersion: '29.0.1' },
    ['image.tag', ['no EndpointSlices nor Nodes', 'k3s-io/k3s#10934', 'chart v30.0.0 or newer']],
  ],
  ['neighbour: Traefik v3.0.4 on chart 29', { image: { tag: 'v3.0.4' } }, { chartVersion: '29.0.1' }, undefined],
  ['neighbour: Traefik v3.3.2 on chart 30.0.2', { image: { tag: 'v3.3.2' } }, { chartVersion: '30.0.2' }, undefined],
  // 81b-5
  [
    '81b-5: Host wildcard in an IngressRoute',
    route('Host(`*.example.com`)'),
    {},
    ['extraObjects[0].spec.routes[0].match', ['Host "*.example.com", a wildcard', 'never matches', 'HostRegexp(']],
  ],
  // 82a-10: the regexp advised is for the domain written, and the sentence reads once ("so the route never matches").
  [
    '82a-10: Host wildcard of another domain',
    route('Host(`*.apps.foo.org`)'),
    {},
    ['extraObjects[0].spec.routes[0].match', ['as written, so the route never matches', 'HostRegexp(`^[a-z0-9-]+\\.apps\\.foo\\.org$`)']],
  ],
  ['neighbour: HostRegexp for a domain', route('HostRegexp(`^[a-z0-9-]+\\.example\\.com$`)'), {}, undefined],
  // 81b-8
  // 82a-11 reverses 81b-8: the annotation may name a second NIC or VLAN, which a server's `interface` does not rule out.
  [
    '81b-8, 82a-11: serviceInterface naming another NIC than k3s.servers[0].interface',
    { service: { annotations: { 'kube-vip.io/serviceInterface': 'eth1' } } },
    {},
    undefined,
  ],
  [
    "neighbour: serviceInterface on the servers' NIC",
    { service: { annotations: { 'kube-vip.io/serviceInterface': 'eth0' } } },
    {},
    undefined,
  ],
  // 81b-19
  [
    '81b-19: matchFields metadata.name naming no node',
    {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['k3s-9'] }] }],
          },
        },
      },
    },
    {},
    [
      'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms',
      ['metadata.name In ["k3s-9"]', 'stays Pending', 'select among k3s-1, k3s-2, k3s-3'],
    ],
  ],
  [
    'neighbour: matchFields metadata.name naming a server',
    {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['k3s-2'] }] }],
          },
        },
      },
    },
    {},
    undefined,
  ],
  // 81b-15
  [
    'neighbour 81b-15: an ACME e-mail through $(VAR) from a literal env',
    {
      env: [{ name: 'ACME_EMAIL', value: 'ops@example.com' }],
      persistence: { enabled: true },
      additionalArguments: [
        '--certificatesresolvers.le.acme.email=$(ACME_EMAIL)',
        '--certificatesresolvers.le.acme.tlschallenge=true',
        '--certificatesresolvers.le.acme.storage=/data/acme.json',
      ],
    },
    {},
    undefined,
  ],
  [
    'neighbour 81b-15: an ACME e-mail through $(VAR) from a Secret',
    {
      env: [{ name: 'ACME_EMAIL', valueFrom: { secretKeyRef: { name: 'acme', key: 'email' } } }],
      persistence: { enabled: true },
      additionalArguments: [
        '--certificatesresolvers.le.acme.email=$(ACME_EMAIL)',
        '--certificatesresolvers.le.acme.tlschallenge=true',
        '--certificatesresolvers.le.acme.storage=/data/acme.json',
      ],
    },
    {},
    undefined,
  ],
  [
    '81b-15: $(VAR) naming no env var reaches Traefik as written',
    {
      persistence: { enabled: true },
      additionalArguments: [
        '--certificatesresolvers.le.acme.email=$(NOPE)',
        '--certificatesresolvers.le.acme.tlschallenge=true',
        '--certificatesresolvers.le.acme.storage=/data/acme.json',
      ],
    },
    {},
    ['additionalArguments[0]', ['"$(NOPE)" is not a plain e-mail address']],
  ],
  [
    '81b-15: forwardedheaders.insecure=$(INS) with INS "true" is judged as true',
    { env: [{ name: 'INS', value: 'true' }], additionalArguments: ['--entrypoints.web.forwardedheaders.insecure=$(INS)'] },
    {},
    ['additionalArguments[0]', ['turns on entrypoints.web.forwardedheaders.insecure']],
  ],
  [
    'neighbour 81b-15: an ACME e-mail through $(VAR) that envFrom may set',
    {
      envFrom: [{ secretRef: { name: 'acme-env' } }],
      persistence: { enabled: true },
      additionalArguments: [
        '--certificatesresolvers.le.acme.email=$(ACME_EMAIL)',
        '--certificatesresolvers.le.acme.tlschallenge=true',
        '--certificatesresolvers.le.acme.storage=/data/acme.json',
      ],
    },
    {},
    undefined,
  ],
  [
    '81b-15: trustedIPs=$(TIPS) with TIPS 0.0.0.0/0 is judged as every client',
    { env: [{ name: 'TIPS', value: '0.0.0.0/0' }], additionalArguments: ['--entrypoints.websecure.forwardedheaders.trustedips=$(TIPS)'] },
    {},
    ['additionalArguments[0]', ['"0.0.0.0/0" trusts every address']],
  ],
];

describe('81b: Traefik env, mounts and image version judged as the flags and keys with the same effect', () => {
  test.each(ROWS)('%s', (_name, values, traefik, refused) => {
    const errors = errorsOf(values, traefik);
    if (!refused) return expect(errors).toEqual([]);
    const [key, words] = refused;
    const line = errors.find((error) => error.includes(`: traefik.values.${key}: `));
    expect({ line, errors }).toEqual(expect.objectContaining({ line: expect.stringMatching(/^config\/t\.yaml:\d+:\d+: /) }));
    for (const word of words) expect(line).toContain(word);
  });
});
