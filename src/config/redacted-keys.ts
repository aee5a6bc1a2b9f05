import type { Document } from 'yaml';
import { isMap, isPair, isScalar } from '../core/yaml';
import type { Path } from '../core/problem';
import { maskedValue } from '../core/message-values';
import { keyAsQuoted } from '../core/redact-message';
import { REDACTED, secretsInData } from '../core/secrets';

/**
 * `path` with each key a redaction blanked (`password-<redacted>`, `<redacted>`) put back as the document writes it,
 * so a problem stands at its own key's line, not at its map's first key (round 56a-11): the blank stands for any run,
 * and the first key of the map there that matches it is taken. The key found locates the problem; it is never printed.
 */
export function unredactedPath(doc: Document, path: Path): Path {
  if (!path.some((key) => typeof key === 'string' && key.includes(REDACTED))) return path;
  const out: Array<string | number> = [];
  for (const key of path) {
    if (typeof key !== 'string' || !key.includes(REDACTED)) {
      out.push(key);
      continue;
    }
    const parent = doc.getIn(out, true);
    const pattern = new RegExp(`^${key.split(REDACTED).map(escaped).join('[^]+')}$`);
    const candidates = isMap(parent)
      ? parent.items.filter((p) => isPair(p) && isScalar(p.key) && typeof p.key.value === 'string' && pattern.test(p.key.value))
      : [];
    // A key blanked whole (`<redacted>`) matches every key: the one a message's judgement blanks is it.
    const blanked = (written: string): boolean =>
      keyAsQuoted(written) !== written || maskedValue(written).text !== written || secretsInData({ [written]: null }).length > 0;
    const pair = candidates.find((p) => isScalar(p.key) && blanked(String(p.key.value))) ?? candidates[0];
    if (!pair || !isScalar(pair.key)) return path;
    out.push(pair.key.value as string);
  }
  return out;
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
