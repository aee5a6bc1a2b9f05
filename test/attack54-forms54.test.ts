import { secretShape, redact } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { doorsOf, falseRefusalTables, refusedAt, refusedRows } from './secret-tables';

/**
 * Round-52 findings 52a-1 (a TOML `[secrets]` value written as a multi-line string, `"""…"""` or `'''…'''`, in a
 * section, under a dotted key or in an inline table: secret-sections.ts), 52a-2 (a name/value pair with `value` written
 * first, in YAML text as in data, and Hadoop's `<value>` before its `<name>`: pair-names.ts, secrets-xml.ts), 52a-10
 * (device config lines: Huawei VRP/H3C, Aruba, HP ProCurve, Cisco ASA and AireOS, Palo Alto, FortiGate; SSSD's
 * `ldap_default_authtok`: device-config-lines.ts, secret-words.ts) and 52a-11 (tables in MediaWiki, Confluence/Jira,
 * psql's expanded display and kubectl's blank-aligned output, HTML row headers, description lists, labelled inputs and
 * meta elements: wiki-tables.ts, blank-aligned-tables.ts, markup-tables.ts, html-labelled-values.ts). Each is refused at
 * every text door, named by its place and never shown; their secret-free neighbours are accepted.
 */
const S = 'Qz7vTq2mWx9pLk4r';
const { acceptedTable } = falseRefusalTables(S);
const rows = (cases: ReadonlyArray<readonly [string, string]>) => cases.map(([name, text]) => [name, text, S] as const);

describe('52a-1: TOML multi-line strings under a secret section, dotted key or inline table', () => {
  refusedRows(
    rows([
      ['a basic multi-line string in [secrets]', `[secrets]\ndb = """\n${S}\n"""`],
      ['a literal multi-line string on one line', `[secrets]\ndb = '''${S}'''`],
      ['a literal multi-line string over lines', `[secrets]\ndb = '''\n${S}\n'''`],
      ['a basic one on one line', `[secrets]\ndb = """${S}"""`],
      ['a nested section [prod.secrets]', `[prod.secrets]\nstripe = """\n  ${S}\n  """`],
      ['a dotted key', `secrets.db = """\n${S}\n"""`],
      ['a dotted key under a label', `[app]\nsecrets.prod.db = '''${S}'''`],
      ['an inline table', `secrets = { db = '''${S}''', mode = "x" }`],
      ['[credentials] with a trailing quote pair', `[credentials]\nbob = """${S}"""""`],
    ]),
  );
  acceptedTable([
    '[secrets]\nprovider = """vault"""',
    '[secrets]\ndb = """${DB_PASSWORD}"""',
    '[secrets]\ndb = """\n/run/secrets/db\n"""',
    'description = """\nThe password is kept in Vault.\n"""',
    '[app]\nbanner = """\nWelcome\n"""\n[secrets]\nprovider = "vault"',
    'x = """\n[secrets]\n',
  ]);
});

describe('52a-2: a name/value pair read in any order', () => {
  refusedRows(
    rows([
      ['an env entry with value first', `- value: ${S}\n  name: API_TOKEN`],
      ['the same under containers/env', `containers:\n- name: c\n  env:\n  - value: ${S}\n    name: DB_PASSWORD`],
      ['a key/value pair with value first', `- value: ${S}\n  key: DB_PASSWORD`],
      ['a quoted name after a comment line', `- value: "${S}"\n  # the database\n  "name": DB_PASSWORD`],
      ['value first after another item', `- name: MODE\n  value: debug\n- value: ${S}\n  name: SECRET_KEY`],
      ['Hadoop <value> before <name>', `<property><value>${S}</value><name>db.password</name></property>`],
      [
        'Hadoop over lines',
        `<configuration>\n  <property>\n    <value>${S}</value>\n    <name>fs.s3a.secret.key</name>\n  </property>\n</configuration>`,
      ],
    ]),
  );
  test('a real env entry with value first is refused at every door, named by its path', () => {
    refusedAt(doorsOf({ env: [{ value: S, name: 'API_TOKEN' }] }), 'env[0].value', S);
  });
  acceptedTable([
    '- value: "8080"\n  name: PORT',
    '- value: info\n  name: LOG_LEVEL',
    '- value: /run/secrets/db\n  name: DB_PASSWORD_FILE',
    '- value: ${DB_PASSWORD}\n  name: DB_PASSWORD',
    'env:\n- value: debug\n  name: MODE\n- name: API_TOKEN\n  valueFrom:\n    secretKeyRef:\n      name: api\n      key: token',
    '- value: x1\n  name: MODE\n- name: DB_PASSWORD\n  valueFrom: {secretKeyRef: {name: db, key: pw}}',
    '<property><value>8020</value><name>dfs.port</name></property>',
    '<property><value>/etc/hadoop/pw.jceks</value><name>hadoop.security.credential.provider.path</name></property>',
  ]);
});

