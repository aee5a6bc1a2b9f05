import { App } from 'cdk8s';
import { validateClusterConfig } from '../src/cluster/validate';
import { K3sVipCluster } from '../src/index';
import * as hostile from '../scripts/hostile-inputs';
import { devConfig, refusalOf } from './helpers';
import { HOSTILE_TEST_SIZE } from './secret-doors';

/**
 * Review 37, F1: props whose unknown keys hold lists of values the plain-data gate leaves out took quadratic time
 * (each finding was tested against every left-out path, each left-out index re-sorted its list): 100 lists of 1,000
 * `NaN` took about 7 s, 300 lists 62 s. The lookups are now built once per call (src/core/dropped.ts). The rows are
 * the bench's (scripts/hostile-inputs.js) at a quarter of HOSTILE_TEST_SIZE (25,000 problems a row: each is redacted
 * and formatted, so more only costs npm test time); only jest's generous timeout fails a hang, the bench times 300 lists.
 */
const SIZE = HOSTILE_TEST_SIZE / 4;
const rows = hostile.droppedLists37(SIZE);
const lists = Math.ceil(SIZE / 1000);

// One door per row, to keep the file cheap.
test('the getters: every left-out item is reported once, at its own index, through validateClusterConfig', () => {
  const [label, props] = rows[1];
  expect(label).toContain('getters');
  const { config, errors } = validateClusterConfig({ ...devConfig(), ...props });
  expect(config).toBeUndefined();
  expect(errors).toHaveLength(lists * 1000);
  expect(errors.every((e) => e.message === 'is a getter: give a plain value')).toBe(true);
  expect(new Set(errors.map((e) => JSON.stringify(e.path))).size).toBe(lists * 1000);
  expect(errors.at(-1)!.path).toEqual([`unknown${lists - 1}`, 999]);
});

test('the NaN: refused by K3sVipCluster, naming the first and the last left-out item', () => {
  const [label, props] = rows[0];
  expect(label).toContain('NaN');
  const message = refusalOf(() => new K3sVipCluster(new App(), 'c', { ...devConfig(), ...props }));
  expect(message).toContain('unknown0[0]: NaN is not a finite number');
  expect(message).toContain(`unknown${lists - 1}[999]: NaN is not a finite number`);
});
