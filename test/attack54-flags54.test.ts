import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { flagIsFalse, flagIsTrue, TraefikFlag } from '../src/traefik/arguments';
import { goPrinted } from '../src/traefik/chart-key-flags';
import { withTraefikValues } from './helpers';

/**
 * Round-52 findings 52b-5 (a chart key the chart writes as a Traefik flag is held to the flag's value rules), 52b-6 (Go
 * integer options take no duration, and an int32 no number beyond its range), 52b-13 (a switch's value read as Traefik
 * reads it, in one place: Go's strconv.ParseBool for a plain switch, paerser's `Disabled` rule for an option block, so
 * `--certificatesresolvers.le.acme.tlschallenge=T` is off) and the empty value of a plain switch (ParseBool("") fails).
 */

/** The reference config's errors for these Traefik values, each `traefik.key.path: message`. */
const errorsOf = (values: object): string[] => {
  const { errors } = parseConfigText('config/t.yaml', stringify(withTraefikValues(values)));
  return errors.map((d) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, ''));
};
const item = (i: number) => `traefik.values.additionalArguments[${i}]: `;
const RESOLVER = ['--certificatesresolvers.le.acme.email=a@example.com', '--certificatesresolvers.le.acme.storage=/data/acme.json'];

const INT =
  'to a value Traefik cannot read as a whole number (a Go int, from -9223372036854775808 to 9223372036854775807; no duration), so it fails to start';
const INT32 =
  'to a value Traefik cannot read as a whole number (a Go int32, from -2147483648 to 2147483647; no duration), so it fails to start';
const DURATION = 'to a value Traefik cannot read as its number or duration, so it fails to start';
const BLOCK_OFF = 'reads any other value as off';
const NOT_BOOL = 'a switch, to a value Traefik cannot read as a boolean';

describe('52b-6 and 52b-13: flags of additionalArguments, by the Go type of their option', () => {
  // [flag, the message's part, or undefined where the flag must pass]
  const rows: ReadonlyArray<[string, string | undefined]> = [
    ['--serverstransport.maxidleconnsperhost=5s', `sets --serverstransport.maxidleconnsperhost ${INT}`],
    ['--entrypoints.websecure.http2.maxConcurrentStreams=2h', `sets --entrypoints.websecure.http2.maxConcurrentStreams ${INT32}`],
    ['--entrypoints.websecure.http2.maxConcurrentStreams=1.5s', INT32],
    ['--entrypoints.websecure.http2.maxConcurrentStreams=99999999999', INT32],
    ['--entrypoints.websecure.http2.maxConcurrentStreams=2147483648', INT32],
    ['--accesslog.bufferingsize=1m', `sets --accesslog.bufferingsize ${INT}`],
    ['--log.maxsize=10m', INT],
    ['--entrypoints.web.transport.keepAliveMaxRequests=30s', INT],
    ['--certificatesresolvers.le.acme.certificatesduration=2h', INT],
    ['--entrypoints.websecure.http2.maxConcurrentStreams=2147483647', undefined],
    ['--entrypoints.websecure.http2.maxConcurrentStreams=250', undefined],
    ['--serverstransport.maxidleconnsperhost=200', undefined],
    ['--accesslog.bufferingsize=100', undefined],
    // Durations keep taking both seconds and Go durations.
    ['--entrypoints.web.transport.keepAliveMaxTime=30s', undefined],
    ['--serverstransport.forwardingtimeouts.dialtimeout=30', undefined],
    ['--providers.kubernetesingress.throttleduration=2s', undefined],
    // 52b-13 and the empty value: a plain switch is read by Go's strconv.ParseBool.
    ['--api.insecure=', `sets --api.insecure, a switch, to an empty value, which Traefik cannot read as a boolean`],
    ['--api.insecure=yes', NOT_BOOL],
    ['--api.insecure=on', NOT_BOOL],
    ['--api.insecure=T', undefined],
    ['--api.insecure=1', undefined],
    ['--api.insecure=f', undefined],
    ['--api.insecure=False', undefined],
    // An option block is on only for true (any case) or an empty value, and off for anything else, without failing.
    [
      '--accesslog=1',
      `sets --accesslog, which turns a block of options on, to a value other than true or false: Traefik turns such a block on only for true`,
    ],
    ['--accesslog=T', BLOCK_OFF],
    ['--accesslog=', undefined],
    ['--accesslog=tRuE', undefined],
    ['--accesslog=FALSE', undefined],
  ];
  const errors = (() => {
    let found: string[] | undefined;
    return () =>
      (found ??= errorsOf({
        additionalArguments: [...RESOLVER, '--certificatesresolvers.le.acme.tlschallenge', ...rows.map(([flag]) => flag)],
      }));
  })();
  test.each(rows.map(([flag, message], i) => [i, flag, message] as const))('[%i] %s', (i, _flag, message) => {
    const mine = errors().filter((e) => e.startsWith(item(i + 3)));
    if (message === undefined) expect(mine).toEqual([]);
    else {
      expect(mine).toHaveLength(1);
      expect(mine[0]).toContain(message);
    }
  });
});

