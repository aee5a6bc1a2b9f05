// Which maps of its values the Traefik Helm chart's templates read with a field access, per chart tag: the input of
// src/traefik/deleted-maps.ts (a null on such a map deletes the chart's default, and the read then fails "nil pointer
// evaluating interface {}"). Not part of `npm test`; run by hand when a chart version is added:
//
//   node scripts/chart-reads.js --git-dir <traefik-helm-chart clone> [--fails] [tag ...]
//
// Tags default to every release tag v20.1.1 (the oldest chart the tool accepts) to v41.3.0 (no -rc/-ea). For each tag it greps every file of
// traefik/templates/ for `.Values.a.b.c` chains (`.Values`, `$.Values`, `$root.Values`, ...): `a` and `a.b` are maps
// read with a field access (the last link may be a scalar; `(.Values.a.b).c` reads only `a`, since a parenthesised
// nil yields no error). Each read is listed with the `if`/`with`/`range`/`define` blocks around it ("guards"), and
// as guarded when it follows the first operand of an `and`/`or` (Go >= 1.18 short-circuits them); a read with none
// runs on every render of that file. Output, one line per map: the tags where some read of it is unguarded,
// then the guarded reads with their guards and tags. Relative reads inside `with .Values.x` (`.general.format`), what
// the first operand of an `and`/`or` is, and where a define is included are not followed: review those by hand.
// `--fails` lists the `fail` calls instead (`fail $errorMsg`: read the printf above it).
'use strict';
// A package.json over this file with "type": "module" makes Node run it as an ES module, where `require` is not
// defined: one line then, not Node's trace (round 53b-6). Written to parse both ways.
if (typeof require !== 'function') {
  process.stderr.write(
    `error: node ran ${process.argv[1]} as an ES module: a package.json above it (the project's, or one in scripts/) sets "type": "module", and this tool's scripts are CommonJS; remove that "type" field\n`,
  );
  process.exit(1);
}
const { execFileSync } = require('node:child_process');

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args.splice(args.indexOf(name), 1) && true : false);
const option = (name, fallback) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : fallback);
const gitDir = option('--git-dir', process.env.TRAEFIK_CHART_GIT_DIR);
if (!gitDir) {
  process.stderr.write(
    'error: no chart repository: pass --git-dir <a clone of github.com/traefik/traefik-helm-chart> (or set TRAEFIK_CHART_GIT_DIR)\n',
  );
  process.exit(1);
}
const fails = flag('--fails');
const git = (...rest) => execFileSync('git', ['--git-dir', gitDir, ...rest], { encoding: 'utf8', maxBuffer: 1 << 26 });
const version = (tag) => tag.slice(1).split('.').map(Number);
const byVersion = (a, b) => version(a).reduce((order, part, i) => order || part - version(b)[i], 0);
const tags = args.length
  ? args
  : git('tag')
      .split('\n')
      .filter((tag) => /^v(2\d|3\d|4[01])\.\d+\.\d+$/.test(tag))
      .sort(byVersion);

/** Every action of a template with its block stack (`if ...`, `else of if ...`, `with ...`, `define "..."`). */
function* actions(text) {
  const stack = [];
  for (const match of text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)) {
    const body = match[1].trim().replace(/\s+/g, ' ');
    const line = text.slice(0, match.index).split('\n').length;
    if (body.startsWith('/*')) continue;
    yield { body, line, guards: [...stack] };
    const opener = /^(if|with|range|define|block) (.*)$/.exec(body);
    if (opener) stack.push(`${opener[1]} ${opener[2]}`);
    else if (/^else\b/.test(body) && stack.length) stack[stack.length - 1] = `${body} (after ${stack.at(-1)})`;
    else if (body === 'end') stack.pop();
  }
}

/** Whether the read at `at` follows the first operand of an `and`/`or` in `body` (a function such as `ternary` evaluates all its arguments). */
function shortCircuited(body, at) {
  const operator = /\b(and|or)\s+(not\s+)?\(*/.exec(body);
  return !!operator && operator.index < at && at > operator.index + operator[0].length;
}

const reads = new Map(); // map -> { bare: Set<tag>, guarded: Map<"file:guards", Set<tag>> }
const failures = new Map(); // "file: fail ..." -> Set<tag>
const note = (table, key, tag) => table.set(key, (table.get(key) ?? new Set()).add(tag));
for (const tag of tags) {
  for (const file of git('ls-tree', '-r', '--name-only', tag, 'traefik/templates').split('\n').filter(Boolean)) {
    const short = file.replace('traefik/templates/', '');
    for (const { body, guards } of actions(git('show', `${tag}:${file}`))) {
      for (const call of body.matchAll(/\bfail\s+(\(?(printf\s+)?"[^"]*"|\$\w+)/g)) note(failures, `${short}: ${call[0]}`, tag);
      for (const chain of body.matchAll(/\.Values((?:\.\w+)+)/g)) {
        const links = chain[1].slice(1).split('.');
        for (let i = 1; i < links.length; i++) {
          const map = links.slice(0, i).join('.');
          const entry = reads.get(map) ?? { bare: new Set(), guarded: new Map() };
          reads.set(map, entry);
          const within = [...guards, ...(shortCircuited(body, chain.index) ? [`after the first operand of: ${body.slice(0, 70)}`] : [])];
          if (within.length) note(entry.guarded, `${short}: ${within.join(' > ')}`, tag);
          else entry.bare.add(tag);
        }
      }
    }
  }
}

/** Tags as runs of consecutive ones: `v34.0.0..v39.0.9, v41.0.0`. */
function runs(set) {
  const out = [];
  for (const [i, tag] of tags.entries()) {
    if (!set.has(tag)) continue;
    if (i > 0 && set.has(tags[i - 1])) out[out.length - 1][1] = tag;
    else out.push([tag, tag]);
  }
  return out.map(([from, to]) => (from === to ? from : `${from}..${to}`)).join(', ');
}

if (fails) {
  for (const [call, at] of [...failures].sort()) console.log(`${runs(at)}\t${call}`);
} else {
  for (const [map, { bare, guarded }] of [...reads].sort()) {
    console.log(`${map}\t${bare.size ? `every render: ${runs(bare)}` : 'guarded only'}`);
    // Guarded reads only where no unguarded read already reads the map.
    for (const [where, at] of guarded) {
      const only = new Set([...at].filter((tag) => !bare.has(tag)));
      if (only.size) console.log(`  ${runs(only)}\t${where}`);
    }
  }
}
