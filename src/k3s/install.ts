import { createHash } from 'node:crypto';
import { Dirent, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { dns1123Label } from '../config/formats';
import { nodeFileSystem, writeAtomically } from '../output/file-system';

/**
 * `npm run k3s:install -- --cluster <name> [--dir <manifests dir>] [--dry-run]`: copies the
 * manifests of dist/<cluster>/ into the folder K3s auto-deploys from. It changes or removes only
 * files it wrote itself (listed in a dotfile ownership record), writes every file atomically, and
 * writes nothing when nothing changed.
 */

/** The folder every K3s server applies manifests from. */
export const DEFAULT_MANIFESTS_DIR = '/var/lib/rancher/k3s/server/manifests';

const USAGE = 'usage: npm run k3s:install -- --cluster <name> [--dir <manifests dir>] [--dry-run]';

/**
 * AddOn names of K3s' packaged components: K3s rewrites their files at every start, and
 * `--disable <name>` (servicelb is disabled for kube-vip) deletes any file of that name.
 */
const K3S_ADDONS = new Set(['ccm', 'coredns', 'gateway-api-crd', 'local-storage', 'metrics-server', 'rolebindings', 'runtimes', 'servicelb', 'traefik']);

/** dist/<cluster>/ files that are not manifests to install. */
const NOT_MANIFESTS = new Set(['kustomization.yaml']);

/** A Kubernetes object a manifest declares. */
export interface ObjectRef {
  /** API group, '' for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
}

/** The manifests folder as it is now; what `planInstall` reads instead of the disk. */
export interface TargetFolder {
  /** Every file and symlink below the folder, relative with `/`. */
  readonly paths: readonly string[];
  /** Text of its top-level regular `*.yaml` files and ownership records. */
  readonly texts: ReadonlyMap<string, string>;
}

export interface InstallInput {
  readonly cluster: string;
  /** Where the manifests come from, for messages, e.g. `dist/dev`. */
  readonly source: string;
  /** The manifests to install: file name -> text. */
  readonly manifests: ReadonlyMap<string, string>;
  readonly target: TargetFolder;
}

export type Action = 'create' | 'update' | 'remove' | 'unchanged';

export interface PlanEntry {
  readonly action: Action;
  /** File name in the manifests folder. */
  readonly file: string;
  /** The text to write, for create and update. */
  readonly text?: string;
  /**
   * For remove: the objects K3s leaves in the cluster that no installed manifest declares any
   * more; undefined when the old file is gone or is not valid YAML.
   */
  readonly leftovers?: readonly ObjectRef[];
  /** Something unusual about this file the user should know. */
  readonly note?: string;
}

export interface InstallPlan {
  readonly cluster: string;
  /** One entry per file installed now or before, sorted by file name. */
  readonly entries: readonly PlanEntry[];
  /** Problems that forbid installing; `applyInstall` refuses a plan that has any. */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** File name of the ownership record. */
  readonly recordFile: string;
  /** Owned file -> sha256, as the record lists them now. */
  readonly owned: ReadonlyMap<string, string>;
  /** The record's text now; undefined when there is none. */
  readonly currentRecordText?: string;
  /** The record's text after the install. */
  readonly recordText: string;
}

/** Writes a whole file; injectable so tests can interrupt a write. */
export type WriteFile = (path: string, text: string) => void;

export interface InstallOptions {
  readonly cluster: string;
  /** Folder of the synthesized `<cluster>/` folders. */
  readonly distDir: string;
  /** The K3s auto-deploy folder. */
  readonly manifestsDir: string;
  /** Print the plan and write nothing. */
  readonly dryRun: boolean;
  /** @default writeFileSync */
  readonly writeFile?: WriteFile;
  /** @default a line on stdout */
  readonly out?: (line: string) => void;
  /** @default a line on stderr */
  readonly err?: (line: string) => void;
}

/** Name of the dotfile (ignored by K3s) that lists the files a cluster's install owns. */
export function recordFileName(cluster: string): string {
  return `.k3s-vip-${cluster}.json`;
}

const RECORD_NAME = /^\.k3s-vip-(.+)\.json$/;

const recordSchema = z.object({
  files: z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** K3s' AddOn name of a file: the part of its name before the first dot. */
function addonName(fileName: string): string {
  return fileName.split('.')[0];
}

/** Whether K3s applies a file of this name (it skips dotfiles and other extensions). */
function appliedByK3s(fileName: string): boolean {
  return !fileName.startsWith('.') && /\.(ya?ml|json)$/i.test(fileName);
}

/** Why `name` cannot be installed, or undefined when it is a valid `<AddOn name>.yaml`. */
function fileNameProblem(name: string): string | undefined {
  if (!name.endsWith('.yaml')) return `${JSON.stringify(name)} is not a <name>.yaml file name`;
  const stem = name.slice(0, -'.yaml'.length);
  if (stem.includes('.')) {
    return `K3s names the AddOn after the part before the first dot (${JSON.stringify(addonName(name))}): use a name with one dot, <name>.yaml`;
  }
  const bad = dns1123Label(stem);
  if (bad) return `K3s uses the name before .yaml as AddOn name, and ${bad}`;
  if (K3S_ADDONS.has(stem)) {
    return `${JSON.stringify(stem)} is the AddOn of a K3s packaged component, which K3s rewrites or deletes: rename the chart`;
  }
  return undefined;
}

/** The record's text: deterministic, so an unchanged install compares equal and is not rewritten. */
function recordText(cluster: string, files: ReadonlyMap<string, string>): string {
  const sorted = Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)).map(([name, sha]) => [name, { sha256: sha }]));
  const about = `Files of this folder that \`npm run k3s:install -- --cluster ${cluster}\` (k3s-vip) installed; it changes or removes only these. K3s ignores dotfiles.`;
  return `${JSON.stringify({ about, cluster, files: sorted }, null, 2)}\n`;
}

/** Owned file -> sha256 from a record's text; throws a one-line message when it is not a valid record. */
function parseRecord(recordFile: string, text: string): Map<string, string> {
  const invalid = (why: string) =>
    new Error(`${recordFile} is not a valid ownership record (${why}): restore it, or delete it and move away the files it listed`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw invalid((e as Error).message);
  }
  const parsed = recordSchema.safeParse(data);
  if (!parsed.success) throw invalid('expected {"files": {"<name>.yaml": {"sha256": "<64 hex digits>"}}}');
  // A name that is not a plain manifest name (e.g. `../x.yaml`) would let the record remove files outside our own.
  const badName = Object.keys(parsed.data.files).find((name) => fileNameProblem(name));
  if (badName !== undefined) throw invalid(`it lists ${JSON.stringify(badName)}, which this command never writes`);
  return new Map(Object.entries(parsed.data.files).map(([name, { sha256: sha }]) => [name, sha]));
}

/** Which cluster's record claims each file, from every other valid record in the folder. */
function otherOwners(target: TargetFolder, ownRecord: string): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [name, text] of target.texts) {
    const cluster = RECORD_NAME.exec(name)?.[1];
    if (cluster === undefined || name === ownRecord) continue;
    try {
      for (const file of parseRecord(name, text).keys()) owners.set(file, cluster);
    } catch {
      // Someone else's broken record only loses us a better error message.
    }
  }
  return owners;
}

