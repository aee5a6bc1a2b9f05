import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-49 finding 49a-7: network devices' secrets in an indented block (core/device-config-lines.ts). A bare
 * `password|secret|key [type] VALUE` line under a device command (`line con 0`, `radius server R1`, `interface …`, at
 * any depth, in a config pasted under YAML too) is a secret when VALUE ends the line; `pac key`, `server-private … key`,
 * ASA `failover key`, WLAN `set-key`, VyOS `passphrase` and IOS' master key `key config-key password-encrypt` too.
 * Cisco type 7 is reversible, refused as the password; key chains, `login local`, hashes and prose are accepted.
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

describe('49a-7: device config blocks holding a secret are refused', () => {
  refusedTextRows([
    ['radius server block pac key', `radius server R1\n address ipv4 10.0.0.1 auth-port 1812\n pac key ${S}\n`, S],
    ['tacacs server block pac key', `tacacs server T1\n address ipv4 10.0.0.1\n pac key ${S}\n`, S],
    ['aaa group server server-private … key', `aaa group server radius G\n server-private 10.0.0.1 key ${S}\n`, S],
    ['server-private with ports', `aaa group server tacacs+ T\n server-private 10.0.0.1 port 49 timeout 5 key ${S}\n`, S],
    ['line con 0 password 0', `line con 0\n password 0 ${S}\n`, S],
    ['line vty password 7 (reversible)', `line vty 0 4\n password 7 0822455D0A165B1E1C\n`, '0822455D0A165B1E1C'],
    ['line con password 0 in letters', `line con 0\n login\n password 0 cisco\n`, 'cisco'],
    ['wlan set-key ascii 0', `wlan W 1 ssid S\n security wpa akm psk set-key ascii 0 ${S}\n`, S],
    ['AireOS set-key ascii … WLAN id', `config wlan security wpa akm psk set-key ascii ${S} 1`, S],
    ['ASA failover key', `failover key ${S}\n`, S],
    ['ASA failover key hex', `failover key hex 0123456789abcdef0123456789abcdef\n`, '0123456789abcdef0123456789abcdef'],
    ['VyOS wireless passphrase', `set interfaces wireless wlan0 security wpa passphrase ${S}\n`, S],
    ['VyOS wireless passphrase, curly', `security {\n  wpa {\n    passphrase ${S}\n  }\n}\n`, S],
    ['IOS master key password-encrypt', `key config-key password-encrypt ${S}\n`, S],
    ['IOS master key, older form', `key config-key 1 ${S}\n`, S],
    ['an interface block bare key', `interface Tunnel0\n key ${S}\n`, S],
    ['a nested block secret 0', `crypto ikev2 keyring K\n peer p\n  address 10.0.0.1\n  secret 0 ${S}\n`, S],
    ['a config pasted under YAML', `router.cfg: |\n  hostname r1\n  line con 0\n   password 0 ${S}\n  !\n`, S],
    ['a tab-indented block', `line con 0\n\tpassword 0 ${S}\n`, S],
    ['Debian interfaces wpa-passphrase', `iface wlan0 inet dhcp\n    wpa-ssid home\n    wpa-passphrase ${S}\n`, S],
  ]);
});

describe('controls: key chains, prose, login lines, hashes and references are accepted', () => {
  acceptedTable([
    'key chain OSPF\n key 1\n  key-string $OSPF_KEY\n  cryptographic-algorithm hmac-sha-256\n key 2\n',
    'line con 0\n exec-timeout 5 0\n login local\nline vty 0 4\n login local\n transport input ssh\n transport output none\n',
    'line vty 0 4\n password 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM\n',
    'line con 0\n password 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs\n',
    'line vty 0 4\n password ${VTY_PW}\nradius server R1\n pac key $PAC_KEY\n key ${RADIUS_KEY}\n',
    'notes\n  password rotation is monthly\n  key points are below\n  password reset soon\n',
    'client\n  key client.key\n  key /etc/openvpn/ta.key\n',
    'failover\nfailover lan unit primary\nfailover lan interface FO GigabitEthernet0/3\nfailover key $FAILOVER_KEY\n',
    'key config-key password-encrypt\npassword encryption aes\n',
    'wlan W 1 ssid S\n security wpa akm psk set-key ascii 0 ${PSK}\n no security wpa akm dot1x\n',
    'set interfaces wireless wlan0 security wpa passphrase $WIFI_PASS\n',
    'Enter passphrase for key /root/.ssh/id_rsa\nenter same passphrase again\nssh-keygen -N "" -f key\n',
    'def f():\n    key = compute()\n    password = os.environ["PW"]\n',
    'spec:\n  key: value\n  password: ${PW}\n',
    'server {\n    ssl_certificate_key /etc/nginx/key.pem;\n}\n',
    'line 12 of config.yaml\n    key not found\nline 3 col 4\n  key Error\n',
    'interface Tunnel0\n tunnel key 1234\n tunnel mode gre ip\n',
    'aaa group server radius G\n server name R1\n ip radius source-interface Loopback0\n',
    'radius server R1\n address ipv4 10.0.0.1 auth-port 1812 acct-port 1813\n automate-tester username probe\n',
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('49a-7: hostile near-misses stay cheap', () => {
  test.each(hostile.deviceBlocks51(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
