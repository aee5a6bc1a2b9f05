import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { accepted, falseRefusalTables, refusedEverywhere, refusedTextRows } from './secret-tables';

/**
 * Round-47 findings 47a-6 (pasted secret formats: a CSV/TSV/Markdown table with a secret column, a Java .properties
 * line with a blank separator, strongSwan/libreswan ipsec.secrets, FRR/Quagga routing passwords and keys), 47a-5 (a
 * bare `Bearer <token>` anywhere; a probe header name the API server refuses) and 47a-8 (a K3s token joined by a
 * format, an f-string, `.concat`, `.join`, `StringBuilder.append`).
 */
const S = 'Zq9xW3vLp7Rt';
const H = 'abc1234567890def1234567890abc1234567890def1234567890abcd1234';
const P = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const { acceptedTable } = falseRefusalTables(S);

const formats: ReadonlyArray<readonly [string, string, string]> = [
  // Tables under a secret column.
  ['CSV with a password column', `user,password\nbob,${S}\n`, S],
  ['TSV with a password column', `user\tpassword\nbob\t${S}\n`, S],
  ['CSV quoted', `"user","password"\n"bob","${S}"\n`, S],
  ['CSV with a token column', `name,token\nci,${S}\n`, S],
  ['CSV with ; and a secret in a later row', `id;name;api_key\n1;a;\n2;b;${S}\n`, S],
  ['Markdown table with a token column', `| name | token |\n|------|-------|\n| ci | ${S} |\n`, S],
  ['CSV with CRLF line ends', `user,secret\r\nbob,${S}\r\n`, S],
  // Java properties with a blank separator.
  ['properties: a blank after the key', `spring.datasource.password ${S}\n`, S],
  ['properties: a token key', `api.token ${S}\n`, S],
  ['properties: among other lines', `server.port 8080\ndb.user app\ndb.password ${S}\n`, S],
  // ipsec.secrets
  ['ipsec.secrets: : PSK "…"', `: PSK "${S}"\n`, S],
  ['ipsec.secrets: selectors then PSK', `@moon @sun : PSK "${S}"\n`, S],
  ['ipsec.secrets: %any, single quotes', `%any : PSK '${S}'\n`, S],
  ['ipsec.secrets: XAUTH', `: XAUTH "${S}"\n`, S],
  ['ipsec.secrets: EAP with a user', `carol : EAP "${S}"\n`, S],
  ['ipsec.secrets: libreswan, colon glued, base64', `10.0.0.1 10.12.12.1: PSK 0s${S}==\n`, S],
  ['ipsec.secrets: RSA key passphrase', `: RSA moonKey.pem "${S}"\n`, S],
  // FRR / Quagga
  ['FRR BGP neighbor password', `router bgp 65000\n neighbor 10.0.0.1 password ${S}\n`, S],
  ['FRR BGP peer-group password', `router bgp 65000\n neighbor PEERS peer-group\n neighbor PEERS password ${S}\n`, S],
  ['FRR OSPF message-digest-key', `interface eth0\n ip ospf message-digest-key 1 md5 ${S}\n`, S],
  ['FRR OSPF authentication-key', `interface eth0\n ip ospf authentication-key ${S}\n`, S],
  ['FRR RIP authentication string', `interface eth0\n ip rip authentication string ${S}\n`, S],
  ['FRR key chain key-string', `key chain k\n key 1\n  key-string ${S}\n`, S],
  ['IS-IS area-password', `router isis 1\n area-password clear ${S}\n`, S],
  ['IOS encryption type before the key', `router bgp 65000\n neighbor 10.0.0.1 password 7 ${S}\n`, S],
  // 47a-5
  ['Bearer and a token alone', `Bearer ${S}`, S],
  ['Bearer in prose', `send it with Bearer ${S} please`, S],
];

const tokens: ReadonlyArray<readonly [string, string, string]> = [
  ['Python % formatting', `x = "%s::server:%s" % ("K10${H}", "${P}")\n`, P],
  ['Python f-string with a variable', `h = "K10${H}"\nt = f"{h}::server:${P}"\n`, P],
  ['JavaScript .concat', `const t = "K10${H}".concat("::server:${P}");\n`, P],
  ['JavaScript [..].join', `const t = ["K10${H}", "server:${P}"].join("::");\n`, P],
  ['Java StringBuilder.append', `String t = new StringBuilder("K10${H}").append("::server:${P}").toString();\n`, P],
  ['Python "sep".join([..])', `t = "::".join(["K10${H}", "server:${P}"])\n`, P],
  ['Java String.join', `String t = String.join("::", "K10${H}", "server:${P}");\n`, P],
  ['Python .format', `t = "{}::server:{}".format("K10${H}", "${P}")\n`, P],
  ['JavaScript template literal with a variable', `const h = "K10${H}";\nconst t = \`\${h}::server:${P}\`;\n`, P],
];

