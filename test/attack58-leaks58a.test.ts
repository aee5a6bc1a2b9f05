// Round 58a-1 and 58a-10: a BasicAuth `users` entry with `${…}` beside text passed whole (Traefik expands no `${…}` in
// `users`), and `users` took hashes Traefik's BasicAuth cannot check (go-http-auth's CheckSecret knows `{SHA}`, bcrypt
// `$2a/b/x/y$` and otherwise MD5-crypt) or a CRD's `$$`, which nothing unescapes. Each is refused at every door, naming the
// path and never the value; whole references, Traefik's own hashes and other families outside `users` stay accepted.
import { acceptedEverywhere, refusedEverywhere, shownInDiff } from './secret-doors';
import { valuesDoors } from './helpers';

const S = 'Zq8vX3kP9mWtT1';
const BCRYPT = '$2y$05$H4ozd6dd7tvRHN6M2D9bxOeoC6vBWDsRG/GJA2ePwyJ9Xc6ZRjELi';
const APR1 = '$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/';
const SHA = '{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=';
const SHA512 = `$6$saltsalt$${'a'.repeat(86)}`;
const SHA256 = `$5$saltsalt$${'b'.repeat(43)}`;
const YESCRYPT = `$y$j9T$saltsaltsalt$${'c'.repeat(43)}`;
const ARGON = `$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$${'d'.repeat(43)}`;
const BARE2 = BCRYPT.replace('$2y$', '$2$');
const LABEL = 'traefik.http.middlewares.auth.basicauth.users';

const middleware = (users: unknown) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'auth', namespace: 'default' },
      spec: { basicAuth: { users } },
    },
  ],
});
const annotations = (value: string) => ({ deployment: { podAnnotations: { [LABEL]: value } } });
const fileProvider = (entry: string) => ({
  providers: {
    file: { enabled: true, content: `http:\n  middlewares:\n    auth:\n      basicAuth:\n        users:\n          - "${entry}"\n` },
  },
});
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data }],
});
const where = { mw: 'basicAuth.users[0]', label: `podAnnotations["${LABEL}"]`, file: 'providers.file.content' };

describe('58a-1: a `${…}` beside text in a BasicAuth entry is no reference', () => {
  test.each([
    ['a Middleware, reference after', middleware([`admin:${S}\${X}`]), where.mw, S],
    ['a Middleware, reference before', middleware([`admin:\${X}${S}`]), where.mw, S],
    ['a Middleware, a word then a blank', middleware(['admin:hunter2hunter ${X}']), where.mw, 'hunter2hunter'],
    ['a Middleware, a Helm template beside', middleware([`admin:${S}{{ .Values.x }}`]), where.mw, S],
    ['a Middleware, a default inside the reference', middleware([`admin:\${X:-${S}}`]), where.mw, S],
    ['a Middleware, a whole entry reference with a default', middleware([`\${USERS:-admin:${S}}`]), where.mw, S],
    ['the label form', annotations(`admin:${S}\${X}`), where.label, S],
    ['the label form, second entry', annotations(`bob:${APR1},admin:\${X}${S}`), where.label, S],
    ['the file provider text', fileProvider(`admin:${S}\${X}`), where.file, S],
  ])('refused: %s', (_, values, at, secret) => refusedEverywhere(values, at, secret));

  test('the diff of a hand-edited dist/ blanks it', () => {
    const shown = shownInDiff(`#   basicAuth:\n#     users: ["admin:${S}\${X}"]`);
    expect(shown).not.toContain(S);
  });

  // 59a-8: nothing expands a `$` reference in a Middleware's or the file provider's `users` (auth-user-entries.ts): refused.
  test.each([
    ['a whole entry reference', middleware(['${USERS}']), where.mw],
    ['a whole password reference', middleware(['admin:${ADMIN_HASH}']), where.mw],
    ['glued references', middleware(['admin:${A}${B}']), where.mw],
    ['a reference that must be set', middleware(['admin:${ADMIN_HASH:?}']), where.mw],
    ['the file provider, a reference', fileProvider('admin:${ADMIN_HASH}'), where.file],
  ])('refused (59a-8): %s', (_, values, at) => refusedEverywhere(values, at, 'ADMIN_HASH'));

  test.each([['the label form, a reference', annotations('admin:${ADMIN_HASH}')]])('accepted: %s', (_, values) =>
    acceptedEverywhere(values),
  );
});

describe('58a-10: Traefik BasicAuth `users` take only the hashes Traefik checks', () => {
  test.each([
    ['sha512-crypt', middleware([`bob:${SHA512}`]), where.mw, SHA512],
    ['sha256-crypt', middleware([`bob:${SHA256}`]), where.mw, SHA256],
    ['yescrypt', middleware([`bob:${YESCRYPT}`]), where.mw, YESCRYPT],
    ['argon2id', middleware([`bob:${ARGON}`]), where.mw, ARGON],
    ["bcrypt's bare $2$", middleware([`bob:${BARE2}`]), where.mw, BARE2],
    ['a Dovecot scheme', middleware([`bob:{BLF-CRYPT}${BCRYPT}`]), where.mw, BCRYPT],
    ["a CRD's doubled $$", middleware([`admin:${BCRYPT.replace(/\$/g, '$$$$')}`]), where.mw, BCRYPT.slice(8)],
    ['the label form, sha512-crypt', annotations(`alice:${APR1},bob:${SHA512}`), where.label, SHA512],
    ['the file provider, argon2id', fileProvider(`bob:${ARGON}`), where.file, ARGON],
  ])('refused: %s', (_, values, at, hash) => refusedEverywhere(values, at, hash));

  test('the message says which forms work', () => {
    const message = valuesDoors.config(middleware([`bob:${SHA512}`]));
    expect(message).toContain('htpasswd -nB');
    expect(message).toContain('bcrypt');
    expect(message).toContain('basicAuth.users[0]');
  });

  test.each([
    // The Middleware CRD has no `users` (crds/traefik: basicAuth takes a Secret), so the file provider's form carries them.
    ...[BCRYPT, APR1, SHA, BCRYPT.replace('$2y$', '$2b$')].map((hash): [string, unknown] => [
      `Traefik's own hash ${hash.slice(0, 4)}`,
      fileProvider(`a:${hash}`),
    ]),
    ['the label form with Compose $$', annotations(`a:${APR1.replace(/\$/g, '$$$$')}`)],
    [
      'a DigestAuth MD5',
      {
        providers: {
          file: {
            enabled: true,
            content:
              'http:\n  middlewares:\n    d:\n      digestAuth:\n        users:\n          - "test:traefik:a2688e031edb4be6a3797f3882655c05"\n',
          },
        },
      },
    ],
    ['sha512-crypt outside `users`', configMap({ passwd: SHA512 })],
    ['an htpasswd file of sha512-crypt (ingress-nginx)', configMap({ auth: `bob:${SHA512}\n` })],
    ['argon2id under a secret-named key', configMap({ password_hash: ARGON })],
  ])('accepted: %s', (_, values) => acceptedEverywhere(values));
});

describe('58a-10 message: a hash Traefik cannot check is no secret written out', () => {
  test.each([
    ['sha512-crypt', middleware([`bob:${SHA512}`])],
    ["a CRD's doubled $$", middleware([`admin:${BCRYPT.replace(/\$/g, '$$$$')}`])],
  ])('%s: says which hashes work, not "keep it in a Kubernetes Secret"', (_, values) => {
    const message = valuesDoors.config(values);
    expect(message).toContain('so no one logs in');
    expect(message).not.toContain('no secret may be written');
    expect(message).not.toContain('Kubernetes Secret');
  });
});
