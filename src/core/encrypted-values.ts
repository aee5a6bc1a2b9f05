import { looksGenerated } from './generated-runs';

/**
 * Values encrypted to be committed, written where the secret goes (attack round 52a-18); like a SealedSecret's
 * ciphertext, they hold no secret a reader of Git can use:
 * - a sops value, `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]` (github.com/getsops/sops README, "Encrypting using
 *   ..."; aes/cipher.go Encrypt: each field `base64.StdEncoding` of its bytes, the IV of `nonceSize` 32 bytes (44
 *   characters), the GCM tag of 16 (24), the data as long as the value: padded base64, never empty, since sops writes
 *   an empty value as ""); code-references.ts takes the exact form too. Round 53a-6: a field that is no canonical
 *   base64 (`data:hunter2hunter2`, 14 characters) is a literal in an envelope's clothes. Not decidable: a password that
 *   happens to be padded base64 (`data:Xk9vQ2mLp7RtZw4B`), which only the key could tell from ciphertext;
 * - an Ansible Vault text, `$ANSIBLE_VAULT;1.1;AES256` or `$ANSIBLE_VAULT;1.2;AES256;<vault-id>` then lines of hex,
 *   maybe after YAML's `!vault |` (docs.ansible.com vault.html, "Vault payload format 1.1 - 1.2"; ansible lib/ansible/
 *   parsing/vault/__init__.py format_vaulttext_envelope: the vault id only in 1.2's header, the hex body always
 *   written; _parse_vaulttext: the hex decodes to the hex salt, HMAC and ciphertext, one a line). Round 53a-5: a
 *   header with no body is no vault value (it is judged as the text it is), nor is one with a fourth field in 1.1 or
 *   a vault id that looks generated (`1.2;AES256;Xk9vQ2mLp7RtZw4B`): a label names a vault (`prod`, `db_2024`).
 * - 69a-14: a Jasypt value, `ENC(…)` (github.com/ulisesbocchio/jasypt-spring-boot README, "Use ENC() in properties"): the
 *   base64 of the salt then the ciphertext, in blocks of 8 (PBEWithMD5AndDES) or 16 bytes (AES): canonical padded base64
 *   of at least 16 bytes, a multiple of 8 (a password in its clothes is seldom all three).
 * - 71a-11: a Spring Cloud Config value, `{cipher}…` (docs.spring.io/spring-cloud-config/reference/server/encryption-and-
 *   decryption.html), maybe with a `{key:alias}`: with a symmetric key the hex Spring Security's `Encryptors.text` writes
 *   (spring-security crypto/encrypt/Encryptors.java: a 16-byte IV then AES blocks, so 32 hex digits per block, at least
 *   two); with an RSA key the base64 spring-security-rsa's RsaSecretEncryptor writes (a 2-byte length, the RSA-encrypted
 *   AES key of 256 bytes or more, then the AES payload). A shorter or other text after `{cipher}` is a value still.
 * - 79a-19: ciphertext is random bytes; AES-GCM or AES-CBC output that is all printable text is a literal in an envelope's
 *   clothes (base64 of `Xk2vLm9Pz4wR8nTq`, of a passphrase; a vault whose ciphertext is the password's hex). Random bytes
 *   are printable ASCII with odds (95/256)^n: at 12 bytes or more about 7 in a million, so those are refused; from 8 bytes,
 *   letters and digits only ((62/256)^8, about 1 in 100,000). Shorter values stay undecidable and pass.
 * A documentation sample of either is accepted too where its payload is elided (`...`, `…`) or too short to hold a
 * secret (sops' `data:abc`: at most 3 characters a field; a vault body of at most 10 hex digits, 5 bytes): a literal
 * put in such an envelope (`data:<password>`, a password's hex as the body) is a value still.
 */

const B64 = '[A-Za-z0-9+/]';
const ELIDED = String.raw`(?:\.{3}|…|${B64}{0,3}={0,2})`;
const SOPS = new RegExp(
  String.raw`^ENC\[AES256_GCM,data:(?:(${B64}+={0,2}),iv:(${B64}{43}=),tag:(${B64}{22}==)|${ELIDED},iv:${ELIDED},tag:${ELIDED}),type:(?:str|int|int64|float|bool|bytes|comment)\]$`,
);
/** Whether `field` is base64 as Go's StdEncoding writes it: padded, and decoded then encoded again it is itself. */
const isStdBase64 = (field: string): boolean => field.length % 4 === 0 && Buffer.from(field, 'base64').toString('base64') === field;

