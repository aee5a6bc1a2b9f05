/**
 * 84a-18, 86b-1: what a simple command runs, read through the programs that run another one after their own options.
 * A wrapper is described by the options that take the next word (`values`), the words it reads before the command
 * (`operands`: `chroot NEWROOT`, `gosu USER`, `timeout DURATION`), the option whose value is a command line a shell runs
 * (`script`: `flock -c`, `runuser -c`, `script -c`), whether it runs only such a line (`scriptOnly`: `su`, `script`, with
 * no `-c` a login shell), whether leading `NAME=value` words are its settings (`settings`: `env`), and whether the words
 * after `--` are a shell's (`shellAfterDashes`: capsh hands them to /bin/bash), and whether it runs its words joined
 * as a line through `sh -c` (`joins`: watch). Options are taken from each tool's manual
 * page (util-linux setpriv.1, runuser.1, flock.1, script.1 v2.40; GNU coreutils env, nice, timeout, chroot, stdbuf 9.5;
 * s6-setuidgid, tianon/gosu, ncopa/su-exec, OpenBSD doas.1, sudo.8 1.9, libcap capsh.1 2.70, procps watch.1 4.0).
 */

interface Wrapper {
  readonly values?: readonly string[];
  readonly operands?: number;
  readonly script?: readonly string[];
  readonly scriptOnly?: boolean;
  readonly settings?: boolean;
  readonly shellAfterDashes?: boolean;
  readonly joins?: boolean;
}

const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  nice: { values: ['-n', '--adjustment'] },
  env: { values: ['-u', '--unset', '-C', '--chdir'], script: ['-S', '--split-string'], settings: true },
  nohup: {},
  timeout: { values: ['-s', '--signal', '-k', '--kill-after'], operands: 1 },
  setsid: {},
  stdbuf: { values: ['-i', '-o', '-e'] },
  ionice: { values: ['-c', '--class', '-n', '--classdata'] },
  chrt: { operands: 1 },
  taskset: { operands: 1 },
  tini: { values: ['-p', '-e'] },
  'dumb-init': { values: ['-r', '--rewrite'] },
  catatonit: {},
  time: { values: ['-f', '--format', '-o', '--output'] },
  watch: { values: ['-n', '--interval'], joins: true },
  gosu: { operands: 1 },
  'su-exec': { operands: 1 },
  's6-setuidgid': { operands: 1 },
  chpst: { values: ['-u', '-U', '-e', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c', '-/'] },
  setpriv: { values: ['--reuid', '--regid', '--groups', '--inh-caps', '--ambient-caps', '--bounding-set', '--securebits'] },
  chroot: { values: ['--userspec', '--groups'], operands: 1 },
  runuser: { values: ['-u', '--user', '-g', '--group', '-G', '--supp-group', '-s', '--shell', '-w'], script: ['-c', '--command'] },
  su: { values: ['-g', '--group', '-G', '--supp-group', '-s', '--shell', '-w'], script: ['-c', '--command'], scriptOnly: true },
  flock: { values: ['-w', '--timeout', '-E', '--conflict-exit-code'], operands: 1, script: ['-c', '--command'] },
  script: { values: ['-t', '-T', '-I', '-O', '-B', '-E', '-m'], script: ['-c', '--command'], scriptOnly: true },
  doas: { values: ['-u', '-C'] },
  sudo: { values: ['-u', '--user', '-g', '--group', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T'] },
  capsh: { shellAfterDashes: true },
  // 87a-4, 87b-11: xargs runs its first operand with words read from stdin (GNU findutils xargs.1 4.10, BusyBox
  // xargs); unshare and nsenter run theirs in other namespaces (util-linux unshare.1, nsenter.1 v2.40).
  xargs: {
    values: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-I', '-L', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars'],
  },
  unshare: {
    values: [
      '--map-user',
      '--map-group',
      '--map-users',
      '--map-groups',
      '--propagation',
      '--setgroups',
      '-R',
      '--root',
      '-w',
      '--wd',
      '-S',
      '--setuid',
      '-G',
      '--setgid',
      '--monotonic',
      '--boottime',
    ],
  },
  nsenter: { values: ['-t', '--target', '-S', '--setuid', '-G', '--setgid'] },
  busybox: {},
  toybox: {},
  // A Traefik image's entrypoint (traefik/traefik-library-image v3.x entrypoint.sh) runs its arguments.
  'entrypoint.sh': {},
};

/** Shells that run their `-c` option's operand as a script (sh, bash, dash, ash, zsh, ksh, mksh, yash). */
const SHELL = /^(ba|da|a|z|k|mk|pdk|y)?sh$/;

/**
 * A command read to its end: the program's words, a command line a shell runs with its operands (`$0`, `$1`…), or the
 * commands `find` runs (`each`).
 */
export type Read =
  | { readonly words: readonly string[] }
  | { readonly script: string; readonly operands: readonly string[] }
  | { readonly each: ReadonlyArray<readonly string[]> };

export const programName = (word: string | undefined): string => word?.split('/').pop() ?? '';

/**
 * Where a shell's `-c` script starts among its words (`sh -c`, `sh -ec`, `bash -eo pipefail -c`, `bash --norc -lc`,
 * `sh -c -- script`; an option cluster ending in `o` takes the next word), or undefined when it runs no `-c` script (a
 * script file).
 */
function scriptStart(words: readonly string[]): number | undefined {
  let script = false;
  let i = 1;
  for (; i < words.length && /^[-+]/.test(words[i]); i += 1) {
    if (words[i] === '--') return script ? i + 1 : undefined;
    if (/^-[a-z]*c[a-z]*$/i.test(words[i])) script = true;
    if (/^[-+][a-z]*o$/i.test(words[i])) i += 1;
  }
  return script ? i : undefined;
}

/**
 * Where a shell without a `-c` script takes its script from stdin: no operand after its options, `-s` (its operands
 * are then `$1`…) or a lone `-` (POSIX.1-2017 XCU sh); the index of its first operand, else undefined (a script file).
 */
function stdinOperands(words: readonly string[]): number | undefined {
  let fromStdin = false;
  let i = 1;
  for (; i < words.length && /^[-+]/.test(words[i]); i += 1) {
    if (words[i] === '--' || words[i] === '-') return i + 1;
    if (/^-[a-z]*s[a-z]*$/i.test(words[i])) fromStdin = true;
    if (/^[-+][a-z]*o$/i.test(words[i])) i += 1;
  }
  return fromStdin || i >= words.length ? i : undefined;
}

/** 87a-4: the commands of `find`'s `-exec`, `-execdir`, `-ok` and `-okdir` actions, each up to its `;` or `+` (GNU findutils find.1 4.10). */
function findActions(words: readonly string[]): string[][] {
  const each: string[][] = [];
  for (let i = 1; i < words.length; i += 1) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(words[i])) continue;
    const end = words.findIndex((word, j) => j > i && (word === ';' || word === '+'));
    each.push(words.slice(i + 1, end < 0 ? undefined : end));
    i = end < 0 ? words.length : end;
  }
  return each;
}

