import { configErrors, valuesDoors, withTraefikValues } from './helpers';
import { acceptedEverywhere, judgedEverywhere, shownInDiff } from './secret-doors';
import { envEntry as env } from './rule-doors';

/**
 * Attack round 32a: references refused in a block, a flow map over lines (32a-6) and realistic shapes (32a-7); a
 * reference then ` # <S>` in INI and env files (32a-2); XML elements named like a secret (32a-1).
 */
const S = 'Zq9SeCrEtVaLuE77';
const showsSecret = (text: string): boolean => text.includes(S);
const file = (content: string) => ({ providers: { file: { enabled: true, content } } });
const annotation = (value: string) => ({ deployment: { podAnnotations: { note: value } } });
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', namespace: 'kube-system' }, data }],
});

/** Refused at the config and cluster doors (at `path`) and by the write gate, the secret never shown. */
function refusedEverywhere(values: unknown, path: string): void {
  for (const refusal of [valuesDoors.config(values), valuesDoors.cluster(values)]) {
    expect(refusal).toContain(path);
    expect(refusal).not.toContain(S);
  }
  expect(valuesDoors.gate(values)).not.toEqual([]);
}

describe('32a-6: a reference alone in a | or > block, or in a flow map over lines, is accepted', () => {
  test.each([
    ['a | block', 'x:\n  password: |\n    ${DB_PASSWORD}\n  y: 1\n'],
    ['a > block', 'x:\n  password: >\n    ${DB_PASSWORD}\n  y: 1\n'],
    ['a |+ block (every final line break kept)', 'x:\n  password: |+\n    $(DB_PASSWORD)\n\n  y: 1\n'],
    ['a flow map over three lines', 'auth: {\n  password: "${P}", token: "${T}"\n}\n'],
    ['a flow map closed on a pair line', 'auth: {password: "${P}",\n  token: "${T}"}\n'],
    ['JSON over lines', '{\n  "password": "${P}",\n  "token": "${T}"\n}\n'],
  ])('%s', (_, content) => acceptedEverywhere(file(content)));

  test.each([
    ['a | block', `x:\n  password: |\n    \${DB_PASSWORD}${S}\n  y: 1\n`],
    ['a > block', `x:\n  password: >\n    ${S}\n  y: 1\n`],
    ['a flow map over lines, a value in it', `auth: {\n  password: "\${P}", token: "${S}"\n}\n`],
    ['a flow map over lines, a value after the reference', `auth: {\n  password: "\${P}", token: "\${T}${S}"\n}\n`],
    ['a flow map over lines, a word after a pair', `auth: {\n  password: \${P}, ${S}\n}\n`],
    ['a flow map closed on a pair line', `auth: {password: "\${P}",\n  token: "${S}"}\n`],
  ])('control: %s: refused', (_, content) => refusedEverywhere(file(content), 'traefik.values.providers.file.content'));
});

describe('32a-7: a value made only of references (an auth scheme before one, a URL password) is accepted', () => {
  test.each([
    ['a URL password $(VAR) in an env value', env('DATABASE_URL', 'postgres://app:$(DB_PASSWORD)@db:5432/app')],
    ['a URL password ${VAR} in a file', file('db:\n  url: postgres://app:${DB_PASSWORD}@db:5432/app\n')],
    ['a URL token as user name', env('REPO', 'https://${GIT_TOKEN}@git.example.com/x.git')],
    ['Bearer ${VAR}, an annotation', annotation('Authorization: Bearer ${API_TOKEN}')],
    ['Bearer ${VAR}, an env value', env('HEADER', 'Authorization: Bearer ${API_TOKEN}')],
    ['Bearer ${VAR}, a line of a file', file('x: 1\nAuthorization: Bearer ${API_TOKEN}\n')],
    ['Bearer ${VAR}, quoted under token', file('x: 1\ntoken: "Bearer ${T}"\n')],
    ['Bearer $(VAR), an env var set to it', env('HTTP_AUTHORIZATION', 'Bearer $(API_TOKEN)')],
    ['Bearer ${VAR} assigned', annotation('HTTP_AUTHORIZATION=Bearer ${API_TOKEN}')],
    ['two references glued, an annotation', annotation('password: ${A}${B}')],
    ['two references glued, a file', file('x: 1\npassword: ${A}${B}\n')],
    // 57b-15: a `{` in a flow map is no YAML Traefik's file provider loads (refused with it on); judged with it off.
    ['two references glued, a flow map', { providers: { file: { enabled: false, content: 'db: {password: ${A}${B}}\nb: 2\n' } } }],
  ])('%s', (_, values) => acceptedEverywhere(values));

  test.each([
    ['a value glued after a reference', `password: \${A}${S}`],
    ['a value glued after Bearer and a reference', `Authorization: Bearer \${A}${S}`],
    ['a value after Bearer and a reference', `Authorization: Bearer \${A} ${S}`],
    ['a URL password', `postgres://app:${S}@db:5432/app`],
    ['a URL password after a reference', `postgres://app:\${A}${S}@db:5432/app`],
    ['a reference as user name, a password', `postgres://\${A}:${S}@db:5432/app`],
    ['a scheme that is no auth scheme', `password: ${S} \${A}`],
  ])('control: %s stays refused at every door', (_, value) => {
    judgedEverywhere(value, showsSecret);
  });
});

