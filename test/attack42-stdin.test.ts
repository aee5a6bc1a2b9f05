import { redact, secretShape } from '../src/core/secrets';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { judgedOnce, textDoors, refusedAtTextDoors } from './secret-tables';

/**
 * Attack round 41a-2: restic, cosign and ansible-vault read the secret from standard input when it is no terminal.
 * 41a-3: every pipeline stage between the fed text and the reader passes it on (sed, awk, cut, base64 -d…), but a
 * command that reads its input as a program, a query or names (a shell, xargs, a database client). 41a-4: the client
 * `docker|podman|nerdctl run --entrypoint` names reads the words after the image. 41a-9: a redirection and its target
 * are no argument, and a reader whose standard input is a file reads no literal.
 */
const S = 'Jw4nRq8zTk';

const refused: ReadonlyArray<readonly [string, string]> = [
  // 41a-2
  ['echo into restic init', `echo ${S} | restic -r /srv init`],
  ['a here-string into restic init', `restic -r /srv init <<< ${S}`],
  ['echo into restic snapshots', `echo ${S} | restic -r s3:s3.amazonaws.com/b snapshots`],
  ['echo into cosign sign --key', `echo -n ${S} | cosign sign --key cosign.key img:1`],
  ['echo into cosign sign-blob --key=', `echo -n ${S} | cosign sign-blob --key=cosign.key f`],
  ['echo into cosign generate-key-pair', `echo -n ${S} | cosign generate-key-pair`],
  ['printf into ansible-vault encrypt_string --stdin-name', `printf '%s' ${S} | ansible-vault encrypt_string --stdin-name db_password`],
  ['echo into ansible-vault encrypt_string', `echo -n ${S} | ansible-vault encrypt_string --vault-id dev@pwfile`],
  // 41a-3
  ['sed between', `echo ${S} | sed "s/ //g" | docker login -u me --password-stdin r.io`],
  ['cut between', `echo ${S} | cut -c1- | docker login -u me --password-stdin r.io`],
  ['awk between', `echo ${S} | awk "{print}" | docker login -u me --password-stdin r.io`],
  ['base64 -d between', `echo ${S} | base64 -d | docker login -u me --password-stdin r.io`],
  ['cut into chpasswd', `echo "bob:${S}" | cut -d, -f1 | chpasswd`],
  ['grep, envsubst and rev between', `echo ${S} | grep . | envsubst | rev | sudo -S true`],
  ['perl -pe, iconv, dd, xxd -r between', `printf '%s\\n' ${S} | perl -pe 1 | iconv -t utf-8 | dd status=none | xxd -r -p | sudo -S true`],
  ['a here-string given to sed', `sed 's/x//' <<< ${S} | docker login -u me --password-stdin r.io`],
  ["a grep whose pattern is 'yes'", `echo ${S} | grep -v yes | sudo -S true`],
  ['python -c between', `echo ${S} | python3 -c "import sys; print(sys.stdin.read())" | sudo -S true`],
  // 41a-4
  ['docker run --entrypoint redis-cli', `docker run --entrypoint redis-cli redis:7 -a ${S} ping`],
  ['docker run --entrypoint=redis-cli', `docker run --entrypoint=redis-cli redis:7 -a ${S} ping`],
  ['docker run --entrypoint sshpass', `docker run --rm --entrypoint sshpass img -p ${S} ssh h`],
  ['podman run --entrypoint redis-cli', `podman run --rm -it --entrypoint redis-cli redis -a ${S}`],
  ['nerdctl run, options after --entrypoint', `nerdctl run --entrypoint redis-cli --name r -e A=b -p 1:2 -it redis:7 -a ${S}`],
];
const ordinary = [
  'echo hello | grep h',
  'echo hello | sed s/h/j/ | sort',
  'echo "$PW" | restic -r /srv init',
  'echo data | restic -r /srv backup --stdin',
  'RESTIC_PASSWORD_FILE=/run/pw restic -r /srv snapshots < /dev/null',
  'echo yes | restic version',
  'cosign verify --key cosign.pub img:1',
  'echo yes | cosign sign img:1',
  'echo y | cosign sign --key cosign.key img:1',
  'echo -n "$PW" | cosign generate-key-pair',
  'echo ${V} | ansible-vault encrypt_string --stdin-name db_password',
  'echo "SELECT token FROM t" | psql -At | docker login -u me --password-stdin r.io',
  'echo secret/db | xargs -I{} vault read -field=pw {} | docker login -u me --password-stdin r.io',
  'echo "cat /run/pw" | sh | sudo -S true',
  'echo "print(1)" | python3 | sudo -S true',
  'cat /run/pw | sed "s/ //g" | docker login -u me --password-stdin r.io',
  'docker run --entrypoint redis-cli redis:7 -h db ping',
  'docker run --entrypoint redis-cli redis:7 -a "$REDIS_PASSWORD" ping',
  'docker run --name mysql -p 3306:3306 --entrypoint mysqld mysql:8',
  // 41a-9
  'openssl passwd -6 -stdin < /run/secrets/pw',
  'openssl passwd -6 -stdin </run/secrets/pw',
  'openssl passwd -6 -stdin 2>/dev/null < /run/secrets/pw',
  'openssl passwd -6 -stdin 0< /run/secrets/pw',
  'mkpasswd -m sha-512 -s < /run/secrets/pw',
  'mkpasswd -m sha-512 --stdin < /run/secrets/pw > /tmp/hash',
  'echo hello | openssl passwd -stdin < /run/secrets/pw',
  'sed "s/ //" < /run/pw | docker login -u me --password-stdin r.io',
];

describe('41a-2, 41a-3, 41a-4: a password fed on standard input or to an entrypoint client', () => {
  const doors = judgedOnce(() => textDoors(refused.map(([, text]) => text)));
  test.each(refused.map(([name, text], i) => [name, text, i] as const))(
    '%s is refused, redacted and not shown in the diff',
    (_, text, i) => {
      expect(secretShape(text)).toBeDefined();
      refusedAtTextDoors(doors(), i, S);
      expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(S);
      expect(redact(text)).not.toContain(S);
    },
  );
  test.each([
    [`echo ${S} | restic -r /srv init`, 'restic password on standard input'],
    [`echo -n ${S} | cosign generate-key-pair`, 'cosign key password on standard input'],
    [`echo -n ${S} | ansible-vault encrypt_string --stdin-name x`, 'ansible-vault encrypt_string on standard input'],
    [`docker run --entrypoint redis-cli redis:7 -a ${S} ping`, 'redis-cli -a'],
  ])('%s is named by its client', (text, name) => {
    expect(secretShape(text)).toContain(`(${name})`);
  });
});

describe('41a-9 and controls: ordinary commands are accepted', () => {
  test.each(ordinary)('%s is accepted', (text) => {
    expect(secretShape(text)).toBeUndefined();
  });
  test('all of them are accepted at every door', () => {
    acceptedEverywhere(textDoors(ordinary));
  });
  test('a literal password word beside a redirection is still refused', () => {
    expect(secretShape(`openssl passwd -6 ${S} > /tmp/hash`)).toBeDefined();
    expect(secretShape(`mkpasswd -m sha-512 ${S} 2>/dev/null`)).toBeDefined();
    expect(secretShape(`echo ${S} | openssl passwd -stdin 2>/dev/null`)).toBeDefined();
  });
});
