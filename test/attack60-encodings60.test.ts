// Round 60 (review60-1, review60-9, 60b-1, 60b-2, 60a-9): gzip written as wrapped base64 (`base64`: 76 columns,
// `openssl base64`: 64) was read only as far as its first line; base64 of binary data holding a secret as plain text (a
// tar or a stored zip of a `.env`, a few bytes before `DB_PASSWORD=…`), zlib and raw deflate, gzip in gzip, hex of gzip,
// base64 three times and base32 of a private key's DER were written unread; bzip2 and xz, which Node cannot read, were
// written too. Each is refused at every door (config, K3sVipCluster, TraefikHelmChartConfig, the write gate), naming
// the key path and never the secret; ordinary neighbours (secret-free compressed or binary data, a public key) pass.
import { generateKeyPairSync } from 'node:crypto';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { valuesDoors } from './helpers';
import { inflated } from '../src/core/gzip-members';

const S = 'Zx9qWm4vTr7pLk2n';
const configMap = (data: Record<string, string>, binaryData?: Record<string, string>) => ({
  extraObjects: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data, ...(binaryData && { binaryData }) },
  ],
});
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const wrap = (run: string, width: number) => run.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n') + '\n';
const joined = (values: unknown) =>
  [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values), ...valuesDoors.gate(values)].join('\n');

/** A one-file ustar archive (POSIX pax "ustar Interchange Format"): a 512-byte header, the content padded to 512. */
function tar(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const body = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  body.write(content);
  return Buffer.concat([header, body, Buffer.alloc(1024)]);
}
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Buffer): string {
  let [bits, value, out] = [0, 0, ''];
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) out += BASE32[(value >>> (bits -= 5)) & 31];
  }
  return bits ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

const env = `# app settings\n${'LOG_LEVEL=info\n'.repeat(40)}DB_PASSWORD=${S}\n`;
const ecKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'der', type: 'pkcs8' });

