import { createHash } from 'node:crypto';
import { otherInstallProblem } from './other-install';
import { isMap, isScalar, isSeq, yaml } from '../core/yaml';
import { readYamlDocuments } from '../core/yaml-documents';
import { mayQuote } from '../core/quotable';
import { z } from 'zod';
import { redactMessage } from '../core/redact-message';
import { secretsInLines, secretValues } from '../core/secrets';
import { secretsInFiles, withRefusal } from '../output/secret-gate';
import { addonFileNameProblem, addonName } from './addon-name';

/**
 * What `npm run k3s:install` does, decided from the manifests and a snapshot of the K3s manifests
 * folder. Pure: reads and writes nothing (install-apply.ts reads the folders and carries a plan out).
 */

/** The file of dist/<cluster>/ whose `resources` are what gets installed. */
export const KUSTOMIZATION = 'kustomization.yaml';

/** A Kubernetes object a manifest declares. */
export interface ObjectRef {
  /** API group, '' for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
}

/** What stands at a path; `link` is a symbolic link, never followed. */
export type EntryKind = 'file' | 'folder' | 'link' | 'other';

/** The manifests folder as it is now; what `planInstall` reads instead of the disk. */
export interface TargetFolder {
  /** Every entry below the folder (links are not entered), relative with `/`. */
  readonly entries: ReadonlyMap<string, EntryKind>;
  /** Text of its top-level regular `*.yaml` files and ownership records. */
  readonly texts: ReadonlyMap<string, string>;
}

export interface InstallInput {
  readonly cluster: string;
  /** Where the manifests come from, for messages, e.g. `dist/dev`. */
  readonly source: string;
  /** The manifests the kustomization lists: file name -> text. */
  readonly manifests: ReadonlyMap<string, string>;
  /** Top-level YAML files of the source the kustomization does not list. */
  readonly unlisted?: readonly string[];
  readonly target: TargetFolder;
}

/** `leave`: an owned file to remove that is no longer what was installed; it stays, unrecorded. */
export type Action = 'create' | 'update' | 'remove' | 'leave' | 'unchanged';

export interface PlanEntry {
  readonly action: Action;
  /** File name in the manifests folder. */
  readonly file: string;
  /** The text to write, for create and update. */
  readonly text?: string;
  /** The file's text now, for update and remove: what a rollback puts back. */
  readonly previous?: string;
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
  /** The record's text now; undefined when there is none. */
  readonly currentRecordText?: string;
  /** The record while files are written: the current one plus, per file to write, the text coming (`pending`), so none is ever unclaimed. */
  readonly claimRecordText: string;
  /** The record's text after the install. */
  readonly recordText: string;
}

/** Name of the dotfile (ignored by K3s) that lists the files a cluster's install owns. */
function recordFileName(cluster: string): string {
  return `.k3s-vip-${cluster}.json`;
}

const RECORD_NAME = /^\.k3s-vip-(.+)\.json$/;

export function isRecordName(fileName: string): boolean {
  return RECORD_NAME.test(fileName);
}

const sha256Text = z.string().regex(/^[0-9a-f]{64}$/);
const objectRefSchema = z.object({ group: z.string(), kind: z.string(), name: z.string(), namespace: z.string().optional() });
/**
 * Per file: `sha256`, what an install finished writing; `pending`, what a running install is
 * writing there now; `removing`, the objects of a file a running install is removing. A run killed
 * half-way leaves these, so the next run knows either text for its own, never for a change by
 * hand, and can still list the objects of a file it already removed.
 */
const recordSchema = z.object({
  files: z.record(
    z.string(),
    z
      .object({ sha256: sha256Text.optional(), pending: sha256Text.optional(), removing: z.array(objectRefSchema).optional() })
      .refine((entry) => entry.sha256 || entry.pending),
  ),
});

/** A file's entry in the record: the texts (as sha256) an install wrote or is writing there, or the objects of one it is removing. */
interface Owned {
  readonly sha256?: string;
  readonly pending?: string;
  readonly removing?: readonly ObjectRef[];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Whether K3s applies a file of this name (it skips dotfiles and other extensions). */
function appliedByK3s(fileName: string): boolean {
  return !fileName.startsWith('.') && /\.(ya?ml|json)$/i.test(fileName);
}

/** The record's text: deterministic, so an unchanged install compares equal and is not rewritten. */
function recordText(cluster: string, files: ReadonlyMap<string, Owned>): string {
  const sorted = Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)));
  const about = `Files of this folder that \`npm run k3s:install -- --cluster ${cluster}\` (k3s-vip) installed; it changes or removes only these. K3s ignores dotfiles.`;
  return `${JSON.stringify({ about, cluster, files: sorted }, null, 2)}\n`;
}

