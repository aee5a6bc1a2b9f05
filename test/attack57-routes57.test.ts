import { ruleDoors as doors } from './rule-doors';

/**
 * Round-57b findings 4, 5 and 15 (src/ingress/file-routes.ts, mounted-file-routes.ts, route-fields.ts, extra-routes.ts,
 * tcp-routes.ts; src/traefik/extra-objects.ts): the file provider's routers (of `providers.file.content`, or of an
 * extraObjects ConfigMap mounted where `--providers.file.directory`/`filename` points) and the chart's `ingressRoute`
 * values get the cross-checks an extraObjects IngressRoute gets; a text Traefik cannot decode is refused.
 */
const HOST = 'k3s.code-place-dev.site';
const file = (content: string) => ({ providers: { file: { enabled: true, content } } });
const router = (fields: string, section = 'http') => `${section}:\n  routers:\n    r:\n      service: s\n${fields}`;
const CONTENT = 'traefik.values.providers.file.content';
const mounted = (data: string, flag = '--providers.file.directory=/dyn', more: object = {}) => ({
  additionalArguments: [flag],
  volumes: [{ name: 'dyn', mountPath: '/dyn', type: 'configMap' }],
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dyn', namespace: 'kube-system' }, data: { 'dyn.yaml': data } }],
  ...more,
});
const DYN = 'traefik.values.extraObjects[0].data["dyn.yaml"]';

