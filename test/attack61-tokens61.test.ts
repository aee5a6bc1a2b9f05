// Round 61 (tokens61): 61a-1 (OpenAI's legacy `sk-` + 48 key, bare), 61a-3 (a K3s token spaced around `::` with a CA hash
// of another length than 64), 61a-7 (a URL whose user is a token and whose password is empty, `TOKEN:@`), 61a-8 (bare
// vendor tokens: Discord bot, Slack `xoxe`, Meta `EAA…`, Notion, Netlify, Render, Vercel, Fly.io) and 61a-19 (a size
// refusal without the secret advice; a vendor token named by its vendor). Each shape is refused in a ConfigMap text, an
// env value under a neutral name and `additionalArguments`, named by its key path and never shown; neighbours that
// only share a prefix stay accepted.
import { App, ApiObject, JsonPatch } from 'cdk8s';
import { K3sVipCluster } from '../src';
import { secretShape } from '../src/core/secrets';
import { secretsInFiles } from '../src/output/secret-gate';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { devConfig, refusalOf } from './helpers';
import { envEntry as env } from './rule-doors';

const HASH65 = 'f4e8a1c2b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8';
const PW = '9a8b7c6d5e4f3a2b1c0d';
const TOKEN = 'Xq9vLm2Pz8Wk4Rt7bN';
const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { conf: `${text}\n` } }],
});
const argument = (value: string) => ({ additionalArguments: [`--providers.http.endpoint=${value}`] });

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  [
    '61a-1 OpenAI legacy sk- + 48',
    'sk-o6rvUwnJpoqQfjnrc58PFHfYqGaMergn0ZZYztv20hnamIaX',
    'o6rvUwnJpoqQfjnrc58PFHfYqGaMergn0ZZYztv20hnamIaX',
  ],
  ['61a-3 K10<65 hex> :: server:pw', `K10${HASH65} :: server:${PW}`, PW],
  ['61a-3 K10<65 hex> :: pw', `K10${HASH65} :: ${PW}`, PW],
  ['61a-3 K10<65 hex>:: server:pw', `K10${HASH65}:: server:${PW}`, PW],
  ['61a-3 K10<40 hex> :: server:pw', `K10${HASH65.slice(0, 40)} :: server:${PW}`, PW],
  ['61a-7 https://TOKEN:@host', `https://${TOKEN}:@config.example.com/dynamic`, TOKEN],
  ['61a-7 https://TOKEN%3A@host', `https://${TOKEN}%3A@config.example.com/dynamic`, TOKEN],
  ['61a-7 https://:password@host', `https://:${TOKEN}@config.example.com/dynamic`, TOKEN],
  [
    '61a-8 Discord bot token',
    'MTA0NTY3ODkwMTIzNDU2Nzg5MA.Wmq3Xa.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab',
    'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab',
  ],
  [
    '61a-8 Slack xoxe.xoxp-1-',
    'xoxe.xoxp-1-gltUWzmwdy8gD5eUK2Ab3dEf9hIjK2mNoP4qRsT7uVwXyZ1a2B3c4D5e6F7g8H9i0J',
    'gltUWzmwdy8gD5eUK2Ab3dEf9hIjK2mNoP4qRsT7',
  ],
  [
    '61a-8 Slack xoxe-1-',
    'xoxe-1-gltUWzmwdy8gD5eUK2Ab3dEf9hIjK2mNoP4qRsT7uVwXyZ1a2B3c4D5e6F7g8H9i0J',
    'gltUWzmwdy8gD5eUK2Ab3dEf9hIjK2mNoP4qRsT7',
  ],
  [
    '61a-8 Meta EAAC',
    'EAACEdEose0cBAOMgI9aFaLe6jpDDNAb3dEf9hIjK2mNoP4qRsT7uVwXyZ1a2B3c4D5e6F7g8H9i0J',
    'OMgI9aFaLe6jpDDNAb3dEf9hIjK2mNoP4qRsT7',
  ],
  ['61a-8 Notion ntn_', 'ntn_3syrcpOMVLsiawbN34O7MsbQImAb3dEf9hIjK2mNoP4qRs', '3syrcpOMVLsiawbN34O7MsbQImAb3dEf9hIjK2mNoP4qRs'],
  ['61a-8 Netlify nfp_', 'nfp_x9ESziGsBy9dubqgt7qaz3wlRcAb3dEf', 'x9ESziGsBy9dubqgt7qaz3wlRcAb3dEf'],
  ['61a-8 Vercel vercel_', 'vercel_Ehw9fQHWv2anM87czcrD8tL', 'Ehw9fQHWv2anM87czcrD8tL'],
  ['61a-8 Render rnd_', 'rnd_PwOtOrty9DIXXxV5B6tRY95YoSAb3dEf9', 'PwOtOrty9DIXXxV5B6tRY95YoSAb3dEf9'],
  ['61a-8 Fly.io fly_', 'fly_pv5QJE0TXbT96sxZcbUULQQHl8Ab3dEf9hIjK2mNoP', 'pv5QJE0TXbT96sxZcbUULQQHl8Ab3dEf9hIjK2mNoP'],
  ['61a-8 Fly.io FlyV1 fm2_', 'FlyV1 fm2_lJPECAAAAAAAAMSzxBBQ2bDl3vXhXjTl0yNpYqGx', 'lJPECAAAAAAAAMSzxBBQ2bDl3vXhXjTl0yNpYqGx'],
];

