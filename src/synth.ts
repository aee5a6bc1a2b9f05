import { basename, isAbsolute, relative, sep } from 'node:path';
import { App } from 'cdk8s';
import { Diagnostic, formatDiagnostic, LoadedCluster, loadConfigDir } from './config/load';
import { renderCharts } from './output/render';
import { FileTree, syncTree, writeTree } from './output/publish';

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
  /** Adds a cluster's charts to an app. */
  readonly addClusterCharts: (app: App, cluster: LoadedCluster) => void;
  /**
   * Where messages go. The CLI swallows the app's stdout, so the default is stderr.
   * @default process.stderr
   */
  readonly log?: (line: string) => void;
}

/** Renders every cluster in memory: `<cluster>/<file>` -> YAML text. */
export function renderClusters(clusters: readonly LoadedCluster[], addClusterCharts: SynthOptions['addClusterCharts']): FileTree {
  const files = new Map<string, string>();
  for (const cluster of clusters) {
    const app = new App({ outdir: '.' });
    addClusterCharts(app, cluster);
    const header = `# Generated from ${displayPath(cluster.file)} by \`npm run synth\`. Edit the config, not this file.\n`;
    for (const [name, text] of renderCharts(app, header)) files.set(`${cluster.name}/${name}`, text);
  }
  return files;
}

/** The config path relative to the project (deterministic across checkouts), else its file name. */
function displayPath(file: string): string {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') || isAbsolute(path) ? basename(file) : path.split(sep).join('/');
}

/**
 * Validates every config, renders every cluster, and only then publishes to distDir. Any error
 * leaves distDir exactly as it was. Returns the process exit code.
 */
export function runSynth(options: SynthOptions): number {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const underCli = options.stagingDir !== undefined;
  const fail = (lines: string[]): number => {
    for (const line of lines) log(line);
    log(`synth failed: ${options.distDir}/ was left unchanged.`);
    // Under `cdk8s synth`, a non-zero exit makes the CLI print a stack trace of its own. Leaving its
    // (already deleted) output folder absent makes it exit 1 with a one-line error instead.
    return underCli ? 0 : 1;
  };

  const loaded = loadConfigDir(options.configDir);
  for (const warning of loaded.warnings) log(`warning: ${formatDiagnostic(warning)}`);
  if (loaded.errors.length) {
    return fail([...loaded.errors.map((e: Diagnostic) => `error: ${formatDiagnostic(e)}`), `${loaded.errors.length} error(s) in ${options.configDir}/.`]);
  }

  let files: FileTree;
  try {
    files = renderClusters(loaded.clusters, options.addClusterCharts);
    if (options.stagingDir) writeTree(options.stagingDir, files);
  } catch (e) {
    return fail([`error: ${(e as Error).message}`]);
  }
  const report = syncTree(options.distDir, files);
  const changes = [...report.written.map((f) => `  wrote ${f}`), ...report.removed.map((f) => `  removed ${f}`)];
  for (const line of changes) log(line);
  log(`synth: ${loaded.clusters.length} cluster(s), ${files.size} file(s) in ${options.distDir}/ (${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged).`);
  return 0;
}
