import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE } from './bad-configs';
import * as format from '../src/config/formats';
import { formatDiagnostic, loadConfigDir, parseConfigText } from '../src/config/load';

/**
 * Object names by Kubernetes' own rule, and length named as the problem where it is one (attack round 3, F18):
 * IsDNS1123Subdomain has no limit per dot-separated part; a name that also lands in a label value (63) is
 * checked for that on its own, at config validation.
 */
const HDR =
  'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik: {loadBalancerIPs: [192.168.0.41]}\n';
const a = (n: number) => 'a'.repeat(n);

describe('a DNS-1123 subdomain is what IsDNS1123Subdomain accepts', () => {
  test.each<[string, string]>([
    ['a part of 64 characters', a(64)],
    ['a part of 100 characters', a(100)],
    ['253 characters with dots', `${a(100)}.${a(100)}.${a(51)}`],
    ['253 characters in one part', a(253)],
    ['digits and dashes inside', '0-a.b-1'],
  ])('accepted: %s', (_, name) => {
    expect(format.dns1123Subdomain(name)).toBeUndefined();
  });

  test.each<[string, string, string]>([
    ['254 characters', a(254), `"${a(60)}"... (254 characters) is 254 characters, at most 253`],
    [
      'a leading dash',
      '-a',
      `"-a" is not a valid name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit`,
    ],
    [
      'an empty part',
      'a..b',
      `"a..b" is not a valid name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit`,
    ],
    [
      'a trailing dot',
      'a.',
      `"a." is not a valid name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit`,
    ],
    [
      'a part ending in a dash',
      'a-.b',
      `"a-.b" is not a valid name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit`,
    ],
  ])('refused: %s', (_, name, message) => {
    expect(format.dns1123Subdomain(name)).toBe(message);
  });

  test('an Ingress name of 100 characters is accepted (Kubernetes takes it)', () => {
    const text = `${HDR}ingresses:\n  - {name: ${a(100)}, host: a.example.com, service: s, port: 80}\n`;
    expect(parseConfigText(FILE, text).errors).toEqual([]);
  });

  test('an Ingress name of 254 characters is refused, naming the length', () => {
    const text = `${HDR}ingresses:\n  - {name: ${a(254)}, host: a.example.com, service: s, port: 80}\n`;
    expect(parseConfigText(FILE, text).errors.map(formatDiagnostic)).toEqual([
      `${FILE}:4:12: ingresses[0].name: "${a(60)}"... (254 characters) is 254 characters, at most 253`,
    ]);
  });
});

describe('when length is the problem, the message says "is N characters, at most M"', () => {
  test.each<[string, format.FormatCheck, string, string]>([
    ['DNS-1123 label', format.dns1123Label, a(64), `"${a(64)}" is 64 characters, at most 63`],
    ['DNS-1035 label', format.dns1035Label, a(64), `"${a(64)}" is 64 characters, at most 63`],
    ['label value', format.labelValue, a(64), `"${a(64)}" is 64 characters, at most 63 in a label value`],
    [
      'label key name',
      format.labelKey,
      `example.com/${a(64)}`,
      `"example.com/${a(64)}": the name after the prefix is 64 characters, at most 63`,
    ],
    ['interface', format.interfaceName, 'enp0s31f6-uplink', '"enp0s31f6-uplink" is 16 characters, at most 15 in a Linux interface name'],
    ['host', format.ingressHost, `${a(200)}.${a(60)}.com`, `"${a(60)}"... (265 characters) is 265 characters, at most 253 in a host name`],
    // A Secret reference's key is never quoted: a password may have been pasted there (42a-8).
    [
      'secret key',
      format.secretKey,
      a(254),
      'is 254 characters, at most 253 for a key of a Secret (the value is not shown: a password may have been pasted here)',
    ],
  ])('%s', (_, check, value, message) => {
    expect(check(value)).toBe(message);
  });

  test.each<[string, format.FormatCheck, string]>([
    ['DNS-1123 label at 63', format.dns1123Label, a(63)],
    ['label value at 63', format.labelValue, a(63)],
    ['label key name at 63', format.labelKey, `example.com/${a(63)}`],
    ['interface at 15', format.interfaceName, 'enp0s31f6-uplin'],
  ])('the other side of the bound: %s', (_, check, value) => {
    expect(check(value)).toBeUndefined();
  });
});

describe('a cluster name too long for its GitOps objects is caught at config validation, naming the file', () => {
  const ISSUERS = 'certManager:\n  issuers: {le: {email: ops@example.com}}\n';
  const gitops = (engine: string) => `gitops: {engine: ${engine}, repoURL: https://git.example.com/infra.git}\n`;
  const run = (name: string, text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-names-'));
    try {
      writeFileSync(join(dir, `${name}.yaml`), text);
      return loadConfigDir(dir).errors.map((e) => formatDiagnostic({ ...e, file: e.file.slice(dir.length + 1) }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const FLUX = 'the Flux Kustomization';
  const ARGO = 'the Argo CD Application';
  test.each<[string, string, string, string | undefined]>([
    ['Flux, 55 characters', a(55), gitops('flux'), undefined],
    [
      'Flux, 56 characters',
      a(56),
      gitops('flux'),
      `${FLUX} "k3s-vip-aaaaaaaaaaaa…aaaaaaaaaaaa", whose name Flux writes into the label kustomize.toolkit.fluxcd.io/name of every object it applies: it is 64 characters, at most 63: rename the file to at most 55 characters before .yaml`,
    ],
    ['Flux with ClusterIssuers (a -deferred Kustomization), 46 characters', a(46), `${gitops('flux')}${ISSUERS}`, undefined],
    [
      'Flux with ClusterIssuers, 47 characters',
      a(47),
      `${gitops('flux')}${ISSUERS}`,
      `${FLUX} "k3s-vip-aaaaaaaaaaaa…aaa-deferred", whose name Flux writes into the label kustomize.toolkit.fluxcd.io/name of every object it applies: it is 64 characters, at most 63: rename the file to at most 46 characters before .yaml`,
    ],
    ['Argo CD, 55 characters', a(55), gitops('argocd'), undefined],
    [
      'Argo CD, 60 characters',
      a(60),
      gitops('argocd'),
      `${ARGO} "k3s-vip-aaaaaaaaaaaa…aaaaaaaaaaaa", whose name Argo CD writes into the label app.kubernetes.io/instance (label tracking) of every object it applies: it is 68 characters, at most 63: rename the file to at most 55 characters before .yaml`,
    ],
    ['no GitOps, 63 characters', a(63), '', undefined],
  ])('%s', (_, name, extra, problem) => {
    expect(run(name, `${HDR}${extra}`)).toEqual(problem ? [`${name}.yaml: gitops: the cluster name (the file name) gives ${problem}`] : []);
  });
});
