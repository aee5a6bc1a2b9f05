/**
 * A text as the YAML reader reads it once a chart template prints it unquoted (`minAvailable: {{ ... }}`,
 * `hostPort: {{ $config.hostPort }}`): Helm's kube client turns the rendered manifest into JSON with sigs.k8s.io/yaml,
 * whose go-yaml v2 resolver (YAML 1.1, resolve.go) reads a plain scalar that starts with a digit, a sign or a dot as
 * a number: `strconv.ParseInt(s, 0, 64)` once every `_` is removed (so `0x1F`, `0o17`, `0b11`, the leading-zero octal
 * `017`, `+1`, `1_000`), else a float of the form `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (so `08`, `1.0`,
 * `1e3`). The YAML scanner drops the spaces around the scalar. Undefined when the text is not read as a number.
 */
export function yamlNumber(text: string): number | undefined {
  if (/[\r\n]/.test(text)) return undefined;
  const plain = text.replace(/^[ \t]+|[ \t]+$/g, '').replace(/_/g, '');
  const int = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/.exec(plain);
  if (int) {
    const [, sign, hex, octal, binary, leadingZero, decimal] = int;
    const magnitude =
      hex !== undefined
        ? parseInt(hex, 16)
        : octal !== undefined
          ? parseInt(octal, 8)
          : binary !== undefined
            ? parseInt(binary, 2)
            : leadingZero !== undefined
              ? parseInt(leadingZero, 8)
              : Number(decimal);
    return sign === '-' ? -magnitude : magnitude;
  }
  return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain) ? Number(plain) : undefined;
}

/** A whole number as the template prints it (a number, or a text YAML reads as a whole number), else undefined. */
export function renderedInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' ? yamlNumber(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

/**
 * A text as sprig's `float64` reads it (spf13/cast `ToFloat64`: `strconv.ParseFloat`, 0 when that fails), for the
 * chart's own guards that compare a value before it is rendered (`lt (float64 .rollingUpdate.maxUnavailable) 1.0`).
 */
export function sprigFloat(text: string): number {
  return /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text) ? Number(text) : 0;
}
