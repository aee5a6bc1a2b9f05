import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { withTraefikValues } from './helpers';

/**
 * Round-50 findings 50b-1, 50b-2 and 50a-12: Traefik flags that stop Traefik from starting (an option that takes a value
 * written bare as the last item; a value traefik/paerser cannot convert), and a misspelt option name that hid a secret
 * in the same item for one more run.
 */

/** The reference config's errors for `additionalArguments`, each `traefik.key.path: message`. */
const errorsOf = (additionalArguments: readonly string[]): string[] => {
  const { errors } = parseConfigText('config/t.yaml', stringify(withTraefikValues({ additionalArguments })));
  return errors.map((d) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, ''));
};
const at = (i: number) => `traefik.values.additionalArguments[${i}]: `;
const READ = '--entrypoints.websecure.transport.respondingTimeouts.readTimeout';
const IDLE = '--serverstransport.maxidleconnsperhost';
const BUCKETS = '--metrics.prometheus.buckets';

describe('50b-2: a value Traefik cannot convert is refused, read exactly as paerser reads it', () => {
  const NUMBER = 'to a value Traefik cannot read as its number or duration, so it fails to start: write a whole number';
  const refused: ReadonlyArray<[string, string]> = [
    [`${READ}=1.5`, NUMBER],
    [`${READ}= 5s`, 'cannot read as its number or duration (it has blanks around it, which Traefik does not trim)'],
    [`${READ}=5s `, 'it has blanks around it'],
    [`${READ}=.s`, NUMBER],
    [`${READ}=3000000h`, NUMBER],
    // 52b-6: an int option (flag-int-options.ts), not a duration.
    [`${IDLE}=99999999999999999999`, 'to a value Traefik cannot read as a whole number (a Go int, from'],
    [`${IDLE}=1_000`, 'to a value Traefik cannot read as a whole number'],
    [`${BUCKETS}=0.1,abc`, 'to a value Traefik cannot read as a list of numbers, so it fails to start'],
    [`${BUCKETS}=0.1,,0.3`, 'a list of numbers'],
    [`${BUCKETS}=1e999`, 'a list of numbers'],
    ['--api.insecure=tRuE', 'sets --api.insecure, a switch, to a value Traefik cannot read as a boolean'],
    ['--api.insecure= true', 'cannot read as a boolean (it has blanks around it, which Traefik does not trim)'],
  ];
  const accepted = [
    `${READ}=1.5s`,
    `${READ}=90`,
    `${READ}=+90`,
    `${READ}=1h30m`,
    `${READ}=2562047h`,
    `${READ}=0`,
    `${IDLE}=9223372036854775807`,
    `${BUCKETS}=0.1, 0.3,1.2`,
    `${BUCKETS}=1e-3,.5,5`, // rising: 63b-9 refuses buckets that do not rise
    '--api.insecure=TRUE',
    '--api.insecure=1',
    '--log.level=DEBUG',
  ];
  const errors = (() => {
    let found: string[] | undefined;
    return () => (found ??= errorsOf([...refused.map(([flag]) => flag), ...accepted]));
  })();
  test.each(refused.map(([flag, message], i) => [i, flag, message] as const))('[%i] %s', (i, _flag, message) => {
    const mine = errors().filter((e) => e.startsWith(at(i)));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain(message);
  });
  test('the readable values beside them are accepted', () => {
    const rest = errors().filter((e) => accepted.some((_, j) => e.startsWith(at(refused.length + j))));
    expect(rest).toEqual([]);
  });
});

describe('50b-1: an option that takes a value, bare as the last item, is refused (paerser: "flag needs an argument")', () => {
  test.each([
    '--log.level',
    '--ping.entrypoint',
    '--log.format',
    READ,
    IDLE,
    BUCKETS,
    '--accesslog.filepath',
    '--entrypoints.websecure.http.tls.certresolver',
  ])('%s', (flag) => {
    const written = flag.slice(2);
    expect(errorsOf(['--log.level=INFO', flag])).toEqual([
      `${at(1)}is --${written} without a value, and it is an option that takes one, not a switch: no item follows it, so Traefik fails to start ("flag needs an argument"): write --${written}=value`,
    ]);
  });
  test('switches and option blocks may be bare as the last item', () => {
    for (const flag of ['--api.insecure', '--accesslog', '--providers.kubernetescrd', '--metrics.prometheus']) {
      expect([flag, errorsOf(['--log.level=INFO', flag])]).toEqual([flag, []]);
    }
  });
});

describe('50a-12: a misspelt option name and a secret in the same item are both said in one run, the value never', () => {
  const token = 'K10CAHASH::server:Qx7vT9pLm2wR';
  test.each([
    [`--log.levl=${token}`, 'holds a K3s token (K10…::…)'],
    [`--log.levl=K10${'ab'.repeat(32)}::server:Qx7vT9pLm2wR`, 'holds a K3s token (K10…::…)'],
    ['--accesslog.filepth=password=Qx7vT9pLm2wRz', 'holds a value set to a name like a secret'],
  ])('%#', (flag, secret) => {
    const errors = errorsOf([flag]);
    expect(errors).toHaveLength(2);
    expect(errors.some((e) => e.startsWith(`${at(0)}names option "`))).toBe(true);
    expect(errors.some((e) => e.startsWith(`${at(0)}${secret}`))).toBe(true);
    expect(errors.join('\n')).not.toContain('Qx7vT9pLm2wR');
  });
});
