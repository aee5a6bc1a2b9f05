import { mayHoldSecretKey } from './secrets-keys';
import { setsSecret } from './secrets-text';

/** What XML that sets a secret in an element named like one is called in findings (`FoundSecret.what`). */
export const XML_SECRET = 'XML that sets a value in an element named like a secret (<password>…</password>)';

/**
 * `<name attr="…">text</name>`, maybe with a namespace prefix: the name, and the text (one CDATA section, or text up to
 * the next tag; an element holding elements is read through its own). Each part scans to the next `<` or `>` only, and
 * a CDATA section to a bounded length, so a text is read in linear time.
 */
const ELEMENT = /<((?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*))(?:\s[^<>]*)?(?<!\/)>(\s*<!\[CDATA\[([^]{0,4096}?)\]\]>\s*|[^<]*)<\/\1\s*>/g;

/**
 * The first secret an XML element named like one sets (`<password>abc</password>`, `<db:apiKey id="1">abc</db:apiKey>`,
 * over several lines too): read as a key and its value, by the rule of every notation (secrets-text.ts setsSecret),
 * so a reference (`<password>${DB_PASSWORD}</password>`) or a switch (`<token>true</token>`) is none.
 */
export function xmlSecret(text: string): string | undefined {
  if (!text.includes('</') || !mayHoldSecretKey(text)) return undefined;
  for (const [, , name, content, cdata] of text.matchAll(ELEMENT)) {
    const value = cdata ?? content.trim();
    if (setsSecret(name, value)) return value;
  }
  return undefined;
}
