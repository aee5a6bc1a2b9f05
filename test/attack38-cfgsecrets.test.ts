import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { secretShape, redact } from '../src/core/secrets';
import { refusedOnlyForKind, shownInDiff } from './secret-doors';
import { accepted, configMapOf as configMap, diffOf, hex, refusedEverywhere, run as runOf, textRefused } from './secret-tables';

/**
 * Attack round 37a-3, 37a-4, 37a-5, 37a-7, 37a-9: short secret names with label suffixes, qualifier names, header
 * directives, config-file password lines and vendor token shapes. Hostile texts for these readers are rows of
 * scripts/hostile-inputs.js tokenShapes34a, judged in attack34-shapes.
 */
const S = 'Zq8vNp3xWk7T';
/** `n` letters and digits, starting with the secret marker. */
const run = (n: number): string => runOf(S, n);

/** A text that sets `secret` under a name like one: refused as a ConfigMap's data, hidden in a diff. */
function namedTextRefused(text: string, secret: string): void {
  refusedEverywhere(configMap({ 'file.conf': text }), secret);
  expect(diffOf(text)).not.toContain(secret);
}

/** A text accepted as a ConfigMap's data. */
function textAccepted(text: string): void {
  expect(secretShape(text)).toBeUndefined();
  accepted(configMap({ 'file.conf': text }));
}

const SUFFIXED = [
  'DB_PASS_PROD',
  'DB_PASS_OLD',
  'DB_PASS_NEW',
  'DB_PASS_RO',
  'DB_PASS_ADMIN',
  'DB_PASS_DEV',
  'PASS_PRIMARY',
  'DB_PW_PROD',
  'DB_PWD_OLD',
  'dbPassProd',
  'dbPassOld',
  'ADMIN_PASS_CURRENT',
  'SMTP_PASS_SECONDARY',
  'REDIS_PASS_1_PROD',
  'SEED_PHRASE',
];

describe('37a-3: a short secret word followed by labels names a secret', () => {
  test.each(SUFFIXED)('an env entry named %s is refused', (name) => {
    refusedEverywhere({ env: [{ name, value: S }] }, S);
  });

  test.each(SUFFIXED)('a ConfigMap key named %s is refused', (key) => {
    refusedEverywhere(configMap({ [key]: S }), S);
  });

  test.each(SUFFIXED)('an env-file line %s=… is refused', (name) => {
    namedTextRefused(`HOST=db\n${name}=${S}\n`, S);
  });

  test.each(['DB_PASS_PROD', 'dbPassProd', 'SEED_PHRASE'])('%s is refused at every door', (name) => {
    refusedEverywhere({ env: [{ name, value: S }] }, S, true);
  });

  test.each([
    'BYPASS_PROD',
    'BYPASS_CACHE',
    'PASSTHROUGH',
    'OLDPWD',
    'PWD',
    'PASS_HOST_HEADER',
    'PASS_THROUGH',
    'COMPASS_HOST',
    'PWD_DIR',
    'allowACMEByPass',
    'passTLSClientCert',
  ])('the near miss %s is accepted', (name) => {
    accepted({ env: [{ name, value: S }] });
    accepted(configMap({ [name]: S }));
  });

  // 65a-10: a unit-qualified name takes a value that fits its unit (login.defs' PASS_MAX_DAYS 99999), not a generated word.
  test.each([
    ['PASS_MAX_DAYS', '99999'],
    ['PASS_WARN_AGE', '7'],
    ['PASS_RATE', '100/m'],
  ])('the near miss %s is accepted with a value that fits it (%s)', (name, value) => {
    accepted({ env: [{ name, value }] });
    accepted(configMap({ [name]: value }));
  });
});

