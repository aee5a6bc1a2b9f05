// Round 66 (misc66): 66a-6 (a Wi-Fi key under a name that is only `key`: OpenWrt UCI, dotted `wifi.key`, `Key:` beside a
// network's label; VyOS `plaintext-password`), 66a-9 (an Oracle `CONNECT u/pw` written as a statement), 66a-11 (a
// control-character refusal quotes no value that names a secret, at the config's door and the constructs' alike), 66a-13
// (the redactor keeps a finding's own description whole) and 66a-16 (a schedule, a rate or a pattern under a name of a
// secret takes a cron expression, a rate or a regular expression). Each refused row is named by its key path and never
// shows its secret; each neighbour is accepted at every door.
import { App, Chart } from 'cdk8s';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src';
import { configErrors, devConfig, refusalOf, withChanges, withTraefikValues } from './helpers';
import { envEntry as env, ruleDoors } from './rule-doors';
import { acceptedEverywhere, refusedAtTextDoors, refusedEverywhere, textConfigMap as configMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

// One-line texts: [row, the text, the secret it holds (never shown), what a message names]
const ONE_LINE: ReadonlyArray<readonly [string, string, string, string]> = [
  ['66a-6 OpenWrt uci set', "uci set wireless.default_radio0.key='swordfish'", 'swordfish', "Wi-Fi network's key"],
  ['66a-6 uci set, an indexed section', 'uci set wireless.@wifi-iface[0].key=swordfish', 'swordfish', "Wi-Fi network's key"],
  ['66a-6 uci set, SAE', "uci -q set wireless.wifinet1.sae_password='swordfish'", 'swordfish', 'secret'],
  ['66a-6 network and key labels', 'Network: homenet / Key: swordfish', 'swordfish', "Wi-Fi network's key"],
  ['66a-6 SSID and key labels, a stop', 'SSID: homenet, Key: swordfish.', 'swordfish', "Wi-Fi network's key"],
  ['66a-6 a compound Wi-Fi name', 'WLAN_PSK=swordfish', 'swordfish', "Wi-Fi network's key"],
  ['66a-6 VyOS', 'set system login user admin authentication plaintext-password swordfish', 'swordfish', 'plaintext-password'],
  ['66a-9 CONNECT u/pw', 'CONNECT scott/tiger1', 'tiger1', 'SQL*Plus logon'],
  ['66a-9 CONNECT u/pw;', 'CONNECT scott/tiger1;', 'tiger1', 'SQL*Plus logon'],
  ['66a-9 CONN', 'CONN scott/tiger1', 'tiger1', 'SQL*Plus logon'],
  ['66a-9 a quoted password', 'CONNECT scott/"tiger1"', 'tiger1', 'SQL*Plus logon'],
  ['66a-9 after the SQL> prompt', 'SQL> connect scott/tiger1', 'tiger1', 'SQL*Plus logon'],
  ['66a-9 lower case, ended by ;', 'connect scott/tiger1;', 'tiger1', 'SQL*Plus logon'],
  ['66a-9 a letters-only password', 'CONNECT scott/swordfish', 'swordfish', 'SQL*Plus logon'],
  ['65a-10 kept: a generated word under a unit', 'TOKEN_TTL_SECONDS=Xk9mQ2pL7vR4tZ8wB3nJ', 'Xk9mQ2pL7vR4tZ8wB3nJ', 'qualified'],
  ['66a-16 a generated word under a schedule', 'SECRET_ROTATION_SCHEDULE=Xk9mQ2pL7vR4tZ8wB3nJ', 'Xk9mQ2pL7vR4tZ8wB3nJ', 'qualified'],
  ['66a-16 a generated word under a regex', 'PASSWORD_REGEX=Xk9mQ2pL7vR4tZ8wB3nJ', 'Xk9mQ2pL7vR4tZ8wB3nJ', 'qualified'],
  ['66a-16 a generated word under a rate limit', 'TOKEN_RATE_LIMIT=Xk9mQ2pL7vR4tZ8wB3nJ', 'Xk9mQ2pL7vR4tZ8wB3nJ', 'qualified'],
];

// Texts of several lines: [row, the text, the secret]
const MULTI_LINE: ReadonlyArray<readonly [string, string, string]> = [
  ['66a-6 dotted keys after an ssid', 'wifi.ssid: homenet\nwifi.key: swordfish', 'swordfish'],
  ['66a-6 a dotted key beside its ssid', 'net.ssid: homenet\nnet.key: swordfish', 'swordfish'],
  ['66a-6 /etc/config/wireless', "config wifi-iface 'default_radio0'\n\toption ssid 'homenet'\n\toption key 'swordfish'", 'swordfish'],
  ['66a-6 ssid then a lower-case key', 'ssid: homenet\nkey: swordfish', 'swordfish'],
  ['66a-9 a script of statements', 'SET ECHO OFF\nCONNECT scott/tiger1\nSELECT 1 FROM dual;', 'tiger1'],
];

// [row, the text] accepted at every door (as a ConfigMap's text and as an env value)
const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['66a-6 a channel', "uci set wireless.radio0.channel='11'"],
  ['66a-6 key management', 'wifi.key_mgmt: wpa-psk'],
  ['66a-6 key management after an ssid', 'wifi.ssid: homenet\nwifi.key_mgmt: wpa-psk'],
  ['66a-6 key of another setting', 'key: certificate'],
  ['66a-6 a toleration key beside a network', 'Network: calico\nkey: CriticalAddonsOnly'],
  ['66a-6 a WEP key index', "uci set wireless.default_radio0.key='1'"],
  ['66a-6 a mode under a dotted key', 'wifi.ssid: homenet\nwifi.key: sae'],
  ['66a-6 a placeholder', 'ssid: homenet\nkey: <your-wifi-key>'],
  ['66a-6 a reference', 'wifi_key: ${WIFI_KEY}'],
  ['66a-6 an OpenVPN key file', "option key '/etc/openvpn/client.key'"],
  ['66a-6 VyOS, a hash', 'set system login user admin authentication encrypted-password $6$salt$Q2xk9mL7vR4tZ8wHunt3r2xQ'],
  ['66a-6 VyOS, empty', 'plaintext-password ""'],
  ['66a-9 OS authentication', 'CONNECT /'],
  ['66a-9 OS authentication as SYSDBA', 'CONNECT / AS SYSDBA'],
  ['66a-9 a path', 'connect a/b'],
  ['66a-9 two ports', 'connect rack1/port12'],
  ['66a-9 prose', 'connect a/b to the rack'],
  ['66a-9 a substitution variable', 'CONNECT scott/&pw'],
  ['66a-9 a reference', 'CONNECT scott/${ORACLE_PASSWORD}'],
  ['66a-9 a placeholder', 'CONNECT scott/<password>'],
  ['66a-16 cron schedule', 'SECRET_ROTATION_SCHEDULE=0 3 * * 0'],
  ['66a-16 cron under CRON', 'SESSION_SECRET_ROTATION_CRON=0 0 * * 0'],
  ['66a-16 a cron macro', 'SECRET_ROTATION_CRON=@daily'],
  ['66a-16 a systemd calendar event', 'TOKEN_REFRESH_SCHEDULE=Sun *-*-* 03:00:00'],
  ['66a-16 a rate', 'TOKEN_RATE_LIMIT=100/m'],
  ['66a-16 a rate in words', 'TOKEN_RATE_LIMIT=100 per minute'],
  ['66a-16 a regular expression', 'PASSWORD_REGEX=^(?=.*[A-Z]).{12,}$'],
  ['66a-16 a pattern', 'PASSWORD_PATTERN=[A-Za-z0-9]{16}'],
];

