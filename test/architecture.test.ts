import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The house reads downwards: the data shape and problem types at the bottom (src/core, src/config's
 * schema and formats), components above them, one composition (src/cluster), the front doors
 * (src/config/load.ts with its YAML reader, src/api) on top. These tests read the imports as text.
 */
const SRC = join(__dirname, '..', 'src');
const MAX_LINES = 450;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const rel = (file: string) => relative(SRC, file).split('\\').join('/');

/** Relative imports of a file (static, type-only, re-exports, dynamic and require), resolved to files of src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers
    .map((spec) => resolve(dirname(file), spec))
    .flatMap((base) => [`${base}.ts`, join(base, 'index.ts')].filter((candidate) => files.includes(candidate)).slice(0, 1));
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Every import cycle, as the files on it (depth-first search with the current path on a stack). */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)).map(rel));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

describe('the house reads downwards', () => {
  test('the import graph was read (the test can see imports at all)', () => {
    expect(graph.get(join(SRC, 'cluster', 'rules.ts'))).toContain(join(SRC, 'traefik', 'rules.ts'));
  });

  test('no import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  const COMPONENTS = [
    'kube-vip',
    'traefik',
    'k3s',
    'cert-manager',
    'ingress',
    'load-balancer',
    'gitops',
    'docs',
    'output',
    'validate',
    'gateway',
  ];
  const FRONT_DOORS = ['config/load.ts', 'config/yaml-input.ts'];
  test('no component reaches up to a front door (the YAML reader, the public API) or the composition', () => {
    const upward = files
      .filter((file) => COMPONENTS.some((component) => rel(file).startsWith(`${component}/`)))
      .flatMap((file) =>
        graph
          .get(file)!
          .map(rel)
          .filter((target) => FRONT_DOORS.includes(target) || target.startsWith('api/') || target.startsWith('cluster/'))
          .map((target) => `${rel(file)} -> ${target}`),
      );
    expect(upward).toEqual([]);
  });

  test('the bottom layer (core/, config schema and formats) imports no component', () => {
    const bottom = files.filter((file) => rel(file).startsWith('core/') || ['config/schema.ts', 'config/formats.ts'].includes(rel(file)));
    const upward = bottom.flatMap((file) =>
      graph
        .get(file)!
        .map(rel)
        .filter((target) => COMPONENTS.some((component) => target.startsWith(`${component}/`)))
        .map((target) => `${rel(file)} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  test(`no source file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => [rel(file), readFileSync(file, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
