import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { K3sVipCluster, LoadBalancerService } from '../src/index';
import { runCheck } from '../src/check';
import { wiring } from '../src/main';
import { LOCK_FILE, withFolderLock } from '../src/output/lock';
import { runSynth } from '../src/synth';
import { chart, configErrors, DEV_YAML, devConfig, refusalOf, withChanges } from './helpers';

/**
 * Attack round 35b-4, 35b-9 and 35b-11: port names a Service lists twice, the lock breaker's file left by a kill,
 * and another file in K3s' manifests folder declaring an object `k3s:install` installs.
 */

const lb = (ports: unknown[]) => ({ name: 'app', selector: { app: 'x' }, ips: ['192.168.0.42'], ports });
const withLb = (ports: unknown[]) => withChanges(devConfig(), { loadBalancers: [lb(ports)] });
const doors = {
  config: (ports: unknown[]) => configErrors(withLb(ports)).join('\n'),
  cluster: (ports: unknown[]) => refusalOf(() => new K3sVipCluster(new App(), 'c', withLb(ports))),
  construct: (ports: unknown[]) => refusalOf(() => new LoadBalancerService(chart(), 's', lb(ports) as never)),
};

describe('35b-4: the ports of a loadBalancers Service as the API server takes them', () => {
  test.each([
    [
      'a name twice',
      [
        { name: 'a', port: 8080 },
        { name: 'a', port: 8081 },
      ],
      'ports[1].name',
      /"a" is also the name of .*ports\[0\]; the API server refuses/,
    ],
    [
      'a name twice, other protocols',
      [
        { name: 'dns', port: 53 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
      'ports[1].name',
      /"dns" is also the name of .*ports\[0\]/,
    ],
    [
      'the third repeats the first',
      [
        { name: 'a', port: 1 },
        { name: 'b', port: 2 },
        { name: 'a', port: 3 },
      ],
      'ports[2].name',
      /"a" is also the name of .*ports\[0\]/,
    ],
    [
      'a port number twice',
      [
        { name: 'a', port: 8080 },
        { name: 'b', port: 8080 },
      ],
      'ports[1].port',
      /8080\/TCP is listed twice/,
    ],
    ['a missing name among several', [{ name: 'a', port: 8080 }, { port: 8081 }], 'ports[1]', /has no name/],
    ['a name that is not an IANA service name', [{ name: 'a_b', port: 8080 }], 'ports[0].name', /"a_b" is not a port name/],
  ])('%s: refused by the config, K3sVipCluster and LoadBalancerService', (_, ports, key, why) => {
    const at = key.replace(/[.[\]]/g, '\\$&');
    expect(doors.config(ports)).toMatch(new RegExp(`loadBalancers\\[0\\]\\.${at}: ${why.source}`));
    expect(doors.cluster(ports)).toMatch(new RegExp(`loadBalancers\\[0\\]\\.${at}:? ${why.source}`));
    expect(doors.construct(ports)).toMatch(new RegExp(`${at}:? ${why.source}`));
  });

  test.each([
    [
      'two names',
      [
        { name: 'a', port: 8080 },
        { name: 'b', port: 8081 },
      ],
    ],
    ['one port, no name', [{ port: 8080 }]],
    [
      'one number on TCP and UDP',
      [
        { name: 'dns-tcp', port: 53 },
        { name: 'dns-udp', port: 53, protocol: 'UDP' },
      ],
    ],
  ])('control: %s is accepted by every door', (_, ports) => {
    expect(doors.config(ports)).toBe('');
    expect(doors.cluster(ports)).toBe('');
    expect(doors.construct(ports)).toBe('');
  });
});

describe('35b-9: a lock breaker left by a killed run', () => {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-breaker-'));
  const owner = (pid: number) => `${JSON.stringify({ pid, host: hostname(), holder: 'synth', since: new Date().toISOString() })}\n`;
  const aged = (path: string, seconds: number) =>
    utimesSync(path, new Date(Date.now() - seconds * 1000), new Date(Date.now() - seconds * 1000));
  const NOTE = 'left by a run that was stopped while taking over a stale lock';
  let n = 0;

  /** A folder holding only a breaker (no lock beside it); the folder, the breaker's path and the notes of one locked run. */
  function lockedRun(text: string, ageSeconds: number) {
    const folder = join(root, `f${n++}`);
    mkdirSync(folder);
    const breaker = join(folder, `${LOCK_FILE}.break`);
    writeFileSync(breaker, text);
    aged(breaker, ageSeconds);
    const notes: string[] = [];
    withFolderLock(folder, { holder: 'synth', waitMs: 0, onStale: (note) => notes.push(note) }, () => undefined);
    return { breaker, notes, left: existsSync(breaker) };
  }

  test.each([
    ['its owner no longer runs', owner(999_999), 0],
    ["an older release's bare pid, 60 s old", '1', 60],
    ['an empty one (killed while filling it), 60 s old', '', 60],
  ])('%s: the next run under the lock removes it, with a note', (_, text, age) => {
    const { breaker, notes, left } = lockedRun(text, age);
    expect(left).toBe(false);
    expect(notes).toEqual([`removed ${breaker}, ${NOTE}`]);
  });

  test.each([
    ['its owner is this live process', owner(process.pid), 60],
    ['a bare pid written just now (a live run between its steps)', '1', 0],
    ['an empty one just created (being filled in)', '', 0],
  ])('control: %s: left alone, no note', (_, text, age) => {
    const { notes, left } = lockedRun(text, age);
    expect(left).toBe(true);
    expect(notes).toEqual([]);
  });

  test("synth and check: each removes a dead run's breaker in dist/ and says so; check then passes", () => {
    const [config, dist] = ['config', 'dist'].map((name) => join(root, name));
    mkdirSync(config);
    writeFileSync(join(config, 'c.yaml'), DEV_YAML);
    const log = (lines: string[]) => (l: string) => lines.push(l);
    const synth = (lines: string[]) =>
      runSynth({ configDir: config, distDir: dist, wiring, log: log(lines), out: () => undefined, dryRun: false });
    expect(synth([])).toBe(0);
    const breaker = join(dist, `${LOCK_FILE}.break`);
    for (const run of [synth, (lines: string[]) => runCheck(config, dist, log(lines))]) {
      writeFileSync(breaker, owner(999_999));
      const lines: string[] = [];
      expect(run(lines)).toBe(0);
      expect(lines.filter((l) => l.startsWith('note: '))).toEqual([`note: removed ${breaker}, ${NOTE}`]);
      expect(existsSync(breaker)).toBe(false);
    }
  });
});
