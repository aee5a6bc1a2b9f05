// Round 63 (falsepos63): 63a-7/8 (a URL's user alone in camelCase or a percent-encoded e-mail was "a URL with
// credentials", said twice in gitops.repoURL), 63a-9/10 (Public-Key-Pins in nginx, Apache, Caddy, JSON, env and header
// maps, unquoted pins; an env PUBLIC_KEY_PINS the config accepted and the write gate refused), 63a-11 (SIGNING_KEY_ALG,
// TOKEN_ALG), 63a-13 (nsswitch.conf's `passwd: files systemd`), 63a-15 (a refused value's word `Password` blanked the
// advice of every message). Must-pass rows pass every door; their refused neighbours stay refused, named, unshown.
import { redactMessage } from '../src/core/redact-message';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { configErrors, devConfig, withChanges, withTraefikValues } from './helpers';

const HASH = 'd6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM=';
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data }],
});
const env = (entries: Array<{ name: string; value: string }>) => ({
  deployment: { additionalContainers: [{ name: 'side', image: 'busybox:1.36', env: entries }] },
});
const gitops = (repoURL: string) => withChanges(devConfig(), { gitops: { engine: 'argocd', repoURL } });

describe('63a-7/8: a URL whose user is a name alone (camelCase, initials, an encoded e-mail) holds no credentials', () => {
  const URLS = [
    'https://JohnDoe@github.com/org/k3s.git',
    'https://JDoe@github.com/org/k3s.git',
    'https://MyOrg@dev.azure.com/MyOrg/Proj/_git/k3s',
    'https://jdoe%40corp.com@dev.azure.com/org/proj/_git/k3s',
    'https://John.Doe%40corp.example.com@bitbucket.org/acme/repo.git',
    'https://a.b.c@git.example.com/r.git',
  ];
  it.each(URLS)('%s is accepted in a ConfigMap text and an env value', (url) => {
    acceptedEverywhere(configMap({ clone: `git clone ${url}` }));
    acceptedEverywhere({ env: [{ name: 'REPO', value: url }] });
  });
  it.each(URLS)('gitops.repoURL %s is accepted', (url) => expect(configErrors(gitops(url))).toEqual([]));

  it.each([
    ['capitals glued to letters', 'https://SEKRITns@git.example.com/r', 'SEKRITns'],
    ['random mixed case', 'https://QwErTyUiOp@git.example.com/r', 'QwErTyUiOp'],
    ['a generated user', 'https://Xq9vLm2Pz8Wk4Rt7bN@git.example.com/r', 'Xq9vLm2Pz8Wk4Rt7bN'],
    ['a token before an encoded e-mail host', 'https://Xq9vLm2Pz8Wk4Rt7bN%40corp.com@git.example.com/r', 'Xq9vLm2Pz8Wk4Rt7bN'],
    ['a GitHub token', 'https://ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8@github.com/o/r.git', 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'],
    ['user:password', 'https://JohnDoe:Tr0ub4dor3x@github.com/o/r.git', 'Tr0ub4dor3x'],
  ])('%s stays refused, unshown', (_, url, secret) => refusedEverywhere({ env: [{ name: 'REPO', value: url }] }, 'env[0].value', secret));

  it.each([
    ['https://ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8@github.com/o/r.git', 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'],
    ['https://JohnDoe:Tr0ub4dor3x@github.com/o/r.git', 'Tr0ub4dor3x'],
    ['https://SEKRITns@github.com/o/r.git', 'SEKRITns'],
  ])('gitops.repoURL %s is refused once, naming where credentials go', (url, secret) => {
    const errors = configErrors(gitops(url));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('gitops.repoURL');
    expect(errors[0]).toContain('holds credentials before "@"');
    expect(errors[0]).toContain('repository Secret');
    expect(errors[0]).not.toContain(secret);
  });
});

describe('63a-9/10: Public-Key-Pins in any syntax that sets a header holds hashes of public keys, not a PIN', () => {
  it.each([
    ['nginx', `add_header Public-Key-Pins 'pin-sha256="${HASH}"; max-age=600' always;`],
    ['Apache', `Header set Public-Key-Pins "pin-sha256=\\"${HASH}\\"; max-age=600"`],
    ['Caddy', `header Public-Key-Pins "pin-sha256=\\"${HASH}\\"; max-age=600"`],
    ['JSON', `{"Public-Key-Pins": "pin-sha256=\\"${HASH}\\"; max-age=600"}`],
    ['an env line', `PUBLIC_KEY_PINS=pin-sha256="${HASH}"`],
    ['an unquoted pin', `Public-Key-Pins: pin-sha256=${HASH}; max-age=600`],
    ['report-only', `Public-Key-Pins-Report-Only: pin-sha256="${HASH}"; max-age=600`],
  ])('a ConfigMap text (%s) is accepted at every door', (_, text) => acceptedEverywhere(configMap({ conf: text })));

  it('a Middleware header map with an unquoted pin is accepted at every door', () =>
    acceptedEverywhere({
      extraObjects: [
        {
          apiVersion: 'traefik.io/v1alpha1',
          kind: 'Middleware',
          metadata: { name: 'sec', namespace: 'default' },
          spec: { headers: { customResponseHeaders: { 'public-key-pins': `pin-sha256=${HASH}; max-age=600` } } },
        },
      ],
    }));

  it('an env entry PUBLIC_KEY_PINS is accepted by the config reader and the write gate alike (63a-10)', () =>
    acceptedEverywhere(env([{ name: 'PUBLIC_KEY_PINS', value: `pin-sha256="${HASH}"; max-age=600` }])));

  it.each([
    ['a PIN beside a pin (nginx)', `add_header Public-Key-Pins 'pin-sha256="${HASH}"; pin=482913' always;`, '482913'],
    ['a PIN beside an unquoted pin', `Public-Key-Pins: pin-sha256=${HASH}; PIN: 482913`, '482913'],
    ['the header name without a pin', 'Public-Key-Pins: PIN 482913', '482913'],
  ])('%s stays refused, unshown', (_, text, secret) => refusedEverywhere(configMap({ conf: text }), 'data.conf', secret));
  it('a password set to a pin-shaped value stays refused', () =>
    refusedEverywhere(env([{ name: 'DB_PASSWORD', value: `pin-sha256="${HASH}"` }]), 'env[0].value', HASH.slice(0, 16)));
});

describe('63a-11: a name ending in alg, algorithm or curve names a property of a key, not the key', () => {
  it.each([
    ['SIGNING_KEY_ALG', 'ES256'],
    ['TOKEN_ALG', 'RS256'],
    ['JWT_SIGNING_KEY_ALGS', 'RS256,ES256'],
    ['SIGNING_KEY_CURVE', 'P-256'],
    ['ENCRYPTION_KEY_CIPHER', 'aes-256-gcm'],
  ])('env %s: %s is accepted at every door', (name, value) => acceptedEverywhere(env([{ name, value }])));
  it.each([['SIGNING_KEY_ALG=ES256'], ['export TOKEN_ALG=RS256'], ['{"signingKeyAlg": "EdDSA"}']])(
    'ConfigMap text %s is accepted at every door',
    (text) => acceptedEverywhere(configMap({ conf: text })),
  );
  it.each([
    ['SIGNING_KEY', 'Xq9vLm2Pz8Wk4Rt7bN'],
    ['TOKEN_ALG_SECRET', 'Xq9vLm2Pz8Wk4Rt7bN'],
  ])('env %s stays refused, unshown', (name, value) => refusedEverywhere(env([{ name, value }]), 'env[0].value', value));
});

describe("63a-13: nsswitch.conf's sources of passwd, shadow and gshadow are no password", () => {
  it.each([
    'passwd: files systemd',
    'passwd:         files systemd\ngroup:          files systemd\nshadow:         files\ngshadow:        files\nhosts:          files dns',
    'passwd: compat ldap',
    'passwd: files sss',
    'shadow: files [NOTFOUND=return] sss',
    'passwd_compat: nis',
  ])('%j is accepted at every door', (text) => acceptedEverywhere(configMap({ 'nsswitch.conf': text })));
  it.each([
    ['passwd: hunter2x9Q', 'hunter2x9Q'],
    ['passwd: files Tr0ub4dor3x', 'Tr0ub4dor3x'],
    ['password: files systemd Xq9vLm2Pz8Wk', 'Xq9vLm2Pz8Wk'],
  ])('%j stays refused, unshown', (text, secret) => refusedEverywhere(configMap({ 'nsswitch.conf': text }), 'nsswitch.conf', secret));
});

describe("63a-15: a refused value's words do not blank the advice of other messages", () => {
  const ADVICE = 'write a reference (`${DB_PASSWORD}`, a secretKeyRef), a placeholder such as `<your-password>` or `REPLACE_ME`';
  it.each([['Contraseña: ver 1Password, bóveda Infra'], ['Password: see 1Password, vault Infra'], ['pw: MyPasswordVault']])(
    'a refused %j leaves the advice whole',
    (secret) => expect(redactMessage(ADVICE, [secret])).toBe(ADVICE),
  );
  it('in a config run, every message keeps `${DB_PASSWORD}` and `<your-password>`', () => {
    const errors = configErrors(
      // A value still refused (`Contraseña: ver 1Password, …` is a reference since prose63) holding `Password`.
      withTraefikValues(configMap({ a: 'password=1Password-Vault#Zq8', b: 'Passwort-Hinweis: Lieblingsfarbe' })),
    ).join('\n');
    expect(errors).toContain('data.a');
    expect(errors).toContain('${DB_PASSWORD}');
    expect(errors).toContain('<your-password>');
    expect(errors).not.toContain('DB_<redacted>');
  });
  it.each([
    ['a generated part pasted elsewhere', 'password=Qz7vTq2mWxAb', 'host Qz7vTq2mWx.example.com', 'Qz7vTq2mWx'],
    ['random mixed case', 'password=PaSsWoRdXq', 'see PaSsWoRdXq.example.com', 'PaSsWoRd'],
  ])('%s is still blanked', (_, secret, message, part) => expect(redactMessage(message, [secret])).not.toContain(part));
});
