import { valuesDoors } from './helpers';

/**
 * Attack round 43b-2, 43b-3 and 43b-4: the hostNetwork setcap init container counts only when the file capability set it
 * gives lies within Traefik's bounding set (else the kernel refuses the exec), and no later command or init container may
 * rewrite or delete the binary: a path held in an option (`of=`, `-O`, `--output=`), fed through stdin (`| xargs rm`),
 * reached after a cd, or a copy into a folder above a mount of the binary's file. Each row through the config file and
 * TraefikHelmChartConfig (K3sVipCluster on a few rows), in-process.
 */
const ROOT = { runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['SETFCAP'], drop: ['ALL'] } };
const COPY = 'cp /usr/local/bin/traefik /shared/traefik';
const SET = 'setcap cap_net_bind_service=+ep /shared/traefik';
const init = (name: string, command: unknown, extra: object = {}) => ({
  name,
  image: 'traefik:v3.3.4',
  command,
  securityContext: ROOT,
  volumeMounts: [{ name: 'bin', mountPath: '/shared' }],
  ...extra,
});
const BIND_ONLY = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] };
/** /tmp/attack43b r2/cfg/c.yaml (the binary's file mounted by subPath), with `inits` as its init containers. */
const hostNetwork = (inits: object[], capabilities: object = BIND_ONLY) => ({
  hostNetwork: true,
  ports: { web: { port: 80 }, websecure: { port: 443 } },
  updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  securityContext: { allowPrivilegeEscalation: true, capabilities },
  deployment: { additionalVolumes: [{ name: 'bin', emptyDir: {} }], initContainers: inits },
  additionalVolumeMounts: [{ name: 'bin', mountPath: '/usr/local/bin/traefik', subPath: 'traefik' }],
});
const sh = (script: string, capabilities?: object) => hostNetwork([init('setcap', ['sh', '-c', script])], capabilities);
const then = (...later: object[]) => hostNetwork([init('setcap', ['sh', '-c', `${COPY} && ${SET}`]), ...later]);
const LATER_FILE = { securityContext: undefined, volumeMounts: [{ name: 'bin', mountPath: '/x/traefik', subPath: 'traefik' }] };

const beyond = (caps: string, extra: string) =>
  new RegExp(
    `is 80, .*deployment\\.initContainers\\[0\\] \\("setcap"\\) runs setcap "${caps.replace(/[+]/g, '\\+')}" on "/shared/traefik", whose permitted set holds ${extra} beyond what Traefik's container may hold \\(securityContext\\.capabilities\\.add: \\["NET_BIND_SERVICE"\\], drop: \\["ALL"\\]\\), so the kernel refuses to exec the binary`,
  );
const SURELY =
  /is 80, .*deployment\.initContainers\[0\] \("setcap"\) names setcap but runs no "setcap cap_net_bind_service=\+ep <file>" this tool can read as surely run and kept/;
const UNDONE =
  /is 80, .*deployment\.initContainers\[1\] \("later"\) runs after deployment\.initContainers\[0\] \("setcap"\), which gives the binary the file capability, and may undo it/;

const doors = (values: object, cluster = false) => ({
  config: valuesDoors.config(values),
  chart: valuesDoors.chart(values),
  ...(cluster && { cluster: valuesDoors.cluster(values) }),
});