describe('review60-1, 60b-1, 60b-2, 60a-9: encoded, compressed and binary data is read, or refused where it cannot be', () => {
  const refused: Array<[string, string]> = [
    ['gzip as base64 wrapped at 76 columns (`base64`)', wrap(b64(gzipSync(env)), 76)],
    ['gzip as base64 wrapped at 64 columns (`openssl base64`)', wrap(b64(gzipSync(env)), 64)],
    ['gzip as wrapped base64, CRLF line breaks', wrap(b64(gzipSync(env)), 76).replace(/\n/g, '\r\n')],
    ['zlib as wrapped base64', wrap(b64(deflateSync(env)), 76)],
    ['a tar of a .env', b64(tar('.env', `DB_PASSWORD=${S}\n`))],
    ['a tar of a .env, wrapped', wrap(b64(tar('.env', `DB_PASSWORD=${S}\n`)), 76)],
    ['a gzipped tar of a .env', b64(gzipSync(tar('.env', `DB_PASSWORD=${S}\n`)))],
    [
      'a stored zip of a .env',
      'UEsDBBQAAAAAAGoUhl14Gtl8HQAAAB0AAAAEAAAALmVudkRCX1BBU1NXT1JEPVp4OXFXbTR2VHI3cExrMm4KUEsBAhQDFAAAAAAAahSGXXga2XwdAAAAHQAAAAQAAAAAAAAAAAAAAKSBAAAAAC5lbnZQSwUGAAAAAAEAAQAyAAAAPwAAAAAA',
    ],
    ['binary bytes before DB_PASSWORD=', b64(Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from(`DB_PASSWORD=${S}\n`)]))],
    ['zlib (`eJw…`, Python zlib.compress)', b64(deflateSync(`DB_PASSWORD=${S}\n`))],
    ['zlib at level 9 (`eNo…`)', b64(deflateSync(`DB_PASSWORD=${S}\n`, { level: 9 }))],
    ['raw deflate, the value alone', b64(deflateRawSync(`DB_PASSWORD=${S}\n`))],
    ['gzip inside gzip, wrapped', wrap(b64(gzipSync(gzipSync(env))), 76)],
    ['hex of gzip (`xxd -p`, one line)', gzipSync(`DB_PASSWORD=${S}\n`).toString('hex')],
    ['base64 three times', b64(b64(b64(`DB_PASSWORD=${S}\n`)))],
  ];
  test.each(refused)('data: %s', (_, text) => {
    refusedEverywhere(configMap({ 'app.blob': text }), 'extraObjects[0].data["app.blob"]', S);
    expect(joined(configMap({ 'app.blob': text }))).not.toContain(text.slice(0, 40));
  });
  test.each(refused.filter(([, text]) => !text.includes('\n') && /^[A-Za-z0-9+/]+=*$/.test(text)))('binaryData: %s', (_, text) => {
    refusedEverywhere(configMap({}, { 'app.blob': text }), 'extraObjects[0].binaryData["app.blob"]', S);
  });

  test('a K3s token in a tar', () => {
    const token = `K10${'ab12'.repeat(16)}::server:${S}`;
    refusedEverywhere(configMap({ t: b64(tar('token', `token: ${token}\n`)) }), 'extraObjects[0].data.t', S);
  });

  test('base32 of a private key DER', () => {
    const run = base32(ecKey);
    const message = joined(configMap({ 'key.b32': run }));
    expect(message).toContain('extraObjects[0].data["key.b32"]');
    expect(message).not.toContain(run.slice(0, 40));
  });

  test.each([
    ['bzip2 (`BZh`)', 'QlpoOTFBWSZTWZ71YjIAAATPgAAQFKI0BNyQgAtxQCAAMUAAAZMgoJhMJgyepqFsglsMzIGC0aMQ+D0uDvU/F3JFOFCQnvViMg=='],
    [
      'xz (`FD 37 7A 58 5A 00`)',
      '/Td6WFoAAATm1rRGAgAhARYAAAB0L+WjAQAcREJfUEFTU1dPUkQ9Wng5cVdtNHZUcjdwTGsybgoAAAAAkC8cTUiKIVwAATUdRBux4R+2830BAAAAAARZWg==',
    ],
    ['gzip past 1 MiB, wrapped', wrap(b64(gzipSync(Buffer.alloc(2 * 1024 * 1024, 'a'))), 76)],
    ['zlib past 100 times its size', b64(deflateSync('abc\n'.repeat(50_000)))],
  ])('refused as compressed data the gate cannot read: %s', (_, text) => {
    const message = joined(configMap({ 'big.blob': text }));
    expect(message).toContain('extraObjects[0].data["big.blob"]');
    expect(message).toContain('store it uncompressed');
    expect(message).not.toContain(text.slice(0, 40));
  });

  test('review60-9: bytes inflated again are the remembered inflation, not a second one', () => {
    const bytes = gzipSync(`line: ${'x'.repeat(20)}\n`.repeat(50));
    const first = inflated(bytes);
    expect(first).toBeInstanceOf(Buffer);
    expect(inflated(Buffer.from(bytes))).toBe(first);
  });

  test.each([
    ['secret-free gzip, wrapped', wrap(b64(gzipSync('server {\n  listen 80;\n  location / { proxy_pass http://web:80; }\n}\n')), 76)],
    ['secret-free zlib', b64(deflateSync('replicas: 3\nimage: nginx:1.27\n'))],
    ['a secret-free tar', b64(tar('nginx.conf', 'worker_processes auto;\nevents { worker_connections 1024; }\n'))],
    ['random binary data, wrapped', wrap(b64(Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919 + 13) % 251))), 76)],
    [
      'a public key (PEM)',
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    ],
    ['one base64 token per line (not one block)', `${b64('first-item-aaaaaa')}\n${b64('second-item-bbbbb')}\n`],
  ])('control, accepted: %s', (_, text) => {
    acceptedEverywhere(configMap({ 'x.blob': text }));
  });
});
