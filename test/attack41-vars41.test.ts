import { redact, secretShape } from '../src/core/secrets';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { accepted, judgedOnce, refusedEverywhere, textDoors, refusedAtTextDoors, sidecar } from './secret-tables';

/**
 * Attack round 40a-4b, 40a-4c, 40a-6, 40a-7: a secret-named variable set by a directive, an operator or a call
 * (name-value-pairs.ts); the value a secret-store command stores (secret-store-commands.ts); snmpd.conf communities and
 * passphrases, a .fetchmailrc over several lines (daemon-config-lines.ts), an lftp script opening a bare host, a
 * sasl_passwd keyed by a sender's domain; an Ant `<exec>`'s arguments read as one command line (ant-exec.ts). Each table
 * is judged at every door at once (one config holding every row, each at its own path), so the file stays cheap.
 */
const S = 'Hq7pLm2xWv';

/** Rows refused at every door (an annotation, `sh -c`, a ConfigMap), not shown in the `check` diff, and redacted. */
function refusedTable(rows: ReadonlyArray<readonly [string, string]>): void {
  const doors = judgedOnce(() => textDoors(rows.map(([, text]) => text)));
  test.each(rows.map(([name, text], i) => [name, text, i] as const))('%s is refused, redacted and not shown in the diff', (_, text, i) => {
    refusedAtTextDoors(doors(), i, S);
    expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(S);
    expect(redact(text)).not.toContain(S);
  });
}

/** Texts accepted at every door, and no secret shape. */
function acceptedTable(texts: readonly string[]): void {
  test.each(texts)('%s is accepted', (text) => {
    expect(secretShape(text)).toBeUndefined();
  });
  test('all of them are accepted at every door', () => {
    acceptedEverywhere(textDoors(texts));
  });
}

describe('40a-4b: a secret-named variable set by a directive, an operator or a call', () => {
  refusedTable([
    ["Dockerfile's legacy ENV", `ENV DB_PASSWORD ${S}`],
    ['csh setenv', `setenv DB_PASSWORD ${S}`],
    ['fish set -x', `set -x DB_PASSWORD ${S}`],
    ['fish set -gx', `set -gx DB_PASSWORD ${S}`],
    ['Windows setx /M', `setx DB_PASSWORD "${S}" /M`],
    ['Apache SetEnv', `SetEnv DB_PASSWORD ${S}`],
    ['nginx fastcgi_param', `fastcgi_param DB_PASSWORD ${S};`],
    ['php_value', `php_value mysql.default_password ${S}`],
    ['C #define', `#define DB_PASSWORD "${S}"`],
    ['RPM %define', `%define db_password ${S}`],
    ['make ?=', `DB_PASSWORD ?= ${S}`],
    ['make +=', `DB_PASSWORD += ${S}`],
    ['make override :=', `override DB_PASSWORD := ${S}`],
    ['R <-', `DB_PASSWORD <- "${S}"`],
    ['Emacs Lisp setq', `(setq db-password "${S}")`],
    ['Lisp setenv', `(setenv "DB_PASSWORD" "${S}")`],
    ["WordPress's define()", `define('DB_PASSWORD', '${S}');`],
    ['Go os.Setenv', `os.Setenv("DB_PASSWORD", "${S}")`],
    ['C setenv()', `setenv("DB_PASSWORD", "${S}", 1);`],
    ['Python os.environ.setdefault', `os.environ.setdefault('DB_PASSWORD', '${S}')`],
    ['Java System.setProperty', `System.setProperty("db.password", "${S}");`],
    ['a JSON pair', `["DB_PASSWORD", "${S}"]`],
    ['a tuple', `('password', '${S}')`],
    ['a builder withPassword', `withPassword("${S}")`],
    ['a builder .password', `DataSource.builder().password("${S}").build()`],
    ['a setter setApiKey', `client.setApiKey("${S}");`],
    ['a line of a Dockerfile', `FROM alpine:3.21\nENV DB_PASSWORD ${S}\nRUN ./setup`],
  ]);
  acceptedTable([
    'ENV DB_PASSWORD $DB_PASSWORD',
    'ENV DB_PASSWORD_FILE /run/secrets/db',
    'ENV PATH /usr/local/bin:$PATH',
    'setenv DB_PASSWORD "$(cat /run/secrets/db)"',
    'set -x DB_PASSWORD $PW',
    'setenv LANG C',
    '#define MAX_PASSWORD_LENGTH 64',
    'fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;',
    'DB_PASSWORD ?= $(shell cat /run/secrets/db)',
    'token <- readline()',
    'os.Setenv("DB_PASSWORD", os.Getenv("X"))',
    'os.getenv("DB_PASSWORD", "")',
    "t('password', 'Password')",
    'label("password", "Enter your password")',
    'input("password", "hidden")',
    'getPassword("db1")',
    'set password before login',
    'change password often',
    // Code whose words only look so (a scan of node_modules, /usr/include and /usr/lib/python3 found these).
    "['DB_PASS_2', 'ADMINPW', 'dbpw']",
    "['signingKey', 'encryptionKey', 'masterKey']",
    "['DB_PASSWORD', '/run/secrets/db.txt', true]",
    'key: typing.Union["rsa.RSAPrivateKey", "rsa.RSAPublicKey"],',
    'tokens += tmptokens',
    'leftToken.value !== rightToken.value',
    'this.token("=>");',
    'ask_password("Password: ")',
    "color('pass', ' %s: ')",
    '#define GL_POINT_TOKEN 0x0701',
    '#define SSL_TXT_PSK "PSK"',
    '#define CRAMFS_SIGNATURE "Compressed ROMFS"',
  ]);
});

