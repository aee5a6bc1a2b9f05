// When scripts/app.js last saw a source change: the newest modification time below a path (app.js rebuilds lib/
// when a source is newer than the build).
'use strict';
const fs = require('node:fs');
const { sep } = require('node:path');

/**
 * The newest modification time of the files below `path`. A link is followed where it leads somewhere; one that
 * leads nowhere (Emacs' `.#file` lock beside a file being edited) or into a loop counts with its own time, and a folder
 * already walked (a link back up) is not walked again: no stat error stops a run.
 */
function newestSource(path, walked = new Set()) {
  let stat;
  try {
    stat = fs.statSync(path);
  } catch {
    try {
      return fs.lstatSync(path).mtimeMs;
    } catch {
      return 0;
    }
  }
  return stat.isDirectory() ? newestBelow(path, walked) : stat.mtimeMs;
}

/**
 * newestSource of a folder. Every run walks src/ and imports/ (about 400 files), so this takes what readdir already
 * knows: a plain file costs one stat and a plain folder none; only a link, or an entry whose type the file system does
 * not report, goes through newestSource. A folder is known by its real path (one realpath(3) call, where
 * fs.realpathSync would lstat each part of the path), so one reached again through a link is not walked twice.
 */
function newestBelow(dir, walked) {
  let entries;
  try {
    const real = fs.realpathSync.native(dir);
    if (walked.has(real)) return 0;
    walked.add(real);
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let newest = 0;
  for (const entry of entries) {
    const path = `${dir}${sep}${entry.name}`;
    let time;
    if (entry.isDirectory()) time = newestBelow(path, walked);
    else if (entry.isFile()) time = fs.statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? newestSource(path, walked);
    else time = newestSource(path, walked);
    if (time > newest) newest = time;
  }
  return newest;
}

module.exports = { newestSource };
