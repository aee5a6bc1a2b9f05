import { clusterRefusal, devConfig, helmChartConfigRefusal, withChanges } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { traefikValues } from '../src/traefik/values';
import { stringify } from 'yaml';

/**
 * Attack round 42b-5 and 42b-8. The hostNetwork setcap init container counts only when Traefik's binary surely ends with
 * the capability: init containers judged in order, a sh -c script read command by command (setcap-flow.ts), the binary
 * copied into the emptyDir first. And the user's init containers beside the one this tool writes for certResolvers.
 * Each row through the config file, K3sVipCluster and TraefikHelmChartConfig, in-process.
 */
const ROOT = { runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['SETFCAP'], drop: ['ALL'] } };
const COPY = 'cp /usr/local/bin/traefik /shared/traefik';
const SET = 'setcap cap_net_bind_service=+ep /shared/traefik';
const init = (name: string, command: unknown, extra: object = {}) => ({
  name,
  image: 'traefik:v3.3.0',
  ...(command === undefined ? {} : { command }),
  securityContext: ROOT,
  volumeMounts: [{ name: 'bin', mountPath: '/shared' }],
  ...extra,
});
/** /tmp/attack42b-h/cases/sc_ok.yaml with its init containers replaced by `inits`. */
const hostNetwork = (...inits: object[]) => ({
  hostNetwork: true,
  ports: { web: { port: 80, exposedPort: 80 }, websecure: { port: 443, exposedPort: 443 } },
  securityContext: {
    allowPrivilegeEscalation: true,
    capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    readOnlyRootFilesystem: true,
  },
  deployment: { additionalVolumes: [{ name: 'bin', emptyDir: {} }], initContainers: inits },
  additionalVolumeMounts: [{ name: 'bin', mountPath: '/usr/local/bin' }],
});
const sh = (script: string, extra: object = {}) => hostNetwork(init('setcap', ['sh', '-c', script], extra));
const then = (...later: object[]) => hostNetwork(init('setcap', ['sh', '-c', `${COPY} && ${SET}`]), ...later);

const RESOLVER = { le: { email: 'a@example.com' } };
/**
 * The refusals of the config file and TraefikHelmChartConfig for `values` (and other traefik keys): '' where accepted.
 * K3sVipCluster reads the config's settings as the file does: judged on a few rows (`cluster`), to keep the file cheap.
 */
const doors = (values: object, traefik: object = {}, cluster = false) => ({
  config: parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), { traefik: { ...traefik, values } })))
    .errors.map((d) => formatDiagnostic(d))
    .join('\n'),
  chart: helmChartConfigRefusal({ ...traefik, values }),
  ...(cluster && { cluster: clusterRefusal({ ...traefik, values }) }),
});
const ACCEPTED = { config: '', chart: '' };

const SURELY =
  /is 80, .*and deployment\.initContainers\[0\] \("setcap"\) names setcap but runs no "setcap cap_net_bind_service=\+ep <file>" this tool can read/;
const UNDONE =
  /is 80, .*and deployment\.initContainers\[1\] \("later"\) runs after deployment\.initContainers\[0\] \("setcap"\), which gives the binary the file capability, and /;

