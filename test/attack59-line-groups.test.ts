// review59-2: secretLineGroups searched every group over the whole text from its first line (30 tables in 1 MB: 20 s
// in the write gate). It now searches windows of lines first; the whole text is judged only for what no window holds.
import { secretLineGroups } from '../src/core/secret-line-groups';

/** A text of `count` lines with BEGIN and END at the given 1-based lines (a secret only the lines between hold). */
function lines(count: number, pairs: ReadonlyArray<[number, number]>): string[] {
  const text = Array.from({ length: count }, (_, i) => `plain line ${i + 1}`);
  for (const [begin, end] of pairs) {
    text[begin - 1] = 'BEGIN';
    text[end - 1] = 'END';
  }
  return text;
}

/** Holds a secret where a BEGIN line comes before an END line. */
const beginThenEnd = (text: string) => /^BEGIN$[\s\S]*^END$/m.test(text);

describe('review59-2: line groups found window by window, the same groups as a whole-text search', () => {
  test.each([
    ['a group inside the first window', 1_000, [[100, 103]], [[100, 101, 102, 103]]],
    ['a group across the first window border', 1_000, [[398, 401]], [[398, 399, 400, 401]]],
    ['a group of 250 lines, longer than the overlap', 1_000, [[20, 269]], [Array.from({ length: 250 }, (_, i) => 20 + i)]],
    ['a group of 401 lines, longer than a window', 1_000, [[350, 750]], [Array.from({ length: 401 }, (_, i) => 350 + i)]],
    [
      'groups in several windows',
      2_000,
      [
        [10, 11],
        [700, 702],
        [1_990, 1_991],
      ],
      [
        [10, 11],
        [700, 701, 702],
        [1_990, 1_991],
      ],
    ],
  ] as Array<[string, number, Array<[number, number]>, number[][]]>)('%s', (_name, count, pairs, groups) => {
    expect(secretLineGroups(lines(count, pairs), beginThenEnd)).toEqual(groups);
  });

  test('the whole text is judged a bounded number of times, whatever the number of groups', () => {
    const count = 10_000;
    const pairs = Array.from({ length: 30 }, (_, i): [number, number] => [i * 300 + 50, i * 300 + 52]);
    let wholeTexts = 0;
    const groups = secretLineGroups(lines(count, pairs), (text) => {
      if (text.split('\n').length === count) wholeTexts++;
      return beginThenEnd(text);
    });
    expect(groups).toHaveLength(30);
    expect(wholeTexts).toBeLessThanOrEqual(1);
  });

  test('a text shorter than a window is searched as before: one group per pair, at most `most`', () => {
    expect(
      secretLineGroups(
        lines(50, [
          [1, 2],
          [10, 12],
          [30, 31],
        ]),
        beginThenEnd,
        2,
      ),
    ).toEqual([
      [1, 2],
      [10, 11, 12],
    ]);
  });
});
