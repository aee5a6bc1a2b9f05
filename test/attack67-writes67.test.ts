// Round 67 (writes67): 67a-6 (Python `with open` blocks, `write_bytes`, `print(file=)`), 67a-7 (PowerShell
// WriteAllText, Add-Content/Set-Content with bare values, Out-File -InputObject, `'…' > path`), 67a-8 (Go, Ruby, Java,
// C#, Rust, PHP, Node with path.join), 67a-9 (a literal piped into a remote shell that writes the file), 67a-10
// (`echo "${X-$(echo x)}" > file`), 67a-11 and 67a-24 (cloud-init gz+b64 content is inflated and judged, and named as a
// file write, not an AWS key). Refused rows name the key path and never show the secret.
import { gzipSync } from 'node:zlib';
import { acceptedEverywhere, refusedAtTextDoors, refusedEverywhere, textConfigMap } from './secret-doors';
import { valuesDoors } from './helpers';
import { cpuMillisSince } from './cpu-time';

const TOKEN = 'Zq8xVt3LpR9mWk2s';
const FILE = 'file named like a secret';
const K3S = '/etc/rancher/k3s/cluster-token';

// [row, the text, the secret it holds (never shown), what a message names]
const ONE_LINE: ReadonlyArray<readonly [string, string, string, string]> = [
  ['67a-6 Python Path.write_bytes', `Path("/run/secrets/db").write_bytes(b"${TOKEN}")`, TOKEN, FILE],
  ['67a-6 Python print(file=open())', `print("${TOKEN}", file=open("/etc/app/db_password", "w"))`, TOKEN, FILE],
  ['67a-7 [IO.File]::WriteAllText', `[IO.File]::WriteAllText('C:\\app\\db_password.txt', '${TOKEN}')`, TOKEN, FILE],
  ['67a-7 [System.IO.File]::AppendAllText', `[System.IO.File]::AppendAllText("C:\\app\\token.txt", "${TOKEN}")`, TOKEN, FILE],
  ['67a-7 Add-Content bare value', `Add-Content -Path C:\\app\\db_password.txt -Value ${TOKEN}`, TOKEN, FILE],
  ['67a-7 Set-Content positional', `Set-Content C:\\app\\db_password.txt ${TOKEN}`, TOKEN, FILE],
  ['67a-7 Set-Content -Value first', `Set-Content -Value ${TOKEN} -Path C:\\app\\api.key -Force`, TOKEN, FILE],
  ['67a-7 Out-File -InputObject', `Out-File -FilePath C:\\app\\db_password.txt -InputObject '${TOKEN}'`, TOKEN, FILE],
  ['67a-7 Out-File -InputObject first', `Out-File -InputObject "${TOKEN}" -Encoding ascii C:\\app\\token.txt`, TOKEN, FILE],
  ["67a-7 '…' > path", `'${TOKEN}' > C:\\app\\db_password.txt`, TOKEN, FILE],
  ["67a-7 Write-Output '…' >> path", `Write-Output "${TOKEN}" >> C:\\app\\token.txt`, TOKEN, FILE],
  ['67a-8 Go os.WriteFile', `os.WriteFile("/etc/app/db_password", []byte("${TOKEN}"), 0600)`, TOKEN, FILE],
  ['67a-8 Go filepath.Join', `os.WriteFile(filepath.Join(dir, "token"), []byte("${TOKEN}"), 0o600)`, TOKEN, FILE],
  ['67a-8 Ruby File.write', `File.write("/etc/app/db_password", "${TOKEN}")`, TOKEN, FILE],
  ['67a-8 Ruby IO.write', `IO.write('/run/secrets/api', '${TOKEN}')`, TOKEN, FILE],
  ['67a-8 Java Files.writeString', `Files.writeString(Path.of("/etc/app/db_password"), "${TOKEN}");`, TOKEN, FILE],
  ['67a-8 Java Files.write getBytes', `Files.write(Paths.get("/etc/app/api.key"), "${TOKEN}".getBytes());`, TOKEN, FILE],
  ['67a-8 C# File.WriteAllText', `File.WriteAllText(@"C:\\app\\db_password.txt", "${TOKEN}");`, TOKEN, FILE],
  ['67a-8 C# Path.Combine', `File.WriteAllText(Path.Combine(dir, "token.txt"), "${TOKEN}");`, TOKEN, FILE],
  ['67a-8 Rust fs::write', `std::fs::write("/etc/app/db_password", "${TOKEN}")?;`, TOKEN, FILE],
  ['67a-8 PHP file_put_contents', `file_put_contents('/etc/app/db_password', '${TOKEN}');`, TOKEN, FILE],
  ['67a-8 Node path.join(dir, name)', `fs.writeFileSync(path.join(dir, 'db_password'), '${TOKEN}')`, TOKEN, FILE],
  ['67a-8 Node path.join(/run/secrets)', `fs.writeFileSync(path.join('/run/secrets', 'token'), '${TOKEN}')`, TOKEN, FILE],
  ['67a-9 echo | ssh sudo tee', `echo ${TOKEN} | ssh host 'sudo tee ${K3S}'`, TOKEN, FILE],
  ['67a-9 printf | ssh cat >', `printf ${TOKEN} | ssh host 'cat > /etc/app/db_password'`, TOKEN, FILE],
  ['67a-9 echo | kubectl exec sh -c', `echo ${TOKEN} | kubectl exec -i pod -- sh -c 'cat > /run/secrets/db_password'`, TOKEN, FILE],
  ['67a-9 echo | docker exec tee', `echo ${TOKEN} | docker exec -i app tee /run/secrets/api >/dev/null`, TOKEN, FILE],
  ['67a-9 echo | ssh dd of=', `echo ${TOKEN} | ssh root@host "dd of=${K3S}"`, TOKEN, FILE],
  ['67a-10 echo "${X-$(echo …)}" >', `echo "\${X-$(echo ${TOKEN})}" > /etc/app/db_password`, TOKEN, FILE],
  ['67a-10 echo ${X:-$(printf …)} | tee', `echo \${X:-$(printf '%s' ${TOKEN})} | sudo tee ${K3S}`, TOKEN, FILE],
];

