// Round 73 (dec73b): attack73b finding 73b-4, secrets hidden by encodings the decoding step did not undo: base64 of
// brotli, base58 (a Solana keypair, a WIF key, text the line labels base58), uuencode, char-code and decimal byte
// arrays, binary digits, an SMTP `AUTH LOGIN`/`AUTH PLAIN` transcript, and a literal undone by the command beside it
// (`| rev`, `| tr 'A-Za-z' 'N-ZA-Mn-za-m'`, `codecs.decode(…, 'rot13')`). Each is refused at every door and never shown;
// its nearest plain neighbour (brotli of plain text, a base58 address or CID, a Solana signature, an array of small
// numbers, an SMTP transcript without AUTH, `rev` on a file name, ROT13 no command undoes) stays accepted.
import { createPrivateKey, createPublicKey, createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import { redact } from '../src/core/secrets';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { configErrors, withTraefikValues } from './helpers';
import { cpuMillisSince } from './cpu-time';

const LINE = 'database_password=Xk9mQ2pL7vR4tY8uWq';
const SETTINGS = `# app settings\nlisten=0.0.0.0:8080\nlog_level=info\n${LINE}\n`;
const PLAIN = '# app settings\nlisten=0.0.0.0:8080\nlog_level=info\nworkers=4\n';

const brotli64 = (text: string): string =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes: Buffer): string {
  let value = BigInt(`0x0${bytes.toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) out = `1${out}`;
  return out;
}
const SEED = createHash('sha256').update('dec73b seed').digest();
const PUBLIC = createPublicKey(
  createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]), format: 'der', type: 'pkcs8' }),
)
  .export({ format: 'der', type: 'spki' })
  .subarray(-32);
const SOLANA_KEYPAIR = base58(Buffer.concat([SEED, PUBLIC]));
const checked = (payload: Buffer): string => {
  const sum = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest();
  return base58(Buffer.concat([payload, sum.subarray(0, 4)]));
};
const WIF = checked(Buffer.concat([Buffer.from([0x80]), SEED, Buffer.from([0x01])]));
const WIF_BAD_SUM = `${WIF.slice(0, -1)}${WIF.endsWith('z') ? 'y' : 'z'}`;

const rot13 = (text: string): string =>
  text.replace(/[A-Za-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - (c <= 'Z' ? 65 : 97) + 13) % 26) + (c <= 'Z' ? 65 : 97)));
const codes = (text: string, join = ','): string => [...Buffer.from(text)].join(join);
const bits = (text: string): string => [...Buffer.from(text)].map((b) => b.toString(2).padStart(8, '0')).join(' ');

/** uuencode (POSIX): 45 bytes a line, each line's count then 4 characters per 3 bytes, backtick for zero. */
function uuencode(text: string, name = 'env.txt'): string {
  const bytes = Buffer.from(text);
  const char = (six: number) => (six === 0 ? '`' : String.fromCharCode(six + 32));
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 45) {
    const chunk = bytes.subarray(at, at + 45);
    let line = char(chunk.length);
    for (let i = 0; i < chunk.length; i += 3) {
      const [a, b = 0, c = 0] = [chunk[i], chunk[i + 1], chunk[i + 2]];
      line += char(a >> 2) + char(((a & 3) << 4) | (b >> 4)) + char(((b & 15) << 2) | (c >> 6)) + char(c & 63);
    }
    lines.push(line);
  }
  return `begin 644 ${name}\n${lines.join('\n')}\n\`\nend`;
}

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  [
    '73b-4 base64 of brotli (the probe)',
    'settings.br.b64: G3AAyB2H6RbjlupXVk4oRixv/Vqwn9k8ISsUJJMEDBsapOcLjk5O9IDyffvaQQKM8wA42ICzDcepZX1RH/4ZoE/QCwtaEoJlGozVyi09aEhhvEzdTC+30z+om/nFAw==',
    'G3AAyB2H6Rbjlup',
  ],
  ['base64 of brotli, alone', brotli64(SETTINGS), brotli64(SETTINGS).slice(0, 16)],
  ['base64 of brotli, the line alone', brotli64(LINE), brotli64(LINE).slice(0, 16)],
  ['73b-4 base58 labelled on its line', `config (base58): ${base58(Buffer.from(LINE))}`, base58(Buffer.from(LINE)).slice(0, 16)],
  ['base58 -d of a literal', `echo ${base58(Buffer.from(LINE))} | base58 -d`, base58(Buffer.from(LINE)).slice(0, 16)],
  ['a Solana keypair in base58', `solana keypair: ${SOLANA_KEYPAIR}`, SOLANA_KEYPAIR.slice(0, 16)],
  ['a Solana keypair alone', SOLANA_KEYPAIR, SOLANA_KEYPAIR.slice(0, 16)],
  ['a WIF key (compressed)', `import with: bitcoin-cli importprivkey ${WIF}`, WIF.slice(0, 16)],
  ['73b-4 ROT13 through tr', `echo '${rot13(LINE)}' | tr 'A-Za-z' 'N-ZA-Mn-za-m' > .env`, rot13(LINE).slice(-12)],
  ['ROT13 through tr, brackets, lower first', `echo "${rot13(LINE)}" | tr '[a-zA-Z]' '[n-za-mN-ZA-M]'`, rot13(LINE).slice(-12)],
  ['ROT13 through codecs.decode', `pw = codecs.decode('${rot13(LINE)}', 'rot_13')`, rot13(LINE).slice(-12)],
  ['73b-4 rev of a literal (r1)', "echo 'qWu8Yt4Rv7Lp2Qm9kX=DROWSSAP_BD' | rev > /etc/app/env", 'qWu8Yt4Rv7Lp2Qm9kX'],
  ['rev of an unquoted word', 'echo qWu8Yt4Rv7Lp2Qm9kX=DROWSSAP_BD | rev', 'qWu8Yt4Rv7Lp2Qm9kX'],
  ['rev after printf %s', "printf '%s' 'qWu8Yt4Rv7Lp2Qm9kX=DROWSSAP_BD' | rev", 'qWu8Yt4Rv7Lp2Qm9kX'],
  ['73b-4 String.fromCharCode', `String.fromCharCode(${codes(LINE)})`, codes(LINE).slice(0, 30)],
  ['73b-4 PowerShell [char[]] (r5)', `$p = -join ([char[]](${codes('DB_PASSWORD=Xk9mQ2pL7vR4tY8uWq')}))`, 'Xk9mQ2pL7vR4tY8uWq'],
  ['73b-4 a JSON array of decimal bytes', `[${codes(LINE, ', ')}]`, codes(LINE, ', ').slice(0, 30)],
  ['Python bytes([…]).decode()', `secret = bytes([${codes(LINE, ', ')}]).decode()`, codes(LINE, ', ').slice(0, 30)],
  ['a C array over lines', `char s[] = {${codes(LINE, ',\n  ')}};`, 'Xk9mQ2pL7vR4tY8uWq'],
  ['73b-4 binary digits', bits(LINE), bits(LINE).slice(0, 40)],
  [
    '73b-4 SMTP AUTH LOGIN transcript',
    'AUTH LOGIN\n334 VXNlcm5hbWU6\namRvZQ==\n334 UGFzc3dvcmQ6\nWGs5bVEycEw3dlI0dFk4dVdx\n235 ok',
    'WGs5bVEycEw3dlI0dFk4dVdx',
  ],
  [
    'SMTP AUTH LOGIN as an RFC writes it (C:/S:, CRLF)',
    'C: AUTH LOGIN\r\nS: 334 VXNlcm5hbWU6\r\nC: amRvZQ==\r\nS: 334 UGFzc3dvcmQ6\r\nC: c3VuZmxvd2VyMjAyNg==\r\nS: 235 2.7.0 ok',
    'c3VuZmxvd2VyMjAyNg',
  ],
  ['SMTP AUTH PLAIN', `EHLO client\nAUTH PLAIN ${b64('\0jdoe\0Xk9mQ2pL7vR4tY8uWq')}\n235 ok`, b64('\0jdoe\0Xk9mQ2pL7vR4tY8uWq')],
  ['73b-4 uuencode (u1)', 'begin 644 env.txt\n=861M:6Y?<&%S<W=O<F0]4W5N9FQO=V5R,C R-B$ \n`\nend\n', '=861M:6Y?<&%S<W=O<F0]'],
  ['73b-4 uuencode (u2)', uuencode('export API_TOKEN=Xk9mQ2pL7vR4tY8uWqZ1aB2c'), 'Xk9mQ2pL7vR4tY8uWq'],
  ['uuencode over two lines', uuencode(`${PLAIN}${LINE}\n`), 'Xk9mQ2pL7vR4tY8uWq'],
];

