import { stringify } from 'yaml';
import { devConfig, withChanges } from './helpers';
import { parseConfigText } from '../src/config/load';
import { parseCidr, parseIp } from '../src/net/ip';
import { likelyTypo } from '../src/net/ip-typo';

const SERVERS = [
  { name: 'k3s-1', address: '192.168.0.11' },
  { name: 'k3s-2', address: '192.168.0.12' },
  { name: 'k3s-3', address: '192.168.0.13' },
];
const messages = (config: unknown) => parseConfigText('config/t.yaml', stringify(config)).errors.map((e) => e.message);

describe('a VIP outside the LAN: the likelier typo is suggested too', () => {
  test.each([
    ['one digit of the network part', '192.168.1.41', '192.168.0.0/24', '192.168.0.41'],
    ['two digits swapped', '192.186.0.41', '192.168.0.0/24', '192.168.0.41'],
    ['a digit missing', '19.168.0.41', '192.168.0.0/24', '192.168.0.41'],
    ['a /16 LAN', '10.2.5.7', '10.1.0.0/16', '10.1.5.7'],
    ['IPv6', 'fd00:0:0:2::41', 'fd00:0:0:1::/64', 'fd00:0:0:1::41'],
  ])('%s: %s for %s suggests %s', (_, vip, lan, meant) => {
    expect(likelyTypo(parseIp(vip)!, parseCidr(lan)!)).toBe(meant.includes(':') ? parseIp(meant)!.text : meant);
  });

  test.each([
    ['another network altogether', '10.0.0.41', '192.168.0.0/24'],
    ['the network address it would give', '192.168.1.0', '192.168.0.0/24'],
    ['the broadcast address it would give', '192.168.1.255', '192.168.0.0/24'],
    ['another family', 'fd00::41', '192.168.0.0/24'],
  ])('%s (%s in %s): no suggestion', (_, vip, lan) => {
    expect(likelyTypo(parseIp(vip)!, parseCidr(lan)!)).toBeUndefined();
  });

  test("without k3s.nodeCidr, against the servers' /24", () => {
    const config = withChanges(devConfig(), { traefik: { loadBalancerIPs: ['192.168.1.41'] }, k3s: { servers: SERVERS } });
    expect(messages(config)).toContain(
      '"192.168.1.41" is not in the servers\' 192.168.0.0/24, and ARP reaches only their LAN (a typo for 192.168.0.41?); ' +
        "without k3s.nodeCidr only the servers' /24 192.168.0.0/24 is known to be one LAN: set k3s.nodeCidr to the LAN holding all servers and VIPs",
    );
  });

  test('with k3s.nodeCidr', () => {
    const config = withChanges(devConfig(), { traefik: { loadBalancerIPs: ['192.168.1.41'] }, k3s: { nodeCidr: '192.168.0.0/24' } });
    expect(messages(config)).toContain(
      '"192.168.1.41" is outside k3s.nodeCidr 192.168.0.0/24: kube-vip announces VIPs by ARP/NDP on the nodes\' LAN, so pick a free address inside it (a typo for 192.168.0.41?)',
    );
  });
});
