import { valuesDoors } from './helpers';
import { deploymentOf } from './traefik-fixtures';
import { acceptedEverywhere, HOSTILE_TEST_SIZE, refusedEverywhere } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 80 (leaks80), a blind round on the code of round 79: a literal that still reaches a secret past the kubelet's
 * `$(VAR)` / configMapKeyRef / envFrom following of round 79 (src/core/env-expansions.ts), and a key word of another
 * language written in lower or title case:
 * - 80a-6: a mysql `-p<password>` in an env var that the container's shell expands (`$MYSQL_OPTS`, `${MYSQL_OPTS}` in a
 *   `sh -c` script), and a bare `MYSQL_OPTS: "-uroot -p…"` (a known client's options holding its password option);
 * - 80a-11: a literal of a ConfigMap this config writes, mounted as a file a secret is read from (a file named like a
 *   secret, or the `*_PASSWORD_FILE` convention pointing into the mount);
 * - 80a-15: `schluessel`, `Chiave`, `nyckel` alone as a key name a secret in any letter case, as `SCHLUESSEL` does.
 */
const PW = 'Xk9mP2vLq7wRtG02';
const CONTAINERS = 'extraObjects[0].spec.template.spec.containers[0]';

type Container = Record<string, unknown>;
/** A Deployment in `extraObjects` with one container (image mysql:8.4) and optional pod volumes, followed by `others`. */
const deployment = (container: Container, volumes?: unknown[], others: unknown[] = []) =>
  deploymentOf({ containers: [{ name: 'c', image: 'mysql:8.4', ...container }], ...(volumes ? { volumes } : {}) }, {}, others);
const configMap = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data,
});

