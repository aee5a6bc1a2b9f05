// Fix round 54 (attack 52a-3, -4, -5, -14, -16, -19; known limit "non-Latin secret words"): one rule for a secret's
// name in free text (src/core/secret-word-lines.ts): a line that names a secret, in any script or spelling, then holds a
// word that looks generated holds a secret, whatever syntax stands between; and the same names as keys and env names.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { newCluster } from '../src/new-cluster';
import { DEV_YAML, valuesDoors } from './helpers';
import { acceptedEverywhere } from './secret-doors';
import { envEntry as env } from './rule-doors';

const S = 'Qz7vTq2mWx9pLk4r';
const HEX64 = '4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a';
const note = (text: string) => ({
  extraObjects: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'kube-system' }, data: { 'notes.txt': text } },
  ],
});

/** Refused at the config, K3sVipCluster, TraefikHelmChartConfig (52a-16) and the write gate; `where` named; S never shown. */
function refusedEverywhere(values: unknown, where: string): void {
  const messages = [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)];
  for (const message of messages) {
    expect(message).toContain(where);
    expect(message).not.toContain(S);
    expect(message.toLowerCase()).not.toContain(S.toLowerCase());
  }
  expect(valuesDoors.gate(values).length).toBeGreaterThan(0);
}

describe('52a-3, -4, -5, -14, -19: a secret name then a generated word on one line, in any script or syntax', () => {
  test.each([
    // 52a-3: names in scripts that are not Latin, and Latin ones the lists lacked
    ['ru', `пароль: ${S}`],
    ['uk', `Пароль = ${S}`],
    ['zh full-width colon', `密码：${S}`],
    ['zh', `密码:${S}`],
    ['zh traditional', `密碼 ${S}`],
    ['ja', `パスワード: ${S}`],
    ['ko', `비밀번호: ${S}`],
    ['ar', `كلمة المرور: ${S}`],
    ['he', `סיסמה: ${S}`],
    ['el', `κωδικός: ${S}`],
    ['hi', `पासवर्ड ${S}`],
    ['vi', `mật khẩu: ${S}`],
    ['id', `kata sandi: ${S}`],
    ['ca', `contrasenya: ${S}`],
    ['it', `parola d'ordine: ${S}`],
    ['fr mdp', `mdp: ${S}`],
    ['fr jeton', `jeton: ${S}`],
    ['de oe', `Passwoerter: ${S}`],
    ['fr no-break spaces', `Mot\u00a0de\u00a0passe\u00a0: ${S}`],
    ['fr narrow no-break space', `mot de passe\u202f: ${S}`],
    ['a sentence in Russian', `Новый пароль для входа ${S} с сегодняшнего дня`],
    // 52a-4: look-alike letters, soft hyphens
    ['Cyrillic а', `pаssword: ${S}`],
    ['Greek ο', `passwοrd: ${S}`],
    ['Cyrillic е and о in token', `tоkеn ${S}`],
    ['soft hyphen', `pass\u00adword: ${S}`],
    // 52a-5: any separator, or a sentence
    ['arrow', `password → ${S}`],
    ['dash', `password - ${S}`],
    ['em dash', `password — ${S}`],
    ['pipe', `password | ${S}`],
    ['tilde', `password ~ ${S}`],
    ['brackets', `password[${S}]`],
    ['parentheses', `password(${S})`],
    ['is quoted', `The admin password is "${S}".`],
    ['was set to', `root password was set to ${S} yesterday`],
    ['is', `the password is ${S}`],
    ['camel-case name in prose', `use dbPassword ${S} for now`],
    // 52a-14: more English names
    ['passcode', `passcode=${S}`],
    ['PIN', `PIN: ${S}`],
    ['pin_code', `pin_code=${S}`],
    ['master key', `master key: ${S}`],
    ['unlock key', `unlock key: ${S}`],
    ['pepper', `pepper: ${S}`],
    ['cookie_key', `cookie_key=${S}`],
    ['refresh_tok', `refresh_tok=${S}`],
    ['authorization_code', `authorization_code=${S}`],
    ['access code', `access code: ${S}`],
    ['license key', `license key: ${S}`],
    ['Cookie header', `Cookie: session=${S}`],
    ['Set-Cookie header', `Set-Cookie: sid=${S}; HttpOnly`],
    ['X-Auth header', `X-Auth: ${S}`],
    ['recovery codes', `recovery codes: ${S}`],
    ['session cookie', `session cookie ${S}`],
    ['PIN digits', 'PIN: 482913'],
    ['passcode digits', 'passcode = "90210417"'],
    ['seed phrase', 'seed phrase: abandon ability able about above absent absorb abstract absurd abuse access accident'],
    ['Query key', 'Host(`a.example.com`) && Query(`key`, `' + S + '`)'],
    ['Query sig', 'Host(`a.example.com`) && Query(`sig`, `' + S + '`)'],
    ['Query v2 key', 'Host(`a.example.com`) && Query(`key=' + S + '`)'],
    ['log in as', `log in as admin / ${S}`],
    // 52a-19: an INI section for logins
    ['[auth] section', `[auth]\nadmin = ${S}`],
    ['[authentication] section', `[authentication]\nadmin: "${S}"`],
  ])('%s is refused at every door, named, never shown', (_, text) => {
    refusedEverywhere(note(text), 'extraObjects[0].data["notes.txt"]');
  });
});

