// Hostile inputs of the ReDoS and quadratic-read guards, built here once for two readers: the tests, which assert the
// verdict on each input (with only jest's generous per-test timeout against a hang), and `npm run bench`, which times
// each input against the target beside it (`seconds`, the limit the tests asserted before). Each builder returns
// [label, input] rows for test.each; inputs are built on call, as they are megabytes of text.
'use strict';

/** `unit` repeated to `size` characters or just over. */
const repeatTo = (unit, size) => unit.repeat(Math.ceil(size / unit.length));
/** Rows labelled by the unit (as JSON), each unit repeated to `size` characters. */
const units = (list, size) => list.map((unit) => [JSON.stringify(unit), repeatTo(unit, size)]);
/** Rows of [label, unit], each unit repeated to `size` characters. */
const described = (list, size) => list.map(([label, unit]) => [label, repeatTo(unit, size)]);
/** Rows labelled by their index, like jest's %#. */
const indexed = (texts) => texts.map((text, i) => [String(i), text]);

/** Traefik values with `n` exposed entrypoints, each redirecting to the next, the last to the first. */
function redirectCycle(n = 999) {
  const ports = {};
  for (let i = 0; i < n; i++)
    ports[`e${i}`] = {
      port: 10000 + i,
      exposedPort: 10000 + i,
      expose: { default: true },
      http: { redirections: { entryPoint: { to: `e${(i + 1) % n}`, scheme: 'https' } } },
    };
  return [[`${n} entrypoints`, { ports }]];
}

/** 5,000 `passwordN:` lines (5,000 secrets took 12 s redacted one by one). */
const thousandsOfSecrets = () => [
  ['5,000 secrets', Array.from({ length: 5000 }, (_, i) => `  password${i}: value-${i}-${'x'.repeat(60)}`).join('\n')],
];

/**
 * `n` scaled to a text of `size` characters where `n` is the count for 400 kB: the bench builds the 400 kB texts it
 * times, the tests the same shapes at HOSTILE_TEST_SIZE (test/secret-doors.ts).
 */
const scaled = (n, size) => Math.round((n * size) / 400_000);

/** 400 kB texts (or `size` characters) for the line scan (leaks-attack4). */
const lineScanTexts = (size = 400_000) =>
  indexed([
    `a${' '.repeat(size)}b`,
    `a: x${' '.repeat(size)}y`,
    `- ${' '.repeat(size)}y`,
    `password: x${' \t'.repeat(scaled(200_000, size))}#`,
    `x: {${'a: b,'.repeat(scaled(80_000, size))}`,
    'token:\n'.repeat(scaled(60_000, size)),
  ]);

/** A deep, long YAML text whose last line holds the secret `v39999` (secrets-attack5). */
const deepLongYaml = () => [
  ['40,000 lines', Array.from({ length: 40_000 }, (_, i) => `${' '.repeat(i % 200)}k${i}: {Authorization: drop, token: v${i}}`).join('\n')],
];

/** 1 MB texts for the key shapes (attack round 29a). */
const keyShapes29a = (size = 1_000_000) =>
  described(
    [
      ['_-separated broken hex runs', `30_77_02_01_01_04_20_${'ab_'.repeat(9)}zz `],
      ['mixed separators', '30_77.02/01|01 '],
      ['JSON escapes', '\\"d\\": \\"x\\", '],
      ['percent escapes', '%30%77%02'],
      ['repeated d= and x=', `d=${'A'.repeat(30)} x=1 `],
      ['zero-width spaces', 'MIGH\u200b'],
    ],
    size,
  );

/** 1 MB texts for the key shapes (attack round 28a). */
const keyShapes28a = (size = 1_000_000) =>
  described(
    [
      ['words starting M with two blanks', 'MA  b  c. '],
      ['a grouped key head glued after =', '=MHcC  AQEE  '],
      ['hex bytes with two blanks', '30  77  '],
      ['a C array head', '0x30, 0x6f, '],
      ['percent-encoded bytes', '%30%6f'],
      ['long unseparated hex words', `${'30'.repeat(300)} `],
      ['an unclosed flow after a flag', '--x={kty: EC, d: '],
      ['flow objects after a flag', 'x={d: a, x: b} '],
    ],
    size,
  );

/** 1 MB texts for the key shapes (attack round 27a). */
const keyShapes27a = (size = 1_000_000) =>
  described(
    [
      ['words starting M, in threes', 'MA b c. '],
      ['a grouped key head, repeated', 'MIGH AgEA MBMG '],
      ['an OpenSSH head in colon hex, repeated', '6f:70:65:6e:73:73:68:2d:6b:65:79:2d:76:31:00:'],
    ],
    size,
  );

/** 1 MB texts for the key shapes (attack round 30a: tables, dumps, generic members, decodings). */
const keyShapes30a = (size = 1_000_000) =>
  described(
    [
      ['CSV header rows naming d and kty', 'kty,d\n'],
      ['Markdown header rows', '| d | x |\n'],
      ['xxd lines', '00000000: 3081 8702 0100 3013 0607 2a86 48ce 3d02  0.....0...*.H.=.\n'],
      ['generic members', `kty => EC d => ${'A'.repeat(30)} `],
      ['short base64 words of text', `${Buffer.from('password-reset').toString('base64')} `],
      ['priv: blocks', `priv: ${'ab:'.repeat(19)}\n`],
      ['padded hex groups', '30ab_'],
      ['blanks and tabs (a table cell separator)', ' \t'],
    ],
    size,
  );

/** Lines that each open a JSON list or object (attack round 33a-11: a failed JSON parse per line, 15 s at 1 MB). */
const bracketLines33a = (size = 1_000_000) =>
  described(
    [
      ['lines opening a list', '\n['],
      ['lines opening a map', '\n{'],
    ],
    size,
  );

/**
 * Dockerfile exec-form lists left open, command keys read as data (attack round 41a-5: dockerfile-commands.ts), and
 * the near-misses of 41a-7's readers (plaintext-credentials.ts, call-lists.ts, client-word-wrappers.ts).
 */
