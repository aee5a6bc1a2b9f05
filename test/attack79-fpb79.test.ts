import { redact, secretRefusal, secretsInData } from '../src/core/secrets';
import { dataPlaces } from '../src/core/text-places';
import { valuesDoors } from './helpers';
import { acceptedEverywhere } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 79 (79a-8, 9, 20, 21, 22, 23): stock files of common tools pasted into a ConfigMap set no secret. An HTML
 * `<input>` is void: without `value` it sets nothing; a PAM rule line is no sentence and its type `password` no label;
 * an OpenSSH public key line is public in any list (cloud-init's `ssh_authorized_keys`, `trusted_user_ca_keys`); Dex's
 * `staticPasswords` entries carry a bcrypt `hash` beside who the user is; Authelia's `password:` block names a hashing
 * algorithm and its cost numbers. A problem in a YAML text names the line of its own key. Each accepted text has refused
 * neighbours, never shown.
 */
const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'app', namespace: 'kube-system' },
  data,
});
const found = (data: Record<string, string>) => secretsInData(configMap(data));
const extraObjects = (data: Record<string, string>) => ({ extraObjects: [configMap(data)] });

const LOGIN_FORM = `<form method="post">
  <label for="password">Password</label>
  <input type="password" name="password" id="password" required>
  <input type="hidden" name="csrf_token">
  <br>
  <button type="submit">Sign in</button>
</form>
`;
const PAM_STACK = `# /etc/pam.d/common-password - password-related modules common to all services
password\trequisite\t\t\tpam_pwquality.so retry=3 minlen=12
password\t[success=1 default=ignore]\tpam_unix.so obscure use_authtok try_first_pass yescrypt
password\trequisite\t\t\tpam_deny.so
password\trequired\t\t\tpam_permit.so
-password optional pam_gnome_keyring.so
@include common-auth
`;
const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const RSA =
  'AAAAB3NzaC1yc2EAAAADAQABAAABgQC7Vp5Yyq2q1uKpD0m3kQ9cXbT2J8H1u0r5bFz6eYv4Lw9n3Kp2Qd8s7Rt1yU0iO9pA3sD5fG7hJ2kL4zX6cV8bN1mQ3wE5rT7yU9iO1pA3sD5fG7hJ9kL2zX4cV6bN8mQ0wE2rT4yU6iO8pA0sD2fG4hJ6kL8zX0cV2bN4mQ6wE8rT0yU2iO4pA6sD8fG0hJ4kL6zX8cV0bN2mQ4wE6rT8yU0iO2pA4sD6fG8hJ0kL4zX2cV8bN0mQ2wE4rT6yU8iO0pA2sD4fG6hJ8kL0zX6cV4bN6mQ8wE0rT2yU4iO6pA8sD0fG2hJ2kL8zX4cV2bN8mQ0wE6rT4yU2iO8pA0sD6fG4hJ6kL2zX0cV6bN2mQ4wE8rT0yU6iO2pA4sD8fG0hJ4kL6zX2cV0bN4mQ6wE2rT8yU0iO4pA6sD0fG8hJ0kL4zX6cV8bN6mQ2wE4rT2yU8iO6pA2sD4fG2hJ8kL0zX8cV4bN0mQ8wE0rT6yU4iO0pA8sD2fG6hJ2kL6zX4cV2bN6mQ0wE8rT4yU0iO8pA0sD6fG4hJ6kL2zX0c=';
const CLOUD_CONFIG = `#cloud-config
ssh_authorized_keys:
  - ssh-ed25519 ${ED25519} ops@example.com
trusted_user_ca_keys: [ "ssh-ed25519 ${ED25519} ca@example.com" ]
users:
  - name: ops
    ssh_authorized_keys:
      - ssh-rsa ${RSA} ops@laptop
      - 'from="10.0.0.0/8",no-agent-forwarding ssh-ed25519 ${ED25519}'
`;
const BCRYPT = '$2a$10$2b2cU8CPhOTaGrs1HRQuAueS7JTT5ZHsHSzYiFPm1leZck7Mc8T4W';
const DEX = `issuer: https://dex.example.com
enablePasswordDB: true
staticPasswords:
  - email: admin@example.com
    hash: "${BCRYPT}"
    username: admin
    userID: 08a8684b-db88-4b73-90a9-3cd1661f5466
  - email: ops@example.com
    hashFromEnv: DEX_OPS_HASH
    username: ops
    userID: 41331323-6f44-45e6-b3b9-2c4b60c02be5
`;
const AUTHELIA_PASSWORD = `    password:
      algorithm: argon2
      argon2:
        variant: argon2id
        iterations: 3
        memory: 65536
        parallelism: 4
        key_length: 32
        salt_length: 16
      scrypt:
        variant: scrypt
        iterations: 16
        block_size: 8
        parallelism: 1
        key_length: 32
        salt_length: 16
      pbkdf2:
        variant: sha512
        iterations: 310000
        salt_length: 16
      sha2crypt:
        variant: sha512
        iterations: 50000
        salt_length: 16
      bcrypt:
        variant: standard
        cost: 12
`;
const AUTHELIA = `authentication_backend:
  password_reset:
    disable: false
  file:
    path: /config/users_database.yml
${AUTHELIA_PASSWORD}`;