/** Owned file -> its entry, from a record's text; throws a one-line message when it is not a valid record. */
function parseRecord(recordFile: string, text: string): Map<string, Owned> {
  const invalid = (why: string) =>
    new Error(`${recordFile} is not a valid ownership record (${why}): restore it, or delete it and move away the files it listed`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid('not JSON'); // JSON.parse's words quote the text, which a hand edit may have given a secret
  }
  const parsed = recordSchema.safeParse(data);
  if (!parsed.success) throw invalid('expected {"files": {"<name>.yaml": {"sha256": "<64 hex digits>"}}}');
  // A name that is not a plain manifest name (e.g. `../x.yaml`) would let the record remove files outside our own.
  const badName = Object.keys(parsed.data.files).find((name) => addonFileNameProblem(name));
  if (badName !== undefined) {
    throw invalid(redactMessage(`it lists ${JSON.stringify(badName)}, which this command never writes`, secretValues([badName])));
  }
  return new Map(Object.entries(parsed.data.files));
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
 * The file names a kustomization's `resources` lists, or one `file:line:col: key: message` error
 * per problem. Only plain `<name>.yaml` entries next to it are accepted: a path (`/`, `..`) or a
 * URL would make the install copy files from outside the cluster's own folder.
 */
export function kustomizationResources(path: string, text: string): { names: string[]; errors: string[] } {
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const pos = lines.linePos(offset ?? 0);
    return `${path}:${pos.line}:${pos.col}`;
  };
  const rerun = 'run `npm run synth` to write it again';
  if (doc.errors.length) {
    // The parser's words may quote the text (a block scalar header): shown only where mayQuote allows them and the line.
    const [{ message, pos }] = doc.errors;
    const words = message.split('\n')[0];
    const shown =
      mayQuote(words) && mayQuote(text.split('\n')[lines.linePos(pos[0]).line - 1] ?? '') ? `: ${words}` : ' (the line may hold a secret)';
    return { names: [], errors: [`${at(pos[0])}: invalid YAML${shown}; ${rerun}`] };
  }
  const resources = isMap(doc.contents) ? doc.contents.get('resources', true) : undefined;
  if (!isSeq(resources) || resources.items.length === 0) {
    return { names: [], errors: [`${at(doc.contents?.range?.[0])}: resources: expected a list of the manifests to install; ${rerun}`] };
  }
  const names: string[] = [];
  const errors: string[] = [];
  // An entry is echoed: one changed by hand may hold a secret (`--token=...`), which is never printed.
  const secrets = [...secretsInLines(text), ...secretValues(resources.items.map((item) => (isScalar(item) ? item.value : null)))];
  const shown = (value: unknown) => redactMessage(JSON.stringify(value ?? null), secrets);
  resources.items.forEach((item, i) => {
    const value = isScalar(item) ? item.value : undefined;
    const where = `${at(isScalar(item) ? item.range?.[0] : undefined)}: resources[${i}]`;
    if (typeof value === 'string' && /^kustomization\.ya?ml$/i.test(value)) {
      errors.push(`${where}: ${shown(value)} is the kustomization itself, not a manifest: K3s would apply it as one; ${rerun}`);
    } else if (typeof value !== 'string' || !/^[^/\\:]+\.yaml$/.test(value) || value.startsWith('.')) {
      errors.push(
        `${where}: ${shown(value)} is not a <name>.yaml file next to the kustomization, ` +
          `the only kind k3s:install copies (no paths, no URLs); ${rerun}`,
      );
    } else if (names.includes(value)) {
      errors.push(`${where}: ${shown(value)} is listed twice; ${rerun}`);
    } else {
      names.push(value);
    }
  });
  return { names, errors };
}

/**
 * The objects of a manifest as K3s reads it (documents split on `---`, `kind: List` expanded);
 * undefined when its YAML does not parse (a syntax error, or aliases past the reader's bound).
 */
