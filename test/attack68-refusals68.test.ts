// Round 68 (attack68a 13, 14, 17, 18, 21): false refusals of references in other tools' syntax (cmd.exe, PowerShell,
// Concourse, Octopus, Go fields, Terraform, secret files), of notes saying where a password is kept, of Helm's
// `checksum/secret` digests, kubeadm's CA cert hash and cloud-init crypt hashes; and a cut value that lost its closing
// quote. Each must-pass row has a refused neighbour: the same place holding a literal secret.
import { configErrors, withTraefikValues } from './helpers';

const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const CRYPT = '$6$saltsalt$cPbDmdp7sUA1v8Yjfppi8VeFqwELnkKCqsv5H2wx/S4LZwLhIhlK7tCX/4JqgCT3onV3./FXCDD2Y6iXkj4Lp/';

/** The errors of a config whose extraObjects hold one ConfigMap with `text` as its only data entry. */
function textErrors(text: string): string {
  const note = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'default' }, data: { c000: text } };
  return configErrors(withTraefikValues({ extraObjects: [note] })).join('\n');
}

const pass: readonly string[] = [
  // 68a-13: references of other tools, the whole value
  'password=%APP_PASSWORD%',
  'set DB_PASSWORD=%DB_PASSWORD%',
  '$password = $env:DB_PASSWORD',
  '-Password $env:DB_PASSWORD',
  'password: ((db_password))',
  'password: #{DB.Password}',
  'Password: cfg.DBPassword,',
  'password = random_password.db.result',
  'password: file:/run/secrets/db',
  'password: @/run/secrets/db',
  // 68a-14: where the password is kept
  'Password: stored in Vault at secret/k3s/admin.',
  'Password: in Vault (secret/k3s/admin)',
  'password: same as above',
  'password: see below',
  // 68a-17: Helm checksum annotations
  `checksum/secret: ${SHA}`,
  `checksum/tls-secret: ${SHA}`,
  `secret-hash: ${SHA}`,
  // 68a-18: kubeadm CA cert hash, cloud-init crypt hash
  `discovery-token-ca-cert-hash sha256:${SHA}`,
  `#cloud-config\nchpasswd:\n  users:\n    - name: ops\n      password: "${CRYPT}"\n      type: hash`,
];

const refused: readonly string[] = [
  // A bare path under a password's name is the password (secrets-attack6 G10, attack 7 H2); `file:`/`@` say it is a file,
  // as a path into a secrets directory does (77a-7: `password: /run/secrets/db_password` passes).
  'password: /etc/app/db_password',
  'password: Xk9mQ2vLpT7w',
  'password=Xk9mQ2vLpT7w',
  'password: swordfish',
  'checksum/secret: swordfish',
  `token: ${SHA}`,
  `password: ${SHA}`,
  'password: %APP_PASSWORD%Xk9mQ2vLpT7w',
  'password: ((db_password)) Xk9mQ2vLpT7w',
  'password: #{DB.Password}Xk9mQ2vLpT7w',
  '$password = "Xk9mQ2vLpT7w"',
  '-Password Xk9mQ2vLpT7w',
  'password = "Xk9mQ2vLpT7w"',
  'password: file:Xk9mQ2vLpT7w',
  'Password: ask Xk9mQ2vLpT7w',
  'password: same as Xk9mQ2vLpT7w',
  `discovery-token-ca-cert-hash Xk9mQ2vLpT7w`,
  `#cloud-config\nchpasswd:\n  users:\n    - name: ops\n      password: "Xk9mQ2vLpT7w"\n      type: text`,
  `#cloud-config\nchpasswd:\n  users:\n    - name: ops\n      password: "Xk9mQ2vLpT7w"\n      type: hash`,
];

describe('68a-13, 14, 17, 18: references, notes and digests pass', () => {
  test.each(pass)('%j passes', (text) => expect(textErrors(text)).toBe(''));
});

// 68a-14 `Password: ask Alice` is left refused: test/attack51-false52.test.ts (50a-13) holds `ask Bob` without a full
// stop for no prose (the name may be the password); `ask Alice.` passes.
test.todo('68a-14: "Password: ask Alice" (no full stop) passes, against 50a-13\'s `ask Bob` row');

describe('68a-13, 14, 17, 18: their literal neighbours are refused', () => {
  test.each(refused)('%j is refused', (text) => {
    const errors = textErrors(text);
    expect(errors).toContain('data.c000');
    expect(errors).not.toContain('Xk9mQ2vLpT7w');
    expect(errors).not.toContain('swordfish');
  });
});

describe('68a-21: a value cut by redaction keeps its closing quote', () => {
  const head = `--log.level=${'a'.repeat(50)}`;
  test.each([` pass\u200bword=Xk9mQ2vLpT7wZ`, ' password=Xk9mQ2vLpT7wZ', ` pass\\u0077ord=Xk9mQ2vLpT7wZ`])('%j', (tail) => {
    const errors = configErrors(withTraefikValues({ additionalArguments: [head + tail] })).join('\n');
    expect(errors).toMatch(/<redacted>", which is not a log level/);
    expect(errors).not.toContain('Xk9mQ2vLpT7wZ');
  });
});
