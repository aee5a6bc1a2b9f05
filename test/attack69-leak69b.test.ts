// Round 69 (leak69b): secrets the gate let through, each refused at every door (config, K3sVipCluster,
// TraefikHelmChartConfig, the write gate) as a ConfigMap's text and as an env value, never shown: 69a-7 passwords given
// to more clients (Samba's `-U user%pw`, kadmin, vsql, beeline, vault operator unseal, wpa_cli, kinit/realm/openconnect
// on standard input…), 69a-5 NTLM hashes, 69a-18 Debian preseed passwords and ASP.NET <machineKey>, 69a-25 PASETOs,
// macaroons and klist -K keys, 69a-4 private keys in other encodings, 69a-23 applications' own credential names, 69a-9
// look-alike letters. Their neighbours that hold no secret stay accepted.
import { bearerTokenSpans } from '../src/core/bearer-token-shapes';
import { machineKeySpans } from '../src/core/machine-key-attributes';
import { preseedPasswordSpans } from '../src/core/preseed-passwords';
import { encodedPrivateKeySpans } from '../src/core/private-key-encodings';
import { ntlmHashSpans } from '../src/core/pwdump-lines';
import { foldLetters } from '../src/core/folded-letters';
import { commandPasswordSpans } from '../src/core/secrets-commands';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

const NT = '8846f7eaee8fb117ad06bdd830b7586c';

