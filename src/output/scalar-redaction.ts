import { readYamlDocuments } from '../core/yaml-documents';
import { yaml } from '../core/yaml';
import { binaryAsText, REDACTED, secretShape } from '../core/secrets';
import { yamlNamesHoldingSecret } from '../core/yaml-names';

/**
 * The redaction of YAML texts: every scalar (key or value) whose decoded value holds one of `secrets` or a secret
 * shape is replaced by REDACTED where the text writes it, on each line it spans. The secrets of a file are found in its data, where escapes are decoded
 * (`"K1\u0030…"`, `\x40`) and folded lines joined (`>-`): the text may hold none of them as they are, nor a shape
 * whole, so a redaction of the text's forms alone would miss them. A binary scalar (`!!binary`) is judged as the
 * text it decodes to, as secretsInData reads it. A tag, anchor or alias that holds a secret is replaced too: it is
 * in no value the data holds (yamlNamesHoldingSecret). Lines keep their count, for a diff.
 */
export function scalarRedaction(secrets: readonly string[]): (text: string) => string {
  const holds = secretTest(secrets);
  const parts = [...new Set(secrets.flatMap((secret) => secret.split('\n')).filter((part) => part.trim() !== ''))];
  const lines = secretLines(secrets);
  return (text) => redactBinaries(redactScalars(text, holds, parts, lines), holds);
}

