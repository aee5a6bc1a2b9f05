import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { devConfig, synthFiles, withChanges } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { TraefikHelmChartConfig } from '../src/index';

/**
 * Keys a user may type that name members of every JavaScript object (`constructor` and
 * `__proto__` are refused as keys; these are not): a lookup by `in` or `obj[key]` finds a
 * function where the config has nothing, and a message then says "undefined".
 */
const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype).filter((name) => !['constructor', '__proto__'].includes(name));
/** What a message or file shows when a lookup found an Object member instead of a config value. */
const LEAKED = /undefined|\[object |function |\[native code\]/;

/** The reference config, without warnings. */
const base = () => withChanges(devConfig(), { traefik: { redirectToHttps: true } });
const load = (config: unknown) => parseConfigText('c.yaml', stringify(config));
const messages = (config: unknown) => {
  const { errors, warnings } = load(config);
  return [...errors, ...warnings].map(formatDiagnostic);
};

test('the table covers every Object member a key may name', () => {
  expect(OBJECT_MEMBERS).toEqual(expect.arrayContaining(['hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__']));
});

describe.each(OBJECT_MEMBERS)('%s as a key', (key) => {
  test('of a Service annotation in traefik.values: written as given, no message (refused by name where no key may be so)', () => {
    const config = withChanges(base(), { traefik: { values: { service: { annotations: { [key]: 'x' } } } } });
    if (key.startsWith('_')) {
      // An annotation key must begin with a letter or digit (the API server's IsQualifiedName).
      expect(messages(config)).toEqual([
        expect.stringContaining(`traefik.values.service.annotations.${key}: is not a valid annotation key`),
      ]);
      return;
    }
    expect(messages(config)).toEqual([]);
    const written = synthFiles(config).get('traefik-config.yaml')!;
    expect(written).toContain(`${key}: x`);
    expect(written).not.toMatch(LEAKED);
  });

  test('of the values that the generator also writes (service.spec): a conflict names both values', () => {
    const config = withChanges(base(), { traefik: { values: { service: { spec: { [key]: 'x' } } } } });
    for (const line of messages(config)) expect(line).not.toMatch(LEAKED);
  });

  test('at the top of traefik.values: refused as no value of the chart, without "undefined"', () => {
    const lines = messages(withChanges(base(), { traefik: { values: { [key]: 1 } } }));
    expect(lines).toEqual([expect.stringContaining(`traefik.values.${key}: is not a value of Traefik chart`)]);
    expect(lines[0]).not.toMatch(LEAKED);
  });

  test('of a load balancer selector: written as given when it is a label key, else refused without "undefined"', () => {
    const config = withChanges(base(), {
      loadBalancers: [{ name: 'db', selector: { [key]: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.45'] }],
    });
    const lines = messages(config);
    if (key.startsWith('_')) {
      expect(lines).toEqual([expect.stringContaining(`loadBalancers[0].selector.${key}: "${key}" is not a valid key`)]);
      expect(lines[0]).not.toMatch(LEAKED);
      return;
    }
    expect(lines).toEqual([]);
    const written = synthFiles(config).get('load-balancers.yaml')!;
    expect(written).toContain(`${key}: db`);
    expect(written).not.toMatch(LEAKED);
  });

  test('of an unknown config key: a "did you mean" without "undefined"', () => {
    const lines = messages(withChanges(base(), { kubeVip: { [key]: 1 } }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`kubeVip.${key}: unknown key "${key}"`);
    expect(lines[0]).not.toMatch(LEAKED);
  });

  test('of the values a construct is given: the same, through the TypeScript API', () => {
    const chart = new Chart(new App(), 'c');
    const make = () =>
      new TraefikHelmChartConfig(chart, 't', { loadBalancerIPs: ['192.168.0.41'], values: { service: { annotations: { [key]: 'x' } } } });
    if (key.startsWith('_')) {
      expect(make).toThrow(`values.service.annotations.${key} is not a valid annotation key`);
      return;
    }
    make();
    expect(JSON.stringify(chart.toJson())).toContain(`${key}: x`);
  });
});

describe.each(['constructor', 'tostring', 'valueof', 'hasownproperty'])('%s as a name a config refers to', (name) => {
  test('an Ingress naming an undefined cert resolver or issuer is refused, never resolved to an Object member', () => {
    const resolver = messages(
      withChanges(base(), {
        traefik: { externalCertResolvers: [] },
        ingresses: [{ ...devConfig().ingresses[0], tls: { certResolver: name } }],
      }),
    );
    expect(resolver).toEqual([expect.stringContaining(`ingresses[0].tls.certResolver:`)]);
    const issuer = messages(withChanges(base(), { ingresses: [{ ...devConfig().ingresses[0], tls: { issuer: name } }] }));
    expect(issuer).toEqual([expect.stringContaining(`ingresses[0].tls.issuer:`)]);
    for (const line of [...resolver, ...issuer]) expect(line).not.toMatch(LEAKED);
  });

  test('an external cert resolver of that name: the failure table does not take it for an ACME resolver of Traefik', () => {
    const config = withChanges(base(), {
      traefik: { externalCertResolvers: [name] },
      ingresses: [{ ...devConfig().ingresses[0], tls: { certResolver: name } }],
    });
    expect(messages(config)).toEqual([]);
    const readme = synthFiles(config).get('README.md')!;
    const row = readme.split('\n').find((line) => line.startsWith('| Certificates'));
    expect(row).toBeDefined();
    expect(row).not.toMatch(/ACME|acme\.json/);
  });
});
