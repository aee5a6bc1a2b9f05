/** The literal runs a regular expression requires, in order (``.*session_id=[a-f0-9]{32}`` requires `session_id=`). */
export function literalRuns(pattern: string): string[] {
  return (
    pattern
      // An escaped punctuation mark is a literal one: kept aside (as a private-use character) while the syntax splits the rest.
      .replace(/\\([!-/:-@[-`{-~])/g, (_, mark: string) => String.fromCharCode(0xe000 + mark.charCodeAt(0)))
      // A character class (`[0-9a-f]`, `[[:alpha:]]`'s inner one) and a count (`{64}`, `{20,}`) require no literal run (59a-13):
      // a class's run stops at the next `[` too, so a text of many `[` is read in linear time.
      .replace(/\[[^\][]*\]|\{\d{0,9}(?:,\d{0,9})?\}/g, '.')
      .split(/\\[A-Za-z0-9]|[\^$.*+?()[\]{}|\\]+/)
      .map((piece) => piece.replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000)).trim())
      .filter((piece) => piece !== '')
  );
}
