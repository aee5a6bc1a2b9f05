// Round 68 (fix67w): literals still written into secret files after round 67. 67w-1 (a here-doc into `dd of=`,
// `install|cp /dev/stdin`, `sponge`, also on the far side of `ssh`/`kubectl exec`), 67w-2 (Python `json.dump` of a
// literal, inline or bound to a name, into a file opened by a quoted, bound or secret-named path), 67w-3 (Java, C#, Go
// and Node writers opened on a secret file, then written by name), 67w-4 (PowerShell `New-Item -Value`, `Tee-Object`,
// a literal piped into a cmdlet), 67w-5 (a write anywhere in the block its file was opened in, however far), 67w-6
// (Ansible's copy and cloud-init's write_files as flow mappings or JSON). Refused rows name the key path and never show
// the secret; their neighbours (references, generated values, templates, other files, other blocks) pass.
import { secretFileWriteSpans } from '../src/core/secret-file-writes';
import { acceptedEverywhere, refusedAtTextDoors, refusedEverywhere, textConfigMap } from './secret-doors';
import { valuesDoors } from './helpers';
import { cpuMillisSince } from './cpu-time';

const TOKEN = 'Zq8xVt3LpR9mWk2s';
const SHORT = 'K10abc123def456token';
const FILE = 'file named like a secret';
const K3S = '/etc/rancher/k3s/token';
const B64 = Buffer.from(TOKEN).toString('base64');
const lines = (n: number, indent: string) => Array.from({ length: n }, (_, i) => `${indent}step_${i}()\n`).join('');

// [row, the text, the secret it holds (never shown), what a message names]
const ONE_LINE: ReadonlyArray<readonly [string, string, string, string]> = [
  ['67w-2 json.dump(string, open())', `json.dump("${TOKEN}", open("/etc/app/db_password", "w"))`, TOKEN, FILE],
  ['67w-2 json.dump({neutral key}, open())', `json.dump({"value": "${TOKEN}"}, open("/run/secrets/app", "w"))`, TOKEN, FILE],
  ['67w-2 yaml.safe_dump(list, open())', `yaml.safe_dump({"auth": ["${TOKEN}"]}, open("/etc/app/credentials.yaml", "w"))`, TOKEN, FILE],
  ['67w-2 one-line with: json.dump', `with open("${K3S}", "w") as f: json.dump("${TOKEN}", f)`, TOKEN, FILE],
  ['67w-3 Java new FileWriter().append', `new FileWriter("${K3S}").append("${TOKEN}").close();`, TOKEN, FILE],
  ['67w-3 Java try (FileWriter w) { w.write }', `try (FileWriter w = new FileWriter("${K3S}")) { w.write("${TOKEN}"); }`, TOKEN, FILE],
  ['67w-3 Java PrintWriter println', `PrintWriter out = new PrintWriter("/etc/app/db_password"); out.println("${TOKEN}");`, TOKEN, FILE],
  ['67w-3 Java Files.writeString (round 67)', `Files.writeString(Path.of("${K3S}"), "${TOKEN}");`, TOKEN, FILE],
  ['67w-4 New-Item -Path -Value', `New-Item -Path C:\\k3s\\token -Value '${TOKEN}'`, TOKEN, FILE],
  ['67w-4 New-Item -ItemType first', `New-Item -ItemType File -Path C:\\etc\\rancher\\k3s\\token -Value "${TOKEN}" -Force`, TOKEN, FILE],
  ['67w-4 New-Item positional path', `New-Item C:\\app\\db_password.txt -ItemType File -Value ${TOKEN}`, TOKEN, FILE],
  ['67w-4 New-Item -Path dir -Name file', `New-Item -Path C:\\k3s -Name token -ItemType File -Value '${TOKEN}'`, TOKEN, FILE],
  ["67w-4 '…' | Tee-Object -FilePath", `'${TOKEN}' | Tee-Object -FilePath C:\\k3s\\token`, TOKEN, FILE],
  ['67w-4 Write-Output | Tee-Object positional', `Write-Output "${TOKEN}" | Tee-Object C:\\app\\token.txt -Append`, TOKEN, FILE],
  ['67w-4 Tee-Object -InputObject', `Tee-Object -FilePath C:\\app\\db_password.txt -InputObject '${TOKEN}'`, TOKEN, FILE],
  ["67w-4 '…' | Set-Content", `'${TOKEN}' | Set-Content -Path C:\\app\\token.txt`, TOKEN, FILE],
  ["67w-4 '…' | New-Item", `'${TOKEN}' | New-Item -Path C:\\app\\api.key -ItemType File`, TOKEN, FILE],
  ['67w-6 Ansible copy flow mapping', `- copy: {dest: ${K3S}, content: ${TOKEN}, mode: "0600"}`, TOKEN, FILE],
  ['67w-6 ansible.builtin.copy content first', `- ansible.builtin.copy: {content: "${TOKEN}", dest: /etc/app/api.key}`, TOKEN, FILE],
  ['67w-6 write_files as JSON', `{"write_files": [{"path": "${K3S}", "content": "${TOKEN}", "permissions": "0600"}]}`, TOKEN, FILE],
  ['67w-6 write_files JSON b64', `{"write_files": [{"path": "/etc/app/db_password", "encoding": "b64", "content": "${B64}"}]}`, B64, FILE],
];

