import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { devConfig, withChanges } from './helpers';
import { envEntry as env, ruleDoors as doors } from './rule-doors';

/**
 * Round 59 (basicauth59): 59a-8 (a `$` reference in a Middleware's or the file provider's `users` is read as written;
 * `${VAR}` in an env value is not expanded by Kubernetes), 59a-9 (`*_BASICAUTH_USERS` env values get the users rules),
 * 59a-15 (a `token:` key outside K3s' places: its unknown-key line and the general message), 59a-16 (advice that fits
 * the door: basicAuth.secret, valueFrom.secretKeyRef, `$(VAR)`; no chart `existingSecret`), 59a-17 (the ACME storage
 * warning on the flag that sets `storage`). Every refused row names its key path and never quotes the value.
 */
const SHA512 = '$6$saltsalt$OXtsv4Vyfq1AdQPHnEkVa/TfWo0NNtTOTFtonxY/pcbOoo5nnXERfbkrznA7q1GD/LLgQ.tFVroNN6ZDdZs8o1';
const APR1 = '$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/';
const PLAIN = 'Tr0ub4dorHorse9';
const middleware = (users: string[], auth = 'basicAuth') => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'auth', namespace: 'default' },
      spec: { [auth]: { users } },
    },
  ],
});
const fileProvider = (content: string) => ({ providers: { file: { enabled: true, content } } });
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data }],
});
const all = (values: object) => {
  const d = doors(values);
  return { text: [...d.errors, d.cluster, d.chart].filter(Boolean).join('\n'), errors: d.errors, warnings: d.warnings };
};
const UNEXPANDED = 'nothing expands there';

describe('59a-8, 59a-9: a BasicAuth entry gets one verdict in every door', () => {
  test.each([
    ['Middleware users ${VAR} hash', middleware(['erin:${BASIC_PW_Xq7}']), 'spec.basicAuth.users[0]', UNEXPANDED],
    ['Middleware users whole-entry ${USERS}', middleware(['${USERS}']), 'spec.basicAuth.users[0]', UNEXPANDED],
    ['Middleware users $HASH', middleware(['erin:$HASH_XQ']), 'spec.basicAuth.users[0]', UNEXPANDED],
    ['Middleware users $(HASH)', middleware(['erin:$(HASH_XQ)']), 'spec.basicAuth.users[0]', UNEXPANDED],
    ['digestAuth users ${VAR}', middleware(['erin:${DIGEST_Xq7}'], 'digestAuth'), 'spec.digestAuth.users[0]', UNEXPANDED],
    [
      'file provider block list ${VAR}',
      fileProvider('http:\n  middlewares:\n    auth:\n      basicAuth:\n        users:\n          - "erin:${BASIC_PW_Xq7}"\n'),
      'providers.file.content',
      UNEXPANDED,
    ],
    [
      'file provider flow list ${VAR}',
      fileProvider('http:\n  middlewares:\n    auth:\n      basicAuth:\n        users: ["erin:${BASIC_PW_Xq7}"]\n'),
      'providers.file.content',
      UNEXPANDED,
    ],
    ['env X_BASICAUTH_USERS sha512-crypt', env('X_BASICAUTH_USERS', `ann:${SHA512}`), 'env[0].value', 'a kind Traefik cannot check'],
    ['env X_BASICAUTH_USERS ${VAR}', env('X_BASICAUTH_USERS', 'ann:${ANN_HASH}'), 'env[0].value', UNEXPANDED],
    ['env X_BASICAUTH_USERS whole ${USERS}', env('X_BASICAUTH_USERS', '${ALL_USERS}'), 'env[0].value', UNEXPANDED],
    ['env X_BASICAUTH_USERS plain', env('X_BASICAUTH_USERS', `ann:${PLAIN}`), 'env[0].value', 'password in plain text'],
  ])('%s is refused at its key', (_name, values, where, what) => {
    const { text, errors } = all(values);
    const line = errors.find((e) => e.includes(where));
    expect(line).toContain(what);
    expect(text).not.toContain('BASIC_PW_Xq7');
    expect(text).not.toContain(PLAIN);
    expect(text).not.toContain('saltsalt');
  });

  test.each([
    // The Middleware CRD has no `users` (crds/traefik: basicAuth takes a Secret): the file provider's flow list carries it.
    ['file provider flow list apr1', fileProvider(`http:\n  middlewares:\n    auth:\n      basicAuth:\n        users: ["erin:${APR1}"]\n`)],
    [
      'file provider apr1',
      fileProvider(`http:\n  middlewares:\n    auth:\n      basicAuth:\n        users:\n          - "erin:${APR1}"\n`),
    ],
    ['Docker label ${VAR} (Compose expands it)', configMap({ labels: 'traefik.http.middlewares.b.basicauth.users=ann:${ANN_HASH}\n' })],
    [
      'Compose label map ${VAR}',
      configMap({ 'compose.yaml': 'labels:\n  traefik.http.middlewares.b.basicauth.users: "ann:${ANN_HASH}"\n' }),
    ],
    ['env X_BASICAUTH_USERS $(VAR) (the kubelet expands it)', env('X_BASICAUTH_USERS', 'ann:$(ANN_HASH)')],
    ['env X_BASICAUTH_USERS $$-doubled apr1 (Kubernetes reads $$ as $)', env('X_BASICAUTH_USERS', `ann:${APR1.replace(/\$/g, '$$$$')}`)],
    ['env X_BASICAUTH_USERS apr1', env('X_BASICAUTH_USERS', `ann:${APR1}`)],
  ])('%s passes', (_name, values) => {
    expect(all(values).text).toBe('');
  });

  test('an env value with ${VAR} is warned (Kubernetes expands only $(VAR)); $(VAR) is not', () => {
    const { warnings, errors } = all(env('API_URL', 'https://${API_HOST}/v1'));
    expect(errors).toEqual([]);
    expect(warnings.find((w) => w.includes('env[0].value'))).toMatch(/expands only `\$\(VAR\)`.*valueFrom\.secretKeyRef/);
    expect(all(env('API_URL', 'https://$(API_HOST)/v1')).warnings.join('\n')).not.toContain('expands only');
  });
});

