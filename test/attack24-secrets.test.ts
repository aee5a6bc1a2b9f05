import { App } from 'cdk8s';
import { secretValues } from '../src/core/secrets';
import { yaml } from '../src/core/yaml';
import { lexedTooDeep } from '../src/core/yaml-depth';
import { parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { NO_MEMO } from '../src/output/pass-memo';
import { secretsInFiles } from '../src/output/secret-gate';
import { configErrors, DEV_YAML, refusalOf, withTraefikValues } from './helpers';

/**
 * Attack round 24a: nesting written on one line (`? ? ? …` five thousand deep) ran yaml's parser itself out of stack
 * (24a-1 to 24a-4: the config's values, the config file, the constructs, dist/ read back); the reference shapes
 * accepted under secret-named keys carried a secret in their `type`, keys and paths, and were read under any key
 * (24a-5, 24a-6). S marks what no message or file may show.
 */
const S = 'Zq7mK2pL9xR4vT8wQ3nB';
const ONE_LINE = `${'? '.repeat(5000)}a\nb: password\n`;

describe('24a-1 to 24a-4: nesting on one line', () => {
  test.each([
    ['explicit keys', ONE_LINE],
    ['sequence items', `${'- '.repeat(20_000)}x\n`],
    ['both', `${'- ? '.repeat(40)}x\n`],
  ])('%s: found by the lexer at the 65th indicator', (_, text) => {
    // Each indicator and its blank take two characters: the 65th starts at 128.
    expect(lexedTooDeep(yaml, text)).toBe(128);
  });

  test.each([
    ['64 indicators on a line', `${'- '.repeat(64)}x\n`],
    ['a flow mapping of 500 pairs on one line', `{${Array.from({ length: 500 }, (_, i) => `k${i}: ${i}`).join(', ')}}`],
    ['a line of 100 dashes in a comment', `a: 1 # ${'-'.repeat(100)}\n`],
  ])('control: %s is read', (_, text) => {
    expect(lexedTooDeep(yaml, text)).toBeUndefined();
  });

  test('in a value: refused as too deep to judge, in one line', () => {
    const errors = configErrors(withTraefikValues({ providers: { file: { enabled: true, content: ONE_LINE } } }));
    expect(errors).toEqual([
      expect.stringMatching(/^config\/t\.yaml: traefik\.values\.providers\.file\.content: is text too deep to judge/),
    ]);
  });

  test('in the config file itself: refused where the nesting goes too deep', () => {
    const { errors } = parseConfigText('config/t.yaml', `${DEV_YAML}extra:\n  ${'? '.repeat(5000)}a\nzzz: password\n`);
    expect(errors.map(({ message }) => message)).toEqual(['nests deeper than 32 levels; a config needs 7 at most: is it the right file?']);
  });

  test('through a construct: a K3sVipValidationError, not a RangeError', () => {
    const refusal = refusalOf(
      () => new K3sVipCluster(new App(), 'c', withTraefikValues({ providers: { file: { enabled: true, content: ONE_LINE } } })),
    );
    expect(refusal).toContain('too deep to judge');
  });

  test('a file of dist/: cannot be judged, where', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n${ONE_LINE}token: ${S}\n`;
    const findings = secretsInFiles(new Map([['dev/x.yaml', text]]), undefined, NO_MEMO);
    expect(findings).toEqual([
      expect.stringMatching(/^dev\/x\.yaml:4:129: cannot be judged: it nests deeper than 64 levels as YAML, too deep to read$/),
    ]);
  });
});

describe('24a-5, 24a-6: a reference to a Secret only where one stands, with names and keys that are chosen', () => {
  const extra = (spec: unknown) =>
    configErrors(
      withTraefikValues({
        // A kind extraObjects carry (extra-object-kinds.ts), with no vendored schema: its spec is free data.
        extraObjects: [
          { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'f', namespace: 'default' }, spec },
        ],
      }),
    );
  test.each<[string, unknown]>([
    ['a token as the type of an authorization', { authorization: { type: `ghp_${S}`, credentials: { name: 'db', key: 'k' } } }],
    ['the authorization shape under password', { password: { type: 'Bearer', credentials: { name: 'db', key: 'k' } } }],
    ['the volume shape under password', { password: { secretName: 'db', items: [{ key: 'k', path: 'p' }] } }],
    ['a generated key in a selector', { apiKey: { name: 'db', key: S } }],
    ['a generated secretName', { secret: { secretName: `zq9x${S.toLowerCase()}` } }],
    ['a generated item key', { secret: { secretName: 'db', items: [{ key: S, path: 'p' }] } }],
    ['a generated item path', { secret: { secretName: 'db', items: [{ key: 'k', path: S }] } }],
  ])('refused: %s', (_, spec) => {
    const errors = extra(spec).join('\n');
    expect(errors).toContain('traefik.values.extraObjects[0].spec.');
    expect(errors).not.toContain(S);
  });

  test.each<[string, unknown]>([
    ['a selector under apiKey', { apiKey: { name: 'api-credentials', key: 'api-key' } }],
    ['an authorization with a scheme', { authorization: { type: 'Basic', credentials: { name: 'auth', key: 'basic' } } }],
    [
      'a volume secret with chosen names',
      { secret: { secretName: 'backend-certs-2024', items: [{ key: 'tls.crt', path: 'certs/tls.crt' }] } },
    ],
  ])('control, accepted: %s', (_, spec) => {
    expect(extra(spec)).toEqual([]);
  });

  test('the smuggled values are secrets to every reader', () => {
    expect(secretValues({ authorization: { type: `ghp_${S}`, credentials: { name: 'db', key: 'k' } } }).join('\n')).toContain(S);
  });
});

describe('24a-7: a K3s token the text holds only escaped', () => {
  const errorsOf = (extra: string) => parseConfigText('config/t.yaml', `${DEV_YAML}${extra}`).errors;
  test.each([`x: "K1\\x30::server:${S}"`, `x: "\\u004B10::x"`, `x: "K10\\x3A:server:abc"`])(
    '%s is refused, never dropped without a word',
    (line) => {
      const errors = errorsOf(`${line}\n`);
      // The unknown key is said beside the token (51a-13: a secret's message stands beside any other problem there).
      expect(errors.map(({ path, message }) => `${path.join('.')}: ${message.slice(0, 17)}`)).toEqual([
        'x: unknown key "x". ',
        'x: holds a K3s token',
      ]);
      expect(JSON.stringify(errors)).not.toContain(S);
    },
  );

  test('inside an extraObjects text item', () => {
    const config = DEV_YAML.replace(
      'traefik:\n',
      `traefik:\n  values:\n    extraObjects:\n      - |\n        apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: q, namespace: default}\n        data: {a: "K1\\x30::server:${S}"}\n`,
    );
    const { errors, config: parsed } = parseConfigText('config/t.yaml', config);
    expect(parsed).toBeUndefined();
    expect(errors.map(({ path }) => path.join('.'))).toEqual(['traefik.values.extraObjects.0.data.a']);
  });

  test('control: a token written as it is, is reported once, where it stands (beside the unknown key, 51a-13)', () => {
    const errors = errorsOf(`x: "K10::server:${S}"\n`);
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatchObject({ line: 34, message: expect.stringContaining('holds a K3s token') });
  });
});

describe('24a-8: more K3s token forms', () => {
  test.each([
    ['a bootstrap token', 'abcdef.0123456789abcdef'],
    ['a bootstrap token in a command line', 'k3s agent --token 7x3k9q.p2m8v4n6b1c5z0wd --server x'],
    ['a percent-encoded K10 token', `https://x/?t=K10abc%3A%3Aserver%3A${S}`],
  ])('%s is a secret', (_, text) => {
    expect(secretValues({ note: text })).not.toEqual([]);
  });

  test.each(['images.registry-example', 'abcdef.0123456789abcdef.example.com', 'abcdef.abcdefghijklmnop', 'v1.2.3'])(
    'control: %s is none',
    (text) => {
      expect(secretValues({ note: text })).toEqual([]);
    },
  );
});

describe('23a-9: a path before a key is read 64 characters back, the key from its own start beyond', () => {
  test.each([63, 64, 65, 300])('a path of %i characters before token=', (length) => {
    expect(secretValues({ note: `see ${'a'.repeat(length - 1)}/token=${S}` })).toEqual([S]);
  });

  test('a quoted word with a path keeps its value whole', () => {
    expect(secretValues({ note: `git push 'refs/heads/password=${S} horse'` })).toEqual([`${S} horse`]);
  });
});
