// review59-5: a cluster name that fails the name rule and looks generated (a token pasted as a name) is never shown,
// at any of the three doors that name a cluster: a config file's name, `npm run new`, K3sVipCluster's id.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { formatDiagnostic, loadConfigDir } from '../src/config/load';
import { newCluster } from '../src/new-cluster';
import { gateFindingSources } from '../src/output/gate-sources';
import { secretsInFiles } from '../src/output/secret-gate';
import { K3sVipCluster } from '../src';

const BASE = ['kubeVip:', '  version: v1.2.3', '  interface: eth0', '  controlPlane:', '    address: 192.168.0.40', ''].join('\n');

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'review59-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

const doors = {
  'a config file': (name: string) => {
    writeFileSync(join(root, `${name}.yaml`), BASE);
    return loadConfigDir(root).errors.map(formatDiagnostic).join('\n');
  },
  'npm run new': (name: string) => {
    const lines: string[] = [];
    const code = newCluster([name], { configDir: root, schemaFile: join(root, 'config.schema.json'), log: (l) => lines.push(l) });
    expect(code).toBe(1);
    expect(readdirSync(root)).toEqual([]);
    return lines.join('\n');
  },
  "K3sVipCluster's id": (name: string) => {
    try {
      new K3sVipCluster(new App(), name, {});
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('accepted');
  },
};

describe.each(Object.entries(doors))('review59-5, %s', (_door, refusal) => {
  test.each(['Zq8vK3nR7tLp2wXy7m4kQ9', 'zq8vk3nr7tlp2wxy7m4kq9_x'])('%s: refused, not shown in any case', (name) => {
    const message = refusal(name);
    expect(message).toContain('is not a valid name');
    expect(message.toLowerCase()).not.toContain(name.toLowerCase().slice(0, 12));
  });

  test('a chosen name that breaks the rule is still shown, with its fix', () => {
    const message = refusal('Prod-1');
    expect(message).toContain('"Prod-1" is not a valid name');
    expect(message).toContain('"prod-1"');
  });
});

describe('59a-20: a gate finding at a key path of a generated manifest names the config values it came from', () => {
  const config = [
    'traefik:',
    '  values:',
    '    extraObjects:',
    '      - {apiVersion: v1, kind: ConfigMap, metadata: {name: cm}, data: {note: "ordinary", k: "password-Qm7vZp2Lx9Kt4Rw"}}',
    '',
  ].join('\n');
  test('`c/x.yaml: data.k holds …` (no line number) is traced to c.yaml:line:column (key path)', () => {
    writeFileSync(join(root, 'c.yaml'), config);
    const files = new Map([['c/x.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: password-Qm7vZp2Lx9Kt4Rw\n']]);
    const [finding] = secretsInFiles(files);
    expect(finding).toMatch(/^c\/x\.yaml: data\.k holds /);
    const source = gateFindingSources(
      finding,
      files,
      () => join(root, 'c.yaml'),
      () => 'config/c.yaml',
    );
    expect(source).toEqual({ places: ['config/c.yaml:4:93: traefik.values.extraObjects[0].data.k'], clause: '' });
  });
});
