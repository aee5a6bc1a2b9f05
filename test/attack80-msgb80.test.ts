import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { INVENTORY_CONFIG_TEXT } from './helpers';

/** Round 80 (80a-7, 9, 10, 17, 20): the advice that fits the slip, not one for a value the user did not write. */

const BASE = `${INVENTORY_CONFIG_TEXT}traefik:\n  loadBalancerIPs: [192.168.0.41]\n`;
const errorsOf = (text: string): string[] => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);
const values = (yaml: string) => `${BASE}  values:\n${yaml}`;
const chart = (version: string) =>
  `${INVENTORY_CONFIG_TEXT}traefik:\n  chartVersion: "${version}"\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    globalArguments: ["--global.sendanonymoususage=false"]\n`;

describe('80a-7: a refused chartVersion is not replaced by the default for the rules that need it', () => {
  test.each(['35.3', '35.3.0-rc1'])('%s: the chartVersion line only', (version) => {
    const lines = errorsOf(chart(version));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('12:17: traefik.chartVersion:');
    expect(lines[0]).toContain('is not a chart version');
  });
  test('a rule that needs no chart version still speaks', () => {
    const lines = errorsOf(chart('35.3').replace('globalArguments: ["--global.sendanonymoususage=false"]', 'image: {tag: latest}'));
    const tag = lines.filter((line) => line.includes('traefik.values.image.tag'));
    expect(tag).toHaveLength(1);
    expect(tag[0]).not.toContain('Traefik chart 39.0.7');
  });
  test('chart 35.3.0 takes globalArguments', () => expect(errorsOf(chart('35.3.0'))).toEqual([]));
  test('chart 39.0.7 still refuses them', () =>
    expect(errorsOf(chart('39.0.7')).join('\n')).toContain('traefik.values.globalArguments: is not read by Traefik chart 39.0.7'));
});

