import { secretWordLineSpans } from '../src/core/secret-word-lines';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 76 wave 2 (keys76): more values a secret-like name says are not the secret, in the one key-name rule
 * (secrets-keys.ts isPlainlyNotSecret) at every door: 76a-3 a cache key's template under a token's cache key, SRI and
 * base64 digests, CRC values and ETags; 76a-12 an OpenPGP key ID under a signing key's fingerprint, an API key's last
 * four; 76a-22 object, idempotency and cache keys, a hotkey. Each accepted row has a refused neighbour, never shown.
 */
const data = (entries: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: entries }],
});
const env = (name: string, value: string) => ({ env: [{ name, value }] });
const GENERATED = 'Zq8vLm2Kp9XrWq3nBv8L';
const SHA256 = '01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b';
const SRI256 = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
const SRI384 = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';
const SRI512 = 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==';
const B64_256 = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
/** 24 random bytes in base64 (32 characters): no digest's length. */
const B64_KEY = 'q3Vx9LmZ2Kp8XrWq3nBv8LzPt7Uv5Rs1';
const UUID = '0b9e2c7a-4d1f-4e8a-9c3b-7f6e5d4c3b2a';

const accepted: ReadonlyArray<readonly [string, string]> = [
  // 76a-3
  ['token_cache_key', '$host$uri'],
  ['session_secret_cache_key', '$scheme$host$request_uri'],
  ['token_cache_key2', 'tok:{user_id}:{scope}'],
  ['TOKEN_CACHE_KEY', 'user:{id}'],
  ['token_checksum', SRI256],
  ['password_digest', SRI512],
  ['secret_integrity', SRI384],
  ['secret_checksum_b64', B64_256],
  ['token_sha256_b64', 'XohImNooBHFR0OVvjcYpJ3NgPQ1qq73WKhHvch0VQtg='],
  ['token_crc32', '0x8f3c2a1b'],
  ['secret_etag', 'W/"5f70bf18a086"'],
  ['secret_etag2', '"33a64df551425fcc55e4d42a148795d9f25f89d4"'],
  // 76a-12
  ['signing_key_fingerprint', '3AA5C34371567BD2'],
  ['gpg_key_fingerprint', '0x3AA5C34371567BD2'],
  ['api_key_last4', '7n2Q'],
  ['apiKeyLastFour', '7n2Q'],
  ['token_last_4', '9f3K'],
  // 76a-22
  ['object_key', 'uploads/2024/a1b2c3d4e5f6.png'],
  ['idempotency_key', UUID],
  ['cache_key', 'a1b2c3d4e5f6a7b8'],
  ['dedup_key', SHA256],
  ['keyboard_shortcut_password_toggle', 'Alt+P'],
  ['password_toggle_hotkey', 'Ctrl+Shift+F2'],
];

// Each accepted row's nearest real secret, in the same place.
const refused: ReadonlyArray<readonly [string, string, string]> = [
  ['token_cache_key', GENERATED, GENERATED],
  ['token_cache_key', '$Sunfl0wer12x', 'Sunfl0wer12x'],
  ['token_cache_key2', `tok:{user_id}:${GENERATED}`, GENERATED],
  ['token', '$host$uri:Sunfl0wer12x', 'Sunfl0wer12x'],
  ['token_checksum', `sha256-${B64_KEY}`, B64_KEY],
  ['secret_integrity', `sha384-${GENERATED}`, GENERATED],
  ['secret_checksum_b64', B64_KEY, B64_KEY],
  ['secret', B64_256, B64_256],
  ['token', SRI256, SRI256.slice(7)],
  ['token_crc32', GENERATED, GENERATED],
  ['token_crc32', '0xZq8vLm2K', 'Zq8vLm2K'],
  ['secret_etag', `W/"${GENERATED}"`, GENERATED],
  ['signing_key', SHA256, SHA256],
  ['signing_key_fingerprint', GENERATED, GENERATED],
  ['signing_key_fingerprint', SHA256.slice(0, 32), SHA256.slice(0, 32)],
  ['api_key_last4', 'Zq8vLm2Kp9XrWq3n', 'Zq8vLm2Kp9XrWq3n'],
  ['api_key_last4', '7n2Q9x', '7n2Q9x'],
  ['api_key', UUID, UUID],
  ['vault_key', 'a1b2c3d4e5f6a7b8', 'a1b2c3d4e5f6a7b8'],
  ['vault_key', UUID, UUID],
  ['object_key', `uploads/${GENERATED}.png`, GENERATED],
  ['idempotency_key', GENERATED, GENERATED],
  ['dedup_key', 'Kq8vW3zLm5Np2Rt7Xc9B', 'Kq8vW3zLm5Np2Rt7Xc9B'],
  ['cache_key', 'Sunfl0wer12x', 'Sunfl0wer12x'],
  ['keyboard_shortcut_password_toggle', 'Zq8vLm2Kp9Xr', 'Zq8vLm2Kp9Xr'],
  ['keyboard_shortcut_password_toggle', 'Ctrl+Sunfl0wer12x', 'Sunfl0wer12x'],
  ['password', 'Alt+P', 'Alt+P'],
];

describe('76a-3, 76a-12, 76a-22: values a secret-like name says are no secret pass', () => {
  it.each(accepted)('data %s: %s passes', (name, value) => acceptedEverywhere(data({ [name]: value })));
  it.each([
    ['TOKEN_CACHE_KEY=user:{id}'],
    ['token_cache_key = "$host$uri"'],
    [`token_checksum: "${SRI256}"`],
    ['token_crc32 = 0x8f3c2a1b'],
    ['signing_key_fingerprint: 3AA5C34371567BD2'],
    ['api_key_last4: 7n2Q'],
    [`idempotency_key: ${UUID}`],
  ])('text %s passes', (text) => acceptedEverywhere(textConfigMap(text)));
  it.each([
    ['TOKEN_CACHE_KEY', '$host$uri'],
    ['IDEMPOTENCY_KEY', UUID],
    ['API_KEY_LAST4', '7n2Q'],
  ])('env %s=%s passes', (name, value) => acceptedEverywhere(env(name, value)));
});

describe('the nearest real secrets stay refused, never shown', () => {
  it.each(refused)('data %s: %s is refused', (name, value, secret) => refusedEverywhere(data({ [name]: value }), `data.${name}`, secret));
  it.each([
    [`TOKEN_CACHE_KEY=${GENERATED}`, GENERATED],
    [`api_key_last4: Zq8vLm2Kp9XrWq3n`, 'Zq8vLm2Kp9XrWq3n'],
    [`idempotency_key: ${GENERATED}`, GENERATED],
  ])('text %s is refused', (text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data.conf', secret));
});

describe('the readers stay linear', () => {
  beforeAll(() => secretWordLineSpans(`token_cache_key: tok:{user_id}\n`));
  it.each([
    ['placeholder templates', `TOKEN_CACHE_KEY: ${'{a}'.repeat(30_000)}\n`],
    ['etag lines', `secret_etag: W/"${'"'.repeat(50_000)}\n`],
    ['hotkey lines', `password_hotkey: ${'Ctrl+'.repeat(20_000)}\n`],
  ])('%s at 100 kB within 2 s', (_, unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    const started = process.cpuUsage();
    secretWordLineSpans(text);
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
