// Round 62 (falsepos62): 62a-5 (an RFC 7469 `Public-Key-Pins` header was refused as a PIN), 62a-6 (a URL with a user
// name and no password was "a URL with credentials", in chart values and in gitops.repoURL), 62b-8 (messages: a port
// name told it may be a number, `externalTrafficPolicy: local` "is a string", "internal's Service a ExternalName",
// and advice to write a NUL back). Must-pass rows pass every door; their refused neighbours stay refused, unshown.
import { App, Chart } from 'cdk8s';
import { LoadBalancerService } from '../src';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { secretShape } from '../src/core/secrets';
import { serviceSubject, typeWithArticle } from '../src/core/service-subject';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { configErrors, devConfig, helmChartConfigRefusal, refusalOf, withChanges, withTraefikValues } from './helpers';

const HASH = 'd6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM=';
const HASH2 = 'E9CZ9INDbd+2eRQozYqqbQ2yXLVKB9+xcprMF+44U1g=';
const middleware = (headers: Record<string, string>) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'hdr', namespace: 'default' },
      spec: { headers: { customResponseHeaders: headers } },
    },
  ],
});

describe('62a-5: Public-Key-Pins (RFC 7469) holds hashes of public keys, not a PIN', () => {
  it.each([
    ['Public-Key-Pins', `pin-sha256="${HASH}"; max-age=5184000`],
    ['Public-Key-Pins-Report-Only', `pin-sha256="${HASH}"; max-age=5184000`],
    [
      'Public-Key-Pins',
      `pin-sha256="${HASH}"; pin-sha256="${HASH2}"; max-age=5184000; includeSubDomains; report-uri="https://r.example.com/pkp"`,
    ],
    ['public-key-pins', `pin-sha256="${HASH}";max-age=0;`],
  ])('%s: %s is accepted at every door', (name, value) => acceptedEverywhere(middleware({ [name]: value })));

  it.each([
    ['a PIN under the header name', 'Public-Key-Pins', 'pin: 482913', '482913'],
    ['a PIN beside a pin', 'Public-Key-Pins', `pin-sha256="${HASH}"; pin=482913`, '482913'],
    ['the value under another header name', 'X-Foo', `pin-sha256="${HASH}"; max-age=5184000`, HASH.slice(0, 20)],
  ])('%s stays refused', (_, name, value, secret) => {
    // The other name: the scalar is public-key-shaped, but the written line `X-Foo: pin-sha256=…` is read by the gate.
    if (name === 'X-Foo') {
      const message = helmChartConfigRefusal(middleware({ [name]: value }));
      expect(message).not.toBe('');
      expect(message).not.toContain(secret);
      return;
    }
    refusedEverywhere(middleware({ [name]: value }), `customResponseHeaders.${name}`, secret);
  });
});

