import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { K3sVipCluster, K3sVipClusterProps } from '../src';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { readFileSync } from 'node:fs';
import { snapshot } from '../src/core/snapshot';
import { clusterProps } from './helpers';
import { cpuMillisSince } from './cpu-time';

// Round 71 (guard71): 71d-3 (a kind named like an object member crashed the rules), 71d-4 (control characters of a
// kind/name printed raw), 71d-7 (dotted and empty values keys), 71d-15 (shared objects walked once per place), 71d-10
// (a lone UTF-16 surrogate written where Go's YAML refuses it). Each at the props and the config door where it applies.

/** Props as a test edits them (the public type's keys are read-only). */
type Props = { kubeVip: unknown; traefik: Record<string, unknown>; ingresses: unknown[]; k3s: unknown };

const base = (): Props => clusterProps() as Props;

/** The construct door's outcome: 'OK' or the error's message (a raw TypeError's name shows). */
function props(edit: (p: Props) => void, extra?: (app: App, cluster: K3sVipCluster) => void): string {
  const p = base();
  edit(p);
  try {
    const app = Testing.app();
    const cluster = new K3sVipCluster(app, 'dev', p as unknown as K3sVipClusterProps);
    extra?.(app, cluster);
    if (extra) app.synth();
    return 'OK';
  } catch (error) {
    const e = error as Error;
    return `${e.name === 'K3sVipValidationError' || e.message.startsWith('Validation failed') ? '' : `RAW ${e.name}: `}${e.message}`;
  }
}

const DEV = readFileSync('test/fixtures/config/dev.yaml', 'utf8');
/** The config door's errors for config/dev.yaml with `values` under traefik ('' when none). */
function config(values: string): string {
  const text = DEV.replace('  externalCertResolvers: [default]\n', `  externalCertResolvers: [default]\n  values:\n${values}`);
  return parseConfigText('config/dev.yaml', text).errors.map(formatDiagnostic).join('\n');
}

const sibling = (object: Record<string, unknown>) => (app: App) => void new ApiObject(new Chart(app, 'extra'), 'o', object as never);
const cm = (kind: string, name = 'x') => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'default' } });

describe('71d-3: a kind named like a JavaScript object member is judged, never a crash', () => {
  const MEMBERS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
  test.each(MEMBERS)('extraObjects kind %s: refused by name', (kind) => {
    const out = props((p) => void (p.traefik.values = { extraObjects: [cm(kind)] }));
    expect(out).not.toMatch(/RAW|cannot run|Cannot read/);
    expect(out).toContain(`kind: is "${kind}"`);
  });
  test.each(MEMBERS)('beside the cluster, kind %s: refused by name', (kind) => {
    const out = props(() => undefined, sibling(cm(kind)));
    expect(out).not.toMatch(/RAW|cannot run|Cannot read/);
    expect(out).toContain(`kind is "${kind}"`);
  });
  test.each(MEMBERS)('config file extraObjects kind %s: refused by name', (kind) => {
    const out = config(`    extraObjects:\n      - {apiVersion: v1, kind: ${kind}, metadata: {name: x, namespace: default}}\n`);
    expect(out).toContain(`kind: is "${kind}"`);
  });
  test.each([
    ['apps/v1', 'constructor'],
    ['constructor/v1', 'Deployment'],
  ])('%s %s beside the cluster: refused, no crash', (apiVersion, kind) => {
    expect(props(() => undefined, sibling({ ...cm(kind), apiVersion }))).not.toMatch(/RAW|cannot run/);
  });
  test('near: a ConfigMap beside the cluster passes', () => {
    expect(props(() => undefined, sibling({ ...cm('ConfigMap'), data: { a: 'b' } }))).toBe('OK');
  });
});

describe('71d-4: control characters of a kind or name never reach the message raw', () => {
  test.each([
    ['ESC and a line break in a name', cm('ConfigMap', 'x\u001b[2Jy\ngot: fake')],
    ['ESC in a kind', cm('X\u001b[31mRED\u001b[0m')],
    ['NUL in a kind', cm('Se\u0000rvice')],
  ])('%s: escaped, one line each', (_, object) => {
    const out = props(() => undefined, sibling(object));
    expect(out).not.toBe('OK');
    // eslint-disable-next-line no-control-regex -- the point
    expect(out).not.toMatch(/[\u0000\u001b]/);
    expect(out.split('\n').filter((line) => line.includes('got: fake') && !line.includes('extra.yaml'))).toEqual([]);
  });
  test('near: a plain kind and name are shown as written', () => {
    expect(props(() => undefined, sibling(cm('Sevice')))).toContain('extra.yaml: Sevice/default/x (construct extra/o): kind is "Sevice"');
  });
});

