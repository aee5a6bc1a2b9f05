import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-48 finding 48a-11: the passwords, keys and communities of network devices' config lines (Cisco IOS/NX-OS/ASA,
 * Arista EOS, FRR/Quagga vtysh, Junos `set` and curly forms, VyOS) read by the word before the secret
 * (core/device-config-lines.ts); libreswan's lower-case `psk` in ipsec.secrets (core/pasted-config-lines.ts). Hashes
 * (types 4, 5, 8, 9, crypt), Cisco type 6 ciphertext and references are accepted; type 7 and Junos `$9$` are reversible
 * encodings, refused as the password they decode to.
 */
const S = 'Zq9xW3vLp7Rt';
const { acceptedTable } = falseRefusalTables(S);

describe('48a-11: device config lines holding a secret are refused', () => {
  refusedTextRows([
    ['snmp-server community … RW', `snmp-server community ${S} RW`, S],
    ['enable password', `enable password ${S}`, S],
    ['enable secret 0', `enable secret 0 ${S}`, S],
    ['enable secret level 15', `enable secret level 15 0 ${S}`, S],
    ['username … privilege 15 secret 0', `username admin privilege 15 secret 0 ${S}`, S],
    ['username … algorithm-type scrypt secret', `username admin algorithm-type scrypt secret ${S}`, S],
    ['tacacs-server host … key', `tacacs-server host 1.2.3.4 key ${S}`, S],
    ['radius-server key', `radius-server key ${S}`, S],
    ['radius-server host … auth-port … key 7', `radius-server host 10.0.0.1 auth-port 1812 acct-port 1813 key 7 ${S}`, S],
    ['a tacacs server block key 0', `tacacs server T1\n address ipv4 10.0.0.1\n key 0 ${S}\n`, S],
    ['a radius server block key', `radius server R1\n address ipv4 10.0.0.1 auth-port 1812 acct-port 1813\n key ${S}\n`, S],
    ['vrrp authentication-key', `interface eth0\n vrrp 1 authentication-key ${S}\n`, S],
    ['vrrp authentication text', `interface Gi0/1\n vrrp 1 authentication text ${S}\n`, S],
    ['HSRP standby authentication', `interface Gi0/1\n standby 1 authentication ${S}\n`, S],
    ['HSRP md5 key-string', `interface Gi0/1\n standby 1 authentication md5 key-string ${S}\n`, S],
    ['NHRP authentication', `interface Tunnel0\n ip nhrp authentication ${S}\n`, S],
    ['Junos plain-text-password-value', `set system root-authentication plain-text-password-value ${S}`, S],
    ['Junos radius-server secret', `set system radius-server 10.0.0.1 secret ${S}`, S],
    ['Junos pre-shared-key ascii-text, curly', `ike {\n  policy p {\n    pre-shared-key ascii-text "${S}";\n  }\n}\n`, S],
    ['Junos tacplus-server secret, curly', `tacplus-server {\n  10.0.0.1 secret "${S}";\n}\n`, S],
    ['Junos ospf simple-password', `set protocols ospf area 0 interface ge-0/0/0 authentication simple-password ${S}`, S],
    ['Junos bgp authentication-key', `set protocols bgp group x authentication-key ${S}`, S],
    ['Junos snmp community', `set snmp community ${S} authorization read-only`, S],
    ['VyOS plaintext-password', `set system login user vyos authentication plaintext-password ${S}`, S],
    ['VyOS pre-shared-secret', `set vpn ipsec site-to-site peer 1.2.3.4 authentication pre-shared-secret ${S}`, S],
    ['crypto isakmp key', `crypto isakmp key ${S} address 0.0.0.0 0.0.0.0`, S],
    ['a keyring pre-shared-key address … key', `crypto keyring K\n pre-shared-key address 0.0.0.0 0.0.0.0 key ${S}\n`, S],
    ['IKEv2 pre-shared-key local', `crypto ikev2 keyring K\n peer p\n  pre-shared-key local ${S}\n`, S],
    ['ppp chap password', `interface Dialer1\n ppp chap password 0 ${S}\n`, S],
    ['ppp pap sent-username … password', `interface Dialer1\n ppp pap sent-username bob password 0 ${S}\n`, S],
    ['ntp authentication-key … md5', `ntp authentication-key 1 md5 ${S}`, S],
    ['snmp-server host … version 2c COMMUNITY', `snmp-server host 10.0.0.5 version 2c ${S}`, S],
    ['snmp-server user … auth sha … priv aes 128', `snmp-server user u g v3 auth sha ${S} priv aes 128 ${S}`, S],
    ['an AP wpa-psk ascii', `ssid home\n wpa-psk ascii 0 ${S}\n`, S],
    ['ip ftp password', `ip ftp password ${S}`, S],
    ['Cisco type 7 (reversible)', 'enable password 7 0822455D0A16', '0822455D0A16'],
    ['Junos $9$ (reversible)', 'set protocols bgp group x authentication-key "$9$dbs2aUjHmfzGik.5Q"', 'dbs2aUjHmfzGik'],
    ['ipsec.secrets, lower-case psk (libreswan reads any case)', `%any : psk "${S}"`, S],
  ]);
});

