import { judgedValues } from './helpers';
import { deploymentOf, SETCAP_SECURITY, SETCAP_INIT, withSetcap } from './traefik-fixtures';

/**
 * Attack round 40b-3 and 40b-4: Traefik's own sidecars (`deployment.additionalContainers`), init containers and
 * `additionalVolumeMounts` are judged as an extraObjects workload's containers (one judge, object-judge.ts), container
 * names are unique across a pod's containers and init containers (Traefik's own container included), Bidirectional mount
 * propagation needs a privileged container (in both places); and the hostNetwork setcap exception counts an init container
 * only when it really sets the file capability on the binary Traefik runs. Judged in-process.
 */
const errorsOf = (values: object, chart = '41.3.0') => judgedValues({ image: { tag: 'v3.6.2' }, ...values }, chart).errors;
const at = (errors: string[], key: string) => errors.filter((e) => e.startsWith(`traefik.values.${key}: `));
const side = (container: object, list = 'additionalContainers') => ({
  deployment: { [list]: [{ name: 's', image: 'busybox:1.36', ...container }] },
});
const pod = (spec: object) => ({ extraObjects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec }] });
const deployment = deploymentOf;
const c = (name: string, extra: object = {}) => ({ name, image: 'busybox:1.36', ...extra });
const SIDE = 'deployment.additionalContainers[0]';
const INIT = 'deployment.initContainers[0]';
const FAILS = /\(the chart writes it into Traefik's pods as given, so the whole Traefik release fails to install\)$/;
const DUPLICATE = /the API server refuses one container name twice in a pod .*"Duplicate value"/;
const BIDIRECTIONAL = /is "Bidirectional", which the API server allows only in a privileged container/;

// traefik-helm-chart EXAMPLES.md (v41.3.0) "Running on privileged ports with host network", word for word.
const EXAMPLE = { ...SETCAP_SECURITY, hostNetwork: true, service: { enabled: false }, ...SETCAP_INIT };
/** EXAMPLE on port 80 with the setcap init container (initContainers[1]) changed by `setcap`, and other changes on top. */
const low = (setcap: object = {}, extra: object = {}) => ({
  ...withSetcap(EXAMPLE, setcap),
  updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  ports: { web: { port: 80 } },
  ...extra,
});
const script = (text: string) => ({ command: ['sh', '-c', text] });
const NOT_COUNTED =
  /is 80, .*but the chart runs Traefik as user 65532, .*EXAMPLES\.md "[^"]*"\), and deployment\.initContainers\[1\] \("setcap"\) /;

