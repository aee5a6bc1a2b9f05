import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { accepted, judgedOnce, refusedAt } from './secret-tables';
import { configErrors, withTraefikValues } from './helpers';

/**
 * Round-51 findings 51a-2 (a router rule's header or query value is a secret where its name is one, or where it is
 * shaped like one: ``Header(`X-Api-Key`, `…`)``, `HeaderRegexp`, ``Query(`token`, `…`)``, v2 `Headers`; core/rule-pairs.ts
 * reads a rule's matchers as name/value pairs) and 51a-14 (an extraObjects Service's `spec.selector` and a pod's
 * `nodeSelector` are label maps to the API server: validate/rules.ts checkLabels).
 */
const S = 'Zx9Qw7Lp3VbV4';
const route = (match: string, i: number) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: `ir-${i}`, namespace: 'default' },
  spec: { entryPoints: ['websecure'], routes: [{ match, kind: 'Rule', services: [{ name: 's', port: 80 }] }], tls: {} },
});
const routes = (rules: readonly string[]) => ({ extraObjects: rules.map(route) });
const HOST = 'Host(`x.example.com`)';

const refused: ReadonlyArray<readonly [string, string]> = [
  ['v3 Header under X-Api-Key', `${HOST} && Header(\`X-Api-Key\`, \`${S}\`)`],
  ['v3 Query under token', `${HOST} && Query(\`token\`, \`${S}\`)`],
  ['v2 Headers under X-Token', `${HOST} && Headers(\`X-Token\`, \`${S}\`)`],
  ['HeaderRegexp of the literal, anchored', `${HOST} && HeaderRegexp(\`X-Api-Key\`, \`^${S}$\`)`],
  ['QueryRegexp with an escaped dot', `${HOST} && QueryRegexp(\`api_key\`, \`^Zx9Qw7\\.Lp3VbV4$\`)`],
  ['a Regexp alternation of literals', `${HOST} && HeaderRegexp(\`X-Api-Key\`, \`^(${S}|Zx9Qw7Lp3VbV5)$\`)`],
  ['a lower-case matcher name', `${HOST} && header(\`x-api-key\`, \`${S}\`)`],
  ['inside an alternative and parentheses', `${HOST} && (Path(\`/a\`) || !Header(\`X-Secret\`, \`${S}\`))`],
  ['a rule that does not parse (unbalanced)', `${HOST} && ((Query(\`access_token\`, \`${S}\`)`],
];

describe('51a-2: a rule matching a header or query parameter named like a secret writes the secret', () => {
  const doors = judgedOnce(() => routes(refused.map(([, rule]) => rule)));
  test.each(refused.map(([name], i) => [name, i] as const))('%s is refused at every door, not shown', (_, i) => {
    refusedAt(doors(), `extraObjects[${i}].spec.routes[0].match`, i === 4 ? 'Lp3VbV4' : S);
  });

  test("the chart's ingressRoute matchRule is judged the same", () => {
    const values = { ingressRoute: { dashboard: { enabled: true, matchRule: `${HOST} && Query(\`token\`, \`${S}\`)` } } };
    refusedAt(judgedOnce(() => values)(), 'ingressRoute.dashboard.matchRule', S);
  });

  test('a rule in a file provider text (a ConfigMap) is judged the same', () => {
    const text = `http:\n  routers:\n    r:\n      rule: "${HOST} && Header(\`X-Api-Key\`, \`${S}\`)"\n      service: s\n`;
    const values = {
      extraObjects: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { 'dynamic.yaml': text } },
      ],
    };
    refusedAt(judgedOnce(() => values)(), 'data["dynamic.yaml"]', S);
  });
});

describe('51a-2 controls: ordinary header and query rules are accepted', () => {
  test('no door refuses them', () => {
    accepted(
      routes([
        `${HOST} && HeaderRegexp(\`Authorization\`, \`^Bearer .+$\`)`,
        `${HOST} && HeaderRegexp(\`Authorization\`, \`^Basic\\s+.*$\`)`,
        `${HOST} && Header(\`X-Forwarded-Proto\`, \`https\`)`,
        `${HOST} && Header(\`Content-Type\`, \`application/json\`)`,
        `${HOST} && Query(\`page\`, \`2\`)`,
        `${HOST} && Query(\`token\`)`,
        `${HOST} && HeaderRegexp(\`X-Request-Id\`, \`^[a-f0-9-]{36}$\`)`,
        `${HOST} && QueryRegexp(\`api_key\`, \`.+\`)`,
        `${HOST} && PathPrefix(\`/password-reset\`)`,
      ]),
    );
  });
});

describe('51a-14: label maps the API server validates as labels, other than labels and matchLabels', () => {
  const service = (selector: object) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'x', namespace: 'default' },
    spec: { selector, ports: [{ port: 80 }] },
  });
  const deployment = (nodeSelector: object) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' } }, spec: { nodeSelector, containers: [{ name: 'a', image: 'nginx:1.27' }] } },
    },
  });
  let judged: string | undefined;
  const errors = () =>
    (judged ??= configErrors(
      withTraefikValues({
        extraObjects: [service({ 'app name': 'web' }), service({ app: 'web server!' }), deployment({ 'disk type': 'ssd' })],
      }),
    ).join('\n'));
  test.each([
    ['a Service selector key with a blank', 'extraObjects[0].spec.selector["app name"]: is not a valid label'],
    ['a Service selector value with a blank and "!"', 'extraObjects[1].spec.selector.app: is not a valid label'],
    ["a Deployment pod template's nodeSelector key", 'extraObjects[2].spec.template.spec.nodeSelector["disk type"]: is not a valid label'],
  ])('%s is refused with its key path', (_, expected) => {
    expect(errors()).toContain(`traefik.values.${expected}`);
  });

  test('control: valid selectors are accepted', () => {
    expect(
      configErrors(withTraefikValues({ extraObjects: [service({ 'app.kubernetes.io/name': 'web' }), deployment({ 'disk-type': 'ssd' })] })),
    ).toEqual([]);
  });
});

describe('51a-2: hostile rule texts stay cheap', () => {
  // `node -e` timings of the same texts at 1 MB are in the branch's report.
  test.each(hostile.rulePairs53(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });

  test('a text whose rules match more header names than are read is refused whole', () => {
    const rules = Array.from({ length: 2001 }, (_, i) => `Header(\`X-A${i}\`, \`b\`)`).join(' || ');
    expect(secretsInData({ rule: rules }).map(({ what }) => what)).toEqual([expect.stringContaining('too many to judge')]);
    expect(secretsInData({ rule: rules.split(' || ').slice(0, 2000).join(' || ') })).toEqual([]);
  });
});
