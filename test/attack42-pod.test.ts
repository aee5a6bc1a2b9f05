import { devConfig, judgedValues } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { stringify } from 'yaml';
import { deploymentOf, SETCAP_SECURITY, SETCAP_INIT, withSetcap } from './traefik-fixtures';

/**
 * Attack round 41b-3, 41b-4, 41b-6, 41b-7 and 41b-8, judged in-process: a container with runAsUser 0 under runAsNonRoot
 * (the kubelet never starts it), claim names no PersistentVolumeClaim can have wherever a pod volume names one, the
 * conditions of the hostNetwork setcap exception (allowPrivilegeEscalation on Traefik's container, a writable mount,
 * a setcap that really runs and stays), a clash with the init container this tool generates, and ingressClass.name.
 */
const errorsOf = (values: object, chart = '39.0.7') => judgedValues({ image: { tag: 'v3.6.2' }, ...values }, chart).errors;
const at = (errors: string[], key: string) => errors.filter((e) => e.startsWith(`traefik.values.${key}: `));
const side = (i: number, extra: object = {}) => ({ name: `side-${i}`, image: 'busybox:1.36', ...extra });
const workload = deploymentOf;
const TEMPLATE = 'extraObjects[0].spec.template.spec';
const KUBELET = /is 0 \(root\) for .*whose runAsNonRoot is true .*"container's runAsUser breaks non-root policy"/;
const CLAIM = /is no name a PersistentVolumeClaim can have \(a DNS-1123 subdomain\)/;

// traefik-helm-chart EXAMPLES.md (v41.3.0) "Running on privileged ports with host network", as the values of port 80.
const EXAMPLE = {
  ...SETCAP_SECURITY,
  hostNetwork: true,
  updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  ports: { web: { port: 80 } },
  ...SETCAP_INIT,
};
/** EXAMPLE with the setcap init container (initContainers[1]) changed by `setcap`, and Traefik's securityContext by `security`. */
const low = (setcap: object = {}, security: object = EXAMPLE.securityContext) => ({
  ...withSetcap(EXAMPLE, setcap),
  securityContext: security,
});
const script = (text: string) => ({ command: ['sh', '-c', text] });
const NOT_COUNTED = /is 80, .*and deployment\.initContainers\[1\] \("setcap"\) /;