describe('80a-9: a Cyrillic look-alike letter is named, with the Latin spelling', () => {
  test('kubeVip.interface', () => {
    const lines = errorsOf(BASE.replace('interface: eth0', 'interface: \u0435th0'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('3:14: kubeVip.interface:');
    expect(lines[0]).toContain('U+0435, Cyrillic');
    expect(lines[0]).toContain('did you mean "eth0"?');
  });
  test('an entrypoint of the chart', () => {
    const lines = errorsOf(values('    ports:\n      w\u0435b:\n        exposedPort: 8080\n'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('traefik.values.ports');
    expect(lines[0]).toContain('did you mean "web"?');
    expect(lines[0]).not.toContain('give it ports');
  });
  test('an interface with another bad character keeps its message', () =>
    expect(errorsOf(BASE.replace('interface: eth0', 'interface: "eth 0"')).join('\n')).toContain('an interface name may hold'));
  test('a new entrypoint without a port is still told to give it one', () =>
    expect(errorsOf(values('    ports:\n      admin:\n        exposedPort: 8080\n')).join('\n')).toContain('give it ports.admin.port'));
  test('web passes', () => expect(errorsOf(values('    ports:\n      web:\n        exposedPort: 8080\n'))).toEqual([]));
});

describe('80a-10: letters typed for digits in a port', () => {
  test.each([
    ['8O', 'write 80 without quotes'],
    ['8o8l', 'write 8081 without quotes'],
  ])('%s', (port, fix) => {
    const lines = errorsOf(values(`    ports:\n      web:\n        exposedPort: ${port}\n`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('traefik.values.ports.web.exposedPort:');
    expect(lines[0]).toContain(fix);
    expect(lines[0]).not.toContain('such as 8');
  });
  test('80a keeps its leading digits', () =>
    expect(errorsOf(values('    ports:\n      web:\n        exposedPort: 80a\n')).join('\n')).toContain('such as 80'));
  test('80 passes', () => expect(errorsOf(values('    ports:\n      web:\n        exposedPort: 80\n'))).toEqual([]));
});

describe('80a-17: a Middleware errors.status item is told what to write', () => {
  const middleware = (status: string) =>
    values(
      '    extraObjects:\n      - apiVersion: traefik.io/v1alpha1\n        kind: Middleware\n        metadata: {name: errs, namespace: default}\n' +
        `        spec:\n          errors:\n            status: ["${status}"]\n            service: {name: errpages, port: 80}\n            query: "/{status}.html"\n`,
    );
  test('5xx', () => {
    const lines = errorsOf(middleware('5xx'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('traefik.values.extraObjects[0].spec.errors.status[0]: is "5xx"');
    expect(lines[0]).toContain('"500-599"');
    expect(lines[0]).not.toContain('^(');
  });
  test.each(['500-599', '404', '502,504'])('%s passes', (status) => expect(errorsOf(middleware(status))).toEqual([]));
});

describe('80a-20: a quantity with a wrong unit is told the unit', () => {
  test.each([
    ['limits', 'memory', '50MB', 'write 50M (powers of 1000) or 50Mi (powers of 1024)'],
    ['requests', 'cpu', '100mi', 'write 100m (thousandths of a CPU)'],
    ['limits', 'memory', '1gb', 'write 1G (powers of 1000) or 1Gi'],
  ])('%s.%s: %s', (group, name, value, fix) => {
    const lines = errorsOf(values(`    resources:\n      ${group}:\n        ${name}: ${value}\n`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`traefik.values.resources.${group}.${name}: is "${value}", not a quantity`);
    expect(lines[0]).toContain(fix);
    expect(lines[0]).not.toContain('expects number');
  });
  test('a text with no unit to mend is told the form', () =>
    expect(errorsOf(values('    resources:\n      limits:\n        memory: lots\n')).join('\n')).toContain('such as 128Mi or 100m'));
  test('50Mi and 100m pass', () =>
    expect(errorsOf(values('    resources:\n      requests: {cpu: 100m, memory: 50Mi}\n      limits: {memory: 50Mi}\n'))).toEqual([]));
});

describe('80a-18: a misspelt ingressRoute.dashboard is one true line', () => {
  test('dashbaord on chart 39.0.7', () => {
    const lines = errorsOf(values('    ingressRoute: {dashbaord: {enabled: true}}\n'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('traefik.values.ingressRoute.dashbaord: is rendered by Traefik chart');
    expect(lines[0]).toContain('did you mean "ingressRoute.dashboard"?');
    expect(lines[0]).not.toContain('drop this one');
  });
  test('a route of its own without matchRule is still told to write one', () =>
    expect(errorsOf(values('    ingressRoute: {admin: {enabled: true}}\n')).join('\n')).toContain(
      'ingressRoute.admin.matchRule: is missing',
    ));
  test('the dashboard passes', () => expect(errorsOf(values('    ingressRoute: {dashboard: {enabled: true}}\n'))).toEqual([]));
});

describe('81b-7: an additional Service with no port still has its VIPs judged in the same run', () => {
  const service = (block: string, ports = '') =>
    values(`    service:\n      additionalServices:\n        internal:\n          type: LoadBalancer\n${block}${ports}`);
  const noPort = (lines: string[]) => lines.filter((line) => line.includes('with no port')).length;
  test.each([
    [
      'a VIP in the pod network',
      '          annotations:\n            kube-vip.io/loadbalancerIPs: 10.42.0.7\n',
      'lies inside the K3s pod network',
    ],
    ['a node address', '          spec: {loadBalancerIP: 192.168.0.11}\n', 'is the address of node k3s-1'],
  ])('%s', (_, block, words) => {
    const lines = errorsOf(service(block));
    expect(noPort(lines)).toBe(1);
    expect(lines.some((line) => line.includes('traefik.values.service.additionalServices.internal.') && line.includes(words))).toBe(true);
  });
  test('a free VIP: the missing port only', () => {
    const lines = errorsOf(service('          annotations:\n            kube-vip.io/loadbalancerIPs: 192.168.0.50\n'));
    expect(lines).toHaveLength(1);
    expect(noPort(lines)).toBe(1);
  });
  test('a free VIP with an exposed entrypoint passes', () =>
    expect(
      errorsOf(
        service(
          '          annotations:\n            kube-vip.io/loadbalancerIPs: 192.168.0.50\n',
          '    ports:\n      web:\n        expose: {default: true, internal: true}\n',
        ),
      ),
    ).toEqual([]));
});

describe('81b-20: an over-expanding alias in one key leaves the rest of the file judged', () => {
  const bomb = [
    '      a0: &a0 [x,x,x,x,x,x,x,x,x,x]',
    ...[1, 2, 3, 4].map(
      (n) =>
        `      a${n}: &a${n} [${Array(10)
          .fill(`*a${n - 1}`)
          .join(',')}]`,
    ),
  ].join('\n');
  const file = (after = '') =>
    `${values(`    image: {tag: latest}\n    deployment:\n${bomb}\n${after}`)}ingresses:\n  - name: a\n    host: a.example.com\n    service: frontend\n    port: 0\n`;
  test('the alias line and the other problems', () => {
    const lines = errorsOf(file());
    expect(lines.filter((line) => line.includes('traefik.values.deployment.a4: holds more than 100000 values'))).toHaveLength(1);
    expect(lines.some((line) => line.includes('ingresses[0].port'))).toBe(true);
    expect(lines.some((line) => line.includes('traefik.values.image.tag'))).toBe(true);
  });
  test('an alias to the left-out value elsewhere: the alias line still, and no expansion', () => {
    const lines = errorsOf(file('    podAnnotations: {x: *a4}\n'));
    expect(lines.some((line) => line.includes('holds more than 100000 values'))).toBe(true);
  });
  test('a small alias is read', () =>
    expect(errorsOf(values('    deployment:\n      podLabels: &l {app: web}\n      podAnnotations: *l\n'))).toEqual([]));
});
