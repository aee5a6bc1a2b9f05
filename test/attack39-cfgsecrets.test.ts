import { secretShape, redact } from '../src/core/secrets';
import { accepted, configMapOf as configMap, diffOf, hex, refusedEverywhere, run as runOf, textRefused } from './secret-tables';

/**
 * Attack round 38a-4, 38a-5, 38a-6, 38a-7, 38a-12: fixed-prefix token shapes (gitleaks' rules), OpenVPN static keys,
 * Vault AppRole `secret_id` names, header and config-file password lines, and names that are no secret (LLM token
 * counts, qualifier words). Hostile texts for these readers are rows of scripts/hostile-inputs.js tokenShapes34a.
 */
const S = 'Zq8vNp3xWk7T';
/** `n` letters and digits, starting with the secret marker. */
const run = (n: number): string => runOf(S, n);
const uuid = '3f4a1c2e-8b9d-4e5f-a6b7-c8d9e0f1a2b3';

/** A text accepted as a ConfigMap's data. */
function textAccepted(text: string): void {
  expect(secretShape(text)).toBeUndefined();
  accepted(configMap({ 'file.conf': text }));
}

describe('38a-4: fixed-prefix tokens (gitleaks shapes), in URLs and glued', () => {
  test.each([
    ['a Telegram token in the Bot API URL', `https://api.telegram.org/bot123456789:AA${run(33)}/sendMessage`],
    ['a Telegram token after _', `BOT_123456789:AA${run(33)}`],
    ['a Doppler service token', `dp.st.prd.${run(43)}`],
    ['a Doppler service token without an environment', `dp.st.${run(40)}`],
    ['a Doppler CLI token', `dp.ct.${run(43)}`],
    ['a Doppler service-account token', `dp.sa.${run(43)}`],
    ['a Doppler SCIM token', `dp.scim.${run(43)}`],
    ['a Doppler audit token', `dp.audit.${run(43)}`],
    ['a Square production token', `EAAA${run(60)}`],
    ['a Square token of 55', `EAAA${run(55)}`],
    ['a Postman key', `PMAK-${hex(24)}-${hex(34)}`],
    ['a Notion ntn_ token', `ntn_12345678901${run(35)}`],
    ['a Notion secret_ token', `secret_${run(43)}`],
    ['a Supabase key', `sbp_${hex(40)}`],
    ['an xAI key', `xai-${run(80)}`],
    ['a Perplexity key', `pplx-${run(48)}`],
    ['an OpenRouter key', `sk-or-v1-${hex(64)}`],
    ['a Stripe/Svix webhook secret', `whsec_${run(32)}`],
    ['a Google OAuth client secret', `GOCSPX-${run(28)}`],
    ['a Bitbucket app password', `ATBB${run(32)}`],
    ['a Figma token', `figd_${run(40)}`],
    ['a Buildkite token', `bkua_${hex(40)}`],
    ['a 1Password service-account token', `ops_eyJ${run(260)}`],
    [
      'a Teams webhook URL',
      `https://contoso.webhook.office.com/webhookb2/${uuid}@${uuid}/IncomingWebhook/${hex(32)}/${uuid.replace('3f4a', '9e9e')}`,
    ],
    ['an OpenAI project key without the marker', `sk-proj-${run(48)}_${run(40)}`],
    ['an OpenAI service-account key', `sk-svcacct-${run(60)}`],
    ['an OpenAI admin key', `sk-admin-${run(60)}`],
    ['a JWT after _', `x_eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${run(43)}`],
    ['a JWT after .', `a.eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${run(43)}`],
    ['a JWT after --', `--eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${run(43)}`],
    ['a Mailchimp key after _', `x_${hex(32)}-us21`],
    ['a GitLab CI job token without the _', `glcbt-${run(40)}`],
    ['a long OpenAI project key', `sk-proj-${run(150)}_${run(60)}`],
  ])('%s is refused and redacted', (_, token) => {
    const shown = token.replace(/\/sendMessage$/, '').slice(-12);
    expect(secretShape(token)).toBeDefined();
    refusedEverywhere(configMap({ note: token }), shown);
    expect(redact(`x ${token} y`)).not.toContain(shown);
    expect(diffOf(`note: ${token}`)).not.toContain(shown);
  });

  test('a Telegram Bot API URL is refused at every door', () => {
    const url = `https://api.telegram.org/bot123456789:AA${run(33)}/sendMessage`;
    refusedEverywhere({ env: [{ name: 'WEBHOOK_URL', value: url }] }, run(33).slice(-12), true);
  });

  test.each([
    ['a Telegram bot page', 'https://api.telegram.org/bot/sendMessage'],
    ['a name starting secret_', 'secret_name_for_the_database_credentials_ok'],
    ['a lower-case secret_ run', `secret_${'abcdefghij'.repeat(4)}abc`],
    ['an OpenAI-like name', 'sk-proj-settings'],
    ['an EAAA word', 'EAAAbcdef'],
    ['a Doppler-like version', 'dp.st.v1'],
    ['a whsec_ placeholder', 'whsec_...'],
    ['a whsec_ run of x', `whsec_${'x'.repeat(32)}`],
    ['a Teams URL without a webhook', 'https://contoso.webhook.office.com/webhookb2/'],
    ['a base64 word with _eyJ', `a_eyJ${'b'.repeat(10)}`],
  ])('the near miss %s is accepted', (_, token) => {
    expect(secretShape(token)).toBeUndefined();
    accepted(configMap({ note: token }));
  });
});