describe('refused', () => {
  test.each<[string, object, string, RegExp, string?]>([
    // 41b-3: runAsUser 0 under runAsNonRoot true (the chart's pod default from v21.2.1; the container's before)
    ["Traefik's container runAsUser 0", { securityContext: { runAsUser: 0 } }, 'securityContext.runAsUser', KUBELET],
    [
      "Traefik's container runAsUser 0, chart 20.1.1 (container default)",
      { securityContext: { runAsUser: 0 } },
      'securityContext.runAsUser',
      /for Traefik's container, whose runAsNonRoot is true \(the chart's default securityContext\)/,
      '20.1.1',
    ],
    [
      'sidecar runAsUser 0',
      { deployment: { additionalContainers: [side(0, { securityContext: { runAsUser: 0 } })] } },
      'deployment.additionalContainers[0].securityContext.runAsUser',
      /for deployment\.additionalContainers\[0\], whose runAsNonRoot is true \(the chart's default podSecurityContext\)/,
    ],
    [
      'init container runAsUser 0',
      { deployment: { initContainers: [side(0, { securityContext: { runAsUser: 0 } })] } },
      'deployment.initContainers[0].securityContext.runAsUser',
      KUBELET,
    ],
    [
      'pod runAsUser 0 with container runAsNonRoot true',
      { podSecurityContext: { runAsUser: 0, runAsNonRoot: false }, securityContext: { runAsNonRoot: true } },
      'podSecurityContext.runAsUser',
      /whose runAsNonRoot is true \(traefik\.values\.securityContext\.runAsNonRoot\)/,
    ],
    [
      'extraObjects container runAsUser 0 under pod runAsNonRoot',
      workload({ securityContext: { runAsNonRoot: true }, containers: [side(0, { securityContext: { runAsUser: 0 } })] }),
      `${TEMPLATE}.containers[0].securityContext.runAsUser`,
      KUBELET,
    ],
    [
      'extraObjects init container runAsUser 0 and runAsNonRoot true',
      workload({
        containers: [side(0)],
        initContainers: [side(1, { securityContext: { runAsUser: 0, runAsNonRoot: true } })],
      }),
      `${TEMPLATE}.initContainers[0].securityContext.runAsUser`,
      KUBELET,
    ],
    // 41b-4: claim names
    [
      'additionalVolumes claimName Bad_Claim',
      {
        deployment: { additionalVolumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'Bad_Claim' } }] },
        additionalVolumeMounts: [{ name: 'v', mountPath: '/v' }],
      },
      'deployment.additionalVolumes[0].persistentVolumeClaim.claimName',
      /is no name a PersistentVolumeClaim can have .*so Traefik's pod waits for the claim forever and the rollout never completes/,
    ],
    [
      'extraObjects volume claimName Bad_Claim',
      workload({ containers: [side(0)], volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'Bad_Claim' } }] }),
      `${TEMPLATE}.volumes[0].persistentVolumeClaim.claimName`,
      CLAIM,
    ],
    [
      'StatefulSet claim template Bad_Claim',
      {
        extraObjects: [
          {
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            metadata: { name: 's', namespace: 'default' },
            spec: {
              serviceName: 's',
              selector: { matchLabels: { a: 'b' } },
              template: { metadata: { labels: { a: 'b' } }, spec: { containers: [side(0)] } },
              volumeClaimTemplates: [{ metadata: { name: 'Bad_Claim' }, spec: { accessModes: ['ReadWriteOnce'] } }],
            },
          },
        ],
      },
      'extraObjects[0].spec.volumeClaimTemplates[0].metadata.name',
      /is no name the StatefulSet controller can give the pod volume .*DNS-1123 label/,
    ],
    // 41b-6: the setcap exception's conditions
    [
      "setcap, Traefik's container allowPrivilegeEscalation unset (chart default false)",
      low({}, { runAsNonRoot: true, runAsUser: 65532, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }),
      'ports.web.port',
      /allowPrivilegeEscalation: false \(the chart's default securityContext\).*no_new_privs/,
    ],
    [
      "setcap, Traefik's container allowPrivilegeEscalation false",
      low({}, { ...EXAMPLE.securityContext, allowPrivilegeEscalation: false }),
      'ports.web.port',
      /allowPrivilegeEscalation: false \(securityContext\).*EXAMPLES\.md/,
    ],
    [
      'setcap through a readOnly mount',
      low({ volumeMounts: [{ name: 'traefik-bin', mountPath: '/shared', readOnly: true }] }),
      'ports.web.port',
      /mounts the volume of "\/shared\/traefik" with readOnly: true/,
    ],
    ['setcap only after ||', low(script('true || setcap cap_net_bind_service=+ep /shared/traefik')), 'ports.web.port', NOT_COUNTED],
    [
      'setcap -n 1000',
      low({ command: ['setcap', '-n', '1000', 'cap_net_bind_service=+ep', '/shared/traefik'] }),
      'ports.web.port',
      NOT_COUNTED,
    ],
    [
      'setcap then setcap -r',
      low(script('setcap cap_net_bind_service=+ep /shared/traefik && setcap -r /shared/traefik')),
      'ports.web.port',
      NOT_COUNTED,
    ],
    // 41b-8: ingressClass.name, with the config's Ingresses (and a name problem beside the class message)
    [
      'ingressClass.name Traefik_X',
      { ingressClass: { name: 'Traefik_X' } },
      'ingressClass.name',
      /is no name the API server takes for the IngressClass/,
    ],
    ['ingressClass.name "123"', { ingressClass: { name: '123' } }, 'ingressClass.name', /is "123", .*number.*IngressClass name/],
    ['ingressClass.name "yes"', { ingressClass: { name: 'yes' } }, 'ingressClass.name', /is "yes", .*boolean.*IngressClass name/],
    ['ingressClass.name a_b on 27.0.2', { ingressClass: { name: 'a_b' } }, 'ingressClass.name', /DNS-1123 subdomain/, '27.0.2'],
  ])('%s', (...[, values, key, pattern, chart]) => {
    expect(at(errorsOf(values, chart), key)).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });
});

