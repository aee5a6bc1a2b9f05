import { secretFile } from './secret-file-names';
import { writesSecret } from './secret-file-contents';

/**
 * 67w-6: Ansible's copy task and cloud-init's write_files item written as a flow mapping or JSON rather than block
 * YAML (`copy: {dest: /etc/rancher/k3s/token, content: …}` on one line or many, `{"write_files": [{"path": …,
 * "content": …}]}`; YAML 1.2 section 7.4 "Flow Collection Styles", JSON a subset of it): a mapping whose `dest` or
 * `path` names a secret file and whose `content` is a literal, judged as secret-file-contents.ts judges block mappings.
 * One pass: brackets open and close frames, each mapping keeps only the keys judged here.
 */

/** A mapping's key after its `{` or a `,`: quoted (JSON's `"path":`), or a plain word followed by `: `. */
const KEY = /\s*(?:"((?:[^"\\\n]|\\.){0,64})"[ \t]*:|'([^'\n]{0,64})'[ \t]*:|([A-Za-z_][\w.-]{0,63})[ \t]*:(?=[ \t\r\n]))/y;
/** The scalar a key maps to: quoted (its inner text), or plain to a `,`, a bracket, a comment or the line's end. */
const VALUE = /\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^\s,{}[\]"'#][^,{}[\]\n#]*))/y;
const STRING = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'/y;
const SIGNIFICANT = /[{}[\],"']/g;
const JUDGED_KEY = /^(?:dest|path|content|encoding)$/;

/** A mapping's judged keys: each scalar's text and span. */
type Frame = Partial<Record<'dest' | 'path' | 'content' | 'encoding', [string, number, number]>>;

export function secretFileFlowMapSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (!text.includes('content') || !text.includes('{')) return found;
  const frames: Array<Frame | undefined> = []; // undefined: a list
  const judge = (frame: Frame) => {
    const target = frame.dest ?? frame.path;
    const kind = target && secretFile(target[0]);
    const content = frame.content;
    if (kind && content && writesSecret(kind, target[0], content[0].replace(/\\n$/, ''), frame.encoding?.[0] ?? ''))
      found.push([content[1], content[2]]);
  };
  SIGNIFICANT.lastIndex = 0;
  for (let match = SIGNIFICANT.exec(text); match; match = SIGNIFICANT.exec(text)) {
    const c = match[0];
    if (c === '"' || c === "'") {
      // A string inside a mapping or list is skipped whole (its `,` and brackets are text); outside, a quote is prose.
      STRING.lastIndex = match.index;
      if (frames.length > 0 && STRING.test(text)) SIGNIFICANT.lastIndex = STRING.lastIndex;
      continue;
    }
    if (c === '[') frames.push(undefined);
    else if (c === ']' || c === '}') {
      const frame = frames.pop();
      if (c === '}' && frame) judge(frame);
      continue;
    } else if (c === '{') frames.push({});
    const frame = frames.at(-1);
    if (!frame) continue;
    KEY.lastIndex = match.index + 1;
    const key = KEY.exec(text);
    if (!key) continue;
    SIGNIFICANT.lastIndex = KEY.lastIndex;
    VALUE.lastIndex = KEY.lastIndex;
    const value = VALUE.exec(text);
    const name = key[1] ?? key[2] ?? key[3];
    if (!value) continue;
    SIGNIFICANT.lastIndex = VALUE.lastIndex;
    const quoted = value[1] ?? value[2];
    const scalar = quoted ?? value[3].trimEnd();
    const start = quoted === undefined ? VALUE.lastIndex - value[3].length : VALUE.lastIndex - 1 - quoted.length;
    if (JUDGED_KEY.test(name)) frame[name as keyof Frame] = [scalar, start, start + scalar.length];
  }
  return found;
}
