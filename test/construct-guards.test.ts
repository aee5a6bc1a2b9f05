import { App } from 'cdk8s';
import { parse } from 'yaml';
import { chart, devConfig, thrown } from './helpers';
import { K3sVipCluster, KubeVipCloudProvider, KubeVipDaemonSet } from '../src/index';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hostile callers pass what the types forbid
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
      { source: 'main.ts\ndisable-apiserver: true' },
      /^K3sVipCluster\.documents\(\): source "main\.ts\\ndisable-apiserver: true" holds a control character: remove it$/,
    ],
    [
      'a carriage return',
      { command: 'cdk8s synth\rtoken: x' },
      /^K3sVipCluster\.documents\(\): command .* holds a control character: remove it$/,
    ],
    [
      'a Unicode line separator',
      { source: 'main.ts\u2028x: y' },
      /^K3sVipCluster\.documents\(\): source .* holds a control character: remove it$/,
    ],
    ['a number', { source: 42 }, /^K3sVipCluster\.documents\(\): source 42 is a number: expected a string$/],
    ['an object', { command: { run: 'x' } }, /^K3sVipCluster\.documents\(\): command is an object: expected a string$/],
    ['a blank string', { source: '  ' }, /^K3sVipCluster\.documents\(\): source "  " is blank: name where the cluster is defined/],
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
