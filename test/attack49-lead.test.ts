import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestSource } from '../scripts/newest-source';
import { contentDigests } from '../src/output/file-digests';
import { readCrds } from '../src/validate/crds';
import { checkSecretNames } from '../src/validate/secret-name-places';
import { falseRefusalTables } from './secret-tables';

/**
 * 48b-2: a dangling link (Emacs' `.#file` lock) or a link loop in src/ or imports/ made every command print a stack
 * trace from app.js's staleness walk. 48b-4: a FIFO in crds/ or lib/src/core/ made synth wait forever on its read.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k3s-vip-49-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('48b-2: the staleness walk survives links that lead nowhere or back up', () => {
  test.each([
    ['a dangling lock link', (d: string) => symlinkSync('root@host.1234:1700000000', join(d, '.#synth.ts'))],
    ['a link to the folder itself', (d: string) => symlinkSync('.', join(d, 'loop'))],
    ['a link in a subfolder back to its parent', (d: string) => (mkdirSync(join(d, 'sub')), symlinkSync('..', join(d, 'sub', 'up')))],
    ['two links to each other', (d: string) => (symlinkSync('b', join(d, 'a')), symlinkSync('a', join(d, 'b')))],
  ])('%s', (_, add) => {
    writeFileSync(join(dir, 'a.ts'), 'export {};\n');
    utimesSync(join(dir, 'a.ts'), 1000, 1000);
    add(dir);
    expect(() => newestSource(dir)).not.toThrow();
    expect(newestSource(dir)).toBeGreaterThanOrEqual(1000 * 1000);
  });

  test('a file newer than the others still counts through a link to its folder', () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'x.ts'), '');
    utimesSync(join(dir, 'real', 'x.ts'), 5000, 5000);
    symlinkSync('real', join(dir, 'linked'));
    expect(newestSource(dir)).toBe(5000 * 1000);
  });
});

describe('48b-4: a FIFO is refused or skipped, never read', () => {
  const fifo = (path: string) => execFileSync('mkfifo', [path]);

  test('a FIFO among the fingerprinted modules: no digest (no memo), no wait', () => {
    writeFileSync(join(dir, 'a.js'), 'x');
    fifo(join(dir, 'b.js'));
    expect(() => contentDigests([join(dir, 'a.js'), join(dir, 'b.js')], undefined)).toThrow(/not a regular file/);
  });

  test('a FIFO named like a CRD file: one line naming it', () => {
    fifo(join(dir, 'zz.yaml'));
    expect(() => readCrds(dir)).toThrow(/zz\.yaml: is not a regular file \(a FIFO or a device, whose read would block\)/);
  });
});

describe('48a-2: a K3s token whose CA hash is a placeholder or a variable is refused for its literal credentials', () => {
  const P = 'Zq7mWx9Lp2';
  falseRefusalTables(P).refusedTable([
    ['K10${H}', `K3S_X="K10\${H}::server:${P}"`],
    ['K10<hash>', `K10<hash>::server:${P}`],
    ['K10$H', `K10$H::server:${P}`],
    ['K10{ca_hash}', `K10{ca_hash}::server:${P}`],
    ['K10%s', `K10%s::server:${P}`],
    ['K10...', `K10...::server:${P}`],
    ['an f-string', `h = 'abc'\ntok = f'K10{h}::server:${P}'`],
    ['a JavaScript template', `const t = \`K10\${h}::server:${P}\`;`],
    ['a Ruby interpolation', `x = "K10#{h}::server:${P}"`],
  ]);
  falseRefusalTables(P).acceptedTable([
    'K10${H}::server:${PW}',
    'K10<hash>::server:<password>',
    'K10%s::server:%s',
    'token format: K10<hash>::<role>:<password>',
    'K10<CA hash>::server:<password>',
  ]);
});

describe('48a-13: printf formats whose values are conversions are accepted; literals in them stay refused', () => {
  const S = 'Qw7x-Pz9!kLm';
  falseRefusalTables(S).acceptedTable([
    'printf \'password=%s\\nuser=%s\\n\' "$P" "$U"',
    'printf \'DB_PASSWORD=%s\\nDB_USER=%s\\n\' "$P" "$U" > .env',
    'printf \'DB_PASSWORD="%s"\\n\' "$P"',
    'printf "DB_PASSWORD=%s\\n" "$P"',
  ]);
  falseRefusalTables(S).refusedTable([
    ['a literal in the format', `printf 'DB_PASSWORD=${S}\\n'`],
    ['a literal on the format line after a conversion line', `printf 'password=%s\\npassword2=${S}\\n' x`],
  ]);
});

describe('48a-8: a literal put into a secret-named variable through a filter that derives a value from it', () => {
  const P = 'Zq7mWx9Lp2';
  falseRefusalTables(P).refusedTable([
    ['cut', `DB_PASSWORD=$(echo bob:${P} | cut -d: -f2)`],
    ['sed', `DB_PASSWORD=$(echo x${P} | sed 's/^x//')`],
    ['awk', `DB_PASSWORD=$(echo bob ${P} | awk '{print $2}')`],
    ['jq', `DB_PASSWORD=$(echo '{"p":"${P}"}' | jq -r .p)`],
  ]);
  falseRefusalTables(P).acceptedTable([
    'DB_PASSWORD=$(echo "$X" | cut -d: -f2)',
    "DB_PASSWORD=$(cat /run/pw | sed 's/x//')",
    'TOKEN=$(kubectl get secret x -o json | jq -r .data.t | base64 -d)',
    "SALT=$(echo myapp | sha256sum | cut -d' ' -f1)",
    'DB_PASSWORD=$(grep pass /etc/creds | cut -d= -f2)',
  ]);
});

describe("48a-12: a CSI StorageClass's secret-namespace parameter is a namespace name, never shown", () => {
  const storageClass = (namespace: unknown) => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'x' },
    provisioner: 'p',
    parameters: { 'csi.storage.k8s.io/provisioner-secret-name': 'creds', 'csi.storage.k8s.io/provisioner-secret-namespace': namespace },
  });
  const said = (namespace: unknown) =>
    checkSecretNames(storageClass(namespace) as Record<string, unknown>)
      .map((finding) => `${finding.path.join('.')}: ${finding.message}`)
      .join('\n');

  test.each([['Bad_NS'], ['Zq9x W3vLp7Rt'], [''], [7], ['a'.repeat(64)]])('%p is refused, not shown', (namespace) => {
    const text = said(namespace);
    expect(text).toMatch(/provisioner-secret-namespace: is not a namespace name \(the value is not shown/);
    if (typeof namespace === 'string' && namespace) expect(text).not.toContain(namespace);
  });

  test.each([['kube-system'], ['${pvc.namespace}'], ['ns-${pvc.name}']])('%p is accepted', (namespace) => {
    expect(said(namespace)).toBe('');
  });
});
