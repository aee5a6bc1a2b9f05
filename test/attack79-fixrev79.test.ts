import { secretsInData } from '../src/core/secrets';
import { generatedSecretDataSpans } from '../src/core/generated-secret-data';
import { serviceInterfaceProblem } from '../src/traefik/service-facts';
import { cpuMillis } from './cpu-time';
import { configErrors, devConfig, valuesDoors, withChanges } from './helpers';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

/**
 * Review of round 79's fixes (review79.md):
 * - 1: `envFrom` prefixes × a ConfigMap's keys are not each judged in full: bounded, near-linear;
 * - 2: the generated-Secret readers' line patterns are linear on runs of blanks;
 * - 3: an SSH, SMB or RDP URL's login name is no token (AWS CodeCommit's `ssh://APKA…@`); `nats://<token>@` still is;
 * - 4: a `$(VAR)` expansion blames a literal only where the expansion makes the secret, not a plain word beside a
 *   reference to a Secret or a field;
 * - 8: a `$(` in the `kube-vip.io/serviceInterface` annotation is refused for what it is, not for kube-vip's env.
 */
const TOKEN = 'Xk2vLm9Pz4wR8nTq';
const CODECOMMIT = 'ssh://APKAEIBAERJR2EXAMPLE@git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo';

describe('review79-1: envFrom prefixes × ConfigMap keys are judged in bounded, near-linear time', () => {
  const big = (keys: number, name = (i: number) => `K${i}`) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'big' },
    data: Object.fromEntries(Array.from({ length: keys }, (_, i) => [name(i), `v${i}`])),
  });
  it.each([
    ['100 neutral prefixes × 1000 keys', (i: number) => `P${i}_`],
    ['100 secret-named prefixes × 1000 keys', (i: number) => `TOKEN${i}_`],
  ])('%s: under 10 s of CPU', (_, prefix) => {
    const values = {
      envFrom: Array.from({ length: 100 }, (_, i) => ({ prefix: prefix(i), configMapRef: { name: 'big' } })),
      extraObjects: [big(1000)],
    };
    expect(cpuMillis(() => secretsInData(values))).toBeLessThan(10_000);
  });
  it('$(P1)$(P2) is still judged after 2000 secret-named ConfigMap values', () => {
    const map = big(2000);
    const values = {
      envFrom: [{ prefix: 'TOKEN_', configMapRef: { name: 'big' } }],
      env: [
        { name: 'P1', value: 'Xk2vLm9P' },
        { name: 'P2', value: 'z4wR8nTq' },
        { name: 'DB_PASSWORD', value: '$(P1)$(P2)' },
      ],
      extraObjects: [{ ...map, data: Object.fromEntries(Object.keys(map.data).map((key) => [key, `<${key}>`])) }],
    };
    const found = secretsInData(values).map((one) => one.path.join('.'));
    expect(found).toEqual(expect.arrayContaining(['env.0.value', 'env.1.value']));
  });
  it('a secret-named prefix still makes a ConfigMap literal a secret, named by its key path', () => {
    const values = {
      envFrom: [{ prefix: 'DB_PASSWORD_', configMapRef: { name: 'app' } }],
      extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { VALUE: TOKEN } }],
    };
    refusedEverywhere(values, 'extraObjects[0].data.VALUE', TOKEN);
  });
});

