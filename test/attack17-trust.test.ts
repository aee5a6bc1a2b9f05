import { App } from 'cdk8s';
import { chart, configErrors, devConfig, judgeConfig, thrown, withChanges } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';

/**
 * Attack round 17b, D1 and D2: Traefik's flag parser (traefik/paerser flag/flagparser.go, `setValue`) matches a flag's
 * name in any case and joins a list flag given twice, so every trust list written for one entrypoint and header,
 * whether first-class, in the chart's values or a flag, is one list to Traefik and is judged as one. And the chart turns
 * `ports.<name>.forwardedHeaders.insecure` / `.proxyProtocol.insecure` on with Go's `if`, so any value Go takes as true
 * trusts everyone.
 */
const local = (traefik: object) => withChanges(devConfig(), { traefik: { externalTrafficPolicy: 'Local', ...traefik } });
const args = (...additionalArguments: string[]) => local({ values: { additionalArguments } });
const fh = (entrypoint: string, list: string) => `--entrypoints.${entrypoint}.forwardedheaders.trustedips=${list}`;
const pp = (entrypoint: string, list: string) => `--entrypoints.${entrypoint}.proxyprotocol.trustedips=${list}`;
const joined = (others: string, entrypoint: string, header: string) =>
  `with ${others}, which Traefik joins into one list of entrypoint ${entrypoint}'s trusted ${header} sources, together`;
const EVERY_V4 = '(0.0.0.0/1, 128.0.0.0/1) trust every IPv4 address';

describe('D1: the lists Traefik joins for one entrypoint and header together trust everyone', () => {
  test.each<[string, unknown, string]>([
    [
      'one flag given twice',
      args(fh('web', '0.0.0.0/1'), fh('web', '128.0.0.0/1')),
      `traefik.values.additionalArguments[0]: ${joined('traefik.values.additionalArguments[1]', 'web', 'X-Forwarded-*')} ${EVERY_V4}`,
    ],
    [
      'trustedProxies and a flag for web',
      local({ trustedProxies: ['0.0.0.0/1'], values: { additionalArguments: [fh('web', '128.0.0.0/1')] } }),
      `traefik.trustedProxies: ${joined('traefik.values.additionalArguments[0]', 'web', 'X-Forwarded-*')} ${EVERY_V4}`,
    ],
    [
      'trustedProxies and a flag for websecure in camel case',
      local({
        trustedProxies: ['128.0.0.0/1'],
        values: { additionalArguments: ['--entryPoints.webSecure.forwardedHeaders.trustedIPs=0.0.0.0/1'] },
      }),
      `traefik.trustedProxies: ${joined('traefik.values.additionalArguments[0]', 'websecure', 'X-Forwarded-*')} ${EVERY_V4}`,
    ],
    [
      'IPv6 PROXY protocol halves in different letter case',
      args(pp('web', '::/1'), '--entryPoints.WEB.proxyProtocol.trustedIPs=8000::/1'),
      `traefik.values.additionalArguments[0]: ${joined('traefik.values.additionalArguments[1]', 'web', 'PROXY protocol')} (::/1, 8000::/1) trust every IPv6 address`,
    ],
    [
      'a values trustedIPs list and a flag',
      local({
        values: { ports: { web: { forwardedHeaders: { trustedIPs: ['0.0.0.0/1'] } } }, additionalArguments: [fh('Web', '128.0.0.0/1')] },
      }),
      `traefik.values.ports.web.forwardedHeaders.trustedIPs: ${joined('traefik.values.additionalArguments[0]', 'web', 'X-Forwarded-*')} ${EVERY_V4}`,
    ],
    [
      'a values PROXY protocol list and a flag',
      local({
        values: { ports: { websecure: { proxyProtocol: { trustedIPs: ['::/1'] } } }, additionalArguments: [pp('websecure', '8000::/1')] },
      }),
      `traefik.values.ports.websecure.proxyProtocol.trustedIPs: ${joined('traefik.values.additionalArguments[0]', 'websecure', 'PROXY protocol')} (::/1, 8000::/1)`,
    ],
    [
      'globalArguments (chart 35.4.0, the last that renders them) and additionalArguments',
      local({
        chartVersion: '35.4.0',
        values: { globalArguments: [fh('web', '0.0.0.0/1')], additionalArguments: [fh('web', '128.0.0.0/1')] },
      }),
      `traefik.values.globalArguments[0]: ${joined('traefik.values.additionalArguments[0]', 'web', 'X-Forwarded-*')} ${EVERY_V4}`,
    ],
    [
      'three lists, each naming its key',
      local({ trustedProxies: ['0.0.0.0/2'], values: { additionalArguments: [fh('web', '64.0.0.0/2'), fh('web', '128.0.0.0/1')] } }),
      `traefik.trustedProxies: ${joined('traefik.values.additionalArguments[0], traefik.values.additionalArguments[1]', 'web', 'X-Forwarded-*')} (0.0.0.0/2, 64.0.0.0/2, 128.0.0.0/1)`,
    ],
  ])('%s: refused', (_, config, expected) => {
    const errors = configErrors(config);
    expect(errors.join('\n')).toContain(`config/t.yaml: ${expected}`);
    expect(errors.filter((e) => e.includes('trust every'))).toHaveLength(1);
  });

  test.each<[string, unknown]>([
    ['two entrypoints', args(fh('web', '0.0.0.0/1'), fh('websecure', '128.0.0.0/1'))],
    ['two headers of one entrypoint', args(fh('web', '0.0.0.0/1'), pp('web', '128.0.0.0/1'))],
    [
      'trustedProxies and a flag for another entrypoint',
      local({ trustedProxies: ['0.0.0.0/1'], values: { additionalArguments: [fh('metrics', '128.0.0.0/1')] } }),
    ],
    [
      'a values list of another entrypoint',
      local({ trustedProxies: ['0.0.0.0/1'], values: { ports: { traefik: { forwardedHeaders: { trustedIPs: ['128.0.0.0/1'] } } } } }),
    ],
    ['one entrypoint, a gap left', args(fh('web', '0.0.0.0/1'), fh('WEB', '128.0.0.0/2,192.0.0.0/3'))],
    ['halves of two families', args(fh('web', '0.0.0.0/1'), fh('web', '8000::/1'))],
  ])('%s: accepted', (_, config) => judgeConfig(config, undefined));

  test('a list that trusts everyone alone is reported once, on its own, not again with the lists joined to it', () => {
    const alone = configErrors(
      local({ trustedProxies: ['0.0.0.0/1', '128.0.0.0/1'], values: { additionalArguments: [fh('web', '10.0.0.1')] } }),
    );
    expect(alone).toEqual([
      `config/t.yaml: traefik.trustedProxies: together ${EVERY_V4}, so any client could forge its forwarded address and pose as anyone: list only your proxies' addresses`,
    ]);
  });

  test('K3sVipCluster and TraefikHelmChartConfig refuse them too; other entrypoints pass', () => {
    const cluster = (config: unknown) => () => new K3sVipCluster(new App(), 'ci', config as never);
    expect(thrown(cluster(args(fh('web', '0.0.0.0/1'), fh('web', '128.0.0.0/1')))).message).toContain(
      `traefik.values.additionalArguments[0]: ${joined('traefik.values.additionalArguments[1]', 'web', 'X-Forwarded-*')} ${EVERY_V4}`,
    );
    expect(cluster(args(fh('web', '0.0.0.0/1'), fh('websecure', '128.0.0.0/1')))).not.toThrow();
    const props = { externalTrafficPolicy: 'Local', trustedProxies: ['0.0.0.0/1'] } as const;
    expect(
      thrown(
        () => new TraefikHelmChartConfig(chart(), 't', { ...props, values: { additionalArguments: [fh('websecure', '128.0.0.0/1')] } }),
      ).message,
    ).toContain(`trustedProxies ${joined('values.additionalArguments[0]', 'websecure', 'X-Forwarded-*')} ${EVERY_V4}`);
    expect(
      () => new TraefikHelmChartConfig(chart(), 't', { ...props, values: { additionalArguments: [fh('dns', '128.0.0.0/1')] } }),
    ).not.toThrow();
  });
});

