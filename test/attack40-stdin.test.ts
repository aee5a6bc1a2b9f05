import { redact, secretShape } from '../src/core/secrets';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { judgedOnce, textDoors, refusedAtTextDoors } from './secret-tables';

/**
 * Attack round 39a-1 and 39a-3: a password fed on standard input wherever the command sits on its line (after `RUN`, a
 * prompt, `time`, `LANG=C`, `then`, an INI `command =`, through `tee`, from `yes` or a group), the other commands that
 * read one there (sudo -S, vault login -, docker/podman secret create -, kubectl/kubeseal --from-file=/dev/stdin, gpg
 * --passphrase-fd 0, smbpasswd -s, pdbedit -t, cryptsetup's key file `-`, vncpasswd -f), and command lines inside an XML
 * element's text or CDATA. Each table is judged at every door at once (one config holding every row, each at its own
 * path), so the file stays cheap.
 */
const S = 'Zx9pQ7wLm2vK';

/** Rows refused at every door (an annotation, `sh -c`, a ConfigMap), not shown in the `check` diff, and redacted. */
function refusedTable(rows: ReadonlyArray<readonly [string, string]>): void {
  const doors = judgedOnce(() => textDoors(rows.map(([, text]) => text)));
  test.each(rows.map(([name, text], i) => [name, text, i] as const))('%s is refused, redacted and not shown in the diff', (_, text, i) => {
    refusedAtTextDoors(doors(), i, S);
    if (!text.includes('\n')) expect(shownInDiff(`# k: ${text}`)).not.toContain(S);
    expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(S);
    expect(redact(text)).not.toContain(S);
  });
}

/** Texts accepted at every door, and no secret shape. */
function acceptedTable(texts: readonly string[]): void {
  test.each(texts)('%s is accepted', (text) => {
    expect(secretShape(text)).toBeUndefined();
  });
  test('all of them are accepted at every door', () => {
    acceptedEverywhere(textDoors(texts));
  });
}

describe('39a-1: a password fed on standard input, wherever the command sits on its line', () => {
  refusedTable([
    ['after RUN (a Dockerfile)', `RUN echo ${S} | docker login -u me --password-stdin ghcr.io`],
    ['after a $ prompt', `$ echo 'root:${S}' | chpasswd`],
    ['after a root prompt', `root@h:~# echo ${S} | passwd --stdin root`],
    ['after time', `time echo ${S} | podman login -u me --password-stdin r.io`],
    ['after nohup, in the background', `nohup echo ${S} | htpasswd -i -c /etc/h bob &`],
    ['after an assignment', `LANG=C echo ${S} | htpasswd -i -c /etc/h bob`],
    ['inside if … then … fi', `if true; then echo ${S} | passwd --stdin root; fi`],
    ['an INI command = value', `[job]\ncommand = echo ${S} | passwd --stdin root`],
    ['a unit ExecStart=/bin/echo', `ExecStart=/bin/echo ${S} | passwd --stdin root`],
    ['through tee', `echo root:${S} | tee /dev/stderr | chpasswd`],
    ['from yes', `yes ${S} | passwd --stdin root`],
    ['a here-string after RUN', `RUN passwd --stdin root <<< ${S}`],
    ['env and sudo -u between', `echo ${S} | sudo -u root env LANG=C passwd --stdin bob`],
    ['a group of echos', `(echo ${S}; echo ${S}) | smbpasswd -s -a bob`],
    ['a brace group of echos', `{ echo ${S}; echo ${S}; } | smbpasswd -s -a bob`],
  ]);
});