const gz64 = (text: string): string => gzipSync(Buffer.from(text)).toString('base64');
// Files laid down over several lines (ConfigMap text, env value).
const MULTI_LINE: ReadonlyArray<readonly [string, string, string]> = [
  ['67a-6 Python with open … as f: f.write', `with open("/etc/app/db_password", "w") as f:\n    f.write("${TOKEN}")`, TOKEN],
  ['67a-6 Python with open, print(file=f)', `with open('/run/secrets/api', 'w') as out:\n    print('${TOKEN}', file=out)`, TOKEN],
  ['67a-6 Python f = open; f.write', `f = open("token.txt", "wb")\nf.write(b"${TOKEN}")\nf.close()`, TOKEN],
  [
    '67a-11 cloud-init gz+b64',
    `write_files:\n  - path: /etc/app/db_password\n    encoding: gz+b64\n    content: ${gz64(TOKEN)}`,
    gz64(TOKEN),
  ],
  [
    '67a-11 cloud-init gzip+base64',
    `write_files:\n  - path: ${K3S}\n    encoding: gzip+base64\n    content: ${gz64(`${TOKEN}\n`)}`,
    gz64(`${TOKEN}\n`),
  ],
];

const PASSES = [
  // References, command output and placeholders written into secret files.
  'with open("/run/secrets/db", "w") as f:\n    f.write(os.environ["DB_PASSWORD"])',
  'with open("/etc/app/db_password", "w") as f:\n    f.write(password)',
  'print(token, file=open("/etc/app/token", "w"))',
  'os.WriteFile("/etc/app/db_password", []byte(os.Getenv("PW")), 0600)',
  'File.write("/etc/app/db_password", ENV["PW"])',
  'Files.writeString(Path.of("/etc/app/api.key"), key);',
  'File.WriteAllText(@"C:\\app\\token.txt", token);',
  'std::fs::write("/etc/app/db_password", pw)?;',
  "file_put_contents('/etc/app/db_password', $pw);",
  "file_put_contents('/etc/app/db_password', '<password>');",
  'File.write("/etc/app/token", "Bearer " + token)',
  "fs.writeFileSync(path.join(dir, 'token'), process.env.TOKEN)",
  'Add-Content -Path C:\\app\\db_password.txt -Value $env:DB_PASSWORD',
  'Set-Content C:\\app\\token.txt (Get-Random)',
  'Out-File -FilePath C:\\app\\token.txt -InputObject $token',
  "'$token' > C:\\app\\token.txt",
  `openssl rand -hex 32 | ssh host 'sudo tee ${K3S}'`,
  `echo "$TOKEN" | ssh host 'sudo tee ${K3S}'`,
  'echo "${X-$(cat /run/pw)}" > /etc/app/db_password',
  'echo "${X-$(echo "$PW")}" > /etc/app/db_password',
  // Status and log files; ordinary files.
  "Add-Content -Path C:\\logs\\password-rotation.log -Value 'rotated'",
  'os.WriteFile("/tmp/token-perms.ok", []byte("ok"), 0644)',
  "with open('/var/log/app.log', 'a') as f:\n    f.write('started')",
  'echo hello | ssh host "cat > /tmp/motd"',
  "'hello' > C:\\temp\\notes.txt",
  `write_files:\n  - path: /etc/motd\n    encoding: gz+b64\n    content: ${gz64('hello world\n')}`,
  `write_files:\n  - path: /etc/app/api.key\n    encoding: gz+b64\n    content: ${gz64('hello world\n')}`,
];

