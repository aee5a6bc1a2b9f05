// Blind round 39a-5: the message redaction did not ask the value readers, so a message printed what they refuse where it
// showed only a part of a value (a flag's value after `=`, a cut head, a word, a key, a name derived from a key):
// pgpass lines, postfix sasl_passwd and dovecot `{PLAIN}` passwords, a password fed on stdin.
import { redactMessage } from '../src/core/redact-message';
import { judgedValues } from './helpers';
import { doorsOf } from './secret-tables';

const PW = 'Zx9pQ7wLm2vK';
const CHART = '39.0.7';
/** Every error and warning of a config with these Traefik values, one text. */
const messagesOf = (values: unknown): string => {
  const { errors, warnings } = judgedValues(values, CHART);
  return [...errors, ...warnings].join('\n');
};
const redirectTo = (to: string) => ({ additionalArguments: [`--entrypoints.web.http.redirections.entrypoint.to=${to}`] });
const PAD = ' ' + 'a'.repeat(70);
const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'kube-system' } });

const PGPASS = `db.example.com:5432:app:bob:${PW}`;
const POSTFIX = `[smtp.x.com]:587 bob:${PW}`;
const DOVECOT = `bob:{PLAIN}${PW}`;

describe('39a-5: a message shows no part of a value that the value readers refuse', () => {
  test.each([
    ['a redirect to a pgpass line (the value after the flag`s =)', redirectTo(PGPASS), 'redirects entrypoint web to'],
    ['a redirect to a postfix sasl_passwd line', redirectTo(POSTFIX), 'redirects entrypoint web to'],
    ['a redirect to a dovecot {PLAIN} password', redirectTo(DOVECOT), 'redirects entrypoint web to'],
    ['the cut head of a long label value that starts with a pgpass line', { nodeSelector: { x: `${PGPASS}${PAD}` } }, 'is 111 characters'],
    [
      'the cut head of a long label value that ends a pgpass line inside it',
      { nodeSelector: { x: `x ${PGPASS}${PAD}` } },
      'characters, at most 63',
    ],
    [
      'the port name a chart derives from a key that feeds a password on stdin',
      { ports: { [`echo ${PW} | docker login --password-stdin x`]: { port: 9001 } } },
      'port name',
    ],
    [
      'a long name whose head is a pgpass line, and the lower-case hint derived from it',
      { extraObjects: [configMap(`${PGPASS}${PAD}`)] },
      'is not a valid name',
    ],
    ['a key path whose word is a pgpass line (an entrypoint)', { ports: { [`x ${PGPASS} y`]: { port: 9001 } } }, 'is entrypoint'],
    ['a key path whose word is a pgpass line (an annotation)', { deployment: { annotations: { [`x ${PGPASS} y`]: 2 } } }, 'annotation'],
  ])('%s', (_, values, said) => {
    const messages = messagesOf(values);
    expect(messages).toContain(said);
    // Not the password, nor any 6 characters of it in any letter case (a derived name is lower-cased and cut).
    expect(messages.toLowerCase()).not.toContain(PW.slice(0, 6).toLowerCase());
  });

  test.each([
    ['a redirect to a pgpass line', redirectTo(PGPASS)],
    ['a long label value that starts with a pgpass line', { nodeSelector: { x: `${PGPASS}${PAD}` } }],
  ])('every door (config, K3sVipCluster, TraefikHelmChartConfig, write gate): %s', (_, values) => {
    for (const door of doorsOf(values)) expect(door).not.toContain(PW);
  });

  test.each([
    ['a quoted pgpass line', `to "${PGPASS}", which`],
    ['a quoted postfix line', `to "${POSTFIX}", which`],
    ['a quoted dovecot password', `to "${DOVECOT}", which`],
    ['a cut head, closed (formats.ts)', `is "${PGPASS} aaaaaaaaaaaaaaaaaaa"... (111 characters)`],
    ['a cut head, not closed (paths.ts)', `is "${PGPASS} aaaaaaaaaaaaaaaaaaa... and more`],
    ['a JSON-escaped quoted value', `is ${JSON.stringify(`${PGPASS}\n`)}, which`],
  ])('redactMessage of %s, given no secrets', (_, message) => {
    expect(redactMessage(message, [])).not.toContain(PW);
    expect(redactMessage(message, [])).toContain('<redacted>');
  });
});

describe('39a-5 controls: ordinary values stay readable', () => {
  test.each([
    ['a host name', 'serves "k3s.code-place-dev.site" on HTTPS'],
    ['an IP address', 'the VIP "192.168.0.41" is taken'],
    ['host:port', 'redirects to "db.example.com:5432", which'],
    ['a bracketed host and port', 'relays to "[smtp.x.com]:587", which'],
    ['an entrypoint', 'redirects entrypoint web to "web", which'],
    ['a path', 'mounts "/var/lib/rancher/k3s/server/manifests", which'],
    ['a flag', 'write "--entrypoints.web.http.redirections.entrypoint.to=:443"'],
    ['a status line of colons', 'is "backend:80:up:100:200", which'],
    ['a cut head of plain words', 'is "aaaa bbbb cccc dddd eeee ffff gggg"... (111 characters)'],
    ['an IPv6 address and port', 'is "[fd00:42::1]:6443", which'],
    ['the tool`s own wording naming a rule', 'holds a password of a config file (ODBC PWD=, haproxy stats auth)'],
  ])('%s', (_, message) => {
    expect(redactMessage(message, [])).toBe(message);
  });

  test.each([
    ['a long ordinary label value shows its head', { nodeSelector: { x: `db.example.com:5432${PAD}` } }, '"db.example.com:5432 aaaa'],
    ['an ordinary redirect target is quoted', redirectTo('db.example.com:5432'), '"db.example.com:5432"'],
    ['a port name derived from an ordinary key', { ports: { 'My Entrypoint Name': { port: 9001 } } }, '"my entrypoint n"'],
    [
      'an ordinary key in its path',
      { deployment: { annotations: { 'db.example.com:5432 x': 2 } } },
      'annotations["db.example.com:5432 x"]: 2',
    ],
  ])('%s', (_, values, shown) => {
    expect(messagesOf(values)).toContain(shown);
  });
});
