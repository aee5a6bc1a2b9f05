import { secretsInData } from '../src/core/secrets';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 73 (words73): 72b-1 (a password in a runbook's English words: what to type at a prompt), 72b-2 (prose passwords
 * in Italian, Polish, Persian and in a Java message catalogue's text) and 72b-10 (message catalogues that translate the
 * word "password", "token", "secret" or "API key"). Every refused row's secret is never shown; every refused row has
 * the nearest plain text beside it, which passes.
 */
const PASSWORD = 'Tr0ub4dor&3xQz';
const GENERATED = 'Xq7mP2vL9kRtWn4bYcAHd';
/** A ConfigMap in `extraObjects` whose data key `file` holds `text`, as the findings' harness writes it. */
const file = (name: string, text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'kube-system' }, data: { [name]: text } }],
});

describe('72b-1: a runbook says what to type at a prompt', () => {
  it.each([
    ['the phrase', `Unlock the vault using the phrase ${PASSWORD} when prompted.\n`],
    ['type and press Enter', `When it asks, type ${PASSWORD} and press Enter.\n`],
    ['username, then', `Sign in: username \`admin\`, then \`${PASSWORD}\`.\n`],
    ['answer', `sudo will ask; answer ${PASSWORD}.`],
    ['the line under the login', `Login: admin\n${PASSWORD}\n`],
    ['a comment after the command', `cryptsetup open /dev/sdb data  # enter: ${PASSWORD}`],
    ['quoted after type', `At the prompt type "${PASSWORD}".`],
  ])('%s is refused', (_, text) => refusedEverywhere(file('runbook.md', text), 'data["runbook.md"]', PASSWORD));

  it.each([
    ['the phrase from the vault', 'Unlock the vault using the phrase from KeePass when prompted.\n'],
    ['type your password', 'When it asks, type your password and press Enter.\n'],
    ['username, then the vault', 'Sign in: username `admin`, then the password from the vault.\n'],
    ['answer with your own', 'sudo will ask; answer with your own password.'],
    ['the note under the login', 'Login: admin\nPassword: see the vault\n'],
    ['the line under the login names a host', 'Login: admin\nkube-system.example.com\n'],
    ['a comment saying where', 'cryptsetup open /dev/sdb data  # enter: the LUKS passphrase from KeePass'],
    ['type a command', 'Then type kubectl get pods -n kube-system and press Enter.'],
    ['enter a path', 'enter: /etc/rancher/k3s/k3s.yaml'],
  ])('%s passes', (_, text) => acceptedEverywhere(file('runbook.md', text)));
});

describe('72b-2: prose passwords in Italian, Polish, Persian and a Java message catalogue', () => {
  it.each([
    ['Italian', 'notes.txt', `Accedi con utente admin e parola d'ordine ${PASSWORD}`],
    ['Polish', 'notes.txt', `Hasło do panelu to ${PASSWORD}`],
    ['Polish folded', 'notes.txt', `Haslo do panelu to ${PASSWORD}`],
    ['Persian', 'notes.txt', `رمز عبور ${PASSWORD} است`],
    ['Java .properties text', 'messages_de.properties', `login.hint=Standard-Kennwort ${PASSWORD}\n`],
    ['Java .properties, German compound', 'messages_de.properties', `login.hint=Standardkennwort ${PASSWORD}\n`],
  ])('%s is refused', (_, name, text) => refusedEverywhere(file(name, text), `data["${name}"]`, PASSWORD));

  it.each([
    ['Italian: where it is', 'notes.txt', "Accedi con utente admin e parola d'ordine dal vault"],
    ['Polish: where it is', 'notes.txt', 'Hasło do panelu jest w sejfie'],
    ['Persian: where it is', 'notes.txt', 'رمز عبور در گاوصندوق است'],
    ['Java .properties: a hint', 'messages_de.properties', 'login.hint=Standard-Kennwort siehe Handbuch\n'],
    ['Java .properties: a rule', 'messages_de.properties', 'login.hint=Das Kennwort hat mindestens 12 Zeichen\n'],
  ])('%s passes', (_, name, text) => acceptedEverywhere(file(name, text)));
});

describe('72b-10: a message catalogue translating the secret words passes', () => {
  const PROPERTIES = 'login.password=Mot de passe\nlogin.password.hint=Au moins 12 caractères\nlogin.token.expired=Le jeton a expiré\n';
  const ANDROID =
    '<resources><string name="password">Password</string><string name="password_hint">At least 12 characters</string><string name="api_key_title">API key</string></resources>';
  const I18N = '{"password": "Passwort", "token": "Zugangstoken", "secret": "Geheimnis", "passwordHint": "Mindestens 12 Zeichen"}';
  it.each([
    ['Java .properties', 'messages_fr.properties', PROPERTIES],
    ['Android strings.xml', 'strings.xml', ANDROID],
    ['i18next JSON', 'de.json', I18N],
    ['.properties: a label with blanks', 'messages.properties', 'api.key=API key\naccess.token=Access token\n'],
    ['.properties: the key name alone', 'messages.properties', 'login.password=\n'],
    ['JSON: token in Japanese', 'ja.json', '{"token": "トークン", "password": "パスワード"}'],
  ])('%s', (_, name, text) => acceptedEverywhere(file(name, text)));

  it.each([
    ['.properties: a generated value', 'messages.properties', `login.password=${GENERATED}\n`, GENERATED],
    ['.properties: a label then a password', 'messages.properties', `login.password=Mot de passe ${PASSWORD}\n`, PASSWORD],
    ['Android: a generated value', 'strings.xml', `<resources><string name="api_key_title">${GENERATED}</string></resources>`, GENERATED],
    ['JSON: a generated token', 'de.json', `{"token": "${GENERATED}"}`, GENERATED],
    ['JSON: a token label with a digit', 'de.json', '{"token": "Zugangstoken7"}', 'Zugangstoken7'],
    ['JSON: another kind of secret word under password', 'de.json', '{"password": "Geheimnis"}', 'Geheimnis'],
    ['JSON: a token word under a secret', 'de.json', '{"client_secret": "Zugangstoken"}', 'Zugangstoken'],
  ])('%s is refused', (_, name, text, secret) => refusedEverywhere(file(name, text), `data["${name}"]`, secret));
});

describe('the readers stay linear', () => {
  /** One unit of each form read here, repeated to 100 kB: a label or verb with nothing after it that is a value. */
  const units = [
    'login.password=Mot de passe ',
    'type ',
    'enter: ',
    'username `admin`, then ',
    'Hasło ',
    'Standard-Kennwort ',
    'رمز عبور ',
    `type${' '.repeat(99_990)}`,
  ];
  /**
   * Texts of many short lines, which every reader of lines reads: 25 kB. Main's readers take about 2 s on a busy machine
   * for 100 kB of `Login: admin` lines alone (before this round's change too): speed belongs to `npm run bench`.
   */
  const lines = [
    'Login: admin\n',
    'login.password=Mot de passe\nWhen it asks, type your password and press Enter.\nLogin: admin\nHasło do panelu jest w sejfie\n',
  ];
  beforeAll(() => secretsInData({ conf: lines[1] }));
  it.each([
    ...units.map((unit) => [JSON.stringify(unit.slice(0, 30)), unit.repeat(Math.ceil(100_000 / unit.length))] as const),
    ...lines.map((unit) => [JSON.stringify(unit.slice(0, 30)), unit.repeat(Math.ceil(25_000 / unit.length))] as const),
  ])('%s is judged within 2 s', (_, text) => {
    const started = process.cpuUsage();
    secretsInData({ conf: text });
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
