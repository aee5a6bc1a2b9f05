import { simpleCommands } from '../src/traefik/shell-commands';
import { ruleDoors } from './rule-doors';

// Round 87: the second-Traefik reader follows the parameters a script sets itself (`set --`, a function's `$@`, a `for`
// variable, `${VAR:-word}` and `${VAR:=word}`, a command substitution's printed words: 87a-1, 87a-3, 87b-11), reads
// `xargs`, `unshare` and `find -exec` as wrappers (87a-4, 87b-11), a here-document a shell reads as its script (87a-5),
// and Traefik Enterprise's and Traefik Hub's programs (87a-2). The reader stays bounded on hostile scripts.

const SECOND = 'which runs a second Traefik';
const BUSYBOX = 'busybox:1.36';
const FLAGS = '--entrypoints.web.address=:81';
const sidecar = (container: object) => ({ deployment: { additionalContainers: [{ name: 'px', ...container }] } });
const command = (...words: string[]) => sidecar({ image: BUSYBOX, command: words });
const script = (text: string) => command('sh', '-c', text);

// [case, traefik.values]: refused at every door, at the sidecar's image.
const REFUSED: Array<[string, object]> = [
  ['87a-1 set -- then exec "$@"', script(`set -- /shared/traefik ${FLAGS}; exec "$@"`)],
  ['87b-11 set -- traefik, the image entrypoint idiom', script('set -- traefik --entrypoints.alt.address=:9000; exec "$@"')],
  ['87a-1 set -- after set -e', script(`set -e; set -- /shared/traefik "$@"; exec "$@"`)],
  ['87a-1 set without -- (first word no option)', script(`set /shared/traefik ${FLAGS}; "$@"`)],
  ['87a-1 set -- then $1', script(`set -- /shared/traefik; exec $1 ${FLAGS}`)],
  ['87a-1 a function run with its "$@"', script(`f() { "$@"; }; f /shared/traefik ${FLAGS}`)],
  ['87a-1 a function keyword form run with $1', script(`function run { exec $1 ${FLAGS}; }\nrun /shared/traefik`)],
  ['87a-1 a for variable', script(`for b in /shared/traefik; do $b ${FLAGS}; done`)],
  ['87a-1 a for variable among others', script(`for b in sleep /shared/traefik; do $b ${FLAGS}; done`)],
  ['87a-1 a command substitution of echo', script(`$(echo /shared/traefik) ${FLAGS}`)],
  ['87a-1 a backquoted echo', script(`\`echo /shared/traefik\` ${FLAGS}`)],
  ['87a-1 command -v or echo', script(`BIN=$(command -v traefik || echo /shared/traefik); exec $BIN ${FLAGS}`)],
  ['87a-1 printf %s', script(`BIN="$(printf %s /shared/traefik)"; exec "$BIN" ${FLAGS}`)],
  ['87a-3 ${VAR:-word}', script(`exec \${TRAEFIK_BIN:-traefik} ${FLAGS}`)],
  ['87a-3 ${VAR:-/path}', script(`\${BIN:-/shared/traefik} ${FLAGS}`)],
  ['87a-3 ${VAR-word}', script(`exec "\${BIN-/shared/traefik}" ${FLAGS}`)],
  ['87a-3 ${VAR:=word} then $VAR', script(`: \${BIN:=/shared/traefik}; exec $BIN ${FLAGS}`)],
  ['87a-3 ${VAR=word} in an echo', script(`echo \${BIN=/shared/traefik}; $BIN ${FLAGS}`)],
  ['87a-3 ${VAR:-"quoted $DIR"}', script(`DIR=/shared; exec \${BIN:-"$DIR/traefik"} ${FLAGS}`)],
  ['87a-1 export NAME=value', script(`export TRAEFIK_BIN=/shared/traefik; exec "$TRAEFIK_BIN" ${FLAGS}`)],
  ['87a-1 local in a function', script(`run() { local bin=/shared/traefik; $bin ${FLAGS}; }; run`)],
  ['87a-1 set -- then shift', script(`set -- x /shared/traefik ${FLAGS}; shift; exec "$@"`)],
  ['87a-1 an alias', script(`alias t=/shared/traefik\nt ${FLAGS}`)],
  ["87a-1 $'…' quoting", script(`exec $'/shared/\\x74raefik' ${FLAGS}`)],
  ['87a-4 xargs PROGRAM', script('cat /cfg/args | xargs /shared/traefik')],
  ['87a-4 xargs with options', script('xargs -0 -n 1 -I {} /shared/traefik --entrypoints.web.address={} < /cfg/a')],
  ['87b-11 xargs of traefik', script('echo --providers.kubernetesingress=true | xargs traefik')],
  ['87a-4 xargs as the command', command('xargs', '-a', '/cfg/args', '/shared/traefik')],
  ['87b-11 unshare --user', command('unshare', '--user', 'traefik', '--providers.kubernetesingress=true')],
  ['87a-4 unshare with valued options', command('unshare', '-S', '0', '--propagation', 'private', '-m', '/shared/traefik')],
  ['87a-4 find -exec', script('find /shared -name traefik -exec {} \\; ; find /shared -maxdepth 1 -exec /shared/traefik \\;')],
  ['87a-4 find -exec in the command', command('find', '/shared', '-name', 'x', '-exec', 'ls', '{}', ';', '-execdir', 'traefik', '+')],
  ['87a-5 sh <<EOF', script(`sh <<EOF\n/shared/traefik ${FLAGS}\nEOF`)],
  ["87a-5 bash <<'EOF'", script(`bash <<'EOF'\nexec /shared/traefik ${FLAGS}\nEOF\n`)],
  ['87a-5 sh -s <<-EOF with a tab', script(`sh -s -- x <<-EOF\n\t/shared/traefik ${FLAGS}\n\tEOF`)],
  ['87a-5 a here-document through a wrapper', script(`nohup sh <<EOF &\n/shared/traefik ${FLAGS}\nEOF\nsleep infinity`)],
  ['87a-5 a here-document through cat piped to sh', script(`cat <<EOF | sh\n/shared/traefik ${FLAGS}\nEOF`)],
  ['87a-5 echo piped to sh', script(`echo "/shared/traefik ${FLAGS}" | sh -s`)],
  ['87a-1 a function only a trap runs', script(`start() { exec /shared/traefik ${FLAGS}; }\ntrap start TERM; sleep infinity & wait`)],
  ['87a-4 nsenter', command('nsenter', '-t', '1', '-n', '--', '/shared/traefik')],
  ['87a-2 traefikee proxy', command('/shared/traefikee', 'proxy', '--discovery.dnsseedhosts=x')],
  ['87a-2 traefikee controller in a script', script('exec /shared/traefikee controller --statedir=/tmp/s')],
  ['87a-2 traefik-hub', command('/shared/traefik-hub', FLAGS)],
  ['87a-2 traefik-hub through set --', script(`set -- /shared/traefik-hub ${FLAGS}; exec "$@"`)],
];

