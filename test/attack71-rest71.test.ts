import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { refusalOf } from './helpers';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 71 (rest71): what round 71's first fixes left. 71d-10 half of a character (a lone UTF-16 surrogate) in an
 * object added under a K3sVipCluster or beside it, which cdk8s writes as `"\ud800"` and Go's YAML reader refuses;
 * 71a-5 an Erlang cookie on the comment line under `# erlang cookie`; 71a-6 a GIT_ASKPASS script's `echo <password>` and
 * an OpenVPN auth-user-pass file, known by their ConfigMap key's file name; 71a-14 an Authorization header a shell
 * builds from variables (`Basic $(echo -n "$U:$P" | base64)`, `'Authorization: Bearer '"$TOKEN"`), no literal.
 * Each refused row has a nearby row that must pass.
 */
const base = () => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'] },
});
const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x', namespace: 'default' },
  data,
});
/** The refusal of an app whose cluster has a ConfigMap with `data` under it or beside it, or ''. */
function withObject(where: 'under' | 'beside', data: Record<string, string>): string {
  return refusalOf(() => {
    const app = new App();
    const cluster = new K3sVipCluster(app, 'dev', base());
    new ApiObject(new Chart(where === 'under' ? cluster : app, 'extra'), 'cm', configMap(data) as never);
    app.synthYaml();
  });
}
const files = (data: Record<string, string>) => ({ extraObjects: [configMap(data)] });

describe('71d-10: half of a character in an object under or beside the cluster', () => {
  test.each([
    ['under', 'a high surrogate', { note: 'a\uD800b' }, 'data.note', 'U+D800'],
    ['beside', 'a high surrogate', { note: 'a\uD800b' }, 'data.note', 'U+D800'],
    ['under', 'a low surrogate at the end', { note: 'ab\uDC00' }, 'data.note', 'U+DC00'],
    ['beside', 'a pair cut in the middle of a list', { note: 'x\uDBFF' }, 'data.note', 'U+DBFF'],
    ['under', 'a key', { ['k\uDC00']: 'x' }, 'data has a key that holds U+DC00', 'the key is not shown'],
    ['beside', 'a key', { ['\uD83D']: 'x' }, 'data has a key that holds U+D83D', 'the key is not shown'],
  ])('%s: %s is refused with its path', (where, _, data, path, what) => {
    const message = withObject(where as 'under' | 'beside', data);
    expect(message).toContain('half of a character');
    expect(message).toContain(path);
    expect(message).toContain(what);
    expect(message).toContain('extra/cm');
  });
  test.each([
    ['under', { note: 'a\u{1F600}b' }],
    ['beside', { note: 'a\u{1F600}b', other: 'é ü 中文' }],
    ['under', { note: 'a\\ud800b' }], // a backslash and letters, written as such: no half character
  ])('%s: whole characters pass', (where, data) => expect(withObject(where as 'under' | 'beside', data)).toBe(''));
  test('a patch that adds one to the cluster’s own object is refused too', () => {
    const message = refusalOf(() => {
      const app = new App();
      const cluster = new K3sVipCluster(app, 'dev', base());
      const object = cluster.node.findAll().find((child): child is ApiObject => child instanceof ApiObject)!;
      object.metadata.addAnnotation('note', 'a\uD800b');
      app.synthYaml();
    });
    expect(message).toContain('metadata.annotations.note holds U+D800, half of a character');
  });
  test('a deep object is walked without recursion, quickly', () => {
    let deep: unknown = 'a\uD800';
    for (let i = 0; i < 2_000; i++) deep = { n: deep };
    const started = process.cpuUsage();
    const message = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', base());
      new ApiObject(new Chart(app, 'extra'), 'cm', { ...configMap({}), spec: deep } as never);
      app.synthYaml();
    });
    expect(message).toMatch(/half of a character|nests too deep/);
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});

describe('71a-5: an Erlang cookie under its comment label', () => {
  test.each([
    ['rabbitmq.conf', 'cluster_formation.peer_discovery_backend = k8s\n# erlang cookie\n# QWKZPTRMHXLCVBNJDSAE\n', 'QWKZPTRMHXLCVBNJDSAE'],
    ['rabbitmq.conf', '# Erlang cookie:\n# Xq7mP2vL9kRt\n', 'Xq7mP2vL9kRt'],
    ['notes.md', '## Erlang cookie\n\nQWKZPTRMHXLCVBNJDSAE\n', 'QWKZPTRMHXLCVBNJDSAE'],
  ])('%s: %j refused', (key, text, secret) => refusedEverywhere(files({ [key]: text }), 'extraObjects[0].data', secret));
  test.each([
    ['rabbitmq.conf', '# erlang cookie\n# set by the operator from a Secret\n'],
    ['rabbitmq.conf', '# erlang cookie\n# see RABBITMQ_ERLANG_COOKIE\n'],
    ['rabbitmq.conf', '# Erlang cookie\n# ${RABBITMQ_ERLANG_COOKIE}\n'],
    ['rabbitmq.conf', 'cluster_formation.peer_discovery_backend = k8s\n# cookie domain\n# example.com\n'],
  ])('%s: %j accepted', (key, text) => acceptedEverywhere(files({ [key]: text })));
});

