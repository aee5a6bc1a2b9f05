import { isWrittenSecret, secretFile, secretFileVariable } from './secret-file-names';
import { PATH_ARG, literal, pathOf } from './secret-file-calls';
import { type Literal, literalReader } from './literal-leaves';

/**
 * 67a-6, 67w-2, 67w-3, 67w-5: a file a program opens for writing under a name, then writes by that name:
 * - Python `with open(p, "w") as f:` or `f = open(p, "w")`, then `f.write(…)`, `f.writelines(…)`, `print(…, file=f)`,
 *   `json.dump(…, f)`, `yaml.safe_dump(…, f)` (and `json.dump(…, open(p, "w"))`);
 * - Java `new FileWriter(p)`, `new BufferedWriter(new FileWriter(p))`, `new PrintWriter(p)`, `new FileOutputStream(p)`,
 *   `Files.newBufferedWriter(p)` (docs.oracle.com java.io.FileWriter, java.nio.file.Files), C# `new StreamWriter(p)`,
 *   `File.CreateText(p)`, Go `os.Create(p)`, Node `fs.createWriteStream(p)`, then `w.write(…)`, `w.println(…)`,
 *   `w.append(…)`, `w.WriteLine(…)`, `f.WriteString(…)`, `fmt.Fprintln(f, …)`, `s.end(…)` (or where it is made:
 *   `new FileWriter(p).append(…)`).
 * What is written: a quoted literal, a dict or list literal's strings (literal-leaves.ts), or a name bound to one
 * earlier (`data = {"value": "…"}` … `json.dump(data, f)`); the path: quoted, joined, or a name bound to a quoted path,
 * else a name that says it holds a secret file's path (`secret_path`: secret-file-names.ts). A function's parameter
 * unbinds its name.
 * The name stays bound for the whole block it was opened in, however long: a `with` block (its more-indented lines),
 * an assignment's block (its lines as indented or more), a braced block; read in one pass over the lines (linear).
 */

type Kind = NonNullable<ReturnType<typeof secretFile>>;

