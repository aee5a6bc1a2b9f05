// Round 64 (forms64): 64a-14 (`${DB_PASSWORD:-` repeated 20,000 times took a minute: each read to the text's end),
// 64a-15 (a variable defaulting to another variable, `${DB_PASSWORD:-${DB_PASS}}`, is a reference: the config readers
// took it, the output gate refused dist/'s line 1), 64a-4 (SQL*Plus `CONNECT u/pw` ending its statement without `@`,
// a cx_Oracle quoted password with a blank), 64a-5 (a literal fallback of a read of a secret: Ruby's block, Java's
// Optional, Rust's unwrap_or; a nested placeholder default) and 64a-13 (`a/b@host:port/x` endpoints, images and paths
// are no Oracle logon). Each refused row: at the config, K3sVipCluster, TraefikHelmChartConfig and the write gate, its
// key path named, never shown; each neighbour accepted at every door.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { secretsInFiles } from '../src/output/secret-gate';
import { devConfig, synthFiles, withChanges } from './helpers';
import { envEntry as env } from './rule-doors';
import { acceptedEverywhere, refusedAtTextDoors, textConfigMap as configMap } from './secret-doors';

// [row, the text, the secret it holds (never shown), what a message names]
const SECRETS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['64a-4 CONNECT u/pw', 'CONNECT scott/Tq1hK2pLm4', 'Tq1hK2pLm4', 'SQL*Plus logon'],
  ['64a-4 CONNECT u/pw;', 'CONNECT scott/Tq1hK2pLm4;', 'Tq1hK2pLm4', 'SQL*Plus logon'],
  ['64a-4 connect in lower case', 'connect scott/Tq1hK2pLm5', 'Tq1hK2pLm5', 'SQL*Plus logon'],
  ['64a-4 after the SQL> prompt', 'SQL> CONNECT scott/Tq1hK2pLm6', 'Tq1hK2pLm6', 'SQL*Plus logon'],
  ['64a-4 conn with a symbol', 'SQL> conn app_user/S3cure!Pass9;', 'S3cure!Pass9', 'SQL*Plus logon'],
  ['64a-4 cx_Oracle quoted password', `conn = cx_Oracle.connect('scott/"Tg7h K2pLm9"@db:1521/svc')`, 'Tg7h K2pLm9', 'Oracle logon'],
  ['64a-4 oracledb quoted password', 'oracledb.connect("scott/\\"Tg7h;K2pLm9\\"@db:1521/svc")', 'Tg7h;K2pLm9', 'Oracle logon'],
  ['64a-5 Ruby ENV.fetch block', 'pw = ENV.fetch("DB_PASSWORD") { "Hk6kL9mNq2" }', 'Hk6kL9mNq2', 'literal fallback'],
  ['64a-5 Ruby ENV.fetch block with a key', "pw = ENV.fetch('DB_PASSWORD') { |k| 'Hk6kL9mNq2' }", 'Hk6kL9mNq2', 'literal fallback'],
  [
    '64a-5 Java Optional.orElse',
    'Optional.ofNullable(System.getenv("DB_PASSWORD")).orElse("Hn6kL9mNq2")',
    'Hn6kL9mNq2',
    'literal fallback',
  ],
  [
    '64a-5 Java orElseGet',
    'Optional.ofNullable(System.getenv("API_TOKEN")).orElseGet(() -> "Hn6kL9mNq2")',
    'Hn6kL9mNq2',
    'literal fallback',
  ],
  ['64a-5 Rust unwrap_or', 'let pw = env::var("DB_PASSWORD").unwrap_or("Ht6kL9mNq2".to_string());', 'Ht6kL9mNq2', 'literal fallback'],
  [
    '64a-5 Rust unwrap_or_else',
    'let pw = env::var("DB_PASSWORD").unwrap_or_else(|_| "Ht6kL9mNq2".into());',
    'Ht6kL9mNq2',
    'literal fallback',
  ],
  [
    '64a-5 Rust String::from',
    'let pw = std::env::var("DB_PASSWORD").unwrap_or(String::from("Ht6kL9mNq2"));',
    'Ht6kL9mNq2',
    'literal fallback',
  ],
  ['64a-5 nested placeholder default', 'DB_PASSWORD=${DB_PASSWORD:-${FALLBACK:-Hi6kL9mNq2}}', 'Hi6kL9mNq2', 'default inside a placeholder'],
  ['64a-5 nested default, neutral key', 'x=${DB_PASSWORD:-${FALLBACK=Hi6kL9mNq2}}', 'Hi6kL9mNq2', 'default inside a placeholder'],
  ['64a-13 kept: ORACLE_CONN=', 'ORACLE_CONN=scott/Tiger4Zq8vN3@db:1521/ORCL', 'Tiger4Zq8vN3', 'Oracle logon'],
  ['64a-13 kept: connect( call', 'cx_Oracle.connect("scott/Tiger4Zq8vN3@db/ORCL")', 'Tiger4Zq8vN3', 'Oracle logon'],
  ['64a-13 kept: listener port under any key', 'db_target: scott/Tiger4Zq8vN3@db.example.com:1521/PDB1', 'Tiger4Zq8vN3', 'Oracle logon'],
  ['64a-13 kept: a password mix, other port', 'target: scott/Tiger4Zq8vN3@db.example.com:1600/PDB1', 'Tiger4Zq8vN3', 'Oracle logon'],
];