describe('43b-2, 43b-3, 43b-4: the setcap init container must leave a binary Traefik can exec, with the capability', () => {
  test.each<[string, object, RegExp, boolean?]>([
    // 43b-2: the file's permitted set beyond the bounding set (drop: [ALL], add: [NET_BIND_SERVICE]).
    [
      'cap_net_raw too',
      sh(`${COPY} && setcap cap_net_bind_service,cap_net_raw=+ep /shared/traefik`),
      beyond('cap_net_bind_service,cap_net_raw=+ep', 'NET_RAW'),
      true,
    ],
    [
      'cap_chown too',
      sh(`${COPY} && setcap cap_net_bind_service,cap_chown+ep /shared/traefik`),
      beyond('cap_net_bind_service,cap_chown+ep', 'CHOWN'),
    ],
    [
      'all=+ep',
      sh(`${COPY} && setcap all=+ep /shared/traefik`),
      beyond('all=+ep', 'CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, .*CHECKPOINT_RESTORE'),
    ],
    ['=ep', sh(`${COPY} && setcap =ep /shared/traefik`), beyond('=ep', 'CHOWN, .*SETFCAP, .*BPF, CHECKPOINT_RESTORE')],
    [
      'a later init container gives more',
      then(init('later', ['setcap', 'cap_net_bind_service,cap_net_raw=+ep', '/shared/traefik'])),
      UNDONE,
    ],
    // 43b-3: a later command of the script that names the binary in any form.
    ['dd of=PATH', sh(`${COPY} && ${SET} && dd if=/dev/zero of=/shared/traefik count=1`), SURELY, true],
    ['wget -OPATH', sh(`${COPY} && ${SET} && wget -O/shared/traefik http://x/y`), SURELY],
    ['curl --output=PATH', sh(`${COPY} && ${SET} && curl --output=/shared/traefik http://x`), SURELY],
    ['echo PATH | xargs rm', sh(`${COPY} && ${SET} && echo /shared/traefik | xargs rm`), SURELY],
    ['xargs rm from a file', sh(`${COPY} && ${SET} && xargs rm < /tmp/list`), SURELY],
    ['cd to its folder first, then rm traefik', sh(`cd /shared && ${COPY} && ${SET} && rm traefik`), SURELY],
    ['rm shared/traefik (relative, from the image WORKDIR /)', sh(`${COPY} && ${SET} && rm shared/traefik`), SURELY],
    ['apk --root=FOLDER', sh(`${COPY} && ${SET} && apk add --root=/shared busybox`), SURELY],
    ['find / -delete (a folder above the mount)', sh(`${COPY} && ${SET} && find / -name traefik -delete`), SURELY],
    ['cp -tFOLDER', sh(`${COPY} && ${SET} && cp -t/shared /usr/local/bin/traefik`), SURELY],
    // 43b-4: a later init container writes into the folder above its mount of the binary's file.
    [
      'later cp into the folder of a subPath mount (argv)',
      then(init('later', ['cp', '/usr/local/bin/traefik', '/x'], LATER_FILE)),
      UNDONE,
      true,
    ],
    [
      'later cp into the folder of a subPath mount (sh -c)',
      then(init('later', ['sh', '-c', 'cp /usr/local/bin/traefik /x'], LATER_FILE)),
      UNDONE,
    ],
    ['later mv into the folder of a subPath mount', then(init('later', ['mv', '/tmp/t', '/x'], LATER_FILE)), UNDONE],
  ])('%s: refused at ports.web.port', (_, values, message, cluster = false) => {
    for (const [door, refusal] of Object.entries(doors(values, cluster)))
      expect([door, refusal]).toEqual([door, expect.stringMatching(message)]);
  });

  test.each<[string, object, boolean?]>([
    ['cp && setcap', sh(`${COPY} && ${SET}`), true],
    [
      'cap_net_raw too, with NET_RAW added',
      sh(`${COPY} && setcap cap_net_bind_service,cap_net_raw=+ep /shared/traefik`, { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'NET_RAW'] }),
    ],
    ['bash -lc', hostNetwork([init('setcap', ['bash', '-lc', `${COPY} && ${SET}`])])],
    [
      'the argv form after a copying init container',
      hostNetwork([
        init('copy', ['cp', '/usr/local/bin/traefik', '/shared/traefik'], { securityContext: undefined }),
        init('setcap', ['/usr/sbin/setcap', 'cap_net_bind_service=+ep', '/shared/traefik']),
      ]),
    ],
    ['apk add before, reads after', sh(`apk add libcap && ${COPY} && ${SET} && getcap /shared/traefik && stat /shared/traefik | head -1`)],
    ['a later pipe that does not name it', sh(`${COPY} && ${SET} && echo done | tee /tmp/log`)],
    ['later cp beside the mounted file', then(init('later', ['cp', '/usr/local/bin/traefik', '/x/other'], LATER_FILE))],
  ])('%s: accepted', (_, values, cluster = false) => {
    expect(doors(values, cluster)).toEqual({ config: '', chart: '', ...(cluster && { cluster: '' }) });
  });
});
