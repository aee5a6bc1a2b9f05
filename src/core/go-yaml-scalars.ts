/**
 * How Helm types a scalar of a manifest it rendered. Its kube client turns each document into JSON with
 * sigs.k8s.io/yaml `YAMLToJSON`, whose go-yaml v2 reads YAML 1.1 scalars (kubernetes-sigs/yaml goyaml.v2/resolve.go
 * `resolve`, v1.4.0): a plain scalar is looked up in a table by its first character (a sign or digit: a number; `.`: a
 * float; `y n t f o ~` and their capitals: only the words of the table), so `yes`/`on`/`Y` are true, `0644` is octal 420,
 * `0o644`, `0X1F`, `+0b11`, `1_000` are numbers, `08` the float 8, while `1:20` (no base-60), `yES`, `_1`, a date stay text
 * (decode.go keeps a timestamp as its text in an interface{}). A quoted or block scalar is text, unless tagged.
 */

/** A scalar as go-yaml v2 types it: `big` an integer beyond int64, which JSON carries but no map key can be. */
export type GoScalar =
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null'; readonly value: null }
  | { readonly kind: 'int'; readonly value: number; readonly exact: bigint }
  | { readonly kind: 'float'; readonly value: number };

/** The tags go-yaml v2 resolves a scalar by (resolvableTag); '' for none. */
export type GoScalarTag = '' | 'str' | 'int' | 'float' | 'bool' | 'null';

/** go-yaml v2 resolve.go resolveMapList: the words it reads as booleans. */
export const GO_YAML_TRUE_WORDS: readonly string[] = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
export const GO_YAML_FALSE_WORDS: readonly string[] = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];

const WORDS: ReadonlyMap<string, GoScalar> = new Map<string, GoScalar>([
  ...GO_YAML_TRUE_WORDS.map((w): [string, GoScalar] => [w, { kind: 'bool', value: true }]),
  ...GO_YAML_FALSE_WORDS.map((w): [string, GoScalar] => [w, { kind: 'bool', value: false }]),
  ...['', '~', 'null', 'Null', 'NULL'].map((w): [string, GoScalar] => [w, { kind: 'null', value: null }]),
  ...['.nan', '.NaN', '.NAN'].map((w): [string, GoScalar] => [w, { kind: 'float', value: NaN }]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w): [string, GoScalar] => [w, { kind: 'float', value: Infinity }]),
  ...['-.inf', '-.Inf', '-.INF'].map((w): [string, GoScalar] => [w, { kind: 'float', value: -Infinity }]),
]);

// resolve.go yamlStyleFloat, tried after strconv.ParseInt and ParseUint fail.
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
// strconv.ParseInt(s, 0, 64)'s syntax: a sign, then 0x/0o/0b digits, a leading-0 octal, or decimal.
const GO_INT = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** A plain (untagged: tag '') or tagged scalar's text as go-yaml v2 reads it; undefined where it fails ("cannot decode !!str `x` as a !!int"). */
export function goYamlScalar(text: string, tag: GoScalarTag = ''): GoScalar | undefined {
  const read = tag === 'str' ? { kind: 'str' as const, value: text } : untypedScalar(text);
  if (tag === '' || tag === read.kind) return read;
  // A `!!float` integer becomes a float (resolve's deferred check), one beyond int64 does not.
  if (tag === 'float' && read.kind === 'int' && read.exact >= -INT64_MAX - 1n && read.exact <= INT64_MAX)
    return { kind: 'float', value: read.value };
  return undefined;
}

function untypedScalar(text: string): GoScalar {
  const hint =
    text === ''
      ? 'M'
      : /^[+-]/.test(text)
        ? 'S'
        : /^[0-9]/.test(text)
          ? 'D'
          : /^[yYnNtTfFoO~]/.test(text)
            ? 'M'
            : text[0] === '.'
              ? '.'
              : '';
  const word = hint === '' ? undefined : WORDS.get(text);
  if (word) return word;
  if (hint === '.' && /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) && Number.isFinite(Number(text)))
    return { kind: 'float', value: Number(text) };
  if (hint !== 'S' && hint !== 'D') return { kind: 'str', value: text };
  const plain = text.replace(/_/g, '');
  const int = GO_INT.exec(plain);
  if (int) {
    const [, sign, hex, octal, binary, leadingZero, decimal] = int;
    const magnitude = BigInt(
      hex !== undefined
        ? `0x${hex}`
        : octal !== undefined
          ? `0o${octal}`
          : binary !== undefined
            ? `0b${binary}`
            : leadingZero !== undefined
              ? `0o${leadingZero.slice(1) || '0'}`
              : decimal,
    );
    const exact = sign === '-' ? -magnitude : magnitude;
    // ParseInt, then ParseUint (no sign), then the float syntax (a decimal or leading-0 text beyond them), then
    // math/big for an unsigned 0x/0o/0b integer beyond uint64 (ParseUint's range error).
    const fits = exact >= -INT64_MAX - 1n && (exact <= INT64_MAX || (sign === '' && exact <= UINT64_MAX));
    const big = sign === '' && (hex ?? octal ?? binary) !== undefined;
    if (fits || big) return { kind: 'int', value: Number(exact), exact };
  }
  // A float beyond float64 is ParseFloat's range error: then no float, and the text stays text.
  return YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))
    ? { kind: 'float', value: Number(plain) }
    : { kind: 'str', value: text };
}

/**
 * The JSON key sigs.k8s.io/yaml makes of a map key go-yaml v2 typed (yaml.go convertToJSONableObject): an int in
 * decimal, a bool as true/false, a float as `strconv.FormatFloat(f, 'g', -1, 32)`; undefined for a null key or an
 * integer beyond int64 ("unsupported map key": Helm fails).
 */
export function goYamlKey(key: GoScalar): string | undefined {
  if (key.kind === 'str') return key.value;
  if (key.kind === 'bool') return String(key.value);
  if (key.kind === 'int') return key.exact >= -INT64_MAX - 1n && key.exact <= INT64_MAX ? key.exact.toString() : undefined;
  return key.kind === 'float' ? goFloat32Text(key.value) : undefined;
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 32)`, with go-yaml's `.inf`/`-.inf`/`.nan`: the shortest float32 digits, %e from exponent 6 or below -4. */
function goFloat32Text(value: number): string {
  const f = Math.fround(value);
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const sign = f < 0 ? '-' : '';
  const size = Math.abs(f);
  let shortest = size.toExponential(8);
  for (let p = 0; p < 8; p++) {
    const s = size.toExponential(p);
    if (Math.fround(Number(s)) === size) {
      shortest = s;
      break;
    }
  }
  const [mantissa, power] = shortest.split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const exp = Number(power);
  if (exp < -4 || exp >= 6) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${fraction}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}
