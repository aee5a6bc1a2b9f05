// Hostile inputs, rounds 4 to 41 (scripts/hostile-inputs.js says what they are for).
'use strict';
const { described, indexed, repeatTo, scaled, units } = require('./text-units');

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

/** A deep, long YAML text of `lines` lines whose last line holds the secret `v<lines - 1>` (secrets-attack5). */
const deepLongYaml = (lines = 40_000) => [
  [
    `${lines.toLocaleString('en-US')} lines`,
    Array.from({ length: lines }, (_, i) => `${' '.repeat(i % 200)}k${i}: {Authorization: drop, token: v${i}}`).join('\n'),
  ],
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
 * spelling of such text, 1.5 bytes a character), under the 1 MiB bound; at the 240,000 characters of the bench the
 * HelmChartConfig holding it stays under etcd's 1.5 MiB (640,000, the size until round 61, renders to 3.5 MB of JSON,
 * which the write gate now refuses: 61b-8).
 */
const bigTexts35 = (size = 240_000) => {
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
 * content's characters; all are written (the config holds them as JSON, under the 1 MiB bound, and its HelmChartConfig
 * under etcd's 1.5 MiB at the bench's 300,000 characters: 800,000 until round 61, refused since: 61b-8).
 */
const mixedEscapes35 = (size = 300_000) => {
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

module.exports = {
  redirectCycle,
  thousandsOfSecrets,
  lineScanTexts,
  deepLongYaml,
  keyShapes29a,
  keyShapes28a,
  keyShapes27a,
  keyShapes30a,
  bracketLines33a,
  commandLists41,
  bigTexts35,
  mixedEscapes35,
  scannerRuns32a,
  escapedQuotes,
  aliasBomb,
  noSecretTexts,
  privateKeyTexts,
  noBlanks,
  wordStarts,
  nestedQuoted,
  yamlishLines,
  urlForms,
  commentLines31a,
};
