import type { Document } from 'yaml';
import { isMap, isPair, isScalar } from '../core/yaml';
import type { Path } from '../core/problem';
import { REDACTED } from '../core/secrets';

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
    const pair = isMap(parent)
      ? parent.items.find((p) => isPair(p) && isScalar(p.key) && typeof p.key.value === 'string' && pattern.test(p.key.value))
      : undefined;
    if (!pair || !isScalar(pair.key)) return path;
    out.push(pair.key.value as string);
  }
  return out;
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