describe('misc66: one-line texts refused, named by key path and finding, never shown', () => {
  refusedAtTextDoors(ONE_LINE);
});

describe('misc66: texts of several lines refused at every door', () => {
  test.each(MULTI_LINE)('%s', (_, text, secret) => {
    refusedEverywhere(configMap(text), 'extraObjects[0].data', secret);
    refusedEverywhere(env('APP_SETTING', text), 'env[0]', secret);
  });
});

describe('misc66: neighbours accepted at every door', () => {
  test.each(ACCEPTED)('%s', (_, text) => {
    acceptedEverywhere(configMap(text));
    acceptedEverywhere(env('APP_SETTING', text));
  });
});

describe('66a-16: a schedule as an env value under its name', () => {
  test.each([
    ['SECRET_ROTATION_SCHEDULE', '0 3 * * 0'],
    ['SESSION_SECRET_ROTATION_CRON', '0 0 * * 0'],
    ['TOKEN_RATE_LIMIT', '100/m'],
    ['PASSWORD_REGEX', '^(?=.*[A-Z]).{12,}$'],
  ])('%s=%s', (name, value) => acceptedEverywhere(env(name, value)));
});

// 66a-11: what a control-character refusal shows of the value, at each door.
const CONTROL_TEXTS: ReadonlyArray<readonly [string, string, string]> = [
  ['a label on the line below', '--log.filepath=/var/log/traefik.log\nPassword:\nswordfish', 'swordfish'],
  ['a sentence the prose readers miss', '--log.filepath=/x\nThe password you need is hunter2', 'hunter2'],
  ['a changed password', '--log.filepath=/x\nPassword changed to hunter2', 'hunter2'],
  ['a tab, then Russian', '--log.filepath=/x\tлогин root пароль акула', 'акула'],
];