describe('47a-6: pasted secret formats are refused', () => {
  refusedTextRows(formats);
});

describe('47a-8: a K3s token joined by formats, calls and interpolation is refused', () => {
  refusedTextRows(tokens);
});

const pod = (container: object) => ({
  extraObjects: [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36', ...container }] },
    },
  ],
});
const probe = (name: string, value: string) => ({ livenessProbe: { httpGet: { port: 80, httpHeaders: [{ name, value }] } } });

describe('47a-5: Bearer tokens under neutral names, and probe header names', () => {
  test.each([
    ['an env value', pod({ env: [{ name: 'HDR', value: `Bearer ${S}` }] })],
    ['a probe header value', pod(probe('X-Foo', `Bearer ${S}`))],
  ])('%s holding Bearer and a token is refused', (_, values) => {
    refusedEverywhere(values, S);
  });
  test.each([
    ['an env value Bearer ${TOKEN}', pod({ env: [{ name: 'HDR', value: 'Bearer ${TOKEN}' }] })],
    ['Bearer ${TOKEN}', pod(probe('X-Foo', 'Bearer ${TOKEN}'))],
    ['an env value Bearer $(TOKEN)', pod({ env: [{ name: 'HDR', value: 'Bearer $(TOKEN)' }] })],
  ])('%s is accepted', (_, values) => {
    accepted(values);
  });
  test('a probe header name with a blank is refused as the API server refuses it (IsHTTPHeaderName)', () => {
    expect(valuesDoors.config(pod(probe('Bad Header', 'v')))).toMatch(
      /httpHeaders\[0\]\.name: is "Bad Header", which the API server refuses/,
    );
    expect(valuesDoors.config(pod(probe('X-Good-1', 'v')))).toBe('');
  });
});

describe('controls: ordinary tables, properties, routing configs, prose and references are accepted', () => {
  acceptedTable([
    // tables
    'user,password\nbob,$PW\n',
    'user,password\nbob,${PW}\n',
    'user,password\nbob,\n',
    'user,password\nbob,<password>\n',
    'name,email,role\nbob,bob@example.org,admin\n',
    'a\tb\n1\t2\n',
    'user, password and token are required.\nbob, alice\n',
    '| key | description |\n|---|---|\n| token | The API token. |\n',
    'columns: user, password, token\n',
    'id,name,secret_name\n1,x,my-secret\n',
    // properties
    'server.port 8080\nspring.application.name demo\n',
    'db.password The database password.\n',
    'spring.datasource.password ${DB_PASSWORD}\n',
    'Password string\nToken []byte\n',
    'const s = { clientSecret: process.env.CLIENT_SECRET };\nx = this.token || other.token;\n',
    "const p = config.db.password ?? '';\n",
    // ipsec
    'Note: PSK mode is used for site-to-site links.\n',
    ': PSK %prompt\n',
    'conn home\n  authby=secret\n  left=%defaultroute\n',
    // routing
    'router bgp 65000\n neighbor 10.0.0.1 remote-as 65001\n neighbor 10.0.0.1 description uplink\n',
    'router bgp 65000\n neighbor 10.0.0.1 password $BGP_PASSWORD\n',
    'interface eth0\n ip ospf authentication message-digest\n ip ospf cost 10\n',
    // Bearer
    'Authorization: Bearer $TOKEN',
    'Bearer ${TOKEN}',
    'Bearer tokens are sent in the Authorization header.',
    'Basic v1.2.3',
    'the Bearer 2024-01-01 edition',
    // K3s token joins
    `h = "K10${H}"\nt = f"{h}::server:{pw}"\n`,
    `x = "%s::server:%s" % ("K10${H}", pw)\n`,
    `const t = ["K10${H}", "server:" + pw].join("::");\n`,
    'xs = ["K10", "abc", "def"]\nprint(", ".join(xs))\n',
    'std::string s = fmt::format("{}::{}", a, b);\n',
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('47a-5, 47a-6, 47a-8: hostile near-misses stay cheap', () => {
  test.each(hostile.pastedFormats48(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
