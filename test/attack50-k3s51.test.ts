import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE, shownInDiff } from './secret-doors';
import { falseRefusalTables, judgedOnce, refusedAtTextDoors, refusedTextRows, textDoors } from './secret-tables';

/**
 * Round-49 findings 49a-1 (a K3s token whose CA hash is any placeholder word, k3s-tokens.ts), 49a-4 (the token given
 * as `--token`/`--agent-token` in an argument list, `spawn('k3s', [...])`, a YAML `args:` fragment, and `k3s token
 * create <token>`, k3s-short-token.ts) and 49a-10's first bullet (a variable in a call's list is no value).
 */
const S = 'Zq9xWvT7pLm2';
const BOOTSTRAP = 'Zq9xWv.T7pLm2abcdefghijk';
const { acceptedTable } = falseRefusalTables(S);

describe('49a-1: a placeholder word for the CA hash', () => {
  refusedTextRows([
    ...['XXXX', 'CAHASH', 'HASH', 'xxxx', 'yourhash', '_HASH_', '_', 'ca-hash', 'ZZZZ', '[hash]'].map(
      (hash) => [`K10${hash}::server:`, `K10${hash}::server:${S}`, S] as const,
    ),
    ['a node token', `K10hash::node:${S}`, S],
    ['a weak password', 'K10ZZZZ::server:hunter2hunter2', 'hunter2hunter2'],
  ]);
});

describe('49a-4: --token in an argument list, and k3s token create', () => {
  refusedTextRows([
    ['Python, --token', `subprocess.run(["k3s", "agent", "--token", "${S}"])`, S],
    ['Python, single quotes', `subprocess.run(['k3s', 'agent', '--token', '${S}'])`, S],
    ['Python, no blanks', `subprocess.run(["k3s","agent","--token","${S}"])`, S],
    ['Python, --agent-token', `subprocess.run(["k3s", "agent", "--agent-token", "${S}"])`, S],
    ['Python, --token=', `subprocess.run(["k3s", "server", "--token=${S}"])`, S],
    ['Node spawn, --token', `spawn('k3s', ['agent', '--token', '${S}'])`, S],
    ['Node spawn, -t', `spawn('k3s', ['agent', '-t', '${S}'])`, S],
    ['Node execFile, -t', `execFile('k3s', ['agent', '-t', '${S}'])`, S],
    ['Go exec.Command, --token', `exec.Command("k3s", "server", "--token", "${S}")`, S],
    ['k3s token create in a list', `subprocess.run(["k3s", "token", "create", "${BOOTSTRAP}"])`, BOOTSTRAP],
    ['k3s token create', `k3s token create ${BOOTSTRAP}`, BOOTSTRAP],
    ['k3s token create after an option', `k3s token create --ttl 1h ${BOOTSTRAP}`, BOOTSTRAP],
    ['k3s token create, quoted', `k3s token create --description "edge nodes" '${BOOTSTRAP}'`, BOOTSTRAP],
  ]);
});

describe('49a-4: a YAML args fragment of K3s (data, no text shape) is judged as a container of rancher/k3s', () => {
  const rows = [`args:\n- agent\n- -t\n- ${S}\n`, `args:\n  - agent\n  - -t${S}\n`];
  const doors = judgedOnce(() => textDoors(rows));
  test.each(rows.map((text, i) => [text, i] as const))('%s is refused, not shown', (text, i) => {
    refusedAtTextDoors(doors(), i, S);
    expect(shownInDiff(`  k: ${JSON.stringify(text)}`)).not.toContain(S);
  });
});

describe('controls: variables, references, files and other commands set no token', () => {
  acceptedTable([
    'subprocess.run(["k3s", "agent", "-t", token])',
    'exec.Command("k3s", "agent", "-t", token)',
    'subprocess.run(["k3s", "agent", "--token", token])',
    'subprocess.run(["k3s", "agent", "--token", os.environ["K3S_TOKEN"]])',
    "spawn('k3s', ['agent', '--token', process.env.K3S_TOKEN])",
    'exec.Command("k3s", "server", "--token", tok)',
    'k3s agent --token $K3S_TOKEN',
    'k3s agent --token "${TOKEN}"',
    'k3s agent --token-file /etc/k3s/token',
    'subprocess.run(["k3s", "agent", "--token-file", "/etc/k3s/token"])',
    'docker run -t busybox sh',
    'subprocess.run(["docker", "run", "-t", "busybox"])',
    'k3s token create',
    'k3s token create --ttl 1h',
    'k3s token list',
    'k3s token create "$TOKEN"',
    'k3s token create --description "for the edge nodes"',
    'The token has the form K10<hash>::server:<password>.',
    'Token format: K10...::server:...',
    'K10XXXX::server:$PASSWORD',
    'K10XXXX::server:<password>',
    'K10Widget::server::start()',
    'args:\n- agent\n- --token-file\n- /etc/k3s/token\n',
    'args:\n- agent\n- -t\n- $(K3S_TOKEN)\n',
  ]);
});

// `node -e` timings of the same texts at 1 MB are in the branch's report.
describe('hostile near-misses stay cheap', () => {
  test.each(hostile.k3sTokens51(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
