// Round 76 (vendor76): 76a-9 (Brevo, Plaid, PagerDuty and Meta `EAAG` secrets under plain keys were written), 76a-8
// (Discord and Zapier webhooks named by the generic prefix list, a `bot<id>:<token>` Telegram token called a
// `user:password` line), 76a-17 (nginx `secure_link_md5`'s shared secret), 76a-18 (`pin_prod`, `pin_real`, `otp_real`)
// and 76a-20 (synth left a config's comments unjudged that `npm run new --from` refuses, then printed their copy).
// Each refusal has its nearest plain neighbour that must pass.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { devConfig, valuesDoors } from './helpers';

/** A ConfigMap in `extraObjects` whose data holds `value` under `key`. */
const dataMap = (key: string, value: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { [key]: value } }],
});

const HEX64 = '4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a04f3c2b1a';
const UUID = '0b9e2c7a-4d1f-4e8a-9c3b-7f6e5d4c3b2a';
const META_RUN = 'Kq8vW3zLm5Np2Rt7Xc9Bd4Fg6Hj1Ks0Lq8vW3zLm5Np2Rt7Xc9Bd4Fg6Hj1Ks0Lq8vW3zLm5Np2Rt7Xc9Bd4Fg6Hj1Ks0';

describe('76a-9: vendor secrets by their shape under plain keys', () => {
  test.each([
    ['Brevo API key (64 hex)', 'brevo', `xkeysib-${HEX64.slice(0, 64)}-Kq8vW3zLm5Np2Rt7`, 'a Brevo (Sendinblue) API key'],
    [
      'Brevo API key as the attack wrote it (62 hex)',
      'brevo',
      'xkeysib-4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0-Kq8vW3zLm5Np2Rt7',
      'a Brevo (Sendinblue) API key',
    ],
    ['Brevo SMTP key', 'smtp', `xsmtpsib-${HEX64.slice(0, 64)}-Zx9qWm4vLp2TkR7n`, 'a Brevo (Sendinblue) API key'],
    ['Plaid production access token', 'plaid', `access-production-${UUID}`, 'a Plaid access token'],
    ['Plaid sandbox access token', 'plaid', `access-sandbox-${UUID}`, 'a Plaid access token'],
    [
      'PagerDuty integration URL',
      'pd',
      'https://events.pagerduty.com/integration/9f8e7d6c5b4a39281706f5e4d3c2b1a0/enqueue',
      'a PagerDuty integration URL',
    ],
    ['Meta EAAG token', 'meta', `EAAG${META_RUN}`, 'a Meta (Facebook) access token'],
    ['Meta EAAB token', 'meta', `EAAB${META_RUN.slice(0, 90)}`, 'a Meta (Facebook) access token'],
  ])('refused and named: %s', (_, key, value, vendor) => {
    const values = dataMap(key, value);
    refusedEverywhere(values, `data.${key}`, value);
    expect(valuesDoors.config(values)).toContain(vendor);
  });

  test.each([
    ['a CORS header name', 'header', 'access-control-allow-origin'],
    ['access then an environment, no UUID', 'log', 'access-production-logs'],
    ['access-sandbox then a date', 'log', 'access-sandbox-2024-05-01'],
    ['PagerDuty Events API v2 URL (the key travels in the body)', 'pd', 'https://events.pagerduty.com/v2/enqueue'],
    ['PagerDuty integration URL with a placeholder', 'pd', 'https://events.pagerduty.com/integration/<integration-key>/enqueue'],
    ['a word after EAAG', 'team', 'EAAGamesRoster'],
    ['xkeysib- then a word', 'brevo', 'xkeysib-placeholder'],
  ])('passes: %s', (_, key, value) => acceptedEverywhere(dataMap(key, value)));
});

