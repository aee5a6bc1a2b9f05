// Round 65 (forms65): 65a-6 (a literal beside a variable in a default, `${DB_PASSWORD:-${DB_PASS}hunter2x}`, and the
// alternate `${DB_PASSWORD:+hunter2x}`), 65a-7 (`CONNECT scott/Tiger9x`: 7 characters of three kinds), 65a-8 (an Oracle
// logon before a connect descriptor, `u/pw@(DESCRIPTION=…)`), 65a-11 (an /etc/passwd line with a password in clear)
// and 65a-13 (a literal fallback given to a secret-named variable: `.orElse("…")`, `.unwrap_or`, `.getOrElse`). Each
// refused row: at the config (a ConfigMap's text, an env value, kubeVip.interface), K3sVipCluster,
// TraefikHelmChartConfig and the write gate, its key path named, never shown; each neighbour accepted at every door.
import { secretsInFiles } from '../src/output/secret-gate';
import { devConfig, synthFiles, withChanges } from './helpers';
import { envEntry as env } from './rule-doors';
import { acceptedEverywhere, refusedAtTextDoors, refusedEverywhere, textConfigMap as configMap } from './secret-doors';

// [row, the text, the secret it holds (never shown), what a message names]
const SECRETS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['65a-6 literal glued after the inner variable', 'password=${DB_PASSWORD:-${DB_PASS}hunter2x}', 'hunter2x', 'name like a secret'],
  ['65a-6 literal after a blank and $VAR', 'password=${DB_PASSWORD:-$DB_PASS hunter2x}', 'hunter2x', 'name like a secret'],
  ['65a-6 alternate value', 'password=${DB_PASSWORD:+hunter2x}', 'hunter2x', 'name like a secret'],
  ['65a-6 alternate under a neutral key', 'opts=${DB_PASSWORD:+Hunt3r2xQ}', 'Hunt3r2xQ', 'name like a secret'],
  ['65a-6 literal before the inner variable', 'P=${DB_PASSWORD:-Hunt3r2xQ${SUFFIX}}', 'Hunt3r2xQ', 'secret'],
  ['65a-6 literal beside a nested default', 'P=${DB_PASSWORD:-${A:-}Hunt3r2xQ}', 'Hunt3r2xQ', 'secret'],
  ['65a-7 CONNECT, 7 characters', 'CONNECT scott/Tiger9x', 'Tiger9x', 'SQL*Plus logon'],
  ['65a-7 conn', 'conn scott/Tiger9x', 'Tiger9x', 'SQL*Plus logon'],
  ['65a-7 quoted password', 'CONNECT scott/"Tiger9x"', 'Tiger9x', 'SQL*Plus logon'],
  ['65a-7 after the prompt, with ;', 'SQL> connect scott/Tiger9x;', 'Tiger9x', 'SQL*Plus logon'],
  ['65a-7 6 characters', 'CONNECT scott/Tgr9x!', 'Tgr9x!', 'SQL*Plus logon'],
  [
    '65a-8 descriptor logon',
    'dsn: scott/Tiger#9x@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=orcl)))',
    'Tiger#9x',
    'Oracle logon',
  ],
  [
    '65a-8 descriptor logon, weak password, no key',
    'sqlplus -L scott/tiger@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SID=orcl)))',
    'tiger',
    'logon',
  ],
  ['65a-8 DESCRIPTION_LIST', 'url: app/Hq7kP2mZ@(description_list=(DESCRIPTION=(ADDRESS=(HOST=a))))', 'Hq7kP2mZ', 'Oracle logon'],
  ['65a-11 passwd line, generated password', 'root:Xk9mQ2pL7vR4tZ8w:0:0:root:/root:/bin/bash', 'Xk9mQ2pL7vR4tZ8w', '/etc/passwd'],
  ['65a-11 passwd line, chosen password', 'admin:Hunt3r2xQ:1000:1000:Admin:/home/admin:/bin/sh', 'Hunt3r2xQ', '/etc/passwd'],
  ['65a-13 Java Optional.orElse', 'String pw = opt.orElse("hunter2x");', 'hunter2x', 'secret'],
  ['65a-13 Rust unwrap_or', 'let password = opt.unwrap_or("Hunt3r2xQ");', 'Hunt3r2xQ', 'secret'],
  ['65a-13 Scala getOrElse', 'val apiToken = sys.env.get("T").getOrElse("Hunt3r2xQ")', 'Hunt3r2xQ', 'secret'],
  ['65a-13 getOrDefault', 'String password = props.getOrDefault("db.pw", "Hunt3r2xQ");', 'Hunt3r2xQ', 'secret'],
  ['65a-13 ??', 'const password = cfg.pw ?? "Hunt3r2xQ";', 'Hunt3r2xQ', 'secret'],
  ['65a-13 ||', 'const secret = cfg.s || "Hunt3r2xQ";', 'Hunt3r2xQ', 'secret'],
];

