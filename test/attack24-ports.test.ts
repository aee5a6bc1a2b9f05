import { configErrors, devConfig, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 24b-7 and 24b-8: an Ingress' entrypoint made UDP (or SCTP) serves no HTTP, and a protocol the API
 * server does not take (`udp`) fails the whole Traefik release: both were accepted through `traefik.values.ports`.
 */
/** The reference config, whose one Ingress is HTTPS (websecure), and the same Ingress on plain HTTP (web). */
const tlsIngress = devConfig;
const plainIngress = () => withChanges(devConfig(), { ingresses: [{ ...devConfig().ingresses[0], tls: undefined }] });

describe('24b-7: an entrypoint an Ingress needs, made UDP or SCTP', () => {
  test.each([
    ['websecure', 'UDP', tlsIngress()],
    // SCTP: Traefik itself does not start ("invalid protocol"), refused before any Ingress is judged (attack36-probes.test.ts).
    ['web', 'UDP', plainIngress()],
  ])('ports.%s.protocol: %s is refused', (entrypoint, protocol, base) => {
    const errors = configErrors(withTraefikValues({ ports: { [entrypoint]: { protocol } } }, {}, base));
    expect(errors).toContainEqual(
      expect.stringMatching(
        new RegExp(`traefik\\.values\\.ports\\.${entrypoint}\\.protocol: is ${protocol}, so entrypoint ${entrypoint} serves no HTTP`),
      ),
    );
  });

  test.each([
    ['web UDP while every Ingress is HTTPS', 'web', 'UDP', tlsIngress()],
    ['websecure TCP written out', 'websecure', 'TCP', tlsIngress()],
  ])('control: %s is accepted', (_, entrypoint, protocol, base) => {
    expect(configErrors(withTraefikValues({ ports: { [entrypoint]: { protocol } } }, {}, base))).toEqual([]);
  });
});

describe('24b-8: a protocol the API server does not take', () => {
  test.each(['udp', 'tcp', 'Tcp', 'HTTP'])('ports.metrics.protocol: %s is refused', (protocol) => {
    const errors = configErrors(withTraefikValues({ ports: { metrics: { protocol } } }));
    expect(errors).toEqual([
      `config/t.yaml: traefik.values.ports.metrics.protocol: is "${protocol}", which the chart writes unchanged into the pod's and ` +
        "the Service's ports, where the API server takes only TCP, UDP or SCTP in upper case, and Traefik only TCP or UDP, so the whole " +
        'Traefik release fails to install: write TCP or UDP',
    ]);
  });

  test.each(['TCP', 'UDP'])('control: %s is taken', (protocol) => {
    expect(configErrors(withTraefikValues({ ports: { metrics: { protocol } } }))).toEqual([]);
  });
});