const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['base64 of brotli of plain settings', `settings.br.b64: ${brotli64(PLAIN)}`],
  ['base64 of brotli of plain settings, alone', brotli64(PLAIN)],
  ['a SHA-512 digest in base64', createHash('sha512').update('x').digest('base64')],
  ['a Bitcoin address', 'send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 or bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
  ['an IPFS CID', 'ipfs cat QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG'],
  ['a Solana public key', `solana address: ${base58(PUBLIC)}`],
  ['a Solana transaction signature (64 bytes, no keypair)', `tx: ${base58(createHash('sha512').update('tx').digest())}`],
  ['a keypair-sized run whose halves do not match', base58(Buffer.concat([SEED, SEED]))],
  ['a WIF-sized run whose checksum is wrong', `key ${WIF_BAD_SUM}`],
  ['labelled base58 of plain text', `config (base58): ${base58(Buffer.from('log_level=info workers=4'))}`],
  ['ROT13 that no command undoes', rot13('the quick brown fox jumps over the lazy dog')],
  ['ROT13 of prose through tr', `echo '${rot13('hello world')}' | tr 'A-Za-z' 'N-ZA-Mn-za-m'`],
  ['rev on a file name', 'rev names.txt > reversed.txt'],
  ['rev in a pipeline of paths', 'find . -type f | rev | cut -d/ -f1 | rev | sort -u'],
  ['rev of a name alone', "echo 'DROWSSAP_BD' | rev"],
  ['an array of small numbers', 'fib = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]'],
  ['an array of scores', 'scores: [88, 92, 75, 64, 99, 100, 81, 77, 93, 85, 70, 68]'],
  ['ports in a list', 'ports: [80, 443, 8080, 8443, 9000, 9090, 9100, 9200, 9300, 3000, 5432, 6379]'],
  ['char codes of prose', `String.fromCharCode(${codes('hello, world! how are you?')})`],
  ['binary digits of prose', bits('hello world, ok!')],
  ['a CSV row of numbers', '2024,1,15,12,30,45,100,200,150,175,180,190'],
  [
    'an SMTP transcript without AUTH',
    'EHLO client\n250-mail.example.com\n250 AUTH LOGIN PLAIN\nMAIL FROM:<a@example.com>\n250 OK\nDATA\n354 go',
  ],
  ['an SMTP AUTH LOGIN cancelled', 'AUTH LOGIN\n334 VXNlcm5hbWU6\namRvZQ==\n334 UGFzc3dvcmQ6\n*\n501 cancelled'],
  ['uuencode of plain settings', uuencode(PLAIN)],
  ['a begin line that is prose', 'begin 644 lines of the report\nthen the summary\nend'],
];

