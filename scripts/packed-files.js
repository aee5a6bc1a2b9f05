// How a run of the code cache (scripts/code-cache.js) tells a packed module's file from the one it packed, without
// decoding it: its stat (fileKey), else its bytes' SHA-256 (holds), and its package scope as Node finds it; and the
// one buffer all its reads share. The writer (scripts/code-cache-writer.js) records the same for each module.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

/** A root-relative path as the writer records it (path.relative's: no `.`, `..` or empty part), on a `/` system. */
const PLAIN_NAME = /^(?:(?!\.\.?\/)[^/]+\/)*(?!\.\.?$)[^/]+$/;
const rootPrefix = root.endsWith('/') ? root : `${root}/`;

/**
 * The file of root-relative `name`: path.join's answer, without its normalizing for a name that needs none (a run of
 * the code cache joins about 1,600 recorded names, each normalized again: about 4 ms).
 */
const fromRoot = (name) => (path.sep === '/' && PLAIN_NAME.test(name) ? rootPrefix + name : path.join(root, name));

/**
 * path.resolve(dir, id) for absolute `dir` and a relative require `id` (`./a/b`, `../../a`): its plain parts after the
 * `./` or `../`s joined to `dir` or a folder above it, without path.resolve's normalizing (a run resolves about 760); any
 * other id is path.resolve's.
 */
function resolvedFrom(dir, id) {
  let [rest, up] = [id, 0];
  if (rest.startsWith('./')) rest = rest.slice(2);
  else for (; rest.startsWith('../'); up++) rest = rest.slice(3);
  if (path.sep !== '/' || !path.isAbsolute(dir) || !PLAIN_NAME.test(rest)) return path.resolve(dir, id);
  for (; up > 0; up--) dir = path.dirname(dir);
  return `${dir.endsWith('/') ? dir : `${dir}/`}${rest}`;
}

/** A packed module's bytes as SHA-256 (base64): no edit keeps it. About 2.5 times CRC-32's time, so only when fileKey differs. */
const digest = (data) => crypto.createHash('sha256').update(data).digest('base64');

/**
 * What tells a file from any other and from itself before a write: device, inode, size, modification and change time,
 * or undefined when it is no file. A write, `touch`, a rename onto it or a copy changes one of them, and no user can set
 * the change time (utimensat sets the other two). The times are the plain stat's milliseconds, whose fraction keeps a
 * quarter of a microsecond (a double near 1.8e12): a BigInt stat of each packed module, for whole nanoseconds, took
 * 13 ms of a 200 ms run, the plain one 3 ms. Not on Windows, where a handle with write access can set the change time
 * too (SetFileInformationByHandle): there each module's bytes are digested.
 */
function fileKey(filename) {
  if (process.platform === 'win32') return undefined;
  const stat = fs.statSync(filename, { throwIfNoEntry: false });
  return stat?.isFile() ? `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}` : undefined;
}

/** One buffer for all a run reads: the cache file's parts, then each packed module's file (holds). */
let readBuffer = Buffer.alloc(0);

/** The `length` bytes of open file `fd` from `position` (fewer at its end), in readBuffer: valid until the next read. */
function readAt(fd, position, length) {
  if (readBuffer.length < length) readBuffer = Buffer.allocUnsafeSlow(Math.max(length, 1 << 20));
  let done = 0;
  let read;
  do {
    read = fs.readSync(fd, readBuffer, done, length - done, position + done);
    done += read;
  } while (read > 0 && done < length);
  return readBuffer.subarray(0, done);
}

/**
 * Whether `filename` holds `length` bytes of digest `sum`, read as bytes (not decoded: V8 has the text in its pack);
 * false when it is gone or unreadable: Node's own load then says so.
 */
function holds(filename, length, sum) {
  let fd;
  try {
    fd = fs.openSync(filename, 'r');
    // A byte more: a longer file differs.
    const bytes = readAt(fd, 0, length + 1);
    return bytes.length === length && digest(bytes) === sum;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The package scope of the modules in `dir` as Node finds it before it loads a `.js` file (lib/internal/modules/
 * package_json_reader.js `readPackageScope` and `read`, v20.20.2): the nearest folder with a package.json, not above a
 * node_modules folder, and the `type` there (commonjs, module, or none for any other), as `<root-relative folder>\0<type>`;
 * '' for none, undefined when a package.json cannot be read as Node reads it. The type decides whether a `.js` file is
 * CommonJS, and the packs hold CommonJS only: a module whose scope is not the one it was packed in (a package.json added,
 * or its type changed) is left to Node, which then also says what is wrong. `files` keeps each package.json's type.
 */
function packageScope(dir, files) {
  for (let folder = dir; !folder.endsWith(`${path.sep}node_modules`); folder = path.dirname(folder)) {
    const file = path.join(folder, 'package.json');
    if (!files.has(file)) files.set(file, packageType(file));
    const type = files.get(file);
    if (type !== null) return type && `${path.relative(root, folder)}\0${type}`;
    if (path.dirname(folder) === folder) break;
  }
  return '';
}

/** The `type` of package.json `file` as Node takes it; null when there is none, undefined when it cannot be read. */
function packageType(file) {
  try {
    if (!fs.statSync(file, { throwIfNoEntry: false })) return null;
    const { type } = JSON.parse(fs.readFileSync(file, 'utf8'));
    return type === 'commonjs' || type === 'module' ? type : 'none';
  } catch {
    return undefined;
  }
}

module.exports = { digest, fileKey, fromRoot, holds, packageScope, readAt, resolvedFrom };
