import { simpleCommands } from '../src/traefik/shell-commands';
import { sidecarProgramProblems } from '../src/traefik/sidecar-programs';
import { ruleDoors } from './rule-doors';

// Round 88b: the second-Traefik reader reads a `trap` action as the script it is (88b-1), the output of a `printf`, a
// `( … )` or a `{ …; }` of echoes piped into a shell (88b-2), and stays bounded when `"$@"` multiplies a parameter's
// words (nested functions, repeated `set -- "$@" "$@"`): a script is judged in well under a second, no crash (88b-3).

const SECOND = 'which runs a second Traefik';
const BUSYBOX = 'busybox:1.36';
const FLAGS = '--entrypoints.web.address=:81';
const sidecar = (container: object) => ({ deployment: { additionalContainers: [{ name: 'side', ...container }] } });
const script = (text: string) => sidecar({ image: BUSYBOX, command: ['sh', '-c', text] });

// [case, traefik.values]: refused at every door, at the sidecar's image.
const REFUSED: Array<[string, object]> = [
  ["88b-1 trap 'traefik' EXIT", script("trap 'traefik' EXIT; exit 0")],
  ['88b-1 trap -- action TERM INT', script(`trap -- "/shared/traefik ${FLAGS}" TERM INT; sleep infinity & wait`)],
  ['88b-1 trap of a function that starts it', script(`start() { exec /shared/traefik ${FLAGS}; }\ntrap start EXIT; exit 0`)],
  ["88b-2 printf '%s\\n' traefik | sh", script("printf '%s\\n' traefik | sh")],
  ["88b-2 printf '%s\\n' with flags, one per line", script(`printf '%s\\n' /shared/traefik ${FLAGS} | sh`)],
  ['88b-2 (echo traefik) | sh', script('(echo traefik) | sh')],
  ['88b-2 { echo traefik; } | sh', script('{ echo traefik; } | sh')],
  ['88b-2 { echo set -e; echo traefik; } | sh', script(`{ echo set -e; echo /shared/traefik ${FLAGS}; } | sh -s`)],
  ['echo traefik | sh still', script('echo traefik | sh')],
  ['printf traefik | sh still', script('printf traefik | sh')],
  [
    '88b-3 neighbour: a function passing "$@" a few times still read',
    script(`f() { g "$@" "$@"; }; g() { "$2" ${FLAGS}; }; f /shared/traefik`),
  ],
  ['88b-3 neighbour: set -- "$@" "$@" once still read', script(`set -- /shared/traefik; set -- "$@" "$@"; exec "$2" ${FLAGS}`)],
];

describe("88b-1, 88b-2: a trap action and a group's or printf's output piped into a shell are read, refused at every door", () => {
  test.each(REFUSED)('%s', (_, values) => {
    const doors = ruleDoors(values);
    const line = doors.errors.find((l) => l.startsWith('traefik.values.deployment.additionalContainers[0].image:') && l.includes(SECOND));
    expect(line).toBeDefined();
    expect(doors.cluster).toContain(SECOND);
    expect(doors.chart).toContain(SECOND);
  });
});

// [case, traefik.values]: no door speaks of a second Traefik.
const PASSES: Array<[string, object]> = [
  ["trap 'pkill traefik' TERM", script("trap 'pkill -TERM traefik' TERM; sleep infinity & wait")],
  ['trap - TERM resets, naming no program', script('trap - TERM; trap 0; sleep infinity')],
  ["trap 'echo traefik stopped' EXIT", script("trap 'echo traefik stopped' EXIT; sleep infinity")],
  ['trap -p lists', script('trap -p; sleep infinity')],
  ["printf '%s\\n' traefik | grep", script("printf '%s\\n' traefik | grep -c traefik; sleep infinity")],
  ['(echo traefik) | logger', script('(echo traefik started) | logger -t side; sleep infinity')],
  ['{ echo traefik; } > file', script('{ echo traefik; echo --ping; } > /tmp/args; sleep infinity')],
  ['(echo traefik); sh -c true: no pipe', script('(echo traefik); sh -c true; sleep infinity')],
  ['{ echo traefik version; } | sh', script('{ echo traefik version; } | sh; sleep infinity')],
];

describe('88b neighbours: realistic sidecars pass', () => {
  test.each(PASSES)('%s', (_, values) => {
    const doors = ruleDoors(values);
    expect(doors.errors.filter((l) => /second Traefik/.test(l))).toEqual([]);
    expect(doors.chart).not.toContain('second Traefik');
    expect(doors.cluster).not.toContain('second Traefik');
  });
});

const AT = '"$@" "$@" "$@" "$@" "$@" "$@" "$@" "$@"';
/** 88b-3: `levels` nested functions, each calling the next with its `"$@"` eight times. */
const nested = (levels: number, last = ':') =>
  [
    'set -- a b c d e f g h',
    ...Array.from({ length: levels - 1 }, (_, i) => `f${i}() { f${i + 1} ${AT}; }`),
    `f${levels - 1}() { ${last}; }`,
    'f0 "$@"',
  ].join('\n');
/** 88b-3: `lines` lines of `set -- "$@"` eight times, then `"$@"` run. */
const doubling = (lines: number) => ['set -- a b c d e f g h', ...Array.from({ length: lines }, () => `set -- ${AT}`), '"$@"'].join('\n');

const HOSTILE: Array<[string, string]> = [
  ['88b-3 9 levels of functions passing "$@" eight times (467 bytes)', nested(9)],
  ['88b-3 8 levels', nested(8)],
  ['88b-3 20 levels', nested(20)],
  ['88b-3 20 levels ending in "$@"', nested(20, '"$@"')],
  ['88b-3 7 lines of set -- "$@" ×8', doubling(7)],
  ['88b-3 9 lines of set -- "$@" ×8', doubling(9)],
  ['88b-3 50 lines of set -- "$@" ×8', doubling(50)],
  [
    '88b-3 unquoted $@ ×8 on 50 lines',
    ['set -- a b c d e f g h', ...Array.from({ length: 50 }, () => `set -- ${AT.replace(/"/g, '')}`), '$@'].join('\n'),
  ],
  ['88b-3 a function calling itself with "$@" ×8', `f() { f ${AT}; f ${AT}; }; f a b c d e f g h; sleep infinity`],
];

describe('88b-3: hostile "$@" scripts are judged in well under a second, without a crash', () => {
  test.each(HOSTILE)('%s', (_, text) => {
    const started = Date.now();
    simpleCommands(text, new Map(), []);
    expect(Date.now() - started).toBeLessThan(1000);
    const judged = Date.now();
    expect(sidecarProgramProblems(script(text), ['traefik'])).toEqual([]);
    expect(Date.now() - judged).toBeLessThan(1000);
  });

  test('a command is read to its 256th word (README: text past the bounds is not read)', () => {
    const line = (n: number) => script(`eval ${'true\\; '.repeat(n)}/shared/traefik ${FLAGS}`);
    expect(sidecarProgramProblems(line(200), ['traefik'])).toHaveLength(1);
    expect(sidecarProgramProblems(line(300), ['traefik'])).toEqual([]);
  });
});