describe('accepted', () => {
  test.each<[string, object, string?]>([
    ['the EXAMPLES.md config (allowPrivilegeEscalation: true)', EXAMPLE],
    ['the EXAMPLES.md config on chart 41.3.0', EXAMPLE, '41.3.0'],
    ["Traefik's container runAsUser 0 with runAsNonRoot false", { securityContext: { runAsUser: 0, runAsNonRoot: false } }],
    [
      'sidecar runAsUser 0 with runAsNonRoot false',
      { deployment: { additionalContainers: [side(0, { securityContext: { runAsUser: 0, runAsNonRoot: false } })] } },
    ],
    ['extraObjects container runAsUser 0, runAsNonRoot unset', workload({ containers: [side(0, { securityContext: { runAsUser: 0 } })] })],
    [
      'valid claim names',
      {
        deployment: { additionalVolumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'claim-1.a' } }] },
        additionalVolumeMounts: [{ name: 'v', mountPath: '/v' }],
        ...workload({ containers: [side(0)], volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data-0' } }] }),
      },
    ],
    ['setcap after && (the example)', low(script('apk add libcap && setcap cap_net_bind_service=+ep /shared/traefik'))],
  ])('%s', (...[, values, chart]) => {
    expect(errorsOf(values, chart)).toEqual([]);
  });

  test('ingressClass.name "traefik-1" without Ingresses is no name problem', () => {
    const config = devConfig();
    delete config.ingresses;
    config.traefik.values = { ingressClass: { name: 'traefik-1' } };
    expect(parseConfigText('config/t.yaml', stringify(config)).errors).toEqual([]);
  });
});

test('ingressClass.name Traefik_X without Ingresses in the config is refused', () => {
  const config = devConfig();
  delete config.ingresses;
  config.traefik.values = { ingressClass: { name: 'Traefik_X' } };
  const errors = parseConfigText('config/t.yaml', stringify(config)).errors.map((d) =>
    formatDiagnostic({ ...d, file: '', line: undefined }),
  );
  expect(errors).toEqual([
    expect.stringMatching(/traefik\.values\.ingressClass\.name: is no name the API server takes for the IngressClass/),
  ]);
});

describe('41b-7: a clash with the init container this tool writes for traefik.certResolvers', () => {
  test("is reported at the user's sidecar, saying the other container is generated and why", () => {
    const config = devConfig();
    config.traefik.certResolvers = { le: { email: 'a@example.org' } };
    config.traefik.values = {
      deployment: {
        initContainers: [{ name: 'other', image: 'busybox:1.37.0', command: ['true'] }],
        additionalContainers: [side(0), { name: 'volume-permissions', image: 'busybox:1.37.0' }],
      },
    };
    const text = stringify(config);
    // The line of the user's clashing name (1-based), which the error must point at.
    const line = text.split('\n').findIndex((l) => /name: volume-permissions$/.test(l)) + 1;
    const errors = parseConfigText('config/t.yaml', text).errors.map((d) => formatDiagnostic(d));
    const clash = errors.filter((e) => /volume-permissions/.test(e) && /Duplicate value/.test(e));
    expect(line).toBeGreaterThan(0);
    expect(clash).toEqual([
      expect.stringMatching(
        new RegExp(
          `^config/t\\.yaml:${line}:\\d+: traefik\\.values\\.deployment\\.additionalContainers\\[1\\]\\.name: is "volume-permissions", ` +
            "the name of the init container this tool adds to Traefik's pods for traefik\\.certResolvers \\(it makes the ACME storage file mode 600",
        ),
      ),
    ]);
    expect(errors.filter((e) => e.includes('initContainers[0].name'))).toEqual([]);
  });
});

describe('ingressClass.name from chart v23.2.0 (traefik-helm-chart commit 7f0a0fc1, #864)', () => {
  test.each([
    ['23.1.0', 0],
    ['23.2.0', 1],
  ])('chart %s: a_b refused %i time(s) as a name', (chart, count) => {
    expect(
      at(errorsOf({ ingressClass: { name: 'a_b' } }, chart), 'ingressClass.name').filter((e) => /DNS-1123 subdomain/.test(e)),
    ).toHaveLength(count);
  });
  test('with Ingresses, the class message says the name problem too (one line per key)', () => {
    const errors = at(errorsOf({ ingressClass: { name: 'Traefik_X' } }), 'ingressClass.name');
    expect(errors).toEqual([
      expect.stringMatching(
        /so the chart names its IngressClass that instead of traefik, .*: remove it; besides, it is no name the API server takes for the IngressClass .*DNS-1123 subdomain/,
      ),
    ]);
  });
});
