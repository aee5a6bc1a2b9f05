import { configErrors, devConfig, judgedValues, withChanges } from './helpers';

/**
 * Attack round 37b-1 to 37b-5: the chart's hub-token volume, null volume names, empty mount paths and volume types
 * the chart writes no source for, CAP_-prefixed capabilities, and probe port names no container port has. Judged
 * in-process on one config (no synth).
 */
const judged = (values: unknown, chart = '41.3.0') => judgedValues({ image: { tag: 'v3.6.2' }, ...(values as object) }, chart);
const errorsOf = (values: unknown, chart?: string) => judged(values, chart).errors;
const hostNetwork = (capabilities: object) => ({
  updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  hostNetwork: true,
  ports: { web: { port: 80 } },
  securityContext: { capabilities },
});
const asRoot = (values: ReturnType<typeof hostNetwork>) => ({
  ...values,
  securityContext: { ...values.securityContext, runAsUser: 0, runAsNonRoot: false },
});

describe('refused', () => {
  test.each<[string, unknown, string, string, RegExp]>([
    // 37b-1
    [
      'additional volume hub-token (v40)',
      { hub: { token: 'my-license-secret' }, deployment: { additionalVolumes: [{ name: 'hub-token', emptyDir: {} }] } },
      '40.3.0',
      'deployment.additionalVolumes[0].name',
      /names pod volume "hub-token", the same as the chart's own volume "hub-token"/,
    ],
    [
      'volumes[] hub.token (v39.0.8)',
      { hub: { token: 'x' }, volumes: [{ name: 'hub.token', mountPath: '/x', type: 'secret' }] },
      '39.0.8',
      'volumes[0].name',
      /names pod volume "hub-token" \(each "." written as "-"\), the same as the chart's own volume "hub-token"/,
    ],
    // 37b-2
    [
      'persistence.name null',
      { persistence: { name: null } },
      '41.3.0',
      'persistence.name',
      /is null, which deletes the chart's default "data".*write a name/,
    ],
    [
      'volumes[] name null',
      { volumes: [{ name: null, mountPath: '/x', type: 'secret' }] },
      '41.3.0',
      'volumes[0].name',
      /is null, so the pod volume gets no name/,
    ],
    [
      'additional volume without name',
      { deployment: { additionalVolumes: [{ emptyDir: {} }] } },
      '41.3.0',
      'deployment.additionalVolumes[0].name',
      /is missing, so the pod volume gets no name/,
    ],
    // 37b-3
    [
      'persistence.path null',
      { persistence: { path: null } },
      '41.3.0',
      'persistence.path',
      /is null, which deletes the chart's default "\/data".*mountPath empty/,
    ],
    [
      'persistence.path empty',
      { persistence: { path: '' } },
      '39.0.7',
      'persistence.path',
      /is "", so the chart writes the persistence volume's mountPath empty/,
    ],
    [
      'hub.tokenMountPath null',
      { hub: { token: 'x', tokenMountPath: null } },
      '41.3.0',
      'hub.tokenMountPath',
      /null.*hub-token volume's mountPath empty/,
    ],
    [
      'volumes[] without mountPath',
      { volumes: [{ name: 'my-cm', type: 'configMap' }] },
      '41.3.0',
      'volumes[0].mountPath',
      /is missing, so the chart writes this volume's mountPath empty/,
    ],
    [
      'volumes[] type ConfigMap',
      { volumes: [{ name: 'my-cm', type: 'ConfigMap', mountPath: '/x' }] },
      '41.3.0',
      'volumes[0].type',
      /is "ConfigMap", but the chart writes a volume source only for type "secret" or "configMap".*write type: secret or type: configMap/,
    ],
    [
      'volumes[] type missing',
      { volumes: [{ name: 'my-cm', mountPath: '/x' }] },
      '30.0.0',
      'volumes[0].type',
      /is missing, but the chart writes a volume source only/,
    ],
    // 37b-4
    [
      'CAP_NET_BIND_SERVICE under hostNetwork',
      hostNetwork({ add: ['CAP_NET_BIND_SERVICE'], drop: ['ALL'] }),
      '41.3.0',
      'ports.web.port',
      /only a process with NET_BIND_SERVICE/,
    ],
    [
      'cap_net_bind_service',
      hostNetwork({ add: ['cap_net_bind_service'], drop: ['ALL'] }),
      '41.3.0',
      'securityContext.capabilities.add[0]',
      /no CAP_ prefix.*write "net_bind_service"/,
    ],
    [
      'CAP_ in drop',
      { securityContext: { capabilities: { drop: ['CAP_ALL'] } } },
      '41.3.0',
      'securityContext.capabilities.drop[0]',
      /is "CAP_ALL"; Kubernetes capability names have no CAP_ prefix.*write "ALL"/,
    ],
    // 37b-5
    [
      'healthchecksPort Traefik',
      { deployment: { healthchecksPort: 'Traefik' } },
      '41.3.0',
      'deployment.healthchecksPort',
      /is "Traefik", which .* writes as the probes' port, where the API server takes a number or a port name .*it holds "T".*write traefik or 8080/,
    ],
    [
      'healthchecksPort of no port',
      { deployment: { healthchecksPort: 'admin' } },
      '41.1.0',
      'deployment.healthchecksPort',
      /is "admin", .*no container port of Traefik's pod is named so \(.*traefik.*\).*write 8080/,
    ],
    [
      'ports.traefik.healthchecksPort Traefik (v23)',
      { ports: { traefik: { healthchecksPort: 'Traefik' } } },
      '23.0.0',
      'ports.traefik.healthchecksPort',
      /it holds "T"/,
    ],
  ])('%s', (_, values, chart, key, message) => {
    const errors = errorsOf(values, chart);
    expect(errors.filter((e) => e.startsWith(`traefik.values.${key}: `) && message.test(e))).toHaveLength(1);
  });
});

