/**
 * A line read without what leads it and is no part of its words (attack round 40a-1, 40a-3b): a line comment's marker
 * and a Makefile recipe's prefixes. A commented-out line is still in the file, in Git, whatever reads it: a relay's
 * old `# [smtp.example.com]:587 bob:pw`, redis.conf's `#requirepass pw`, a script's `#echo pw | sudo -S true`; and make
 * runs a recipe line `\t@curl -u bob:pw …` (`@` silent, `-` errors ignored, `+` run under `-n`: GNU make manual, "Recipe
 * Echoing", "Errors in Recipes", "Instead of Executing Recipes"), as cmd runs a batch file's `@net user x pw /add`.
 * A decoding of text-decodings.ts: every reader of lines (command lines, config lines, `.pgpass`, `key: value`) reads
 * each line so too, beside the line as written, and a finding is redacted where the text holds it.
 * The markers, glued to the line's words or not, several one after the other (`# -- x`, `\t@-x`): `#` (shells, YAML,
 * config files), `;` (INI), `//` (C-like, JSON5), `/*` and `*` (a block comment's lines), `--` (SQL, Lua; not `---`,
 * a YAML document's start, nor a PEM armour's dashes), `::` and `REM` (batch files), `>` (a quoted mail or Markdown
 * line), and the prefixes `@`, `-`, `+`, `!` (a shell's `! cmd`) glued to a command word that arguments follow: not
 * `- x` (a YAML list item, read as a line already), nor SQL*Plus's `@scripts/run.sql` (a script to run, whose path
 * would read as a `user/password` logon). The line's indentation is kept, so a line under a key or in a script stays
 * where it was.
 * Prose stays prose: `# set the password with docker login` is the sentence it was without its `#`. So does an upstream
 * sample file's commented-out example (SAMPLE_VALUE): a stock redis.conf or sentinel.conf pasted into a ConfigMap.
 */
const MARKER = String.raw`(?:#{1,64}|;{1,64}|\/{2,64}|\/?\*{1,64}|--(?!-)|::|rem(?=[ \t])|>{1,64}|[@+!-]{1,64}(?=[A-Za-z_][\w.-]*[ \t]))`;

/**
 * A line that ends in a placeholder, left as the comment it is: `<…>` (`# masterauth <master-password>`) or a value
 * upstream's sample files set in their commented-out examples: redis.conf's `# requirepass foobared`,
 * `# tls-key-file-pass secret`, `#   user worker … on >ffa9203c493aa99`, sentinel.conf's
 * `# sentinel auth-pass mymaster MySUPER--secret-0123passw0rd` (github.com/redis/redis redis.conf, sentinel.conf).
 */
const SAMPLE_VALUE = String.raw`(?![^\n]*[ \t>:](?:<[^<>\n]*>|foobared|secret|ffa9203c493aa99|MySUPER--secret-0123passw0rd)[ \t]*\r?$)`;

export const LINE_PREFIXES = {
  applies: new RegExp(String.raw`^[ \t]*${MARKER}`, 'im'),
  // The indentation, then the run of markers, each read once (a lookahead then its backreference gives nothing back),
  // only at a line's start: a text is read once. At most 64 markers (a run of millions, `::` repeated, overflowed V8's
  // backtracking stack: 60b-9); the rest of such a line is read as text.
  // A block comment's `*/` ending the line goes too (`/* requirepass pw */`): only where it stands, no blank run before it
  // is read (each would be read again from each of its blanks).
  escape: new RegExp(String.raw`^${SAMPLE_VALUE}(?=([ \t]*))\1(?=((?:${MARKER}[ \t]*){1,64}))\2|\*\/(?=[ \t]*\r?$)`, 'gim'),
  // The indentation alone (none for a block comment's end).
  decode: (prefix: string): string => /^[ \t]*/.exec(prefix)![0],
};
