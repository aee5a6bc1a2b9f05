import { App, Chart } from 'cdk8s';
import { LoadBalancerService } from '../src/index';
import { secretWordLineSpans } from '../src/core/secret-word-lines';
import { refusalOf } from './helpers';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 76 (names76): values a secret-like name says are not the secret, judged by the one key-name rule
 * (secrets-keys.ts isPlainlyNotSecret) at every door: 75a-1 a cache key's template of variables, 75a-10 a digest of a
 * Secret under a hash/checksum/sha name (also cut to fit a label), 75a-17 Algolia's search-only key, 75a-18 the name of
 * the environment variable that holds the secret. Each accepted row has a refused neighbour, its secret never shown.
 */
const env = (name: string, value: string) => ({ env: [{ name, value }] });
const data = (entries: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: entries }],
});
const pod = (where: 'podLabels' | 'podAnnotations', entries: Record<string, string>) => ({ deployment: { [where]: entries } });
const SHA256 = '01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b';
const GENERATED = 'Zq8vLm2Kp9XrWq3nBv8L';
const ALGOLIA = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe("75a-1: a cache key's template of variables is no secret", () => {
  it.each([
    ['CACHE_KEY', '$host$uri'],
    ['CACHE_KEY', '$scheme$request_method$host$request_uri'],
    ['CACHE_KEY', '${host}${request_uri}'],
    ['CACHE_KEY', 'v2:$host$uri'],
    ['PROXY_CACHE_KEY', '$scheme$proxy_host$request_uri'],
  ])('env %s=%s passes', (name, value) => acceptedEverywhere(env(name, value)));
  it.each([
    ['cache_key = "$scheme$request_method$host$request_uri"'],
    ['cache_key = $host$uri'],
    ['proxy_cache_key: "$scheme$proxy_host$request_uri"'],
  ])('text %s passes', (text) => acceptedEverywhere(textConfigMap(text)));
  it('a data key CACHE_KEY: $host$uri passes', () => acceptedEverywhere(data({ CACHE_KEY: '$host$uri' })));
  // Decided: a generated-looking value under a cache key's name stays refused (a `…_KEY` of no key kind is judged by
  // its value: key-kind-names.ts, the README's `routing_key`), as does a password's mix after a `$`.
  it.each([
    ['CACHE_KEY', GENERATED, GENERATED],
    ['CACHE_KEY', '$Sunfl0wer12x', 'Sunfl0wer12x'],
    ['CACHE_KEY', `$host$${GENERATED}`, GENERATED],
    ['CACHE_KEY', `$host:${GENERATED}`, GENERATED],
  ])('env %s=%s is refused', (name, value, secret) => refusedEverywhere(env(name, value), 'env[0].value', secret));
  it.each([[`cache_key = "${GENERATED}"`], [`cache_key = $uri$Sunfl0wer12x`]])('text %s is refused', (text) =>
    refusedEverywhere(textConfigMap(text), 'extraObjects[0].data.conf', GENERATED.slice(0, 12)),
  );
});

