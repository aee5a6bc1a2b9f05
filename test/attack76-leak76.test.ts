// Round 76 (leak76): 75a-5 (a Telegram Bot API token of 36 characters after its id, under a plain key of a ConfigMap
// text, was written) and 75a-15 (a refused grouped passphrase printed in another value's warning with its separators
// swapped, mixed or dropped, groups longer than six). Each leak row has its nearest plain neighbour that must pass.
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { vendorTokenSpans } from '../src/core/token-shapes';
import { redactMessage } from '../src/core/redact-message';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { devConfig, withChanges } from './helpers';
import { envEntry as env } from './rule-doors';
import { cpuMillisSince } from './cpu-time';

const BOT = '1234567890:AAHZq8vLm2Kp9XrWq3nBv8Lk2PzYt7Uv5Rs1';

describe('75a-5: a Telegram bot token is refused by its shape under any key', () => {
  test.each([
    ['the attack: 36 after the id, under `bot:`', `bot: ${BOT}\nchat: -1001234567890`, BOT],
    [
      '35 after the id (trufflehog, gitleaks)',
      'bot: 987654321:AAHZq8vLm2Kp9XrWq3nBv8Lk2PzYt7Uv5Rs',
      '987654321:AAHZq8vLm2Kp9XrWq3nBv8Lk2PzYt7Uv5Rs',
    ],
    ['40 after the id', 'bot: 12345678:AAHZq8vLm2Kp9XrWq3nBv8Lk2PzYt7Uv5Rs1x_y-z', '12345678:AAHZq8vLm2Kp9XrWq3nBv8Lk2PzYt7Uv5Rs1x_y-z'],
    ['in the Bot API URL', `url: https://api.telegram.org/bot${BOT}/sendMessage`, BOT],
  ])('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));

  test.each([
    ['a time', 'at: 12:34:56'],
    ['a chat id', 'chat: -1001234567890'],
    ['a host and port', 'server: telegram.example.com:8443'],
    ['an IPv6 address', 'addr: 2001:db8:85a3::8a2e:370:7334'],
    ['a sha256 digest', `image: nginx@sha256:${'0123456789abcdef'.repeat(4)}`],
    ['35 characters of base64 without the numeric id', 'bot: AAHZq8vLm2Kp9XrWq3nBv8Lk2PzYt7Uv5Rs'],
    ['an id and a long name that is one word in camel case without a digit', 'x: 12345678:AbstractFactoryServiceHandlerBeanName'],
  ])('ConfigMap text passes: %s', (_, text) => acceptedEverywhere(textConfigMap(text)));

  test('longer than 48 after the id is no bot token (a run past it)', () => {
    expect(vendorTokenSpans(`${BOT}${'x'.repeat(13)}`)).toEqual([]);
  });
});

/** The warnings and errors of a config whose env sets DB_PASSWORD to `secret` and whose IngressRoute names `entryPoints`. */
function messagesWith(secret: string, entryPoints: string[]): string {
  const config = withChanges(devConfig(), {
    traefik: {
      values: {
        ...env('DB_PASSWORD', secret),
        extraObjects: [
          {
            apiVersion: 'traefik.io/v1alpha1',
            kind: 'IngressRoute',
            metadata: { name: 'r', namespace: 'default' },
            spec: { entryPoints, routes: [{ match: 'Host(`a.example.com`)', kind: 'Rule', services: [{ name: 'svc', port: 80 }] }] },
          },
        ],
      },
    },
  });
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  return [...parsed.warnings, ...parsed.errors].map(formatDiagnostic).join('\n');
}
/** Whether `text` shows the letters and digits of `secret` in a row, in any case, whatever separators stand between. */
const shows = (text: string, secret: string) => {
  const plain = secret.replace(/[-. _:]/g, '').toLowerCase();
  return new RegExp([...plain].join('[-. _:]*'), 'i').test(text);
};

describe('75a-15: a refused grouped secret is blanked in every message with its separators swapped, mixed or dropped', () => {
  const TANGO = 'tango-Delta-7-foxtrot';
  const HORSE = 'correct-Horse-battery-staple-9';
  test.each([
    ['dropped, camel case', TANGO, 'tangoDelta7foxtrot'],
    ['dropped, lower case', TANGO, 'tangodelta7foxtrot'],
    ['`_` for `-`', TANGO, 'tango_Delta_7_foxtrot'],
    ['`.` for `-`', TANGO, 'tango.delta.7.foxtrot'],
    ['mixed separators', TANGO, 'tango-Delta_7.foxtrot'],
    ['some dropped', TANGO, 'tangoDelta-7_foxtrot'],
    ['upper case, `_`', TANGO, 'TANGO_DELTA_7_FOXTROT'],
    ['the second attack: `_` for `-`', HORSE, 'correct_Horse_battery_staple_9'],
    ['`.` and dropped', HORSE, 'correct.horse.batterystaple9'],
    ['a secret with `_`, copied with `-`', 'tango_Delta_7_foxtrot', 'tango-Delta-7-foxtrot'],
    ['a secret with mixed separators, copied without', 'tango-Delta_7.foxtrot', 'tangoDelta7foxtrot'],
  ])('%s: the entrypoint warning never shows it', (_, secret, copy) => {
    const messages = messagesWith(secret, [copy, 'web']);
    expect(messages).toContain('env[0].value');
    expect(messages).toContain('entryPoints[0]');
    expect(shows(messages, secret)).toBe(false);
  });

  test.each([
    ['with a space', TANGO, 'the value tango delta 7 foxtrot is wrong', 'the value <redacted> is wrong'],
    ['the run around it stays', TANGO, 'host tango_delta_7_foxtrot.example.com', 'host <redacted>.example.com'],
    ['a letters-only neighbour stays', TANGO, 'tango delta foxtrot', 'tango delta foxtrot'],
    ['one group missing stays', TANGO, 'tango_Delta_foxtrot', 'tango_Delta_foxtrot'],
    ['a short grouped secret (under 8 without separators) leaves its words', 'ab-c-1-de', 'abc1de-x is a name', 'abc1de-x is a name'],
    ['the wording stays', TANGO, 'holds a value under a key named like a secret', 'holds a value under a key named like a secret'],
  ])('redactMessage: %s', (_, secret, message, expected) => {
    expect(redactMessage(message, [secret])).toBe(expected);
  });

  test('an entrypoint that holds no copy is still named', () => {
    const messages = messagesWith(TANGO, ['tango-web', 'websecure']);
    expect(messages).toContain('"tango-web"');
  });

  beforeAll(() => redactMessage('warm-up a-b', ['Zx9q-Wm4v']));
  test('a 100 kB message of groups is read in linear time', () => {
    const message = 'ab_cd-ef.gh ij:kl '.repeat(5600);
    const start = process.cpuUsage();
    redactMessage(message.slice(0, 100_000), [TANGO, HORSE, 'a1_b2-c3.d4_e5-f6.g7_h8']);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
