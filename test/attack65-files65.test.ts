// Round 65 (files65): 65a-14 (a literal written into a file named like a secret: `echo <hex> | sudo tee
// /etc/rancher/k3s/cluster-token`, a heredoc, `> /run/secrets/db_password`, `install <(echo …) /etc/app/token`), 65a-9 (an
// AWS-shaped key after OkHttp's `sha256/` passed as if it were a pin) and 65a-10 (a generated value under a qualified
// name of a secret: `TOKEN_TTL_SECONDS=…`, `PASSWORD_RESET_TEMPLATE=…`, `error.password.mismatch=…`). Each refused row at
// the config, K3sVipCluster, TraefikHelmChartConfig and the write gate, its key path named, never shown; each neighbour
// accepted at every door.
import { acceptedEverywhere, refusedAtTextDoors, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

const HEX = '3f8a9c1d2e4b5a6978c0d1e2f3a4b5c6d7e8f90123456789abcdef0123456789';
const FILE = 'file named like a secret';

// [row, the text, the secret it holds (never shown), what a message names]
const FILE_WRITES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['65a-14 echo | sudo tee cluster-token', `echo ${HEX} | sudo tee /etc/rancher/k3s/cluster-token`, HEX, FILE],
  ['65a-14 sh -c with umask', `sudo sh -c 'umask 077; echo ${HEX} > /etc/rancher/k3s/cluster-token'`, HEX, FILE],
  ['65a-14 server token', "echo 'S3cr3tT0kenValue' | sudo tee /var/lib/rancher/k3s/server/token", 'S3cr3tT0kenValue', FILE],
  ['65a-14 node-token, tee -a', 'echo Hunt3r2xQ | sudo tee -a /var/lib/rancher/k3s/server/node-token', 'Hunt3r2xQ', FILE],
  ['65a-14 /run/secrets', 'echo Hunt3r2xQ > /run/secrets/db_password', 'Hunt3r2xQ', FILE],
  ['65a-14 printf > password.txt', "printf 'Hunt3r2xQ' > password.txt", 'Hunt3r2xQ', FILE],
  ['65a-14 printf with a format', "printf '%s\\n' Hunt3r2xQ > ./db-password", 'Hunt3r2xQ', FILE],
  ['65a-14 keepalived auth_pass', 'echo "Hunt3r2xQ" | sudo tee /etc/keepalived/auth_pass', 'Hunt3r2xQ', FILE],
  ['65a-14 append to .vault_pass', 'echo Hunt3r2xQ >> ~/.vault_pass', 'Hunt3r2xQ', FILE],
  ['65a-14 install <(echo)', 'install -m 600 <(echo Hunt3r2xQ) /etc/app/token', 'Hunt3r2xQ', FILE],
  ['65a-14 echo -n to an api.key', 'echo -n Hunt3r2xQ > /etc/app/api.key', 'Hunt3r2xQ', FILE],
  ['65a-14 after && and a prompt', '$ mkdir -p /etc/app && echo Hunt3r2xQ > /etc/app/credentials', 'Hunt3r2xQ', FILE],
];

// Heredocs span lines: refused as a ConfigMap's text and an env value (a first-class key is one line).
const HEREDOCS: ReadonlyArray<readonly [string, string]> = [
  ['65a-14 heredoc', `cat > /etc/rancher/k3s/cluster-token <<'EOT'\n${HEX}\nEOT`],
  ['65a-14 heredoc piped to tee', `cat <<EOF | sudo tee /etc/rancher/k3s/cluster-token >/dev/null\n${HEX}\nEOF`],
  ['65a-14 tee with a heredoc, <<-', `sudo tee /run/secrets/api_token <<-"END"\n\t${HEX}\n\tEND`],
];

// The runbook's own lines (dist/dev/README.md; tests may not read dist/): the token comes from openssl rand or a paste.
const RUNBOOK = [
  "sudo sh -c 'umask 077; openssl rand -hex 32 > /etc/rancher/k3s/cluster-token'",
  "sudo sh -c 'umask 077; cat > /etc/rancher/k3s/cluster-token'   # paste the full token from k3s-1, then Ctrl-D",
  "Check: `sudo tr -d '[:space:]' < /etc/rancher/k3s/cluster-token | sha256sum` prints the same sum as `sudo tr -d '[:space:]' < /var/lib/rancher/k3s/server/token | sha256sum` on k3s-1.",
].join('\n');

// [row, the text, the secret]
const QUALIFIED: ReadonlyArray<readonly [string, string, string]> = [
  ['65a-10 TTL in seconds', 'TOKEN_TTL_SECONDS=Xk9mQ2pL7vR4tZ8wB3nJ', 'Xk9mQ2pL7vR4tZ8wB3nJ'],
  ['65a-10 expiry in seconds', 'TOKEN_EXPIRY_SECONDS=Xk9mQ2pL7v', 'Xk9mQ2pL7v'],
  ['65a-10 a TTL alone', 'TOKEN_TTL=Xk9mQ2pL7v', 'Xk9mQ2pL7v'],
  ['65a-10 YAML, quoted', 'token_expiry_seconds: "Xk9mQ2pL7v"', 'Xk9mQ2pL7v'],
  ['65a-10 a template with a symbol', 'ADMIN_PASSWORD_TEMPLATE=Xk9#mQ2pL', 'Xk9#mQ2pL'],
  ['65a-10 a template', 'PASSWORD_RESET_TEMPLATE=Xk9mQ2pL7v', 'Xk9mQ2pL7v'],
  ['65a-10 a UI key', 'error.password.mismatch=Xk9mQ2pL7v', 'Xk9mQ2pL7v'],
  ['65a-10 a size', 'PASSWORD_MAX_LENGTH=Xk9mQ2pL7v', 'Xk9mQ2pL7v'],
];

