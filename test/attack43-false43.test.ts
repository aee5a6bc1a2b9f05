import { stringify } from 'yaml';
import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { accepted, falseRefusalTables, refusedEverywhere } from './secret-tables';

/**
 * Attack round 42a-11 and 42a-12, false refusals. Code that reads or passes a secret kept elsewhere is code, not a
 * literal (code-values.ts, code-declarations.ts); text that reads cleanly as YAML objects is judged as those objects,
 * as the same objects given as data are (clean-objects.ts); a Compose secret's definition, Grafana's `$__file{…}` and
 * the AWS CLI's `credential_process` say where a secret comes from. Each table is judged at every door at once.
 */
const S = 'Hq7pLm2xWv';

const { refusedTable, acceptedTable } = falseRefusalTables(S);

/** 42a-11: code that reads or passes a secret. */
const CODE = [
  'pw = getpass.getpass("Password: ")',
  'password = getpass.getpass()',
  'password = input("Password: ")',
  'password = input("Enter the DB password: ")',
  'this.password = password;',
  'password = get_secret("db")',
  'password = vault.getSecret("db/app");',
  'db.connect(user=user, password=password)',
  'cfg := Config{Password: cfg.Password}',
  'interface Creds { password: string; token?: string }',
  'interface Creds {\n  password: string;\n  token?: string;\n}',
  'class Settings(BaseSettings):\n    db_password: SecretStr\n    api_token: Optional[str] = None\n',
  'password_hash = bcrypt.hashpw(password, bcrypt.gensalt())',
  'password = keyring.get_password("svc", "bob")',
  'psycopg2.connect(host=h, user=u, password=os.environ["PGPASSWORD"])',
  'conn = psycopg2.connect(host=h, password=config.get("db", "password"))',
];
/** 42a-11: literals stay refused. */
const CODE_LITERALS: ReadonlyArray<readonly [string, string]> = [
  ['a literal', `password = "${S}"`],
  ['a literal in an env file', `[db]\npassword=${S}\n`],
  ['a name given to a call that is no read', `password = withPassword("${S}")`],
  ['a word given to a call that is no read', 'password = withPassword("hunterabcq")'.replace('hunterabcq', `hunter${S}`)],
  ['a default after the name read', `password = os.environ.get("DB_PASSWORD", "x${S}")`],
  ['a literal given to a read', `password = get_secret("${S}")`],
  ['a prompt that mixes digits', `password = input("${S}: ")`],
  ['a text of words given to a call', `password = f("correct horse ${S}")`],
  ['a literal keyword argument', `db.connect(user=user, password="${S}")`],
  ['a bare keyword argument', `db.connect(user=user, password=${S})`],
  ['a bare word ending a statement', `password = ${S};`],
  ['a literal set on this.password', `this.password = "${S}";`],
  ['a literal field', `cfg := Config{Password: "${S}"}`],
  ['a literal after a read', `password = getpass.getpass() or "${S}"`],
  ['a literal added to a read', `password = keyring.get_password("svc", "bob") + "${S}"`],
  ['a call named like the password', `password = ${S}(x)`],
  ['a type then a literal member', `token: string; password: ${S}`],
  ['a type name with a tail', `password: string${S}`],
  ['a literal in a keyword call read on to its )', `db.connect(host=h, password=get("db", "x${S}"))`],
];

