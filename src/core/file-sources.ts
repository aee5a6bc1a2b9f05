import { looksGenerated } from './generated-runs';
import type { Path } from './problem';
import { judgedOnce } from './secrets-memo';
import { inSpans } from './span-search';

/**
 * A `key=source` that names the file holding the key's value, no value: kubectl's `--from-file=[key=]source`
 * (kubernetes.io/docs/reference/kubectl/generated/kubectl_create/kubectl_create_secret_generic, 38a-10:
 * `--from-file=password=/run/secrets/pw` sets no value on the command line), and kustomize's `files` (below).
 */
const FROM_FILE = /--from-file=$/;
/** Whether the key at `at` of `text` follows `--from-file=`. */
export const afterFromFile = (text: string, at: number): boolean => FROM_FILE.test(text.slice(Math.max(0, at - 12), at));

/**
 * 80a-12: the items of a kustomize generator's `files` list, `[<key>=]<path>` (kustomize api/types/generatorargs.go,
 * KvPairSources.FileSources, read as `kubectl create secret --from-file`'s; kubectl.docs.kubernetes.io/references/
 * kustomize/kustomization/secretgenerator): a key of the Secret and the file that holds its value, kept out of Git as
 * the README asks, no value (`tls.key=secrets/tls.key`). Only `literals` hold values (generated-secret-data.ts). The
 * key as a ConfigMap's (`[-._a-zA-Z0-9]+`); the path with a `/` or a file name's extension (`db-password.txt`, `.env`),
 * no segment looking generated: a bare word or `token=Xk9…` there is a value mistaken for a path, judged as any text.
 */
const FILE_SOURCE = /^(?:[-._a-zA-Z0-9]{1,253}=)?((?:\.{1,2}\/|\/)?(?:[\w.+-]{1,255}\/){0,32}[\w.+-]{1,255})$/;

/** Whether `item` is such a file source (above). */
function isFileSource(item: string): boolean {
  const path = item.length <= 4096 ? FILE_SOURCE.exec(item)?.[1] : undefined;
  return (
    path !== undefined && (path.includes('/') || /^\.\w|\.[A-Za-z][A-Za-z0-9]{0,7}$/.test(path)) && !path.split('/').some(looksGenerated)
  );
}

/** Whether `value`, at `at` in data, is an item of a generator's `files` list that names a file (above). */
export function isGeneratorFileSource(value: unknown, at: Path): boolean {
  const [generator, , list, item] = at.slice(-4);
  return (
    (generator === 'secretGenerator' || generator === 'configMapGenerator') &&
    list === 'files' &&
    typeof item === 'number' &&
    typeof value === 'string' &&
    isFileSource(value)
  );
}

/** Whether a line's list `item` is such a file source, by the key lines above it (`parents`, nearest last): a generator, then `files`. */
export function isFileSourceItem(item: string, parents: ReadonlyArray<{ key: string }>): boolean {
  return isGeneratorFileSource(item, [parents.at(-2)?.key ?? '', 0, parents.at(-1)?.key ?? '', 0]);
}

const GENERATOR = /^([ \t]*)(?:-[ \t]+)?(?:secret|configMap)Generator[ \t]*:[ \t]*(?:#.*)?\r?$/;
/** A `files:` key, maybe with its flow list (group 2); one blank-eating repeat at a time (as generated-secret-data.ts). */
const FILES = /^([ \t]*)(?:-[ \t]+)?files[ \t]*:[ \t]*(?:(\[.{0,4096}\])[ \t]*)?(?:#.*)?\r?$/d;
/** A block list's item, maybe quoted, maybe with a comment (group 2). */
const FILE_ITEM = /^[ \t]*-[ \t]+(["']?)((?:[-._a-zA-Z0-9]{1,253}=)?[\w./+-]{1,4096})\1[ \t]*(?:#.*)?\r?$/d;
/** A flow list's item (group 2), up to the next comma or bracket. */
const FLOW_FILE_ITEM = /[[,][ \t]*(["']?)((?:[-._a-zA-Z0-9]{1,253}=)?[\w./+-]{1,4096})\1[ \t]*(?=[,\]])/dg;

/**
 * Each file source's span in a text (a kustomization pasted into a ConfigMap), and the lines (0-based) that hold only file
 * sources and no comment, one a line or a flow list of them (`files: [tls.key=secrets/tls.key]`). Line by line: linear.
 */
const fileSources = judgedOnce((text: string): { spans: ReadonlyArray<readonly [number, number]>; lines: ReadonlySet<number> } => {
  const [spans, lines] = [[] as Array<[number, number]>, new Set<number>()];
  if (!text.includes('Generator')) return { spans, lines };
  let [generator, files] = [undefined as number | undefined, undefined as number | undefined];
  for (let [start, index] = [0, 0]; start < text.length; index++) {
    const next = text.indexOf('\n', start);
    const end = next < 0 ? text.length : next;
    const line = text.slice(start, Math.min(end, start + 8192));
    const lead = /^[ \t]*/.exec(line)![0].length;
    const item = /^[ \t]*-/.test(line);
    if (!/^[ \t]*(?:#.*)?\r?$/.test(line)) {
      // A line less indented than the generator's list (or as indented, not an item) ends it; one at the indent of
      // `files:`, not an item, ends that list.
      if (generator !== undefined && (lead < generator || (lead === generator && !item))) [generator, files] = [undefined, undefined];
      if (files !== undefined && lead <= files && !/^-/.test(line.slice(files))) files = undefined;
    }
    const opened = GENERATOR.exec(line);
    const list = !opened && generator !== undefined ? FILES.exec(line) : null;
    const entry = !opened && !list && files !== undefined ? FILE_ITEM.exec(line) : null;
    const items: Array<{ at: number; span: [number, number]; text: string }> = [];
    if (opened) generator = opened[1].length;
    else if (list?.[2])
      for (const flow of list[2].matchAll(FLOW_FILE_ITEM)) items.push({ at: list.indices![2][0], span: flow.indices![2], text: flow[2] });
    else if (list) files = list[1].length;
    else if (entry) items.push({ at: 0, span: entry.indices![2], text: entry[2] });
    const sources = items.filter((one) => isFileSource(one.text));
    for (const one of sources) spans.push([start + one.at + one.span[0], start + one.at + one.span[1]]);
    const whole = list?.[2] === undefined || items.length === list[2].split(',').length; // a flow list of file sources only
    if (sources.length && sources.length === items.length && whole && !line.includes('#')) lines.add(index);
    start = end + 1;
  }
  return { spans, lines };
});

/**
 * The lines (0-based, split at `\n` and `\r\n`) of `text` that hold only a generator's file sources (fileSources): none
 * sets a secret. None in a text with a lone `\r`, which another reader may count as a line break.
 */
export const fileSourceLines = (text: string): ReadonlySet<number> => (/\r(?!\n)/.test(text) ? new Set() : fileSources(text).lines);

/** Whether `at` of `text` lies in a generator's file source (fileSources). */
export const inGeneratorFileSource = (text: string, at: number): boolean => inSpans(fileSources(text).spans, at);
