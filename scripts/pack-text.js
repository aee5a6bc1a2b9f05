// The text scripts/code-cache-writer.js packs of a module of lib/: its code with its comments left out (each keeps its
// line breaks, so every line keeps its number). lib/'s comments are half its bytes and hold nearly all its non-ASCII
// characters (dashes, arrows, quotes in prose): without them most of lib/ fits the Latin-1 pack (code-cache.js PACKS),
// and a run reads, checks and decodes a third fewer bytes. Only lib/: a package's code could read its own text
// (Function.prototype.toString), which lib/ never does for a function of its own.
'use strict';

/**
 * TypeScript's scanner and parser, or undefined where it is not installed (then every module is packed whole). Loaded
 * with this module, before the writer watches what the app loads: it is no module of the app's, to pack.
 */
const ts = (() => {
  try {
    return require('typescript');
  } catch {
    return undefined;
  }
})();

/**
 * `content` without its comments, each replaced by the line breaks it held, or `content` itself when TypeScript is
 * missing or the text does not parse cleanly. The comments are those TypeScript's scanner finds in the trivia before
 * and after each node of the parse tree (its comment ranges there): a `/` in a string, a template or a regular
 * expression is never taken for one. A comment between two tokens of no node's edge (`f(` and `)` around one) stays.
 */
function withoutComments(content, filename = 'module.js') {
  if (!ts) return content;
  const file = ts.createSourceFile(filename, content, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  if (file.parseDiagnostics?.length) return content;
  const comments = new Map();
  const trivia = (at) => {
    for (const ranges of [ts.getLeadingCommentRanges(content, at), ts.getTrailingCommentRanges(content, at)])
      for (const range of ranges ?? []) comments.set(range.pos, range.end);
  };
  const visit = (node) => {
    trivia(node.pos);
    trivia(node.end);
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = '';
  let at = 0;
  for (const [pos, end] of [...comments].sort(([a], [b]) => a - b)) {
    if (pos < at) return content;
    out += content.slice(at, pos) + content.slice(pos, end).replace(/[^\n]/g, '');
    at = end;
  }
  return out + content.slice(at);
}

module.exports = { withoutComments };
