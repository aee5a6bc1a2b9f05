import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { snapshot } from '../src/core/snapshot';
import { K3sVipCluster, TraefikHelmChartConfig, TraefikIngress } from '../src/index';
import { App } from 'cdk8s';
import { redactMessage } from '../src/core/redact-message';
import { TraefikGateway } from '../src/index';
import { chart, devConfig, thrown, withChanges } from './helpers';

/**
 * No message quotes a value under a secret-named key or an env entry whose name is secret, including the
 * YAML layer's messages, built before the file is plain data, and the data guard of the constructs
 * (attack round 3 F2). Boxed values and Dates say that plain data is expected (F19).
 */

/** The invented secret; the tests fail if any part of it is printed. */
const SECRET = 'Hunter2Secret';

const HDR =
  'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n';
const lines = (text: string) => {
  const { errors, warnings } = parseConfigText('config/t.yaml', text);
  return [...errors, ...warnings].map(formatDiagnostic).join('\n');
};

describe('YAML-layer messages never quote a secret (F2)', () => {
  test.each<[string, string, RegExp]>([
    [
      'a control character in an env value whose name is secret',
      `${HDR}  values:\n    env:\n      - name: DB_PASSWORD\n        value: "${SECRET}\\u0007x"\n`,
      /traefik\.values\.env\[0\]\.value: "<redacted>" holds a control character: remove it/,
    ],
    [
      'a control character under a secret-named key',
      `${HDR}  values:\n    hub:\n      password: "${SECRET}\\tx"\n`,
      /traefik\.values\.hub\.password: "<redacted>" holds a control character/,
    ],
    [
      'a control character in the data of a Secret object',
      `${HDR}  values:\n    extraObjects:\n      - {kind: Secret, stringData: {cf: "${SECRET}\\u0007"}}\n`,
      /extraObjects\[0\]\.stringData\.cf: "<redacted>" holds a control character/,
    ],
    [
      'a duplicate env value (the "write - value: ..." hint)',
      `${HDR}  values:\n    env:\n      - name: DB_PASSWORD\n        value: a\n        value: ${SECRET}\n`,
      /appears a second time in this list item \(first on line 7\): if a new item starts here, write "- value: <redacted>"/,
    ],
    [
      'a duplicate secret-named key in a list item',
      `${HDR}  values:\n    users:\n      - name: a\n        dbPass: a\n        dbPass: ${SECRET}\n`,
      /write "- dbPass: <redacted>"/,
    ],
    [
      'a key without its dash (the "write - key: ..." hint)',
      `${HDR}ingresses:\n  - name: a\n    host: a.example.com\n    service: a\n    port: 80\n  password: ${SECRET}\n`,
      /"password" is at the indentation of the list's dashes but has no "-": write "- password: <redacted>"/,
    ],
    [
      'a secret that starts with "*" (read as an alias)',
      `${HDR}  values:\n    env:\n      - name: API_TOKEN\n        value: *${SECRET}\n`,
      /env\[0\]\.value: "<redacted>" starts with "\*", which YAML reads as an alias to no anchor: quote the value/,
    ],
    [
      'a secret that starts with "&" (read as an anchor, so the value silently became empty)',
      `${HDR}  values:\n    deployment:\n      podAnnotations:\n        apiKey: &${SECRET}\n`,
      /podAnnotations\.apiKey: "<redacted>" starts with "&", which YAML reads as an anchor on an empty value: quote the value if it is text/,
    ],
    [
      'a secret that starts with "!" (read as a tag)',
      `${HDR}  values:\n    hub:\n      token: !${SECRET}\n`,
      /hub\.token: "<redacted>" starts with "!", which YAML reads as a tag: quote the value/,
    ],
    [
      'a secret that starts with "|" (the parser quotes it as a block scalar header)',
      `${HDR}  values:\n    hub:\n      password: |${SECRET}\n`,
      /hub\.password: invalid YAML where a secret stands \(the parser's words are not shown: they may quote it\): write the value in quotes/,
    ],
    [
      'a secret that starts with ">" in an env value whose name is secret',
      `${HDR}  values:\n    env:\n      - name: DB_PASSWORD\n        value: >${SECRET} x\n`,
      /env\[0\]\.value: invalid YAML where a secret stands/,
    ],
    [
      'a secret key without a space after the colon: the key is known only from the raw line',
      `${HDR}  values:\n    hub:\n      password:${SECRET}\n`,
      /hub\.password: `password:<redacted>` has no space after the colon, so YAML reads it as one text: either way a secret there would be written to dist\/, which is committed to Git: keep it in a Kubernetes Secret/,
    ],
    [
      'a credential in a URL query without a space after the colon',
      `${HDR}gitops:\n  engine: argocd\n  repoURL:https://git.example.com/x.git?access_token=${SECRET}\n`,
      /`repoURL:https:\/\/git\.example\.com\/x\.git\?access_token=<redacted>` has no space after the colon/,
    ],
    [
      'a secret key glued to its value in a flow mapping (unknown key, "did you mean")',
      'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}, password:' +
        `${SECRET}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n`,
      /kubeVip\["password:<redacted>"\]: unknown key "password:<redacted>"/,
    ],
  ])('%s', (_, text, expected) => {
    const out = lines(text);
    expect(out).toMatch(expected);
    expect(out).not.toContain(SECRET);
  });

  // The other side: a value under an ordinary key is still quoted, so the user sees what is wrong.
  test.each<[string, string, string]>([
    ['a control character', `${HDR}  values:\n    hub:\n      note: "ab\\u0007c"\n`, '"ab\\u0007c" holds a control character'],
    [
      'a duplicate key',
      `${HDR}  values:\n    env:\n      - name: LOG_LEVEL\n        value: a\n        value: debug\n`,
      'write "- value: debug"',
    ],
    ['an unknown alias', `${HDR}  values:\n    hub:\n      note: *nowhere\n`, '*nowhere refers to no anchor: define `&nowhere`'],
    [
      'a parser error',
      `${HDR}  values:\n    hub:\n      note: |abc\n`,
      'invalid YAML: Block scalar header includes extra characters: |abc',
    ],
    [
      'an anchor on an empty value',
      `${HDR}  values:\n    hub:\n      note: &abc\n`,
      '&abc is an anchor on an empty value: quote the value if it is text',
    ],
    ['an unknown tag', `${HDR}  values:\n    hub:\n      note: !custom x\n`, '"!custom" is a YAML tag this config does not know'],
  ])('%s under an ordinary key is still quoted', (_, text, expected) => {
    expect(lines(text)).toContain(expected);
  });
});

describe("the constructs' data guard never quotes a secret (F2)", () => {
  const values = (traefikValues: unknown) => ({ ...devConfig(), traefik: { ...devConfig().traefik, values: traefikValues } });
  test.each<[string, () => void, string]>([
    [
      'K3sVipCluster: a control character in an env value whose name is secret',
      () => new K3sVipCluster(new App(), 'c', values({ env: [{ name: 'DB_PASSWORD', value: `${SECRET}\u0007` }] })),
      'traefik.values.env[0].value: "<redacted>" holds a control character: remove it',
    ],
    [
      'TraefikHelmChartConfig: a control character in an env value whose name is secret',
      () =>
        new TraefikHelmChartConfig(chart(), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: { env: [{ name: 'API_TOKEN', value: `${SECRET}\u0007` }] },
        }),
      'values.env[0].value "<redacted>" holds a control character',
    ],
    [
      'K3sVipCluster: a control character under dbPass',
      () => new K3sVipCluster(new App(), 'c', values({ hub: { dbPass: `${SECRET}\t` } })),
      'traefik.values.hub.dbPass: "<redacted>" holds a control character',
    ],
    [
      'K3sVipCluster: a BigInt under a secret-named key',
      () => new K3sVipCluster(new App(), 'c', values({ hub: { pin_password: 424242424242424242424242n } })),
      'traefik.values.hub.pin_password: "<redacted>" is a BigInt',
    ],
    [
      "K3sVipCluster: a control character in a Secret object's data",
      () => new K3sVipCluster(new App(), 'c', values({ extraObjects: [{ kind: 'Secret', data: { cf: `${SECRET}\u0007` } }] })),
      'traefik.values.extraObjects[0].data.cf: "<redacted>" holds a control character',
    ],
    [
      'TraefikHelmChartConfig: a secret key glued to its value, as a key (the key path is redacted too)',
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values: { hub: { [`password:${SECRET}`]: 1 } } }),
      'values.hub["password:<redacted>"] holds a value under a key named like a secret (written without a space after the colon)',
    ],
    [
      'TraefikIngress: an unknown prop that glues a secret key to its value ("did you mean")',
      () => new TraefikIngress(chart(), 'i', { name: 'a', host: 'a.example.com', service: 's', port: 80, [`token:${SECRET}`]: 1 } as never),
      'token:<redacted> unknown key "token:<redacted>"',
    ],
    [
      'K3sVipCluster: a proxy under a secret-named key whose error quotes the value',
      () => {
        const guarded = new Proxy(
          {},
          {
            ownKeys: () => {
              throw new Error(`bad ${SECRET}`);
            },
          },
        );
        return new K3sVipCluster(new App(), 'c', values({ hub: { dbPass: guarded } }));
      },
      'traefik.values.hub.dbPass: could not be read: its error is not shown where a secret stands; give plain data',
    ],
  ])('%s', (_, build, expected) => {
    const error = thrown(build);
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain(SECRET);
    expect(error.problems.filter((problem) => problem.message.includes('\n'))).toEqual([]);
  });

  test('a control character under an ordinary key is still quoted', () => {
    expect(thrown(() => new K3sVipCluster(new App(), 'c', values({ hub: { note: 'ab\u0007c' } }))).message).toContain(
      'traefik.values.hub.note: "ab\\u0007c" holds a control character',
    );
  });

  test("a secret-named key's getter is not run to decide (the data is read once, as descriptors)", () => {
    let reads = 0;
    const env = { value: `${SECRET}\u0007` };
    Object.defineProperty(env, 'name', { enumerable: true, get: () => (reads++, 'DB_PASSWORD') });
    const message = thrown(() => new K3sVipCluster(new App(), 'c', values({ env: [env] }))).message;
    expect(reads).toBe(0);
    expect(message).toContain('traefik.values.env[0].name: is a getter');
  });
});

