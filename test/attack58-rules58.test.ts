/**
 * Attack round 58b, parity findings 2 to 7 and 11, and 58a-21: file-provider fields in any case read as paerser fills them
 * (src/ingress/file-routes.ts); v2 HostHeader read as Host (src/ingress/route-alternatives.ts); a literal ? or # a
 * PathRegexp requires in any Go spelling (src/ingress/path-query-marks.ts); `revision: HEAD` with Flux
 * (src/gitops/flux-source.ts); repoURL host escapes, query and unclosed "[" (src/config/git-formats.ts); TRAEFIK_* names
 * through envFrom and the flag suggested for them (src/traefik/static-env.ts, env-from-keys.ts).
 */
import { gitUrl } from '../src/config/git-formats';
import { regexpQueryMark } from '../src/ingress/path-query-marks';
import { staticEnvWarnings } from '../src/traefik/static-env';
import { configErrors, devConfig, judgedValues, withChanges } from './helpers';

const CHART = '39.0.7';
// judgedValues sets traefik.values on the reference config, whose ingresses[0] is INGRESS's host and path (asserted below).
const judged = (values: object) => {
  const { errors, warnings } = judgedValues(values, CHART);
  return { errors: errors.join('\n'), warnings: warnings.join('\n') };
};
const fileContent = (content: string) => ({ providers: { file: { enabled: true, content } } });
const COLLISION = /host "k3s\.code-place-dev\.site" with path "\/" is already routed by ingresses\[0\]/;

describe('the reference config routes the host these rows collide with', () => {
  test('ingresses[0] is k3s.code-place-dev.site /', () => {
    expect(devConfig().ingresses[0]).toMatchObject({ host: 'k3s.code-place-dev.site', path: '/' });
  });
});

describe('58b-2: field names in any case, as paerser v0.2.0 fills them', () => {
  const routers = (a: string, b: string) =>
    fileContent(
      `http:\n  ${a}:\n    r:\n      rule: Host(\`x.example.com\`)\n      service: s\n  ${b}:\n    q:\n      rule: Host(\`k3s.code-place-dev.site\`)\n      service: s\n`,
    );
  const rules = (first: string, second: string, firstHost: string, secondHost: string) =>
    fileContent(
      `http:\n  routers:\n    r:\n      ${first}: Host(\`${firstHost}\`)\n      service: s\n      ${second}: Host(\`${secondHost}\`)\n`,
    );
  test.each([
    ['routers and Routers: both maps read', routers('routers', 'Routers')],
    ['Routers and routers, other order', routers('Routers', 'routers')],
    ['ROUTERS and routers', routers('routers', 'ROUTERS')],
    [
      'Http and http sections merged',
      fileContent(
        'http:\n  routers:\n    r:\n      rule: Host(`x.example.com`)\n      service: s\nHttp:\n  routers:\n    q:\n      rule: Host(`k3s.code-place-dev.site`)\n      service: s\n',
      ),
    ],
    // "Rule" < "rule" in byte order: paerser fills Rule, then rule; rule's value stays.
    ['rule (kept) after Rule', rules('Rule', 'rule', 'x.example.com', 'k3s.code-place-dev.site')],
    ['rule (kept) before Rule', rules('rule', 'Rule', 'k3s.code-place-dev.site', 'x.example.com')],
  ])('%s: the router Traefik keeps is judged (refused)', (_name, values) => {
    expect(judged(values).errors).toMatch(COLLISION);
    expect(judged(values).errors).toContain('traefik.values.providers.file.content');
  });
  test.each([
    ['Rule (dropped) after rule', rules('rule', 'Rule', 'x.example.com', 'k3s.code-place-dev.site')],
    ['Rule (dropped) before rule', rules('Rule', 'rule', 'k3s.code-place-dev.site', 'x.example.com')],
    ['RULE (dropped) beside Rule', rules('RULE', 'Rule', 'k3s.code-place-dev.site', 'x.example.com')],
  ])('%s: the spelling Traefik overwrites is not judged (passes)', (_name, values) => {
    expect(judged(values).errors).not.toMatch(COLLISION);
  });
});

