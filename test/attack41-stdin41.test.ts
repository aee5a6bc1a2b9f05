import { redact, secretShape } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { configMapOf, judgedOnce, textDoors, refusedAtTextDoors } from './secret-tables';

/**
 * Attack round 40a-4: more ways a password reaches a command's standard input (a here-string through `cat`, a process
 * substitution, `0<<<`, filters between, bash's `|&`, a pipe into a subshell or a group, a file that is standard input)
 * and more commands that read one there (mkpasswd, openssl, sshpass, vault `key=-`, glab, gh, cosign, Heimdal kinit,
 * restic, gocryptfs, the OpenLDAP clients' `-y`, rclone obscure). 40a-8: a refused here-doc names the body line that holds
 * the password. 40a-8b: a config file's password names its format, and a block's message says what matched once.
 */
const S = 'Hq7pLm2xWv';

describe('40a-4: a password fed on standard input', () => {
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['a here-string through cat into sudo -S', `cat <<< ${S} | sudo -S true`],
    ['a here-string through cat into vault login -', `cat <<< ${S} | vault login -`],
    ['a process substitution', `sudo -S true < <(echo ${S})`],
    ['a here-string on descriptor 0', `sudo -S true 0<<<${S}`],
    ['filters between (yes | head | smbpasswd -s)', `yes ${S} | head -2 | smbpasswd -s -a bob`],
    ["bash's |&", `echo ${S} |& sudo -S true`],
    ['a pipe into a subshell', `echo ${S} | (sudo -S true)`],
    ['a pipe into a group', `echo ${S} | { sudo -S true; }`],
    ['docker secret create x /dev/stdin', `echo ${S} | docker secret create x /dev/stdin`],
    ['kubectl --from-file=/proc/self/fd/0', `echo ${S} | kubectl create secret generic x --from-file=pw=/proc/self/fd/0`],
    ['cryptsetup --key-file=/dev/stdin', `echo -n ${S} | cryptsetup open --key-file=/dev/stdin /dev/sdb d`],
    ['mkpasswd -s', `echo ${S} | mkpasswd -s`],
    ['mkpasswd --stdin', `echo ${S} | mkpasswd --stdin`],
    ['openssl passwd -stdin', `echo ${S} | openssl passwd -6 -stdin`],
    ['openssl -passin stdin', `echo ${S} | openssl rsa -in k.pem -passin stdin -out k2.pem`],
    ['Heimdal kinit --password-file=STDIN', `echo ${S} | kinit --password-file=STDIN bob@EXAMPLE.COM`],
    ['sshpass without -p', `echo ${S} | sshpass ssh bob@host`],
    ['sshpass -d 0', `sshpass -d 0 ssh bob@host <<< ${S}`],
    ['vault write key=-', `echo ${S} | vault write auth/userpass/users/bob password=-`],
    ['glab auth login --stdin', `echo ${S} | glab auth login --stdin`],
    ['gh auth login --with-token', `echo ${S} | gh auth login --with-token`],
    ['cosign login --password-stdin', `echo ${S} | cosign login r -u bob --password-stdin`],
    ['restic --password-file /dev/stdin', `echo ${S} | restic -r r --password-file /dev/stdin snapshots`],
    ['gocryptfs -passfile /dev/stdin', `echo ${S} | gocryptfs -passfile /dev/stdin a b`],
    ['ldapsearch -y /dev/stdin', `echo ${S} | ldapsearch -x -D cn=admin -y /dev/stdin`],
    ['rclone obscure <password>', `rclone obscure ${S}`],
    ['rclone obscure -', `echo ${S} | rclone obscure -`],
  ];
  const doors = judgedOnce(() => textDoors(rows.map(([, text]) => text)));
  test.each(rows.map(([name, text], i) => [name, text, i] as const))('%s is refused, redacted and not shown in the diff', (_, text, i) => {
    refusedAtTextDoors(doors(), i, S);
    expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(S);
    expect(redact(text)).not.toContain(S);
  });

  const ordinary = [
    'cat file | sudo -S true',
    'sudo -S true < <(cat /run/secrets/pw)',
    'echo hello | head -2 | sort',
    'echo done | (cd /tmp && ls)',
    'echo "$PW" | sshpass ssh bob@host',
    'sshpass -p "$PW" ssh host',
    'sshpass -f /etc/sshpass ssh host',
    'echo hello | sshpass -e ssh bob@host',
    'echo $PW | mkpasswd -s',
    'echo "$(cat /run/pw)" | openssl passwd -stdin',
    'openssl rsa -in k.pem -passin file:/run/pw -out k2.pem',
    'echo ${TOKEN} | glab auth login --stdin',
    'vault write auth/x password=-',
    'rclone obscure "$PW"',
    'rclone obscure -',
    'The rclone obscure command hides a password.',
    'docker secret create x /run/secrets/x',
  ];
  test.each(ordinary)('%s is accepted', (text) => {
    expect(secretShape(text)).toBeUndefined();
  });
  test('all of them are accepted at every door', () => {
    acceptedEverywhere(textDoors(ordinary));
  });
});

/** The config door's refusal of `text` as a ConfigMap file. */
const refusal = (text: string): string => valuesDoors.config(configMapOf({ 'run.sh': text }));

describe("40a-8: a refused here-doc names its body's line that holds the password", () => {
  test.each([
    ['sudo -S', `#!/bin/sh\nsudo -S true <<EOF\n${S}\nEOF\n`, 3, 'sudo -S'],
    ['sqlplus CONNECT', `sqlplus /nolog <<EOF\nCONNECT system/${S}@orcl\nEOF\n`, 2, '(CONNECT user/…)'],
    ['docker secret create -', `docker secret create pw - <<EOF\n${S}\nEOF\n`, 2, 'secret create -'],
    ['smbpasswd -s', `smbpasswd -s -a bob <<EOF\n${S}\n${S}\nEOF\n`, 2, 'smbpasswd -s'],
    ['lftp user', `lftp <<EOF\nopen ftp.example.com\nuser bob ${S}\nEOF\n`, 3, 'lftp user'],
  ])('%s', (_, text, line, client) => {
    const message = refusal(text);
    // A secret on neighbouring lines is one refusal naming its lines (`on its lines 2–3`: 73b-8).
    expect(message).toMatch(new RegExp(`on its lines? ${line}\\b`));
    expect(message).toContain(client);
    expect(message).not.toContain(S);
  });
});

describe('40a-8b: a config file line names its format, and a message says what matched once', () => {
  test.each([
    ['dovecot {PLAIN}', `bob:{PLAIN}${S}\n`, 'dovecot'],
    ['postfix sasl_passwd', `x = 1\n[smtp.example.com]:587 bob:${S}\n`, 'sasl_passwd'],
    ['haproxy str()', `http-request set-header Authorization %[str('Token ${S}')]\nx\n`, 'haproxy'],
    ['keepalived auth_pass', `vrrp_instance v {\n  auth_pass ${S}\n}\n`, 'keepalived auth_pass'],
  ])('%s', (_, text, format) => {
    const message = refusal(text);
    expect(message).toMatch(new RegExp(`a password of a config file \\([^)]*${format}`));
    expect(message).not.toContain('chap-secrets, an Authorization');
    expect(message).not.toContain(S);
  });

  test('a block names what matched once, and a placeholder is not redacted', () => {
    const message = refusal(`a\nb\nopenssl passwd -1 ${S}\n`);
    expect(message).toContain('(openssl passwd, its password word), on its line 3,');
    expect(message.match(/a password on a command line/g)).toHaveLength(1);
    expect(message).not.toContain('<redacted>');
    expect(message).not.toContain(S);
  });
});
