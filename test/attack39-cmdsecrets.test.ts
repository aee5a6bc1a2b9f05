import { redact, secretShape } from '../src/core/secrets';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { configMapOfTexts as configMap, judgedOnce, refusedAt as refusedAtWith } from './secret-tables';

/**
 * Attack round 38a-1, 38a-2, 38a-3, 38a-10 and 38a-11: Redis commands in any case where text reaches redis-cli (and its
 * forks) through a pipe or a here-string, passwords fed on standard input to a command that reads one there, more
 * clients' password options, and shell references that are no secret (accepted). Each table is judged at every door at
 * once (one config holding every row, each at its own path), so the file stays cheap.
 */
const S = 'Hx7kQz9Wp2Lm';

const refusedAt = (doors: readonly string[], path: string): void => refusedAtWith(doors, path, S);

// One name per container: the API server refuses a name twice in a pod (attack41-containers.test.ts).
const container = (command: unknown[], i = 0, list = 'side') => ({ name: `${list}-${i}`, image: 'busybox:1.36', command });
/** Each line in a pod annotation, in a container's `sh -c`, and (exec) split at its blanks as a container's command. */
const doorValues = (lines: readonly string[], exec: boolean) => ({
  deployment: {
    podAnnotations: Object.fromEntries(lines.map((line, i) => [`r${i}`, line])),
    additionalContainers: lines.map((line, i) => container(['sh', '-c', line], i)),
    initContainers: exec ? lines.map((line, i) => container(line.split(' '), i, 'init')) : [],
  },
  ...configMap(lines),
});

/**
 * Rows refused at every door: as a pod annotation, a ConfigMap script, `sh -c`, and (one-line rows) in exec form split
 * at its blanks; not shown in the `check` diff; redacted.
 */
function refusedTable(lines: ReadonlyArray<readonly [string, string]>, exec = true, redacted = true): void {
  const rows = lines.map(([name, line], i) => [name, line, i] as const);
  const doors = judgedOnce(() =>
    doorValues(
      lines.map(([, line]) => line),
      exec,
    ),
  );
  test.each(rows)('%s is refused at every door, redacted and not shown in the diff', (_, line, i) => {
    refusedAt(doors(), `podAnnotations.r${i}`);
    refusedAt(doors(), `additionalContainers[${i}].command`);
    refusedAt(doors(), `data.k${i}`);
    if (exec) refusedAt(doors(), `initContainers[${i}].command`);
    // A here-doc joined into one line is none: a comment shows a one-line row only.
    if (!line.includes('\n')) expect(shownInDiff(`# k: ${line}`)).not.toContain(S);
    expect(shownInDiff(`  k: ${JSON.stringify(line)}`)).not.toContain(S);
    if (redacted) expect(redact(line)).not.toContain(S);
  });
}

/** Lines accepted at every door (as text, a ConfigMap script and `sh -c`), and no secret shape. */
function acceptedTable(lines: readonly string[]): void {
  test.each(lines)('%s is accepted', (line) => {
    expect(secretShape(line)).toBeUndefined();
  });
  test('all of them are accepted at every door', () => {
    acceptedEverywhere(doorValues(lines, false));
  });
}

