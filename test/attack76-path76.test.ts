import { ApiObject, App, Chart } from 'cdk8s';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { formatPath, Path, pathKeyText } from '../src/core/problem';
import { K3sVipCluster } from '../src/index';
import { devConfig, refusalOf, thrown, valuesDoors, withChanges } from './helpers';

/**
 * Round 76 (path76), findings of attack75a:
 * - 75a-7: a problem about one line of a text value (an `extraObjects` ConfigMap's `|` block, an env value, an
 *   annotation) points at that line of the file; a folded or one-line text at the value's place. It held on main
 *   already (the finding's `33:13` is the text's own line: the key `app.ini:` stands at column 11): these rows pin it.
 * - 75a-14: a key holding a dot, a slash or a bracket (`data.app.ini`) is printed `data["app.ini"]` at every door
 *   (formatPath in src/core/problem.ts; a beside object's path in src/output/construct-render.ts); plain keys stay dotted.
 */
const SECRET = 'Yt7Uv5Rs1Zq8vLm';
const HDR =
  'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n';
const configMap = (data: string) =>
  `    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: cm, namespace: default}\n        data:\n${data}`;
const errorsOf = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);
/** `config/t.yaml:<line>:<column>` of the first place `marker` stands in `text`. */
function placeOf(text: string, marker: string): string {
  const at = text.indexOf(marker);
  const before = text.slice(0, at).split('\n');
  return `config/t.yaml:${before.length}:${before[before.length - 1].length + 1}`;
}

