import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configErrors, valuesDoors, withTraefikValues } from './helpers';
import { cpuMillis } from './cpu-time';
import { parseAllDocuments } from 'yaml';
import { linearPattern } from '../src/validate/linear-patterns';
import { checkSchema } from '../src/validate/schemas';

/**
 * Round 79 (79c-6): the `pattern`s of Traefik's CRDs (from chart v35.3.0: durations of ServersTransport,
 * ServersTransportTCP and Middleware, the `errors` middleware's status list) are enforced by the API server, which
 * fails the whole Traefik release on an `extraObjects` item that breaks one. They are judged now, for the charts whose
 * CRDs hold them, and every vendored CRD pattern is run in linear time: the duration pattern as written backtracks
 * exponentially in JavaScript (`"1111…1x"`).
 */
const meta = { name: 'o', namespace: 'default' };
const transport = (forwardingTimeouts: object) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'ServersTransport',
  metadata: meta,
  spec: { forwardingTimeouts },
});
const tcpTransport = (dialTimeout: unknown) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'ServersTransportTCP',
  metadata: meta,
  spec: { dialTimeout },
});
const errorsMiddleware = (status: string[]) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'Middleware',
  metadata: meta,
  spec: { errors: { status, service: { name: 'errors', port: 80 }, query: '/{status}.html' } },
});
const DURATION =
  /not a duration the API server takes: whole numbers, each followed by a unit \(ns, us, µs, ms, s, m, h\) or none, with no decimal point and no blanks, such as 30s, 1m30s or 1500ms/;

// [case, object, the key path refused (undefined: accepted)]
const OBJECTS: Array<[string, object, string | undefined]> = [
  ['the finding: dialTimeout "abc"', transport({ dialTimeout: 'abc' }), 'spec.forwardingTimeouts.dialTimeout'],
  [
    'the finding: dialTimeout "1.5s" (Go parses it, the CRD pattern does not)',
    transport({ dialTimeout: '1.5s' }),
    'spec.forwardingTimeouts.dialTimeout',
  ],
  ['idleConnTimeout "30 s"', transport({ idleConnTimeout: '30 s' }), 'spec.forwardingTimeouts.idleConnTimeout'],
  ['pingTimeout "s30"', transport({ pingTimeout: 's30' }), 'spec.forwardingTimeouts.pingTimeout'],
  ['ServersTransportTCP dialTimeout "1hm"', tcpTransport('1hm'), 'spec.dialTimeout'],
  ['a status list item "5xx"', errorsMiddleware(['5xx']), 'spec.errors.status[0]'],
  ['neighbour: dialTimeout "30s"', transport({ dialTimeout: '30s' }), undefined],
  ['neighbour: dialTimeout "1m30s"', transport({ dialTimeout: '1m30s' }), undefined],
  ['neighbour: dialTimeout "1500ms"', transport({ dialTimeout: '1500ms' }), undefined],
  ['neighbour: dialTimeout "250µs"', transport({ dialTimeout: '250µs' }), undefined],
  ['neighbour: dialTimeout "42" (seconds)', transport({ dialTimeout: '42' }), undefined],
  ['neighbour: dialTimeout 30 (a number: the pattern is for texts)', transport({ dialTimeout: 30 }), undefined],
  ['neighbour: ServersTransportTCP dialTimeout "10s"', tcpTransport('10s'), undefined],
  ['neighbour: a status list "500-599", "404"', errorsMiddleware(['500-599', '404']), undefined],
];

describe('79c-6: Traefik CRD patterns are judged on extraObjects items', () => {
  test.each(OBJECTS)('%s', (_name, object, refusedAt) => {
    const text = valuesDoors.config({ extraObjects: [object] });
    if (!refusedAt) return expect(text).toBe('');
    expect(text).toContain(`traefik.values.extraObjects[0].${refusedAt}: is `);
    expect(text.split('\n')).toHaveLength(1);
    if (refusedAt !== 'spec.errors.status[0]') expect(text).toMatch(DURATION);
  });

  test('the construct door refuses the same value at the same key', () => {
    expect(valuesDoors.cluster({ extraObjects: [transport({ dialTimeout: 'abc' })] })).toMatch(
      /extraObjects\[0\]\.spec\.forwardingTimeouts\.dialTimeout: is "abc", not a duration/,
    );
  });

  // The charts before v35.3.0 install CRDs without the patterns: the API server takes "1.5s" there, and so does Traefik.
  test.each([
    ['35.2.0', false],
    ['35.3.0', true],
    ['39.0.7', true],
  ] as const)('chart v%s judges the duration pattern: %s', (chartVersion, judged) => {
    const errors = configErrors(withTraefikValues({ extraObjects: [transport({ dialTimeout: '1.5s' })] }, { chartVersion }));
    if (judged) expect(errors.join('\n')).toMatch(DURATION);
    else expect(errors.join('\n')).not.toMatch(/dialTimeout/);
  });
});

