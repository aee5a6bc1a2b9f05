import { secretShape } from '../src/core/secrets';
import { acceptedEverywhere } from './secret-doors';
import { configMapOfTexts, configMapTables } from './secret-tables';

/**
 * Attack round 39a-2: lftp's `user` command, Oracle's `CONNECT` in a script, DGMGRL and DBVERIFY logons, rdesktop `-p -`
 * fed on standard input, FreeRDP's old `-p`, postfix `sasl_passwd` lines without brackets or a port, dovecot's scheme
 * in any case, fetchmail's `passwd`, haproxy's quoted `%[str(…)]`, and the commands that set an account's password
 * (mysqladmin, openssl passwd, useradd/usermod, mkpasswd, net user), the SNMP community and an expect script's answer
 * to a password prompt. Each table is judged at every door at once (one ConfigMap holding every row as its own key).
 */
const S = 'Zx9pQ7wLm2vK';

const { acceptedTexts, refusedTable, acceptedTable } = configMapTables(S);

describe('39a-2: lftp and Oracle scripts, DGMGRL, DBVERIFY, rdesktop and FreeRDP', () => {
  refusedTable([
    ['lftp -c user', `lftp -c 'open sftp://backup.example.com; user bob ${S}; mirror -R /data'`],
    ['lftp -e user first', `lftp -e 'user bob ${S}; mirror d; bye' sftp://h`],
    ['lftp here-doc user', `lftp sftp://h <<EOF\nuser bob ${S}\nmirror -R /data\nEOF\n`],
    ['an lftp script file (lftp -f)', `open sftp://backup.example.com\nuser bob ${S}\nmirror -R /data /backup\nbye\n`],
    ['an lftp script file with settings', `set sftp:auto-confirm yes\nopen -u bob,${S} sftp://h\nmirror\n`],
    ['lftp here-doc open -u', `lftp <<'EOF'\nopen -u bob,${S} sftp://h\nmirror\nEOF\n`],
    ['sqlplus /nolog here-doc CONNECT', `sqlplus /nolog <<EOF\nCONNECT system/${S}@orcl\nEOF\n`],
    ['sql /nolog here-doc conn', `sql /nolog <<EOF\nconn system/${S}@orcl as sysdba\nEOF\n`],
    ['sqlplus -s here-doc, indented', `  sqlplus -s /nolog <<-EOF\n\tConnect scott/${S}\n\tselect 1 from dual;\n\tEOF\n`],
    ['echo CONNECT piped into sqlplus', `echo "CONNECT system/${S}@orcl" | sqlplus -s /nolog`],
    ['printf conn piped into sqlplus', `printf 'conn scott/${S}\\nselect 1 from dual;\\n' | sqlplus -s /nolog`],
    ['a here-string to sqlplus', `sqlplus /nolog <<< "connect scott/${S}@db"`],
    ['echo open -u piped into lftp', `echo "open -u bob,${S} sftp://h; mirror" | lftp`],
    ['a sqlplus here-doc whose first line is the logon', `sqlplus -s <<EOF\nscott/${S}@orcl\nselect 1 from dual;\nEOF\n`],
    ['a sql here-doc whose first line is the logon, indented', `  sql -S <<-EOF\n\tscott/${S}\n\tEOF\n`],
    ['rman here-doc CONNECT TARGET', `rman <<EOF\nCONNECT TARGET sys/${S}@prim\nEOF\n`],
    ['dgmgrl here-doc connect', `dgmgrl <<EOF\nconnect sys/${S}@prim\nshow configuration\nEOF\n`],
    ['dgmgrl logon', `dgmgrl sys/${S}@prim 'show configuration'`],
    ['dgmgrl -silent logon', `dgmgrl -silent sys/${S}@prim`],
    ['dbv userid=', `dbv userid=sys/${S} file=/u01/x.dbf`],
    ['DBV USERID= in capitals', `DBV FILE=x.dbf USERID=sys/${S}`],
    ['echo piped into rdesktop -p -', `echo ${S} | rdesktop -u admin -p - 10.0.0.5`],
    ['a here-string to rdesktop -p -', `rdesktop -u admin -p - 10.0.0.5 <<< "${S}"`],
    ['old-style xfreerdp -p', `xfreerdp -v 10.0.0.5 -u admin -p ${S}`],
  ]);
  acceptedTable([
    "lftp -c 'open sftp://h; user bob; mirror'",
    'open sftp://h\nuser bob\nmirror\n',
    'user www-data www-data;\nworker_processes auto;\n',
    '# notes\nopen the door\nuser bob builder\n',
    'lftp -c "open sftp://h; user bob $PW; mirror"',
    'lftp sftp://h <<EOF\nuser bob ${PW}\nmirror\nEOF\n',
    'lftp -c "open -u bob sftp://h; ls"',
    'sqlplus /nolog <<EOF\nCONNECT / AS SYSDBA\nCONNECT system@orcl\nconn system/"$PW"@orcl\nEOF\n',
    'rman <<EOF\nCONNECT TARGET /\nbackup database;\nEOF\n',
    'echo "connect / as sysdba" | sqlplus /nolog',
    'sqlplus -s <<EOF\n$DB_USER/$DB_PASSWORD@orcl\nEOF\n',
    'sqlplus -s /nolog <<EOF\n@scripts/run.sql\nEOF\n',
    'sqlplus -s / as sysdba <<EOF\nselect 1/2 from dual;\nEOF\n',
    'printf "conn scott/%s\\n" "$PW" | sqlplus -s /nolog',
    'echo exit | sqlplus -s scott@db',
    'cat <<EOF\nconnect a/b\nuser bob builder\nEOF\n',
    'run sql <<EOF\nconnect scott/tiger\nEOF\n',
    "dgmgrl / 'show configuration'",
    'dbv file=/u01/app/oracle/x.dbf blocksize=8192',
    'rdesktop -u admin -p - 10.0.0.5 < /run/secrets/rdp',
    'cat /run/secrets/rdp | rdesktop -u admin -p - h',
    'echo "$RDP_PASSWORD" | rdesktop -u a -p - h',
    'xfreerdp -v 10.0.0.5 -u admin -p "$RDP_PASSWORD"',
    'xfreerdp /v:10.0.0.5 /u:admin /p:$RDP_PASSWORD',
  ]);
});

