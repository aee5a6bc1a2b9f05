import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { devConfig, FIXTURE_CONFIG_DIR, synthesizedReference, synthFiles, withChanges } from './helpers';
import { runCheck } from '../src/check';

const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

let referenceFiles: ReadonlyMap<string, string> | undefined;
/** The reference config's files, synthesized once for the rows that only read them (each row did its own synth). */
const devFiles = (): ReadonlyMap<string, string> => (referenceFiles ??= synthFiles(devConfig()));

describe('kustomization.yaml', () => {
  test('lists exactly the manifest files of the folder', () => {
    const files = devFiles();
    expect(parse(files.get('kustomization.yaml')!)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['kube-vip.yaml', 'traefik-config.yaml', 'ingresses.yaml'],
    });
    const manifests = [...files.keys()].filter((f) => !f.includes('/') && f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect(manifests.sort()).toEqual(['ingresses.yaml', 'kube-vip.yaml', 'traefik-config.yaml']);
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  (kubectl ? test : test.skip)('`kubectl kustomize` renders the same objects as the manifests (kubectl found)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-kustomize-'));
    const files = devFiles();
    for (const [path, text] of files) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const manifests = parse(files.get('kustomization.yaml')!).resources.flatMap((f: string) => docs(files.get(f)!));
    const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const sorted = (objects: any[]) => [...objects].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(docs(run.stdout))).toEqual(sorted(manifests));
  });
});

describe('GitOps objects (opt-in)', () => {
  const gitops = (engine: string) => withChanges(devConfig(), { gitops: { engine, repoURL: 'https://git.example.com/infra.git' } });

  test('none by default', () => {
    expect([...devFiles().keys()].filter((f) => f.startsWith('gitops/'))).toEqual([]);
  });

  test('argocd: an Application syncing dist/<cluster> from the repository, outside the kustomization', () => {
    const files = synthFiles(gitops('argocd'));
    expect(parse(files.get('kustomization.yaml')!).resources).not.toContain('gitops/argocd.yaml');
    expect(docs(files.get('gitops/argocd.yaml')!)).toEqual([
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'k3s-vip-test', namespace: 'argocd' },
        spec: {
          project: 'default',
          source: { repoURL: 'https://git.example.com/infra.git', targetRevision: 'main', path: 'dist/test' },
          destination: { server: 'https://kubernetes.default.svc', namespace: 'kube-system' },
          syncPolicy: { automated: { prune: true, selfHeal: true } },
        },
      },
    ]);
  });

  test('flux: a GitRepository and a Kustomization on the given branch and path', () => {
    const config = withChanges(gitops('flux'), { gitops: { revision: 'release', path: 'clusters/edge' } });
    expect(docs(synthFiles(config).get('gitops/flux.yaml')!)).toEqual([
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'k3s-vip-test', namespace: 'flux-system' },
        spec: { interval: '1m', url: 'https://git.example.com/infra.git', ref: { branch: 'release' } },
      },
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'k3s-vip-test', namespace: 'flux-system' },
        spec: { interval: '10m', path: './clusters/edge', prune: true, sourceRef: { kind: 'GitRepository', name: 'k3s-vip-test' } },
      },
    ]);
  });
});

describe('k3s/config.yaml', () => {
  test('disables ServiceLB and adds the control-plane VIP as TLS SAN; default CIDRs are not repeated', () => {
    // `+` appends to the operator's own lists in earlier config files instead of replacing them.
    expect(parse(devFiles().get('k3s/config.yaml')!)).toEqual({ 'disable+': ['servicelb'], 'tls-san+': ['192.168.0.40'] });
  });

  test('custom CIDRs are carried, no tls-san without a control-plane VIP', () => {
    const config = withChanges(devConfig(), {
      kubeVip: { controlPlane: undefined },
      k3s: { clusterCidr: '10.52.0.0/16', serviceCidr: '10.53.0.0/16' },
    });
    expect(parse(synthFiles(config).get('k3s/config.yaml')!)).toEqual({
      'disable+': ['servicelb'],
      'cluster-cidr': '10.52.0.0/16',
      'service-cidr': '10.53.0.0/16',
    });
  });
});

describe('README.md of the cluster', () => {
  const readme = devFiles().get('README.md')!;

  test('a Mermaid diagram of client -> VIP -> kube-vip leader -> Traefik -> Ingress host -> Service', () => {
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(readme)![1];
    expect(diagram).toContain('client([Client]) --> vip["Traefik VIP 192.168.0.41"]');
    expect(diagram).toContain('vip --> leader["kube-vip leader: a control-plane node (failover up to 17 s)"]');
    expect(diagram).toContain(
      'leader -->|"source NAT: Traefik sees a node\'s IP (Cluster)"| traefik["Service kube-system/traefik :80 :443"]',
    );
    expect(diagram).toContain('traefik -->|"k3s.code-place-dev.site/ (HTTPS)"| ing0["Ingress default/frontend-ingress"]');
    expect(diagram).toContain('ing0 --> svc0["Service default/frontend:80"]');
  });

  test('a table row for every VIP and every route', () => {
    expect(readme).toContain('| 192.168.0.40 | 6443 | Kubernetes API server |');
    expect(readme).toContain('| 192.168.0.41 | 80, 443 | Traefik (Service kube-system/traefik) |');
    expect(readme).toContain(
      '| `k3s.code-place-dev.site` | `/` | default/frontend:80 | cert resolver `default` | default/frontend-ingress |',
    );
  });
});