const accepted: ReadonlyArray<readonly [string, Record<string, string>]> = [
  ['79a-8 an HTML login form', { 'login.html': LOGIN_FORM }],
  [
    "79a-8 the finding's form",
    {
      'login.html':
        '<form method="post">\n  <input type="password" name="password" required>\n  <button type="submit">Sign in</button>\n</form>\n',
    },
  ],
  ['79a-8 an XHTML input closed by itself', { 'login.xhtml': '<p><input type="password" name="password"/><span>Sign in</span></p>\n' }],
  ['79a-9 a PAM stack as pam.conf', { 'pam.conf': PAM_STACK }],
  ['79a-9 the PAM stack under its file name', { 'common-password': PAM_STACK }],
  [
    "79a-9 the finding's two lines",
    {
      'pam.conf':
        'password requisite pam_pwquality.so retry=3 minlen=12\npassword [success=1 default=ignore] pam_unix.so obscure use_authtok try_first_pass yescrypt\n',
    },
  ],
  ['79a-20 cloud-init public keys', { 'user-data': CLOUD_CONFIG }],
  ['79a-21 Dex static users with a bcrypt hash', { 'dex.yaml': DEX }],
  ["79a-22 Authelia's file backend", { 'configuration.yml': AUTHELIA }],
];

// [finding, data, the key path's end in the message, the secret never shown]
const refused: ReadonlyArray<readonly [string, Record<string, string>, string]> = [
  ['79a-8', { 'login.html': '<form>\n  <input type="password" name="password" value="Xk2vLm9Pz4">\n</form>\n' }, 'Xk2vLm9Pz4'],
  ['79a-8', { 'login.html': '<form>\n  <input type="password" value="Xk2vLm9Pz4">\n</form>\n' }, 'Xk2vLm9Pz4'],
  ['79a-8', { 'conf.xml': '<config>\n  <input name="password">Xk2vLm9Pz4</input>\n</config>\n' }, 'Xk2vLm9Pz4'],
  ['79a-9', { 'pam.conf': `${PAM_STACK}auth required pam_ldap.so binddn=cn=admin password=Xk2vLm9P\n` }, 'Xk2vLm9P'],
  ['79a-9', { 'common-password': `${PAM_STACK}auth required pam_ldap.so password=Xk2vLm9P\n` }, 'Xk2vLm9P'],
  ['79a-9', { 'common-password': `${PAM_STACK}Xk2vLm9Pz4wR8nTq\n` }, 'Xk2vLm9Pz4wR8nTq'],
  ['79a-9', { 'pam.conf': 'password requisite pam_pwquality.so retry=3\nthe root password is Zx9kq2Lm4\n' }, 'Zx9kq2Lm4'],
  ['79a-9', { 'pam.conf': 'password requisite pam_pwquality.so retry=3\npassword required pam_deny.so Zx9kq2Lm4\n' }, 'Zx9kq2Lm4'],
  [
    '79a-20',
    {
      'user-data': `${CLOUD_CONFIG}ssh_keys:\n  ed25519_private: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n    QyNTUxOQAAACDjKqp5Fc65tEnRulDqKii7GmoB+QvaJFotHYdpfRiiZQAAAJiYmJiYmJiY\n    -----END OPENSSH PRIVATE KEY-----\n`,
    },
    'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  ],
  ['79a-20', { 'user-data': '#cloud-config\nssh_authorized_keys:\n  - Xk2vLm9Pz4wR8nTq\n' }, 'Xk2vLm9Pz4wR8nTq'],
  ['79a-20', { 'user-data': '#cloud-config\nssh_authorized_keys:\n  - ssh-ed25519 Xk2vLm9Pz4wR8nTq ops\n' }, 'Xk2vLm9Pz4wR8nTq'],
  [
    '79a-21',
    { 'dex.yaml': 'staticPasswords:\n  - email: admin@example.com\n    password: hunter2xyz\n    username: admin\n' },
    'hunter2xyz',
  ],
  ['79a-21', { 'dex.yaml': 'staticPasswords:\n  - email: admin@example.com\n    hash: hunter2xyz\n    username: admin\n' }, 'hunter2xyz'],
  [
    '79a-21',
    {
      'dex.yaml': `staticPasswords:\n  - email: admin@example.com\n    hash: "${BCRYPT}"\n    username: Xk2vLm9Pz4wR8nTq\n    note: Xk2vLm9Pz4wR8nTq\n`,
    },
    'Xk2vLm9Pz4wR8nTq',
  ],
  [
    '79a-22',
    { 'configuration.yml': `${AUTHELIA}  ldap:\n    user: cn=admin,dc=example,dc=com\n    password: Xk2vLm9Pz4wR8nTq\n` },
    'Xk2vLm9Pz4wR8nTq',
  ],
  ['79a-22', { 'configuration.yml': AUTHELIA.replace('memory: 65536', 'memory: Xk2vLm9Pz4wR8nTq') }, 'Xk2vLm9Pz4wR8nTq'],
  ['79a-22', { 'configuration.yml': AUTHELIA.replace('algorithm: argon2', 'algorithm: Xk2vLm9Pz4wR8nTq') }, 'Xk2vLm9Pz4wR8nTq'],
  ['79a-22', { 'configuration.yml': 'authentication_backend:\n  file:\n    password: 4711203948\n' }, '4711203948'],
];

describe('stock files of common tools in a ConfigMap set no secret', () => {
  it.each(accepted)('%s passes as data', (_, data) => expect(found(data)).toEqual([]));
  it.each(accepted)('%s passes at the config, K3sVipCluster, TraefikHelmChartConfig and the write gate', (_, data) =>
    acceptedEverywhere(extraObjects(data)),
  );
});

describe("79a-9: a dry run's diff shows a PAM rule as it is written", () => {
  it.each(['+password requisite pam_pwquality.so retry=3 minlen=12', '+            -password optional pam_gnome_keyring.so minlen=12'])(
    '%s is shown whole',
    (line) => expect(redact(line)).toBe(line),
  );
  it('a generated word after a PAM module is hidden', () =>
    expect(redact('+password required pam_deny.so Zx9kq2Lm4')).not.toContain('Zx9kq2Lm4'));
});

describe('their nearest real secrets stay refused, never shown', () => {
  it.each(refused)('%s: %j is refused', (_, data, secret) => {
    const [key] = Object.keys(data);
    const secrets = found(data);
    expect(secrets.map((one) => one.path.join('.'))).toContain(`data.${key}`);
    for (const one of secrets) expect(secretRefusal(one)).not.toContain(secret);
    const config = valuesDoors.config(extraObjects(data));
    expect(config).toContain(`extraObjects[0].data`);
    expect(config).not.toContain(secret);
  });
});

describe('79a-23: a problem in a YAML text names its own line, not the first that mentions its key', () => {
  it.each([
    ["the finding's text", AUTHELIA.replace('memory: 65536', 'memory: Xk2vLm9Pz4wR8nTq'), 6],
    ['a key of the same word before it', 'password_policy:\n  min: 3\nauth:\n  password:\n    value: Xk2vLm9Pz4wR8nTq\n', 4],
    ['the same key in an earlier section', 'a:\n  password:\n    value: ${DB_PASSWORD}\nb:\n  password:\n    value: Xk2vLm9Pz4wR8nTq\n', 5],
    ['a list on the way', 'tokens_note: see below\nclients:\n  - name: a\n  - name: b\n    token:\n      - Xk2vLm9Pz4wR8nTq\n', 5],
  ])('%s', (_, text, line) => {
    const config = valuesDoors.config(extraObjects({ 'configuration.yml': text }));
    expect(config).toContain(`on its line ${line} `);
    expect(config).not.toContain('Xk2vLm9Pz4wR8nTq');
  });
});

describe('the new readers stay linear', () => {
  beforeAll(() => found({ conf: PAM_STACK }));
  it.each([
    ['PAM rules', 'password requisite pam_pwquality.so retry=3 minlen=12\n'],
    ['PAM types as words on one line', 'password password password '],
    ['void elements', '<input type="password" name="password">'],
    ['public keys in a list', `- ssh-ed25519 ${ED25519} ops@example.com\n`],
  ])('%s at 100 kB within 2 s', (_, unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    const started = process.cpuUsage();
    found({ conf: text });
    found({ 'common-password': text });
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
  it('79a-23: the lines of 20 findings below 100 kB of keys of the same word within 2 s', () => {
    const secrets = Array.from({ length: 20 }, (_, i) => `s${i}:\n  password:\n    value: Xk2vLm9Pz4wR8n${i}\n`).join('');
    const text = `${'password_note: see the vault\n'.repeat(3500)}${secrets}`;
    const started = process.cpuUsage();
    const places = dataPlaces(text, text.split('\n'));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
    expect(places.map((place) => place.line)).toEqual(Array.from({ length: 20 }, (_, i) => 3502 + 3 * i));
  });
});
