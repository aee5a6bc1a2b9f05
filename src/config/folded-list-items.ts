import { parseIp } from '../net/ip';
import { show } from './shown-values';

/**
 * 76b-14: addresses that are list items YAML read as one text: a `- 192.168.0.42` line indented past the `- ` line above
 * continues that item's plain scalar (YAML 1.2, 7.3.3 plain multi-line scalars fold their lines with a blank), so the
 * item reads `192.168.0.41 - 192.168.0.42`. Said as the indentation slip it is, not as a bad address.
 */
export function foldedListItems(value: string): string | undefined {
  const parts = value.split(/ +- +/);
  if (parts.length < 2 || !parts.every((part) => parseIp(part))) return undefined;
  return `${show(value)} is ${parts.length} list items read as one text: a "- " line indented past the "- " line above continues that item (YAML folds it in), so indent each "- ${parts[1]}" line like the line above`;
}
