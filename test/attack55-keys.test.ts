import { valuesDoors } from './helpers';

// Round 55 (catchall55's open limit): a YAML KEY spelled in leetspeak (53a-2) was refused only by the write gate, which
// reads the rendered text; the config, K3sVipCluster and TraefikHelmChartConfig doors accepted it. Every door now gives
// the same verdict. (A key `auth` with a generated value is still refused by the write gate alone: a known limit.)

const S = 'Xk9vQ2mLp7RtZw4B';
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', namespace: 'default' }, data }],
});
const doors = (values: unknown): string[] => [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)];

describe('a leetspeak key holding a generated value is refused at every door, never quoted', () => {
  test.each([
    ['Passw0rd', S],
    ['pa$$word', S],
    ['p@ssword', S],
    ['db_pa55word', S],
    ['t0ken', S],
    ['s3cret', S],
  ])('%s: %s', (key, value) => {
    for (const door of doors(configMap({ [key]: value }))) {
      expect(door).toContain('extraObjects[0].data');
      expect(door).not.toContain(value);
    }
    expect(valuesDoors.gate(configMap({ [key]: value })).join('\n')).not.toBe('');
  });
});

describe('controls: ordinary keys and auth modes stay accepted', () => {
  test.each([
    ['auth', 'basic'],
    ['auth', 'none'],
    ['auth', 'true'],
    ['auth', 'ldap'],
    ['auth', 'oidc.example.com'],
    ['h4x0r', S.toLowerCase().slice(0, 6)],
    ['l33t', 'yes'],
    ['p4ss', 'through'],
    ['salt', '16'],
  ])('%s: %s', (key, value) => {
    for (const door of doors(configMap({ [key]: value }))) expect(door).toBe('');
  });
});