describe('38a-5: OpenVPN static keys', () => {
  const body = Array.from({ length: 16 }, (_, i) => `f1e2d3c4b5a69788796a5b4c3d2e1f${i.toString(16).padStart(2, '0')}`).join('\n');
  const key = (kind = 'Static key V1') => `-----BEGIN OpenVPN ${kind}-----\n${body}\n-----END OpenVPN ${kind}-----\n`;
  test.each([
    ['a bare ta.key', key()],
    ['inline under <tls-auth>', `client\nremote vpn.example.com 1194\n<tls-auth>\n${key()}</tls-auth>\nkey-direction 1\n`],
    ['inline under <tls-crypt>', `<tls-crypt>\n${key()}</tls-crypt>\n`],
    ['a tls-crypt-v2 client key', `<tls-crypt-v2>\n${key('tls-crypt-v2 client key')}</tls-crypt-v2>\n`],
    ['a key cut short', `-----BEGIN OpenVPN Static key V1-----\n${body}\n`],
  ])('%s is refused and redacted', (_, text) => {
    textRefused(text, 'f1e2d3c4b5a6');
  });

  test('a bare ta.key is refused at every door', () => {
    refusedEverywhere({ env: [{ name: 'TA', value: key() }] }, 'f1e2d3c4b5a6', true);
  });

  test.each([
    ['a tls-auth file reference', 'tls-auth /etc/openvpn/ta.key 1\n'],
    ['prose naming the armour', 'The key starts with BEGIN OpenVPN Static key V1.\n'],
  ])('the near miss %s is accepted', (_, text) => {
    textAccepted(text);
  });
});

const APPROLE = ['secret_id', 'secretId', 'SECRET_ID', 'VAULT_SECRET_ID', 'APPROLE_SECRET_ID'];

describe("38a-6: Vault AppRole's secret_id names the credential", () => {
  test.each(APPROLE)('an env entry named %s is refused', (name) => {
    refusedEverywhere({ env: [{ name, value: uuid }] }, uuid.slice(0, 13));
  });

  test.each(APPROLE)('a ConfigMap key named %s is refused', (key) => {
    refusedEverywhere(configMap({ [key]: uuid }), uuid.slice(0, 13));
  });

  test('a YAML file with role_id and secret_id is refused', () => {
    const text = `vault:\n  auth:\n    role_id: 1d2c3b4a-1111-2222-3333-444455556666\n    secret_id: ${uuid}\n`;
    refusedEverywhere(configMap({ 'config.yaml': text }), uuid.slice(0, 13));
    expect(diffOf(text)).not.toContain(uuid.slice(0, 13));
  });

  test('VAULT_SECRET_ID is refused at every door', () => {
    refusedEverywhere({ env: [{ name: 'VAULT_SECRET_ID', value: uuid }] }, uuid.slice(0, 13), true);
  });

  test.each(['SECRET_ID', 'AWS_SECRET_ID', 'secretId'])('%s holding a Secrets Manager ARN is accepted', (name) => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';
    accepted({ env: [{ name, value: arn }] });
    accepted(configMap({ [name]: arn }));
    textAccepted(`${name}=${arn}\n`);
  });

  test.each(['AWS_ACCESS_KEY_ID', 'SECRET_KEY_ID', 'role_id', 'TOKEN_ID', 'SECRET_NAME'])('the near miss %s is accepted', (name) => {
    accepted({ env: [{ name, value: 'AKIAEXAMPLE' }] });
  });
});