// [row, the text, the secret it holds (never shown)]
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  // 69a-7
  ['rpcclient -U user%pw', "rpcclient -U 'admin%Qx7rpcPw' 10.0.0.5 -c enumdomusers", 'Qx7rpcPw'],
  ['net ads join -U user%pw', 'net ads join -U Administrator%Qx7netAdsPw', 'Qx7netAdsPw'],
  ['wmic -U domain/user%pw', 'wmic -U EXAMPLE/admin%Qx7wmicPw //10.0.0.5 "select * from Win32_OperatingSystem"', 'Qx7wmicPw'],
  ['smbcacls --user=user%pw', 'smbcacls //nas/share f.txt --user=admin%Qx7cacls', 'Qx7cacls'],
  ['kinit fed on standard input', "echo 'Qx7kinitPw' | kinit admin@EXAMPLE.COM", 'Qx7kinitPw'],
  ['kadmin -w', 'kadmin -p admin/admin -w Qx7kadminPw -q "listprincs"', 'Qx7kadminPw'],
  ['ipa-client-install -w', 'ipa-client-install --principal admin -w Qx7ipaPw2 --unattended', 'Qx7ipaPw2'],
  ['ipa-client-install --password=', 'ipa-client-install --principal admin --password=Qx7ipaPw3', 'Qx7ipaPw3'],
  ['realm join fed on standard input', 'echo Qx7realmPw | realm join -U Administrator example.com', 'Qx7realmPw'],
  ['vsql -w', "vsql -U dbadmin -w Qx7vsqlPw -c 'select 1'", 'Qx7vsqlPw'],
  ['beeline -p', 'beeline -u jdbc:hive2://hive:10000 -n hive -p Qx7beelinePw', 'Qx7beelinePw'],
  ['hdbsql -p', 'hdbsql -n localhost:30015 -u SYSTEM -p Qx7hanaPw "SELECT 1 FROM DUMMY"', 'Qx7hanaPw'],
  ['openconnect --passwd-on-stdin', 'echo Qx7ocPw | openconnect --user=ops --passwd-on-stdin vpn.example.com', 'Qx7ocPw'],
  ['vault operator unseal <key>', 'vault operator unseal Qx7UnsealKeyAbcdefghijklmnopqrstuvwxyz0123456', 'Qx7UnsealKeyAbcdefghij'],
  ['vault operator unseal -migrate <key>', 'vault operator unseal -migrate Qx7UnsealKeyAbcdefghijklmn', 'Qx7UnsealKeyAbcdefghij'],
  ['wpa_cli set_network psk', `wpa_cli set_network 0 psk '"Qx7wpaCliPw"'`, 'Qx7wpaCliPw'],
  ['neo4j-admin set-initial-password', 'neo4j-admin dbms set-initial-password Qx7neoPw', 'Qx7neoPw'],
  ['security add-generic-password -w', 'security add-generic-password -a ops -s backup -w Qx7kcPw', 'Qx7kcPw'],
  // 69a-5
  ['pwdump line', `Administrator:500:aad3b435b51404eeaad3b435b51404ee:${NT}:::`, NT],
  ['impacket -hashes LM:NT', `secretsdump.py -hashes aad3b435b51404eeaad3b435b51404ee:${NT} corp/admin@10.0.0.5`, NT],
  ['smbclient --pw-nt-hash', `smbclient //nas/share -U admin --pw-nt-hash ${NT}`, NT],
  ['evil-winrm -H', `evil-winrm -i 10.0.0.5 -u admin -H ${NT}`, NT],
  ['NTLM_HASH=', `NTLM_HASH=${NT}`, NT],
  ['nthash:', `nthash: ${NT}`, NT],
  // 69a-18
  ['preseed root password', 'd-i passwd/root-password password Qx7preseedPw', 'Qx7preseedPw'],
  ['preseed root password again', 'd-i passwd/root-password-again password Qx7preseedPw', 'Qx7preseedPw'],
  ['preseed user password', 'd-i passwd/user-password password Qx7userPw', 'Qx7userPw'],
  ['preseed grub password', 'd-i grub-installer/password password Qx7grubPw', 'Qx7grubPw'],
  [
    'ASP.NET machineKey',
    '<system.web>\n  <machineKey validationKey="Qx7A1B2C3D4E5F60718293A4B5C6D7E8F9" decryptionKey="Qx7B2C3D4E5F60718293A4B5C6D7E8F9A0" validation="HMACSHA256" decryption="AES" />\n</system.web>',
    'Qx7A1B2C3D4E5F6071',
  ],
  [
    'ASP.NET machineKey, decryption key alone',
    '<machineKey decryption="AES" decryptionKey="Qx7B2C3D4E5F60718293A4B5C6D7E8F9A0" />',
    'Qx7B2C3D4E5F6071',
  ],
  // 69a-25
  [
    'PASETO v4.public',
    'v4.public.eyJzdWIiOiJqb2UiLCJleHAiOiIyMDMwLTAxLTAxVDAwOjAwOjAwKzAwOjAwIn1Qx7sigAbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
    'eyJzdWIiOiJqb2UiLCJleHAiOiIyMDMw',
  ],
  [
    'PASETO v2.local',
    'token: v2.local.Qx7QxyHBCKrOu0ZB5gXaTG8gC4MNnY8rhdO9Dj0D5aHwEPUxyHBCKrOu0ZB5gXaTG8gC4MNnY8rhdO',
    'Qx7QxyHBCKrOu0ZB5',
  ],
  [
    'macaroon v1, base64',
    'MDAxY2xvY2F0aW9uIGh0dHA6Ly9leGFtcGxlLmNvbS8KMDAxZWlkZW50aWZpZXIgUXg3bWFjYXJvb25JZAowMDJmc2lnbmF0dXJlIGQ5ZTJh',
    'MDAxY2xvY2F0aW9uIGh0dHA6Ly9leGFt',
  ],
  ['LND macaroon in hex', 'LND_MACAROON=0201036c6e6402f801030a10b3f2e1d0c9b8a7f6e5d4c3b2a1', '0201036c6e6402f801030a10b3f2'],
  [
    'klist -K key',
    '   2 01/01/24 00:00:00 host/web1.example.com@EXAMPLE.COM (aes256-cts-hmac-sha1-96)  (0x3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e)',
    '3f2e1d0c9b8a7f6e5d4c3b2a1f0e',
  ],
  // 69a-4
  [
    '.NET RSAKeyValue with private parts',
    '<RSAKeyValue><Modulus>xA7SEU+e0yQH5rm9kbCDN9o3aPIo7HbP7tX6WOocLZAtNfyxSZDU16ksL6WjubafOqNEpcwR3RdFsT7bCqnXPBe5ELh5u4VEy19MzxkXRgrMvavzyBpVRgBUwUlV5foK5hhmbktQhyNdy/6LpQRhDUDsTvK+g9Ucj47es9AQJ3U=</Modulus><Exponent>AQAB</Exponent><P>7NwZP0Tv1P1L6QzZfoJyEk4Ss1OkEvYkbWfOpZc8W7k=</P><D>QjdpRsM2VnDw+1bqIxfsCgSxTzHd8g8Ff3Cm7uJ6pRk=</D></RSAKeyValue>',
    'QjdpRsM2VnDw+1bqIxfsCgSxTzHd8g8Ff3Cm7uJ6pRk',
  ],
  [
    'Nostr nsec',
    'nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5',
    'vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5',
  ],
  ['Bitcoin WIF', 'WALLET=5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ', '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ'],
  [
    'BIP32 xprv',
    'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi',
    'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi',
  ],
  // 69a-23
  ['.yarnrc.yml npmAuthIdent', 'npmAuthIdent: "ci-bot:Qx7yarnIdentPw"', 'Qx7yarnIdentPw'],
  ['Nextcloud passwordsalt', "'passwordsalt' => 'Qx7ncSalt9f8e7d6c5b4a3z2y1x0',", 'Qx7ncSalt9f8e7d6c5b4a3z2y1x0'],
  ['MediaWiki $wgUpgradeKey', '$wgUpgradeKey = "Qx7mwUpgrade9f8e";', 'Qx7mwUpgrade9f8e'],
  // 69a-9
  ['small capitals', '\u1d18\u1d00\ua731\ua731\u1d21\u1d0f\u0280\u1d05=Qx7encSecretVal9', 'Qx7encSecretVal9'],
  ['a Cherokee look-alike P', '\u13e2ASSWORD=Qx7encSecretVal9', 'Qx7encSecretVal9'],
  ['a Hangul filler inside the name', 'DB_PASS\u3164WORD=Qx7encSecretVal9', 'Qx7encSecretVal9'],
  ['a half-width Hangul filler inside the name', 'DB_PASS\uffa0WORD=Qx7encSecretVal9', 'Qx7encSecretVal9'],
];