// Files laid down over several lines (ConfigMap text, env value).
const MULTI_LINE: ReadonlyArray<readonly [string, string, string]> = [
  [
    '67w-1 ssh bash -s here-doc: echo > token',
    `ssh root@10.0.0.2 'bash -s' <<'EOF'\nset -e\necho ${SHORT} > ${K3S}\nsystemctl restart k3s-agent\nEOF`,
    SHORT,
  ],
  ['67w-1 ssh sudo tee here-doc', `ssh root@10.0.0.2 sudo tee ${K3S} <<EOF\n${SHORT}\nEOF`, SHORT],
  ['67w-1 ssh sudo dd of= here-doc', `ssh root@10.0.0.2 sudo dd of=${K3S} <<EOF\n${TOKEN}\nEOF`, TOKEN],
  ['67w-1 ssh install /dev/stdin here-doc', `ssh host 'sudo install -m 600 /dev/stdin ${K3S}' <<'EOF'\n${TOKEN}\nEOF`, TOKEN],
  ['67w-1 ssh cp /dev/stdin here-doc', `ssh host sudo cp /dev/stdin /run/secrets/db_password <<EOF\n${TOKEN}\nEOF`, TOKEN],
  ['67w-1 ssh sponge here-doc', `ssh host "sudo sponge ${K3S}" <<EOF\n${TOKEN}\nEOF`, TOKEN],
  ['67w-1 local dd of= here-doc', `sudo dd of=/etc/app/db_password status=none <<EOF\n${TOKEN}\nEOF`, TOKEN],
  ['67w-1 kubectl exec dd here-doc', `kubectl exec -i app -- dd of=/run/secrets/api <<'EOF'\n${TOKEN}\nEOF`, TOKEN],
  [
    '67w-2 bound dict, json.dump(data, f)',
    `data = {"value": "${TOKEN}"}\nwith open("/etc/app/db_password", "w") as f:\n    json.dump(data, f)`,
    TOKEN,
  ],
  [
    '67w-2 open(secret_path), multi-line dict',
    `data = {\n    "user": os.environ["APP_USER"],\n    "value": "${TOKEN}",\n}\nwith open(secret_path, "w") as f:\n    json.dump(data, f, indent=2)`,
    TOKEN,
  ],
  [
    '67w-2 path bound to a name',
    `TOKEN_PATH = "${K3S}"\nvalue = "${TOKEN}"\nwith open(TOKEN_PATH, "w") as out:\n    json.dump(value, out)`,
    TOKEN,
  ],
  ['67w-2 f.write(json.dumps(literal))', `with open("/run/secrets/app", "w") as f:\n    f.write(json.dumps({"k": "${TOKEN}"}))`, TOKEN],
  ['67w-2 f.writelines([literal])', `with open("/run/secrets/app", "w") as f:\n    f.writelines(["${TOKEN}\\n"])`, TOKEN],
  ['67w-3 Java FileWriter then w.write', `FileWriter w = new FileWriter("${K3S}");\nw.write("${TOKEN}");\nw.close();`, TOKEN],
  [
    '67w-3 Java BufferedWriter on a secret-named variable',
    `try (BufferedWriter w = new BufferedWriter(new FileWriter(tokenFile))) {\n  w.write("${TOKEN}");\n}`,
    TOKEN,
  ],
  [
    '67w-3 Java FileOutputStream(new File(dir, "token"))',
    `FileOutputStream out = new FileOutputStream(new File(dir, "token"));\nout.write("${TOKEN}".getBytes(StandardCharsets.UTF_8));`,
    TOKEN,
  ],
  ['67w-3 C# StreamWriter', `using (var w = new StreamWriter(@"C:\\k3s\\token"))\n{\n    w.WriteLine("${TOKEN}");\n}`, TOKEN],
  [
    '67w-3 Go os.Create, fmt.Fprintln',
    `f, err := os.Create("${K3S}")\nif err != nil {\n\treturn err\n}\nfmt.Fprintln(f, "${TOKEN}")`,
    TOKEN,
  ],
  ['67w-3 Node createWriteStream', `const out = fs.createWriteStream('/run/secrets/api');\nout.end('${TOKEN}');`, TOKEN],
  [
    '67w-5 with block, write 40 lines on',
    `with open("/etc/app/db_password", "w") as f:\n${lines(40, '    ')}    f.write("${TOKEN}")`,
    TOKEN,
  ],
  [
    '67w-5 f = open in a function, write 30 lines on',
    `def main():\n    f = open("${K3S}", "w")\n${lines(30, '    ')}\n    # done\n    f.write("${TOKEN}")\n    f.close()`,
    TOKEN,
  ],
  [
    '67w-5 write after nested blocks',
    `with open("/run/secrets/app", "w") as f:\n    for i in range(3):\n        if ready(i):\n${lines(20, '            ')}    f.write("${TOKEN}")`,
    TOKEN,
  ],
  [
    '67w-5 Java write 30 lines on',
    `void save() throws IOException {\n  FileWriter w = new FileWriter("${K3S}");\n${lines(30, '  ')}  w.write("${TOKEN}");\n}`,
    TOKEN,
  ],
  ['67w-6 Ansible flow mapping over lines', `- name: token\n  copy:\n    {\n      dest: ${K3S},\n      content: "${TOKEN}",\n    }`, TOKEN],
  ['67w-6 Ansible flow mapping opened inline', `- copy: {\n    dest: /etc/rancher/k3s/cluster-token,\n    content: '${TOKEN}'\n  }`, TOKEN],
  [
    '67w-6 write_files JSON document',
    `{\n  "write_files": [\n    {\n      "content": "${TOKEN}\\n",\n      "path": "${K3S}"\n    }\n  ]\n}`,
    TOKEN,
  ],
  [
    '67w-6 Ansible playbook as JSON',
    `[\n  {\n    "hosts": "all",\n    "tasks": [\n      {"copy": {"content": "${TOKEN}", "dest": "${K3S}", "mode": "0600"}}\n    ]\n  }\n]`,
    TOKEN,
  ],
];

