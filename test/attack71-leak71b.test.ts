// Round 71 (leak71b): secrets the gate let through, each refused at every door (config, K3sVipCluster,
// TraefikHelmChartConfig, the write gate) and never shown: 71a-15 secrets given to commands by standard input or by
// place, 71a-16 a zip's deflated members, 71a-17 kube-apiserver's static token file, 71a-19 a private key's DER as a
// decimal byte list, 71a-21 English runbook lines; 71a-24 validate and check say a generated-looking name, not quote it.
// Their neighbours that hold no secret stay accepted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCheck } from '../src/check';
import { decimalByteKeys } from '../src/core/decimal-byte-keys';
import { kubeAuthFileSpans } from '../src/core/kube-auth-files';
import { secretsInData } from '../src/core/secrets';
import { wiring } from '../src/main';
import { runSynth } from '../src/synth';
import { formatViolation, validateManifests } from '../src/validate/conformance';
import { DEV_YAML } from './helpers';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

// `ssh-keygen -t ed25519 -N ''` of a throwaway key, `zip -r` of its .ssh/ (deflated, as zip writes by default), base64.
const SSH_ZIP =
  'UEsDBAoAAAAAAPIAh10AAAAAAAAAAAAAAAAFABwALnNzaC9VVAkAA8f4FWvH+BVrdXgLAAEEAAAAAAQAAAAAUEsDBBQAAAAIAPIAh133EnL7VgAAAFgAAAATABwALnNzaC9pZF9lZDI1NTE5LnB1YlVUCQADx/gVa8f4FWt1eAsAAQQAAAAABAAAAAArLs7QTU0xMjU1tFRwBAJnY7+qRGfDnCgXT0O/EFdTkJinu49JiFuia0R5SHCik1eJRUqqaaBrRmiha0ZaamleiodFRbKHu096VGlelEJSYnJ2aQEXAFBLAwQUAAAACADyAIddm2bblwYBAACPAQAADwAcAC5zc2gvaWRfZWQyNTUxOVVUCQADx/gVa8f4FWt1eAsAAQQAAAAABAAAAACdkLtug0AURHu+gj5CjsGWcJFiF1/zMOZh3nQsYHCSBULAYL4+WUspUqTJFKMrzWh0dQThWxhU3eJtByzP03jnrIfIB/4ICQsFjkj4nTTWkinrPo3fhuIVEBNWtzdCA3YCobsxddGPMLPTxHxYcrEa0ohz75YfzDYrKfj6BHNUH2R4ppVHLlo8BlgPj7UeS30nnVenGM/XjUo6kfUN1NhNvhhLJ3G/V/87yrGn92HUnq5hi0lvJpf581as6NTafdvLVKxKKZlys0SOsdM7am78Qwbx5HsZNga5KLcu1AH3AfWlHJtCk+dcU80qHZv0AYAadSIO6xyBgib3gKv8hXvgBGv/N+ovUEsBAh4DCgAAAAAA8gCHXQAAAAAAAAAAAAAAAAUAGAAAAAAAAAAQAO1BAAAAAC5zc2gvVVQFAAPH+BVrdXgLAAEEAAAAAAQAAAAAUEsBAh4DFAAAAAgA8gCHXfcScvtWAAAAWAAAABMAGAAAAAAAAQAAAKSBPwAAAC5zc2gvaWRfZWQyNTUxOS5wdWJVVAUAA8f4FWt1eAsAAQQAAAAABAAAAABQSwECHgMUAAAACADyAIddm2bblwYBAACPAQAADwAYAAAAAAABAAAAgIHiAAAALnNzaC9pZF9lZDI1NTE5VVQFAAPH+BVrdXgLAAEEAAAAAAQAAAAAUEsFBgAAAAADAAMA+QAAADECAAAAAA==';
// `zip` of a plain .env (DB_HOST, PORT, LOG_LEVEL, NAME): no secret.
const PLAIN_ZIP =
  'UEsDBBQAAAAIAPIAh11dkaZuOgAAAJgDAAAHABwAYXBwLmVudlVUCQADx/gVa8f4FWt1eAsAAQQAAAAABAAAAABzcYr38A8OsU1J4grwDwqxNTUxNuLy8XeP93ENc/WxzcxLy+fyc/R1tS3OyC/gchlVPap6VDUdVAMAUEsBAh4DFAAAAAgA8gCHXV2Rpm46AAAAmAMAAAcAGAAAAAAAAQAAAKSBAAAAAGFwcC5lbnZVVAUAA8f4FWt1eAsAAQQAAAAABAAAAABQSwUGAAAAAAEAAQBNAAAAewAAAAAA';
