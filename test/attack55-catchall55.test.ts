// Fix round 55 (attack 53a-1, -2, -3, -11, -12, -13): the catch-all of a secret's name and a generated word in free text
// (src/core/secret-word-lines.ts, glued-secret-names.ts, leet-secret-names.ts) reads a value glued to the name, a name in
// leetspeak, a PIN's digits in a sentence, an `auth` member, the value before its name and a value on the line below a
// lone name; the neighbours that hold no secret (and the six controls a first glued-name rule refused) stay accepted.
import { createHash } from 'crypto';
import { secretShape } from '../src/core/secret-shapes';
import { valuesDoors } from './helpers';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

const S = 'Xk9vQ2mLp7RtZw4B';
const PIN = '482913';
const note = (text: string) => ({
  extraObjects: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'kube-system' }, data: { 'notes.txt': text } },
  ],
});
const env = (text: string) => ({ env: [{ name: 'NOTES', value: text }] });
const annotation = (text: string) => ({ deployment: { podAnnotations: { 'example.com/notes': text } } });

const refused: Array<[string, string, string]> = [
  // 53a-1: a name glued to its value by punctuation or none
  ...['~', '#', '!', '?', '&', '%', '+', '*', '^', '@', '\\', '-', '_', '/', '.', '|'].map((sep): [string, string, string] => [
    `password${sep}X`,
    `password${sep}${S}`,
    S,
  ]),
  ['PasswordX (a camel hump)', `Password${S}`, S],
  ['token-X', `token-${S}`, S],
  ['api_key.X', `api_key.${S}`, S],
  ['db_password-X (an identifier before the name)', `db_password-${S}`, S],
  ['dbPasswordX', `dbPassword${S}`, S],
  ['in a sentence', `the login is admin and password-${S} for now.`, S],
  // 53a-2: leetspeak
  ['Passw0rd:', `Passw0rd: ${S}`, S],
  ['pa$$word:', `pa$$word: ${S}`, S],
  ['p@ssword:', `p@ssword: ${S}`, S],
  ['pa55word =', `pa55word = ${S}`, S],
  ['s3cret', `s3cret ${S}`, S],
  ['t0ken is', `the t0ken is ${S}`, S],
  ['P@$$W0RD', `P@$$W0RD -> ${S}`, S],
  ['leet and glued', `P@ssw0rd-${S}`, S],
  // 53a-3: a PIN's digits in a sentence
  ['PIN and digits', `PIN ${PIN}`, PIN],
  ['my pin is', `my pin is ${PIN}`, PIN],
  ['PIN code is', `PIN code is ${PIN}`, PIN],
  ['SIM PIN at a full stop', `SIM PIN ${PIN}.`, PIN],
  ['PIN #', `PIN #${PIN}`, PIN],
  ['PIN code then more words', `PIN code ${PIN} opens the door`, PIN],
  // 53a-11: an auth member
  ['auth: X', `auth: ${S}`, S],
  ['"auth": "X" (JSON)', `{"auth": "${S}"}`, S],
  ['auth = X (TOML)', `auth = "${S}"`, S],
  ['auth: base64 of user:password', `auth: ${Buffer.from(`bob:${S}`).toString('base64')}`, Buffer.from(`bob:${S}`).toString('base64')],
  // 53a-12: the value before its name
  ['X as its credential', `The admin login uses ${S} as its credential`, S],
  ['X is the admin password', `${S} is the admin password.`, S],
  ['X was the token', `"${S}" was the old API token`, S],
  ['X (root password)', `${S} (root password)`, S],
  ['a comment naming it', `key: ${S} # api token`, S],
  // 53a-13: a lone value below a lone name
  ['Password then X', `Password\n${S}`, S],
  ['Password: then X', `Password:\n${S}\n`, S],
  ['API key then X in code marks', `API key\n\`${S}\``, S],
  ['# Admin password then X', `# Admin password\n  ${S}`, S],
  ['**Token** then X', `**Token**\n${S}`, S],
  ['Password: then X in a code fence', `Password:\n\`\`\`\n${S}\n\`\`\`\n`, S],
];

describe('53a-1, -2, -3, -11, -12, -13: refused in a ConfigMap text at every door, named, never shown', () => {
  test.each(refused)('%s', (_, text, secret) => {
    // A leet key alone on its line reads as the key `password` (secrets-keys.ts), as `password: X` does: no text shape.
    if (!text.startsWith('Passw0rd:')) expect(secretShape(text)).toBeDefined();
    refusedEverywhere(note(text), 'extraObjects[0].data["notes.txt"]', secret);
  });
});

