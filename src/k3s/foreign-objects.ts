import { join } from 'node:path';
import { addonName } from './addon-name';
import { InstallPlan, ObjectRef, objectsOf, TargetFolder } from './install-plan';
import { MAX_ENTRIES, readRegularFile, walkManifestsTree } from './manifests-tree';

/**
 * Round 35b-11, 36b-8, 36b-9: another file of the tree K3s walks (one this tool did not install) that declares an
 * object the install writes, or shares an AddOn name with one of its files. K3s applies every `*.yaml`/`*.yml`/`*.json`
 * of its manifests folder, at any depth, following links as manifests-tree.ts says, as the AddOn named after the file
 * name up to its first dot, skipping dotfiles and any file whose name has a `<name>.skip` in the tree (k3s-io/k3s
 * pkg/deploy/controller.go, `listFilesIn`, `walkFiles` and `shouldSkipFile`); two AddOns declaring one object overwrite
 * each other on every apply, so the last applied wins. Such a file is refused; one this tool cannot parse, that names
 * such an object, is warned about. The tree is the one from the manifests root `--dir` lies in (manifestsRootOf), so a
 * `--dir` inside the K3s folder is judged against its parent and siblings too.
 *
 * Each file is first searched for an object's kind and name as plain text after undoing the escapes a JSON or
 * double-quoted YAML string may spell them with (`normalised`), and parsed only when both occur: a folder of many or
 * huge files costs one read each, and no spelling the YAML reader decodes escapes the search. Nothing of a file's text
 * is ever printed.
 */

/** Files larger than this are not parsed (the YAML reader takes seconds on a megabyte): warned about when they name an object. */
const MAX_PARSE_CHARS = 256 * 1024;

/** The file names K3s applies (controller.go `shouldSkipFile`: no dotfile, a yaml/yml/json extension, any case). */
const applied = (fileName: string) => !fileName.startsWith('.') && /\.(ya?ml|json)$/i.test(fileName);

/**
 * Kinds whose objects have no namespace: the API server ignores a `metadata.namespace` written on them, so two files
 * naming one in different namespaces declare one object (the built-in cluster-scoped kinds, by API group).
 */
const CLUSTER_SCOPED: Readonly<Record<string, readonly string[]>> = {
  '': ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'admissionregistration.k8s.io': [
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
  ],
  'networking.k8s.io': ['IngressClass'],
  'scheduling.k8s.io': ['PriorityClass'],
  'storage.k8s.io': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment'],
  'node.k8s.io': ['RuntimeClass'],
  'certificates.k8s.io': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
};
const clusterScoped = (ref: ObjectRef) => Object.hasOwn(CLUSTER_SCOPED, ref.group) && CLUSTER_SCOPED[ref.group].includes(ref.kind);

/**
 * An object's identity. A namespaced object with no namespace (or "") is applied in `default`: K3s applies each file
 * with wrangler's apply `WithOwner(addon)` (no `WithSetOwnerReference`, so the owner's kube-system is not given), whose
 * desired set puts it in its `defaultNamespace`, "default" (rancher/wrangler pkg/apply/apply.go, desiredset_process.go
 * `adjustNamespace`; k3s-io/k3s pkg/server/server.go `apply.New(...).WithDynamicLookup()`, pkg/deploy/controller.go).
 */
const key = (ref: ObjectRef) => [ref.group, ref.kind, clusterScoped(ref) ? '' : ref.namespace || 'default', ref.name].join('/');

/** An object as the user knows it: `HelmChartConfig kube-system/traefik`. */
const shown = (ref: ObjectRef) => `${ref.kind} ${ref.namespace === undefined || clusterScoped(ref) ? '' : `${ref.namespace}/`}${ref.name}`;

/**
 * `text` with the escapes of JSON and double-quoted YAML strings undone (`\u0053`, `\U00000053`, `\x53`) and YAML's
 * escaped line breaks (a `\` ending a line of a double-quoted scalar joins it to the next, leading blanks dropped)
 * removed, for the plain-text search only: a wrong decoding (an escaped backslash before `u`) costs one parse, no miss.
 */