describe('what is not plain data says what it is, and that plain data is expected (F19)', () => {
  class Version {
    readonly text = 'v1.2.3';
  }
  test.each<[string, unknown, string]>([
    ['a Date', new Date(0), 'kubeVip.version: is a Date object: expected plain data (e.g. a string)'],
    [
      'new String',
      new String('v1.2.3'),
      'kubeVip.version: is a String object (new String(…)): expected plain data: give the string itself',
    ],
    ['new Number', new Number(1), 'kubeVip.version: is a Number object (new Number(…)): expected plain data: give the number itself'],
    ['new Boolean', new Boolean(true), 'kubeVip.version: is a Boolean object (new Boolean(…)): expected plain data: give true or false'],
    ['a Map', new Map(), 'kubeVip.version: is a Map: expected plain data (a string, number, boolean, list or plain object)'],
    [
      'a class instance',
      new Version(),
      'kubeVip.version: is a Version: expected plain data (a string, number, boolean, list or plain object)',
    ],
  ])('%s', (_, version, expected) => {
    const message = thrown(() => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { kubeVip: { version } }))).message;
    expect(message).toContain(expected);
    expect(message).not.toMatch(/expected a plain object/);
  });

  test('a class named like an object internal is named, not looked up', () => {
    const odd = new (class hasOwnProperty {})();
    expect(snapshot({ a: odd }).problems.map((p) => p.message)).toEqual([
      'is a hasOwnProperty: expected plain data (a string, number, boolean, list or plain object)',
    ]);
  });
});

