// Round 65 (prose65a): 65a-1 (a short password after a sentence's label: `The password is 123456`, `admin`, `toor`,
// `P@ss`, `Xq7zK`, `1234`), 65a-2 (a word that only ends like a participle or adverb is the password: `king`, `Fred`,
// `butterfly`, `Emily`, `hundred`) are refused at every door (a ConfigMap in extraObjects, an env value; the config,
// K3sVipCluster, TraefikHelmChartConfig and the write gate), named by key path, never shown. 65a-12: a sentence's own
// word from the closed list (`obsolete`, `compulsory`, `obbligatoria`), a count before its unit and the earlier rounds'
// sentences stay accepted; a refusal says how to reword a sentence.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { valuesDoors } from './helpers';
import { isProseWordAfterLabel } from '../src/core/prose-after-label-words';

const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { note: text } }],
});
const env = (text: string) => ({ env: [{ name: 'NOTE', value: text }] });

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  ['65a-1 six digits', 'The password is 123456', '123456'],
  ['65a-1 four digits', 'The password is 1234', '1234'],
  ['65a-1 four digits ending a sentence', 'The password is 1234.', '1234'],
  ['65a-1 digits before a conjunction', 'The password is 4711 and the user is ops', '4711'],
  ['65a-1 quoted digits', 'The password is "4712", see above', '4712'],
  ['65a-1 word and symbol', 'The password is Tiger!', 'Tiger'],
  ['65a-1 four characters', 'The password is P@ss', 'P@ss'],
  ['65a-1 five characters', 'The password is Xq7zK', 'Xq7zK'],
  ['65a-1 admin', 'The password is admin', 'admin'],
  ['65a-1 toor', 'The default password is toor', 'toor'],
  ['65a-1 guest', 'The password is guest.', 'guest'],
  // The word `secret` itself is judged in attack67-messages67.test.ts: a message's own advice says "no secret may be
  // written" and is never redacted (67a-20), so the never-shown check reads `geheim` here, the same kind of word.
  ['65a-1 geheim (a password list holds it)', 'The password is geheim', 'geheim'],
  ['65a-1 after an account and a colon', 'Password for root: 4713', '4713'],
  ['65a-1 word ending its sentence, more after it', 'The password is admin. Ask ops for the rest.', 'admin'],
  ['65a-1 digits ending their sentence, more after', 'The password is 4714. Ask ops.', '4714'],
  ['65a-1 word before a comma', 'The password is swordfish, ask ops.', 'swordfish'],
  ['65a-1 German short word', 'Das Passwort ist Hund', 'Hund'],
  ['65a-2 king', 'The password is king', 'king'],
  ['65a-2 Pudding', 'The password is Pudding', 'Pudding'],
  ['65a-2 unbreakable', 'The password is unbreakable', 'unbreakable'],
  ['65a-2 hundred', 'The password is hundred', 'hundred'],
  ['65a-2 butterfly', 'The password is butterfly', 'butterfly'],
  ['65a-2 Emily', 'The password is Emily', 'Emily'],
  ['65a-2 Fred', 'The password is Fred.', 'Fred'],
  ['65a-2 dragonfly', 'The password is dragonfly', 'dragonfly'],
  ['65a-2 Holly', 'The password is Holly', 'Holly'],
  ['65a-2 Sacred', 'The password is Sacred', 'Sacred'],
  ['65a-2 German -ling', 'Das Passwort ist schmetterling', 'schmetterling'],
  ['65a-2 Spanish -ado', 'La contraseña es Dorado', 'Dorado'],
  ['65a-2 Italian -ata', 'La password è cioccolata', 'cioccolata'],
];

const ACCEPTED: ReadonlyArray<readonly [string]> = [
  // 65a-12: the closed list's words.
  ['The password is obsolete'],
  ['The password is compulsory'],
  ['The password is obligatory'],
  ['The password is identical'],
  ['la password è obbligatoria'],
  ['The password is deprecated.'],
  ['The password is configurable.'],
  ['The password is expiring.'],
  ['The password is forgotten.'],
  ['The password is hashed.'],
  ['The password is mandatory.'],
  ['The password is locked.'],
  ['The password is ok.'],
  ['Das Passwort ist geändert.'],
  ['Das Passwort ist verschlüsselt.'],
  ['Le mot de passe est oublié.'],
  ['La contraseña es obligatoria.'],
  ['A senha é obrigatória.'],
  ['Het wachtwoord is verlopen.'],
  ['Lösenordet är felaktigt.'],
  ['Heslo je povinné.'],
  ['Hasło jest wymagane.'],
  ['Şifre zorunlu.'],
  ['Salasana on pakollinen.'],
  // 65a-1: short words of the sentence, counts before their unit.
  ['The password is a secret.'],
  ['The password is in the vault.'],
  ['The password is on the sticky note in the runbook.'],
  ['The password is set.'],
  ['The password is none.'],
  ['The password is no longer valid.'],
  ['The password is 12 characters long.'],
  ['Das Passwort ist 8 Zeichen lang.'],
  ['Das Passwort ist mindestens 8 Zeichen lang.'],
  ['The password is -'],
  ['The password is stored. Ask ops for access.'],
  ['The password is as follows: see the runbook.'],
  ['The password is incorrect, please retry.'],
  // The brief's control rows.
  ['The password is stored in Vault.'],
  ['The password is required.'],
  ['The password is case-sensitive.'],
  ['The password is at least 12 characters long.'],
  ['The password is the same as before.'],
  ['The password is rotated weekly.'],
  ['Das Passwort ist falsch.'],
  ['Le mot de passe est requis.'],
];

describe('65a-1/2: a short or suffixed password after a sentence label is refused at every door, never shown', () => {
  test.each(SECRETS)('ConfigMap: %s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
  test.each(SECRETS)('env value: %s', (_, text, secret) => refusedEverywhere(env(text), 'env[0].value', secret));
});

describe('65a-12: a sentence about a password stays accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (text) => acceptedEverywhere(configMap(text)));
  test.each(ACCEPTED)('env value: %s', (text) => acceptedEverywhere(env(text)));
});

describe('65a-2: the verdict reads a closed list, not endings', () => {
  test.each([['king'], ['Fred'], ['butterfly'], ['Emily'], ['hundred'], ['Sing'], ['thing'], ['Table'], ['whatever']])(
    '%s is no sentence word',
    (word) => expect(isProseWordAfterLabel(word, true)).toBe(false),
  );
  test.each([['stored'], ['Rotated'], ['obbligatoria'], ['OBSOLETE'], ['geändert'], ['påkrævet'], ['yanlış'], ['a'], ['in']])(
    '%s is a sentence word',
    (word) => expect(isProseWordAfterLabel(word, true)).toBe(true),
  );
});

test('65a-12: a refusal of a sentence says how to reword it, without the value', () => {
  const message = valuesDoors.config(configMap('The password is hundred'));
  expect(message).toContain('extraObjects[0].data');
  expect(message).toContain('if this is a sentence, not a password, say where the password is kept instead');
  expect(message.toLowerCase()).not.toContain('hundred');
});
