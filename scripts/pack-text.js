// The text scripts/code-cache-writer.js packs of a module of lib/: its code with its comments left out (each keeps its
// line breaks, so every line keeps its number). lib/'s comments are half its bytes and hold nearly all its non-ASCII
// characters (dashes, arrows, quotes in prose): without them most of lib/ fits the Latin-1 pack (code-cache.js PACKS),
// and a run reads, checks and decodes a third fewer bytes. Only lib/: a package's code could read its own text
// (Function.prototype.toString), which lib/ never does for a function of its own. The characters past ASCII left in its
// strings and regular expressions are then written as escapes of the same value (asAscii, bench76b), so all of lib/
// fits the Latin-1 pack and its source stays as readable as it was.
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

/** `text` with each UTF-16 unit past ASCII written `\uXXXX`; one a backslash escapes loses that backslash (`\ł` is `ł`). */
function escaped(text) {
  return text.replace(/(\\*)([^\0-\x7f])/g, (_, slashes, unit) => {
    const hex = `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return slashes.length % 2 ? slashes.slice(1) + hex : slashes + hex;
  });
}

/** The tagged template a template literal's part belongs to, if any. */
function tagOf(node) {
  let up = node.parent;
  while (up && (ts.isTemplateSpan(up) || ts.isTemplateExpression(up))) up = up.parent;
  return up && ts.isTaggedTemplateExpression(up) ? up : undefined;
}

/**
 * `content` (a module's text, its comments left out) with its characters past ASCII written as escapes that mean the
 * same, or `content` itself when one stands where no escape would (the module then goes to the UTF-8 pack, as before):
 * a string's (`'ł'` as `'\u0142'`), an untagged template's, a regular expression's (`/ł/u` as `/\u0142/u`: the same
 * pattern in either mode, a pair of surrogates one character with `u`), an object key's (`ß: 'ss'` as `'\u00df': 'ss'`),
 * and String.raw's as a substitution of the same characters (`${'\u0142'}`: its raw text stays what it was). An ASCII
 * text goes to the Latin-1 pack: no UTF-8 decode, and V8 scans and keeps one-byte strings.
 */
function asAscii(content, filename = 'module.js') {
  if (!ts || !/[^\0-\x7f]/.test(content)) return content;
  const file = ts.createSourceFile(filename, content, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  if (file.parseDiagnostics?.length) return content;
  const edits = [];
  let refused = false;
  const visit = (node) => {
    const start = node.getStart(file);
    const text = content.slice(start, node.end);
    if (!/[^\0-\x7f]/.test(text)) return;
    if (ts.isStringLiteral(node) || ts.isRegularExpressionLiteral(node) || ts.isTemplateLiteralToken(node)) {
      // A line break a backslash joins, or a group's name past ASCII: left as written.
      if (/\\[\u2028\u2029]|\(\?<[^>=!]*[^\0-\x7f]|\\k<[^>]*[^\0-\x7f]/.test(text)) refused = true;
      else if (!ts.isTemplateLiteralToken(node) || !tagOf(node)) edits.push([start, node.end, escaped(text)]);
      else if (tagOf(node).tag.getText(file) !== 'String.raw') refused = true;
      else {
        // A backslash before them would escape the `$`: an odd run's last one goes into the substitution (`'\\…'`).
        const substituted = text.replace(/(\\*)([^\0-\x7f]+)/g, (_, slashes, run) =>
          slashes.length % 2 ? `${slashes.slice(1)}\${'\\\\${escaped(run)}'}` : `${slashes}\${'${escaped(run)}'}`,
        );
        edits.push([start, node.end, substituted]);
      }
    } else if (ts.isIdentifier(node)) {
      if (ts.isPropertyAssignment(node.parent) && node.parent.name === node) edits.push([start, node.end, `'${escaped(text)}'`]);
      else refused = true;
    } else if (node.getChildCount(file) === 0) refused = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  if (refused) return content;
  let out = '';
  let at = 0;
  for (const [start, end, text] of edits) {
    out += content.slice(at, start) + text;
    at = end;
  }
  out += content.slice(at);
  const again = ts.createSourceFile(filename, out, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  return /[^\0-\x7f]/.test(out) || again.parseDiagnostics?.length ? content : out;
}

module.exports = { withoutComments, asAscii };
