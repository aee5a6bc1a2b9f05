import { FileTree } from './publish';

/** Line diff of two texts in unified style (`-` old, `+` new), with `context` lines around changes. */
export function diffLines(oldText: string, newText: string, context = 2): string[] {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  if (a.length * b.length > 4_000_000) return [`- (${a.length} lines)`, `+ (${b.length} lines)`];
  // Longest common subsequence table, from the end.
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { ops.push([' ', a[i]]); i++; j++; }
    else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) { ops.push(['+', b[j]]); j++; }
    else { ops.push(['-', a[i]]); i++; }
  }
  const keep = ops.map((op, k) => op[0] !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o[0] !== ' '));
  const out: string[] = [];
  ops.forEach((op, k) => {
    if (keep[k]) out.push(`${op[0]} ${op[1]}`);
    else if (keep[k - 1]) out.push('  ...');
  });
  return out;
}

/** Differences between two file trees, as readable lines; empty when they are equal. */
export function diffTrees(committed: FileTree, fresh: FileTree): string[] {
  const out: string[] = [];
  const paths = [...new Set([...committed.keys(), ...fresh.keys()])].sort();
  for (const path of paths) {
    const before = committed.get(path);
    const after = fresh.get(path);
    if (before === after) continue;
    if (before === undefined) out.push(`+++ ${path} (missing from the committed output)`);
    else if (after === undefined) out.push(`--- ${path} (stale: a fresh synth no longer writes it)`);
    else out.push(`*** ${path}`, ...diffLines(before, after));
  }
  return out;
}
