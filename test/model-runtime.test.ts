import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formats, LIGHT_FORMATS, runValidateFunc } from '../src/validate/model-runtime';

/**
 * src/validate/model-runtime.ts stands in for `@kubernetes-models/validate` in the bundled models
 * (model-cache.ts): its formats and `runValidateFunc` must be the package's.
 */

const real = require('@kubernetes-models/validate') as {
  formats: Record<string, { type: string; validate: RegExp | ((value: string) => boolean) }>;
  runValidateFunc: (fn: unknown, data: unknown) => void;
};

/** Every format name the schemas of the bundled packages read from `@kubernetes-models/validate`. */
function formatNamesOfModels(): Set<string> {
  const names = new Set<string>();
  for (const pkg of ['kubernetes-models', '@kubernetes-models/apimachinery']) {
    const dir = join(dirname(require.resolve(pkg)), '_schemas');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      for (const [, dotted, quoted] of readFileSync(join(dir, file), 'utf8').matchAll(/\bformats(?:\.([\w$]+)|\["([^"]+)"\])/g)) {
        names.add(dotted ?? quoted);
      }
    }
  }
  return names;
}

test('every format the models read is one of the light ones', () => {
  const used = formatNamesOfModels();
  expect([...used].sort()).toEqual(Object.keys(LIGHT_FORMATS).sort());
});

describe.each(Object.keys(LIGHT_FORMATS))('format %s', (name) => {
  const light = LIGHT_FORMATS[name];
  const theirs = real.formats[name];

  test('is the package’s: the same object, or the same type and the same code', () => {
    if (light === theirs) return;
    expect(light.type).toBe(theirs.type);
    if (theirs.validate instanceof RegExp) {
      expect(light.validate).toBeInstanceOf(RegExp);
      expect(String(light.validate)).toBe(String(theirs.validate));
    } else {
      expect(String(light.validate)).toBe(String(theirs.validate));
    }
  });

  const samples = [
    '',
    '0',
    '1.5',
    '100m',
    '2Gi',
    '1e3',
    '+1',
    '-.5',
    '1.5 cores',
    'Ki',
    'aGVsbG8=',
    'aGVsbG8',
    'a b',
    '2026-12-03T04:00:00Z',
  ];
  test.each(samples)('answers %j as the package does', (sample) => {
    const run = (format: typeof light, value: unknown) =>
      format.validate instanceof RegExp ? format.validate.test(String(value)) : (format.validate as (v: unknown) => boolean)(value);
    const value = light.type === 'number' ? Number(sample) : sample;
    expect(run(light, value)).toBe(run(theirs, value));
  });
});

test('any other format name is the package’s own', () => {
  expect(formats.cidr).toBe(real.formats.cidr);
  expect(formats['idn-email']).toBe(real.formats['idn-email']);
  expect(formats.quantity).toBe(LIGHT_FORMATS.quantity);
});

describe('runValidateFunc', () => {
  const failing = Object.assign(() => false, {
    errors: [] as unknown[],
  });
  const errors = () => [
    { instancePath: '/spec/replicas', schemaPath: '#/type', keyword: 'type', params: { type: 'integer' } },
    { instancePath: '', schemaPath: '#/required', keyword: 'required', params: { missingProperty: 'kind' } },
    { instancePath: '/x', schemaPath: '#/format', keyword: 'format', params: { format: 'int32' } },
    { instancePath: '/y', schemaPath: '#/pattern', keyword: 'pattern', params: { pattern: '^a$' } },
  ];
  const thrown = (run: (fn: unknown, data: unknown) => void) => {
    failing.errors = errors();
    try {
      run(failing, {});
    } catch (e) {
      return e as Error & { errors: unknown };
    }
    throw new Error('did not throw');
  };

  test('throws what the package throws: the same class, message and localized errors', () => {
    const ours = thrown(runValidateFunc as (fn: unknown, data: unknown) => void);
    const theirs = thrown(real.runValidateFunc);
    expect(ours.constructor).toBe(theirs.constructor);
    expect(ours.message).toBe(theirs.message);
    expect(ours.errors).toEqual(theirs.errors);
    expect(ours.message).toMatch(/must be integer/);
  });

  test('returns quietly when the data is valid', () => {
    expect(runValidateFunc(() => true, {})).toBeUndefined();
  });
});
