import { mkdirSync, realpathSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { App } from 'cdk8s';
import { Diagnostic, formatDiagnostic, LoadedCluster, loadConfigDir } from './config/load';
import { kustomization } from './gitops/kustomization';
import { addonFileNameProblem } from './k3s/addon-name';
import { renderCharts } from './output/render';
import { describeFileError, nodeFileSystem } from './output/file-system';
import { LockError, withFolderLock } from './output/lock';
import {
  FileTree,
  GENERATED_LIST,
  PublishError,
  PublishOutcome,
  SyncReport,
  syncTree,
  withGeneratedList,
  writeTree,
} from './output/publish';
import { redact } from './core/secrets';
import { secretsInFiles } from './output/secret-gate';
import { formatViolation, validateManifests } from './validate/conformance';

export interface SynthOptions {
  /** Folder of `<cluster>.yaml` files. */
  readonly configDir: string;
  /** Folder the validated manifests are published to, one sub-folder per cluster. */
  readonly distDir: string;
  /**
   * The cdk8s CLI's output folder (CDK8S_OUTDIR), which the CLI deletes before every run.
   * @default - not run by the CLI: publish to distDir only
   */
  readonly stagingDir?: string;
  /** How a cluster's config becomes charts and files. */
  readonly wiring: ClusterWiring;
  /**
   * Where messages go. The CLI swallows the app's stdout, so the default is stderr.
   * @default process.stderr
   */
  readonly log?: (line: string) => void;
}

/** How one cluster's config becomes output (implemented by src/main.ts). */
export interface ClusterWiring {
  /** Adds the cluster's manifest charts; each becomes `<cluster>/<chart id>.yaml`. */
  readonly addClusterCharts: (app: App, cluster: LoadedCluster) => void;
  /** Adds GitOps charts; each becomes `<cluster>/gitops/<chart id>.yaml`, outside the kustomization. */
  readonly addGitOpsCharts: (app: App, cluster: LoadedCluster) => void;
  /** Other files of the cluster folder (relative path, text), given the manifest file names; YAML starts with generatedHeader. */
  readonly clusterDocuments: (cluster: LoadedCluster, source: string, manifests: readonly string[]) => Array<[string, string]>;
  /** Single points of failure of a cluster, each printed as a warning. */
  readonly singlePointsOfFailure?: (cluster: LoadedCluster) => string[];
}

/** The first line of every generated YAML file: where it came from, and where to change it. */
export function generatedHeader(source: string): string {
  return `# Generated from ${source} by \`npm run synth\`. Edit the config, not this file.\n`;
}

/** Renders every cluster in memory: `<cluster>/<file>` -> text. */
export function renderClusters(clusters: readonly LoadedCluster[], wiring: ClusterWiring): FileTree {
  const files = new Map<string, string>();
  for (const cluster of clusters) {
    const source = displayPath(cluster.file);
    const header = generatedHeader(source);
    const put = (path: string, text: string) => files.set(`${cluster.name}/${path}`, text);

    const manifests = new App({ outdir: '.' });
    wiring.addClusterCharts(manifests, cluster);
    const rendered = renderCharts(manifests, header);
    for (const [name] of rendered) {
      // Chart ids come from code, not config: a bad one is a bug, caught here rather than at install.
      const problem = addonFileNameProblem(name);
      if (problem) throw new Error(`${cluster.name}/${name}: the chart id is the K3s AddOn name, but ${problem}`);
    }
    for (const [name, text] of rendered) put(name, text);
    put('kustomization.yaml', `${header}${kustomization(rendered.map(([name]) => name))}`);

    const gitops = new App({ outdir: '.' });
    wiring.addGitOpsCharts(gitops, cluster);
    for (const [name, text] of renderCharts(gitops, header)) put(`gitops/${name}`, text);

    for (const [path, text] of wiring.clusterDocuments(
      cluster,
      source,
      rendered.map(([name]) => name),
    ))
      put(path, text);
  }
  return files;
}

/** The config path relative to the project (deterministic across checkouts), else its file name. */
function displayPath(file: string): string {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') || isAbsolute(path) ? basename(file) : path.split(sep).join('/');
}

/**
 * Validates every config, renders every cluster, and only then publishes to distDir while holding
 * its lock (output/lock.ts), as one transaction (output/publish.ts). Any refusal leaves distDir
 * exactly as it was. Returns the process exit code.
 */
export function runSynth(options: SynthOptions): number {
  const write = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // The last guard: no line this command prints carries a secret-shaped value.
  const log = (line: string) => write(redact(line));
  const underCli = options.stagingDir !== undefined;
  // Under a bare `cdk8s synth` the CLI speaks after us; say what its last lines mean.
  const cliEpilogue = underCli && !process.env.K3S_VIP_QUIET_CLI;
  const fail = (lines: string[], outcome: PublishOutcome = { changes: [], rolledBack: 0 }): number => {
    for (const line of lines) log(line);
    for (const change of outcome.changes) log(`  ${change}`);
    log(
      `synth failed: ${distOutcome(options.distDir, outcome)}${cliEpilogue ? ' (cdk8s then says the app did not create its staging folder: that is this refusal.)' : ''}`,
    );
    // Under `cdk8s synth`, a non-zero exit makes the CLI print a stack trace of its own. Leaving its
    // (already deleted) output folder absent makes it exit 1 with a one-line error instead.
    return underCli ? 0 : 1;
  };

  // Compared as real paths: a link must not smuggle the config folder into the output folder.
  const inside = relative(realPath(options.distDir), realPath(options.configDir));
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    return fail([
      `error: the output folder ${options.distDir}/ contains the config folder ${options.configDir}/: point the output elsewhere (default dist/)`,
    ]);
  }
  const loaded = loadConfigDir(options.configDir);
  for (const warning of loaded.warnings) log(`warning: ${formatDiagnostic(warning)}`);
  if (loaded.errors.length) {
    return fail([
      ...loaded.errors.map((e: Diagnostic) => `error: ${formatDiagnostic(e)}`),
      `${loaded.errors.length} error(s) in ${options.configDir}/.`,
    ]);
  }

  let files: FileTree;
  try {
    files = withGeneratedList(renderClusters(loaded.clusters, options.wiring));
    // The config rules refuse secrets already; this gate holds whatever a bug or a new key lets through.
    const secrets = secretsInFiles(files);
    if (secrets.length) {
      return fail([
        ...secrets.map(
          (line) =>
            `error: ${options.distDir}/${line}: no secret may be written to ${options.distDir}/ (it is committed to Git): keep it in a Kubernetes Secret and reference it`,
        ),
        `${secrets.length} secret(s) in the output.`,
      ]);
    }
    const violations = validateManifests(files);
    if (violations.length) {
      return fail([
        ...violations.map((v) => `error: ${options.distDir}/${formatViolation(v)}`),
        `${violations.length} conformance violation(s).`,
      ]);
    }
  } catch (e) {
    return fail([`error: ${(e as Error).message}`]);
  }
  let report: SyncReport;
  let created: string | undefined;
  try {
    const output = outputFolder(options.distDir);
    created = output.created;
    report = withFolderLock(output.dir, { holder: 'synth' }, () => syncTree(output.dir, files));
  } catch (e) {
    // A dist/ this run created and left empty goes again, so "left unchanged" stays true.
    if (created) removeEmptyFolders(created, resolve(options.distDir));
    if (e instanceof PublishError) return fail([`error: ${e.message}`], e.outcome);
    if (e instanceof LockError) return fail([`error: ${e.message}`]);
    return fail([`error: cannot write ${options.distDir}/: ${describeFileError(e)}`]);
  }
  if (options.stagingDir) {
    try {
      writeTree(options.stagingDir, files);
    } catch (e) {
      // dist/ is complete; only the CLI's copy is not. Without its folder the CLI exits 1 (see fail).
      try {
        rmSync(options.stagingDir, { recursive: true, force: true });
      } catch {
        // The CLI then lists a partial copy; the error above says so.
      }
      const changes = [...report.written.map((f) => `wrote ${f}`), ...report.removed.map((f) => `removed ${f}`)];
      return fail([`error: cannot write the cdk8s staging copy ${options.stagingDir}/: ${describeFileError(e)}`], {
        changes,
        rolledBack: 0,
        complete: true,
      });
    }
  }
  for (const warning of report.warnings) log(`warning: ${warning}`);
  for (const cluster of loaded.clusters) {
    for (const spof of options.wiring.singlePointsOfFailure?.(cluster) ?? [])
      log(`warning: ${displayPath(cluster.file)}: single point of failure: ${spof}`);
  }
  for (const line of [...report.written.map((f) => `  wrote ${f}`), ...report.removed.map((f) => `  removed ${f}`)]) log(line);
  log(
    `synth: ${loaded.clusters.length} cluster(s), ${files.size} file(s) in ${options.distDir}/ (${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged).${cliEpilogue ? ' (The .cdk8s.out/ paths cdk8s lists next are only its staging copy.)' : ''}`,
  );
  return 0;
}

