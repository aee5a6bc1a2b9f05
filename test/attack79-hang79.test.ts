import { closest, typoDistance } from '../src/core/closest';
import { hostRegexpMatches, pathRegexpMatches } from '../src/traefik/rule-regexps';
import { ruleMatchesProbe } from '../src/traefik/ping-rule-match';
import { cpuMillis } from './cpu-time';
import { judgedValues } from './helpers';

/**
 * Round 79 (hang79): no did-you-mean compares two long texts of the user's letter by letter (79c-2: an IngressRoute's
 * entryPoints name against a long `ports` key took minutes), and no regexp of the user's is run where JavaScript may
 * backtrack for long (79c-5: a PathRegexp of a router to ping@internal against the probe's path); a match that cannot be
 * told safely is a warning, as Traefik (Go's RE2, linear) may still take it. A long name is named by its size in a message,
 * never written out. Bounds are CPU time (cpu-time.ts), generous: the inputs took seconds to minutes before.
 */
const CHART = '39.0.7';
const CPU_BOUND = 6000;

const route = (entryPoints: string[], match: string, service: object = { name: 's', port: 80 }) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'r', namespace: 'kube-system' },
  spec: { entryPoints, routes: [{ match, kind: 'Rule', services: [service] }] },
});

/** 79c-2's values: a `ports` key of `n` letters a, and a route on an entrypoint of `n` letters b. */
const longNames = (n: number, name = 'b'.repeat(n)) => ({
  ports: { ['a'.repeat(n)]: { port: 9000, expose: { default: false } } },
  extraObjects: [route([name], 'Host(`x.example.com`)')],
});

/** 79c-5's values: the readiness probe's path and a router to ping@internal with the rule `match`. */
const pingValues = (readinessPath: string, match: string) => ({
  additionalArguments: ['--ping.manualRouting=true'],
  deployment: { readinessPath },
  extraObjects: [route(['traefik'], match, { name: 'ping@internal', kind: 'TraefikService' })],
});

const timed = (values: object) => {
  let judged = { errors: [] as string[], warnings: [] as string[] };
  const cpu = cpuMillis(() => (judged = judgedValues(values, CHART)));
  return { ...judged, cpu };
};

describe('79c-2: a did-you-mean never compares two long texts', () => {
  it.each([
    ['closest: two texts of 40,000 letters', () => closest('b'.repeat(40_000), ['a'.repeat(40_000)])],
    [
      'closest: a long key among many long candidates',
      () =>
        closest(
          'b'.repeat(5_000),
          Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(5_000, 'a')),
        ),
    ],
    ['closest: a short key among long candidates', () => closest('web', ['a'.repeat(1_000_000)])],
    ['typoDistance: two texts of 5,000 letters', () => typoDistance('b'.repeat(5_000), 'a'.repeat(5_000))],
  ])('%s stays within the CPU bound', (_, work) => {
    expect(cpuMillis(work)).toBeLessThan(CPU_BOUND);
  });

  it.each([
    ['a slip', 'inteface', ['interface', 'address'], 'interface'],
    ['a longer form', 'hostname', ['host', 'port'], 'host'],
    ['a key of 64 letters one off', `${'x'.repeat(63)}y`, ['x'.repeat(64)], 'x'.repeat(64)],
    ['nothing near', 'zzz', ['interface', 'address'], undefined],
    ['a key of 65 letters: no near miss', `${'x'.repeat(64)}y`, ['x'.repeat(65)], undefined],
  ])('closest keeps its verdict: %s', (_, key, candidates, expected) => {
    expect(closest(key, candidates)).toBe(expected);
  });

  it('typoDistance keeps its verdict on short texts', () => {
    expect(typoDistance('192.168.0.41', '192.168.1.41')).toBe(1);
    expect(typoDistance('exposePort', 'exposedPort')).toBe(1);
    expect(typoDistance('ab', 'ba')).toBe(1);
  });

  it('a route on a 12,000-letter entrypoint beside a 12,000-letter ports key: a warning, soon, naming both by size', () => {
    const { errors, warnings, cpu } = timed(longNames(12_000));
    expect(cpu).toBeLessThan(CPU_BOUND);
    expect(errors).toEqual([]);
    const line = warnings.find((w) => w.includes('names no entrypoint'));
    expect(line).toContain('extraObjects[0].spec.entryPoints[0]: is a text of 12,000 characters');
    expect(line).toContain('use one of');
    expect(line).toContain('(a text of 12,000 characters)');
    expect(line).not.toContain('a'.repeat(100));
    expect(line!.length).toBeLessThan(1000);
  });

  it.each([
    ['a slip of a port name', 'webb', [], 'write web'],
    ['a slip of a long-ish ports key', 'metricz2', ['metrics2'], 'write metrics2'],
  ])('%s is still a warning naming the entrypoint meant', (_, name, extra, fix) => {
    const ports = Object.fromEntries(extra.map((key) => [key, { port: 9100, expose: { default: false } }]));
    const { warnings } = judgedValues({ ports, extraObjects: [route([name], 'Host(`x.example.com`)')] }, CHART);
    expect(warnings.find((w) => w.includes('names no entrypoint'))).toContain(fix);
  });

  it('a name differing only in case is still refused', () => {
    const { errors } = judgedValues({ extraObjects: [route(['Web'], 'Host(`x.example.com`)')] }, CHART);
    expect(errors.find((e) => e.includes('entryPoints[0]'))).toContain('write web');
  });
});

