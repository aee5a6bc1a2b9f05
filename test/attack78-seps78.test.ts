import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { clusterFileNameProblem } from '../src/config/cluster-name';
import { secretsInData } from '../src/core/secrets';
import { symbolSeparatedSecretSpans } from '../src/core/symbol-separated-secrets';
import { valuesDoors } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 78 (seps78): a secret's name and its value joined by any run of signs, after any number of qualifiers or a
 * suffix of the name (78a-2); a value of 8 to 11 glued to the name (78a-3); a value whose comment after it names it,
 * at 8 characters (78a-15). README: "the same written inside one text (`password: x`, …)", "glued to the name at the
 * start of a word … the value in one letter case too", "A config value whose comment on its line names it … is read
 * with that comment". Each refused row has the nearest plain text beside it that must pass.
 */
const judged = (text: string) => secretsInData({ p: text });

// [finding, text]: a secret, refused.
const secrets: Array<[string, string]> = [
  ['78a-2 slash apart', 'password / Zx9kq2Lm'],
  ['78a-2 backslash apart', 'password \\ Zx9kq2Lm'],
  ['78a-2 percent apart', 'password % Zx9kq2Lm'],
  ['78a-2 less-than apart', 'password < Zx9kq2Lm'],
  ['78a-2 doubled dash', 'Password -- Zx9kq2Lm'],
  ['78a-2 doubled greater-than', 'Password >> Zx9kq2Lm'],
  ['78a-2 doubled dot', 'Password .. Zx9kq2Lm'],
  ['78a-2 IPA length mark (Lm)', 'Passwordː Zx9kq2Lm'],
  ['78a-2 next modifier letter: modifier colon', 'password꞉ Zx9kq2Lm'],
  ['78a-2 braces qualifier', 'password{prod}: Zx9kq2Lm'],
  ['78a-2 angle qualifier', 'password<prod>: Zx9kq2Lm'],
  ['78a-2 slash qualifier', 'password/prod: Zx9kq2Lm'],
  ['78a-2 hash qualifier', 'password#prod: Zx9kq2Lm'],
  ['78a-2 two bracket qualifiers', 'password[prod][eu]: Zx9kq2Lm'],
  ['78a-2 three mixed qualifiers', 'password[prod]{eu}@db1: Zx9kq2Lm'],
  ['78a-2 mathematical angle brackets', 'password⟨prod⟩: Zx9kq2Lm'],
  ['78a-2 CJK lenticular brackets', 'password【prod】: Zx9kq2Lm'],
  ['78a-2 CJK corner brackets', 'password「prod」: Zx9kq2Lm'],
  ['78a-2 suffix then an arrow', 'password_prod → Zx9kq2Lm'],
  ['78a-2 suffix then a sign password', 'password_prod → Harbor2024!'],
  ['78a-2 two suffix pieces', 'password_prod_eu ➜ Zx9kq2Lm'],
  ['78a-2 key emoji', '🔑 Zx9kq2Lm'],
  ['78a-2 braces in a setting line', 'db.password{prod}=Zx9kq2Lm'],
  ['78a-2 angle in a setting line', 'password<prod>=Zx9kq2Lm'],
  ['78a-2 list index', 'passwords[0]=Zx9kq2Lm'],
  ['78a-2 list index, chosen password', 'passwords[0]=Harbor2024'],
  ['78a-2 slash qualifier then =', 'password/prod = Zx9kq2Lm'],
  ['still refused: one bracket qualifier', 'password[prod]: Zx9kq2Lm'],
  ['78a-3 underscore, both cases', 'password_Zx9kq2Lm'],
  ['78a-3 path, token', '/token_Qw7rt5Yu'],
  ['78a-3 path, pw', '/api/pw_Qw7rt5Yu'],
  ['78a-3 path in capitals', '/API/PASSWORD_Qw7rt5Yu'],
  ['78a-3 pw, one case, 8', 'pw-rf6tg7yh'],
  ['78a-3 password, one case', 'password-zx9kq2lm'],
  ['78a-3 token, one case', 'token-hj4kl8mn'],
  ['78a-3 capitals', 'PASSWORD-Zx9kq2Lm'],
  ['78a-3 German name', 'Passwort-Xc4vb7Nm'],
  ['78a-3 pw, 10 one case', 'pw-hq7vx2mk9p'],
  ['78a-3 Kennwort', 'kennwort-zx9kq2lm'],
  ['78a-3 parol', 'parol-zx9kq2lm'],
  ['78a-3 a lone name before a Kubernetes-like run', 'password-g2h5k8m9c4'],
  ['78a-15 # password', 'Zx9kq2Lm # password'],
  ['78a-15 # pw', 'Zx9kq2Lm # pw'],
  ['78a-15 # PW!, 10', 'Hq7vX2mK9p # PW!'],
  ['78a-15 # db password', 'revision: Zx9kq2Lm # db password'],
  ['78a-15 # pass for db', 'Zx9kq2Lm # pass for db'],
  ['78a-15 # Passwort', 'Zx9kq2Lm # Passwort'],
  ['78a-15 # пароль БД', 'Zx9kq2Lm # пароль БД'],
  ['78a-15 # 数据库密码', 'Zx9kq2Lm # 数据库密码'],
  ['78a-15 # パスワード（本番）', 'Zx9kq2Lm # パスワード（本番）'],
  ['78a-15 # mật khẩu db', 'Zx9kq2Lm # mật khẩu db'],
  ['78a-15 # senha do banco', 'Zx9kq2Lm # senha do banco'],
  ['78a-15 // token', 'Zx9kq2Lm // api token'],
];