const commandLists41 = (size = 1_000_000) =>
  described(
    [
      ['CMD lists left open', 'CMD [\n'],
      ['CMD lists with a quote left open', 'CMD ["a", "b\n'],
      ['one-word entrypoints', 'ENTRYPOINT ["a"]\n'],
      ['command keys', 'command: [a, b]\n'],
      ['block args items', '  - -a\n'],
      ['PowerShell conversions without -AsPlainText', 'ConvertTo-SecureString "a" '],
      ['Terraform variable blocks left open', 'variable "db_password" {\n'],
      ['calls opening calls', 'exec.Command("redis-cli", '],
      ['defaults left open', 'redis-cli ${A:-'],
      ['echo before a blank run', `echo ${' '.repeat(1000)}`],
      // Round 42 (gaps42a, list-lines.ts): lists a line leaves open, read over the next lines, in text naming a client.
      ['client lists left open', 'redis-cli [\n'],
      ['open lists of client items', '[ "redis-cli",\n'],
      ['continued open lists', '[ "mysql", \\\n'],
      ['lists closed then opened', '"mysql", "-p" ] [\n'],
      // Round 43 (wrap43: stdin-wrappers.ts, xargs-stage.ts, pipe-lines.ts, variable-literals.ts): readers a wrapper,
      // a group or a script runs, fed through xargs or an open pipe, or a variable set from a literal.
      ['wrapped readers', 'echo "$P" | sudo -u b chroot /m docker run -i -v a:b img ssh h restic -r r init ; '],
      ['groups and scripts fed', `echo "$P" | ( cd x && sh -c 'restic -r r init' ) ; `],
      ['xargs and open pipes', 'echo "$P" | xargs -I {} echo {} |\n'],
      ['literal variables', 'P=a Q=$(f) ; echo "$P$Q" | restic -r r init\n'],
      ['script inputs from exec', 'exec <<< "$P"\nrestic -r r init\n'],
      // Round 44 (wrap44: fed-files.ts, xargs-command.ts, pipe-lines.ts): literals through descriptors, substitutions,
      // written files and coprocesses; xargs commands given their fed words; pipes followed by comment lines.
      ['descriptors of literals read many times', "exec 3<<<'a'\nchpasswd <&3 /dev/fd/3\n"],
      ['files written from literals, read', "echo 'a:b' > /tmp/p ; chpasswd < /tmp/p -f /tmp/p\n"],
      ['substitutions of literals', "sshpass -f <(echo 'a') "],
      ['coprocesses written literals', 'coproc chpasswd\necho \'a:b\' >&"${COPROC[1]}"\n'],
      ['xargs fed many words', "echo 'a b c' | xargs -0 -I@ sh -c 'echo @ | chpasswd' ; "],
      ['pipes followed by comment lines', 'echo a | # c\n#\n\n'],
      // Round 45 (fds45: fed-literals.ts, fed-reads.ts, probe-spans.ts): here-docs on descriptors and into files, printf
      // formats filled, reads before the command, by `read -u` and in command substitutions.
      ['here-docs on descriptors left open', 'exec 3<<EOF\n'],
      ['here-docs into files, read', 'cat > /tmp/p <<EOF\nroot:a\nEOF\n</tmp/p chpasswd\n'],
      ['printf formats filled, written', "printf '%s:%s' a b c d e f > /tmp/p\n"],
      ['descriptor reads by read -u', "exec 3<<<'a'\nread -r -u 3 P\n"],
      ['command substitutions of written files', 'echo \'a\' > /tmp/p\nx "$(cat /tmp/p)" '],
      // Round 46 (fdcopy46: fed-reads.ts, fed-stdin.ts, fed-files.ts, c-scripts.ts): descriptors copied and moved, any
      // filter in a substitution, functions called with a fed input, redirections first, quoted paths, -c here-docs.
      ['descriptors copied and moved', "exec 3<<<'a'\nexec 4<&3\nexec 5<&4-\nchpasswd <&5 <&4\n"],
      ['functions called with fed descriptors', "exec 3<<<'a'\nf() { chpasswd; }\nf <&3\n"],
      ['function definitions never closed, called', "exec 3<<<'a'\nf() {\nf <&3 "],
      ['filters of fed descriptors', 'exec 3<<<\'a\'\nx "$(head -n1 <&3 | tr -d x)" '],
      ['redirections before reads of quoted paths', 'echo a > "/tmp/p w"\n< "/tmp/p w" read -r P\n'],
      ['-c scripts with here-docs', "sh -c 'chpasswd <<E\nroot:a\nE'\n"],
      ['-c scripts left open', 'bash -c "x <<E\n'],
      // Round 47 (funcs47: function-calls.ts): calls of the text's functions given an input or literal arguments, read
      // as their bodies run there; bodies calling each other; a call's arguments long or many.
      ['functions called with here-strings and arguments', "f() { mysql -p\"$1\"; }\nf 'a' <<< 'b'\n"],
      ['functions calling each other, piped into', 'f() { g "$1"; }\ng() { f "$1"; }\necho \'a\' | f \'b\'\n'],
      ['function names as words', 'f() { x; }\nf f f <<< '],
      ['calls with many arguments', 'f() { x "$@"; }\nf a b c d e f g h i j '],
      ['function bodies with here-docs, called with arguments', "f() { x <<E\n$1 '\nE\n}\nf 'a'\n"],
      // Round 45 (groups45: group-input.ts, group-lines.ts, xargs-command.ts): groups and subshells fed as a whole, over
      // lines too; readers after stages that pass their input on; xargs replace strings (main took 446 s at 1 MB).
      ['fed groups over lines', "{\n  chpasswd\n} <<< 'root:a'\n"],
      ['groups opened over comment lines, never closed', '(\n# c\n'],
      ['fed subshells of passing stages', "( cat | tr -d x | chpasswd ) <<< 'a:b' ; "],
      ['xargs replace strings on one line', 'xargs -I{} redis-cli -a {} '],
      // Round 46 (reads46: read-builtin.ts): read, mapfile with options and IFS, fed by a group's redirections (here-docs
      // left open too) or a writer piped into a loop.
      ['reads in fed groups', "{ read -r P; read -ru3 Q; } 3<<< 'a' <<< 'b:c' ; "],
      ['here-docs on groups left open', '{ read P; } <<A\n'],
      ['writers piped into loops', "echo 'a' | while read -r X; do "],
      ['read -a and mapfile over IFS', "IFS=: read -r -a A <<< 'a:b'\nmapfile -t L <<< 'c'\n"],
      // Round 47 (vars47: substitution-literals.ts, secret-variables.ts): substitutions that write or decode a literal,
      // left open too; literals read into names like a secret.
      ['substitutions of literals decoded', "P=$(echo 'a' | base64 -d | tr -d x) "],
      ['substitutions left open', 'P=$(echo a | openssl base64 -d -A '],
      ['backquotes left open', 'P=`echo a '],
      ['substitutions in substitutions', 'a=$(b=$(c=$('],
      ['literals read into names like a secret', "read -r PW <<< 'abcdefgh' ; printf -v PW '%s' abcdefgh\n"],
      // Round 47 (false47: shell-expansions.ts, decoded-breaks.ts): double-quoted values holding quoted substitutions,
      // read to their shell close; escapes a decoding turns into line breaks inside a substitution.
      ['quoted substitutions holding quotes, left open', 'PW="$(cat "$(d "$F" '],
      ['substitutions cut by decoded line breaks', "PW=$(x | tr -d '\\n')\n"],
      // Round 43 (msgs43, prompt-switches.ts): bare flags a line break, an option, a redirection or a client's prompt ends.
      ['bare secret flags before line breaks', 'cli --token\n'],
      ['prompting clients with --password', 'psql --password -h x\n'],
      ['one client, many --password words', 'mysql --password ab '],
      ['prompt switches', '--ask-pass '],
      ['flags before redirections', '--with-token < '],
      ['continued flag lines', '--password \\\n'],
      // Round 43 (forms43): PowerShell colon parameters, literals piped, backtick continuations, credential calls, auth
      // pairs, Terraform heredocs and sensitive(), CMake -D, WireGuard keys fed to wg set (powershell-credentials.ts,
      // credential-calls.ts, plaintext-credentials.ts).
      ['PowerShell colon parameters', '-Password:a '],
      ['literals piped into readers', "'a' | docker login --password-stdin\n"],
      ['backtick continuations', 'docker login -p a `\n'],
      ['credential calls opening calls', 'connect("a", login('],
      ['auth pairs left open', 'auth=("a", '],
      ['Terraform heredoc defaults left open', 'variable "db_password" {\n default = <<EOT\n'],
      ['CMake typed -D entries', '-DAPI_TOKEN:STRING='],
      ['wg set reading standard input', 'wg set wg0 private-key /dev/fd/3 '],
      // Round 44 (forms44): ConvertTo-SecureString's words in any order (securestring-arguments.ts), sensitive( over
      // lines, calls a line leaves open (list-lines.ts), lists with a trailing comma, argv block lists (data-commands.ts).
      ['ConvertTo-SecureString switches', 'ConvertTo-SecureString -AsPlainText -Force '],
      ['sensitive( left open', 'sensitive(\n'],
      ['calls left open over lines', 'exec.Command("redis-cli",\n'],
      ['lists with a trailing comma', '["redis-cli", "-a",]\n'],
      ['argv block lists', 'argv:\n  - redis-cli\n  - -a\n'],
    ],
    size,
  );