describe('52a-10: device configuration lines', () => {
  refusedRows(
    rows([
      ['Huawei local-user irreversible-cipher', `local-user admin password irreversible-cipher ${S}`],
      ['Huawei local-user cipher', `local-user admin password cipher ${S}`],
      ['H3C local-user block, password simple', `local-user admin class manage\n password simple ${S}`],
      ['Huawei super password', `super password level 15 cipher ${S}`],
      ['Huawei radius shared-key', `radius-server shared-key cipher ${S}`],
      ['Huawei snmp-agent community', `snmp-agent community read cipher ${S}`],
      ['Huawei OSPF authentication-mode', `interface GigabitEthernet0/0/1\n ospf authentication-mode md5 1 cipher ${S}`],
      ['Huawei BGP peer password', `peer 10.1.1.1 password cipher ${S}`],
      ['Aruba mgmt-user', `mgmt-user admin root ${S}`],
      ['Aruba CX user plaintext', `user admin group administrators password plaintext ${S}`],
      ['HP ProCurve manager plaintext', `password manager user-name admin plaintext ${S}`],
      ['HP ProCurve operator plaintext', `password operator plaintext ${S}`],
      ['Cisco AireOS mgmtuser', `config mgmtuser add admin ${S} read-write`],
      ['Cisco ASA passwd', `passwd ${S}`],
      ['Cisco ASA ldap-login-password', `aaa-server LDAP (inside) host 10.0.0.5\n ldap-login-password ${S}`],
      ['Palo Alto IKE pre-shared-key', `set network ike gateway gw1 authentication pre-shared-key key ${S}`],
      ['Palo Alto LDAP bind-password', `set shared server-profile ldap corp bind-password ${S}`],
      ['Palo Alto SNMP community', `set deviceconfig system snmp-setting access-setting version v2c snmp-community-string ${S}`],
      ['FortiGate set passwd', `config user local\n  edit bob\n    set passwd ${S}\n  next\nend`],
      ['SSSD ldap_default_authtok', `[domain/corp]\nid_provider = ldap\nldap_default_authtok = ${S}`],
      ['PAM_AUTHTOK', `PAM_AUTHTOK=${S}`],
    ]),
  );
  acceptedTable([
    'passwd bob',
    'passwd -l bob',
    `passwd 2KFQnbNIdI.2KYOU encrypted`,
    'local-user admin service-type telnet ssh',
    'local-user admin password irreversible-cipher $1a$abcdefgh$ijklmnopqrstuvwxyz0123456789$',
    'password manager user-name admin sha1 5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8',
    'mgmt-user admin root',
    'snmp-agent community read cipher public',
    ' ospf authentication-mode md5 1 keychain K1',
    'super password level 3',
    'The password should be entered as plaintext in the form.',
    'ldap_default_authtok_type = obfuscated_password',
    'auth sufficient pam_unix.so use_authtok',
  ]);
});

