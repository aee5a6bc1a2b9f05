// Round 60 (leaks60): 60a-1 (misspelt or shortened secret names: `tocken`, `tokem`, `sercet`, `pword`, `psw`,
// `p@ssword`, `otp`, and review60-8's slips glued after a prefix: `DBPASWORD`, `adminpasword`, `ADMINPSWD`), 60a-2 (prose
// labels: a definition list, `login: admin / X`, `u: admin p: X`, `the pass phrase is X`), 60a-3 (comment lines above a
// value: `## Password ##`, `# password:` then a blank line, `# Password (staging)`, `(* password *)`), 60a-10 (a comment on
// a value's line that denies a secret, or speaks of one beside a hex id, names no value). Refused rows name their key path
// and never show the value; the neighbours that hold no secret stay accepted at every door.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { annotationLineErrors, envEntry as env } from './rule-doors';

const S = 'Zx9qWm4vTr7pLk2n';
const G = 'a8Kd93LmQz7Xw2Pb';
const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { 'x.txt': text } }],
});
const note = (text: string) => ({ deployment: { podAnnotations: { note: text } } });
const AT_TEXT = 'extraObjects[0].data';
const AT_NOTE = 'podAnnotations';
const AT_ENV = 'env[0]';

// `OTP` as a name is left out after the merge: read as `password`, `otpKey` became `passwordKey`, a data key's name (35a-4).
describe('60a-1: misspelt and shortened secret names, also glued after a prefix', () => {
  test.each([
    'PSW',
    'DB_PSW',
    'PWORD',
    'ADMIN_PWORD',
    'TOCKEN',
    'TOKEM',
    'SERCET',
    'APITOKN',
    'DBPASWORD',
    'dbpasword',
    'adminpasword',
    'ADMINPSWD',
    'dbSercet',
  ])('refused env name: %s', (name) => refusedEverywhere(env(name, S), AT_ENV, S));

  test.each([
    ['tocken=', `tocken=${S}`],
    ['tokem=', `tokem=${S}`],
    ['sercet=', `sercet=${S}`],
    ['pword=', `pword=${S}`],
    ['psw=', `psw=${S}`],
    ['p@ssword=', `p@ssword=${S}`],
    ['DBPASWORD=', `DBPASWORD=${S}`],
    ['adminpasword:', `adminpasword: ${S}`],
    ['apiTokn:', `apiTokn: ${S}`],
    ['ADMINPSWD=', `ADMINPSWD=${S}`],
  ])('refused text: %s', (_, text) => refusedEverywhere(note(text), AT_NOTE, S));

  test.each([
    ['PSEUDO_RANDOM', env('PSEUDO_RANDOM', 'true')],
    ['PSQL_HOST', env('PSQL_HOST', 'db.example.com')],
    ['PWD as a path', env('PWD', '/var/lib/app')],
    ['OTP_ENABLED', env('OTP_ENABLED', 'true')],
    ['TOKEN_EXPIRY', env('TOKEN_EXPIRY', '3600')],
    ['SECRETARY_EMAIL', env('SECRETARY_EMAIL', 'office@example.com')],
    ['text: pseudo, psql, pwd', configMap('pseudo: true\npsql -h db.example.com -U app\npwd: /var/lib/app\n')],
    ['text: otp_enabled, token_expiry, secretary', configMap('otp_enabled: true\ntoken_expiry: 3600\nsecretary: office@example.com\n')],
    ['text: passport, a man page', configMap('passport: Zx9qWm4vTr7p\nsee the pswd(5) man page\n')],
    [
      'OTP settings',
      {
        env: [
          { name: 'OTP_DIGITS', value: '6' },
          { name: 'OTP_ISSUER', value: 'MyApp' },
          { name: 'OTP_PERIOD', value: '30' },
        ],
      },
    ],
    ['text: stocking, swordfish', configMap('stocking: 12\nswordfish: blue\ntopsecret: false\n')],
  ])('accepted: %s', (_, values) => acceptedEverywhere(values));
});

