import { TAKES_VALUE, entrypointImage } from './entrypoint-image';
import { readsFile } from './shell-redirections';
import { readerInput } from './group-input';

export { readerInput } from './group-input';

/**
 * The command a wrapper runs with the standard input it was given (attack round 42a-1): a reader of a password on
 * standard input (stdin-passwords.ts) is judged the same where a wrapper that forwards its input runs it
 * (`echo pw | kubectl exec -i pod -- restic init`, `| docker run -i --entrypoint restic IMG init`, `| ssh host
 * chpasswd`, `| chroot /mnt restic init`), where it is a command of a group the pipe feeds (`| (cd /x && restic
 * init)`), or of a shell's script (`| sh -c 'restic init'`, `| ssh host 'sudo -S reboot'`: the script's commands
 * inherit its standard input). A container or a pod gets it only where asked to keep it open (`-i`, `--interactive`,
 * `--stdin`; `docker compose exec|run` by default); ssh forwards it unless `-n`/`-f`.
 */

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

/**
 * Commands that run the command after their options and operands (up to the count given) with their own standard
 * input: sudo(8), doas(1), env(1), nice(1), nohup(1), stdbuf(1), timeout(1) DURATION, ionice(1), runuser(1),
 * setsid(1), setpriv(1), chroot(8) NEWROOT, flock(1) FILE, taskset(1) MASK, chrt(1) PRIORITY, numactl(8), nsenter(1),
 * unshare(1), cgexec(1), firejail(1), busybox/toybox APPLET, gosu/su-exec USER, chpst, setuidgid USER, tini, dumb-init,
 * strace/ltrace/valgrind, faketime TIME, proxychains, torsocks, unbuffer, dbus-run-session, systemd-inhibit, xvfb-run.
 */
const RUNNERS: Readonly<Record<string, number>> = {
  sudo: 0, doas: 0, env: 0, time: 0, nice: 0, nohup: 0, stdbuf: 0, timeout: 1, ionice: 0, command: 0, exec: 0,
  unbuffer: 0, runuser: 1, su: 1, setsid: 0, setpriv: 0, chroot: 1, flock: 1, taskset: 1, chrt: 1, numactl: 0,
  nsenter: 0, unshare: 0, cgexec: 0, firejail: 0, busybox: 0, toybox: 0, gosu: 1, 'su-exec': 1, chpst: 0,
  setuidgid: 1, 's6-setuidgid': 1, tini: 0, 'dumb-init': 0, strace: 0, ltrace: 0, valgrind: 0, faketime: 1,
  proxychains: 0, proxychains4: 0, torsocks: 0, 'dbus-run-session': 0, 'systemd-inhibit': 0, 'xvfb-run': 0, pkexec: 0,
}; // prettier-ignore
/** Shells, whose `-c` option's value is a script (sh(1p): "-c: Read commands from the command_string operand"). */
const SHELL = /^(?:(?:ba|z|da|k|a|mk|c|tc)?sh|pwsh)$/;
/** The option of a runner or a shell whose value is a script a shell runs (`su -c`, `runuser -c`, `flock -c`, `sh -c`). */
const SCRIPT_OPTION = /^(?:-[A-Za-z]*c|--command)$/;
const SCRIPT_RUNNER = /^(?:su|runuser|flock)$/;
const CONTAINERS = /^(?:docker|podman|nerdctl|crictl|lxc|incus|docker-compose|podman-compose)$/;
const PODS = /^(?:kubectl|oc|k3s|microk8s)$/;

const base = (word: string): string =>
  word
    .replace(/^.*[/\\]/s, '')
    .replace(/\.exe$/i, '')
    .toLowerCase();
const option = (word: string): boolean => word.startsWith('-') && word.length > 1;
const runner = (name: string): boolean => Object.hasOwn(RUNNERS, name);
/** Whether a word may be a command a wrapper runs (not taken for an option's value). */
const runs = (word: string): boolean => runner(base(word)) || SHELL.test(base(word)) || CONTAINERS.test(base(word));