describe('tokens61: each shape refused at every door, named by its key path, never shown', () => {
  test.each(SECRETS)('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
  test.each(SECRETS)('env value under a neutral name: %s', (_, text, secret) =>
    refusedEverywhere(env('APP_SETTING', text), 'env[0]', secret),
  );
  test.each(SECRETS)('additionalArguments: %s', (_, text, secret) => refusedEverywhere(argument(text), 'additionalArguments[0]', secret));
});

describe('tokens61: neighbours that share a prefix or a form stay accepted', () => {
  test.each([
    ['fly_region', 'fly_region'],
    ['rnd_seed', 'rnd_seed'],
    ['vercel_env', 'vercel_env'],
    ['a long fly_ name', 'fly_app_name_production_eu_west'],
    ['ntn_ short', 'ntn_workspace'],
    ['sk- words', 'sk-this-is-not-a-key'],
    ['a dotted host', 'my.service.example.com'],
    ['a dotted file name', 'README.md.template.backup'],
    ['EAA as a word', 'EAAC'],
    ['a URL with no user', 'https://config.example.com/dynamic'],
    ['C++ scope', 'std :: string'],
  ])('%s', (_, text) => {
    acceptedEverywhere(configMap(text));
    acceptedEverywhere(env('APP_SETTING', text));
  });
});

describe('61a-19: messages', () => {
  test.each([
    ['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', 'SendGrid'],
    ['sk-o6rvUwnJpoqQfjnrc58PFHfYqGaMergn0ZZYztv20hnamIaX', 'OpenAI'],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'GitHub'],
    ['rnd_PwOtOrty9DIXXxV5B6tRY95YoSAb3dEf9', 'Render'],
  ])('a vendor token alone is named by its vendor: %s', (token, vendor) => {
    expect(secretShape(token)).toContain(vendor);
  });

  test('a size refusal says what to do about a huge line, not where to keep a secret', () => {
    const [finding] = secretsInFiles(new Map([['c/x.yaml', ':'.repeat(3_200_000)]]));
    expect(finding).toContain('more than the write gate reads (3 MiB');
    expect(finding).toContain('split it');
    const app = new App();
    const cluster = new K3sVipCluster(app, 'dev', devConfig());
    const object = cluster.node.findAll().find((child): child is ApiObject => ApiObject.isApiObject(child))!;
    object.addJsonPatch(JsonPatch.add('/metadata/annotations', { blob: 'x'.repeat(3_300_000) }));
    const message = refusalOf(() => app.synthYaml());
    expect(message).toContain('more than the write gate reads');
    expect(message).not.toMatch(/Kubernetes Secret|no secret may be written/);
  });
});