/** A binary tag as YAML writes it: `!!binary` or its verbatim form, standing as a tag does (not inside a word). */
const BINARY_TAG = /(?<![^\s[{,:?-])(?:!!binary|!<tag:yaml\.org,2002:binary>)(?=[\s,\]}]|$)/;
/** The value after a tag on its line, up to a flow indicator or comment; none where a block scalar's header stands. */
const VALUE_AFTER_TAG = /^(\s+)(?![|>][-+0-9]*\s*(?:#|$))([^\s,\]}#]+)/;

/**
 * `text` with the value after every binary tag (`foo: !!binary <base64>`) that decodes to a secret replaced by
 * REDACTED, with the lines under it that are more indented (a block or plain scalar's continuation). The scalars
 * above see a binary's decoded value only where the YAML itself holds it: one in text inside text (a HelmChartConfig's
 * valuesContent) is part of a text scalar, so its value is read here from the lines (26a-1).
 */
function redactBinaries(text: string, holds: (value: string) => boolean): string {
  if (!text.includes('!!binary') && !text.includes('2002:binary>')) return text;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const tag = BINARY_TAG.exec(lines[i]);
    if (!tag) continue;
    const end = tag.index + tag[0].length;
    const value = VALUE_AFTER_TAG.exec(lines[i].slice(end));
    const indent = /^[ \t]*/.exec(lines[i])![0].length;
    let last = i + 1;
    while (last < lines.length && (lines[last].trim() === '' || /^[ \t]*/.exec(lines[last])![0].length > indent)) last++;
    const under = lines.slice(i + 1, last);
    const base64 = [value?.[2] ?? '', ...under].join('').replace(/["'\s]/g, '');
    if (!base64 || !holds(binaryAsText(Buffer.from(base64, 'base64')))) continue;
    if (value) lines[i] = `${lines[i].slice(0, end)}${value[1]}${REDACTED}${lines[i].slice(end + value[0].length)}`;
    for (let j = i + 1; j < last; j++) if (lines[j].trim() !== '') lines[j] = `${/^[ \t]*/.exec(lines[j])![0]}${REDACTED}`;
    i = last - 1;
  }
  return lines.join('\n');
}

/**
 * A scalar's span, widened to every one of `parts` (a secret's line) that overlaps it on its first line: a line read
 * leniently (`db_password: abc: x`) has a scalar `x` inside the secret `abc: x` the line reading found, and blanking
 * `x` alone would leave `abc: ` for no later redaction to find.
 */
function widened(text: string, [start, end]: [number, number], parts: readonly string[]): [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
  const line = text.slice(lineStart, lineEnd);
  let [from, to] = [start, end];
  for (const part of parts) {
    for (let at = line.indexOf(part); at >= 0; at = line.indexOf(part, at + 1)) {
      const [partStart, partEnd] = [lineStart + at, lineStart + at + part.length];
      if (partStart < end && partEnd > start) [from, to] = [Math.min(from, partStart), Math.max(to, partEnd)];
    }
  }
  return [from, to];
}

function redactScalars(text: string, holds: (value: string) => boolean, parts: readonly string[], lines: SecretLines): string {
  const spans: Array<[number, number]> = [];
  for (const { doc } of readYamlDocuments(text, 'lenient').documents) {
    yaml.visit(doc, {
      Scalar: (_, node) => {
        const value = node.value instanceof Uint8Array ? binaryAsText(node.value) : node.value;
        if (!node.range || (typeof value !== 'string' && typeof value !== 'number') || !holds(String(value))) return;
        // A literal block that is a secret whole (not narrowed to its lines: secret-gate.ts) is blanked whole.
        if (node.type === 'BLOCK_LITERAL' && !lines.whole.has(String(value))) spans.push(...literalLineSpans(text, node.range, lines));
        else spans.push(widened(text, [node.range[0], node.range[1]], parts));
      },
    });
  }
  for (const { source, offset } of yamlNamesHoldingSecret(text, holds)) spans.push([offset, offset + source.length]);
  if (!spans.length) return text;
  let out = '';
  let from = 0;
  // Widened spans may overlap: each is merged into the one before it.
  const merged: Array<[number, number]> = [];
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  for (const [start, end] of merged) {
    out += text.slice(from, start) + redactLines(text.slice(start, end));
    from = end;
  }
  return out + text.slice(from);
}

/**
 * The lines of the multi-line secrets, for literalLineSpans: each (trimmed) to be met as a block's whole line, and the
 * first and last of each secret (`edges`), which may stand inside a longer line; `whole`: the secrets as they are.
 * A set and a few edges, so a block of many lines is read in linear time.
 */
interface SecretLines {
  readonly whole: ReadonlySet<string>;
  readonly inner: ReadonlySet<string>;
  readonly edges: readonly string[];
}

function secretLines(secrets: readonly string[]): SecretLines {
  const multiLine = secrets
    .map((secret) =>
      secret
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 1);
  return {
    whole: new Set(secrets),
    inner: new Set(multiLine.flat()),
    edges: [...new Set(multiLine.flatMap((lines) => [lines[0], lines[lines.length - 1]]))],
  };
}

/**
 * 73b-7: a literal block scalar (`|`) holds its lines as written, with no escape or folding: a secret or shape on one
 * line stands there as it is, for the whole text's redaction (fileRedaction's redactText) to blank. Here only the lines
 * of a multi-line secret (a key's body) are blanked whole, after their indentation; the header and the other lines stay
 * as they are, so a diff of a hand edit shows what changed. Linear: a set of lines and a few edges, not each secret.
 */
function literalLineSpans(text: string, [start, end]: readonly number[], { inner, edges }: SecretLines): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // The body starts on the line after the header (`|`, `|-`, `|2+`, maybe a comment).
  for (let at = text.indexOf('\n', start) + 1; at > 0 && at < end;) {
    const next = text.indexOf('\n', at);
    const lineEnd = next < 0 || next > end ? end : next;
    const line = text.slice(at, lineEnd);
    const content = line.trim();
    if (content && (inner.has(content) || edges.some((edge) => line.includes(edge))))
      spans.push([at + /^[ \t]*/.exec(line)![0].length, lineEnd]);
    at = lineEnd + 1;
  }
  return spans;
}

/** A scalar's source, REDACTED on each line it spans (after the indentation); a blank line stays blank. */
function redactLines(source: string): string {
  return source
    .split('\n')
    .map((line, i) => (line.trim() === '' ? line : `${i === 0 ? '' : /^[ \t]*/.exec(line)![0]}${REDACTED}`))
    .join('\n');
}

/** Whether a decoded value holds a secret: a shape, one of `secrets` whole, or (four characters or more) inside it. */
function secretTest(secrets: readonly string[]): (value: string) => boolean {
  const whole = new Set(secrets);
  const inside = [...whole].filter((secret) => secret.length >= 4);
  const escape = (secret: string) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // V8 refuses a pattern of one 70 kB secret (a whole text with a control character, gaps42b) as too large, naming it.
  const pattern = inside.length && inside.join('').length < 25_000 ? new RegExp(inside.map(escape).join('|')) : undefined;
  return (value) =>
    whole.has(value) ||
    secretShape(value) !== undefined ||
    (pattern ? pattern.test(value) : inside.some((secret) => value.includes(secret)));
}
