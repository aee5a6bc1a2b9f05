import { valuesDoors } from './helpers';
import { deploymentOf } from './traefik-fixtures';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 81 (flows81): a literal that still reaches a secret through what the kubelet and a container's shell do with
 * it, past round 80's env following (src/core/env-expansions.ts):
 * - 81a-6: the kubelet's `$(VAR)` as an item of its own (`-a`, `$(R)`), glued to a short option (`-p$(M)`), or after
 *   `--token`: the command line after substitution sets a password, as the same literal written there does;
 * - 81a-11: `sh -c SCRIPT NAME ARG…`: the script's `$0`, `$1`… and `"$@"` are the items after it;
 * - 81a-12: a downward-API `fieldRef` to `metadata.annotations['x']` / `metadata.labels['x']`: the pod template's
 *   annotation or label, as a configMapKeyRef's ConfigMap value is.
 */
const PW = 'Hx7kQ2mZpW9vLt4R';

type Container = Record<string, unknown>;
/** Traefik's chart values with one init container (`deployment.initContainers[0]`). */
// Wave 84: a container of Traefik's pods (in kube-system) reads only the Secrets the items make there, so `db` is one.
const DB_SECRET = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' } };
const initContainer = (container: Container, deployment: Record<string, unknown> = {}) => ({
  deployment: { ...deployment, initContainers: [{ name: 'wait', image: 'alpine:3', ...container }] },
  extraObjects: [DB_SECRET],
});
const INIT = 'deployment.initContainers[0]';
/** A Deployment in `extraObjects` with one container and the pod template's `metadata`. */
const deployment = (container: Container, metadata: Record<string, unknown> = {}, others: unknown[] = []) =>
  deploymentOf({ containers: [{ name: 'c', image: 'alpine:3', ...container }] }, metadata, others);
const TEMPLATE = 'extraObjects[0].spec.template';
const fromSecret = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } });

describe('81a-6: a literal reaching a password option through $(VAR) as an item of the command line', () => {
  it('the finding: redis-cli -a $(R), mysql -p$(M) and --token $(T): each env value refused, naming the item reached', () => {
    const values = {
      deployment: {
        initContainers: [
          {
            name: 'wait-redis',
            image: 'redis:7',
            env: [{ name: 'R', value: PW }],
            command: ['redis-cli', '-h', 'redis.default.svc', '-a', '$(R)', 'ping'],
          },
          {
            name: 'migrate',
            image: 'mysql:8',
            env: [{ name: 'M', value: `${PW}x` }],
            command: ['mysql', '-h', 'db', '-uroot', '-p$(M)', '-e', 'select 1'],
          },
          { name: 'app', image: 'alpine:3', env: [{ name: 'T', value: `${PW}y` }], args: ['--token', '$(T)'] },
        ],
      },
    };
    refusedEverywhere(values, 'deployment.initContainers[0].env[0].value', PW);
    const message = valuesDoors.config(values);
    expect(message).toMatch(/initContainers\[0\]\.env\[0\]\.value: holds a literal that reaches command\[4\] through the kubelet/);
    expect(message).toMatch(/initContainers\[1\]\.env\[0\]\.value: holds a literal that reaches command\[4\] through the kubelet/);
    expect(message).toMatch(/initContainers\[2\]\.env\[0\]\.value: holds a literal that reaches args\[1\] through the kubelet/);
    expect(message.split('\n').filter((line) => line.includes('env[0].value'))).toHaveLength(3);
  });
  it.each([
    ['redis-cli -a $(A)', ['redis-cli', '-h', 'redis', '-a', '$(A)', 'ping'], undefined],
    ['mysql -p$(A) in command, glued', ['mysql', '-uroot', '-p$(A)'], undefined],
    ['--password $(A) in args', ['app'], ['--password', '$(A)']],
    ['--token $(A)', ['app', '--token', '$(A)'], undefined],
    ['sshpass -p $(A)', ['sshpass', '-p', '$(A)', 'ssh', 'u@h'], undefined],
    ['the client in command, the option in args', ['redis-cli'], ['-a', '$(A)', 'ping']],
  ])('%s: refused at the env value, never shown', (_, command, args) =>
    refusedEverywhere(initContainer({ env: [{ name: 'A', value: PW }], command, ...(args ? { args } : {}) }), `${INIT}.env[0].value`, PW),
  );
  it('a configMapKeyRef to a ConfigMap of the config, then -a $(R): refused at the ConfigMap key', () =>
    refusedEverywhere(
      deployment(
        {
          env: [{ name: 'R', valueFrom: { configMapKeyRef: { name: 'redis', key: 'r' } } }],
          command: ['redis-cli', '-h', 'redis', '-a', '$(R)', 'ping'],
        },
        {},
        [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'redis', namespace: 'default' }, data: { r: PW } }],
      ),
      'extraObjects[1].data.r',
      PW,
    ));
  it('in an extraObjects Deployment: refused at its env value', () =>
    refusedEverywhere(
      deployment({ env: [{ name: 'R', value: PW }], command: ['redis-cli', '-a', '$(R)', 'ping'] }),
      `${TEMPLATE}.spec.containers[0].env[0].value`,
      PW,
    ));
  it.each([
    [
      'a host name before -h, the password from a Secret',
      [{ name: 'H', value: 'redis.default.svc' }, fromSecret('PW')],
      ['redis-cli', '-h', '$(H)', '-a', '$(PW)', 'ping'],
    ],
    ['a host before -h, no password', [{ name: 'H', value: 'db' }], ['mysql', '-h', '$(H)', '-uroot', '-e', 'select 1']],
    ['a user name glued to -u', [{ name: 'U', value: 'root' }, fromSecret('P')], ['mysql', '-u$(U)', '-p$(P)']],
    ['--token from a Secret', [fromSecret('T')], ['app', '--token', '$(T)']],
    ['a port after -p of redis-cli', [{ name: 'PORT', value: '6380' }], ['redis-cli', '-p', '$(PORT)', 'ping']],
    ['a word after --name', [{ name: 'N', value: PW }], ['app', '--name', '$(N)']],
    ['$$(A) stays as written', [{ name: 'A', value: PW }], ['redis-cli', '-a', '$$(A)', 'ping']],
  ])('%s: passes', (_, env, command) => acceptedEverywhere(initContainer({ env, command })));
});