describe('37a-9: a value under a name whose last word qualifies the secret is accepted', () => {
  test.each([
    ['TOKEN_CACHE_SIZE', '1000'],
    ['TOKEN_ISSUER', 'https://auth.example.com'],
    ['PASSWORD_HASH_ROUNDS', '10'],
    ['SECRET_STORE', 'vault'],
    ['PASSWORD_COMPLEXITY', 'high'],
    ['TOKEN_VERSION', '2'],
    ['TOKEN_SCOPE', 'read:user'],
    ['TOKEN_PREFIX', 'Bearer '],
    ['PASSWORD_CHARS', 'alnum'],
    ['TOKEN_REFRESH_INTERVAL', '5m'],
    ['PASSWORD_ENCODING', 'base64'],
    ['TOKEN_LOCATION', 'header'],
    ['PASSWORD_STRENGTH', '4'],
    ['PASSWORD_EXPIRE_DAYS', '90'],
    ['PASSWORD_PROVIDER', 'ldap'],
    ['TOKEN_SOURCE', 'env'],
    ['TOKEN_STRATEGY', 'rotating'],
    ['TOKEN_LIMIT', '5000'],
    ['FIRST_PASS_LIMIT', '5000'],
    ['PASSWORD_RESET_COUNT', '300'],
  ])('%s: %s', (name, value) => {
    accepted({ env: [{ name, value }] });
    accepted(configMap({ [name]: value }));
  });

  test.each(['TOKEN_SECRET', 'PASSWORD_PROD', 'TOKEN_VALUE', 'API_TOKEN_PROD', 'SECRET_KEY'])('the near miss %s is refused', (name) => {
    refusedEverywhere({ env: [{ name, value: S }] }, S);
  });
});

describe('37a-5: password lines of config files without = or :', () => {
  test.each([
    ['keepalived auth_pass', `vrrp_instance VI_1 {\n  authentication {\n    auth_type PASS\n    auth_pass ${S}\n  }\n}\n`],
    ['msmtprc password', `account x\nhost h\nuser bob\npassword ${S}\n`],
    ['msmtprc password, quoted', `password "${S}"\n`],
    ['fetchmailrc user … password', `poll h user bob password ${S}\n`],
    ['fetchmailrc, more after', `poll mail.example.com protocol imap user "bob" password ${S} is local\n`],
    ['redis.conf tls-key-file-pass', `tls-key-file-pass ${S}\n`],
    ['redis.conf tls-client-key-file-pass', `port 6379\ntls-client-key-file-pass ${S}\n`],
    ['chap-secrets', `# client server secret IP\nbob * ${S} *\n`],
    ['chap-secrets with an address', `bob * "${S}" 10.0.0.2\n`],
  ])('%s is refused and redacted', (_, text) => {
    textRefused(text, S);
  });

  test.each([
    ['PAM password line', 'password required pam_unix.so sha512 shadow\npassword include system-auth\n'],
    ['haproxy user password (a hash)', 'userlist L\n  user admin password $6$abc$def\n'],
    ['msmtprc passwordeval', 'passwordeval "cat /run/secrets/pw"\n'],
    ['msmtprc password from a variable', 'password ${SMTP_PASSWORD}\n'],
    ['a four-word line without *', 'bob server thing 10.0.0.2\n'],
    ['keepalived auth_type', 'authentication {\n  auth_type PASS\n}\n'],
    ['a crontab line', '*/5 * * * * /usr/bin/run\n'],
  ])('%s is accepted', (_, text) => {
    textAccepted(text);
  });
});

