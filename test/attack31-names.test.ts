import { configErrors, helmChartConfigRefusal, valuesDoors, withTraefikValues } from './helpers';

/** Attack round 30b: the chart's name overrides (30b-13), and the construct's shared-VIP rule (30b-11). */

const RELIES = 'this tool relies on the Service kube-system/traefik (its VIP, kube-vip lease and Service rules)';
const CLASS = 'and the IngressClass traefik, which every Ingress it writes names';

/** The errors of `values` through the config file and through TraefikHelmChartConfig, each door's own prefix. */
const doors = (values: object, traefik: object = {}) => ({
  config: configErrors(withTraefikValues(values, traefik)).join('\n'),
  chart: valuesDoors.chart(values),
});

describe('30b-13: a name override that renames what the tool relies on is refused, in both doors', () => {
  it.each([
    [
      { fullnameOverride: 'foo' },
      'fullnameOverride',
      `is "foo", so the chart names Traefik's Service, workload and IngressClass "foo" instead of traefik, and ${RELIES} ${CLASS}: remove it`,
    ],
    // The API server refuses an uppercase name anyway: the same refusal.
    [
      { fullnameOverride: 'TRAEFIK' },
      'fullnameOverride',
      `is "TRAEFIK", so the chart names Traefik's Service, workload and IngressClass "TRAEFIK"`,
    ],
    // trimSuffix takes one dash only.
    [
      { fullnameOverride: 'traefik--' },
      'fullnameOverride',
      `is "traefik--", so the chart names Traefik's Service, workload and IngressClass "traefik-" instead of traefik`,
    ],
    // trunc 63.
    [
      { fullnameOverride: 'b'.repeat(70) },
      'fullnameOverride',
      `is "${'b'.repeat(70)}", so the chart names Traefik's Service, workload and IngressClass "${'b'.repeat(63)}" instead of traefik`,
    ],
    // `ingressClass.name` keeps the class: only the Service and workload are renamed.
    [
      { fullnameOverride: 'foo', ingressClass: { name: 'traefik' } },
      'fullnameOverride',
      `is "foo", so the chart names Traefik's Service and workload "foo" instead of traefik, and ${RELIES}: remove it`,
    ],
    [
      { nameOverride: 'foo' },
      'nameOverride',
      `is "foo", so the chart labels Traefik's pods app.kubernetes.io/name: "foo" instead of traefik (the label this tool's pod spread and ` +
        `anti-affinity select them by) and names Traefik's Service, workload and IngressClass "traefik-foo" instead of traefik, and ${RELIES} ${CLASS}: remove it`,
    ],
    // Part of the release name: the names stay traefik (`contains $name .Release.Name`), the pods' label does not.
    [
      { nameOverride: 'trae' },
      'nameOverride',
      `is "trae", so the chart labels Traefik's pods app.kubernetes.io/name: "trae" instead of traefik (the label this tool's pod spread and anti-affinity select them by): remove it`,
    ],
  ])('%j is refused', (values, key, message) => {
    const { config, chart } = doors(values);
    expect(config).toContain(`traefik.values.${key}: ${message}`);
    expect(chart).toContain(`values.${key} ${message}`);
  });

  it.each([
    [{ fullnameOverride: 'traefik' }],
    [{ fullnameOverride: 'traefik-' }],
    [{ nameOverride: 'traefik' }],
    [{ nameOverride: '' }],
    [{ fullnameOverride: null }],
    [{ namespaceOverride: 'kube-system' }],
    [{ instanceLabelOverride: 'traefik-kube-system' }],
  ])('%j keeps the names traefik: accepted', (values) => expect(doors(values)).toEqual({ config: '', chart: '' }));

  it.each([
    [
      { namespaceOverride: 'traefik' },
      'namespaceOverride',
      `is "traefik", so the chart puts Traefik's Service and workload in that namespace instead of kube-system, and this tool relies on the ` +
        'Service kube-system/traefik (its VIP, kube-vip lease and Service rules): remove it',
    ],
    [
      { instanceLabelOverride: 'edge' },
      'instanceLabelOverride',
      `is "edge", so the chart labels Traefik's pods app.kubernetes.io/instance: "edge" instead of traefik-kube-system (the label this ` +
        "tool's pod spread and anti-affinity select them by): remove it",
    ],
  ])('%j moves or relabels what the tool selects: refused', (values, key, message) => {
    const { config, chart } = doors(values);
    expect(config).toContain(`traefik.values.${key}: ${message}`);
    expect(chart).toContain(`values.${key} ${message}`);
  });

  it.each([
    ['20.1.1', { namespaceOverride: 'edge' }, false],
    ['20.2.0', { namespaceOverride: 'edge' }, true],
    ['20.2.0', { instanceLabelOverride: 'edge' }, false],
    ['20.3.0', { instanceLabelOverride: 'edge' }, true],
  ])('chart %s, %j: refused only where the chart reads it (%s)', (chartVersion, values, refused) => {
    const key = Object.keys(values)[0];
    const errors = configErrors(withTraefikValues(values, { chartVersion })).filter((e) => e.includes(`traefik.values.${key}:`));
    expect(errors.length > 0).toBe(refused);
  });

  it('service.nameOverride renames the Service from chart v40.0.0 (refused), where the chart reads it', () => {
    const message = `traefik.values.service.nameOverride: is "foo", so the chart names Traefik's Service that instead of traefik, and ${RELIES}: remove it`;
    expect(configErrors(withTraefikValues({ service: { nameOverride: 'foo' } }, { chartVersion: '40.3.0' })).join('\n')).toContain(message);
    expect(configErrors(withTraefikValues({ service: { nameOverride: 'traefik' } }, { chartVersion: '40.3.0' }))).toEqual([]);
    // The reference chart, v39.0.7, has no such key: _service.tpl names the Service after traefik.fullname alone, so the
    // value would be dropped, and a key the chart never reads under `service` is refused (63b-7).
    expect(configErrors(withTraefikValues({ service: { nameOverride: 'foo' } })).join('\n')).toContain(
      'traefik.values.service.nameOverride: is not a key the Traefik chart reads under service',
    );
  });
});