describe('the same in an env value and an annotation', () => {
  test.each([
    ['password-X', `password-${S}`, S],
    ['Passw0rd: X', `Passw0rd: ${S}`, S],
    ['my pin is', `my pin is ${PIN}`, PIN],
    ['auth: X', `auth: ${S}`, S],
    ['X as its credential', `The admin login uses ${S} as its credential`, S],
    ['Password then X', `Password\n${S}`, S],
  ])('%s', (_, text, secret) => {
    refusedEverywhere(env(text), 'env[0].value', secret);
    refusedEverywhere(annotation(text), 'podAnnotations["example.com/notes"]', secret);
  });
});

/** 150 kB of pseudo-random bytes, the same every run (attack33-scanner's control: it holds `/token…` and `Pwd…`). */
const blob = Buffer.concat(Array.from({ length: 4700 }, (_, i) => createHash('sha256').update(`32a-3 ${i}`).digest())).toString('base64');

describe('neighbours that hold no secret are accepted at every door', () => {
  test.each([
    // glued names that are no value, and the controls a first glued rule refused
    ['a setting named after a password', 'password_reset_token_ttl: 3600'],
    ['passwordless', 'passwordless login via passkeys'],
    ['a tokenizer', `tokenizer${S}`],
    ['a Kubernetes name', 'pod: token-x8k2p'],
    ['a Vault path', 'stored at secret/data/myapp and secret/app'],
    ['a URL path', `https://x.example.com/api/token/${S}`],
    ['a hex key name', `api-key-${'0123456789abcdef'.repeat(2)}`],
    ['secret_ and a lower-case run', `secret_${'abcdefghij'.repeat(4)}abc`],
    [
      'a Redis ACL sample',
      '#   user worker +@list +@connection ~jobs:* on >ffa9203c493aa99\n# sentinel auth-pass mymaster MySUPER--secret-0123passw0rd',
    ],
    ['a random base64 blob', blob.slice(0, 20000)],
    ['an image digest', `pin the image to traefik@sha256:${'4f9a8b7c6d5e4f3a'.repeat(4)}`],
    // leetspeak look-alikes that name nothing
    ['l33t words', `h4x0r l33t p4ss w0rd: ${S}`],
    ['a shell variable', 'echo $HOME $PATH'],
    // PIN neighbours
    ['a year after PIN', 'we PIN 2024 as the release year'],
    ['a GPIO pin', 'gpio pin: 3\nled pin 17'],
    ['pin a version', 'PIN the version to v1.2.3 before the upgrade'],
    ['a port', 'pinned port: 8443\nspin up 3 replicas'],
    // auth switches
    ['auth: basic', 'auth: basic'],
    ['auth: none', 'auth: none'],
    ['auth: true', 'auth: true'],
    ['auth: ldap', 'auth: ldap'],
    ['auth: a reference', 'auth: ${REGISTRY_AUTH}'],
    ['auth: base64 of an empty user', `auth: ${Buffer.from(`:${S}`).toString('base64')}`],
    // the value before a name, where the sentence says it is none
    ['not the password', `${S} is not the password`],
    ['the token id', `${S} is the token id`],
    ['a comment naming a property', `key: ${S} # token id`],
    ['a length', `(\`${S}\`) is one from 8 token characters`],
    ['a commit then a token', `commit ${'4f9a8b7c6d5e'.repeat(3)} rotated the token`],
    ['a sentence break', `build ${S} is done. The password is in the vault`],
    // a lone name, and the line below holds no value
    ['a name then prose', 'Password\nsee the vault'],
    // 66a-1: a passphrase of words on the line below its label is the password (attack66-prose66a.test.ts), so these
    // words are a note's.
    ['a name then words', 'Password:\nask the platform team'],
    ['a name then a duration', 'Token\nrefresh every 24h'],
    ['a title then a generated word', `Release notes\n${S}`],
  ])('%s', (_, text) => {
    acceptedEverywhere(note(text));
  });
});

// The write gate reads `PIN 2024` as a `.properties` key and its value (a reader of its own, not the catch-all's): these
// rows hold the catch-all and the config door to their verdict.
describe('PIN neighbours the catch-all does not read', () => {
  test.each([
    ['PIN and a year', 'PIN 2024'],
    ['PIN digits then more words', 'PIN 4242 for the door is in the vault'],
  ])('%s', (_, text) => {
    expect(secretShape(text)).toBeUndefined();
    expect(valuesDoors.config(note(text))).toBe('');
  });
});
