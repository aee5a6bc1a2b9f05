import { goYamlScalar } from '../core/go-yaml-scalars';

/**
 * A text as the YAML reader reads it once a chart template prints it unquoted (`minAvailable: {{ ... }}`,
 * `hostPort: {{ $config.hostPort }}`): Helm's kube client turns the rendered manifest into JSON with sigs.k8s.io/yaml,
 * whose go-yaml v2 resolver (YAML 1.1, core/go-yaml-scalars.ts) reads a plain scalar that starts with a digit, a sign or
 * a dot as a number where it can (`0x1F`, `0o17`, `0b11`, the leading-zero octal `017`, `+1`, `1_000`, `08`, `1.0`,
 * `1e3`). The YAML scanner drops the spaces around the scalar. Undefined when the text is not read as a finite number.
 */
export function yamlNumber(text: string): number | undefined {
  if (/[\r\n]/.test(text)) return undefined;
  const read = goYamlScalar(text.replace(/^[ \t]+|[ \t]+$/g, ''));
  return read && (read.kind === 'int' || read.kind === 'float') && Number.isFinite(read.value) ? read.value : undefined;
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