/** How the command from `k` reaches word `i`: as the command it runs, as a script a shell runs, or not. */
type Reach = 'command' | 'script' | undefined;
/** How many words before a script its command is read back over (scriptInput): wrappers, their options and values. */
const MAX_COMMAND_WORDS = 64;
/** How many wrappers are read through (`sudo timeout 9 chroot /m …`). */
const MAX_WRAPPERS = 8;

/**
 * Whether the command whose first word is `k` runs word `i` (`command`), or a script in word `i` (`script`), with its
 * own standard input; options and their values (an option's next word, where it is no command and not word `i`) and
 * the operands a runner takes are read past.
 */
export function reaches(words: readonly string[], k: number, i: number): Reach {
  for (let wrappers = 0; wrappers < MAX_WRAPPERS && k < i; wrappers++) {
    // Assignments, and a group's `{` (its commands run with its input: group-input.ts).
    while (k < i && /^(?:[A-Za-z_]\w*=|\{$)/.test(words[k])) k++;
    const name = base(words[k]);
    if (k === i) return 'command';
    let next: number | Reach;
    if (runner(name) || SHELL.test(name)) next = afterRunner(words, k, i, SHELL.test(name) ? -1 : RUNNERS[name]);
    else if (CONTAINERS.test(name)) next = afterContainer(words, k, i);
    else if (PODS.test(name)) next = afterPod(words, k, i);
    else if (name === 'ssh') next = afterSsh(words, k, i);
    else if (name === 'systemd-run') next = afterSystemdRun(words, k, i);
    else if (name === 'ip' && words[k + 1] === 'netns' && words[k + 2] === 'exec') next = k + 4;
    else return undefined;
    if (typeof next !== 'number') return next;
    k = next;
  }
  return k === i ? 'command' : undefined;
}

/**
 * After a runner: its options, their values, up to `operands` operands. A shell (`operands` -1) runs only its `-c`
 * script (`bash script.sh` and `sh -s` read their commands, not a program's input), as `su`, `runuser` and `flock` run
 * their `-c` one.
 */
function afterRunner(words: readonly string[], k: number, i: number, operands: number): number | Reach {
  const scripts = operands < 0 || SCRIPT_RUNNER.test(base(words[k]));
  for (k++; k < i; k++) {
    const word = words[k];
    if (word === '--') return k + 1;
    if (scripts && SCRIPT_OPTION.test(word)) return k + 1 === i ? 'script' : undefined;
    if (option(word)) {
      if (!word.includes('=') && k + 1 < i && !option(words[k + 1]) && !runs(words[k + 1])) k++;
      continue;
    }
    if (operands <= 0 || runs(word)) break;
    operands--;
  }
  return operands < 0 ? undefined : k;
}

/** Whether an option word keeps standard input open (`-i`, `-it`, `--interactive`, `--stdin`, `=true`). */
const interactive = (word: string): boolean => /^(?:-[A-Za-z]*i[A-Za-z]*|--(?:interactive|stdin)(?:=true)?)$/.test(word);

/**
 * After `docker|podman|nerdctl exec|run [OPTIONS] CONTAINER|IMAGE` (docs.docker.com reference docker container exec|run:
 * `-i, --interactive: Keep STDIN open`), `docker compose exec|run [OPTIONS] SERVICE` (docs.docker.com reference
 * compose exec: `-i, --interactive` default true; `-d` detaches), `crictl exec -i`, `lxc|incus exec NAME --`.
 */
function afterContainer(words: readonly string[], k: number, i: number): number | Reach {
  const name = base(words[k]);
  let compose = /compose$/.test(name);
  let keepsInput = compose || name === 'lxc' || name === 'incus';
  // Its own options, up to the subcommand.
  for (k++; k < i && words[k] !== 'exec' && words[k] !== 'run'; k++) {
    const word = words[k];
    if (word === 'compose') compose = keepsInput = true;
    else if (option(word)) {
      if (/^(?:-[Hcfp]|--(?:host|context|config|log-level|file|project-name|profile|env-file))$/.test(word)) k++;
    } else if (word !== 'container') return undefined;
  }
  // Its options up to the container, service or image (all of them: `-i` may follow `--entrypoint`).
  let entrypoint = false;
  for (k++; k < words.length && !SEPARATOR.test(words[k]); k++) {
    const word = words[k];
    if (word === '--') continue;
    if (!option(word)) break;
    if (compose && /^(?:-d|--detach|--interactive=false|-i=false)$/.test(word)) return undefined;
    if (!compose && /^-[A-Za-z]*d[A-Za-z]*$|^--detach$/.test(word) && !TAKES_VALUE.test(word)) return undefined;
    keepsInput ||= interactive(word);
    // `--entrypoint <client>`: the client it names is the command (entrypoint-image.ts).
    entrypoint ||= k === i || (word === '--entrypoint' && k + 1 === i);
    if (!word.includes('=') && TAKES_VALUE.test(word)) k++;
  }
  if (!keepsInput) return undefined;
  if (entrypoint) return 'command';
  // The container, the service or the image, then its command (`--` before it for lxc and incus).
  return words[k + 1] === '--' ? k + 2 : k + 1;
}

/** After `kubectl exec|run -i … -- ` (kubernetes.io kubectl exec: `-i, --stdin: Pass stdin to the container`). */
function afterPod(words: readonly string[], k: number, i: number): number | Reach {
  let sub: string | undefined;
  let keepsInput = false;
  for (k++; k < i; k++) {
    const word = words[k];
    if (word === '--') return sub && keepsInput ? k + 1 : undefined;
    if (option(word)) {
      keepsInput ||= sub !== undefined && interactive(word);
      if (!word.includes('=') && /^(?:-[ncf]|--(?:namespace|container|context|kubeconfig|filename|image|pod-running-timeout))$/.test(word))
        k++;
    } else if (sub === undefined && /^(?:exec|run)$/.test(word)) sub = word;
    else if (sub === undefined && !/^(?:kubectl)$/.test(word)) return undefined;
    // `kubectl exec -i POD CMD` (no `--`: an older form kubectl still runs).
    else if (sub === 'exec' && keepsInput && words[k + 1] !== '--' && !option(words[k + 1] ?? '-')) return k + 1;
  }
  return undefined;
}

/** After `ssh [OPTIONS] HOST` (ssh(1): the command's words, or one script; `-n` and `-f` give it no standard input). */
function afterSsh(words: readonly string[], k: number, i: number): number | Reach {
  for (k++; k < i; k++) {
    const word = words[k];
    if (word === '--') {
      k++;
      break;
    }
    if (!option(word)) break;
    // getopt: the first option of a cluster that takes a value takes the rest, or the next word.
    if (/^-[^BbcDEeFIiJLlmOoPpQRSWw]*[nfN]/.test(word)) return undefined;
    if (/^-[^BbcDEeFIiJLlmOoPpQRSWw]*[BbcDEeFIiJLlmOoPpQRSWw]$/.test(word)) k++;
  }
  // `ssh -t host -- sudo -S true`: a `--` after the host is no word of the command (43a-8).
  if (words[k + 1] === '--' && k + 1 < i) k++;
  if (k + 1 === i && /\s/.test(words[i])) return 'script';
  return k + 1;
}

/** systemd-run(1)'s options whose value is the next word where not glued (`-u NAME`, `-p K=V`, `--uid U`). */
const SYSTEMD_RUN_VALUE =
  /^(?:-[upEMHs]|--(?:unit|property|description|slice|setenv|machine|host|uid|gid|nice|working-directory|service-type|on-\w+|timer-property|path-property|socket-property|expand-environment|json|slice-inherit))$/;

/**
 * After `systemd-run [OPTIONS] COMMAND` (systemd-run(1): `-P, --pipe`: "standard input, output, and error of the
 * transient service are inherited from the systemd-run command itself"; `-t, --pty` connects it to systemd-run's
 * terminal, its input too; `--scope`: "the command is executed directly as a child process of systemd-run, thus
 * inheriting the execution environment of the caller", 44a-4); without one of them the service's input is /dev/null (43a-8).
 */
function afterSystemdRun(words: readonly string[], k: number, i: number): number | Reach {
  let keepsInput = false;
  for (k++; k < i; k++) {
    const word = words[k];
    if (word === '--') return keepsInput ? k + 1 : undefined;
    if (!option(word)) break;
    keepsInput ||= /^(?:--pipe|--pty|--scope|-[A-Za-z]*[Pt][A-Za-z]*)$/.test(word) && !SYSTEMD_RUN_VALUE.test(word);
    if (SYSTEMD_RUN_VALUE.test(word)) k++;
  }
  return keepsInput ? k : undefined;
}

/**
 * The word from which what the reader at word `i` reads is looked for (stdin-passwords.ts stdinInput), and the words
 * its own rule is read on: the reader itself; the start of a wrapper that runs it (`docker exec -i c restic init`)
 * or of its command in a group (readerInput goes out to the group from there); with `docker run --entrypoint <reader>
 * … IMAGE ARGS`, its arguments are the image's.
 */
export function readerCall(words: readonly string[], i: number): { from: number; words: readonly string[]; i: number } {
  let start = i;
  while (start > 0 && !SEPARATOR.test(words[start - 1])) start--;
  // A keyword before a command is no word of it (`if { sudo -S true; } <<< …; then`).
  while (start < i && /^(?:if|while|until|then|do|else|elif|time|!)$/.test(words[start])) start++;
  // The same name later in the command, where the first is a wrapper's word (`docker exec -i vault vault login -`).
  // A one-word script (`sh -c chpasswd`, `sh -c 'chpasswd'`) is that command, run with the shell's input (43a-1).
  const reach = reaches(words, start, i);
  let reached = reach === 'command' || (reach === 'script' && !/\s/.test(words[i]));
  for (let k = i + 1, tries = 0; !reached && k < words.length && !SEPARATOR.test(words[k]) && tries < MAX_WRAPPERS; k++)
    if (base(words[k]) === base(words[i].replace(/^--?[\w.-]+=/, '')) && ++tries && reaches(words, start, k) === 'command')
      [i, reached] = [k, true];
  // A reader with a file for its input reads no fed text (`(cat >/x; restic init < /run/pw)`).
  let end = i + 1;
  while (end < words.length && !SEPARATOR.test(words[end])) end++;
  if (readsFile(words, start + 1, end)) reached = false;
  const image = entrypointImage(words, i);
  const own = image === undefined ? words : [...words.slice(0, i + 1), ...words.slice(image + 1)];
  // From the command's own start, its own redirections first, then out to its group (46a-4: the here-string of a
  // command after a group's first, `{ true; sudo -S x <<< …; }`).
  return { from: reached ? start : i, words: own, i };
}

/** The standard input a script (`sh -c '…'`, `ssh host '…'`) inherits, and from which depth's words it is read. */
export interface Inherited {
  text: string;
  at: number;
  from: number;
}

/**
 * The input a script in word `i` (of the words of `depth`) inherits from the wrapper that runs it (`echo pw | sh -c
 * '…'`, `| ssh host '…'`: the command's first word's), or else the one these words inherit.
 */
export function scriptInput(words: readonly string[], i: number, depth: number, inherited?: Inherited): Inherited | undefined {
  let start = i;
  while (start > 0 && i - start < MAX_COMMAND_WORDS && !SEPARATOR.test(words[start - 1])) start--;
  // A command longer than that is no wrapper of a script: each nested word looked back over all the words before it, and
  // a 1 MB text of `sh -c "curl -u a ` took 28 s.
  if (start > 0 && !SEPARATOR.test(words[start - 1])) return inherited;
  // What the wrapper is fed, or its group, its pipeline's first stage or its own script is (group-input.ts, 44a-2).
  const input = reaches(words, start, i) === 'script' ? readerInput(words, start, inherited) : undefined;
  return input && input !== inherited ? { ...input, from: depth } : inherited;
}

/** A password a nested reading found, lifted to the words of `depth` (where the nested word is `i`). */
export function lifted<T extends { index: number; nested: boolean; from?: number }>(inner: T, depth: number, i: number): T {
  if (inner.from === undefined || inner.from > depth) return { ...inner, index: i, nested: true, from: undefined };
  return inner.from === depth ? { ...inner, from: undefined } : inner;
}
