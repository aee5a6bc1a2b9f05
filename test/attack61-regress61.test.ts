// Round 61 (regress61): review61-1 (a hex secret named by its comment with a note after the name, `# token for
// grafana`, and a denial that reaches no name, `# neither cached nor logged: the password`), review61-5 (a Secret `type`
// that is a member of Object: `constructor`), review61-8 (a digest then an IPv4-mapped IPv6 address is no K3s token),
// review61-9 (`keepalived auth_pass Summer` in a one-line note), review61-7 (the `networks` messages quote no generated
// part). Refused rows name their key path and never show the value; the neighbours that hold no secret stay accepted.
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { secretValues } from '../src/core/secrets';
import { LoadBalancerService } from '../src';
import { checkDataObject } from '../src/validate/data-object-rules';
import { chart, configErrors, devConfig, helmChartConfigRefusal, refusalOf, valuesDoors, withChanges } from './helpers';

const G = 'a8Kd93LmQz7Xw2Pb';
const H = '9f86d081884c7d659a2feaa0c55ad015';

/** The config file's errors with `line` (an annotation, as written, with its comment) under podAnnotations. */
function annotationLineErrors(line: string): string {
  const config = withChanges(devConfig(), { traefik: { values: { deployment: { podAnnotations: { PLACE: 'x' } } } } });
  const text = stringify(config).replace(/PLACE: x/, line);
  expect(text).toContain(line);
  return parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic).join('\n');
}

describe('review61-1: a value its comment names as a secret, beside a note or a denial of something else', () => {
  test.each([
    ['hex # token for grafana', H, 'token for grafana'],
    ['hex # password for the admin user', H, 'password for the admin user'],
    ['hex # api token (rotate monthly)', H, 'api token (rotate monthly)'],
    ['hex # password (rotate monthly)', H, 'password (rotate monthly)'],
    ['hex # webhook secret (hex)', H, 'webhook secret (hex)'],
    ['hex # grafana api token, hex', H, 'grafana api token, hex'],
    ['hex # HMAC secret for webhooks', H, 'HMAC secret for webhooks'],
    ['hex # the api token - rotate monthly', H, 'the api token - rotate monthly'],
    ['hex # token: openssl rand -hex 16', H, 'token: openssl rand -hex 16'],
    ['hex # sha256 token (a digest word naming a token)', H, 'sha256 token'],
    ['hex # sha256 api token for grafana', H, 'sha256 api token for grafana'],
    ['hex # token (sha256)', H, 'token (sha256)'],
    ['hex # no rotation, the token for grafana', H, 'no rotation, the token for grafana'],
    ['# neither cached nor logged: the password', G, 'neither cached nor logged: the password'],
    ['# never logged; the password', G, 'never logged; the password'],
    ['# no rotation, password', G, 'no rotation, password'],
  ])('refused: %s', (_, value, comment) => {
    const errors = annotationLineErrors(`example.com/build: ${value} # ${comment}`);
    expect(errors).toContain('podAnnotations');
    expect(errors).toContain('comment');
    expect(errors).not.toContain(value);
    expect(errors).not.toContain(value.slice(0, 12));
  });

  test.each([
    ['# not a password', G, 'not a password'],
    ['# no password needed', G, 'no password needed'],
    ['# this is not a secret', G, 'this is not a secret'],
    ["# isn't the token", G, "isn't the token"],
    ['# unrelated to the password', G, 'unrelated to the password'],
    ['# public id; the password is in Vault', G, 'public id; the password is in Vault'],
    ['hex # the token service build', '7f3a9c2e1b4d', 'the token service build'],
    ['hex # token refresh trace', '4bf92f3577b34da6a3ce929d0e0e4736', 'token refresh trace'],
    ['hex # changes when the password secret changes', H + H, 'changes when the password secret changes'],
    ['hex # sha256 of the release', H, 'sha256 of the release'],
    ['hex # commit that moved the token to a Secret', H, 'commit that moved the token to a Secret'],
    ['hex # commit id that moved the token to a Secret', H, 'commit id that moved the token to a Secret'],
    ['hex # checksum of the token for grafana', H, 'checksum of the token for grafana'],
    ['hex # sha256 digest of the token', H, 'sha256 digest of the token'],
    ['hex # hash of the admin password', H, 'hash of the admin password'],
    ['hex # token hash', H, 'token hash'],
    ['hex # not a token', H, 'not a token'],
  ])('accepted: %s', (_, value, comment) => expect(annotationLineErrors(`example.com/build: ${value} # ${comment}`)).toBe(''));

  // Round 76 (76a-20): the config file is committed to Git, so synth refuses a secret in its comments as `new --from` does.
  test('refused: a plain value # password: hunter2 (the comment is in the committed config)', () => {
    const errors = annotationLineErrors('example.com/build: build-7 # password: hunter2');
    expect(errors).toContain('holds a secret outside its values (a comment, say');
    expect(errors).not.toContain('hunter2');
  });
});