const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['rpcclient -U user, a prompt', 'rpcclient -U admin 10.0.0.5 -c enumdomusers'],
  ['rpcclient -U user%reference', "rpcclient -U 'admin%$RPC_PASSWORD' 10.0.0.5"],
  ['net ads join -U user', 'net ads join -U Administrator'],
  ['kinit with a keytab', 'kinit -kt /etc/krb5.keytab host/web1.example.com'],
  ['kinit -R fed a word', 'echo done | kinit -R'],
  ['kadmin without -w', 'kadmin -p admin/admin -q "listprincs"'],
  ['kadmin -w a reference', 'kadmin -p admin/admin -w "$KADMIN_PW" -q listprincs'],
  ['beeline -p, a prompt', 'beeline -u jdbc:hive2://hive:10000 -n hive -p'],
  ['realm leave', 'echo y | realm leave example.com'],
  ['openconnect without --passwd-on-stdin', 'openconnect --user=ops vpn.example.com'],
  ['vault operator unseal, a prompt', 'vault operator unseal'],
  ['vault operator unseal -reset', 'vault operator unseal -reset'],
  ['wpa_cli ssid', `wpa_cli set_network 0 ssid '"HomeNet"'`],
  ['wpa_cli key_mgmt', 'wpa_cli set_network 0 key_mgmt WPA-PSK'],
  ['neo4j-admin set-initial-password, no value', 'neo4j-admin dbms set-initial-password'],
  ['security find-generic-password -w (a switch)', 'security find-generic-password -a ops -s backup -w'],
  ['the word security in prose', 'the security team rotates keys with -w flags'],
  ['pwdump line with the empty password', 'Guest:501:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::'],
  ['md5sum output', `${NT}  file.iso`],
  ['CONFIG_HASH digest', `CONFIG_HASH=${NT}`],
  ['smbclient --pw-nt-hash without a hash', 'smbclient //nas/share -U admin --pw-nt-hash'],
  ['preseed empty password', 'd-i passwd/root-password password'],
  ['preseed password reference', 'd-i passwd/root-password password $ROOT_PW'],
  ['preseed crypted hash', 'd-i passwd/user-password-crypted password $6$rounds=4096$abc$defghijklmnop'],
  ['preseed boolean', 'd-i passwd/root-login boolean false'],
  ['prose with password twice', 'the password password field in the form'],
  ['machineKey AutoGenerate', '<machineKey validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" />'],
  ['machineKey algorithms only', '<machineKey validation="HMACSHA256" decryption="AES" />'],
  ['machineKey reference', '<machineKey validationKey="$(MACHINE_VALIDATION_KEY)" />'],
  ['PASETO prose', 'the v2.local. format is documented'],
  ['macaroon path', 'MACAROON_PATH=/root/.lnd/admin.macaroon'],
  ['klist without -K', '   2 01/01/24 00:00:00 host/web1.example.com@EXAMPLE.COM (aes256-cts-hmac-sha1-96)'],
  [
    '.NET RSAKeyValue public only',
    '<RSAKeyValue><Modulus>xA7SEU+e0yQH5rm9kbCDN9o3aPIo7HbP7tX6WOocLZAtNfyxSZDU16ksL6WjubafOqNEpcwR3RdFsT7bCqnXPBe5</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>',
  ],
  ['Nostr npub', 'npub1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5'],
  ['WIF shape with a wrong checksum', 'ID=5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK'],
  ['BIP32 xpub', 'xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8'],
  ['npmAuthIdent reference', 'npmAuthIdent: "${NPM_AUTH_IDENT}"'],
  ['$wgUpgradeKey off', '$wgUpgradeKey = false;'],
  ['Cherokee words', '\u13e3\u13b3\u13a9 \u13a6\u13ec\u13c2\u13af\u13cd\u13d7=hello'],
  ['small capitals, no secret word', '\u0280\u1d07\u1d00\u1d05\u1d0d\u1d07=see the docs'],
  ['small capitals name, a reference', '\u1d18\u1d00\ua731\ua731\u1d21\u1d0f\u0280\u1d05=${DB_PASSWORD}'],
];