/**
 * Config values of text made of lines that each open a flow collection, end to end (attack round 33a-11 took 14 s; round
 * 35): rows of [label, { values, written }], `values` the `traefik.values` holding one text of `size` characters and
 * `written` whether the synth writes it (else the config is refused). A config holds them as JSON (YAML's densest
 * spelling of such text, 1.5 bytes a character): at the 640,000 characters of the bench it stays under the 1 MiB bound.
 */
const bigTexts35 = (size = 640_000) => {
  const configMap = (text) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm1', namespace: 'kube-system' },
    data: { k: text },
  });
  return [
    [
      'a ConfigMap value in extraObjects, lines opening a list',
      { values: { extraObjects: [configMap(repeatTo('\n[', size))] }, written: true },
    ],
    ['an env value, lines of [token]', { values: { env: [{ name: 'FOO', value: repeatTo('\n[token]', size) }] }, written: true }],
    ['an additionalArguments item, lines of [x]', { values: { additionalArguments: [repeatTo('\n[x]', size)] }, written: false }],
    ['an extraObjects item as text, lines of [x]', { values: { extraObjects: [repeatTo('\n[x]', size)] }, written: false }],
  ];
};

/**
 * A file provider's content of lines that mix escapes (attack rounds 34a-10 and 34b-6): base64 of text with percent,
 * HTML and `\u` escapes (decodings that hold more), percent-encoding with a `user:pw@` form, percent-encoded UTF-8, JSON
 * in YAML. Each text was judged again for each of its decodings and theirs, for the gate and for each line of a dry
 * run's diff: 5 to 16 s of CPU at about 0.9 MB. Rows of [label, { values, written }] (as bigTexts35), `size` the
 * content's characters; all are written (the config holds them as JSON, under the 1 MiB bound at the bench's size).
 */
const mixedEscapes35 = (size = 800_000) => {
  const escaped = 'JTQxJTQyICYjeDQxOyBcdTAwNDEgeD15 JTQxJTQyICYjeDQxOyBcdTAwNDEgeD15 %41%42 &#x41; \\u0041 0';
  const lines = (line) => {
    const out = [];
    for (let i = 0, length = 0; length < size; i++) length += out[out.push(line(i)) - 1].length + 1;
    return out.join('\n');
  };
  const content = (text) => ({ values: { providers: { file: { enabled: true, content: text } } }, written: true });
  return [
    ['base64 of escapes, percent, HTML and \\u escapes (34a-10)', content(lines((i) => `r${i}: "${escaped}"`))],
    [
      'percent-encoding and a user:pw@ form in comments (34b-6)',
      content(lines((i) => `# the password of db${i} is kept in %70%61%73%73 and zz abab:cdcd@ x`)),
    ],
    ['percent-encoded UTF-8 (34b-6)', content(lines((i) => `x${i} a%40b%3Ac%2F%2F%25%41%42 %E2%80%8B %EF%BD%90`))],
    ['JSON in YAML (34b-6)', content(lines((i) => `k${i}: {"a": "b\\u00e9", "c": [1,2,{"d": "e"}]}`))],
  ];
};

/**
 * A run after a head, before a character that ends no match (attack round 32a-8, 32a-9; attack33-scanner's sweep): each
 * was quadratic, 40 s to 175 s at 150 to 200 kB.
 */
const scannerRuns32a = (size = 1_000_000) =>
  [
    ['a quote then blanks (quoted halves joined)', '"', ' ', 'x'],
    ['stops inside a value word', 'root password: x', '!', 'a'],
    ['dots inside a header value', 'Authorization: ', '.', '=\n'],
    ['a key line, blanks, a carriage return', '"d":', ' ', '\rx'],
    ['a secret with a run of punctuation (its message form)', 'password=a', '!', 'b'],
  ].map(([label, head, run, tail]) => [label, head + run.repeat(size) + tail]);

/** 100,000 escaped quotes after a key (each unclosed `"` was scanned to the end: 3.2 s for 50,000). */
const escapedQuotes = () => [['100,000 escaped quotes', ` remark: "${'\\"'.repeat(100_000)}`]];