// `openssl genpkey -algorithm ed25519 -outform DER` of a throwaway key: its 48 bytes.
const ED25519_DER = [
  48, 46, 2, 1, 0, 48, 5, 6, 3, 43, 101, 112, 4, 34, 4, 32, 195, 242, 183, 122, 223, 39, 17, 7, 196, 103, 131, 137, 146, 134, 169, 4, 80,
  102, 120, 149, 29, 157, 152, 58, 208, 172, 222, 12, 132, 23, 79, 143,
];
const PW = 'Xq7mP2vL9k';
const javaBytes = (bytes: readonly number[]) =>
  `static final byte[] KEY = new byte[] { ${bytes.map((b) => (b > 127 ? b - 256 : b)).join(', ')} };`;

// [row, the text, the secret it holds (never shown)]
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  // 71a-15: by standard input
  ['passwd fed by a pipe', `(echo ${PW}; echo ${PW}) | passwd alice`, PW],
  ['zfs load-key', `echo ${PW} | zfs load-key tank/secure`, PW],
  ['secret-tool store', `echo -n ${PW} | secret-tool store --label=db service db user alice`, PW],
  ['keyctl padd', `echo -n ${PW} | keyctl padd user dbpw @u`, PW],
  ['systemd-creds encrypt -', `echo -n ${PW} | systemd-creds encrypt --name=dbpw - /etc/credstore.encrypted/dbpw`, PW],
  ['ecryptfs-add-passphrase -', `printf "%s" ${PW} | ecryptfs-add-passphrase --fnek -`, PW],
  ['gh secret set without --body', `echo ${PW} | gh secret set DB_PASSWORD`, PW],
  ['gh secret set, a here-string', `gh secret set NPM_TOKEN --repo o/r <<< ${PW}`, PW],
  ['gcloud secrets versions add --data-file=-', `echo -n ${PW} | gcloud secrets versions add db-password --data-file=-`, PW],
  ['gcloud secrets create --data-file=/dev/stdin', `echo -n ${PW} | gcloud secrets create db-password --data-file=/dev/stdin`, PW],
  ['wrangler secret put', `echo ${PW} | wrangler secret put DB_PASSWORD`, PW],
  ['vercel env add', `echo ${PW} | vercel env add DB_PASSWORD production`, PW],
  ['doppler secrets set', `echo ${PW} | doppler secrets set DB_PASSWORD`, PW],
  ['glab variable set on stdin', `echo ${PW} | glab variable set DB_PASSWORD`, PW],
  ['consul kv put -', `echo -n ${PW} | consul kv put secret/db/pw -`, PW],
  // 71a-15: by option or place
  ['jarsigner -storepass', `jarsigner -keystore release.jks -storepass ${PW} app.apk release`, PW],
  ['jarsigner -keypass', `jarsigner -keystore r.jks -storepass:env SP -keypass ${PW} app.apk release`, PW],
  ['certutil -p', `certutil -f -p ${PW} -importpfx web.pfx`, PW],
  ['qpdf --encrypt', `qpdf --encrypt ${PW} ${PW}x 256 -- in.pdf out.pdf`, PW],
  ['glab variable set N V', `glab variable set DB_PASSWORD ${PW}`, PW],
  ['glab variable set -g G N V', `glab variable set -g ops DB_PASSWORD ${PW}`, PW],
  ['netlify env:set N V', `netlify env:set DB_PASSWORD ${PW}`, PW],
  // 71a-17
  [
    'a token file line (kubelet-bootstrap)',
    '9f2c4e8a1b7d3f6e0a5c9b2d8e4f1a7c,kubelet-bootstrap,10001,"system:node-bootstrapper"',
    '9f2c4e8a1b7d3f6e0a5c9b2d8e4f1a7c',
  ],
  [
    'a token file line (system:masters)',
    '3b6d9e2f5a8c1b4e7d0a3f6c9b2e5d8a,admin,admin,"system:masters"',
    '3b6d9e2f5a8c1b4e7d0a3f6c9b2e5d8a',
  ],
  ['a token file line, no groups, a generated token', `Zq8vTn3wLp7Rx2Kd,alice,1002`, 'Zq8vTn3wLp7Rx2Kd'],
  ['a basic-auth line for a system: user', `swordfish42,system:kube-proxy,1003`, 'swordfish42'],
  [
    'a token file written by a here-doc',
    'cat > /etc/kubernetes/token.csv <<EOF\n9f2c4e8a1b7d3f6e0a5c9b2d8e4f1a7c,kubelet-bootstrap,10001,"system:node-bootstrapper"\nEOF',
    '9f2c4e8a1b7d3f6e0a5c9b2d8e4f1a7c',
  ],
  // 71a-19
  [
    'Java byte[] of an Ed25519 key',
    javaBytes(ED25519_DER),
    ED25519_DER.slice(16, 28)
      .map((b) => (b > 127 ? b - 256 : b))
      .join(', '),
  ],
  ['Python bytes([...]) of an Ed25519 key', `KEY = bytes([${ED25519_DER.join(', ')}])`, ED25519_DER.slice(16, 28).join(', ')],
  ['a JSON array over lines', `{"key": [\n  ${ED25519_DER.join(',\n  ')}\n]}`, ED25519_DER.slice(20, 24).join(',\n  ')],
  // 71a-21
  ['a passphrase in code marks', 'The passphrase for the backup key is `correct horse battery staple`.', 'correct horse battery staple'],
  ['a label with a note', 'Password (rotated monthly): swordfish', 'swordfish'],
  ['a glued pair after a login named', `Default login for the switch is admin/${PW}`, PW],
  ['a pair written with |', `Synology DSM: admin | ${PW}`, PW],
  ['a pair written with +', `Grafana: admin + ${PW}`, PW],
  ['a pair after login, with a comma', `Portainer login admin, ${PW}`, PW],
];

