import { parseQuantity } from '../validate/quantity';

/**
 * The chart's own arithmetic for Traefik's GOMEMLIMIT from chart v37.0.0 (traefik/templates/_helpers.tpl
 * `traefik.convertMemToBytes` and `traefik.gomemlimit`, the same text at every tag v37.0.0 to v41.3.0), mirrored step by step:
 * sprig's `float64` is cast.ToFloat64 (strconv.ParseFloat, 0 for a text it refuses), and `mulf`/`divf` turn each float64 into
 * a shopspring decimal of its shortest digits (decimal.NewFromFloat, which panics on NaN and ±Inf), multiply or divide
 * (Div rounds to 16 places, half away from zero) and return the nearest float64 (sprig numeric.go execDecimalOp).
 */

/** A decimal: c × 10^e. */
interface Dec {
  readonly c: bigint;
  readonly e: number;
}

/** What the chart computes: a whole count of MiB, or why it cannot. */
export type ChartMemLimit = { readonly mib: number; readonly bytes: number } | { readonly failure: 'lower' | 'infinite' | 'int64' };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * cast.ToFloat64 of a value: a number as itself, a boolean as 1 or 0, nil as 0, a text as strconv.ParseFloat reads it (0 for
 * a syntax or range error; "Inf", "Infinity" and "NaN" in any case). Undefined for the Go forms not mirrored here (hex floats,
 * `_` between digits) and for lists and maps.
 */
export function castFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  if (typeof value !== 'string') return undefined;
  if (/^[+-]?(?:inf|infinity)$/i.test(value)) return value.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(value)) return NaN;
  if (/^[+-]?0[xX]|\d_\d/.test(value)) return undefined;
  if (!DECIMAL.test(value)) return 0;
  const read = Number(value);
  return Number.isFinite(read) ? read : 0;
}

/** decimal.NewFromFloat: the shortest digits that read back as `f` (JavaScript's Number#toString gives the same digits). */
function fromFloat(f: number): Dec {
  const [, sign, whole, fraction = '', exponent = '0'] = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(f))!;
  return { c: BigInt(`${sign}${whole}${fraction}`), e: Number(exponent) - fraction.length };
}

/** decimal.Float64: the float64 nearest to `d` (JavaScript reads a decimal text to the nearest float64 too). */
const toFloat = (d: Dec): number => Number(`${d.c}e${d.e}`);

const ten = (n: number): bigint => 10n ** BigInt(n);

/** sprig `mulf a b`; undefined where decimal.NewFromFloat panics (NaN, ±Inf), which fails the render. */
function mulf(a: number, b: number): number | undefined {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  const x = fromFloat(a);
  const y = fromFloat(b);
  return toFloat({ c: x.c * y.c, e: x.e + y.e });
}

/** sprig `divf a b` (b > 0 here): the quotient rounded to 16 places, half away from zero (decimal.DivRound). */
function divf(a: number, b: number): number | undefined {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  const x = fromFloat(a);
  const y = fromFloat(b);
  // a / b × 10^16 = x.c × 10^(x.e − y.e + 16) / y.c
  const shift = x.e - y.e + 16;
  const num = x.c * (shift > 0 ? ten(shift) : 1n);
  const den = y.c * (shift < 0 ? ten(-shift) : 1n);
  const negative = num < 0n !== den < 0n;
  const [n, d] = [num < 0n ? -num : num, den < 0n ? -den : den];
  const rounded = (n / d + (2n * (n % d) >= d ? 1n : 0n)) * (negative ? -1n : 1n);
  return toFloat({ c: rounded, e: -16 });
}

const POWER = { e: 1e18, p: 1e15, t: 1e12, g: 1e9, k: 1e3, ei: 2 ** 60, pi: 2 ** 50, ti: 2 ** 40, gi: 2 ** 30, mi: 2 ** 20, ki: 2 ** 10 };

/**
 * `traefik.convertMemToBytes` of a memory limit given as a text: `lower`, then the first suffix branch that matches, in the
 * template's order. Its `ei` branch trims only "e" (so "1Ei" reads as 0), the `m` and `M` branches test the text as given
 * (`hasSuffix "m" .`), and a text no branch matches (a plain number, a decimal exponent, or `n`/`u`) is read whole by `mulf`.
 */
function chartBytes(text: string): number | undefined {
  const mem = text.toLowerCase();
  const times = (trim: string, by: number) => mulf(castFloat(mem.slice(0, mem.length - trim.length))!, by);
  for (const suffix of ['e', 'ei', 'p', 'pi', 't', 'ti', 'g', 'gi'] as const) {
    // `trimSuffix "e"` of a text that ends in "ei" trims nothing
    if (mem.endsWith(suffix)) return times(suffix === 'ei' ? '' : suffix, POWER[suffix]);
  }
  if (text.endsWith('m')) return divf(castFloat(mem.slice(0, -1))!, 1e3);
  if (text.endsWith('M')) return times('m', 1e6);
  if (mem.endsWith('mi')) return times('mi', POWER.mi);
  if (mem.endsWith('k')) return times('k', POWER.k);
  if (mem.endsWith('ki')) return times('ki', POWER.ki);
  return castFloat(mem)!;
}

/**
 * The GOMEMLIMIT the chart writes for `memory` and `percentage` (from chart v37.0.0), as `printf "%dMiB" (divf (mulf
 * percentage (include "traefik.convertMemToBytes" memory)) 0x1p20 | floor | int64)`. A memory limit that is no text fails
 * the render at `lower` (Helm reads a YAML number as float64; sprig's `lower` takes a string). Undefined when the percentage
 * is a form not mirrored here or the memory limit no Kubernetes quantity (refused on its own).
 */
export function chartMemLimit(memory: unknown, percentage: unknown): ChartMemLimit | undefined {
  if (typeof memory !== 'string') return { failure: 'lower' };
  const factor = castFloat(percentage);
  if (factor === undefined || !parseQuantity(memory)) return undefined;
  const bytes = chartBytes(memory);
  // `include` prints a float64 with %v (its shortest digits, read back exactly) and +Inf as "+Inf", which mulf reads back.
  const limit = bytes === undefined ? undefined : mulf(factor, bytes);
  const mib = limit === undefined ? undefined : divf(limit, 2 ** 20);
  if (bytes === undefined || mib === undefined || !Number.isFinite(mib)) return { failure: 'infinite' };
  const whole = Math.floor(mib);
  // Go's float64 → int64 conversion of a value out of range is implementation-defined.
  if (whole >= 2 ** 63 || whole < -(2 ** 63)) return { failure: 'int64' };
  return { mib: whole, bytes };
}
