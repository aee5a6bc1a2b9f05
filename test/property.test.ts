// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { wiring } from '../src/main';
import { listFiles } from '../src/output/publish';
import { runSynth } from '../src/synth';
import { FIXTURE_CONFIG_DIR } from './helpers';

/**
 * Random mutations of valid configs (the reference config and every example): whatever the input,
 * synth either refuses with one-line messages about the config and leaves dist/ byte-identical, or
 * succeeds with output that passed the conformance check. It never throws, never prints a trace,
 * and never produces output the conformance check rejects (that would be a validator gap).
 * Seeded for a reproducible CI; set FC_SEED to explore other inputs. `npm test` runs 100 cases (each a synth, two
 * when the config is accepted); FC_RUNS=1000 runs a deeper sample (docs/development.md).
 */
const ROOT = join(__dirname, '..');
const SEEDS = [
  join(FIXTURE_CONFIG_DIR, 'dev.yaml'),
  ...readdirSync(join(ROOT, 'config', 'examples')).map((f) => join(ROOT, 'config', 'examples', f)),
].map((file) => parse(readFileSync(file, 'utf8')) as unknown);

/** Odd but plausible values: near-misses of real ones, hostile strings, other types. */
const oddValue = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '65536',
    'v1.2.3',
    '1.2.3',
    'v0.5.11',
    'v99999.0.0',
    '192.168.0.41',
    '192.168.0.40',
    '::ffff:192.168.0.41',
    '10.42.0.1',
    '192.168.0.0/24',
    'fd00::41',
    '::',
    '127.0.0.1',
    'eth0',
    'lo',
    '$(HOME)',
    '../../etc',
    '/..',
    '//',
    '/a/../b',
    '%2F',
    '__proto__',
    'kube-system',
    'default',
    'traefik',
    'a'.repeat(300),
    'x\u0000y',
    'x\u0007y',
    'line\nbreak',
    '| pipe ` tick ]"',
    '*.example.com',
    'https://example.com',
    'UPPER',
    'tcp',
    'UDP',
    'bgp',
    'arp',
    'argocd',
    'flux',
    'http',
    'tls',
  ),
  fc.integer({ min: -2, max: 70000 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.array(fc.constantFrom('192.168.0.41', 'fd00::41', '192.168.0.41', 80, 'x'), { maxLength: 3 }),
  fc.constant({}),
);

type Json = unknown;

/** All paths to values inside a JSON-like tree. */
function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

type Mutation = { kind: 'set' | 'delete' | 'rename' | 'duplicate'; at: number; value: Json; key: string };

function mutate(base: Json, mutations: Mutation[]): Json {
  const doc = structuredClone(base) as Record<string, unknown>;
  for (const m of mutations) {
    const all = paths(doc).filter((p) => p.length > 0);
    if (!all.length) break;
    const path = all[m.at % all.length];
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], doc);
    const key = path[path.length - 1];
    if (m.kind === 'set') parent[key] = m.value;
    else if (m.kind === 'delete' && Array.isArray(parent)) parent.splice(Number(key), 1);
    else if (m.kind === 'delete') delete parent[key];
    else if (m.kind === 'rename' && !Array.isArray(parent)) {
      parent[m.key] = parent[key];
      delete parent[key];
    } else if (m.kind === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
  }
  return doc;
}

const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('set', 'set', 'set', 'delete', 'rename', 'duplicate'),
  at: fc.nat(),
  value: oddValue,
  key: fc.constantFrom('interface', 'inteface', 'hostname', 'constructor', 'ips', 'mode', 'port', 'x'),
});

/** Sometimes the YAML text itself is damaged: a character inserted or a line's indentation changed. */
const textDamage = fc.option(
  fc.record({ at: fc.nat(), insert: fc.constantFrom('-', ' ', '\t', ':', '&a ', '*a', '"', '{', '\u0000', '#') }),
  { freq: 3 },
);

describe('random mutations of valid configs (property)', () => {
  const ws = mkdtempSync(join(tmpdir(), 'k3s-vip-property-'));
  const config = join(ws, 'config');
  const dist = join(ws, 'dist');
  mkdirSync(config);
  writeFileSync(join(config, 'seed.yaml'), stringify(SEEDS[0]));
  expect(runSynth({ configDir: config, distDir: dist, wiring, log: () => undefined })).toBe(0);
  const snapshot = () => Object.fromEntries(listFiles(dist).map((p) => [p, readFileSync(join(dist, p), 'utf8')]));

  test('a clean one-line refusal with dist/ byte-identical, or conformant output; never a trace', () => {
    const seed = Number(process.env.FC_SEED ?? 20261127);
    const verdicts = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        textDamage,
        (which, mutations, damage) => {
          let text = stringify(mutate(SEEDS[which], mutations));
          if (damage) text = `${text.slice(0, damage.at % (text.length + 1))}${damage.insert}${text.slice(damage.at % (text.length + 1))}`;
          rmSync(join(config, 'seed.yaml'), { force: true });
          writeFileSync(join(config, 'mutated.yaml'), text);
          const before = snapshot();
          const lines: string[] = [];
          const code = runSynth({ configDir: config, distDir: dist, wiring, log: (l) => lines.push(l) });
          for (const line of lines) {
            expect(line).not.toMatch(/\n|^\s+at |Maximum call stack/);
          }
          expect(lines.filter((l) => /conformance violation|unexpected problem/.test(l))).toEqual([]);
          verdicts[code === 0 ? 'accepted' : 'refused']++;
          if (code !== 0) {
            expect(lines.at(-1)).toBe(`synth failed: ${dist}/ was left unchanged.`);
            expect(lines.filter((l) => l.startsWith('error: '))).not.toEqual([]);
            expect(snapshot()).toEqual(before);
          }
          // Back to a known state for the next case.
          rmSync(join(config, 'mutated.yaml'));
          writeFileSync(join(config, 'seed.yaml'), stringify(SEEDS[0]));
          if (code === 0) runSynth({ configDir: config, distDir: dist, wiring, log: () => undefined });
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 100), seed },
    );
    // The sample holds both verdicts: the test is not only of refusals.
    expect([verdicts.accepted > 5, verdicts.refused > 5]).toEqual([true, true]);
  });
});