describe('refused', () => {
  test.each<[string, object, string, RegExp]>([
    // 40b-3: the container schema, as for an extraObjects workload
    ['sidecar env value 5', side({ env: [{ name: 'A', value: 5 }] }), `${SIDE}.env[0].value`, /is 5; .*expects string/],
    [
      'sidecar containerPort "9000"',
      side({ ports: [{ containerPort: '9000' }] }),
      `${SIDE}.ports[0].containerPort`,
      /is "9000"; .*expects integer/,
    ],
    [
      'init container cpu "abc"',
      side({ resources: { limits: { cpu: 'abc' } } }, 'initContainers'),
      `${INIT}.resources.limits.cpu`,
      /is "abc"/,
    ],
    [
      'sidecar mount readOnly "yes"',
      side({ volumeMounts: [{ name: 'data', mountPath: '/x', readOnly: 'yes' }] }),
      `${SIDE}.volumeMounts[0].readOnly`,
      /is "yes"; .*expects boolean/,
    ],
    [
      'additionalVolumeMounts readOnly "yes"',
      { additionalVolumeMounts: [{ name: 'data', mountPath: '/y', readOnly: 'yes' }] },
      'additionalVolumeMounts[0].readOnly',
      /is "yes"; .*expects boolean/,
    ],
    ['sidecar name S_x', side({ name: 'S_x' }), `${SIDE}.name`, /"S_x" is not a valid name.*DNS-1123 label/],
    ['init container name S_x', side({ name: 'S_x' }, 'initContainers'), `${INIT}.name`, /"S_x" is not a valid name/],
    [
      'additionalVolumeMounts mountPropagation bidirectional',
      { additionalVolumeMounts: [{ name: 'data', mountPath: '/y', mountPropagation: 'bidirectional' }] },
      'additionalVolumeMounts[0].mountPropagation',
      /is "bidirectional"; .*allows only "Bidirectional", "HostToContainer", "None"/,
    ],
    ['sidecar misspelt field', side({ volumeMount: [] }), `${SIDE}.volumeMount`, /is not a field of the Kubernetes 1\.27 schema/],
    // 40b-3: refused by the API server, accepted in both places before
    [
      "sidecar named traefik (the chart's own container)",
      side({ name: 'traefik' }),
      `${SIDE}.name`,
      /is "traefik", the name of Traefik's own container \(the chart names it traefik\.fullname: "traefik"\) too, .*Duplicate value/,
    ],
    [
      'init container and sidecar of one name',
      { deployment: { initContainers: [c('s')], additionalContainers: [c('s')] } },
      `${INIT}.name`,
      /is "s", the name of deployment\.additionalContainers\[0\] too, .*Duplicate value/,
    ],
    [
      'two sidecars of one name',
      { deployment: { additionalContainers: [c('s'), c('s')] } },
      'deployment.additionalContainers[1].name',
      DUPLICATE,
    ],
    ['init container named traefik', side({ name: 'traefik' }, 'initContainers'), `${INIT}.name`, DUPLICATE],
    [
      'additionalVolumeMounts Bidirectional, Traefik not privileged',
      { additionalVolumeMounts: [{ name: 'data', mountPath: '/y', mountPropagation: 'Bidirectional' }] },
      'additionalVolumeMounts[0].mountPropagation',
      BIDIRECTIONAL,
    ],
    [
      'sidecar Bidirectional, not privileged',
      side({ volumeMounts: [{ name: 'data', mountPath: '/x', mountPropagation: 'Bidirectional' }] }),
      `${SIDE}.volumeMounts[0].mountPropagation`,
      BIDIRECTIONAL,
    ],
    [
      'init container Bidirectional, privileged: false',
      side(
        { securityContext: { privileged: false }, volumeMounts: [{ name: 'data', mountPath: '/x', mountPropagation: 'Bidirectional' }] },
        'initContainers',
      ),
      `${INIT}.volumeMounts[0].mountPropagation`,
      BIDIRECTIONAL,
    ],
    [
      'extraObjects Pod two containers of one name',
      pod({ containers: [c('a'), c('a')] }),
      'extraObjects[0].spec.containers[1].name',
      /the name of containers\[0\] too.*Duplicate value/,
    ],
    [
      'extraObjects Deployment init container named like a container',
      deployment({ initContainers: [c('a')], containers: [c('a')] }),
      'extraObjects[0].spec.template.spec.initContainers[0].name',
      DUPLICATE,
    ],
    [
      'extraObjects Bidirectional, not privileged',
      pod({
        containers: [c('a', { volumeMounts: [{ name: 'v', mountPath: '/v', mountPropagation: 'Bidirectional' }] })],
        volumes: [{ name: 'v', emptyDir: {} }],
      }),
      'extraObjects[0].spec.containers[0].volumeMounts[0].mountPropagation',
      BIDIRECTIONAL,
    ],
    // 40b-4: the setcap init container counts only when it sets the capability on the binary Traefik runs, as root with SETFCAP
    [
      'setcap binary mounted elsewhere',
      low({}, { additionalVolumeMounts: [{ name: 'traefik-bin', mountPath: '/opt/unused' }] }),
      'ports.web.port',
      /runs setcap on "\/shared\/traefik", which is not the binary Traefik runs, \/usr\/local\/bin\/traefik/,
    ],
    [
      'setcap on another file of the volume',
      low(script('setcap cap_net_bind_service=+ep /shared/other')),
      'ports.web.port',
      /runs setcap on "\/shared\/other", which is not the binary/,
    ],
    [
      'setcap on a folder not mounted',
      low({ volumeMounts: [{ name: 'traefik-bin', mountPath: '/elsewhere' }] }),
      'ports.web.port',
      /which is not the binary/,
    ],
    [
      'echo of setcap',
      low(script('echo setcap cap_net_bind_service=+ep /shared/traefik')),
      'ports.web.port',
      /names setcap but runs no "setcap cap_net_bind_service=\+ep <file>"/,
    ],
    ['setcap -r', low(script('setcap -r /shared/traefik cap_net_bind_service')), 'ports.web.port', /names setcap but runs no/],
    [
      'setcap -v (verify only)',
      low(script('setcap -v cap_net_bind_service=+ep /shared/traefik')),
      'ports.web.port',
      /names setcap but runs no/,
    ],
    [
      'setcap without the e flag',
      low(script('setcap cap_net_bind_service=+p /shared/traefik')),
      'ports.web.port',
      /names setcap but runs no/,
    ],
    ['setcap of another capability', low(script('setcap cap_net_raw=+ep /shared/traefik')), 'ports.web.port', /names setcap but runs no/],
    [
      "setcap init container not root (the pod's uid 65532)",
      low({ securityContext: undefined }),
      'ports.web.port',
      /runs as user 65532, by the pod's podSecurityContext, and only root sets a file capability/,
    ],
    [
      'setcap init container root that drops ALL',
      low({ securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { drop: ['ALL'] } } }),
      'ports.web.port',
      /cannot set a file capability without SETFCAP, yet its securityContext\.capabilities\.drop: \[ALL\]/,
    ],
    [
      'setcap init container root that drops SETFCAP',
      low({ securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { drop: ['SETFCAP'] } } }),
      'ports.web.port',
      /drop names SETFCAP/,
    ],
    [
      'setcap init container root with runAsNonRoot inherited',
      low({ securityContext: { runAsUser: 0 } }, { podSecurityContext: { runAsNonRoot: true, runAsUser: 65532 } }),
      'ports.web.port',
      /runs as a user that is not root \(runAsNonRoot: true\)/,
    ],
  ])('%s', (_, values, key, message) => {
    const errors = at(errorsOf(values), key);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    if (key.startsWith('deployment.') || key.startsWith('additionalVolumeMounts')) expect(errors[0]).toMatch(FAILS);
    if (key === 'ports.web.port') expect(errors[0]).toMatch(NOT_COUNTED);
  });
});

