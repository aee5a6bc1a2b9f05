// Round 64 (falsepos64): ordinary config refused as secrets. 64a-6 (a unit after a property of a token: `TOKEN_EXPIRY_SECONDS`,
// `API_TOKEN_EXPIRES_IN`; `PASSWORD_RESET_TEMPLATE`), 64a-7 (a .properties bundle's `error.password.mismatch=…`, told of a
// `[credentials]` section it did not have), 64a-9 (`Password: N/A`, `see ticket OPS-1234`, `(set in CI)`), 64a-10 (pins in
// IIS, OkHttp, Android and list syntaxes), 64a-11 (OpenLDAP's `olcRootPW: {SSHA}…`), 64a-12 (`https://CONTOSO@dev.azure.com/…`).
// Must-pass rows pass every door; their refused neighbours stay refused, named, unshown.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { configErrors, devConfig, withChanges, withTraefikValues } from './helpers';

const HASH = 'd6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM=';
const SSHA = '{SSHA}m2Zx1Vq0k3N9dC8sLr4TfYh7JbW5uP6a';
const SECRET = 'Xq9vLm2Pz8Wk4Rt7bN';
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data }],
});
const env = (entries: Array<{ name: string; value: string }>) => ({
  deployment: { additionalContainers: [{ name: 'side', image: 'busybox:1.36', env: entries }] },
});
const gitops = (repoURL: string) => withChanges(devConfig(), { gitops: { engine: 'argocd', repoURL } });

describe('64a-6: a unit after a property of a secret (expiry, timeout, ttl, lifetime, expires) names a duration', () => {
  it.each([
    'TOKEN_EXPIRY_SECONDS=86400',
    'TOKEN_TIMEOUT_MS=30000',
    'JWT_SECRET_TTL_SECONDS=86400',
    'TOKEN_TTL_SECONDS=3600',
    'API_TOKEN_EXPIRES_IN=7200',
    'TOKEN_LIFETIME_MINUTES=1440',
    'token_expiry_seconds: 86400',
    'token.expiry.seconds=86400',
    'PASSWORD_RESET_TEMPLATE=reset.html',
    'export SESSION_TOKEN_EXPIRES_AT_HOURS=12',
  ])('%j is accepted at every door', (text) => acceptedEverywhere(configMap({ conf: text })));
  it.each([
    ['TOKEN_EXPIRY_SECONDS', '86400'],
    ['API_TOKEN_EXPIRES_IN', '7200'],
  ])('env %s=%s is accepted at every door', (name, value) => acceptedEverywhere(env([{ name, value }])));
  it.each([
    ['a unit after the secret itself', `TOKEN_MS=${SECRET}`],
    ['a unit after a label', `API_TOKEN_PROD_SECONDS=${SECRET}`],
    ['a template of a value', `PASSWORD=${SECRET}`],
  ])('%s stays refused, unshown', (_, text) => refusedEverywhere(configMap({ conf: text }), 'data.conf', SECRET));
});

describe('64a-7: a UI text bundle under dotted keys holds words shown to a user, not a secret', () => {
  it.each([
    'error.password.mismatch=Passwords do not match',
    'login.password.label=Passwort',
    'password.label = Kennwort',
    'login.password.label=Passwort\nlogin.password.hint=Das Passwort ist zu kurz\nerror.password.mismatch=Die Passwörter stimmen nicht überein',
    'password.placeholder=Enter your password\ntoken.title=API token',
  ])('%j is accepted at every door', (text) => acceptedEverywhere(configMap({ 'messages.properties': text })));
  it('a generated value under a UI key, or a dotted secret, stays refused and is told of a dotted key', () => {
    for (const text of [`password.label = ${SECRET}`, `secrets.stripe = "${SECRET}"`]) {
      refusedEverywhere(configMap({ 'app.properties': text }), 'data["app.properties"]', SECRET);
      const errors = configErrors(withTraefikValues(configMap({ 'app.properties': text }))).join('\n');
      expect(errors).toMatch(/dotted key|name=value|key named like a secret/);
    }
  });
});

describe('64a-8: a locale file names the password field in its language; that word is no password', () => {
  it.each([
    'de:\n  activerecord:\n    attributes:\n      user:\n        password: Passwort',
    'en:\n  activerecord:\n    attributes:\n      user:\n        password: Password\n        password_confirmation: Confirm password',
    'fr:\n  devise:\n    passwords:\n      edit:\n        change_my_password: Changer mon mot de passe',
    '{"password": "Mot de passe"}',
    '{"password": {"label": "Mot de passe", "forgot": "Mot de passe oublié ?", "tooShort": "Le mot de passe est trop court"}}',
    'ja: {password: パスワード, password_hint: 8文字以上}',
    'password_reset:\n  subject: Reset your password\n  body: Click the link to choose a new password.',
    'es:\n  password: Contraseña\n  new_password: Nueva contraseña',
  ])('%j is accepted at every door', (text) => acceptedEverywhere(configMap({ 'locale.yml': text })));
  it.each([
    ['a passphrase of other words', 'password: Summer Secret Password', 'Summer Secret Password'],
    ['a digit in the word', 'password: Passwort2024', 'Passwort2024'],
    ['a hyphenated weak password', 'password: admin-password', 'admin-password'],
    ['a generated value beside a label', `{"password": "${SECRET}", "label": "Mot de passe"}`, SECRET],
  ])('%s stays refused, unshown', (_, text, secret) => refusedEverywhere(configMap({ 'locale.yml': text }), 'data["locale.yml"]', secret));
});

