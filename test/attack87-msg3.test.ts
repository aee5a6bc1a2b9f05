import { App } from 'cdk8s';
import { K3sVipCluster, TraefikIngress } from '../src/index';
import { isSecretKey } from '../src/core/secrets-keys';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { chart, configErrors, devConfig, refusalOf, valuesDoors, withChanges } from './helpers';

// Round 87: plural and inflected secret words of other languages inside compound keys (87b-1); a generated password
// with symbols pasted into a name field, quoted in the error and echoed as a lower-cased hint (87b-10).

const SECRET = 'Bv5Cx8Zn2Mq7Wl4K';

describe('87b-1: a plural or inflected secret word of another language names a secret, in a compound too', () => {
  const compounds = [
    'adminwachtwoorden',
    'datenbankpasswoerter',
    'datenbankpassworter',
    'motsdepasseadmin',
    'adminmotsdepasse',
    'adminsalasanat',
    'dbhasla',
    'hasla',
    'salasanat',
    'mots_de_passe',
    'senhas',
    'contrasenas',
    'adminsenhas',
    'adminkennwoerter',
    'adminlosenordet',
    'adminadgangskoder',
    'adminjelszavak',
    'wachtwoordenbeheerder',
  ];
  const configMap = (key: string) => ({
    extraObjects: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-cfg', namespace: 'kube-system' }, data: { [key]: SECRET } },
    ],
  });
  test.each(compounds)('data key %s is refused at every door as a secret name, its value never shown', (key) => {
    refusedEverywhere(configMap(key), `data.${key}`, SECRET);
    expect(valuesDoors.config(configMap(key))).toContain(`data.${key}: holds a value under a key named like a secret`);
  });
  test.each(['DB_HASLA', 'ADMIN_SALASANAT', 'DB_SENHAS', 'DATENBANK_PASSWOERTER', 'MOTSDEPASSEADMIN'])(
    'env %s is refused at every door, its value never shown',
    (name) => refusedEverywhere({ env: [{ name, value: SECRET }] }, 'env[0].value', SECRET),
  );
  test.each(['example.com/adminwachtwoorden', 'example.com/dbhasla'])(
    'annotation %s is refused at every door, its value never shown',
    (key) => refusedEverywhere({ deployment: { podAnnotations: { [key]: SECRET } } }, 'podAnnotations', SECRET),
  );
  test.each([
    ['?adminwachtwoorden=Qm8xZr4TkLw2Pn7v', 'Qm8xZr4TkLw2Pn7v'],
    ['?dbhasla=Qm8xZr4TkLw2Pn7v', 'Qm8xZr4TkLw2Pn7v'],
  ])('gitops.repoURL with %s is refused, never shown', (query, secret) => {
    const errors = configErrors(
      withChanges(devConfig(), { gitops: { engine: 'flux', repoURL: `https://git.example.com/ops/k3s.git${query}` } }),
    );
    const text = errors.join('\n');
    expect(text).toContain('gitops.repoURL');
    expect(text).toContain('name like a secret');
    expect(text).not.toContain(secret);
  });
  test('gitops.repoURL with an ordinary query passes', () => {
    expect(
      configErrors(withChanges(devConfig(), { gitops: { engine: 'flux', repoURL: 'https://git.example.com/ops/k3s.git?ref=main' } })),
    ).toEqual([]);
  });
  // Neighbours: compounds in those languages (and English keys) that hold no secret word, or name a thing about passwords.
  const neighbours = [
    'passagier',
    'passform',
    'hashalgorithm',
    'motdordre',
    'motscles',
    'haslabel',
    'haslabels',
    'hasladdress',
    'woerterbuch',
    'wachtrij',
    'wachtwoordenbeleid',
    'motsdepassefichier',
    'senhasarquivo',
    'adgangskontrol',
    'losenordspolicy',
    'passordlengde',
    'salasanatyyppi',
    'salaatti',
    'resenhas',
    'desenhas',
    'passwoerterdatei',
  ];
  test.each(neighbours)('%s names no secret, and a value under it passes', (key) => {
    expect(isSecretKey(key)).toBe(false);
    acceptedEverywhere({ deployment: { podAnnotations: { [`example.com/${key}`]: 'Herbst2023?' } } });
  });
  test('env PASSWOERTER_DATEI (a reference) passes', () =>
    acceptedEverywhere({ env: [{ name: 'PASSWOERTER_DATEI', value: '/run/secrets/db' }] }));
});