describe('accepted', () => {
  test.each<[string, unknown, string]>([
    [
      'hub-token additional volume before v39.0.8',
      { hub: { token: 'x' }, deployment: { additionalVolumes: [{ name: 'hub-token', emptyDir: {} }] } },
      '39.0.7',
    ],
    [
      'hub-token additional volume without hub.token',
      { deployment: { additionalVolumes: [{ name: 'hub-token', emptyDir: {} }] } },
      '41.3.0',
    ],
    ['hub.token with its own volume', { hub: { token: 'x', tokenMountPath: '/etc/hub' } }, '41.3.0'],
    ['hub.tokenMountPath null without hub.token', { hub: { tokenMountPath: null } }, '41.3.0'],
    ['persistence name and path', { persistence: { name: 'state', path: '/state' } }, '41.3.0'],
    [
      'volumes[] secret and configMap',
      {
        volumes: [
          { name: 'a', type: 'secret', mountPath: '/a' },
          { name: 'b', type: 'configMap', mountPath: '/b' },
        ],
      },
      '41.3.0',
    ],
    // As root: a non-root Traefik needs a file capability too (attack round 39b-7).
    ['NET_BIND_SERVICE under hostNetwork', asRoot(hostNetwork({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] })), '41.3.0'],
    ['net_bind_service under hostNetwork', asRoot(hostNetwork({ add: ['net_bind_service'], drop: ['ALL'] })), '41.3.0'],
    ['healthchecksPort traefik', { deployment: { healthchecksPort: 'traefik' } }, '41.3.0'],
    ['healthchecksPort 8080', { deployment: { healthchecksPort: 8080 } }, '41.3.0'],
  ])('%s', (_, values, chart) => {
    expect(errorsOf(values, chart)).toEqual([]);
  });
});

// 37b-6: paerser makes one resolver of names that differ in case alone (parser/labels_decode.go containsNode, EqualFold).
describe('resolver flags in another case are the same resolver', () => {
  const withFlag = (...args: string[]) =>
    configErrors(
      withChanges(devConfig(), {
        traefik: { certResolvers: { le: { email: 'a@b.org', challenge: 'tls' } }, values: { additionalArguments: args } },
      }),
    );
  test.each<[string, string[], RegExp | undefined]>([
    [
      'LE email',
      ['--certificatesResolvers.LE.acme.email=x@y.org'],
      /additionalArguments\[0\]: sets --certificatesresolvers\.LE\.acme\.email .*traefik\.certResolvers\.le makes this tool write as "a@b.org"/,
    ],
    [
      'Le storage',
      ['--certificatesresolvers.Le.acme.storage=/data/other.json'],
      /additionalArguments\[0\]: sets --certificatesresolvers\.Le\.acme\.storage/,
    ],
    [
      'LE tailscale next to ACME le',
      ['--certificatesresolvers.LE.tailscale=true'],
      /turns Tailscale on for the resolver le, .*"ACME and Tailscale providers are mutually exclusive"/,
    ],
    ['LE email as written', ['--certificatesResolvers.LE.acme.email=a@b.org'], undefined],
  ])('%s', (_, args, message) => {
    const errors = withFlag(...args);
    expect(errors.filter((e) => /no challenge/.test(e))).toEqual([]);
    if (message) expect(errors.filter((e) => message.test(e))).toHaveLength(1);
    else expect(errors).toEqual([]);
  });
});