/**
 * The objects of a manifest as K3s reads it (documents split on `---`, `kind: List` expanded);
 * undefined when its YAML does not parse.
 */
export function objectsOf(text: string): ObjectRef[] | undefined {
  const refs: ObjectRef[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) return undefined;
    const value: unknown = doc.toJS();
    const list = value as { kind?: unknown; items?: unknown } | null;
    const items = typeof list?.kind === 'string' && list.kind.endsWith('List') && Array.isArray(list.items) ? list.items : [value];
    for (const item of items) {
      const { apiVersion, kind, metadata } = (item ?? {}) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
      if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof metadata?.name !== 'string') continue;
      const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
      const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
      refs.push({ group, kind, name: metadata.name, ...(namespace === undefined ? {} : { namespace }) });
    }
  }
  return refs;
}

/** Identity of an object across API versions. */
function objectKey(ref: ObjectRef): string {
  return [ref.group, ref.kind, ref.namespace ?? '', ref.name].join('/');
}

function shellWord(word: string): string {
  return /^[\w.:@/=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command that deletes one object, e.g. `kubectl delete daemonset.apps kube-vip-ds -n kube-system`. */
export function kubectlDelete(ref: ObjectRef): string {
  const resource = ref.group ? `${ref.kind.toLowerCase()}.${ref.group}` : ref.kind.toLowerCase();
  const namespace = ref.namespace === undefined ? '' : ` -n ${shellWord(ref.namespace)}`;
  return `kubectl delete ${resource} ${shellWord(ref.name)}${namespace}`;
}

/** Decides what an install does, from the manifests and a snapshot of the folder; reads and writes nothing. */
export function planInstall(input: InstallInput): InstallPlan {
  const { cluster, source, manifests, target } = input;
  const recordFile = recordFileName(cluster);
  const currentRecordText = target.texts.get(recordFile);
  const errors: string[] = [];
  const warnings: string[] = [];
  const base = { cluster, recordFile, currentRecordText, warnings };

  let owned: Map<string, string>;
  try {
    owned = currentRecordText === undefined ? new Map() : parseRecord(recordFile, currentRecordText);
  } catch (e) {
    return { ...base, entries: [], errors: [(e as Error).message], owned: new Map(), recordText: currentRecordText ?? '' };
  }

  const declared = new Set<string>();
  for (const [name, text] of manifests) {
    const problem = fileNameProblem(name);
    if (problem) errors.push(`${source}/${name} cannot be installed: ${problem}`);
    const objects = objectsOf(text);
    if (!objects) errors.push(`${source}/${name} is not valid YAML: run \`npm run synth\``);
    for (const ref of objects ?? []) declared.add(objectKey(ref));
  }

  // Files of one AddOn overwrite each other's objects, so a foreign file may not share an AddOn
  // name with ours, wherever it is in the folder; a foreign file of our exact name is never overwritten.
  const ours = new Map([...manifests.keys()].map((name) => [addonName(name), name]));
  const owners = otherOwners(target, recordFile);
  for (const path of target.paths) {
    if (owned.has(path)) continue;
    const fileName = path.split('/').pop() ?? path;
    if (fileName.endsWith('.skip') && manifests.has(fileName.slice(0, -'.skip'.length))) {
      warnings.push(`${path} exists, so K3s ignores ${fileName.slice(0, -'.skip'.length)}: delete the .skip file for K3s to apply it`);
    }
    const mine = appliedByK3s(fileName) ? ours.get(addonName(fileName)) : undefined;
    if (mine === undefined) continue;
    const owner = owners.get(path);
    if (owner !== undefined) {
      errors.push(`${path} belongs to the install of cluster "${owner}" (${recordFileName(owner)}): a K3s server belongs to one cluster; install "${cluster}" into another --dir`);
    } else if (path === mine) {
      errors.push(`${path} already exists and was not installed by this command (it is not in ${recordFile}): move it away; it is never overwritten`);
    } else {
      errors.push(`${path} is K3s AddOn "${addonName(fileName)}" too, like the ${mine} to install, and files of one AddOn overwrite each other's objects: rename or move it away`);
    }
  }

  const entries: PlanEntry[] = [];
  for (const file of [...new Set([...manifests.keys(), ...owned.keys()])].sort()) {
    const text = manifests.get(file);
    const current = target.texts.get(file);
    const recorded = owned.get(file);
    const editedNote = current !== undefined && recorded !== undefined && sha256(current) !== recorded
      ? 'changed by hand since the last install' : undefined;
    if (text === undefined) {
      // K3s keeps applied objects when their file goes; those another manifest now declares must stay.
      const leftovers = current === undefined ? undefined : objectsOf(current)?.filter((ref) => !declared.has(objectKey(ref)));
      const note = current === undefined ? 'already gone, so its objects cannot be listed' : editedNote;
      entries.push({ action: 'remove', file, leftovers, ...(note ? { note } : {}) });
    } else if (current === undefined) {
      entries.push({ action: 'create', file, text });
    } else if (current === text) {
      entries.push({ action: 'unchanged', file });
    } else {
      entries.push({ action: 'update', file, text, ...(editedNote ? { note: `${editedNote}; that change is replaced` } : {}) });
    }
  }
  const files = new Map([...manifests].map(([name, text]) => [name, sha256(text)]));
  return { ...base, entries, errors, owned, recordText: recordText(cluster, files) };
}

/**
 * Carries out a plan in `dir` and returns how many files it wrote or removed. A failure part-way
 * leaves every file whole and the record true.
 */
export function applyInstall(dir: string, plan: InstallPlan, writeFile: WriteFile = writeFileSync): number {
  if (plan.errors.length) throw new Error(`the plan has ${plan.errors.length} error(s); nothing was written`);
  let changes = 0;
  let record = plan.currentRecordText;
  const replace = (name: string, text: string) => {
    writeAtomically(join(dir, name), text, { ...nodeFileSystem, writeNewFile: writeFile });
    if (name === plan.recordFile) record = text;
    changes++;
  };
  const creates = plan.entries.filter((entry) => entry.action === 'create' && entry.text !== undefined);
  if (creates.length) {
    // Claim new files before writing them: were the install stopped in between, the next run would
    // otherwise take them for someone else's and refuse to touch them.
    const claimed = new Map([...plan.owned, ...creates.map((entry): [string, string] => [entry.file, sha256(entry.text ?? '')])]);
    replace(plan.recordFile, recordText(plan.cluster, claimed));
  }
  for (const entry of plan.entries) {
    if (entry.text !== undefined) replace(entry.file, entry.text);
    if (entry.action === 'remove') {
      rmSync(join(dir, entry.file), { force: true });
      changes++;
    }
  }
  if (plan.recordText !== record) replace(plan.recordFile, plan.recordText);
  return changes;
}

/** The plan as lines for the terminal, ending with the `kubectl delete` commands removals call for. */
export function formatPlan(plan: InstallPlan): string[] {
  const lines = plan.entries.map((entry) => `  ${entry.action.padEnd(9)} ${entry.file}${entry.note ? ` (${entry.note})` : ''}`);
  const removed = plan.entries.filter((entry) => entry.action === 'remove');
  if (removed.length) {
    lines.push('K3s does not delete the objects of a removed manifest: they stay in the cluster until you delete them:');
    for (const entry of removed) {
      lines.push(`  # ${entry.file}`);
      if (entry.leftovers === undefined) lines.push('  # (objects unknown: list them with `kubectl get` and delete them by hand)');
      else if (entry.leftovers.length === 0) lines.push('  # (nothing to delete: other manifests declare all of its objects)');
      // Dependants first: a file lists RBAC before the workload that uses it.
      lines.push(...[...(entry.leftovers ?? [])].reverse().map((ref) => `  ${kubectlDelete(ref)}`));
    }
  }
  return lines;
}

function count(plan: InstallPlan, action: Action): number {
  return plan.entries.filter((entry) => entry.action === action).length;
}

/** The manifests of dist/<cluster>/: its top-level `*.yaml` files except kustomization.yaml. */
export function readManifests(distDir: string, cluster: string): Map<string, string> {
  const folder = join(distDir, cluster);
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.yaml') && !e.name.startsWith('.') && !NOT_MANIFESTS.has(e.name))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    let known: string[] = [];
    try {
      known = readdirSync(distDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    } catch {
      // No dist folder at all: the message below covers it.
    }
    const clusters = known.length ? `synthesized clusters: ${known.join(', ')}` : `${distDir}/ holds no cluster`;
    throw new Error(`--cluster ${cluster}: ${folder}/ does not exist (${clusters}); add config/${cluster}.yaml and run \`npm run synth\``);
  }
  if (!names.length) throw new Error(`${folder}/ holds no manifests (*.yaml): run \`npm run synth\``);
  return new Map(names.map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
}

/** Snapshot of the manifests folder for `planInstall`. */
export function readTarget(dir: string): TargetFolder {
  let stat;
  try {
    stat = statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw new Error(`--dir ${dir}: permission denied; run as root (sudo)`);
    if (code !== 'ENOENT') throw e;
    throw new Error(`--dir ${dir}: no such folder; K3s creates ${DEFAULT_MANIFESTS_DIR} when a server starts: run this on a K3s server or pass --dir`);
  }
  if (!stat.isDirectory()) throw new Error(`--dir ${dir}: is not a folder; expected the K3s manifests folder`);
  // Unlike publish.ts' listFiles, symlinks count: a foreign link named like our file is never replaced.
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory());
  const pathOf = (entry: Dirent) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
  const texts = new Map(entries
    .filter((entry) => entry.isFile() && !pathOf(entry).includes('/') && (entry.name.endsWith('.yaml') || RECORD_NAME.test(entry.name)))
    .map((entry) => [entry.name, readFileSync(join(dir, entry.name), 'utf8')]));
  return { paths: entries.map(pathOf).sort(), texts };
}

/** Plans and (unless a dry run) applies an install; returns the process exit code. */
export function runInstall(options: InstallOptions): number {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { cluster, distDir, manifestsDir, dryRun } = options;
  let plan: InstallPlan;
  try {
    const badName = dns1123Label(cluster);
    if (badName) throw new Error(`--cluster: ${badName}; expected the name of a config/<cluster>.yaml`);
    const manifests = readManifests(distDir, cluster);
    plan = planInstall({ cluster, source: join(distDir, cluster), manifests, target: readTarget(manifestsDir) });
  } catch (e) {
    err(`error: ${(e as Error).message}`);
    return 1;
  }
  if (plan.errors.length) {
    for (const error of plan.errors) err(`error: ${error}`);
    err(`k3s:install: nothing was written to ${manifestsDir}.`);
    return 1;
  }
  out(`${dryRun ? 'Dry run: would install' : 'Installing'} ${join(distDir, cluster)}/ into ${manifestsDir}:`);
  for (const line of formatPlan(plan)) out(line);
  for (const warning of plan.warnings) err(`warning: ${warning}`);
  const counts = `${count(plan, 'create')} create, ${count(plan, 'update')} update, ${count(plan, 'remove')} remove, ${count(plan, 'unchanged')} unchanged`;
  if (dryRun) {
    out(`Dry run: ${counts}; nothing was written.`);
    return 0;
  }
  let changes: number;
  try {
    changes = applyInstall(manifestsDir, plan, options.writeFile);
  } catch (e) {
    err(`error: ${(e as Error).message}`);
    err(`k3s:install stopped part-way: every file in ${manifestsDir} is whole (old or new); run it again to finish.`);
    return 1;
  }
  out(changes === 0
    ? `Nothing to do: ${plan.entries.length} file(s) unchanged; nothing was written.`
    : `Done: ${counts}.`);
  return 0;
}

/** The command line's options; throws a one-line message (with the usage) when they are wrong. */
export function parseInstallArgs(args: readonly string[]): Pick<InstallOptions, 'cluster' | 'manifestsDir' | 'dryRun'> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { 'cluster': { type: 'string', multiple: true }, 'dir': { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new Error(`${(e as Error).message.replace(/\s+/g, ' ').replace(/\.$/, '')}; ${USAGE}`);
  }
  const single = (flag: 'cluster' | 'dir', list: string[] | undefined): string | undefined => {
    if (list && list.length > 1) throw new Error(`--${flag} is given ${list.length} times (${list.join(', ')}): expected one; ${USAGE}`);
    if (list?.[0] === '') throw new Error(`--${flag} is empty; ${USAGE}`);
    return list?.[0];
  };
  const cluster = single('cluster', values.cluster);
  if (cluster === undefined) throw new Error(`--cluster is missing: name the cluster to install, e.g. --cluster dev; ${USAGE}`);
  return { cluster, manifestsDir: single('dir', values.dir) ?? DEFAULT_MANIFESTS_DIR, dryRun: values['dry-run'] ?? false };
}

/** Entry point of `npm run k3s:install` (through scripts/app.js). */
export function main(args: string[]): void {
  let parsed;
  try {
    parsed = parseInstallArgs(args);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  process.exitCode = runInstall({ ...parsed, distDir: process.env.K3S_VIP_DIST_DIR ?? 'dist' });
}
