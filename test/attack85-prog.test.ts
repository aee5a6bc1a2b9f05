import { ruleDoors } from './rule-doors';
import { SETCAP_INIT, SETCAP_SECURITY } from './traefik-fixtures';

// Round 85: a second Traefik in Traefik's own pods. A container of a Traefik image that keeps running there
// (`deployment.additionalContainers`, or a native sidecar: an init container with `restartPolicy: Always`) is refused
// whatever it runs, as its command, hooks and probes all run inside that image (85a-2, 85a-8); a plain init container of
// a Traefik image, and any container of another image, are read for a `traefik` they start: through a shell's option
// cluster (`-ec`, `-e -c`), the kubelet's `$(VAR)` expansion from the container's env, a busybox applet, and the exec
// hooks and probes the kubelet runs in the container.

const SECOND = 'which runs a second Traefik';
const KEPT_RUNNING = 'a Traefik image that keeps running beside Traefik, whatever its command, hooks or probes';
const FROM_EXEC = "starts a second Traefik in Traefik's own pods";
const TRAEFIK = 'traefik:v3.1.6';
const FLAGS = '--entrypoints.x.address=:9000 --providers.kubernetesingress';
const sleeping = { command: ['sleep', 'infinity'] };
const sidecar = (container: object) => ({ deployment: { additionalContainers: [{ name: 'second', ...container }] } });
const init = (container: object) => ({ deployment: { initContainers: [{ name: 'second', ...container }] } });
const native = (container: object) => init({ restartPolicy: 'Always', ...container });
const postStart = (command: string[]) => ({ lifecycle: { postStart: { exec: { command } } } });