describe('58b-3: v2 HostHeader is Host', () => {
  const v2File = fileContent(
    "http:\n  routers:\n    r:\n      rule: 'HostHeader(`k3s.code-place-dev.site`) && PathPrefix(`/`)'\n      service: s\n      ruleSyntax: v2\n",
  );
  const v2Route = {
    extraObjects: [
      {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'IngressRoute',
        metadata: { name: 'x', namespace: 'default' },
        spec: {
          entryPoints: ['websecure'],
          tls: {},
          routes: [
            {
              match: 'HostHeader(`k3s.code-place-dev.site`) && PathPrefix(`/`)',
              syntax: 'v2',
              kind: 'Rule',
              services: [{ name: 's', port: 80 }],
            },
          ],
        },
      },
    ],
  };
  test.each([
    ['file provider, ruleSyntax v2', v2File],
    ['IngressRoute, syntax v2', v2Route],
  ])('%s: refused like Host, no "no Host matcher" warning', (_name, values) => {
    const { errors, warnings } = judged(values);
    expect(errors).toMatch(COLLISION);
    expect(warnings).not.toMatch(/no Host matcher/);
  });
  test('HostHeader on another host passes', () => {
    expect(
      judged(fileContent("http:\n  routers:\n    r:\n      rule: 'HostHeader(`x.example.com`)'\n      service: s\n      ruleSyntax: v2\n"))
        .errors,
    ).toBe('');
  });
});

describe('58b-4: a PathRegexp that needs a literal ? or #, in any Go spelling', () => {
  test.each([
    ['^/a\\?b', '?'],
    ['^/a[?]b', '?'],
    ['^/a[\\?]b', '?'],
    ['^/a\\x3Fb', '?'],
    ['^/a\\x3fb', '?'],
    ['^/a\\x{3F}', '?'],
    ['^/a\\077', '?'],
    ['^/a\\Q?\\E', '?'],
    ['^/a\\Q?x\\E?', '?'],
    ['^/a\\x{23}b', '#'],
    ['^/a[#]', '#'],
    ['^/a\\43', '#'],
    ['^/\\d+#', '#'],
    ['^/\\p{Greek}#', '#'],
  ])('%s requires %s', (pattern, mark) => {
    expect(regexpQueryMark(pattern)).toBe(mark);
  });
  test.each([
    '^/a\\Q?\\E?',
    '^/a[?]?',
    '^/a[^?]',
    '^/a[?#]',
    '^/a[>-?]',
    '^/[]?]',
    '(/a[?])',
    '^/a[?]|^/b',
    '^/a\\x3F*',
    '^/a#{0}',
    '^/a/b?$',
  ])('%s may match without one: left alone', (pattern) => {
    expect(regexpQueryMark(pattern)).toBeUndefined();
  });
  test('through the file provider, with the key path', () => {
    const { errors } = judged(
      fileContent("http:\n  routers:\n    r:\n      rule: 'Host(`x.example.com`) && PathRegexp(`^/a[?]b`)'\n      service: s\n"),
    );
    expect(errors).toMatch(/providers\.file\.content: http\.routers\.r\.rule gives PathRegexp a value that contains \?/);
  });
});

describe('58b-5: revision HEAD with Flux', () => {
  const errors = (engine: string, revision: string) =>
    configErrors(withChanges(devConfig(), { gitops: { engine, repoURL: 'https://github.com/me/x.git', revision } })).join('\n');
  test('flux: refused, naming the branch to write', () => {
    const found = errors('flux', 'HEAD');
    expect(found).toContain('gitops.revision:');
    expect(found).toMatch(/"HEAD" is no branch Flux can follow.*name the branch itself, e.g\. "main"/);
  });
  test.each([
    ['argocd', 'HEAD'],
    ['flux', 'main'],
    ['flux', 'refs/heads/HEAD-x'],
    ['flux', 'head'],
  ])('%s %s passes', (engine, revision) => {
    expect(errors(engine, revision)).toBe('');
  });
});

describe('58b-6, 58b-7, review57-11: repoURL as Go net/url parses it', () => {
  test.each([
    ['https://gith%75b.com/e/r.git', /has "%75" in its host, an escape of an ASCII character.*write the character itself/],
    ['https://github%2Ecom/e/r.git', /has "%2E" in its host/],
    ['https://[fe80::1%30]/r.git', /has "%30" in its host/],
    ['https://h/r.git?x=1#%zz', /"%" that is not followed by two hex digits/],
    ['https://h/r%zz.git?x=1', /"%" that is not followed by two hex digits/],
    ['https://[::1/e/r.git', /"\[" that no "\]" closes.*missing '\]' in host.*"https:\/\/\[::1\]\/e\/r\.git"/],
  ])('%s is refused', (url, why) => {
    expect(gitUrl(url)).toMatch(why);
  });
  test('the unclosed "[" advice is no "[/" URL', () => {
    expect(gitUrl('https://[::1/e/r.git')).not.toContain('[/');
  });
  test.each([
    'https://gith%C3%BCb.com/e/r.git',
    'https://[fe80::1%25en%30]/r.git',
    'https://h/r.git?x=%zz',
    'https://h/r.git?x=%zz#y',
    'https://h/a%41b.git',
  ])('%s passes', (url) => {
    expect(gitUrl(url)).toBeUndefined();
  });
});