/** Whether `bytes` read as text are plain text, not ciphertext (79a-19, above); PKCS#7 padding after them is ignored. */
function isPlainText(bytes: Buffer): boolean {
  const pad = bytes.at(-1) ?? 0;
  const padded = pad >= 1 && pad <= 16 && pad < bytes.length && bytes.subarray(-pad).every((byte) => byte === pad);
  const text = (padded ? bytes.subarray(0, -pad) : bytes).toString('latin1');
  return (text.length >= 12 && /^[\x20-\x7e]+$/.test(text)) || (text.length >= 8 && /^[A-Za-z0-9]+$/.test(text));
}

/** Whether `value` (trimmed) is a sops value: real-shaped fields (above) or a sample's elided ones. */
export function isSopsValue(value: string): boolean {
  const sops = SOPS.exec(value.trim());
  if (!sops) return false;
  if (sops[1] === undefined) return true;
  return [sops[1], sops[2], sops[3]].every(isStdBase64) && !isPlainText(Buffer.from(sops[1], 'base64'));
}

const VAULT_HEADER = /^\$ANSIBLE_VAULT;(?:1\.1;AES256|1\.2;AES256;([\w.@-]{1,64}))$/;
/** A vault id that is a label, not a secret put in the header: nothing looks generated, no run of mixed case and digits. */
const isVaultLabel = (id: string | undefined): boolean =>
  id === undefined || !(looksGenerated(id) || (/[A-Z]/.test(id) && /[a-z]/.test(id) && /\d/.test(id) && id.length >= 8));
/** The decoded body: the hex salt (32 bytes), the hex HMAC-SHA256, the hex ciphertext (AES blocks). */
const VAULT_PAYLOAD = /^[0-9a-f]{64}\n[0-9a-f]{64}\n((?:[0-9a-f]{32})+)$/;
const MAX_SAMPLE_BODY = 10;

const JASYPT = new RegExp(String.raw`^ENC\((${B64}{24,4096}={0,2})\)$`);
/** Whether `value` is Jasypt's `ENC(…)` (above). */
function isJasyptValue(value: string): boolean {
  const body = JASYPT.exec(value)?.[1];
  return body !== undefined && isStdBase64(body) && Buffer.from(body, 'base64').length % 8 === 0;
}

const SPRING_CIPHER = new RegExp(String.raw`^\{cipher\}(?:\{key:[\w.-]{1,64}\})?(?:((?:[0-9a-f]{32}){2,256})|(${B64}{344,16384}={0,2}))$`);
/** Whether `value` is Spring Cloud Config's `{cipher}…` of a real ciphertext's shape (above). */
function isSpringCipher(value: string): boolean {
  const cipher = SPRING_CIPHER.exec(value);
  if (!cipher || cipher[1] !== undefined) return !!cipher;
  if (!isStdBase64(cipher[2])) return false;
  const bytes = Buffer.from(cipher[2], 'base64');
  const keyLength = bytes.readUInt16BE(0);
  return keyLength >= 256 && keyLength % 128 === 0 && bytes.length >= 2 + keyLength + 16;
}

/** Whether `value` (trimmed) is a sops ciphertext, a Jasypt or Spring Cloud Config value or an Ansible Vault text (above). */
export function isEncryptedValue(value: string): boolean {
  const v = value.trim();
  if (v.length > 65_536) return false;
  if (isSopsValue(v) || isJasyptValue(v) || isSpringCipher(v)) return true;
  const lines = v
    .replace(/^!vault[ \t]+[|>][-+]?[ \t]*\n/, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const header = VAULT_HEADER.exec(lines[0] ?? '');
  if (!header || !isVaultLabel(header[1])) return false;
  const body = lines.slice(1).join('');
  if (/^(?:\.{3}|…)$/.test(body)) return true;
  if (!/^(?:[0-9a-f]{2})+$/.test(body)) return false;
  if (body.length <= MAX_SAMPLE_BODY) return true;
  const payload = VAULT_PAYLOAD.exec(Buffer.from(body, 'hex').toString('latin1'));
  return !!payload && !isPlainText(Buffer.from(payload[1], 'hex'));
}

/** The most lines of a vault text read (a vault of a large file is a file of its own, not a value in a text). */
const MAX_VAULT_LINES = 4096;

/** Whether `rest`, a YAML key's value on its line, is `!vault |` and `lines` from `from` on are an Ansible Vault text. */
export function isVaultBlock(rest: string, lines: readonly string[], from: number): boolean {
  if (!/^!vault[ \t]+[|>][-+]?$/.test(rest)) return false;
  const column = /^[ \t]*/.exec(lines[from] ?? '')![0].length;
  const block: string[] = [];
  for (const line of lines.slice(from, from + MAX_VAULT_LINES)) {
    if (line.trim() && /^[ \t]*/.exec(line)![0].length < column) break;
    block.push(line);
  }
  return column > 0 && isEncryptedValue(block.join('\n'));
}
