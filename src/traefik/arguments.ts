import { Path } from '../core/problem';

/**
 * One Traefik CLI flag of `additionalArguments` or `globalArguments`, as Traefik reads it: the chart
 * passes both lists to the container as they are (traefik/traefik-helm-chart
 * traefik/templates/_podtemplate.tpl, `with .Values.additionalArguments`), after its own flags, and
 * Traefik matches flag names case-insensitively (traefik/paerser `flag` package), so
 * `--entryPoints.web...` and `--entrypoints.web...` are the same flag.
 */
export interface TraefikFlag {
  /** The list item that holds it: `traefik.values.additionalArguments[2]`. */
  readonly path: Path;
  /** The flag's name in lower case, without the leading dashes. */
  readonly name: string;
  /** What follows `=`; undefined for a bare flag (a bare boolean flag means true). */
  readonly value?: string;
}

const LISTS = ['globalArguments', 'additionalArguments'] as const;

/** Every `--name[=value]` flag of the values' argument lists, in the order Traefik reads them. */
export function traefikFlags(values: Readonly<Record<string, unknown>>, prefix: Path): TraefikFlag[] {
  return LISTS.flatMap((list) => {
    const items = values[list];
    if (!Array.isArray(items)) return [];
    return items.flatMap((item, i): TraefikFlag[] => {
      const match = typeof item === 'string' ? /^\s*--?([^=\s]+)(?:=(.*))?$/s.exec(item) : null;
      if (!match) return [];
      const path = [...prefix, 'values', list, i];
      return [{ path, name: match[1].toLowerCase(), ...(match[2] !== undefined && { value: match[2].trim() }) }];
    });
  });
}

/** Whether a boolean flag is on: bare, or `=true` in any case (Go's strconv.ParseBool also takes 1, t, T). */
export function flagIsTrue(flag: TraefikFlag): boolean {
  return flag.value === undefined || /^(true|t|1)$/i.test(flag.value);
}

/** Whether a boolean flag is off: `=false` in any case (also 0, f, F). */
export function flagIsFalse(flag: TraefikFlag): boolean {
  return flag.value !== undefined && /^(false|f|0)$/i.test(flag.value);
}
