import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

/**
 * Round 80 (80a-1), a blind round on the code of round 79: the ASCII words for "key" and "secret" of languages whose
 * word for "password" was already read (Turkish `anahtar`/`gizli`, Indonesian `kunci`/`rahasia`, Swedish `hemlig`,
 * Norwegian `hemmelig`, Finnish `avain`, Japanese `himitsu`, Romanian `cheie`, Russian `klyuch`, Greek `kleidi`, Danish
 * `nogle`, Czech `tajemstvi`) and Turkish `sifresi` ("its password") name a secret in an env name, as `API_KEY` does;
 * neighbours with plain values, or the key word alone with an identifier, pass as `ROUTING_KEY: orders.created` does.
 */
const PW = 'Xk9mP2vLq7wRt000';

const REFUSED = [
  'API_ANAHTAR',
  'APP_GIZLI',
  'API_KUNCI',
  'APP_RAHASIA',
  'APP_HEMLIG',
  'APP_HEMMELIG',
  'API_AVAIN',
  'APP_HIMITSU',
  'API_CHEIE',
  'API_KLYUCH',
  'API_KLEIDI',
  'API_NOGLE',
  'APP_TAJEMSTVI',
  'DB_SIFRESI',
];

const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['ROUTING_ANAHTAR', 'orders.created'],
  ['DB_KUNCI', 'user_id'],
  ['APP_GIZLI', 'true'],
  ['APP_HIMITSU_FILE', '/run/secrets/himitsu'],
  ['API_AVAIN', '${API_KEY}'],
  ['CHEIE_ID', 'k1'],
];

describe('80a-1: "key" and "secret" in more languages name a secret in an env name', () => {
  it.each(REFUSED)('%s=… is refused everywhere, never shown', (name) => refusedEverywhere({ env: [{ name, value: PW }] }, 'env[0]', PW));
  it.each(ACCEPTED)('%s=%s passes', (name, value) => acceptedEverywhere({ env: [{ name, value }] }));
});
