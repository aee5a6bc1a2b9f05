import { shellWords } from '../src/core/secret-arguments';
import { redact, secretShape } from '../src/core/secrets';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { configMapOfTexts as configMap, judgedOnce, refusedAt as refusedAtWith } from './secret-tables';

/**
 * Attack round 37a-1, 37a-2, 37a-6, 37a-8 and 37a-12: a password option combined with switches or glued to its letter,
 * Redis commands in any case where a text is fed to Redis (a here-doc, RESP framing), more clients' password options
 * and places, bash's `$'…'` words, empty passwords and expanded `user:password` pairs (accepted), and a message that
 * names the option matched. Each table is judged at every door at once (one config holding every row, each at its own
 * path), so the file stays cheap; a row is refused where each door names its path and none shows the secret.
 */
const S = 'Hx7kQz9Wp2Lm';

const refusedAt = (doors: readonly string[], path: string): void => refusedAtWith(doors, path, S);

// One name per container: the API server refuses a name twice in a pod (attack41-containers.test.ts).
const container = (command: unknown[], i = 0, list = 'side') => ({ name: `${list}-${i}`, image: 'busybox:1.36', command });
const containers = (commands: unknown[][]) => ({
  deployment: { additionalContainers: commands.map((command, i) => container(command, i)) },
});
const annotations = (texts: string[]) => ({ deployment: { podAnnotations: Object.fromEntries(texts.map((text, i) => [`r${i}`, text])) } });

/** Rows refused at every door as a text (a pod annotation) and in exec form (the line split at its blanks), redacted. */
function refusedTable(lines: ReadonlyArray<readonly [string, string]>, redacted = (_: string) => true): void {
  const rows = lines.map(([name, line], i) => [name, line, i] as const);
  const asText = judgedOnce(() => annotations(lines.map(([, line]) => line)));
  const asExec = judgedOnce(() => containers(lines.map(([, line]) => line.split(' '))));
  test.each(rows)('%s is refused at every door, as text and in exec form', (_, line, i) => {
    refusedAt(asText(), `podAnnotations.r${i}`);
    refusedAt(asExec(), `additionalContainers[${i}].command`);
    expect(shownInDiff(`# k: ${line}`)).not.toContain(S);
  });
  test.each(rows.filter(([name]) => redacted(name)))('%s is redacted', (_, line) => {
    expect(redact(line)).not.toContain(S);
  });
}

describe('37a-1: a password option combined with switches, or its value glued to the letter', () => {
  refusedTable([
    ['zip -rP', `zip -rP ${S} a.zip d`],
    ['zip -9rP', `zip -9rP ${S} a.zip d`],
    ['zip -rP glued', `zip -rP${S} a.zip d`],
    ['unzip -oP', `unzip -oP ${S} a.zip`],
    ['ssh-keygen -qN', `ssh-keygen -qN ${S} -f k`],
    ['ssh-keygen -t … -qN', `ssh-keygen -t ed25519 -qN ${S} -f k`],
    ['curl -sE', `curl -sE c.pem:${S} https://x`],
    ['curl -skE', `curl -skE c.pem:${S} https://x`],
    ['redis-cli -a glued', `redis-cli -a${S} ping`],
    ['docker login -p glued (pflag)', `docker login -u u -p${S} reg`],
    ['podman login -p= (pflag)', `podman login -u u -p=${S} reg`],
    ['mysql -Bp glued', `mysql -Bp${S} app`],
    ['ldapsearch -xw', `ldapsearch -xw ${S} -b dc=x`],
    ['zip -P glued', `zip -P${S} a.zip d`],
  ]);
});