describe('64a-9: a note under a password label says where or that no value is given', () => {
  it.each([
    'Password: N/A',
    'password: TBD',
    'Password: hidden',
    'Password: see ticket OPS-1234',
    'Passwort: siehe Passwortmanager',
    'Password: (set in CI)',
    'DB_PASSWORD=TBD',
    'token: redacted',
    'The password is Base64-encoded in the Secret.',
    'The password is AES256-encrypted at rest.',
  ])('%j is accepted at every door', (text) => acceptedEverywhere(configMap({ notes: text })));
  it.each([
    ['a value after the note', `Password: N/A ${SECRET}`],
    ['a ticket-like word without a pointer', 'Password: OPS-1234'],
    ['a value in brackets', `Password: (${SECRET})`],
    ['a value after see', `Password: see ${SECRET}`],
    ['a password after is', `The password is ${SECRET}-encoded`],
  ])('%s stays refused, unshown', (_, text) => {
    const secret = /Xq9v/.test(text) ? SECRET : 'OPS-1234';
    refusedEverywhere(configMap({ notes: text }), 'data.notes', secret);
  });
});

describe('64a-10: hashes of public keys in any pinning syntax are no PIN', () => {
  it.each([
    ['IIS web.config', `<add name="Public-Key-Pins" value="pin-sha256=&quot;${HASH}&quot;; max-age=5184000" />`],
    [
      'IIS customHeaders',
      `<customHeaders>\n  <add name="Public-Key-Pins" value="pin-sha256=&quot;${HASH}&quot;; max-age=5184000" />\n</customHeaders>`,
    ],
    ['a list of pins', `hpkp_pins: ["${HASH}", "${HASH}"]`],
    ['OkHttp pins', `pins = ["sha256/${HASH}"]`],
    ['OkHttp CertificatePinner', `CertificatePinner.Builder().add("example.com", "sha256/${HASH}")`],
    [
      'Android',
      `<pin-set expiration="2026-01-01">\n  <pin digest="SHA-256">${HASH}</pin>\n  <pin digest="SHA-256">${HASH}</pin>\n</pin-set>`,
    ],
  ])('%s is accepted at every door', (_, text) => acceptedEverywhere(configMap({ conf: text })));
  it.each([
    ['a PIN beside a pin list', `pins = ["sha256/${HASH}"]; PIN: 482913`, '482913'],
    ['a PIN beside an IIS pin', `<add name="Public-Key-Pins" value="pin-sha256=&quot;${HASH}&quot;; pin=482913" />`, '482913'],
    ['a card PIN', 'card pin: 482913', '482913'],
    ['a token under a pin list name', `hpkp_pins: ["${HASH}"]\ntoken: ${SECRET}`, SECRET],
  ])('%s stays refused, unshown', (_, text, secret) => refusedEverywhere(configMap({ conf: text }), 'data.conf', secret));
});

describe("64a-11: OpenLDAP's root password hash is a hash, as under userPassword", () => {
  it.each([`olcRootPW: ${SSHA}`, `rootpw ${SSHA}`, `rootpw    ${SSHA}`, `userPassword: ${SSHA}`])('%j is accepted at every door', (text) =>
    acceptedEverywhere(configMap({ 'slapd.conf': text })),
  );
  it.each([
    ['a plain root password', `olcRootPW: ${SECRET}`],
    ['rootpw in clear', `rootpw ${SECRET}`],
  ])('%s stays refused, unshown', (_, text) => refusedEverywhere(configMap({ 'slapd.conf': text }), 'data["slapd.conf"]', SECRET));
});

describe('64a-12: an organisation in capitals as a URL user alone holds no credentials', () => {
  const URLS = ['https://CONTOSO@dev.azure.com/CONTOSO/Infra/_git/k3s-vip', 'https://FABRIKAM-IT@dev.azure.com/FABRIKAM-IT/P/_git/R'];
  it.each(URLS)('%s is accepted in a ConfigMap text and an env value', (url) => {
    acceptedEverywhere(configMap({ conf: `url = ${url}` }));
    acceptedEverywhere(env([{ name: 'REPO', value: url }]));
  });
  it.each(URLS)('gitops.repoURL %s is accepted', (url) => expect(configErrors(gitops(url))).toEqual([]));
  it.each([
    ['random capitals', 'https://GHPXKQRTZWMB@git.example.com/r', 'GHPXKQRTZWMB'],
    ['capitals and digits', 'https://AKIA4QZ7XK2M9PLW@git.example.com/r', 'AKIA4QZ7XK2M9PLW'],
    ['capitals over 24 letters', 'https://CONTOSOCONTOSOCONTOSOCONTOSO@git.example.com/r', 'CONTOSOCONTOSOCONTOSOCONTOSO'],
    ['a user with a password', 'https://CONTOSO:Tr0ub4dor3x@dev.azure.com/CONTOSO/P/_git/R', 'Tr0ub4dor3x'],
  ])('%s stays refused, unshown', (_, url, secret) => refusedEverywhere(env([{ name: 'REPO', value: url }]), 'env[0].value', secret));
});
