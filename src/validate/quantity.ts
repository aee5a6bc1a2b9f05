/**
 * A Kubernetes resource.Quantity as an exact fraction, for comparing two of them (k8s.io/apimachinery
 * pkg/api/resource/quantity.go ParseQuantity: a signed decimal number, then a binary-SI suffix Ki..Ei, a decimal-SI
 * suffix n, u, m, "", k, M, G, T, P, E, or a decimal exponent e<n>/E<n>). A YAML number is read as the text it
 * prints. Undefined for what is no quantity (the schema's `quantity` format says so) or whose exponent is out of reach.
 */
export interface Quantity {
  readonly num: bigint;
  readonly den: bigint;
}

const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
/** Exponents beyond this are not compared (a hostile 1e999999 would make a huge number). */
const MAX_EXPONENT = 400;

export function parseQuantity(value: unknown): Quantity | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || text.length > 100) return undefined;
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', suffix = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  let ten = -fraction.length;
  let two = 0;
  if (suffix in BINARY) two = BINARY[suffix];
  else if (suffix in DECIMAL) ten += DECIMAL[suffix];
  else ten += Number(suffix.slice(1));
  if (Math.abs(ten) > MAX_EXPONENT) return undefined;
  const digits = BigInt(`${whole}${fraction}` || '0') * (sign === '-' ? -1n : 1n);
  const num = digits * 2n ** BigInt(two) * (ten > 0 ? 10n ** BigInt(ten) : 1n);
  return { num, den: ten < 0 ? 10n ** BigInt(-ten) : 1n };
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * What to write for a text that is no quantity (80a-20: `50MB`, `100mi`), when only its unit is wrong: the units
 * quantity.go reads (k, M, G, T, P, E in powers of 1000, Ki to Ei in powers of 1024, m for thousandths), so `MB` is `M`
 * or `Mi` and a CPU's `mi` is `m`. Undefined when the number itself is unclear.
 */
export function quantityFix(value: string, resource: string): string | undefined {
  const parts = /^([+-]?(?:\d+\.?\d*|\.\d+))(\s*)([a-zA-Z]+)$/.exec(value.trim());
  if (!parts) return undefined;
  const [, number, blank, written] = parts;
  // A unit of its own apart from its number (`12 Mi`): only the blank is wrong.
  if (blank && (written in BINARY || written in DECIMAL)) return `has a blank before its unit: write ${number}${written}`;
  const unit = written.replace(/b$/i, '');
  if (!/^[kmgtpe]i?$/i.test(unit)) return undefined;
  if (resource === 'cpu' && unit.toLowerCase().startsWith('m'))
    return `${JSON.stringify(written)} is no Kubernetes unit: write ${number}m (thousandths of a CPU)`;
  const letter = unit[0].toUpperCase();
  const decimal = letter === 'K' ? 'k' : letter;
  return `${JSON.stringify(written)} is no Kubernetes unit: write ${number}${decimal} (powers of 1000) or ${number}${letter}i (powers of 1024)`;
}