describe('75a-7: a problem inside a text value stands at its own line', () => {
  it.each([
    [
      'a ConfigMap `|` block (the finding)',
      configMap(`          app.ini: |\n            [server]\n            port = 80\n            password = ${SECRET}\n`),
      'traefik.values.extraObjects[0].data["app.ini"]',
      `password = ${SECRET}`,
    ],
    [
      'its first line',
      configMap(`          cache.conf: |\n            password = ${SECRET}\n            port = 80\n`),
      'traefik.values.extraObjects[0].data["cache.conf"]',
      `password = ${SECRET}`,
    ],
    [
      'a JSON text, a line deeper indented',
      configMap(
        `          strings.json: |\n            {\n              "title": "x",\n              "password": "${SECRET}"\n            }\n`,
      ),
      'traefik.values.extraObjects[0].data["strings.json"]',
      `"password": "${SECRET}"`,
    ],
    [
      'a `|+` block after a comment line',
      configMap(`          k: |+\n            # c\n            token: ${SECRET}\n\n`),
      'traefik.values.extraObjects[0].data.k',
      `token: ${SECRET}`,
    ],
    [
      'a `|2` block with a deeper first line',
      `    deployment:\n      podAnnotations:\n        note: |2\n             indented\n            secret = ${SECRET}\n`,
      'traefik.values.deployment.podAnnotations.note',
      `secret = ${SECRET}`,
    ],
    [
      'an env value block',
      `    env:\n      - name: APP_CONF\n        value: |\n          [db]\n          password = ${SECRET}\n`,
      'traefik.values.env[0].value',
      `password = ${SECRET}`,
    ],
    [
      'a folded annotation, at the value',
      configMap('          x: "1"\n').replace(
        'metadata: {name: cm, namespace: default}',
        `metadata:\n          name: cm\n          namespace: default\n          annotations:\n            a.example.com/conf: >-\n              x: 1\n              password: ${SECRET}`,
      ),
      'traefik.values.extraObjects[0].metadata.annotations["a.example.com/conf"]',
      SECRET,
    ],
    [
      'a file provider text',
      `    providers:\n      file:\n        enabled: true\n        content: |\n          http:\n            middlewares:\n              a:\n                headers:\n                  customRequestHeaders:\n                    X-Api-Key: "${SECRET}"\n`,
      'traefik.values.providers.file.content',
      `X-Api-Key: "${SECRET}"`,
    ],
  ])('%s', (_, body, path, marker) => {
    const text = `${HDR}${body}ingresses: []\n`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${placeOf(text, marker)}: ${path}: `);
    expect(errors[0]).not.toContain(SECRET);
  });

  it("a quoted text with escapes stands at its value (its lines are not the file's)", () => {
    const text = `${HDR}${configMap(`          h1: "[s]\\npassword = ${SECRET}\\n"\n`)}ingresses: []\n`;
    expect(errorsOf(text)).toEqual([expect.stringContaining(`${placeOf(text, '"[s]')}: traefik.values.extraObjects[0].data.h1: `)]);
  });

  it('the nearby plain text passes', () => {
    expect(errorsOf(`${HDR}${configMap('          app.ini: |\n            [server]\n            port = 80\n')}ingresses: []\n`)).toEqual(
      [],
    );
  });
});

describe('75a-14: a key holding a dot, a slash or a bracket is bracketed in key paths', () => {
  const cm = (data: Record<string, string>) => ({
    extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data }],
  });
  // The plain keys' paths, which a bracketed form must leave as they are.
  it.each([
    ['a plain name', { conf: `password = ${SECRET}\n` }, 'traefik.values.extraObjects[0].data.conf'],
    ['a key named like the secret', { password: SECRET }, 'traefik.values.extraObjects[0].data.password'],
    ['a dashed name', { 'app-ini': `password = ${SECRET}\n` }, 'traefik.values.extraObjects[0].data.app-ini'],
  ])('%s stays dotted, at the config, cluster and chart doors', (_, data, path) => {
    const [config, cluster, chart] = [valuesDoors.config(cm(data)), valuesDoors.cluster(cm(data)), valuesDoors.chart(cm(data))];
    expect(config).toContain(`${path}: `);
    expect(cluster).toContain(`${path}: `);
    expect(chart).toContain(`TraefikHelmChartConfig: ${path.replace('traefik.', '')} `);
    for (const message of [config, cluster, chart]) expect(message).not.toContain(SECRET);
  });

  it('the Service annotation with the VIP the tool writes passes', () => {
    expect(valuesDoors.config({ service: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.41' } } })).toBe('');
  });

  it('a K3sVipValidationError keeps the raw keys in problems[].path', () => {
    const values = cm({ 'app.ini': `password = ${SECRET}\n` });
    const error = thrown(() => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { traefik: { values } })));
    expect(error.problems.map((p) => p.path)).toContainEqual(['traefik', 'values', 'extraObjects', 0, 'data', 'app.ini']);
  });

  it.each([
    ['a data key `app.ini`', { 'app.ini': `password = ${SECRET}\n` }, 'traefik.values.extraObjects[0].data["app.ini"]'],
    ['a key with a slash', { 'a/b': `password = ${SECRET}\n` }, 'traefik.values.extraObjects[0].data["a/b"]'],
    ['a key with brackets', { 'a[0]': `password = ${SECRET}\n` }, 'traefik.values.extraObjects[0].data["a[0]"]'],
  ])('%s is bracketed and quoted at the config, cluster and chart doors', (_, data, path) => {
    const [config, cluster, chart] = [valuesDoors.config(cm(data)), valuesDoors.cluster(cm(data)), valuesDoors.chart(cm(data))];
    expect(config).toContain(`${path}: `);
    expect(cluster).toContain(`${path}: `);
    expect(chart).toContain(`TraefikHelmChartConfig: ${path.replace('traefik.', '')} `);
    for (const message of [config, cluster, chart]) expect(message).not.toContain(SECRET);
  });

  it('the VIP mismatch names `service.annotations["kube-vip.io/loadbalancerIPs"]`', () => {
    const message = valuesDoors.config({ service: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } } });
    expect(message).toContain('traefik.values.service.annotations["kube-vip.io/loadbalancerIPs"]: is "192.168.0.42"');
  });

  it('an object beside a K3sVipCluster: `(construct side/cm): data["app.ini"] holds`', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'p76b-')) });
    new K3sVipCluster(app, 'dev', devConfig());
    const data = { 'app.ini': `password = ${SECRET}\n`, conf: `password = ${SECRET}\n` };
    new ApiObject(new Chart(app, 'side'), 'cm', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: 'default' },
      data,
    });
    const message = refusalOf(() => app.synth());
    expect(message).toMatch(/\(construct side\/cm\): data\["app\.ini"\] holds/);
    expect(message).toMatch(/\(construct side\/cm\): data\.conf holds/);
    expect(message).not.toContain(SECRET);
  });

  it.each([
    [['a', 'b.c', 0, 'd'], 'a["b.c"][0].d'],
    [['a', 'b/c'], 'a["b/c"]'],
    [['a', 'b[1]'], 'a["b[1]"]'],
    [['a', 'b-c', 'd_e'], 'a.b-c.d_e'],
    [['c/x.yaml: Service/default/db', 'spec.x'], 'c/x.yaml: Service/default/db["spec.x"]'],
    [['a', pathKeyText('x\u0000.y')], 'a["x\\u0000.y"]'],
  ])('formatPath(%j) is %s; a key pathKeyText quoted is not quoted again', (path, shown) => {
    expect(formatPath(path as Path)).toBe(shown);
  });
});
