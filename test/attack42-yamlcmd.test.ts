import { secretsInData } from '../src/core/secrets';
import * as hostile from '../scripts/hostile-inputs';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { accepted, configMapOfTexts, refusedEverywhere } from './secret-tables';

/**
 * Attack round 41a-5: a command inside YAML text (a Pod spec, a compose file, a k8s manifest pasted into a ConfigMap)
 * is judged as a real container's command and args are: one command line, whatever the list's style or split. A
 * Dockerfile's exec-form CMD/ENTRYPOINT list continued over lines is one list, and ENTRYPOINT then CMD one command.
 * 41a-7: more plaintext-credential forms.
 */
const S = 'Qz7b1vRt9wXk';

const refusedRows = (rows: ReadonlyArray<readonly [string, string]>): void => {
  test.each(rows)('%s is refused', (_, text) => refusedEverywhere(configMapOfTexts([text]), S));
};

describe('41a-5: a command in YAML text is one command line', () => {
  refusedRows([
    ['a block command list', `command:\n  - redis-cli\n  - -a\n  - ${S}`],
    ['a Pod with command and args', `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      image: redis:7\n      command: [redis-cli]\n      args: [-a, ${S}]`],
    ['a block args list after a flow command', `command: [mysql]\nargs:\n  - -uroot\n  - -p${S}`],
    ['compose entrypoint and command', `entrypoint: ["redis-cli"]\ncommand: ["-a", "${S}"]`],
    ['compose entrypoint and command as strings', `services:\n  r:\n    image: redis\n    entrypoint: redis-cli\n    command: -a ${S} ping`],
    ['a compose healthcheck test as a block list', `healthcheck:\n  test:\n    - CMD\n    - redis-cli\n    - -a\n    - ${S}\n    - ping`],
    ['a Dockerfile CMD over several lines', `CMD [\n  "redis-cli",\n  "-a",\n  "${S}"\n]`],
    ['a Dockerfile ENTRYPOINT then CMD', `ENTRYPOINT ["redis-cli"]\nCMD ["-a", "${S}"]`],
    ['a Dockerfile CMD continued with backslashes', `FROM redis:7\nCMD ["redis-cli", \\\n  "-a", \\\n  "${S}"]`],
  ]);
  test('ordinary commands, references and files are accepted', () => {
    accepted(
      configMapOfTexts([
        'command:\n  - redis-cli\n  - -a\n  - $REDIS_PASSWORD',
        'command: [redis-cli]\nargs: [-h, redis, ping]',
        'entrypoint: ["redis-cli"]\ncommand: ["-h", "redis", "ping"]',
        'healthcheck:\n  test:\n    - CMD\n    - redis-cli\n    - ping',
        'ENTRYPOINT ["redis-cli"]\nCMD ["--askpass"]',
        'CMD [\n  "mysql",\n  "--defaults-extra-file=/run/secrets/my.cnf"\n]',
        'command:\n  - sh\n  - -c\n  - exec redis-cli -a "$(cat /run/secrets/pw)"',
        'The command: line lists args: what to run.',
      ]),
    );
  });
});

describe('41a-5: hostile command lists stay cheap', () => {
  test.each(hostile.commandLists41(HOSTILE_TEST_SIZE))('%s read as data is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