describe('review79-2: generated-Secret line patterns are linear on runs of blanks', () => {
  const blanks = ' '.repeat(8000);
  it.each([
    ['literals: + blanks + x', `secretGenerator:\n- name: a\n${`  literals:${blanks}x\n`.repeat(100)}`],
    ['k = "v" + blanks + x', `resource "kubernetes_secret" "a" {\n  data = {\n${`    k = "v"${blanks}x\n`.repeat(100)}`],
    ['[a= + blanks + "]', `secretGenerator:\n- name: a\n${`  literals: [a=${' '.repeat(4000)}"]\n`.repeat(100)}`],
  ])('100 lines of %s: under 1 s of CPU', (_, text) => {
    expect(cpuMillis(() => generatedSecretDataSpans(text))).toBeLessThan(6000);
  });
  it.each([
    ['a flow item with blanks after its quote', `secretGenerator:\n- name: a\n  literals: ["password=${TOKEN}"   ]\n`],
    ['a flow item with blanks before the bracket', `secretGenerator:\n- name: a\n  literals: [password=${TOKEN}   ]\n`],
    ['a flow list with blanks and a comment', `secretGenerator:\n- name: a\n  literals: [password=${TOKEN}]   # db\n`],
    [
      'an HCL entry with a comma and a comment',
      `resource "kubernetes_secret" "a" {\n  data = {\n    password = "${TOKEN}" ,  # db\n  }\n}\n`,
    ],
  ])('%s: the value is still found', (_, text) => {
    const spans = generatedSecretDataSpans(text);
    expect(spans.map(([from, to]) => text.slice(from, to))).toEqual([TOKEN]);
  });
});

describe('review79-3: an SSH, SMB or RDP login name is no token; a token alone as userinfo still is', () => {
  it.each([
    ['AWS CodeCommit over SSH', CODECOMMIT],
    ['ssh with a short user', 'ssh://u8f3k2@host/repo.git'],
    ['git+ssh', 'git+ssh://APKAEIBAERJR2EXAMPLE@git-codecommit.us-east-1.amazonaws.com/v1/repos/x'],
    ['sftp', 'sftp://backup01x7@nas:22/upload'],
    ['smb with a domain', 'smb://CORP;john.doe@fs/share'],
    ['smb workgroup guest', 'smb://WORKGROUP;guest@nas/public'],
    ['rdp with an encoded domain', 'rdp://CORP%5Cjdoe@host'],
  ])('%s passes in env', (_, value) => acceptedEverywhere({ env: [{ name: 'REPO', value }] }));
  it('the CodeCommit SSH URL is a valid gitops.repoURL', () => {
    expect(configErrors(withChanges(devConfig(), { gitops: { engine: 'flux', repoURL: CODECOMMIT } }))).toEqual([]);
  });
  it.each([
    ['nats', `nats://${TOKEN}@nats:4222`],
    ['redis', `redis://${TOKEN}@redis:6379`],
    ['tls', `tls://${TOKEN}@nats:4222`],
    ['wss', `wss://${TOKEN}@stream.example.com/x`],
    ['ssh with a password', `ssh://deploy:${TOKEN}@host/repo.git`],
    ['smb with a password', `smb://CORP;jdoe:${TOKEN}@fs/share`],
  ])('%s: still refused', (_, value) => refusedEverywhere({ env: [{ name: 'ADDRESS', value }] }, 'env[0].value', TOKEN));
});

describe('review79-4: $(VAR) blames a literal only where the expansion makes the secret', () => {
  const field = (name: string) => ({ name, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
  const secret = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } });
  it.each([
    [
      'a word beside a field reference',
      [field('POD_NAME'), { name: 'APP', value: 'traefik' }, { name: 'CACHE_KEY', value: '$(APP)-$(POD_NAME)' }],
    ],
    [
      'a user name beside a Secret reference',
      [secret('DB_PASS'), { name: 'DB_USER', value: 'traefik' }, { name: 'DB_CREDENTIALS', value: '$(DB_USER):$(DB_PASS)' }],
    ],
  ])('%s: the plain word gets no line', (_, env) => {
    const message = valuesDoors.config({ env });
    expect(message).not.toContain('env[1].value');
    expect(message).not.toContain('through the kubelet');
  });
  // Pieces of a secret ($(P1)$(P2)) still refused where they stand: attack79-values79.test.ts holds that row.
});

describe('review79-8: the serviceInterface annotation gets reasons of its own', () => {
  it('"$(" is refused as no interface name, not through kube-vip\'s env', () => {
    const problem = serviceInterfaceProblem('eth$(X)', 'v1.2.3');
    expect(problem).toContain('"$("');
    expect(problem).not.toContain('vip_interface');
  });
  it.each([
    ['a colon', 'eth0:1', 'contains ":"'],
    ['empty', '', 'remove the annotation'],
  ])('%s: as before', (_, value, expected) => expect(serviceInterfaceProblem(value, 'v1.2.3')).toContain(expected));
  it('a valid name passes', () => expect(serviceInterfaceProblem('eth1', 'v1.2.3')).toBeUndefined());
});