const config = (patch: object) => {
  const parsed = parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), patch)));
  return parsed.errors.map((d) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, ''));
};
const TOKEN = 'Zx9qWm4vTr7pQw';
const K3S_MESSAGE = 'a K3s token must never enter the repository';

describe('59a-15: a token key outside K3s keeps its unknown-key line and gets the general message', () => {
  test.each([
    [
      'ingresses[0].token',
      (c: any) => ({ ingresses: [{ ...c.ingresses[0], token: TOKEN }] }),
      'ingresses[0].token',
      'valueFrom.secretKeyRef',
    ],
    [
      'certManager issuer token',
      () => ({ certManager: { issuers: { le: { email: 'a@example.com', token: TOKEN } } } }),
      'certManager.issuers.le.token',
      'certManager.issuers.le.solver.dns01.tokenSecret',
    ],
  ])('%s', (_name, patch, where, advice) => {
    const errors = config(patch(devConfig()));
    const here = errors.filter((e) => e.startsWith(`${where}:`));
    expect(here.some((e) => e.includes('unknown key "token"'))).toBe(true);
    expect(here.some((e) => e.includes('is a literal token') && e.includes(advice))).toBe(true);
    expect(errors.join('\n')).not.toContain(K3S_MESSAGE);
    expect(errors.join('\n')).not.toContain(TOKEN);
  });

  test('a top-level token keeps the K3s message', () => {
    const errors = config({ token: TOKEN });
    expect(errors.find((e) => e.startsWith('token:'))).toContain(K3S_MESSAGE);
    expect(errors.join('\n')).not.toContain(TOKEN);
  });
});

describe('59a-16: the advice fits the door', () => {
  test.each([
    ['Middleware plain password', middleware([`dave:${PLAIN}`]), 'users[0]', "Middleware's basicAuth.secret"],
    ['env value under a secret name', env('DB_PASSWORD', PLAIN), 'env[0].value', 'env valueFrom.secretKeyRef'],
    [
      'additionalArguments secret flag',
      { additionalArguments: [`--providers.redis.password=${PLAIN}`] },
      'additionalArguments[0]',
      '`$(VAR)`',
    ],
  ])('%s', (_name, values, where, advice) => {
    const { text, errors } = all(values);
    expect(errors.find((e) => e.includes(where))).toContain(advice);
    expect(text).not.toContain('existingSecret');
    expect(text).not.toContain('`${DB_PASSWORD}`');
    expect(text).not.toContain(PLAIN);
  });
});

describe('59a-17: the ACME storage warning stands on the storage flag', () => {
  test('the flag that sets storage is named', () => {
    const d = doors({
      additionalArguments: [
        '--certificatesresolvers.zs.acme.email=a@example.com',
        '--certificatesresolvers.zs.acme.tlschallenge=true',
        '--certificatesresolvers.zs.acme.storage=/data/zs.json',
      ],
    });
    const warning = d.warnings.find((w) => w.includes('keeps its ACME certificates'));
    expect(warning).toMatch(/^traefik\.values\.additionalArguments\[2\]:/);
  });
});
