import { Path } from '../core/problem';

/**
 * One Traefik CLI flag of `additionalArguments` or `globalArguments`, as Traefik reads it: the chart
 * passes both lists to the container as they are (traefik/traefik-helm-chart
 * traefik/templates/_podtemplate.tpl, `with .Values.additionalArguments`), after its own flags, and
 * Traefik's parser (traefik/paerser flag/flagparser.go) matches names case-insensitively, so
 * `--entryPoints.web...` and `--entrypoints.web...` are the same flag; a later value replaces an earlier
 * one, but a list flag (`trustedIPs`, `namespaces`) given twice gets both values; a flag that is not a
 * switch and has no `=value` takes the next argument as its value.
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

/** The flags the rules read that take a value (not switches), so a bare one takes the next argument. */
const TAKES_VALUE =
  /(\.trustedips|^providers\.kubernetesingress\.(namespaces|ingressclass|labelselector)|^certificatesresolvers\.[^.]+\.acme\.(email|caserver|storage))$/;

/** Every `--name[=value]` flag of the values' argument lists, in the order Traefik reads them. */
export function traefikFlags(values: Readonly<Record<string, unknown>>, prefix: Path): TraefikFlag[] {
  return LISTS.flatMap((list) => {
    const items = values[list];
    if (!Array.isArray(items)) return [];
    const flags: TraefikFlag[] = [];
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      const match = typeof item === 'string' ? /^\s*--?([^=\s]+)(?:=(.*))?$/s.exec(item) : null;
      if (!match) continue;
      const path = [...prefix, 'values', list, i];
      const name = match[1].toLowerCase();
      let value = match[2];
      const next: unknown = items[i + 1];
      if (value === undefined && TAKES_VALUE.test(name) && typeof next === 'string') {
        value = next;
        i++;
      }
      flags.push({ path, name, ...(value !== undefined && { value: value.trim() }) });
    }
    return flags;
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