describe("75a-10: a Secret's digest under a hash, checksum or sha name is no secret", () => {
  it.each([
    ['podLabels', 'secret-hash', '5f70bf18a086'],
    ['podAnnotations', 'checksum/secret', '5f70bf18a086'],
    ['podAnnotations', 'tls-secret-sha256', SHA256],
    ['podAnnotations', 'secret-hash', SHA256],
    ['podAnnotations', 'checksum/secret', SHA256],
    ['podAnnotations', 'secret-sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['podLabels', 'secret-md5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['podLabels', 'secret-checksum', SHA256.slice(0, 63)],
  ] as const)('%s %s: %s passes', (where, key, value) => acceptedEverywhere(pod(where, { [key]: value })));
  it('env SECRET_SHA256=<hex> passes', () => acceptedEverywhere(env('SECRET_SHA256', SHA256)));
  it.each([
    ['secret-hash', 'Zq8vLm2Kp9Xr!a', 'Zq8vLm2Kp9Xr'],
    ['secret-hash', GENERATED, GENERATED],
    ['tls-secret-sha256', GENERATED, GENERATED],
    ['checksum/secret', GENERATED, GENERATED],
    // gorilla/securecookie's hash key is the secret; an NT hash logs in as it is.
    ['hashKey', SHA256, SHA256],
    ['NTLM_HASH', '8846f7eaee8fb117ad06bdd830b7586c', '8846f7eaee8fb117ad06bdd830b7586c'],
  ])('podAnnotations %s: %s is refused', (key, value, secret) =>
    refusedEverywhere(
      pod('podAnnotations', { [key]: value }),
      key.includes('/') ? `podAnnotations["${key}"]` : `podAnnotations.${key}`,
      secret,
    ),
  );

  const service = (selector: Record<string, string>) => () => {
    const app = new App();
    new LoadBalancerService(new Chart(app, 'c'), 'l', { name: 'db', selector, ports: [{ port: 5432 }], ips: ['192.168.0.42'] });
    app.synthYaml();
  };
  it("a LoadBalancerService selector's secret-hash digest passes", () =>
    expect(refusalOf(service({ app: 'db', 'secret-hash': '5f70bf18a086' }))).toBe(''));
  it("a LoadBalancerService selector's secret-hash secret is refused, not shown", () => {
    const message = refusalOf(service({ app: 'db', 'secret-hash': GENERATED }));
    expect(message).toContain('secret-hash');
    expect(message).not.toContain(GENERATED);
  });
});

describe("75a-17: Algolia's search-only key, by its name and its shape together", () => {
  it.each([['ALGOLIA_SEARCH_ONLY_API_KEY'], ['NEXT_PUBLIC_ALGOLIA_SEARCH_ONLY_API_KEY'], ['searchOnlyApiKey']])(
    'data %s: <32 hex> passes',
    (name) => acceptedEverywhere(data({ [name]: ALGOLIA })),
  );
  it('env ALGOLIA_SEARCH_ONLY_API_KEY=<32 hex> passes', () => acceptedEverywhere(env('ALGOLIA_SEARCH_ONLY_API_KEY', ALGOLIA)));
  it('a written line `ALGOLIA_SEARCH_ONLY_API_KEY: <32 hex>` holds no secret word line', () =>
    expect(secretWordLineSpans(`      ALGOLIA_SEARCH_ONLY_API_KEY: ${ALGOLIA}\n`)).toEqual([]));
  it.each([
    ['ALGOLIA_ADMIN_API_KEY', ALGOLIA],
    ['ALGOLIA_API_KEY', ALGOLIA],
    ['ALGOLIA_SEARCH_KEY', ALGOLIA],
    ['ALGOLIA_SEARCH_ONLY_API_KEY', GENERATED],
    ['ALGOLIA_SEARCH_ONLY_API_KEY', SHA256],
  ])('data %s: %s is refused', (name, value) => refusedEverywhere(data({ [name]: value }), `data.${name}`, value));
  it('prose naming a search-only key before a generated word is still read', () =>
    expect(secretWordLineSpans(`the search only api key is ${GENERATED}\n`)).not.toEqual([]));
});

describe('75a-18: the name of the environment variable holding the secret is an indirection', () => {
  it.each([['hmac_secret_env = WEBHOOK_SECRET'], ['hmac_secret_env: WEBHOOK_SECRET'], ['token_env_var = GITHUB_TOKEN']])(
    'text %s passes',
    (text) => acceptedEverywhere(textConfigMap(text)),
  );
  it.each([
    ['HMAC_SECRET_ENV', 'WEBHOOK_SECRET'],
    ['API_TOKEN_VAR', 'GITHUB_TOKEN'],
  ])('env %s=%s passes', (name, value) => acceptedEverywhere(env(name, value)));
  it('data hmac_secret_env: WEBHOOK_SECRET passes', () => acceptedEverywhere(data({ hmac_secret_env: 'WEBHOOK_SECRET' })));
  it.each([[`hmac_secret_env = ${GENERATED}`], [`hmac_secret_env: ${GENERATED}`], ['hmac_secret_env = Sunfl0wer12x!']])(
    'text %s is refused',
    (text) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data.conf', text.slice(18)),
  );
  it.each([
    ['HMAC_SECRET_ENV', GENERATED],
    ['API_TOKEN_VAR', 'ghp_Zq8vLm2Kp9XrWq3nBv8Lk2PzYt7Uv5Rs1Ab'],
  ])('env %s=%s is refused', (name, value) => refusedEverywhere(env(name, value), 'env[0].value', value));
});

describe('the readers stay linear', () => {
  beforeAll(() => secretWordLineSpans(`ALGOLIA_SEARCH_ONLY_API_KEY: ${ALGOLIA}\n`));
  it.each([
    ['search-only key lines', `ALGOLIA_SEARCH_ONLY_API_KEY: ${ALGOLIA}\n`],
    ['one long run of variables', `CACHE_KEY: ${'$a'.repeat(50_000)}`],
  ])('%s at 100 kB within 2 s', (_, unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    const started = process.cpuUsage();
    secretWordLineSpans(text);
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