describe('38a-1: Redis commands in any case wherever the text reaches redis-cli (valkey-cli, keydb-cli)', () => {
  refusedTable(
    [
      ['printf piped into redis-cli', `printf 'auth ${S}\\nping\\n' | redis-cli -h redis`],
      ['echo piped into redis-cli', `echo "auth ${S}" | redis-cli`],
      ['echo -e piped, auth user pw', `echo -e "auth bob ${S}" | redis-cli -h r`],
      ['a here-string to redis-cli', `redis-cli -h redis <<< "auth ${S}"`],
      ['a here-string, config set', `redis-cli <<<"config set requirepass ${S}"`],
      ['echo piped into valkey-cli', `echo "auth ${S}" | valkey-cli`],
      ['a here-string to keydb-cli', `keydb-cli <<< 'auth ${S}'`],
      ['echo piped into sudo redis-cli', `echo "auth ${S}" | sudo redis-cli -p 6380`],
      ['a printf format filled by the password, into redis-cli', `printf "auth %s\\n" ${S} | redis-cli`],
      ['a printf format filled by the password, into nc', `printf 'AUTH %s\\r\\n' '${S}' | nc redis 6379`],
    ],
    false,
  );
  refusedTable(
    [
      ['a here-doc to valkey-cli', `valkey-cli <<EOF\nauth ${S}\nEOF\n`],
      ['a here-doc to keydb-cli', `keydb-cli -h k <<'EOF'\nconfig set masterauth ${S}\nEOF\n`],
    ],
    false,
  );
  acceptedTable([
    'echo "auth required" | cat',
    'echo "auth $REDIS_PASSWORD" | redis-cli',
    'redis-cli <<< "auth $REDIS_PASSWORD"',
    'printf "auth %s\\n" "$REDIS_PASSWORD" | redis-cli',
    'echo ping | redis-cli',
    'redis-cli <<< "config get requirepass"',
    'echo "auth later" > notes.txt; redis-cli ping',
  ]);
});

describe('38a-2: a password fed on standard input to a command that reads one there', () => {
  refusedTable([
    ['echo | docker login --password-stdin', `echo ${S} | docker login -u bob --password-stdin registry.example.com`],
    ['echo "…" | helm registry login', `echo "${S}" | helm registry login r.io -u bob --password-stdin`],
    ['printf | podman login', `printf %s ${S} | podman login --password-stdin -u bob r.io`],
    ['echo -n | nerdctl login', `echo -n ${S} | nerdctl login --username bob --password-stdin r.io`],
    ['echo | buildah login', `echo ${S} | buildah login --password-stdin -u bob r.io`],
    ['echo | skopeo login', `echo ${S} | skopeo login --password-stdin -u bob r.io`],
    ['echo | oras login', `echo ${S} | oras login --password-stdin -u bob r.io`],
    ['echo | passwd --stdin', `echo "${S}" | passwd --stdin bob`],
    ['echo | sudo passwd --stdin', `echo "${S}" | sudo passwd --stdin bob`],
  ]);
  refusedTable(
    [
      ['a here-string to docker login', `docker login -u bob --password-stdin r.io <<< "${S}"`],
      ['a here-string to chpasswd', `chpasswd <<< "bob:${S}"`],
      ['a here-string to sudo chpasswd', `sudo chpasswd <<<'bob:${S}'`],
      ['a here-doc to chpasswd', `chpasswd <<EOF\nbob:${S}\nEOF`],
      ['a here-doc to chpasswd, indented', `  chpasswd <<-EOF\n\tbob:${S}\n\tEOF\n`],
      ['a here-doc to docker login', `docker login -u bob --password-stdin r.io <<'EOF'\n${S}\nEOF`],
    ],
    false,
  );
  acceptedTable([
    'echo "$REGISTRY_PASSWORD" | docker login -u bob --password-stdin r.io',
    'cat /run/secrets/reg | docker login -u bob --password-stdin r.io',
    'docker login -u bob --password-stdin r.io < /run/secrets/reg',
    'printf "%s" "$PW" | helm registry login r.io -u bob --password-stdin',
    'chpasswd <<< "bob:$PW"',
    'echo hello | docker run -i busybox cat',
    'echo done | passwd -S bob',
    'chpasswd <<EOF\nbob:${BOB_PASSWORD}\nEOF',
    'cat <<EOF\nbob:builder\nEOF',
  ]);
});

