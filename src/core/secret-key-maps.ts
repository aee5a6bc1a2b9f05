import { looksGenerated } from './generated-runs';

/**
 * A map of the keys a Secret holds its values under, not of the values (attack round 45a-17): Bitnami charts'
 * `auth.secretKeys` beside `auth.existingSecret` (github.com/bitnami/charts bitnami/postgresql/values.yaml:
 * `secretKeys: {adminPasswordKey: postgres-password, userPasswordKey: password, replicationPasswordKey:
 * replication-password}`, "Name of key in existing secret to use for PostgreSQL credentials"), also written
 * `existingSecretKeys`. For secret-references.ts refersToSecret: under a name ending in `secretKeys`, every entry is named
 * `*Key`, `*KeyName` or `*SecretKey` and holds a Secret data key's name (`[-._a-zA-Z0-9]`, core/v1 IsConfigMapKey) in lower
 * case, nothing looking generated; anything else there is taken for a secret.
 */
export function namesSecretKeys(under: string, record: Readonly<Record<string, unknown>>): boolean {
  const entries = Object.entries(record);
  return entries.length > 0 && entries.every(([key, value]) => typeof value === 'string' && namesSecretKeyAt(value, [under, key]));
}

const flat = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * One entry of such a map, as a line of text reads it (secrets-keys.ts isPlainlyNotSecret, `keys`: the key path down
 * to the value, its parent the map's name): `  rootUserSecretKey: root-user` under `existingSecretKeys:`.
 */
export function namesSecretKeyAt(value: string, keys: readonly string[]): boolean {
  const [parent, key] = keys.slice(-2);
  return (
    keys.length >= 2 &&
    /secretkeys$/.test(flat(parent)) &&
    /key(?:name)?$/.test(flat(key)) &&
    value.length <= 253 &&
    /^[a-z0-9]+(?:[-._][a-z0-9]+)*$/.test(value) &&
    !looksGenerated(value)
  );
}
