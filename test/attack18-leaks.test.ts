import { redact, secretShape } from '../src/core/secret-shapes';
import { secretsInData } from '../src/core/secrets';
import { configErrors, withTraefikValues } from './helpers';

/**
 * Attack round 18a F1 (a `key: value` secret after other words in one line of text) and F6 (`user:password@host`
 * as a path's segment). SEKRIT marks what no finding may miss and no message may show.
 */
const S = 'hunter2SEKRIT';

describe('F1: a secret set after other words in one line of text', () => {
  test.each([
    [`root password: ${S}`],
    [`admin password: ${S}`],
    [`login admin password: ${S}`],
    [`the password: ${S}`],
    [`x password: ${S}`],
    [`% password: ${S}`],
    [`50% password: ${S}`],
    [`db password = ${S}`],
    [`db password = ${S}, then restart`],
    [`db password: ${S}; user: bob`],
    [`set the password: ${S}.`],
    [`db password = "${S} two words"`],
    [`--metrics.influxdb2.additionalLabels.note=root password: ${S}`],
    [`the root password: ${S} is set`],
    [`admin token = ${S} (rotate monthly)`],
  ])('%s is found', (text) => {
    const [found] = secretsInData({ note: text });
    expect(found?.path).toEqual(['note']);
    expect(found.value).toContain(S);
    expect(redact(`quoted: ${text}`, [found.value])).not.toContain(S);
  });

  test.each([
    ['prose after the value', 'the password: see the Secret named db-credentials'],
    ['a reference', 'use the password: $(DB_PASSWORD)'],
    ['a switch', 'the token = true'],
    ['a key not named like a secret', 'the user: bob'],
    ['a question', 'where is the token: in a Secret?'],
    ['a colon in prose', 'Token handling: see the README, section 4'],
    ['a short word with a digit in prose', 'the token: K8s is fine'],
  ])('control: %s is none', (_, text) => {
    expect(secretsInData({ note: text })).toEqual([]);
  });

  test('a pod annotation through traefik.values is refused, and no message shows it', () => {
    const errors = configErrors(withTraefikValues({ deployment: { podAnnotations: { note: `root password: ${S}` } } })).join('\n');
    expect(errors).toContain('traefik.values.deployment.podAnnotations.note');
    expect(errors).not.toContain(S);
  });
});

describe('F6: user:password@host as a segment of a path', () => {
  test.each([
    [`/mnt/bob:${S}@nas.example/x`],
    [`x/bob:${S}@host.example`],
    [`../bob:${S}@h.yaml`],
    [`/tmp/bob:${S}@h/out`],
    [`https://example.com/a:${S}@c`],
  ])('%s is a URL with credentials', (text) => {
    expect(secretShape(text)).toBe('a URL with credentials');
    expect(redact(`the folder ${text} is missing`)).not.toContain(S);
  });

  test.each([
    ['an image pinned by digest after a path', 'ghcr.io/kube-vip/kube-vip:v0.8.2@sha256:0123'],
    ['a Traefik middleware reference', 'kube-system/redirect@kubernetescrd'],
    ['an SSH Git remote', 'git@github.com:me/infra.git'],
    ['a path with @ but no colon', '/srv/backup@2026/x'],
  ])('control: %s is none', (_, text) => {
    expect(secretShape(text)).toBeUndefined();
  });
});