describe('87a-1..5, 87b-11: a second Traefik however the script names it, refused at every door', () => {
  test.each(REFUSED)('%s', (_, values) => {
    const doors = ruleDoors(values);
    const line = doors.errors.find((l) => l.startsWith('traefik.values.deployment.additionalContainers[0].image:') && l.includes(SECOND));
    expect(line).toBeDefined();
    expect(doors.errors.filter((l) => /second Traefik/.test(l))).toHaveLength(1);
    expect(doors.cluster).toContain(SECOND);
    expect(doors.chart).toContain(SECOND);
  });
});

// [case, traefik.values]: no door speaks of a second Traefik.
const PASSES: Array<[string, object]> = [
  ['pkill -HUP traefik', script('while :; do sleep 3600; pkill -HUP traefik; done')],
  ['killall traefik', script('sleep 86400; killall traefik')],
  ['command -v traefik as a lookup', script('if command -v traefik >/dev/null; then echo found; fi; sleep infinity')],
  ['ps | grep traefik', script('while :; do ps | grep traefik; sleep 60; done')],
  ['tail -F the access log', script('tail -F /var/log/traefik/access.log')],
  ['traefik version', command('/shared/traefik', 'version')],
  ['traefik healthcheck', script('while /shared/traefik healthcheck --ping; do sleep 10; done')],
  ['a here-document that only writes a file', script(`cat > /tmp/x <<EOF\n/shared/traefik ${FLAGS}\nEOF\nsleep infinity`)],
  ['a here-document fed to cat, piped to grep', script(`cat <<'EOF' | grep -c traefik\ntraefik ${FLAGS}\nEOF`)],
  ['echo traefik | xargs echo', script('echo traefik | xargs echo')],
  ['xargs with no program (echo)', script('echo traefik --ping | xargs')],
  ['xargs -I of another program', script('ls /shared | xargs -I {} cp /shared/{} /tmp/{}')],
  ['find / -name traefik', script('find / -name traefik; sleep infinity')],
  ['find -exec of another program', command('find', '/shared', '-name', 'traefik', '-exec', 'chmod', '+x', '{}', ';')],
  ['unshare of another program', command('unshare', '--user', '--map-root-user', 'sleep', 'infinity')],
  ['traefik-certs-dumper', sidecar({ image: 'ldez/traefik-certs-dumper:v2.8.3', command: ['traefik-certs-dumper', 'file', '--watch'] })],
  ['traefik-certs-dumper by path in a script', script('exec /usr/bin/traefik-certs-dumper file --version v2 --watch')],
  ['set -- with other words', script('set -- a b; echo "$@"; sleep infinity')],
  ['set -- then a function of another program', script('f() { "$@"; }; set -- traefik; f sleep infinity')],
  ['set -e, set -o pipefail', script('set -eo pipefail; set -u; sleep infinity')],
  ['a for variable that is echoed', script('for b in /shared/traefik /etc/traefik; do echo $b; ls -l $b; done; sleep infinity')],
  ['an echo of traefik in a substitution, as an argument', script('echo "$(echo traefik)" >> /tmp/log; sleep infinity')],
  ['${VAR:-word} of another program', script('exec ${SLEEP:-sleep} infinity')],
  ['${VAR:+word} with the variable unset', script('${NOPE:+/shared/traefik} true; sleep infinity')],
  ['traefikee version', command('/shared/traefikee', 'version')],
  ['traefik-hub version', command('/shared/traefik-hub', 'version')],
  ['sh <<EOF of other commands', script('sh <<EOF\necho traefik\nsleep infinity\nEOF')],
  ['a function named traefik runs instead of the program', script('traefik() { echo stub; }; traefik --ping; sleep infinity')],
  ['a shell running a script file with a here-document as data', script(`sh /opt/run.sh <<EOF\ntraefik ${FLAGS}\nEOF`)],
  ['echo of a log line piped to logger', script(`echo "/shared/traefik ${FLAGS}" | logger -t px; sleep infinity`)],
  ['export of a path named traefik, then ls', script('export CFG=/etc/traefik; ls $CFG; sleep infinity')],
  ['an alias of ls on the config folder', script("alias ll='ls -l'\nll /etc/traefik; sleep infinity")],
  ['shift past a traefik word', script('set -- /shared/traefik sleep infinity; shift; exec "$@"')],
  ['a function that only prints its arguments', script('log() { echo "$@"; }; log /shared/traefik started; sleep infinity')],
];