// Texts that must pass every door: references, endpoints, images and paths, empty or read fallbacks.
const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['64a-15 a variable defaulting to another', 'P=${DB_PASSWORD:-${DB_PASS}}'],
  ['64a-15 YAML form', 'password: ${DB_PASSWORD:-${VAULT_DB_PASSWORD}}'],
  ['64a-15 a token defaulting to another', 'TOKEN=${TOKEN:-${GITHUB_TOKEN}}'],
  ['64a-15 := form', 'P=${DB_PASSWORD:=${DB_PASS}}'],
  ['64a-15 nested twice', 'P=${DB_PASSWORD:-${DB_PASS:-${PGPASSWORD}}}'],
  ['64a-15 without braces', 'P="${DB_PASSWORD:-$DB_PASS}"'],
  ['64a-14 neighbour: error text', 'P=${DB_PASSWORD:?set DB_PASSWORD first}'],
  ['64a-13 endpoint', 'endpoint = api/v2@edge:443/svc'],
  ['64a-13 upstream', 'upstream = web/v2@dc1:8500/health'],
  ['64a-13 image on a registry', 'repo: team/app@registry.local:5000/app'],
  ['64a-13 package spec', 'spec: react/jsx@1.2.3:8080/x'],
  ['64a-13 archive path', 'path: reports/2024@archive:2023/q4'],
  ['64a-4 neighbour: connect a path', 'connect a/b'],
  ['64a-4 neighbour: the demo logon', 'run sql <<EOF\nconnect scott/tiger\nEOF\n'],
  ['64a-4 neighbour: two ports', 'connect rack1/port12'],
  ['64a-4 neighbour: a reference', 'conn system/"$PW"@orcl'],
  ['64a-4 neighbour: a script', 'set echo off\nconn app_user/&pw@orcl\nselect 1 from dual;'],
  ['64a-5 neighbour: no fallback', 'let pw = env::var("DB_PASSWORD").unwrap_or_default();'],
  ['64a-5 neighbour: a neutral name', 'let host = env::var("DB_HOST").unwrap_or("localhost".to_string());'],
  ['64a-5 neighbour: an error in the block', 'ENV.fetch("DB_PASSWORD") { raise "DB_PASSWORD is not set" }'],
  ['64a-5 neighbour: an empty fallback', 'Optional.ofNullable(System.getenv("DB_PASSWORD")).orElse("")'],
];

describe('forms64: each refused, named by its key path, never shown', () => {
  refusedAtTextDoors(SECRETS);
});

describe('forms64: neighbours accepted at every door', () => {
  test.each(ACCEPTED)('%s', (_, text) => {
    acceptedEverywhere(configMap(text));
    acceptedEverywhere(env('APP_SETTING', text));
  });
});

// A config file as written by hand: the value on one line in double quotes (JSON's escapes are YAML's).
const configText = (value: string): string =>
  stringify(withChanges(devConfig(), { traefik: { values: oneLineMap('MARKER') } })).replace('MARKER', JSON.stringify(value));
const oneLineMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', namespace: 'default' }, data: { f03: text } }],
});
/** Synthesized, then every file judged by the write gate, as `synth.js --dry-run` does (64a-15 was refused only there). */
const synthesizedAndGated = (value: string): string[] => secretsInFiles(synthFiles(configText(value)));

describe('64a-15: a variable defaulting to another passes the config and the gate over dist/', () => {
  test.each(ACCEPTED.filter(([row]) => row.startsWith('64a-15')))('%s', (_, text) => expect(synthesizedAndGated(text)).toEqual([]));
});

/** `synth.js --dry-run` on a config holding `value`, in its own process: a hang there leaves the test's timer running. */
function dryRun(value: string): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'forms64-'));
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config', 't.yaml'), configText(value));
  const env = { ...process.env, K3S_VIP_CONFIG_DIR: join(dir, 'config'), K3S_VIP_DIST_DIR: join(dir, 'dist') };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'scripts', 'synth.js'), '--dry-run'], { env });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, out });
    });
  });
}

// 64a-14: each `${NAME:` read its default to the text's next `}` (none: its end), so 20,000 of them (300 kB) took a
// minute at the config and again at the gate. The timeout fails only a hang (no clock is asserted); the verdict is
// what any run must give: accepted, at the config, the synth and the gate.
describe('64a-14: 300 kB of unclosed expansions is judged', () => {
  test('`${DB_PASSWORD:-` 20,000 times, by synth.js --dry-run', async () => {
    const { code, out } = await dryRun('${DB_PASSWORD:-'.repeat(20_000));
    expect(out).not.toMatch(/^error/m);
    expect(code).toBe(0);
  }, 60_000);
  test.each([
    ['${DB_PASSWORD:?', 20_000],
    ['${PW:=', 50_000],
  ])('%s repeated %i times, in this process', (opening, times) => expect(synthesizedAndGated(opening.repeat(times))).toEqual([]), 60_000);
});
