import { formatPath, Path, Problem } from '../core/problem';
import { chartRulesOf, TRAEFIK_CHART_TABLE } from './chart-versions';
import { switchState } from './switch-values';
import { expandedFlagValue } from './argument-env';

/**
 * One Traefik CLI flag of `additionalArguments` or `globalArguments` (up to chart v35.4.0), as Traefik reads it: the chart
 * passes both lists to the container as they are (traefik/traefik-helm-chart
 * traefik/templates/_podtemplate.tpl, `with .Values.additionalArguments`), after its own flags (up to
 * v35.4.0 `globalArguments` come before them), and Traefik's parser (traefik/paerser v0.2.0
 * flag/flagparser.go) matches names case-insensitively, so `--entryPoints.web...` and
 * `--entrypoints.web...` are the same flag; a later value replaces an earlier one, but a list flag
 * (`trustedIPs`, `namespaces`) given twice gets both values. A map key in a name (a resolver's name)
 * keeps the spelling it was written in (paerser parser/labels_decode.go, `Name: path[1]`).
 */
export interface TraefikFlag {
  /** The list item that holds it: `traefik.values.additionalArguments[2]`. */
  readonly path: Path;
  /** The flag's name in lower case, without the leading dashes. */
  readonly name: string;
  /** The flag's name as written, without the leading dashes: map keys (resolver names) keep this spelling. */
  readonly written: string;
  /**
   * What follows `=`, exactly as Traefik reads it; undefined for a bare flag (a bare boolean flag means true). 61b-2: paerser
   * keeps the blanks (flag/flagparser.go `setValue`), and a text option takes them (parser/element_fill.go `fill`,
   * `case reflect.String: field.SetString(node.Value)`, v0.2.0); only a list's items are trimmed (flag-list-items.ts).
   */
  readonly value?: string;
  /** The same as `value` (kept for the readers that name it so). */
  readonly raw?: string;
  /**
   * For a bare flag, what follows it in Traefik's arguments where that is known: `none` for the last item of
   * `additionalArguments` (the chart renders it last), `flag` for an item that starts with `-`.
   */
  readonly next?: 'none' | 'flag';
  /** A flag the chart writes from its own key (chart-key-flags.ts), at that key's path. */
  readonly fromKey?: true;
}

const LISTS = ['globalArguments', 'additionalArguments'] as const;

/**
 * The flags the rules read that take a value (not switches). Written bare, Traefik takes the next item as the
 * value, whatever it is, or fails to start when none follows (paerser `parseOne`), so the rules refuse them bare.
 */
const TAKES_VALUE =
  /(\.trustedips|^providers\.kubernetes(ingress|gateway|crd)\.(namespaces|ingressclass|labelselector)|^certificatesresolvers\.[^.]+\.acme\.(email|caserver|storage)|^entrypoints\.[^.]+\.(address|http\.middlewares)|^entrypoints\.[^.]+\.http\.redirections\.entrypoint\.(to|scheme|priority))$/;

/**
 * Bare flags known to be switches (booleans, or option blocks paerser treats like them: `reflect.Pointer` in
 * `parseOne`), which never take the next item. Any other bare flag with an item after it may take that item as its
 * value, so the rules, which cannot tell, refuse it rather than judge the next item both ways.
 */
const SWITCHES = new RegExp(
  '^(api(\\.(dashboard|insecure|debug|disabledashboardad))?|ping|accesslog|metrics\\.prometheus|log|global\\.(checknewversion|sendanonymoususage)' +
    '|providers\\.(kubernetesingress|kubernetesgateway|kubernetescrd)(\\.(allowexternalnameservices|allowemptyservices|disableingressclasslookup' +
    '|disableclusterscoperesources|allowcrossnamespace|experimentalchannel|nativelbbydefault))?' +
    '|certificatesresolvers\\.[^.]+\\.acme\\.(tlschallenge|httpchallenge|dnschallenge)' +
    '|entrypoints\\.[^.]+\\.(forwardedheaders|proxyprotocol)\\.insecure|entrypoints\\.[^.]+\\.http\\.redirections\\.entrypoint(\\.permanent)?|serverstransport\\.insecureskipverify)$',
);

type Item = {
  readonly path: Path;
  readonly list: (typeof LISTS)[number];
  readonly item: unknown;
  readonly last: boolean;
  /** The item after it in its list. */
  readonly after?: unknown;
};

/** The argument lists chart `chartVersion` passes to Traefik: from v36.0.0 `globalArguments` is not one (chart-versions.ts). */
function items(values: Readonly<Record<string, unknown>>, prefix: Path, chartVersion: string): Item[] {
  const lists = chartRulesOf(chartVersion).globalArguments ? LISTS : LISTS.filter((list) => list !== 'globalArguments');
  return lists.flatMap((list) => {
    const entries = values[list];
    return Array.isArray(entries)
      ? entries.map((item: unknown, i) => ({
          path: [...prefix, 'values', list, i],
          list,
          item,
          last: i === entries.length - 1,
          after: entries[i + 1] as unknown,
        }))
      : [];
  });
}