const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  // 71a-15
  ['gh secret set from a variable', 'echo "$GH_TOKEN" | gh secret set DB_PASSWORD'],
  ['gh secret set --body a reference', 'gh secret set DB_PASSWORD --body "$DB_PASSWORD"'],
  ['gh secret set from a file', 'gh secret set -f .env'],
  ['a CI variable that names no secret (stdin)', 'echo production | glab variable set DEPLOY_ENV'],
  ['a CI variable that names no secret (by place)', 'glab variable set DEPLOY_ENV production'],
  ['netlify env:set of a URL', 'netlify env:set API_URL https://example.com'],
  ['consul kv put of a port', 'echo 8080 | consul kv put config/port -'],
  ['doppler secrets set of a log level', 'echo debug | doppler secrets set LOG_LEVEL'],
  ['vercel env add of a URL', 'echo https://example.com | vercel env add API_URL production'],
  ['passwd -l', 'passwd -l alice'],
  ['passwd -S fed y', 'echo y | passwd -S alice'],
  ['zfs load-key from a key file', 'zfs load-key -L file:///etc/zfs/key tank/secure'],
  ['a key file piped to zfs', 'cat key.txt | zfs load-key tank/secure'],
  ['gcloud --data-file from a file', 'gcloud secrets versions add db-password --data-file=/run/secrets/pw'],
  ['a file piped to wrangler', 'cat /run/secrets/pw | wrangler secret put DB_PASSWORD'],
  ['qpdf with empty passwords', 'qpdf --encrypt "" "" 256 -- in.pdf out.pdf'],
  ['qpdf --decrypt', 'qpdf --decrypt in.pdf out.pdf'],
  ['jarsigner -storepass:env', 'jarsigner -keystore release.jks -storepass:env STOREPASS app.apk release'],
  ['jarsigner -verify', 'jarsigner -verify app.apk'],
  ["NSS certutil's -p phone number", 'certutil -S -n ca -s CN=ca -p 555-1234 -d sql:.'],
  ['echo into grep', 'echo hello | grep h'],
  // 71a-17
  ['an inventory CSV', 'widget42,blue,1002\nsprocket,red,17,"large, heavy"'],
  ['a hosts CSV', 'node-1,10.0.0.1,amd64\nnode-2,10.0.0.2,arm64'],
  ['a digest column', 'sha256sum,9f2c4e8a1b7d3f6e0a5c9b2d8e4f1a7c,app.tar'],
  ['a usage CSV', 'date,user,count\n2026-01-01,alice,3'],
  ["kube-apiserver's flag naming the file", '--token-auth-file=/etc/kubernetes/token.csv'],
  // 71a-19
  ['a list of ports', `ports = [${Array.from({ length: 60 }, (_, i) => 8000 + i).join(', ')}]`],
  ['a lookup table', `T = [${Array.from({ length: 256 }, (_, i) => (i * 37) % 256).join(', ')}]`],
  ['a counting list', `xs = [${Array.from({ length: 60 }, (_, i) => i).join(', ')}]`],
  ['a list starting 48 that is no DER', `xs = [48, 46, ${Array.from({ length: 50 }, () => 7).join(', ')}]`],
  // 71a-21
  ['a passphrase kept in Vault', 'The passphrase for the backup key is stored in Vault.'],
  ['a passphrase that is a reference', 'The passphrase is `$BACKUP_PASSPHRASE`'],
  ['a note that says where', 'Password (see vault): stored in Vault'],
  ['a form field', 'Password (required): yes'],
  ['a path after a login', 'Login: admin/README.md'],
  ['a guide', 'See the admin / ops guide'],
  ['a role in a table', 'Synology DSM: admin | read-only'],
  ['a placeholder after a login named', 'Default login for the switch is admin/see-vault'],
  ['a login then prose', 'Portainer login admin, then change it'],
];