describe('39a-2: postfix, dovecot, fetchmail and haproxy lines', () => {
  refusedTable([
    ['postfix sasl_passwd, a host and a port', `smtp.example.com:587 bob@example.com:${S}`],
    ['postfix sasl_passwd, a host alone', `smtp.example.com bob@example.com:${S}`],
    ['postfix sasl_passwd, a service port', `mail.example.com:submission bob:${S}`],
    ['postfix sasl_passwd, an address', `10.0.0.5:25 bob:${S}`],
    ['postfix sasl_passwd, a sender key', `alice@example.com alice@example.com:${S}`],
    ['dovecot {plain}', `bob:{plain}${S}`],
    ['dovecot {Plain} with more fields', `bob:{Plain}${S}:1000:1000::/home/bob`],
    ['dovecot {cleartext}', `bob:{cleartext}${S}`],
    ['dovecot {PLAIN.b64}', `bob:{PLAIN.b64}${S}`],
    ['fetchmail passwd', `poll mail.example.com user bob passwd ${S}`],
    ['haproxy %[str(quoted bearer)]', `http-request set-header Authorization "%[str('Bearer ${S}')]"`],
    ['haproxy %[str(escaped blank)]', `http-request set-header Authorization "%[str(Bearer\\ ${S})]"`],
    ['haproxy %[str(quoted)] key', `http-request set-header X-Api-Key '%[str("${S}")]'`],
  ]);
  acceptedTable([
    'FROM alpine:3.19',
    'registry.example.com nginx:1.25',
    'api.example.com backend:8080',
    'example.com user:group',
    'smtp.example.com:587 bob:$SMTP_PASSWORD',
    'bob:{SHA512-CRYPT}$6$abcdefgh$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./ABCDEFGHIJKLMNOPQRSTUV',
    'bob:{sha512-crypt}$6$abcdefgh$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./ABCDEFGHIJKLMNOPQRSTUV',
    'bob:{PLAIN-MD5}1a1dc91c907325c69271ddf0c944bc72',
    'poll mail.example.com user bob passwd $FETCHMAIL_PASSWORD',
    'http-request set-header Authorization "%[env(AUTH)]"',
    `http-request set-header Authorization "%[str('Bearer ')]%[env(TOKEN)]"`,
  ]);
  // Its key (`…_password_maps = value`) is read by the secret-key reader, whose over-refusal is 39a-7's: here, no shape.
  test('postfix main.cf smtp_sasl_password_maps holds no secret shape', () => {
    expect(secretShape('smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd')).toBeUndefined();
  });
});