// 65a-9: the documented AWS example key after a digest's name, as OkHttp writes pins.
const AWS = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PINS: ReadonlyArray<readonly [string, string, string]> = [
  ['65a-9 a pins list', `pins:\n  - sha256/${AWS}`, AWS],
  ['65a-9 OkHttp add', `.add("api.example.com", "sha256/${AWS}")`, AWS],
  ['65a-9 sha1/', `pin: sha1/${AWS}`, AWS],
];

const PASSES = [
  'openssl rand -hex 32 | sudo tee /etc/rancher/k3s/cluster-token',
  'echo "$K3S_TOKEN" | sudo tee /etc/rancher/k3s/cluster-token',
  'echo "$(openssl rand -hex 32)" > /etc/rancher/k3s/cluster-token',
  "sudo sh -c 'umask 077; openssl rand -hex 32 > /etc/rancher/k3s/cluster-token'",
  'echo "<token>" | sudo tee /etc/rancher/k3s/cluster-token',
  'sudo install -m 600 /dev/null /etc/rancher/k3s/cluster-token',
  'chmod 600 /etc/rancher/k3s/cluster-token',
  'cat /etc/rancher/k3s/cluster-token',
  'echo done > /tmp/status',
  'echo 1 > /proc/sys/net/ipv4/ip_forward',
  'echo "token rotated" >> /var/log/notes',
  'echo "password required pam_unix.so" >> /etc/pam.d/common-password',
  "echo 'bob:x:1001:1001::/home/bob:/bin/bash' >> /etc/passwd",
  'cat <<EOF | sudo tee /etc/app/token\n$TOKEN\nEOF',
  'printf \'%s\\n\' "$PW" > password.txt',
  'echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q" >> ~/.ssh/authorized_keys',
  'TOKEN_TTL_SECONDS=3600',
  'TOKEN_TTL_SECONDS=1h',
  'TOKEN_EXPIRY=30m',
  'TOKEN_TTL=PT1H',
  'TOKEN_TTL_SECONDS=3600 # one hour',
  'TOKEN_TTL=never',
  'PASSWORD_EXPIRES_AT=2026-01-01T00:00:00Z',
  'TOKEN_TTL_SECONDS=${TTL:-3600}',
  'PASSWORD_MIN_LENGTH=12',
  'PASSWORD_RESET_TEMPLATE=reset.html',
  'PASSWORD_RESET_TEMPLATE=emails/reset',
  'PASSWORD_RESET_TEMPLATE=password_reset_v2',
  'error.password.mismatch=Passwords do not match',
  'login.password.label=Passwort',
  'pins:\n  - sha256/d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM=',
  '.add("api.example.com", "sha256/d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM=")',
  '<pin-set><pin digest="SHA-256">d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM=</pin></pin-set>',
  `add_header Public-Key-Pins 'pin-sha256="d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM="; max-age=5184000';`,
];

describe('65a-14: a literal written into a file named like a secret', () => {
  refusedAtTextDoors(FILE_WRITES);
  test.each(HEREDOCS)('%s (ConfigMap text, env value)', (_, text) => {
    refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', HEX);
    refusedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }, 'env[0]', HEX);
  });
  it('as an additionalArguments item', () => {
    refusedEverywhere({ additionalArguments: ['--x=echo Hunt3r2xQ > /run/secrets/db_password'] }, 'additionalArguments[0]', 'Hunt3r2xQ');
  });
  it("this project's runbook lines (dist/dev/README.md) pass", () => acceptedEverywhere(textConfigMap(RUNBOOK)));
});

describe('65a-10: a qualified name of a secret takes only a value that fits the qualifier', () => {
  test.each(QUALIFIED)('%s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('65a-10: the same names as an env entry and as a key of chart values', () => {
  test.each([
    ['TOKEN_TTL_SECONDS', 'Xk9mQ2pL7vR4tZ8wB3nJ'],
    ['PASSWORD_RESET_TEMPLATE', 'Xk9mQ2pL7v'],
  ])('env %s with a generated value is refused', (name, value) => refusedEverywhere({ env: [{ name, value }] }, 'env[0].value', value));
  it('a key token_ttl_seconds with a generated value is refused', () =>
    refusedEverywhere({ deployment: { podAnnotations: { token_ttl_seconds: 'Xk9mQ2pL7v' } } }, 'token_ttl_seconds', 'Xk9mQ2pL7v'));
  test.each([
    ['TOKEN_TTL_SECONDS', '3600'],
    ['TOKEN_EXPIRY', '30m'],
    ['PASSWORD_RESET_TEMPLATE', 'reset.html'],
  ])('env %s=%s passes', (name, value) => acceptedEverywhere({ env: [{ name, value }] }));
});

describe('65a-9: a run after sha256/ is a pin only when it is one', () => {
  test.each(PINS)('%s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('neighbours pass at every door', () => {
  test.each(PASSES)('%j', (text) => acceptedEverywhere(textConfigMap(text)));
});

describe('hostile texts are read in linear time', () => {
  it.each([
    ['echo words', `echo ${'a '.repeat(50_000)}> token`],
    ['heredoc heads', 'cat > token <<EOT\n'.repeat(5_000)],
    ['blanks after a qualified name', `TOKEN_TTL_SECONDS=1${' '.repeat(100_000)}x`],
    ['digits of a duration', `TOKEN_TTL=${'1'.repeat(200)}x`],
  ])('%s', (_, text) => {
    const start = process.cpuUsage();
    acceptedOrRefused(text);
    expect(cpuMillisSince(start)).toBeLessThan(20_000);
  });
});

function acceptedOrRefused(text: string): void {
  try {
    acceptedEverywhere(textConfigMap(text));
  } catch {
    // Either verdict: only the time matters here.
  }
}
