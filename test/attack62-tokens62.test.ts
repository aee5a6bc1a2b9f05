// Round 62 (tokens62): 62a-1 (bare vendor tokens: Mapbox secret, Dynatrace, Heroku, Contentful, CircleCI, Snyk,
// LangSmith, Resend, PostHog personal, DeepSeek, Google OAuth refresh, HCP Terraform without its id), 62a-2 (a K3s token
// spaced around both colons, `K10<hash> :: node : <pw>`) and 62a-4 (a refused spaced K3s token blanked the word `server`
// in an unrelated warning). Each shape is refused in a ConfigMap text and an env value under a neutral name, named by its
// key path and by its vendor, never shown; neighbours that share a prefix stay accepted.
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { secretShape } from '../src/core/secrets';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { envEntry as env } from './rule-doors';

const PW = 'Zq8vLmN3pX';
const HASH64 = 'f4e8a1c2b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e';
const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { conf: `${text}\n` } }],
});

// [row, the text, the secret part it holds (never shown), the vendor a message names or '' for a K3s token]
const SECRETS: ReadonlyArray<readonly [string, string, string, string]> = [
  [
    '62a-1 Mapbox sk.eyJ',
    'sk.eyJ1IjoibXl1c2VyIiwiYSI6ImNrMnh5ejEyMzQ1Njc4OTBhYmNkIn0.PtYgjmUhBel31iEl2hpChY',
    'PtYgjmUhBel31iEl2hpChY',
    'Mapbox',
  ],
  [
    '62a-1 Dynatrace dt0c01.',
    'dt0c01.DOC9IS0J8HT9LGMXG9EDN581.U33XTPLPFT75V2SEH60KVJ50CE9UVW53EFR4EDT2SYWB3WKH5DNSIPZZ5FK2Z9RI',
    'U33XTPLPFT75V2SEH60KVJ50CE9UVW53',
    'Dynatrace',
  ],
  [
    '62a-1 Heroku HRKU-AA',
    'HRKU-AAg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po-799NksnRH9ucAUsdMlHUvTC',
    'g6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po',
    'Heroku',
  ],
  [
    '62a-1 Contentful CFPAT-',
    'CFPAT-QCyEZDz_TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Z',
    'QCyEZDz_TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Z',
    'Contentful',
  ],
  [
    '62a-1 CircleCI CCIPAT_',
    'CCIPAT_Ufd7UACNWiP3sFd67JikEA_a9988c79fc35526f7eaed46725a2a7b860dcd6c8',
    'a9988c79fc35526f7eaed46725a2a7b860dcd6c8',
    'CircleCI',
  ],
  [
    '62a-1 Snyk snyk_uat.',
    'snyk_uat.48d33296.XHCabM6JOF8EFd0Nhcy_1kGD2VD_eR1UYzaLiA_zNyD',
    'XHCabM6JOF8EFd0Nhcy_1kGD2VD_eR1UYzaLiA_zNyD',
    'Snyk',
  ],
  ['62a-1 LangSmith lsv2_pt_', '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', '4c2b54b95523cf6941fa1c257c6f561c', 'LangSmith'],
  ['62a-1 LangSmith lsv2_sk_', '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', '4c2b54b95523cf6941fa1c257c6f561c', 'LangSmith'],
  ['62a-1 Resend re_', 're_tqB5IGky_4Oo8DiIMWSWMPcwLuHj31CQJ', '4Oo8DiIMWSWMPcwLuHj31CQJ', 'Resend'],
  ['62a-1 PostHog phx_', 'phx_q9Ugk9QgmyjjYtUtBrmgO6grn4yDcaz2YBSoGOsDbjq', 'q9Ugk9QgmyjjYtUtBrmgO6grn4yDcaz2YBSoGOsDbjq', 'PostHog'],
  ['62a-1 DeepSeek sk- + 32 hex', 'sk-25c8d99d19bdd0b6cc60d5d32cbe5401', '25c8d99d19bdd0b6cc60d5d32cbe5401', 'DeepSeek'],
  [
    '62a-1 Google OAuth refresh 1//0',
    '1//0epQHgI3HLBkbvHEzuPyXQEW88ad3DNBYjvsedonuSsddfrfifiUziXnFAAoeelK9mqmALOR2HcSGKgVP8Kd0d3mS8gBlKv3azKga',
    'epQHgI3HLBkbvHEzuPyXQEW88ad3DNBYjvsedon',
    'Google OAuth refresh',
  ],
  [
    '62a-1 Google OAuth refresh, URL-encoded',
    'refresh_token=1%2F%2F0epQHgI3HLBkbvHEzuPyXQEW88ad3DNBYjvsedonuSsddfrfifiUziXnFAAoeelK9mqmALOR2Hc',
    'epQHgI3HLBkbvHEzuPyXQEW88ad3DNBYjvsedon',
    'Google OAuth refresh',
  ],
  [
    '62a-1 Dynatrace dt0s01.',
    'dt0s01.DOC9IS0J8HT9LGMXG9EDN581.U33XTPLPFT75V2SEH60KVJ50CE9UVW53EFR4EDT2SYWB3WKH5DNSIPZZ5FK2Z9RI',
    'U33XTPLPFT75V2SEH60KVJ50CE9UVW53',
    'Dynatrace',
  ],
  [
    '62a-1 HCP atlasv1.',
    'atlasv1.o4gfqrc5XlrWi0B26R08qzjI6GKFSufrdZSlB5er8bOfZqfM2oeq3hDavJA7',
    'o4gfqrc5XlrWi0B26R08qzjI6GKFSufrdZSlB5er8',
    'Terraform',
  ],
  ['62a-2 K10<hash> :: node : pw', `K10abcdef0123 :: node : ${PW}`, PW, ''],
  ['62a-2 K10<hash> :: server : pw', `K10abcdef0123 :: server : ${PW}`, PW, ''],
  ['62a-2 K10<64 hex> :: node : pw', `K10${HASH64} :: node : ${PW}`, PW, ''],
  ['62a-2 <64 hex> :: node : pw (no K10)', `${HASH64} :: node : ${PW}`, PW, ''],
  ['62a-2 K10<hash>::node : pw', `K10abcdef0123::node : ${PW}`, PW, ''],
  ['62a-2 K10<hash> ::node\t:\tpw', `K10abcdef0123 ::node\t:\t${PW}`, PW, ''],
];