describe('73b-4: a secret behind an encoding is refused at every door, never shown', () => {
  test.each(REFUSED)('%s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('73b-4: the nearest plain neighbours stay accepted', () => {
  test.each(ACCEPTED)('%s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('73b-4: the new decoders stay linear', () => {
  beforeAll(() => acceptedEverywhere(textConfigMap('warm up')));
  test.each([
    ['char codes', `String.fromCharCode(${'104,101,'.repeat(12_000)}104)`],
    ['short lists', '1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 '.repeat(3_000)],
    ['binary groups', `${'01100001 '.repeat(11_000)}`],
    ['base64 of random bytes', Array.from({ length: 100 }, (_, i) => createHash('sha512').update(String(i)).digest('base64')).join(' ')],
    ['base58 keypair-sized runs', Array.from({ length: 100 }, (_, i) => base58(createHash('sha512').update(String(i)).digest())).join(' ')],
    ['base58 WIF-sized runs', Array.from({ length: 1_900 }, (_, i) => WIF.slice(0, 40) + String(i).padStart(11, 'x')).join(' ')],
    ['echo | rev', "echo 'abc' | rev ".repeat(5_500)],
    ['open quotes after echo', "echo '".repeat(8_000)],
    ['SMTP password prompts', '334 UGFzc3dvcmQ6\n////////\n'.repeat(3_800)],
    ['uuencode lines', `begin 644 a\n${'M'.repeat(61)}\n`.repeat(1_500)],
  ])('%s', (_, text) => {
    const started = process.cpuUsage();
    const sample = text.slice(0, 100_000);
    redact(sample);
    configErrors(withTraefikValues(textConfigMap(sample)));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
