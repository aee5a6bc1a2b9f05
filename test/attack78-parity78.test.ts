import { mkdtempSync, readdirSync, cpSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { newCluster } from '../src/new-cluster';
import { npmStrayFlag } from '../src/npm-args';
import { traefikValuesSchema } from '../src/traefik/values-schema';
import { valuesKeyTypos } from '../src/traefik/values-key-typos';
import { MINIMAL_CONFIG_TEXT as HEADER } from './helpers';
import { cpuMillisSince } from './cpu-time';

// Round 78b findings 11, 14, 5, 18 and 3: one value refused the same way at every door, and advice the tool accepts.

const shown = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '' }).replace(/^:/, '');
const run = (values: string) => {
  const { errors, warnings } = parseConfigText('t.yaml', `${HEADER}  values:\n${values}`);
  return { errors: errors.map(shown).join('\n'), warnings: warnings.map(shown).join('\n') };
};
const schemaTypo = 'is not a key of the values schema of Traefik chart v39.0.7, and the chart reads only the keys it lists there';

describe('78b-11: a slip of a key the chart schema lists beside it is an error, at any depth', () => {
  it.each<[string, string, string | undefined]>([
    [
      'logs.general.levle',
      '    logs: {general: {levle: DEBUG}}\n',
      `logs.general.levle: ${schemaTypo}, so it would drop this one without a word: did you mean "logs.general.level"?`,
    ],
    ['logs.access.enabeld', '    logs: {access: {enabeld: true}}\n', 'did you mean "logs.access.enabled"?'],
    [
      'metrics.prometheus.entryPointt',
      '    metrics: {prometheus: {entryPointt: metrics}}\n',
      'did you mean "metrics.prometheus.entryPoint"?',
    ],
    ['gateway.enabeld', '    gateway: {enabeld: true}\n', 'did you mean "gateway.enabled"?'],
    ['deployment.replicaz (was a warning)', '    deployment: {replicaz: 2}\n', 'did you mean "deployment.replicas"?'],
    [
      'ingressRoute.dashboard.middleware (was a warning)',
      '    ingressRoute: {dashboard: {middleware: [{name: m}]}}\n',
      'did you mean "ingressRoute.dashboard.middlewares"?',
    ],
    ['a case slip: logs.general.Level', '    logs: {general: {Level: DEBUG}}\n', 'did you mean "logs.general.level"?'],
    [
      'in a named entry: ports.web.http3.enabeld',
      '    ports: {web: {http3: {enabeld: true}}}\n',
      'did you mean "ports.web.http3.enabled"?',
    ],
    ['valid: logs.general.level', '    logs: {general: {level: DEBUG}, access: {enabled: true}}\n', undefined],
    ['valid: metrics.prometheus.entryPoint', '    metrics: {prometheus: {entryPoint: metrics}}\n', undefined],
    ['valid: deployment.replicas', '    deployment: {replicas: 2}\n', undefined],
    ['valid: dashboard middlewares', '    ingressRoute: {dashboard: {middlewares: [{name: m}]}}\n', undefined],
    ['valid: a new gateway listener name near the default', '    gateway: {listeners: {webb: {port: 8000, protocol: HTTP}}}\n', undefined],
  ])('%s', (_, values, expected) => {
    const { errors } = run(values);
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  it('a far word under deployment stays a warning, and a refused slip is not warned about again', () => {
    const { errors, warnings } = run('    deployment: {foo: 1, replicaz: 2}\n');
    expect(errors).not.toContain('deployment.foo');
    expect(warnings).toContain('traefik.values.deployment.foo: is not a key Traefik chart v39.0.7 reads under deployment');
    expect(warnings).not.toContain('replicaz');
  });

  it('is linear on a 100 kB map of near keys', () => {
    const schema = traefikValuesSchema('39.0.7')!;
    valuesKeyTypos({ logs: { general: { levle: 1 } } }, schema.json, schema.tag);
    const general = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`lev${i}${'x'.repeat(100)}`, 1]));
    const start = process.cpuUsage();
    valuesKeyTypos({ logs: { general }, deployment: general }, schema.json, schema.tag);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});

describe('78b-18, 78b-3: a Traefik option written as a chart value is told what the tool then accepts', () => {
  const { errors } = run(
    [
      '    "--entrypoints.web.address": ":8000"',
      '    "--configfile": /etc/traefik.yml',
      '    "--global.checknewversion": false',
      '    "--log.level": DEBUG',
      '    "--log.levle": DEBUG',
      '    "--api.insecure": true',
      '    entryPoints.web.address: ":80"',
      '    certificatesresolvers.le.acme.email: a@example.com',
      '    log.level: DEBUG',
      '    logs.general.level: DEBUG',
      '    foo.bar: 1',
      '',
    ].join('\n'),
  );
  it.each<[string, string]>([
    [
      '--entrypoints.web.address',
      'traefik.values["--entrypoints.web.address"]: is not a value of Traefik chart v39.0.7: it is a Traefik command-line flag, not a chart value: the chart writes this option from its own key: set ports.web.port (and ports.web.expose) instead',
    ],
    [
      '--configfile',
      'traefik.values.--configfile: is not a value of Traefik chart v39.0.7: it is a Traefik command-line flag, not a chart value: it points Traefik at a static configuration file',
    ],
    ['--global.checknewversion', 'set global.checkNewVersion instead'],
    [
      '--log.level',
      'traefik.values["--log.level"]: is not a value of Traefik chart v39.0.7: it is a Traefik command-line flag, not a chart value: the chart writes this option from its own key: set logs.general.level instead',
    ],
    ['--log.levle', 'names option "levle" under --log, which Traefik v3 does not have'],
    ['--api.insecure (no chart key)', 'give it as an item of additionalArguments (additionalArguments: ["--api.insecure=true"])'],
    [
      'entryPoints.web.address',
      `"entryPoints.web.address" is one key whose name holds dots, not a path, and it names Traefik's option --entryPoints.web.address: the chart writes this option from its own key: set ports.web.port (and ports.web.expose) instead`,
    ],
    ['certificatesresolvers.le.acme.email', 'set certificatesResolvers.le.acme.email instead'],
    [
      'log.level',
      `"log.level" is one key whose name holds dots, not a path, and it names Traefik's option --log.level: the chart writes this option from its own key: set logs.general.level instead`,
    ],
    [
      'logs.general.level (nesting is right)',
      '"logs.general.level" is one key whose name holds dots, not a path: nest it (logs: {general: {level: ...}})',
    ],
    [
      'foo.bar (nesting is no value either)',
      '"foo.bar" is one key whose name holds dots, not a path, and nested (foo: {bar: ...}) it is no value of the chart either',
    ],
  ])('%s', (_, expected) => expect(errors).toContain(expected));

  it('no advice says "the chart value that writes it" without naming it, nor "nest it" where nesting is refused', () => {
    expect(errors).not.toContain('or set the chart value that writes it');
    expect(errors).not.toContain('nest it (entryPoints');
    expect(errors).not.toContain('nest it (certificatesresolvers');
    expect(errors).not.toContain('nest it (log:');
  });

  it('following the advice passes', () => {
    const advised = run(
      [
        '    additionalArguments: ["--api.insecure=true"]',
        '    ports: {web: {port: 8000}}',
        '    global: {checkNewVersion: false}',
        '    logs: {general: {level: DEBUG}}',
        '    certificatesResolvers: {le: {acme: {email: a@example.com, storage: /data/acme.json, tlsChallenge: true}}}',
        '    persistence: {enabled: true}',
        '',
      ].join('\n'),
    );
    expect(advised.errors).toBe('');
  });
});

describe('78b-5: a flag npm takes that npm run new does not have refuses before anything is written', () => {
  const flags = {
    script: 'new',
    valued: [['from', '<cluster or example>']] as const,
    positionals: 1,
    others: [['dry-run', 'it writes only config/<name>.yaml']] as const,
  };
  it.each<[string, string[], NodeJS.ProcessEnv, string | undefined]>([
    ['--dry-run', ['home'], { npm_config_dry_run: 'true' }, 'npm took --dry-run for itself, and npm run new has no --dry-run'],
    ['--dryrun', ['home'], { npm_config_dryrun: 'true' }, 'npm took --dryrun for itself, and npm run new has no --dry-run'],
    [
      '--fro=ha',
      ['home'],
      { npm_config_fro: 'ha' },
      'npm took --fro for itself, and npm run new has no --fro: did you mean --from? write `npm run new -- home --from ha`',
    ],
    ['--fro ha', ['home', 'ha'], { npm_config_fro: 'true' }, 'write `npm run new -- home --from ha`'],
    ['--form=ha', ['home'], { npm_config_form: 'ha' }, 'did you mean --from?'],
    [
      "valid: npm's own settings",
      ['home'],
      { npm_config_cache: '/root/.npm', npm_config_yes: '', npm_config_fund: '', npm_config_audit: '' },
      undefined,
    ],
    ['valid: no npm flags', ['home'], {}, undefined],
  ])('%s', (_, args, env, expected) => {
    const found = npmStrayFlag(args, env, flags);
    if (expected) expect(found).toContain(expected);
    else expect(found).toBeUndefined();
  });

  it('npm run new home --dry-run and --fro=ha write nothing; npm run new -- home --from ha writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity78-'));
    try {
      cpSync(join(__dirname, '..', 'config', 'examples'), join(dir, 'examples'), { recursive: true });
      const lines: string[] = [];
      const options = { configDir: dir, schemaFile: join(dir, 'schema.json'), log: (line: string) => lines.push(line) };
      expect(newCluster(['home'], options, { npm_config_dry_run: 'true' })).toBe(1);
      expect(newCluster(['home'], options, { npm_config_fro: 'ha' })).toBe(1);
      expect(readdirSync(dir)).toEqual(['examples']);
      expect(lines.join('\n')).toContain('nothing was written');
      expect(newCluster(['home', '--from', 'ha'], options, {})).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['examples', 'home.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('78b-14: an app object of the identity of a Traefik extraObjects item is refused, naming both', () => {
  const base = {
    kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
    k3s: { servers: [{ name: 'k3s-1', address: '192.168.0.11' }] },
  };
  const mw = (name: string, namespace?: string) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: { name, ...(namespace && { namespace }) },
    spec: { stripPrefix: { prefixes: ['/a'] } },
  });
  const synth = (items: object[], sibling: object) => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'parity78-app-')) });
    new K3sVipCluster(app, 'c', { ...base, traefik: { loadBalancerIPs: ['192.168.0.41'], values: { extraObjects: items } } } as never);
    new ApiObject(new Chart(app, 'extra'), 'o', sibling as never);
    try {
      app.synth();
      return '';
    } catch (error) {
      return String((error as Error).message);
    } finally {
      rmSync(app.outdir, { recursive: true, force: true });
    }
  };
  it.each<[string, object[], object, string | undefined]>([
    [
      'a Middleware in both',
      [mw('m1', 'default')],
      mw('m1', 'default'),
      "extra.yaml: Middleware/default/m1 (construct extra/o): is the same object (API group, kind, namespace, name) as Middleware/default/m1 (values.extraObjects[0], which Traefik's chart renders)",
    ],
    [
      'a ConfigMap without a namespace (default) and an item in default',
      [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data: { a: 'b' } }],
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'c' } },
      'ConfigMap/default/x (values.extraObjects[0]',
    ],
    [
      'an item without a namespace lands in kube-system',
      [mw('m1')],
      mw('m1', 'kube-system'),
      'Middleware/kube-system/m1 (values.extraObjects[0]',
    ],
    ['valid: another name', [mw('m1', 'default')], mw('m2', 'default'), undefined],
    ['valid: an item without a namespace, the object in default', [mw('m1')], mw('m1', 'default'), undefined],
  ])('%s', (_, items, sibling, expected) => {
    const message = synth(items, sibling);
    if (expected) expect(message).toContain(expected);
    else expect(message).toBe('');
  });
});
