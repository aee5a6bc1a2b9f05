/**
 * A JSON Web Key's private `d` (RFC 7518 §6.2.2, §6.3.2; RFC 8037) written as text in any syntax, not only data
 * that parses: `"d": "<v>"` (JSON, pretty-printed over several lines too), `d: <v>` (YAML), `d=<v>` or `&d=<v>`
 * (key=value, a query), `<d><v></d>` (XML). It counts where <v> is base64url of 16 bytes or more and a public member
 * (`kty`, `crv`, `x`, `y`, `n`, `e`, with a value a JWK would hold) is written in the same syntax within WINDOW characters: `kty=EC crv=P-256 x=…`
 * alone, or a `d` of a query far from any JWK member, is none.
 */

const WINDOW = 4096;
const VALUE = String.raw`["']?([A-Za-z0-9_-]{22,})`;
/** A public member with a value only a JWK would hold, so `x=1` or `e=abc` in a query marks nothing. */
const MARKS: ReadonlyArray<readonly [string, string]> = [
  ['kty', '(?:EC|RSA|OKP|oct)'],
  ['crv', '(?:P-256|P-384|P-521|Ed25519|Ed448|X25519|X448|secp256k1)'],
  ['x|y|n', '[A-Za-z0-9_-]{16,}'],
  ['e', '(?:AQAB|AQ|Aw)'],
];

/** One syntax: how a member named `names` is written before its value. */
const FAMILIES = [
  (names: string) => String.raw`(?<![\w.-])(["'])(?:${names})\1\s{0,64}:\s{0,64}`,
  (names: string) => String.raw`(?<![\w."'-])(?:${names}):[^\S\n]{1,16}`,
  (names: string) => String.raw`(?<![\w.-])(?:${names})[^\S\n]{0,16}=[^\S\n]{0,16}`,
  (names: string) => String.raw`<(?:${names})>\s{0,64}`,
].map((family) => ({
  d: new RegExp(family('d') + VALUE, 'gi'),
  marks: MARKS.map(([names, value]) => new RegExp(family(names) + String.raw`["']?${value}(?![\w-])`, 'gi')),
}));

/** Whether a sorted list holds a number within WINDOW of `at`. */
function near(sorted: readonly number[], at: number): boolean {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < at) low = mid + 1;
    else high = mid;
  }
  return (low < sorted.length && sorted[low] - at <= WINDOW) || (low > 0 && at - sorted[low - 1] <= WINDOW);
}

/**
 * Any other syntax, read generically: a member's name (after no word character, or after `--`/` -`: a flag), then a
 * short run of punctuation and blanks (`" => "`, ` := `, ` -> `, ` . "` of a Lisp pair, `=`, a tab, the blank of
 * `--d <v>`), then its value. The run is the syntax: a public member must be written with the same run (blanks
 * counted as one) to mark a `d`, so `"kty" => "EC"` marks `"d" => "…"`, and `kty=EC` does not mark `d <v>`.
 */
const GENERIC = (names: string, value: string) => new RegExp(String.raw`(?<![\w.]|\w-)(?:${names})([^\w\n]{1,8})(${value})(?![\w-])`, 'gi');
const GENERIC_D = GENERIC('d', '[A-Za-z0-9_-]{22,}');
const GENERIC_MARKS = MARKS.map(([names, value]) => GENERIC(names, value));
/** A separator run as a syntax: blanks counted as one, a `-` the value started with left out. */
const syntaxOf = (run: string): string => run.replace(/\s+/g, ' ').replace(/(?<!-)-$/, '');
/**
 * A run of base64's own `/` and `+` is no syntax: it is inside a base64 word (`…L/D/Xidv…` of a ConfigMap's binaryData,
 * attack round 32a-3), which every random blob of 100 kB holds somewhere beside an `/e/AQ…` or `/x/…`.
 */
const inBase64 = (run: string): boolean => /^[+/]+$/.test(run);

function genericMembers(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let marks: Map<string, number[]> | undefined;
  for (const { index, 1: run, 2: value, 0: whole } of text.matchAll(GENERIC_D)) {
    if (!marks) {
      marks = new Map();
      for (const mark of GENERIC_MARKS)
        for (const { index: at, 1: markRun } of text.matchAll(mark)) {
          if (inBase64(markRun)) continue;
          const syntax = syntaxOf(markRun);
          if (!marks.has(syntax)) marks.set(syntax, []);
          marks.get(syntax)!.push(at);
        }
      marks.forEach((list) => list.sort((a, b) => a - b));
    }
    if (inBase64(run)) continue;
    const end = index + whole.length;
    if (near(marks.get(syntaxOf(run)) ?? [], index)) found.push([end - value.length, end]);
  }
  return found;
}

/** A table's cell separators: CSV's `,` or `;`, a tab, Markdown's `|`. */
const CELLS = /[,;\t|]/;
/** A header row naming `d` as a column: a cell of `d` alone (blanks bounded: a long blank run is not rescanned from each tab). */
const D_HEADER = /(?:^|[,;\t|])[^\S\n]{0,16}["']?d["']?[^\S\n]{0,16}(?:[,;\t|]|$)/im;
/** How many rows after its header a table's `d` is looked for in. */
const TABLE_ROWS = 64;

/**
 * A table (CSV, TSV, Markdown) whose header row names `d` and a public member (`kty`, `crv`, `x`, `y`, `n`): the
 * base64url values in `d`'s column of the rows below it.
 */
function tableMembers(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (!D_HEADER.test(text)) return found;
  const cellsOf = (line: string, by: string) => line.split(by).map((cell) => cell.trim().replace(/^["']|["']$/g, ''));
  // One pass: the last header row read is the table's, for the TABLE_ROWS rows below it.
  let table: { by: string; column: number; rows: number } | undefined;
  let at = 0;
  for (const line of text.split('\n')) {
    const by = CELLS.test(line) ? ['|', '\t', ',', ';'].find((c) => line.includes(c))! : undefined;
    const cells = by ? cellsOf(line, by) : [];
    const column = cells.indexOf('d');
    if (by && column >= 0 && cells.some((cell) => /^(?:kty|crv|x|y|n)$/.test(cell))) table = { by, column, rows: TABLE_ROWS };
    else if (table && table.rows-- > 0) {
      const raw = line.split(table.by);
      const value = raw[table.column] !== undefined ? /[A-Za-z0-9_-]{22,}/.exec(raw[table.column]) : null;
      if (value && cellsOf(line, table.by)[table.column] === value[0]) {
        const offset = at + raw.slice(0, table.column).join(table.by).length + (table.column ? table.by.length : 0) + value.index;
        found.push([offset, offset + value[0].length]);
      }
    }
    at += line.length + 1;
  }
  return found;
}

/** The [start, end) of every private `d` value written beside a JWK's public member in `text`. */
export function jwkPrivateMembers(text: string): Array<[number, number]> {
  if (!/d/i.test(text)) return [];
  const found: Array<[number, number]> = [...genericMembers(text), ...tableMembers(text)];
  for (const { d, marks } of FAMILIES) {
    let at: number[] | undefined;
    for (const match of text.matchAll(d)) {
      at ??= marks.flatMap((mark) => [...text.matchAll(mark)].map(({ index }) => index)).sort((a, b) => a - b);
      const value = match[match.length - 1];
      const end = match.index + match[0].length;
      if (near(at, match.index)) found.push([end - value.length, end]);
    }
  }
  return found;
}
