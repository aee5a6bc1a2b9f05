import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * Attack round 52a-15: a secret assembled in the text, where no one literal is set under its name:
 * - a shell variable named like a secret set from earlier variables set to literals (`P1=…⏎P2=…⏎DB_PASSWORD=$P1$P2`,
 *   `"${P1}${P2}"`, literal text between them): the value is the pieces joined, each piece's literal where it stands;
 * - JavaScript's decoding of a base64 literal set under a name like a secret (`const password = atob('…')`,
 *   `Buffer.from('…', 'base64').toString()`): the value is the decoded text (as Python's `b64decode` already is).
 * A piece set from anything but a literal (`P1=$(cat f)`), or a name not set in the text, assembles none.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const ASSEMBLED_SECRET =
  "a secret assembled under a name like one from literals set before (P1=…; P2=…; DB_PASSWORD=$P1$P2) or decoded from base64 (password = atob('…'))";

/** `NAME=literal` on its own line (maybe `export`): a piece. */
const PIECE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w{0,127})=(?:'([^'\n]*)'|"([^"\n$`\\]*)"|([^\s'"$`;&|()<>\\]*))[ \t]*\r?$/dgm;
/** `NAME=` then only references and literal text (maybe double-quoted), at least two references. */
const JOINED = /^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w{0,127})=("?)((?:\$\{?[A-Za-z_]\w{0,127}\}?|[^\s'"$`;&|()<>\\]){2,512})\2[ \t]*\r?$/gm;
/** A JavaScript decoding of a base64 literal set to a name (group 1), the literal (group 3). */
const DECODED =
  /(?<![\w$.])([A-Za-z_$][\w$]{0,127})[ \t]*[:=][ \t]*(?:atob[ \t]*\([ \t]*(['"`])([A-Za-z0-9+/=_-]{8,4096})\2[ \t]*\)|Buffer[ \t]*\.[ \t]*from[ \t]*\([ \t]*(['"`])([A-Za-z0-9+/=_-]{8,4096})\4[ \t]*,[ \t]*['"`]base64(?:url)?['"`][ \t]*\))/dg;

const judged = (name: string, value: string): boolean => namesSecretValue(name) && setsSecret(name, JSON.stringify(value));

/** Where a text assembles a secret so: each piece's span. */
export function assembledSecretSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (text.includes('$') && text.includes('=')) {
    const pieces = new Map<string, { value: string; span: [number, number]; at: number }>();
    for (const match of text.matchAll(PIECE)) {
      const group = [2, 3, 4].find((n) => match[n] !== undefined)!;
      pieces.set(match[1], { value: match[group], span: match.indices![group] as [number, number], at: match.index });
    }
    if (pieces.size >= 2)
      for (const match of text.matchAll(JOINED)) {
        const parts = [...match[3].matchAll(/\$\{?([A-Za-z_]\w*)\}?|[^$]+/g)];
        const used = parts.filter((part) => part[1] !== undefined).map((part) => pieces.get(part[1]));
        if (used.length < 2 || used.some((piece) => piece === undefined || piece.at > match.index)) continue;
        let i = 0;
        const value = parts.map((part) => (part[1] !== undefined ? used[i++]!.value : part[0])).join('');
        if (judged(match[1], value)) for (const piece of used) if (piece!.value) spans.push(piece!.span);
      }
  }
  if (/atob|base64/.test(text))
    for (const match of text.matchAll(DECODED)) {
      const group = match[3] !== undefined ? 3 : 5;
      const value = Buffer.from(match[group], 'base64').toString('utf8');
      if (/^[\x20-\x7e]+$/.test(value) && judged(match[1], value)) spans.push(match.indices![group] as [number, number]);
    }
  return spans;
}
