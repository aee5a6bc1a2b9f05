// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCluster } from './helpers';
import { killAtEveryStep } from './kill-harness';
import { nodeFileSystem } from '../src/output/file-system';
import { fileDigest, GENERATED_LIST, incompleteOutput, syncTree, withGeneratedList } from '../src/output/publish';

/**
 * N12 (attack round 5): k3s:install copies a cluster folder only when it is the complete output of one synth,
 * never a mix a killed synth left (old and new files side by side under a widened list).
 */
const header = '# Generated from config/dev.yaml by `npm run synth`\n';
const kustomization = (names: string[]) => `${header}kind: Kustomization\nresources:\n${names.map((n) => `  - ${n}\n`).join('')}`;
const A = withGeneratedList(
  new Map([
    ['dev/kustomization.yaml', kustomization(['kube-vip.yaml', 'traefik-config.yaml'])],
    ['dev/kube-vip.yaml', `${header}kind: DaemonSet # control-plane VIP 192.168.0.40\n`],
    ['dev/traefik-config.yaml', `${header}kind: HelmChartConfig # Traefik VIP 192.168.0.41\n`],
  ]),
);
const B = withGeneratedList(
  new Map([
    ['dev/kustomization.yaml', kustomization(['ingresses.yaml', 'kube-vip.yaml', 'traefik-config.yaml'])],
    ['dev/kube-vip.yaml', `${header}kind: DaemonSet # control-plane VIP 192.168.0.41\n`],
    ['dev/traefik-config.yaml', `${header}kind: HelmChartConfig # Traefik VIP 192.168.0.42\n`],
    ['dev/ingresses.yaml', `${header}kind: Ingress\n`],
  ]),
);
/** The manifests an install of `tree` creates. */
const manifestsOf = (tree: ReadonlyMap<string, string>) =>
  Object.fromEntries([...tree].filter(([p]) => p.startsWith('dev/') && p !== 'dev/kustomization.yaml').map(([p, t]) => [p.slice(4), t]));

function distOf(tree: ReadonlyMap<string, string>): string {
  const dist = join(mkdtempSync(join(tmpdir(), 'k3s-vip-complete-')), 'dist');
  syncTree(dist, tree);
  return dist;
}

function install(dist: string) {
  const target = join(dist, '..', 'manifests');
  mkdirSync(target, { recursive: true });
  const { code, lines } = installCluster(dist, target);
  const installed = Object.fromEntries(
    readdirSync(target)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => [name, readFileSync(join(target, name), 'utf8')]),
  );
  return { code, lines, installed };
}

const REFUSED = /^error: \S+\/dist\/dev\/ is not the complete output of one synth \(.+\): run `npm run synth` again$/;