describe('accepted (nothing said at the key)', () => {
  test.each<[string, object, string]>([
    ['EXAMPLES.md word for word on port 80', low(), 'ports.web.port'],
    ['EXAMPLES.md word for word (its own ports)', EXAMPLE, 'ports'],
    [
      'setcap as the command itself',
      low({ command: ['/usr/sbin/setcap', 'cap_net_bind_service=+ep', '/shared/traefik'] }),
      'ports.web.port',
    ],
    [
      'setcap with =ep and -q (cap_net_raw would lie beyond the bounding set: attack 43b-2)',
      low(script('setcap -q cap_net_bind_service=ep /shared/./traefik')),
      'ports.web.port',
    ],
    [
      'setcap on a subPath of the volume',
      // The binary copied there first (attack 42b-5: setcap on a file nothing copied into the emptyDir does not count).
      low(script('mkdir -p /shared/bin && cp /shared/traefik /shared/bin/traefik && setcap cap_net_bind_service+ep /shared/bin/traefik'), {
        additionalVolumeMounts: [{ name: 'traefik-bin', mountPath: '/usr/local/bin/', subPath: 'bin' }],
      }),
      'ports.web.port',
    ],
    [
      'setcap init container privileged',
      low({ securityContext: { privileged: true, runAsUser: 0, runAsNonRoot: false, capabilities: { drop: ['ALL'] } } }),
      'ports.web.port',
    ],
    [
      'setcap init container root with drop ALL, add SETFCAP',
      low({ securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { drop: ['ALL'], add: ['SETFCAP'] } } }),
      'ports.web.port',
    ],
    [
      'a normal sidecar with text env values',
      side({
        env: [
          { name: 'A', value: '5' },
          { name: 'TZ', value: 'Europe/Berlin' },
        ],
        ports: [{ containerPort: 9000 }],
        resources: { limits: { cpu: '100m', memory: '64Mi' } },
      }),
      SIDE,
    ],
    [
      'a sidecar with a read-only mount',
      side({ volumeMounts: [{ name: 'data', mountPath: '/x', readOnly: true, mountPropagation: 'HostToContainer' }] }),
      SIDE,
    ],
    // Wave 84: a privileged sidecar is refused as such (test/attack84-lead84.test.ts); Traefik's own container may be.
    [
      'Traefik privileged with Bidirectional additionalVolumeMounts',
      {
        securityContext: { privileged: true },
        additionalVolumeMounts: [{ name: 'data', mountPath: '/y', mountPropagation: 'Bidirectional' }],
      },
      'additionalVolumeMounts',
    ],
    [
      'init container and sidecar of different names',
      { deployment: { initContainers: [c('i')], additionalContainers: [c('s')] } },
      'deployment',
    ],
    ['sidecar named traefik next to fullnameOverride edge', { fullnameOverride: 'edge', ...side({ name: 'traefik' }) }, `${SIDE}.name`],
    ['extraObjects Pod of distinct names', pod({ initContainers: [c('i')], containers: [c('a'), c('b')] }), 'extraObjects'],
  ])('%s', (_, values, key) => {
    expect(errorsOf(values).filter((e) => e.startsWith(`traefik.values.${key}`))).toEqual([]);
  });
  // Wave 83: a privileged container, which Bidirectional propagation needs, is refused in extraObjects as such
  // (extra-workload-powers.ts); the propagation rule says nothing more.
  test('extraObjects privileged Bidirectional meets only the privileged refusal', () => {
    const values = pod({
      containers: [
        c('a', {
          securityContext: { privileged: true },
          volumeMounts: [{ name: 'v', mountPath: '/v', mountPropagation: 'Bidirectional' }],
        }),
      ],
      volumes: [{ name: 'v', emptyDir: {} }],
    });
    const errors = errorsOf(values).filter((e) => e.startsWith('traefik.values.extraObjects'));
    expect(errors).toEqual([expect.stringContaining("securityContext.privileged: is true, which gives the container the node's devices")]);
  });
});

describe('on chart versions without a vendored values schema too', () => {
  test.each(['36.3.0', '27.0.2', '20.3.0'])('%s: sidecar env value 5 and a sidecar named traefik', (chart) => {
    const errors = errorsOf({ deployment: { additionalContainers: [c('traefik', { env: [{ name: 'A', value: 5 }] })] } }, chart);
    expect(at(errors, `${SIDE}.env[0].value`)).toEqual([expect.stringMatching(/is 5; .*expects string/)]);
    expect(at(errors, `${SIDE}.name`)).toEqual([expect.stringMatching(DUPLICATE)]);
  });
});
