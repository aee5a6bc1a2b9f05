/**
 * The literals Terraform's `sensitive(…)` or `nonsensitive(…)` is given (attack round 44a-6), read to the call's `)`:
 * developer.hashicorp.com terraform language functions sensitive marks the value it is given secret, so a literal
 * that makes that value is one, however written: after a comment (`# the db`, `// x`, a block comment), inside a list, an
 * object or a string function (`join("", ["…"])`, `trimspace("…")`), or as a heredoc (`<<-EOT` … `EOT`).
 * A literal given to any other function (`file("pw.txt")`, `lookup(var.m, "db")`) names where the value is read, and
 * the first argument of `join`/`format` (a separator, a format) makes no value, nor does an index's key (`m["db"]`):
 * none of these counts.
 */

/** The functions whose literals make their result (developer.hashicorp.com terraform language functions). */
const MAKES_VALUE = new Set([
  'sensitive',
  'nonsensitive',
  'join',
  'concat',
  'format',
  'trimspace',
  'chomp',
  'trim',
  'tostring',
  'lower',
  'upper',
  'base64decode',
  'base64encode',
  'jsonencode',
  'yamlencode',
  'coalesce',
  'flatten',
  'tolist',
  'toset',
  'tomap',
  'one',
  'try',
]);
/** The functions whose first argument is no part of their result. */
const FIRST_IS_FORM = new Set(['join', 'format']);

/** The longest a call is read from its `(`. */
const MAX_CALL = 4096;

/**
 * An open call, list or object: its function (`[`/`{` for a list or object), whether its literals count (it and every
 * frame around it make the value), its argument's index.
 */
interface Frame {
  name: string;
  counts: boolean;
  arg: number;
}

/** Whether a literal at `frame` (the innermost) counts: not in the first argument of `join` or `format`. */
const counts = (frame: Frame): boolean => frame.counts && !(FIRST_IS_FORM.has(frame.name) && frame.arg === 0);

const CALL = /([A-Za-z_][\w.-]*)[ \t]*(\()?/y;
const HEREDOC = /<<-?[ \t]*(\w{1,64})[^\n]{0,256}\n/y;

/**
 * The spans of the literals the call whose `(` is `text[open]` is given (above), and where the reading stopped:
 * each character is read once.
 */
function literalsOfCall(text: string, open: number): { spans: Array<[number, number]>; stop: number } {
  const spans: Array<[number, number]> = [];
  const stack: Frame[] = [{ name: 'sensitive', counts: true, arg: 0 }];
  const end = Math.min(text.length, open + MAX_CALL);
  const top = () => stack[stack.length - 1];
  let i = open + 1;
  while (i < end && stack.length > 0) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      for (; j < end && text[j] !== c && text[j] !== '\n'; j++) if (text[j] === '\\') j++;
      if (counts(top()) && j > i + 1 && j < end) spans.push([i + 1, j]);
      i = j + 1;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl > end ? end : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 || close > end ? end : close + 2;
    } else if (c === '<' && text[i + 1] === '<') {
      HEREDOC.lastIndex = i;
      const head = HEREDOC.exec(text);
      if (!head) break;
      const bodyStart = HEREDOC.lastIndex;
      const close = new RegExp(`^[ \\t]*${head[1]}[ \\t]*\\r?$`, 'm').exec(text.slice(bodyStart, end));
      const bodyEnd = close ? bodyStart + close.index : end;
      const body = text.slice(bodyStart, bodyEnd);
      const [lead, trail] = [body.length - body.trimStart().length, body.length - body.trimEnd().length];
      if (counts(top()) && bodyEnd - trail > bodyStart + lead) spans.push([bodyStart + lead, bodyEnd - trail]);
      i = close ? bodyEnd + close[0].length : end;
    } else if (/[A-Za-z_]/.test(c)) {
      CALL.lastIndex = i;
      const call = CALL.exec(text)!;
      if (call[2]) stack.push({ name: call[1], counts: counts(top()) && MAKES_VALUE.has(call[1]), arg: 0 });
      i = CALL.lastIndex;
    } else {
      // A `[` after a name or a bracket indexes (`data.x.data["pw"]`): its key names where the value is, no value.
      if (c === '[' || c === '{')
        stack.push({ name: c, counts: counts(top()) && !(c === '[' && /[\w\])]/.test(text[i - 1] ?? '')), arg: 0 });
      else if (c === ')' || c === ']' || c === '}') stack.pop();
      else if (c === ',') top().arg++;
      i++;
    }
  }
  return { spans, stop: i };
}

/** The spans of the literals given to every `sensitive(`/`nonsensitive(` call of `text`, with each literal's text. */
export function sensitiveLiterals(text: string): Array<{ value: string; span: [number, number] }> {
  if (!text.includes('sensitive(')) return [];
  const found: Array<{ value: string; span: [number, number] }> = [];
  // A call inside one read already (`sensitive(sensitive(…`) is not read again: each character is read once.
  let after = 0;
  for (const call of text.matchAll(/(?<![\w.])(?:non)?sensitive\(/g)) {
    const open = call.index + call[0].length - 1;
    if (open < after) continue;
    const { spans, stop } = literalsOfCall(text, open);
    for (const span of spans) found.push({ value: text.slice(span[0], span[1]), span });
    after = stop;
  }
  return found;
}
