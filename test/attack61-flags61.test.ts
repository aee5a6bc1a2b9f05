import { ruleDoors } from './rule-doors';

/**
 * Round 61 (flags61): a Traefik flag in `additionalArguments` is judged as Traefik reads it.
 * - 61b-2: a text option keeps the blanks around its value (traefik/paerser v0.2.0 parser/element_fill.go `fill`:
 *   `field.SetString(node.Value)`), so ` a@example.com` is refused through the flag as through the chart key.
 * - 61b-3: a list flag's items are trimmed but an empty one stays (`makeSlice`), and Traefik's ip.NewChecker fails on it
 *   (pkg/ip/checker.go): refused. A blank-padded trusted network gets one verdict at every door: refused, "remove them".
 * Every refused row names its key path at every door; every must-pass row passes every door.
 */
const RESOLVER = ['--certificatesresolvers.le.acme.tlschallenge=true', '--certificatesresolvers.le.acme.storage=/data/acme.json'];
const EMAIL = '--certificatesresolvers.le.acme.email=';
const CA = '--certificatesresolvers.le.acme.caserver=';
const STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';
const FH = '--entrypoints.web.forwardedHeaders.trustedIPs=';
const PP = '--entrypoints.web.proxyProtocol.trustedIPs=';
const args = (...list: string[]) => ({ additionalArguments: list });
const withEmail = (...list: string[]) => args(`${EMAIL}a@example.com`, ...list, ...RESOLVER);

/** Each door's refusal lines, with the path they stand on: config errors, K3sVipCluster, TraefikHelmChartConfig. */
function refusals(values: object): string[] {
  const d = ruleDoors(values);
  return [...d.errors, d.cluster, d.chart.replace(/^TraefikHelmChartConfig: values\.(\S+) /, 'traefik.values.$1: ')];
}

describe('61b-2 and 61b-3: a flag value is judged as Traefik reads it, at every door', () => {
  test.each([
    ['e-mail, blank before', args(`${EMAIL} a@example.com`, ...RESOLVER), 0, 'is not a plain e-mail address'],
    ['e-mail, blank after', args(`${EMAIL}a@example.com `, ...RESOLVER), 0, 'is not a plain e-mail address'],
    ['caServer, blank before', withEmail(`${CA} ${STAGING}`), 1, 'is not an https:// URL'],
    ['caServer, blank after', withEmail(`${CA}${STAGING} `), 1, 'which a URL must percent-encode'],
    ['certresolver, blank before', withEmail('--entrypoints.websecure.http.tls.certresolver= le'), 1, '" le" is not defined'],
    ['trustedIPs, trailing comma', args(`${FH}10.0.0.1,`), 0, 'is an empty entry'],
    ['trustedIPs, leading comma', args(`${FH},10.0.0.1`), 0, 'is an empty entry'],
    ['trustedIPs, two commas', args(`${FH}10.0.0.1,,10.0.0.2`), 0, 'is an empty entry'],
    ['trustedIPs, a blank alone', args(`${FH} `), 0, 'is an empty entry'],
    ['proxyProtocol trustedIPs, trailing comma', args(`${PP}10.0.0.1,`), 0, 'is an empty entry'],
    ['trustedIPs, an empty flag before another', args(FH, `${FH}10.0.0.1`), 0, 'is an empty entry'],
    ['trustedIPs, an empty flag after another', args(`${FH}10.0.0.1`, FH), 1, 'is an empty entry'],
    ['trustedIPs, blank before', args(`${FH} 10.0.0.1`), 0, 'has blanks around it: remove them'],
    ['trustedIPs, blank before every address', args(`${FH}10.0.0.1, ::/0`), 0, '"::/0" trusts every address'],
    ['trustedIPs, blank after a comma', args(`${FH}10.0.0.1, 10.0.0.2`), 0, 'has blanks around it: remove them'],
    ['proxyProtocol trustedIPs, blank after', args(`${PP}10.0.0.1 `), 0, 'has blanks around it: remove them'],
    ['ingress namespaces, trailing comma', args('--providers.kubernetesingress.namespaces=kube-system,'), 0, 'empty item'],
    ['gateway namespaces, two commas', args('--providers.kubernetesgateway.namespaces=kube-system,,default'), 0, 'empty item'],
    ['entrypoint middlewares, trailing comma', args('--entrypoints.web.http.middlewares=a@file,'), 0, 'empty item'],
  ])('%s is refused at its flag', (_name, values, index, says) => {
    const lines = refusals(values);
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line).toMatch(
        new RegExp(`^traefik\\.values\\.additionalArguments\\[${index}\\]: .*${says.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
      );
  });

  test.each([
    ['e-mail', withEmail()],
    ['caServer', withEmail(`${CA}${STAGING}`)],
    ['certresolver', withEmail('--entrypoints.websecure.http.tls.certresolver=le')],
    ['trustedIPs, two addresses', args(`${FH}10.0.0.1,10.0.0.2`)],
    ['trustedIPs, CIDR blocks', args(`${FH}10.10.0.0/16,192.168.1.0/24`)],
    ['trustedIPs, IPv6', args(`${FH}fd00::1,fd00:1::/64`)],
    ['proxyProtocol trustedIPs', args(`${PP}10.0.0.1,fd00::/64`)],
    ['trustedIPs, empty value (no list)', args(FH)],
    ['ingress namespaces', args('--providers.kubernetesingress.namespaces=kube-system,default')],
  ])('%s passes every door', (_name, values) => {
    const d = ruleDoors(values);
    expect([...d.errors, d.cluster, d.chart].filter(Boolean)).toEqual([]);
  });

  test.each([
    [
      'e-mail',
      args(`${EMAIL} a@example.com`, ...RESOLVER),
      { certificatesResolvers: { le: { acme: { email: ' a@example.com', tlsChallenge: true, storage: '/data/acme.json' } } } },
    ],
    ['trusted network', args(`${FH} 10.0.0.1`), { ports: { web: { forwardedHeaders: { trustedIPs: [' 10.0.0.1'] } } } }],
    ['empty trusted network', args(`${FH}10.0.0.1,`), { ports: { web: { forwardedHeaders: { trustedIPs: ['10.0.0.1', ''] } } } }],
  ])('the flag and the chart key that writes it say the same about the %s', (_name, flag, key) => {
    const after = (line: string) => line.replace(/^\S+: /, '');
    expect(ruleDoors(flag).errors.map(after)).toEqual(ruleDoors(key).errors.map(after));
    expect(ruleDoors(flag).errors).toHaveLength(1);
  });
});