describe('80a-6: a password option reaching a client through the shell, or held in a client options var', () => {
  const opts = (name: string, value: string, command: unknown[], args?: unknown[]) =>
    deployment({ env: [{ name, value }], command, ...(args ? { args } : {}) });
  it('the finding: a CronJob whose `sh -c` script expands $MYSQL_OPTS', () => {
    const values = {
      extraObjects: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'backup', namespace: 'default' },
          spec: {
            schedule: '0 3 * * *',
            jobTemplate: {
              spec: {
                template: {
                  spec: {
                    restartPolicy: 'OnFailure',
                    containers: [
                      {
                        name: 'c',
                        image: 'mysql:8.4',
                        env: [{ name: 'MYSQL_OPTS', value: `-h db -uroot -p${PW}` }],
                        command: ['sh', '-c', 'mysqldump $MYSQL_OPTS app | gzip > /b/app.sql.gz'],
                      },
                    ],
                  },
                },
              },
            },
          },
        },
      ],
    };
    refusedEverywhere(values, 'extraObjects[0].spec.jobTemplate.spec.template.spec.containers[0].env[0].value', PW);
  });
  // A name that names no client: only the shell's expansion makes the value a password on mysqldump's command line.
  it.each([
    ['$DUMP_FLAGS in sh -c', ['sh', '-c', 'mysqldump $DUMP_FLAGS app > /b/app.sql'], undefined],
    ['${DUMP_FLAGS} in bash -c', ['bash', '-c', 'mysqldump ${DUMP_FLAGS} app > /b/app.sql'], undefined],
    ['${DUMP_FLAGS:-} in /bin/sh -ec', ['/bin/sh', '-ec', 'exec mysqldump ${DUMP_FLAGS:-} app'], undefined],
    ['the script in args after command [sh, -c]', ['sh', '-c'], ['mysqldump $DUMP_FLAGS app']],
    ['the script quoted with double quotes in it', ['sh', '-c', 'mysql $DUMP_FLAGS -e "select 1"'], undefined],
    ['$$DUMP_FLAGS, which the kubelet makes $DUMP_FLAGS', ['sh', '-c', 'mysqldump $$DUMP_FLAGS app'], undefined],
  ])('%s: refused at the env value, naming the script, never shown', (_, command, args) => {
    const values = opts('DUMP_FLAGS', `-h db -uroot -p${PW}`, command, args);
    refusedEverywhere(values, `${CONTAINERS}.env[0].value`, PW);
    expect(valuesDoors.config(values)).toMatch(
      /env\[0\]\.value: holds a literal that reaches (?:command\[2\]|args\[0\]) through the container's shell/,
    );
  });
  it('a ConfigMap value read by envFrom and expanded by the shell: refused in the ConfigMap', () =>
    refusedEverywhere(
      deployment({ envFrom: [{ configMapRef: { name: 'dump' } }], command: ['sh', '-c', 'mysqldump $DUMP_FLAGS app'] }, undefined, [
        configMap('dump', { DUMP_FLAGS: `-uroot -p${PW}` }),
      ]),
      'extraObjects[1].data.DUMP_FLAGS',
      PW,
    ));
  it.each([
    ['MYSQL_OPTS', `-uroot -p${PW}`],
    ['MYSQL_OPTS', `-h db -uroot -p${PW}`],
    ['MYSQLDUMP_OPTIONS', `--single-transaction -p${PW}`],
    ['MARIADB_EXTRA_ARGS', `--user=root --password=${PW}`],
    ['REDIS_CLI_ARGS', `-h redis -a ${PW}`],
    ['mysqlOpts', `-uroot -p${PW}`],
  ])('a bare %s=… (a client options var, no command shown): refused, never shown', (name, value) =>
    refusedEverywhere({ env: [{ name, value }] }, 'env[0].value', PW),
  );
  it('a client options var as a ConfigMap data key: refused', () =>
    refusedEverywhere({ extraObjects: [configMap('dump', { MYSQL_OPTS: `-uroot -p${PW}` })] }, 'extraObjects[0].data.MYSQL_OPTS', PW));
  it.each([
    ['single quotes keep $VAR as written', ['sh', '-c', "mysqldump '$DUMP_FLAGS' app"]],
    ['a backslash keeps $VAR as written', ['sh', '-c', 'mysqldump \\$DUMP_FLAGS app']],
    ['no shell: exec form is not expanded', ['mysqldump', '$DUMP_FLAGS', 'app']],
    ['sh without -c runs a file', ['sh', '/scripts/dump.sh', '$DUMP_FLAGS']],
    // The kubelet makes `$$` a `$` first: `$$$$` is the shell's `$$` (its process ID), then the word DUMP_FLAGS.
    ['$$$$ is the process ID, not $DUMP_FLAGS', ['sh', '-c', 'mysqldump $$$$DUMP_FLAGS app']],
    ['${DUMP_FLAGS:+word} gives the word', ['sh', '-c', 'mysqldump ${DUMP_FLAGS:+--verbose} app']],
  ])('%s: passes', (_, command) => acceptedEverywhere(opts('DUMP_FLAGS', `-h db -uroot -p${PW}`, command)));
  it.each([
    ['options without a password', 'MYSQL_OPTS', '-h db -P 3306 --protocol=tcp --single-transaction'],
    ['-p alone prompts', 'MYSQL_OPTS', '-h db -uroot -p'],
    ['the password from a Secret through $(VAR)', 'MYSQL_OPTS', '-h db -uroot -p$(DB_PASSWORD)'],
    ['-P is the port', 'MYSQL_ARGS', '-P 3307'],
    ['redis-cli options without -a', 'REDIS_CLI_ARGS', '-h redis -p 6379 --tls'],
  ])('%s (%s=%s) in a sh -c script: passes', (_, name, value) =>
    acceptedEverywhere(
      deployment({
        env: [
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name, value },
        ],
        command: ['sh', '-c', `mysqldump $${name} app > /b/app.sql`],
      }),
    ),
  );
  it('a name of no client, on the command line of another (tar $TAR_OPTS, -pxzf): passes', () =>
    acceptedEverywhere(deployment({ env: [{ name: 'TAR_OPTS', value: '-pxzf' }], command: ['sh', '-c', 'tar $TAR_OPTS /b/app.tar.gz'] })));
  it.each([
    ['references of a var', '$A '],
    ['unclosed braces with defaults', '${A:-'],
    ['quotes and escapes', `'$A' "\\$A" `],
    // The house's hostile size (secret-doors.ts): at 100 kB, inside a shard's shared registry, a row took 9 s of CPU.
  ])('a hostile-size text of %s in a sh -c script is judged within 6 s of CPU', (_, unit) => {
    const script = `mysqldump ${unit.repeat(Math.ceil(HOSTILE_TEST_SIZE / unit.length))}`;
    const started = process.cpuUsage();
    valuesDoors.gate(deployment({ env: [{ name: 'A', value: 'x' }], command: ['sh', '-c', script] }));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
  it('a password from a Secret expanded by the shell passes', () =>
    acceptedEverywhere(
      deployment({
        env: [{ name: 'MYSQL_PWD_FROM', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
        command: ['sh', '-c', 'mysqldump -uroot -p"$MYSQL_PWD_FROM" app'],
      }),
    ));
});

describe('80a-11: a ConfigMap literal mounted as a file a secret is read from', () => {
  const KEY = 'Xk9mP2vLq7wRtK01';
  const pgcfg = (data: Record<string, string> = { init: KEY }) => configMap('pgcfg', data);
  const postgres = (env: unknown[], mounts: unknown[], volumes: unknown[], data?: Record<string, string>) => ({
    extraObjects: [
      pgcfg(data),
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'pg', namespace: 'default' },
        spec: {
          serviceName: 'pg',
          selector: { matchLabels: { app: 'pg' } },
          template: {
            metadata: { labels: { app: 'pg' } },
            spec: { containers: [{ name: 'pg', image: 'postgres:16', env, volumeMounts: mounts }], volumes },
          },
        },
      },
    ],
  });
  const items = (path: string) => [{ name: 'cfg', configMap: { name: 'pgcfg', items: [{ key: 'init', path }] } }];
  const whole = [{ name: 'cfg', configMap: { name: 'pgcfg' } }];
  const mount = [{ name: 'cfg', mountPath: '/etc/pg' }];
  it('the finding: POSTGRES_PASSWORD_FILE reads the item path `password`: refused at the ConfigMap key, never shown', () => {
    const values = postgres([{ name: 'POSTGRES_PASSWORD_FILE', value: '/etc/pg/password' }], mount, items('password'));
    refusedEverywhere(values, 'extraObjects[0].data.init', KEY);
    expect(valuesDoors.config(values)).toMatch(/data\.init: holds a literal that reaches file \/etc\/pg\/password through the kubelet/);
  });
  it.each([
    ['a file named password, no env', [], mount, items('password')],
    ['a file named db-password.txt', [], mount, items('db-password.txt')],
    ['POSTGRES_PASSWORD_FILE at the key`s own file', [{ name: 'POSTGRES_PASSWORD_FILE', value: '/etc/pg/init' }], mount, whole],
    [
      'MYSQL_ROOT_PASSWORD_FILE, a trailing slash on mountPath',
      [{ name: 'MYSQL_ROOT_PASSWORD_FILE', value: '/etc/pg/init' }],
      [{ name: 'cfg', mountPath: '/etc/pg/' }],
      whole,
    ],
    [
      'a subPath mount at the file read',
      [{ name: 'DB_PASSWORD_FILE', value: '/run/secrets/db' }],
      [{ name: 'cfg', mountPath: '/run/secrets/db', subPath: 'init' }],
      whole,
    ],
    [
      'a projected volume',
      [{ name: 'API_TOKEN_FILE', value: '/etc/pg/tok' }],
      mount,
      [{ name: 'cfg', projected: { sources: [{ configMap: { name: 'pgcfg', items: [{ key: 'init', path: 'tok' }] } }] } }],
    ],
  ])('%s: refused, never shown', (_, env, mounts, volumes) =>
    refusedEverywhere(postgres(env, mounts, volumes), 'extraObjects[0].data.init', KEY),
  );
  it.each([
    ['--password-file=PATH', true, ['app', '--password-file=/etc/pg/init']],
    ['--vault-token-file PATH (two items)', true, ['app', '--vault-token-file', '/etc/pg/init']],
    ['--config-file=PATH', false, ['app', '--config-file=/etc/pg/init']],
    ['--password-file at another file', false, ['app', '--password-file=/etc/pg/other']],
  ])('a command option %s over the ConfigMap file: refused: %s', (_, refused, command) => {
    const values = postgres([], mount, whole);
    (values.extraObjects[1] as any).spec.template.spec.containers[0].command = command;
    if (refused) refusedEverywhere(values, 'extraObjects[0].data.init', KEY);
    else acceptedEverywhere(values); // the same literal, read as no secret
  });
  it.each([
    ['a config file read by CONFIG_FILE', [{ name: 'PGCONF_FILE', value: '/etc/pg/init' }], mount, whole, { init: 'max_connections=100' }],
    ['a file named postgresql.conf', [], mount, items('postgresql.conf'), { init: 'max_connections=100' }],
    ['a password policy file', [], mount, items('password-policy.conf'), { init: 'minlength=12' }],
    [
      'POSTGRES_PASSWORD_FILE into a Secret volume',
      [{ name: 'POSTGRES_PASSWORD_FILE', value: '/run/pw/password' }],
      [{ name: 'pw', mountPath: '/run/pw' }],
      [{ name: 'pw', secret: { secretName: 'pg' } }],
      { init: KEY },
    ],
    [
      'POSTGRES_PASSWORD_FILE at another file of the mount',
      [{ name: 'POSTGRES_PASSWORD_FILE', value: '/etc/pg/other' }],
      mount,
      whole,
      { init: KEY },
    ],
    ['a file named password holding a switch word', [], mount, items('password'), { init: 'none' }],
    // A text of lines is a config file, judged by its lines where it stands, not as one password.
    [
      'an AWS credentials file of settings only',
      [],
      [{ name: 'cfg', mountPath: '/root/.aws' }],
      items('credentials'),
      { init: '[default]\nregion = eu-west-1\n' },
    ],
    ['a secret.yaml of settings', [], mount, items('secret.yaml'), { init: 'apiVersion: v1\nkind: Config\n' }],
    [
      '/etc/passwd from a ConfigMap (nss_wrapper)',
      [],
      [{ name: 'cfg', mountPath: '/etc/passwd', subPath: 'init' }],
      whole,
      { init: 'app:x:1000:1000::/home/app:/bin/sh\n' },
    ],
  ])('%s: passes', (_, env, mounts, volumes, data) => acceptedEverywhere(postgres(env, mounts, volumes, data)));
  it('a ConfigMap this config does not write stays a reference', () =>
    acceptedEverywhere({
      extraObjects: [postgres([{ name: 'POSTGRES_PASSWORD_FILE', value: '/etc/pg/password' }], mount, items('password')).extraObjects[1]],
    }));
});