describe('review61-5: a Secret type that is a member of Object is an ordinary type, not a crash', () => {
  const secret = (type: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type });
  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('accepted: type %s', (type) => {
    expect(checkDataObject(secret(type))).toEqual([]);
    const errors = configErrors(withChanges(devConfig(), { traefik: { values: { extraObjects: [secret(type)] } } })).join('\n');
    expect(errors).not.toMatch(/unexpected|typed\.keys/);
    expect(valuesDoors.chart({ extraObjects: [secret(type)] })).not.toMatch(/unexpected|typed\.keys/);
  });

  test('refused: kubernetes.io/tls without its keys (control)', () => {
    const found = checkDataObject({ ...secret('kubernetes.io/tls'), data: { constructor: 'x' } });
    expect(found.map((f) => f.message).join('\n')).toContain('"tls.crt" and "tls.key"');
  });
});

describe('review61-8: a digest then an IPv4-mapped IPv6 address is no K3s token', () => {
  const D = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  test.each([
    ['::ffff: mapped, spaced', `${D} ::ffff:10.0.0.12`],
    ['::ffff: mapped, glued', `${D}::ffff:10.0.0.12`],
    ['::1: with a prefix length', `sha256 ${D} ::1:192.168.1.10/128`],
  ])('accepted: %s', (_, text) => expect(secretValues(text)).toEqual([]));

  test.each([
    ['<hash>::server:<pw>', `${D}::server:Zx9qWm4vT8`],
    ['<hash>::node:<pw>', `${D}::node:hunter2hunter`],
    ['K10<hash> ::server:<pw>', `K10${D} ::server:Zx9qWm4vT8pL`],
    ['<hash> :: server:<pw>', `${D} :: server:Zx9qWm4vT8`],
    ['a hex user, then no address', `${D}::abc:10.0.0.12x9Zq`],
  ])('refused: %s', (_, text) => expect(secretValues(text).length).toBeGreaterThan(0));
});

describe('review61-9: keepalived auth_pass and a capitalised word ending its line, in a one-line note', () => {
  const note = (text: string) => ({ deployment: { podAnnotations: { note: text } } });
  test.each(['keepalived auth_pass Summer', 'vrrp: auth_pass Letmein', '# keepalived auth_pass Summer\nnext line'])(
    'refused: %s',
    (text) => {
      const errors = valuesDoors.config(note(text));
      expect(errors).toContain('podAnnotations');
      expect(errors).not.toMatch(/Summer|Letmein/);
    },
  );

  test.each([
    '# keepalived auth_pass must match on all nodes',
    'the auth_pass is set on every node',
    'keepalived auth_pass Summer on all nodes',
    'keepalived auth_pass Password',
    'keepalived auth_pass Example',
    'keepalived auth_pass REPLACE_ME',
  ])('accepted: %s', (text) => expect(valuesDoors.config(note(text))).toBe(''));
});

describe('review61-7: a networks message says a generated-looking part by its size', () => {
  const R = 'Zx9qWm4vT8pLr2kd';
  const lbs = (networks: object) =>
    refusalOf(
      () =>
        new LoadBalancerService(chart(), 's', {
          name: 'a',
          namespace: 'default',
          selector: { app: 'a' },
          ports: [{ port: 80 }],
          ips: ['192.168.0.51'],
          networks,
        } as never),
    );
  test.each([
    ['clusterCidr', { clusterCidr: `10.42.0.0/16,${R}` }],
    ['serviceCidr', { serviceCidr: `10.43.0.0/16, ${R}` }],
    ['nodeCidr', { nodeCidr: `192.168.0.0/${R}` }],
  ])('described: networks.%s', (key, networks) => {
    for (const message of [helmChartConfigRefusal({ networks }), lbs(networks)]) {
      expect(message).toContain(`networks.${key}`);
      expect(message).toContain('not shown');
      expect(message).not.toContain(R);
    }
  });

  test('described: k3s.clusterCidr in the config file', () => {
    const errors = configErrors(withChanges(devConfig(), { k3s: { clusterCidr: `10.42.0.0/16,${R}` } })).join('\n');
    expect(errors).toContain('k3s.clusterCidr');
    expect(errors).not.toContain(R);
  });

  test('shown: an ordinary bad block (control)', () => {
    expect(helmChartConfigRefusal({ networks: { nodeCidr: '192.168.0.0/33' } })).toContain('"192.168.0.0/33"');
  });
});
