import { redact, secretShape } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { configMapOfTexts as configMap, doorsOf, judgedOnce, refusedAt as refusedAtWith } from './secret-tables';

/**
 * Attack round 36a-1, 36a-2, 36a-3, 36a-9 and 36a-12: other clients' command-line passwords (curl's bearer token and
 * certificate password, registry logins, archivers, ssh-keygen, RabbitMQ, Vault, MinIO, rclone), Redis commands that
 * set a password (after redis-cli, in a here-doc, in a printf string), shell expansions as references, and a message
 * that names the client and option matched. Each table is judged at every door at once (one config holding every
 * row, each at its own path), so the file stays cheap; a row is refused where each door names its path.
 */
const S = 'Zq8vNp3xWk';

const refusedAt = (doors: readonly string[], path: string): void => refusedAtWith(doors, path, S);

// One name per container: the API server refuses a name twice in a pod (attack41-containers.test.ts).
const container = (command: unknown[], i = 0, list = 'side') => ({ name: `${list}-${i}`, image: 'busybox:1.36', command });
const containers = (commands: unknown[][]) => ({
  deployment: { additionalContainers: commands.map((command, i) => container(command, i)) },
});
const annotations = (texts: string[]) => ({ deployment: { podAnnotations: Object.fromEntries(texts.map((text, i) => [`r${i}`, text])) } });
/** A command's words as one shell line (an empty or blank word, or a backslash, quoted). */
const asLine = (words: string[]): string => words.map((word) => (/^$|[\\\s]/.test(word) ? `'${word}'` : word)).join(' ');

describe('36a-1, 36a-2: password options and words of other clients', () => {
  const lines: Array<[string, string]> = [
    ['curl --oauth2-bearer (a long option named like a secret)', `curl --oauth2-bearer ${S} http://x`],
    ['curl -E file:password', `curl -E client.pem:${S} https://x`],
    ['curl --cert file:password', `curl --cert client.pem:${S} https://x`],
    ['curl --cert with a Windows path', `curl --cert C:\\certs\\c.pem:${S} https://x`],
    ['buildah login -p', `buildah login -p ${S} reg.example.com`],
    ['oras login -p', `oras login -u bob -p ${S} reg.example.com`],
    ['crane auth login -p', `crane auth login reg.example.com -u u -p ${S}`],
    ['skopeo login -p', `skopeo login -u bob -p ${S} reg.example.com`],
    ['az login -p', `az login -u u -p ${S}`],
    ['zip -P', `zip -P ${S} a.zip f`],
    ['unzip -P', `unzip -P ${S} a.zip`],
    ['7z -p glued', `7z x -p${S} a.7z`],
    ['ssh-keygen -N', `ssh-keygen -t ed25519 -N ${S} -f k`],
    ['ssh-keygen -P', `ssh-keygen -p -P ${S} -N "" -f k`],
    ['redis-benchmark -a', `redis-benchmark -h r -a ${S} -q`],
    ['rabbitmqctl add_user', `rabbitmqctl add_user app ${S}`],
    ['rabbitmqctl change_password', `rabbitmqctl -n rabbit@h change_password app ${S}`],
    ['vault login <token>', `vault login -no-print ${S}`],
    ['mc alias set', `mc alias set m http://minio:9000 AKEY ${S}`],
    ['rclone config create … pass', `rclone config create r sftp host h pass ${S}`],
  ];
  const rows = lines.map(([name, line], i) => [name, line, i] as const);
  const asText = judgedOnce(() => annotations(lines.map(([, line]) => line)));
  const asExec = judgedOnce(() => containers(lines.map(([, line]) => line.split(' '))));

  test.each(rows)('%s is refused at every door, as text and in exec form', (_, line, i) => {
    refusedAt(asText(), `podAnnotations.r${i}`);
    refusedAt(asExec(), `additionalContainers[${i}].command`);
    expect(shownInDiff(`# k: ${line}`)).not.toContain(S);
  });

  test.each(rows.filter(([name]) => !name.includes('--oauth2-bearer')))('%s is redacted', (_, line) => {
    expect(redact(line)).not.toContain(S);
  });
});

describe('36a-3: Redis commands that set a password', () => {
  const scripts: Array<[string, string]> = [
    ['redis-cli CONFIG SET requirepass', `redis-cli -h r CONFIG SET requirepass ${S}\n`],
    ['redis-cli config set masterauth (any case)', `redis-cli config set masterauth ${S}\n`],
    ['redis-cli ACL SETUSER >pw', `redis-cli ACL SETUSER app on >${S} ~* +@all\n`],
    ['redis-cli AUTH user pw', `redis-cli AUTH admin ${S}\n`],
    ['redis-cli SENTINEL SET auth-pass', `redis-cli -p 26379 SENTINEL SET mymaster auth-pass ${S}\n`],
    ['a here-doc line AUTH', `redis-cli <<EOF\nAUTH ${S}\nPING\nEOF\n`],
    ['a here-doc line HELLO … AUTH', `redis-cli <<EOF\nHELLO 3 AUTH default ${S}\nEOF\n`],
    ['a line AUTH alone', `AUTH ${S}\n`],
    ['printf AUTH piped to nc', `printf "AUTH ${S}\\r\\n" | nc h 6379`],
  ];
  const rows = scripts.map(([name, script], i) => [name, script, i] as const);
  const inConfigMap = judgedOnce(() => configMap(scripts.map(([, script]) => script)));
  const inShell = judgedOnce(() => containers(scripts.map(([, script]) => ['sh', '-c', script])));

  test.each(rows)('%s is refused at every door (in a ConfigMap script, and sh -c), named and redacted', (_, script, i) => {
    refusedAt(inConfigMap(), `data.k${i}`);
    refusedAt(inShell(), `additionalContainers[${i}].command`);
    expect(inConfigMap()[0]).toMatch(new RegExp(`data\\.k${i}: holds a password on a command line \\((?:redis-cli |Redis )[A-Z]`));
    expect(redact(script)).not.toContain(S);
    expect(shownInDiff(script.replace(/^/gm, '    ').replace(/^/, 'data: |\n'))).not.toContain(S);
  });

  test('redis-cli CONFIG SET as exec-form items is refused at every door', () => {
    refusedAt(doorsOf(containers([['redis-cli', '-h', 'r', 'CONFIG', 'SET', 'requirepass', S]])), 'additionalContainers[0].command');
  });
});

