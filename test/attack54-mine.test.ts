import { App, Chart } from 'cdk8s';
import { refusalOf, valuesDoors } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { at, HOST, judged, route } from './ingress-route-doors';
import { secretsInFiles } from '../src/output/secret-gate';
import { checkSchema } from '../src/validate/schemas';
import { errnoAdvice } from '../src/output/errno-advice';
import { parseSynthArgs } from '../src/synth';

/** Round 52b findings 3, 8 and 12: API group spellings, a class on a ClusterIP additional Service, session cookies. */
const COOKIE = 'Zq9WvTkL3mP8xR2n';

const httpRoute = (apiVersion: string) => ({
  apiVersion,
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'default' },
  spec: { rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
});

describe('52b-3: an API group is a lower-case DNS name, matched exactly', () => {
  test.each([
    ['Gateway.Networking.K8s.io/v1', 'gateway.networking.k8s.io/v1'],
    ['GATEWAY.NETWORKING.K8S.IO/v1', 'gateway.networking.k8s.io/v1'],
    ['gateway.networking.k8s.io./v1', 'gateway.networking.k8s.io/v1'],
    ['Monitoring.CoreOS.com/v1', 'monitoring.coreos.com/v1'],
  ])('%s is refused with the spelling to write', (apiVersion, expected) => {
    const { errors } = judged({ extraObjects: [httpRoute(apiVersion)] }, '/');
    const lines = at(errors, 'traefik.values.extraObjects[0].apiVersion:');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`write ${expected}`);
    expect(checkSchema(httpRoute(apiVersion)).map((f) => f.path.join('.'))).toEqual(['apiVersion']);
  });

  test('the exact group is judged against its CRD, and a third-party group in lower case is not called misspelt', () => {
    expect(checkSchema(httpRoute('gateway.networking.k8s.io/v1'))).toEqual([]);
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' }, spec: {} };
    expect(checkSchema(monitor)).toEqual([]);
  });

  test('TraefikHelmChartConfig refuses the same item', () => {
    expect(valuesDoors.chart({ extraObjects: [httpRoute('Gateway.Networking.K8s.io/v1')] })).toContain('lower-case DNS name');
  });
});

describe('52b-8: loadBalancerClass on an additional Service that is no LoadBalancer', () => {
  const additional = (type: string) => ({
    service: { additionalServices: { internal: { type, spec: { loadBalancerClass: 'kube-vip.io/kube-vip-class' } } } },
    ports: { web: { expose: { internal: true } } },
  });

  test('is refused on a ClusterIP one, at its key', () => {
    const { errors } = judged(additional('ClusterIP'), '/');
    expect(at(errors, 'traefik.values.service.additionalServices.internal.spec.loadBalancerClass:')).toEqual([
      expect.stringContaining('accepts it on a LoadBalancer only'),
    ]);
  });

  test("is accepted on a LoadBalancer one with kube-vip's class", () => {
    const { errors } = judged(additional('LoadBalancer'), '/');
    expect(at(errors, 'traefik.values.service.additionalServices.internal.spec.loadBalancerClass:')).toEqual([]);
  });
});

