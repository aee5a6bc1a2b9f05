/**
 * Round 69 (69a-18): ASP.NET's `<machineKey validationKey="…" decryptionKey="…">` in a web.config: the keys that sign
 * and encrypt forms-authentication tickets and view state (learn.microsoft.com previous-versions/dotnet/netframework-4.0
 * w8h3skw9(v=vs.100), "machineKey Element"). Either attribute holds a key unless it is `AutoGenerate` (with its
 * `,IsolateApps`/`,IsolateByAppId` modifiers): the runtime then makes the key itself.
 */
export const MACHINE_KEY = 'an ASP.NET <machineKey> validation or decryption key';

/** A machineKey element's start tag (up to its end or the next tag), and a key attribute in it. */
const ELEMENT = /<machineKey\b[^<>]{0,4000}/gi;
const KEY_ATTRIBUTE = /\b(?:validation|decryption)Key[ \t]*=[ \t]*(["'])([^"'<>\n]*)\1/dgi;
/** `AutoGenerate` and its modifiers: the runtime makes the key. */
const GENERATED = /^AutoGenerate(?:,\s*Isolate(?:Apps|ByAppId))*$/i;

export function machineKeySpans(text: string): Array<[number, number]> {
  if (!/<machineKey/i.test(text)) return [];
  const found: Array<[number, number]> = [];
  for (const element of text.matchAll(ELEMENT)) {
    const at = element.index;
    for (const match of element[0].matchAll(KEY_ATTRIBUTE)) {
      const value = match[2].trim();
      // A reference (`$(KEY)`, `%KEY%`, `{{ key }}`) is none.
      if (value && !GENERATED.test(value) && !/^[$%{]/.test(value)) found.push([at + match.indices![2]![0], at + match.indices![2]![1]]);
    }
  }
  return found;
}