/**
 * Splits one item as paerser's `parseOne` does: one or two dashes, then the name up to the first `=` (which cannot
 * be its first character). Undefined for an item that is no flag: one that does not start with `-`, `-` or `--` alone,
 * or a name that starts with `-` or `=`.
 */
function parseFlag(item: unknown): { written: string; value?: string } | undefined {
  if (typeof item !== 'string' || item.length < 2 || item[0] !== '-') return undefined;
  const body = item.slice(item[1] === '-' ? 2 : 1);
  if (body === '' || body[0] === '-' || body[0] === '=') return undefined;
  const equals = body.indexOf('=');
  return equals < 0 ? { written: body } : { written: body.slice(0, equals), value: body.slice(equals + 1) };
}

/**
 * Every `--name[=value]` item of the values' argument lists, in the order Traefik reads them. Every item that
 * starts with `-` is judged as a flag, even where Traefik could take it as the value of a bare flag before it
 * (a flag that is not a switch takes the next item): the rules over-approximate rather than let one item hide
 * another. The items Traefik would not read as flags are `argumentProblems`' to refuse.
 */
export function traefikFlags(values: Readonly<Record<string, unknown>>, prefix: Path, chartVersion: string): TraefikFlag[] {
  const vars = new Map();
  return items(values, prefix, chartVersion).flatMap(({ path, list, item, last, after }): TraefikFlag[] => {
    const flag = parseFlag(item);
    if (!flag) return [];
    const written = flag.written.trim();
    const name = written.toLowerCase();
    if (flag.value !== undefined) {
      // 81b-15: judged with the value the kubelet makes of `$(VAR)`; one from a Secret or ConfigMap is not known here, so a
      // flag that takes text is left unjudged (a switch keeps its text, which no rule can read as true or false).
      const value = list === 'additionalArguments' || list === 'globalArguments' ? expandedFlagValue(flag.value, values, vars) : flag.value;
      if (value === null) return SWITCHES.test(name) ? [{ path, name, written, value: flag.value, raw: flag.value }] : [];
      return [{ path, name, written, value, raw: value }];
    }
    // A value written as the next item (refused as such by argumentProblems) is judged as meant in the same run (79b-9).
    if (!last && typeof item === 'string' && splitPairFix(item, after))
      return [{ path, name, written, value: after as string, raw: after as string }];
    const next = last ? (list === 'additionalArguments' ? 'none' : undefined) : parseFlag(after) ? 'flag' : undefined;
    return [{ path, name, written, ...(next && { next }) }];
  });
}

/**
 * The items of `additionalArguments` and `globalArguments` that Traefik would not read as the flags they look like.
 * paerser's `parseOne` stops reading flags, without a word, at the first item that does not start with `-` (and
 * after `--`), and takes the next item as the value of a bare flag that is not a switch. So a value must be written
 * in its flag's item. The items themselves are never echoed: any of them may hold a secret.
 */
export function argumentProblems(
  values: Readonly<Record<string, unknown>>,
  prefix: Path,
  chartVersion: string,
  valueTold: (path: Path) => boolean = () => false,
): Problem[] {
  const oneItem =
    'write the flag and its value as one item, --name=value (--name=true for a switch), because Traefik reads a separate ' +
    'item as a value only for flags that are not switches and stops reading flags at any other word';
  // The value item of a pair said at its flag (79b-9): one line for the pair.
  let paired: Path | undefined;
  return items(values, prefix, chartVersion).flatMap(({ path, list, item, last, after }): Problem[] => {
    const rest = list === 'globalArguments' ? "every item after it and the chart's own flags" : 'every item after it';
    const valueOfPair = paired !== undefined && formatPath(paired) === formatPath(path);
    paired = undefined;
    // A list item that is no text is the values check's to refuse (traefik/values-check.ts).
    if (typeof item !== 'string' || valueOfPair) return [];
    if (item === '--') {
      return [{ path, message: `is "--", which ends Traefik's flags, so Traefik ignores ${rest}: remove it` }];
    }
    const flag = parseFlag(item);
    // `--configfile` in any form is refused on its own: with it Traefik ignores every flag (traefik/pod-rules.ts).
    if (flag?.written.trim().toLowerCase() === 'configfile') return [];
    const pair = flag && flag.value === undefined && !last ? splitPairFix(item, after, rest) : undefined;
    if (pair) {
      paired = [...path.slice(0, -1), (path[path.length - 1] as number) + 1];
      // Marked as about the flag's writing, so the rules' verdict on the value as meant stands beside it (Problem.aboutName).
      return [{ path, message: `is a flag whose value is written as the next item, ${formatPath(paired)}: ${pair}`, aboutName: true }];
    }
    if (flag && TAKES_VALUE.test(flag.written.trim().toLowerCase()) && flag.value === undefined) {
      return [
        {
          path,
          message: `is a flag that takes a value, written without one, so Traefik takes the next item as its value (or fails to start when none follows): ${oneItem}`,
        },
      ];
    }
    const entrypoint = flag && /^entrypoints\.([^.]+)\.address$/i.exec(flag.written.trim())?.[1];
    if (entrypoint) {
      // The chart renders `--entrypoints.<name>.address=:<port>/<protocol>` and the container port from `ports.<name>`
      // (templates/_podtemplate.tpl), so a later flag moves the listener away from the port the Service targets.
      return [
        {
          path,
          message:
            `sets the address of entrypoint ${entrypoint}, which the rules cannot judge next to the chart's container and Service ports: ` +
            `set ports.${entrypoint}.port (and ports.${entrypoint}.expose) instead, which the chart renders as this flag and as the pod's port`,
        },
      ];
    }
    // Up to chart v35 the chart's own flags follow globalArguments, so its last item is followed too.
    const followed = list === 'globalArguments' || !last;
    // A known option that takes a value is told as such by flag-names.ts (Traefik takes the next item as its value: 51b-10).
    if (flag && flag.value === undefined && followed && !SWITCHES.test(flag.written.trim().toLowerCase()) && !valueTold(path)) {
      return [
        {
          path,
          message:
            'is a bare flag with an item after it, and Traefik takes that item as its value unless the flag is a switch, which ' +
            'cannot be told here: write --name=true for a switch, or --name=value',
        },
      ];
    }
    if (flag) return [];
    if (item.length > 1 && item[0] === '-') {
      return [
        {
          path,
          message:
            'is no flag Traefik can read (after the dashes a name may not start with "-" or "="), so Traefik fails to start: remove it',
        },
      ];
    }
    const why = /^\s+-/.test(item) ? 'starts with a space, not "-"' : 'does not start with "-" and a flag name';
    return [{ path, message: `${why}, so Traefik stops reading its flags there and ignores it and ${rest}: ${oneItem}` }];
  });
}