describe('52b-12: a session cookie in a rule, a header match or a header map is a secret', () => {
  const refused: Array<[string, object]> = [
    ['session= in a Header matcher', { extraObjects: [route(`Host(\`${HOST}\`) && Header(\`Cookie\`, \`session=${COOKIE}\`)`)] }],
    ['JSESSIONID= in a Header matcher', { extraObjects: [route(`Host(\`${HOST}\`) && Header(\`Cookie\`, \`JSESSIONID=${COOKIE}\`)`)] }],
    [
      'a generated value after lang= in a HeaderRegexp',
      { extraObjects: [route(`HeaderRegexp(\`cookie\`, \`.*lang=en; x=${COOKIE}.*\`)`)] },
    ],
    [
      'an HTTPRoute header match',
      {
        extraObjects: [
          {
            ...httpRoute('gateway.networking.k8s.io/v1'),
            spec: {
              rules: [
                { matches: [{ headers: [{ name: 'Cookie', value: `auth_session=${COOKIE}` }] }], backendRefs: [{ name: 'web', port: 80 }] },
              ],
            },
          },
        ],
      },
    ],
    [
      "a Middleware's customRequestHeaders",
      {
        extraObjects: [
          {
            apiVersion: 'traefik.io/v1alpha1',
            kind: 'Middleware',
            metadata: { name: 'm', namespace: 'default' },
            spec: { headers: { customRequestHeaders: { Cookie: `PHPSESSID=${COOKIE}` } } },
          },
        ],
      },
    ],
  ];

  test.each(refused)('%s is refused at every door, never shown', (_, values) => {
    for (const refusal of [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      // A rule's text names `Cookie` beside a generated value: the one-line catch-all (secret-word-lines.ts) may say it first.
      expect(refusal).toMatch(/session cookie|a name like a secret's on its line/);
      expect(refusal).not.toContain(COOKIE);
    }
    expect(valuesDoors.gate(values).length).toBeGreaterThan(0);
  });

  test.each([
    ['a language cookie', `Header(\`Cookie\`, \`lang=en\`)`],
    ['a short session flag', `Header(\`Cookie\`, \`session=1\`)`],
    ['a placeholder', `Header(\`Cookie\`, \`session=<your-session>\`)`],
  ])('%s is no secret', (_, match) => {
    const values = { extraObjects: [route(`Host(\`other.example.com\`) && ${match}`)] };
    expect(valuesDoors.config(values)).toBe('');
    expect(secretsInFiles(new Map([['c/x.yaml', `rule: "${match.replace(/"/g, '\\"')}"\n`]]))).toEqual([]);
  });
});

describe('52b-16c: a refusal of rights tells root what else refuses it', () => {
  afterEach(() => jest.restoreAllMocks());

  test.each([
    [
      1000,
      ': this user (uid 1000) may not write to /m: make it writable for this user (chown, chmod u+w), or run as its owner (sudo when root owns it)',
    ],
    [0, ': root was refused too: check /m for an immutable file or folder (lsattr; chattr -i) or a read-only mount'],
  ])('uid %d gets %s', (uid, hint) => {
    jest.spyOn(process, 'getuid').mockReturnValue(uid);
    const failure = (code: string) => Object.assign(new Error(code), { code, path: '/m' });
    expect(errnoAdvice(failure('EACCES'), '/m')).toBe(hint);
    expect(errnoAdvice(failure('EPERM'), '/m')).toBe(hint);
    expect(errnoAdvice(failure('ENOENT'))).toBe('');
  });
});

describe('52b-16d: a problem of the props object itself names the props', () => {
  test.each([
    ['an object with another prototype', () => Object.create({ kubeVip: 1 }), 'props: is an Object: expected plain data'],
    [
      'a Proxy whose keys throw',
      () =>
        new Proxy(
          {},
          {
            ownKeys: () => {
              throw new Error('x');
            },
          },
        ),
      'props: could not be read',
    ],
  ])('%s', (_, make, start) => {
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', make()))).toMatch(
      new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(refusalOf(() => new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', make()))).toMatch(
      /^TraefikHelmChartConfig: props (is|could)/,
    );
  });
});

describe('52b-16e: a dry run refuses the lock wait a real run refuses', () => {
  test.each([
    ['1e3', false],
    ['-1', false],
    ['5', true],
    ['', true],
  ])('K3S_VIP_LOCK_WAIT_SECONDS=%s', (value, accepted) => {
    const parsed = parseSynthArgs(['--dry-run'], { K3S_VIP_LOCK_WAIT_SECONDS: value });
    if (accepted) expect(parsed).toEqual({ clusters: undefined, clustersFrom: 'K3S_VIP_CLUSTERS', dryRun: true });
    else expect(parsed).toMatch(/^K3S_VIP_LOCK_WAIT_SECONDS is "[^"]+": expected a whole number of seconds/);
  });
});

describe("53a-10: a Telegram bot token of the Bot API docs' length", () => {
  const TOKEN = '7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
  test.each([
    ['alone', TOKEN],
    ['in the Bot API URL', `https://api.telegram.org/bot${TOKEN}/sendMessage`],
    ['as an env line', `TELEGRAM_BOT=${TOKEN.replace('7123456789', '110201543')}`],
  ])('%s is refused, never shown', (_, text) => {
    const refusal = valuesDoors.config({
      extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { t: text } }],
    });
    expect(refusal).toContain('data.t');
    expect(refusal).not.toContain('AAHdqTcvCH1vGWJx');
  });

  test('times and host:port pairs are no tokens', () => {
    const text = 'at 12:30:45 to 10.0.0.1:8080, job 12345:Abc';
    expect(
      valuesDoors.config({ extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { t: text } }] }),
    ).toBe('');
  });
});
