import { mayHoldSecretKey, namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';
import { holdsSectionSecret, isRoleKey, namesSecretSection } from './secret-sections';

/** What XML that sets a secret in an element named like one is called in findings (`FoundSecret.what`), where its name is odd. */
export const XML_SECRET = 'XML that sets a value in an element named like a secret (<password>…</password>)';

/**
 * 79a-13: the finding names the element as written (`<string name="api_token">`, `<name>db.password</name>`), not always
 * `<password>`; a name that is no plain XML name (maybe a pasted value) is not shown.
 */
function xmlFinding(value: string, tag: string, name: string, how: 'element' | 'attribute' | 'pair', attribute = 'name'): XmlFinding {
  if (!/^[A-Za-z_][\w.:-]{0,63}$/.test(name) || !/^[A-Za-z_][\w.:-]{0,63}$/.test(tag)) return { value, what: XML_SECRET };
  const shown =
    how === 'element' ? `<${tag}>…</${tag}>` : how === 'attribute' ? `<${tag} ${attribute}="${name}">` : `<${tag}>${name}</${tag}>`;
  return { value, what: `XML that sets a value in an element named like a secret (${shown})` };
}

/** A value XML sets as a secret, and what the finding calls it. */
export interface XmlFinding {
  readonly value: string;
  readonly what: string;
}

/**
 * A tag (`<name attr="…">`, `</name>`, `<name/>`, maybe with a namespace prefix), or the start of a comment, a
 * processing instruction or a CDATA section. A tag scans to the next `<` or `>` only, so the text is read once.
 */
const TOKEN = /<(\/?)((?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*))(\s[^<>]*|\/)?>|<!--|<\?|<!\[CDATA\[/g;
/** Where each kind of markup that TOKEN starts ends. */
const MARKUP_END: Readonly<Record<string, string>> = { '<!--': '-->', '<?': '?>', '<![CDATA[': ']]>' };
/** Markup within an element whose text is read: comments and processing instructions go, CDATA is unwrapped, tags go. */
const MARKUP = /<!--[^]*?-->|<\?[^]*?\?>|<!\[CDATA\[([^]*?)\]\]>|<[^<>]*>/g;
const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/**
 * An element whose text names the value of the next sibling of PAIR_VALUE: Hadoop's `<property><name>…</name><value>…`,
 * an Apple property list's `<dict><key>…</key><string>…</string>` (a `<data>` value is base64: Apple's PropertyList-1.0.dtd).
 */
const PAIR_NAME = /^(?:name|key)$/;
const PAIR_VALUE = /^(?:value|string|data)$/;
/** The longest text of a PAIR_NAME element read as the name of its value sibling. */
const MAX_PAIR_NAME = 256;
/** The longest text of a `<value>` kept for a name after it (each read once: linear). */
const MAX_PAIR_VALUE = 4096;

interface Open {
  qualified: string;
  /** The names its value is judged under: its own, and a `key`/`name` attribute's (`<entry key="db.password">`). */
  names: string[];
  start: number;
  /** Whether an element inside it was read as a secret's: then it is not read (its text holds theirs). */
  holdsNamed: boolean;
  pairName?: string;
  /** The tag of the element that gave pairName (`name`, `key`). */
  pairTag?: string;
  /** A `<value>` read before any name (52a-2: `<value>…</value><name>db.password</name>`): the name after it pairs it. */
  pairValue?: string;
  /** Inside an element of a plural secret name (`<secrets>`, 51a-3): that name's singular; a leaf's text is judged under it. */
  under?: string;
  hasChild?: boolean;
  /** Which attribute gave a name (`key` or `name`), for the finding's words. */
  attribute?: string;
}

/** The singular of a plural secret name among `names` (`secrets`), which namesSecretValue leaves aside (secret-maps.ts). */
const pluralUnder = (names: readonly string[]): string | undefined =>
  names.map((name) => (/s$/i.test(name) && !namesSecretValue(name) ? namesSecretSection(name) : undefined)).find((under) => under);

/**
 * The first secret XML sets in an element named like one, read as a key and its value by the rule of every notation
 * (secrets-text.ts setsSecret), so a reference (`<password>${DB_PASSWORD}</password>`) or a switch (`<token>true</token>`)
 * is none. The value is what an XML parser gives as the element's text: comments and processing instructions left out,
 * CDATA unwrapped, child elements' text in (`<password>a<!-- c -->b<br/></password>`); or a `value` attribute
 * (`<password value="…"/>`). The name may be a `key` or `name` attribute (Java's `<entry key="db.password">`, Spring's
 * `<property name="password" value="…"/>`) or a `<name>` just before or after a `<value>` (Hadoop's `<property>`, 52a-2), or a `<key>` just before a `<string>` (a plist). An element
 * holding one read so is not read itself: read texts do not overlap, so a text is read in linear time.
 */
export function xmlSecret(text: string): XmlFinding | undefined {
  if (!text.includes('<') || !mayHoldSecretKey(text)) return undefined;
  const stack: Open[] = [];
  const root: Open = { qualified: '', names: [], start: 0, holdsNamed: false };
  const open = new Map<string, number>();
  let closed: Set<string> | undefined; // closedVoids, read at the first void element's tag
  const close = (element: Open, end: number): XmlFinding | undefined => {
    // Top-level pairs (`<key>password</key><string>…</string>`, a plist cut from its `<dict>`) pair in the text's root.
    const parent = stack[stack.length - 1] ?? root;
    open.set(element.qualified, open.get(element.qualified)! - 1);
    const local = element.names[0];
    const names = [...element.names, ...(PAIR_VALUE.test(local) && parent?.pairName ? [parent.pairName] : [])];
    const named = names.some((name) => namesSecretValue(name));
    if (parent && (named || element.holdsNamed)) parent.holdsNamed = true;
    if (PAIR_NAME.test(local) && parent && end - element.start <= MAX_PAIR_NAME) {
      parent.pairName = textOf(text.slice(element.start, end));
      parent.pairTag = local;
      // Hadoop's Configuration reads a property's `<name>` and `<value>` in either order (apache/hadoop
      // hadoop-common-project/hadoop-common/src/main/java/org/apache/hadoop/conf/Configuration.java, parse()).
      const value = parent.pairValue;
      parent.pairValue = undefined;
      if (value !== undefined && namesSecretValue(parent.pairName) && setsSecret(parent.pairName, value))
        return xmlFinding(value, local, parent.pairName, 'pair');
    }
    if (local === 'value' && parent && !parent.pairName && !element.holdsNamed && end - element.start <= MAX_PAIR_VALUE)
      parent.pairValue = textOf(text.slice(element.start, end));
    // A leaf element inside `<secrets>` (`<secrets><stripe>…</stripe></secrets>`), as a `[secrets]` section's entry is.
    if (!named && element.under && !element.hasChild && !isRoleKey(local)) {
      const value = textOf(text.slice(element.start, end));
      return value !== '' && holdsSectionSecret(element.under, value) ? xmlFinding(value, local, local, 'element') : undefined;
    }
    if (!named || element.holdsNamed) return undefined;
    const value = textOf(text.slice(element.start, end));
    const name = names.find((one) => setsSecret(one, value));
    if (name === undefined) return undefined;
    if (name === local) return xmlFinding(value, local, name, 'element');
    if (name === parent.pairName && PAIR_VALUE.test(local)) return xmlFinding(value, parent.pairTag ?? 'key', name, 'pair');
    return xmlFinding(value, local, name, 'attribute', element.attribute);
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const [token, closing, qualified, local, rest] = match;
    const markupEnd = MARKUP_END[token];
    if (markupEnd !== undefined) {
      const end = text.indexOf(markupEnd, TOKEN.lastIndex);
      // Unclosed markup runs to the end of the text.
      if (end < 0) break;
      TOKEN.lastIndex = end + markupEnd.length;
    } else if (closing) {
      if (!open.get(qualified)) continue;
      // Elements left open inside it (`<br>`) close with it.
      for (let element = stack.pop(); element; element = stack.pop()) {
        const found = close(element, match.index);
        if (found !== undefined) return found;
        if (element.qualified === qualified) break;
      }
    } else {
      const attributes = new Map<string, string>();
      for (const [, name, double, single] of (rest ?? '').matchAll(ATTRIBUTE)) attributes.set(name.toLowerCase(), double ?? single);
      const names = [local, ...['key', 'name'].flatMap((name) => attributes.get(name) ?? [])];
      const attribute = attributes.has('key') ? 'key' : 'name';
      const value = attributes.get('value');
      const setBy = value === undefined ? undefined : names.find((name) => setsSecret(name, value));
      if (value !== undefined && setBy !== undefined)
        return xmlFinding(value, local, setBy, setBy === local ? 'element' : 'attribute', attribute);
      if (token.endsWith('/>') || (VOID.test(qualified) && !(closed ??= closedVoids(text)).has(qualified.toLowerCase()))) continue;
      const top = stack[stack.length - 1];
      if (top) top.hasChild = true;
      const under = top && (top.under ?? pluralUnder(top.names));
      stack.push({ qualified, names, start: TOKEN.lastIndex, holdsNamed: false, under, attribute });
      open.set(qualified, (open.get(qualified) ?? 0) + 1);
    }
  }
  return undefined;
}

/**
 * 79a-8: HTML's void elements (html.spec.whatwg.org/multipage/syntax.html#void-elements), which have no content and no end
 * tag: `<input type="password" name="password" required>` sets what its `value` says (read at its tag), never the text
 * after it. Read as one only where the text never closes the name (`</input>`), as XML would.
 */
const VOID_NAMES = [
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'param',
  'keygen',
];
const VOID = new RegExp(`^(?:${VOID_NAMES.join('|')})$`, 'i');
const CLOSED_VOID = new RegExp(`<\\/(${VOID_NAMES.join('|')})\\s*>`, 'gi');
/** The void elements' names `text` closes somewhere (`</input>`): there it is XML, whose `<input>` holds text. */
const closedVoids = (text: string): Set<string> => new Set([...text.matchAll(CLOSED_VOID)].map(([, name]) => name.toLowerCase()));

/** An element's text as an XML parser gives it: markup left out, CDATA unwrapped, trimmed. */
function textOf(content: string): string {
  return content.replace(MARKUP, (_, cdata?: string) => cdata ?? '').trim();
}