describe('52b-13: an ACME challenge switch counts as Traefik reads it, everywhere', () => {
  const challenge = (value: string) =>
    errorsOf({ additionalArguments: [...RESOLVER, `--certificatesresolvers.le.acme.tlschallenge${value}`] });
  test.each(['=T', '=1', '=t', '=yes', '=false'])('tlschallenge%s leaves the resolver with no challenge, said at the item', (value) => {
    const errors = challenge(value);
    expect(
      errors.some(
        (e) =>
          e.startsWith(item(0)) &&
          e.includes('gives the ACME resolver le no challenge (traefik.values.additionalArguments[2] turns it off)'),
      ),
    ).toBe(true);
    if (value !== '=false') expect(errors.filter((e) => e.startsWith(item(2)))).toEqual([expect.stringContaining(BLOCK_OFF)]);
  });
  test.each(['', '=', '=true', '=TRUE', '=True'])('tlschallenge%s is on', (value) => {
    expect(challenge(value).filter((e) => e.includes('no challenge') || e.startsWith(item(2)))).toEqual([]);
  });
  test('a challenge turned off by its own flag stays off with an option under it (paerser Disabled)', () => {
    const errors = errorsOf({
      additionalArguments: [
        ...RESOLVER,
        '--certificatesresolvers.le.acme.tlschallenge=false',
        '--certificatesresolvers.le.acme.tlschallenge.delay=5s',
      ],
    });
    expect(errors.some((e) => e.includes('gives the ACME resolver le no challenge'))).toBe(true);
  });

  const flag = (name: string, raw?: string): TraefikFlag => ({
    path: ['x'],
    name,
    written: name,
    ...(raw !== undefined && { raw, value: raw.trim() }),
  });
  // [flag, raw value (undefined: bare), on, off]
  const reads: ReadonlyArray<[string, string | undefined, boolean, boolean]> = [
    ['api.insecure', undefined, true, false],
    ['api.insecure', 'T', true, false],
    ['api.insecure', '1', true, false],
    ['api.insecure', 'F', false, true],
    ['api.insecure', 'tRuE', false, false],
    ['api.insecure', ' true', false, false],
    ['api.insecure', '', false, false],
    ['providers.kubernetesingress', '1', false, true],
    ['providers.kubernetesingress', '', true, false],
    ['providers.kubernetesingress', 'TRUE', true, false],
    ['entrypoints.web.forwardedheaders.insecure', 't', true, false],
    ['certificatesresolvers.le.acme.tlschallenge', 'T', false, true],
    ['certificatesresolvers.le.acme.httpchallenge', 'true', true, false],
  ];
  test.each(reads)('--%s=%s: on %s, off %s', (name, raw, on, off) => {
    expect([flagIsTrue(flag(name, raw)), flagIsFalse(flag(name, raw))]).toEqual([on, off]);
  });
});