describe('39a-1: more commands that read a password on standard input', () => {
  refusedTable([
    ['sudo -S', `echo ${S} | sudo -S systemctl restart x`],
    ['sudo -kS', `echo ${S} | sudo -kS apt-get update`],
    ['sudo --stdin', `echo ${S} | sudo --stdin -u bob id`],
    ['vault login -', `echo ${S} | vault login -`],
    ['docker secret create -', `echo ${S} | docker secret create db_pw -`],
    ['podman secret create -', `printf ${S} | podman secret create db_pw -`],
    ['kubectl --from-file=key=/dev/stdin', `echo -n ${S} | kubectl create secret generic db --from-file=pw=/dev/stdin`],
    ['kubeseal --from-file=/dev/stdin', `echo -n ${S} | kubeseal --raw --namespace x --name y --from-file=/dev/stdin`],
    ['gpg --passphrase-fd 0', `echo ${S} | gpg --batch --passphrase-fd 0 -d backup.gpg`],
    ['gpg --passphrase-fd=0', `echo ${S} | gpg --passphrase-fd=0 --batch -d x.gpg`],
    ['smbpasswd -s', `echo ${S} | smbpasswd -a -s bob`],
    ['smbpasswd -s, a here-doc', `smbpasswd -s -a bob <<EOF\n${S}\n${S}\nEOF`],
    ['pdbedit -t', `echo -e "${S}\\n${S}" | pdbedit -a -t -u bob`],
    ['cryptsetup --key-file=-', `echo -n ${S} | cryptsetup luksOpen /dev/sdb1 data --key-file=-`],
    ['cryptsetup -d -', `echo -n ${S} | cryptsetup open /dev/sdb1 data -d -`],
    ['cryptsetup, a key file -', `echo -n ${S} | cryptsetup luksFormat /dev/sdb1 -`],
    ['vncpasswd -f', `echo ${S} | vncpasswd -f > ~/.vnc/passwd`],
  ]);
});

describe('39a-1: references, files and ordinary input stay accepted', () => {
  acceptedTable([
    'echo hello | grep h',
    'echo 3 | tee x',
    'echo "$PW" | docker login -u me --password-stdin r.io',
    'RUN echo "$REGISTRY_TOKEN" | docker login ghcr.io -u me --password-stdin',
    'echo ${PW} | sudo -S id',
    '$ echo $PW | vault login -',
    'echo "$(cat /run/secrets/pw)" | passwd --stdin root',
    'docker login -u me --password-stdin r.io < /run/secrets/pw',
    'cat /run/secrets/pw | docker login -u me --password-stdin r.io',
    'To log in, echo your token and pipe it into docker login with --password-stdin.',
    'We echo the build number to the log and then run sudo -S only when asked.',
    'echo hello | sudo sort -S 1G',
    'echo hello | sudo -u bob grep -S x',
    'echo yes | docker secret ls',
    'echo hello | kubectl create configmap x --from-file=greeting=/dev/stdin',
    'echo hello | gpg --armor --encrypt -r bob',
    'echo x | cryptsetup status data',
    'yes | pdbedit -a -t -u bob',
  ]);
});

describe('39a-3: command lines inside an XML element or CDATA', () => {
  refusedTable([
    [
      'a Jenkins job, sqlplus',
      `<project><builders><hudson.tasks.Shell>\n<command>sqlplus scott/${S}@orcl @migrate.sql</command>\n</hudson.tasks.Shell></builders></project>`,
    ],
    ['mysql -p', `<command>mysql -uroot -p${S} db</command>`],
    ['sshpass in CDATA', `<command><![CDATA[sshpass -p ${S} ssh h]]></command>`],
    ['ipmitool -P', `<command>ipmitool -I lanplus -H h -U admin -P ${S} power status</command>`],
    ['lftp -u in CDATA', `<command><![CDATA[lftp -u bob,${S} sftp://h]]></command>`],
    ['docker login -p', `<command>docker login -u me -p ${S} r.io</command>`],
    ['docker login fed by echo', `<command>echo ${S} | docker login -u me --password-stdin ghcr.io</command>`],
    ['htpasswd -b', `<command>htpasswd -b -c /etc/h bob ${S}</command>`],
    ['chpasswd <<<, escaped', `<command>chpasswd &lt;&lt;&lt; root:${S}</command>`],
    ['chpasswd <<< in CDATA', `<command><![CDATA[chpasswd <<< root:${S}]]></command>`],
    ['a postfix sasl_passwd line', `<value>[smtp.example.com]:587 bob@example.com:${S}</value>`],
  ]);
  acceptedTable([
    '<command>mvn -B clean install</command>',
    '<command>echo hello | grep h</command>',
    '<command>mysql -uroot -p"$MYSQL_PWD" db</command>',
    '<command><![CDATA[echo "$PW" | docker login -u me --password-stdin r.io]]></command>',
    '<password>${DB_PASSWORD}</password>',
    '<p>Run <code>passwd --stdin</code> to set a password.</p>',
  ]);
});
