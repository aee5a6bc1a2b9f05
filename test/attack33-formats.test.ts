import { redact, secretShape } from '../src/core/secrets';
import { isSecretKey } from '../src/core/secrets-keys';
import { configErrors, valuesDoors, withTraefikValues } from './helpers';
import { acceptedEverywhere, judgedEverywhere, shownInDiff } from './secret-doors';

/**
 * Attack round 32a-11: a container registry's `auth` (base64 of `user:password`: Docker config.json, containerd, K3s
 * registries.yaml) and a netrc's `password` token were accepted and written to dist/.
 */
const S = 'Zq9SeCrEtVaLuE77';
const showsSecret = (text: string): boolean => text.includes(S);
const base64 = (text: string): string => Buffer.from(text).toString('base64');
const AUTH = base64(`bob:${S}`);
const UNPADDED = AUTH.replace(/=+$/, '');
/** The base64 is the secret as written: a message or diff must show neither it nor the decoded password. */
const showsAuth = (text: string): boolean => text.includes(UNPADDED) || showsSecret(text);
/** A custom object of `extraObjects` whose spec is data given as data, not text. */
const registryObject = (spec: unknown) => ({
  // A kind extraObjects carry (extra-object-kinds.ts), with no vendored schema: its spec is free data.
  extraObjects: [
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r', namespace: 'kube-system' }, spec },
  ],
});

describe('32a-11: a registry `auth` of base64 user:password is a secret', () => {
  test.each([
    ['Docker config.json', `{"auths": {"ghcr.io": {"auth": "${AUTH}"}}}`],
    ['config.json, base64 not padded', `{"auths": {"ghcr.io": {"auth": "${UNPADDED}"}}}`],
    ['the key in capitals', `{"auths": {"ghcr.io": {"AUTH": "${AUTH}"}}}`],
    ['K3s registries.yaml', `configs:\n  ghcr.io:\n    auth:\n      auth: ${AUTH}\n`],
    ['a YAML flow map', `{configs: {ghcr.io: {auth: {auth: ${AUTH}}}}}`],
    ["containerd's config.toml", `[plugins."io.containerd.grpc.v1.cri".registry.configs."ghcr.io".auth]\nauth = "${AUTH}"\n`],
    ['one key on a line', `auth: '${AUTH}'`],
    ['a user and password of one character each (a:b)', `auth: ${base64('a:b')}`],
  ])('%s: refused at every door, redacted', (_, value) => {
    expect(secretShape(value)).toContain('a registry credential');
    judgedEverywhere(value, showsAuth);
    const errors = configErrors(withTraefikValues({ providers: { file: { enabled: true, content: value } } })).join('\n');
    expect(errors).toContain('traefik.values.providers.file.content');
    expect(errors).not.toContain(UNPADDED);
  });

  test('given as data (a custom object of extraObjects), refused at every door under its key path', () => {
    const values = registryObject({ configs: { 'ghcr.io': { auth: { auth: AUTH } } } });
    const [config, cluster, chart] = [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)];
    for (const refusal of [config, cluster, chart]) {
      expect(refusal).toContain('extraObjects[0].spec.configs["ghcr.io"].auth.auth');
      expect(refusal).toContain('a registry credential');
      expect(refusal).not.toContain(UNPADDED);
    }
    expect(valuesDoors.gate(values).join('\n')).toContain('a registry credential');
  });

  test('a diff of a hand-edited file redacts the base64 and keeps the key', () => {
    const diff = shownInDiff(`    auth: ${AUTH}`);
    expect(diff).toContain('auth: <redacted>');
    expect(showsAuth(diff)).toBe(false);
    expect(redact(`"auth":"${AUTH}"`)).toBe('"auth":"<redacted>"');
  });

  test.each([
    ['a switch', 'true'],
    ['a scheme', 'basic'],
    ['base64 of text with no colon', base64('abcdef')],
    ['base64 of an empty user', base64(`:${S}`)],
    ['base64 of an empty password', base64('bob:')],
    ['base64 of a control character', base64('bob:\u0001x')],
    ['base64 with one character too many', `${base64('a:b')}=`],
  ])('auth: %s is accepted (text and data)', (_, value) => {
    expect(secretShape(`{"auths": {"ghcr.io": {"auth": "${value}"}}}`)).toBeUndefined();
    expect(secretShape(`auth: ${value}`)).toBeUndefined();
    acceptedEverywhere(registryObject({ auth: value }));
  });

  test.each([
    ['a map under auth', { auth: { username: 'bob', passwordFrom: 'registry-secret' } }],
    ['another key named with auth', { authority: AUTH, basicauth: AUTH }],
  ])('%s is accepted', (_, spec) => {
    acceptedEverywhere(registryObject(spec));
  });

  test("Docker's identitytoken and registrytoken are keys named like a secret already", () => {
    for (const key of ['identitytoken', 'registrytoken', 'IdentityToken']) expect(isSecretKey(key)).toBe(true);
    judgedEverywhere(`{"auths": {"ghcr.io": {"identitytoken": "${S}"}}}`, showsSecret);
  });
});

describe('32a-11: a netrc password or account is a secret', () => {
  test.each([
    ['netrc lines', `machine github.com\n  login bob\n  password ${S}\n`],
    ['one line', `machine github.com login bob password ${S}`],
    ['the default entry', `default login anonymous password ${S}`],
    ['an account', `machine ftp.example.com login bob account ${S}`],
    ['a quoted password (curl)', `machine github.com login bob password "${S} x"`],
    ['a second entry', `machine a.example.com login x\nmachine b.example.com\nlogin bob\npassword ${S}\n`],
  ])('%s: refused at every door, redacted', (_, value) => {
    expect(secretShape(value)).toContain('a netrc password or account');
    judgedEverywhere(value, showsSecret);
    // The value alone is redacted: the host and login stay readable.
    expect(redact(value)).toMatch(/machine \S+|default/);
    expect(redact(value)).toMatch(/(?:password|account) "?<redacted>/);
  });

  test.each([
    ['prose', 'the password is in the vault'],
    ['prose after machine', 'the machine is up and the password is in the vault'],
    ['prose after default', 'by default the password is in the vault'],
    ['a netrc with no password', 'machine github.com login bob'],
    ['a reference', 'machine github.com login bob password ${NETRC_PASSWORD}'],
  ])('%s is accepted', (_, value) => {
    expect(secretShape(value)).toBeUndefined();
    acceptedEverywhere({ deployment: { podAnnotations: { note: value } } });
  });

  test.each([
    ['netrc entries', 'default login '.repeat(20_000)],
    ['auth keys', '"auth": '.repeat(30_000)],
  ])(
    'a long text of %s is judged (timed in `npm run bench`; the generous timeout fails only a hang)',
    (_, text) => {
      expect(secretShape(text)).toBeUndefined();
      redact(text);
    },
    60_000,
  );
});

describe('32a-11: both files as the data of an extraObjects ConfigMap', () => {
  test.each([
    ['config.json', `{"auths": {"ghcr.io": {"auth": "${AUTH}"}}}`],
    ['.netrc', `machine github.com\n  login bob\n  password ${S}\n`],
  ])('%s is refused at its key, the secret never shown', (key, value) => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'kube-system' }, data: { [key]: value } };
    const errors = configErrors(withTraefikValues({ extraObjects: [configMap] })).join('\n');
    expect(errors).toContain(`traefik.values.extraObjects[0].data["${key}"]`);
    expect(showsAuth(errors)).toBe(false);
  });
});
