// Round 67 (misc67): 67a-12 (VyOS `set` lines whose password, secret or Wi-Fi passphrase is a dictionary word), 67a-13
// (Oracle `CONNECT` with quoted names, and `CONNECT u IDENTIFIED BY pw`) and 67a-20 (a refusal's own reason and remedy
// are never redacted, even where a secret found in the config is one of their words: `password=dist`) and 67a-21 (a
// control character in a value does not hide its secret: both are said in one run). Each refused
// row is named by its key path and never shows its secret; each neighbour is accepted at every door.
import { App } from 'cdk8s';
import { K3sVipCluster } from '../src';
import { configErrors, refusalOf, withTraefikValues } from './helpers';
import { acceptedEverywhere, refusedAtTextDoors, textConfigMap as configMap } from './secret-doors';

const DEVICE = 'network device';
const LOGON = 'SQL';

// [row, the text, the secret it holds (never shown), what a message names]
const REFUSED: ReadonlyArray<readonly [string, string, string, string]> = [
  ['67a-12 VyOS IPsec psk secret', 'set vpn ipsec authentication psk peer1 secret bananabread', 'bananabread', DEVICE],
  [
    '67a-12 VyOS pre-shared-secret',
    'set vpn ipsec site-to-site peer 192.0.2.1 authentication pre-shared-secret bananabread',
    'bananabread',
    DEVICE,
  ],
  ['67a-12 VyOS OpenVPN password', 'set interfaces openvpn vtun0 authentication password bananabread', 'bananabread', DEVICE],
  ['67a-12 VyOS dynamic DNS password', 'set service dns dynamic name x password bananabread', 'bananabread', DEVICE],
  ['67a-12 VyOS Wi-Fi passphrase', 'set interfaces wireless wlan0 security wpa passphrase bananabread', 'bananabread', DEVICE],
  ['67a-13 CONNECT "u"/"pw"', 'CONNECT "scott"/"Xk9mQ2vzP7"', 'Xk9mQ2vzP7', LOGON],
  ["67a-13 CONNECT 'u'/'pw';", "CONNECT 'scott'/'swordfish';", 'swordfish', LOGON],
  ["67a-13 CONNECT u/'pw'", "CONNECT scott/'swordfish'", 'swordfish', LOGON],
  ['67a-13 CONNECT u IDENTIFIED BY pw', 'CONNECT scott IDENTIFIED BY swordfish;', 'swordfish', LOGON],
  ['67a-13 Pro*C EXEC SQL CONNECT', 'EXEC SQL CONNECT :usr IDENTIFIED BY Xk9mQ2vzP7;', 'Xk9mQ2vzP7', LOGON],
];

// [row, the text] accepted at every door
const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['67a-12 prose that starts with set', 'set the password with docker login'],
  ['67a-12 a VyOS node in prose, the value not last', 'set system password to be changed monthly'],
  ['67a-12 VyOS Wi-Fi mode', 'set interfaces wireless wlan0 security wpa mode wpa2'],
  ['67a-12 VyOS encrypted password', 'set system login user admin authentication encrypted-password $6$salt$Q2xk9mL7vR4tZ8wHunt3r2xQ'],
  ['67a-12 VyOS, a placeholder', 'set interfaces openvpn vtun0 authentication password <your-password>'],
  ['67a-13 a path', 'connect a/b'],
  ['67a-13 a quoted path in prose', "connect 'a'/'b' is a path"],
  ['67a-13 prose with identified by', 'connect the app identified by its name'],
  ['67a-13 a bind variable', 'EXEC SQL CONNECT :usr IDENTIFIED BY :pwd;'],
  ['67a-13 OS authentication', 'CONNECT /'],
];

describe('misc67: texts refused, named by key path and finding, never shown', () => {
  refusedAtTextDoors(REFUSED);
});

describe('misc67: neighbours accepted at every door', () => {
  test.each(ACCEPTED)('%s', (_, text) => acceptedEverywhere(configMap(text)));
});

// 67a-20: [row, the secret (a word of the tool's own wording), the wording that must stay whole]
const WORDING: ReadonlyArray<readonly [string, string, string]> = [
  ['dist', 'dist', 'dist/ is committed to Git, so no secret may be written there'],
  ['Kubernetes', 'Kubernetes', 'keep it in a Kubernetes Secret and reference it (e.g. env valueFrom.secretKeyRef)'],
  ['secretKeyRef', 'secretKeyRef', 'keep it in a Kubernetes Secret and reference it (e.g. env valueFrom.secretKeyRef)'],
  // `password=placeholder` is a stand-in since 71a-22, no secret: another word of the same remedy.
  ['such', 'such', 'a placeholder such as `<your-password>` or `REPLACE_ME`'],
];

describe('misc67 67a-20: a refusal keeps its own reason and remedy whole', () => {
  test.each(WORDING)('password=%s', (_, secret, wording) => {
    const errors = configErrors(withTraefikValues(configMap(`password=${secret}`))).join('\n');
    expect(errors).toContain('extraObjects[0].data');
    expect(errors).toContain(wording);
    expect(errors).not.toContain('<redacted>/');
    expect(errors).not.toContain(`=${secret}`);
  });
});

// 67a-21: a control character and a secret in one value: both are said in one run, the secret never shown.
const CONTROL: ReadonlyArray<readonly [string, unknown, string, string]> = [
  [
    'an argument ended by a line break',
    withTraefikValues({ additionalArguments: ['--providers.http.endpoint=https://u:Zq8vWmP4tRz@h.example.com/x\n'] }),
    'additionalArguments[0]',
    'Zq8vWmP4tRz',
  ],
  [
    'an argument ended by BEL',
    withTraefikValues({ additionalArguments: ['--providers.http.endpoint=https://u:Zq8vWmP4tRy@h.example.com/x\u0007'] }),
    'additionalArguments[0]',
    'Zq8vWmP4tRy',
  ],
];

describe('misc67 67a-21: a control character does not hide the secret verdict', () => {
  test.each(CONTROL)('config door: %s', (_, config, where, secret) => {
    const errors = configErrors(config).filter((e) => e.includes(where));
    expect(errors.some((e) => e.includes('control character'))).toBe(true);
    expect(errors.some((e) => e.includes('URL with credentials'))).toBe(true);
    expect(errors.join('\n')).not.toContain(secret);
  });
  test.each(CONTROL)('K3sVipCluster props: %s', (_, config, where, secret) => {
    const message = refusalOf(() => new K3sVipCluster(new App(), 'c', config as never));
    expect(message).toContain(where);
    expect(message).toContain('control character');
    expect(message).toContain('URL with credentials');
    expect(message).not.toContain(secret);
  });
});
