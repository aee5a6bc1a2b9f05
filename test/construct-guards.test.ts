import { App } from 'cdk8s';
import { parse } from 'yaml';
import { chart, devConfig, thrown } from './helpers';
import { generatedHeader } from '../src/docs/cluster-documents';
import { K3sVipCluster, KubeVipCloudProvider, KubeVipDaemonSet } from '../src/index';

const any = (value: unknown): any => value;
const SECRET = 'Hunter2SecretGuard';

/** A cluster with a node inventory: documents() writes one K3s config per node. */
function threeServers(): K3sVipCluster {
  const config = devConfig();
  config.k3s = {
    servers: [
      { name: 'k3s-1', address: '192.168.0.11' },
      { name: 'k3s-2', address: '192.168.0.12' },
      { name: 'k3s-3', address: '192.168.0.13' },
    ],
  };
  return new K3sVipCluster(new App(), 'dev', config);
}

describe('A8: documents({ source, command }) are checked as props and cannot break a file', () => {
  test.each<[string, unknown, RegExp]>([
    [
      'a line break that would add YAML keys',
      { source: `main.ts\ndisable-apiserver: true\nx: ${SECRET}` },
      /^K3sVipCluster\.documents\(\): source holds a line break or another control character \(not shown: the lines after it may hold anything\); it is written into a comment line of every file: give one line$/,
    ],
    ['a carriage return', { command: 'cdk8s synth\rtoken: x' }, /^K3sVipCluster\.documents\(\): command holds a line break/],
    ['a Unicode line separator', { source: 'main.ts\u2028x: y' }, /^K3sVipCluster\.documents\(\): source holds a line break/],
    ['a number', { source: 42 }, /^K3sVipCluster\.documents\(\): source 42 is a number: expected a string$/],
    ['an object', { command: { run: 'x' } }, /^K3sVipCluster\.documents\(\): command is an object: expected a string$/],
    ['a blank string', { source: '  ' }, /^K3sVipCluster\.documents\(\): source " {2}" is blank: name where the cluster is defined/],
    ['a pasted file', { source: 'x'.repeat(257) }, /^K3sVipCluster\.documents\(\): source is 257 characters long: at most 256/],
    [
      'a URL with credentials',
      { source: `https://u:${SECRET}@git.example.com/x` },
      /^K3sVipCluster\.documents\(\): source holds a URL with credentials/,
    ],
    ['a K3s token', { source: `K10${'a'.repeat(64)}::server:${SECRET}` }, /^K3sVipCluster\.documents\(\): source .*K3s token/],
    [
      'a secret flag in the command',
      { command: `npm run synth -- --token=${SECRET}` },
      /^K3sVipCluster\.documents\(\): command holds a container argument that sets a secret/,
    ],
    ['an unknown key', { sourc: 'main.ts' }, /^K3sVipCluster\.documents\(\): sourc unknown key "sourc": did you mean "source"\?/],
    ['null options', null, /^K3sVipCluster\.documents\(\): props are null: expected an object of props$/],
  ])('%s is refused in one line, without the secret', (_, options, expected) => {
    const error = thrown(() => threeServers().documents(any(options)));
    expect(error.message).toMatch(expected);
    expect(error.message).not.toContain(SECRET);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  test('the header itself keeps any text on its comment line (for a caller that skips the check)', () => {
    const header = generatedHeader('a\ntoken: x', 'b\u2028c');
    expect(header.split('\n')).toEqual(['# Generated from a\\u000atoken: x by `b\\u2028c`. Edit the config, not this file.', '']);
    expect(parse(`${header}k: v\n`)).toEqual({ k: 'v' });
  });

  test('valid labels land in a comment line of every node config, which parses to the generated keys only', () => {
    const documents = threeServers().documents({ source: 'src/main.ts: cluster "dev" # x', command: 'npx cdk8s synth --app "node x.js"' });
    const node = documents.find((d) => d.path === 'k3s/k3s-2.yaml')!;
    expect(node.content.split('\n')[0]).toBe(
      '# Generated from src/main.ts: cluster "dev" # x by `npx cdk8s synth --app "node x.js"`. Edit the config, not this file.',
    );
    expect(Object.keys(parse(node.content))).not.toContain('disable-apiserver');
    expect(parse(node.content)).toMatchObject({ 'node-ip': '192.168.0.12' });
    expect(documents.find((d) => d.path === 'README.md')!.content).toContain('src/main.ts: cluster "dev" # x');
  });
});

describe('A9: KubeVipDaemonSet checks its flags by type and sharing by version, as the config path does', () => {
  const base = { version: 'v1.2.3', interface: 'eth0', controlPlaneAddress: '192.168.0.40', serviceAccountName: 'kube-vip' };
  const peer = { address: '192.168.0.1', as: 65001 };
  const SPLIT_BRAIN =
    'is true: a Service VIP "192.168.0.40" is also the control-plane VIP; kube-vip v1.0.4 elects separate leaders for the API server and for Services, so two nodes would announce it (split brain, kube-vip issues #464, #665): use another address, or kube-vip v1.1.0 or newer, which shares one lease';
  test.each<[string, object, string]>([
    ['sharing before the common lease', { version: 'v1.0.4', shareControlPlaneVip: true }, `shareControlPlaneVip ${SPLIT_BRAIN}`],
    ['sharing as a string', { shareControlPlaneVip: 'no' }, 'shareControlPlaneVip "no" is a string: expected true or false'],
    ['sharing as a number', { shareControlPlaneVip: 1 }, 'shareControlPlaneVip 1 is a number: expected true or false'],
    [
      'sharing without a control-plane VIP',
      { controlPlaneAddress: undefined, shareControlPlaneVip: true },
      'shareControlPlaneVip is true, but there is no controlPlaneAddress to share: set controlPlaneAddress, or remove shareControlPlaneVip',
    ],
    [
      'multihop as a string',
      { interface: 'lo', bgp: { as: 65000, peers: [{ ...peer, multihop: 'no' }] } },
      'bgp.peers[0].multihop "no" is a string: expected true or false',
    ],
    ['servicesElection as a string', { servicesElection: 'false' }, 'servicesElection "false" is a string: expected true or false'],
    [
      'passwordSecret as a string',
      { interface: 'lo', bgp: { as: 65000, peers: [peer], passwordSecret: 'bgp' } },
      // The rule's message, then the secret's (51a-13).
      'bgp.passwordSecret "<redacted>" is a string: expected { name, key } of a Secret in kube-system\n' +
        'KubeVipDaemonSet: bgp.passwordSecret holds a value under a key named like a secret, and dist/ is committed to Git, so no secret may be written there: keep it in a Kubernetes Secret and reference it (e.g. env valueFrom.secretKeyRef)' +
        // It was read as a literal: the forms accepted instead are named (52a-18).
        '; it was taken as a literal value: where it is not the secret, write a reference (`${DB_PASSWORD}`, a secretKeyRef), ' +
        'a placeholder such as `<your-password>` or `REPLACE_ME`, or a value encrypted by SOPS or Ansible Vault',
    ],
    [
      'passwordSecret without a key',
      { interface: 'lo', bgp: { as: 65000, peers: [peer], passwordSecret: { name: 'bgp' } } },
      'bgp.passwordSecret.key is required: expected a string',
    ],
  ])('%s is refused', (_, patch, expected) => {
    expect(thrown(() => new KubeVipDaemonSet(chart(), 'd', any({ ...base, ...patch }))).message).toBe(`KubeVipDaemonSet: ${expected}`);
  });

  test.each([
    ['v1.0.4 without sharing', { version: 'v1.0.4' }, 'plndr-svcs-lock'],
    ['v1.1.0 sharing', { version: 'v1.1.0', shareControlPlaneVip: true }, 'plndr-cp-lock'],
    ['v1.2.3 not sharing', { shareControlPlaneVip: false }, 'plndr-svcs-lock'],
  ])('%s renders (svc_leasename %s)', (_, patch, lease) => {
    const scope = chart();
    new KubeVipDaemonSet(scope, 'd', { ...base, ...patch });
    const env = scope.toJson()[0].spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
    expect(env.find((e) => e.name === 'svc_leasename')?.value).toBe(lease);
  });

  test('a boolean multihop is written as the peer string', () => {
    const scope = chart();
    new KubeVipDaemonSet(scope, 'd', { ...base, interface: 'lo', bgp: { as: 65000, peers: [{ ...peer, multihop: true }] } });
    const env = scope.toJson()[0].spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
    expect(env.find((e) => e.name === 'bgp_peers')?.value).toBe('192.168.0.1:65001::true');
  });
});

describe("A9, A10: KubeVipCloudProvider checks allowShare by type and its pools with the config path's rule", () => {
  test.each<[string, object, string[]]>([
    [
      'allowShare as a string',
      { global: { cidr: '192.168.0.0/28', allowShare: 'yes' } },
      ['pool.global.allowShare "yes" is a string: expected true or false'],
    ],
    [
      'allowShare of a namespace as a number',
      { namespaces: { a: { range: '192.168.0.10-192.168.0.20', allowShare: 0 } } },
      ['pool.namespaces.a.allowShare 0 is a number: expected true or false'],
    ],
    [
      'a namespace range under a global cidr',
      { global: { cidr: '192.168.0.0/24' }, namespaces: { a: { range: '192.168.0.10-192.168.0.20' } } },
      [
        // One message per key: the overlap with the global cidr follows from it.
        'pool.namespaces.a.range would never be used: kube-vip-cloud-provider takes cidr-global before range-a. Give namespace a a `cidr`, or the global pool a `range`',
      ],
    ],
    [
      'two overlapping namespace pools',
      { namespaces: { a: { cidr: '192.168.0.0/28' }, b: { cidr: ['192.168.1.0/28', '192.168.0.8/29'] } } },
      [
        'pool.namespaces.b.cidr[1] 192.168.0.8/29 overlaps 192.168.0.0/28 (pool.namespaces.a.cidr): one address could be handed to two Services; make the pools disjoint',
      ],
    ],
    [
      'both cidr and range',
      { global: { cidr: '192.168.0.0/28', range: '192.168.1.1-192.168.1.2' } },
      ['pool.global has both `cidr` and `range`; kube-vip-cloud-provider would use the cidr and ignore the range: keep one'],
    ],
    ['neither', { global: { allowShare: true } }, ['pool.global has neither `cidr` nor `range`: give the addresses to hand out']],
    ['no pool at all', {}, ['pool has no pool: give `global` or `namespaces.<namespace>` a `cidr` or a `range`']],
    [
      'a namespace named global',
      { namespaces: { global: { cidr: '192.168.0.0/28' } } },
      ['pool.namespaces.global would write the ConfigMap keys of the global pool (`cidr-global`, `range-global`): use pool.global instead'],
    ],
    ['a global pool that is a list', { global: [{ cidr: '192.168.0.0/28' }] }, ['pool.global is a list: expected { cidr?, range? }']],
  ])('%s is refused', (_, pool, expected) => {
    const error = thrown(() => new KubeVipCloudProvider(chart(), 'p', any({ pool })));
    expect(error.message.split('\n')).toEqual(expected.map((line) => `KubeVipCloudProvider: ${line}`));
  });

  test('disjoint pools with boolean allowShare render', () => {
    const scope = chart();
    new KubeVipCloudProvider(scope, 'p', {
      pool: { global: { range: '192.168.0.200-192.168.0.210', allowShare: true }, namespaces: { a: { cidr: '192.168.0.0/28' } } },
    });
    expect(scope.toJson()[0].data).toEqual({
      'range-global': '192.168.0.200-192.168.0.210',
      'allow-share-global': 'true',
      'cidr-a': '192.168.0.0/28',
      'allow-share-a': 'false',
      'skip-end-ips-in-cidr': 'true',
    });
  });
});