describe('69a-4/5/7/9/18/23/25: refused at every door, never shown', () => {
  test.each(REFUSED)('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
  test.each(REFUSED)('env value under a neutral name: %s', (_, text, secret) =>
    refusedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }, 'env[0]', secret),
  );
});

describe('their neighbours that hold no secret stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('69a-9: the fold reads small capitals and Cherokee look-alikes as Latin letters', () => {
  test('folds', () => {
    expect(foldLetters('\u1d18\u1d00\ua731\ua731\u1d21\u1d0f\u0280\u1d05')).toBe('password');
    expect(foldLetters('\u13e2ASSWORD')).toBe('PASSWORD');
    expect(foldLetters('\u13e3\u13b3\u13a9')).toBe('\u13e3\u13b3\u13a9');
  });
});

describe('the new readers are linear (100 kB)', () => {
  const N = 100_000;
  const repeat = (piece: string) => piece.repeat(Math.ceil(N / piece.length)).slice(0, N);
  test.each([
    ['preseed lines', () => preseedPasswordSpans(repeat('d-i a/b password x\n'))],
    ['preseed words without a line end', () => preseedPasswordSpans(`d-i a/b password ${repeat('x ')}`)],
    ['machineKey openings', () => machineKeySpans(repeat('<machineKey validationKey="'))],
    ['pwdump-like fields', () => ntlmHashSpans(repeat(`a:1:${NT}:`))],
    ['colons without hashes', () => ntlmHashSpans(`${NT} ${repeat('a:1:')}`)],
    ['PASETO prefixes', () => bearerTokenSpans(repeat('v4.public.'))],
    ['macaroon-like runs', () => bearerTokenSpans(repeat('MDAxY2xvY2F0aW9uI'))],
    ['klist openings', () => bearerTokenSpans(repeat('(aes256-cts-hmac-sha1-96) (0x'))],
    ['RSAKeyValue openings', () => encodedPrivateKeySpans(repeat('<RSAKeyValue><P>'))],
    ['base58 runs', () => encodedPrivateKeySpans(repeat('5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK '))],
    ['client lines', () => commandPasswordSpans(repeat('rpcclient -U a%b; '))],
    ['folding', () => foldLetters(repeat('\u1d18\u13e2\u3164'))],
  ])('%s', (_, read) => {
    read(); // compiled once
    const start = process.cpuUsage();
    read();
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
