import { redact, secretShape } from '../src/core/secrets';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { judgedOnce, refusedAtTextDoors, textDoors } from './secret-tables';

/**
 * Round 42a-1..3: a password fed on standard input to a reader that a wrapper runs with that input (a container, a
 * pod, ssh, a prefix runner, a group, a shell's script); through xargs running echo or printf, and over a pipe a line
 * leaves open; through a variable set from a literal earlier in the text, or the script's input made a literal.
 */
const S = 'Zq9!pW7-vL#m2';
const T = 'Hq7pLm2xWv';

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 42a-1: wrappers that forward standard input
  ['kubectl exec -i pod -- restic', `echo ${T} | kubectl exec -i pod -- restic -r /r init`, T],
  ['docker exec -i c vault login -', `printf '%s' '${S}' | docker exec -i vault vault login -`, S],
  ['docker run -i --entrypoint restic IMG', `echo ${T} | docker run -i --entrypoint restic restic/restic -r /r init`, T],
  ['docker run -i --entrypoint=/usr/bin/restic', `echo ${T} | docker run -i --entrypoint=/usr/bin/restic restic/restic -r /r init`, T],
  ['--entrypoint chpasswd, -i after it', `echo bob:${S} | docker run --rm --entrypoint chpasswd -i alpine`, S],
  ['docker run -i alpine chpasswd', `echo bob:${S} | docker run -i alpine chpasswd`, S],
  ['docker run -i httpd htpasswd -i', `echo '${S}' | docker run -i httpd:2 htpasswd -i /x bob`, S],
  ['--entrypoint sudo img -S', `echo '${S}' | docker run -i --entrypoint sudo img -S id`, S],
  ['--entrypoint gpg --passphrase-fd 0', `echo '${S}' | docker run -i --entrypoint gpg img --batch --passphrase-fd 0`, S],
  ['--entrypoint smbpasswd -s', `echo '${S}' | docker run -i --entrypoint smbpasswd samba -s -a bob`, S],
  ['--entrypoint ansible-vault', `echo '${S}' | docker run -i --entrypoint ansible-vault img encrypt_string --stdin-name pw`, S],
  ['nerdctl run -i --entrypoint', `echo '${S}' | nerdctl run -i --entrypoint restic img -r /r init`, S],
  ['podman exec -i', `echo '${S}' | podman exec -i c restic -r /r init`, S],
  ['kubectl exec -i -- chpasswd', `echo root:${S} | kubectl exec -i pod -- chpasswd`, S],
  [
    'kubectl -n x exec -it -c main -- bash -c',
    `echo '${S}' | kubectl -n x exec -it pod -c main -- bash -c "cd /x && restic -r /r init"`,
    S,
  ],
  ['docker compose exec -T', `echo '${S}' | docker compose exec -T db restic -r /r init`, S],
  ['docker-compose exec', `echo '${S}' | docker-compose exec db restic -r /r init`, S],
  ['ssh host chpasswd', `echo bob:${S} | ssh host chpasswd`, S],
  ['ssh host sudo -S', `echo '${S}' | ssh host sudo -S reboot`, S],
  ['ssh -p 22 host a quoted script', `echo '${S}' | ssh -p 22 host 'cd /x && sudo -S reboot'`, S],
  ['runuser -u backup --', `echo '${S}' | runuser -u backup -- restic -r /r init`, S],
  ['chroot /mnt', `echo '${S}' | chroot /mnt restic -r /r init`, S],
  ['flock /tmp/l', `echo '${S}' | flock /tmp/l restic -r /r init`, S],
  ['setsid', `echo '${S}' | setsid restic -r /r init`, S],
  ['busybox chpasswd', `echo bob:${S} | busybox chpasswd`, S],
  ['sudo -u bob timeout 10 chroot /mnt', `echo '${S}' | sudo -u bob timeout 10 chroot /mnt restic -r /r init`, S],
  ['ip netns exec', `echo '${S}' | ip netns exec ns1 restic -r /r init`, S],
  ['a subshell group', `echo '${S}' | (cd /x && restic -r /r init)`, S],
  ['a brace group', `echo '${S}' | { cd /x; restic -r /r init; }`, S],
  ["bash -c 'restic'", `echo '${S}' | bash -c 'restic -r /r init'`, S],
  ['sh -c "docker login --password-stdin"', `echo '${S}' | sh -c "docker login -u bob --password-stdin r.io"`, S],
  ['su bob -c', `echo '${S}' | su bob -c 'restic -r /r init'`, S],
  ['docker exec -i sh -c with a here-string', `docker exec -i c sh -c 'restic -r /r init' <<< '${S}'`, S],
  // 42a-2: xargs, a pipe left open at a line's end
  ['xargs echo', `echo ${T} | xargs echo | docker login -u bob --password-stdin reg.io`, T],
  ['xargs -I{} echo {}', `echo '${S}' | xargs -I{} echo {} | docker login -u bob --password-stdin reg.io`, S],
  ["xargs printf '%s'", `echo '${S}' | xargs printf '%s' | docker login -u bob --password-stdin reg.io`, S],
  ["xargs -0 printf '%s'", `printf '%s\\0' '${S}' | xargs -0 printf '%s' | docker login -u bob --password-stdin reg.io`, S],
  ['xargs alone (echo)', `echo '${S}' | xargs | sudo -S true`, S],
  ['a pipe ending a line', `echo '${S}' |\n  restic -r /r init`, S],
  ['a pipe ending a CRLF line', `echo '${S}' |\r\n  docker login -u bob --password-stdin r.io`, S],
  // 42a-3: a variable set from a literal, the script's input made a literal
  ['P=\'lit\'; echo "$P" |', `P='${S}'; echo "$P" | restic -r /r init`, S],
  ['export P=lit, then a line', `export P='${S}'\necho "$P" | restic -r /r init`, S],
  ['printf -v P', `printf -v P '%s' '${S}'; echo "$P" | restic -r /r init`, S],
  ['read -r P from a here-doc', `read -r P <<'E'\n${S}\nE\necho "$P" | restic -r /r init`, S],
  ['read -r P <<< lit, ${P}', `read -r P <<< '${S}'\necho "\${P}" | docker login -u bob --password-stdin r.io`, S],
  ['a user line of two variables', `U=bob P=${T}\necho "$U:$P" | chpasswd`, T],
  ['a variable in a here-doc', `P='${S}'\nsudo -S true <<EOF\n$P\nEOF`, S],
  ['a variable in a here-doc piped on', `P='${S}'\ncat <<EOF | docker login -u bob --password-stdin r.io\n$P\nEOF`, S],
  ['exec 0< <(echo pw)', `exec 0< <(echo ${T})\nrestic -r /r init`, T],
  ['exec <<< pw', `exec <<< '${S}'\nsudo -S reboot`, S],
];

