import * as hostile from '../scripts/hostile-inputs';
import { isSecretKey, secretsInData } from '../src/core/secrets';
import { foldLetters } from '../src/core/folded-letters';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedRows, refusedTextRows } from './secret-tables';

/**
 * Round-51 findings 51a-7 (a whitespace-aligned table ruled with other characters than dashes: `====`, `~~~~`, `____`,
 * box drawing's `────`, `━━━━`, `════`, or runs joined by `+` or `|`: rst-simple-tables.ts dashRuledTableCells) and
 * 51a-12 (more secret words of other languages, `Geheimnis`, `clave`, `adgangskode`, `jelszó`, `heslo`, `şifre`, `parol`,
 * `API-Schlüssel`, `Zugangsdaten` (foreign-secret-words.ts), and names spelled with accented letters in plain lines,
 * `contraseña: x`, `hasło=x`, read with their letters in ASCII (folded-letters.ts, accented-names.ts)).
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

describe('51a-7, 51a-12: tables ruled with any rule character, secret words of other languages, names with accented letters', () => {
  refusedRows([
    ['German Geheimnis:', `Geheimnis: ${S}`, S],
    ['Spanish clave=', `clave=${S}`, S],
    ['Danish adgangskode=', `adgangskode=${S}`, S],
    ['Hungarian jelszo=', `jelszo=${S}`, S],
    ['Czech heslo=', `heslo=${S}`, S],
    ['Turkish sifre=', `sifre=${S}`, S],
    ['Russian parol=', `parol=${S}`, S],
    ['German API-Schluessel=', `API-Schluessel=${S}`, S],
    ['German Zugangsdaten: user / password', `Zugangsdaten: bob / ${S}`, S],
    ['Croatian lozinka:', `lozinka: ${S}`, S],
    ['Italian credenziali=', `credenziali=${S}`, S],
  ]);
  refusedTextRows([
    ['an `=` rule', `USER  SECRET\n====  ======\nbob   ${S}`, S],
    ['a `~` rule', `USER  PASSWORD\n~~~~  ~~~~~~~~\nbob   ${S}`, S],
    ['a box-drawing light rule', `USER  PASSWORD\n────  ─────────────\nbob   ${S}`, S],
    ['a box-drawing heavy rule', `USER  PASSWORD\n━━━━  ━━━━━━━━\nbob   ${S}`, S],
    ['a box-drawing double rule', `USER  PASSWORD\n════  ════════\nbob   ${S}`, S],
    ['an `_` rule', `USER  PASSWORD\n____  ________\nbob   ${S}`, S],
    ['a `+----+` rule', `USER PASSWORD\n+----+--------+\nbob  ${S}`, S],
    ['a `|----|` rule', `USER  PASSWORD\n|----|--------|\nbob   ${S}`, S],
    ['a box-drawing rule with crosses', `user │ token\n─────┼──────────────\nbob  │ ${S}\n`, S],
    [
      'an indented `=` rule, the secret column between others',
      `  Name   Password      Role\n  ====   ========      ====\n  bob    ${S}  admin\n`,
      S,
    ],
    ['Spanish contraseña:', `contraseña: ${S}`, S],
    ['Polish hasło=', `hasło=${S}`, S],
    ['Turkish şifre:', `şifre: ${S}`, S],
    ['Hungarian jelszó=', `jelszó=${S}`, S],
    ['German API-Schlüssel=', `API-Schlüssel=${S}`, S],
    ['Lithuanian slaptažodis=', `slaptažodis=${S}`, S],
    ['an env file ŞIFRE=', `export ŞIFRE=${S}`, S],
    ['an INI section’s contraseña = "…"', `[db]\nusuario = bob\ncontraseña = "${S}"\n`, S],
    ['an accent in an English name (pässword=)', `pässword=${S}`, S],
    ['a decomposed accent (contrasen\\u0303a:)', `contrasen\u0303a: ${S}`, S],
  ]);
  test.each(['jelszó', 'şifre', 'Geheimnis', 'API-Schlüssel', 'clave', 'dbLozinka', 'ADGANGSKODE', 'slaptažodis'])(
    '%s is a secret key',
    (key) => {
      expect(isSecretKey(key)).toBe(true);
    },
  );
  // Round 80 (80a-15): a key word alone names a secret in any letter case, as `SCHLUESSEL` did since 79a-10 (its value
  // judged as `_KEY`'s: a plain identifier passes); a file's name (`Passwörter_datei`) still names none.
  test.each(['Schlüssel', 'chiave', 'clé', 'sleutel'])('%s is one', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });
  test('Passwörter_datei is none', () => {
    expect(isSecretKey('Passwörter_datei')).toBe(false);
  });
  test('letters fold to ASCII', () => {
    expect(['contraseña', 'hasło', 'şifre', 'Schlüssel', 'lykilorð', 'Straße'].map(foldLetters)).toEqual([
      'contrasena',
      'haslo',
      'sifre',
      'Schlussel',
      'lykilord',
      'Strasse',
    ]);
  });
});

describe('51a-7, 51a-12 controls: plain tables, headings, references and prose in any language are accepted', () => {
  acceptedTable([
    'user  password\n====  ========\nbob   $PW\n',
    'name  role\n~~~~  ~~~~\nbob   admin\n',
    'Heading\n=======\n\npassword reset is handled by the team\n',
    'Title of the password section\n=====  ======\nbob   x9\n',
    'user  password_changed_at\n────  ───────────────────\nbob   2024-01-01\n',
    '+------+------+\n| name | role |\n+------+------+\n| bob  | dev  |\n+------+------+\n',
    'contraseña: $PW\nhasło=${HASLO}\nşifre: <tu-contraseña>\n',
    'Die Passwörter für München sind geändert.\nLa contraseña: cámbiela ahora.\n',
    'Schlüssel: Wert\nclé: valeur\n',
    'Geheimnis: ${GEHEIMNIS}\nclave: $CLAVE\n',
    'parole: granted in 2019\n',
  ]);
});

describe('a found table cell and an accented name are named by their syntax', () => {
  test('an `=`-ruled table: a table', () => {
    expect(secretsInData({ k: `user  password\n====  ========\nbob   ${S}\n` })[0].what).toMatch(/table/);
  });
  // Since round 78 (78a-1, any-script-labels.ts) a label in any language then its value is named by that syntax as
  // written, so the accented name is not blamed on an encoding (75a-19) either.
  test('contraseña: a password after its label', () => {
    expect(secretsInData({ k: `contraseña: ${S}` })[0].what).toMatch(/a password after its label in any language/);
  });
});

// `npm run bench` times the same texts at 1 MB.
describe('51a-7, 51a-12: hostile near-misses stay cheap', () => {
  test.each(hostile.lines53(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
