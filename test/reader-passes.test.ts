import { Dirent, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EarlierPasses, forgetJudgements, judgedOnceAcrossRuns, useEarlierPasses } from '../src/core/secrets-memo';
import { redact, secretShape } from '../src/core/secret-shapes';
import { wiring } from '../src/main';
import * as readerPasses from '../src/output/reader-passes';
import { runSynth } from '../src/synth';
import { DEV_YAML } from './helpers';

/** Passes in memory, as output/pass-memo.ts keeps them on disk (by digest there); `saved` counts save calls. */
function passesInMemory(known: Iterable<string> = []) {
  const passed = new Set(known);
  const added = new Set<string>();
  let saved = 0;
  return {
    passed: (input: string) => passed.has(input),
    remember: (input: string) => void added.add(input),
    save: () => void saved++,
    added,
    saves: () => saved,
  };
}

afterEach(() => {
  useEarlierPasses(undefined);
  jest.restoreAllMocks();
});

describe('judgedOnceAcrossRuns: a pass of an earlier run is not judged again', () => {
  let unique = 0;
  const fresh = () => `text-${Date.now()}-${unique++}`;

  it('skips a text passed before, judges one never seen, and remembers passes only', () => {
    const judged: string[] = [];
    const judge = judgedOnceAcrossRuns('test-judge', (text: string) => {
      judged.push(text);
      return text.startsWith('bad') ? 'a finding' : undefined;
    });
    const [before, neverSeen, bad] = [fresh(), fresh(), `bad-${fresh()}`];
    const passes: EarlierPasses & { added: Set<string> } = passesInMemory([`test-judge\0${before}`]);
    useEarlierPasses(passes);
    expect(judge(before)).toBeUndefined();
    expect(judge(neverSeen)).toBeUndefined();
    expect(judge(bad)).toBe('a finding');
    expect(judged).toEqual([neverSeen, bad]);
    // Only the pass: a finding is judged again in every run.
    expect([...passes.added]).toEqual([`test-judge\0${neverSeen}`]);
  });

  it('remembers nothing and skips nothing without earlier passes (constructs, tests, every other command)', () => {
    const judged: string[] = [];
    const judge = judgedOnceAcrossRuns('test-judge-2', (text: string) => void judged.push(text));
    const text = fresh();
    judge(text);
    expect(judged).toEqual([text]);
  });

  it("secretShape and redact's shape reading pass through it; a K3s token is never remembered", () => {
    const passes = passesInMemory();
    useEarlierPasses(passes);
    const plain = `frontend-${fresh()}`;
    const token = `K10${'ab12'.repeat(16)}::server:${fresh().replace(/\W/g, '')}9f8e7d6c5b4a`;
    expect(secretShape(plain)).toBeUndefined();
    expect(secretShape(token)).toBeDefined();
    const message = `wrote ${plain}.yaml`;
    expect(redact(message)).toBe(message);
    expect(redact(`token ${token} here`)).not.toContain(token);
    expect([...passes.added]).toEqual(expect.arrayContaining([`secret-shape\0${plain}`, `redact-shapes\0${message}`]));
    expect([...passes.added].some((input) => input.includes(token))).toBe(false);
  });
});

describe("synth keeps the readers' passes only from a run that completes", () => {
  const configDir = (yaml: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'reader-passes-'));
    writeFileSync(join(dir, 'dev.yaml'), yaml);
    return dir;
  };
  const synth = (config: string, dist: string) => {
    const lines: string[] = [];
    const code = runSynth({ configDir: config, distDir: dist, wiring, log: (l) => lines.push(l) });
    return { code, lines };
  };
  const filesOf = (dist: string) =>
    (readdirSync(dist, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
      .sort()
      .map((file) => [file.slice(dist.length), readFileSync(file, 'utf8')]);

  it('saves after a clean synth, and a second synth from those passes writes the same files', () => {
    // The texts judged earlier in this process (a shard's other files) are judged afresh, so each is remembered.
    forgetJudgements();
    const first = passesInMemory();
    jest.spyOn(readerPasses, 'earlierReaderPasses').mockReturnValue(first);
    const config = configDir(DEV_YAML);
    const [distA, distB] = [mkdtempSync(join(tmpdir(), 'rp-a-')), mkdtempSync(join(tmpdir(), 'rp-b-'))];
    expect(synth(config, distA).code).toBe(0);
    expect(first.saves()).toBe(1);
    expect(first.added.size).toBeGreaterThan(20);
    const second = passesInMemory(first.added);
    jest.spyOn(readerPasses, 'earlierReaderPasses').mockReturnValue(second);
    expect(synth(config, distB).code).toBe(0);
    expect(filesOf(distA).length).toBeGreaterThan(5);
    expect(filesOf(distB)).toEqual(filesOf(distA));
  });

  it('saves nothing from a refused run (a value under a key named like a secret passes the readers, not the run)', () => {
    const passes = passesInMemory();
    jest.spyOn(readerPasses, 'earlierReaderPasses').mockReturnValue(passes);
    const config = configDir(`${DEV_YAML}\nmetrics: {db_password: Tr0ub4dorZq8}\n`);
    const { code, lines } = synth(config, mkdtempSync(join(tmpdir(), 'rp-c-')));
    expect(code).toBe(1);
    expect(lines.join('\n')).not.toContain('Tr0ub4dorZq8');
    expect(passes.saves()).toBe(0);
  });
});
