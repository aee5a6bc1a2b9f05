/**
 * cert-manager's `Certificate.spec.privateKey` (attack round 71a-7): how the key cert-manager generates into the
 * Certificate's Secret is made, no key (cert-manager.io/docs/reference/api-docs, "CertificatePrivateKey": `algorithm`
 * RSA, ECDSA or Ed25519; `encoding` PKCS1 or PKCS8; `size` in bits; `rotationPolicy` Never or Always). Each setting takes
 * only its enum or a number of bits, so any other value there is judged as a value still.
 */
const SETTINGS: Readonly<Record<string, RegExp>> = {
  algorithm: /^(?:RSA|ECDSA|Ed25519)$/,
  encoding: /^(?:PKCS1|PKCS8)$/,
  size: /^(?:256|384|521|2048|3072|4096|8192)$/,
  rotationPolicy: /^(?:Never|Always)$/,
};

/** Whether `value` stands at `privateKey.<setting>` (`keys`: the path's keys) and is that setting's enum or size. */
export function isKeyGenerationSetting(value: string, keys: readonly string[]): boolean {
  const n = keys.length;
  const setting = keys[n - 1];
  return n >= 2 && keys[n - 2] === 'privateKey' && Object.hasOwn(SETTINGS, setting) && SETTINGS[setting].test(value);
}