describe('62a-6: a URL with a user name and no password holds no credentials', () => {
  const env = (value: string) => ({ env: [{ name: 'REPO', value }] });
  it.each([
    'https://user@git.example.com/repo.git',
    'https://git@git.example.com/org/repo.git',
    'https://admin@grafana.example.com/',
    'https://jdoe@dev.azure.com/org/project/_git/repo',
    'http://proxyuser@proxy.example.com:3128',
    'https://ops-team@bitbucket.org/acme/repo.git',
    'https://first.last@host.example.com/x',
    'https://Contoso@dev.azure.com/Contoso/Project/_git/repo',
  ])('%s is accepted at every door', (url) => acceptedEverywhere(env(url)));

  it.each([
    [
      'a GitHub token as user',
      'https://ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8@github.com/o/r.git',
      'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
    ],
    ['40 hex as user', 'https://0123456789abcdef0123456789abcdef01234567@git.example.com/r', '0123456789abcdef0123456789abcdef01234567'],
    ['a generated user', 'https://Xq9vLm2Pz8Wk4Rt7bN@git.example.com/r', 'Xq9vLm2Pz8Wk4Rt7bN'],
    ['user:password', 'https://jdoe:Tr0ub4dor3x@git.example.com/r', 'Tr0ub4dor3x'],
    ['a plain-word password', 'https://jdoe:secret@git.example.com/r', 'jdoe:secret'],
    ['capitals glued to letters', 'https://SEKRITns@host.example.com/r', 'SEKRITns'],
    ['an npm token as user', 'https://npm_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8@r.example.com/', 'npm_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'],
    ['TOKEN:', 'https://Xq9vLm2Pz8Wk4Rt7bN:@git.example.com/r', 'Xq9vLm2Pz8Wk4Rt7bN'],
  ])('%s stays refused', (_, url, secret) => {
    expect(secretShape(url)).toBe('a URL with credentials');
    refusedEverywhere(env(url), 'env[0].value', secret);
  });

  const gitops = (repoURL: string) => withChanges(devConfig(), { gitops: { engine: 'argocd', repoURL } });
  it.each(['https://jdoe@dev.azure.com/org/project/_git/repo', 'https://git@git.example.com/org/repo.git'])(
    'gitops.repoURL %s is accepted (a config-only key)',
    (url) => expect(configErrors(gitops(url))).toEqual([]),
  );
  it.each([
    ['https://ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8@github.com/o/r.git', 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'],
    ['https://jdoe:secret@github.com/o/r.git', 'secret@'],
    ['ssh://git:Tr0ub4dor3x@github.com/o/r.git', 'Tr0ub4dor3x'],
  ])('gitops.repoURL %s stays refused, unshown', (url, secret) => {
    const errors = configErrors(gitops(url)).join('\n');
    expect(errors).toContain('gitops.repoURL');
    expect(errors).toContain('holds credentials');
    expect(errors).not.toContain(secret);
  });
});

describe('62b-8: messages say what is wrong and what to write', () => {
  const lbRefusal = (props: object) =>
    refusalOf(
      () =>
        new LoadBalancerService(new Chart(new App(), 'c'), 'x', {
          name: 'x',
          namespace: 'default',
          ips: ['192.168.0.50'],
          selector: { app: 'x' },
          ports: [{ port: 80 }],
          ...props,
        } as never),
    );
  it.each([
    [
      'a port name in capitals',
      { ports: [{ port: 80, name: 'HTTP' }] },
      ['ports[0].name', 'upper-case letters are not allowed', 'lower-case', 'e.g. "http"'],
      ['a number from'],
    ],
    [
      // 64b-2: a Service port name is a DNS-1123 label, so `80` is one; an underscore is not.
      'a port name with an underscore',
      { ports: [{ port: 80, name: 'web_80' }] },
      ['ports[0].name', 'not a Service port name', 'lower-case letters, digits and'],
      ['a number from'],
    ],
    [
      'externalTrafficPolicy local',
      { externalTrafficPolicy: 'local' },
      ['externalTrafficPolicy', 'write "Local"', 'case-sensitive'],
      ['is a string'],
    ],
    ['externalTrafficPolicy Node', { externalTrafficPolicy: 'Node' }, ['"Cluster" or "Local"', 'case matters'], ['is a string']],
  ])('LoadBalancerService: %s', (_, props, says, never) => {
    const message = lbRefusal(props);
    for (const words of says) expect(message).toContain(words);
    for (const words of never) expect(message).not.toContain(words);
  });

  it('a config port name in capitals is not told it may be a number', () => {
    const config = withChanges(devConfig(), {
      loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432, name: 'PG' }] }],
    });
    const errors = configErrors(config).join('\n');
    expect(errors).toContain('loadBalancers[0].ports[0].name');
    expect(errors).not.toContain('a number from');
  });

  it('an additional ExternalName Service is "Traefik\'s additional Service internal an ExternalName"', () => {
    const values = {
      ports: { metrics: { expose: { internal: true }, exposedPort: 9100 } },
      service: { additionalServices: { internal: { type: 'ExternalName' } } },
    };
    const errors = configErrors(withTraefikValues(values)).join('\n');
    expect(errors).toContain("makes Traefik's additional Service internal an ExternalName");
    expect(errors).not.toContain("internal's Service");
    expect(serviceSubject('Traefik')).toBe("Traefik's Service");
    expect(serviceSubject('Traefik (UDP)')).toBe("Traefik's Service (UDP)");
    expect(typeWithArticle('NodePort')).toBe('a NodePort');
  });

  it.each([
    ['kubeVip:\0\n', 'remove the control character', ['\\u0000`', '\0`']],
    ['kubeVip:ab\x01c\n', 'write `kubeVip: abc`, without the control character', ['kubeVip: ab\\u0001c`']],
  ])('no space after the colon, then a control character: %j', (text, advice, never) => {
    const errors = parseConfigText('c.yaml', text).errors.map(formatDiagnostic).join('\n');
    expect(errors).toContain('no space after the colon');
    expect(errors).toContain(advice);
    for (const words of never) expect(errors).not.toContain(`write \`${words}`);
    expect(errors).toContain('control character U+');
  });
});