describe('66a-11: a control-character refusal quotes no value that names a secret, at every door', () => {
  test.each(CONTROL_TEXTS)('%s', (_, value, secret) => {
    const doors = ruleDoors({ additionalArguments: [value] });
    const config = doors.errors.join('\n');
    for (const message of [config, doors.cluster, doors.chart]) {
      expect(message).toContain('additionalArguments[0]');
      expect(message).toContain('holds a control character');
      expect(message).toContain('"<redacted>" holds a control character');
      expect(message).not.toContain(secret);
      expect(message).not.toContain('--log.filepath');
    }
  });
  test('a line break in a value that names no secret is still quoted, at both doors', () => {
    const value = '--log.level=INFO\n--api.insecure=true';
    const doors = ruleDoors({ additionalArguments: [value] });
    for (const message of [doors.errors.join('\n'), doors.cluster]) expect(message).toContain(JSON.stringify(value));
  });
  test('a construct given the value directly says what the config file says', () => {
    const value = CONTROL_TEXTS[1][1];
    const cluster = refusalOf(
      () => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { traefik: { values: { additionalArguments: [value] } } })),
    );
    const chart = refusalOf(
      () =>
        new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: { env: [{ name: 'NOTE', value: `x\u0001${value}` }] },
        }),
    );
    expect(cluster).toContain('traefik.values.additionalArguments[0]: "<redacted>" holds a control character (a line break');
    expect(chart).toContain('"<redacted>" holds a control character');
    for (const message of [cluster, chart]) expect(message).not.toContain('hunter2');
  });
});

describe("66a-13: a refusal's own guidance is never redacted", () => {
  test.each([
    ['password is: swordfish', 'swordfish'],
    ['password is: hunter2x', 'hunter2x'],
  ])('%s', (text, secret) => {
    const errors = configErrors(withTraefikValues(configMap(text))).join('\n');
    expect(errors).toContain('traefik.values.extraObjects[0].data.conf');
    expect(errors).toContain('a password in prose right after a label that names it (`the password is …`');
    expect(errors).toContain('say where the password is kept instead: `the password is in the vault`');
    expect(errors).toContain('keep it in a Kubernetes Secret');
    expect(errors).not.toContain(secret);
    const cluster = refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(configMap(text))));
    expect(cluster).toContain('extraObjects[0].data');
    expect(cluster).not.toContain(secret);
  });
  test('the same wording inside a value the message quotes is judged with the value', () => {
    const { redactMessage } = jest.requireActual('../src/core/redact-message');
    const wording =
      'a password in prose right after a label that names it (`the password is …`, `Password for root is …`, `WLAN key: …`, `Passwort für root lautet …`; if this is a sentence, not a password, say where the password is kept instead: `the password is in the vault`)';
    const shown = redactMessage(`x: "${wording} Xk9mQ2pL7vR4tZ8wB3nJ" is wrong (${wording})`, ['Xk9mQ2pL7vR4tZ8wB3nJ', 'password is']);
    expect(shown).not.toContain('Xk9mQ2pL7vR4tZ8wB3nJ');
    expect(shown.endsWith(`is wrong (${wording})`)).toBe(true);
  });
});

describe('66a-6, 66a-16: hostile texts are judged in linear time', () => {
  test.each([
    ['ssid: a\n', 'key: '],
    ['Network: ', 'Key: '],
    ['a.ssid: x\n', 'a.key: b\n'],
    ['X_SECRET_SCHEDULE=', '1 '],
    ['PASSWORD_REGEX=', '(?'],
  ])(
    '%s then %s repeated',
    (head, unit) => {
      const text = head + unit.repeat(25_000);
      const started = process.cpuUsage();
      configErrors(withTraefikValues(configMap(text)));
      expect(cpuMillisSince(started)).toBeLessThan(30_000);
    },
    60_000,
  );
});