/** `path` with every link resolved, as far as it exists (the rest appended as written). */
function realPath(path: string): string {
  const full = resolve(path);
  for (let existing = full; ; existing = dirname(existing)) {
    try {
      return join(realpathSync(existing), relative(existing, full));
    } catch {
      if (dirname(existing) === existing) return full;
    }
  }
}

/** The last line of a failed synth: exactly what it left changed in dist/, or that it changed nothing. */
function distOutcome(distDir: string, { changes, rolledBack, complete }: PublishOutcome): string {
  const undone = rolledBack ? ` (${rolledBack} change(s) made before the error were rolled back)` : '';
  if (!changes.length) return `${distDir}/ was left unchanged${undone}.`;
  if (complete) return `${distDir}/ was updated all the same, as listed above: it is complete.`;
  return (
    `${distDir}/ was changed only as listed above${undone}; every file synth wrote is whole and listed in ${distDir}/${GENERATED_LIST}: ` +
    'fix the cause and run synth again to finish'
  );
}

/** Removes `folder` and its parents up to `first` (the first folder mkdir created) while they are empty. */
function removeEmptyFolders(first: string, folder: string): void {
  try {
    for (let current = folder; ; current = dirname(current)) {
      rmdirSync(current);
      if (current === first || dirname(current) === current) return;
    }
  } catch {
    // Not empty (the lock of another run?) or gone: it stays.
  }
}

/** The output folder, created when missing, with links resolved once (nothing below it is followed). */
function outputFolder(dir: string): { dir: string; created?: string } {
  const stat = nodeFileSystem.lstat(dir);
  if (stat && !stat.isDirectory() && !stat.isSymbolicLink()) {
    throw new PublishError(`${dir} is a file, not a folder: move it away or point K3S_VIP_DIST_DIR elsewhere`);
  }
  const target = stat?.isSymbolicLink() ? statSync(dir, { throwIfNoEntry: false }) : undefined;
  if (stat?.isSymbolicLink() && !target?.isDirectory()) {
    throw new PublishError(
      `${dir} is a symbolic link to ${target ? 'something that is not a folder' : 'nothing'}: point it at a folder, or remove it`,
    );
  }
  const first = mkdirSync(dir, { recursive: true });
  const real = realpathSync(dir);
  if (!statSync(real).isDirectory()) throw new PublishError(`${dir} does not lead to a folder: point K3S_VIP_DIST_DIR elsewhere`);
  return { dir: real === resolve(dir) ? dir : real, created: first === undefined ? undefined : resolve(first) };
}