describe('40a-4c: a secret-store command stores a secret, whatever its key is called', () => {
  refusedTable([
    ['kubectl create secret --from-literal', `kubectl create secret generic x --from-literal=api=${S}`],
    ['kubectl -n, --from-literal apart', `kubectl -n kube-system create secret generic x --from-literal api=${S}`],
    ['kubectl after sudo, then options', `sudo kubectl create secret generic x --from-literal=api=${S} --dry-run=client -o yaml`],
    ['vault kv put', `vault kv put secret/x value=${S}`],
    ['vault kv put -mount', `vault kv put -mount=secret x api=${S}`],
    ['aws ssm SecureString', `aws ssm put-parameter --name /db --type SecureString --value ${S}`],
    ['aws ssm --type=SecureString --value=', `aws ssm put-parameter --name /db --type=SecureString --value=${S}`],
    ['aws secretsmanager --secret-string', `aws secretsmanager create-secret --name x --secret-string ${S}`],
    ['gh secret set --body', `gh secret set DB --body ${S}`],
    ['gh secret set -b glued', `gh secret set DB -b${S}`],
    ['az keyvault secret set', `az keyvault secret set --vault-name v -n db --value ${S}`],
  ]);
  acceptedTable([
    'kubectl create secret generic x --from-literal=api=$API_KEY',
    'kubectl create secret generic x --from-literal=api="$(cat /run/secrets/api)"',
    'kubectl create secret generic x --from-file=api=/run/secrets/api',
    'kubectl create configmap x --from-literal=mode=fast',
    'vault kv put secret/x value=@value.txt',
    'vault kv put secret/x value=-',
    'vault kv get secret/x',
    'aws ssm put-parameter --name /db --type String --value fast',
    'gh secret set DB < secret.txt',
    'gh secret set DB --body "$DB"',
    'az keyvault secret set --vault-name v -n db --file secret.txt',
    'aws secretsmanager create-secret --name x --secret-string file://secret.json',
    'kubectl create secret generic x --from-literal=api=<your-api-key>',
  ]);
});

describe('40a-4c: an exec-form command (a list of words) stores a secret', () => {
  const pod = (command: string[], args?: string[]) => ({ deployment: { additionalContainers: [{ ...sidecar(command), args }] } });
  test.each([
    ['kubectl --from-literal=', pod(['kubectl', 'create', 'secret', 'generic', 'x', `--from-literal=api=${S}`])],
    ['kubectl in command, --from-literal in args', pod(['kubectl'], ['create', 'secret', 'generic', 'x', '--from-literal', `api=${S}`])],
    ['gh secret set --body', pod(['gh', 'secret', 'set', 'DB', '--body', S])],
    ['vault kv put', pod(['vault', 'kv', 'put', 'secret/x', `value=${S}`])],
  ])('%s is refused', (_, values) => refusedEverywhere(values, S));
  test('references and other commands are accepted', () => {
    accepted(pod(['kubectl', 'create', 'secret', 'generic', 'x', '--from-literal=api=$(API_KEY)']));
    accepted(pod(['kubectl', 'create', 'configmap', 'x', '--from-literal=mode=fast']));
    accepted(pod(['gh', 'secret', 'set', 'DB', '--body', '$(DB)']));
  });
});

