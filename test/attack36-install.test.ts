import { App } from 'cdk8s';
import { K3sVipCluster, LoadBalancerService } from '../src/index';
import { chart, configErrors, devConfig, refusalOf, withChanges } from './helpers';

/**
 * Attack round 35b-4, 35b-9 and 35b-11: port names a Service lists twice, the lock breaker's file left by a kill,
 * and another file in K3s' manifests folder declaring an object `k3s:install` installs.
 */

const lb = (ports: unknown[]) => ({ name: 'app', selector: { app: 'x' }, ips: ['192.168.0.42'], ports });
const withLb = (ports: unknown[]) => withChanges(devConfig(), { loadBalancers: [lb(ports)] });
const doors = {
  config: (ports: unknown[]) => configErrors(withLb(ports)).join('\n'),
  cluster: (ports: unknown[]) => refusalOf(() => new K3sVipCluster(new App(), 'c', withLb(ports))),
  construct: (ports: unknown[]) => refusalOf(() => new LoadBalancerService(chart(), 's', lb(ports) as never)),
};

describe('35b-4: the ports of a loadBalancers Service as the API server takes them', () => {
  test.each([
    [
      'a name twice',
      [
        { name: 'a', port: 8080 },
        { name: 'a', port: 8081 },
      ],
      'ports[1].name',
      /"a" is also the name of .*ports\[0\]; the API server refuses/,
    ],
    [
      'a name twice, other protocols',
      [
        { name: 'dns', port: 53 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
      'ports[1].name',
      /"dns" is also the name of .*ports\[0\]/,
    ],
    [
      'the third repeats the first',
      [
        { name: 'a', port: 1 },
        { name: 'b', port: 2 },
        { name: 'a', port: 3 },
      ],
      'ports[2].name',
      /"a" is also the name of .*ports\[0\]/,
    ],
    [
      'a port number twice',
      [
        { name: 'a', port: 8080 },
        { name: 'b', port: 8080 },
      ],
      'ports[1].port',
      /8080\/TCP is listed twice/,
    ],
    ['a missing name among several', [{ name: 'a', port: 8080 }, { port: 8081 }], 'ports[1]', /has no name/],
    ['a name that is not an IANA service name', [{ name: 'a_b', port: 8080 }], 'ports[0].name', /"a_b" is not a port name/],
  ])('%s: refused by the config, K3sVipCluster and LoadBalancerService', (_, ports, key, why) => {
    const at = key.replace(/[.[\]]/g, '\\$&');
    expect(doors.config(ports)).toMatch(new RegExp(`loadBalancers\\[0\\]\\.${at}: ${why.source}`));
    expect(doors.cluster(ports)).toMatch(new RegExp(`loadBalancers\\[0\\]\\.${at}:? ${why.source}`));
    expect(doors.construct(ports)).toMatch(new RegExp(`${at}:? ${why.source}`));
  });

  test.each([
    [
      'two names',
      [
        { name: 'a', port: 8080 },
        { name: 'b', port: 8081 },
      ],
    ],
    ['one port, no name', [{ port: 8080 }]],
    [
      'one number on TCP and UDP',
      [
        { name: 'dns-tcp', port: 53 },
        { name: 'dns-udp', port: 53, protocol: 'UDP' },
      ],
    ],
  ])('control: %s is accepted by every door', (_, ports) => {
    expect(doors.config(ports)).toBe('');
    expect(doors.cluster(ports)).toBe('');
    expect(doors.construct(ports)).toBe('');
  });
});