describe('37a-6: more clients, and bash $-quoted words', () => {
  refusedTable(
    [
      ['tailscale up --authkey=', `tailscale up --authkey=${S}`],
      ['tailscale up --auth-key', `tailscale up --auth-key ${S}`],
      ["sshpass -p $'…'", `sshpass -p $'${S}' ssh h`],
      ['rabbitmqadmin -p', `rabbitmqadmin -u bob -p ${S} list queues`],
      ['mc admin user add', `mc admin user add my bob ${S}`],
      ['echo user:pw | chpasswd', `echo root:${S} | chpasswd`],
      ['lftp -u user,pw', `lftp -u bob,${S} ftp://h`],
      ['sqlplus user/pw@db', `sqlplus scott/${S}@orcl`],
      ['ipmitool -P', `ipmitool -I lanplus -U admin -P ${S} power status`],
      ['snmpwalk -A', `snmpwalk -v3 -l authPriv -u bob -A ${S} h`],
      ['snmpget -X', `snmpget -v3 -x AES -X ${S} h`],
      ['etcdctl --user user:pw', `etcdctl --user root:${S} get /`],
      ['nmcli wifi-sec.psk', `nmcli con modify w wifi-sec.psk ${S}`],
      ['nmcli dev wifi connect … password', `nmcli dev wifi connect home password ${S}`],
      ['wpa_passphrase', `wpa_passphrase ssid ${S}`],
      ['mosquitto_passwd -b', `mosquitto_passwd -b f bob ${S}`],
      ['xfreerdp /p:', `xfreerdp /u:bob /p:${S} /v:h`],
      ['cqlsh -p', `cqlsh -u cassandra -p ${S} h`],
      ['aws configure set aws_secret_access_key', `aws configure set aws_secret_access_key ${S}`],
    ],
    // A long option named like a secret is read by the flag rule, which the doors apply (as curl --oauth2-bearer).
    (name) => !name.startsWith('tailscale'),
  );

  test("a $'…' word is read as bash reads it: its escapes undone, its quote escaped inside", () => {
    expect(shellWords(`sshpass -p $'a\\x41\\t\\'\\101\\\\b' ssh`)).toEqual(['sshpass', '-p', "aA\t'A\\b", 'ssh']);
    expect(shellWords(`echo $'x`)).toEqual(['echo', 'x']);
  });
});