describe('39a-2: commands that set an account password, the SNMP community, expect', () => {
  refusedTable([
    ['mysqladmin password', `mysqladmin -uroot password ${S}`],
    ['mysqladmin -p then password', `mysqladmin -u root -p password ${S}`],
    ['openssl passwd -6', `openssl passwd -6 ${S}`],
    ['openssl passwd -salt', `openssl passwd -1 -salt abc ${S}`],
    ['useradd -p', `useradd -p ${S} bob`],
    ['useradd -mp', `useradd -mp ${S} bob`],
    ['useradd --password=', `useradd --password=${S} bob`],
    ['usermod -p', `usermod -p ${S} bob`],
    ['mkpasswd', `mkpasswd ${S}`],
    ['mkpasswd -m', `mkpasswd -m sha-512 ${S}`],
    ['net user /add', `net user bob ${S} /add`],
    ['NET USER in capitals', `NET USER bob ${S} /ADD /DOMAIN`],
    ['Samba net rpc user add', `net rpc user add bob ${S} -U admin`],
    ['snmpwalk -c', `snmpwalk -v2c -c ${S} 10.0.0.1`],
    ['snmpget -c glued', `snmpget -v2c -c${S} h sysDescr.0`],
    ['snmpset -c', `snmpset -v2c -c ${S} h 1.3.6.1.2.1.1.5.0 s x`],
    ['expect -c send', `expect -c 'spawn ssh bob@h; expect "password:"; send "${S}\\r"; interact'`],
    ['an expect script', `#!/usr/bin/expect\nspawn ssh bob@h\nexpect "*assword:*"\nsend -- "${S}\\r"\ninteract\n`],
    ['an expect block', `expect {\n  "Password:" { send "${S}\\r"; exp_continue }\n  "$ " { send "exit\\r" }\n}\n`],
  ]);
  acceptedTable([
    'mysqladmin -uroot -p status',
    'mysqladmin -uroot password',
    'mysqladmin -uroot password "$NEW_PASSWORD"',
    'openssl passwd -6 -stdin',
    'openssl passwd -6 -in /run/secrets/pw',
    'openssl passwd -6 "$PW"',
    'openssl rand -hex 16',
    "useradd -p '*' bob",
    "useradd -p '!' bob",
    'usermod -p "$HASH" bob',
    "useradd -p '$6$salt$abcdefghijklmnop' bob",
    'useradd -m -s /bin/bash bob',
    'usermod -aG docker bob',
    'mkpasswd -m sha-512 -s',
    'mkpasswd -l 16 bob',
    'net user bob * /add',
    'net user bob /delete',
    'net user growth was strong this quarter',
    'snmpwalk -v2c -c public 10.0.0.1',
    'snmpget -v2c -c private h sysDescr.0',
    'snmpwalk -c "$COMMUNITY" h',
    'snmpd -c /etc/snmp/snmpd.conf -f',
    'spawn ssh bob@h\nexpect "login:"\nsend "bob\\r"\nexpect "password:"\nsend "$env(PW)\\r"\n',
    'expect "Password:"\nsend -- "[lindex $argv 0]\\r"\ninteract\n',
    'expect "(yes/no)?"\nsend "yes\\r"\nexpect "password:"\nsend "$pass\\r"\n',
  ]);
});

test("every table's accepted texts are accepted at every door", () => {
  acceptedEverywhere(configMapOfTexts(acceptedTexts));
});