describe('42b-5: the setcap init container must surely leave the capability on the binary', () => {
  test.each<[string, object, RegExp]>([
    ['setcap after false &&', sh(`${COPY}; false && ${SET}`), SURELY],
    ['setcap after (false) &&', sh(`${COPY}; (false) && ${SET}`), SURELY],
    ['setcap after exit 0', sh(`${COPY}; exit 0; ${SET}`), SURELY],
    ['setcap after set -e; false', sh(`${COPY}; set -e; false; ${SET}`), /, and no run of it ends in success/],
    ['setcap in a # comment', sh(`${COPY} # ; ${SET}`), /names setcap but runs no/],
    ['a second setcap replaces the set', sh(`${COPY} && ${SET}; setcap cap_chown=+ep /shared/traefik`), SURELY],
    ['a second setcap with -ep', sh(`${COPY} && ${SET}; setcap cap_net_bind_service=-ep /shared/traefik`), SURELY],
    ['setcap in the background', sh(`${COPY} && ${SET} &`), SURELY],
    ['a cp onto the binary after setcap', sh(`${COPY} && ${SET} && ${COPY}`), SURELY],
    ['a > redirection onto the binary after setcap', sh(`${COPY} && ${SET}; echo x > /shared/traefik`), SURELY],
    ['cp && setcap || true (a failed copy ends in success without it)', sh(`${COPY} && ${SET} || true`), SURELY],
    ["setcap inside quotes is echo's text", sh(`${COPY}; echo '; ${SET}'`), /names setcap but runs no/],
    ['setcap then exit 1 (never succeeds)', sh(`${COPY} && ${SET}; exit 1`), /, and no run of it ends in success/],
    ['a later init container runs setcap -r', then(init('later', ['sh', '-c', 'setcap -r /shared/traefik'])), UNDONE],
    ['a later init container copies onto the binary', then(init('later', ['sh', '-c', COPY], { securityContext: undefined })), UNDONE],
    ['a later init container replaces the set', then(init('later', ['setcap', 'cap_chown=+ep', '/shared/traefik'])), UNDONE],
    [
      'a later init container runs what this tool cannot read',
      then(init('later', undefined, { securityContext: undefined })),
      /and mounts the volume of the traefik binary \("bin"\) without readOnly and runs what this tool cannot read/,
    ],
    [
      'setcap on a file nothing copied into the emptyDir',
      sh(SET),
      /deployment\.initContainers\[0\] \("setcap"\) runs setcap on "\/shared\/traefik", but nothing copies the traefik binary there before \(volume "bin" is an emptyDir, which starts empty/,
    ],
    [
      'setcap as the command, nothing copied',
      hostNetwork(init('setcap', ['/usr/sbin/setcap', 'cap_net_bind_service=+ep', '/shared/traefik'])),
      /but nothing copies the traefik binary there before/,
    ],
  ])('%s: refused at ports.web.port', (name, values, message) => {
    for (const [door, refusal] of Object.entries(
      doors(values, {}, /exit 0|later init container runs setcap -r|nothing copied into/.test(name)),
    )) {
      expect([door, refusal]).toEqual([door, expect.stringMatching(message)]);
    }
  });

  // A control that held before (attack42b "What held"): still refused.
  test('setcap on a $VAR path is still refused', () => {
    const values = sh(`${COPY} && setcap cap_net_bind_service=+ep $BIN`, { env: [{ name: 'BIN', value: '/shared/traefik' }] });
    expect(doors(values).config).toMatch(/names setcap but runs no/);
  });

  test.each<[string, object]>([
    ['sc_ok: cp && setcap', sh(`${COPY} && ${SET}`)],
    ['cp; setcap (setcap fails, so the container fails, when the copy does)', sh(`${COPY}; ${SET}`)],
    ['set -e, then cp and setcap', sh(`set -e; ${COPY}; ${SET} 2>&1`)],
    ['bash -lc', hostNetwork(init('setcap', ['bash', '-lc', `${COPY} && ${SET}`]))],
    ['exec setcap after the copy', sh(`${COPY} && exec ${SET}`)],
    ['setcap in a nested sh -c', sh(`${COPY} && sh -c '${SET}'`)],
    ['cp -t into the folder', sh(`cp -t /shared /usr/local/bin/traefik && ${SET}`)],
    ['a chmod and getcap after setcap', sh(`${COPY} && ${SET} && chmod 755 /shared/traefik && getcap /shared/traefik`)],
    [
      'the argv form after a copying init container (EXAMPLES.md)',
      hostNetwork(
        init('copy', ['cp', '/usr/local/bin/traefik', '/shared/traefik'], { securityContext: undefined }),
        init('setcap', ['/usr/sbin/setcap', 'cap_net_bind_service=+ep', '/shared/traefik']),
      ),
    ],
    ['a later init container that does not mount the binary', then({ name: 'later', image: 'busybox:1.37.0', command: ['true'] })],
    ['a later init container that only reads it', then(init('later', ['getcap', '/shared/traefik']))],
  ])('%s: accepted', (name, values) => {
    expect(doors(values, {}, name.startsWith('sc_ok'))).toEqual({ ...ACCEPTED, ...(name.startsWith('sc_ok') && { cluster: '' }) });
  });
});

describe('42b-8: the user init containers beside the one traefik.certResolvers makes this tool write', () => {
  const mine = { name: 'mine', image: 'busybox:1.37.0', command: ['sh', '-c', 'true'] };
  test.each<[string, object]>([
    ['an init container of the user', { deployment: { initContainers: [mine] } }],
    ['the hostNetwork setcap init container', sh(`${COPY} && ${SET}`)],
  ])('%s and an ACME resolver: accepted by every door', (_, values) => {
    expect(doors(values, { certResolvers: RESOLVER }, true)).toEqual({ ...ACCEPTED, cluster: '' });
  });

  test("the chart gets the user's init containers first, then this tool's volume-permissions", () => {
    const values = traefikValues({
      loadBalancerIPs: ['192.168.0.41'],
      chartVersion: '39.0.7',
      kubeVipVersion: 'v1.2.3',
      certResolvers: { le: { email: 'a@example.com', challenge: 'http' } },
      values: { deployment: { initContainers: [mine] } },
    });
    const inits = (values.deployment as { initContainers: Array<{ name: string }> }).initContainers;
    expect(inits.map((i) => i.name)).toEqual(['mine', 'volume-permissions']);
  });

  test("a user init container named volume-permissions is refused at the user's name, by every door", () => {
    const values = { deployment: { initContainers: [mine, { ...mine, name: 'volume-permissions' }] } };
    const clash =
      /traefik\.values\.deployment\.initContainers\[1\]\.name: is "volume-permissions", the name of the init container this tool adds to Traefik's pods for traefik\.certResolvers/;
    const refused = doors(values, { certResolvers: RESOLVER }, true);
    expect(refused.config).toMatch(new RegExp(`^config/t\\.yaml:\\d+:\\d+: ${clash.source}`));
    expect(refused.config.split('\n')).toHaveLength(1);
    expect(refused.cluster).toMatch(clash);
    expect(refused.chart).toMatch(/deployment\.initContainers\[1\]\.name:? is "volume-permissions", the name of the init container/);
  });

  test("null still deletes this tool's list: refused, naming certResolvers", () => {
    expect(doors({ deployment: { initContainers: null } }, { certResolvers: RESOLVER }).config).toMatch(
      /traefik\.values\.deployment\.initContainers: is null, but traefik\.certResolvers makes this tool write/,
    );
  });
});
