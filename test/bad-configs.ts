/**
 * Realistic mistakes and the exact message each must produce, as `[what, file text, errors]`.
 * Messages name the file as FILE; tests that write the text elsewhere replace it.
 */
export const FILE = 'config/t.yaml';
export const TRAEFIK = 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n';

export const BAD_CONFIGS: Array<[string, string, string[]]> = [
  [
    'empty file',
    '',
    [
      `${FILE}: is empty: write at least the Traefik VIP, e.g. \`traefik: {loadBalancerIPs: [192.168.0.41]}\`; config/examples/ has complete files`,
    ],
  ],
  [
    'only comments',
    '# nothing\n',
    [
      `${FILE}: is empty: write at least the Traefik VIP, e.g. \`traefik: {loadBalancerIPs: [192.168.0.41]}\`; config/examples/ has complete files`,
    ],
  ],
  [
    'no Traefik VIP and no pool',
    'kubeVip:\n  version: v1.2.3\n',
    [
      `${FILE}:1:1: traefik.loadBalancerIPs: is missing and no IP pool serves namespace kube-system, so Traefik would stay <pending>: give fixed addresses, or add kubeVip.services.ipPool.global (or namespaces.kube-system)`,
    ],
  ],
  [
    'misspelt key, with suggestion',
    `kubeVip:\n  inteface: eth0\n${TRAEFIK}`,
    [
      `${FILE}:2:3: kubeVip.inteface: unknown key "inteface": did you mean "interface"? Allowed here: version, mode, interface, controlPlane, services, bgp, leaderElection`,
    ],
  ],
  [
    'misspelt top-level key',
    `${TRAEFIK}ingress: []\n`,
    [
      `${FILE}:3:1: ingress: unknown key "ingress": did you mean "ingresses"? Allowed here: kubeVip, traefik, certManager, ingresses, httpRoutes, loadBalancers, k3s, gitops`,
    ],
  ],
  [
    'misspelt annotation-like key',
    'traefik:\n  loadbalancerIPs: [192.168.0.41]\n',
    [
      `${FILE}:2:3: traefik.loadbalancerIPs: unknown key "loadbalancerIPs": did you mean "loadBalancerIPs"? Allowed here: chartVersion, loadBalancerIPs, redirectToHttps, certResolvers, externalCertResolvers, replicas, externalTrafficPolicy, trustedProxies, values, gateway`,
    ],
  ],
  [
    'wrong type: string for a list',
    'traefik:\n  loadBalancerIPs: 192.168.0.41\n',
    [`${FILE}:2:20: traefik.loadBalancerIPs: "192.168.0.41" is a string: write it as a list: [192.168.0.41]`],
  ],
  [
    'wrong type: number for a version',
    `kubeVip:\n  version: 1.2\n${TRAEFIK}`,
    [`${FILE}:2:12: kubeVip.version: 1.2 is a number: "1.2" is not a version: expected a release tag such as "v1.2.3"`],
  ],
  [
    'wrong type: yes for a boolean',
    `kubeVip:\n  services:\n    enabled: yes\n${TRAEFIK}`,
    [`${FILE}:3:14: kubeVip.services.enabled: "yes" is a string: expected true or false`],
  ],
  ['empty list', 'traefik:\n  loadBalancerIPs: []\n', [`${FILE}:2:20: traefik.loadBalancerIPs: is empty: list at least 1 entry`]],
  [
    'not an IP',
    'traefik:\n  loadBalancerIPs: [192.168.0.300]\n',
    [
      `${FILE}:2:21: traefik.loadBalancerIPs[0]: "192.168.0.300" is not an IP address: expected an IPv4 address such as "192.168.0.40" or an IPv6 address such as "fd00::40"`,
    ],
  ],
  [
    'IP with a prefix length',
    `kubeVip:\n  controlPlane:\n    address: 192.168.0.40/24\n${TRAEFIK}`,
    [
      `${FILE}:3:14: kubeVip.controlPlane.address: "192.168.0.40/24" has a prefix length; a virtual IP is a single address: write "192.168.0.40"`,
    ],
  ],
  [
    'loopback',
    'traefik:\n  loadBalancerIPs: [127.0.0.1]\n',
    [`${FILE}:2:21: traefik.loadBalancerIPs[0]: "127.0.0.1" is loopback; a virtual IP must be a unicast address on the nodes' LAN`],
  ],
  [
    'IPv6 link-local',
    'traefik:\n  loadBalancerIPs: ["fe80::1"]\n',
    [`${FILE}:2:21: traefik.loadBalancerIPs[0]: "fe80::1" is link-local; a virtual IP must be a unicast address on the nodes' LAN`],
  ],
  [
    'broadcast of an assumed /24',
    'traefik:\n  loadBalancerIPs: [192.168.0.255]\n',
    [
      `${FILE}:2:21: traefik.loadBalancerIPs[0]: "192.168.0.255" is the broadcast address of a /24 LAN: pick a host address, or set k3s.nodeCidr if your LAN is larger than a /24`,
    ],
  ],
  [
    'network address of nodeCidr',
    `${TRAEFIK.replace('192.168.0.41', '192.168.0.0')}k3s:\n  nodeCidr: 192.168.0.0/23\n`,
    [
      `${FILE}:2:21: traefik.loadBalancerIPs[0]: "192.168.0.0" is the network address of k3s.nodeCidr 192.168.0.0/23: pick a host address inside it`,
    ],
  ],
  [
    'outside nodeCidr',
    `${TRAEFIK}k3s:\n  nodeCidr: 192.168.1.0/24\n`,
    [
      `${FILE}:2:21: traefik.loadBalancerIPs[0]: "192.168.0.41" is outside k3s.nodeCidr 192.168.1.0/24: kube-vip announces VIPs by ARP/NDP on the nodes' LAN, so pick a free address inside it (a typo for 192.168.1.41?)`,
    ],
  ],
  [
    'inside the default cluster CIDR',
    'traefik:\n  loadBalancerIPs: [10.42.3.4]\n',
    [
      `${FILE}:2:21: traefik.loadBalancerIPs[0]: "10.42.3.4" lies inside the K3s pod network (cluster-cidr) 10.42.0.0/16; nodes route that block into the cluster, so clients on the LAN could not reach the VIP: pick a free address on the nodes' LAN`,
    ],
  ],
  [
    'inside an overridden service CIDR',
    `${TRAEFIK}k3s:\n  serviceCidr: 192.168.0.0/24\n`,
    [
      `${FILE}:2:21: traefik.loadBalancerIPs[0]: "192.168.0.41" lies inside the K3s Service network (service-cidr) 192.168.0.0/24; nodes route that block into the cluster, so clients on the LAN could not reach the VIP: pick a free address on the nodes' LAN`,
    ],
  ],
  [
    'IPv6 inside an IPv6 cluster CIDR',
    'traefik:\n  loadBalancerIPs: ["fd42::5"]\nk3s:\n  clusterCidr: fd42::/56\n  serviceCidr: fd43::/112\n',
    [
      `${FILE}:2:21: traefik.loadBalancerIPs[0]: "fd42::5" lies inside the K3s pod network (cluster-cidr) fd42::/56; nodes route that block into the cluster, so clients on the LAN could not reach the VIP: pick a free address on the nodes' LAN`,
    ],
  ],
  [
    'CIDR with host bits',
    `${TRAEFIK}k3s:\n  clusterCidr: 10.42.0.1/16\n`,
    [`${FILE}:4:16: k3s.clusterCidr: "10.42.0.1/16" has host bits set: the block starts at "10.42.0.0/16"`],
  ],
  [
    'overlapping K3s CIDRs',
    `${TRAEFIK}k3s:\n  serviceCidr: 10.42.128.0/17\n`,
    [`${FILE}:4:16: k3s.serviceCidr: 10.42.128.0/17 overlaps clusterCidr 10.42.0.0/16: K3s needs two separate blocks`],
  ],
  [
    'duplicate VIP',
    'traefik:\n  loadBalancerIPs: [192.168.0.41, 192.168.0.41]\n',
    [`${FILE}:2:35: traefik.loadBalancerIPs[1]: "192.168.0.41" is listed twice (first at traefik.loadBalancerIPs[0]): list each VIP once`],
  ],
  [
    'two VIPs of one family',
    'traefik:\n  loadBalancerIPs: [192.168.0.41, 192.168.0.42]\n',
    [
      `${FILE}:2:20: traefik.loadBalancerIPs: has two addresses of the same IP family; a Service gets at most one IPv4 and one IPv6 VIP: keep one per family`,
    ],
  ],
  [
    'dual-stack on kube-vip before v0.7.0',
    'kubeVip:\n  version: v0.6.4\ntraefik:\n  loadBalancerIPs: [192.168.0.41, "fd00::41"]\nk3s:\n  clusterCidr: 10.42.0.0/16,fd00:42::/56\n  serviceCidr: 10.43.0.0/16,fd00:43::/112\n',
    [
      `${FILE}:4:20: traefik.loadBalancerIPs: has 2 addresses, but kube-vip v0.6.4 reads one Service VIP (several, and dual-stack, need v0.7.0 or newer): keep one address or upgrade kube-vip`,
    ],
  ],
  [
    'control-plane VIP reused for Traefik before v1.1.0',
    'kubeVip:\n  version: v1.0.4\n  controlPlane:\n    address: 192.168.0.41\n' + TRAEFIK,
    [
      `${FILE}:6:21: traefik.loadBalancerIPs[0]: "192.168.0.41" is also the control-plane VIP; kube-vip v1.0.4 elects separate leaders for the API server and for Services, so two nodes would announce it (split brain, kube-vip issues #464, #665): use another address, or kube-vip v1.1.0 or newer, which shares one lease`,
    ],
  ],
  [
    'not a version',
    `kubeVip:\n  version: latest\n${TRAEFIK}`,
    [`${FILE}:2:12: kubeVip.version: "latest" is not a version: expected a release tag such as "v1.2.3"`],
  ],
  [
    'version older than supported',
    `kubeVip:\n  version: v0.4.4\n${TRAEFIK}`,
    [
      `${FILE}:2:12: kubeVip.version: "v0.4.4" is older than the oldest supported kube-vip v0.5.0: use v0.5.0 or newer (newest known: v1.2.3)`,
    ],
  ],
  [
    'chart version older than supported',
    'traefik:\n  chartVersion: 10.24.0\n  loadBalancerIPs: [192.168.0.41]\n',
    [`${FILE}:2:17: traefik.chartVersion: "10.24.0" is older than the oldest supported Traefik chart 20.0.0 (K3s v1.27+): upgrade K3s`],
  ],
  [
    'interface name too long',
    `kubeVip:\n  interface: enp0s31f6-uplink0\n${TRAEFIK}`,
    [`${FILE}:2:14: kubeVip.interface: "enp0s31f6-uplink0" is 17 characters, at most 15 in a Linux interface name`],
  ],
  [
    'interface name with a space',
    `kubeVip:\n  interface: "eth0 "\n${TRAEFIK}`,
    [
      `${FILE}:2:14: kubeVip.interface: "eth0 " contains " ": an interface name may hold letters, digits, ".", "_", "@" and "-", starting with a letter or digit (e.g. "eth0", "enp1s0", "bond0.100")`,
    ],
  ],
  [
    'interface alias with a colon',
    `kubeVip:\n  interface: "eth0:1"\n${TRAEFIK}`,
    [
      `${FILE}:2:14: kubeVip.interface: "eth0:1" contains ":": an interface name may hold letters, digits, ".", "_", "@" and "-", starting with a letter or digit (e.g. "eth0", "enp1s0", "bond0.100")`,
    ],
  ],
  [
    'services disabled while Traefik needs a VIP',
    `kubeVip:\n  controlPlane:\n    address: 192.168.0.40\n  services:\n    enabled: false\n${TRAEFIK}`,
    [
      `${FILE}:5:14: kubeVip.services.enabled: is false, but Traefik needs kube-vip as LoadBalancer controller (with ServiceLB disabled nothing else announces its VIP, and it stays <pending>): remove the key`,
    ],
  ],
  [
    'host not a DNS name',
    `${TRAEFIK}ingresses:\n  - {name: a, host: "my_site.example.com", service: s, port: 80}\n`,
    [
      `${FILE}:4:21: ingresses[0].host: "my_site.example.com" is not a valid DNS host name: expected lower-case labels of letters, digits and '-' separated by dots, e.g. "app.example.com" or "*.example.com"`,
    ],
  ],
  [
    'host with upper case',
    `${TRAEFIK}ingresses:\n  - {name: a, host: App.example.com, service: s, port: 80}\n`,
    [
      `${FILE}:4:21: ingresses[0].host: "App.example.com" is not a valid DNS host name: expected lower-case labels of letters, digits and '-' separated by dots, e.g. "app.example.com" or "*.example.com" (upper-case letters are not allowed: "app.example.com")`,
    ],
  ],
  [
    'IP as host',
    `${TRAEFIK}ingresses:\n  - {name: a, host: 192.168.0.41, service: s, port: 80}\n`,
    [
      `${FILE}:4:21: ingresses[0].host: "192.168.0.41" is an IP address; an Ingress host must be a DNS name (route by IP with a LoadBalancer Service instead)`,
    ],
  ],
  [
    'path without leading slash',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, path: api, service: s, port: 80}\n`,
    [`${FILE}:4:42: ingresses[0].path: "api" does not start with "/": write "/api"`],
  ],
  [
    'duplicate host and path',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: 80}\n  - {name: b, host: a.example.com, path: /, service: t, port: 80}\n`,
    [
      `${FILE}:5:42: ingresses[1].path: host "a.example.com" with path "/" is already routed by ingresses[0]; only one of the two would get the traffic: change the host or the path`,
    ],
  ],
  [
    'duplicate Ingress name',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: 80}\n  - {name: a, host: b.example.com, service: s, port: 80}\n`,
    [`${FILE}:5:12: ingresses[1].name: "a" in namespace "default" is already used by ingresses[0]: each Ingress needs its own name`],
  ],
  [
    'Ingress name the API server rejects',
    `${TRAEFIK}ingresses:\n  - {name: Web_App, host: a.example.com, service: s, port: 80}\n`,
    [
      `${FILE}:4:12: ingresses[0].name: "Web_App" is not a valid name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit (upper-case letters are not allowed: "web-app")`,
    ],
  ],
  [
    'namespace too long',
    `${TRAEFIK}ingresses:\n  - {name: a, namespace: ${'n'.repeat(64)}, host: a.example.com, service: s, port: 80}\n`,
    [`${FILE}:4:26: ingresses[0].namespace: "${'n'.repeat(64)}" is 64 characters, at most 63`],
  ],
  [
    'Service name starting with a digit',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: 1web, port: 80}\n`,
    [
      `${FILE}:4:45: ingresses[0].service: "1web" is not a valid Service name: use lower-case letters, digits and '-', starting with a letter and ending with a letter or digit`,
    ],
  ],
  [
    'port out of range',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: 0}\n`,
    [`${FILE}:4:54: ingresses[0].port: 0 is too small: expected at least 1`],
  ],
  [
    'port as quoted number',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: "80"}\n`,
    [`${FILE}:4:54: ingresses[0].port: "80" is a quoted number: write 80 without quotes`],
  ],
  [
    'port name with upper case',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: HTTP}\n`,
    [
      `${FILE}:4:54: ingresses[0].port: "HTTP" is not a port name: expected a number from 1 to 65535 or a Service port name (at most 15 lower-case letters, digits and '-')`,
    ],
  ],
  [
    'URL as host',
    `${TRAEFIK}ingresses:\n  - {name: a, host: "https://a.example.com", service: s, port: 80}\n`,
    [`${FILE}:4:21: ingresses[0].host: "https://a.example.com" is a URL: write only the host name, "a.example.com"`],
  ],
  [
    'misspelt required key: one message, not two',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: 80, tls: {certresolver: le}}\n`,
    [
      `${FILE}:4:64: ingresses[0].tls.certresolver: unknown key "certresolver": did you mean "certResolver"? Allowed here: certResolver, issuer`,
    ],
  ],
  [
    'tls without resolver',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: 80, tls: {}}\n`,
    [
      `${FILE}:4:63: ingresses[0].tls: names no certificate source: give certResolver (a Traefik ACME resolver) or issuer (a cert-manager ClusterIssuer), or remove tls for plain HTTP`,
    ],
  ],
  [
    'pool: reversed range',
    'kubeVip:\n  services:\n    ipPool:\n      global:\n        range: 192.168.0.220-192.168.0.200\ntraefik: {}\n',
    [
      `${FILE}:5:16: kubeVip.services.ipPool.global.range: "192.168.0.220-192.168.0.200" is reversed: the first address is above the last; write "192.168.0.200-192.168.0.220"`,
    ],
  ],
  [
    'pool: both cidr and range',
    'kubeVip:\n  services:\n    ipPool:\n      global:\n        cidr: 192.168.0.224/28\n        range: 192.168.0.200-192.168.0.210\ntraefik: {}\n',
    [
      `${FILE}:5:9: kubeVip.services.ipPool.global: has both \`cidr\` and \`range\`; kube-vip-cloud-provider would use the cidr and ignore the range: keep one`,
    ],
  ],
  [
    'pools that overlap',
    'kubeVip:\n  services:\n    ipPool:\n      global:\n        range: 192.168.0.192-192.168.0.254\n      namespaces:\n        iot:\n          cidr: 192.168.0.200/29\ntraefik: {}\n',
    [
      `${FILE}:8:17: kubeVip.services.ipPool.namespaces.iot.cidr: 192.168.0.200/29 overlaps 192.168.0.192-192.168.0.254 (kubeVip.services.ipPool.global.range): one address could be handed to two Services; make the pools disjoint`,
    ],
  ],
  [
    'namespace range hidden by a global cidr',
    'kubeVip:\n  services:\n    ipPool:\n      global:\n        cidr: 192.168.0.192/27\n      namespaces:\n        iot:\n          range: 192.168.0.230-192.168.0.240\ntraefik: {}\n',
    [
      `${FILE}:8:18: kubeVip.services.ipPool.namespaces.iot.range: would never be used: kube-vip-cloud-provider takes cidr-global before range-iot. Give namespace iot a \`cidr\`, or the global pool a \`range\``,
    ],
  ],
  [
    'a namespace pool named global',
    'kubeVip:\n  services:\n    ipPool:\n      namespaces:\n        global:\n          range: 192.168.0.230-192.168.0.240\n' + TRAEFIK,
    [
      `${FILE}:6:11: kubeVip.services.ipPool.namespaces.global: would write the ConfigMap keys of the global pool (\`cidr-global\`, \`range-global\`): use kubeVip.services.ipPool.global instead`,
    ],
  ],
  [
    'Service on the API server port of a shared control-plane VIP',
    'kubeVip:\n  controlPlane:\n    address: 192.168.0.40\n' +
      TRAEFIK +
      'loadBalancers:\n  - {name: api, selector: {app: x}, ports: [{port: 6443}], ips: [192.168.0.40]}\n',
    [
      `${FILE}:7:66: loadBalancers[0].ips[0]: "192.168.0.40" is also the VIP of the API server (kubeVip.controlPlane.address) and both use port 6443/TCP: use another address or other ports`,
    ],
  ],
  [
    'wildcard host with an HTTP-01/TLS-ALPN-01 resolver',
    'traefik:\n  loadBalancerIPs: [192.168.0.41]\n  certResolvers:\n    le: {email: ops@example.com}\ningresses:\n  - {name: a, host: "*.example.com", service: s, port: 80, tls: {certResolver: le}}\n',
    [
      `${FILE}:6:21: ingresses[0].host: "*.example.com" is a wildcard, but resolver "le" uses the TLS challenge, which cannot issue wildcard certificates (only DNS-01 can): list the host names, or use a DNS-01 resolver configured outside this project (traefik.externalCertResolvers)`,
    ],
  ],
  [
    'interface lo in ARP mode',
    `kubeVip:\n  interface: lo\n${TRAEFIK}`,
    [
      `${FILE}:2:14: kubeVip.interface: "lo" cannot answer ARP on the LAN: in ARP mode name the NIC of the nodes' LAN (or omit it); \`lo\` is for mode: bgp`,
    ],
  ],
  [
    'same route with and without trailing slash',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, path: /api, service: s, port: 80}\n  - {name: b, host: a.example.com, path: /api/, service: t, port: 80}\n`,
    [
      `${FILE}:5:42: ingresses[1].path: host "a.example.com" with path "/api/" is already routed by ingresses[0]; only one of the two would get the traffic: change the host or the path`,
    ],
  ],
  [
    'fixed VIP inside a pool',
    'kubeVip:\n  services:\n    ipPool:\n      global:\n        range: 192.168.0.40-192.168.0.60\n' + TRAEFIK,
    [
      `${FILE}:7:21: traefik.loadBalancerIPs[0]: "192.168.0.41" lies inside the IP pool 192.168.0.40-192.168.0.60 (kubeVip.services.ipPool.global.range), which may hand it to another Service: pick an address outside the pools`,
    ],
  ],
  [
    'control-plane VIP inside a pool',
    'kubeVip:\n  controlPlane:\n    address: 192.168.0.210\n  services:\n    ipPool:\n      global:\n        range: 192.168.0.200-192.168.0.220\ntraefik: {}\n',
    [
      `${FILE}:3:14: kubeVip.controlPlane.address: "192.168.0.210" lies inside the IP pool 192.168.0.200-192.168.0.220 (kubeVip.services.ipPool.global.range), which may hand it to another Service: pick an address outside the pools`,
    ],
  ],
  [
    'pool inside the cluster CIDR',
    'kubeVip:\n  services:\n    ipPool:\n      global:\n        cidr: 10.42.9.0/24\ntraefik: {}\n',
    [
      `${FILE}:5:15: kubeVip.services.ipPool.global.cidr: 10.42.9.0/24 overlaps the K3s pod network (cluster-cidr) 10.42.0.0/16: Service VIPs must be free addresses on the nodes' LAN`,
    ],
  ],
  [
    'Service without VIP and no pool for its namespace',
    'kubeVip:\n  services:\n    ipPool:\n      namespaces:\n        kube-system: {range: 192.168.0.200-192.168.0.210}\ntraefik: {}\nloadBalancers:\n  - {name: db, namespace: data, selector: {app: db}, ports: [{port: 5432}]}\n',
    [
      `${FILE}:8:5: loadBalancers[0].ips: is missing and no IP pool serves namespace data, so Service data/db would stay <pending>: give fixed addresses, or add kubeVip.services.ipPool.global (or namespaces.data)`,
    ],
  ],
  [
    'Service VIP and port taken by Traefik',
    `${TRAEFIK}loadBalancers:\n  - {name: web, selector: {app: web}, ports: [{port: 443}], ips: [192.168.0.41]}\n`,
    [
      `${FILE}:4:67: loadBalancers[0].ips[0]: "192.168.0.41" is also the VIP of Traefik (traefik.loadBalancerIPs[0]) and both use port 443/TCP: use another address or other ports`,
    ],
  ],
  [
    'several ports without names',
    `${TRAEFIK}loadBalancers:\n  - {name: game, selector: {app: game}, ports: [{port: 25565}, {port: 19132, protocol: UDP}], ips: [192.168.0.43]}\n`,
    [
      `${FILE}:4:49: loadBalancers[0].ports[0]: has no name; the API server requires a name on every port of a Service with several ports: add \`name\``,
      `${FILE}:4:64: loadBalancers[0].ports[1]: has no name; the API server requires a name on every port of a Service with several ports: add \`name\``,
    ],
  ],
  [
    'selector label value as a number',
    `${TRAEFIK}loadBalancers:\n  - {name: db, selector: {tier: 1}, ports: [{port: 5432}], ips: [192.168.0.42]}\n`,
    [`${FILE}:4:33: loadBalancers[0].selector.tier: 1 is a number: write it as text: "1"`],
  ],
  [
    'bgp mode without bgp settings',
    `kubeVip:\n  mode: bgp\n${TRAEFIK}`,
    [`${FILE}:2:9: kubeVip.mode: is bgp, but kubeVip.bgp is missing: give the local AS (\`as\`) and the \`peers\``],
  ],
  [
    'bgp settings in arp mode',
    `kubeVip:\n  bgp:\n    as: 65010\n    peers: [{address: 192.168.0.1, as: 65000}]\n${TRAEFIK}`,
    [`${FILE}:3:5: kubeVip.bgp: is set, but kubeVip.mode is arp, so it would be ignored: set \`mode: bgp\` or remove the block`],
  ],
  [
    'bgp peer that is not an IP',
    `kubeVip:\n  mode: bgp\n  bgp:\n    as: 65010\n    peers: [{address: router.lan, as: 65000}]\n${TRAEFIK}`,
    [`${FILE}:5:23: kubeVip.bgp.peers[0].address: "router.lan" is not an IP address: expected the peer's IPv4 or IPv6 address`],
  ],
  [
    'cert resolver that is not defined',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: 80, tls: {certResolver: le}}\n`,
    [
      `${FILE}:4:78: ingresses[0].tls.certResolver: "le" is not defined: Traefik would serve its self-signed default certificate. Define it under traefik.certResolvers, or list it in traefik.externalCertResolvers if it is configured elsewhere`,
    ],
  ],
  [
    'cert resolver without a usable e-mail',
    'traefik:\n  loadBalancerIPs: [192.168.0.41]\n  certResolvers:\n    le: {email: ops}\n',
    [
      `${FILE}:4:17: traefik.certResolvers.le.email: "ops" is not a plain e-mail address (letters, digits and the other RFC 5322 atext symbols before the @, no quote or backslash, a domain after it): ACME needs a real one for account notices`,
    ],
  ],
];