describe('71d-7: a dotted or empty values key is not shown as another key', () => {
  test('a dotted key: said to be one key, to nest', () => {
    expect(props((p) => void (p.traefik.values = { 'logs.general.level': 'DEBUG' }))).toContain(
      '"logs.general.level" is one key whose name holds dots, not a path: nest it (logs: {general: {level: ...}})',
    );
  });
  test('the config door says the same', () => {
    expect(config('    "logs.general.level": DEBUG\n')).toContain('is one key whose name holds dots');
  });
  test('an empty key is shown as ""', () => {
    expect(props((p) => void (p.traefik.values = { '': 1 }))).toContain('traefik.values[""]: is not a value');
  });
  test('near: the nested key passes', () => {
    expect(props((p) => void (p.traefik.values = { logs: { general: { level: 'DEBUG' } } }))).toBe('OK');
  });
  test('near: a misspelt plain key still gets its guess', () => {
    expect(props((p) => void (p.traefik.values = { logz: {} }))).toContain('did you mean "logs"?');
  });
});

describe('71d-15: an object given at many places is read once, its places counted', () => {
  const shared = (levels: number) => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let i = 0; i < levels; i++) {
      const next = { l: null, r: null };
      [at.l, at.r, at] = [next, next, next];
    }
    return root;
  };
  test.each([20, 28])('%i levels of one object used twice: refused in seconds, by count', (levels) => {
    const started = process.cpuUsage();
    const out = props((p) => void (p.traefik.values = { deployment: { podAnnotations: shared(levels) } }));
    expect(cpuMillisSince(started)).toBeLessThan(10_000);
    expect(out).toContain('holds more than 100,000 values once each place of an object given in several places is counted');
  });
  test('near: one tls object shared by two ingresses passes', () => {
    const tls = { certResolver: 'default' };
    const out = props((p) => {
      p.ingresses = [
        { name: 'a', host: 'a.code-place-dev.site', service: 'a', port: 80, tls },
        { name: 'b', host: 'b.code-place-dev.site', service: 'b', port: 80, tls },
      ];
    });
    expect(out).toBe('OK');
  });
  test('near: a problem inside a shared object is said once', () => {
    const annotations = { note: 'a\u0000b' };
    const out = props((p) => void (p.traefik.values = { deployment: { podAnnotations: annotations }, service: { annotations } }));
    expect(out.match(/control character/g)).toHaveLength(1);
  });
});

describe('71d-10: a lone UTF-16 surrogate is refused at both doors', () => {
  test.each(['a\uD800b', 'a\uDC00', '\uDBFF'])('props %j: refused at its path', (note) => {
    expect(props((p) => void (p.traefik.values = { deployment: { podAnnotations: { note } } }))).toContain(
      'traefik.values.deployment.podAnnotations.note: ',
    );
  });
  test('config file "\\ud800": refused at its path', () => {
    expect(config('    deployment:\n      podAnnotations:\n        note: "a\\ud800b"\n')).toContain(
      'half of a character (a lone UTF-16 surrogate)',
    );
  });
  test.each(['a\uD83D\uDE00b', 'é'])('near: a whole character %j passes', (note) => {
    expect(props((p) => void (p.traefik.values = { deployment: { podAnnotations: { note } } }))).toBe('OK');
  });
  test('near: the config file\'s "\\ud83d\\ude00" (a pair) passes', () => {
    expect(config('    deployment:\n      podAnnotations:\n        note: "a\\ud83d\\ude00b"\n')).toBe('');
  });
});

describe('71d-15: an object given at two places of the props is written at each in full', () => {
  test('the snapshot holds a copy per place, so YAML writes no anchor or alias', () => {
    const shared = { name: 'svc-a', port: 80 };
    const { data, problems } = snapshot({ failover: { service: shared, fallback: shared } });
    expect(problems).toEqual([]);
    const failover = (data as { failover: Record<string, unknown> }).failover;
    expect(failover.service).toEqual(shared);
    expect(failover.fallback).toEqual(shared);
    expect(failover.service).not.toBe(failover.fallback);
    expect(Object.isFrozen(failover.fallback)).toBe(true);
  });
});
