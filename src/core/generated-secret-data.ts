import { isPlaceholder } from './placeholders';
import { isReference } from './secrets-text';

/**
 * 79a-12: the data of a Secret another tool makes from a text, whatever its keys are called (as `data:` of a `kind:
 * Secret` is, secrets.ts SECRET_OBJECT_DATA):
 * - kustomize's `secretGenerator` items' `literals`, `key=value` pairs, exactly `kubectl create secret --from-literal`'s
 *   (kubectl.docs.kubernetes.io/references/kustomize/kustomization/secretgenerator: "literals" … "key=value"; kustomize
 *   api/types/generatorargs.go, KvPairSources.LiteralSources), block list or flow list; `files` and `envs` name files;
 * - Terraform's `kubernetes_secret` and `kubernetes_secret_v1` resources' `data`, `binary_data` and `data_wo` maps
 *   (registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/secret_v1, "Argument Reference"), a
 *   quoted literal per key, as `terraform fmt` writes them (one a line) or inline (`data = { k = "v" }`).
 * A reference or placeholder (`$(X)`, `${var.x}`, `<password>`), an expression (`var.conn`) and an empty value are none.
 * Line by line, each line's patterns anchored and bounded: linear.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const GENERATED_SECRET_DATA =
  "the data of a Secret a tool makes (a kustomize secretGenerator's literals, a Terraform kubernetes_secret's data)";

const GENERATOR = /^([ \t]*)(?:-[ \t]+)?secretGenerator[ \t]*:[ \t]*(?:#.*)?\r?$/;
// Review 79-2: no two blank-eating repeats side by side (`:[ \t]*` then `[ \t]*` made a run of blanks cost O(k²)).
const LITERALS = /^([ \t]*)(?:-[ \t]+)?literals[ \t]*:[ \t]*(?:(\[.{0,4096}\])[ \t]*)?(?:#.*)?\r?$/d;
/** A list item `- key=value`, maybe quoted; group 2 is the rest of the line after `=` (valueSpan reads it). */
const LITERAL_ITEM = /^[ \t]*-[ \t]+(["']?)[\w.-]{1,253}=([^\n]{0,4096})$/d;
/**
 * A flow list's item: `key=value` up to the next comma or bracket, quoted or not. Blanks after a closing quote only
 * (`(?<=["'])`): an unquoted value holds its own trailing blanks (valueSpan trims them), so no blank is tried twice.
 */
const FLOW_ITEM = /[[,][ \t]*(["']?)[\w.-]{1,253}=([^,\]"'\n]{0,4096})\1(?:(?<=["'])[ \t]*)?(?=[,\]])/dg;

const RESOURCE = /^([ \t]*)resource[ \t]+"kubernetes_secret(?:_v1)?"[ \t]+"[^"\n]{0,256}"[ \t]*\{[ \t]*\r?$/;
const DATA_MAP = /^[ \t]*(?:data|binary_data|data_wo)[ \t]*=[ \t]*\{([^\n]{0,4096})$/d;
/** An HCL map entry: `key = "value"` or `"key" = "value"` (a `,` may end it); group 1 is the value inside its quotes. */
const HCL_ENTRY =
  /^[ \t]*(?:"[^"\n]{1,253}"|[\w.-]{1,253})[ \t]*[=:][ \t]*"((?:[^"\\\n]|\\.){0,4096})"[ \t]*(?:,[ \t]*)?(?:(?:#|\/\/).*)?\r?$/d;
const HCL_INLINE_ENTRY = /(?:"[^"\n]{1,253}"|[\w.-]{1,253})[ \t]*[=:][ \t]*"((?:[^"\\\n]|\\.){0,4096})"/dg;

/** A literal value that is a secret's: not empty, no reference or placeholder, no interpolation of one. */
const isLiteral = (value: string): boolean =>
  value.trim() !== '' && !value.includes('${') && !isReference(value.trim()) && !isPlaceholder(value.trim());

/** An item's value within `rest` (after `=`): to a ` #` comment, blanks and a closing `quote` trimmed. */
function valueSpan(rest: string, quote: string): [number, number] {
  const comment = rest.search(/[ \t]#/);
  let end = comment < 0 ? rest.length : comment;
  while (end > 0 && /[ \t\r]/.test(rest[end - 1])) end--;
  return [0, quote && rest[end - 1] === quote ? end - 1 : end];
}

/** A value's span less its trailing blanks (an unquoted flow item's value holds them: FLOW_ITEM). */
const trimmedEnd = (value: string, [from, to]: [number, number]): [number, number] => [from, to - (value.length - value.trimEnd().length)];

/** Where a text holds such data: each literal value's span. */
export function generatedSecretDataSpans(text: string): Array<[number, number]> {
  if (!/secretGenerator|kubernetes_secret/.test(text)) return [];
  const spans: Array<[number, number]> = [];
  const push = (start: number, [from, to]: [number, number]) => {
    if (isLiteral(text.slice(start + from, start + to))) spans.push([start + from, start + to]);
  };
  // The block open: kustomize's generator (its indent), then its literals list (its indent); Terraform's resource, its map.
  let generator: number | undefined;
  let literals: number | undefined;
  let resource: number | undefined;
  let map = false;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + 8192));
    const lead = /^[ \t]*/.exec(line)![0].length;
    const content = !/^[ \t]*(?:#.*)?\r?$/.test(line);
    // kustomize: a line less indented than the generator's list (or as indented, not an item) ends it.
    if (generator !== undefined && content && (lead < generator || (lead === generator && !/^[ \t]*-/.test(line))))
      [generator, literals] = [undefined, undefined];
    if (literals !== undefined && content && lead <= literals && !/^[ \t]*-/.test(line.slice(literals))) literals = undefined;
    const opened = GENERATOR.exec(line);
    if (opened) generator = opened[1].length;
    else if (generator !== undefined) {
      const list = LITERALS.exec(line);
      const item = literals !== undefined && !list ? LITERAL_ITEM.exec(line) : null;
      if (list?.[2])
        for (const flow of list[2].matchAll(FLOW_ITEM))
          push(start + list.indices![2][0], trimmedEnd(flow[2], flow.indices![2] as [number, number]));
      else if (list) literals = list[1].length;
      else if (item) {
        const [from, to] = valueSpan(item[2], item[1]);
        push(start + item.indices![2][0], [from, to]);
      }
    }
    // Terraform: the resource runs to its closing brace at its own indent; its data map to a line's `}`.
    const head = RESOURCE.exec(line);
    if (head) [resource, map] = [head[1].length, false];
    else if (resource !== undefined && /^[ \t]*\}/.test(line) && !map && lead <= resource) resource = undefined;
    else if (resource !== undefined && map) {
      if (/^[ \t]*\}/.test(line)) map = false;
      else {
        const entry = HCL_ENTRY.exec(line);
        if (entry) push(start, entry.indices![1] as [number, number]);
      }
    } else if (resource !== undefined) {
      const data = DATA_MAP.exec(line);
      if (data) {
        const from = start + data.indices![1][0];
        for (const entry of data[1].matchAll(HCL_INLINE_ENTRY)) push(from, entry.indices![1] as [number, number]);
        map = !/\}[ \t\r]*$/.test(data[1]);
      }
    }
    start = end + 1;
  }
  return spans;
}