describe('79c-5: a regexp of the user is never run where it may backtrack for long', () => {
  const aS = (n: number) => `/ping/${'a'.repeat(n)}!`;
  it.each([
    ['a repeated group with alternatives', () => ruleMatchesProbe('PathRegexp(`^/ping/(a|a)*$`)', { path: aS(27) })],
    ['a repeated group, nested', () => ruleMatchesProbe('PathRegexp(`^/ping/(a+)+$`)', { path: aS(27) })],
    ['28 groups of two alternatives', () => ruleMatchesProbe(`PathRegexp(\`^/ping/${'(a|a)'.repeat(28)}$\`)`, { path: aS(28) })],
    [
      '25 optional letters',
      () => ruleMatchesProbe(`PathRegexp(\`^/ping/${'a?'.repeat(25)}${'a'.repeat(25)}$\`)`, { path: `/ping/${'a'.repeat(25)}` }),
    ],
    ['two stars on a long path', () => ruleMatchesProbe('PathRegexp(`a*a*b`)', { path: `/${'a'.repeat(2_500)}` })],
    ['pathRegexpMatches: 28 groups', () => pathRegexpMatches(`^${'(a|a)'.repeat(28)}$`, `${'a'.repeat(28)}!`)],
    ['pathRegexpMatches: two stars on a long path', () => pathRegexpMatches('a*a*b', 'a'.repeat(2_500))],
    ['hostRegexpMatches: 28 groups', () => hostRegexpMatches(`^${'(a|a)'.repeat(28)}$`, `${'a'.repeat(28)}!`)],
    ['hostRegexpMatches: two stars on a long host', () => hostRegexpMatches('a*a*b', 'a'.repeat(2_500))],
  ])('%s stays within the CPU bound', (_, work) => {
    expect(cpuMillis(work)).toBeLessThan(CPU_BOUND);
  });

  it.each([
    ['^/ping$', '/ping', 'yes'],
    ['^/ping/?$', '/ping', 'yes'],
    ['^/pong', '/ping', 'no'],
    ['(?i)^/PING', '/ping', 'yes'],
    ['^/ping(/.*)?$', '/ping', 'yes'],
    ['^/(ping|health)$', '/health', 'yes'],
    ['^/(ping|health)$', '/ready', 'no'],
  ])('a plain PathRegexp is still judged: %s against %s', (regexp, path, verdict) => {
    expect(ruleMatchesProbe(`PathRegexp(\`${regexp}\`)`, { path })).toBe(verdict);
  });

  it.each([
    ['^/\\.well-known/acme-challenge/.*', '/.well-known/acme-challenge/Ab0-_cD1eF2gH3iJ4kL5mN6oP7qR8sT9uV-wX_yZ0aB', true],
    ['^/api/(v1|v2)/.*$', '/.well-known/acme-challenge/Ab0-_cD1eF2gH3iJ4kL5mN6oP7qR8sT9uV-wX_yZ0aB', false],
  ])('pathRegexpMatches still tells %s', (regexp, path, verdict) => {
    expect(pathRegexpMatches(regexp, path)).toBe(verdict);
  });

  it.each([
    ['^[a-z]+\\.example\\.com$', 'app.example.com', true],
    ['{sub:[a-z]+}.example.com', 'app.example.com', true],
    ['^[a-z]+\\.example\\.com$', 'app.example.org', false],
  ])('hostRegexpMatches still tells %s against %s', (regexp, host, verdict) => {
    expect(hostRegexpMatches(regexp, host)).toBe(verdict);
  });

  it('79c-5 through the config: a warning that the match is not known, soon, not a hang', () => {
    const { errors, warnings, cpu } = timed(pingValues(aS(27), 'PathRegexp(`^/ping/(a|a)*$`)'));
    expect(cpu).toBeLessThan(CPU_BOUND);
    expect(errors.filter((e) => e.includes('ping@internal'))).toEqual([]);
    expect(warnings.find((w) => w.includes('ping@internal'))).toMatch(/is not known here/);
  });

  it('a PathRegexp that surely misses the probe is still an error', () => {
    const { errors } = judgedValues(pingValues('/ping', 'PathRegexp(`^/pong$`)'), CHART);
    expect(errors.find((e) => e.includes('ping@internal'))).toContain('never matches');
  });

  it('a PathRegexp that surely matches the probe is still accepted', () => {
    const { errors, warnings } = judgedValues(pingValues('/ping', 'PathRegexp(`^/ping$`)'), CHART);
    expect([...errors, ...warnings].filter((line) => line.includes('ping@internal'))).toEqual([]);
  });

  it('a long probe path is named by its size in the message', () => {
    const path = `/ping/${'a'.repeat(5_000)}`;
    const { errors, cpu } = timed(pingValues(path, 'PathRegexp(`^/pong$`)'));
    expect(cpu).toBeLessThan(CPU_BOUND);
    const line = errors.find((e) => e.includes('ping@internal'));
    expect(line).toContain('never matches');
    expect(line).toContain('a text of 5,006 characters');
    expect(line).not.toContain('a'.repeat(100));
  });
});
