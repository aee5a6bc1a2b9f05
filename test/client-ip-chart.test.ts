import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { traefikValues, TraefikValuesSettings } from '../src/traefik/values';
import { checkTraefikValues, traefikValuesSchema } from '../src/traefik/values-schema';

/**
 * Proof from the chart: for every chart version, the template lines (vendor/traefik-chart-templates/,
 * verbatim from traefik/traefik-helm-chart at each tag) the client-IP values pass through, and the
 * values this project writes at exactly those keys.
 */
type Excerpt = { path: string; lines: Record<string, string> };
const TEMPLATES: Record<
  string,
  {
    serviceSpec: Excerpt;
    serviceSpecUse: Excerpt;
    entrypoints: Excerpt;
    affinity: Excerpt;
    updateStrategy: Excerpt;
    externalTrafficPolicyMentions: number;
  }
> = JSON.parse(readFileSync(join(__dirname, '..', 'vendor', 'traefik-chart-templates', 'client-ip.json'), 'utf8'));

const TAGS = Object.keys(TEMPLATES);
const text = (excerpt: Excerpt) => Object.values(excerpt.lines).join('\n');

const clientIp = (chartVersion: string, replicas = 2): TraefikValuesSettings => ({
  chartVersion,
  kubeVipVersion: 'v1.2.3',
  loadBalancerIPs: ['192.168.0.41'],
  externalTrafficPolicy: 'Local',
  replicas,
  trustedProxies: ['192.168.0.5', '10.8.0.0/24'],
  redirectToHttps: true,
});

test('the chart versions are the ones the rest of the Traefik tests cover, oldest and newest included', () => {
  expect(TAGS).toEqual(expect.arrayContaining(['v20.1.1', 'v24.0.0', 'v25.0.0', 'v34.2.0', 'v39.0.7', 'v40.0.0', 'v41.3.0']));
});

describe.each(TAGS)('chart %s', (tag) => {
  const chart = tag.slice(1);
  const templates = TEMPLATES[tag];
  const values = traefikValues(clientIp(chart)) as any;

  test('the Service policy comes only from service.spec, passed through whole (_service.tpl, service.yaml)', () => {
    expect(templates.externalTrafficPolicyMentions).toBe(0);
    expect(templates.serviceSpec.path).toBe('traefik/templates/_service.tpl');
    // `with <service>.spec` then `toYaml . | nindent 2`: every key of it lands in the Service's spec.
    expect(text(templates.serviceSpec)).toMatch(/\{\{- with \.(Values\.)?service\.spec \}\}\n\s*\{\{- toYaml \. \| nindent 2 \}\}/);
    // Up to v26 the template reads .Values.service itself; from v27 service.yaml hands it the default Service as `service`.
    const use = text(templates.serviceSpecUse);
    if (text(templates.serviceSpec).includes('.Values.service.spec')) expect(use).toContain('template "traefik.service-spec" . }}');
    else {
      expect(use).toContain('$services = set $services "default" (omit .Values.service "additionalServices")');
      expect(use).toContain('template "traefik.service-spec" (dict "root" $ "service" $service)');
    }
    expect(values.service.spec.externalTrafficPolicy).toBe('Local');
    expect(values.service.annotations['kube-vip.io/loadbalancerIPs']).toBe('192.168.0.41');
  });

  test('trusted proxies become --entrypoints.<name>.forwardedHeaders.trustedIPs=<a,b> per port (_podtemplate.tpl)', () => {
    const lines = text(templates.entrypoints);
    expect(lines).toMatch(/range \$(entrypoint|name), \$config := \$\.Values\.ports/);
    expect(lines).toMatch(/forwardedHeaders\.trustedIPs=\{\{ join "," \$config\.forwardedHeaders\.trustedIPs \}\}/);
    for (const port of ['web', 'websecure']) {
      expect(values.ports[port].forwardedHeaders).toEqual({ trustedIPs: ['192.168.0.5', '10.8.0.0/24'] });
    }
    // PROXY protocol is a key of its own, which this project leaves alone (docs/client-ip.md).
    expect(lines).toMatch(/proxyProtocol\.trustedIPs=/);
    expect(JSON.stringify(values.ports)).not.toContain('proxyProtocol');
  });

  test('affinity is rendered as given, through tpl (_podtemplate.tpl), so it must hold no template braces', () => {
    expect(text(templates.affinity)).toContain('tpl (toYaml .Values.affinity) . | nindent 8');
    expect(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists' }] },
      { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] },
    ]);
    expect(values.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      {
        labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik', 'app.kubernetes.io/instance': 'traefik-kube-system' } },
        topologyKey: 'kubernetes.io/hostname',
      },
    ]);
    expect(stringify(values.affinity)).not.toContain('{{');
  });

  test('the rollout strategy is read from updateStrategy (deployment.yaml)', () => {
    expect(text(templates.updateStrategy)).toContain('.Values.updateStrategy');
    expect(values.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  });

  test('one replica: the node affinity only, the chart keeps its own rollout', () => {
    const one = traefikValues(clientIp(chart, 1)) as any;
    expect(Object.keys(one.affinity)).toEqual(['nodeAffinity']);
    expect(one.updateStrategy).toBeUndefined();
  });

  test('Cluster: no placement at all, the policy still written', () => {
    const cluster = traefikValues({ ...clientIp(chart), externalTrafficPolicy: 'Cluster', trustedProxies: [] }) as any;
    expect(cluster.affinity).toBeUndefined();
    expect(cluster.updateStrategy).toBeUndefined();
    expect(cluster.service.spec.externalTrafficPolicy).toBe('Cluster');
    expect(cluster.ports).toEqual({ web: expect.not.objectContaining({ forwardedHeaders: expect.anything() }) });
  });
});

describe('every vendored values schema accepts the client-IP values (root and port entries are closed from v39)', () => {
  test.each(['34.2.0', '37.1.0', '38.0.2', '39.0.7', '40.3.0', '41.3.0'])('chart %s', (chart) => {
    const schema = traefikValuesSchema(chart)!;
    const settings = { ...clientIp(chart), leaseName: 'kubevip-shared-192-168-0-41', values: { logs: { access: { enabled: true } } } };
    expect(checkTraefikValues(schema, traefikValues(settings))).toEqual([]);
  });

  test('the check is live: misspelt placement and entrypoint keys are refused where the schema is closed', () => {
    const schema = traefikValuesSchema('41.3.0')!;
    const good = traefikValues(clientIp('41.3.0')) as any;
    const bad = {
      ...good,
      updateStrategy: { type: 'RollingUpdate', rollingUpdat: { maxUnavailable: 1 } },
      ports: { ...good.ports, websecure: { forwardedHeader: { trustedIPs: ['192.168.0.5'] } } },
    };
    expect(checkTraefikValues(schema, bad).map((v) => v.path.join('.'))).toEqual([
      'ports.websecure.forwardedHeader',
      'updateStrategy.rollingUpdat',
    ]);
  });
});
