import { valuesDoors } from './helpers';
import { accepted, configMapOf, diffOf, refusedEverywhere } from './secret-tables';
import { secretsInData } from '../src/core/secrets';
import { placeInText, secretProblems } from '../src/core/secret-place';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import * as hostile from '../scripts/hostile-inputs';

/**
 * Round 47a-11 (docs48): docstrings that describe a password or token parameter are prose, not values, in every common
 * style (Google `Args:`/`Keyword Arguments:`/`Attributes:` with `name (type):`, NumPy, Sphinx fields, JSDoc, Javadoc,
 * rustdoc, C# XML docs: core/described-values.ts, secrets-config-lines.ts, code-headers.ts); a value-shaped word where
 * the description goes stays refused, and a multi-line text refused as a whole names the line that holds it.
 */
const textOf = (text: string) => configMapOf({ 'run.py': text });
const google = (section: string, line: string) => `def f(password=None):\n    """Do it.\n\n    ${section}:\n        ${line}\n    """\n`;
const PW = 'Qw7x-Pz9!kLm';

describe('47a-11: docstrings describing a secret parameter are accepted', () => {
  test.each([
    ['Args: name (str)', google('Args', 'password (str): The password of the user.')],
    ['Args: name (str), two words', google('Args', 'password (str): The password.')],
    ['Args: name (Optional[str]) with a default', google('Args', 'password (Optional[str]): The password. Defaults to None.')],
    ['Args: a default of ""', google('Args', 'password (str): The password. Defaults to "".')],
    ['Args: a plain name, two words', google('Args', 'password: The password.')],
    ['Keyword Arguments:', google('Keyword Arguments', 'password (str): The password.')],
    ['Attributes:', google('Attributes', 'password: The password.')],
    ['Arguments:', google('Arguments', 'password: The password.')],
    ['Parameters:', google('Parameters', 'password: The password.')],
    ['Other Parameters: a token', google('Other Parameters', 'token: The token.')],
    ['Other Parameters: a typed password', google('Other Parameters', 'password (str): The password.')],
    ['NumPy style', 'Parameters\n----------\npassword : str\n    The password.\n'],
    [
      'NumPy style in a function with an optional token',
      'def f(password):\n    """\n    Parameters\n    ----------\n    password : str\n        The password.\n    token : str, optional\n        The API token.\n    """\n',
    ],
    ['Sphinx :param str name:', ':param str password: The password.\n:param token: A token.\n'],
    ['Sphinx :param: and :type:', ':param password: The password.\n:type password: str\n'],
    ['Args: a description wrapped onto a second line', google('Args', 'password (str): The password.\n            Used to log in.')],
    [
      'Args: an optional token wrapped onto a second line',
      google('Args', 'token: the API token to send, or None\n            wrapped onto a second line.'),
    ],
    ['a note in brackets after a name (prose, not a type)', 'Token (see docs): read it from $TOKEN\nx\n'],
    ['a length note in brackets', 'password (min 12): a strong one\nx\n'],
    ['JSDoc', '/**\n * @param {string} password - the password\n */\nfunction f(password) {}\n'],
    ['Javadoc', '/**\n * @param password the password\n */\nvoid f(String password) {}\n'],
    ['Javadoc, a one-word description', '/**\n * @param password plaintext\n */\nvoid f(String password) {}\n'],
    ['rustdoc', '/// * `password` - the password\nfn f(password: &str) {}\n'],
    ['C# XML docs', '/// <param name="password">The password.</param>\nvoid F(string password) {}\n'],
  ])('%s', (_, text) => accepted(textOf(text)));
});

describe('47a-11 controls: a value where the description goes stays refused', () => {
  test.each([
    ['Args: name (str) then a password', google('Args', `password (str): ${PW}`), PW],
    ['Args: name (str, optional) then a password', google('Args', `password (str, optional): ${PW}`), PW],
    ['Args: a password (str or None) then a value', google('Args', `password (str or None): ${PW}`), PW],
    ['Args: a key (Dict[str, str]) then a value', google('Args', `api_key (Dict[str, str]): ${PW}`), PW],
    ['Args: a token (str) then a value', google('Args', `token (str): ${PW}`), PW],
    ['Sphinx :param: then a value-shaped word', ':param password: hunter2-Secret9\n', 'hunter2-Secret9'],
    ['Sphinx :type: then a value', ':param password: The password.\n:type password: Zx9-Pq7!mNb\n', 'Zx9-Pq7!mNb'],
    ['NumPy typed default', 'x\npassword : str = "Zx9-Pq7!mNb"\n', 'Zx9-Pq7!mNb'],
    ['Javadoc @param then a value', '/**\n * @param password Zx9-Pq7!mNb\n */\n', 'Zx9-Pq7!mNb'],
    ['Args: a description wrapped onto a value', google('Args', 'password (str): The password.\n            Zx9-Pq7!mNb'), 'Zx9-Pq7!mNb'],
    ['Args: a sentence wrapped onto the value', google('Args', 'password (str): The password is\n            swordfish'), 'swordfish'],
    ['a password in brackets', 'password (hunter2x)\n', 'hunter2x'],
    ['a passphrase of words', 'password: correct horse battery staple\n', 'correct horse battery staple'],
    ['two capitalised words', 'password: Summer Password\n', 'Summer Password'],
  ])('%s', (_, text, secret) => refusedEverywhere(textOf(text), secret));

  test.each([`password (str): ${PW}`, `password (str, optional): ${PW}`, `token (str): ${PW}`])(
    "%s in a docstring is hidden in check's diff",
    (line) => expect(diffOf(google('Args', line))).not.toContain(PW),
  );

  test("a Secret's stringData is data, however it reads", () => {
    const values = {
      extraObjects: [
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, stringData: { password: 'The password.' } },
      ],
    };
    expect(secretsInData(values).map((s) => s.path.join('.'))).toEqual(['extraObjects.0.stringData.password']);
  });
});

describe('47a-11: a multi-line text refused whole names the line that holds the secret', () => {
  test.each([
    [google('Args', `password (str): ${PW}`), 5],
    [google('Args', `token (Optional[str]): ${PW}`), 5],
    ['def f(password):\n    """\n    Args:\n        password (str): ' + PW + '\n    """\n', 4],
  ])('%j', (text, line) => {
    expect(placeInText(text)?.line).toBe(line);
    const door = valuesDoors.config(textOf(text));
    expect(door).toContain(`on its line ${line}`);
    expect(door).not.toContain(PW);
  });
});

// `node -e` timings of the same texts at 1 MB are in the branch's report.
describe('hostile near-misses stay cheap', () => {
  test.each(hostile.docstrings48(HOSTILE_TEST_SIZE))('%s is judged and placed', (_, text) => {
    const data = { data: { k0: text } };
    secretsInData(data).flatMap((secret) => secretProblems(secret, data));
  });
});
