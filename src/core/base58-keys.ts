import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { bytesAsText } from './byte-run-decodings';
import { triesPerText } from './tries-per-text';

/**
 * Round 73 (73b-4): base58 (Bitcoin's alphabet: no `0`, `O`, `I`, `l`) is how wallets write keys; IPFS CIDs, Bitcoin
 * addresses and many ids are base58 too, and are public. So a run is read only where it decodes to a key's structure:
 * - a 64-byte ed25519 keypair, seed then public key (Solana's `solana-keygen` keypair, Phantom's export;
 *   solana-sdk keypair.rs `Keypair::to_base58_string`), its second half the key the first half derives;
 * - WIF, a Bitcoin private key (version 0x80 or testnet 0xef, 32 bytes, 0x01 for a compressed key, then a 4-byte
 *   double SHA-256 checksum: en.bitcoin.it/wiki/Wallet_import_format);
 * each read as the private key's PKCS#8 or SEC1 DER in base64, which the shapes refuse as a key (der-keys.ts). Else a
 * run the text labels `base58` beside it on its line (`config (base58): …`, `base58 -d`) is read as the text it is.
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const RUN = /(?<![0-9A-Za-z+/])[1-9A-HJ-NP-Za-km-z]{17,1024}(?![0-9A-Za-z+/])/g;
/** How far before or after a run its label may stand, on its line (`base58: …`, `echo … | base58 -d`). */
const LABEL_REACH = 40;
/** A key's derivation costs ~0.1 ms: a text's first few keypair-sized runs are checked. */
const mayDeriveAt = triesPerText(8);

function base58Bytes(run: string): Buffer {
  let value = 0n;
  for (const char of run) value = value * 58n + BigInt(ALPHABET.indexOf(char));
  const hex = value === 0n ? '' : value.toString(16);
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  const zeros = /^1*/.exec(run)![0].length;
  return Buffer.concat([Buffer.alloc(zeros), body]);
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex'); // RFC 8410 §7
const SEC1_SECP256K1 = (key: Buffer) =>
  Buffer.concat([Buffer.from('302e0201010420', 'hex'), key, Buffer.from('a00706052b8104000a', 'hex')]); // RFC 5915, secp256k1

/** Whether 64 bytes are an ed25519 seed and the public key it derives. */
function isEd25519Keypair(bytes: Buffer): boolean {
  try {
    const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, bytes.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
    const raw = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
    return raw.equals(bytes.subarray(32));
  } catch {
    return false;
  }
}

const doubleSha256 = (bytes: Buffer): Buffer => createHash('sha256').update(createHash('sha256').update(bytes).digest()).digest();

/** A WIF's 32-byte key, or undefined. */
function wifKey(bytes: Buffer): Buffer | undefined {
  if ((bytes.length !== 37 && bytes.length !== 38) || (bytes[0] !== 0x80 && bytes[0] !== 0xef)) return undefined;
  if (bytes.length === 38 && bytes[33] !== 0x01) return undefined;
  const body = bytes.subarray(0, -4);
  return doubleSha256(body).subarray(0, 4).equals(bytes.subarray(-4)) ? bytes.subarray(1, 33) : undefined;
}

/** The decoding (text-decodings.ts) that reads a base58 key as its DER, and labelled base58 as its text. */
export const BASE58_KEYS = {
  // Only a key's length (WIF 51-52, a keypair 87-88) or a base58 label makes a run worth decoding: a cheaper pass.
  applies: /[1-9A-HJ-NP-Za-km-z]{50}|base58/i,
  escape: RUN,
  decode: (run: string, text: string, at: number): string | undefined => {
    const [before, after] = [text.slice(Math.max(0, at - LABEL_REACH), at), text.slice(at + run.length, at + run.length + LABEL_REACH)];
    const labelled = /base58/i.test(`${before.split('\n').pop()!} ${after.split('\n')[0]}`);
    if (!labelled && !(run.length >= 50 && run.length <= 52) && !(run.length >= 86 && run.length <= 88)) return undefined;
    const bytes = base58Bytes(run);
    if (bytes.length === 64 && mayDeriveAt(text, at) && isEd25519Keypair(bytes))
      return Buffer.concat([PKCS8_ED25519, bytes.subarray(0, 32)]).toString('base64');
    const wif = wifKey(bytes);
    if (wif) return SEC1_SECP256K1(wif).toString('base64');
    return labelled ? bytesAsText(bytes) : undefined;
  },
};