/** A wrapper's command: after its options (`--` ends them), settings and operands, or the line of its script option. */
function wrapped(wrapper: Wrapper, words: readonly string[]): Exclude<Read, { each: unknown }> | undefined {
  let i = 1;
  let dashes = false;
  for (; i < words.length && words[i].startsWith('-') && words[i] !== '-'; i += 1) {
    if (words[i] === '--') {
      if (wrapper.shellAfterDashes) return { words: ['bash', ...words.slice(i + 1)] };
      dashes = true;
      i += 1;
      break;
    }
    const [option] = words[i].split('=');
    if (wrapper.script?.includes(option) || (wrapper.script?.includes('-c') && /^-[a-z]*c$/i.test(option)))
      return option === words[i]
        ? { script: words[i + 1] ?? '', operands: [] }
        : { script: words[i].slice(option.length + 1), operands: [] };
    if (wrapper.values?.includes(words[i])) i += 1;
  }
  // `flock FILE -c line`, `runuser USER -c line`: the option after the one operand; `su` and `script` run only theirs.
  const script = dashes ? -1 : words.slice(i, wrapper.scriptOnly ? undefined : i + 2).findIndex((word) => wrapper.script?.includes(word));
  if (script >= 0) return { script: words[i + script + 1] ?? '', operands: [] };
  if (wrapper.scriptOnly || wrapper.shellAfterDashes) return undefined;
  if (wrapper.joins) return { script: words.slice(i).join(' '), operands: [] };
  while (wrapper.settings && i < words.length && words[i].includes('=')) i += 1;
  return { words: words.slice(i + (wrapper.operands ?? 0)) };
}

/**
 * What a simple command runs: its leading assignments, `command`, `builtin`, and `exec` with its options are read past,
 * `eval` runs its words as a line, wrappers are read through; `command -v` only looks a program up. A shell with a `-c`
 * script gives the script, one that reads its script from stdin the here-document given to the command (87a-5), else
 * (a script file) nothing.
 */
export function readCommand(command: readonly string[], stdin?: string): Read | undefined {
  let words = [...command];
  for (;;) {
    const first = words[0];
    if (first === undefined) return undefined;
    const program = programName(first);
    if (/^[A-Za-z_]\w*=/.test(first) || first === 'builtin') words = words.slice(1);
    else if (first === 'command') {
      if (/^-[a-z]*[vV]/.test(words[1] ?? '')) return undefined;
      words = words.slice(words[1] === '-p' ? 2 : 1);
    } else if (first === 'exec') {
      let i = 1;
      while (i < words.length && words[i].startsWith('-')) {
        const option = words[i];
        i += option === '-a' ? 2 : 1;
        if (option === '--') break;
      }
      words = words.slice(i);
    } else if (first === 'eval') return { script: words.slice(1).join(' '), operands: [] };
    else if (SHELL.test(program)) {
      const start = scriptStart(words);
      if (start !== undefined) return { script: words[start] ?? '', operands: words.slice(start + 1) };
      const operands = stdin === undefined ? undefined : stdinOperands(words);
      return operands === undefined || stdin === undefined ? undefined : { script: stdin, operands: [words[0], ...words.slice(operands)] };
    } else if (program === 'find') return { each: findActions(words) };
    else if (Object.hasOwn(WRAPPERS, program)) {
      const read = wrapped(WRAPPERS[program], words);
      if (!read || 'script' in read) return read;
      words = [...read.words];
    } else return { words };
  }
}
