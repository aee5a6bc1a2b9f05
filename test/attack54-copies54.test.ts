import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { isPlaceholder } from '../src/core/placeholders';
import { redactMessage } from '../src/core/redact-message';
import { devConfig, refusalOf, valuesDoors, withChanges } from './helpers';
import { configMapOfTexts } from './secret-tables';

/**
 * Round-52a findings 17 and 18.
 * 17: copies of a refused secret printed in other messages of the same run: its hex (either case), its percent-encoding
 * (lower-case hex, or only some characters), its base32 (padded or not, lower case), a part of it (one verdict for the
 * same part in every message: a run of 8 or more characters that mixes letter cases or letters and digits), reversed.
 * Both doors (a config file, K3sVipCluster props) say where and show none of them.
 * 18: documentation's stand-ins and values encrypted to be committed were refused as literal passwords; a refusal under a
 * secret's name now says it was taken as a literal and names the forms accepted instead.
 */
const S = 'Qz7vTq2mWx9pLk4r';
const bytes = Buffer.from(S);
const HEX = bytes.toString('hex');
/** RFC 4648 base32 of S (`printf %s Qz7vTq2mWx9pLk4r | base32`), as the attack's copy2_b32 case. */
const BASE32 = 'KF5DO5SUOEZG2V3YHFYEY2ZUOI======';
/** S percent-encoded byte by byte, in lower- or upper-case hex. */
const pct = (hexCase: 'lower' | 'upper') => {
  const encoded = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return hexCase === 'upper' ? encoded.toUpperCase() : encoded;
};

/** A config (as the copy2_* cases) holding `password: S` in a ConfigMap and `copy` in three other places. */
function withCopy(copy: string): any {
  return withChanges(devConfig(), {
    ingresses: [{ ...devConfig().ingresses[0], host: `${copy}.example.com` }],
    kubeVip: { controlPlane: { address: `192.168.0.40/${copy}` } },
    traefik: {
      values: {
        additionalArguments: [`--accesslog.${copy}=true`],
        extraObjects: [
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n', namespace: 'kube-system' }, data: { 'a.txt': `password: ${S}` } },
        ],
      },
    },
  });
}
const configDoor = (config: unknown) => parseConfigText('config/t.yaml', stringify(config)).errors.map(formatDiagnostic).join('\n');
const constructDoor = (config: unknown) => refusalOf(() => new K3sVipCluster(new App(), 'c', config as never));

/** Places each door must name: the secret's, and the copies' where their value is wrong. */
const PLACES = ['traefik.values.extraObjects[0].data["a.txt"]', 'kubeVip.controlPlane.address', 'traefik.values.additionalArguments[0]'];

describe('52a-17: a copy of a refused secret is not printed by another message, at either door', () => {
  const rows: Array<[string, string]> = [
    ['hex, lower case', HEX],
    ['hex, upper case', HEX.toUpperCase()],
    ['percent-encoded, lower-case hex', pct('lower')],
    ['percent-encoded, upper-case hex', pct('upper')],
    ['percent-encoded in part', `Qz%37vTq%32mWx9pLk%34r`],
    ['base32 without padding', BASE32.replace(/=+$/, '')],
    ['base32 in lower case', BASE32.replace(/=+$/, '').toLowerCase()],
    ['its first nine characters', S.slice(0, 9)],
    ['nine characters from its middle', S.slice(4, 13)],
    ['its first nine characters lower-cased', S.slice(0, 9).toLowerCase()],
    ['a part percent-encoded', '%51%7a%37%76%54%71%32%6d'],
    ['the secret reversed', [...S].reverse().join('')],
    ['a part reversed', [...S.slice(3, 12)].reverse().join('')],
    ['the secret (control)', S],
    ['base64 (control)', bytes.toString('base64').replace(/=+$/, '')],
  ];
  const shown = (text: string, copy: string) => {
    const lower = text.toLowerCase();
    return [copy, S, HEX, decodeURIComponent(copy)].some((form) => lower.includes(form.toLowerCase()));
  };
  test.each(rows)('%s', (_, copy) => {
    const config = withCopy(copy);
    const doors = { config: configDoor(config), construct: constructDoor(config) };
    for (const text of Object.values(doors)) {
      for (const place of PLACES) expect(text).toContain(place);
      expect(shown(text, copy)).toBe(false);
    }
  });
  // Since 60a-7 a piece of 4 or more letters and digits of a generated secret is blanked too (msgs60: secret-pieces.ts).
  test('control: a value sharing 3 characters with the secret is still shown, and so is the wording', () => {
    const text = configDoor(withCopy(S.slice(0, 3)));
    expect(text).toContain(`"192.168.0.40/${S.slice(0, 3)}" is not an IP address`);
    expect(text).not.toContain(S);
  });
  test.each([
    [
      'a run of one kind of characters is wording, not a part',
      `password=database-${S}`,
      'traefik: "database.example.com" is not valid',
      true,
    ],
    ['a run of letters and digits is a part', `password=database-${S}`, `traefik: "${S.slice(2, 11)}.example.com" is not valid`, false],
    ['a percent-encoded UTF-8 copy', 'password=Zx9Qw7Lpé3Vb', 'traefik: "Zx9Qw7Lp%C3%A93Vb" is not valid', false],
    ['upper-case hex of a secret line of a text', `a: 1\npassword=${S}\n`, `traefik: "${HEX.toUpperCase()}" is not valid`, false],
  ])('redactMessage: %s', (_, secret, message, kept) => {
    const out = redactMessage(message, [secret]);
    expect(out === message).toBe(kept);
    if (!kept) expect(out).toMatch(/^traefik: "<redacted>(?:\.example\.com)?" is not valid$/);
  });
});

