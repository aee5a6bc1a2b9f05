import { valuesDoors } from './helpers';
import { acceptedEverywhere } from './secret-doors';
import { configMapOfTexts, configMapTables, refusedEverywhere } from './secret-tables';

/**
 * Attack round 40a-2, 40a-3 and 40a-5: a client's password read wherever the client is named on a command line, not
 * only at the first client word (after `docker exec`, `docker run IMAGE`, `podman`/`nerdctl exec`, `docker compose
 * exec`, and where a word before it is also a client's name: `kubectl -n mysql exec …`, `sudo -u mysql …`); a command
 * in a quoted assignment or an alias; an exec-form list (`["CMD", "mysqladmin", …]`) read as one command, one word per
 * item; `net user` and `dbv` wherever they stand. Each table is judged at every door at once (one ConfigMap holding
 * every row as its own key).
 */
const S = 'Hq7pLm2xWv';

const { acceptedTexts, refusedTable, acceptedTable } = configMapTables(S);

describe('40a-2: every client word of a command is read, not only the first', () => {
  refusedTable([
    ['docker exec mysql', `docker exec db mysql -uroot -p${S}`],
    ['docker exec -it redis-cli', `docker exec -it redis redis-cli -a ${S} ping`],
    ['docker exec with options', `docker exec -u root -e A=1 db mysql -uroot -p${S}`],
    ['docker compose exec curl', `docker compose exec db curl -u bob:${S} https://h`],
    ['podman exec sshpass', `podman exec db sshpass -p ${S} ssh h`],
    ['nerdctl exec mysql', `nerdctl exec db mysql -uroot -p${S}`],
    ['docker run IMAGE mysql', `docker run --rm mysql:8 mysql -uroot -p${S}`],
    ['docker run IMAGE redis-cli', `docker run --rm -it --network host redis:7 redis-cli -a ${S}`],
    ['docker run with a container named like the client', `docker run --rm -it mysql mysql -uroot -p${S}`],
    ['docker run --entrypoint mysql', `docker run --rm --entrypoint mysql mysql:8 -h db -uroot -p${S}`],
    ['docker run --entrypoint=curl', `docker run --rm --entrypoint=curl curlimages/curl -u bob:${S} https://h`],
    ['docker exec sqlplus', `docker exec db sqlplus system/${S}@orcl`],
    ['docker exec -i sqlplus here-doc', `docker exec -i db sqlplus -s /nolog <<EOF\nCONNECT system/${S}@orcl\nEOF\n`],
    ['a cron line', `0 2 * * * root docker exec db mysqldump -uroot -p${S} app > /b.sql`],
    ['systemd ExecStart', `ExecStart=/usr/bin/docker exec db mysqladmin -uroot -p${S} ping`],
    ['kubectl -n mysql exec redis-cli', `kubectl -n mysql exec redis-0 -- redis-cli -a ${S} ping`],
    ['sudo -u mysql redis-cli', `sudo -u mysql redis-cli -a ${S} ping`],
  ]);
  acceptedTable([
    'docker run --name mysql -p3306:3306 -d mysql:8',
    'docker run -d --name mysql -p 3306:3306 mysql:8',
    'docker run --name curl -u 1000:1000 curlimages/curl https://h',
    'docker exec db mysql -uroot -p"$MYSQL_ROOT_PASSWORD"',
    'docker exec -it redis redis-cli -a "$REDIS_PASSWORD" ping',
    'docker exec -it mysql mysql -uroot -p',
    'docker compose exec db mysqldump -uroot -p"${MYSQL_ROOT_PASSWORD}" app > b.sql',
    'kubectl -n mysql exec mysql-0 -- mysql -uroot -p"$PW"',
    'usermod -aG docker bob',
    'apk add --no-cache curl zip openssl mysql-client redis',
    'Use docker exec to run mysql in the container.',
    'sudo -u mysql mysql -e "select 1"',
    'zip -r backup.zip docker -x "*.log"',
    'mysqldump -h mysql -u root -p"$PW" app',
  ]);
});

