import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { formatPath } from '../src/core/problem';
import { EMBEDDED_SECRET, FoundSecret, secretShape, secretsInData, secretsInLines } from '../src/core/secrets';
import { secretsInFiles } from '../src/output/secret-gate';
import { RenderedFile, yamlStreams } from '../src/output/yaml-streams';
import { parseConfigText } from '../src/config/load';
import { wiring } from '../src/main';
import { renderClusters } from '../src/synth';
import { DEV_YAML, EXAMPLES_DIR, synthFiles } from './helpers';

// The secret gate and the conformance check read a rendered file as the objects it was written from, and parse
// any other text once for both. These tests hold the gate to the yaml-only reading it had before: same findings,
// same words.

function yamlOnly(text: string): { documents: unknown[]; parses: boolean } {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const failed = (doc: (typeof docs)[number]) => 'errors' in doc && doc.errors.length > 0;
  return { documents: docs.flatMap((doc) => (failed(doc) ? [] : [doc.toJS({ maxAliasCount: -1 })])), parses: !docs.some(failed) };
}

/** Findings without what the gate now says about why a file does not parse (the gate as it was said less). */
// Since 58a-18 a finding read from lines stands at each line (`f.yaml:3: holds …`): compared without the lines, once each.
const comparable = (findings: string[]) => [
  ...new Set(
    findings.map((line) =>
      line
        .replace(/(read line by line as the file does not parse).*$/, '$1')
        .replace(/^([^:]+):\d+: /, '$1: ')
        .replace(/ \(lines? [\d, -]+ together\)$/, ''),
    ),
  ),
];

/** The gate as it was: every YAML file (and every valuesContent) read by yaml alone. */
function gateBefore(files: ReadonlyMap<string, string>): string[] {
  const findings: string[] = [];
  for (const [path, text] of files) {
    const yamlFile = /\.ya?ml$/.test(path);
    const read = yamlFile ? yamlOnly(text) : { documents: [], parses: true };
    for (const data of read.documents) {
      const values = (data as { kind?: unknown; spec?: { valuesContent?: unknown } } | null)?.spec?.valuesContent;
      const kind = (data as { kind?: unknown } | null)?.kind;
      const chart = typeof values === 'string' ? yamlOnly(values) : undefined;
      const inChart: FoundSecret[] =
        chart && (kind === 'HelmChartConfig' || kind === 'HelmChart')
          ? chart.documents.flatMap((v) => secretsInData(v, ['spec', 'valuesContent']))
          : [];
      const found = [...secretsInData(data), ...inChart];
      const below = (outer: FoundSecret) => (inner: FoundSecret) =>
        inner.path.length > outer.path.length && outer.path.every((key, i) => inner.path[i] === key);
      const judged = (s: FoundSecret) => chart?.parses === true && s.path.join('.') === 'spec.valuesContent';
      for (const secret of found.filter((s) => s.what !== EMBEDDED_SECRET || (!found.some(below(s)) && !judged(s)))) {
        findings.push(`${path}: ${formatPath(secret.path) || '(document)'} holds ${secret.what}`);
      }
    }
    const found = findings.some((line) => line.startsWith(`${path}:`));
    const shape = secretShape(text);
    if (shape && !found) findings.push(`${path}: holds ${shape}`);
    // Since review 4 (SHOULD 16), a file that is not YAML is read line by line too.
    else if (!yamlFile && secretsInLines(text).length)
      findings.push(`${path}: holds a value under a key named like a secret (read line by line)`);
    else if (!found && yamlFile && !read.parses && secretsInLines(text).length) {
      findings.push(`${path}: holds a value under a key named like a secret, read line by line as the file does not parse`);
    }
  }
  return findings;
}

/** The output of the reference config and of every shipped example, `<example>/<file>` -> text. */
const generated = new Map([
  ...[...synthFiles(DEV_YAML, 'dev')].map(([path, text]) => [`dev/${path}`, text] as const),
  ...readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => {
      const example = name.replace(/\.yaml$/, '');
      return [...synthFiles(readFileSync(join(EXAMPLES_DIR, name), 'utf8'), example)].map(
        ([path, text]) => [`${example}/${path}`, text] as const,
      );
    }),
]);