describe('60a-2: prose labels of a password', () => {
  test.each([
    ['a definition list', `Password\n: ${S}`],
    ['login: admin / X', `login: admin / ${S}`],
    ['u: admin p: X', `u: admin p: ${S}`],
    ['the pass phrase is X', `the pass phrase is ${S}`],
    ['login = admin:X', `login = admin:${S}`],
    ['logon: admin/X', `logon: admin/${S}`],
    ['sign-in = admin:X', `sign-in = admin:${S}`],
    ['user: admin pass: X', `user: admin pass: ${S}`],
    ['pass-phrase: X', `pass-phrase: ${S}`],
    ['a definition list with ~', `Token\n~ ${S}`],
  ])('refused: %s', (_, text) => refusedEverywhere(note(text), AT_NOTE, S));

  test.each([
    ['login: admin', note('login: admin')],
    ['a definition list of a word', note('Password\n: see the vault')],
    ['the pass phrase is in Vault', note('the pass phrase is in Vault')],
    ['u: 1 p: 2', note('u: 1 p: 2')],
    ['login: admin / readonly', note('login: admin / readonly')],
    ['a definition list of a build id', note(`Build\n: ${G}`)],
    ['p: then an id, no user before', note(`p: ${G}`)],
  ])('accepted: %s', (_, values) => acceptedEverywhere(values));
});

describe('60a-3: a comment line naming a password above a generated value', () => {
  test.each([
    ['## Password ##', `## Password ##\n${G}\n`],
    ['# password: then a blank line', `# password:\n\n${G}\n`],
    ['# Password (staging)', `# Password (staging)\n${G}\n`],
    ['# password for the admin user', `# password for the admin user\n${G}\n`],
    ['(* password *)', `(* password *)\n${G}\n`],
    ['### Token ###', `### Token ###\n${G}\n`],
    ['# token (prod)', `# token (prod)\n${G}\n`],
    ['# secret of the api', `# secret of the api\n${G}\n`],
    ['# password then two blank lines', `# password\n\n\n${G}\n`],
  ])('refused: %s', (_, text) => refusedEverywhere(configMap(text), AT_TEXT, G));

  test.each([
    ['## Build ##', configMap(`## Build ##\n${G}\n`)],
    ['# password policy then a setting', configMap('# password policy\nmin_length: 12\n')],
    ['# no password for this one', configMap(`# no password for this one\nbuild: 1.2.3\n`)],
    ['# build of the app (prod)', configMap(`# build of the app (prod)\n${G}\n`)],
    ['# password then a line, then a value', configMap(`# password\nsee below\n${G}\n`)],
  ])('accepted: %s', (_, values) => acceptedEverywhere(values));
});

describe('60a-10: a line comment that denies a secret, or speaks of one beside a hex id, names no value', () => {
  test.each([
    ['# not a password', `example.com/build: ${G} # not a password`],
    ["# isn't a password", `example.com/build: ${G} # isn't a password`],
    ['# is not a password', `example.com/build: ${G} # is not a password`],
    ['# not the token', `example.com/build: ${G} # not the token`],
    ['# unrelated to the password', `example.com/build: ${G} # unrelated to the password`],
    ['# public id; the password is in Vault', `example.com/owner: ${G} # public id; the password is in Vault`],
    ['a hex build id, # the token service build', 'example.com/build-id: 7f3a9c2e1b4d # the token service build'],
    ['a trace id, # token refresh trace', 'example.com/trace: 4bf92f3577b34da6a3ce929d0e0e4736 # token refresh trace'],
    [
      'a Helm checksum',
      'checksum/config: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 # changes when the password secret changes',
    ],
  ])('accepted: %s', (_, line) => expect(annotationLineErrors(line)).toBe(''));

  test.each([
    ['# password', `example.com/build: ${G} # password`],
    ['# the admin password', `example.com/build: ${G} # the admin password`],
    ['# password (not rotated)', `example.com/build: ${G} # password (not rotated)`],
    ['# rotated; the admin password', `example.com/build: ${G} # rotated; the admin password`],
    ['# the password is this one', `example.com/build: ${G} # the password is this one`],
    ['a hex value # token', 'example.com/build: 7f3a9c2e1b4d5a6f7e8d9c0b # token'],
  ])('refused: %s', (_, line) => {
    const errors = annotationLineErrors(line);
    expect(errors).toContain('podAnnotations');
    expect(errors).toContain('comment');
    expect(errors).not.toContain(G);
    expect(errors).not.toContain('7f3a9c2e1b4d5a6f');
  });
});
