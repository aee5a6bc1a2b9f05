import { Chart, Testing } from 'cdk8s';
import { tokenFilePath } from '../src/config/token-file';
import { KubeVipCloudProvider } from '../src/kube-vip/cloud-provider';

describe('N13: k3s.tokenFile never in a folder the system empties at boot', () => {
  test.each<[string, RegExp | undefined]>([
    ['/run/k3s-token/token', /^lies in a folder the system empties at every boot/],
    ['/run/k3s/token', /^lies in a folder the system empties at every boot/],
    ['/run', /^lies in a folder the system empties at every boot/],
    ['/var/run/k3s/token', /^lies in a folder the system empties at every boot/],
    ['/run/lock/k3s-token/token', /^lies in a folder the system empties at every boot/],
    ['/var/lock/k3s/token', /^lies in a folder the system empties at every boot/],
    ['//var/./run/k3s/token', /^lies in a folder the system empties at every boot/],
    ['/dev/shm/k3s/token', /^lies in one of the kernel's virtual file systems/],
    ['/var/tmp/k3s/token', /^lies in a folder every user can write to/],
    // Neighbours that are not those folders.
    ['/runner/k3s/token', undefined],
    ['/etc/rancher/run/token', undefined],
    ['/var/lib/k3s-token/token', undefined],
  ])('%j', (path, expected) => {
    const problem = tokenFilePath(path);
    if (expected) {
      expect(problem).toMatch(expected);
      expect(problem).toContain('the token file needs a folder made for it');
    } else expect(problem).toBeUndefined();
  });
});

describe('N17: KubeVipCloudProvider names the pool key as it was written', () => {
  const build = (pool: unknown) => () => new KubeVipCloudProvider(new Chart(Testing.app(), 'c'), 'p', { pool: pool as never });
  const message = (pool: unknown) => {
    try {
      build(pool)();
    } catch (e) {
      return (e as Error).message;
    }
    return undefined;
  };
  test.each<[string, unknown, string | undefined]>([
    [
      'a string cidr',
      { global: { cidr: 'garbage' } },
      'KubeVipCloudProvider: pool.global.cidr "garbage" is not a CIDR block: expected an address with a prefix length, e.g. "10.42.0.0/16"',
    ],
    ['a string range', { global: { range: '1.2.3.4' } }, 'KubeVipCloudProvider: pool.global.range "1.2.3.4"'],
    ['a list cidr item', { global: { cidr: ['192.168.0.64/27', 'garbage'] } }, 'KubeVipCloudProvider: pool.global.cidr[1] "garbage"'],
    [
      'a number cidr',
      { global: { cidr: 42 } },
      'KubeVipCloudProvider: pool.global.cidr 42 is a number: expected a CIDR block (e.g. "192.168.0.64/27") or a list of them',
    ],
    ['an object range', { namespaces: { web: { range: { a: 1 } } } }, 'KubeVipCloudProvider: pool.namespaces.web.range'],
    ['a valid string cidr', { global: { cidr: '192.168.0.64/27' } }, undefined],
    ['a valid list range', { global: { range: ['192.168.0.64-192.168.0.70'] } }, undefined],
  ])('%s', (_, pool, expected) => {
    const got = message(pool);
    if (expected === undefined) expect(got).toBeUndefined();
    else {
      expect(got?.startsWith(expected)).toBe(true);
      expect(got).not.toMatch(/\n/);
    }
  });
  test('an object range says what is expected', () => {
    expect(message({ namespaces: { web: { range: { a: 1 } } } })).toMatch(
      /pool\.namespaces\.web\.range .*: expected an address range \(e\.g\. "192\.168\.0\.64-192\.168\.0\.95"\) or a list of them$/,
    );
  });
});
