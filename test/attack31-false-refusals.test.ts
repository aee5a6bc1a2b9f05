import { configErrors, withTraefikValues } from './helpers';

/**
 * Attack round 30a-5 and 30a-6: values that name where or how a token is used, and `${VAR}` substitutions, are no
 * secrets; the same keys with a literal secret still are.
 */

const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'oidc', namespace: 'kube-system' }, data }],
});
const errorsOf = (data: Record<string, string>) => configErrors(withTraefikValues(configMap(data)));

describe('accepted: an OIDC discovery document and substitutions', () => {
  it.each([
    ['token_endpoint as a key', { token_endpoint: 'https://idp.example.com/oauth2/token' }],
    ['token_endpoint inside JSON text', { 'discovery.json': '{"token_endpoint": "https://idp.example.com/oauth2/token"}' }],
    ['token_endpoint_auth_methods_supported', { token_endpoint_auth_methods_supported: 'client_secret_basic' }],
    ['token_endpoint_auth_method', { token_endpoint_auth_method: 'client_secret_post' }],
    ['token_type', { token_type: 'Bearer' }],
    ['TOKEN_TTL', { TOKEN_TTL: '3600' }],
    ['PASSWORD_MIN_LENGTH', { PASSWORD_MIN_LENGTH: '12' }],
    ['password: ${DB_PASSWORD} as text', { 'app.yaml': 'password: ${DB_PASSWORD}' }],
    ['password: $(DB_PASSWORD) as text', { 'app.yaml': 'password: $(DB_PASSWORD)' }],
    ['DB_PASSWORD=${DB_PASSWORD} as text', { 'app.env': 'DB_PASSWORD=${DB_PASSWORD}' }],
  ])('%s', (_, data) => expect(errorsOf(data)).toEqual([]));
});

describe('refused still: the same keys with a literal secret', () => {
  it.each([
    ['token', { token: 'Zq9SeCrEtVaLuE77' }],
    ['client_secret', { client_secret: 'Zq9SeCrEtVaLuE77' }],
    ['password: literal as text', { 'app.yaml': 'password: Zq9SeCrEtVaLuE77' }],
    ['password: ${ inside a longer literal', { 'app.yaml': 'password: ${A}Zq9SeCrEtVaLuE77' }],
    ['token_endpoint_secret', { token_endpoint_secret: 'Zq9SeCrEtVaLuE77' }],
    ['TOKEN_TTL_SECRET', { TOKEN_TTL_SECRET: 'Zq9SeCrEtVaLuE77' }],
  ])('%s', (_, data) => {
    const errors = errorsOf(data);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).not.toContain('Zq9SeCrEtVaLuE77');
  });
});
