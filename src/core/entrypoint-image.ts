/**
 * `docker run --entrypoint <client> [OPTIONS] IMAGE [ARG...]` (attack round 41a-4): the client `--entrypoint` names
 * receives the words after the image (docs.docker.com/reference/cli/docker/container/run: "docker container run
 * [OPTIONS] IMAGE [COMMAND] [ARG...]"; `--entrypoint` "Overwrite the default ENTRYPOINT of the image", the words after
 * the image are its arguments); podman-run(1) and nerdctl run alike. Its options end at the image word, not before.
 */

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

/**
 * The options of `docker run` (docs.docker.com reference docker container run) and `podman run` (podman-run(1)) whose
 * value is the next word where not glued with `=`; any other option is read as a switch (`--rm`, `-it`, `--init`).
 */
export const TAKES_VALUE = new RegExp(
  '^(?:-[A-Za-z]*[acehlmpuvw]|--(?:' +
    [
      'attach|add-host|annotation|blkio-weight(?:-device)?|cap-add|cap-drop|cgroup-parent|cgroupns|cidfile',
      'cpu-count|cpu-percent|cpu-period|cpu-quota|cpu-rt-period|cpu-rt-runtime|cpu-shares|cpus|cpuset-cpus|cpuset-mems',
      'detach-keys|device|device-cgroup-rule|device-(?:read|write)-(?:bps|iops)|dns|dns-option|dns-search|domainname',
      'entrypoint|env|env-file|expose|gpus|group-add|health-[a-z-]+|hostname|io-maxbandwidth|io-maxiops|ip|ip6|ipc',
      'isolation|kernel-memory|label|label-file|link|link-local-ip|log-driver|log-opt|mac-address|memory|memory-reservation',
      'memory-swap|memory-swappiness|mount|name|network|net|network-alias|net-alias|oom-score-adj|pid|pids-limit|platform',
      'publish|pull|restart|runtime|security-opt|shm-size|stop-signal|stop-timeout|storage-opt|sysctl|tmpfs|ulimit|user',
      'userns|uts|volume|volume-driver|volumes-from|workdir',
      // podman-run(1)'s own
      'arch|os|variant|authfile|cgroup-conf|cgroups|chrootdirs|conmon-pidfile|creds|decryption-key|env-merge|gidmap',
      'group-entry|hostuser|hosts-file|image-volume|init-path|passwd-entry|personality|pod|pod-id-file|preserve-fds',
      'rdt-class|requires|retry|retry-delay|sdnotify|seccomp-policy|secret|subgidname|subuidname|systemd|timeout|tz',
      'uidmap|umask|unsetenv',
    ].join('|') +
    '))$',
);

/** How many words after `--entrypoint` are looked at for the image (each `--entrypoint` once: linear on a long line). */
const MAX_OPTIONS = 128;

/**
 * Where the client at word `i` is `--entrypoint`'s value (`--entrypoint redis-cli`, `--entrypoint=redis-cli`): the
 * index of the image word after it (the first word that is no option nor an option's value), whose words on are the
 * client's; otherwise undefined.
 */
export function entrypointImage(words: readonly string[], i: number): number | undefined {
  if (words[i - 1] !== '--entrypoint' && !words[i].startsWith('--entrypoint=')) return undefined;
  for (let k = i + 1; k < words.length && k - i <= MAX_OPTIONS && !SEPARATOR.test(words[k]); k++) {
    const word = words[k];
    if (!word.startsWith('-')) return k;
    if (TAKES_VALUE.test(word)) k++;
  }
  return undefined;
}