describe('30b-11: TraefikHelmChartConfig refuses an additional Service on its VIP under per-Service election, as the YAML door does', () => {
  const VIP = 'kube-vip.io/loadbalancerIPs';
  const LEASE = 'kube-vip.io/leaseName';
  const values = (annotations: object) => ({
    ports: { admin: { port: 9200, exposedPort: 9200, expose: { internal: true } } },
    service: { additionalServices: { internal: { type: 'LoadBalancer', annotations: { [VIP]: '192.168.0.41', ...annotations } } } },
  });
  const ADDITIONAL = `values.service.additionalServices.internal.annotations["${VIP}"] "192.168.0.41" is also the VIP of Traefik`;

  it.each([
    [
      'servicesElection, no lease',
      { servicesElection: true, values: values({}) },
      [
        'loadBalancerIPs[0] "192.168.0.41" is also the VIP of Traefik\'s additional Service internal: with per-Service election (on because ' +
          'servicesElection is true) Services on one VIP must share one lease: set the leaseName prop to "kubevip-shared-192-168-0-41", or give it a VIP of its own',
        `${ADDITIONAL}: with per-Service election (on because servicesElection is true) Services on one VIP must share one lease: add ` +
          `"${LEASE}: kubevip-shared-192-168-0-41" to the annotations of Traefik's additional Service internal, and set the leaseName prop to the same name`,
      ],
    ],
    [
      'servicesElection, the prop and the annotation differ',
      { servicesElection: true, leaseName: 'x', values: values({ [LEASE]: 'y' }) },
      [
        `${ADDITIONAL}: with per-Service election (on because servicesElection is true) Services on one VIP must share one lease: add "${LEASE}: x"`,
      ],
    ],
    [
      'Local (election by default)',
      { externalTrafficPolicy: 'Local', values: values({}) },
      [`${ADDITIONAL} (loadBalancerIPs[0]), and Traefik is Local: kube-vip then elects a leader per Service and refuses a shared lease`],
    ],
    [
      'Local without election (BGP)',
      { externalTrafficPolicy: 'Local', servicesElection: false, values: values({}) },
      [`${ADDITIONAL} (loadBalancerIPs[0]), and Traefik is Local: in BGP mode nodes without its pod still announce the address`],
    ],
    [
      'servicesElection on a kube-vip without leaseName',
      { servicesElection: true, kubeVipVersion: 'v0.9.0', values: values({}) },
      [
        `${ADDITIONAL} (loadBalancerIPs[0]): with per-Service election (on because servicesElection is true) kube-vip v0.9.0 elects each Service's leader apart`,
      ],
    ],
  ])('%s: refused', (_, props, messages) => {
    const refusal = helmChartConfigRefusal(props);
    for (const message of messages) expect(refusal).toContain(message);
  });

  it.each([
    ['no election: one leader for every Service', { values: values({}) }],
    ['one lease, the prop and the annotation', { servicesElection: true, leaseName: 'x', values: values({ [LEASE]: 'x' }) }],
    [
      'servicesElection, another VIP',
      {
        servicesElection: true,
        values: {
          ...values({}),
          service: { additionalServices: { internal: { type: 'LoadBalancer', annotations: { [VIP]: '192.168.0.42' } } } },
        },
      },
    ],
  ])('%s: accepted', (_, props) => expect(helmChartConfigRefusal(props)).toBe(''));
});