export function normalised(text: string): string {
  if (!text.includes('\\')) return text;
  return text
    .replace(/\\(?:\r\n|\r|\n)[ \t]*/g, '')
    .replace(/\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2}))/g, (whole, u: string, U: string, x: string) => {
      const code = parseInt(u ?? U ?? x, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}

export interface ForeignInput {
  /** The folder as read (readTarget): what planInstall judged. */
  readonly target: TargetFolder;
  /** The folder K3s walks that `dir` lies in (manifestsRootOf), and `dir` relative to it ('' when the same). */
  readonly root: string;
  readonly dirUnderRoot: string;
  /** Where the manifests come from, for messages. */
  readonly source: string;
  readonly manifests: ReadonlyMap<string, string>;
}

/** `plan` with an error per object or AddOn another file of the tree declares too, and a warning per such file it cannot judge. */
export function withForeignObjects(plan: InstallPlan, input: ForeignInput): InstallPlan {
  const { target, root, dirUnderRoot, source, manifests } = input;
  const ours = new Map<string, { ref: ObjectRef; file: string }>();
  for (const [file, text] of manifests) for (const ref of objectsOf(text) ?? []) ours.set(key(ref), { ref, file });
  const inDir = (path: string): string | undefined =>
    !dirUnderRoot ? path : path.startsWith(`${dirUnderRoot}/`) ? path.slice(dirUnderRoot.length + 1) : undefined;
  // Files this install writes or owns; those sharing an AddOn name with them that planInstall saw it refuses already.
  const installed = new Set([...manifests.keys(), ...plan.entries.map((entry) => entry.file)]);
  const addons = new Map([...manifests.keys()].map((name) => [addonName(name), name]));
  const tree = walkManifestsTree(root);
  const words = [...ours.values()].map(({ ref }) => [ref.kind, ref.name] as const);
  const errors: string[] = [];
  const warnings: string[] = [];
  if (tree.truncated) {
    warnings.push(
      `${root} holds more than ${MAX_ENTRIES} entries for K3s to walk (through links too): only the ${tree.files.length} files among the first ${MAX_ENTRIES} were checked for objects ` +
        'this install writes; check the rest yourself',
    );
  }
  for (const link of tree.broken) {
    warnings.push(
      `${inDir(link) ?? join(root, link)} is a symbolic link to nothing (or a loop), and K3s' walk of ${root} stops at it, so K3s applies no ` +
        "manifest of the folder while it is there, this install's included: remove it, or point it at a file",
    );
  }
  for (const { path, kind } of tree.odd.filter((odd) => applied(odd.path.split('/').pop()!))) {
    warnings.push(
      `${inDir(path) ?? join(root, path)} is ${kind}, not a regular file, yet K3s reads every .yaml, .yml and .json file of ${root}, ` +
        'and reading it may wait for ever: remove it, or rename it to end in something else',
    );
  }
  for (const path of tree.files) {
    const fileName = path.split('/').pop()!;
    const local = inDir(path);
    if (!applied(fileName) || tree.skipped.has(fileName) || (local !== undefined && installed.has(local))) continue;
    // Files of --dir are named relative to it, as planInstall names them; others by their full path.
    const shownPath = local ?? join(root, path);
    const mine = addons.get(addonName(fileName));
    if (mine !== undefined) {
      // planInstall judged the entries of --dir it walked; not those outside it or behind a link to a folder.
      if (local === undefined || !target.entries.has(local)) {
        errors.push(
          `${shownPath} is K3s AddOn "${addonName(fileName)}" too, like the ${mine} to install, and files of one AddOn overwrite each other's objects: rename or move it away`,
        );
      }
      continue;
    }
    if (!ours.size) continue;
    const text = (local === undefined ? undefined : target.texts.get(local)) ?? readRegularFile(join(root, path));
    if (text === undefined) continue;
    const plain = normalised(text);
    if (!words.some(([kindWord, name]) => plain.includes(kindWord) && plain.includes(name))) continue;
    if (text.length > MAX_PARSE_CHARS) {
      warnings.push(
        `${shownPath} is too big to check here (${text.length} characters), and its text names an object this install writes; ` +
          'if it declares one, K3s applies both files and whichever it applies last wins: check it yourself',
      );
      continue;
    }
    const objects = objectsOf(text);
    if (!objects) {
      warnings.push(
        `${shownPath} does not parse as YAML here, and it may declare an object this install writes (its text names one); ` +
          'if K3s reads it, whichever of the two it applies last wins: check it, and remove or fix it',
      );
      continue;
    }
    for (const k of new Set(objects.map(key).filter((k) => ours.has(k)))) {
      const { ref, file } = ours.get(k)!;
      errors.push(
        `${shownPath} declares ${shown(ref)} too, as ${source}/${file} does, and K3s applies both files, so whichever it applies last wins: ` +
          `move ${shownPath} out of the folder (K3s keeps the objects it applied) and put what it sets in the cluster's config, ` +
          `or create ${fileName}.skip beside it for K3s to ignore it`,
      );
    }
  }
  if (!errors.length && !warnings.length) return plan;
  return { ...plan, errors: [...plan.errors, ...errors], warnings: [...plan.warnings, ...warnings] };
}