type Row = readonly [name: string, values: object, key: string, message: RegExp];
const REFUSED: readonly Row[] = [
  [
    '4: a catch-all file router at priority 99999 (every entrypoint) next to an Ingress',
    file(router('      rule: "PathPrefix(`/`)"\n      priority: 99999\n')),
    CONTENT,
    new RegExp(`^http\\.routers\\.r\\.rule matches every host with PathPrefix "/", and its priority 99999 .*host "${HOST}"`),
  ],
  [
    '4: a file TCP router HostSNI(`*`) on websecure next to an HTTPS Ingress',
    file(router('      rule: "HostSNI(`*`)"\n      entryPoints: [websecure]\n', 'tcp')),
    CONTENT,
    /^tcp\.routers\.r\.rule: HostSNI\(`\*`\) on entrypoint\(s\) websecure takes every connection there.*ingresses\[0\]/,
  ],
  [
    '4: a file router naming an undefined resolver',
    file(router('      rule: "Host(`b.example.com`)"\n      tls:\n        certResolver: nosuch\n')),
    CONTENT,
    /^http\.routers\.r\.tls\.certResolver "nosuch" is not defined/,
  ],
  [
    '4: a file router on WebSecure',
    file(router('      rule: "Host(`b.example.com`)"\n      entryPoints: [WebSecure]\n')),
    CONTENT,
    /^http\.routers\.r\.entryPoints\[0\] is "WebSecure", which names no entrypoint .*case included.*write websecure/,
  ],
  [
    '4: the chart dashboard IngressRoute on WebSecure',
    { ingressRoute: { dashboard: { enabled: true, matchRule: 'Host(`dash.example.com`)', entryPoints: ['WebSecure'] } } },
    'traefik.values.ingressRoute.dashboard.entryPoints[0]',
    /is "WebSecure", which names no entrypoint .*write websecure/,
  ],
  [
    '5: a ConfigMap mounted at --providers.file.directory with a host:port rule',
    mounted('http:\n  routers:\n    r:\n      rule: "Host(`a.example.com:443`)"\n      service: s\n'),
    DYN,
    /^http\.routers\.r\.rule gives Host "a\.example\.com:443", a host with a port/,
  ],
  [
    '5: a ConfigMap file by additionalVolumes, subPath and --providers.file.filename, catch-all at a high priority',
    {
      additionalArguments: ['--providers.file.filename=/etc/dyn/r.yml'],
      deployment: { additionalVolumes: [{ name: 'v', configMap: { name: 'cm' } }] },
      additionalVolumeMounts: [{ name: 'v', mountPath: '/etc/dyn/r.yml', subPath: 'r.yml' }],
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'cm' },
          data: { 'r.yml': router('      rule: "PathPrefix(`/`)"\n      priority: 99999\n') },
        },
      ],
    },
    'traefik.values.extraObjects[0].data["r.yml"]',
    /^http\.routers\.r\.rule matches every host with PathPrefix "\/"/,
  ],
  [
    '5+15: a mounted file with an unknown router field',
    mounted(router('      rule: "Host(`b.example.com`)"\n      entryPoint: [websecure]\n')),
    DYN,
    /names a field a router does not have \(http\.routers\.r\.entryPoint;.*cannot read dyn\.yaml .*serves none of its routers/,
  ],
  [
    '15: a router key written twice',
    file(
      'http:\n  routers:\n    r:\n      rule: "Host(`a.example.com`)"\n      service: s\n    r:\n      rule: "Host(`b.example.com`)"\n      service: s\n',
    ),
    CONTENT,
    /is no clean YAML \(a key written twice, on its line 6\).*cannot read config\.yml \(read as YAML\) and serves none of its routers/,
  ],
  [
    '15: the typo entryPoint',
    file(router('      rule: "Host(`a.example.com`)"\n      entryPoint: [websecure]\n')),
    CONTENT,
    /names a field a router does not have \(http\.routers\.r\.entryPoint;.*serves none of its routers/,
  ],
  [
    '15: a typo in tls',
    file(router('      rule: "Host(`a.example.com`)"\n      tls:\n        certResolvr: default\n')),
    CONTENT,
    /names a field a router does not have \(http\.routers\.r\.tls\.certResolvr;/,
  ],
  [
    '15: TOML in config.yml',
    file('[http.routers.r]\n  rule = "Host(`a.example.com`)"\n  service = "s"\n'),
    CONTENT,
    /is no clean YAML \(a syntax error.*cannot read config\.yml \(read as YAML\)/,
  ],
  [
    '4: field names are read in any case, as paerser does',
    file('HTTP:\n  Routers:\n    r:\n      Rule: "Host(`a.example.com:443`)"\n      Service: s\n'),
    CONTENT,
    /^http\.routers\.r\.rule gives Host "a\.example\.com:443"/,
  ],
  [
    '15: priority 1.5 stays refused',
    file(router('      rule: "Host(`a.example.com`)"\n      priority: 1.5\n')),
    CONTENT,
    /priority is "1\.5", not a whole number/,
  ],
];

describe('57b-4, 5, 15: refused at the config (and the constructs where the rule needs no Ingress)', () => {
  test.each(REFUSED)('%s', (_, values, key, message) => {
    const said = doors(values);
    const line = said.errors.find((l) => l.startsWith(`${key}: `));
    expect(line).toBeDefined();
    expect(line!.slice(key.length + 2)).toMatch(message);
  });
});

const ACCEPTED: ReadonlyArray<readonly [string, object]> = [
  [
    'field names in another case (paerser matches them in any case)',
    file(router('      Rule: "Host(`b.example.com`)"\n      EntryPoints: [websecure]\n      TLS:\n        Options: default\n')),
  ],
  [
    'a catch-all on another entrypoint',
    file(router('      rule: "PathPrefix(`/`)"\n      priority: 99999\n      entryPoints: [traefik]\n')),
  ],
  ['a catch-all at a low priority', file(router('      rule: "PathPrefix(`/`)"\n      priority: 1\n'))],
  [
    'a TCP router on its own host',
    file(router('      rule: "HostSNI(`db.example.com`)"\n      entryPoints: [websecure]\n      tls:\n        passthrough: true\n', 'tcp')),
  ],
  [
    'a v3 router with ruleSyntax and observability',
    file(router('      rule: "Host(`b.example.com`)"\n      ruleSyntax: v3\n      observability:\n        accessLogs: false\n')),
  ],
  ['a mounted ConfigMap with clean routers', mounted(router('      rule: "Host(`b.example.com`)"\n      entryPoints: [websecure]\n'))],
  [
    'the dashboard on websecure',
    { ingressRoute: { dashboard: { enabled: true, matchRule: 'Host(`dash.example.com`)', entryPoints: ['websecure'] } } },
  ],
];

describe('57b-4, 5, 15: the neighbours pass', () => {
  test.each(ACCEPTED)('%s', (_, values) => {
    const said = doors(values);
    expect(said.errors).toEqual([]);
    expect(said.cluster).toBe('');
    expect(said.chart).toBe('');
  });

  test('a !!binary value is only not judged (Go reads it), a TOML file of a directory too', () => {
    expect(doors(file('http:\n  routers:\n    r:\n      rule: !!binary SG9zdA==\n')).warnings).toContainEqual(
      expect.stringMatching(/^traefik\.values\.providers\.file\.content: holds a YAML tag or merge key .*not judged/),
    );
    const toml = {
      ...mounted(''),
      extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dyn' }, data: { 'd.toml': '[http]' } }],
    };
    const said = doors(toml);
    expect(said.errors).toEqual([]);
    expect(said.warnings).toContainEqual(
      expect.stringMatching(/^traefik\.values\.extraObjects\[0\]\.data\["d\.toml"\]: is TOML, which this tool does not read/),
    );
  });

  test('5: a directory no ConfigMap of extraObjects is traced to is warned, not judged', () => {
    const said = doors({ additionalArguments: ['--providers.file.directory=/elsewhere'] });
    expect(said.errors).toEqual([]);
    expect(said.warnings).toContainEqual(
      expect.stringMatching(
        /^traefik\.values\.additionalArguments\[0\]: makes Traefik's file provider read the directory \/elsewhere, .*not judged/,
      ),
    );
  });
});