describe('40a-6: snmpd.conf, a .fetchmailrc over several lines, an lftp script, sasl_passwd by sender domain', () => {
  refusedTable([
    ['rocommunity', `rocommunity ${S} 10.0.0.0/8`],
    ['rwcommunity', `rwcommunity ${S}`],
    ['rocommunity -V', `rocommunity -V systemonly ${S} default`],
    ['com2sec', `com2sec readonly default ${S}`],
    ['trap2sink', `trap2sink localhost ${S}`],
    ['createUser', `createUser bob SHA ${S} AES ${S}`],
    ['createUser -e, SHA-256, quoted', `createUser -e 0x8000 bob SHA-256 "${S}" AES`],
    ['snmp.conf defAuthPassphrase', `defAuthPassphrase ${S}`],
    ['fetchmailrc passwd on its own line', `poll mail.example.com\n  protocol imap\n  user bob\n  passwd ${S}\n`],
    ['fetchmailrc, a quoted host and passwd', `poll "mail.example.com"\n  user bob\n  passwd "${S}"\n`],
    ['fetchmailrc after defaults', `defaults proto imap\npoll mail.example.com\n  user bob\n  pass ${S}`],
    ['an lftp -f script opening a host', `open ftp.example.com\nuser bob ${S}\nmirror -R /data /\n`],
    ['an lftp -f script opening an address', `open 10.0.0.5:21\nuser bob ${S}\n`],
    ['sasl_passwd keyed by a sender domain', `@example.com bob:${S}`],
  ]);
  acceptedTable([
    'rocommunity public default',
    'rocommunity public 10.0.0.0/8 .1.3.6.1.2.1.1',
    'rwcommunity private localhost',
    'com2sec readonly default public',
    'rocommunity $SNMP_COMMUNITY',
    'createUser bob SHA ${AUTH} AES ${PRIV}',
    'poll mail.example.com\n  user bob\n  password ${FETCHMAIL_PW}',
    'poll the server every minute\nthe password is in vault\n',
    'open the file\nuser bob hunter2\n',
    'open ftp.example.com\nmirror -R /data /\n',
    '@example.com bob:alice',
    '@team in the channel',
  ]);
});

describe("40a-7: an Ant <exec>'s (or a Maven exec configuration's) executable and arguments read as one command line", () => {
  refusedTable([
    [
      'mysqladmin password, one arg each',
      `<exec executable="mysqladmin"><arg value="-u"/><arg value="root"/><arg value="password"/><arg value="${S}"/></exec>`,
    ],
    ['sshpass -p, one arg each', `<exec executable="sshpass"><arg value="-p"/><arg value="${S}"/><arg value="ssh"/></exec>`],
    ['sshpass, arg line', `<exec executable="sshpass"><arg line="-p ${S} ssh h"/></exec>`],
    ['mysql, arg line', `<exec executable="mysql"><arg line="-u root -p${S}"/></exec>`],
    [
      'a target over several lines',
      `<target name="db">\n  <exec executable="/usr/bin/mysql" failonerror="true">\n    <arg value="-uroot"/>\n    <arg value="-p${S}"/>\n  </exec>\n</target>`,
    ],
    ['apply', `<apply executable="sshpass" parallel="false"><arg value="-p"/><arg value="${S}"/><fileset dir="."/></apply>`],
  ]);
  refusedTable([
    [
      'a Maven exec configuration',
      `<configuration>\n  <executable>sshpass</executable>\n  <arguments>\n    <argument>-p</argument>\n    <argument>${S}</argument>\n  </arguments>\n</configuration>`,
    ],
    [
      'a Maven exec configuration, mysql -p',
      `<configuration><executable>mysql</executable><arguments><argument>-uroot</argument><argument>-p${S}</argument></arguments></configuration>`,
    ],
  ]);
  acceptedTable([
    '<configuration><executable>npm</executable><arguments><argument>run</argument><argument>build</argument></arguments></configuration>',
    '<configuration><executable>mysql</executable><arguments><argument>-p${db.password}</argument></arguments></configuration>',
    '<exec executable="mysql"><arg value="-p${db.password}"/></exec>',
    '<exec executable="mysql"><arg line="-u root -p"/></exec>',
    '<exec executable="ls"><arg value="-la"/></exec>',
    '<exec executable="sshpass"><arg value="-p"/><arg value="$SSHPASS"/></exec>',
    '<exec executable="git"><arg value="push"/><arg value="origin"/></exec>',
  ]);
});
