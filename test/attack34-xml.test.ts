import { randomBytes } from 'crypto';
import { App } from 'cdk8s';
import { K3sVipCluster } from '../src';
import { configErrors, devConfig, refusalOf, valuesDoors, withChanges, withTraefikValues } from './helpers';
import { acceptedEverywhere, HOSTILE_TEST_SIZE, judgedEverywhere } from './secret-doors';

/**
 * Attack round 33a-1, 3, 4, 5, 7, 8: an XML element named like a secret whose text holds a comment, a processing
 * instruction, mixed CDATA or a child element, or whose value is a `value` attribute, or whose name is an attribute
 * or a `<name>` sibling, was not read; the same reader blanks such text in messages and diffs.
 */
const S = 'Zq7Hunter9Plx';
const showsSecret = (text: string): boolean => text.includes(S) || text.includes('nter9Plx');
/** A ConfigMap of extraObjects holding `text`: the map door of 33a. */
const inConfigMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', namespace: 'default' }, data: { k0: text } }],
});

describe('33a-1/8: an XML element named like a secret is read as a parser reads its text', () => {
  test.each([
    ['a trailing comment', `<token>${S}<!-- rotate monthly --></token>`],
    ['an empty comment first', `<password><!---->${S}</password>`],
    ['a comment inside the value', '<password>Zq7Hu<!-- x -->nter9Plx</password>'],
    ['a processing instruction first', `<password><?x y?>${S}</password>`],
    ['text then CDATA', '<password>Zq7Hu<![CDATA[nter9Plx]]></password>'],
    ['a child element after the text', `<password>${S}<br/></password>`],
    ['an unclosed child element (HTML style)', `<password>${S}<br></password>`],
    ['the value in a child element', `<db><password><b>${S}</b></password></db>`],
    ['a value attribute', `<password value="${S}"/>`],
    ['a Value attribute, single quotes, in a parent', `<db><Password Value='${S}' /></db>`],
    ['Java properties XML', `<entry key="db.password">${S}</entry>`],
    ['Spring property', `<property name="password" value="${S}"/>`],
    ['Hadoop property', `<property>\n  <name>javax.jdo.option.ConnectionPassword</name>\n  <value>${S}</value>\n</property>`],
    ['Hadoop S3A key', `<configuration><property><name>fs.s3a.secret.key</name><value>${S}</value></property></configuration>`],
  ])('%s: refused at every door, redacted', (_, text) => {
    judgedEverywhere(text, showsSecret);
    const map = inConfigMap(text);
    for (const refusal of [valuesDoors.config(map), valuesDoors.cluster(map), valuesDoors.chart(map)]) {
      expect(refusal).toContain('extraObjects[0].data.k0');
      expect(showsSecret(refusal)).toBe(false);
    }
    expect(valuesDoors.gate(map).join('\n')).toContain('extraObjects');
  });

  test.each([
    ['a reference', '<password>${A}</password>'],
    ['a reference with a comment', '<password><!-- from env -->${A}</password>'],
    ['an empty element', '<password/>'],
    ['an empty pair', '<password></password>'],
    ['a switch', '<token>true</token>'],
    ['a reference in a value attribute', '<password value="${DB_PASSWORD}"/>'],
    ['a name not like a secret', `<user>${S}<!-- x --></user>`],
    ['a value attribute on an element not named like one', `<add key="mode" value="${S}"/>`],
    ['Hadoop property not named like a secret', `<property><name>fs.defaultFS</name><value>${S}</value></property>`],
  ])('%s: accepted', (_, text) => {
    acceptedEverywhere(inConfigMap(text));
  });

  test.each([
    ['many unclosed elements named like a secret', '<password>a'.repeat(HOSTILE_TEST_SIZE / 11)],
    [
      'deeply nested elements named like a secret',
      `${'<password>a'.repeat(HOSTILE_TEST_SIZE / 22)}${'</password>'.repeat(HOSTILE_TEST_SIZE / 22)}`,
    ],
    ['many unclosed comments', '<password><!--'.repeat(HOSTILE_TEST_SIZE / 14)],
    ['many closings without openings', '</password>'.repeat(HOSTILE_TEST_SIZE / 11)],
    ['many Hadoop names', '<name>password</name>'.repeat(HOSTILE_TEST_SIZE / 21)],
  ])(
    'a long text of %s is judged (timed in `npm run bench`; the generous timeout fails only a hang)',
    (_, text) => {
      configErrors(withTraefikValues({ deployment: { podAnnotations: { foo: text } } }));
    },
    60_000,
  );
});

describe('33a-6: a map without kty with a key-sized private member and any JWK member is a JWK', () => {
  const key = randomBytes(32).toString('base64url');
  const shows = (text: string): boolean => text.includes(key);
  const middleware = (jwk: unknown) => ({
    extraObjects: [
      {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'Middleware',
        metadata: { name: 'mw1', namespace: 'default' },
        spec: { plugin: { jwt: { key: jwk } } },
      },
    ],
  });

  test.each([
    ['kid and d', { kid: 'a', d: key }],
    ['alg and k', { alg: 'A256KW', k: key }],
    ['kid, k and use', { kid: 'a', k: key, use: 'enc' }],
    ['key_ops and p', { key_ops: ['sign'], p: key }],
    ['x5c and qi', { x5c: ['MIIB'], qi: key }],
  ])('%s: refused at every door', (_, jwk) => {
    const values = middleware(jwk);
    for (const refusal of [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      expect(refusal).toContain('extraObjects[0].spec.plugin.jwt.key');
      expect(refusal).toContain("a JSON Web Key's private member");
      expect(shows(refusal)).toBe(false);
    }
    expect(valuesDoors.gate(values).join('\n')).toContain("a JSON Web Key's private member");
  });

  test.each([
    ['as JSON text, kid and d', `{"kid":"a","d":"${key}"}`],
    ['as JSON text, k of 24 and alg', `{"k":"${key.slice(0, 24)}","alg":"A128KW"}`],
  ])('%s: refused', (_, text) => {
    const errors = configErrors(withTraefikValues(inConfigMap(text))).join('\n');
    expect(errors).toContain('extraObjects[0].data.k0');
    expect(shows(errors)).toBe(false);
  });

  test.each([
    ['a short d beside alg', { alg: 'x', d: '0o10' }],
    ['k: NO beside kid', { kid: 'a', k: 'NO' }],
    ['21 characters beside kid', { kid: 'a', k: key.slice(0, 21) }],
    ['a key-sized d with no JWK member', { name: 'a', d: key }],
  ])('%s: accepted', (_, jwk) => {
    acceptedEverywhere(middleware(jwk));
  });
});

describe('33a-4/7: a first-class key holding such XML is quoted redacted', () => {
  test.each([
    ['a trailing comment', `<token>${S}<!-- x --></token>`],
    ['a processing instruction', `<password>${S}<?pi?></password>`],
  ])('%s: the config and K3sVipCluster messages blank it', (_, host) => {
    const config = devConfig();
    const changed = withChanges(config, { ingresses: [{ ...config.ingresses[0], host }] });
    const errors = configErrors(changed).join('\n');
    const thrown = refusalOf(() => new K3sVipCluster(new App(), 'c', changed));
    for (const message of [errors, thrown]) {
      expect(message).toContain('ingresses[0].host');
      expect(showsSecret(message)).toBe(false);
    }
  });
});
