import { sameRendering } from '../src/output/same-rendering';

// The construct gate reuses its last verdict only when a rendering would be written as the same text.
describe('sameRendering', () => {
  test.each<[string, unknown, unknown, boolean]>([
    ['equal objects', { a: [1, 'x', null, true], b: { c: 2 } }, { a: [1, 'x', null, true], b: { c: 2 } }, true],
    ['keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }, false],
    ['NaN and null', { a: NaN }, { a: null }, false],
    ['NaN and NaN', [NaN], [NaN], true],
    ['-0 and 0', { a: -0 }, { a: 0 }, false],
    ['an undefined value and no key', { a: undefined }, {}, false],
    ['a hole and undefined', [, 1], [undefined, 1], false], // eslint-disable-line no-sparse-arrays
    ['a string and a number', { port: '80' }, { port: 80 }, false],
    ['a list and an object', { a: [] }, { a: {} }, false],
    ['a Date, even the same one', { a: new Date(0) }, { a: new Date(0) }, false],
  ])('%s', (_, a, b, same) => expect(sameRendering(a, b)).toBe(same));

  test('a rendering too deep to walk is not the same', () => {
    const deep = (): unknown => {
      let value: unknown = 1;
      for (let i = 0; i < 200_000; i++) value = [value];
      return value;
    };
    expect(sameRendering(deep(), deep())).toBe(false);
  });
});
