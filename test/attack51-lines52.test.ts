import * as hostile from '../scripts/hostile-inputs';
import { isSecretKey, secretsInData } from '../src/core/secrets';
import { clusterRefusal } from './helpers';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedRows, refusedTextRows } from './secret-tables';

/**
 * Round-50 findings 50a-6 (config lines under a secret word of another language, `Passwort=…`, `kennwort: …`
 * (foreign-secret-words.ts, secrets-keys.ts), and a secret's name then blanks then its value, slapd's `rootpw …`,
 * nslcd's `bindpw …`, `admin_password …` (name-value-pairs.ts); messages quoting them are redacted as `password …`
 * is, the redaction following what secretShape reads), 50a-9 (a whitespace-aligned table with a rule of dashes under
 * its header: rst-simple-tables.ts dashRuledTableCells) and 50a-7 (Junos NTP `authentication-key N type md5 value "…"`,
 * IS-IS `area-password`, `domain-password`, `isis password`: device-config-lines.ts).
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

describe('50a-6, 50a-9, 50a-7: foreign and blank-separated password lines, dash-ruled tables, Junos NTP and IS-IS keys are refused', () => {
  // 50a-6: foreign secret words, read by the `name=value` and `key: value` readers (no secret shape of their own).
  refusedRows([
    ['German Passwort=', `Passwort=${S}`, S],
    ['German kennwort:', `kennwort: ${S}`, S],
    ['Dutch wachtwoord: quoted', `wachtwoord: "${S}"`, S],
    ['Portuguese senha=', `senha=${S}`, S],
    ['camel-case dbPasswort:', `dbPasswort: ${S}`, S],
    ['an env file KENNWORT=', `export KENNWORT=${S}`, S],
  ]);
  refusedTextRows([
    // 50a-6: a blank for a separator
    ['slapd.conf rootpw', `rootpw ${S}`, S],
    ['nslcd.conf bindpw after binddn', `binddn cn=admin,dc=example,dc=com\nbindpw ${S}`, S],
    ['admin_password <pw>', `admin_password ${S}`, S],
    ['db_password <pw>, indented, quoted', `  db_password   "${S}"  `, S],
    ['pw <pw>', `pw ${S}`, S],
    ['DB_PASSWORD <pw>', `DB_PASSWORD ${S}`, S],
    ['kennwort <pw>', `kennwort ${S}`, S],
    ['control: password <pw>', `password ${S}`, S],
    // 50a-9
    ['a dash-ruled table', `user  password\n----  --------\nbob   ${S}\n`, S],
    [
      'a dash-ruled table, the secret column between others',
      `Name   Password      Role\n----   --------      ----\nann    $PW           user\nbob    ${S}  admin\n`,
      S,
    ],
    ['an indented dash-ruled table', `  user  token\n  ----  -----\n  bob   ${S}\n`, S],
    ['a dash-ruled table, a foreign header', `user  Kennwort\n----  --------\nbob   ${S}\n`, S],
    // 50a-7
    ['Junos set ntp authentication-key value', `set system ntp authentication-key 1 type md5 value "${S}"`, S],
    [
      'Junos ntp authentication-key value in braces',
      `system {\n    ntp {\n        authentication-key 1 type md5 value "${S}";\n    }\n}`,
      S,
    ],
    ['Junos set ntp authentication-key sha256 value', `set system ntp authentication-key 2 type sha256 value ${S}`, S],
    ['IOS IS-IS area-password', `router isis\n area-password ${S}`, S],
    ['IOS IS-IS domain-password', `router isis\n domain-password ${S}`, S],
    ['IOS IS-IS area-password authenticate snp', `router isis\n area-password ${S} authenticate snp validate`, S],
    ['IOS isis password on an interface', `interface Gi0/1\n isis password ${S}`, S],
    ['IOS isis password with a level', `interface Gi0/1\n isis password ${S} level-2`, S],
    ['IOS-XR lsp-password', `router isis 1\n lsp-password hmac-md5 clear ${S}`, S],
  ]);
});

describe('50a-6: a foreign secret word names a secret as a key too', () => {
  test.each(['Passwort', 'kennwort', 'DB_KENNWORT', 'mot_de_passe', 'contraseña', 'wachtwoord', 'dbPasswort'])(
    '%s is a secret key',
    (key) => {
      expect(isSecretKey(key)).toBe(true);
    },
  );
  test.each(['passwort_file', 'kennwort_path', 'wortlist', 'keyword'])('%s is none', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('50a-6: messages quoting such a line print it redacted, as `password …`', () => {
  const ingress = (name: string) => ({ ingresses: [{ name, host: 'a.example.com', service: 's', port: 80 }] });
  const annotated = (key: string) => ({
    loadBalancerIPs: ['192.168.0.41'],
    values: {
      extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', annotations: { [key]: 'y' } } }],
    },
  });
  test.each([`rootpw ${S}`, `pw ${S}`, `admin_password ${S}`, `db_password ${S}`, `Passwort=${S}`, `password ${S}`])(
    '%s as an ingress name and an annotation key',
    (text) => {
      const refusal = clusterRefusal({ loadBalancerIPs: ['192.168.0.41'] }, ingress(text));
      expect(refusal).toMatch(/ingresses\[0\]\.name/);
      expect(refusal).not.toContain(S);
      const annotation = clusterRefusal(annotated(text));
      expect(annotation).toMatch(/annotation key/);
      expect(annotation).not.toContain(S);
    },
  );
});

describe('50a-6, 50a-9, 50a-7 controls: code, commands, references, plain tables and device modes are accepted', () => {
  acceptedTable([
    // NAME value: code's words, types, files, commands, references
    'Password string\nToken *string\nKey [32]byte\nSecret []byte\n',
    'token Option<String>\napi_key Optional[str]\n',
    'def f(password=None):\n    """Do it.\n\n    Args:\n        password (str): The password.\n        token (Optional[str]): The token.\n    """\n',
    'auth-user-pass auth.txt\nauth-user-pass /etc/openvpn/auth.txt\nsecret static.key\n',
    'passwd bob2\nsmbpasswd -a bob\npass email/gmail\npass insert\n',
    'rootpw $ROOTPW\nbindpw ${BINDPW}\napi_key <your-key>\nclient_secret changeme\n',
    'token expired\nrootpw secret\nPasswordAuthentication no\ntoken_ttl 3600\n',
    'return password\necho $password\nread -s password\n',
    'smtp_sasl_password_maps hash:/etc/postfix/sasl_passwd\n',
    // foreign words
    'kennwort: $PW\nPasswort=${PW}\npasswort_file: /etc/app/pw\n',
    // dash-ruled tables
    'user  password\n----  --------\nbob   $PW\nann   ${ANN_PW}\n',
    'name  role\n----  ----\nbob   admin\n',
    'Title\n-----\nsome password text\n',
    'user  password_changed_at\n----  -------------------\nbob   2024-01-01\n',
    'user  password\n----  --------\n\nThe password is in the vault.\n',
    '- - -\npassword\n',
    // device modes
    'router isis\n area-password cisco\n',
    'interface Gi0/1\n isis password\n isis authentication mode md5\n isis authentication key-chain K\n',
    'set system ntp authentication-key 1 type md5 value "$NTPKEY"\n',
    'the isis password is stored in the vault\n',
  ]);
});

describe('a found password line is named by its syntax', () => {
  test('rootpw: NAME value', () => {
    expect(secretsInData({ k: `rootpw ${S}` })[0].what).toMatch(/NAME value/);
  });
  test('a dash-ruled table: a table', () => {
    expect(secretsInData({ k: `user  password\n----  --------\nbob   ${S}\n` })[0].what).toMatch(/table/);
  });
});

// `npm run bench` times the same texts at 1 MB.
describe('50a-6, 50a-9, 50a-7: hostile near-misses stay cheap', () => {
  test.each(hostile.lines52(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