describe('drift check (npm run check)', () => {
  const run = (dist: string) => {
    const lines: string[] = [];
    return { code: runCheck(FIXTURE_CONFIG_DIR, dist, (l) => lines.push(l)), lines };
  };

  test('passes on a dist/ a synth wrote', () => {
    const { code, lines } = run(synthesizedReference());
    expect(lines.at(-1)).toMatch(/^check: .*dist\/ equals a fresh synth \(\d+ files\)\.$/);
    expect(code).toBe(0);
  });

  test('names the files synth did not write, which it leaves out of the comparison (up to five, then a count)', () => {
    const dist = mkdtempSync(join(tmpdir(), 'k3s-vip-drift-'));
    cpSync(synthesizedReference(), dist, { recursive: true });
    writeFileSync(join(dist, 'dev/extra.yaml'), 'x: 1\n');
    expect(run(dist)).toEqual({
      code: 0,
      lines: [
        `check: ${dist}/ equals a fresh synth (9 files); 1 other file(s) in it, not written by synth, were left out: dev/extra.yaml.`,
      ],
    });
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) writeFileSync(join(dist, `${name}.txt`), 'x\n');
    expect(run(dist).lines.at(-1)).toBe(
      `check: ${dist}/ equals a fresh synth (9 files); 7 other file(s) in it, not written by synth, were left out: a.txt, b.txt, c.txt, d.txt, dev/extra.yaml and 2 more.`,
    );
  });

  test('names the files synth did not write also when dist/ differs (43a-18: one run says all)', () => {
    const dist = mkdtempSync(join(tmpdir(), 'k3s-vip-drift-'));
    cpSync(synthesizedReference(), dist, { recursive: true });
    writeFileSync(join(dist, 'notes.txt'), 'x\n');
    const file = join(dist, 'dev/kube-vip.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# edit\n`);
    const { code, lines } = run(dist);
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(
      `${dist}/ differs from a fresh synth; 1 other file(s) in it, not written by synth, were left out: notes.txt: run \`npm run synth\` and commit the result.`,
    );
  });

  test('does not show a name of such a file that may hold a secret (attack 44a-8)', () => {
    const dist = mkdtempSync(join(tmpdir(), 'k3s-vip-drift-'));
    cpSync(synthesizedReference(), dist, { recursive: true });
    writeFileSync(join(dist, 'dev/pw=Hx7qLm2vPw9.yaml'), 'x: 1\n');
    const { code, lines } = run(dist);
    expect(code).toBe(0);
    expect(lines.join('\n')).not.toContain('Hx7qLm2vPw9');
    expect(lines.at(-1)).toContain(
      '1 other file(s) in it, not written by synth, were left out: (a name that may hold a secret, not shown).',
    );
  });

  test('fails on a one-byte change, with a readable diff', () => {
    const dist = mkdtempSync(join(tmpdir(), 'k3s-vip-drift-'));
    cpSync(synthesizedReference(), dist, { recursive: true });
    const file = join(dist, 'dev/kube-vip.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('value: "6443"', 'value: "6444"'));
    const { code, lines } = run(dist);
    expect(code).toBe(1);
    expect(lines).toEqual(
      expect.arrayContaining(['*** dev/kube-vip.yaml', '-               value: "6444"', '+               value: "6443"']),
    );
    expect(lines.at(-1)).toBe(`${dist}/ differs from a fresh synth: run \`npm run synth\` and commit the result.`);
  });

  test('fails on a stale file and on a missing one', () => {
    const dist = mkdtempSync(join(tmpdir(), 'k3s-vip-drift-'));
    cpSync(synthesizedReference(), dist, { recursive: true });
    // A file an earlier synth wrote (it is in the committed list, and carries the header every generated file has: synth
    // and check take a listed file without it for the user's, 56b-15) that a fresh synth no longer writes.
    writeFileSync(
      join(dist, 'dev/old.yaml'),
      '# Generated from test/fixtures/config/dev.yaml by `npm run synth`. Edit the config, not this file.\nx: 1\n',
    );
    writeFileSync(join(dist, '.generated-files'), `${readFileSync(join(dist, '.generated-files'), 'utf8')}dev/old.yaml\n`);
    writeFileSync(join(dist, 'dev/foreign.yaml'), 'not ours\n');
    rmSync(join(dist, 'dev/README.md'));
    const { code, lines } = run(dist);
    expect(code).toBe(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        '+++ dev/README.md (missing from the committed output)',
        '--- dev/old.yaml (stale: a fresh synth no longer writes it)',
      ]),
    );
    // A file synth did not write is no stale file: only named as left out (43a-18), never diffed.
    expect(lines.slice(0, -1).join('\n')).not.toContain('foreign.yaml');
    expect(lines.at(-1)).toContain('not written by synth, were left out: dev/foreign.yaml: run `npm run synth`');
  });
});