const PASSES = [
  // 67w-1: references, generated values, other files.
  `ssh root@10.0.0.2 sudo dd of=${K3S} <<EOF\n$K3S_TOKEN\nEOF`,
  `ssh root@10.0.0.2 'bash -s' <<'EOF'\nopenssl rand -hex 32 | sudo tee ${K3S} >/dev/null\nEOF`,
  'ssh host sudo dd of=/var/log/app.log <<EOF\nstarted\nEOF',
  `ssh host sudo install -m 600 /dev/stdin ${K3S} <<EOF\n\${K3S_TOKEN}\nEOF`,
  // 67w-2: references, calls, templates, status files.
  `data = {"value": os.environ["K3S_TOKEN"]}\nwith open("${K3S}", "w") as f:\n    json.dump(data, f)`,
  'json.dump({"state": "ok", "count": 3}, open("/var/run/app-status.json", "w"))',
  'with open(secret_path, "w") as f:\n    json.dump(load_secrets(), f)',
  'with open(status_path, "w") as f:\n    json.dump({"state": "ready"}, f)',
  'json.dump({"password": os.getenv("PW")}, open("/etc/app/db_password.json", "w"))',
  'with open("/etc/app/token", "w") as f:\n    f.write(f"{token}\\n")',
  'with open("/etc/app/token", "w") as f:\n    print("token:", token, file=f)',
  'value = "ok"\ndef save(value):\n    with open("/etc/app/token", "w") as f:\n        f.write(value)',
  // 67w-3: a variable or an environment reference, a log file, another method's writer.
  `FileWriter w = new FileWriter("${K3S}");\nw.write(System.getenv("K3S_TOKEN"));`,
  'FileWriter log = new FileWriter("/var/log/app.log");\nlog.write("started");',
  'PrintWriter out = new PrintWriter("/etc/app/token");\nout.println(token);',
  'String value = "ok";\nvoid save(String value) throws IOException {\n  FileWriter w = new FileWriter("/etc/app/token");\n  w.write(value);\n}',
  `void a() throws IOException {\n  FileWriter w = new FileWriter("${K3S}");\n  w.write(t);\n}\nvoid b() throws IOException {\n  w.write("hello");\n}`,
  'f, err := os.Create("/etc/app/db_password")\nfmt.Fprintln(f, os.Getenv("PW"))',
  // 67w-4: a reference, no value, a log file, a variable, a generated value.
  'New-Item -Path C:\\k3s\\token -Value $env:K3S_TOKEN',
  'New-Item -Path C:\\k3s\\token -ItemType File -Force',
  "'started' | Tee-Object -FilePath C:\\logs\\app.log",
  '$token | Tee-Object -FilePath C:\\k3s\\token',
  "'ready' | Tee-Object -Variable token",
  "New-Item -Path C:\\k3s -Name token-rotation.flag -Value 'enabled'",
  '(openssl rand -hex 32) | Tee-Object -FilePath C:\\k3s\\token',
  // 67w-5: a write of another block's file.
  `with open("/etc/app/token", "w") as f:\n    f.write(token)\nwith open("/var/log/app.log", "a") as f:\n${lines(30, '    ')}    f.write("started")`,
  `def a():\n    f = open("/etc/app/token", "w")\n    f.write(t)\n\ndef b():\n${lines(20, '    ')}    f.write("hello")`,
  // 67w-6: a template, a source file, an ordinary file, a config that names the token file, a log file.
  `- copy: {src: files/token, dest: ${K3S}}`,
  '{"write_files": [{"path": "/etc/motd", "content": "hello"}]}',
  `{"write_files": [{"path": "/etc/rancher/k3s/config.yaml", "content": "token-file: ${K3S}\\n"}]}`,
  '{"write_files": [{"path": "/var/log/token-rotation.log", "content": "rotated"}]}',
];

