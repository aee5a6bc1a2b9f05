import { addonName } from './addon-name';
import { InstallPlan, ObjectRef, objectsOf, TargetFolder } from './install-plan';

/**
 * Round 35b-11: another file of the manifests folder (one this tool did not install) that declares an object the
 * install writes. K3s applies every `*.yaml`/`*.yml`/`*.json` of the folder, at any depth, as its own AddOn, skipping
 * dotfiles and any file whose name has a `<name>.skip` beside it (k3s-io/k3s pkg/deploy/controller.go,
 * `listFilesIn` and `shouldSkipFile`); two AddOns declaring one object overwrite each other on every apply, so the
 * last applied wins. Such a file is refused; one this tool cannot parse, that names such an object, is warned about.
 *
 * Only regular files are read: a symbolic link is never followed (it may point out of the folder). Each file is
 * first searched for an object's kind and name as plain text, and parsed only when both occur, so a folder of
 * many or huge files costs one read each. Nothing of a file's text is ever printed.
 */

/** Files larger than this are not read (K3s manifests are kilobytes; a file this big is no hand-made copy). */
const MAX_READ_BYTES = 16 * 1024 * 1024;
/** Files larger than this are not parsed (the YAML reader takes seconds on a megabyte): warned about when they name an object. */
const MAX_PARSE_CHARS = 256 * 1024;

/** The file names K3s applies (controller.go `shouldSkipFile`: no dotfile, a yaml/yml/json extension, any case). */
const applied = (fileName: string) => !fileName.startsWith('.') && /\.(ya?ml|json)$/i.test(fileName);

const key = (ref: ObjectRef) => [ref.group, ref.kind, ref.namespace ?? '', ref.name].join('/');

/** An object as the user knows it: `HelmChartConfig kube-system/traefik`. */
const shown = (ref: ObjectRef) => `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;

export interface ForeignInput {
  /** The folder as read (readTarget); `read` gives the text of any regular file in it, undefined when too big. */
  readonly target: TargetFolder & { readonly read?: (path: string) => string | undefined };
  /** Where the manifests come from, for messages. */
  readonly source: string;
  readonly manifests: ReadonlyMap<string, string>;
}

/** `plan` with an error per object another file of the folder declares too, and a warning per such file that does not parse. */
export function withForeignObjects(plan: InstallPlan, input: ForeignInput): InstallPlan {
  const { target, source, manifests } = input;
  const ours = new Map<string, { ref: ObjectRef; file: string }>();
  for (const [file, text] of manifests) for (const ref of objectsOf(text) ?? []) ours.set(key(ref), { ref, file });
  if (!ours.size) return plan;
  // Files this install writes or owns, and those sharing an AddOn name with them (planInstall refuses those already).
  const installed = new Set([...manifests.keys(), ...plan.entries.map((entry) => entry.file)]);
  const addons = new Set([...manifests.keys()].map(addonName));
  const skipped = new Set(
    [...target.entries.keys()]
      .map((path) => path.split('/').pop()!)
      .filter((name) => name.endsWith('.skip'))
      .map((name) => name.slice(0, -5)),
  );
  const words = [...ours.values()].map(({ ref }) => [ref.kind, ref.name] as const);
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const [path, kind] of [...target.entries].sort(([a], [b]) => a.localeCompare(b))) {
    const fileName = path.split('/').pop()!;
    if (kind !== 'file' || !applied(fileName) || skipped.has(fileName) || installed.has(path) || addons.has(addonName(fileName))) continue;
    const text = target.texts.get(path) ?? target.read?.(path);
    if (text === undefined || !words.some(([kindWord, name]) => text.includes(kindWord) && text.includes(name))) continue;
    if (text.length > MAX_PARSE_CHARS) {
      warnings.push(
        `${path} is too big to check here (${text.length} characters), and its text names an object this install writes; ` +
          'if it declares one, K3s applies both files and whichever it applies last wins: check it yourself',
      );
      continue;
    }
    const objects = objectsOf(text);
    if (!objects) {
      warnings.push(
        `${path} does not parse as YAML here, and it may declare an object this install writes (its text names one); ` +
          'if K3s reads it, whichever of the two it applies last wins: check it, and remove or fix it',
      );
      continue;
    }
    const clashes = new Set(objects.map(key).filter((k) => ours.has(k)));
    for (const k of clashes) {
      const { ref, file } = ours.get(k)!;
      errors.push(
        `${path} declares ${shown(ref)} too, as ${source}/${file} does, and K3s applies both files, so whichever it applies last wins: ` +
          `move ${path} out of the folder (K3s keeps the objects it applied) and put what it sets in the cluster's config, ` +
          `or create ${fileName}.skip beside it for K3s to ignore it`,
      );
    }
  }
  if (!errors.length && !warnings.length) return plan;
  return { ...plan, errors: [...plan.errors, ...errors], warnings: [...plan.warnings, ...warnings] };
}

/** Reads a regular file of `dir` for `withForeignObjects`, or undefined when it is larger than MAX_READ_BYTES. */
export function boundedReader(size: (path: string) => number | undefined, read: (path: string) => string) {
  return (path: string): string | undefined => {
    const bytes = size(path);
    return bytes === undefined || bytes > MAX_READ_BYTES ? undefined : read(path);
  };
}
