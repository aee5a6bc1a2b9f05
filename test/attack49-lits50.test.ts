import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-48 finding 48a-4 (lits50): a secret's name set to a string literal of a programming language in a form other
 * than a plain quote (core/literal-forms.ts, literal-bodies.ts): C#'s `@"…"` and `$"…"`, C/C++'s `L"…"`, `u8"…"`,
 * `R"(…)"`, Rust's `r#"…"#`, text blocks (`"""…"""`), PHP's heredoc and nowdoc, Perl's `q{…}` and here-docs, Lua's
 * `[[…]]`, Scala's and Swift's forms. The value is the literal's body (a text block's or heredoc's lines without
 * indentation); the same forms holding a reference, an interpolation only, a placeholder or nothing, and prose, stay
 * accepted.
 */
const S = 'Zq7mWx9Lp2';
const { acceptedTable } = falseRefusalTables(S);

const literals: ReadonlyArray<readonly [string, string]> = [
  // C#, Objective-C
  ['C# verbatim @"…"', `var password = @"${S}";`],
  ['C# verbatim over a line end', `var password = @"${S}\n";`],
  ['C# interpolated $"…"', `var password = $"${S}";`],
  ['C# $@"…"', `string password = $@"${S}";`],
  ['C# @$"…"', `string password = @$"${S}";`],
  ['C# named argument', `Connect(user: "bob", password: @"${S}");`],
  ['Objective-C @"…"', `NSString *password = @"${S}";`],
  // C, C++
  ['C/C++ wide L"…"', `const wchar_t* password = L"${S}";`],
  ['C++ u8"…"', `const char* password = u8"${S}";`],
  ['C++ u"…"', `const char16_t* password = u"${S}";`],
  ['C++ U"…"', `const char32_t* password = U"${S}";`],
  ['C array of wide chars', `wchar_t password[] = L"${S}";`],
  ['C++ raw R"(…)"', `const char* password = R"(${S})";`],
  ['C++ raw with a delimiter', `const char* password = R"xy(${S})xy";`],
  ['C++ wide raw LR"(…)"', `auto password = LR"(${S})";`],
  // Rust
  ['Rust r"…"', `let password = r"${S}";`],
  ['Rust r#"…"#', `let password = r#"${S}"#;`],
  ['Rust r##"…"##', `let password = r##"${S}"##;`],
  ['Rust typed &str', `let password: &str = r#"${S}"#;`],
  ["Rust &'static str const", `const API_TOKEN: &'static str = r#"${S}"#;`],
  ['Rust byte string', `let password = b"${S}";`],
  ['Rust raw byte string', `let password = br#"${S}"#;`],
  ['Rust struct field', `let c = Config { password: r#"${S}"#, port: 5432 };`],
  // Text blocks and multi-line strings
  ['Java text block', `String password = """\n    ${S}""";`],
  ['Java text block, closing on its own line', `static final String DB_PASSWORD = """\n    ${S}\n    """;`],
  ['Swift multi-line', `let password = """\n${S}\n"""`],
  ['Swift raw #"…"#', `let password = #"${S}"#`],
  ['Swift raw multi-line', `let password = #"""\n${S}\n"""#`],
  ['C# 11 raw string', `var password = """\n    ${S}\n    """;`],
  ['Python text block, the body alone', `password = """\n${S}\n"""`],
  // Scala, Kotlin
  ['Scala s"…"', `val password = s"${S}"`],
  ['Scala f"…"', `val password = f"${S}"`],
  ['Scala raw"…"', `val password = raw"${S}"`],
  ['Scala typed val', `val password: String = s"${S}"`],
  // PHP
  ["PHP nowdoc <<<'…'", `$password = <<<'PW'\n${S}\nPW;`],
  ['PHP heredoc <<<…', `$password = <<<PW\n${S}\nPW;`],
  ['PHP heredoc <<<"…"', `$password = <<<"PW"\n${S}\nPW;`],
  ['PHP heredoc, indented closing marker', `$password = <<<PW\n    ${S}\n    PW;`],
  ['PHP array entry', `$config = [\n  'password' => <<<'EOT'\n  ${S}\n  EOT,\n];`],
  // Perl
  ['Perl q{…}', `my $password = q{${S}};`],
  ['Perl qq{…}', `my $password = qq{${S}};`],
  ['Perl q(…)', `my $password = q(${S});`],
  ['Perl q<…>', `my $password = q<${S}>;`],
  ['Perl q[…]', `my $password = q[${S}];`],
  ['Perl hash entry', `my %db = (user => 'bob', password => q{${S}});`],
  ["Perl here-doc <<'…'", `my $password = <<'PW';\n${S}\nPW\n`],
  ['Perl here-doc <<~…', `my $password = <<~PW;\n    ${S}\n    PW\n`],
  // Lua
  ['Lua long string [[…]]', `local password = [[${S}]]`],
  ['Lua long string [=[…]=]', `local password = [=[${S}]=]`],
  ['Lua long string over a line end', `local password = [==[\n${S}]==]`],
  ['Lua table field', `local db = { user = "bob", password = [[${S}]] }`],
  // In a longer program
  ['among other lines', `using System;\n\nclass Db {\n    const string User = "bob";\n    const string Password = @"${S}";\n}\n`],
  ['an api key', `let apiToken = r#"${S}"#;`],
];

