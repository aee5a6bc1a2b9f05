#!/usr/bin/env node
// `npm run mutate`: a small mutation test. Each mutation changes one meaningful line of src/ (a
// version boundary, a comparison, a guard), runs the test files that should notice, and records
// whether they failed (killed) or still passed (survived: no test can tell the difference). The
// file is always restored, also on Ctrl-C. Not part of CI: it runs jest once per mutation.
// Usage: npm run mutate [-- <part of a mutation's name>...]
'use strict';
// A package.json over this file with "type": "module" makes Node run it as an ES module, where `require` is not
// defined: one line then, not Node's trace (round 53b-6). Written to parse both ways.
if (typeof require !== 'function') {
  process.stderr.write(
    `error: node ran ${process.argv[1]} as an ES module: a package.json above it (the project's, or one in scripts/) sets "type": "module", and this tool's scripts are CommonJS; remove that "type" field\n`,
  );
  process.exit(1);
}
const { spawn } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
/** A run longer than this counts as killed (a mutation that makes the code loop). */
const TIMEOUT_MS = 180_000;

const CONFIG_TESTS = ['test/boundaries.test.ts', 'test/config.test.ts', 'test/value-rules.test.ts', 'test/yaml-input.test.ts'];
const KUBE_VIP_TESTS = ['test/boundaries.test.ts', 'test/kube-vip.test.ts', 'test/traefik.test.ts'];
const TRAEFIK_TESTS = ['test/boundaries.test.ts', 'test/traefik.test.ts', 'test/traefik-chart.test.ts'];

/** The upstream facts of issue 17 (test/upstream-facts.test.ts, test/dual-stack.test.ts). */
function issue17Mutations() {
  const facts = ['test/upstream-facts.test.ts'];
  const dual = ['test/dual-stack.test.ts'];
  return [
    ['key+ appends from K3s v1.21.2', 'src/k3s/versions.ts', "since: 'v1.21.1+k3s1'", "since: 'v1.21.2+k3s1'", facts],
    ['createNamespace from K3s v1.27.4', 'src/k3s/versions.ts', "since: 'v1.27.3+k3s1'", "since: 'v1.27.4+k3s1'", facts],
    ['oldest K3s one release later', 'src/k3s/versions.ts', "parseK3sVersion('v1.27.0+k3s1')", "parseK3sVersion('v1.27.1+k3s1')", facts],
    ['oldest cert-manager v1.14.0', 'src/cert-manager/versions.ts', "parseVersion('v1.15.0')", "parseVersion('v1.14.0')", facts],
    ['a kube-vip release missing from the list', 'src/kube-vip/releases.ts', "  'v0.9.2',\n", '', facts],
    ['gitops.path keeps "." segments', 'src/config/formats.ts', "segment !== '' && segment !== '.'", "segment !== ''", facts],
    ['Argo CD retries ten times', 'src/gitops/objects.ts', 'limit: -1,', 'limit: 10,', facts],
    ['dual-stack VIPs on a single-stack cluster', 'src/k3s/dual-stack-rules.ts', 'if (service.length > 1) return;', 'return;', dual],
    ['a node-ip lacking a family accepted', 'src/k3s/dual-stack-rules.ts', 'if (missing.length) {', 'if (false) {', dual],
  ];
}

