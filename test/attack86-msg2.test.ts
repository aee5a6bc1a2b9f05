import { TraefikHttpRoute, TraefikIngress } from '../src/index';
import { isSecretKey } from '../src/core/secrets-keys';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { refusedAtEveryDoor, ruleDoors } from './rule-doors';
import { chart, configErrors, devConfig, refusalOf, synthFiles, withChanges } from './helpers';

// Round 86: a value under a compound secret word of another language (86b-4), a generated-looking token in a
// first-class route's path (86b-9), a `serviceAccount.name` no ServiceAccount can have (86b-5).

const SECRET = 'Sommer2024!';

describe('86b-4: a compound secret word of another language names a secret, as English `dbpassword` does', () => {
  const compounds = [
    'adminpasswort',
    'datenbankpasswort',
    'benutzerkennwort',
    'anmeldepasswort',
    'adminwachtwoord',
    'wachtwoordbeheerder',
    'adminmotdepasse',
    'motdepasseadmin',
    'adminsenha',
    'senhaadmin',
    'adminhaslo',
    'example.com/adminpasswort',
    'example.com/senhaadmin',
    'rootpasswort2',
  ];
  test.each(compounds)('annotation %s is refused at every door, its value never shown', (key) =>
    refusedEverywhere({ deployment: { podAnnotations: { [key]: SECRET } } }, 'podAnnotations', SECRET),
  );
  test.each(['DATENBANKPASSWORT', 'ADMINSENHA', 'DATENBANKPASSWORT_PROD', 'MOTDEPASSEADMIN'])(
    'env %s is refused at every door, its value never shown',
    (name) => refusedEverywhere({ env: [{ name, value: SECRET }] }, 'env[0].value', SECRET),
  );
  // Neighbours: real words holding a short one, German/Dutch compounds about passwords (a policy, a file), references.
  const neighbours = [
    'resenha',
    'desenha',
    'haslogin',
    'haslocal',
    'bypassorder',
    'parolachiave',
    'enclave',
    'autoclave',
    'secretory',
    'cacheslot',
    'chosenhash',
    'passwortrichtlinie',
    'passwortdatei',
    'wachtwoordbeleid',
    'kennwortlaenge',
    'senhaarquivo',
    'motdepassefichier',
    'PASSWORTDATEI',
  ];
  test.each(neighbours)('%s names no secret, and a value under it passes', (key) => {
    expect(isSecretKey(key)).toBe(false);
    acceptedEverywhere({ deployment: { podAnnotations: { [`example.com/${key}`]: 'Herbst2023?' } } });
  });
  test.each([
    ['DATENBANKPASSWORT_DATEI', '/run/secrets/db'],
    ['PASSWORT_RICHTLINIE', 'mindestens 12 Zeichen'],
  ])('env %s (a reference, a policy) passes', (name, value) => acceptedEverywhere({ env: [{ name, value }] }));
  test('English compounds stay refused', () => {
    for (const key of ['dbpassword', 'adminpassword', 'passwort', 'admin_passwort']) expect(isSecretKey(key)).toBe(true);
  });
});

describe('86b-9: a first-class route path holding a generated-looking token is refused, never shown', () => {
  const TOKEN = 'Zq9xW3eR7tY2uI8oPl4mNb7v';
  const route = (path: string) => ({ name: 'blog', namespace: 'blog', host: 'blog.example.com', service: 'blog', port: 8080, path });
  const gateway = (path: string) =>
    withChanges(devConfig(), { traefik: { gateway: { routeNamespaces: 'All' } }, httpRoutes: [route(path)] });
  const ingress = (path: string) => withChanges(devConfig(), { ingresses: [route(path)] });
  test.each([
    ['httpRoutes', gateway],
    ['ingresses', ingress],
  ])('%s[0].path with a token: refused by the config with advice', (key, config) => {
    const errors = configErrors(config(`/hooks/${TOKEN}`)).join('\n');
    expect(errors).toContain(`${key}[0].path`);
    expect(errors).toContain('looks generated');
    expect(errors).toContain('keep the token out of the route');
    expect(errors).not.toContain(TOKEN);
  });
  test.each([
    ['TraefikHttpRoute', (path: string) => new TraefikHttpRoute(chart(), 'r', route(path))],
    ['TraefikIngress', (path: string) => new TraefikIngress(chart(), 'r', route(path))],
  ])('%s props: refused, never shown', (_, make) => {
    const message = refusalOf(() => make(`/hooks/${TOKEN}`));
    expect(message).toContain('path');
    expect(message).toContain('looks generated');
    expect(message).not.toContain(TOKEN);
  });
  // 57a-9: a hex run is a digest or a commit id (messages quote it too): the path stays, and the README shows it.
  test.each(['/api/token/9f86d081884c7d659a2feaa0', '/hooks/deploy', '/api/v1/users', '/releases/v2024.10.1'])(
    'path %s is accepted and written',
    (path) => {
      expect(configErrors(ingress(path))).toEqual([]);
      expect(configErrors(gateway(path))).toEqual([]);
      expect(synthFiles(ingress(path)).get('README.md')).toContain(path);
    },
  );
});

describe('86b-5: a serviceAccount.name no ServiceAccount can have is refused with what to write', () => {
  test('a username: refused at every door, the bare name advised', () => {
    refusedAtEveryDoor({ serviceAccount: { name: 'system:serviceaccount:kube-system:traefik' } }, 'serviceAccount.name', 'DNS-1123');
    const doors = ruleDoors({ serviceAccount: { name: 'system:serviceaccount:kube-system:traefik' } });
    expect(doors.errors.join('\n')).toContain('"traefik"');
    expect(doors.warnings.join('\n')).not.toContain('create it');
  });
  test('upper-case letters: refused, the lower-case name advised', () => {
    refusedAtEveryDoor({ serviceAccount: { name: 'Traefik' } }, 'serviceAccount.name', 'upper-case letters are not allowed');
  });
  test('a valid name not shipped only warns; one shipped in extraObjects passes', () => {
    const doors = ruleDoors({ serviceAccount: { name: 'traefik.edge' } });
    expect(doors.errors).toEqual([]);
    expect(doors.warnings.join('\n')).toContain('create it');
    const shipped = ruleDoors({
      serviceAccount: { name: 'traefik-edge' },
      extraObjects: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'traefik-edge', namespace: 'kube-system' } }],
    });
    expect([...shipped.errors, ...shipped.warnings, shipped.cluster, shipped.chart].join('\n')).not.toContain('serviceAccount');
  });
});
