import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { falseRefusalTables } from './secret-tables';

/**
 * Attack round 43a-12, 43a-13 and 43a-14, false refusals. Code read on past a value it sets to nothing, a type or a
 * variable (code-parameters.ts); settings under names like a credential's that hold none: Prometheus' credentials
 * file, sudoers' NOPASSWD tag, Fetch's credentials mode, Vault's key share counts (plain-settings.ts), masks,
 * placeholders and format fields (placeholders.ts); an rclone remote's path quoted whole (remote-paths.ts). Each
 * table is judged at every text door at once (a pod annotation, a sidecar's `sh -c`, a ConfigMap's data).
 */
const S = 'Zq9xW7pLm3Tr';

const { refusedTable, acceptedTable } = falseRefusalTables(S);

/** 43a-12: None and empty defaults, code that passes a secret, types and fields; one line, and a file's line. */
const CODE = [
  "client = Redis(host='r', password=None)",
  "def f(token=''): return token",
  "connect_args={'password': password}",
  'constructor(password: string) { this.password = password; }',
  'struct Cfg { password: String }',
  'def f(password=None):',
  'def f(password: str = None):',
  'x = f(password=None)',
  'def f(self, password=None, token=None):',
  'constructor(private password: string) {}',
  'constructor(user: string, password: string, token?: string) {}',
  "def connect(host, password=''):\n    return db.connect(host, password=password)\n",
  'pub struct Cfg {\n    pub password: String,\n    token: Option<String>,\n}\n',
  'fn new(password: String) -> Self { Self { password } }',
];
const CODE_TEXTS = [...CODE, ...CODE.filter((text) => !text.includes('\n')).map((text) => `${text}\n`)];

/** 43a-12: a literal in each of those forms stays refused. */
const CODE_LITERALS: ReadonlyArray<readonly [string, string]> = [
  ['a keyword argument', `client = Redis(host='r', password='${S}')`],
  ['a bare keyword argument', `x = f(password=None, token=${S})`],
  ['a default', `def f(password='${S}'):`],
  ['a typed default', `def f(password: str = '${S}'):`],
  ['a typed default in a file', `def f(password: str = '${S}'):\n    pass\n`],
  ['a TypeScript typed default', `constructor(password: string = '${S}') { this.password = password; }`],
  ['a later default', `def f(self, password=None, token='${S}'):`],
  ['a default then its body', `def f(token='${S}'): return token`],
  ['a dict literal', `connect_args={'password': '${S}'}`],
  ['a bare dict value', `connect_args={'password': ${S}}\n`],
  ['a literal set in the body', `constructor(password: string) { this.password = '${S}'; }`],
  ['a parameter property default', `constructor(private password = '${S}') {}`],
  ['a Rust field literal', `Cfg { password: String::from("${S}") }`],
  ['a bare word where a type goes', `struct Cfg { password: ${S} }\n`],
  ['a word after a type', `password: string) ${S}`],
  ['a word after None', `password: None, ${S}`],
];

/** 43a-13: settings under names like a credential's, each holding none. */
const SETTINGS = [
  'authorization:\n  type: Bearer\n  credentials_file: /etc/prom/token\n',
  'scrape_configs:\n  - job_name: x\n    authorization:\n      credentials_file: /etc/prom/token\n',
  '%wheel ALL=(ALL:ALL) NOPASSWD: ALL',
  '%wheel ALL=(ALL:ALL) NOPASSWD: ALL\n',
  'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app, /usr/bin/journalctl\n',
  'axios.defaults.withCredentials = true;',
  "fetch(url, { credentials: 'include' });",
  'axios.defaults.withCredentials = true;\nfetch(url, { credentials: "same-origin" });\n',
  'secret_shares: 5\nsecret_threshold: 3\n',
  'secret_shares: 5',
  '{"secret_shares": 5, "secret_threshold": 3}',
  "url = 'postgresql://{user}:{password}@{host}/db'.format(**cfg)",
  "url = 'postgresql://%(user)s:%(password)s@%(host)s/db' % cfg\n",
  "password: '********'",
  "db:\n  password: '********'\n",
  'password: <your-password>',
  'password: <your-password>\n',
  'DB_PASSWORD=<db-password>',
];

/** 43a-13: a literal in each of those places stays refused. */
const SETTING_LITERALS: ReadonlyArray<readonly [string, string]> = [
  ['Prometheus credentials', `authorization:\n  type: Bearer\n  credentials: ${S}\n`],
  ['credentials beside the file', `authorization:\n  credentials_file: /etc/prom/token\n  credentials: ${S}\n`],
  ['a credentials file that is no path', `authorization:\n  type: Bearer\n  credentials_file: ${S}\n`],
  ['a word after NOPASSWD', `%wheel ALL=(ALL:ALL) NOPASSWD: ${S}`],
  ['a generated command after NOPASSWD', `%wheel ALL=(ALL) NOPASSWD: /usr/bin/${S}\n`],
  ['a PASSWD variable', `PASSWD=${S}`],
  ['a credentials literal', `fetch(url, { credentials: '${S}' });`],
  ['withCredentials set to a literal', `axios.defaults.withCredentials = '${S}';`],
  ['a secret set to a word', `secret_shares: ${S}\n`],
  ['shares of many digits', 'secret_shares: 95318642710\n'],
  ['a password beside a format field', `url = 'postgresql://{user}:${S}@{host}/db'`],
  ['a format field with digits', `url = 'postgresql://user:{${S}}@host/db'`],
  ['a mask then a password', `password: '****${S}'`],
  ['angle brackets around a password', `password: <${S}>`],
];

/** 43a-14: an rclone remote's path quoted whole is a path, as unquoted. */
const REMOTES = [
  "rclone lsd 'myremote:backup@nas'",
  'rclone lsd "myremote:backup@nas"',
  "rclone copy /data 'gdrive:photos@2024'\n",
  "RESTIC_REPOSITORY='rclone:foo:bar@x' restic snapshots",
];
/** 43a-14: credentials in a quoted path stay refused. */
const REMOTE_LITERALS: ReadonlyArray<readonly [string, string]> = [
  ['a user and password after the remote', `rclone lsd 'myremote:user:${S}@host'`],
  ['double quotes', `rclone lsd "myremote:user:${S}@host"`],
  ['a URL with credentials', `rclone copy x 'https://user:${S}@host/x'`],
  ['another command', `curl 'user:${S}@host'`],
];

// One table of each kind: the doors of a table are judged once.
describe('43a-12, 43a-13, 43a-14: code, settings and quoted remote paths', () => {
  acceptedTable([...CODE_TEXTS, ...SETTINGS, ...REMOTES]);
  refusedTable([...CODE_LITERALS, ...SETTING_LITERALS, ...REMOTE_LITERALS]);
});

/** Just under clean-objects.ts' bound (64 KiB), as attack43-false43 does (`npm run bench` times 1 MB). */
const SIZE = 64_000;

describe('43a-12, 43a-13: hostile near-misses stay cheap', () => {
  test.each(hostile.codeParameters44(SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
