// Round 57a-6: encodings not decoded before the secret readers looked: PowerShell's `-EncodedCommand` (base64 of
// UTF-16LE text) and bare base64 of UTF-16 text, octal escapes (`printf '\160assword=%s'`, `$'\160assword'`), and the
// hex (or base32) of a K3s token or of `password=…`. Each is refused at every door (config, K3sVipCluster and
// TraefikHelmChartConfig props, the write gate), naming the path, never the value; ordinary hex digests, commit ids,
// base64 of secret-free UTF-16 text and `\0` in printf formats stay accepted.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { redact, REDACTED, secretShape } from '../src/core/secrets';

const S = 'Zq8vLmP3xR7tYw';
const K3S = `K10${'abcdef0123456789'.repeat(4)}::server:${S}`;

const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le');
const utf16be = (text: string): Buffer => utf16le(text).swap16();
const b64 = (bytes: Buffer): string => bytes.toString('base64');
const hex = (text: string): string => Buffer.from(text).toString('hex');
/** RFC 4648 base32 with padding, as coreutils' `base32` writes it. */
function base32(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...Buffer.from(text)].map((byte) => byte.toString(2).padStart(8, '0')).join('');
  const digits = (bits.match(/.{1,5}/g) ?? []).map((group) => alphabet[parseInt(group.padEnd(5, '0'), 2)]).join('');
  return digits.padEnd(Math.ceil(digits.length / 8) * 8, '=');
}
/** Each character of `text` as a three-digit octal escape. */
const octal = (text: string, lead = ''): string =>
  [...text].map((c) => `\\${lead}${c.charCodeAt(0).toString(8).padStart(3, '0')}`).join('');

const note = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'default' }, data: { note: text } }],
});
const env = (value: string) => ({ env: [{ name: 'SETUP', value }] });

const PS_ENV = b64(utf16le(`$env:DB_PASSWORD='${S}'`));
const PS_VAR = b64(utf16le(`$password = '${S}'`));

/** [label, text, a part of it the message must not show]. */
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  ['powershell -EncodedCommand (the case)', `powershell -EncodedCommand ${PS_ENV}`, PS_ENV],
  ['pwsh -enc', `pwsh -NoProfile -enc ${PS_ENV}`, PS_ENV],
  ['powershell.exe -e', `powershell.exe -e ${PS_VAR}`, PS_VAR],
  ['pwsh -ec, quoted', `pwsh -ec "${PS_VAR}"`, PS_VAR],
  ['bare base64 of UTF-16LE (the case)', PS_VAR, PS_VAR],
  ['base64 of UTF-16LE with its BOM', b64(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(`$password = '${S}'`)])), PS_VAR.slice(8, 40)],
  ['base64 of UTF-16BE', b64(utf16be(`DB_PASSWORD=${S}`)), b64(utf16be(`DB_PASSWORD=${S}`))],
  ['printf octal format (the case)', `printf '\\160assword=%s' ${S}`, S],
  ["$'…' octal name (the case)", `export $'\\160assword'=${S}`, S],
  ["$'…' all octal", `export $'${octal('DB_PASSWORD')}'=${S}`, S],
  ['echo -e \\0NNN', `echo -e '${octal('password=', '0')}${S}'`, S],
  ['octal value after a plain name', `password=${octal(S)}`, octal(S)],
  ['two-digit octal =', `password\\75${S}`, S],
  ['hex of a K3s token (the case)', hex(K3S), hex(K3S)],
  ['hex of a K3s token, upper case', hex(K3S).toUpperCase(), hex(K3S).toUpperCase()],
  ['hex of a K3s token after 0x', `token_file_hex 0x${hex(K3S)}`, hex(K3S)],
  ['hex of password=', `echo ${hex(`password=${S}`)} | xxd -r -p`, hex(`password=${S}`)],
  ['base32 of password=', `echo ${base32(`password=${S}`)} | base32 -d`, base32(`password=${S}`)],
  ['base32 of DB_PASSWORD=, unpadded', base32(`DB_PASSWORD=${S}`).replace(/=+$/, ''), base32(`DB_PASSWORD=${S}`).replace(/=+$/, '')],
];

describe('57a-6: an encoded secret is refused at every door, the message naming the path, never the value', () => {
  test.each(REFUSED)('ConfigMap text: %s', (_label, text, shown) => {
    refusedEverywhere(note(text), 'extraObjects[0].data.note', shown);
  });
  test.each(REFUSED)('env value: %s', (_label, text, shown) => {
    refusedEverywhere(env(text), 'env[0].value', shown);
  });
  test.each(REFUSED)('a message quoting it is redacted: %s', (_label, text, shown) => {
    expect(secretShape(text)).toBeDefined();
    const out = redact(`could not run: ${text}`);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(shown);
    expect(out).not.toContain(S);
  });
});

const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['a sha256 digest', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  ['a commit id', 'revision: 391e86f0c2a4b5d6e7f8091a2b3c4d5e6f708192'],
  ['an upper-case hex digest', 'SHA1=A94A8FE5CCB19BA61C4C0873D391E987982FBBD3'],
  ['a sha512 digest', `checksum ${'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce'.repeat(2)}`],
  ['hex of secret-free text', `echo ${hex('hello world, this is fine')} | xxd -r -p`],
  ['a UUID', 'id: 123e4567-e89b-12d3-a456-426614174000'],
  [
    'powershell -EncodedCommand of a secret-free command',
    `powershell -EncodedCommand ${b64(utf16le("Get-ChildItem C:\\temp | Write-Host 'hello world'"))}`,
  ],
  ['bare base64 of secret-free UTF-16LE', b64(utf16le('Write-Output "the quick brown fox"'))],
  ['printf with \\0', "printf 'a\\0b\\0c\\n' | xargs -0 echo"],
  ['printf %s\\0', "find . -print0; printf '%s\\0' one two"],
  ['ANSI colours', "printf '\\033[0;31mred\\033[0m and \\033[1mbold\\033[0m\\n'"],
  ['a Windows path with digits', 'C:\\Users\\123\\AppData\\Local\\Temp'],
  ['an upper-case constant', 'mode: ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'],
  ['base32 of secret-free text', `echo ${base32('hello world, nothing here')} | base32 -d`],
];

describe('57a-6 controls: ordinary hex, base64 of secret-free UTF-16 text, octal and NUL escapes are accepted', () => {
  test.each(ACCEPTED)('%s', (_label, text) => {
    expect(secretShape(text)).toBeUndefined();
    acceptedEverywhere(note(text));
  });
});