describe('38a-3: more password-option clients', () => {
  refusedTable([
    ['valkey-cli -a', `valkey-cli -h v -a ${S} ping`],
    ['keydb-cli -a', `keydb-cli -a ${S} ping`],
    ['expdp logon', `expdp system/${S}@orcl directory=d dumpfile=x`],
    ['impdp logon', `impdp system/${S}@orcl directory=d dumpfile=x`],
    ['rman target', `rman target sys/${S}@orcl`],
    ['sql (SQLcl) logon', `sql scott/${S}@h:1521/x`],
    ['exp logon', `exp scott/${S} file=x.dmp`],
    ['sqlldr logon', `sqlldr scott/${S}@orcl control=x.ctl`],
    ['wlfreerdp /p:', `wlfreerdp /u:admin /p:${S} /v:h`],
    ['mongodump -p glued', `mongodump -u bob -p${S} --db x`],
    ['mongorestore --password', `mongorestore -u bob --password ${S} dump/`],
    ['mongoexport --password=', `mongoexport -u bob --password=${S} -c x`],
    ['rdesktop -p', `rdesktop -u admin -p ${S} h`],
    ['ipmitool -k (the Kg key)', `ipmitool -I lanplus -H h -U admin -P x -k ${S} power status`],
    ['ipmitool -y (the Kg key in hex)', `ipmitool -I lanplus -H h -U admin -E -y ${S} power status`],
  ]);
  refusedTable(
    [
      ['lftp -c open -u', `lftp -c "open -u bob,${S} ftp://h; ls"`],
      ['lftp -e open -u', `lftp -e 'open -u bob,${S} sftp://h; mirror d; bye'`],
    ],
    false,
  );
  acceptedTable([
    'valkey-cli -h v ping',
    'rman target /',
    'expdp \\"/ as sysdba\\" directory=d',
    'sql /nolog',
    'sql -S scott@orcl @x.sql',
    'mongodump -u bob -p --db x',
    'mongodump --port 27017 --db x',
    'rdesktop -u admin h',
    'rdesktop -p - h',
    'ipmitool -I lanplus -H h -U admin -E power status',
    'ipmitool -I lanplus -H h -U admin -E -K power status',
    'ipmitool -I lanplus -H h -U admin -E -Y power status',
    'lftp -c "open ftp://h; ls"',
    'wlfreerdp /u:admin /v:h',
    'ls -l /tmp/x',
    'echo run sql queries/reports daily',
    'the exp a/b ratio; note the passwd user/group file',
  ]);
});

describe('38a-10 and 38a-11: shell references and file sources hold no secret', () => {
  acceptedTable([
    'curl -fsS -H "Authorization: Bearer $TOKEN" https://api.example.com/health',
    'curl -H "Authorization: Bearer $(cat /run/secrets/t)" https://x',
    'curl -H "Authorization: Bearer ${TOKEN}" https://x',
    'wget --header="Authorization: Bearer $TOKEN" https://x',
    'curl -H "Authorization: token $GITHUB_TOKEN" https://x',
    'curl -H "Authorization: Basic $B64" https://x',
    'DB_PASSWORD=$PW ./run',
    'DB_PASSWORD="$PW" ./run',
    'printf "AUTH %s\\r\\n" "$REDIS_PASSWORD" | nc redis 6379',
    'kubectl create secret generic db --from-file=password=/run/secrets/db-password',
    'kubectl create secret generic db --from-file=token=./token.txt',
    'tailscale up --authkey=file:/run/secrets/ts',
    'tailscale up --auth-key=file:/run/secrets/ts',
    'tailscale up --authkey file:/run/secrets/ts',
  ]);
  refusedTable(
    [
      ['kubectl --from-literal', `kubectl create secret generic db --from-literal=password=${S}`],
      ['DB_PASSWORD= before a command', `DB_PASSWORD=${S} ./run`],
      ['tailscale --authkey', `tailscale up --authkey=tskey-auth-${S}`],
    ],
    true,
    // Refused by their key as a whole text (judged before this round): the redaction of key readers is not this file's.
    false,
  );
  refusedTable(
    [
      ['a header bearer token', `curl -H "Authorization: Bearer ${S}" https://x`],
      ['a header, a value before an expansion', `curl -H "Authorization: Bearer ${S}$T" https://x`],
      ['a header, an expansion then a value', `wget --header="Authorization: token $T ${S}" https://x`],
    ],
    false,
    false,
  );
});
