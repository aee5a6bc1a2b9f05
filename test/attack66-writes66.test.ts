// Round 66 (writes66): 66a-7 (a literal laid down in a secret file by other tools and spellings: Ansible's copy,
// cloud-init's write_files, here-strings, `dd of=`, `sponge`, `install|cp /dev/stdin`, groups, `1>`, Docker's config,
// PowerShell, Python, Node), 66a-8 (`${DB_PASSWORD-$(echo x)}`), 66a-17 (status and log files named after a secret are
// none) and 66a-18 (a k3s flag whose quoted value only runs a command; prose after an inline command's backtick; the
// message names a ConfigMap's script for what it is). Refused rows name the key path and never show the secret.
import { acceptedEverywhere, refusedAtTextDoors, refusedEverywhere, textConfigMap } from './secret-doors';
import { valuesDoors } from './helpers';
import { cpuMillisSince } from './cpu-time';

const TOKEN = 'Zq8xVt3LpR9mWk2s';
const FILE = 'file named like a secret';
const K3S = '/etc/rancher/k3s/cluster-token';

// [row, the text, the secret it holds (never shown), what a message names]
const ONE_LINE: ReadonlyArray<readonly [string, string, string, string]> = [
  ['66a-7 tee with a here-string', `tee ${K3S} <<< '${TOKEN}'`, TOKEN, FILE],
  ['66a-7 sudo dd of=', `echo ${TOKEN} | sudo dd of=${K3S}`, TOKEN, FILE],
  ['66a-7 cp /dev/stdin with a here-string', `cp /dev/stdin /run/secrets/pw <<< ${TOKEN}`, TOKEN, FILE],
  ['66a-7 install /dev/stdin', `echo ${TOKEN} | install -m 600 /dev/stdin ${K3S}`, TOKEN, FILE],
  ['66a-7 sponge', `echo ${TOKEN} | sponge ${K3S}`, TOKEN, FILE],
  ['66a-7 cat here-string >', `cat <<< ${TOKEN} > ${K3S}`, TOKEN, FILE],
  ['66a-7 { echo; } >', `{ echo ${TOKEN}; } > ${K3S}`, TOKEN, FILE],
  ['66a-7 (echo) >', `(echo ${TOKEN}) > /run/secrets/pw`, TOKEN, FILE],
  ['66a-7 1> token.txt', `echo ${TOKEN} 1> token.txt`, TOKEN, FILE],
  ["66a-7 Docker's config.json", `echo ${TOKEN} > ~/.docker/config.json`, TOKEN, FILE],
  ['66a-7 Ansible ad-hoc copy', `ansible all -m copy -a "content=${TOKEN} dest=${K3S} mode=0600"`, TOKEN, FILE],
  ['66a-7 Ansible free-form copy', `copy: content='${TOKEN}' dest=/etc/app/api.key`, TOKEN, FILE],
  ['66a-7 PowerShell Out-File', `Write-Output '${TOKEN}' | Out-File C:\\secrets\\password.txt`, TOKEN, FILE],
  ['66a-7 PowerShell Set-Content', `Set-Content -Path .\\token.txt -Value '${TOKEN}'`, TOKEN, FILE],
  ['66a-7 Python open().write', `open("password.txt","w").write("${TOKEN}")`, TOKEN, FILE],
  ['66a-7 Python Path.write_text', `Path("/run/secrets/db").write_text("${TOKEN}")`, TOKEN, FILE],
  ['66a-7 Node writeFileSync', `fs.writeFileSync('/run/secrets/token', '${TOKEN}');`, TOKEN, FILE],
  ['66a-8 ${X-$(echo)}', 'DB_PASSWORD="${DB_PASSWORD-$(echo Tr0ub4dor)}"', 'Tr0ub4dor', 'placeholder that reads a secret'],
  ['66a-8 ${X:-$(echo)}', 'DB_PASSWORD="${DB_PASSWORD:-$(echo Tr0ub4dor)}"', 'Tr0ub4dor', 'placeholder that reads a secret'],
  ['66a-8 ${X+$(echo)}', 'X="${DB_PASSWORD+$(echo Tr0ub4dor)}"', 'Tr0ub4dor', 'placeholder that reads a secret'],
  ['66a-8 ${X:=$(printf)}', 'X="${DB_PASSWORD:=$(printf \'%s\' Tr0ub4dor)}"', 'Tr0ub4dor', 'placeholder that reads a secret'],
  ['66a-18 neighbour: --token "$(echo lit)"', 'k3s server --token "$(echo Hunt3r2xQ)"', 'Hunt3r2xQ', 'flag'],
];

