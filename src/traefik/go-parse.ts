/**
 * 50b-2: whether Traefik's flag parser takes a value, as traefik/paerser v0.2.0 parser/element_fill.go converts it:
 * the value exactly as written (no blanks trimmed, except around the items of a list: `makeSlice`), booleans by
 * strconv.ParseBool, integers by strconv.ParseInt(v, 10, bits), durations (`types.Duration`, an int64) by ParseInt
 * (seconds), else time.ParseDuration, floats by strconv.ParseFloat, lists split on `,`.
 */

const INT64 = 1n << 63n;

/** Go's strconv.ParseBool: true for `1 t T TRUE true True`, false for `0 f F FALSE false False`, undefined (an error) else. */
export function goBoolValue(text: string): boolean | undefined {
  if (/^(1|t|T|TRUE|true|True)$/.test(text)) return true;
  return /^(0|f|F|FALSE|false|False)$/.test(text) ? false : undefined;
}

/** Whether Go's strconv.ParseBool reads `text`. */
export const goBool = (text: string): boolean => goBoolValue(text) !== undefined;

/** Go's strconv.ParseInt(text, 10, bits): an optional sign, decimal digits, within the signed range of `bits`. */
export function goInt(text: string, bits: 32 | 64): boolean {
  if (!/^[-+]?\d+$/.test(text) || text.length > 40) return false;
  const value = BigInt(text);
  const limit = 1n << BigInt(bits - 1);
  return value >= -limit && value < limit;
}

/** Go's strconv.ParseInt(text, 10, 64). */
export const goInt64 = (text: string): boolean => goInt(text, 64);

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1000n,
  '\u00b5s': 1000n,
  '\u03bcs': 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};
const SEGMENT = /(\d*)(?:\.(\d*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/y;

/** Go's time.ParseDuration: `0`, or signed segments of a decimal number and a unit, the sum within int64 nanoseconds. */
export function goDuration(text: string): boolean {
  const signed = /^[-+]/.test(text);
  const body = signed ? text.slice(1) : text;
  if (body === '0') return true;
  if (body === '' || body.length > 200) return false;
  let total = 0n;
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < body.length) {
    const match = SEGMENT.exec(body);
    if (!match) return false;
    const [, whole, fraction = '', unit] = match;
    if (whole === '' && fraction === '') return false;
    const ns = UNIT_NS[unit];
    // A fraction's digits past nanoseconds change nothing (Go scales it as a float); the whole part must fit.
    const scale = 10n ** BigInt(Math.min(fraction.length, 30));
    total += BigInt(whole || '0') * ns + (BigInt(fraction.slice(0, 30) || '0') * ns) / scale;
    if (total > INT64) return false;
  }
  return signed && text[0] === '-' ? total <= INT64 : total < INT64;
}

/** A types.Duration: seconds as an int64, else a Go duration. */
export const goSecondsOrDuration = (text: string): boolean => goInt64(text) || goDuration(text);

/**
 * Go's `underscoreOK` (go/src/strconv/atoi.go, go1.22): a `_` only between digits, or between a base prefix and a digit.
 */
function goUnderscoresOk(text: string): boolean {
  const body = /^[-+]/.test(text) ? text.slice(1) : text;
  const hex = /^0x/i.test(body);
  let saw = hex ? '0' : '^';
  for (const char of hex ? body.slice(2) : body) {
    if (/\d/.test(char) || (hex && /[a-f]/i.test(char))) saw = '0';
    else if (char === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else if (saw === '_') return false;
    else saw = '!';
  }
  return saw !== '_';
}

const GO_DECIMAL = /^[-+]?([\d_]+(\.[\d_]*)?|\.[\d_]+)(e[-+]?[\d_]+)?$/i;
// A hexadecimal mantissa needs a `p` exponent (go/src/strconv/atof.go readFloat: "Must have exponent").
const GO_HEX = /^[-+]?0x(?:([\da-f_]+)(?:\.([\da-f_]*))?|\.([\da-f_]+))p([-+]?[\d_]+)$/i;

/** Whether a hexadecimal float stays within float64 (Go's ErrRange past it; an underflow is 0, no error). */
function hexInRange(match: RegExpExecArray): boolean {
  const whole = (match[1] ?? '').replace(/_/g, '');
  const fraction = (match[2] ?? match[3] ?? '').replace(/_/g, '');
  const digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '' || digits.length > 4000) return digits === '';
  // Go stops growing the exponent at 10000 (atof.go readFloat), so longer exponents are just large.
  const exponent = Math.max(-20000, Math.min(20000, Number(match[4].replace(/_/g, '').slice(0, 12))));
  const top = 4 * digits.length - Math.clz32(parseInt(digits[0], 16)) + 28 - 1;
  const power = top - 4 * fraction.length + exponent;
  if (power !== 1023) return power < 1023;
  // At the edge, rounding to 53 bits may carry into 2^1024: the top 64 bits decide it.
  const shift = Math.max(0, top - 63);
  return Number.isFinite(Number(BigInt('0x' + digits) >> BigInt(shift)) * 2 ** (power - (top - shift)));
}

/**
 * Go's strconv.ParseFloat(text, 64) (go/src/strconv/atof.go): `inf`/`infinity` with a sign or none, `nan` bare, decimal
 * and exponent forms, hexadecimal ones only with a `p` exponent (`0x10` is refused, `0x1p4` is 16), `_` only between
 * digits; refused beyond float64's range (Go's ErrRange).
 */
export function goFloat(text: string): boolean {
  if (/^([-+]?inf(inity)?|nan)$/i.test(text)) return true;
  if (text.length > 5000 || (text.includes('_') && !goUnderscoresOk(text))) return false;
  const hex = GO_HEX.exec(text);
  if (hex) return hexInRange(hex);
  if (!GO_DECIMAL.test(text) || !/\d/.test(text)) return false;
  return Number.isFinite(Number(text.replace(/_/g, '')));
}

/** A list of floats: the value split on `,`, each item trimmed and read as a float; empty, it is an empty list. */
export const goFloats = (text: string): boolean => text === '' || text.split(',').every((item) => goFloat(item.trim()));