describe('tokens62: each shape refused, named by its key path, never shown', () => {
  test.each(SECRETS)('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
  test.each(SECRETS)('env value under a neutral name: %s', (_, text, secret) =>
    refusedEverywhere(env('APP_SETTING', text), 'env[0]', secret),
  );
  test.each(SECRETS.filter(([, , , vendor]) => vendor))('named by its vendor: %s', (_, text, secret, vendor) => {
    expect(secretShape(text)).toContain(vendor);
    expect(secretShape(text)).not.toContain(secret);
  });
});

describe('tokens62: neighbours that share a prefix or a form stay accepted', () => {
  test.each([
    ['Mapbox public pk.eyJ', 'pk.eyJ1IjoibXl1c2VyIiwiYSI6ImNrMnh5ejEyMzQ1Njc4OTBhYmNkIn0.PtYgjmUhBel31iEl2hpChY'],
    ['re_ names', 're_render_template re_enable re_try_count'],
    ['re_ short', 're_tqB5IGky_4Oo8'],
    ['phx_ Phoenix names', 'phx_click phx_submit phx-change phx_ref_parent_element_identifier_x'],
    ['sk- words', 'sk-this-is-not-a-key sk-learn'],
    ['sk- + 32 lower letters', 'sk-abcdefabcdefabcdefabcdefabcdefab'],
    ['a URL path with 1//', 'see https://example.com/1//0path and file:1//0'],
    ['atlasv1 word', 'atlasv1.region.example.com'],
    ['snyk_ name', 'snyk_org_id snyk_uat.enabled'],
    ['lsv2_ short', 'lsv2_pt_placeholder'],
    ['CFPAT- short', 'CFPAT-placeholder'],
    ['HRKU- short', 'HRKU-AA-placeholder'],
    ['dt0c01. short', 'dt0c01.PLACEHOLDER'],
    ['C++ scope', 'std :: string : value'],
    ['K3s token words without a password', 'K10abcdef0123 :: server'],
    ['IPv6-mapped after a digest', `${HASH64} ::ffff : 10.0.0.12`],
  ])('%s', (_, text) => {
    acceptedEverywhere(configMap(text));
    acceptedEverywhere(env('APP_SETTING', text));
  });
});

describe('62a-4: a refused K3s token leaves other messages whole', () => {
  test.each([`K10abcdef0123:: server :${PW}`, `K10abcdef0123 :: server : ${PW}`, `K10${HASH64} :: server : ${PW}`])('%s', (value) => {
    const config = {
      kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
      k3s: { servers: [{ name: 'k3s-1', address: '192.168.0.11' }] },
      traefik: { loadBalancerIPs: ['192.168.0.41'], values: { env: [{ name: 'A1', value }] } },
    };
    const { errors, warnings } = parseConfigText('config/t.yaml', stringify(config));
    const [error] = errors.map((d) => formatDiagnostic(d));
    expect(error).toContain('traefik.values.env[0].value');
    expect(error).toContain('K3s token');
    const warning = warnings.map((d) => formatDiagnostic(d)).find((text) => text.includes('k3s.servers'));
    expect(warning).toContain('has 1 server:');
    expect(warning).toContain('no failover; use 3 servers for HA');
    expect(warning).not.toContain('<redacted>');
    for (const text of [error, warning]) expect(text).not.toContain(PW);
  });
});
