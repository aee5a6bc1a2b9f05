import { Yaml } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { stringifyManifests } from '../src/core/yaml';
import { objects, synthFiles, withTraefikValues } from './helpers';

// Helm, K3s and kustomize read YAML 1.1 (go-yaml): a string such as `off` or `yes` that YAML 1.2 leaves plain
// would reach them as a boolean (attack round 9, Y1). Everything this tool writes for them is YAML 1.1.

// The last three: plain under YAML 1.1, but go-yaml v2 reads them with Go's ParseInt(s, 0, 64) as integers (attack 10).
const TRICKY = [
  'off',
  'on',
  'yes',
  'no',
  'NO',
  'y',
  'n',
  'Y',
  'true',
  '012',
  '0b101',
  '1_000',
  '1:20',
  '~',
  '0x1F',
  '2024-01-01',
  '0o17',
  '0X1F',
  '-0B11',
];

test('valuesContent holds each YAML 1.1 look-alike as a string, read as go-yaml reads it', () => {
  const config = withTraefikValues({
    env: TRICKY.map((value, i) => ({ name: `VALUE_${i}`, value })),
    deployment: { podAnnotations: Object.fromEntries(TRICKY.map((value, i) => [`example.com/a${i}`, value])) },
  });
  const hcc = objects(config).find((o) => o.kind === 'HelmChartConfig')!;
  const values = parse((hcc.spec as { valuesContent: string }).valuesContent, { version: '1.1' });
  const env = new Map(values.env.map((e: { name: string; value: unknown }) => [e.name, e.value]));
  expect(TRICKY.map((_, i) => env.get(`VALUE_${i}`))).toEqual(TRICKY);
  expect(TRICKY.map((_, i) => values.deployment.podAnnotations[`example.com/a${i}`])).toEqual(TRICKY);
});

test('the K3s config files and the kustomization are YAML 1.1 too (as go-yaml reads them, the same data)', () => {
  const files = synthFiles({ ...withTraefikValues({}) }, 'dev');
  const goFiles = [...files].filter(([path]) => path.endsWith('.yaml') && (path.startsWith('k3s/') || path === 'kustomization.yaml'));
  expect(goFiles.length).toBeGreaterThanOrEqual(2);
  for (const [path, text] of goFiles) expect([path, parse(text, { version: '1.1' })]).toEqual([path, parse(text)]);
});

test('manifests quote what go-yaml reads as an integer with a base prefix, and are otherwise written as cdk8s writes them', () => {
  const object = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'x' },
    data: Object.fromEntries(TRICKY.map((v, i) => [`k${i}`, v])),
  };
  const text = stringifyManifests([object, object]);
  for (const doc of parseAllDocuments(text)) expect(Object.values(doc.toJS({ version: '1.1' }).data)).toEqual(TRICKY);
  expect(text).toContain('"0o17"');
  const plain = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b', n: '1' } };
  expect(stringifyManifests([plain, undefined])).toBe(Yaml.stringify(plain, undefined));
});
