import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretsInLines, secretValues } from '../src/core/secrets';
import { lexedTooDeep, nestsTooDeep } from '../src/core/yaml-depth';
import { yaml } from '../src/core/yaml';
import { objectsOf } from '../src/k3s/install-plan';
import { describeFileError, makeFolders } from '../src/output/file-system';
import { NO_MEMO } from '../src/output/pass-memo';
import { secretsInFiles } from '../src/output/secret-gate';
import { configErrors, devConfig, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 23a (secrets and readings) and 23b-8, 23b-9, 23b-11 (references to a Secret taken for one). S marks
 * what no message or file may show.
 */
const S = 'Zq7mK2pL9xR4vT8wQ3nB';
const annotation = (value: string) => configErrors(withTraefikValues({ deployment: { podAnnotations: { a: value } } }));
const refused = (errors: string[]) => {
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('traefik.values.deployment.podAnnotations.a: ');
  expect(errors.join('\n')).not.toContain(S);
};
const chain = (links: number) =>
  `{l0: &a0 {"p\\x61ssw\\x6frd": ${S}}${Array.from({ length: links }, (_, i) => `, l${i + 1}: &a${i + 1} [*a${i}]`).join('')}}`;

describe('23a-1: a K3s token with a short or no CA hash', () => {
  test.each([`K10::server:${S}`, `K10abc::server:${S}`, `K10${'a'.repeat(64)}::server:${S}`])('%s in a value is refused', (token) => {
    const errors = annotation(token);
    expect(errors.join('\n')).toContain('holds a K3s token');
    expect(errors.join('\n')).not.toContain(S);
  });

  test('in a message it is not shown', () => {
    const errors = configErrors(withChanges(devConfig(), { kubeVip: { version: `K10::server:${S}` } })).join('\n');
    expect(errors).toContain('holds a K3s token');
    expect(errors).not.toContain(S);
  });

  test.each(['K10::', 'see K10 and :: apart', 'K10x::server'])('control: %j is no token', (text) => {
    expect(secretValues({ note: text })).toEqual([]);
  });
});

describe('23a-2/3/4: escaped keys and readings that fail', () => {
  test.each([7, 8, 12])('an alias chain of %i links after an escaped secret key is refused', (links) => refused(annotation(chain(links))));

  test.each([
    ['a syntax error', `{"p\\x61ssw\\x6frd": ${S}, a: [}`],
    ['an unknown alias', `{"p\\x61ssw\\x6frd": ${S}, a: *undefined}`],
    ['a bad escape', `{"p\\x61ssw\\x6frd": ${S}, a: "\\xZZ"}`],
  ])('text with %s after an escaped secret key is refused', (_, text) => refused(annotation(text)));

  test('aliases past the reader bound, with the secret only in the data (an explicit key), cannot be judged: refused whole', () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(',')}]`).join('\n');
    const text = `x0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n${laughs}\n? p\\x61ssword\n: ${S}\n`;
    const found = secretValues({ note: text });
    expect(found.join('\n')).toContain(S);
  });

  test('the line reading of a hand-edited file finds the escaped key (what check and --dry-run redact)', () => {
    expect(secretsInLines(`l0: &a0 {"p\\x61ssword": ${S}}\nl1: &a1 [*a0]\n`)).toContain(S);
  });

  test('control: an escaped key that is no secret name', () => {
    expect(annotation(`{"n\\x61me": x, a: [}`)).toEqual([]);
  });
});

describe('23a-5/6/7: dist/ files read back', () => {
  const deepLine = (levels: number, closed: boolean) => `a: 1\nzz: ${'['.repeat(levels)}${closed ? ']'.repeat(levels) : ''}\n`;

  test('flow nesting is found by the lexer at the 65th bracket, with its offset; 64 pass', () => {
    expect(lexedTooDeep(yaml, deepLine(450_000, false))).toBe('a: 1\nzz: '.length + 64);
    expect(lexedTooDeep(yaml, deepLine(64, true))).toBeUndefined();
    expect(lexedTooDeep(yaml, `"${'['.repeat(100)}"`)).toBeUndefined();
    expect(nestsTooDeep(yaml, deepLine(65, true))).toBe('a: 1\nzz: '.length + 64);
  });

  test('the error of a parse sits where the nesting goes too deep', () => {
    const lines = new yaml.LineCounter();
    const [doc] = yaml.parseAllDocuments(deepLine(200_000, true), { lineCounter: lines, prettyErrors: false });
    expect(lines.linePos(doc.errors[0].pos[0])).toEqual({ line: 2, col: 69 });
  });

  test('k3s:install reads aliases past the bound as invalid YAML, not as an unexpected problem', () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(',')}]`).join('\n');
    expect(objectsOf(`x0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n${laughs}\n`)).toBeUndefined();
    expect(objectsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n')).toEqual([{ group: '', kind: 'ConfigMap', name: 'a' }]);
  });

  test('the gate says a file too deep cannot be judged, where, and claims no secret', () => {
    const findings = secretsInFiles(new Map([['dev/x.yaml', deepLine(200_000, true)]]), undefined, NO_MEMO);
    expect(findings).toEqual(['dev/x.yaml:2:69: cannot be judged: it nests deeper than 64 levels as YAML, too deep to read']);
  });
});