const B64 = Buffer.from(TOKEN).toString('base64');
// Files laid down by tools that name the file and the content side by side (multi-line: ConfigMap text, env value).
const MULTI_LINE: ReadonlyArray<readonly [string, string, string]> = [
  ['66a-7 Ansible copy module', `- copy:\n    content: ${TOKEN}\n    dest: ${K3S}`, TOKEN],
  [
    '66a-7 ansible.builtin.copy, quoted',
    `- name: token\n  ansible.builtin.copy:\n    dest: ${K3S}\n    content: "${TOKEN}"\n    mode: '0600'`,
    TOKEN,
  ],
  ['66a-7 cloud-init write_files', `write_files:\n  - path: ${K3S}\n    content: ${TOKEN}`, TOKEN],
  ['66a-7 cloud-init block content first', `write_files:\n- content: |\n    ${TOKEN}\n  path: ${K3S}`, TOKEN],
  ['66a-7 cloud-init b64', `#cloud-config\nwrite_files:\n  - path: ${K3S}\n    encoding: b64\n    content: ${B64}`, B64],
  ['66a-7 cloud-init b64 into api.key', `write_files:\n  - path: /etc/app/api.key\n    encoding: base64\n    content: ${B64}`, B64],
];

const PASSES = [
  // 66a-17: status, log and flag files named after a secret.
  'echo ok > /tmp/secret-sync.status',
  `chmod 600 ${K3S} && echo done > /tmp/token-perms.ok`,
  'echo "true" > /var/run/secrets-ready',
  'echo "enabled" > /etc/k3s/token-rotation.flag',
  'echo "v1.30.4+k3s1" > /etc/rancher/k3s/token-version',
  "printf 'generated\\n' > /var/log/password-rotation.log",
  'echo $$ > /run/token-refresh.pid',
  'touch /var/lock/secret-rotate.lock && echo 1 > /var/lock/secret-rotate.lock',
  // 66a-18: a value that only runs a command, however quoted; prose after an inline command.
  'k3s token rotate --new-token "$(openssl rand -hex 32)"',
  'k3s token rotate --new-token="$(openssl rand -hex 32)"',
  'k3s server --token "$(openssl rand -hex 32)"',
  'Run `k3s token create --ttl 24h` on a server.',
  'Run `k3s token create` on a server.',
  // 66a-7 neighbours: references, templates, commands, ordinary files.
  `openssl rand -hex 32 | sudo tee ${K3S}`,
  `tee ${K3S} <<< "$K3S_TOKEN"`,
  `openssl rand -hex 32 | sudo dd of=${K3S}`,
  'cat <<< hello > /tmp/x.txt',
  'echo hello | tee /tmp/out.log',
  "echo '{}' > ~/.docker/config.json",
  'echo \'{"credsStore":"desktop"}\' > ~/.docker/config.json',
  `- copy:\n    src: files/token\n    dest: ${K3S}\n- copy:\n    content: hello\n    dest: /etc/motd`,
  `write_files:\n  - path: /etc/rancher/k3s/config.yaml\n    content: |\n      token-file: ${K3S}\n  - path: /etc/motd\n    content: hello`,
  'write_files:\n  - path: /etc/app/api.key\n    encoding: b64\n    content: aGVsbG8gd29ybGQ=',
  'Set-Content -Path .\\token.txt -Value $env:TOKEN',
  "fs.writeFileSync('/run/secrets/token', process.env.TOKEN);",
  'open("password.txt","w").write(os.environ["PW"])',
  'ansible all -m copy -a "src=token dest=/etc/rancher/k3s/cluster-token mode=0600"',
  'X="${DB_PASSWORD:-$(cat /run/pw)}"',
  'X="${DB_PASSWORD-$(echo "$PW")}"',
  'X="${LOG_LEVEL:-$(echo info)}"',
];

describe('66a-7, 66a-8: literals laid down in secret files or as a default by a command', () => {
  refusedAtTextDoors(ONE_LINE);
  test.each(MULTI_LINE)('%s (ConfigMap text, env value)', (_, text, secret) => {
    refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret);
    refusedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }, 'env[0]', secret);
    expect(valuesDoors.config(textConfigMap(text))).toContain(FILE);
  });
});

describe('66a-17, 66a-18 and neighbours pass at every door', () => {
  test.each(PASSES)('%j', (text) => acceptedEverywhere(textConfigMap(text)));
});

describe("66a-18: a ConfigMap's script is named for what it is", () => {
  it('a flag in a ConfigMap text is no container argument', () => {
    const message = valuesDoors.config(textConfigMap('k3s server --token "Hunt3r2xQ"'));
    expect(message).toContain('extraObjects[0].data');
    expect(message).toContain('a command line in text that gives a secret to a flag');
    expect(message).not.toContain('container argument');
    expect(message).not.toContain('Hunt3r2xQ');
  });
  it('an additionalArguments item still is one', () => {
    expect(valuesDoors.config({ additionalArguments: ['--providers.x.token=Hunt3r2xQ'] })).toContain('container argument');
  });
});

describe('hostile texts are read in linear time (100 kB)', () => {
  it.each([
    ['here-strings', `tee ${K3S} <<< `.repeat(6_000)],
    ['content keys', '- content: x\n  '.repeat(7_000) + `dest: ${K3S}`],
    ['dest keys', `- dest: ${K3S}\n  `.repeat(3_000)],
    ['content= words', `content=${'a'.repeat(100_000)} dest=`],
    ['Out-File quotes', `'a' | `.repeat(15_000)],
    ['Set-Content', 'Set-Content -Path '.repeat(6_000)],
    ['expansion defaults', '${DB_PASSWORD-$(echo '.repeat(5_000)],
    ['groups', '{ echo a; } '.repeat(8_000)],
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