describe('36a-9: shell expansions are references; ordinary commands near the new rules are accepted', () => {
  const references = [
    'redis-cli -a "$REDIS_PASSWORD" ping',
    'redis-cli -a "${REDIS_PASSWORD:-}" ping',
    'redis-cli -a "$(cat /run/secrets/pw)" ping',
    'redis-cli -a $(REDIS_PASSWORD) ping',
    'mysql -uroot -p"$MYSQL_ROOT_PASSWORD" -e "select 1"',
    'sshpass -p "$SSHPASS" ssh h',
    'curl -u "admin:$PW" http://x',
    'htpasswd -bc /f admin "$PW"',
    'keytool -list -storepass "$STOREPASS"',
    'cmd --password "$PW"',
    'cmd --token $(cat /run/secrets/token)',
    'helm upgrade x c --set auth.password=$PW',
    'curl --oauth2-bearer "$TOKEN" https://x',
    'curl --cert "c.pem:$CERT_PW" https://x',
    'vault login -no-store "$(cat /run/secrets/token)"',
    'rabbitmqctl add_user app "$RABBIT_PW"',
  ];
  test.each(references)('%s has no secret shape, and the write gate lets it through', (line) => {
    expect(secretShape(line)).toBeUndefined();
    expect(valuesDoors.gate(annotations([line]))).toEqual([]);
  });
  test('all of them are accepted at every door, as text and in sh -c', () => {
    acceptedEverywhere({ ...annotations(references), ...containers(references.map((line) => ['sh', '-c', line])) });
  });

  const ordinary: Array<[string, string[]]> = [
    ['mkdir -p', ['mkdir', '-p', '/tmp/x']],
    ['ssh -p', ['ssh', '-p', '2222', 'root@h']],
    ['docker run -p', ['docker', 'run', '-p', '8080:80', 'nginx']],
    ['nc -p', ['nc', '-p', '1234', 'h', '80']],
    ['mysql -P port', ['mysql', '-P', '3306', '-h', 'db']],
    ['zip -r', ['zip', '-r', 'a.zip', 'dir']],
    ['7z -p alone (it prompts)', ['7z', 'a', '-p', 'a.7z', 'f']],
    ['ssh-keygen -N empty', ['ssh-keygen', '-t', 'ed25519', '-N', '', '-f', 'k']],
    ['vault login with a method', ['vault', 'login', '-method=userpass', 'username=u']],
    ['vault login from stdin', ['vault', 'login', '-']],
    ['mc alias set without keys (it prompts)', ['mc', 'alias', 'set', 'm', 'http://h']],
    ['rabbitmqctl list_users', ['rabbitmqctl', 'list_users']],
    ['rclone config create without a secret', ['rclone', 'config', 'create', 'r', 'sftp', 'host', 'h', 'user', 'u']],
    ['az login with a certificate path', ['az', 'login', '--service-principal', '-u', 'id', '-p', '/certs/sp.pem', '--tenant', 't']],
    ['redis-cli CONFIG GET', ['redis-cli', 'CONFIG', 'GET', 'requirepass']],
    ['curl -E without a password', ['curl', '-E', '/certs/c.pem', 'https://x']],
    ['curl --cert with a Windows drive only', ['curl', '--cert', 'C:\\certs\\c.pem', 'https://x']],
  ];
  test.each(ordinary)('%s has no secret shape', (_, command) => {
    expect(secretShape(asLine(command))).toBeUndefined();
  });
  test('all of them are accepted at every door, in exec form and as text; so is prose naming AUTH', () => {
    acceptedEverywhere({
      ...containers(ordinary.map(([, command]) => command)),
      ...annotations(ordinary.map(([, command]) => asLine(command))),
      ...configMap(['Redis asks for AUTH before any command.\necho AUTH required for this\n']),
    });
  });
});

describe('36a-12: the message names the client and option matched, on one line, never the value', () => {
  const lines: Array<[string, string]> = [
    [`redis-cli -a ${S} ping`, '(redis-cli -a)'],
    [`mysql -uroot -p${S} app`, '(mysql -p)'],
    [`curl -u admin:${S} https://x`, '(curl -u)'],
    [`buildah login -p ${S} reg`, '(buildah login -p)'],
    [`set -e; redis-cli CONFIG SET requirepass ${S}`, '(redis-cli CONFIG SET requirepass)'],
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
    expect(asText()[0]).not.toContain(S);
  });
});