/** `levels` levels of ten aliases each: 10^levels nodes once expanded, a few hundred bytes as text. */
const aliasBomb = (levels, tail = '') =>
  [
    'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
    ...Array.from({ length: levels }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
    tail,
  ].join('\n');

/** 400 kB texts (or `size` characters) with no URL and no secret in them (secrets-speed). */
const noSecretTexts = (size = 400_000) =>
  indexed([
    'a.'.repeat(scaled(200_000, size)),
    'http'.repeat(scaled(100_000, size)),
    'https://'.repeat(scaled(50_000, size)),
    'x:'.repeat(scaled(200_000, size)),
    '?token'.repeat(scaled(60_000, size)),
    'LS0tLS1CRUdJTi'.repeat(scaled(30_000, size)),
    `LS0tLS1CRUdJTi${'A'.repeat(size)}`,
    '#access_token'.repeat(scaled(30_000, size)),
    'Bearer '.repeat(scaled(60_000, size)),
    `bearer${' '.repeat(size)}`,
    `Basic ${'A'.repeat(size)}`,
  ]);

/** 400 kB texts (or `size` characters) that are a private key: many BEGIN lines, no END, long runs after one (secrets-speed). */
const privateKeyTexts = (size = 400_000) =>
  indexed([
    '-----BEGIN PRIVATE KEY-----'.repeat(scaled(15_000, size)),
    '-----BEGIN PGP PRIVATE KEY BLOCK-----\n'.repeat(scaled(10_000, size)),
    `-----BEGIN PRIVATE KEY-----${'-'.repeat(size)}`,
    `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(16)}${' '.repeat(size)}`,
    `-----BEGIN RSA PRIVATE KEY-----${'\n  AAAAAAAAAAAAAAAAAAAA'.repeat(scaled(20_000, size))}`,
  ]);

/** 160 kB texts without blanks (attack round 20a D2: 2 to 13 s each at 40 kB). */
const noBlanks = () => units(['a:', 'a=', '(a:', 'a=b&', 'password: see ', "'password=$(X)' ", '//a:', '"a": "'], 160_000);

/** `size` characters (1 MB in the bench) of word starts, then `="` (attack round 21a D2: 1 MB of `_a` took 24 s). */
const wordStarts = (size = 1_000_000) =>
  ['_a', '.a', '-a', '/a', 'a_'].map((unit) => [JSON.stringify(unit), `${unit.repeat(size / unit.length)}="`]);

/** JSON text quoted in YAML text six levels deep, `secret` under a complex key (secrets-attack13). */
function nestedQuoted(secret) {
  let quoted = `{"? password": 1, "x": "\\n? password\\n: ${secret}\\n"}`;
  for (let i = 0; i < 6; i++) quoted = `a: ${JSON.stringify(quoted)}\nb: 1`;
  return [['six levels', quoted]];
}

/** 16,000 lines (400 kB, or `size` characters at 25 a line) of text that reads as YAML, holding no secret (secrets-attack13). */
const yamlishLines = (size = 400_000) =>
  [
    ['a mapping of flow maps', (i) => `k${i}: {a: 1, token_file: /x}`],
    ['list items of flow maps', (i) => `- [key: ${i}]`],
    ['quoted keys', (i) => `"k${i}": "apikeyish"`],
    ['a script', (i) => `echo "usage: run ${i}" --token-file /x`],
  ].map(([label, line]) => [label, Array.from({ length: Math.round(size / 25) }, (_, i) => line(i)).join('\n')]);

/** 400 kB texts (or `size` characters) of the URL-credential forms, holding no URL credential (attack round 17a). */
const urlForms = (size = 400_000) =>
  indexed([
    '//'.repeat(scaled(200_000, size)),
    '//a:'.repeat(scaled(100_000, size)),
    `//${'a'.repeat(size)}`,
    `//a:${'b'.repeat(size)}`,
    'https:/'.repeat(scaled(60_000, size)),
    `https:${'/'.repeat(size)}`,
    `https:${'\\'.repeat(size)}`,
    `https:/${'a:'.repeat(scaled(200_000, size))}`,
    `wss:${'\\/'.repeat(scaled(200_000, size))}`,
    'x_https://a'.repeat(scaled(40_000, size)),
    // Each a scheme-less match that holds a user, no password (41a-8): every match is read to the text's end.
    'sip:a@'.repeat(scaled(70_000, size)),
    '12:30@'.repeat(scaled(70_000, size)),
  ]);

/**
 * 9,000 comment lines (about 0.9 MB; `size` characters at about 100 a line) of a file provider's content (attack round
 * 31a-7: 15 to 23 s, plain lines 6 to 11 s): base64 of text that holds `%41`, `&#65;`, `\x41` and `b=c` (so each line
 * has decodings of decodings), and plain words.
 */
const commentLines31a = (size = 900_000) => [
  [
    'base64 of escaped text',
    Array.from({ length: Math.round(size / 100) }, (_, i) => {
      const word = Buffer.from(`a${i} %41%42 &#65; \\x41 b=c`.repeat(2)).toString('base64');
      return `# ${word} = ${word.slice(0, 20)}`;
    }).join('\n'),
  ],
  [
    'plain words',
    Array.from(
      { length: Math.round(size / 100) },
      (_, i) => `# line ${i}: plain words of a comment, nothing set, nothing secret in it`,
    ).join('\n'),
  ],
];

/** 1 MB texts for the token, key-file and command readers of round 34a (token-shapes.ts, secrets-commands.ts). */
const tokenShapes34a = (size = 1_000_000) =>
  described(
    [
      ['JWT heads without a second part', 'eyJ'],
      ['JWT parts without a dot', `eyJ${'a'.repeat(40)}.`],
      ['Slack prefixes without digits', 'xoxb-'],
      ['OpenAI heads without the marker', `sk-${'a'.repeat(60)} `],
      ['pgpass-like fields', 'h:1:x=h:1:'],
      ['pgpass fields without an end', 'a:1:b:c:d:'],
      ['Private-Lines without a body', 'Private-Lines: 1 '],
      ['command lines of curl -u', 'curl -u a:b '],
      ['quoted secret words', 'secret "a'],
      ['plist keys without values', '<key>password</key>'],
      // Round 35a: shell operators, nested command lines, other clients, config-file lines, webhook hosts.
      ['curl words glued to operators', 'curl;-u a;'],
      ['nested command lines left open', 'sh -c "curl -u a '],
      ['docker login options', 'docker login -p '],
      ['htpasswd batch words', 'htpasswd -b a '],
      ['Redis ACL lines without a password', 'user a b\n'],
      ['curlrc user lines without a password', 'user = a:\n'],
      ['Slack webhook hosts with ports', 'hooks.slack.com:1/services/'],
      ['AWS-like runs without digits', 'ASIAAAAAAAAAAAAAAAAA'],
      // Round 36a: config-file password lines without their password, blank runs after their words; new token heads.
      [
        'config-file password lines left open',
        'user \t: \t\nproxy-user a:b:\n;PWD=;Pwd={\nstats auth a\nsentinel auth-pass m \nAuthorization: \t:"',
      ],
      ['token heads without their tails', 'eyJrIjoiSKf0dapi0key-a1s.Aa1sntrys_eyJpYXQiOpul-f0aaaaaaaaaaaaaa.atlasv1.'],
      // Round 36a: Redis commands (a here-doc's AUTH lines, ACL rules), read as command lines.
      ['Redis AUTH lines', 'AUTH a\n'],
      ['Redis ACL rules', 'redis-cli ACL SETUSER u >a >a >a >a >a >a\n'],
      // Round 37a (cfg38): header directives with names left open, password lines and chap-secrets words without an
      // end, new token heads.
      ['header directives left open', 'proxy_set_header a-a-a-api-ke \t"header_up Authorization \t'],
      ['password lines left open', 'user a pass \tpassword \tauth_pass \na * b '],
      [
        'new token heads without their tails',
        '12345678:Affffffffffffffffffffffffffffffff-u1ya29.sq0atp-gsk_r8_discord.com/api/webhooks/1/',
      ],
      // Round 37a: RESP framing (escaped and raw), here-docs fed to redis-cli, combined short options, `$'…'` words.
      ['RESP frames', '*2\\r\\n$4\\r\\nauth\\r\\n$1\\r\\na\\r\\n*2\r\n$4\r\nAUTH\r\n$1\r\n'],
      ['here-docs fed to redis-cli', 'redis-cli <<E\nauth a b\n'],
      ['combined short options', `zip -${'r'.repeat(500)} ssh-keygen -${'q'.repeat(500)} | chpasswd `],
      ['ANSI-C quoted words left open', "sshpass -p $'\\x"],
      // Round 38a (cfg39): JWTs glued after `_`/`.`, new token heads, Teams webhook hosts, OpenVPN keys without an END,
      // dovecot, postfix and fetchmail lines left open, haproxy `%[str(` samples.
      ['JWT heads glued after _ and .', `_eyJ.eyJ${'a'.repeat(14)}_`],
      [
        'new token heads of round 38a without their tails',
        '/bot12345678:Adp.st.a.EAAAPMAK-ntn_1sbp_xai-pplx-sk-or-v1-ops_eyJGOCSPX-whsec_ATBBfigd_bkua_secret_aB1sk-proj-a1',
      ],
      ['Teams webhook hosts left open', 'a-a.webhook.office.com/webhookb2/a@a/IncomingWebhook/'],
      ['OpenVPN armour without an END', '-----BEGIN OpenVPN Static key V1-----\nf1e2-'],
      ['password-file lines left open', 'a:{PLAIN}\n[a]:1 a:\nuser a there with pass \nrequest_header x-api-key %[str('],
      // Round 38a (cmd39): text fed on standard input (pipes, here-strings, here-docs), lftp's `-c` commands.
      ['echo piped into stdin readers', 'echo a | docker login --password-stdin echo "auth a" | valkey-cli '],
      ['here-strings left open', 'redis-cli <<< "auth a chpasswd <<<a:'],
      ['here-docs on lines of stdin readers', 'docker <<E --password-stdin '],
      ['lftp commands left open', 'lftp -c "open -u a,'],
      ['printf formats filled by their arguments', 'printf "AUTH %s %s\\r\\n" a | printf %s%s%b '],
      // Round 39a (stdin40): readers of standard input after wrappers, groups and `tee`; XML markup read as line breaks.
      ['stdin readers after wrappers, groups and tee', '{ ( yes a ; ) | tee x | sudo -u a env A=1 passwd '],
      ['XML markup around command lines', '<c a="1"><![CDATA[echo a | ]]><!-- x --></c>'],
      // Round 40a (stdin41): here-strings through filters, process substitutions left open, sshpass, files of stdin.
      ['stdin feeds through filters and substitutions', 'cat 0<<< a | head -2 |& ( sudo -S x < <( sshpass -d '],
      ['files of standard input and key=- values', 'docker secret create x /proc/self/fd/0 vault write a=- gh glab cosign '],
      // Round 40a (comments41): commented-out lines and recipe prefixes read as lines, sample placeholders left open.
      ['comment markers and recipe prefixes before lines', '#requirepass \n\t@-curl -u a \n# -- ;x <a secret x\nREM :: // */ x */ \n'],
      // Round 40a (wrappers41): every client word of a command read, assignments' values, `net user` anywhere, and
      // exec-form lists (`["CMD", …]`) left open, nested in quotes, or many on a line.
      ['client words after wrappers', 'docker exec a mysql -u a curl -u redis-cli -a X=curl -u a net user a b sqlplus -s <<E '],
      ['exec-form lists left open', '["a", "[", [a, [a, \'a\'\', \'[", "mysql", "-p'],
      ['exec-form lists of clients', '["docker","exec","a","mysql","-u","a","curl","-u","redis-cli","-a"], '],
      // Round 40a (vars41): name-value syntaxes left open, secret-store commands, snmpd.conf and fetchmail lines, Ant <exec>.
      ['name-value syntaxes left open', 'ENV DB_PASSWORD a setenv a ("password", "withPassword("a DB_PASSWORD ?= (setq password '],
      ['secret-store commands without values', 'kubectl create secret vault kv put a=b gh secret set -b '],
      ['snmpd and fetchmail lines left open', 'rocommunity com2sec -a b createUser a SHA \npoll a.b\n  pass \nopen a.b.c\n'],
      ['Ant exec elements left open', '<exec executable="mysql"><arg value="-u"/><arg line="-p '],
      ['Maven exec configurations left open', '<configuration><executable>mysql</executable><argument>-u</argument>'],
      // Round 41a (stdin42): pipe stages between a feeder and a reader, `--entrypoint` clients before options, redirections.
      [
        'pipe stages and tools prompting on stdin',
        'echo a | sed x | base64 -d | restic -r r cosign sign --key k ansible-vault encrypt_string | ',
      ],
      [
        'entrypoint clients and redirections',
        'docker run --entrypoint redis-cli -e a --entrypoint=sshpass -p openssl passwd -stdin < /x 0< 2> ',
      ],
    ],
    size,
  );

/**
 * Props (the construct and API door) whose unknown top-level keys each hold a list of 1,000 items the plain-data
 * gate leaves out, `size` items in all: every item is a left-out path and every unknown key a problem beside it
 * (review 37, F1: 300 lists of 1,000 `NaN` took 30 s when each problem was tested against every left-out path). Rows
 * of [label, props]; `judged` in the tests and the bench runs validateClusterConfig on `{ ...config, ...props }`.
 */
const droppedLists37 = (size = 300_000) => {
  const lists = Math.max(1, Math.ceil(size / 1000));
  const props = (list) => Object.fromEntries(Array.from({ length: lists }, (_, i) => [`unknown${i}`, list()]));
  /** 1,000 items, each read through a getter (refused, not run). */
  const getters = () => {
    const list = [];
    for (let i = 0; i < 1000; i++) Object.defineProperty(list, i, { get: () => 1, enumerable: true, configurable: true });
    return list;
  };
  return [
    [`${lists} lists of 1,000 NaN`, props(() => Array.from({ length: 1000 }, () => Number.NaN))],
    [`${lists} lists of 1,000 getters`, props(getters)],
  ];
};

/**
 * Texts with control characters, which the secret readers judge again with them taken out and made blanks (attack round
 * 41a-1, src/core/control-text.ts): up to 65,536 characters (the longest read so), a text of command lines, escape
 * sequences and format characters whose every form is a whole judgement.
 */
const controlTexts42 = (size = 65_536) =>
  described(
    [
      ['NULs before client words', '\u0000redis-cli -a x '],
      ['C1 CSIs before mysql -p', '\u009bmysql -p '],
      ['colored prompts', '\u001b[1m$ \u001b[0mcurl -u a '],
      ['escape sequences without a final byte', '\u001b[1;2;3'],
      ['zero-width joiners in words', 'a\u200d'],
      ['BELs in key lines', 'password\u0007: x\n'],
    ],
    size,
  );

/**
 * Texts of the gaps42b readers, 1 MB (`size`): rclone/restic remote paths (each match accepted, so read to the end;
 * src/core/remote-paths.ts), literal defaults after a name like a secret (code-defaults.ts), empty call arguments (the
 * quoted-halves decoding), and lines with control characters in a text over 64 kB (control-text.ts controlLineForms).
 */
const gapTexts42b = (size = 1_000_000) =>
  described(
    [
      ['rclone remote paths, a line each', 'rclone a:b@c\n'],
      ['rclone remote paths on one line', 'rclone a:b@ '],
      ['RESTIC_REPOSITORY remote paths', 'RESTIC_REPOSITORY=rclone:a:b@c restic x\n'],
      ['defaults that refer after a name like a secret', 'password = x ?? "$(A)" '],
      ['defaults after names of no secret', 'a = x || "b" or c: d ?? "e"\n'],
      ['empty call arguments', 'f("", '],
      ['BELs before key names in a long text', 'password\u0007: $(A)\n'],
      ['C1 CSIs before mysql -p in a long text', '\u009bmysql -p \n'],
    ],
    size,
  );

/**
 * Code read as code (attack round 42a-11: code-values.ts, code-declarations.ts) and clean YAML read as its objects
 * (42a-12: clean-objects.ts, up to 64 KiB): calls left open after a secret's name, keyword calls run on to their `)`,
 * unbalanced closes, interface members, and the YAML objects whose lines name a secret.
 */
const codeValues43 = (size = 1_000_000) =>
  described(
    [
      ['calls opening calls after a secret name', 'password=f('],
      ['keyword calls left open', 'x(password=config.get("db", '],
      ['keyword calls closed', 'x(password=config.get("db", "password")) '],
      ['prompt reads', 'pw = input("Password: ")\n'],
      ['unbalanced closes', `password=a${')'.repeat(1000)} `],
      ['interface members', 'password: string; '],
      ['volume secrets (clean YAML objects)', '- secret:\n    secretName: a\n'],
    ],
    size,
  );

/**
 * Near-misses of the round-43 false-refusal readers (43a-12, 43a-13): values read on past brackets and commas
 * (code-parameters.ts), typed defaults left open (code-defaults.ts), function headers read as YAML keys, sudoers tags,
 * placeholders and format fields, quoted rclone paths.
 */
/** Near-misses of round 45's name readers (names45: secret-name-values.ts, versioned-words.ts, name-value-pairs.ts rows). */
const secretNames45 = (size = 1_000_000) =>
  described(
    [
      ['tab pairs without a value', 'clientSecret\t\t \t'],
      ['tab pairs, long values', `clientSecret\t${'a'.repeat(60)} x\n`],
      ['dotnet options without a name', 'dotnet user-secrets set -a b -a b '],
      ['nginx directives left open', 'proxy_set_header $'],
      ['versioned words without a break', 'utf8mb4utf8mb4utf8mb4a '],
      ['object lines of quotes', `o = { webhookSecret: ${'"'.repeat(40)}\n`],
      ['labels after Secret', `${'clientSecretProdProdProd'.repeat(5)}=x\n`],
      ['Secret names of many pieces', `tlsSecret: ${'a-'.repeat(120)}tls\n`],
    ],
    size,
  );

/**
 * Near-misses of round 46's name readers (names46): labels after a name (secret-name-values.ts labelledStem), dotnet
 * options before `set`, nginx `set`/`map` literals and the headers that send them (nginx-variables.ts), object entries
 * read to their end (secret-key-lines.ts), empty defaults (code-references.ts), `secretKeys` maps (secret-key-maps.ts).
 */
const secretNames46 = (size = 1_000_000) =>
  described(
    [
      ['labels after a secret name', `${'jwtSecretV2Prod2'.repeat(8)}: x\n`],
      ['labels alone', `${'Prod2V2'.repeat(40)}=x\n`],
      ['dotnet options without set', 'dotnet user-secrets -a b --c=d -e '],
      ['nginx set without a header', 'set $t "abc";\n'],
      ['nginx sets and headers', 'set $t "abc";\nproxy_set_header Authorization "Bearer $t";\n'],
      ['nginx map blocks left open', 'map $a $b {\n  x y '],
      ['a long word in a map block', `map $a $b {\n${'a'.repeat(4000)}`],
      ['object entries left open', "o = { password: ('(["],
      ['object entries with empty defaults', "o = { password: process.env.PASSWORD ?? '' }, "],
      ['empty defaults without a read', " ?? ''"],
      ['secretKeys maps', 'secretKeys:\n  aKey: b-c\n'],
    ],
    size,
  );

const codeParameters44 = (size = 1_000_000) =>
  described(
    [
      ['defaults read on past closers', 'f(password=None'],
      ['typed defaults left open', 'password: str = "'],
      ['typed names without a default', 'a: b: c: '],
      ['function headers as keys', "def f(token=''): return token\n"],
      ['sudoers tags', '%wheel ALL=(ALL) NOPASSWD: /usr/bin/x '],
      ['angle placeholders left open', 'password: <your-password '],
      ['format fields in URLs', 'postgresql://{user}:{password}@'],
      ['quoted rclone paths', "rclone lsd 'r:b@n' "],
    ],
    size,
  );

/**
 * Near-misses of the round-44 code readers (44a-6, 44a-9): here-strings and grouped values left open after
 * ConvertTo-SecureString (securestring-arguments.ts, powershell-literals.ts), variables set to here-strings left open,
 * sensitive( calls nested and left open (sensitive-calls.ts), builder chains (call-lists.ts, list-lines.ts), lists with
 * comments, names before a call's literals, and function headers over typed empty defaults (code-headers.ts).
 */
const codeForms45 = (size = 1_000_000) =>
  described(
    [
      ['here-strings left open', "$s = ConvertTo-SecureString -AsPlainText -String @'\n"],
      ['here-strings closed', "$s = ConvertTo-SecureString @'\nx\n'@ -AsPlainText\n"],
      ['variables set to literals', "$p = 'x'\n$s = ConvertTo-SecureString $p -AsPlainText\n"],
      ['variables set to here-strings left open', "$p = @'\nConvertTo-SecureString $p -AsPlainText\n"],
      ['grouped values left open', '$s = ConvertTo-SecureString -AsPlainText -String ((((('],
      ['sensitive( nested, left open', 'sensitive(join("", [ "a", '],
      ['sensitive( heredocs left open', 'x = sensitive(<<EOT\n'],
      ['builder chains', 'Command::new("a")\n  .env("b", "c")\n  .x(\n'],
      ['names before literals', 'f(a, '],
      ['comments in lists', '[ # c\n'],
      ['function headers with typed empty defaults', "def f(password: str = ''):\n"],
    ],
    size,
  );

/**
 * 400 kB texts (or `size` characters) whose secret lines are each named (44a-14, 44a-15: secret-place.ts, text-places.ts,
 * prose-lines.ts): lines of prose after a key named like a secret, one-word values after such keys (refused, every line
 * named), and descriptor here-strings read on the next line. (Argv-style lists read as YAML take 4-6 s to judge at
 * 400 kB-1 MB before any message is built, as on main before round 45: left to the secret readers' owners.)
 */
const secretLines45 = (size = 400_000) =>
  described(
    [
      ['prose after keys named like secrets', 'the password: see the Secret named db\n'],
      ['one word after sentence keys', 'db password: Hx7qLm2vPw9\n'],
      ['here-strings read from a descriptor', "exec 3<<<'root:Hx7qLm2vPw9'\nchpasswd <&3\n"],
    ],
    size,
  );

/**
 * Near-misses of round 45's readers (45a-16, 45a-19): `key: value` lines whose pairs are looked up against the data read
 * as YAML (keyed-lines.ts), with long blank runs and keys without a colon; block headers over statements
 * (block-openers.ts); K3s tokens on many lines of one text (literal-tokens.ts, one finding per line, at most 20).
 */
const keyedLines46 = (size = 1_000_000) =>
  described(
    [
      ['pairs with long blank runs', `the password: x${' '.repeat(2000)}y\n`],
      ['keys without a colon', `the password${' x'.repeat(500)}\n`],
      ['prose pairs', 'the password: see the Secret named db\n'],
      ['block headers over statements', 'while not token:\n    token = read_token()\n'],
      ['K3s tokens on every line', `K3S_TOKEN=K10${'ab'.repeat(32)}::server:x\n`],
    ],
    size,
  );

/**
 * Near-misses of the round-45 code readers (45a-7, 45a-10, 45a-11): block comments left open in a call's arguments
 * or a list (call-lists.ts, exec-form-lists.ts), words that feed standard input after a reader's call, each with a literal or a call before it
 * (code-input.ts), Set-Variable lines and splatted hashtables left open before ConvertTo-SecureString
 * (powershell-literals.ts, powershell-splats.ts).
 */
const codeForms46 = (size = 1_000_000) =>
  described(
    [
      ['block comments left open in calls', 'f("a", /* '],
      ['block comments left open in lists', '["a", /* '],
      ['feeds after reader calls', 'exec.Command("chpasswd")\ncmd.Stdin = strings.NewReader("a:b'],
      ['feeds with calls between', 'run(["chpasswd"], x(y(z(input="a'],
      ['calls before feeds', '("a", ("b", stdin "'],
      ['Set-Variable lines', "Set-Variable -Name p -Value 'x' -Scope "],
      ['splats left open', "$a = @{ String = 'x'; AsPlainText = $true\nConvertTo-SecureString @a\n"],
    ],
    size,
  );

/**
 * Round 47 (msgs47): values read as a parameter's description (core/described-values.ts: long runs of words, a typed
 * head left open, `is` sentences) and Secret references judged field by field (core/reference-parts.ts).
 */
const describedValues47 = (size = 1_000_000) =>
  described(
    [
      ['descriptions', 'password: The password to log in with. Defaults to None.\n'],
      ['runs of words', `password: ${'word '.repeat(300)}\n`],
      ['typed heads left open', 'password: str = None '],
      ['tells without an end', 'password: the password is '],
      ['secret volumes with bad fields', 'secret: {secretName: s, items: [{key: "a!b", path: /p, mode: 9999}]}\n'],
    ],
    size,
  );

/**
 * Round 48 (docs48): docstrings (core/described-values.ts types and short descriptions, secrets-config-lines.ts
 * `@param` lines and `(type)` values, code-headers.ts whole headers), and a refused text's line found by its lines' reading.
 */
const docstrings48 = (size = 1_000_000) =>
  described(
    [
      ['typed Google parameters', 'password (str): The password.\n'],
      ['typed keys left open', 'password (str'],
      ['NumPy types then descriptions', 'password : str, optional\n    The password.\n'],
      ['Sphinx type fields', ':type password: Optional[str'],
      ['Javadoc lines left open', ' * @param {string'],
      ['Javadoc params', ' * @param password '],
      ['headers in keys', 'def f(password) -> '],
      ['refused typed parameters', 'x\n    password (str): Qw7x-Pz9!kLm\n'],
      ['descriptions wrapped over lines', 'Args:\n  password (str): The password\n    used to log in\n    with the token\n'],
    ],
    size,
  );

/** Round 47 (code47): writes through handles on a started program's standard input, and K3s tokens as joined literals. */
const codeForms47 = (size = 1_000_000) =>
  described(
    [
      ['assignments on one line', 'a=a='],
      ['handle assignments and writes', 'in, _ := cmd.StdinPipe()\nin.Write([]byte("x'],
      ['writes through one handle', 'w = p.stdin; w.write("a", '],
      ['reader calls and handle writes', 'c := exec.Command("sudo", "-S")\nin, _ := c.StdinPipe()\nin.Write([]byte("x1\\n"))\n'],
      ['popen calls left open', 'Open3.popen3("sudo", '],
      ['popen blocks', 'IO.popen("x") { |io| io.puts "a'],
      ['ProcessStartInfo properties', 'FileName = "sudo", Arguments = "-S '],
      ['token heads in literals', '"K10" '],
      ['token heads joined', "'K10abc' + '"],
      ['token heads over lines', '"K10abc"\n   '],
    ],
    size,
  );

/** SQL statements read as tokens (attack48-sql48, sql-tokens.ts): keywords without literals, unclosed quotes and comments. */
const sqlStatements48 = (size = 1_000_000) =>
  described(
    [
      ['PASSWORD words without a literal', 'ALTER ROLE a PASSWORD '],
      ['statements without a semicolon', 'CREATE USER a IDENTIFIED BY\n'],
      ['unclosed dollar quotes', 'ALTER ROLE a PASSWORD $$ x '],
      ['unclosed tagged dollar quotes', 'ALTER ROLE a PASSWORD $t$ x DO $u$ '],
      ['a comment left open', 'CREATE ROLE a /* PASSWORD '],
      ['line comments between words', 'ALTER ROLE a PASSWORD -- x\n'],
      ['unclosed quotes', "ALTER USER a PASSWORD 'x "],
      ['format calls left open', "DO $$ EXECUTE format('ALTER ROLE a PASSWORD %L %L', "],
      ['logons without a password', 'CONNECT a/'],
      ['procedure calls of commas', 'EXEC sp_addlogin , , , , '],
    ],
    size,
  );

/** Near-misses of round-48 statement heads with comments and k3s' `-t` (attack49-sql49). */
const sqlHeads49 = (size = 1_000_000) =>
  described(
    [
      ['verbs before comments', 'ALTER /* x */ CREATE -- y\n'],
      ['verbs before hash comments', 'SET # PASSWORD\nCREATE#'],
      ['verbs without objects', 'CREATE OR REPLACE PUBLIC SHARED '],
      ['verbs before long quotes', "CONNECT 'a "],
      ['k3s -t without values', 'k3s agent -t '],
      ['k3s options without -t', 'k3s server -s x '],
      ['install lines', 'curl -sfL https://get.k3s.io | sh -s - server -x y '],
      ['install script arguments left open', "INSTALL_K3S_EXEC='agent -t "],
      ['k3s images', 'rancher/k3s:v1 agent -t '],
    ],
    size,
  );

/** Near-misses of round-48 SQL forms and clients (attack49-sql50): T-SQL variables, joins, procedures, JDBC, HTTPie. */
const sqlForms50 = (size = 1_000_000) =>
  described(
    [
      ['T-SQL declarations without a literal', 'DECLARE @pw NVARCHAR(50) = N, @a x(9) = PASSWORD '],
      ['T-SQL assignments left open', "SET @pw = N'PASSWORD "],
      ['commas before variables', ', @a , @b = , @c int = '],
      ['joins without a literal', "EXECUTE 'ALTER ROLE a PASSWORD ' || || + quote_literal( "],
      ['procedure calls of commas', 'EXEC sp_setapprole , , , , {Encrypt '],
      ['Oracle JDBC heads', 'jdbc:oracle:thin:a/b'],
      ['Oracle JDBC heads without a logon', 'jdbc:oracle:thin:@'],
      ['HTTP prose', 'HTTP -a x -A bearer '],
      ['isql words', 'isql a b '],
    ],
    size,
  );

/** Near-misses of round-49 readers and lists (attack49-false50): cmd's set /p, typed values, templates, k3s word lists. */
const readersAndLists50 = (size = 1_000_000) =>
  described(
    [
      ['set /p prompts left open', 'set /p DB_PASSWORD=Enter the '],
      ['set /p quoted, never closed', 'set /p "PW=a '],
      ['typed heads before calls', 'password: str = Field(..., '],
      ['Ellipses and symbols', 'pwd: f(..., &:gets, ..., '],
      ['templates left open', 'password: "{{ a.b | c '],
      ['k3s lists without -t', '["k3s", "agent", "-x", '],
      ['k3s lists of commas', '[k3s,,,,,,,, '],
      ['openers before blanks', `[${' '.repeat(200)}`],
    ],
    size,
  );

/** Near-misses of the round-47 stdin writers (attack48-stdin48): pexpect, PHP, Perl, os.popen, groups given a descriptor, password files. */
const stdinForms48 = (size = 1_000_000) =>
  described(
    [
      ['group closings given descriptors', '} 3<<< x'],
      ['group closings with redirections', '} 2>/dev/null >&2 <x 1>y 3<x '],
      ['group closings without openings', ") 3<<< 'a' chpasswd <&3 "],
      ['groups reading descriptors', "{ chpasswd <&3; } 3<<< 'root:x1'\n"],
      ['perl opens and prints', 'open(FH, "| sudo -S true"); print FH "a'],
      ['perl opens without parentheses', 'open my $fh, "|-", "a", "b", "c", "d", "e'],
      ['php proc_open calls left open', 'proc_open("sudo -S true", [[[(((, $p'],
      ['php writes', 'fwrite($pipes[0], "x'],
      ['popen writes', 'os.popen("sudo -S true", "w").write("x'],
      ['pexpect expects and sends', 'child.expect("password")\nchild.sendline("x1")\n'],
      ['pexpect sends without expect', 'c.sendline("a'],
      ['password files written and read', "echo 'x1' > /tmp/v; a --password-file /tmp/v "],
    ],
    size,
  );

/** Near-misses of the round-48 stdin writers and indirect names (attack49-stdin50). */
const stdinForms50 = (size = 1_000_000) =>
  described(
    [
      ['print calls without file=', 'print("a", end="") '],
      ['print calls left open', 'print(\'a print("b '],
      ['print calls given files', 'p = subprocess.Popen(["chpasswd"], stdin=PIPE)\nprint("a:b", file=p.stdin)\n'],
      ['open2 calls', 'open2(my $o, my $i, "chpasswd"); print $i "a:b", "c", '],
      ['php popen writes', '$h = popen("chpasswd", "w"); fwrite($h, "a:b", '],
      ['printf lists left open', 'printf $fh "%s", "a'],
      ['vault ids', "echo 'x1' > /tmp/v; a --vault-id p@/tmp/v "],
      ['file: passwords', "echo 'x1' > /tmp/v; openssl rsa -passin file:/tmp/v "],
      ['option files with password lines', "printf 'password=x1\\n' > /tmp/c; a --defaults-file=/tmp/c "],
      ['groups of filters', "echo 'a:b' | { cat; } | "],
      ['groups left open', '| { cat; cat; cat; '],
      ['indirect names', 'n=DB_PASSWORD; declare "$n=a" '],
      ['indirect declares without names', 'declare "$n=a '],
      ['printf -v of elements', "printf -v 'PW[0]' '%s' 'a' "],
      ['name references', 'declare -n r=DB_PASSWORD; r=a '],
    ],
    size,
  );

/**
 * Round 48 (formats48): tables under a secret column (core/table-columns.ts), properties/ipsec.secrets/routing lines
 * (core/pasted-config-lines.ts), Bearer values, and K3s tokens joined by lists, formats, calls and interpolation.
 */
const pastedFormats48 = (size = 1_000_000) => [
  ['one header, many rows', `user,password\n${repeatTo('bob,x1\n', size)}`],
  ['one Markdown header, many rows', `| user | token |\n|---|---|\n${repeatTo('| bob | x1 |\n', size)}`],
  ...described(
    [
      ['CSV headers with a secret column', 'user,password\n'],
      ['long CSV rows', 'a,'],
      ['Markdown rows', '| token | x |\n'],
      ['TSV headers', 'token\tname\n'],
      ['properties lines of prose', 'db.password The word '],
      ['dotted names without values', 'a.b.password '],
      ['ipsec selectors', 'a : PSK '],
      ['colons before types', ': : : PSK'],
      ['routing neighbors', ' neighbor 10.0.0.1 password '],
      ['ospf6 authentication left open', 'ipv6 ospf6 authentication key-id 1 '],
      ['Bearer words', 'Bearer abc1 '],
      ['token heads in lists', '"K10abc", '],
      ['token heads after formats', '"%s::server:%s" % ("K10abc", '],
      ['token heads after joins', '"::".join(["K10", '],
      ['interpolated hashes', '"K10" f"{h}::server:'],
      ['calls that append', '"K10abc").append('],
    ],
    size,
  ),
];

/**
 * Round 49 (tables50): CSV rows with quotes that never close after a secret column's header, rst simple tables'
 * borders and rows, grid borders between Markdown rows, and properties lines continued over line breaks.
 */
const tables50 = (size = 1_000_000) => [
  ['unclosed quotes after a header', `user,note,password\n${repeatTo('bob,"x1,y\n', size)}`],
  ['quoted cells over lines after a header', `user,note,password\n${repeatTo('bob,"x1\ny",z\n', size)}`],
  ['one rst simple table, many rows', `====  ====\nuser  password\n====  ====\n${repeatTo('bob   x1\n', size)}`],
  ['one grid header, many borders', `| user | token |\n${repeatTo('+----+----+\n| a | x1 |\n', size)}`],
  ['one properties line continued', `db.pass\\\n${repeatTo(' word\\\n', size)}`],
  ...described(
    [
      ['rst borders', '====  ====\n'],
      ['rst borders and headers', '====  ====\npassword  token\n'],
      ['escaped pipes', '| token | x \\| '],
      ['quoted header cells', '"a, b",password\n'],
      ['continued key heads', 'db.pass\\\n'],
      ['backslash runs', '\\\\\\\n'],
    ],
    size,
  ),
];

/**
 * Round 49 (netdev50): network devices' config lines (core/device-config-lines.ts): lines of keywords without a value,
 * long lines of words, many lines, long blank runs, modifiers that never end.
 */
const deviceLines50 = (size = 1_000_000) => [
  ['one long line of key words', repeatTo('tacacs-server key ', size)],
  ['a long line of modifiers', `pre-shared-key ${repeatTo('local ascii-text 1 md5 ', size)}`],
  ['a long blank run after a keyword', `enable password${' '.repeat(size)}x`],
  ...described(
    [
      ['enable password lines without values', 'enable password\n'],
      ['snmp communities of defaults', 'snmp-server community public RO\n'],
      ['server blocks of bare keys', 'radius server R\n key\n'],
      ['authentication modes', ' standby 1 authentication md5 key-chain K\n'],
      ['lines of 64 words', `set ${'key '.repeat(70)}\n`],
      ['type digits without values', 'username u secret 7 \n'],
      ['lower-case ipsec types', ': psk '],
    ],
    size,
  ),
];

/**
 * Round 49 (lits50): string literals of languages under a secret name (core/literal-forms.ts, literal-bodies.ts):
 * openers that never close, names and types without literals, heredoc markers never ended, nested delimiters.
 */
const literalForms49 = (size = 1_000_000) =>
  described(
    [
      ['verbatim openers left open', 'password = @"a'],
      ['names then operators', 'password = '],
      ['assignments chained', 'password=@'],
      ['typed names without literals', "let password: &'static str = "],
      ['long types', `password: ${'a'.repeat(60)} `],
      ['Go types without values', 'password string '],
      ['text blocks never closed', 'password = """\n'],
      ['text blocks closed at once', 'password = """"""\n'],
      ['raw strings never closed', 'password = r##"a"#'],
      ['C++ raw strings never closed', 'password = R"xy(a)x"'],
      ['heredocs never ended', 'password = <<<EOT\nx\n'],
      ['Perl here-docs never ended', 'password = <<~EOT;\n'],
      ['Perl quotes nested', 'password = q{{{'],
      ['Perl quotes never closed', 'password = q/a'],
      ['Lua long strings never closed', 'password = [==[a]=]'],
      ['Ruby percent literals left open', 'password = %q('],
      ['prefixed quotes with escapes', 'password = L"\\\\'],
      ['interpolations', 'password = $"{a}{b}${c}#{d}\\(e)%s'],
    ],
    size,
  );

module.exports = {
  literalForms49,
  tables50,
  readersAndLists50,
  deviceLines50,
  sqlStatements48,
  sqlHeads49,
  sqlForms50,
  docstrings48,
  stdinForms48,
  stdinForms50,
  pastedFormats48,
  describedValues47,
  codeForms47,
  keyedLines46,
  codeForms46,
  codeForms45,
  secretLines45,
  codeParameters44,
  secretNames45,
  secretNames46,
  codeValues43,
  controlTexts42,
  gapTexts42b,
  droppedLists37,
  tokenShapes34a,
  commentLines31a,
  aliasBomb,
  deepLongYaml,
  escapedQuotes,
  keyShapes27a,
  keyShapes28a,
  keyShapes29a,
  keyShapes30a,
  lineScanTexts,
  nestedQuoted,
  noBlanks,
  noSecretTexts,
  privateKeyTexts,
  redirectCycle,
  scannerRuns32a,
  bracketLines33a,
  bigTexts35,
  commandLists41,
  mixedEscapes35,
  thousandsOfSecrets,
  urlForms,
  wordStarts,
  yamlishLines,
};
