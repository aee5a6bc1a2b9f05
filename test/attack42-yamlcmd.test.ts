import { secretsInData } from '../src/core/secrets';
import * as hostile from '../scripts/hostile-inputs';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { accepted, configMapOfTexts, diffOf, refusedEverywhere, textRefused } from './secret-tables';

/**
 * Attack round 41a-5: a command inside YAML text (a Pod spec, a compose file, a k8s manifest pasted into a ConfigMap)
 * is judged as a real container's command and args are: one command line, whatever the list's style or split. A
 * Dockerfile's exec-form CMD/ENTRYPOINT list continued over lines is one list, and ENTRYPOINT then CMD one command.
 * 41a-7: more plaintext-credential forms.
 */
const S = 'Qz7b1vRt9wXk';

const refusedRows = (rows: ReadonlyArray<readonly [string, string]>): void => {
  test.each(rows)('%s is refused and hidden in the check diff', (_, text) => {
    refusedEverywhere(configMapOfTexts([text]), S);
    expect(diffOf(text)).not.toContain(S);
  });
};
/** Rows whose text is a secret shape by itself: refused, redacted, and hidden in a `check` diff. */
const shapeRows = (rows: ReadonlyArray<readonly [string, string]>, secret = S): void => {
  test.each(rows)('%s is refused and redacted', (_, text) => textRefused(text, secret));
};

describe('41a-5: a command in YAML text is one command line', () => {
  refusedRows([
    ['a block command list', `command:\n  - redis-cli\n  - -a\n  - ${S}`],
    [
      'a Pod with command and args',
      `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      image: redis:7\n      command: [redis-cli]\n      args: [-a, ${S}]`,
    ],
    ['a block args list after a flow command', `command: [mysql]\nargs:\n  - -uroot\n  - -p${S}`],
    ['compose entrypoint and command', `entrypoint: ["redis-cli"]\ncommand: ["-a", "${S}"]`],
    [
      'compose entrypoint and command as strings',
      `services:\n  r:\n    image: redis\n    entrypoint: redis-cli\n    command: -a ${S} ping`,
    ],
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

describe('41a-5, 41a-7: hostile near-misses stay cheap', () => {
  test.each(hostile.commandLists41(HOSTILE_TEST_SIZE))('%s read as data is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});

/** A WireGuard private key (base64 of 32 bytes). */
const WG = 'yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=';

describe('41a-7: more plaintext-credential forms', () => {
  shapeRows([
    ['PowerShell ConvertTo-SecureString -AsPlainText', `ConvertTo-SecureString "${S}" -AsPlainText -Force`],
    ['PowerShell -String then -AsPlainText', `$pw = ConvertTo-SecureString -String '${S}' -AsPlainText -Force`],
    [
      'PowerShell inside New-Object PSCredential',
      `$c = New-Object System.Management.Automation.PSCredential("admin", (ConvertTo-SecureString "${S}" -AsPlainText -Force))`,
    ],
    [
      'a Terraform variable block named like a secret',
      `variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "${S}"\n}`,
    ],
    ['a Terraform sensitive variable block', `variable "admin" {\n  sensitive = true\n  default   = "${S}"\n}`],
    ['nginx passenger_env_var', `passenger_env_var API_TOKEN ${S};`],
    ['CMake set()', `set(DB_PASSWORD "${S}")`],
    ['CMake set() with CACHE', `set(DB_PASSWORD "${S}" CACHE STRING "db")`],
    ['Go exec.Command', `cmd := exec.Command("redis-cli", "-a", "${S}")`],
    ['Go exec.Command mysql', `exec.Command("mysql", "-uroot", "-p${S}")`],
    ['Java ProcessBuilder', `new ProcessBuilder("redis-cli", "-a", "${S}").start();`],
    ['Java List.of', `new ProcessBuilder(List.of("mysql", "-p${S}"))`],
    ['Node spawn', `spawn("redis-cli", ["-a", "${S}"])`],
    ['Node execFile', `execFile('mysql', ['-p${S}'], cb)`],
    ['Node spawn sshpass', `child_process.spawn('sshpass', ['-p', '${S}', 'ssh', 'h'])`],
    ['a client word through $(which …)', `$(which redis-cli) -a ${S} ping`],
    ['a client word through "$(command -v …)"', `"$(command -v redis-cli)" -a ${S} ping`],
    ['a client word through ${VAR:-default}', `\${REDIS_CLI:-redis-cli} -a ${S} ping`],
  ]);
  test.each([
    ['a key piped to wg pubkey', `echo ${WG} | wg pubkey > pub`],
    ['a key given to wg set by <(echo …)', `wg set wg0 private-key <(echo ${WG})`],
  ])('%s is refused and redacted', (_, text) => textRefused(text, WG));
  test('ordinary forms are accepted', () => {
    accepted(
      configMapOfTexts([
        '$pw = Read-Host -AsSecureString',
        'ConvertTo-SecureString $env:DB_PASSWORD -AsPlainText -Force',
        'ConvertTo-SecureString -String $plain -AsPlainText -Force',
        'variable "db_password" {\n  type      = string\n  sensitive = true\n}',
        'variable "region" {\n  default = "eu-west-1"\n}',
        'passenger_env_var RAILS_ENV production;',
        'passenger_env_var API_TOKEN $api_token;',
        'set(DB_PASSWORD "$ENV{DB_PASSWORD}")',
        'set(CMAKE_BUILD_TYPE "Release")',
        'wg genkey | tee privatekey | wg pubkey > publickey',
        'wg set wg0 private-key /etc/wireguard/privatekey',
        'wg pubkey < privatekey',
        'exec.Command("redis-cli", "-h", "redis", "ping")',
        'spawn("redis-cli", ["-a", process.env.REDIS_PASSWORD])',
        '$(which redis-cli) -h redis ping',
        '${REDIS_CLI:-redis-cli} -a "$REDIS_PASSWORD" ping',
        'ConvertTo-SecureString "$($env:DB_PASSWORD)" -AsPlainText -Force',
        'ConvertTo-SecureString (Get-Content pw.txt) -AsPlainText',
        'variable "token_ttl" {\n  default = "3600"\n}',
        'variable "db_password" {\n  sensitive = true\n  default   = ""\n}',
        'variable "db_password" {\n  default = var.fallback\n}',
        'spawn("mysql", ["-u", user, "-p" + password])',
        'exec.Command("mysql", "-uroot", "-p")',
        'print("run", "redis-cli", "to connect")',
        '(see "redis-cli", "-a", "the docs")',
        '$(which mysql) -uroot -p',
        'services:\n  r:\n    image: redis\n    entrypoint: ["redis-server"]\n    command: ["--requirepass", "${REDIS_PASSWORD}"]',
        'command: [sh, -c]\nargs: ["redis-cli -a \\"$REDIS_PASSWORD\\" ping"]',
      ]),
    );
  });
});