describe('71a-15/17/19/21: refused at every door, never shown', () => {
  test.each(REFUSED)('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('their neighbours that hold no secret stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('71a-16: a zip whose members are deflated is read', () => {
  const zipMap = (b64: string) => ({
    extraObjects: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bootstrap', namespace: 'default' }, binaryData: { 'ssh.zip': b64 } },
    ],
  });
  test('an OpenSSH private key inside is refused', () => refusedEverywhere(zipMap(SSH_ZIP), 'binaryData', SSH_ZIP.slice(40, 80)));
  test('a zip of a plain .env passes', () => acceptedEverywhere(zipMap(PLAIN_ZIP)));
  test('a damaged zip (its member cut short) is judged as written, not thrown on', () => {
    const cut = Buffer.from(SSH_ZIP, 'base64').subarray(0, 120).toString('base64');
    expect(() => secretsInData({ apiVersion: 'v1', kind: 'ConfigMap', binaryData: { 'a.zip': cut } })).not.toThrow();
  });
});

describe('71a-24: validate and check say a generated-looking name, never quote it', () => {
  const NAME = 'Zq8vTn3wLp7Rx2Kd9mQ';
  const shown = (name: string) =>
    validateManifests(new Map([['t/x.yaml', stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } })]]))
      .map(formatViolation)
      .join('\n');
  test('validate: the object and the message', () => {
    const text = shown(NAME);
    expect(text).toContain('metadata.name');
    expect(text).toContain('looks generated, not shown');
    expect(text).not.toContain(NAME);
  });
  test('validate: an ordinary bad name is still quoted', () => expect(shown('My_Config')).toContain('My_Config'));
  test('check: a file named so is not listed by its name', () => {
    const ws = mkdtempSync(join(tmpdir(), 'k3s-vip-71b-'));
    try {
      const [cfg, dist] = [join(ws, 'cfg'), join(ws, 'dist')];
      mkdirSync(cfg);
      writeFileSync(join(cfg, 'dev.yaml'), DEV_YAML);
      expect(runSynth({ configDir: cfg, distDir: dist, wiring, log: () => undefined })).toBe(0);
      writeFileSync(join(dist, 'dev', `${NAME}.yaml`), 'a: 1\n');
      writeFileSync(join(dist, 'dev', 'extra.yaml'), 'a: 1\n');
      const lines: string[] = [];
      expect(runCheck(cfg, dist, (line) => lines.push(line))).toBe(0);
      const text = lines.join('\n');
      expect(text).toContain('(a name that may hold a secret, not shown)');
      expect(text).toContain('dev/extra.yaml');
      expect(text).not.toContain(NAME);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('the new readers are linear (100 kB)', () => {
  const N = 100_000;
  const repeat = (piece: string) => piece.repeat(Math.ceil(N / piece.length)).slice(0, N);
  test.each([
    ['a long decimal list', () => decimalByteKeys(repeat('48, 46, 2, 1, 0, '))],
    ['short decimal lists', () => decimalByteKeys(repeat(`${'1, '.repeat(28)}1; `))],
    ['CSV lines', () => kubeAuthFileSpans(repeat('Zq8vTn3wLp7Rx2Kd,alice,1002,"g"\n'))],
    ['commas without lines', () => kubeAuthFileSpans(repeat('aaaaaaa,'))],
  ])('%s', (_, read) => {
    read(); // compiled once
    const start = process.cpuUsage();
    read();
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