/**
 * Attack 8 D3: a value that holds a secret (a shape, `name=value`, `key:value`, `--flag=value`) is redacted where
 * it is quoted, and every text a message derives from it (a lower-case hint, a part of it) or echoes beside it
 * (a construct id) is judged the same way: the secret shows nowhere, not even lower-cased.
 */
describe('no hint, id or part of a value shows the secret it holds (attack 8 D3)', () => {
  const SECRET8 = 'Zq7Hunter2SecretXy81';
  const ingress = (field: object) =>
    `${HDR}ingresses:\n  - ${JSON.stringify({ name: 'fe', namespace: 'default', host: 'k3s.example.com', path: '/', service: 'fe', port: 80, ...field })}\n`;
  test.each<[string, string, string]>([
    [
      'name=value in a name',
      ingress({ name: `DB_PASSWORD=${SECRET8}` }),
      'ingresses[0].name: "DB_PASSWORD=<redacted>" is not a valid name',
    ],
    ['a glued key in a name', ingress({ name: `Password:${SECRET8}` }), 'ingresses[0].name: "Password:<redacted>" is not a valid name'],
    [
      'a secret flag in a name',
      ingress({ name: `--Api.Token=${SECRET8}` }),
      'ingresses[0].name: "--Api.Token=<redacted>" is not a valid name',
    ],
    [
      'name=value in a host',
      ingress({ host: `Token=${SECRET8}.example.com` }),
      'ingresses[0].host: "Token=<redacted>" is not a valid DNS host',
    ],
    [
      'name=value in a host part over 63 characters',
      ingress({ host: `token=${SECRET8}${'a'.repeat(60)}.example.com` }),
      'ingresses[0].host: "token=<redacted>" has a part of 86 characters, at most 63 in one DNS label',
    ],
    [
      'user and password before "@" in a host',
      ingress({ host: `admin:${SECRET8}@k3s.example.com` }),
      'ingresses[0].host: "…@k3s.example.com" holds a user name or password before "@", which would be written to the manifests: write only the host name, "k3s.example.com"',
    ],
    [
      'name=value in the Gateway name',
      `${HDR}  gateway: {name: "Api_Token=${SECRET8}"}\n`,
      'traefik.gateway.name: "Api_Token=<redacted>" is not a valid name',
    ],
  ])('config: %s', (_what, text, expected) => {
    const out = lines(text);
    expect(out).toContain(expected);
    expect(out).not.toMatch(/zq7hunter2/i);
  });

  test.each<[string, () => void, string]>([
    [
      'K3sVipCluster id',
      () => new K3sVipCluster(new App(), `password=${SECRET8}`, devConfig()),
      'K3sVipCluster: id: it starts the name of every chart and of its file in cdk8s synth (password=<redacted>-kube-vip-...), but "password=<redacted>" is not a valid name',
    ],
    [
      'K3sVipCluster id, glued',
      () => new K3sVipCluster(new App(), `Token:${SECRET8}`, devConfig()),
      '"Token:<redacted>" is not a valid name',
    ],
    [
      'TraefikHelmChartConfig leaseName',
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], leaseName: `password=${SECRET8}` }),
      'leaseName "password=<redacted>" is not a valid name',
    ],
    [
      'TraefikGateway name',
      () => new TraefikGateway(chart(), 'g', { name: `password=${SECRET8}` }),
      'name "password=<redacted>" is not a valid name',
    ],
    [
      'TraefikIngress host with user info',
      () =>
        new TraefikIngress(chart(), 'i', {
          name: 'fe',
          namespace: 'default',
          host: `u:${SECRET8}@x.example.com`,
          path: '/',
          service: 'fe',
          port: 80,
        }),
      'host "…@x.example.com" holds a user name or password before "@"',
    ],
  ])('construct: %s', (_what, build, expected) => {
    const message = thrown(build).message;
    expect(message).toContain(expected);
    expect(message).not.toMatch(/zq7hunter2/i);
  });

  test('a name without a secret keeps its lower-case hint', () => {
    expect(lines(ingress({ name: 'Frontend_Ingress' }))).toContain('(upper-case letters are not allowed: "frontend-ingress")');
  });

  test.each([
    ['lower-cased', 'hint "zq7hunter2secretxy81"', 'hint "<redacted>"'],
    ['lower-cased with symbols made "-"', 'hint "ab-cd-zq7hunter2"', 'hint "<redacted>"'],
  ])('a message that derives a form of a secret found elsewhere redacts it (%s)', (_what, message, expected) => {
    expect(redactMessage(message, [SECRET8, 'AB_CD/Zq7Hunter2'])).toBe(expected);
  });
});
