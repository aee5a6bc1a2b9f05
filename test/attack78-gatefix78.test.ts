// Round 78: "Maximum call stack size exceeded" from a construct's refusal of a 2.6 MiB text, seen in loaded jest runs
// (attack61-services61, attack60-sizes). The cause was V8's regexp backtrack stack: a counted loop `X{16,}` keeps an
// entry per character, so a few MiB of one character filled it. The decoder's base64 runs are now `X{16}X*` (the same
// text, no entry per character), and the redaction of a construct's refusal reads a file as the gate does: past its
// bound, or out of stack, it names no secret instead of throwing.
import { decodings } from '../src/core/text-decodings';
import { secretsOfFile } from '../src/output/secret-gate';

describe('a multi-MiB run of one character', () => {
  test('is decoded without running out of the regexp stack (about 6M characters overflowed before)', () => {
    // `z`, no hex digit: a run of hex is also a group repeat (HEX_RUNS), whose bound is the gate's 3 MiB line (see below).
    expect(() => decodings(`keys:\n- a${'z'.repeat(7_000_000)}\n`)).not.toThrow();
  });
  test('a file past the gate bound names no secret to blank, and does not throw', () => {
    expect(secretsOfFile('c/x.yaml', `spec:\n  keys:\n  - a${'b'.repeat(3.5 * 1024 * 1024)}\n`)).toEqual([]);
  });
  test('control: a file under the bound still names its secret', () => {
    expect(secretsOfFile('c/x.yaml', 'data:\n  password: Zx9kq2LmHj4kl8Mn\n').join('\n')).toContain('Zx9kq2LmHj4kl8Mn');
  });
});