describe("D2: insecure in the values is judged with Go's truth, as the chart's template tests it", () => {
  // Traefik chart 36.3.0 has no vendored values schema, so nothing else checks the type.
  const insecure = (block: string, value: unknown) =>
    local({ chartVersion: '36.3.0', values: { ports: { web: { [block]: { insecure: value } } } } });
  const header = { forwardedHeaders: 'X-Forwarded-*', proxyProtocol: 'PROXY protocol' } as const;
  describe.each(['forwardedHeaders', 'proxyProtocol'] as const)('%s', (block) => {
    test.each<[unknown, string]>([
      [true, 'is true'],
      [1, 'is 1, which'],
      ['yes', 'is "yes", which'],
      ['false', 'is "false", which'],
      [['x'], 'is ["x"], which'],
      [{ a: 1 }, 'is {"a":1}, which'],
    ])('%j: refused', (value, what) =>
      judgeConfig(
        insecure(block, value),
        `config/t.yaml: traefik.values.ports.web.${block}.insecure: ${what}` +
          (value === true ? '' : ` the chart's template takes as true (Go's if), so it writes the insecure flag`) +
          `: Traefik then believes ${header[block]} headers from every client`,
      ),
    );
    test.each<unknown>([false, 0, '', null, [], {}])('%j: accepted', (value) => judgeConfig(insecure(block, value), undefined));
  });

  test('K3sVipCluster refuses it too', () => {
    expect(thrown(() => new K3sVipCluster(new App(), 'ci', insecure('proxyProtocol', 'yes'))).message).toContain(
      'traefik.values.ports.web.proxyProtocol.insecure: is "yes", which the chart\'s template takes as true',
    );
  });
});