describe('80a-15: a key word of another language alone as a key names a secret in any letter case', () => {
  const data = (entries: Record<string, string>) => ({ extraObjects: [configMap('app', entries)] });
  const T = 'Xk9mP2vLq7wRtT01';
  it.each([
    'schluessel',
    'Schluessel',
    'Schlüssel',
    'Chiave',
    'chiave',
    'nyckel',
    'Nyckel',
    'sleutel',
    'klucz',
    'anahtar',
    'kunci',
    'SCHLUESSEL',
  ])('%s: a literal under it is refused, never shown', (key) => refusedEverywhere(data({ [key]: T }), `extraObjects[0].data.${key}`, T));
  it('in a YAML text of a ConfigMap (config.yaml: stripe: schluessel: …): refused', () =>
    refusedEverywhere(data({ 'config.yaml': `stripe:\n  schluessel: ${T}\n` }), 'extraObjects[0].data', T));
  it('the finding: schluessel, Chiave, nyckel and a text, in one ConfigMap: each named', () => {
    const message = valuesDoors.config(
      data({
        schluessel: T,
        Chiave: 'Xk9mP2vLq7wRtT02',
        nyckel: 'Xk9mP2vLq7wRtT03',
        'config.yaml': `stripe:\n  schluessel: Xk9mP2vLq7wRtT04\n`,
      }),
    );
    for (const key of ['data.schluessel', 'data.Chiave', 'data.nyckel', 'data["config.yaml"]']) expect(message).toContain(key);
    expect(message).not.toMatch(/Xk9mP2vLq7wRtT0/);
  });
  it.each([
    ['Chiave', 'user_id'],
    ['schluessel', 'orders.created'],
    ['nyckel', 'id'],
    // English `key` alone stays what it is today (a toleration's key, configMapKeyRef's key): no secret's name.
    ['key', T],
    ['Key', T],
  ])('%s: %s passes', (key, value) => acceptedEverywhere(data({ [key]: value })));
  it('a configMapKeyRef `key` passes', () =>
    acceptedEverywhere(
      deployment({
        env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } }],
      }),
    ));
});