describe('87 neighbours: realistic sidecars pass', () => {
  test.each(PASSES)('%s', (_, values) => {
    const doors = ruleDoors(values);
    expect(doors.errors.filter((l) => /second Traefik/.test(l))).toEqual([]);
    expect(doors.chart).not.toContain('second Traefik');
    expect(doors.cluster).not.toContain('second Traefik');
  });
});

// Hostile scripts: deep nesting, doubling values, many loops and functions calling each other are judged quickly.
const doubling = Array.from({ length: 40 }, (_, i) => `V${i + 1}="$V${i}$V${i}"`).join('; ');
const calls = Array.from({ length: 12 }, (_, i) => `f${i + 1}() { f${i} "$@"; f${i} "$@"; f${i} "$@"; }`).join('\n');
const HOSTILE: Array<[string, string]> = [
  ['values doubled 40 times', `V0=traefikxxxxxxxxxxxxxxxx; ${doubling}; $V40; sleep infinity`],
  ['functions calling each other three times, 12 deep', `f0() { echo "$@"; }\n${calls}\nf12 a b c; sleep infinity`],
  ['nested substitutions', `${'$(echo '.repeat(200)}x${')'.repeat(200)}; sleep infinity`],
  ['loops of many values', `${'for a in 1 2 3 4 5 6 7 8 9; do '.repeat(30)}echo $a${'; done'.repeat(30)}`],
  ['nested defaults', `${'${A:-'.repeat(300)}x${'}'.repeat(300)}; sleep infinity`],
  ['many set -- words', `set -- ${'w '.repeat(20000)}; "$@"; sleep infinity`],
  ['a function that calls itself four times', 'f() { f "$@"; f; f; f; }; f x; sleep infinity'],
  ['many values in one command', `${'for a in 1 2 3 4 5 6 7 8; do '.repeat(4)}$a$a$a$a$a$a 2>&1 | tee $a${'; done'.repeat(4)}`],
];

describe('87: hostile scripts are judged quickly', () => {
  test.each(HOSTILE)('%s', (_, text) => {
    const read = Date.now();
    simpleCommands(text, new Map(), []);
    expect(Date.now() - read).toBeLessThan(500);
    const started = Date.now();
    const doors = ruleDoors(script(text));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(doors.errors.filter((l) => /second Traefik/.test(l))).toEqual([]);
  });
});