describe('58b-11, 58a-21: TRAEFIK_* names through envFrom; flags only where Traefik has them', () => {
  const configMap = (name: string, namespace: string | undefined, data: object, kind = 'ConfigMap', field = 'data') => ({
    apiVersion: 'v1',
    kind,
    metadata: { name, ...(namespace && { namespace }) },
    [field]: data,
  });
  const warned = (values: Record<string, unknown>) =>
    staticEnvWarnings(values, ['traefik']).map((p) => `${p.path.join('.')}: ${p.message}`);
  test.each([
    [
      'configMapRef in kube-system',
      {
        envFrom: [{ configMapRef: { name: 'e' } }],
        extraObjects: [configMap('e', 'kube-system', { TRAEFIK_PROVIDERS_KUBERNETESINGRESS: 'false' })],
      },
      /traefik\.values\.extraObjects\.0\.data\.TRAEFIK_PROVIDERS_KUBERNETESINGRESS: gives the Traefik container .*through envFrom.*--providers\.kubernetesingress=/,
    ],
    [
      'no namespace (the release namespace)',
      { envFrom: [{ configMapRef: { name: 'e' } }], extraObjects: [configMap('e', undefined, { TRAEFIK_LOG_LEVEL: 'DEBUG' })] },
      /extraObjects\.0\.data\.TRAEFIK_LOG_LEVEL: .*--log\.level=/,
    ],
    [
      'secretRef with stringData',
      {
        envFrom: [{ secretRef: { name: 's' } }],
        extraObjects: [configMap('s', 'kube-system', { TRAEFIK_API_INSECURE: 'true' }, 'Secret', 'stringData')],
      },
      /extraObjects\.0\.stringData\.TRAEFIK_API_INSECURE: .*--api\.insecure=/,
    ],
    [
      'prefix TRAEFIK_ on a key',
      {
        envFrom: [{ prefix: 'TRAEFIK_', configMapRef: { name: 'e' } }],
        extraObjects: [configMap('e', 'kube-system', { LOG_LEVEL: 'DEBUG' })],
      },
      /extraObjects\.0\.data\.LOG_LEVEL: gives the Traefik container "TRAEFIK_LOG_LEVEL"/,
    ],
    [
      'prefix TRAEFIK_ on an outside ConfigMap',
      { envFrom: [{ prefix: 'TRAEFIK_', configMapRef: { name: 'outside' } }] },
      /traefik\.values\.envFrom\.0\.prefix: is "TRAEFIK_"/,
    ],
  ])('%s is warned', (_name, values, message) => {
    expect(warned(values).join('\n')).toMatch(message);
  });
  test.each([
    [
      'ConfigMap in another namespace',
      { envFrom: [{ configMapRef: { name: 'e' } }], extraObjects: [configMap('e', 'default', { TRAEFIK_LOG_LEVEL: 'x' })] },
    ],
    [
      'other ConfigMap name',
      { envFrom: [{ configMapRef: { name: 'e' } }], extraObjects: [configMap('f', 'kube-system', { TRAEFIK_LOG_LEVEL: 'x' })] },
    ],
    ['no TRAEFIK_ key', { envFrom: [{ configMapRef: { name: 'e' } }], extraObjects: [configMap('e', 'kube-system', { TZ: 'UTC' })] }],
  ])('%s: no warning', (_name, values) => {
    expect(warned(values)).toEqual([]);
  });
  test.each([
    ['TRAEFIK_HUB_TOKEN', '--hub.token'],
    ['TRAEFIK_MIDDLEWARES_X_BASICAUTH_USERS', '--middlewares.x.basicauth.users'],
  ])('%s: no flag Traefik lacks is suggested; dynamic configuration is pointed at', (name, flag) => {
    const [message] = warned({ env: [{ name, value: 'v' }] });
    expect(message).toContain(`Traefik has no static option ${flag}`);
    expect(message).not.toContain(`(e.g. ${flag}=`);
    expect(message).toMatch(/file provider \(providers\.file\.content\) or a CRD object in extraObjects/);
  });
  test('a known flag is still suggested', () => {
    expect(warned({ env: [{ name: 'TRAEFIK_ENTRYPOINTS_WEB_ADDRESS', value: ':80' }] }).join('\n')).toContain(
      '(e.g. --entrypoints.web.address=…)',
    );
  });
  test('through the config, the warning names the file key path', () => {
    const { warnings } = judged({
      envFrom: [{ configMapRef: { name: 'e' } }],
      extraObjects: [configMap('e', 'kube-system', { TRAEFIK_PROVIDERS_KUBERNETESINGRESS: 'false' })],
    });
    expect(warnings).toContain('traefik.values.extraObjects[0].data.TRAEFIK_PROVIDERS_KUBERNETESINGRESS: gives the Traefik container');
  });
});
