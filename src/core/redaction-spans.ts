/**
 * How a redaction replaces what it found (secret-shapes.ts redact): each secret, shape or form, from the natural start
 * to the natural end of the value it stands in, so that no fragment of a value is left beside the blank (67a-23: a
 * 36-character token shape matched in `ghp_…B`, or a secret found as the head of a longer value, left `<redacted>B`;
 * 77a-10, 76a-11: a copy found from a value's 2nd or 3rd character left `Zq<redacted>`, `h<redacted>`).
 */

/** Placeholder printed where a secret was. */
export const REDACTED = '<redacted>';

/** Characters of one redaction pattern: far below V8's limit ("Regular expression too large"). */
const MAX_PATTERN = 100_000;

/**
 * What a value goes on with after a part of it: letters and digits of any script, `_`, and `!$%*^~+`, which no syntax
 * a message or file writes values in ends a value with. A blank, a quote, a line's end and the delimiters of keys,
 * paths, URLs and lists (`.`, `-`, `/`, `:`, `=`, `@`, `?`, `#`, `&`, `,`, `;`, `|`, `\`, brackets) end it: they
 * join a value to the next (`dist/<redacted>/`, `<redacted>.yaml`, `password=<redacted>-kube-vip-…`, `…&X-Amz-Signature`).
 */
const VALUE_GOES_ON = /[\p{L}\p{N}_!$%*^~+]/u;
const VALUE_RUN = /[\p{L}\p{N}_!$%*^~+]*/uy;

/** Where the value that a redacted part of `text` ends at `end` ends: further only where the part ended inside it. */
export function valueEnd(text: string, end: number): number {
  if (end <= 0 || end >= text.length) return end;
  if (!VALUE_GOES_ON.test(charBefore(text, end))) return end;
  VALUE_RUN.lastIndex = end;
  VALUE_RUN.exec(text);
  return VALUE_RUN.lastIndex;
}

/** The character of `text` just before `at` (both halves of a surrogate pair). */
const charBefore = (text: string, at: number): string =>
  at >= 2 && /[\uDC00-\uDFFF]/.test(text[at - 1]) ? text.slice(at - 2, at) : text[at - 1];

/**
 * Where the value that a redacted part of `text` starting at `start` starts: earlier only where the part started inside
 * it, and never before `floor` (what an earlier replacement took), so each character is read back at most once.
 */
function valueStart(text: string, start: number, floor = 0): number {
  if (start <= floor || start >= text.length) return start;
  const first = /[\uD800-\uDBFF]/.test(text[start]) ? text.slice(start, start + 2) : text[start];
  if (!VALUE_GOES_ON.test(first)) return start;
  let at = start;
  while (at > floor) {
    const before = charBefore(text, at);
    if (!VALUE_GOES_ON.test(before)) break;
    at -= before.length;
  }
  return Math.max(at, floor);
}

/** REDACTED for a match, once per line it spans (indentation kept), so a redacted file keeps its line numbers. */
export function keepingLines(match: string): string {
  return match
    .split('\n')
    .map((line, i) => `${i === 0 ? '' : /^[ \t]*/.exec(line)![0]}${REDACTED}${line.endsWith('\r') ? '\r' : ''}`)
    .join('\n');
}

/** `text` with each match of a global `pattern` and the rest of its value (valueStart, valueEnd) replaced as `replacement` says. */
function replaceToValueEnds(text: string, pattern: RegExp, replacement: (form: string) => string): string {
  const out: string[] = [];
  let done = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    out.push(text.slice(done, valueStart(text, match.index, done)), replacement(match[0]));
    done = valueEnd(text, match.index + match[0].length);
    pattern.lastIndex = Math.max(done, match.index + 1);
  }
  out.push(text.slice(done));
  return out.join('');
}

/** `text` with every form replaced as `replacements` says, to the end of the value it stands in. */
export function replaceForms(text: string, replacements: ReadonlyMap<string, string>): string {
  // One pass per batch of forms, longest first where several start at one place: a file's thousands of secrets
  // cost a few scans of the text, not one each. A pattern has a size limit: a form too long for one goes alone.
  let out = text;
  const escape = (form: string) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let batch: string[] = [];
  let size = 0;
  const flush = () => {
    if (batch.length) out = replaceToValueEnds(out, new RegExp(batch.join('|'), 'g'), (form) => replacements.get(form)!);
    [batch, size] = [[], 0];
  };
  // Only forms the text holds: a long secret (a whole text) is escaped into a pattern only where it can match.
  const held = [...replacements.keys()].filter((form) => form.length <= text.length && text.includes(form));
  for (const form of held.sort((a, b) => b.length - a.length)) {
    const escaped = escape(form);
    if (escaped.length > MAX_PATTERN / 4) out = replaceLong(out, form, replacements.get(form)!);
    else {
      if (size + escaped.length > MAX_PATTERN) flush();
      batch.push(escaped);
      size += escaped.length + 1;
    }
  }
  flush();
  return out;
}

/** `text` with every `form` too long for a pattern, and the rest of its value, replaced by `replacement`. */
function replaceLong(text: string, form: string, replacement: string): string {
  let out = '';
  let done = 0;
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, done)) {
    out += text.slice(done, valueStart(text, at, done)) + replacement;
    done = valueEnd(text, at + form.length);
  }
  return out + text.slice(done);
}

/** `text` with each span, from the start to the end of its value, replaced as keepingLines does (merged where they overlap). */
export function replaceSpans(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  if (!spans.length) return text;
  const merged: Array<[number, number]> = [];
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    // A value's rest is read once: only past what the spans before took (linear in the text however many spans).
    if (last && start < last[1]) {
      if (end > last[1]) last[1] = valueEnd(text, end);
    } else merged.push([valueStart(text, start, last ? last[1] : 0), valueEnd(text, end)]);
  }
  const out: string[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    out.push(text.slice(at, start), keepingLines(text.slice(start, end)));
    at = end;
  }
  out.push(text.slice(at));
  return out.join('');
}