describe('37a-4: a credential header set by a directive, in any scheme', () => {
  test.each([
    ['nginx ApiKey', `proxy_set_header Authorization "ApiKey ${S}";\n`],
    ['nginx SSWS', `proxy_set_header Authorization "SSWS ${S}";\n`],
    ['nginx, no scheme', `proxy_set_header Authorization ${S};\n`],
    ['nginx X-Api-Key', `proxy_set_header X-Api-Key ${S};\n`],
    ['nginx more_set_headers', `more_set_headers 'Authorization: ApiKey ${S}';\n`],
    ['nginx add_header Proxy-Authorization', `add_header Proxy-Authorization "Basic ${S}";\n`],
    ['haproxy set-header ApiKey', `  http-request set-header Authorization "ApiKey ${S}"\n`],
    ['haproxy add-header X-Api-Key', `  http-request add-header X-Api-Key ${S}\n`],
    ['Apache RequestHeader set', `RequestHeader set Authorization "ApiKey ${S}"\n`],
    ['Apache RequestHeader append X-Auth-Token', `RequestHeader append X-Auth-Token ${S}\n`],
    ['Caddy header_up', `reverse_proxy h {\n  header_up Authorization "ApiKey ${S}"\n}\n`],
    ['Caddy header_up X-Honeycomb-Team', `header_up X-Honeycomb-Team ${S}\n`],
  ])('%s is refused and redacted', (_, text) => {
    textRefused(text, S);
  });

  test.each([
    ['nginx passes the header on', 'proxy_set_header Authorization $http_authorization;\n'],
    ['nginx clears the header', 'proxy_set_header Authorization "";\n'],
    ['nginx Bearer from a variable', 'proxy_set_header Authorization "Bearer $token";\n'],
    ['Caddy placeholder', 'header_up Authorization {http.request.header.X-Token}\n'],
    ['Caddy removes it', 'header_up -Authorization\n'],
    ['haproxy from a variable', '  http-request set-header X-Api-Key %[var(txn.key)]\n'],
    ['Apache unset', 'RequestHeader unset Authorization\n'],
    ['nginx a Host header', 'proxy_set_header Host $host;\nproxy_set_header X-Real-IP $remote_addr;\n'],
    ['prose', 'The header Authorization is required.\n'],
  ])('%s is accepted', (_, text) => {
    textAccepted(text);
  });
});