/** 42a-12: texts that say where a secret comes from. */
const PLACES = [
  // A volume's `secret:` names a Secret, in a ConfigMap's text as in a manifest.
  'volumes:\n  - name: tls\n    secret:\n      secretName: wildcard-tls\n',
  // Compose's top-level secrets: a file, a host's variable, one made already.
  'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./db_password.txt\n',
  'secrets: {db_pw: {file: ./pw.txt}}',
  'secrets:\n  db_password:\n    environment: DB_PASSWORD\n',
  'secrets:\n  db_password:\n    external: true\n    name: prod_db_password\n',
  '[security]\nadmin_password = $__file{/run/secrets/gf}\n',
  '[security]\nadmin_password = $__env{GF_ADMIN_PW}\n',
  'admin_password = $__file{/run/secrets/gf}',
  '[profile x]\ncredential_process = /usr/bin/aws-vault exec x --json\n',
  'credential_process = /usr/bin/helper',
];
/** 42a-12: literals stay refused, and clean YAML that sets one. */
const PLACE_LITERALS: ReadonlyArray<readonly [string, string]> = [
  ['a Grafana password', `[security]\nadmin_password = ${S}\n`],
  ['a literal next to a file reference', `admin_password = $__file{/run/secrets/gf}${S}`],
  ['a compose secret given as a literal', `secrets:\n  db_password: ${S}\n`],
  ['a compose file that is no path', `secrets:\n  db_password:\n    file: ${S}\n`],
  ['a compose secret with two sources', `secrets:\n  db_password:\n    file: ./pw.txt\n    environment: ${S}\n`],
  ['a compose secret with content', `secrets:\n  db_password:\n    content: ${S}\n`],
  ['credential_process that echoes', `credential_process = echo ${S}`],
  ['a volume secret with another key', `volumes:\n  - name: tls\n    secret:\n      secretName: wildcard-tls\n      extra: ${S}\n`],
  ['clean YAML setting a password', `db:\n  host: x\n  password: ${S}\n`],
  ['clean YAML with a password in a comment', `db:\n  host: x # password: ${S}\n`],
  ['clean YAML folding a command', `script:\n  echo hi\n  mysql -p${S} db\n`],
  ['an env entry', `env:\n  - name: DB_PASSWORD\n    value: ${S}\n`],
  ['a key written twice', `volumes:\n  - secret:\n      secretName: x\n    secret: ${S}\n    secret: y\n`],
];

// One table of each kind: the doors of a table are judged once (a second pair of tables cost as much again).
describe('42a-11, 42a-12: code, and texts that say where a secret comes from', () => {
  acceptedTable([...CODE, ...PLACES]);
  refusedTable([...CODE_LITERALS, ...PLACE_LITERALS]);
});

/** An extraObjects item as data and as text (`- |`): Helm renders the text as the same object. */
const both = (object: object) => [{ extraObjects: [object] }, { extraObjects: [stringify(object)] }] as const;

const MIDDLEWARE = {
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'Middleware',
  metadata: { name: 'auth', namespace: 'default' },
  spec: { basicAuth: { secret: 'traefik-users' } },
};
const EXTERNAL_SECRET = {
  apiVersion: 'external-secrets.io/v1beta1',
  kind: 'ExternalSecret',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
    target: { name: 'db' },
    data: [{ secretKey: 'password', remoteRef: { key: 'db', property: 'password' } }],
  },
};
const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], volumes: [{ name: 'tls', secret: { secretName: 'wildcard-tls' } }] },
};

describe('42a-12: an extraObjects item is judged alike as data and as text', () => {
  test.each([
    ['a Middleware basicAuth.secret', MIDDLEWARE],
    ['an ExternalSecret secretKey', EXTERNAL_SECRET],
    ['a Pod secret volume', POD],
  ])('%s is accepted at both doors', (_, object) => {
    for (const values of both(object)) accepted(values);
  });

  test.each([
    ['a Middleware secret that is no Secret name', { ...MIDDLEWARE, spec: { basicAuth: { secret: S } } }],
    ['a Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, stringData: { pw: S } }],
    [
      'an ExternalSecret secretKey that is no key',
      { ...EXTERNAL_SECRET, spec: { ...EXTERNAL_SECRET.spec, data: [{ secretKey: `a ${S}` }] } },
    ],
    ['a ConfigMap setting a password', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { password: S } }],
  ])('control: %s is refused at both doors', (_, object) => {
    for (const values of both(object)) refusedEverywhere(values, S);
  });

  test('control: a password in a comment of the text is refused', () => {
    refusedEverywhere({ extraObjects: [`${stringify(MIDDLEWARE)}# password: ${S}\n`] }, S);
  });
});

/** Just under clean-objects.ts' bound (64 KiB), so its strict reading is timed too (`npm run bench` times 1 MB). */
const CLEAN_SIZE = 64_000;

describe('42a-11, 42a-12: hostile near-misses stay cheap', () => {
  test.each(hostile.codeValues43(CLEAN_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