describe('38a-7: header directives and config-file password lines', () => {
  test.each([
    ['Caddy request_header', `example.com {\n  request_header X-Api-Key ${S}\n  reverse_proxy b\n}\n`],
    ['nginx Ocp-Apim-Subscription-Key', `proxy_set_header Ocp-Apim-Subscription-Key ${S};\n`],
    ['haproxy %[str(…)]', `  http-request set-header X-Auth-Token %[str(${S})]\n`],
    ['fetchmail with password', `poll mail.example.com\n  user bob there with password ${S} is bob here\n`],
    ['fetchmail with password, quoted', `user "bob" there with password "${S}" is bob here\n`],
    ['dovecot {PLAIN}', `bob:{PLAIN}${S}::::::\n`],
    ['dovecot {CLEAR}', `alice:{CLEAR}${S}:1000:1000::/home/alice\n`],
    ['dovecot {CLEARTEXT}', `carol:{CLEARTEXT}${S}\n`],
    ['postfix sasl_passwd', `[smtp.gmail.com]:587 bob@gmail.com:${S}\n`],
  ])('%s is refused and redacted', (_, text) => {
    textRefused(text, S);
  });

  test.each([
    ['Ocp-Apim-Subscription-Key', { [`Ocp-Apim-Subscription-Key`]: S }],
    ['OCP_APIM_SUBSCRIPTION_KEY', { OCP_APIM_SUBSCRIPTION_KEY: S }],
  ])('a ConfigMap key named %s is refused', (_, data) => {
    refusedEverywhere(configMap(data), S);
  });

  test('a Traefik headers middleware setting Ocp-Apim-Subscription-Key is refused', () => {
    const middleware = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'apim', namespace: 'kube-system' },
      spec: { headers: { customRequestHeaders: { 'Ocp-Apim-Subscription-Key': S } } },
    };
    refusedEverywhere({ extraObjects: [middleware] }, S);
  });

  test.each([
    ['dovecot hashed scheme', 'bob:{SHA512-CRYPT}$6$abc$def::::::\n'],
    ['Caddy request_header from a placeholder', 'request_header X-Api-Key {env.API_KEY}\n'],
    ['haproxy from a variable', '  http-request set-header X-Auth-Token %[var(txn.tok)]\n'],
    ['postfix relayhost', 'relayhost = [smtp.gmail.com]:587\n'],
    ['a bracketed line without a port', '[section] a:b\n'],
    ['fetchmail without a password', 'user bob there is bob here\n'],
    ['a user:group line', 'app:{x}\n'],
  ])('the near miss %s is accepted', (_, text) => {
    textAccepted(text);
  });
});

describe('38a-12: names that are no secret', () => {
  test.each([
    ['MAX_TOKENS', '4096'],
    ['max_tokens', '4096'],
    ['maxTokens', '4096'],
    ['max_output_tokens', '2048'],
    ['MAX_COMPLETION_TOKENS', '512'],
    ['TOKENS_PER_MINUTE', '90000'],
    ['TOKENIZER', 'cl100k_base'],
    ['HF_TOKENIZER', 'gpt2'],
    ['TOKEN_CLAIM', 'sub'],
    ['TOKEN_NAMESPACE', 'default'],
    ['SECRET_NAMESPACE', 'default'],
    ['TOKEN_ROLE_ARN', 'arn:aws:iam::123456789012:role/x'],
    ['TOKEN_FIELD', 'token'],
    ['PASSWORD_FIELD', 'password'],
    ['TOKEN_PARAM', 'access_token'],
    ['PASSWORD_PROMPT', 'Password: '],
    ['PASSWORD_HINT', 'your pet'],
    ['TOKEN_BUCKET_RATE', '10'],
    ['SECRET_BACKEND', 'vault'],
    ['PASSWORD_ROTATION_PERIOD', '30d'],
  ])('%s: %s is accepted', (name, value) => {
    accepted({ env: [{ name, value }] });
    accepted(configMap({ [name]: value }));
  });

  test('an LLM config with max_tokens is accepted', () => {
    textAccepted('model: gpt-4o\nmax_tokens: 4096\ntemperature: 0.2\n');
    accepted(configMap({ 'llm.yaml': 'model: gpt-4o\nmax_tokens: 4096\ntemperature: 0.2\n' }));
  });

  test.each(['TOKENS', 'API_TOKENS', 'GITHUB_TOKENS', 'TOKEN_SECRET', 'TOKENIZER_TOKEN', 'PASSWORD_PROD'])(
    'the near miss %s is refused',
    (name) => {
      refusedEverywhere({ env: [{ name, value: S }] }, S);
    },
  );
});
