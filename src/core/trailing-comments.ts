/**
 * A comment after a value on its line (` # …` to the end), cut from the start of its blanks only: tried at every blank
 * of a run, `[ \t]+#.*$` read the rest of the run again from each (quadratic: a name then 100,000 blanks took 29 s).
 */
const TRAILING_COMMENT = /(?<![ \t])[ \t]+#.*$/;

/** `text` without a comment after it. */
export const withoutTrailingComment = (text: string): string => text.replace(TRAILING_COMMENT, '');
