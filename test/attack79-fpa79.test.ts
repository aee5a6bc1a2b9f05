import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { secretRefusal, secretsInData } from '../src/core/secrets';
import { DEV_YAML, valuesDoors } from './helpers';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 79 (fpa79: 79a-1, 7, 11, 13, 16, 17): false refusals. A SealedSecret's ciphertext is made for Git, under any
 * key (`token` too); a commit id under a revision key is that commit id whatever its line's comment says; a URI's
 * `scheme://host` is no `user:password` line; a string catalogue's label that is its key's own words (`api_token:
 * API-Token`) is no value; a router rule's regular expression is a pattern, judged by the literal text it requires; a
 * note after `Password:` that says where the password is or whom to ask is prose, with or without a final period.
 * Each accepted row has the nearest real secret beside it, refused and never shown.
 */

const SECRET = 'Xk2vLm9Pz4wR8nTq';
/** kubeseal's output shape: base64 of 0x02 0x00 and 700 random-looking bytes (936 characters, starting `Ag`). */
const SEALED = Buffer.concat([Buffer.from([2, 0]), Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 197 + 89) % 256))]).toString(
  'base64',
);
const sealedSecret = (spec: object, apiVersion = 'bitnami.com/v1alpha1') => ({
  extraObjects: [{ apiVersion, kind: 'SealedSecret', metadata: { name: 'api-token', namespace: 'kube-system' }, spec }],
});

describe('79a-1: a SealedSecret ciphertext under the key `token` is ciphertext', () => {
  it.each(['token', 'password', 'api-token', 'foo'])('encryptedData.%s passes at every door', (key) =>
    acceptedEverywhere(sealedSecret({ encryptedData: { [key]: SEALED } })),
  );
  it('encryptedData.token beside a template passes', () =>
    acceptedEverywhere(sealedSecret({ encryptedData: { token: SEALED }, template: { metadata: { name: 'api-token' }, type: 'Opaque' } })));
  it('a literal token under encryptedData.token is refused, never shown', () =>
    refusedEverywhere(sealedSecret({ encryptedData: { token: SECRET } }), 'encryptedData.token', SECRET));
  it("a literal token in the SealedSecret's plain template is refused", () =>
    refusedEverywhere(
      sealedSecret({ encryptedData: { token: SEALED }, template: { data: { token: SECRET } } }),
      'template.data.token',
      SECRET,
    ));
  it('the ciphertext under `token` in a SealedSecret of another group is refused', () =>
    refusedEverywhere(sealedSecret({ encryptedData: { token: SEALED } }, 'example.com/v1'), 'encryptedData.token', SEALED.slice(0, 40)));
  it('the same text as a `token` elsewhere is refused', () =>
    refusedEverywhere({ deployment: { podAnnotations: { token: SEALED } } }, 'podAnnotations.token', SEALED.slice(0, 40)));
});

const errorsOf = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic).join('\n');
const withRevision = (line: string) =>
  `${DEV_YAML}gitops:\n  engine: argocd\n  repoURL: https://github.com/ops/cluster.git\n  revision: ${line}\n`;
const COMMIT = '3f2a9c1e8b7d6f5a4c3b2a1908f7e6d5c4b3a291';

describe('79a-7: a commit id under gitops.revision is a commit id, whatever its comment says', () => {
  it.each([
    `${COMMIT}  # release with the new token`,
    `${COMMIT}  # pin; see the token incident postmortem`,
    `${COMMIT} # token`,
    `${COMMIT} # the deploy token`,
    `${COMMIT.slice(0, 12)} # password`,
    `${'ab12'.repeat(16)} # sha256 commit with the new token`,
  ])('revision: %s passes', (line) => expect(errorsOf(withRevision(line))).toBe(''));
  it.each([
    [`${SECRET} # release with the new token`, SECRET],
    [`${SECRET} # token`, SECRET],
    [`Zq8vLm2Kp9XrWq3nBv8L # password`, 'Zq8vLm2Kp9XrWq3nBv8L'],
  ])('revision: %s is refused, never shown', (line, secret) => {
    const errors = errorsOf(withRevision(line));
    expect(errors).toContain('gitops.revision');
    expect(errors).not.toContain(secret);
  });
  it('a hex value the comment names as a token under a key that is no revision is still refused', () => {
    const text = DEV_YAML.replace(
      'traefik:\n',
      `traefik:\n  values:\n    deployment:\n      podAnnotations:\n        x: ${COMMIT} # the deploy token\n`,
    );
    const errors = errorsOf(text);
    expect(errors).toContain('podAnnotations.x');
    expect(errors).not.toContain(COMMIT);
  });
});