describe('52a-11: tables and labelled values in other markups', () => {
  refusedRows(
    rows([
      ['a MediaWiki table', `{| class="wikitable"\n! user !! password\n|-\n| app || ${S}\n|}`],
      ['a MediaWiki table, a cell per line, attributes', `{|\n! user\n! password\n|-\n| app\n| style="color:red" | ${S}\n|}`],
      ['a MediaWiki row header', `{|\n|-\n! API token\n| ${S}\n|}`],
      ['a Confluence/Jira table', `||user||password||\n|app|${S}|`],
      ['psql expanded display', `-[ RECORD 1 ]-----\nusename | app\npasswd  | ${S}`],
      ['kubectl-style table', `NAME   TOKEN\napp    ${S}`],
      ['kubectl-style table, more columns', `NAME        TOKEN              AGE\napp         ${S}   5d`],
      ['blank-aligned table read as words', `NAME  TYPE  API KEY\napp bearer ${S}`],
      ['a MediaWiki header line with its value', `{|\n|-\n! Password || ${S}\n|}`],
      ['an AsciiDoc table', `|===\n|user |password\n\n|app |${S}\n|===`],
      ['an AsciiDoc table, a cell per line', `[cols="1,1"]\n|===\n|User |Token\n\n|app\n|${S}\n|===`],
      ['a lower-case blank-aligned table', `name   token\napp    ${S}`],
      ['a capitalised blank-aligned table', `Name   Password\napp    ${S}`],
      ['a DokuWiki table', `^ user ^ token ^\n| app | ${S} |`],
      ['a DokuWiki row header', `^ API token | ${S} |`],
      ['a Creole table', `|= user |= token |\n| app | ${S} |`],
      ['a LaTeX tabular', `\\begin{tabular}{ll}\nApp & Token \\\\\n\\hline\napp & ${S} \\\\\n\\end{tabular}`],
      ['HTML description in code marks', `<dl><dt>Token</dt><dd><code>${S}</code></dd></dl>`],
      ['HTML row header', `<tr><th>Password</th><td>${S}</td></tr>`],
      ['HTML row of a name and its value', `<table><tr><td>Password</td><td>${S}</td></tr></table>`],
      ['HTML vertical table', `<table><tr><th>User</th><td>app</td></tr><tr><th>Token</th><td><code>${S}</code></td></tr></table>`],
      ['HTML description list', `<dl><dt>Password</dt><dd>${S}</dd></dl>`],
      ['HTML description list, no </dd>', `<dl>\n  <dt>API key:</dt>\n  <dd>${S}\n</dl>`],
      ['HTML label and input', `<label>Password</label><input value="${S}">`],
      ['HTML input inside its label', `<label for="pw">Password: <input id="pw" value='${S}'></label>`],
      ['HTML password input', `<input type="password" value="${S}">`],
      ['HTML input by id', `<input id="api_token" value=${S}>`],
      ['HTML meta', `<meta name="api-key" content="${S}">`],
      ['HTML meta by property', `<meta property="app:secret" content="${S}" />`],
    ]),
  );
  acceptedTable([
    'NAME                     READY   STATUS    RESTARTS   AGE\ntraefik-7d8f9c6b5-abcde   1/1     Running   0          5d',
    'NAME      SECRETS   AGE\ndefault   0         12d\ntraefik   1         12d',
    'NAME                  TYPE                                  DATA   AGE\ndefault-token-abcde   kubernetes.io/service-account-token   3      12d',
    'KEY                               VALUE    EFFECT\nnode-role.kubernetes.io/master    <none>   NoSchedule',
    'NAME     TOKEN TYPE   AGE\napp      bearer       5d',
    'NAME   PASSWORD SET   AGE\napp    true           5d',
    'CONTAINER ID   IMAGE          COMMAND   CREATED   STATUS   PORTS   NAMES\n3f4e2a1b   traefik:v3.3   "/entrypoint.sh"   2 days ago',
    'NAME      SECRET            AGE\napp       app-credentials   5d',
    'NAME   TOKEN\napp    <redacted>',
    'TOKEN   BUCKET\nrate    10',
    'token   bucket\nrate    10',
    'Name   string\nToken  string',
    'Name     Password\nbob      (see vault)',
    '<table><tr><td>User</td><td>Password</td></tr><tr><td>app</td><td>in vault</td></tr></table>',
    '|===\n|user |password\n\n|app |`$DB_PASSWORD`\n|===',
    '^ user ^ role ^\n| app | admin |',
    '^ user ^ token ^\n| app | `$APP_TOKEN` |',
    '\\begin{tabular}{ll}\nApp & Port \\\\\n\\hline\napp & 8080 \\\\\n\\end{tabular}',
    'NAME   TOKEN\napp    ${APP_TOKEN}',
    '<input type="password" name="password" placeholder="Password">',
    '<label>Password</label><input type="password" name="password">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="csrf-param" content="authenticity_token">',
    '<meta name="api-key" content="YOUR_API_KEY_HERE">',
    '<dl><dt>Password</dt><dd>stored in Vault</dd></dl>',
    '<dl><dt>Password policy</dt><dd>12 characters minimum</dd></dl>',
    '<tr><th>Password</th><td>see the team vault</td></tr>',
    '<table><tr><th>Name</th><th>Password</th></tr><tr><td>app</td><td>(in vault)</td></tr></table>',
    '{| class="wikitable"\n! user !! password\n|-\n| app || in 1Password\n|}',
    '{| class="wikitable"\n! user !! role\n|-\n| app || admin\n|}',
    '||user||password||\n|app|$DB_PASSWORD|',
    '-[ RECORD 1 ]-----\nusename | app\npasswd  | ********',
    '-[ RECORD 1 ]-----\nusename | app\nusesuper | f',
  ]);
});

describe('52a: the new readers are linear on hostile texts', () => {
  const n = HOSTILE_TEST_SIZE;
  test.each([
    ['TOML openers', '[secrets]\n' + 'a = """\n'.repeat(n / 8)],
    ['TOML openers unclosed', "secrets.a = '''x\n".repeat(n / 16)],
    ['value lines', '- value: x\n'.repeat(n / 11)],
    ['XML values', '<value>x</value>'.repeat(n / 16) + '<name>password</name>'],
    ['MediaWiki rows', '{|\n! password\n' + '| x || y\n'.repeat(n / 9)],
    ['Confluence rows', '||password||x||\n' + '|a|'.repeat(n / 3)],
    ['psql records', '-[ RECORD 1 ]-\n' + 'passwd | x\n'.repeat(n / 11)],
    ['blank-aligned header', 'TOKEN' + '  A'.repeat(n / 3)],
    ['blank-aligned rows', 'NAME   TOKEN\n' + 'a      b c d\n'.repeat(n / 13)],
    ['labels', '<label>Password'.repeat(n / 15)],
    ['DokuWiki cells', '^ token ' + '^ a | b '.repeat(n / 8)],
    ['LaTeX rows', 'Token & x \\\\\n' + 'a & b & c '.repeat(n / 10)],
    ['description terms', '<dt>Password</dt>'.repeat(n / 17) + '<dd>'],
    ['device lines', 'password manager user-name admin '.repeat(n / 33)],
  ])(
    'a long text of %s is judged',
    (_, text) => {
      secretShape(text);
      redact(text);
    },
    60_000,
  );
});
