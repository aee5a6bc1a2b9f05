// Hostile inputs, rounds 34 to 49 (scripts/hostile-inputs.js says what they are for).
'use strict';
const { described } = require('./text-units');

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

module.exports = {
  tokenShapes34a,
  droppedLists37,
  controlTexts42,
  gapTexts42b,
  codeValues43,
  secretNames45,
  secretNames46,
  codeParameters44,
  codeForms45,
  secretLines45,
  keyedLines46,
  codeForms46,
  describedValues47,
  docstrings48,
  codeForms47,
  sqlStatements48,
  sqlHeads49,
};
