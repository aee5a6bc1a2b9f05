import { isOptionBlock } from './flag-reference';
import { goBoolValue } from './go-parse';

/**
 * 52b-13: how Traefik reads the value of a switch flag, in one place for every reader. traefik/paerser v0.2.0 reads a
 * plain boolean option with Go's strconv.ParseBool (parser/element_fill.go: `1 t T TRUE true True` on, `0 f F FALSE
 * false False` off, anything else, the empty value included, an error: Traefik fails to start), but an option block (a
 * pointer to a struct with `label:"allowEmpty"`: `--accesslog`, `--providers.kubernetesingress`, an ACME challenge) by
 * parser/nodes_metadata.go `Disabled = len(value) > 0 && !strings.EqualFold(value, "true")`: on when bare, empty or
 * `true` in any case, off for any other value, `1` and `T` included, without an error (and off even with options
 * under it). A bare flag is on either way (flag/flagparser.go `parseOne` sets "true"). The values are read exactly
 * as written: paerser trims nothing.
 */
export type SwitchState = 'on' | 'off' | 'fails';

/** An option block given `raw` (undefined for a bare flag). */
export const blockState = (raw: string | undefined): 'on' | 'off' =>
  raw === undefined || raw === '' || /^true$/i.test(raw) ? 'on' : 'off';

/** The switch `name` (lower case, as Traefik matches it) given `raw`. */
export function switchState(name: string, raw: string | undefined): SwitchState {
  if (isOptionBlock(name)) return blockState(raw);
  if (raw === undefined) return 'on';
  const value = goBoolValue(raw);
  return value === undefined ? 'fails' : value ? 'on' : 'off';
}

/** Why a switch's value does not do what it says (or stops Traefik), else undefined; `written` is the flag as written. */
export function switchValueProblem(name: string, written: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (isOptionBlock(name)) {
    // `0`, `f`, `F` and `false` in any case read as off both ways; other readers (port-listen.ts for --ping) say what off costs.
    if (raw === '' || /^true$/i.test(raw) || /^false$/i.test(raw) || goBoolValue(raw) === false) return undefined;
    const goTrue = goBoolValue(raw) === true ? ' (1, t and T mean true only for a plain switch)' : '';
    return (
      `sets --${written}, which turns a block of options on, to a value other than true or false: Traefik turns such a block ` +
      `on only for true (in any case) or an empty value, and reads any other value as off${goTrue}, so the block stays off: write true or false`
    );
  }
  if (switchState(name, raw) !== 'fails') return undefined;
  const blanks =
    raw !== raw.trim() && goBoolValue(raw.trim()) !== undefined ? ' (it has blanks around it, which Traefik does not trim)' : '';
  const what = raw === '' ? 'an empty value, which' : 'a value';
  return (
    `sets --${written}, a switch, to ${what} Traefik cannot read as a boolean${blanks}, so it fails to start: write true or false, ` +
    "or the flag alone for true (Go's strconv.ParseBool reads 1, t, T, TRUE, true, True and 0, f, F, FALSE, false, False)"
  );
}