describe('23a-8, 23a-11: more ways to set a secret in text', () => {
  test.each([
    ['a value that starts with =', `DB_PASSWORD==${S}`],
    ['a backtick pair of words', `export DB_PASSWORD=\`${S} horse\``],
    ['a !!binary value', `x: !!binary ${Buffer.from(`password: ${S}`).toString('base64')}`],
    ['a !!binary value in a flow map', `{x: !!binary ${Buffer.from(`password: ${S}`).toString('base64')}}`],
  ])('%s is found', (_, text) => {
    // The secret where the text holds it, or the whole text where it holds it only encoded.
    expect(secretValues({ note: text })).toEqual([expect.stringMatching(new RegExp(`${S}|!!binary`))]);
    refused(annotation(text));
  });

  test.each(['a == b', 'if [ "$DB_PASSWORD" == x ]', 'password === x', 'x: !!str plain'])('control: %j sets nothing', (text) => {
    expect(secretValues({ note: text })).toEqual([]);
  });
});

describe('23b-8, 23b-9, 23b-11: a reference to a Secret is no secret', () => {
  const deployment = (volumes: unknown[]) => withTraefikValues({ deployment: { additionalVolumes: volumes } });
  test.each<[string, unknown]>([
    [
      'a secret volume',
      { name: 'certs', secret: { secretName: 'backend-certs', defaultMode: 0o400, items: [{ key: 'tls.crt', path: 'tls.crt' }] } },
    ],
    [
      'a projected secret',
      { name: 'p', projected: { sources: [{ secret: { name: 'tls-bundle', items: [{ key: 'tls.crt', path: 'a/tls.crt' }] } }] } },
    ],
    ['an optional secret volume', { name: 'o', secret: { secretName: 'x', optional: true } }],
  ])('%s in deployment.additionalVolumes', (_, volume) => {
    expect(configErrors(deployment([volume]))).toEqual([]);
  });

  const extra = (object: unknown) => configErrors(withTraefikValues({ extraObjects: [object] }));
  test('a ServersTransport rootCAs[].secret', () => {
    const transport = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransport',
      metadata: { name: 'backend-tls', namespace: 'kube-system' },
      spec: { serverName: 'backend.internal', rootCAs: [{ secret: 'backend-ca' }, { configMap: 'ca' }] },
    };
    expect(extra(transport)).toEqual([]);
  });

  test("a ServiceMonitor's basicAuth and authorization", () => {
    const monitor = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'm', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { app: 'x' } },
        endpoints: [
          { port: 'metrics', basicAuth: { username: { name: 'auth', key: 'user' }, password: { name: 'auth', key: 'password' } } },
          { port: 'metrics', authorization: { type: 'Bearer', credentials: { name: 'auth', key: 'token' } } },
        ],
      },
    };
    expect(extra(monitor)).toEqual([]);
  });

  test.each<[string, unknown]>([
    ['a name that cannot be a Secret name', { name: 'c', secret: { secretName: `Hunter ${S}` } }],
    ['another key beside the reference', { name: 'c', secret: { secretName: 'x', password: S } }],
    ['a password as a plain value', { name: 'c', secret: S }],
  ])('still refused: %s', (_, volume) => {
    const errors = configErrors(deployment([volume])).join('\n');
    expect(errors).toContain('traefik.values.deployment.additionalVolumes[0].secret');
    expect(errors).not.toContain(S);
  });

  test('still refused: rootCAs[].secret that is no name, and an authorization with a literal credential', () => {
    const transport = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransport',
      metadata: { name: 't' },
      spec: { rootCAs: [{ secret: `x ${S}` }] },
    };
    expect(extra(transport).join('\n')).toContain('rootCAs[0].secret');
    const monitor = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'm' },
      spec: { endpoints: [{ authorization: { type: 'Bearer', credentials: S } }] },
    };
    expect(extra(monitor).join('\n')).not.toContain(S);
    expect(extra(monitor).join('\n')).toContain('authorization');
  });
});

test('23a-10: a link to nothing on the way of an output folder is named as such', () => {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-dangling-'));
  symlinkSync(join(root, 'nowhere'), join(root, 'link'));
  let error: unknown;
  try {
    makeFolders(join(root, 'link', 'dist'));
  } catch (e) {
    error = e;
  }
  expect(describeFileError(error)).toBe('a symbolic link on the way leads to nothing');
});