describe('67a-6 to 67a-10: literals a program, a cmdlet or a remote shell writes into secret files', () => {
  refusedAtTextDoors(ONE_LINE);
  test.each(MULTI_LINE)('%s (ConfigMap text, env value)', (_, text, secret) => {
    refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret);
    refusedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }, 'env[0]', secret);
    expect(valuesDoors.config(textConfigMap(text))).toContain(FILE);
  });
});

describe('67a-24: gz+b64 content is named for what it is', () => {
  it('a gzip stream of 40 base64 characters is a file write, not an AWS key', () => {
    const content = 'H4sIAAAAAAAAA4vItswNNCqrCjAHAOkOm+4KAAAA';
    const message = valuesDoors.config(
      textConfigMap(`write_files:\n  - path: /etc/app/db_password\n    encoding: gz+b64\n    content: ${content}`),
    );
    expect(message).toContain('extraObjects[0].data');
    expect(message).toContain(FILE);
    expect(message).not.toContain('AWS');
    expect(message).not.toContain(content);
  });
});

describe('references, commands, placeholders, status files and ordinary files pass at every door', () => {
  test.each(PASSES)('%j', (text) => acceptedEverywhere(textConfigMap(text)));
});

describe('hostile texts are read in linear time (100 kB)', () => {
  it.each([
    ['WriteFile calls', 'os.WriteFile(path.join('.repeat(6_000)],
    ['open blocks', 'with open("token", "w") as f:\n'.repeat(3_000)],
    ['cmdlets', 'Add-Content -Path '.repeat(6_000)],
    ['redirects', `;${' '.repeat(100_000)}`],
    ['quoted redirects', "'a' >".repeat(20_000)],
    ['remote pipes', 'echo a | ssh '.repeat(8_000)],
    ['command defaults', 'echo "${X-$(echo '.repeat(5_000)],
  ])('%s', (_, text) => {
    const start = process.cpuUsage();
    try {
      acceptedEverywhere(textConfigMap(text));
    } catch {
      // Either verdict: only the time matters here.
    }
    expect(cpuMillisSince(start)).toBeLessThan(20_000);
  });
});
