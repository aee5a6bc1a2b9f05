import { literalWritten, wordsLiteral, WORD, WRITER, type Literal } from './fed-literals';

/**
 * A variable set by a command substitution that only writes a literal (attack round 46a-1, 46a-5): `PW=$(echo 'pw')`,
 * `export PW="$(printf %s 'pw')"`, `` PW=`echo pw` ``, `PW=$(cat <<< 'pw')`, through filters that keep it (`| tr -d
 * '\n'`, `| head -n1`, `| cat`) and decoders that undo an encoding (`| base64 -d`, `base64 --decode <<< …`, `| openssl
 * base64 -d`, `| xxd -r -p`). The variable holds the literal (decoded): variable-literals.ts reads it as it reads `PW='pw'`.
 * A substitution that runs anything else (`$(cat /run/pw)`, `$(kubectl get secret … | base64 -d)`, `$(openssl rand
 * -base64 24)`) holds no literal of the text.
 */

/** What precedes an assignment (as variable-literals.ts's BEFORE): a line's start, a separator, a blank; `export`, `local`… */
const BEFORE = String.raw`(?<![^\s;&|(])(?:(?:export|local|readonly|declare|typeset)[ \t]+(?:-\w+[ \t]+)*)?`;
/** `NAME=$(…)`, `NAME="$(…)"`, `` NAME=`…` ``: the body (no parenthesis, backquote or line break in it) is group 2 or 3. */
const ASSIGNED = new RegExp(
  String.raw`${BEFORE}([A-Za-z_]\w{0,127})="?(?:\$\(([^()\x60\n]{1,4096})\)|\x60([^\x60\n]{1,4096})\x60)"?(?=[\s;&|)]|$)`,
  'dg',
);
/** A here-string's word, after `<<<`: group 1. */
const HERE_WORD = new RegExp(String.raw`^[ \t]*(${WORD})[ \t]*$`, 'd');
const WRITES = new RegExp(String.raw`^[ \t]*(${WRITER})[ \t]*$`, 'd');
/** A path's directories before a command (`/usr/bin/base64`). */
const PATH = String.raw`(?:/(?:usr/)?(?:local/)?bin/)?`;
/**
 * Filters that pass a literal on as it is, or near enough (a line break or blanks taken out, the first lines or
 * characters kept: `head -c 64`, `tr -d ' '`, `cat --`, false47).
 */
const FILTER = new RegExp(
  String.raw`^${PATH}(?:cat(?:[ \t]+--?)?|(?:head|tail)(?:[ \t]+-(?:[nc][ \t]*)?\d+)?|tr[ \t]+-d[ \t]+(?:'[^']*'|"[^"]*"|\S+)|xargs(?:[ \t]+echo)?)$`,
);
/**
 * Filters that derive a value from a literal (48a-8: `echo bob:pw | cut -d: -f2`, `| sed 's/^x//'`, `| awk '{print $2}'`,
 * `| jq -r .p`): the literal stands for what they make of it, which anyone reading the text can make too (a hash of it
 * is not the literal, as a password's hash is not the password).
 */
const DERIVING = new RegExp(String.raw`^${PATH}(?:cut|sed|g?awk|mawk|jq|yq|grep|rev|fold)(?:[ \t].*)?$`);
/** Decoders: base64's (`-d`, `-D`, `--decode`, `-di`), basenc's and openssl's, and xxd's of plain hex. */
const BASE64 = new RegExp(
  String.raw`^${PATH}(?:base64|basenc[ \t]+--base64|openssl[ \t]+(?:base64|enc[ \t]+(?:-a|-base64)))(?=.*[ \t](?:-[a-zA-Z]*[dD][a-zA-Z]*|--decode)(?:[ \t]|$))(?:[ \t]+(?:-[a-zA-Z]+|--[a-z-]+))+$`,
);
const HEX = new RegExp(String.raw`^${PATH}xxd(?=.*[ \t]-[a-z]*r)(?=.*[ \t]-[a-z]*p)(?:[ \t]+-[a-z]+)+$`);

/** How many substitutions of a text are read (each a few patterns' test). */
const MAX_SUBSTITUTIONS = 64;

