// Round 57a-1, 5, 15, 17: Traefik's BasicAuth/DigestAuth `users` named by a key (label dots, env underscores, KV
// slashes, any case) took a plain password; htpasswd/htdigest text outside `users` (ingress-nginx's `auth`, a file of
// entries, a hash followed by more) was written; messages named the wrong kind (DigestAuth told to use bcrypt, curl's
// -u called a redis.conf line); bcrypt of a cost outside 4..31 passed as a hash. Each is refused at every door, naming
// the path and never the value; the neighbours that hold no secret stay accepted.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { valuesDoors } from './helpers';
import { envEntry as env } from './rule-doors';

const S = 'Zq8vLmP3xR7tYw';
const BCRYPT = '$2y$05$H4ozd6dd7tvRHN6M2D9bxOeoC6vBWDsRG/GJA2ePwyJ9Xc6ZRjELi';
const APR1 = '$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/';
const SHA = '{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=';
const MD5HEX = 'a2688e031edb4be6a3797f3882655c05';
const LABEL = 'traefik.http.middlewares.auth.basicauth.users';

const configMap = (data: Record<string, string>, metadata: object = {}) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', ...metadata }, data }],
});
const note = (text: string) => configMap({ note: text });
const annotations = (key: string, value: string) => ({ deployment: { podAnnotations: { [key]: value } } });
const middleware = (auth: Record<string, unknown>) => ({
  extraObjects: [{ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'auth', namespace: 'default' }, spec: auth }],
});

describe('57a-1: a key naming a BasicAuth/DigestAuth `users` setting is that setting', () => {
  test.each([
    ['a podAnnotation in label form', annotations(LABEL, `admin:${S}`), `podAnnotations["${LABEL}"]`],
    ['the label in capitals', annotations(LABEL.toUpperCase(), `admin:${S}`), 'podAnnotations'],
    ['a service annotation', { service: { annotations: { [LABEL]: `admin:${S}` } } }, 'service.annotations'],
    ['an extra object annotation', configMap({ a: 'b' }, { annotations: { [LABEL]: `admin:${S}` } }), 'metadata.annotations'],
    ['a ConfigMap data key', configMap({ [LABEL]: `alice:${APR1},admin:${S}` }), `data["${LABEL}"]`],
    ['a Compose labels map in text', note(`services:\n  web:\n    labels:\n      ${LABEL}: "admin:${S}"\n`), 'data.note'],
    ['the env form', env('TRAEFIK_HTTP_MIDDLEWARES_AUTH_BASICAUTH_USERS', `admin:${S}`), 'env[0].value'],
    ['a generic env name', env('BASIC_AUTH_USERS', `admin:${S}`), 'env[0].value'],
    ['the env form in text', note(`TRAEFIK_HTTP_MIDDLEWARES_AUTH_BASICAUTH_USERS=admin:${S}\n`), 'data.note'],
    ['the KV form in text', note(`x: 1\ntraefik/http/middlewares/auth/basicAuth/users/0: admin:${S}\n`), 'data.note'],
    ['a DigestAuth label', annotations('traefik.http.middlewares.d.digestauth.users', `admin:traefik:${S}`), 'podAnnotations'],
    ['a label entry without `:`', annotations(LABEL, S), 'podAnnotations'],
  ])('refused: %s', (_, values, where) => refusedEverywhere(values, where, S));

  test.each([
    ['hashed entries', annotations(LABEL, `alice:${APR1},bob:${BCRYPT},carol:${SHA}`)],
    ['a Compose $$-escaped hash', configMap({ [LABEL]: `alice:${APR1.replace(/\$/g, '$$$$')}` })],
    ['a DigestAuth label with its MD5', annotations('traefik.http.middlewares.d.digestauth.users', `test:traefik:${MD5HEX}`)],
    ['user names only under a generic name', env('BASIC_AUTH_USERS', 'alice,bob')],
    ['a users file path', env('TRAEFIK_HTTP_MIDDLEWARES_AUTH_BASICAUTH_USERSFILE', '/etc/traefik/users')],
    // The kubelet's `$(VAR)`: Kubernetes expands no `${…}` in an env value (59a-8).
    ['a template', env('TRAEFIK_HTTP_MIDDLEWARES_AUTH_BASICAUTH_USERS', '$(AUTH_USERS)')],
    ['prose naming the label', note(`Set ${LABEL}: write the entries as htpasswd -nB prints them.`)],
  ])('accepted: %s', (_, values) => acceptedEverywhere(values));
});