/** [name, file, search (must occur exactly once), replacement, test files]. */
const MUTATIONS = [
  ['vip_subnet from v0.9.1', 'src/kube-vip/versions.ts', "since: 'v0.9.0', maskEnv", "since: 'v0.9.1', maskEnv", KUBE_VIP_TESTS],
  [
    'drop: [ALL] from v0.8.11',
    'src/kube-vip/versions.ts',
    "since: 'v0.8.10', dropCapabilities",
    "since: 'v0.8.11', dropCapabilities",
    KUBE_VIP_TESTS,
  ],
  ['v1.1.0 lease timings from v1.1.1', 'src/kube-vip/versions.ts', "since: 'v1.1.0', lease", "since: 'v1.1.1', lease", KUBE_VIP_TESTS],
  ['loadBalancerIPs annotation from v0.5.13', 'src/kube-vip/versions.ts', "since: 'v0.5.12'", "since: 'v0.5.13'", KUBE_VIP_TESTS],
  ['service.spec from chart 40.0.1', 'src/traefik/chart-versions.ts', "since: '40.0.0'", "since: '40.0.1'", TRAEFIK_TESTS],
  ['certificatesResolvers from chart 32.0.0', 'src/traefik/chart-versions.ts', "since: '33.0.0'", "since: '32.0.0'", TRAEFIK_TESTS],
  [
    'a version row applies one version late',
    'src/semver.ts',
    'version) > 0) break;',
    'version) >= 0) break;',
    [...KUBE_VIP_TESTS, 'test/traefik-chart.test.ts'],
  ],
  ['versions compare without the patch', 'src/semver.ts', ' || a.patch - b.patch', '', [...KUBE_VIP_TESTS, 'test/traefik-chart.test.ts']],
  ['overlap misses a shared last address', 'src/net/ip.ts', 'a.first <= b.last', 'a.first < b.last', CONFIG_TESTS],
  ['overlap misses a shared first address', 'src/net/ip.ts', 'b.first <= a.last', 'b.first < a.last', CONFIG_TESTS],
  [
    'span excludes its last address',
    'src/net/ip.ts',
    'ip.value >= span.first && ip.value <= span.last',
    'ip.value >= span.first && ip.value < span.last',
    CONFIG_TESTS,
  ],
  [
    'CIDR excludes its last address',
    'src/net/ip.ts',
    'ip.value >= cidr.first && ip.value <= cidr.last',
    'ip.value >= cidr.first && ip.value < cidr.last',
    CONFIG_TESTS,
  ],
  ['port names of 16 characters', 'src/config/formats.ts', 'value.length <= 15', 'value.length <= 16', CONFIG_TESTS],
  ["port names with '--'", 'src/config/formats.ts', "value.length <= 15 && !value.includes('--')", 'value.length <= 15', CONFIG_TESTS],
  [
    'nodeCidr broadcast address allowed',
    'src/config/rules.ts',
    '(vip.ip.value === lan.first || vip.ip.value === lan.last)',
    '(vip.ip.value === lan.first)',
    CONFIG_TESTS,
  ],
  ['nodeCidr check also on /30', 'src/config/rules.ts', 'lan.prefix < 31', 'lan.prefix < 30', CONFIG_TESTS],
  ['/24 guess allows .255', 'src/config/rules.ts', 'lastOctet === 0n || lastOctet === 255n', 'lastOctet === 0n', CONFIG_TESTS],
  [
    'oldest supported version refused',
    'src/config/rules.ts',
    'compareVersions(version, OLDEST_SUPPORTED) < 0',
    'compareVersions(version, OLDEST_SUPPORTED) <= 0',
    CONFIG_TESTS,
  ],
  [
    'newest known version warned about',
    'src/config/rules.ts',
    'compareVersions(version, NEWEST_KNOWN) > 0',
    'compareVersions(version, NEWEST_KNOWN) >= 0',
    CONFIG_TESTS,
  ],
  [
    'services.enabled: true without warning',
    'src/config/rules.ts',
    '} else if (servicesEnabled === true) {',
    '} else if (servicesEnabled === undefined) {',
    CONFIG_TESTS,
  ],
  [
    'common lease ignored',
    'src/kube-vip/model.ts',
    'settings.shareControlPlaneVip ? CONTROL_PLANE_LEASE : SERVICES_LEASE',
    'SERVICES_LEASE',
    KUBE_VIP_TESTS,
  ],
  [
    "'..' guard of recorded paths removed",
    'src/output/publish.ts',
    "path === '..' || ",
    '',
    ['test/boundaries.test.ts', 'test/publish.test.ts'],
  ],
  [
    "'../' guard of recorded paths removed",
    'src/output/publish.ts',
    "path.startsWith('../') || ",
    '',
    ['test/boundaries.test.ts', 'test/publish.test.ts'],
  ],
  [
    'backslash paths accepted',
    'src/output/publish.ts',
    " || entry.includes('\\\\')",
    '',
    ['test/boundaries.test.ts', 'test/publish.test.ts'],
  ],
  [
    'K3s packaged AddOn names allowed',
    'src/k3s/addon-name.ts',
    'if (K3S_ADDONS.has(stem)) {',
    'if (false) {',
    ['test/boundaries.test.ts', 'test/k3s-install.test.ts'],
  ],
  [
    'dotted AddOn file names allowed',
    'src/k3s/addon-name.ts',
    "if (stem.includes('.')) {",
    'if (false) {',
    ['test/boundaries.test.ts', 'test/k3s-install.test.ts'],
  ],
  [
    'drift diff without context',
    'src/output/diff.ts',
    '{ context }',
    '{ context: 0 }',
    ['test/boundaries.test.ts', 'test/delivery.test.ts'],
  ],
  // Integrity, inventory, HA and cert-manager (added after the first runs).
  [
    'ownership list not widened before writing',
    'src/output/publish.ts',
    'if (planned.length && widened !== oldList) {',
    'if (false) {',
    ['test/publish.test.ts'],
  ],
  [
    'no rollback on an I/O error',
    'src/output/publish.ts',
    'rollBack(dir, done, createdFolders, oldList, tracked, log);',
    '',
    ['test/publish.test.ts'],
  ],
  [
    "a dead run's lock is never taken over",
    'src/output/lock.ts',
    'if (current?.owner && isDead(current.owner)) {',
    'if (false) {',
    ['test/publish.test.ts'],
  ],
  [
    '[interrupted] the change log forgets removed folders',
    'src/output/change-log.ts',
    'note(path, ABSENT, FOLDER);',
    'note(path, ABSENT);',
    ['test/publish.test.ts'],
  ],
  [
    '[interrupted] an install ignores what it was writing',
    'src/k3s/install-plan.ts',
    '![recorded.sha256, recorded.pending].includes(sha256(current))',
    '![recorded.sha256].includes(sha256(current))',
    ['test/install-interrupted.test.ts'],
  ],
  [
    '[interrupted] an install removes before it writes',
    'src/k3s/install-apply.ts',
    "(entry.action === 'remove' ? 1 : 0)",
    '0',
    ['test/install-interrupted.test.ts'],
  ],
  [
    '[interrupted] a kustomization may list itself',
    'src/k3s/install-plan.ts',
    "if (typeof value === 'string' && /^kustomization\\.ya?ml$/i.test(value)) {",
    'if (false) {',
    ['test/install-interrupted.test.ts'],
  ],
  [
    '[interrupted] any lock wait accepted',
    'src/output/lock.ts',
    '/^\\d+$/.test(text) && Number(text) <= MAX_WAIT_SECONDS',
    'Number(text) >= 0',
    ['test/lock.test.ts'],
  ],
  [
    '[interrupted] a folder where the lock goes is read',
    'src/output/lock.ts',
    'if (wrong) throw new LockError(wrong);',
    '',
    ['test/lock.test.ts'],
  ],
  [
    '[interrupted] Object members found by `in`',
    'src/traefik/values-merge.ts',
    'if (!Object.hasOwn(generated, key)) {',
    'if (!(key in generated)) {',
    ['test/prototype-keys.test.ts'],
  ],
  ['two servers accepted', 'src/config/inventory-rules.ts', 'if (count === 2) {', 'if (count === -2) {', ['test/inventory.test.ts']],
  [
    'cert-manager crds.enabled from v1.15.1',
    'src/cert-manager/versions.ts',
    "since: 'v1.15.0', crdValues",
    "since: 'v1.15.1', crdValues",
    ['test/cert-manager.test.ts'],
  ],
  [
    'replicas with ACME resolvers allowed',
    'src/config/ha-rules.ts',
    'if (replicas > 1 && resolvers.length) {',
    'if (replicas > 2 && resolvers.length) {',
    ['test/ha.test.ts'],
  ],
  ...issue17Mutations(),
  [
    'cert-manager Secret name one too long',
    'src/config/ha-rules.ts',
    'if (secretName.length > 253) {',
    'if (secretName.length > 254) {',
    ['test/ha.test.ts'],
  ],
];