describe('79c-6: CRD patterns run in linear time', () => {
  test.each([40, 100_000])('a duration of %d digits and a letter is refused within 2 s of CPU', (digits) => {
    let text = '';
    const spent = cpuMillis(() => (text = valuesDoors.config({ extraObjects: [transport({ dialTimeout: `${'1'.repeat(digits)}x` })] })));
    expect(text).toMatch(DURATION);
    expect(spent).toBeLessThan(6000);
  });

  // The rewrite accepts exactly what the CRD's pattern accepts: every text of up to four characters over the digits,
  // the units' letters and a few others.
  test('the linear duration pattern accepts exactly the texts the CRD pattern accepts', () => {
    const original = '^([0-9]+(ns|us|µs|ms|s|m|h)?)+$';
    const [asWritten, linear] = [new RegExp(original, 'u'), new RegExp(linearPattern(original), 'u')];
    expect(linearPattern(original)).not.toBe(original);
    const alphabet = ['1', '0', 'n', 's', 'u', 'µ', 'm', 'h', 'x', '.', ' '];
    let texts = [''];
    const all: string[] = [];
    for (let length = 1; length <= 4; length++) {
      texts = texts.flatMap((text) => alphabet.map((c) => text + c));
      all.push(...texts);
    }
    const disagree = all.filter((text) => asWritten.test(text) !== linear.test(text));
    expect(disagree).toEqual([]);
    expect(all.filter((text) => linear.test(text)).length).toBeGreaterThan(100);
  });

  // Every pattern of every vendored CRD, as ajv runs it, against runs of the characters patterns repeat, with a last
  // character that fails them: a backtracking pattern takes seconds to hours here, a linear one milliseconds. A pattern
  // beside a maxLength runs only on texts within it (crds.ts boundedPattern), so it is tried up to that length.
  const patterns = new Map<string, number>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (typeof node !== 'object' || node === null) return;
    const { pattern, maxLength } = node as { pattern?: unknown; maxLength?: unknown };
    if (typeof pattern === 'string') {
      const bound = typeof maxLength === 'number' ? maxLength : 20_000;
      patterns.set(pattern, Math.max(patterns.get(pattern) ?? 0, bound));
    }
    Object.values(node).forEach(collect);
  };
  const walk = (dir: string): void =>
    readdirSync(dir, { withFileTypes: true }).forEach((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) parseAllDocuments(readFileSync(path, 'utf8')).forEach((doc) => collect(doc.toJS()));
    });
  walk(join(__dirname, '..', 'crds'));
  const RUNS = ['1', 'a', 'a-', 'a.', '1s', '-', '.', 'A', '*.', '0ms', '100,', 'a/', 'a:'];
  test('the vendored CRDs hold patterns to check', () => expect(patterns.size).toBeGreaterThan(10));
  test.each([...patterns])('%s, up to %d characters', (pattern, bound) => {
    const regexp = new RegExp(linearPattern(pattern), 'u');
    const spent = cpuMillis(() => {
      for (const run of RUNS) for (const times of [32, bound]) regexp.test(`${run.repeat(times).slice(0, Math.max(times, bound) - 1)}!`);
    });
    expect(spent).toBeLessThan(6000);
  });

  test('a Gateway address type of 100 kB is refused by its length, within 2 s of CPU', () => {
    const gateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'g', namespace: 'default' },
      spec: {
        gatewayClassName: 'traefik',
        listeners: [{ name: 'web', port: 80, protocol: 'HTTP' }],
        addresses: [{ type: `${'a'.repeat(100_000)}!`, value: '192.168.0.50' }],
      },
    };
    let findings: ReturnType<typeof checkSchema> = [];
    expect(cpuMillis(() => (findings = checkSchema(gateway, 'v1.2.1')))).toBeLessThan(6000);
    expect(findings.map((f) => f.path.join('.'))).toContain('spec.addresses.0.type');
    expect(findings.map((f) => f.message).join('\n')).toMatch(/must NOT have more than 253 characters/);
  });
});
