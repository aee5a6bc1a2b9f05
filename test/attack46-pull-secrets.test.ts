import { stringify } from 'yaml';
import { clusterRefusal, devConfig, judgedValues } from './helpers';
import { deploymentOf } from './traefik-fixtures';
import { validateManifests } from '../src/validate/conformance';

/**
 * 46a-7: an `imagePullSecrets` item's name is a Secret's name, judged as every Secret reference's name is: one that looks
 * generated is the password pasted there, refused without being shown (validate/pod-spec-rules.ts, secret-refs.ts).
 */
const PASTED = 'Zq8vTr4pLm7xK2qa';
const GENERATED = /imagePullSecrets\[0\]\.name: looks generated .*\(the value is not shown: a password may have been pasted here\)/;
const side = { name: 'side-0', image: 'busybox:1.36' };
const errorsOf = (values: object) => judgedValues({ image: { tag: 'v3.6.2' }, ...values }, '39.0.7').errors;

test.each<[string, object]>([
  ["Traefik's own pod (deployment.imagePullSecrets)", { deployment: { imagePullSecrets: [{ name: PASTED }] } }],
  ['an extraObjects Deployment', deploymentOf({ containers: [side], imagePullSecrets: [{ name: PASTED }] })],
])('%s: a generated-looking name is refused, never shown', (_, values) => {
  const errors = errorsOf(values);
  expect(errors).toContainEqual(expect.stringMatching(GENERATED));
  expect(errors.join('\n')).not.toContain(PASTED);
});

test('a chosen name is accepted', () => {
  expect(errorsOf({ deployment: { imagePullSecrets: [{ name: 'regcred' }] } })).toEqual([]);
});

test('npm run validate and the cluster construct', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [side], imagePullSecrets: [{ name: PASTED }] },
  };
  const found = validateManifests(new Map([['x/pod.yaml', stringify(pod)]])).map((v) => `${v.field}: ${v.message}`);
  expect(found).toEqual([expect.stringMatching(/^spec\.imagePullSecrets\[0\]\.name: looks generated/)]);
  const refusal = clusterRefusal({
    ...devConfig().traefik,
    chartVersion: '39.0.7',
    values: { deployment: { imagePullSecrets: [{ name: PASTED }] } },
  });
  expect(refusal).toMatch(GENERATED);
  expect(refusal).not.toContain(PASTED);
});