let restore; // undoes the mutation in place, while one is applied
let child;
function onSignal(signal) {
  if (child) child.kill('SIGKILL');
  if (restore) restore();
  process.stderr.write(`\nmutate: stopped by ${signal}; every file is restored.\n`);
  process.exit(130);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

function runTests(files) {
  return new Promise((resolve) => {
    child = spawn(process.execPath, [jest, ...files, '--silent', '--bail'], { cwd: root, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      child = undefined;
      resolve(code);
    });
  });
}

async function main() {
  const filters = process.argv.slice(2);
  const chosen = MUTATIONS.filter(([name]) => !filters.length || filters.some((f) => name.includes(f)));
  const survivors = [];
  let applied = 0;
  for (const [name, file, search, replacement, tests] of chosen) {
    const path = join(root, file);
    const original = readFileSync(path, 'utf8');
    const count = original.split(search).length - 1;
    if (count !== 1) {
      process.stderr.write(
        `mutate: "${name}": ${file} holds ${JSON.stringify(search)} ${count} times, expected once: update scripts/mutate.js\n`,
      );
      process.exitCode = 2;
      continue;
    }
    applied++;
    restore = () => writeFileSync(path, original);
    let code;
    try {
      writeFileSync(path, original.replace(search, replacement));
      code = await runTests(tests);
    } finally {
      restore();
      restore = undefined;
    }
    const killed = code !== 0;
    if (!killed) survivors.push(`${name} (${file})`);
    process.stdout.write(`${killed ? 'killed  ' : 'SURVIVED'} ${name}\n`);
  }
  const killed = applied - survivors.length;
  process.stdout.write(`\nmutation score: ${killed}/${applied} killed (${Math.round((100 * killed) / Math.max(applied, 1))}%)\n`);
  for (const survivor of survivors) process.stdout.write(`  survived: ${survivor}\n`);
}

main().catch((e) => {
  if (restore) restore();
  process.stderr.write(`mutate: ${e.message}\n`);
  process.exitCode = 1;
});