// [finding, text]: a name, a note or a reference, passes.
const plain: Array<[string, string]> = [
  ['78a-2 slash apart, a note', 'password / see vault'],
  ['78a-2 doubled dash, a note', 'password -- stored in Vault'],
  ['78a-2 suffix, a note', 'password_prod → see vault'],
  ['78a-2 suffix, a reference', 'password_prod → ${DB_PASSWORD}'],
  ['78a-2 two qualifiers, a note', 'password[prod][eu]: stored in Vault'],
  ['78a-2 braces, a placeholder', 'password{prod}: <your-password>'],
  ['78a-2 angle, a password manager', 'password<prod>: see 1Password'],
  ['78a-2 list index, a reference', 'passwords[0]=${PW0}'],
  ['78a-2 length mark, a note', 'Passwordː see vault'],
  ['78a-2 key emoji, a note', '🔑 stored in 1Password'],
  ['78a-2 a longer name, a version', 'password_reset → v2'],
  ['78a-2 a longer name, a header name', 'api_key_header → X-Api-Key2'],
  ['78a-2 a longer name, a chosen word', 'password_reset → Reset2024'],
  ['78a-2 a longer name, a URL', 'password_reset_url → https://example.com/Reset2024'],
  ['78a-2 a Vault path, a store name', 'secret/data/app: kv2Store'],
  ['78a-2 a command end of options, a database', 'pg_dump --password -- mydb2024Prod'],
  ['78a-2 a command option after', 'mysql --password --host=Db2prod01'],
  ['78a-2 a comparison', 'passwords ≥ 12 chars, e.g. Mixed1Case'],
  ['78a-2 a name with a date', 'password-2024-Q3-Backup'],
  ['78a-2 a longer name, a number', 'password_length → 16'],
  ['78a-3 plain name: reset', 'password_reset'],
  ['78a-3 plain name: pw-hash', 'pw-hash'],
  ['78a-3 plain name: v2', 'password_v2'],
  ['78a-3 plain name: reset and a year', 'password_reset2024'],
  ['78a-3 plain name: a digest tool', 'token_sha256sum'],
  ['78a-3 plain name: an API version', 'secret-v1beta1'],
  ['78a-3 a service account token Secret', 'default-token-x8k2p'],
  ['78a-3 a kustomize-hashed Secret name', 'db-password-g2h5k8m9c4'],
  ['78a-3 a ReplicaSet pod-template-hash', 'app-token-7d9f8c6b5'],
  ['78a-15 denied', 'Zx9kq2Lm # not a password'],
  ['78a-15 a property of the secret', 'Zx9kq2Lm # password hash'],
  ['78a-15 an id', 'Zx9kq2Lm # token id'],
  ['78a-15 a sentence about where it is', 'Zx9kq2Lm # the password is in Vault'],
  ['78a-15 a version', 'v1.2.3 # password'],
  ['78a-15 a release name', 'release-2024 # token'],
  ['78a-15 a comment naming nothing', 'Zx9kq2Lm # build id'],
  ['78a-15 a comment in German naming nothing', 'Zx9kq2Lm # Kommentar'],
];