describe('52b-5 and 52b-6: chart keys the chart writes as flags are held to the flag value rules', () => {
  const at = (path: string) => (e: string) => e.startsWith(`traefik.values.${path}: `);
  const ports = (transport: object) => ({ ports: { websecure: { transport } } });
  const resolver = (acme: object) => ({
    certificatesResolvers: { le: { acme: { email: 'a@example.com', storage: '/data/acme.json', tlsChallenge: true, ...acme } } },
  });
  // [values, key path, message part or undefined where it must pass]
  const rows: ReadonlyArray<[object, string, string | undefined]> = [
    [
      ports({ respondingTimeouts: { readTimeout: '5x' } }),
      'ports.websecure.transport.respondingTimeouts.readTimeout',
      `is a key the chart writes as a Traefik flag, and it sets --entryPoints.websecure.transport.respondingTimeouts.readTimeout ${DURATION}`,
    ],
    [ports({ respondingTimeouts: { writeTimeout: '1.5' } }), 'ports.websecure.transport.respondingTimeouts.writeTimeout', DURATION],
    [ports({ respondingTimeouts: { idleTimeout: 1000000 } }), 'ports.websecure.transport.respondingTimeouts.idleTimeout', DURATION],
    [ports({ lifeCycle: { graceTimeOut: 'abc' } }), 'ports.websecure.transport.lifeCycle.graceTimeOut', DURATION],
    [ports({ lifeCycle: { requestAcceptGraceTimeout: true } }), 'ports.websecure.transport.lifeCycle.requestAcceptGraceTimeout', DURATION],
    [
      ports({ keepAliveMaxRequests: '5s' }),
      'ports.websecure.transport.keepAliveMaxRequests',
      `sets --entryPoints.websecure.transport.keepAliveMaxRequests ${INT}`,
    ],
    [ports({ keepAliveMaxTime: 'soon' }), 'ports.websecure.transport.keepAliveMaxTime', DURATION],
    [
      resolver({ httpChallenge: { delay: '5x' } }),
      'certificatesResolvers.le.acme.httpChallenge.delay',
      `sets --certificatesresolvers.le.acme.httpchallenge.delay ${DURATION}`,
    ],
    [
      resolver({ certificatesDuration: '2h' }),
      'certificatesResolvers.le.acme.certificatesDuration',
      `sets --certificatesresolvers.le.acme.certificatesduration ${INT}`,
    ],
    [resolver({ clientTimeout: '2 m' }), 'certificatesResolvers.le.acme.clientTimeout', DURATION],
    [resolver({ tlsChallenge: 'T' }), 'certificatesResolvers.le.acme.tlsChallenge', BLOCK_OFF],
    [ports({ respondingTimeouts: { readTimeout: '5s', writeTimeout: 60, idleTimeout: '' } }), 'ports.websecure.transport', undefined],
    [
      ports({ lifeCycle: { graceTimeOut: '1m30s', requestAcceptGraceTimeout: 0 }, keepAliveMaxRequests: 100, keepAliveMaxTime: null }),
      'ports.websecure.transport',
      undefined,
    ],
    [
      resolver({ certificatesDuration: 2160, clientTimeout: '2m', httpChallenge: { entryPoint: 'web', delay: 5 } }),
      'certificatesResolvers',
      undefined,
    ],
  ];
  test.each(rows.map(([values, path, message], i) => [i, path, values, message] as const))('[%i] %s', (_i, path, values, message) => {
    const mine = errorsOf(values).filter(at(path));
    if (message === undefined) expect(errorsOf(values).filter((e) => e.startsWith(`traefik.values.${path}`))).toEqual([]);
    else {
      expect(mine).toHaveLength(1);
      expect(mine[0]).toContain(message);
    }
  });

  test.each([
    [60, '60'],
    [1000000, '1e+06'],
    [123456, '123456'],
    [1.5, '1.5'],
    [0.00001, '1e-05'],
    ['5s', '5s'],
    [true, 'true'],
  ] as const)('Go prints %p as %p', (value, printed) => {
    expect(goPrinted(value)).toBe(printed);
  });
});