describe('52a-3, -14, -16: the same names as env names and keys, at every door', () => {
  test.each([
    'KENNWORT_DB',
    'SENHA_DB',
    'DB_SENHA_PROD',
    'MIMA',
    'PASSCODE',
    'PIN_CODE',
    'PEPPER',
    'REFRESH_TOK',
    'SESSION_COOKIE',
    'пароль',
    'DB_ПАРОЛЬ',
    '密码',
  ])('env %s is refused as DB_PASSWORD_PROD is', (name) => {
    refusedEverywhere(env(name, S), 'env[0].value');
    // A chosen word under such a name is its (weak) value all the same.
    expect(valuesDoors.config(env(name, 'correcthorse'))).toContain('env[0].value');
  });

  test.each([
    [
      'a YAML key in Russian',
      {
        podAnnotations: { note: 'x' },
        extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n', namespace: 'kube-system' }, data: { пароль: S } }],
      },
    ],
  ])('%s is refused', (_, values) => {
    refusedEverywhere(values, 'extraObjects[0].data');
  });
});

describe('52a-3: npm run new --from refuses a comment with a foreign secret name', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'k3s-vip-near54-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  test.each([`# пароль: ${S}`, `# 密码：${S}`, `# pаssword → ${S}`])('%s', (comment) => {
    writeFileSync(join(root, 'src.yaml'), `${DEV_YAML}${comment}\n`);
    const lines: string[] = [];
    const code = newCluster(['copy', '--from', 'src'], {
      configDir: root,
      schemaFile: join(root, 'config.schema.json'),
      log: (l) => lines.push(l),
    });
    const text = lines.join('\n');
    expect(code).toBe(1);
    expect(text).toMatch(new RegExp(`src\\.yaml:${DEV_YAML.split('\n').length}:\\d+: holds a secret outside its values`));
    expect(text).not.toContain(S);
  });
});

describe('neighbours that hold no secret are accepted at every door', () => {
  test.each([
    ['prose', 'the password is stored in the vault'],
    ['prose in Russian', 'Пароль хранится в хранилище секретов'],
    ['pin a version', 'PIN the version to v1.2.3 before the upgrade'],
    ['spin and pinning', 'spin up 3 replicas; pinning traefik:v3.3.1 pinned'],
    ['an image pinned by digest', `pin the image to traefik@sha256:${HEX64}`],
    ['a digest after a secret name', `secret digest sha256:${HEX64}`],
    ['a checksum', `the secret checksum is ${HEX64}`],
    ['a Git commit', `token rotation landed in commit 4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a`],
    ['a UUID', 'client secret id 123e4567-e89b-12d3-a456-426614174000'],
    ['a host name', 'token server x7k9m2p4q8r1.example.com'],
    ['a reference', 'password: ${DB_PASSWORD}'],
    ['a placeholder', 'password: <your-password>'],
    ['[auth] switches', '[auth]\nadmin = true\nmethod = ldap'],
    ['a password reset URL', 'password reset: https://auth.example.com/reset'],
    ['a year after PIN', 'we PIN 2024 as the release year'],
    ['a port', 'pinned port: 8443'],
    ['eleven words', 'seed phrase: abandon ability able about above absent absorb abstract absurd abuse access'],
    ['a Query on a plain name', 'Host(`a.example.com`) && Query(`page`, `2`)'],
    ['log in as, no value', 'log in as admin with the password from the vault'],
  ])('%s', (_, text) => {
    acceptedEverywhere(note(text));
  });

  test.each([
    ['PEPPER_ENABLED', 'true'],
    ['KENNWORT_FILE', '/run/secrets/db'],
    ['SPIN_COUNT', 'Qz7vTq2mWx'],
    ['PWD_DIR', '/srv/app'],
  ])('env %s=%s', (name, value) => {
    acceptedEverywhere(env(name, value));
  });
});
