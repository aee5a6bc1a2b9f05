import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { K3sVipCluster } from '../src';
import { redact, secretShape } from '../src/core/secrets';
import { fileRedaction } from '../src/output/secret-gate';
import { configErrors, devConfig, helmChartConfigRefusal, refusalOf, valuesDoors, withChanges, withTraefikValues } from './helpers';

/** The doors a secret-shaped value meets, shared by the secret rounds' tests (not a test file itself). */

/** What `npm run check` and `--dry-run` show of a hand-edited kube-vip.yaml with `line` added. */
export function shownInDiff(line: string): string {
  const base = stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-vip', namespace: 'kube-system' } });
  const [committed, fresh] = [new Map([['c/kube-vip.yaml', `${base}${line}\n`]]), new Map([['c/kube-vip.yaml', base]])];
  return fileRedaction(committed, fresh)(committed.get('c/kube-vip.yaml')!);
}

/**
 * Every door: a config value (refused, and a message quoting it), K3sVipCluster and TraefikHelmChartConfig props, the
 * write gate, the diff; `shows` tells whether a message shows the secret. Returns the messages for further checks.
 */
export function judgedEverywhere(value: string, shows: (text: string) => boolean): string[] {
  const config = configErrors(withTraefikValues({ additionalArguments: [`--log.format=${value}`], deployment: { kind: value } })).join(
    '\n',
  );
  expect(config).toContain('traefik.values.additionalArguments[0]');
  expect(config).toContain('traefik.values.deployment.kind');
  const cluster = refusalOf(
    () => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { traefik: { values: { additionalArguments: [value] } } })),
  );
  expect(cluster).toContain('additionalArguments[0]');
  const props = helmChartConfigRefusal({ values: { env: [{ name: 'FOO', value }] } });
  expect(props).toContain('values.env[0].value');
  expect(valuesDoors.gate({ deployment: { podAnnotations: { foo: value } } }).join('\n')).toContain('podAnnotations');
  const diff = shownInDiff(`# k: ${value.replace(/\n/g, ' ')}`);
  const messages = [config, cluster, props, diff];
  for (const message of messages) expect(shows(message)).toBe(false);
  return messages;
}

/**
 * The length of the hostile texts the tests judge: `npm run bench` times each at 1 MB against its target; here a
 * fiftieth of that. A test without a clock catches what hangs: backtracking or a cubic reading, which at 20 kB still
 * costs 10^12 steps or more. A quadratic reading costs seconds at most here, at any size a test can afford, and is the
 * bench's to find; at 50 kB these rows took about a sixth of npm test's CPU.
 */
export const HOSTILE_TEST_SIZE = 20_000;

/**
 * Hostile texts (scripts/hostile-inputs.js, built at HOSTILE_TEST_SIZE): each is judged by the shape check, the
 * redaction and a config; the generous timeout fails only a hang, never a busy machine.
 */
export function judgesHostileTexts(cases: ReadonlyArray<readonly [string, string]>): void {
  test.each(cases)(
    'a long text of %s is judged',
    (_, text) => {
      secretShape(text);
      redact(text);
      configErrors(withTraefikValues({ deployment: { podAnnotations: { foo: text.slice(0, 200_000) } } }));
    },
    60_000,
  );
}

/** Chart values accepted at every door: the config, K3sVipCluster and TraefikHelmChartConfig props, the write gate. */
export function acceptedEverywhere(values: unknown): void {
  expect(valuesDoors.config(values)).toBe('');
  expect(valuesDoors.cluster(values)).toBe('');
  expect(valuesDoors.chart(values)).toBe('');
  expect(valuesDoors.gate(values)).toEqual([]);
}

/** What refuses an extraObjects item of a kind the release does not carry (src/traefik/extra-object-kinds.ts). */
export const NOT_CARRIED = "which Traefik's extraObjects do not carry";

/**
 * Wave 83: values whose only refusal at each door is that an extraObjects item is of a kind the release does not
 * carry (a third-party kind judged for its secrets): no secret rule speaks, and the write gate finds nothing.
 */
export function refusedOnlyForKind(values: unknown): void {
  for (const message of [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)]) {
    const problems = message.split('\n').filter((line) => line.includes('extraObjects['));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(NOT_CARRIED);
  }
  expect(valuesDoors.gate(values)).toEqual([]);
}

/** Refused at the config, K3sVipCluster, TraefikHelmChartConfig and the write gate; `where` named; `secret` never shown. */
export function refusedEverywhere(values: unknown, where: string, secret: string): void {
  for (const message of [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)]) {
    expect(message).toContain(where);
    expect(message.toLowerCase()).not.toContain(secret.toLowerCase());
  }
  const gate = valuesDoors.gate(values);
  expect(gate.length).toBeGreaterThan(0);
  expect(gate.join('\n').toLowerCase()).not.toContain(secret.toLowerCase());
}

/** A ConfigMap in `extraObjects` whose one data key holds `text` (a pasted file). */
export const textConfigMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { conf: `${text}\n` } }],
});

/**
 * Each row's text refused as a ConfigMap's text, as an env value under a neutral name, and through the first-class key
 * `kubeVip.interface`, named by key path and by `what`, never showing `secret`. Rows: [name, text, secret, what].
 */
export function refusedAtTextDoors(rows: ReadonlyArray<readonly [string, string, string, string]>): void {
  test.each(rows)('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
  test.each(rows)('env value under a neutral name: %s', (_, text, secret) =>
    refusedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }, 'env[0]', secret),
  );
  test.each(rows)('first-class key kubeVip.interface: %s', (_, text, secret, what) => {
    const errors = configErrors(withChanges(devConfig(), { kubeVip: { interface: text } })).join('\n');
    expect(errors).toContain('kubeVip.interface');
    expect(errors).toContain(what);
    expect(errors).not.toContain(secret);
  });
}
