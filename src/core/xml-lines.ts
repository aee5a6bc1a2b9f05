/**
 * XML's element text read as lines (attack round 39a-3): each tag, comment or CDATA delimiter and processing instruction
 * read as a line break, so the text inside an element starts a line, as the program that runs it reads it (a Jenkins
 * job's `<command>sqlplus scott/pw@orcl @x.sql</command>`, a script in CDATA). A decoding of text-decodings.ts: every
 * reader of lines (command lines, config lines, `.pgpass`, `key: value`) reads it beside the text as written, and a
 * finding is redacted where the text holds it. Character references (`&lt;&lt;&lt;`) are that module's next decoding.
 */
export const XML_MARKUP = {
  // A closing tag or a CDATA section: XML, not a shell's `<` redirection.
  applies: /<\/[A-Za-z_][\w.:-]*\s*>|<!\[CDATA\[/,
  // Each scan stops at the next `<` or `>`: a text is read once.
  escape: /<\/?[A-Za-z_][\w.:-]*(?:\s[^<>]*)?\/?>|<!\[CDATA\[|\]\]>|<!--|-->|<\?[^<>]*\?>/g,
  decode: (): string => '\n',
};