describe('57a-5: htpasswd and htdigest text outside `users`', () => {
  test.each([
    ["ingress-nginx's auth key, a chosen password", configMap({ auth: 'admin:hunter2\n' }), 'data.auth', 'hunter2'],
    ['an auth file of a hash and a password', configMap({ auth: `admin:${S}\nbob:${APR1}\n` }), 'data.auth', S],
    ['a file under any key holding one hash', note(`bob:${APR1}\nadmin:hunter2\n`), 'data.note', 'hunter2'],
    ['a bcrypt hash then a blank and more', configMap({ usersfile: `admin:${BCRYPT} ${S}\n` }), 'data.usersfile', S],
    ['an apr1 hash then a blank and more', note(`admin:${APR1} ${S}`), 'data.note', S],
    ['htdigest with no MD5', configMap({ digest: `admin:traefik:${S}\n` }), 'data.digest', S],
    ['an htdigest file with one line not MD5', note(`test:traefik:${MD5HEX}\nadmin:traefik:${S}\n`), 'data.note', S],
    ['one entry with a generated password', note(`admin:${S}`), 'data.note', S],
    ['an htpasswd key', configMap({ '.htpasswd': 'admin:hunter2' }), 'data[".htpasswd"]', 'hunter2'],
  ])('refused: %s', (_, values, where, secret) => refusedEverywhere(values, where, secret));

  test.each([
    ['a well-formed auth file', configMap({ auth: `alice:${APR1}\nbob:${BCRYPT}\ncarol:${SHA}\n` })],
    ['a well-formed htdigest file', configMap({ htdigest: `test:traefik:${MD5HEX}\n` })],
    ['auth: basic', configMap({ auth: 'basic' })],
    ['a hash with a comment after it', note(`alice:${APR1} # the admin`)],
    ['host and port lines', note('redis:6379\nweb:8080\n')],
    ['an image and a digest', note(`image:nginx\nsha256:${'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}\n`)],
    ['an owner', note('root:root')],
  ])('accepted: %s', (_, values) => acceptedEverywhere(values));
});

describe('57a-15: messages name the kind', () => {
  const message = (values: unknown) => valuesDoors.config(values);

  test('a DigestAuth entry is told to use htdigest, not bcrypt', () => {
    const text = message(middleware({ digestAuth: { users: [`admin:traefik:${S}Q9${S}`] } }));
    expect(text).toContain('digestAuth.users[0]');
    expect(text).toContain('DigestAuth');
    expect(text).toContain('htdigest');
    expect(text).not.toContain('htpasswd -nB');
    expect(text).not.toContain(S);
  });

  test.each([
    ['{SHA} with more appended', `admin:${SHA}xy`],
    ['bcrypt with more appended', `admin:${BCRYPT}xy`],
    ['apr1 with more appended', `admin:${APR1}xy`],
    ['bcrypt of cost 03', `admin:${BCRYPT.replace('$05$', '$03$')}`],
  ])('%s says a hash malformed or with more appended', (_, entry) => {
    const text = message(middleware({ basicAuth: { users: [entry] } }));
    expect(text).toContain('basicAuth.users[0]');
    expect(text).toMatch(/more appended/);
    expect(text).not.toContain('plain text');
  });

  test('a plain password says plain text', () => {
    expect(message(middleware({ basicAuth: { users: [`admin:${S}`] } }))).toContain("BasicAuth user's password in plain text");
  });

  test("curl's -u in text is named as curl's", () => {
    const text = message(note(`-u admin:${S}`));
    expect(text).toContain('data.note');
    expect(text).toContain("curl's");
    expect(text).not.toContain('redis.conf');
    expect(text).not.toContain(S);
  });
});

describe('57a-17: bcrypt of a cost outside 4..31 is no hash', () => {
  test.each(['03', '99', '32', '00'])('refused: cost %s', (cost) =>
    refusedEverywhere(
      middleware({ basicAuth: { users: [`a:${BCRYPT.replace('$05$', `$${cost}$`)}`] } }),
      'basicAuth.users[0]',
      'H4ozd6dd7tvRHN6M2D9bx',
    ),
  );
  // The Middleware CRD has no `users` (crds/traefik: basicAuth takes a Secret): the file provider's form carries them.
  const fileProvider = (entry: string) => ({
    providers: {
      file: { enabled: true, content: `http:\n  middlewares:\n    auth:\n      basicAuth:\n        users:\n          - "${entry}"\n` },
    },
  });
  test.each(['04', '10', '31'])('accepted: cost %s', (cost) =>
    acceptedEverywhere(fileProvider(`a:${BCRYPT.replace('$05$', `$${cost}$`)}`)),
  );
});