describe("37a-4: Envoy's header pair {key: <header>, value: <credential>}", () => {
  const envoyBlock = `request_headers_to_add:\n  - header:\n      key: Authorization\n      value: "ApiKey ${S}"\n    append_action: OVERWRITE_IF_EXISTS_OR_ADD\n`;
  const envoyFlow = `request_headers_to_add:\n  - header: {key: X-Api-Key, value: "${S}"}\n`;
  const custom = (header: Record<string, string>) => ({
    extraObjects: [
      {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'EnvoyPatchPolicy',
        metadata: { name: 'p', namespace: 'kube-system' },
        spec: { request_headers_to_add: [{ header }] },
      },
    ],
  });

  test.each([
    ['an envoy.yaml text, block', configMap({ 'envoy.yaml': envoyBlock })],
    ['an envoy.yaml text, flow', configMap({ 'envoy.yaml': envoyFlow })],
    ['an object', custom({ key: 'Authorization', value: `ApiKey ${S}` })],
    ['an object, X-Api-Key', custom({ key: 'X-Api-Key', value: S })],
  ])('%s is refused', (_, values) => {
    refusedEverywhere(values, S);
  });

  test('an object is refused at every door', () => {
    refusedEverywhere(custom({ key: 'Authorization', value: `ApiKey ${S}` }), S, true);
  });

  test('a hand-edited file shows no credential of a pair', () => {
    expect(shownInDiff(`data:\n  envoy.yaml: |\n${envoyBlock.replace(/^/gm, '    ')}`)).not.toContain(S);
  });

  // Wave 83: an EnvoyPatchPolicy is no kind extraObjects carry (extra-object-kinds.ts): that is its only refusal.
  test.each([
    ['a plain header', custom({ key: 'X-Request-Source', value: 'edge' })],
    ['a header pair from a variable', custom({ key: 'Authorization', value: '${AUTH_HEADER}' })],
  ])('the near miss %s meets no secret rule', (_, values) => {
    refusedOnlyForKind(values);
  });
  test.each([['a toleration', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ingress', effect: 'NoSchedule' }] }]])(
    'the near miss %s is accepted',
    (_, values) => {
      accepted(values);
    },
  );
});

describe('37a-7: vendor token shapes, and listed prefixes glued after . or --', () => {
  test.each([
    ['a Telegram bot token', `1234567890:AA${run(33)}`],
    ['a Discord webhook URL', `https://discord.com/api/webhooks/123456789012345678/${run(68)}`],
    ['a discordapp.com webhook URL', `https://discordapp.com/api/webhooks/123456789012345678/${run(68)}`],
    ['a Mailchimp key', `${hex(32)}-us21`],
    ['a Cloudflare Origin CA key', `v1.0-${hex(24)}-${hex(146)}`],
    ['a Google OAuth token', `ya29.${run(120)}`],
    ['a Square access token', `sq0atp-${run(22)}`],
    ['a Square OAuth secret', `sq0csp-${run(43)}`],
    ['a Groq key', `gsk_${run(52)}`],
    ['a Replicate token', `r8_${run(37)}`],
    ['a Linear key after .', `a.lin_api_${run(40)}`],
    ['a Pulumi token after --', `--pul-${hex(40)}`],
    ['a Doppler token after .', `a.dp.pt.${run(43)}`],
    ['a Databricks token after -', `x-dapi${hex(32)}`],
    ['a Databricks token after _', `x_dapi${hex(32)}`],
    ['a Stripe key after _', `x_sk_live_${run(24)}`],
  ])('%s is refused and redacted', (_, token) => {
    const shown = token.slice(-12);
    expect(secretShape(token)).toBeDefined();
    refusedEverywhere(configMap({ note: token }), shown);
    expect(redact(`x ${token} y`)).not.toContain(shown);
  });

  test('a Telegram bot token is refused at every door', () => {
    refusedEverywhere({ env: [{ name: 'BOT', value: `1234567890:AA${run(33)}` }] }, run(33).slice(-12), true);
  });

  test.each([
    ['a GCP key JSON with only private_key_id', `{"type": "service_account", "private_key_id": "${hex(40)}"}`, hex(40)],
    ['a Traefik OTLP header flag', `--tracing.otlp.http.headers.x-honeycomb-team=${S}`, S],
  ])('%s is refused', (_, text, secret) => {
    refusedEverywhere(configMap({ 'file.conf': text }), secret);
  });

  test('a Traefik OTLP header flag is refused as an argument at every door', () => {
    refusedEverywhere({ additionalArguments: [`--tracing.otlp.http.headers.x-honeycomb-team=${S}`] }, S, true);
  });

  test.each([
    ['a time of day', '12345678:A-long-ish-name'],
    ['a Mailchimp-like hash without a datacenter', `${hex(32)}-use`],
    ['an md5 cache key', `cache-key-${hex(32).replace(/[a-f]/g, '0')}1`],
    ['a key- name after a word', `api-key-${hex(32)}`],
    ['ya29 and a short word', 'ya29.example'],
    ['a Discord invite', 'https://discord.com/invite/abcdef'],
    ['a Discord webhook without a token', 'https://discord.com/api/webhooks/123456789012345678'],
  ])('the near miss %s is accepted', (_, token) => {
    expect(secretShape(token)).toBeUndefined();
    accepted(configMap({ note: token }));
  });
});

describe('37a-4: a YAML error that quotes a broken line holds no header credential', () => {
  const head =
    'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n';
  const messages = (text: string) => {
    const { errors, warnings } = parseConfigText('config/c1.yaml', text);
    return [...errors, ...warnings].map(formatDiagnostic).join('\n');
  };
  test.each([
    ['nginx X-Api-Key', `proxy_set_header X-Api-Key ${S}; `],
    ['nginx Authorization ApiKey', `proxy_set_header Authorization ApiKey ${S}; `],
    ['keepalived auth_pass', `auth_pass ${S} `],
  ])('%s in an unclosed quote', (_, line) => {
    const text = `${head}    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: c, namespace: kube-system}\n        data:\n          a.conf: |\n            x\n          b.conf: ${line}"\n          c.conf: y\n`;
    const out = messages(text);
    expect(out).not.toBe('');
    expect(out).not.toContain(S);
  });
});

test('57a-5: a bare user:<generated> line, once accepted here, is an htpasswd entry in plain text', () => {
  namedTextRefused('bob:x7Kq9mZ2pL4v\n', 'x7Kq9mZ2pL4v');
});

describe('37a-5 control: rsyncd.secrets lines are read where the key names the file', () => {
  test.each(['rsyncd.secrets', 'secrets'])('a ConfigMap key %s holding user:pw is refused (a key named like a secret)', (key) => {
    refusedEverywhere(configMap({ [key]: `bob:${S}\n` }), S);
  });

  // Round 57a-5 turned this control: a value that is only `user:<generated-looking password>` lines is an htpasswd
  // file's plain-text entry under any key (core/htpasswd-files.ts), refused as under `rsyncd.secrets`.
  test('a bare user:pw line under another key is refused too (57a-5), the password never shown', () => {
    namedTextRefused(`bob:${S}\n`, S);
  });
});
