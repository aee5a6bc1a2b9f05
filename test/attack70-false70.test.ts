// Round 70 (false70): false refusals 70a-1 (upper-case `_KEY` env names holding a plain word), 70a-11 (the same key
// names refused alike in every casing), 70a-6 (a URL query parameter holding a reference, a placeholder or a flag),
// 70a-8 (a `read -s -p` prompt), 70a-12 (Authelia's settings maps and token lifespans), 70a-13 (a CSR and a PGP
// public key block), 70a-14 (notes under a password label), 70a-22 (hex digests). Each must-pass row passes every door;
// its refused neighbour stays refused, the secret never shown.
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';

const GENERATED = 'Zq8vLm3pXw01Kj7HgF5dS3aP1oI9uY7t';
const env = (name: string, value: string) => ({ env: [{ name, value }] });
const plugin = (key: string, value: string) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'plug', namespace: 'default' },
      spec: { plugin: { demo: { [key]: value } } },
    },
  ],
});

describe('70a-1: a `_KEY` name whose word is no key kind is judged by its value', () => {
  it.each([
    ['ROUTING_KEY', 'orders.created'],
    ['routing_key', 'orders.created'],
    ['AMQP_ROUTING_KEY', 'orders'],
    ['SORT_KEY', 'name'],
    ['DYNAMODB_SORT_KEY', 'sk'],
    ['PRIMARY_KEY', 'id'],
    ['LOOKUP_KEY', 'hostname'],
    ['FOREIGN_KEY', 'user_id'],
    ['GROUP_KEY', 'region'],
    ['SHARD_KEY', 'tenant'],
    ['METRIC_KEY', 'requests_total'],
    ['CACHE_KEY', 'traefik-v3-assets'],
    ['PARTITION_KEY', 'tenantId'],
    ['OBJECT_KEY', 'traefik/access.log'],
    ['DEDUP_KEY', 'traefik-down'],
    ['EVENT_KEY', 'user.created'],
    ['HASH_KEY', 'pk'],
    ['hash_key', 'id'],
    ['hashKey', 'id'],
    ['routingKey', 'orders.created'],
    ['sortKey', 'name'],
  ])('%s: %s passes', (name, value) => acceptedEverywhere(env(name, value)));

  it.each([
    ['ROUTING_KEY', GENERATED],
    ['routing_key', GENERATED],
    ['ROUTING_KEY', 'Sunfl0wer12x'],
    ['hashKey', GENERATED],
    ['SORT_KEY', GENERATED],
    ['OBJECT_KEY', GENERATED],
    ['API_KEY', 'orders'],
    ['SECRET_KEY', 'orders'],
    ['PRIVATE_KEY', 'id'],
    ['SIGNING_KEY', 'region'],
    ['ENCRYPTION_KEY', 'tenant'],
    ['ACCESS_KEY', 'hostname'],
    ['HMAC_KEY', 'sk'],
    ['MASTER_KEY', 'orders'],
    ['apiKey', 'orders'],
    ['secretKey', 'orders'],
  ])('%s: %s is refused', (name, value) => refusedEverywhere(env(name, value), 'env[0].value', value));
});

describe('70a-11: key names refused alike in every casing', () => {
  const names = [
    ['CSRF_KEY', 'csrfKey'],
    ['MAC_KEY', 'macKey'],
    ['SIGNATURE_KEY', 'signatureKey'],
    ['INGEST_KEY', 'ingestKey'],
    ['PASSKEY', 'passkey'],
    ['KEY_MATERIAL', 'keyMaterial'],
  ];
  it.each([['HASH_KEY'], ['hash_key'], ['hashKey']])('%s with a generated value is refused', (name) =>
    refusedEverywhere(env(name, GENERATED), 'env[0].value', GENERATED),
  );
  it.each([['hashKey'], ['hash_key']])('%s with a generated value in a plugin config is refused', (name) =>
    refusedEverywhere(plugin(name, GENERATED), `plugin.demo.${name}`, GENERATED),
  );
  it.each(names)('%s as an env name is refused', (upper) => refusedEverywhere(env(upper, GENERATED), 'env[0].value', GENERATED));
  it.each(names)('%s / %s in a plugin config is refused', (_, camel) =>
    refusedEverywhere(plugin(camel, GENERATED), `plugin.demo.${camel}`, GENERATED),
  );
});

describe('70a-6: a URL query parameter holding a reference, a placeholder or a switch', () => {
  it.each([
    'https://grafana.example.com/login?auth=none',
    'https://status.example.com/?secret=false',
    'https://example.com/?apikey=REPLACE_ME',
    'https://example.com/?token=${TOKEN}',
    'https://example.com/?token=<your-token>',
    'API_URL=https://example.com/?token=${TOKEN}',
    'curl "https://example.com/api?token=$TOKEN"',
    'note #password=<your-password>',
  ])('%s passes', (text) => acceptedEverywhere(textConfigMap(text)));

  it.each([
    ['https://example.com/?token=Zq8vLm3pXw01Kj7HgF5dS3aP1oI9uY7t', 'Zq8vLm3pXw01Kj7HgF5dS3aP1oI9uY7t'],
    ['https://example.com/?apikey=Sunfl0wer12x', 'Sunfl0wer12x'],
    ['curl "https://example.com/api?token=Zq8vLm3pXw01Kj7HgF5dS3aP1oI9uY7t"', 'Zq8vLm3pXw01Kj7HgF5dS3aP1oI9uY7t'],
    ['https://example.com/?password=hunter2x&x=1', 'hunter2x'],
  ])('%s is refused', (text, secret) => refusedEverywhere(textConfigMap(text), 'data', secret));
});