describe('52a-18: stand-ins and encrypted values are no secrets; literals stay refused, and the refusal names what is accepted', () => {
  // A real-shaped Ansible Vault body: hex of the hex salt, HMAC and ciphertext, one a line (ansible parsing/vault).
  const vaultBody = Buffer.from(`${'ab'.repeat(32)}\n${'cd'.repeat(32)}\n${'ef'.repeat(32)}`).toString('hex');
  const vault = `$ANSIBLE_VAULT;1.1;AES256\n${vaultBody.match(/.{1,80}/g)!.join('\n')}`;
  const SOPS = 'ENC[AES256_GCM,data:Tr7oQw==,iv:hDGgLFqtf0BYds+rY+Up4Sxox2qMbm0uUiiy/iJOl84=,tag:iCrbg4WDTUq3PyW1eH9hnw==,type:str]';
  const accepted = [
    'password: REPLACE_ME',
    'password: [REDACTED]',
    'password: xxxxxxxx',
    'api_token: XXXX-XXXX-XXXX',
    'password: ********',
    'password: changeme',
    'password: change-me',
    'PASSWORD=CHANGEME',
    'DB_PASSWORD=changeme  # replace before use',
    'password: replace-with-your-password',
    'pass: through',
    'password: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]',
    `password: ${SOPS}`,
    'password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162636465',
    `db:\n  password: !vault |\n${vault.replace(/^/gm, '    ')}\n  user: app\n`,
    `password: |\n${vault.replace(/^/gm, '  ')}\n`,
  ];
  const acceptedDoors = (() => {
    let doors: string[] | undefined;
    return () => (doors ??= [valuesDoors.config, valuesDoors.cluster, valuesDoors.chart].map((door) => door(configMapOfTexts(accepted))));
  })();
  test.each(accepted.map((text, i) => [text, i] as const))('%j is accepted at every door', (_, i) => {
    for (const door of acceptedDoors()) expect(door).not.toMatch(new RegExp(`data\\.k${i}(?!\\d)`));
  });
  test('all of them: nothing refused, the write gate finds nothing', () => {
    for (const door of acceptedDoors()) expect(door).toBe('');
    expect(valuesDoors.gate(configMapOfTexts(accepted))).toEqual([]);
  });

  const hexOfS = Buffer.from(S).toString('hex');
  const refused = [
    'password: changeme2024!',
    'password: changeit',
    `password: [${S}]`,
    `password: ENC[AES256_GCM,data:${S},iv:1=,tag:x=,type:str]`,
    `pass: ${S}`,
    `password: !vault |\n  ${S}`,
    `password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  ${hexOfS}`,
    `DB_PASSWORD=changeme  # ${S}`,
    `password: REPLACE_ME ${S}`,
    `password: xxxxxxxx${S}`,
  ];
  const refusedDoors = (() => {
    let doors: string[] | undefined;
    return () => (doors ??= [valuesDoors.config, valuesDoors.cluster, valuesDoors.chart].map((door) => door(configMapOfTexts(refused))));
  })();
  test.each(refused.map((text, i) => [text, i] as const))('control: %j is refused at its place, the secret shown nowhere', (_, i) => {
    for (const door of refusedDoors()) {
      expect(door).toMatch(new RegExp(`data\\.k${i}(?!\\d)`));
      for (const form of [S, S.toLowerCase(), hexOfS, 'changeme2024', 'changeit']) expect(door).not.toContain(form);
    }
  });
  test('the refusal says the value was taken as a literal and names the forms accepted instead', () => {
    const line = valuesDoors.config(configMapOfTexts(['password: changeme2024!'])).split('\n')[0];
    expect(line).toContain('data.k0: holds text that sets a value under a key named like a secret');
    expect(line).toContain('it was taken as a literal value');
    for (const form of ['a reference', '<your-password>', 'REPLACE_ME', 'SOPS', 'Ansible Vault']) expect(line).toContain(form);
  });
  test.each(['REPLACE_ME', '[REDACTED]', 'xxxxxxxx', 'CHANGEME', 'change-me', 'fill-me-in'])('%s is a placeholder', (value) =>
    expect(isPlaceholder(value)).toBe(true),
  );
  test.each(['changeme2024!', 'changeit', `[${S}]`, `xxxx${S}`, 'REPLACE_ME2', 'pass'])('%s is no placeholder', (value) =>
    expect(isPlaceholder(value)).toBe(false),
  );
});
