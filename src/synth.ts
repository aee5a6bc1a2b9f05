import { readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { App } from 'cdk8s';
import { clusterNames } from './config/cluster-files';
import { exampleLeftovers } from './config/example-copy';
import { leftoverCopyWarnings } from './config/interrupted-new';
import { Diagnostic, formatDiagnostic, LoadedCluster, loadConfigDir } from './config/load';
import { generatedHeader } from './docs/cluster-documents';
import { kustomization } from './gitops/kustomization';
import { addonFileNameProblem } from './k3s/addon-name';
import { renderCharts } from './output/render';
import { describeFileError, nodeFileSystem } from './output/file-system';
import { createdFolders, outputFolder, removeEmptyFolders } from './output/output-folder';
import { LockError, LockReleaseError, lockFileProblem, withFolderLock } from './output/lock';
import { completedOutcome, distOutcome } from './output/dist-outcome';
import { AS_IT_STANDS_AND_TO_BE_WRITTEN, changeCount, secretLineNotes, tooLargeToShow, unifiedDiff, WRITTEN_SECRET } from './output/diff';
import { FilePatch, hiddenLineWarnings, printedPatch } from './output/dry-run-diff';
import {
  FileTree,
  GENERATED_LIST,
  planSync,
  PublishError,
  PublishOutcome,
  PublishScope,
  SyncPlan,
  SyncReport,
  syncTree,
  withGeneratedList,
} from './output/publish';
import { argumentSecrets, redactMessage } from './core/redact-message';
import { secretValues } from './core/secrets';
import { mayQuote } from './core/quotable';
import { oneLine, printable } from './core/problem';
import { fileRedaction, findingCounts, secretsInFiles, withRefusal } from './output/secret-gate';
import { gateFindingLines } from './output/gate-sources';
import { gateFilesOf } from './output/construct-gate';
import { earlierReaderPasses } from './output/reader-passes';
import { useEarlierPasses } from './core/secrets-memo';
import { ownFoldersProblem } from './output/own-folders';
import { emptiedConfigProblem, noClusterYet } from './output/emptied-config';
import { RenderedFile, yamlStreams } from './output/yaml-streams';
import { formatViolation, validateManifests } from './validate/conformance';
import { PROJECT_ROOT } from './output/cache-folder';
import { defaultPathElsewhere } from './gitops/default-path';
import { removeOtherStagingCopy, stagingEpilogue, stagingRefusal, writeStagingCopy } from './output/staging-folder';
import { launcherGone, launcherGuard } from './output/launcher';

export { parseSynthArgs } from './synth-args';

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
  /**
   * Synthesize only these clusters (`--cluster`): the other clusters' folders and their entries in the
   * generated list stay exactly as they are.
   * @default - every cluster of configDir
   */
  readonly clusters?: readonly string[];
  /** Where `clusters` came from, as messages name it (`K3S_VIP_CLUSTERS`). @default "--cluster" */
  readonly clustersFrom?: string;
  /**
   * Write nothing; print a unified diff of what would change in distDir on `out` (`--dry-run`).
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Where a dry run's diff goes.
   * @default process.stdout
   */
  readonly out?: (line: string) => void;
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

/**
 * Renders every cluster in memory: `<cluster>/<file>` -> text. `rendered`, when given, receives the objects
 * each chart's file was written from (yaml-streams.ts reads those instead of parsing the text back).
 */
export function renderClusters(clusters: readonly LoadedCluster[], wiring: ClusterWiring, rendered?: Map<string, RenderedFile>): FileTree {
  const files = new Map<string, string>();
  for (const cluster of clusters) {
    const source = displayPath(cluster.file);
    const header = generatedHeader(source);
    const put = (path: string, text: string, documents?: unknown[]) => {
      files.set(`${cluster.name}/${path}`, text);
      if (documents) rendered?.set(`${cluster.name}/${path}`, { text, documents });
    };

    const manifests = new App({ outdir: '.' });
    gateFilesOf(manifests);
    wiring.addClusterCharts(manifests, cluster);
    const charts = renderCharts(manifests, header);
    for (const [name] of charts) {
      // Chart ids come from code, not config: a bad one is a bug, caught here rather than at install.
      const problem = addonFileNameProblem(name);
      if (problem) throw new Error(`${cluster.name}/${name}: the chart id is the K3s AddOn name, but ${problem}`);
    }
    for (const [name, text, documents] of charts) put(name, text, documents);
    put('kustomization.yaml', `${header}${kustomization(charts.map(([name]) => name))}`);

    const gitops = new App({ outdir: '.' });
    gateFilesOf(gitops);
    wiring.addGitOpsCharts(gitops, cluster);
    for (const [name, text, documents] of renderCharts(gitops, header)) put(`gitops/${name}`, text, documents);

    for (const [path, text] of wiring.clusterDocuments(
      cluster,
      source,
      charts.map(([name]) => name),
    ))
      put(path, text);
  }
  return files;
}

/** A config file as a message names it: as every config diagnostic does (config/load.ts formatDiagnostic), not as a header (81a-13). */
const shownConfigFile = (file: string): string => printable(file);

/** One `error:` line per line of a message that names several problems. */
const errorLines = (message: string) => message.split('\n').map((line) => `error: ${line}`);

/** The config path relative to the project (the same across checkouts and from whatever folder a command runs), else its file name. */
function displayPath(file: string): string {
  const path = relative(PROJECT_ROOT, resolve(file));
  // Written into every file's header: a folder named like a secret (`db_password=abc/dev.yaml`) is left out.
  return path.startsWith('..') || isAbsolute(path) || !mayQuote(path) ? basename(file) : path.split(sep).join('/');
}

/**
 * Validates the configs, renders the clusters, and only then publishes to distDir while holding its
 * lock (output/lock.ts), as one transaction (output/publish.ts). Any refusal leaves distDir exactly
 * as it was; a dry run writes nothing at all (no folder, no lock) and prints the diff instead.
 * Returns the process exit code.
 */
export function runSynth(options: SynthOptions): number {
  // The readers' passes of earlier synths (output/reader-passes.ts), kept only from a run that completes.
  const passes = earlierReaderPasses();
  const run = { refused: false };
  useEarlierPasses(passes);
  try {
    const code = synthesizeOnce(options, run);
    if (!run.refused) passes.save();
    return code;
  } finally {
    useEarlierPasses(undefined);
  }
}

function synthesizeOnce(options: SynthOptions, run: { refused: boolean }): number {
  const write = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { configDir, distDir, dryRun = false } = options;
  // The last guard: no line this command prints carries a secret-shaped value, nor what the folders and cluster
  // names it was given may hold (`--cluster password=abc`, a folder `db_password=abc`). Each message is one line
  // too, whatever a path or value holds (paths are quoted where they appear: printable).
  const given = givenSecrets(options);
  const log = (line: string) => write(oneLine(redactMessage(line, given)));
  // Without trailing slashes, so `${shownDist}/` is `/` for the root, never `//`.
  const [shownDist, shownConfig] = [printable(distDir.replace(/\/+$/, '')), printable(configDir)];
  const underCli = options.stagingDir !== undefined;
  // Under a bare `cdk8s synth` the CLI speaks after us; say what its last lines mean.
  const cliEpilogue = underCli && !process.env.K3S_VIP_QUIET_CLI;
  let stagingChecked = false;
  const fail = (lines: string[], outcome: PublishOutcome = { changes: [], rolledBack: 0 }): number => {
    run.refused = true;
    for (const line of lines) log(line);
    for (const change of outcome.changes) log(`  ${change}`);
    // A dry run ends as its other refusals do: it wrote nothing, and dist/ may not exist (74a-15).
    if (dryRun) log('synth --dry-run: a synth would refuse this; nothing was written.');
    else
      log(
        `synth failed: ${distOutcome(shownDist, outcome)}${cliEpilogue ? ' (cdk8s then says the app did not create its staging folder: that is this refusal.)' : ''}`,
      );
    // Under `cdk8s synth` a non-zero exit makes the CLI print a trace; its output folder left absent gives one line and
    // exit 1, so a copy another bare `cdk8s synth` put there goes (69c-8). Only once the folder is known to be a staging area.
    if (underCli && stagingChecked) removeOtherStagingCopy(options.stagingDir!);
    return underCli ? 0 : 1;
  };

  // Compared as real paths: a link must not smuggle the config folder into the output folder, nor it into this project.
  const folders = ownFoldersProblem(configDir, distDir);
  if (folders) return fail([`error: ${folders}`]);
  // `cdk8s synth -o dist` (or config, src): the CLI has deleted that folder already; say so, write nothing (57b-1).
  const staged = underCli ? stagingRefusal(options.stagingDir!, configDir, distDir) : undefined;
  stagingChecked = !staged;
  if (staged) {
    for (const line of staged) log(line);
    return 0;
  }
  const names = clusterNames(configDir);
  const only = options.clusters?.length ? new Set(options.clusters) : undefined;
  const unknown = names && only ? [...only].filter((name) => !names.includes(name)) : [];
  if (unknown.length) {
    // A cluster named like a secret (`token-zq8v…`, which loading refuses) is listed blanked (57a-8).
    const listed = redactMessage(names!.join(', '), names!.flatMap(secretValues));
    const known = names!.length ? `its clusters are ${listed}` : 'it holds none yet (`npm run new -- <name>`)';
    return fail([
      `error: ${options.clustersFrom ?? '--cluster'} ${unknown.join(', ')}: there is no ${shownConfig}/${unknown[0]}.yaml; ${known}`,
    ]);
  }
  for (const line of leftoverCopyWarnings(configDir, shownConfig)) log(line);
  let clusters: LoadedCluster[] = [];
  if (names?.length === 0) {
    // No config left, yet clusters in dist/: refused, not all removed (output/emptied-config.ts).
    const emptied = emptiedConfigProblem(distDir, shownConfig, shownDist);
    if (emptied) {
      if (!dryRun) return fail([`error: ${emptied}`]);
      log(`error: ${emptied}`);
      log('synth --dry-run: a synth would refuse this; nothing was written.');
      return 1;
    }
    log(noClusterYet(configDir, shownConfig));
  } else {
    const loaded = loadConfigDir(configDir, only);
    for (const warning of loaded.warnings) log(`warning: ${formatDiagnostic(warning)}`);
    if (loaded.errors.length) {
      return fail([
        ...loaded.errors.map((e: Diagnostic) => `error: ${formatDiagnostic(e)}`),
        // Not when the folder itself is the problem (a device, a file): no file in it was read (74a-15).
        ...(loaded.errors.some((e) => e.file !== configDir) ? [`${loaded.errors.length} error(s) in ${shownConfig}/.`] : []),
      ]);
    }
    clusters = loaded.clusters;
    for (const cluster of clusters) {
      const gitOpsPath = defaultPathElsewhere(cluster.name, cluster.config.gitops, distDir, PROJECT_ROOT);
      if (gitOpsPath) log(`warning: ${printable(displayPath(cluster.file))}: ${printable(gitOpsPath)}`);
      const left = exampleLeftovers(cluster.file, readText(cluster.file));
      if (left) {
        log(
          `warning: ${printable(displayPath(cluster.file))}:${left.line}: still holds values of ${left.example}: ${left.values.join(', ')}: ` +
            `set your own, or delete line ${left.line} ("# Copied from ...") if they are yours`,
        );
      }
    }
  }

  let files: FileTree;
  try {
    const rendered = new Map<string, RenderedFile>();
    files = withGeneratedList(renderClusters(clusters, options.wiring, rendered));
    // The config rules refuse secrets already; this gate holds whatever a bug or a new key lets through.
    // Both read each YAML file as data: the objects a chart's file was written from, else one parse.
    const streams = yamlStreams(rendered);
    const secrets = secretsInFiles(files, streams);
    if (secrets.length) {
      const refusal = `no secret may be written to ${shownDist}/ (it is committed to Git): keep it in a Kubernetes Secret and reference it`;
      const configOf = (name: string) => clusters.find((cluster) => cluster.name === name)?.file;
      return fail([
        // A generated file is not the user's to edit: the config values its text came from are named (57a-9).
        // Each config place on its own line, as the config's own refusals are (77a-16).
        ...new Set(
          secrets.flatMap((line) => gateFindingLines(line, `${shownDist}/${withRefusal(line, refusal)}`, files, configOf, shownConfigFile)),
        ),
        `${findingCounts(secrets)} in the output.`,
      ]);
    }
    const violations = validateManifests(files, streams);
    if (violations.length) {
      return fail([
        ...violations.map((v) => `error: ${shownDist}/${formatViolation(v)}`),
        `${violations.length} conformance violation(s).`,
      ]);
    }
  } catch (e) {
    return fail(errorLines((e as Error).message));
  }
  const scope = only && new Set(clusters.map((cluster) => cluster.name));
  // Nothing to publish and nothing published before: leave the output folder uncreated.
  if (!clusters.length && !hasGeneratedList(distDir)) {
    if (dryRun) log(`synth --dry-run: nothing would be written to ${shownDist}/; nothing was written.`);
    else if (options.stagingDir) writeStagingCopy(options.stagingDir, files);
    return 0;
  }
  if (dryRun) return showDryRun(options, files, scope, log, () => logFailurePoints(clusters, options.wiring, log));
  // `npm run synth` killed (SIGKILL) while this app ran: publish nothing after the command ended (57b-2).
  const gone = launcherGone();
  if (gone) return fail([`error: ${gone}`]);
  let report: SyncReport;
  let created: string | undefined;
  try {
    const output = outputFolder(distDir, true);
    created = output.created;
    const lock = { holder: 'synth', onStale: (note: string) => log(`note: ${note}`) };
    report = withFolderLock(output.dir, lock, () => syncTree(output.dir, files, launcherGuard(nodeFileSystem), scope));
  } catch (e) {
    // A dist/ this run created and left empty goes again, so "left unchanged" stays true.
    if (created) removeEmptyFolders(created, resolve(distDir));
    if (e instanceof PublishError) return fail(errorLines(e.message), e.outcome);
    // Published, but this run's lock is left in dist/ (69c-7): a failure, with every change listed.
    if (e instanceof LockReleaseError) return fail([`error: ${e.message}`], completedOutcome(e.result as SyncReport));
    if (e instanceof LockError) return fail([`error: ${e.message}`]);
    return fail([`error: cannot write ${shownDist}/: ${describeFileError(e)}`]);
  }
  let stagingCreated: string | undefined;
  if (options.stagingDir) {
    // dist/ is complete; only the CLI's copy is not. Without its folder the CLI exits 1 (see fail).
    const problem = writeStagingCopy(options.stagingDir, files, (first) => (stagingCreated = first));
    if (problem) {
      return fail([`error: cannot write the cdk8s staging copy ${printable(options.stagingDir)}/: ${problem}`], completedOutcome(report));
    }
  }
  for (const warning of report.warnings) log(`warning: ${warning}`);
  logFailurePoints(clusters, options.wiring, log);
  for (const line of [...report.written.map((f) => `  wrote ${f}`), ...report.removed.map((f) => `  removed ${f}`)]) log(line);
  const others = scope ? `; other clusters left as they are` : '';
  log(
    `synth: ${clusters.length} cluster(s)${scope ? ` (${[...scope].join(', ')})` : ''}, ${files.size} file(s) in ${shownDist}/ ` +
      `(${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged${others})` +
      `${created ? `; created ${createdFolders(created, resolve(distDir))}` : ''}.` +
      `${cliEpilogue ? stagingEpilogue(options.stagingDir!, stagingCreated) : ''}`,
  );
  return 0;
}

/**
 * `--dry-run`: the unified diff of what a synth would change in distDir, on `out`; warnings and a
 * summary on `log`. Reads only: no folder, lock or temporary file is created. Exit code 1 when a synth
 * would refuse (the reason is logged).
 */
function showDryRun(
  options: SynthOptions,
  files: FileTree,
  scope: PublishScope,
  log: (line: string) => void,
  logWarnings: () => void,
): number {
  const write = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  // The diff shows dist/'s old text too: it passes the same guard as every message.
  const { distDir } = options;
  const given = givenSecrets(options);
  const shownDist = printable(distDir.replace(/\/+$/, ''));
  let plan: SyncPlan;
  const patches: FilePatch[] = [];
  // 73b-7: the lines of dist/'s files as they stand that hold a secret (a hand edit), named after the patch.
  const noted: string[] = [];
  try {
    const dist = outputFolder(distDir, false).dir;
    const wrongLock = lockFileProblem(dist);
    if (wrongLock) throw new PublishError(wrongLock);
    plan = planSync(dist, files, nodeFileSystem, scope);
    const shown = (path: string) => printable(`${distDir.replace(/\/+$/, '')}/${path}`.replace(/^\.\//, ''));
    const changes: Array<[string, string | undefined, string | undefined]> = [
      ...plan.writes.map(([path, text, old]): [string, string | undefined, string | undefined] => [path, old, text]),
      ...plan.removals.map((path): [string, string | undefined, string | undefined] => [
        path,
        readFileSync(join(dist, path), 'utf8'),
        undefined,
      ]),
      ...(plan.oldList === plan.finalList ? [] : [[GENERATED_LIST, plan.oldList, plan.finalList] as [string, string | undefined, string]]),
    ];
    // dist/'s old text may hold a secret (a hand edit), in a file that may no longer parse: both sides are redacted as
    // whole texts, as `npm run check` does; one too large to show is counted, not read (81c-6, diff.ts).
    const shownChanges = changes.filter(([, before, after]) => !tooLargeToShow(before, after));
    const side = (pick: 1 | 2) => new Map(shownChanges.flatMap((c) => (c[pick] === undefined ? [] : [[c[0], c[pick]!]])));
    const redacted = fileRedaction(side(1), side(2));
    const hide = (text: string | undefined) => (text === undefined ? undefined : redacted(text));
    for (const [path, before, after] of changes.sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (tooLargeToShow(before, after)) {
        patches.push({ path: shown(path), lines: [`# ${shown(path)} ${changeCount(before, after, AS_IT_STANDS_AND_TO_BE_WRITTEN)}`] });
        continue;
      }
      const [shownBefore, shownAfter] = [hide(before), hide(after)];
      // A change only inside a secret leaves nothing to show: say so, not an empty patch.
      const lines =
        shownBefore === shownAfter
          ? [`# ${shown(path)} differs only inside values that are not shown (secrets)`]
          : unifiedDiff(shown(path), shownBefore, shownAfter);
      patches.push({ path: shown(path), lines });
      if (before !== undefined) noted.push(...secretLineNotes(before, shownBefore!).map((note) => `${shown(path)}: ${note}`));
      if (after !== undefined) noted.push(...secretLineNotes(after, shownAfter!, WRITTEN_SECRET).map((note) => `${shown(path)}: ${note}`));
    }
  } catch (e) {
    for (const line of errorLines(
      e instanceof PublishError ? e.message : `cannot read ${shownDist}/: ${describeFileError(e, true, 'read')}`,
    ))
      log(line);
    log('synth --dry-run: a synth would refuse this; nothing was written.');
    return 1;
  }
  // The printer (redactMessage: its value readers, a quoted value that looks generated) may hide a value the write gate
  // passed: it is hidden on every line of the patch, and the preview names the lines, not hides it silently (62a-3, 67a-22).
  const { lines, hidden } = printedPatch(patches, given);
  for (const line of lines) write(line);
  for (const warning of plan.warnings) log(`warning: ${warning}`);
  for (const warning of hiddenLineWarnings(hidden)) log(`warning: ${redactMessage(warning, given)}`);
  for (const note of noted) log(`warning: ${redactMessage(note, given)}`);
  logWarnings();
  const listChanges = plan.oldList === plan.finalList ? 0 : 1;
  log(
    `synth --dry-run: ${plan.writes.length + listChanges} file(s) would be written, ${plan.removals.length} removed, ` +
      `${plan.unchanged + 1 - listChanges} unchanged in ${shownDist}/${scope ? ` (only ${[...scope].join(', ')})` : ''}; nothing was written.`,
  );
  return 0;
}

/** Each cluster's single points of failure, as warnings. */
function logFailurePoints(clusters: readonly LoadedCluster[], wiring: ClusterWiring, log: (line: string) => void): void {
  for (const cluster of clusters) {
    for (const spof of wiring.singlePointsOfFailure?.(cluster) ?? [])
      log(`warning: ${printable(displayPath(cluster.file))}: single point of failure: ${spof}`);
  }
}

/** Whether a synth has published into `dir` before (it holds the generated list); true when that cannot be told. */
function hasGeneratedList(dir: string): boolean {
  try {
    return nodeFileSystem.lstat(join(dir, GENERATED_LIST)) !== undefined;
  } catch {
    return true;
  }
}

/** What the folders and cluster names a synth was given may hold: none at all for plain paths and names (the usual case). */
function givenSecrets({ configDir, distDir, clusters = [] }: SynthOptions): string[] {
  const given = [configDir, distDir, ...clusters];
  return given.every(mayQuote) ? [] : argumentSecrets(given);
}

/** A config's text as loaded a moment ago; empty when it is gone since (the warning it feeds is then moot). */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