const AUDIENCE = 'api://6e2b8f3a-4b1c-4d2e-9f1a-7c3d5e6f8a9b';

describe("79a-11: Entra ID's api://<client id> audience and scope are no user:password line", () => {
  it('env AUDIENCE and OIDC_SCOPE pass at every door', () =>
    acceptedEverywhere({
      env: [
        { name: 'AUDIENCE', value: AUDIENCE },
        { name: 'OIDC_SCOPE', value: `${AUDIENCE}/.default` },
        { name: 'APP_ID_URI', value: 'api://traefik-dashboard' },
      ],
    }));
  it('the same lines in a ConfigMap text pass', () =>
    acceptedEverywhere(textConfigMap(`audience: ${AUDIENCE}\nscope: ${AUDIENCE}/.default`)));
  it.each([
    ['a URL with a user and password', `api://user:${SECRET}@host`],
    ['a URL with a user and password and a path', `api://admin:${SECRET}@host/.default`],
    ['a user:password line', `admin:${SECRET}`],
    ['a token as a wss URL userinfo', `wss://${SECRET}@nats.example.com/ws`],
  ])('%s stays refused, never shown', (_, value) => refusedEverywhere({ env: [{ name: 'APP_SETTING', value }] }, 'env[0].value', SECRET));
});

describe("79a-13: a string catalogue's label that is its key's own words is no value", () => {
  it.each([
    ['de.yml', 'de:\n  api_token: API-Token'],
    ['de.yml', 'de:\n  api_key: API-Key'],
    ['de.yml', 'de:\n  access_token: Access-Token'],
    ['de.yml', 'de:\n  auth_token: Auth-Token'],
    ['strings.xml', '<resources>\n  <string name="api_token">API-Token</string>\n</resources>'],
    ['strings.xml', '<resources>\n  <string name="access_token">Access-Token</string>\n</resources>'],
  ])('%s: %s passes at every door', (_, text) => acceptedEverywhere(textConfigMap(text)));
  it.each([
    ['a generated token', `de:\n  api_token: ${SECRET}`, SECRET],
    ['a word with a digit joined to the label', 'de:\n  api_token: API-Token2024', 'API-Token2024'],
    ["other words than the key's", 'de:\n  api_token: Sunflower-Meadow', 'Sunflower-Meadow'],
    ['the label then a generated token', `de:\n  api_token: API-Token-${SECRET}`, SECRET],
  ])('%s under api_token is refused, never shown', (_, text, secret) =>
    refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret),
  );
  it('XML: a token in an api_token string is refused, the message naming that element, not `<password>`', () => {
    const text = `<resources>\n  <string name="api_token">${SECRET}</string>\n</resources>`;
    refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', SECRET);
    const message = valuesDoors.config(textConfigMap(text));
    expect(message).toContain('api_token');
    expect(message).not.toContain('<password>');
  });
  it('XML: a password element is still named as one', () => {
    const found = secretsInData({ conf: `<config>\n  <password>${SECRET}</password>\n</config>` });
    expect(found.map((one) => secretRefusal(one)).join('\n')).toContain('<password>');
  });
});

const route = (match: string) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'app', namespace: 'default' },
      spec: { entryPoints: ['websecure'], routes: [{ match, kind: 'Rule', services: [{ name: 'app', port: 80 }] }] },
    },
  ],
});
const HOST = 'Host(`app.example.com`) && ';