describe('k3s:install refuses a cluster folder that is not the complete output of one synth', () => {
  const bare = (paths: string[]) => `# list\n${paths.map((p) => `${p}\n`).join('')}`;
  test.each<[string, (dist: string) => void, RegExp | undefined]>([
    ['the output of one completed synth', () => undefined, undefined],
    [
      'the state of attack 5 (km): a widened list, B written but for traefik-config.yaml, still A',
      (dist) => {
        writeFileSync(join(dist, GENERATED_LIST), bare([...new Set([...A.keys(), ...B.keys()])].filter((p) => p !== GENERATED_LIST)));
        for (const [path, text] of B)
          if (path !== GENERATED_LIST && path !== 'dev/traefik-config.yaml') writeFileSync(join(dist, path), text);
      },
      /records no digest for dev\/\S+: a synth was interrupted/,
    ],
    [
      "the narrowed list of B over A's traefik-config.yaml",
      (dist) => {
        for (const [path, text] of B) if (path !== 'dev/traefik-config.yaml') writeFileSync(join(dist, path), text);
      },
      /dist\/dev\/traefik-config\.yaml is not the file the last synth recorded/,
    ],
    [
      'a manifest edited after the synth',
      (dist) => writeFileSync(join(dist, 'dev/kube-vip.yaml'), `${A.get('dev/kube-vip.yaml')}# edited\n`),
      /dist\/dev\/kube-vip\.yaml is not the file the last synth recorded/,
    ],
    [
      'the kustomization edited after the synth',
      (dist) => writeFileSync(join(dist, 'dev/kustomization.yaml'), kustomization(['kube-vip.yaml'])),
      /dist\/dev\/kustomization\.yaml is not the file the last synth recorded/,
    ],
    ['an empty list', (dist) => writeFileSync(join(dist, GENERATED_LIST), ''), /records no file of dev\//],
    ['no list at all', (dist) => rmSync(join(dist, GENERATED_LIST)), /records no file of dev\//],
    [
      'a list an older version wrote (paths only)',
      (dist) => writeFileSync(join(dist, GENERATED_LIST), bare([...A.keys()].filter((p) => p !== GENERATED_LIST))),
      /records no digest for dev\/kube-vip\.yaml/,
    ],
    [
      'a listed manifest the list does not record',
      (dist) => {
        writeFileSync(join(dist, 'dev/extra.yaml'), `${header}kind: ConfigMap\n`);
        writeFileSync(join(dist, 'dev/kustomization.yaml'), kustomization(['extra.yaml', 'kube-vip.yaml', 'traefik-config.yaml']));
        const list = readFileSync(join(dist, GENERATED_LIST), 'utf8').replace(
          /^dev\/kustomization\.yaml .*$/m,
          `dev/kustomization.yaml ${fileDigest(kustomization(['extra.yaml', 'kube-vip.yaml', 'traefik-config.yaml']))}`,
        );
        writeFileSync(join(dist, GENERATED_LIST), list);
      },
      /does not record dev\/extra\.yaml/,
    ],
  ])('%s', (_, arrange, refused) => {
    const dist = distOf(A);
    arrange(dist);
    const { code, lines, installed } = install(dist);
    if (!refused) {
      expect({ code, installed }).toEqual({ code: 0, installed: manifestsOf(A) });
      return;
    }
    expect({ code, installed }).toEqual({ code: 1, installed: {} });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(REFUSED);
    expect(lines[0]).toMatch(refused);
  });

  test('a list that is a folder: one line', () => {
    const dist = distOf(A);
    const list = join(dist, GENERATED_LIST);
    rmSync(list);
    mkdirSync(list);
    const { code, lines } = install(dist);
    expect(code).toBe(1);
    expect(lines).toEqual([`error: ${list} is not a regular file: move it away (synth recreates it)`]);
  });

  test('incompleteOutput reads only the folder asked for: another cluster half-written does not matter', () => {
    const dist = distOf(A);
    writeFileSync(join(dist, GENERATED_LIST), `${readFileSync(join(dist, GENERATED_LIST), 'utf8')}prod/kube-vip.yaml\n`);
    const texts = new Map([...A].filter(([p]) => p.startsWith('dev/')));
    expect(incompleteOutput(dist, 'dev', texts, nodeFileSystem)).toBeUndefined();
    expect(incompleteOutput(dist, 'prod', new Map(), nodeFileSystem)).toMatch(/records no digest for prod\/kube-vip\.yaml/);
  });
});

describe('k3s:install after a synth killed before every step (a real process, SIGKILL)', () => {
  test('installs exactly the old or the new output, or refuses in one line; never a mix', async () => {
    const outcomes = new Set<string>();
    const { steps, clean } = await killAtEveryStep(
      () => ({ run: 'publish', dir: distOf(A), files: [...B] }),
      (step, job) => {
        const { code, lines, installed } = install(job.dir);
        if (code === 0) {
          const which = JSON.stringify(installed) === JSON.stringify(manifestsOf(A)) ? 'A' : 'B';
          expect({ step, installed }).toEqual({ step, installed: which === 'A' ? manifestsOf(A) : manifestsOf(B) });
          outcomes.add(which);
        } else {
          // The killed synth's lock, taken over, is said first in a note of its own (69c-6).
          const notes = lines.filter((line) => line.startsWith('note: '));
          const errors = lines.filter((line) => !line.startsWith('note: '));
          for (const note of notes)
            expect({ step, note }).toEqual({ step, note: expect.stringMatching(/^note: took over \S+\.lock, left by /) });
          expect({ step, code, lines: errors.length, refused: REFUSED.test(errors[0]) }).toEqual({
            step,
            code: 1,
            lines: 1,
            refused: true,
          });
          expect({ step, installed }).toEqual({ step, installed: {} });
          outcomes.add('refused');
        }
      },
    );
    expect(steps).toBeGreaterThan(8);
    // Killed mid-way, the folder mixes A and B: refused. Killed at its first step (the widened list's temporary file,
    // half written), the folder is A and that file: refused too, as `check` judges it (57b-11). Killed last: B, whole.
    expect(outcomes).toContain('refused');
    expect(outcomes).toContain('B');
    expect(install(clean.dir)).toEqual({ code: 0, lines: expect.any(Array), installed: manifestsOf(B) });
    expect(existsSync(join(clean.dir, 'dev', 'ingresses.yaml'))).toBe(true);
  }, 90_000);
});
