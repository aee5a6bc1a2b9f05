// Round 73 (small73): a device, FIFO or socket given as the output folder, the K3s manifests folder or the lock path is
// named as one and never advised to be moved (72b-7); a key's wrong kind beside another rule's message on the same key
// (71b-15) is a todo; an HMAC's key under `WEBHOOK_HMAC`-style
// names is refused unshown, an algorithm's name and code's `Hmac` words pass.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkManifestsFolder } from '../src/k3s/install-apply';
import { LOCK_FILE, withFolderLock } from '../src/output/lock';
import { outputFolder, unreadableOutputFolder } from '../src/output/output-folder';
import { clusterRefusal, configErrors, devConfig, withChanges } from './helpers';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';

const scratch = mkdtempSync(join(tmpdir(), 'attack73-small73-'));
const fifo = join(scratch, 'fifo');
const socketPath = join(scratch, 'sock');
const regular = join(scratch, 'file');
let server: Server;
beforeAll(async () => {
  execFileSync('mkfifo', [fifo]);
  writeFileSync(regular, 'x');
  server = createServer();
  await new Promise<void>((done) => server.listen(socketPath, done));
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(scratch, { recursive: true, force: true });
});

const thrown = (run: () => unknown): string => {
  try {
    run();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};
const MOVE = /move it away|move it|remove it, then/;

describe('72b-7: a special file given as a folder is named as one, and no advice moves it', () => {
  test.each<[string, () => string, RegExp]>([
    ['/dev/null as dist/', () => '/dev/null', /^\/dev\/null is a device, not a folder: point K3S_VIP_DIST_DIR at a folder$/],
    ['a FIFO as dist/', () => fifo, /fifo is a FIFO, not a folder: point K3S_VIP_DIST_DIR at a folder$/],
    ['a socket as dist/', () => socketPath, /sock is a socket, not a folder: point K3S_VIP_DIST_DIR at a folder$/],
    [
      'a folder below /dev/null',
      () => '/dev/null/dist',
      /^\/dev\/null\/dist is below \/dev\/null, which is a device, not a folder: point K3S_VIP_DIST_DIR at a folder$/,
    ],
    ['two folders below /dev/null', () => '/dev/null/a/b', /is below \/dev\/null, which is a device/],
    ['a folder below a FIFO', () => join(fifo, 'x'), /is below .*fifo, which is a FIFO, not a folder/],
  ])('%s: synth, check and validate say so', (_, dir, said) => {
    const synthSaid = thrown(() => outputFolder(dir(), true));
    expect(synthSaid).toMatch(said);
    expect(synthSaid).not.toMatch(MOVE);
    expect(unreadableOutputFolder(dir())).toBe(synthSaid);
  });

  test('neighbour: a regular file as dist/ is still told to be moved away', () => {
    expect(thrown(() => outputFolder(regular, true))).toMatch(
      /file is a file, not a folder: move it away or point K3S_VIP_DIST_DIR elsewhere$/,
    );
  });

  test('neighbour: a folder as dist/ is taken', () => {
    const dir = join(scratch, 'dist-ok');
    expect(outputFolder(dir, true).dir).toBe(dir);
  });

  test('a link to /dev/null as dist/ names the device and advises only the link', () => {
    const link = join(scratch, 'to-null');
    execFileSync('ln', ['-s', '/dev/null', link]);
    expect(thrown(() => outputFolder(link, true))).toMatch(/to-null is a symbolic link to a device: point it at a folder, or remove it$/);
  });

  test.each<[string, () => string, RegExp]>([
    ['/dev/null', () => '/dev/null', /^--dir "\/dev\/null": is a device, not a folder; expected the K3s manifests folder$/],
    ['a FIFO', () => fifo, /: is a FIFO, not a folder; expected the K3s manifests folder$/],
    ['a socket', () => socketPath, /: is a socket, not a folder; expected the K3s manifests folder$/],
    [
      'a folder below /dev/null',
      () => '/dev/null/manifests',
      /^--dir "\/dev\/null\/manifests": "\/dev\/null", a part of its path, is a device, not a folder; expected the K3s manifests folder$/,
    ],
    ['neighbour: a regular file', () => regular, /: is a file; expected the K3s manifests folder$/],
    ['neighbour: a folder below a regular file', () => join(regular, 'm'), /: a part of its path is a file, not a folder; expected/],
  ])('k3s:install --dir naming %s', (_, dir, said) => {
    expect(thrown(() => checkManifestsFolder(dir()))).toMatch(said);
  });

  const lockIn = (make: (at: string) => void) => {
    const folder = mkdtempSync(join(scratch, 'lock-'));
    make(join(folder, LOCK_FILE));
    return thrown(() => withFolderLock(folder, { holder: 'synth', waitMs: 0 }, () => 'ran'));
  };
  test.each<[string, (at: string) => void, RegExp]>([
    [
      'a FIFO',
      (at) => execFileSync('mkfifo', [at]),
      /is a FIFO, where synth .*lock file .*: delete it if it was made there, or choose another folder$/,
    ],
    ...(process.getuid?.() === 0
      ? [
          [
            'a device (mknod, as root)',
            (at: string) => execFileSync('mknod', [at, 'c', '1', '3']),
            /is a device, where synth .*: delete it if/,
          ] as [string, (at: string) => void, RegExp],
        ]
      : []),
    ['neighbour: a folder', (at) => mkdirSync(at), /is a folder, where synth .*: move it away and run again$/],
  ])('the lock path holding %s', (_, make, said) => {
    expect(lockIn(make)).toMatch(said);
  });
  test('neighbour: no lock there, the work runs', () => {
    const folder = mkdtempSync(join(scratch, 'lock-'));
    expect(withFolderLock(folder, { holder: 'synth', waitMs: 0 }, () => 'ran')).toBe('ran');
  });
});

describe("71b-15: a key's wrong kind and another rule's message on the same key", () => {
  const acme = { certResolvers: { le: { email: 'a@example.org', challenge: 'tls' } } };
  const scaling = (enabled: unknown, maxReplicas: unknown = 3) => ({ values: { autoscaling: { enabled, maxReplicas } } });
  const KIND = 'traefik.values.autoscaling.enabled: is a string, but the values schema of Traefik chart v39.0.7 expects boolean';
  const SCALES = 'traefik.values.autoscaling.enabled: scales Traefik to 3 pods, but the ACME resolvers (le)';
  const errorsOf = (traefik: object) =>
    configErrors(withChanges(devConfig(), { traefik })).map((line) => line.replace(/^config\/t\.yaml: /, ''));
  test.each<[string, object, string[], string[]]>([
    ['neighbour: true beside an ACME resolver: the ACME one', { ...acme, ...scaling(true) }, [SCALES], [KIND]],
    ['neighbour: "true" alone: the kind', scaling('true'), [KIND], [SCALES]],
  ])('config and cluster: %s', (_name, traefik, expected, unexpected) => {
    const errors = errorsOf(traefik);
    for (const line of expected) expect(errors.filter((error) => error.startsWith(line))).toHaveLength(1);
    for (const line of unexpected) expect(errors.join('\n')).not.toContain(line);
    const refusal = clusterRefusal(traefik);
    for (const line of expected) expect(refusal).toContain(line.slice(line.indexOf(': ') + 2));
  });

  test('a quoted maxReplicas keeps its own line beside the ACME one', () => {
    const errors = errorsOf({ ...acme, ...scaling(true, '3') });
    expect(errors.filter((error) => error.startsWith('traefik.values.autoscaling.maxReplicas:'))).toHaveLength(1);
    expect(errors.filter((error) => error.startsWith(SCALES))).toHaveLength(1);
  });

  test.each<[string, object, RegExp]>([
    ['hostNetwork 1 (its rule says "not a boolean")', { hostNetwork: 1 }, /is 1, not a boolean/],
    ['hostNetwork "false" (its rule says "without quotes")', { hostNetwork: 'false' }, /write false, without quotes/],
    ['priorityClassName 5 (its rule says "not a text")', { priorityClassName: 5 }, /a number, not a text/],
  ])('a rule that already says the kind stands alone: %s', (_, values, said) => {
    const key = Object.keys(values)[0];
    const errors = errorsOf({ values }).filter((error) => error.startsWith(`traefik.values.${key}:`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(said);
  });

  // 71b-15 stays open: the kind verdict beside every other rule's message broke the one-message rows of values-kubernetes,
  // attack48-ping48, one-message and review38-rules; which messages may stand together needs a mark on the rules.
  test.todo('"true" or "false" beside an ACME resolver: the kind and the ACME message, at every door');
});

describe('WEBHOOK_HMAC: an HMAC key under its name is refused unshown; an algorithm and code pass', () => {
  const HEX = '8f14e45fceea167a5a36dedd4bea2543b1f7c9e2';
  const B64 = 'c2VjcmV0LWtleS1mb3ItaG1hYw==';
  const MIXED = 'Xk9mPq2vLr8wTn4bYc7HdJf6';
  const env = (name: string, value: string) => ({ env: [{ name, value }] });
  test.each([
    ['WEBHOOK_HMAC', HEX],
    ['GITHUB_HMAC', B64],
    ['webhookHmac', MIXED],
    ['WEBHOOK_HMAC_HEX', HEX],
    ['HMAC', MIXED],
    ['HMAC_KEY', HEX],
    ['hmac_secret', MIXED],
    ['STRIPE_WEBHOOK_HMAC', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
  ])('env %s holding a key is refused', (name, value) => refusedEverywhere(env(name, value), 'env[0]', value));
  test.each([
    ['hmac: <generated>', `hmac: ${MIXED}`, MIXED],
    ['WEBHOOK_HMAC= in a .env text', `WEBHOOK_HMAC=${HEX}`, HEX],
    ['webhook: {hmac: <key>}', `webhook:\n  hmac: "${B64}"`, B64],
  ])('ConfigMap text: %s is refused', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));

  test.each([
    ['WEBHOOK_HMAC', 'sha256'],
    ['WEBHOOK_HMAC', 'hmac-sha256'],
    ['WEBHOOK_HMAC', 'HmacSHA256'],
    ['WEBHOOK_HMAC', 'HS256'],
    ['HMAC', 'SHA-256'],
    ['HMAC', 'enabled'],
    ['WEBHOOK_HMAC', '${WEBHOOK_HMAC_SECRET}'],
    ['WEBHOOK_HMAC_FILE', '/run/secrets/webhook-hmac'],
    ['HMAC_ALGORITHM', 'sha512'],
  ])('env %s=%s is accepted', (name, value) => acceptedEverywhere(env(name, value)));
  test.each([
    ['hmac: algorithm', 'hmac: sha256'],
    ['hmac-sha256 in prose', 'Requests are signed with hmac-sha256 over the body.'],
    ['Rust Hmac::<Sha256>::new_from_slice', 'let mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();'],
    [
      'Rust beside an XML text',
      '<secrets><db>${DB_PASSWORD}</db></secrets>\nlet mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();',
    ],
    ['a variable named hmac built in code', 'var hmac = Hmac(sha256, key);'],
    ['an ACME EAB reference', 'hmacEncoded: ${EAB_HMAC}'],
  ])('ConfigMap text: %s is accepted', (_, text) => acceptedEverywhere(textConfigMap(text)));
});
