import { formatDiagnostic, parseConfigText } from '../src/config/load';

/**
 * Round 79 (79b-4, 6, 7, 9, 10, 14, 15, 16, 79c-4): each refusal is one line at its key, naming the value as written
 * and what to write.
 */

const head = (kubeVip = 'v1.2.3') => `kubeVip: {version: ${kubeVip}, interface: eth0, controlPlane: {address: 192.168.0.40}}
k3s: {tokenFile: /etc/rancher/k3s/cluster-token, servers: [{name: k3s-1, address: 192.168.0.11}]}
`;
const traefik = (values: string, extra = '') => `${head()}traefik:\n  loadBalancerIPs: [192.168.0.41]\n${extra}  values:\n${values}`;
const issuers = (issuersText: string, ingresses = '') =>
  `${head()}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  certResolvers: {letsencrypt: {email: ops@corp.example.org}}\ncertManager:\n  issuers: ${issuersText}\n${ingresses ? `ingresses:\n${ingresses}` : ''}`;
const ingress = (fields: string) => `  - {name: a, host: a.corp.example.org, service: s, port: 80, ${fields}}\n`;

const errorsOf = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);

// [name, config text, parts each of one line, parts no line may hold, how many error lines (undefined: any)]
const rows: Array<[string, string, string[], string[], number | undefined]> = [
  // 79b-4: the value as written and what to write
  [
    '79b-4 a count with a letter',
    traefik('    ports: {web: {exposedPort: "80a"}}\n'),
    ['traefik.values.ports.web.exposedPort: is a string', '"80a" is not a number', 'such as 80'],
    [],
    1,
  ],
  [
    '79b-4 a log level in lower case',
    traefik('    logs: {general: {level: debug}}\n'),
    ['traefik.values.logs.general.level: is not one of', '"debug" is written; write DEBUG (the case matters)'],
    [],
    1,
  ],
  ['79b-4 a log format in upper case', traefik('    logs: {general: {format: JSON}}\n'), ['"JSON" is written; write json'], [], 1],
  ['79b-4 a level none is near', traefik('    logs: {general: {level: loud}}\n'), ['"loud" is written; write one of "TRACE"'], [], 1],
  ['79b-4 the right case passes', traefik('    logs: {general: {level: DEBUG, format: json}}\n'), [], [], 0],
  ['79b-4 a quoted count still says unquote', traefik('    ports: {web: {exposedPort: "80"}}\n'), ['write 80 without quotes'], [], 1],
  // 79c-4: YAML 1.1 booleans
  [
    '79c-4 yes',
    traefik('    deployment: {enabled: yes}\n'),
    [
      'traefik.values.deployment.enabled: is a string',
      '"yes" is text here (a config is read as YAML 1.2)',
      "not true as in Helm's YAML 1.1: write true",
    ],
    [],
    1,
  ],
  ['79c-4 on', traefik('    deployment: {enabled: on}\n'), ['"on" is text here', 'write true'], [], 1],
  ['79c-4 off', traefik('    deployment: {enabled: off}\n'), ['"off" is text here', "not false as in Helm's YAML 1.1: write false"], [], 1],
  ['79c-4 a quoted true still says unquote', traefik('    deployment: {enabled: "true"}\n'), ['write true without quotes'], [], 1],
  ['79c-4 true passes', traefik('    deployment: {enabled: true}\n'), [], [], 0],
  // 79b-10: one line at the key
  [
    '79b-10 a misspelt service key',
    traefik('    service:\n      anotations:\n        a: b\n'),
    ['7:7: traefik.values.service.anotations:'],
    [],
    1,
  ],
  ['79b-10 flow form', traefik('    service: {anotations: {a: b}}\n'), ['traefik.values.service.anotations:'], [], 1],
  [
    '79b-10 an additional Service key still said',
    traefik('    service: {additionalServices: {x: {lables: {a: b}}}}\n'),
    ['traefik.values.service.additionalServices.x.lables: is not a key the Traefik chart reads'],
    [],
    undefined,
  ],
  // 79b-6: the annotation kube-vip < v0.5.12 does not read, one line
  [
    '79b-6 annotation on an additional Service, old kube-vip',
    `${head('v0.5.11')}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    ports: {web: {expose: {default: true, internal: true}}}\n    service:\n      additionalServices:\n        internal:\n          annotations:\n            kube-vip.io/loadbalancerIPs: "192.168.0.42"\n`,
    ['kube-vip v0.5.11 does not read this annotation', "write one address as the same Service's spec.loadBalancerIP"],
    ['has no kube-vip.io/loadbalancerIPs annotation'],
    1,
  ],
  [
    '79b-6 no annotation at all is still pending',
    `${head('v0.5.11')}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    ports: {web: {expose: {default: true, internal: true}}}\n    service:\n      additionalServices:\n        internal: {labels: {a: b}}\n`,
    ['has no kube-vip.io/loadbalancerIPs annotation and no IP pool serves namespace kube-system'],
    [],
    1,
  ],
  // 79b-7: DaemonSet and an ACME resolver: one line with the right ways out
  [
    '79b-7 DaemonSet with certResolvers',
    traefik('    deployment: {kind: DaemonSet}\n', '  certResolvers: {le: {email: ops@corp.example.org}}\n'),
    [
      'traefik.values.deployment.kind: is DaemonSet',
      'issue the certificates with cert-manager instead',
      'write Deployment here, with one replica',
    ],
    ['keep replicas: 1', 'makes this tool write updateStrategy.type'],
    1,
  ],
  [
    '79b-7 a Deployment of 2 still keeps replicas: 1',
    `${head()}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  replicas: 2\n  certResolvers: {le: {email: ops@corp.example.org}}\n`,
    ['traefik.replicas: is 2', 'or keep replicas: 1'],
    [],
    undefined,
  ],
  // 79b-14: an issuer refused for its name, a near miss, a resolver's near miss
  [
    '79b-14 issuer defined in upper case',
    issuers('{LetsEncrypt-Prod: {email: ops@corp.example.org}}', ingress('tls: {issuer: letsencrypt-prod}')),
    ['certManager.issuers.LetsEncrypt-Prod: "LetsEncrypt-Prod" is not a valid name'],
    ['there is no certManager.issuers', 'add it under certManager.issuers'],
    1,
  ],
  [
    '79b-14 issuer with a blank beside a valid one',
    issuers(
      '{prod: {email: ops@corp.example.org}, "letsencrypt prod": {email: ops@corp.example.org}}',
      ingress('tls: {issuer: letsencrypt-prod}'),
    ),
    ['certManager.issuers["letsencrypt prod"]'],
    ['add it under certManager.issuers'],
    1,
  ],
  [
    '79b-14 an issuer near miss',
    issuers('{prod: {email: ops@corp.example.org}}', ingress('tls: {issuer: prd}')),
    ['ingresses[0].tls.issuer: "prd" is not defined: certManager.issuers has "prod": did you mean it?'],
    [],
    1,
  ],
  [
    '79b-14 an issuer far from any still says add it',
    issuers('{prod: {email: ops@corp.example.org}}', ingress('tls: {issuer: cloudflare-wildcard}')),
    ['certManager.issuers has "prod"; add it under certManager.issuers'],
    [],
    1,
  ],
  [
    '79b-14 a resolver near miss',
    issuers('{}', ingress('tls: {certResolver: letsencrpyt}')),
    ['ingresses[0].tls.certResolver: "letsencrpyt" is not defined', 'Did you mean "letsencrypt", which is defined?'],
    [],
    1,
  ],
  // 79b-15: the documented choices
  [
    '79b-15 server prod',
    issuers('{prod: {email: ops@corp.example.org, server: prod}}'),
    ['certManager.issuers.prod.server: "prod" is not allowed: write production (or staging, or an ACME directory URL)'],
    ['acme-staging'],
    1,
  ],
  [
    '79b-15 solver http-01',
    issuers('{prod: {email: ops@corp.example.org, solver: http-01}}'),
    [
      'certManager.issuers.prod.solver: "http-01" is not allowed: write http01 (or {dns01: {provider: cloudflare, tokenSecret: {name, key}}})',
    ],
    [],
    1,
  ],
  [
    '79b-15 a URL with credentials keeps its own refusal',
    issuers('{prod: {email: ops@corp.example.org, server: "https://user:pw7Q@acme.example.org/dir"}}'),
    ['holds credentials before "@"'],
    ['pw7Q', 'write production'],
    1,
  ],
  ['79b-15 staging passes', issuers('{prod: {email: ops@corp.example.org, server: staging}}'), [], [], 0],
  // 79b-16: pathType is a field this tool writes itself
  [
    '79b-16 pathType',
    `${head()}traefik: {loadBalancerIPs: [192.168.0.41]}\ningresses:\n${ingress('pathType: Exact')}`,
    ['ingresses[0].pathType: unknown key "pathType"', 'always writes as pathType Prefix', 'Path(`/...`)'],
    ['did you mean'],
    1,
  ],
  [
    '79b-16 a real typo of path still gets its did-you-mean',
    `${head()}traefik: {loadBalancerIPs: [192.168.0.41]}\ningresses:\n${ingress('paht: /x')}`,
    ['did you mean "path"?'],
    [],
    1,
  ],
  // 79b-9: a flag and its value as two items: one line per pair, the value judged as meant
  [
    '79b-9 two split flags',
    traefik(
      '    additionalArguments:\n      - --entrypoints.websecure.forwardedHeaders.trustedIPs\n      - 10.0.0.0/8\n      - --log.level\n      - verbose\n',
    ),
    [
      'traefik.values.additionalArguments[0]: is a flag whose value is written as the next item, traefik.values.additionalArguments[1]: write "--entrypoints.websecure.forwardedHeaders.trustedIPs=10.0.0.0/8" as one item',
      'traefik.values.additionalArguments[2]: is a flag whose value is written as the next item, traefik.values.additionalArguments[3]: write "--log.level=verbose" as one item',
      'traefik.values.additionalArguments[2]: sets --log.level to "verbose", which is not a log level Traefik knows',
    ],
    ['cannot be told here', ':9: traefik.values.additionalArguments[1]:', ':9: traefik.values.additionalArguments[3]:'],
    // The fourth: 10.0.0.0/8, judged as meant, covers the pod network.
    4,
  ],
  [
    '79b-9 a flag that names a secret does not show its value',
    traefik('    additionalArguments:\n      - --providers.http.endpoint.password\n      - Zq9vLm2x\n'),
    ['additionalArguments[0]: is a flag whose value is written as the next item'],
    ['Zq9vLm2x'],
    undefined,
  ],
  ['79b-9 a joined flag passes', traefik('    additionalArguments: ["--log.level=DEBUG"]\n'), [], [], 0],
  [
    '79b-9 a word after a joined flag is still refused',
    traefik('    additionalArguments: ["--log.level=DEBUG", "verbose"]\n'),
    ['traefik.values.additionalArguments[1]: does not start with "-"'],
    [],
    1,
  ],
];

describe('round 79 messages (msgb79)', () => {
  test.each(rows)('%s', (_name, text, wanted, unwanted, count) => {
    const errors = errorsOf(text);
    for (const part of wanted) expect(errors.filter((line) => line.includes(part))).toHaveLength(1);
    for (const part of unwanted) expect(errors.join('\n')).not.toContain(part);
    if (count !== undefined) expect(errors).toHaveLength(count);
  });
});