/** A variable set to a literal: its value, the span the text writes it in (the encoded one, where decoded), each character's place. */
export interface SubstitutionLiteral {
  name: string;
  value: string;
  span: [number, number];
  map: number[];
  after: number;
}

/** The literal `stage` passes on from `input` (undefined: it runs something else, or the input does not decode). */
function passed(stage: string, input: Literal): Literal | undefined {
  const command = stage.trim().replace(/[ \t]+/g, ' ');
  if (FILTER.test(command) || DERIVING.test(command)) return input;
  const decode = BASE64.test(command) ? 'base64' : HEX.test(command) ? 'hex' : undefined;
  return decode ? decoded(input, decode) : undefined;
}

/** `literal` decoded, as text a password may be (printable, without line breaks but a last one); undefined where not. */
function decoded({ value }: Literal, encoding: 'base64' | 'hex'): Literal | undefined {
  const written = value.replace(/\\n|\s/g, '');
  const valid =
    encoding === 'base64' ? /^[A-Za-z0-9+/]+={0,2}$/.test(written) && written.length % 4 !== 1 : /^(?:[0-9a-fA-F]{2})+$/.test(written);
  if (!valid) return undefined;
  const text = Buffer.from(written, encoding)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  // eslint-disable-next-line no-control-regex -- bytes that are no text
  if (!text || /[\x00-\x1f\x7f\ufffd]/.test(text)) return undefined;
  return { value: text, map: Array<number>(text.length).fill(-1) };
}

/** A pipeline's stages: split at each `|` outside quotes. */
function stagesOf(body: string): string[] {
  const stages: string[] = [];
  let [start, quote] = [0, ''];
  for (let k = 0; k < body.length; k++) {
    const c = body[k];
    if (quote) quote = c === quote ? '' : quote;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '|') [stages[stages.length], start] = [body.slice(start, k), k + 1];
  }
  return [...stages, body.slice(start)];
}

/** The literal a substitution's body (`echo 'pw' | base64 -d`, `base64 -d <<< 'pw'`) writes, at `at` in `text`. */
function bodyLiteral(text: string, at: number, body: string): { literal: Literal; span: [number, number] } | undefined {
  const stages = stagesOf(body);
  if (stages.some((stage) => !stage.trim()) || stages.length > 8) return undefined;
  // The first stage writes the literal (`echo …`, `printf …`) or is fed it (`base64 -d <<< …`), the rest pass it on.
  const head = WRITES.exec(stages[0]);
  const operator = head ? -1 : stages[0].indexOf('<<<');
  const command = operator < 0 ? undefined : stages[0].slice(0, operator);
  const here = command === undefined || /[<>]/.test(command) ? undefined : HERE_WORD.exec(stages[0].slice(operator + 3));
  const from = at + operator + 3;
  const written = head
    ? literalWritten(text, at + head.indices![1][0], head[1])
    : here && wordsLiteral(text, from + here.indices![1][0], from + here.indices![1][1]);
  const placed = written?.map.filter((k) => k >= 0) ?? [];
  if (!written || placed.length === 0) return undefined;
  const span: [number, number] = [Math.min(...placed), Math.max(...placed) + 1];
  let literal: Literal | undefined = command?.trim() ? passed(command, written) : written;
  for (const stage of stages.slice(1)) literal = literal && passed(stage, literal);
  return literal && { literal, span };
}

/** The variables `text` sets by a command substitution that writes a literal, in order. */
export function substitutionLiterals(text: string): SubstitutionLiteral[] {
  if (!text.includes('=$(') && !text.includes('="$(') && !text.includes('=`') && !text.includes('="`')) return [];
  const found: SubstitutionLiteral[] = [];
  let read = 0;
  for (const match of text.matchAll(ASSIGNED)) {
    if (++read > MAX_SUBSTITUTIONS) break;
    const k = match[2] === undefined ? 3 : 2;
    const written = bodyLiteral(text, match.indices![k][0], match[k]);
    if (written) {
      const { literal, span } = written;
      found.push({ name: match[1], value: literal.value, span, map: literal.map, after: match.index + match[0].length });
    }
  }
  return found;
}