describe('32a-2: text after a reference is part of the value in INI and env files, a comment only in YAML', () => {
  test.each([
    ['INI, ` # `', { 'app.ini': `[db]\nhost = db\npassword = \${A} # ${S}\n` }, 'app.ini'],
    ['INI, ` #`', { 'app.ini': `[db]\nhost = db\npassword = \${A} #${S}\n` }, 'app.ini'],
    ['INI, ` ;`', { 'app.ini': `[db]\nhost = db\npassword = \${A} ;${S}\n` }, 'app.ini'],
    ['a systemd EnvironmentFile', { 'systemd.env': `HOST=db\nDB_PASSWORD=\${A} #${S}\n` }, 'systemd.env'],
    ['TOML, a quoted reference then a value', { 'app.toml': `[db]\npassword = "\${A}" ${S}\n` }, 'app.toml'],
  ])('%s: refused', (_, data, key) => refusedEverywhere(configMap(data), `traefik.values.extraObjects[0].data["${key}"]`));

  test.each([
    ['INI, a reference alone', { 'app.ini': '[db]\nhost = db\npassword = ${A}\n' }],
    ['TOML, a quoted reference then a comment', { 'app.toml': '[db]\npassword = "${A}" # from the Secret\n' }],
    ['YAML, a reference then a comment', { 'app.yaml': 'db:\n  host: db\n  password: ${A} # from the Secret\n' }],
  ])('control: %s stays accepted', (_, data) => acceptedEverywhere(configMap(data)));

  test('YAML: a secret in the comment after a reference is still found (the comment read as a line)', () => {
    refusedEverywhere(
      configMap({ 'app.yaml': `db:\n  password: \${A} # token: ${S}\n` }),
      'traefik.values.extraObjects[0].data["app.yaml"]',
    );
  });
});

describe('32a-1: an XML element named like a secret is read as a key and its value', () => {
  test.each([
    ['an element', `<password>${S}</password>`],
    ['a nested element', `<config><apiKey>${S}</apiKey></config>`],
    ['an element with attributes', `<token type="bearer">${S}</token>`],
    ['a namespaced element', `<db:password>${S}</db:password>`],
    ['a CDATA section', `<password><![CDATA[${S}]]></password>`],
    ['next to a reference', `<password>\${A}</password><token>${S}</token>`],
  ])('%s: refused at every door, the secret never shown', (_, value) => {
    const messages = judgedEverywhere(value, showsSecret);
    expect(messages[0]).toContain('an element named like a secret');
  });

  test.each([
    ['--log.format=<token>…</token>', { additionalArguments: [`--log.format=<token>${S}</token>`] }, 'additionalArguments[0]'],
    [
      'a ConfigMap file over lines',
      configMap({ 'app.xml': `<config>\n  <user>bob</user>\n  <token>${S}</token>\n</config>\n` }),
      'data["app.xml"]',
    ],
    ['a value over lines', configMap({ 'app.xml': `<config>\n  <password>\n    ${S}\n  </password>\n</config>\n` }), 'data["app.xml"]'],
  ])('%s: refused', (_, values, path) => refusedEverywhere(values, path));

  test('a hand-edited file holding one is redacted in a diff', () => {
    expect(shownInDiff(`  app.xml: "<password>${S}</password>"`)).not.toContain(S);
  });

  test.each([
    ['a reference', '<password>${DB_PASSWORD}</password>'],
    ['a reference, spaced over lines', '<config>\n  <password>\n    $(DB_PASSWORD)\n  </password>\n</config>\n'],
    ['an empty element', '<password></password>'],
    ['a switch', '<token>true</token>'],
    ['an element not named like a secret', `<user>${S}</user>`],
    // On one line a generated word after `password` is refused by 52a-5's catch-all (secret-word-lines.ts): the note on its own line.
    ['a self-closing element', `<password/>\n<note>${S}</note>`],
  ])('control: %s stays accepted', (_, value) => {
    acceptedEverywhere({ ...annotation(value), ...configMap({ 'app.xml': value }) });
    expect(configErrors(withTraefikValues(env('CONF', value)))).toEqual([]);
  });
});