export function objectsOf(text: string): ObjectRef[] | undefined {
  const refs: ObjectRef[] = [];
  for (const { data: value, error } of readYamlDocuments(text, 'strict').documents) {
    if (error) return undefined;
    const list = value as { kind?: unknown; items?: unknown } | null;
    const items = typeof list?.kind === 'string' && list.kind.endsWith('List') && Array.isArray(list.items) ? list.items : [value];
    for (const item of items) {
      const { apiVersion, kind, metadata } = (item ?? {}) as {
        apiVersion?: unknown;
        kind?: unknown;
        metadata?: { name?: unknown; namespace?: unknown };
      };
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

const KIND_WORDS: Record<Exclude<EntryKind, 'file'>, string> = { folder: 'a folder', link: 'a symbolic link', other: 'not a regular file' };

/** Decides what an install does, from the manifests and a snapshot of the folder; reads and writes nothing. */
export function planInstall(input: InstallInput): InstallPlan {
  const { cluster, source, manifests, target } = input;
  const recordFile = recordFileName(cluster);
  const currentRecordText = target.texts.get(recordFile);
  const errors: string[] = [];
  const warnings = (input.unlisted ?? []).map(
    (name) => `${source}/${name} is not listed in ${source}/${KUSTOMIZATION}, so it is not installed: delete it if it is a leftover`,
  );
  const refused = (error: string): InstallPlan => ({
    cluster,
    recordFile,
    currentRecordText,
    warnings,
    entries: [],
    errors: [error],
    claimRecordText: '',
    recordText: '',
  });

  // The same gate as synth's: a hand-edited dist/ must not carry a secret into the cluster's folder.
  const secrets = secretsInFiles(manifests);
  if (secrets.length) {
    return {
      ...refused(''),
      errors: secrets.map(
        (line) =>
          `${source}/${withRefusal(line, 'no secret may be installed from the repository: keep it in a Kubernetes Secret, run `npm run synth` again')}`,
      ),
    };
  }

  // Everything written must land on a regular file or on nothing: renaming over a folder fails
  // half-way, and over a link would replace somebody's link.
  const kindOf = (name: string) => target.entries.get(name) ?? 'absent';
  const recordKind = kindOf(recordFile);
  if (recordKind !== 'absent' && recordKind !== 'file') {
    return refused(`${recordFile} is ${KIND_WORDS[recordKind]}, where this command keeps its ownership record: move it away`);
  }
  let owned: Map<string, Owned>;
  try {
    owned = currentRecordText === undefined ? new Map() : parseRecord(recordFile, currentRecordText);
  } catch (e) {
    return refused((e as Error).message);
  }

  const declared = new Set<string>();
  for (const [name, text] of manifests) {
    const problem = addonFileNameProblem(name);
    if (problem) errors.push(`${source}/${name} cannot be installed: ${problem}`);
    const objects = objectsOf(text);
    if (!objects) errors.push(`${source}/${name} is not valid YAML: run \`npm run synth\``);
    for (const ref of objects ?? []) declared.add(objectKey(ref));
    const kind = kindOf(name);
    if (owned.has(name) && kind !== 'absent' && kind !== 'file') {
      errors.push(`${name} is ${KIND_WORDS[kind]}, where this command installed ${name} before: move it away`);
    }
  }

  // Files of one AddOn overwrite each other's objects, so a foreign file may not share an AddOn
  // name with ours, wherever it is in the folder; a foreign file of our exact name is never overwritten.
  const ours = new Map([...manifests.keys()].map((name) => [addonName(name), name]));
  /** The manifest the bootstrap runbook copies by hand onto the first server. */
  const KUBE_VIP_FILE = 'kube-vip.yaml';
  const owners = otherOwners(target, recordFile);
  const othersFiles = new Map<string, string[]>();
  for (const [path, kind] of target.entries) {
    if (owned.has(path)) continue;
    const fileName = path.split('/').pop() ?? path;
    if (fileName.endsWith('.skip') && manifests.has(fileName.slice(0, -'.skip'.length))) {
      warnings.push(`${path} exists, so K3s ignores ${fileName.slice(0, -'.skip'.length)}: delete the .skip file for K3s to apply it`);
    }
    const mine = appliedByK3s(fileName) ? ours.get(addonName(fileName)) : undefined;
    if (mine === undefined) continue;
    const owner = owners.get(path);
    if (owner !== undefined) othersFiles.set(owner, [...(othersFiles.get(owner) ?? []), path]);
    else if (path === mine && kind === 'file') {
      // Most often the runbook's hand copy of kube-vip.yaml: say how to hand it over.
      const same = target.texts.get(path) === manifests.get(mine) ? `, the same as ${source}/${mine},` : '';
      errors.push(
        `${path} already exists${same} and was not installed by this command (it is not in ${recordFile}), so it is never overwritten: ` +
          `if it is a copy made by hand (as the bootstrap runbook's ${KUBE_VIP_FILE}), delete it to hand it over (K3s keeps its objects) ` +
          'and run again; move anything else away',
      );
    } else if (path === mine) {
      errors.push(
        `${path} already exists (${KIND_WORDS[kind as Exclude<EntryKind, 'file'>]}) and was not installed by this command (it is not in ${recordFile}): move it away; it is never overwritten`,
      );
    } else if (kind !== 'folder') {
      errors.push(
        `${path} is K3s AddOn "${addonName(fileName)}" too, like the ${mine} to install, and files of one AddOn overwrite each other's objects: rename or move it away`,
      );
    }
  }

  for (const [owner, paths] of othersFiles) errors.push(otherInstallProblem(owner, recordFileName(owner), paths, cluster));
  const entries: PlanEntry[] = [];
  for (const file of [...new Set([...manifests.keys(), ...owned.keys()])].sort()) {
    const text = manifests.get(file);
    const current = target.texts.get(file);
    const recorded = owned.get(file);
    const edited = current !== undefined && recorded !== undefined && ![recorded.sha256, recorded.pending].includes(sha256(current));
    if (text !== undefined) {
      if (current === undefined) entries.push({ action: 'create', file, text });
      else if (current === text) entries.push({ action: 'unchanged', file });
      else {
        const note = edited ? { note: 'changed by hand since the last install; that change is replaced' } : {};
        entries.push({ action: 'update', file, text, previous: current, ...note });
      }
      continue;
    }
    const kind = kindOf(file);
    // Claimed by an install killed before it wrote the file: nothing to remove.
    if (kind === 'absent' && recorded?.sha256 === undefined) continue;
    if (edited || (kind !== 'absent' && kind !== 'file')) {
      // Somebody changed it since we installed it, so it is theirs now: deleting it would lose their
      // work. It leaves the record too, so no later run deletes or overwrites it without asking
      // (a manifest of that name again is refused as a foreign file until it is moved away).
      const why = edited ? 'was changed by hand since the last install' : `is now ${KIND_WORDS[kind as Exclude<EntryKind, 'file'>]}`;
      entries.push({ action: 'leave', file, note: `${why}: left in place and no longer recorded` });
      warnings.push(
        `${file} ${why}, so it is not removed, and K3s keeps applying it: ` +
          'delete it yourself, or move it out of the folder, if it should go',
      );
      continue;
    }
    // K3s keeps applied objects when their file goes; those another manifest now declares must stay.
    const objects = current === undefined ? recorded?.removing : objectsOf(current);
    const leftovers = objects?.filter((ref) => !declared.has(objectKey(ref)));
    const note =
      current !== undefined
        ? {}
        : { note: recorded?.removing ? 'already removed by an interrupted install' : 'already gone, so its objects cannot be listed' };
    entries.push({ action: 'remove', file, leftovers, previous: current, ...note });
  }
  // While files are written the record claims both what stands there and what is coming, so a run
  // killed after any rename leaves no file the next run would take for a change by hand.
  const claim = new Map(owned);
  for (const { action, file, text, previous } of entries) {
    if ((action === 'create' || action === 'update') && text !== undefined) {
      claim.set(file, { ...(previous === undefined ? {} : { sha256: sha256(previous) }), pending: sha256(text) });
    } else if (action === 'remove' && previous !== undefined) {
      claim.set(file, { sha256: sha256(previous), removing: objectsOf(previous) ?? [] });
    }
  }
  const writes = entries.some((entry) => entry.previous !== undefined || entry.text !== undefined);
  return {
    cluster,
    recordFile,
    currentRecordText,
    warnings,
    entries,
    errors,
    claimRecordText: writes ? recordText(cluster, claim) : (currentRecordText ?? ''),
    recordText: recordText(cluster, new Map([...manifests].map(([name, text]) => [name, { sha256: sha256(text) }]))),
  };
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

/** `1 create, 0 update, …` for the summary line. */
export function countActions(plan: InstallPlan): string {
  const actions: Action[] = ['create', 'update', 'remove', 'leave', 'unchanged'];
  return actions
    .filter((action) => action !== 'leave' || plan.entries.some((entry) => entry.action === 'leave'))
    .map((action) => `${plan.entries.filter((entry) => entry.action === action).length} ${action}`)
    .join(', ');
}
