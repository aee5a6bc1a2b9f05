import { configErrors, withTraefikValues } from './helpers';

const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'default' },
  data,
});
const errorsFor = (blob: string) => configErrors(withTraefikValues({ extraObjects: [configMap({ blob })] })).join('\n');

// The test suite's own flake (attack26-leaks, about one run in fifty): random public keys whose base64url `x` held a
// secret's short name (`…K_pwNCN8…`, `…ipgPwSyj…`) made the `y` after it "a value beside a name like a secret's".
describe("a secret's name inside a random run names no value after it", () => {
  test.each([
    '{"kty":"EC","x":"U8PYCfLRcfkfBpNqMb5SUBmqafdBPzyqFNeglJWtFeo","y":"DET-i4wDicFY_fCMRPQTb7_LlkFJjwKUqWyuF0PHQVk","crv":"P-256"}',
    '{"kty":"EC","x":"lKWMa5j-GyF6j255ipgPwSyjZju-gRwh7auMtgHY6CQ","y":"6j3xF1mqt3ESR6qgCIkSNOwB1vgf5M6Ngq_fEU249cg","crv":"P-256"}',
    '{"kty":"EC","x":"GiLQbgLhlnhPwYpmdNlwdIloFt9yEeeDTjnEWHV6K8s","y":"ydd79napN6yAYzR3s2OLXw69IqBE77l4PKHfFEtsMX4","crv":"P-256"}',
    '{"kty":"EC","x":"51cPwLe1VDTps_70djl9IQbyq1TY3LN761pz4z0LJKw","y":"mGFxlY6h9MmPR9eIrpa924ESgeZetJ22qYv7Yb6Mo_4","crv":"P-256"}',
    '{"kty":"EC","x":"kxz7BCytzBFSAkUTK_pwNCN8YjY62FLEvP4WY9VoVko","y":"dd2fetxLNJk4QXjFKaeiCedK6xo2jIvnzefvRqzcbtc","crv":"P-256"}',
    'sha256-kxz7BCytzBFSAkUTK_pwNCN8YjY62FLEvP4WY9VoVko dd2fetxLNJk4QXjFKaeiCedK6xo2jIvnzefvRqzcbtc',
  ])('accepted: %s', (blob) => expect(errorsFor(blob)).toBe(''));

  test.each([
    ['a name, then a generated value', 'pw Xk9mQ2vL7pZr8sTq', 'Xk9mQ2vL7pZr8sTq'],
    ['a long env name, then a generated value', 'DB_PASSWORD_FOR_PRODUCTION_SERVICE Xk9mQ2vL7pZr8sTq', 'Xk9mQ2vL7pZr8sTq'],
    ['the name after a random run', 'kxz7BCytzBFSAkUTK4NCN8YjY62FLEvP4WY9VoVko password Xk9mQ2vL7pZr8sTq', 'Xk9mQ2vL7pZr8sTq'],
  ])('still refused: %s', (_, blob, secret) => {
    const errors = errorsFor(blob);
    expect(errors).toContain('extraObjects[0].data.blob');
    expect(errors).not.toContain(secret);
  });
});