// [row, a text with no secret]
const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['65a-6 a variable defaulting to another', 'password=${DB_PASSWORD:-${DB_PASS}}'],
  ['65a-6 $VAR default', 'P="${DB_PASSWORD:-$DB_PASS}"'],
  ['65a-6 command substitution default', 'P=${DB_PASSWORD:-$(cat /run/secrets/db_password)}'],
  ['65a-6 alternate of a flag and a reference', 'mysql ${DB_PASSWORD:+--password=$DB_PASSWORD}'],
  ['65a-6 alternate of a flag and ${}', 'mysql ${DB_PASSWORD:+--password=${DB_PASSWORD}}'],
  ['65a-6 alternate -p and a reference', 'mysql ${DB_PASSWORD:+-p $DB_PASSWORD}'],
  ['65a-6 error text', 'P=${DB_PASSWORD:?set DB_PASSWORD first}'],
  ['65a-7 connect a/b in prose', 'connect a/b to the rack'],
  ['65a-7 a path after connect', 'connect to docs/api then'],
  ['65a-7 a word of two kinds', 'connect scott/tiger99'], // 66a-9: in upper case it is a statement, refused
  [
    '65a-8 descriptor without a logon',
    'ORCL = (DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=orcl)))',
  ],
  ['65a-8 empty password', 'dsn: scott/@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521)))'],
  ['65a-8 a path, no descriptor', 'see a/b@(c) for the list'],
  ['65a-8 a reference for the password', 'dsn: scott/${ORACLE_PASSWORD}@(DESCRIPTION=(ADDRESS=(HOST=db)))'],
  ['65a-11 shadowed password', 'root:x:0:0:root:/root:/bin/bash'],
  ['65a-11 locked', 'nobody:*:65534:65534:nobody:/nonexistent:/usr/sbin/nologin'],
  ['65a-11 locked with !', 'daemon:!:1:1::/usr/sbin:/usr/sbin/nologin'],
  ['65a-11 empty field', 'guest::1001:1001::/home/guest:/bin/sh'],
  ['65a-11 a hash', 'root:$6$rounds=5000$salt$Q2xk9mL7vR4tZ8wHunt3r2xQ:0:0:root:/root:/bin/bash'],
  ['65a-13 a non-secret variable', 'String host = opt.orElse("localhost");'],
  ['65a-13 getOrDefault of a host', 'String host = map.getOrDefault("host", "localhost");'],
  ['65a-13 an empty fallback', 'String password = opt.orElse("");'],
  ['65a-13 a placeholder fallback', 'String password = opt.orElse("<password>");'],
];

describe('forms65: each refused, named by its key path, never shown', () => {
  refusedAtTextDoors(SECRETS);
});

describe('65a-6: a default beside a variable is refused in additionalArguments too', () => {
  test.each(SECRETS.filter(([row]) => row.startsWith('65a-6')))('%s', (_, text, secret) =>
    refusedEverywhere({ additionalArguments: [text] }, 'additionalArguments[0]', secret),
  );
});

describe('forms65: neighbours accepted at every door', () => {
  test.each(ACCEPTED)('%s', (_, text) => {
    acceptedEverywhere(configMap(text));
    acceptedEverywhere(env('APP_SETTING', text));
  });
});

/** The files synth writes for a config holding `value` in a ConfigMap, and the gate's findings over them. */
function synthesizedAndGated(value: string): string[] {
  return secretsInFiles(synthFiles(withChanges(devConfig(), { traefik: { values: configMap(value) } })));
}

// 64a-14 again: the default's reader reads each text once, whatever the nesting.
describe('65a-6: 300 kB of openings and nestings is judged', () => {
  test.each([
    ['${DB_PASSWORD:-', 20_000],
    ['${DB_PASSWORD:+$', 20_000],
    ['${DB_PASSWORD:-${X}', 15_000],
  ])('%s repeated %i times', (opening, times) => expect(synthesizedAndGated(opening.repeat(times))).toEqual([]), 60_000);
  test('20,000 nested defaults, closed, ending in a reference', () => {
    const text = `P=${'${DB_PASSWORD:-'.repeat(20_000)}\${VAULT_PW}${'}'.repeat(20_000)}`;
    expect(synthesizedAndGated(text)).toEqual([]);
  }, 60_000);
});