/**
 * 79b-9: a bare flag followed by a word (`--log.level`, `verbose`): what to write, the two joined. The value is said
 * unless the flag names a secret (the redaction step blanks a secret-shaped one anyway) or is long; paerser reads the
 * word as the value of a flag that is not a switch, and stops reading flags at it after a switch, so either way the
 * one item `--name=value` is what Traefik reads as meant, and what this tool's flag rules judge.
 */
function splitPairFix(item: string, after: unknown, rest = 'every item after it'): string | undefined {
  if (typeof after !== 'string' || after === '' || after.trimStart()[0] === '-' || /[\r\n]/.test(after)) return undefined;
  const name = item.trim();
  // An access-log header's mode (`keep`, `drop`, `redact`) or a switch's value is no secret, whatever the flag names.
  const plain = /^(?:keep|drop|redact|true|false)$/i.test(after);
  const hidden = (!plain && /pass|secret|token|key|credential|auth/i.test(name)) || after.length > 80 || name.length > 120;
  const joined = hidden ? `${name}=<the value>` : `${name}=${after}`;
  return (
    `write ${JSON.stringify(joined)} as one item, because Traefik reads a separate item as a value only for flags that are not ` +
    `switches (after a switch it stops reading flags there, ignoring ${rest}), and this tool's rules judge a value only in its flag's item`
  );
}

/** The first chart that does not render `globalArguments` (chart-versions.ts). */
const GLOBAL_ARGUMENTS_UNTIL = TRAEFIK_CHART_TABLE.find((row) => row.globalArguments === false)!.since;

/**
 * Why `globalArguments` does nothing on chart `chartVersion`, else undefined: from v36.0.0 the chart renders no
 * `globalArguments`, so its flags never reach Traefik (an Ingress naming a resolver defined there would get Traefik's
 * self-signed default certificate). Its default items became `global.checkNewVersion` and `global.sendAnonymousUsage`
 * (traefik/traefik-helm-chart PR #1436, templates/_podtemplate.tpl at v36.0.0). Null or an empty list ask for nothing.
 */
export function ignoredGlobalArgumentsProblem(values: Readonly<Record<string, unknown>>, chartVersion: string): Problem | undefined {
  const given = values.globalArguments;
  if (chartRulesOf(chartVersion).globalArguments || given === undefined || given === null || (Array.isArray(given) && !given.length)) {
    return undefined;
  }
  return {
    path: ['globalArguments'],
    message:
      `is not read by Traefik chart ${chartVersion}: charts from v${GLOBAL_ARGUMENTS_UNTIL} render no globalArguments, so Traefik would ` +
      'never get these flags: move them to additionalArguments (for --global.checkNewVersion and --global.sendAnonymousUsage, ' +
      'set global.checkNewVersion and global.sendAnonymousUsage instead)',
  };
}

/** Whether a switch flag is on as Traefik reads it (switch-values.ts: Go's strconv.ParseBool, or paerser's rule for a block). */
export const flagIsTrue = (flag: TraefikFlag): boolean => switchState(flag.name, flag.raw) === 'on';

/** Whether a switch flag is off as Traefik reads it; a value it cannot read is neither (Traefik fails to start). */
export const flagIsFalse = (flag: TraefikFlag): boolean => switchState(flag.name, flag.raw) === 'off';