describe('76a-8: a refusal names the vendor', () => {
  const BOT = '7123456789:AAFk3Jd8sLq2Wm9Xv4Bn7Hc1Tz5Ry0Pe6Ug';
  test.each([
    ['Telegram `bot<id>:<token>`', 'tg', `bot${BOT}`, 'a Telegram bot token'],
    ['Telegram Bot API URL', 'tgurl', `https://api.telegram.org/bot${BOT}/getMe`, 'a Telegram bot token'],
    [
      'Discord webhook',
      'dc',
      'https://discord.com/api/webhooks/123456789012345678/Kq8vW3zLm5Np2Rt7Xc9Bd4Fg6Hj1Ks0Lq8vW3zLm5Np2Rt7Xc9Bd4Fg6Hj1Ks0Lq8vW3z',
      'a Discord webhook URL',
    ],
    [
      'Discord webhook on ptb.',
      'dc',
      'https://ptb.discord.com/api/webhooks/123456789012345678/Kq8vW3zLm5Np2Rt7Xc9Bd4Fg6Hj1Ks0Lq8vW3zLm5Np2Rt7Xc9Bd4Fg6Hj1Ks0Lq8vW3z',
      'a Discord webhook URL',
    ],
    ['Zapier catch hook', 'zap', 'https://hooks.zapier.com/hooks/catch/1234567/abc9x2/', 'a Zapier catch-hook URL'],
    [
      'Microsoft Teams webhook',
      'teams',
      `https://acme.webhook.office.com/webhookb2/${UUID}@1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d/IncomingWebhook/9f8e7d6c5b4a39281706f5e4d3c2b1a0/0f1e2d3c-4b5a-4697-8877-665544332211`,
      'a Microsoft Teams webhook URL',
    ],
    ['Mailgun key', 'mailgun', 'key-9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'a Mailgun API key'],
  ])('%s', (_, key, value, vendor) => {
    const values = dataMap(key, value);
    refusedEverywhere(values, `data.${key}`, value);
    const message = valuesDoors.config(values);
    expect(message).toContain(vendor);
    expect(message).not.toContain('ghp_, glpat-');
    expect(message).not.toContain('user:password');
  });

  test.each([
    ['`bot` then an id and a word, in a text', 'x: bot12345678:AbstractFactoryServiceHandlerBeanName'],
    ['a name ending in bot then a time', 'chatbot 12:30:00'],
    ['a robot line', 'robot: 12345'],
  ])('passes: %s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('76a-17: nginx secure_link_md5 with a literal secret in its expression', () => {
  test.each([
    ['the attack', 'secure_link_md5 "$secure_link_expires$uri$remote_addr Xk9mQ2pL7vR4";', 'Xk9mQ2pL7vR4'],
    ['a word as the secret (nginx docs)', 'secure_link_md5 "$secure_link_expires$uri$remote_addr sunflower";', 'sunflower'],
    [
      'in a location block',
      'location /s/ {\n  secure_link $arg_md5,$arg_expires;\n  secure_link_md5 "$uri Zq8vLm2Kp9Xr";\n}',
      'Zq8vLm2Kp9Xr',
    ],
    ['single-quoted, the secret first', "secure_link_md5 'Zq8vLm2Kp9Xr${uri}$secure_link_expires';", 'Zq8vLm2Kp9Xr'],
  ])('refused: %s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));

  test.each([
    ['only variables', 'secure_link_md5 "$secure_link_expires$uri$remote_addr";'],
    ['variables and separators', 'secure_link_md5 "$secure_link_expires:${uri}:$remote_addr";'],
    ['unquoted variables', 'secure_link_md5 $uri$arg_e;'],
    ['the secure_link line', 'secure_link $arg_md5,$arg_expires;'],
    ['a placeholder', 'secure_link_md5 "$secure_link_expires$uri <your-secret>";'],
  ])('passes: %s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('76a-18: a PIN or a TOTP seed under a secret name with a label after it', () => {
  test.each([
    ['pin_prod', '4821'],
    ['pin_real', '4821'],
    ['pin_code_real', '4821'],
    ['pin_old', '482913'],
    ['otp_real', 'JBSWY3DPEHPK3PXP'],
    ['otp_prod', 'JBSWY3DPEHPK3PXP'],
  ])('refused: %s', (key, value) => refusedEverywhere(dataMap(key, value), `data.${key}`, value));

  test.each([
    ['pin_count', '4'],
    ['otp_length', '6'],
    ['pin_timeout', '3600'],
    ['pin_prod', 'v1.2.3'],
    ['otp_real', 'on'],
  ])('passes: %s: %s', (key, value) => acceptedEverywhere(dataMap(key, value)));
});

describe('76a-20: synth judges a config comment as `npm run new --from` does, and blanks its copies', () => {
  const configWith = (comment: string, certResolver = 'default') =>
    `${comment}\n${stringify({
      ...devConfig(),
      ingresses: [{ name: 'a', namespace: 'default', host: 'a.example.com', path: '/', service: 'svc', port: 80, tls: { certResolver } }],
    })}`;
  const messages = (text: string) => {
    const parsed = parseConfigText('config/w1.yaml', text);
    return { errors: parsed.errors.map(formatDiagnostic), warnings: parsed.warnings.map(formatDiagnostic) };
  };

  test.each([
    ['a password in prose', '# The admin password is Sonnenblume7x', 'Sonnenblume7x'],
    ['a labelled password', '# password: Xk9mQ2pL7vR4', 'Xk9mQ2pL7vR4'],
    ['a GitHub token', '# token: ghp_Kq8vW3zLm5Np2Rt7Xc9Bd4Fg6Hj1Ks0Lq8vW', 'ghp_Kq8vW3zLm5Np2Rt7Xc9Bd4Fg6Hj1Ks0Lq8vW'],
  ])('refused at its line, never shown: %s', (_, comment, secret) => {
    const { errors, warnings } = messages(configWith(comment));
    expect(errors.join('\n')).toContain('config/w1.yaml:1:1: holds a secret outside its values (a comment');
    expect([...errors, ...warnings].join('\n')).not.toContain(secret);
  });

  test("a copy of the comment's password in a value is blanked in the value's own message", () => {
    const { errors } = messages(configWith('# The admin password is Sonnenblume7x', 'Sonnenblume7x'));
    expect(errors.some((e) => e.includes('certResolver'))).toBe(true);
    expect(errors.join('\n')).not.toContain('Sonnenblume7x');
  });

  test.each([
    ['a comment about where the password is kept', '# The admin password is read from the Secret kube-system/admin (key "password").'],
    ['the schema line', '# yaml-language-server: $schema=../config.schema.json'],
    ['a note naming a token kind', '# The K3s join token lives in /var/lib/rancher/k3s/server/token on the first server.'],
  ])('passes: %s', (_, comment) => {
    expect(messages(configWith(comment)).errors).toEqual([]);
  });

  test.each(readdirSync(join(__dirname, '..', 'config', 'examples')).filter((f) => f.endsWith('.yaml')))(
    'the example %s (which `npm run new --from` copies with its comments) passes',
    (name) => {
      const errors = messages(readFileSync(join(__dirname, '..', 'config', 'examples', name), 'utf8')).errors;
      expect(errors.filter((e) => e.includes('outside its values'))).toEqual([]);
    },
  );
});
