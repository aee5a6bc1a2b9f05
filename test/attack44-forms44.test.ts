import { secretsInLines, secretShape } from '../src/core/secrets';
import { acceptedEverywhere, shownInDiff } from './secret-doors';
import { configMapOf, judgedOnce, refusedAtTextDoors, refusedEverywhere, refusedTextRows, textDoors } from './secret-tables';

/**
 * Round-43 findings 43a-6 (camelCase names ending in `Secret` in every line format, as a map's keys are), 43a-9
 * (ConvertTo-SecureString's parameters in any order), 43a-10 (Terraform sensitive()/nonsensitive() with the literal on
 * the next lines) and 43a-11 (program lists and call arguments over several lines; a YAML `argv:` block list).
 */
const S = 'Zq9xW7pLm3Tr';

/** 43a-6: a value set under the name in a line format (no secret shape of its own: judged by the name). */
const named: ReadonlyArray<readonly [string, string]> = [
  ['.properties JwtSecret=', `JwtSecret=${S}`],
  ['.properties sessionSecret=', `sessionSecret=${S}`],
  ['.properties cookieSecret=', `cookieSecret=${S}`],
  ['INI appSecret =', `[a]\nappSecret = ${S}`],
  ['INI AppSecret =', `[a]\nAppSecret = ${S}`],
  ['JS const webhookSecret = "…"', `const webhookSecret = "${S}";`],
  ['XML <add key="ApiSecret" value="…"/>', `<appSettings>\n  <add key="ApiSecret" value="${S}" />\n</appSettings>`],
  [
    'XML <add key="apiSecret" …/> after another line',
    `<appSettings>\n  <add key="Mode" value="x" />\n  <add key="apiSecret" value="${S}" />\n</appSettings>`,
  ],
  ['.env jwtSecret=', `PORT=8080\njwtSecret=${S}`],
];

describe('43a-6: names ending in Secret set a secret in every line format', () => {
  const doors = judgedOnce(() => textDoors(named.map(([, text]) => text)));
  test.each(named.map(([name, text], i) => [name, text, i] as const))('%s is refused at every door, shown nowhere', (_, text, i) => {
    refusedAtTextDoors(doors(), i, S);
    expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(S);
  });

  test('every secret line of an XML text is found, the <add key="ApiSecret"> one too', () => {
    const text = `<c>\n  <password>Ab1xY9kk2wQ7</password>\n  <token>Tq8pW2mZ4rN6</token>\n  <add key="ApiSecret" value="${S}" />\n</c>`;
    expect(secretsInLines(text)).toEqual(expect.arrayContaining(['Ab1xY9kk2wQ7', 'Tq8pW2mZ4rN6', S]));
  });
});

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 43a-9
  ['-AsPlainText -Force -String', `$s = ConvertTo-SecureString -AsPlainText -Force -String '${S}'`, S],
  ['-AsPlainText -Force then a positional', `$s = ConvertTo-SecureString -AsPlainText -Force '${S}'`, S],
  ['-AsPlainText -String … -Force', `$s = ConvertTo-SecureString -AsPlainText -String '${S}' -Force`, S],
  ['inside [pscredential]::new', `$c = [pscredential]::new('bob', (ConvertTo-SecureString -AsPlainText -Force -String '${S}'))`, S],
  ['-AsPlain -Str: prefixes', `$s = ConvertTo-SecureString -AsPlain -Force -Str "${S}"`, S],
  ['-String:"…" after -AsPlainText', `$s = ConvertTo-SecureString -AsPlainText -String:"${S}" -Force`, S],
  // 43a-10
  ['sensitive( over lines', `locals {\n  x = sensitive(\n    "${S}"\n  )\n}`, S],
  ['nonsensitive( over lines in an output', `output "x" {\n  value = nonsensitive(\n    "${S}"\n  )\n}`, S],
  ['sensitive( over CRLF lines', `locals {\r\n  x = sensitive(\r\n    "${S}"\r\n  )\r\n}`, S],
  // 43a-11
  ['subprocess.run([ an item a line, a trailing comma', `subprocess.run([\n    'redis-cli',\n    '-a',\n    '${S}',\n])`, S],
  ['Go exec.Command( over lines', `cmd := exec.Command("mysql",\n  "-uroot",\n  "-p${S}")`, S],
  ['JS spawn( with a list over lines', `spawn('redis-cli', [\n  '-a',\n  '${S}',\n])`, S],
  ['Ruby system( over lines', `system('sshpass',\n  '-p', '${S}', 'ssh', 'h')`, S],
  ['a one-line list with a trailing comma', `subprocess.run(["sshpass", "-p", "${S}", "ssh", "h",])`, S],
];

describe('43a-9/10/11: PowerShell in any order, Terraform sensitive( over lines, lists and calls over lines', () => {
  refusedTextRows(refused);
});

describe('43a-11: a YAML block list under argv or cmd is a command line', () => {
  test.each([
    ['Ansible argv:', `- command:\n    argv:\n      - sshpass\n      - -p\n      - ${S}\n      - ssh`],
    ['cmd:', `run:\n  cmd:\n    - redis-cli\n    - -a\n    - ${S}`],
  ])('%s is refused, shown nowhere', (_, text) => {
    refusedEverywhere(configMapOf({ 'play.yml': text }), S);
  });
});

const ordinary = [
  // 43a-6
  'webhookSecret=${WEBHOOK_SECRET}',
  'const appSecret = process.env.APP_SECRET;',
  'existingSecret=traefik-auth',
  'imagePullSecrets=regcred',
  'useSecret=true',
  // 43a-9
  '$s = ConvertTo-SecureString -AsPlainText -Force -String $env:PW',
  '$s = ConvertTo-SecureString -AsPlainText -Force $plain',
  '$s = ConvertTo-SecureString $encrypted -Key $key',
  '$s = ConvertTo-SecureString -String $enc -SecureKey $k',
  '$s = Get-Content pw.txt | ConvertTo-SecureString -AsPlainText -Force',
  // 43a-10
  'locals {\n  x = sensitive(\n    var.pw\n  )\n}',
  'output "x" {\n  value = nonsensitive(\n    data.x.y\n  )\n}',
  // 43a-11
  "subprocess.run([\n    'ls',\n    '-la',\n])",
  'cmd := exec.Command("ls",\n  "-la",\n  "/tmp")',
  "spawn('redis-cli', [\n  '-a',\n  process.env.REDIS_PW,\n])",
  "system('sshpass',\n  '-f', '/run/pw', 'ssh', 'h')",
  'print("a",\n  "b")',
  '- command:\n    argv:\n      - ls\n      - -la',
  '- command:\n    argv:\n      - sshpass\n      - -f\n      - /run/pw\n      - ssh',
];

describe('round-43 forms: ordinary code and commands are accepted', () => {
  test.each(ordinary)('%s is accepted', (text) => {
    expect(secretShape(text)).toBeUndefined();
  });
  test('all of them are accepted at every door', () => {
    acceptedEverywhere(textDoors(ordinary));
  });
});
