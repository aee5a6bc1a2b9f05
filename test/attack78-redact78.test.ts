/**
 * Attack round 78 (78a-7, 78a-13, 78a-6, 78a-18): a blank covers a vendor token's every part; no message quotes a
 * piece of a value the same run refuses; `new --from` says one problem per line, `file:line:column: key: …`; notes
 * after values that only name a secret make those values the secrets, named at their key paths.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { redactText } from '../src/core/secrets';
import { redactMessage } from '../src/core/redact-message';
import { secretPiecesIn } from '../src/core/secret-pieces';
import { newCluster } from '../src/new-cluster';
import { MINIMAL_CONFIG_TEXT } from './helpers';
import { cpuMillisSince } from './cpu-time';

const TAIL = 'AbCdEfGhIjKlMnOpQrStUvWx';

describe('78a-7: a blank covers every part of a vendor token, as its vendor shape defines it', () => {
  test.each([
    ['a Slack bot token (gitleaks slack-bot-token)', `# xoxb-123456789012-1234567890123-${TAIL}`, TAIL],
    ['a Slack bot token, 10-digit groups', `token: xoxb-1234567890-1234567890-${TAIL}`, TAIL],
    ['a FlyV1 token of two macaroons', `# FlyV1 fm2_lJPECAAAAAAAAMkHxBDBgAbCdEfGhIjKlMnOpQrStUv,fm2_lJPEAbCdEfGhIjKlMnOpQr`, 'lJPEAbCd'],
    ['a FlyV1 token with an fo1_ part', `FlyV1 fm1r_lJPECAAAAAAAAMkHxBDBgAbCdEfGhIjKl,fo1_8rz-j7r2eqJ2U7affEOO3HJN0j63DI`, '8rz-j7'],
    ['a GitLab token with a dash in its longer body', `# glpat-AbCdEfGhIjKlMnOpQrSt-UvWx12345678`, 'UvWx1234'],
  ])('%s: no part is left', (_what, line, part) => {
    const out = redactText(line, []);
    expect(out).toContain('<redacted>');
    expect(out).not.toContain(part);
  });
  test.each([
    ['a Slack placeholder', 'xoxb-your-bot-token'],
    ['a word after a FlyV1 token stays after its blank', 'FlyV1 fm2_lJPECAAAAAAAAMkHxBDBgAbCdEfGhIjKl, then restart'],
    ['a name after a token and a blank', `xoxb-123456789012-1234567890123-${TAIL} kube-vip`],
  ])('control: %s keeps its words', (_what, line) => {
    const out = redactText(line, []);
    for (const word of ['your-bot-token', 'then restart', 'kube-vip'].filter((w) => line.includes(w))) expect(out).toContain(word);
  });
  test('the diff redaction of check and dry-run blanks the tails too (end to end over lines)', () => {
    const text = `a: 1\n# xoxb-123456789012-1234567890123-${TAIL}\n# FlyV1 fm2_lJPECAAAAAAAAMkHxBDBgAbCdEfGhIjKlMnOpQrStUv,fm2_lJPEAbCdEfGhIjKlMnOpQr\n`;
    const out = redactText(text, []);
    expect(out.split('\n')).toEqual(['a: 1', '# <redacted>', '# <redacted>', '']);
  });
});

describe('78a-13: no message quotes a piece of a refused secret', () => {
  // As the run refuses it: the password after its label (its 10 characters no generated-run reading takes).
  const SECRETS = ['Zx9kq2LmHj'];
  test.each([
    ['a 7-character prefix', 'ingresses[7].namespace: "Zx9kq2L" is not a valid name', 'Zx9kq2L'],
    ['its lower-case hint', '(upper-case letters are not allowed: "zx9kq2l")', 'zx9kq2l'],
    ['a 4-character piece, upper-cased', 'ingresses[3].namespace: "Q2LM" is not a valid name', 'Q2LM'],
    ['a 4-character piece, lower-cased', '(upper-case letters are not allowed: "q2lm")', 'q2lm'],
    ['a tail piece in a host', 'host "q2lmhj.example.com" is not valid', 'q2lmhj'],
  ])('%s is blanked', (_what, message, piece) => {
    expect(redactMessage(message, SECRETS)).not.toContain(piece);
  });
  test.each([
    ['a 3-character piece tells nothing', 'namespace "zx9" is not valid', 'zx9'],
    ['a value sharing no piece', 'interface "eth0" is fine', 'eth0'],
    ['letters only', 'namespace "kqlm" is not valid', 'kqlm'],
    ['a plain secret without a mixed word', 'namespace "ab12" is not valid', 'ab12'],
  ])('control: %s stays', (_what, message, kept) => {
    const secrets = kept === 'ab12' ? ['Password: hunter'] : SECRETS;
    expect(redactMessage(message, secrets)).toContain(kept);
  });
  test('the pieces reader is linear: 100 kB of runs', () => {
    secretPiecesIn('warm Zx9k', SECRETS);
    const message = 'ab12cd34 '.repeat(11_000);
    const started = process.cpuUsage();
    secretPiecesIn(message, [...SECRETS, `Zq${'x9'.repeat(2000)}`]);
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});

describe('78a-6, 78a-18: `new --from` and synth name each problem on its own line, at its key path', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'redact78-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const copy = (text: string) => {
    writeFileSync(join(root, 'src.yaml'), text);
    const lines: string[] = [];
    const code = newCluster(['copy', '--from', 'src'], { configDir: root, schemaFile: join(root, 's.json'), log: (l) => lines.push(l) });
    const copied = readdirSync(root).includes('copy.yaml');
    rmSync(join(root, 'copy.yaml'), { force: true });
    return { code, lines, copied };
  };
  const ANNOTATIONS = `${MINIMAL_CONFIG_TEXT}  values:\n    deployment:\n      podAnnotations:\n`;
  const at = (file: string, line: number) => new RegExp(`^error: ${root.replace(/[.\\]/g, '\\$&')}/${file}:${line}:\\d+: `);

  test('78a-6: two problems on two lines are two error lines, each file:line:column: and its key path', () => {
    const text = `${ANNOTATIONS.replace('  interface: eth0\n', '  interface: eth0 # admin pw: Qw7rt5Yu\n')}        n1: "Password: Zx9kq2Lm"\n`;
    const { code, lines, copied } = copy(text);
    expect([code, copied]).toEqual([1, false]);
    expect(lines).toEqual([
      expect.stringMatching(at('src.yaml', 3)),
      expect.stringMatching(/src\.yaml:11:13: traefik\.values\.deployment\.podAnnotations\.n1: holds .*: nothing was copied/),
    ]);
    expect(lines[0]).toMatch(/:3:19: holds a secret outside its values/);
    expect(lines.join('\n')).not.toMatch(/Qw7rt5Yu|Zx9kq2Lm/);
  });
  test('78a-6 control: a clean source is copied', () => {
    expect(copy(`${ANNOTATIONS}        n1: "release 2024"\n`)).toEqual(expect.objectContaining({ code: 0, copied: true }));
  });

  const F18 = `${ANNOTATIONS}        c19: "Zx9kq2Lm" # senha do banco\n        c20: "Zx9kq2Lm" # contraseña de la bd\n        c21: "Zx9kq2Lm" # şifre (prod)\n        c22: "Zx9kq2Lm" # mật khẩu db\n`;
  const errorsOf = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);
  test('78a-18 synth: the values are named at their key paths, the notes are not blamed', () => {
    const errors = errorsOf(F18);
    expect(errors).toEqual(
      ['c19', 'c20', 'c21', 'c22'].map((key, i) =>
        expect.stringMatching(
          new RegExp(
            `^config/t\\.yaml:${11 + i}:14: traefik\\.values\\.deployment\\.podAnnotations\\.${key}: holds a value that the comment`,
          ),
        ),
      ),
    );
    expect(errors.join('\n')).not.toMatch(/several comment lines|outside its values|Zx9kq2Lm/);
  });
  test('78a-18 new --from: the same, one line each', () => {
    const { code, lines } = copy(F18);
    expect(code).toBe(1);
    expect(lines).toHaveLength(4);
    lines.forEach((line, i) =>
      expect(line).toMatch(
        new RegExp(`src\\.yaml:${11 + i}:14: traefik\\.values\\.deployment\\.podAnnotations\\.c${19 + i}: holds a value`),
      ),
    );
  });
  test.each([
    ['a name above a generated value, both whole-line comments', '        # password:\n        # Zx9kq2LmHj4kl8Mn\n        a: "x"\n'],
    ['a name, then a generated value in the next note', '        a: "1" # password:\n        b: "2" # Zx9kq2LmHj4kl8Mn\n'],
  ])('78a-18 control, still refused as a comment: %s', (_what, body) => {
    const errors = errorsOf(`${ANNOTATIONS}${body}`);
    expect(errors.join('\n')).toMatch(/outside its values/);
    expect(errors.join('\n')).not.toContain('Zx9kq2LmHj4kl8Mn');
  });
  test('78a-18 control: notes that name no secret pass', () => {
    expect(errorsOf(`${ANNOTATIONS}        a: "x" # owner team\n        b: "y" # see the wiki\n`)).toEqual([]);
  });
});