describe('round 78 (seps78): the secret reader', () => {
  test.each(secrets)('%s is refused', (_, text) => expect(judged(text).length).toBeGreaterThan(0));
  test.each(plain)('%s passes', (_, text) => expect(judged(text)).toEqual([]));
});

const VALUES = /Zx9kq2Lm|Qw7rt5Yu|zx9kq2lm|rf6tg7yh|hj4kl8mn|hq7vx2mk9p|Xc4vb7Nm|Hq7vX2mK9p|Harbor2024/i;

describe('round 78 (seps78): the doors refuse every one at once and quote none', () => {
  test('annotations in the config door', () => {
    const annotations = Object.fromEntries([...secrets, ...plain].map(([, text], i) => [`a${i}`, text]));
    const refusal = valuesDoors.config({ deployment: { podAnnotations: annotations } });
    const refused = (i: number) => new RegExp(`podAnnotations\\.a${i}:`).test(refusal);
    expect(secrets.map((_, i) => i).filter((i) => !refused(i))).toEqual([]);
    expect(plain.map((_, i) => secrets.length + i).filter(refused)).toEqual([]);
    expect(refusal).not.toMatch(VALUES);
  });
  test('a value named by its comment at 8 characters (78a-15)', () => {
    const text = [
      'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}',
      'traefik:',
      '  loadBalancerIPs: [192.168.0.41]',
      '  values:',
      '    deployment:',
      '      podAnnotations:',
      '        c01: "Zx9kq2Lm" # password',
      '        c02: "Zx9kq2Lm" # pass',
      '        c03: "Zx9kq2Lm" # db password',
      '        c04: "Zx9kq2Lm" # Passwort',
      '        c05: "Zx9kq2Lm" # build id',
      '',
    ].join('\n');
    const errors = parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic).join('\n');
    for (const key of ['c01', 'c02', 'c03', 'c04']) expect(errors).toContain(`podAnnotations.${key}:`);
    expect(errors).not.toContain('podAnnotations.c05');
    expect(errors).not.toMatch(VALUES);
  });
  test.each(['pw-hq7vx2mk9p', 'token-zx9kq2lm', 'kennwort-zx9kq2lm'])('cluster name %s is refused unshown (78a-3)', (name) => {
    expect(clusterFileNameProblem(name)).toMatch(/looks like a secret/);
    expect(clusterFileNameProblem(name)).not.toContain(name);
  });
  test.each(['pw-hash', 'password-reset', 'db-password-g2h5k8m9c4'])('cluster name %s is a name', (name) => {
    expect(clusterFileNameProblem(name)).toBeUndefined();
  });
});

describe('round 78 (seps78): linear', () => {
  const unit = 'password[a][b]{c}<d> -- see x passwords_a_b ⟶ ː 🔑 Zx9kq2 # db pass word ';
  beforeAll(() => symbolSeparatedSecretSpans(unit));
  test('100 kB of names, qualifiers, signs and comments is read within 2 s', () => {
    const text = `${unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 99_990)} 1`;
    const start = process.cpuUsage();
    expect(symbolSeparatedSecretSpans(text)).toEqual([]);
    expect(symbolSeparatedSecretSpans(text.replace(/ -- /g, '\n'))).toEqual([]);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
