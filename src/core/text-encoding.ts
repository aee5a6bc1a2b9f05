/**
 * Why bytes are no UTF-8 text, or undefined: a UTF-16 byte-order mark (FF FE or FE FF, an editor's "save as
 * Unicode") is named as such, as the config reader names it (config/yaml-input.ts decodeConfigBytes, 69a-29).
 */
export function notUtf8(bytes: Uint8Array): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return 'is UTF-16 (it starts with a UTF-16 byte-order mark)';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    return 'is not valid UTF-8';
  }
}