test('a rendered file reads back as the objects it was written from (yaml and js-yaml alike), so the checks use those', () => {
  const sources = [
    ['dev', DEV_YAML],
    ...readdirSync(EXAMPLES_DIR)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => [name.replace(/\.yaml$/, ''), readFileSync(join(EXAMPLES_DIR, name), 'utf8')]),
  ];
  let checked = 0;
  for (const [name, text] of sources) {
    const file = `config/${name}.yaml`;
    const loaded = parseConfigText(file, text);
    const rendered = new Map<string, RenderedFile>();
    const files = renderClusters([{ name, file, config: loaded.config! }], wiring, rendered);
    for (const [path, source] of rendered) {
      expect(source.text).toBe(files.get(path));
      const read = yamlOnly(source.text);
      expect([path, read.parses]).toEqual([path, true]);
      expect([path, isDeepStrictEqual(read.documents, source.documents)]).toEqual([path, true]);
      expect([path, isDeepStrictEqual(loadAll(source.text), source.documents)]).toEqual([path, true]);
      // The streams give those objects for that text, and parse any other text.
      const streams = yamlStreams(rendered);
      expect((streams(path, source.text) as { documents: unknown }).documents).toBe(source.documents);
      const edited = streams(path, `${source.text}# edited\n`) as { documents: unknown };
      expect(edited.documents).not.toBe(source.documents);
      expect(edited.documents).toEqual(source.documents);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(30);
});

test('text no renderer wrote is parsed as the API server reads it: merge keys applied, a key written twice refused', () => {
  const streams = yamlStreams();
  expect(streams('a.yaml', 'base: &b {x: 1}\nobj:\n  <<: *b\n  y: 2\n')).toEqual({ documents: [{ base: { x: 1 }, obj: { x: 1, y: 2 } }] });
  expect(streams('b.yaml', 'kind: A\nkind: B\n')).toEqual({
    error: { reason: 'Map keys must be unique', line: 2, column: 1, offset: 8 },
  });
});

// yaml warns about the complex keys it turns into text; the gate reads them all the same.
beforeAll(() => jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined));

const SECRET = 'hunter2-hunter2';
const odd: Array<[string, string]> = [
  ['directive', `%YAML 1.1\n---\npassword: yes\ntoken: ${SECRET}\n`],
  ['null key', `~:\n  password: ${SECRET}\n`],
  ['null key, flow', `{null: {token: ${SECRET}}}\n`],
  ['tag', `password: !secret ${SECRET}\n`],
  ['binary tag', `data: !!binary aGVsbG8=\nkind: Secret\nmetadata: {name: x}\n`],
  ['duplicate key', `password: a-first-one\npassword: ${SECRET}\n`],
  ['complex key', `? [a, b]\n: {token: ${SECRET}}\n`],
  ['broken', `password: ${SECRET}\n  - broken: [\n`],
  ['second document broken', `a: 1\n---\ntoken: ${SECRET}\n b: [\n`],
  [
    'chart values',
    `apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata: {name: traefik}\nspec:\n  valuesContent: |-\n    hub:\n      token: ${SECRET}\n`,
  ],
  [
    'chart values with a null key',
    `apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata: {name: x}\nspec:\n  valuesContent: |-\n    ~: {password: ${SECRET}}\n`,
  ],
  ['plain', 'a: 1\nb: [x, y]\n'],
  ['README', `# Notes\n\npassword: ${SECRET}\n`],
];

test.each(odd)('the gate finds what it found before: %s', (_, text) => {
  for (const path of ['f.yaml', 'f.yml', 'README.md', 'f.json']) {
    const files = new Map([[path, text]]);
    expect(comparable(secretsInFiles(files))).toEqual(gateBefore(files));
    // With the conformance check's parse of the same text already made, too.
    const streams = yamlStreams();
    streams(path, text);
    expect(comparable(secretsInFiles(files, streams))).toEqual(gateBefore(files));
  }
});

test('the gate finds in the generated output what it found before (nothing)', () => {
  expect(secretsInFiles(generated)).toEqual(gateBefore(generated));
  expect(gateBefore(generated)).toEqual([]);
});

test('one parse per file: the second reader gets the same documents, a changed text is parsed again', () => {
  const streams = yamlStreams();
  const first = streams('a.yaml', 'a: 1\n');
  expect(streams('a.yaml', 'a: 1\n')).toBe(first);
  expect(streams('a.yaml', 'a: 2\n')).toEqual({ documents: [{ a: 2 }] });
  expect('error' in streams('b.yaml', 'a: [\n')).toBe(true);
});