describe('40a-3: quoted assignments, aliases and exec-form lists are command lines', () => {
  refusedTable([
    ['an env file BACKUP_CMD="…"', `BACKUP_CMD="mysqldump -uroot -p${S} app"`],
    ["cmd='…'", `cmd='redis-cli -a ${S} ping'`],
    ['CMD=… unquoted', `CMD=mysql -uroot -p${S}`],
    ['an alias', `alias db='mysql -uroot -p${S}'`],
    ['cmd="openssl passwd"', `cmd="openssl passwd ${S}"`],
    ["cmd='mkpasswd'", `cmd='mkpasswd ${S}'`],
    ['CMD=useradd -p', `CMD=useradd -p ${S} bob`],
    ['cmd="net user … /add"', `cmd="net user bob ${S} /add"`],
    ['cmd="dbv userid="', `cmd="dbv userid=sys/${S}"`],
    ['cmd="sqlplus logon"', `cmd="sqlplus system/${S}@orcl"`],
    ['an XML attribute', `<task cmd="openssl passwd ${S}"/>`],
    ['a compose healthcheck test list', `healthcheck:\n  test: ["CMD", "mysqladmin", "ping", "-uroot", "-p${S}"]\n`],
    ['a test list with redis-cli', `test: ["CMD", "redis-cli", "-a", "${S}", "ping"]`],
    ['a YAML flow list', `test: [CMD, redis-cli, -a, ${S}, ping]`],
    ['a Dockerfile CMD', `CMD ["mysql", "-uroot", "-p${S}"]`],
    ['a Dockerfile HEALTHCHECK CMD', `HEALTHCHECK CMD ["redis-cli", "-a", "${S}", "ping"]`],
    ['a Dockerfile ENTRYPOINT', `ENTRYPOINT ["sshpass", "-p", "${S}", "ssh", "h"]`],
    ['a list of net user', `RUN ["net", "user", "bob", "${S}", "/add"]`],
    ['a Python list', `subprocess.run(["curl", "-u", "bob:${S}", "https://h"])`],
  ]);
  acceptedTable([
    'BACKUP_CMD="mysqldump -uroot -p${PW} app"',
    "alias db='mysql -uroot -p'",
    'PATH=/usr/bin:$PATH\nEDITOR=vim\nCMD=curl\nDB_CLIENT=mysql\n',
    'test: ["CMD", "mysqladmin", "ping", "-h", "localhost"]',
    'test: ["CMD-SHELL", "mysqladmin ping -uroot -p$$MYSQL_ROOT_PASSWORD"]',
    'test: ["CMD", "redis-cli", "--no-auth-warning", "-a", "${REDIS_PASSWORD}", "ping"]',
    'test: [CMD, redis-cli, ping]',
    'CMD ["redis-server", "--appendonly", "yes"]',
    'ENTRYPOINT ["/docker-entrypoint.sh"]',
    'ports: ["3306:3306", "6379:6379"]',
    'args: ["--user", "bob", "-p", "8080"]',
    'matrix: [mysql, redis, postgres]',
    '["a", "b"]',
    'if [ -f /etc/x ]; then mysql -uroot -p; fi',
  ]);
});

describe('40a-5: net user and dbv wherever they stand', () => {
  refusedTable([
    ['RUN net user', `RUN net user bob ${S} /add`],
    ['cmd /c net user', `cmd /c net user bob ${S} /add`],
    ['a $ prompt', `$ net user bob ${S} /add`],
    ['a PS C:\\> prompt', `PS C:\\> net user bob ${S} /add`],
    ['a C:\\> prompt', `C:\\> net user bob ${S} /add /y`],
    ['psexec', `psexec \\\\h net user bob ${S} /add`],
    ['ssh host', `ssh host net user bob ${S} /add`],
    ['kubectl exec --', `kubectl exec -it db -- net user bob ${S} /add`],
    ['kubectl exec -- dbv', `kubectl exec -it db -- dbv userid=sys/${S} file=x.dbf`],
    ['RUN dbv', `RUN dbv userid=sys/${S} file=x.dbf`],
  ]);
  acceptedTable([
    'RUN net user bob /delete',
    'cmd /c net user bob * /add',
    'echo the net user growth was strong this quarter',
    'ssh host net use Z: \\\\srv\\share',
    'RUN dbv file=/u01/app/oracle/x.dbf blocksize=8192',
  ]);
});

// Refused before these readers too (a quoted item read nested; `<cmd>` text read as a line): kept so by the new reading.
describe('held before and kept: a client named twice, a CMD-SHELL item, XML element text', () => {
  refusedTable([
    ['docker login, a user named docker', `docker login -u docker -p ${S} registry.example.com`],
    ['a CMD-SHELL list', `test: ["CMD-SHELL", "mysqladmin ping -uroot -p${S}"]`],
    ['XML element text', `<cmd>net user bob ${S} /add</cmd>`],
  ]);
});

describe('40a-2: the same commands in a container command, an env value and a message', () => {
  const command = `docker exec db mysql -uroot -p${S}`;
  test('an init container command [sh, -c, …] is refused at every door', () => {
    refusedEverywhere({ deployment: { initContainers: [{ name: 'i', image: 'busybox', command: ['sh', '-c', command] }] } }, S, true);
  });
  test('an env value is refused at every door', () => {
    refusedEverywhere({ env: [{ name: 'BACKUP', value: command }] }, S, true);
  });
  test('an image pull policy message does not quote it', () => {
    const refusal = valuesDoors.config({ image: { pullPolicy: command } });
    expect(refusal).not.toBe('');
    expect(refusal).not.toContain(S);
  });
});

test("every table's accepted texts are accepted at every door", () => {
  acceptedEverywhere(configMapOfTexts(acceptedTexts));
});
