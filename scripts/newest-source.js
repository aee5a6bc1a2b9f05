// When scripts/app.js last saw a source change: the newest modification time below a path (app.js rebuilds lib/
// when a source is newer than the build).
'use strict';
const { lstatSync, readdirSync, realpathSync, statSync } = require('node:fs');
const { join } = require('node:path');

/**
 * The newest modification time of the files below `path`. A link is followed where it leads somewhere; one that
 * leads nowhere (Emacs' `.#file` lock beside a file being edited) or into a loop counts with its own time, and a folder
 * already walked (a link back up) is not walked again: no stat error stops a run.
 */
function newestSource(path, walked = new Set()) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    try {
      return lstatSync(path).mtimeMs;
    } catch {
      return 0;
    }
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let real;
  let names;
  try {
    real = realpathSync(path);
    names = walked.has(real) ? [] : readdirSync(path);
  } catch {
    return 0;
  }
  walked.add(real);
  return names.reduce((newest, name) => Math.max(newest, newestSource(join(path, name), walked)), 0);
}

module.exports = { newestSource };