/** A path argument: a quoted path (Python's `f"…"` too), a join of quoted parts (PATH_ARG), or a name. */
const PATH = `(?:[rbfRBF]{0,2}${PATH_ARG}|([A-Za-z_][\\w.]{0,127}))`;
/** Python's `open(p, "w"…)`, bound by `f = open(…)` (group 1) or `… as f` (group 5). */
const PYTHON_OPEN = new RegExp(
  `(?:\\b(\\w{1,64})[ \\t]*=[ \\t]*)?\\bopen\\([ \\t]*${PATH}[ \\t]*,[ \\t]*(?:mode[ \\t]*=[ \\t]*)?["'][wax]b?\\+?["'][^()\\n]{0,64}\\)(?:[ \\t]+as[ \\t]+(\\w{1,64}))?`,
  'g',
);
/** A writer bound by `w = …` (after `var`, a type, or Go's `f, err :=`): Java, C#, Go and Node's. */
const WRITER_OPEN = new RegExp(
  `\\b(\\w{1,64})(?:[ \\t]*,[ \\t]*\\w{1,64})?[ \\t]*:?=[ \\t]*(?:(?:new[ \\t]+[\\w.]{1,64}(?:<[^<>()\\n]{0,64}>)?\\([ \\t]*){0,3}new[ \\t]+[\\w.]{0,64}(?:Writer|Stream)\\(|Files\\.newBufferedWriter\\(|File\\.(?:CreateText|AppendText)\\(|os\\.(?:Create|OpenFile)\\(|fs\\.createWriteStream\\()[ \\t]*${PATH}[ \\t]*[,)]`,
  'g',
);
/** A writer written where it is made (`new FileWriter(p).append("…")`, `new PrintWriter(p).println("…")`). */
const WRITER_INLINE = new RegExp(
  `(?:new[ \\t]+[\\w.]{0,64}(?:Writer|Stream)\\([ \\t]*){1,3}${PATH}[ \\t]*\\){1,3}\\.(?:write|append|print(?:ln)?)\\([ \\t]*`,
  'g',
);
/** A statement that binds a name (`x = …`, `String x = …`, `x, err := …`, `x: dict = …`): the name and its value. */
const ASSIGNMENT =
  /(?:^|[;{(])[ \t]*(?:[\w.<>[\]]{1,64}[ \t]+){0,3}(\w{1,64})(?:[ \t]*,[ \t]*\w{1,64})?(?:[ \t]*:[ \t]*[^=\n:]{1,64}?)?[ \t]*:?=(?!=)[ \t]*/gm;
/**
 * A function's parameters (`def save(value):`, `void save(String value) {`, `func save(value string) {`): a name bound
 * before is not what a parameter of that name holds.
 */
const PARAMETERS = /\(([^()\n]{0,256})\)[ \t]*(?:->[^:\n]{0,64})?:[ \t]*\r?$|\(([^()\n]{0,256})\)[ \t]*(?:throws[\w., \t]{0,128})?\{/gm;
/** `f.write(…)` and kin: the name, then the value (after Go's `[]byte(`, or a serializer of a literal). */
const WRITE_CALL =
  /\b(\w{1,64})\.(?:write(?:lines)?|print(?:ln)?|append|end|Write(?:Line|String)?)\([ \t]*(?:\[\]byte\(|(?:json\.dumps|JSON\.stringify|yaml\.(?:safe_)?dump)\([ \t]*)?/g;
/** Go's `fmt.Fprint(f, …)`, `fmt.Fprintln(f, …)`, `io.WriteString(f, …)`. */
const FPRINT = /\b(?:fmt\.Fprint(?:ln)?|io\.WriteString)\([ \t]*(\w{1,64})[ \t]*,[ \t]*/g;
/** Python's `print(value, [sep=…, end=…,] file=f)`: one value alone (`print("token:", t, file=f)` writes no literal alone). */
const PRINT_FILE =
  /\bprint\([ \t]*([rbRB]{0,2}"[^"\n]*"|[rbRB]{0,2}'[^'\n]*'|\w{1,64})[ \t]*,(?:[ \t]*(?:sep|end|flush)[ \t]*=[ \t]*(?:"[^"\n]*"|'[^'\n]*'|\w{1,16})[ \t]*,)*[ \t]*file[ \t]*=[ \t]*(\w{1,64})\b/g;
/** Python's `json.dump(value, f)`, `yaml.safe_dump(value, f)`: the value starts at the match's end. */
const DUMP = /\b(?:json|yaml|toml)\.(?:safe_)?dump\(\s*/g;
/** After a dump's value: the file, a name (group 1) or `open(p, "w")`. */
const DUMP_TARGET = new RegExp(
  `\\s*,\\s*(?:(\\w{1,64})\\b(?![ \\t]*[(.=])|open\\([ \\t]*${PATH}[ \\t]*,[ \\t]*(?:mode[ \\t]*=[ \\t]*)?["'][wax])`,
  'y',
);
const NAME = /[A-Za-z_]\w{0,63}(?![\w.([])/y;

interface Handle {
  kind: Kind | undefined;
  path: string;
  alive: boolean;
}

/** An event on a line, in the order a line's events are taken: bindings, then opens, then writes. */
interface Event {
  at: number;
  order: number;
  run: () => void;
}

export function secretFileHandleSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (!/open\(|Writer|Stream|os\.(?:Create|OpenFile)|CreateText|AppendText/.test(text)) return found;
  const read = literalReader(text);
  const bindings = new Map<string, Literal | undefined>();
  const handles = new Map<string, Handle[]>();
  const indented: Array<[Handle, number]> = []; // Python's: alive while a line is indented this much or more
  const braced: Array<[Handle, number]> = []; // alive while the depth of braces is this much or more
  let line = { indent: 0, depth: 0 };

  /** What a value at `at` writes: a literal, or the literal a name was bound to. */
  const valueAt = (at: number): Literal | undefined => {
    NAME.lastIndex = at;
    const name = NAME.exec(text)?.[0];
    const after = name && text[at + name.length];
    if (!name || after === '"' || after === "'") return read(at);
    const bound = bindings.get(name);
    return bound && { ...bound, end: at + name.length };
  };
  /** The file a path argument names: [kind, path], or undefined. */
  const fileOf = (quoted: string | undefined, joined: string | undefined, name: string | undefined): [Kind | undefined, string] => {
    const bound = name === undefined ? undefined : bindings.get(name)?.text;
    const path = name === undefined ? pathOf(quoted, joined) : bound;
    if (path !== undefined) return [secretFile(path), path];
    return [name === undefined ? undefined : secretFileVariable(name.slice(name.lastIndexOf('.') + 1)), name ?? ''];
  };
  const judge = (kind: Kind | undefined, path: string, value: Literal | undefined) => {
    for (const [start, end] of (kind && value?.spans) || []) {
      const written = literal(text.slice(start - 1, end + 1), start - 1);
      if (written && isWrittenSecret(kind!, written[0].replace(/(?:\\r)?\\n$/, ''), path)) found.push([start, end]);
    }
  };
  const handleOf = (name: string): Handle | undefined => {
    const stack = handles.get(name) ?? [];
    while (stack.length > 0 && !stack.at(-1)!.alive) stack.pop();
    return stack.at(-1);
  };
  const open = (name: string, [kind, path]: [Kind | undefined, string], scope: Array<[Handle, number]>, level: number) => {
    const handle = { kind, path, alive: true };
    if (handleOf(name)) handles.get(name)!.push(handle);
    else handles.set(name, [handle]);
    scope.push([handle, level]);
  };

  const events: Event[] = [];
  const on = (at: number, order: number, run: () => void) => events.push({ at, order, run });
  for (const m of text.matchAll(ASSIGNMENT))
    on(m.index + m[0].length, 0, () => {
      for (const handle of handles.get(m[1]) ?? []) handle.alive = false;
      handles.delete(m[1]);
      bindings.set(m[1], valueAt(m.index + m[0].length));
    });
  for (const m of text.matchAll(PARAMETERS))
    on(m.index, 0, () => {
      for (const name of (m[1] ?? m[2]).matchAll(/\w+/g)) bindings.delete(name[0]);
    });
  for (const m of text.matchAll(PYTHON_OPEN))
    on(m.index, 1, () => {
      const name = m[5] ?? m[1];
      if (name) open(name, fileOf(m[2], m[3], m[4]), indented, line.indent + (m[5] ? 1 : 0));
    });
  for (const m of text.matchAll(WRITER_OPEN)) on(m.index, 1, () => open(m[1], fileOf(m[2], m[3], m[4]), braced, line.depth));
  for (const m of text.matchAll(WRITER_INLINE)) on(m.index, 2, () => judge(...fileOf(m[1], m[2], m[3]), valueAt(m.index + m[0].length)));
  for (const m of [...text.matchAll(WRITE_CALL), ...text.matchAll(FPRINT)])
    on(m.index, 2, () => {
      const handle = handleOf(m[1]);
      if (handle?.kind) judge(handle.kind, handle.path, valueAt(m.index + m[0].length));
    });
  for (const m of text.matchAll(PRINT_FILE))
    on(m.index, 2, () => {
      const handle = handleOf(m[2]);
      if (handle?.kind) judge(handle.kind, handle.path, valueAt(m.index + m[0].indexOf(m[1], 6)));
    });
  for (const m of text.matchAll(DUMP))
    on(m.index, 2, () => {
      const value = valueAt(m.index + m[0].length);
      DUMP_TARGET.lastIndex = value?.end ?? -1;
      const target = value && DUMP_TARGET.exec(text);
      if (!target) return;
      const handle = target[1] === undefined ? undefined : handleOf(target[1]);
      const [kind, path] = handle ? [handle.kind, handle.path] : fileOf(target[2], target[3], target[4]);
      judge(kind, path, value);
    });
  if (events.length === 0) return found;

  // One pass over the lines: scopes close as lines come, then each line's events run in order.
  events.sort((a, b) => a.at - b.at);
  let depth = 0;
  for (let start = 0, next = 0; next < events.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let first = start;
    while (first < end && (text[first] === ' ' || text[first] === '\t')) first++;
    const code = first < end && text[first] !== '\r' && text[first] !== '#' && !text.startsWith('//', first);
    if (code) {
      while (indented.length > 0 && indented.at(-1)![1] > first - start) indented.pop()![0].alive = false;
      while (braced.length > 0 && braced.at(-1)![1] > depth) braced.pop()![0].alive = false;
    }
    line = { indent: first - start, depth };
    const here: Event[] = [];
    while (next < events.length && events[next].at <= end) here.push(events[next++]);
    for (const event of here.length > 1 ? here.sort((a, b) => a.order - b.order || a.at - b.at) : here) event.run();
    for (let i = start; i < end; i++) depth = Math.max(0, depth + (text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0));
    start = end + 1;
  }
  return found;
}
