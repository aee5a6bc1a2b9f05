// Round 40, the lead's fixes of the helpers' left-open points (redact40: a .pgpass password with blanks).
import { accepted, configMapOf, refusedEverywhere } from './secret-tables';
import { judgedValues } from './helpers';

const PW = 'Zx9pQ7wLm2vK';

describe('a .pgpass password runs to the end of its line, blanks included (libpq passwordFromFile)', () => {
  test.each([
    [`db.example.com:5432:app:bob:${PW} aaaa`],
    [`# pgpass\ndb.example.com:5432:app:bob:${PW} # prod`],
    [`*:*:*:bob:${PW} two words`],
    // Round 41a-6: the generated word later in the password.
    [`localhost:5432:app:bob:two ${PW}`],
    [`*:*:*:*:a b ${PW}`],
  ])('%j is refused in an env value and a ConfigMap', (text) => {
    refusedEverywhere({ env: [{ name: 'X', value: text }] }, PW);
    refusedEverywhere(configMapOf({ 'pgpass.txt': text }), PW);
  });

  test.each([['srv:80:state:ok:all systems go'], ['node1:8080:eth0:vlan1:up and running'], ['web:443:tls:cert:expires in 30 days']])(
    '%j (a status line with prose) is accepted',
    (text) => accepted({ env: [{ name: 'STATUS', value: text }] }),
  );
});

describe("additionalVolumeMounts name a volume of Traefik's pod also next to a localPath local plugin (mounts40 left open)", () => {
  const plugin = {
    demo: { moduleName: 'github.com/x/y', mountPath: '/plugins-local/src/github.com/x/y', type: 'localPath', volumeName: 'src' },
  };
  const values = (mountName: string) => ({
    image: { tag: 'v3.6.2' },
    experimental: { localPlugins: plugin },
    deployment: { additionalVolumes: [{ name: 'src', emptyDir: {} }] },
    additionalVolumeMounts: [{ name: mountName, mountPath: '/extra' }],
  });
  test('a mount of no volume is refused', () => {
    expect(judgedValues(values('nosuch'), '41.3.0').errors.join('\n')).toMatch(
      /additionalVolumeMounts\[0\]\.name: is "nosuch", which names no volume/,
    );
  });
  test('a mount of an additional volume is accepted', () => {
    expect(judgedValues(values('src'), '41.3.0').errors).toEqual([]);
  });
});

describe('a bare secret flag followed by the next long option is a switch (stdin41 left open)', () => {
  const sidecar = (command: string[]) => ({
    deployment: { additionalContainers: [{ name: 'side-0', image: 'busybox:1.36', command }] },
  });
  test.each([
    [['gh', 'auth', 'login', '--with-token', '--hostname', 'github.com']],
    [['sh', '-c', 'gh auth login --with-token --hostname github.com']],
    [['app', '--token', '--config=/etc/app.yaml']],
  ])('%j is accepted', (command) => accepted(sidecar(command)));
  test.each([
    [['app', '--token', 'Zx9pQ7wLm2vK', '--config=/etc/app.yaml'], 'Zx9pQ7wLm2vK'],
    [['sh', '-c', 'app --password -Zx9pQ7wLm2vK --verbose'], 'Zx9pQ7wLm2vK'],
  ])('%j is refused', (command, secret) => refusedEverywhere(sidecar(command), secret));
});
