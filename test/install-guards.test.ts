import { tokenFilePath } from '../src/config/token-file';

describe('A22: k3s.tokenFile must be in a folder made for the token (allow-shape), not any file the system keeps', () => {
  const NOT_MADE =
    /^is not in a folder made for the token \(the runbook overwrites the file, so it must be no file the system keeps\): put it under \/etc\/rancher\//;
  test.each<[string, RegExp | undefined]>([
    ['/etc/fstab', NOT_MADE],
    ['/etc/hosts', NOT_MADE],
    ['/etc/resolv.conf', NOT_MADE],
    ['/etc/ssh/sshd_config', NOT_MADE],
    ['/etc/crontab', NOT_MADE],
    ['/etc/cron.d/k3s', NOT_MADE],
    ['/root/.ssh/authorized_keys', NOT_MADE],
    ['/home/ops/.ssh/authorized_keys', NOT_MADE],
    ['/root/.bashrc', NOT_MADE],
    ['/etc/k3s-token/.hidden', NOT_MADE],
    ['/var/lib/dpkg/status', NOT_MADE],
    ['/opt/app/config', NOT_MADE],
    ['/home/token', NOT_MADE],
    ['/var/lib/rancher/k3s/server/token', /^is K3s' own token file/],
    ['/usr/lib/k3s/token', /^lies among installed programs/],
    ['/etc/rancher/k3s/cluster-token', undefined],
    ['/etc/rancher/token', undefined],
    ['/var/lib/rancher/cluster-token', undefined],
    ['/etc/k3s-token/token', undefined],
    ['/opt/k3s/token', undefined],
    ['/srv/cluster-tokens/dev', undefined],
    ['/root/k3s-token', undefined],
    ['/root/secrets/k3s', undefined],
    ['/home/ops/k3s/token', undefined],
  ])('%j', (path, expected) => {
    const problem = tokenFilePath(path);
    if (expected === undefined) expect(problem).toBeUndefined();
    else {
      expect(problem).toMatch(expected);
      expect(problem).toMatch(/e\.g\. "\/etc\/rancher\/k3s\/cluster-token"$/);
    }
  });
});