describe('37a-2: Redis commands in any case where the text is fed to Redis, and RESP framing', () => {
  const scripts: Array<[string, string]> = [
    ['a here-doc to redis-cli, auth in lower case', `redis-cli <<EOF\nauth ${S}\nEOF\n`],
    ["a <<-'EOF' here-doc with tabs, auth user pw", `redis-cli -h r <<-'EOF'\n\tauth bob ${S}\n\tEOF\n`],
    ['a here-doc to nc on 6379, config set', `nc redis 6379 <<EOF\nconfig set requirepass ${S}\nEOF\n`],
    ['RESP escaped in printf', `printf '*2\\r\\n$4\\r\\nAUTH\\r\\n$12\\r\\n${S}\\r\\n' | nc r 6379`],
    ['RESP escaped, lower case', `printf '*2\\r\\n$4\\r\\nauth\\r\\n$12\\r\\n${S}\\r\\n' | nc r 6379`],
    ['RESP raw, AUTH user pw then PING', `*3\r\n$4\r\nauth\r\n$3\r\nbob\r\n$12\r\n${S}\r\n*1\r\n$4\r\nPING\r\n`],
    ['RESP raw, CONFIG SET requirepass', `*4\r\n$6\r\nCONFIG\r\n$3\r\nSET\r\n$11\r\nrequirepass\r\n$12\r\n${S}\r\n`],
  ];
  const rows = scripts.map(([name, script], i) => [name, script, i] as const);
  const inConfigMap = judgedOnce(() => configMap(scripts.map(([, script]) => script)));
  const inShell = judgedOnce(() => containers(scripts.map(([, script]) => ['sh', '-c', script])));

  test.each(rows)('%s is refused at every door (in a ConfigMap script, and sh -c), named and redacted', (_, script, i) => {
    refusedAt(inConfigMap(), `data.k${i}`);
    refusedAt(inShell(), `additionalContainers[${i}].command`);
    // A raw RESP text is refused first for its control characters (CR); its shape still names the command.
    if (!script.includes('\r'))
      expect(inConfigMap()[0]).toMatch(new RegExp(`data\\.k${i}: holds a password on a command line \\(Redis [A-Z]`));
    expect(secretShape(script)).toMatch(/^a password on a command line \(Redis [A-Z]/);
    expect(redact(script)).not.toContain(S);
  });
});

describe('37a-8: empty passwords, expanded user:password pairs, a PKCS#11 URI and AUTH prose are accepted', () => {
  const accepted = [
    'ssh-keygen -t ed25519 -N "" -f k',
    'ssh-keygen -q -N "" -C "a b" -f k',
    'zip -P "" a.zip f',
    'sshpass -p "" ssh h',
    'redis-cli -a "" ping',
    'skopeo copy --src-creds "$U:$P" docker://a docker://b',
    'skopeo copy --src-creds "${REG_USER}:${REG_PASS}" docker://a docker://b',
    'podman pull --creds "$U:$P" quay.io/x',
    "curl --cert 'pkcs11:token=mytoken;object=mykey' https://x",
    "echo 'AUTH required'",
    "printf 'EHLO x\\r\\nAUTH LOGIN\\r\\n' | nc mail 25",
  ];
  const acceptedDoors = judgedOnce(() => ({ ...annotations(accepted), ...containers(accepted.map((line) => ['sh', '-c', line])) }));
  test.each(accepted.map((line, i) => [line, i] as const))('%s is accepted at every door, as text and in sh -c', (line, i) => {
    expect(secretShape(line)).toBeUndefined();
    for (const door of acceptedDoors()) expect(door).not.toMatch(new RegExp(`podAnnotations\\.r${i}:|additionalContainers\\[${i}\\]`));
  });

  // Ordinary commands near the new rules: switches before another option's letter, options without a password.
  const ordinary = [
    'zip -9r a.zip dir',
    'unzip -od out a.zip',
    'ssh-keygen -qt ed25519 -f k',
    'ssh-keygen -lf k.pub',
    'curl -sSLf https://x -o f',
    'curl -HEtag:x https://x',
    'docker login -u u --password-stdin reg',
    'docker login -p= reg',
    'mysql -uroot -hdb -P3306 -Bse "select 1"',
    'ldapsearch -xLLL -H ldap://h -b dc=x',
    'lftp -u bob ftp://h',
    'ipmitool -I lanplus -H h -U admin -E power status',
    'snmpwalk -v3 -l authPriv -u bob -a SHA -x AES h',
    'etcdctl --user root get /',
    'nmcli con modify w wifi-sec.key-mgmt wpa-psk',
    'wpa_passphrase ssid',
    'mosquitto_passwd -H sha512 -c f bob',
    'xfreerdp /u:bob /v:h',
    'cqlsh -u cassandra h',
    'aws configure set region eu-west-1',
    'sqlplus / as sysdba',
    'sqlplus -S scott@orcl @script.sql',
    'mc admin user add my bob',
    'echo "root:$PW" | chpasswd',
    'tailscale up --authkey="$TS_AUTHKEY"',
    "echo $'a\\tb'",
    'echo AUTH PLAIN; echo AUTH XOAUTH2',
    'cat <<EOF\nauth required\nEOF',
    'nc h 6379 <<EOF\nconfig get requirepass\nEOF',
  ];
  test('ordinary commands near the new rules are accepted at every door, as text and in sh -c', () => {
    for (const line of ordinary) expect([line, secretShape(line)]).toEqual([line, undefined]);
    acceptedEverywhere({ ...annotations(ordinary), ...containers(ordinary.map((line) => ['sh', '-c', line])) });
    expect(acceptedDoors()).toEqual(['', '', '', '']);
  });
});

describe('37a-12: the message names the option matched', () => {
  const lines: Array<[string, string]> = [
    [`ssh-keygen -y -P ${S} -f k`, '(ssh-keygen -P)'],
    [`ssh-keygen -qP ${S} -f k`, '(ssh-keygen -P)'],
    [`snmpwalk -v3 -X ${S} h`, '(snmpwalk -X)'],
    [`zip -rP ${S} a.zip d`, '(zip -P)'],
    [`curl -sE c.pem:${S} https://x`, '(curl -E certificate password)'],
  ];
  const asText = judgedOnce(() => annotations(lines.map(([line]) => line)));
  const asExec = judgedOnce(() => containers(lines.map(([line]) => line.split(' '))));
  test.each(lines.map(([line, named], i) => [line, named, i] as const))('%s', (_, named, i) => {
    for (const [message, path] of [
      [asText()[0], `podAnnotations.r${i}`],
      [asExec()[0], `additionalContainers[${i}]`],
    ]) {
      const line = message.split('\n').find((one) => one.includes(path)) ?? '';
      expect(line).toContain(`holds a password on a command line ${named}`);
    }
  });
});
