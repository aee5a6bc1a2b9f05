import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, parseConfigText } from '../src/config/load';

// Round 32a-10: one slip in the YAML gives one message, where it is, saying what to write; and `!!binary` is named so.
const DEV = readFileSync(join(__dirname, 'fixtures', 'config', 'dev.yaml'), 'utf8');
const withVersion = (text: string) => DEV.replace(/^ {2}version: v1\.2\.3$/m, `  version: ${text}`);
const errorsOf = (text: string) => parseConfigText('config/x.yaml', text).errors.map((e) => formatDiagnostic(e));

describe('a YAML slip is one message', () => {
  test('the fixture has the line the cases change', () => {
    expect(withVersion('X')).not.toBe(DEV);
  });
  test.each([
    [
      '[v1.2.3',
      'kubeVip.version: opens a flow list ([) that is never closed, so YAML reads the lines after it into it: end it with ], or quote the value',
    ],
    [
      '{a: 1',
      'kubeVip.version: opens a flow map ({) that is never closed, so YAML reads the lines after it into it: end it with }, or quote the value',
    ],
    ['[a]]', 'has a stray "]" here, so YAML can read nothing after it: remove it, or quote the value'],
  ])('version: %s', (value, message) => {
    const errors = errorsOf(withVersion(value));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^config/x\\.yaml:5:\\d+: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });
  test('an inner flow map left open inside a multi-line one: one message, at the inner one (33b-7)', () => {
    const text = DEV.replace('traefik:\n', 'traefik:\n  values: {\n    logs: {general: {level: INFO}\n  }\n');
    expect(errorsOf(text)).toEqual([
      'config/x.yaml:11:11: traefik.values.logs: opens a flow map ({) that is never closed, so YAML reads the lines after it into it: end it with }, or quote the value',
    ]);
  });
  test('a closed flow list is read as a list (control: the schema speaks, not the parser)', () => {
    expect(errorsOf(withVersion('[v1.2.3]')).join('\n')).not.toContain('flow list');
  });
});

test('a !!binary value is named as such, not as a JavaScript type', () => {
  expect(errorsOf(withVersion('!!binary ZXRoMA=='))).toEqual([
    'config/x.yaml:5:21: kubeVip.version: is binary data (a `!!binary` value in YAML, or a Buffer): expected plain data: write the text itself, without the tag',
  ]);
});