describe('48a-4: a string literal of a language under a secret name is refused', () => {
  refusedTextRows(literals.map(([name, text]) => [name, text, S] as const));
});

describe('48a-4 controls: the same forms holding a reference, an interpolation, a placeholder or nothing are accepted', () => {
  acceptedTable([
    'var password = $"{pw}";',
    'var password = $"{Environment.GetEnvironmentVariable("PW")}";',
    'var password = $"{config["db:password"]}";',
    'var password = @"<password>";',
    'var password = @"${PW}";',
    'var password = Environment.GetEnvironmentVariable("DB_PASSWORD");',
    'const char* password = getenv("PW");',
    'const char* password = R"()";',
    'const char* password = u8"${PW}";',
    'let password = r#"${PW}"#;',
    'let password = std::env::var("PW").unwrap();',
    'let password: &str = r"$PW";',
    'String password = """\n    ${PW}\n    """;',
    'String password = """\n    """;',
    'String password = """\n    The password of the database user.\n    It is read from the vault at start.\n    """;',
    'val password = s"$pw"',
    'val password = s"${sys.env("PW")}"',
    'val password = f"$pw%s"',
    'password = os.environ["DB_PASSWORD"]',
    'let password = """\n\\(pw)\n"""',
    'let password = #"\\#(pw)"#',
    "$password = <<<'PW'\n<password>\nPW;",
    "$password = <<<PW\n{$config['pw']}\nPW;",
    '$password = <<<PW\n$pw\nPW;',
    "$password = getenv('DB_PASSWORD');",
    'my $password = q{};',
    'my $password = qq{$ENV{DB_PASSWORD}};',
    'my $password = <<"PW";\n$ENV{PW}\nPW\n',
    'local password = [[]]',
    'local password = os.getenv("PW")',
    'local password = [[${PW}]]',
    'password = %Q{#{ENV["PW"]}}',
    'password = <<~PW\n  #{ENV["PW"]}\nPW\n',
    'password = %(db_password)s',
    'password := os.Getenv("PW")',
    'PASSWORD=$"$PW"',
    'var password = string.Format(@"{0}", pw);',
    'password = f"{pw}"',
    'password = rf"{pw}"',
    'password = f"{os.environ[\'PW\']}"',
    'token = f"Bearer {token}"',
    'password = %q{}',
    'password = @"{0}";',
    'password = r"%s"',
    'api_key = r"${API_KEY}"',
    'password = L"$(PW)";',
    '# password = @"<your password here>"',
    'secret_name = @"db-credentials";',
    'token_url = r"https://example.com/token";',
    'password_file = r"C:\\secrets\\pw.txt"',
    // prose
    'The password: [[Password policy]] explains the rules.',
    'See the wiki page [[Password]] for details.',
    'The password is read from the vault; see @"docs" for the token rules.',
    'Use q{...} in Perl for a password literal.',
  ]);
});

// `node -e` timings of the same texts at 1 MB are in the branch's report.
describe('hostile near-misses stay cheap', () => {
  test.each(hostile.literalForms49(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