describe('71a-6: texts known by their file name', () => {
  test.each([
    ['git-askpass.sh', '#!/bin/sh\necho Xq7mP2vL9kRt\n', 'Xq7mP2vL9kRt'],
    ['askpass.sh', "#!/bin/sh\nprintf '%s' 'Xq7mP2vL9kRt'\n", 'Xq7mP2vL9kRt'],
    ['askpass.sh', '#!/bin/sh\ncase "$1" in\nUsername*) echo alice ;;\nPassword*) echo "Xq7mP2vL9kRt" ;;\nesac\n', 'Xq7mP2vL9kRt'],
    ['auth.txt', 'alice\nXq7mP2vL9kRt\n', 'Xq7mP2vL9kRt'],
    ['openvpn-auth.txt', 'alice\nXq7mP2vL9kRt\n', 'Xq7mP2vL9kRt'],
    ['vpn.pass', 'alice\r\nXq7mP2vL9kRt\r\n', 'Xq7mP2vL9kRt'],
  ])('%s: %j refused', (key, text, secret) => refusedEverywhere(files({ [key]: text }), 'extraObjects[0].data', secret));
  test.each([
    ['askpass.sh', '#!/bin/sh\necho "$GIT_PASSWORD"\n'],
    ['askpass.sh', '#!/bin/sh\ncase "$1" in\nUsername*) echo alice ;;\nPassword*) echo "$GIT_TOKEN" ;;\nesac\n'],
    ['askpass.sh', '#!/bin/sh\ncat /run/secrets/git-token\n'],
    ['auth.txt', 'alice\n${VPN_PASSWORD}\n'],
    ['auth.txt', 'alice\n'],
    ['auth.txt', 'line one\nline two\n'],
    ['notes.txt', 'alice\nXq7mP2vL9kRt\n'], // a name that says nothing of its format: two words
    ['run.sh', '#!/bin/sh\necho Xq7mP2vL9kRt\n'], // a script that prints a word is no askpass script by itself
  ])('%s: %j accepted', (key, text) => acceptedEverywhere(files({ [key]: text })));
  test('an askpass script of many echo lines is read quickly', () => {
    const text = 'echo "$A"; '.repeat(9_000);
    const started = process.cpuUsage();
    acceptedEverywhere(files({ 'askpass.sh': text }));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});

describe('71a-14: an Authorization header a shell builds from variables', () => {
  test.each([
    ['f.sh', 'curl -H "Authorization: Basic $(echo -n "$U:$P" | base64)" https://api.example.com/\n'],
    ['g.sh', 'curl -H "Authorization: Basic $(printf \'%s:%s\' "$U" "$P" | base64 -w0)" https://api.example.com/\n'],
    ['h.sh', 'curl -H "Authorization: Basic $(echo -n "alice:$P" | base64)" https://api.example.com/\n'],
    ['k.sh', 'curl -H \'Authorization: Bearer \'"$TOKEN" https://api.example.com/\n'],
    ['m.sh', 'curl -H \'Authorization: Bearer \'"${TOKEN}" https://api.example.com/\n'],
    ['n.sh', 'curl -H "Authorization: Bearer $(cat "$TOKEN_FILE")" https://api.example.com/\n'],
  ])('%s accepted', (key, text) => acceptedEverywhere(files({ [key]: text })));
  test.each([
    ['a literal after the scheme', "curl -H 'Authorization: Bearer Xq7mP2vL9kRt' https://a/\n", 'Xq7mP2vL9kRt'],
    ['a literal in the joined half', 'curl -H \'Authorization: Bearer \'"Xq7mP2vL9kRt" https://a/\n', 'Xq7mP2vL9kRt'],
    ['a key joined to a literal', 'curl -H \'X-Api-Key: \'"Xq7mP2vL9kRt" https://a/\n', 'Xq7mP2vL9kRt'],
    ['an echoed literal password', 'curl -H "Authorization: Basic $(echo -n "alice:Xq7mP2vL9kRt" | base64)" https://a/\n', 'Xq7mP2vL9kRt'],
    ['a single-quoted one', 'curl -H "Authorization: Basic $(echo -n \'alice:Xq7mP2vL9kRt\' | base64)" https://a/\n', 'Xq7mP2vL9kRt'],
    ['one after a user variable', 'curl -H "Authorization: Basic $(echo -n "$U:Xq7mP2vL9kRt" | base64)" https://a/\n', 'Xq7mP2vL9kRt'],
    ['a literal before a stray quote', "curl -H 'password: Xq7mP2vL9kRt'\"\n", 'Xq7mP2vL9kRt'],
  ])('%s refused', (_, text, secret) => refusedEverywhere(files({ 'x.sh': text }), 'extraObjects[0].data', secret));
  test('quoted halves and substitutions of a long line are read quickly', () => {
    const text = `curl ${'\'a\'"$(b "c")"'.repeat(5_000)}\n`;
    const started = process.cpuUsage();
    acceptedEverywhere(files({ 'x.sh': text }));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