// Refused at the doors for another reason (a Helm template in extraObjects, a word beside `api.key`), but no file write.
const NO_FILE_WRITE = [
  'data = {"value": "{{ k3s_token }}"}\nwith open("/etc/app/token", "w") as f:\n    json.dump(data, f)',
  `- copy: {dest: ${K3S}, content: "{{ k3s_token }}", mode: "0600"}`,
  `{"write_files": [{"path": "/etc/app/api.key", "encoding": "b64", "content": "${Buffer.from('hello world').toString('base64')}"}]}`,
  `data = {"token": os.environ["K3S_TOKEN"]}\nwith open("${K3S}", "w") as f:\n    json.dump(data, f)`,
];

describe('67w-1 to 67w-6: literals written into secret files by here-docs, programs, cmdlets and flow mappings', () => {
  refusedAtTextDoors(ONE_LINE);
  test.each(MULTI_LINE)('%s (ConfigMap text, env value)', (_, text, secret) => {
    refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret);
    refusedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }, 'env[0]', secret);
    expect(valuesDoors.config(textConfigMap(text))).toContain(FILE);
  });
  it('a b64 content never shows what it decodes to', () => {
    const message = valuesDoors.config(textConfigMap(ONE_LINE.at(-1)![1]));
    expect(message).not.toContain(TOKEN);
  });
});

describe('references, generated values, templates, other files and other blocks pass at every door', () => {
  test.each(PASSES)('%j', (text) => acceptedEverywhere(textConfigMap(text)));
  test.each(NO_FILE_WRITE)('no file write: %j', (text) => expect(secretFileWriteSpans(text)).toEqual([]));
});

describe('67w-5: the verdict does not depend on how far the write is from its open', () => {
  it.each([1, 16, 17, 64, 65, 2_000])('%d lines between', (n) => {
    const text = `with open("${K3S}", "w") as f:\n${lines(n, '    ')}    f.write("${TOKEN}")\n`;
    expect(secretFileWriteSpans(text).map(([start, end]) => text.slice(start, end))).toEqual([TOKEN]);
  });
});

describe('hostile texts are read in linear time (100 kB)', () => {
  const fill = (unit: string) => unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
  const open = 'f = open("/run/secrets/x", "w")\n';
  it.each([
    ['with lines', fill('with open("token", "w") as f:\n')],
    ['writes', open + fill('f.write("abcdefghij")\n')],
    ['dumps of dicts', open + fill('json.dump({"a": "b", ')],
    ['nested dumps', open + fill('json.dump([') + fill(']')],
    ['unclosed bound dicts', open + fill('d = {\njson.dump(d, f)\n')],
    ['nested bound lists', open + fill('d = [') + fill('], f)')],
    ['quotes in a list', `${open}d = [${fill('"')}`],
    ['Java writers', fill('FileWriter w = new FileWriter("token");\n')],
    ['Java chains', fill('w = new BufferedWriter(new ')],
    ['braces', `FileWriter w = new FileWriter("token");\n${fill('{\nw.write("abcdefgh");\n')}`],
    ['assignments', fill('a=')],
    ['print(file=)', open + fill('print("a", file=f, ')],
    ['flow mappings', fill('{content: ')],
    ['JSON items', fill('{"path": "/run/secrets/x", "content": "abcdefgh"}, ')],
    ['commas', `{${fill(',')}`],
    ['Tee-Object pipes', fill("'abcdefgh' | Tee-Object ")],
    ['New-Item names', fill('New-Item -Name ')],
    ['unclosed here-docs', fill('ssh host sudo tee /run/secrets/x <<EOF\n')],
  ])('%s', (_, text) => {
    const start = process.cpuUsage();
    secretFileWriteSpans(text);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
