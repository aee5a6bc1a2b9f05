// Which package.json under lib/ makes Node load the compiled CommonJS as ES modules ("type": "module"), for the
// one-line error of scripts/app.js (attack 56b-10). Node reads the nearest package.json above each .js file
// (nodejs.org/api/packages.html, "Determining module system"), so one under lib/ turns its whole subtree to ESM, and
// `require` then fails with "exports is not defined in ES module scope". Only run on that error: it walks lib/.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

/** The first package.json under `dir` (root-relative, `/` separated) whose "type" is "module", or undefined. */
function moduleTypeFile(root, dir = join(root, 'lib')) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') {
      const found = moduleTypeFile(root, path);
      if (found) return found;
    } else if (entry.name === 'package.json') {
      try {
        if (JSON.parse(readFileSync(path, 'utf8')).type === 'module') return relative(root, path).split('\\').join('/');
      } catch {
        // Unreadable or not JSON: Node would have said so itself; not the file sought.
      }
    }
  }
  return undefined;
}

module.exports = { moduleTypeFile };
