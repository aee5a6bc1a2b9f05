import { ruleDoors } from './rule-doors';

// Round 86: a second Traefik in Traefik's own pods, read as a shell reads it. A sidecar's `-c` script is read into its
// simple commands (compound commands, `command`, `exec -a`, `eval`, assignments, split quoting, `$VAR` the script or the
// container's env sets), wrappers such as setpriv, chroot, runuser, flock, script are read through (86b-1); Traefik
// Hub's and Traefik Enterprise's images are Traefik images (86b-2); `$(VAR)` and `$VAR` take values from an extraObjects
// ConfigMap through envFrom or configMapKeyRef (86b-7); args with no command on an image with no ENTRYPOINT run as the
// command (86b-10).

const SECOND = 'which runs a second Traefik';
const KEPT_RUNNING = 'a Traefik image that keeps running beside Traefik';
const ALPINE = 'alpine:3.20';
const sidecar = (container: object, more: object = {}) => ({
  deployment: { additionalContainers: [{ name: 'second', ...container }] },
  ...more,
});
const script = (text: string, ...operands: string[]) => sidecar({ image: ALPINE, command: ['sh', '-c', text, ...operands] });
const binMap = {
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bin', namespace: 'kube-system' }, data: { BIN: 'traefik' } }],
};

// [case, traefik.values, key path of the refusal, words]
const REFUSED: Array<[string, object, string, string]> = [
  ...(
    [
      ['while loop', 'while :; do traefik --ping; sleep 1; done'],
      ['brace group', '{ traefik; }'],
      ['split quoting', "'traef''ik'"],
      ['if guard', 'if [ -x /shared/traefik ]; then /shared/traefik; fi'],
      ['for loop', 'for i in 1 2; do /shared/traefik; done'],
      ['command', 'command traefik'],
      ['builtin exec', 'builtin exec traefik'],
      ['empty double quotes', 'tr""aefik'],
      ['backslash', 't\\raefik'],
      ['eval', 'eval traefik'],
      ['$IFS', 'traefik$IFS--ping'],
      ['a variable the script sets', 'T=traefik; $T'],
      ['assignment prefix', 'PATH=/shared:$PATH traefik'],
      ['X=1 prefix', 'X=1 traefik'],
      ['exec -a', 'exec -a proxy traefik'],
      ['env -u', 'env -u X traefik'],
      ['bang', '! traefik'],
      ['a function', 'start() { /shared/traefik; }; start'],
      ['a command substitution inside', 'echo "$(traefik --ping)"'],
      ['a case branch', 'case "$1" in run) traefik;; esac'],
      ['after a here-document', "cat > /tmp/c.yaml <<'EOF'\nping: {}\nEOF\nexec traefik --configfile=/tmp/c.yaml"],
      // traefik/paerser cli/commands.go: a first word naming the command itself is skipped.
      ['the command name repeated', 'traefik traefik --ping'],
    ] as const
  ).map(([name, text]): [string, object, string, string] => [
    `86b-1 ${name}`,
    script(text),
    'deployment.additionalContainers[0].image',
    SECOND,
  ]),
  ['86b-1 $0 from the operands', script('$0 --ping', 'traefik'), 'deployment.additionalContainers[0].image', SECOND],
  ['86b-1 "$@" from the operands', script('"$@"', 'x', 'traefik'), 'deployment.additionalContainers[0].image', SECOND],
  ...(
    [
      ['setpriv', ['setpriv', '--reuid=1000', 'traefik']],
      ['chroot', ['chroot', '/', 'traefik']],
      ['runuser -u --', ['runuser', '-u', 'nobody', '--', 'traefik']],
      ['s6-setuidgid', ['s6-setuidgid', 'nobody', 'traefik']],
      ['watch', ['watch', '-n', '1', 'traefik']],
      ['watch of one quoted line', ['watch', '-n', '1', 'traefik --ping']],
      ['su USER -s SHELL -c', ['su', 'nobody', '-s', '/bin/sh', '-c', 'traefik']],
      ['flock', ['flock', '/tmp/l', 'traefik']],
      ['flock -c', ['flock', '/tmp/l', '-c', 'traefik']],
      ['script -qc', ['script', '-qc', 'traefik', '/dev/null']],
      ['doas', ['doas', '-u', 'nobody', 'traefik']],
      ['capsh -- -c', ['capsh', '--drop=cap_net_raw', '--', '-c', 'traefik']],
      ['zsh', ['zsh', '-c', 'traefik']],
      ['ksh', ['ksh', '-c', 'traefik']],
      ['mksh', ['mksh', '-c', 'traefik']],
      ['toybox env', ['toybox', 'env', 'traefik']],
      ['busybox sh -c', ['busybox', 'sh', '-c', 'sleep 1; traefik']],
    ] as const
  ).map(([name, command]): [string, object, string, string] => [
    `86b-1 ${name}`,
    sidecar({ image: ALPINE, command }),
    'deployment.additionalContainers[0].image',
    SECOND,
  ]),
  [
    '86b-1 a postStart hook with a while loop',
    sidecar({
      image: ALPINE,
      command: ['sleep', 'infinity'],
      lifecycle: { postStart: { exec: { command: ['sh', '-c', 'while true; do /shared/traefik; done &'] } } },
    }),
    'deployment.additionalContainers[0].lifecycle.postStart.exec.command',
    "starts a second Traefik in Traefik's own pods",
  ],
  // 86b-2: Traefik Labs' other builds of the proxy.
  [
    '86b-2 Traefik Hub as a sidecar',
    sidecar({ image: 'ghcr.io/traefik/traefik-hub:v3.4.1' }),
    'deployment.additionalContainers[0].image',
    KEPT_RUNNING,
  ],
  [
    '86b-2 Traefik Enterprise as a sidecar',
    sidecar({ image: 'traefik/traefik-ee:v2.11.0' }),
    'deployment.additionalContainers[0].image',
    KEPT_RUNNING,
  ],
  [
    '86b-2 Traefik Hub in extraObjects',
    {
      extraObjects: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'gw', namespace: 'default' },
          spec: {
            selector: { matchLabels: { app: 'gw' } },
            template: {
              metadata: { labels: { app: 'gw' } },
              spec: { containers: [{ name: 'h', image: 'ghcr.io/traefik/traefik-hub:v3.4.1' }] },
            },
          },
        },
      ],
    },
    'extraObjects[0]',
    'that runs a second Traefik',
  ],
  // 86b-7: a $(VAR) or $VAR from an extraObjects ConfigMap.
  [
    '86b-7 $(BIN) through envFrom',
    sidecar({ image: ALPINE, command: ['$(BIN)', '--ping'], envFrom: [{ configMapRef: { name: 'bin' } }] }, binMap),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  [
    '86b-7 $(BIN) through configMapKeyRef',
    sidecar(
      { image: ALPINE, command: ['$(BIN)'], env: [{ name: 'BIN', valueFrom: { configMapKeyRef: { name: 'bin', key: 'BIN' } } }] },
      binMap,
    ),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  [
    '86b-7 sh -c $BIN through envFrom',
    sidecar({ image: ALPINE, command: ['sh', '-c', '$BIN'], envFrom: [{ configMapRef: { name: 'bin' } }] }, binMap),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  [
    '86b-7 envFrom with a prefix',
    sidecar({ image: ALPINE, command: ['$(X_BIN)'], envFrom: [{ prefix: 'X_', configMapRef: { name: 'bin' } }] }, binMap),
    'deployment.additionalContainers[0].image',
    SECOND,
  ],
  // 86b-10: args with no command on an image with no ENTRYPOINT.
  ...(
    [
      ['busybox sh -c', 'busybox:1.36', ['sh', '-c', 'traefik --ping']],
      ['alpine traefik', ALPINE, ['traefik', '--ping']],
      ['alpine sh -c', ALPINE, ['sh', '-c', 'traefik']],
      ['debian', 'debian:bookworm-slim', ['/shared/traefik']],
    ] as const
  ).map(([name, image, args]): [string, object, string, string] => [
    `86b-10 ${name}`,
    sidecar({ image, args }),
    'deployment.additionalContainers[0].image',
    SECOND,
  ]),
];

describe('86b-1, 86b-2, 86b-7, 86b-10: a second Traefik in Traefik own pods, refused at every door', () => {
  test.each(REFUSED)('%s', (_, values, key, words) => {
    const doors = ruleDoors(values);
    const line = doors.errors.find((l) => l.startsWith(`traefik.values.${key}:`) && l.includes(words));
    expect(line).toBeDefined();
    expect(doors.errors.filter((l) => /second Traefik/.test(l))).toHaveLength(1);
    expect(doors.cluster).toContain(words);
    expect(doors.chart).toContain(words);
  });
});

// [case, traefik.values]: no door speaks of a second Traefik.
const PASSES: Array<[string, object]> = [
  ['a script that echoes the word', script('echo "starting traefik sidecar"; sleep infinity')],
  ['a path under /etc/traefik', script('while :; do cat /etc/traefik/traefik.yaml >/dev/null; sleep 60; done')],
  ['a log shipper tailing traefik logs', script('tail -F /var/log/traefik/access.log | grep -v health')],
  ['command -v traefik (a lookup)', script('if command -v traefik >/dev/null; then echo found; fi; sleep infinity')],
  ['a comment naming traefik', script('# keeps traefik logs small\nwhile :; do sleep 3600; done')],
  ['traefik version in a loop', script('while :; do /shared/traefik version; sleep 60; done')],
  // traefik/paerser cli/commands.go and help.go: a first word that is neither a flag nor a subcommand ends in "command not
  // found"; a help flag prints help. Neither starts a proxy.
  ['a word after traefik that is no subcommand (a kubectl table row)', script('traefik   1         12d')],
  ['traefik --help', script('traefik --help; sleep infinity')],
  ['traefik traefik version', script('traefik traefik version; sleep infinity')],
  ['a case pattern named traefik', script('case "$1" in web) echo w;; traefik) echo t;; esac; sleep infinity', 'x')],
  ['an unknown $T is not guessed', script('$T --ping')],
  ['eval of an unknown value', script('eval "$X"')],
  ['a here-document that holds a traefik line', script('cat > /tmp/notes <<-EOF\n\ttraefik --ping\n\tEOF\nsleep infinity')],
  ['a redirection to a file named traefik', script('date > /tmp/traefik; sleep infinity')],
  ['nginx', sidecar({ image: 'nginx:1.27' })],
  ['nginx with args and no command (nginx has its own entrypoint)', sidecar({ image: 'nginx:1.27', args: ['traefik'] })],
  [
    'fluent-bit',
    sidecar({ image: 'fluent/fluent-bit:3.1.9', args: ['-i', 'tail', '-p', 'path=/var/log/traefik/access.log', '-o', 'stdout'] }),
  ],
  ['busybox args tailing the log', sidecar({ image: 'busybox:1.36', args: ['sh', '-c', 'tail -F /var/log/traefik/access.log'] })],
  [
    'runuser -u -- of another program with a -c flag',
    sidecar({ image: ALPINE, command: ['runuser', '-u', 'nobody', '--', 'tar', '-c', 'traefik'] }),
  ],
  ['su of a login shell', sidecar({ image: ALPINE, command: ['su', '-', 'nobody'] })],
  ['watch of a log listing', sidecar({ image: ALPINE, command: ['watch', '-n', '5', 'ls /var/log/traefik'] })],
  ['setpriv of another program', sidecar({ image: ALPINE, command: ['setpriv', '--reuid=1000', 'sleep', 'infinity'] })],
  [
    '$BIN from a ConfigMap not in kube-system',
    sidecar(
      { image: ALPINE, command: ['$(BIN)'], envFrom: [{ configMapRef: { name: 'bin' } }] },
      {
        extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bin', namespace: 'default' }, data: { BIN: 'traefik' } }],
      },
    ),
  ],
  ['the hub agent is not the proxy', sidecar({ image: 'ghcr.io/traefik/hub-agent-kubernetes:v1.4.2' })],
];

describe('86b neighbours: realistic sidecars pass', () => {
  test.each(PASSES)('%s', (_, values) => {
    const doors = ruleDoors(values);
    expect(doors.errors.filter((l) => /second Traefik/.test(l))).toEqual([]);
    expect(doors.chart).not.toContain('second Traefik');
    expect(doors.cluster).not.toContain('second Traefik');
  });
});