describe('controls: ordinary router configs, hashes, ciphertext and references are accepted', () => {
  acceptedTable([
    'hostname r1\n!\ninterface GigabitEthernet0/1\n description Password reset server\n ip address 10.0.0.1 255.255.255.0\n no shutdown\n!\n',
    'key chain OSPF\n key 1\n  key-string $OSPF_KEY\n',
    'interface eth0\n ip ospf authentication message-digest\n ip ospf authentication null\n ip rip authentication key-chain CHAIN\n',
    'interface Gi0/1\n standby 1 authentication md5 key-chain HSRP\n vrrp 1 authentication md5 key-chain VRRP\n',
    'snmp-server community public RO\nsnmp-server community private RW 10\nsnmp-server host 10.0.0.5 version 2c public\n',
    'set service snmp community public authorization ro',
    'enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\nenable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM\n',
    'username admin privilege 15 secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs\n',
    'username admin secret sha512 $6$abcdefgh$ijklmnopqrstuvwxyz0123456789ABCDEFG\n',
    'username admin password 5 $5$abcd$efghijklmnopqrstuvwxyz0123456789ABCD role network-admin\n',
    'enable password ${ENABLE_PW}\ntacacs-server key $TACACS_KEY\n',
    'tacacs server T1\n address ipv4 10.0.0.1\n key 6 HPN[bb^aOcNKGbFBSKWUA^[J^K[D`ALSTCbVWXEGbTgGLTN_cZCI^BEUeSbeNMAAB\n',
    'aaa new-model\naaa authentication login default group tacacs+ local\n',
    'crypto key generate rsa modulus 2048\nip ssh version 2\nntp authenticate\nntp trusted-key 1\n',
    'router ospf 1\n area 0 authentication message-digest\n network 10.0.0.0 0.0.0.255 area 0\n',
    'client\ndev tun\nca ca.crt\ncert client.crt\nkey client.key\ntls-auth ta.key 1\n',
    'kubectl create secret generic db-creds --from-env-file=.env\nkubectl get secret db-creds -o yaml\n',
    'docker secret create db_pw ./pw.txt\nssh-keygen -t ed25519 -f key\n',
    'the key 1 is used for OSPF\n',
    'set password before login\n# set the password with docker login\nip ftp password is kept in the vault\n',
    'set system root-authentication encrypted-password "$6$abc$defghijklmnopqrstuvwxyz0123456789"',
    'set protocols ospf area 0 interface ge-0/0/0 authentication md5 1 key $OSPF_KEY',
    'crypto isakmp policy 10\n authentication pre-share\n encryption aes 256\n',
    'ip ospf authentication-key 0 <key>\n',
    'Use a pre-shared-key authentication for the tunnel.',
    'interface Tunnel0\n ip nhrp authentication $NHRP_KEY\n ip nhrp network-id 1\n',
    'snmp-server user admin grp v3 auth sha $AUTH priv aes 128 $PRIV\n',
    'The enable secret command sets a hashed password.\nUse username NAME secret PASSWORD to add a user.\n',
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('48a-11: hostile near-misses stay cheap', () => {
  test.each(hostile.deviceLines50(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