const ordinary = [
  // 42a-1: no input forwarded, or none written
  `echo '${S}' | docker run --entrypoint restic restic/restic -r /r init`.replace(S, 'hello'),
  'echo hello | docker run --entrypoint restic restic/restic -r /r init',
  'echo hello | docker exec c restic -r /r init',
  'echo hello | kubectl exec pod -- restic -r /r init',
  'echo hello | ssh -n host restic -r /r init',
  'echo hello | docker run -d -i img restic -r /r init',
  'echo hello | docker compose exec -d db restic -r /r init',
  'echo hello | bash script.sh restic -r /r init',
  'echo hello | (cat > /tmp/x; restic -r /r init < /run/pw)',
  "echo hello | sh -c 'restic -r /r init < /run/pw'",
  "echo hello | sh -c 'cat /run/pw | restic -r /r init'",
  'echo hello | grep -q x; restic -r /r init',
  'echo hi | tee /tmp/log; (cd /x && restic -r /r init)',
  "sh -c 'restic -r /r init'",
  'docker run -i --entrypoint restic restic/restic -r /r init < /run/pw',
  'cat /run/pw | kubectl exec -i pod -- restic -r /r init',
  'echo "$PW" | kubectl exec -i pod -- restic -r /r init',
  `echo "\${PW}" | sh -c 'restic -r /r init'`,
  'echo hello | ssh host cat',
  'echo hello | logger -t restic init',
  'echo y | apt-get install -y restic sshpass curl',
  'echo hello | docker run -i img restic version',
  "cat /run/pw | ssh host 'sudo -S reboot'",
  "ssh host 'echo done' | restic -r /r init",
  'echo hello | docker exec -i vault vault status',
  'kubectl exec -i pod -- restic -r /r init < /run/secrets/pw',
  'Run restic through docker exec -i, kubectl exec -i or ssh; feed it the password from a file.',
  // 42a-2
  'cat /run/pw | xargs echo | docker login -u bob --password-stdin reg.io',
  'echo ids | xargs cat | docker login -u bob --password-stdin reg.io',
  'echo hello | xargs -a /run/pw echo | docker login -u bob --password-stdin reg.io',
  'echo hello | xargs -n1 curl | docker login -u bob --password-stdin reg.io',
  'run: |\n  restic -r /r init',
  '| a | b |\n| restic -r /r init | x |',
  'echo done |\n  tee log',
  'cat /run/pw |\n  docker login -u bob --password-stdin r.io',
  // 42a-3
  'P=$(cat /run/pw); echo "$P" | restic -r /r init',
  'P="$(vault kv get -field=pw x)"\necho "$P" | restic -r /r init',
  'read -r P < /run/secrets/pw\necho "$P" | restic -r /r init',
  'P=\'hello\'; P=$(cat /run/pw); echo "$P" | restic -r /r init',
  'echo "$P" | restic -r /r init\nP=x',
  'REPO=/srv/restic\nrestic -r $REPO init --password-file /run/pw',
  'REPO=/srv/restic\necho "$REPO" | tee x',
  'exec 0< /run/pw\nrestic -r /r init',
  'exec 3< <(echo hi)\nrestic -r /r init --password-file /run/pw',
  "P='hello'; echo '$P' | restic -r /r init",
  'P=a Q=$(cat /run/pw); echo "$P$Q" | restic -r /r init',
  'NAME=web\necho "$NAME" | docker exec -i c tee /etc/hostname',
];

/** One row of each kind, judged at the three text doors (the config, the cluster and chart props, the write gate). */
const atDoors = refused.filter((_, i) => i % 3 === 0);

describe('round 42a-1..3: readers behind wrappers, xargs and open pipes, literal variables', () => {
  test.each(refused)('%s is refused and redacted', (_, text, secret) => {
    expect(secretShape(text)).toBeDefined();
    expect(redact(`a: 1\n${text}\nb: 2`)).not.toContain(secret);
  });
  const doors = judgedOnce(() => textDoors(atDoors.map(([, text]) => text)));
  test.each(atDoors.map(([name, text, secret], i) => [name, text, secret, i] as const))(
    '%s is refused at every door and not shown in the diff',
    (_, text, secret, i) => {
      refusedAtTextDoors(doors(), i, secret);
      expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(secret);
    },
  );
});

describe('round 42a-1..3: ordinary commands are accepted', () => {
  test.each(ordinary)('%s is accepted', (text) => {
    expect(secretShape(text)).toBeUndefined();
  });
  test('all of them are accepted at every door', () => {
    acceptedEverywhere(textDoors(ordinary));
  });
});