describe('87b-10: a generated password with symbols pasted into a name field is said by its size, at every door', () => {
  const PASSWORDS = ['Vb7!qW3@zN8xK2mP', 'Xk9#mQ2$vL7pR4wZ', 'Ld2(fG6)hJ0kL4zX'];
  const ingress = (patch: object) => ({
    name: 'web',
    namespace: 'default',
    host: 'k3s.example.com',
    path: '/',
    service: 'web',
    port: 80,
    ...patch,
  });
  const fields: ReadonlyArray<readonly [string, (value: string) => object]> = [
    ['ingresses[0].service', (value) => ({ ingresses: [ingress({ service: value })] })],
    ['ingresses[0].name', (value) => ({ ingresses: [ingress({ name: value })] })],
    ['ingresses[0].host', (value) => ({ ingresses: [ingress({ host: value })] })],
    ['ingresses[0].tls.certResolver', (value) => ({ ingresses: [ingress({ tls: { certResolver: value } })] })],
    ['traefik.externalCertResolvers[0]', (value) => ({ traefik: { externalCertResolvers: [value] } })],
  ];
  const rows = fields.flatMap(([key, patch]) => PASSWORDS.map((password) => [key, password, patch] as const));
  /** Neither the value nor a lower-cased or dashed form of it (the name hint) in `text`. */
  const hidden = (text: string, password: string) => {
    expect(text).not.toContain(password);
    expect(text.toLowerCase()).not.toContain(password.toLowerCase());
    expect(text).not.toContain(password.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
    expect(text).not.toContain(password.slice(-8).toLowerCase());
  };
  test.each(rows)('config %s = %s: refused, said by its size', (key, password, patch) => {
    const errors = configErrors(withChanges(devConfig(), patch(password))).join('\n');
    expect(errors).toContain(`${key}:`);
    expect(errors).toContain(`a text of ${password.length} characters that looks generated, not shown`);
    hidden(errors, password);
  });
  test.each(rows)('K3sVipCluster %s = %s: refused, said by its size', (key, password, patch) => {
    const message = refusalOf(() => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), patch(password))));
    expect(message).toContain(key);
    expect(message).toContain('looks generated, not shown');
    hidden(message, password);
  });
  test.each(PASSWORDS.flatMap((password) => ['service', 'name', 'host'].map((field) => [field, password] as const)))(
    'TraefikIngress %s = %s: refused, said by its size',
    (field, password) => {
      const message = refusalOf(() => new TraefikIngress(chart(), 'r', ingress({ [field]: password }) as never));
      expect(message).toContain(field);
      expect(message).toContain('looks generated, not shown');
      hidden(message, password);
    },
  );
  // Neighbours: invalid values people really type stay quoted (and the name hint stays where it was given).
  test.each([
    ['ingresses[0].service', { ingresses: [ingress({ service: 'My_Service' })] }, '"My_Service"', '"my-service"'],
    ['ingresses[0].service', { ingresses: [ingress({ service: 'MyApp_V2_Beta3_RC1' })] }, '"MyApp_V2_Beta3_RC1"', '"myapp-v2-beta3-rc1"'],
    ['ingresses[0].host', { ingresses: [ingress({ host: 'web.example.com:443' })] }, '"web.example.com:443"', ''],
    ['ingresses[0].host', { ingresses: [ingress({ host: 'https://example.com/x' })] }, '"https://example.com/x"', '"example.com"'],
    ['ingresses[0].host', { ingresses: [ingress({ host: 'ops@example.com' })] }, '"example.com"', ''],
    [
      'ingresses[0].host',
      { ingresses: [ingress({ host: 'admin:Ab3dE5fG@k3s.example.com' })] },
      '"…@k3s.example.com" holds a user name or password',
      '',
    ],
    ['ingresses[0].name', { ingresses: [ingress({ name: 'Frontend-2024' })] }, '"Frontend-2024"', '"frontend-2024"'],
    ['ingresses[0].name', { ingresses: [ingress({ name: 'K8s-Cluster-01' })] }, '"K8s-Cluster-01"', '"k8s-cluster-01"'],
    ['ingresses[0].tls.certResolver', { ingresses: [ingress({ tls: { certResolver: 'letsencrypt-prod!' } })] }, '"letsencrypt-prod!"', ''],
    ['traefik.externalCertResolvers[0]', { traefik: { externalCertResolvers: ['letsencrypt-prod!'] } }, '"letsencrypt-prod!"', ''],
  ])('config %s: an ordinary invalid value stays quoted (%s)', (key, patch, quoted, hint) => {
    const errors = configErrors(withChanges(devConfig(), patch)).join('\n');
    expect(errors).toContain(`${key}:`);
    expect(errors).toContain(quoted);
    if (hint) expect(errors).toContain(hint);
    expect(errors).not.toContain('looks generated');
  });
});