// [case, traefik.values, key path of the refusal, words]
const REFUSED: Array<[string, object, string, string]> = [
  // 85a-2, a Traefik image kept running: refused whatever it runs.
  [
    '85a-2 the finding: sh -ec traefik',
    sidecar({ image: TRAEFIK, command: ['sh', '-ec', `traefik ${FLAGS}`] }),
    'deployment.additionalContainers[0].image',
    KEPT_RUNNING,
  ],
  [
    '85a-2 a $(T) command the kubelet expands',
    sidecar({ image: TRAEFIK, command: ['$(T)', FLAGS], env: [{ name: 'T', value: '/usr/local/bin/traefik' }] }),
    'deployment.additionalContainers[0].image',
    KEPT_RUNNING,
  ],
  [
    '85a-2 busybox nice traefik',
    sidecar({ image: TRAEFIK, command: ['busybox', 'nice', 'traefik'] }),
    'deployment.additionalContainers[0].image',
    KEPT_RUNNING,
  ],
  [
    '85a-8 the finding: a postStart hook backgrounds traefik',
    sidecar({ image: TRAEFIK, ...sleeping, ...postStart(['sh', '-c', `traefik ${FLAGS} >/dev/null 2>&1 &`]) }),
    'deployment.additionalContainers[0].image',
    KEPT_RUNNING,
  ],
  [
    'a Traefik image sleeping as a sidecar (its probe may start Traefik)',
    sidecar({ image: TRAEFIK, ...sleeping }),
    'deployment.additionalContainers[0].image',
    KEPT_RUNNING,
  ],
  [
    "K3s' mirror as a native sidecar (an init container with restartPolicy Always)",
    native({ image: 'rancher/mirrored-library-traefik:3.3.6', ...sleeping }),
    'deployment.initContainers[0].image',
    KEPT_RUNNING,
  ],
  // A plain init container of a Traefik image, read as it runs.
  [
    'a plain Traefik init container: sh -e -c traefik',
    init({ image: TRAEFIK, command: ['sh', '-e', '-c', `traefik ${FLAGS}`] }),
    'deployment.initContainers[0].image',
    SECOND,
  ],
  [
    'a plain Traefik init container: $(T) args through the entrypoint',
    init({ image: TRAEFIK, command: ['$(T)'], args: ['--entrypoints.x.address=:9000'], env: [{ name: 'T', value: 'traefik' }] }),
    'deployment.initContainers[0].image',
    SECOND,
  ],
  [
    'a plain Traefik init container: env sh -xc, nested $(A) in the env',
    init({
      image: TRAEFIK,
      command: ['env', 'sh', '-xc', '$(B) --entrypoints.x.address=:9000'],
      env: [
        { name: 'A', value: '/usr/local/bin' },
        { name: 'B', value: '$(A)/traefik' },
      ],
    }),
    'deployment.initContainers[0].image',
    SECOND,
  ],
  // Another image running a copied binary, read the same way.
  [
    'busybox: sh -ec /shared/traefik',
    sidecar({ image: 'busybox:1.36', command: ['sh', '-ec', `/shared/traefik ${FLAGS}`] }),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  [
    'busybox: bash -o pipefail -c after traefik version',
    sidecar({ image: 'bash:5.2', command: ['bash', '-o', 'pipefail', '-c', `/shared/traefik version && exec /shared/traefik ${FLAGS}`] }),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  [
    'bash -eo pipefail -c',
    sidecar({ image: 'bash:5.2', command: ['bash', '-eo', 'pipefail', '-c', `/shared/traefik ${FLAGS}`] }),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  [
    'busybox: sh -c -- script',
    sidecar({ image: 'busybox:1.36', command: ['sh', '-c', '--', `/shared/traefik ${FLAGS}`] }),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  [
    'busybox: a $(T) command',
    sidecar({ image: 'busybox:1.36', command: ['$(T)'], args: [FLAGS], env: [{ name: 'T', value: '/shared/traefik' }] }),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  [
    'busybox: busybox nice -n 5 /shared/traefik',
    sidecar({ image: 'busybox:1.36', command: ['busybox', 'nice', '-n', '5', '/shared/traefik'] }),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  [
    'busybox: a postStart hook starts it',
    sidecar({ image: 'busybox:1.36', ...sleeping, ...postStart(['sh', '-c', '/shared/traefik >/dev/null 2>&1 &']) }),
    'deployment.additionalContainers[0].lifecycle.postStart.exec.command',
    FROM_EXEC,
  ],
  [
    'busybox: an exec liveness probe starts it, $(T) from the env',
    sidecar({
      image: 'busybox:1.36',
      ...sleeping,
      env: [{ name: 'T', value: '/shared/traefik' }],
      livenessProbe: { exec: { command: ['sh', '-c', '$(T) & true'] } },
    }),
    'deployment.additionalContainers[0].livenessProbe.exec.command',
    FROM_EXEC,
  ],
  [
    'busybox as a native sidecar: a preStop hook through busybox env',
    native({
      image: 'busybox:1.36',
      ...sleeping,
      lifecycle: { preStop: { exec: { command: ['busybox', 'env', 'A=b', '/shared/traefik'] } } },
    }),
    'deployment.initContainers[0].lifecycle.preStop.exec.command',
    FROM_EXEC,
  ],
];

describe('85a-2, 85a-8: a second Traefik in Traefik own pods, refused at every door', () => {
  test.each(REFUSED)('%s', (_, values, key, words) => {
    const doors = ruleDoors(values);
    const line = doors.errors.find((l) => l.startsWith(`traefik.values.${key}:`) && l.includes(words));
    expect(line).toBeDefined();
    expect(line).toMatch(/: change Traefik through the traefik keys/);
    expect(doors.errors.filter((l) => /second Traefik/.test(l))).toHaveLength(1);
    expect(doors.cluster).toContain(words);
    expect(doors.chart).toContain(key);
    expect(doors.chart).toContain('change Traefik through the TraefikHelmChartConfig props');
  });
  it('a refusal from a hook or probe never repeats the command (it may carry a flag value)', () => {
    const values = sidecar({
      image: 'busybox:1.36',
      ...sleeping,
      ...postStart(['sh', '-c', '/shared/traefik --hub.token=abc123secret &']),
    });
    const doors = ruleDoors(values);
    expect(doors.errors.join('\n')).toContain(FROM_EXEC);
    for (const said of [...doors.errors, doors.cluster, doors.chart]) expect(said).not.toContain('abc123secret');
  });
  it('the sidecar refusal says where a Traefik image may go', () => {
    const line = ruleDoors(sidecar({ image: TRAEFIK, ...sleeping })).errors.join('\n');
    expect(line).toContain('use a Traefik image only in a plain init container, one that copies its binary and ends');
  });
});

// [case, traefik.values]: no door speaks of a second Traefik.
const PASSES: Array<[string, object]> = [
  ["the chart's EXAMPLES.md setcap init containers (a Traefik image copies its binary)", { ...SETCAP_INIT, ...SETCAP_SECURITY }],
  [
    'a plain Traefik init container: sh -ec cp of the binary',
    init({ image: TRAEFIK, command: ['sh', '-ec', 'cp /usr/local/bin/traefik /shared/ && chmod 755 /shared/traefik'] }),
  ],
  ['a plain Traefik init container: traefik version through the entrypoint', init({ image: TRAEFIK, args: ['version'] })],
  [
    'a log shipper',
    sidecar({ image: 'fluent/fluent-bit:3.1.9', args: ['-i', 'tail', '-p', 'path=/var/log/traefik/access.log', '-o', 'stdout'] }),
  ],
  ['busybox tailing the access log', sidecar({ image: 'busybox:1.36', command: ['sh', '-ec', 'tail -F /var/log/traefik/access.log'] })],
  [
    'an nginx sidecar with an exec readiness probe',
    sidecar({ image: 'nginx:1.27', readinessProbe: { exec: { command: ['sh', '-c', 'curl -fs http://127.0.0.1/ >/dev/null'] } } }),
  ],
  [
    'busybox with a traefik healthcheck exec probe on a copied binary',
    sidecar({ image: 'busybox:1.36', ...sleeping, livenessProbe: { exec: { command: ['/shared/traefik', 'healthcheck', '--ping'] } } }),
  ],
  [
    'busybox: sh -ec traefik version',
    sidecar({ image: 'busybox:1.36', command: ['sh', '-ec', '/shared/traefik version; sleep infinity'] }),
  ],
  [
    'busybox: a postStart hook that only names traefik',
    sidecar({ image: 'busybox:1.36', ...sleeping, ...postStart(['sh', '-c', 'echo traefik started > /tmp/ready']) }),
  ],
  [
    "busybox: a postStart hook's $(T), which the kubelet runs unexpanded",
    sidecar({ image: 'busybox:1.36', ...sleeping, env: [{ name: 'T', value: '/shared/traefik' }], ...postStart(['$(T)']) }),
  ],
  [
    'busybox: $$(T) is the literal $(T), no expansion',
    sidecar({ image: 'busybox:1.36', command: ['$$(T)'], env: [{ name: 'T', value: '/shared/traefik' }] }),
  ],
  [
    'busybox: busybox nice of another program',
    sidecar({ image: 'busybox:1.36', command: ['busybox', 'nice', '-n', '5', 'sleep', 'infinity'] }),
  ],
  ['busybox: a script file, not a -c script', sidecar({ image: 'busybox:1.36', command: ['sh', '-e', '/scripts/traefik'] })],
];

describe('85a-2, 85a-8 neighbours: realistic sidecars and init containers pass', () => {
  test.each(PASSES)('%s', (_, values) => {
    const doors = ruleDoors(values);
    expect(doors.errors.filter((l) => /second Traefik/.test(l))).toEqual([]);
    expect(doors.chart).not.toContain('second Traefik');
    expect(doors.cluster).not.toContain('second Traefik');
  });
});