describe("79a-16: a router rule's regular expression is a pattern, judged by the literal text it requires", () => {
  it.each([
    'HeaderRegexp(`Cookie`, `.*session_id=.*`)',
    'HeaderRegexp(`Cookie`, `session_id=[a-f0-9]{32}`)',
    'HeaderRegexp(`Cookie`, `.*token=.*`)',
    'HeaderRegexp(`Cookie`, `(^|; )session_id=[^;]+`)',
    'QueryRegexp(`token`, `.+`)',
    'HeaderRegexp(`Cookie`, `.*beta=1.*`)',
  ])('%s passes at every door', (match) => acceptedEverywhere(route(`${HOST}${match}`)));
  it.each([
    `HeaderRegexp(\`Cookie\`, \`.*session_id=${SECRET}.*\`)`,
    `HeaderRegexp(\`Cookie\`, \`^session_id=${SECRET}$\`)`,
    `Header(\`Cookie\`, \`session_id=${SECRET}\`)`,
    `QueryRegexp(\`token\`, \`^${SECRET}$\`)`,
    `HeaderRegexp(\`X-Api-Key\`, \`^${SECRET}$\`)`,
  ])('%s is refused, never shown', (match) => refusedEverywhere(route(`${HOST}${match}`), 'routes[0].match', SECRET));
});

describe('79a-17: a note after `Password:` that says whom to ask or where it is kept is prose', () => {
  const notes = [
    'Kennwort: bitte beim Plattform-Team anfragen',
    'Contraseña: pedir al equipo de plataforma',
    'Password: ask @ops-oncall on Slack',
    'Password: stored in 1Password (vault "Infra")',
    'Passwort: im Bitwarden-Ordner "Cluster"',
    'Password: see Keeper record K3S-ADMIN',
    'Password: same as for Grafana',
    'Password: same as Grafana.',
    'Token: liegt im Secret traefik-hub-license',
    'Kennwort: beim Plattform-Team anfragen.',
    'Password: ask ops on Slack.',
  ];
  it.each(notes)('%s passes at every door', (note) => acceptedEverywhere(textConfigMap(note)));
  it('all of them in one runbook pass', () => acceptedEverywhere(textConfigMap(notes.join('\n'))));
  it.each([
    [`Password: ${SECRET}`, SECRET],
    ['Kennwort: Zq8#kL2m', 'Zq8#kL2m'],
    [`Password: ask @ops-oncall, then use ${SECRET}`, SECRET],
    [`Password: see Keeper record ${SECRET}`, SECRET],
    [`Password: same as ${SECRET}`, SECRET],
    [`Token: liegt im Secret ${SECRET}`, SECRET],
    ['Kennwort: bitte Sonnenblume2024', 'Sonnenblume2024'],
    ['Password: stored in 1Password (Zq8vLm2Kp9)', 'Zq8vLm2Kp9'],
    [`Contraseña: pedir ${SECRET}`, SECRET],
    [`Kennwort: bitte ${SECRET} anfragen`, SECRET],
    [`Password: ask @ops-oncall for ${SECRET}`, SECRET],
    [`Passwort: im Bitwarden-Ordner ${SECRET}`, SECRET],
    ['Password: ask @Zq8vLm2Kp9XrWq3n on Slack', 'Zq8vLm2Kp9XrWq3n'],
    [`Contraseña: de ${SECRET} al equipo`, SECRET],
  ])('%s is refused, never shown', (text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('the new readers stay linear', () => {
  beforeAll(() => secretsInData({ conf: 'Password: ask @ops-oncall on Slack' }));
  it.each([
    ['router rules with patterns', 'HeaderRegexp(`Cookie`, `.*session_id=[a-f0-9]{32}.*`) && '],
    ['an unclosed pattern', 'HeaderRegexp(`Cookie`, `.*a=.*`, '],
    ['runbook notes', 'Password: ask @ops-oncall on Slack\nKennwort: bitte beim Plattform-Team anfragen\n'],
    ['key-word labels', 'api_token: API-Token\n'],
    ['scheme hosts', 'api://6e2b8f3a-4b1c-4d2e-9f1a-7c3d5e6f8a9b/.default\n'],
  ])('%s at 100 kB within 4 s', (_, unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    const started = process.cpuUsage();
    secretsInData({ conf: text });
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
