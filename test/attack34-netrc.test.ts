import { redact, secretShape } from '../src/core/secrets';
import { configErrors, valuesDoors, withTraefikValues } from './helpers';
import { acceptedEverywhere, judgedEverywhere } from './secret-doors';

/**
 * Attack round 33a-2, 33a-9, 33a-10: netrc entries with a `#` comment, authinfo `port`/`protocol` pairs or `machine`
 * right after a non-word character, and a registry `auth` whose value follows a line break or decodes to bytes that
 * are no UTF-8 (or hold a tab), were accepted and written to dist/.
 */
const S = 'Zq7Hunter9Plx';
const showsSecret = (text: string): boolean => text.includes(S);
const base64 = (bytes: string | Buffer): string => Buffer.from(bytes).toString('base64');
/** An object of `extraObjects` whose spec is data given as data, not text (a kind extraObjects carry, with no vendored schema). */
const registryObject = (spec: unknown) => ({
  extraObjects: [
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r', namespace: 'kube-system' }, spec },
  ],
});

describe('33a-2, 33a-9: netrc entries as readers read them', () => {
  test.each([
    ['a comment after the host (Python netrc)', `machine h # c\n login u\n password ${S}`],
    ['a comment after a pair', `machine h login u # hi\npassword ${S}`],
    ['a comment line inside an entry', `machine h\n  login u\n  # rotated monthly\n  password ${S}\n`],
    ['a comment token glued to its words', `machine h login u #note\npassword ${S}`],
    ['authinfo port (Emacs auth-source, git-credential-netrc)', `machine imap.x.com login u port 993 password ${S}`],
    ['authinfo protocol', `machine git.x.com protocol https login u password ${S}`],
    ['user for login (Python netrc)', `machine h user u password ${S}`],
    ['after `>`', `<netrc>machine h login u password ${S} </netrc>`],
    ['after `(`', `(machine h login u password ${S} )`],
    ['after `:`', `netrc:machine h login u password ${S}`],
    ['default after `>`', `<x>default login u account ${S}`],
    // A secret commented out is still written out: a pair in a comment is read.
    ['a password commented out', `machine h login u # password ${S}`],
  ])('%s: refused at every door, the value redacted', (_, value) => {
    expect(secretShape(value)).toContain('a netrc password or account');
    judgedEverywhere(value, showsSecret);
    expect(redact(value)).toMatch(/(?:password|account) <redacted>/);
    expect(redact(value)).toMatch(/machine h|machine imap|machine git|default/);
  });

  test.each([
    ['prose', 'the machine is up and the password is in the vault'],
    ['prose after a non-word character', '(the machine is up) and the password is in the vault'],
    ['a word ending in machine', 'timemachine h login u password x'],
    ['a word ending in default', 'nodefault login u password x'],
    ['a comment of words only', 'machine h login u # rotated by the vault team'],
    ['a port with no password', 'machine h login u port 993'],
    ['a reference after a comment', 'machine h # c\n login u password ${NETRC_PASSWORD}'],
  ])('%s is accepted', (_, value) => {
    expect(secretShape(value)).toBeUndefined();
    acceptedEverywhere({ deployment: { podAnnotations: { note: value } } });
  });

  test('a netrc with a comment, as the data of an extraObjects ConfigMap, is refused at its key', () => {
    const data = { '.netrc': `machine h # c\n login u\n password ${S}` };
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'kube-system' }, data };
    const errors = configErrors(withTraefikValues({ extraObjects: [configMap] })).join('\n');
    expect(errors).toContain('traefik.values.extraObjects[0].data[".netrc"]');
    expect(showsSecret(errors)).toBe(false);
  });
});

const LATIN1 = base64(Buffer.from(`u:${S}\u00e9`, 'latin1'));
const TAB = base64(`u:${S}\tx`);
const ECHOED = base64(`u:${S}\n`);
const showsAuth = (auth: string) => (text: string) => text.includes(auth.replace(/=+$/, '')) || showsSecret(text);

describe('33a-10: a registry `auth` after a line break, or of bytes that are no UTF-8 text', () => {
  test.each([
    [
      'a line break after the colon (a heredoc of config.json)',
      `cat > ~/.docker/config.json <<EOF\n{"auths":{"r.io":{"auth":\n"${base64(`u:${S}`)}"}}}\nEOF`,
      base64(`u:${S}`),
    ],
    ['blanks and line breaks around the colon', `{"auths": {"r.io": {"auth"\n  :\n\t  "${base64(`u:${S}`)}"}}} # x`, base64(`u:${S}`)],
    [
      'YAML: the value indented on the next line',
      `configs:\n  r.io:\n    auth:\n      auth:\n        ${base64(`u:${S}`)}\n`,
      base64(`u:${S}`),
    ],
    ['Latin-1 bytes (u:pé)', `auth: ${LATIN1}`, LATIN1],
    ['a tab in the password', `auth: ${TAB}`, TAB],
    ['a line break at the end (echo u:p | base64)', `auth: ${ECHOED}`, ECHOED],
  ])('%s: refused at every door, redacted', (_, value, auth) => {
    expect(secretShape(value)).toContain('a registry credential');
    judgedEverywhere(value, showsAuth(auth));
  });

  test.each([
    ['Latin-1', LATIN1],
    ['a tab', TAB],
  ])('given as data, %s is refused under its key path', (_, auth) => {
    const refusal = valuesDoors.config(registryObject({ auth }));
    expect(refusal).toContain('extraObjects[0].spec.auth');
    expect(refusal).toContain('a registry credential');
    expect(showsAuth(auth)(refusal)).toBe(false);
  });

  test.each([
    ['a C1 control byte (Latin-1 \\x85)', base64(Buffer.from('u:p\x85q', 'latin1'))],
    ['a line break inside', base64('u:p\nq')],
    ['only a line break after the colon', base64('u:\n')],
    ['two line breaks at the end', base64('u:p\n\n')],
    ['Latin-1 bytes with no colon', base64(Buffer.from('user\u00e9pass', 'latin1'))],
    ['a NUL byte', base64('u:p\0q')],
  ])('auth: %s is accepted (text and data)', (_, value) => {
    expect(secretShape(`auth: ${value}`)).toBeUndefined();
    expect(secretShape(`{"auth":\n"${value}"}`)).toBeUndefined();
    acceptedEverywhere(registryObject({ auth: value }));
  });

  test.each([
    'none',
    'basic',
    'bearer',
    'enabled',
    'disabled',
    'required',
    'optional',
    'oauth2',
    'kerberos',
    'oidc',
    'ldap',
    'htpasswd',
    'digest',
    'forward',
    'github',
    'authelia',
  ])('auth: %s (a word, not a credential) is accepted', (word) => {
    expect(secretShape(`auth: ${word}`)).toBeUndefined();
    expect(secretShape(`auth:\n  ${word}`)).toBeUndefined();
  });
});

describe('33a-2, 33a-9, 33a-10: long texts are judged in linear time', () => {
  test.each([
    ['netrc comments', 'machine h #'.repeat(40_000)],
    ['netrc entries after `(`', '(machine h login (default port '.repeat(20_000)],
    ['auth keys over blank runs', `"auth"${' \n'.repeat(100_000)}:${' \n'.repeat(100_000)}x`],
    ['auth keys each followed by blanks', '"auth":  \n  '.repeat(30_000)],
  ])(
    '%s (timed in `npm run bench`; the generous timeout fails only a hang)',
    (_, text) => {
      secretShape(text);
      redact(text);
    },
    60_000,
  );
});