describe('81a-11: a literal given to a sh -c script as its positional parameters', () => {
  const UNTIL_MYSQL = 'until mysql -h db -uroot -p"$1" -e "select 1"; do sleep 2; done';
  it('the finding: mysql -p"$1" with the literal after the script, redis-cli -a "$1" with it in args', () => {
    const values = {
      deployment: {
        initContainers: [
          { name: 'wait-db', image: 'mysql:8', command: ['sh', '-c', UNTIL_MYSQL, 'sh', PW] },
          {
            name: 'wait-redis',
            image: 'redis:7',
            command: ['sh', '-c', 'until redis-cli -h redis -a "$1" ping; do sleep 2; done', '--'],
            args: [`${PW}2`],
          },
        ],
      },
    };
    refusedEverywhere(values, 'deployment.initContainers[0].command[4]', PW);
    const message = valuesDoors.config(values);
    expect(message).toMatch(/initContainers\[0\]\.command\[4\]: holds a literal that reaches command\[2\] through the container's shell/);
    expect(message).toMatch(/initContainers\[1\]\.args\[0\]: holds a literal that reaches command\[2\] through the container's shell/);
  });
  it.each([
    ['exec redis-cli -a "$@"', ['sh', '-c', 'exec redis-cli -h redis -a "$@"', 'sh', PW], 'command[4]'],
    ['bash -c with $0', ['bash', '-c', 'sshpass -p "$0" ssh u@h', PW], 'command[3]'],
    ['${1} braced, /bin/sh -ec', ['/bin/sh', '-ec', 'mysql -uroot -p${1} -e "select 1"', 'sh', PW], 'command[4]'],
    ['$2 of several', ['sh', '-c', 'redis-cli -h "$1" -a "$2" ping', 'sh', 'redis.default.svc', PW], 'command[5]'],
    ['"$@" of several: only the password', ['sh', '-c', 'exec redis-cli "$@"', 'sh', '-h', 'redis', '-a', PW, 'ping'], 'command[7]'],
    ['$* unquoted, a glued -p', ['sh', '-c', 'mysql $* -e "select 1"', 'sh', '-uroot', `-p${PW}`], 'command[5]'],
  ])('%s: refused at the literal, never shown', (_, command, where) => {
    const values = initContainer({ command });
    refusedEverywhere(values, `${INIT}.${where}`, PW);
    // Only the literal: the words beside it are named by no line.
    expect(valuesDoors.config(values).match(/^.*initContainers\[0\]\.(?:command|args)\[\d+\]: /gm)).toHaveLength(1);
  });
  it.each([
    ['"$@" and $1 after 64 operands of 60 characters', 'redis-cli "$@" $1 ', Array.from({ length: 64 }, (_, n) => `w${n}`.padEnd(60, '-'))],
    ['-p"$N" of 16 operands, one a password', 'mysql -p"$3" "$@" ', [...Array.from({ length: 16 }, (_, n) => `w${n}`), PW]],
  ])('100 kB of %s is judged within 6 s of CPU', (_, unit, operands) => {
    const started = process.cpuUsage();
    valuesDoors.gate(initContainer({ command: ['sh', '-c', unit.repeat(Math.ceil(100_000 / unit.length)), 'sh', ...operands] }));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
  it('a positional parameter made of $(VAR) of an env literal: refused at the env value', () =>
    refusedEverywhere(
      initContainer({ env: [{ name: 'M', value: PW }], command: ['sh', '-c', UNTIL_MYSQL, 'sh', '$(M)'] }),
      `${INIT}.env[0].value`,
      PW,
    ));
  it.each([
    ['a host name as $1', ['sh', '-c', 'until redis-cli -h "$1" ping; do sleep 2; done', 'sh', 'redis.default.svc']],
    ['plain words as $1 $2', ['sh', '-c', 'echo "$1" "$2" > /tmp/x', 'sh', 'hello', 'world']],
    ['a generated-looking id echoed', ['sh', '-c', 'echo "build $1"', 'sh', PW]],
    ['"$@" of options without a password', ['sh', '-c', 'exec redis-cli "$@"', 'sh', '-h', 'redis', 'ping']],
    ['single quotes keep $1 as written', ['sh', '-c', "mysql -uroot '-p$1'", 'sh', PW]],
    ['sh without -c runs a file with arguments', ['sh', '/scripts/wait.sh', PW]],
    ['$1 set from a Secret through $(VAR)', ['sh', '-c', UNTIL_MYSQL, 'sh', '$(DB_PASSWORD)']],
  ])('%s: passes', (_, command) => acceptedEverywhere(initContainer({ env: [fromSecret('DB_PASSWORD')], command })));
});

describe('81a-12: a pod annotation or label reaching a secret through a downward-API fieldRef', () => {
  const ANNOTATION = "metadata.annotations['example.com/influx']";
  const field = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });
  it('the finding: podAnnotations read by fieldRef into --metrics.influxdb2.token=$(INFLUX): refused at the annotation', () => {
    const values = {
      deployment: { podAnnotations: { 'example.com/influx': PW } },
      env: [field('INFLUX', ANNOTATION)],
      additionalArguments: ['--metrics.influxdb2.address=http://influx:8086', '--metrics.influxdb2.token=$(INFLUX)'],
    };
    refusedEverywhere(values, 'deployment.podAnnotations', PW);
    expect(valuesDoors.config(values)).toMatch(
      /deployment\.podAnnotations\["example\.com\/influx"\]: holds a literal that reaches additionalArguments\[1\] through the kubelet \(.*read by fieldRef\)/,
    );
  });
  it.each([
    [
      'an env var named API_TOKEN',
      { podAnnotations: { 'example.com/influx': PW } },
      [field('API_TOKEN', ANNOTATION)],
      'deployment.podAnnotations',
    ],
    [
      'podLabels and metadata.labels',
      { podLabels: { 'example.com/influx': PW } },
      [field('API_TOKEN', "metadata.labels['example.com/influx']")],
      'deployment.podLabels',
    ],
  ])('%s: refused, never shown', (_, deployment, env, where) => refusedEverywhere({ deployment, env }, where, PW));
  it('an init container of the chart reads the pod annotation: refused at the annotation', () =>
    refusedEverywhere(
      initContainer(
        { env: [field('A', ANNOTATION)], command: ['redis-cli', '-a', '$(A)', 'ping'] },
        { podAnnotations: { 'example.com/influx': PW } },
      ),
      'deployment.podAnnotations',
      PW,
    ));
  it('an extraObjects Deployment: its template annotation, read as API_TOKEN: refused there', () =>
    refusedEverywhere(
      deployment({ env: [field('API_TOKEN', ANNOTATION)] }, { annotations: { 'example.com/influx': PW } }),
      `${TEMPLATE}.metadata.annotations`,
      PW,
    ));
  it('a Pod in extraObjects: its annotation into redis-cli -a $(A): refused there', () =>
    refusedEverywhere(
      {
        extraObjects: [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'probe', namespace: 'default', annotations: { 'example.com/redis': PW } },
            spec: {
              containers: [
                {
                  name: 'c',
                  image: 'redis:7',
                  env: [field('A', "metadata.annotations['example.com/redis']")],
                  command: ['redis-cli', '-a', '$(A)', 'ping'],
                },
              ],
            },
          },
        ],
      },
      'extraObjects[0].metadata.annotations',
      PW,
    ));
  it('an annotation under a secret`s name, read as API_TOKEN: one line, at the annotation', () => {
    const message = valuesDoors.config({
      deployment: { podAnnotations: { 'example.com/api-token': PW } },
      env: [field('API_TOKEN', "metadata.annotations['example.com/api-token']")],
    });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('deployment.podAnnotations["example.com/api-token"]: ');
    expect(message).not.toContain(PW);
  });
  it.each([
    [
      'metadata.name into a hostname flag',
      [field('POD', 'metadata.name')],
      ['--providers.kubernetesingress.ingressendpoint.hostname=$(POD)'],
    ],
    ['status.podIP into an address', [field('IP', 'status.podIP')], ['--providers.kubernetesingress.ingressendpoint.ip=$(IP)']],
    [
      'an annotation as a tag',
      [field('REGION', "metadata.annotations['example.com/region']")],
      ['--metrics.influxdb2.addentrypointslabels=true', '--metrics.influxdb2.additionalLabels.region=$(REGION)'],
    ],
    ['a generated-looking annotation under a plain name', [field('BUILD_ID', ANNOTATION)], []],
    [
      'an annotation the template does not carry, into the token',
      [field('INFLUX', "metadata.annotations['example.com/other']")],
      ['--metrics.influxdb2.token=$(INFLUX)'],
    ],
  ])('%s: passes', (_, env, additionalArguments) =>
    acceptedEverywhere({
      deployment: { podAnnotations: { 'example.com/influx': PW, 'example.com/region': 'eu-west-1' } },
      env,
      additionalArguments,
    }),
  );
});
