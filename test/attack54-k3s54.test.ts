import { K3S_SHORT_TOKEN } from '../src/core/k3s-short-token';
import { K3S_VPN_JOIN_KEY } from '../src/core/k3s-vpn-auth';
import { redact } from '../src/core/secrets';
import { VENDOR_TOKEN } from '../src/core/token-shapes';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-52 findings 52a-12 (K3s' argument lists built apart from the call, C#'s `new[]`, PowerShell's `&` and
 * `-ArgumentList` first, k3sup's `--k3s-extra-args`, the old `--cluster-secret`, `--vpn-auth`'s join key: k3s-code-args.ts,
 * k3s-short-token.ts, k3s-vpn-auth.ts), 52a-13 (Vault, Atlassian, Linear and Teams tokens shorter or looser than
 * gitleaks' rules: token-shapes.ts) and round 53's known limits on K3s (Ruby's `%w[]`, lists built in pieces,
 * `K10<lower-case word>::…`: k3s-tokens.ts). Each row is refused at every text door (a pod annotation, a sidecar's
 * `sh -c`, a ConfigMap; the config, K3sVipCluster, TraefikHelmChartConfig and the write gate), named by its place,
 * redacted, hidden in the `check` diff; the controls beside them are accepted everywhere.
 */
const S = 'Qz7vTq2mWx9pLk4r';
const { acceptedTable } = falseRefusalTables(S);

describe('52a-12: K3s argument lists in code', () => {
  refusedTextRows([
    ['C# Process.Start with new[] { }', `Process.Start("k3s", new[] { "agent", "--token", "${S}" });`, S],
    ['C# new[] and -t', `Process.Start("k3s", new[] { "agent", "-t", "${S}" });`, S],
    ['C# new List<string> { }', `var a = new List<string> { "k3s", "agent", "--token", "${S}" };`, S],
    ['Go slice built first', `args := []string{"agent", "--token", "${S}"}\nexec.Command("k3s", args...)`, S],
    ['Go slice with -t', `args := []string{"server", "-t", "${S}"}\ncmd := exec.Command("/usr/local/bin/k3s", args...)`, S],
    ['PowerShell & k3s.exe @()', `& k3s.exe @("agent", "--token", "${S}")`, S],
    ['PowerShell & with a Windows path', `& C:\\k3s\\k3s.exe @('agent', '-t', '${S}')`, S],
    ['PowerShell splatting', `$a = @('agent', '--token', '${S}')\n& k3s @a`, S],
    ['Python list added to the call', `args = ["agent", "--agent-token", "${S}"]\nsubprocess.run(["k3s"] + args)`, S],
    ['k3sup --k3s-extra-args', `k3sup join --ip 10.0.0.2 --server-ip 10.0.0.1 --k3s-extra-args "--token ${S}"`, S],
    ['k3sup --k3s-extra-args -t', `k3sup join --ip 10.0.0.2 --k3s-extra-args '--node-label a=b -t ${S}'`, S],
    ['k3sup --server-k3s-extra-args=', `k3sup plan hosts.json --server-k3s-extra-args="--agent-token ${S}"`, S],
    ['S3 secret key in a code list', `exec.Command("k3s", "server", "--etcd-s3-secret-key", "${S}")`, S],
    [
      'C# ArgumentList.Add statements',
      `var psi = new ProcessStartInfo { FileName = "k3s" };\npsi.ArgumentList.Add("agent");\npsi.ArgumentList.Add("--token");\npsi.ArgumentList.Add("${S}");`,
      S,
    ],
    ['a bash array', `args=("agent" "--token" "${S}"); k3s "\${args[@]}"`, S],
  ]);
});

describe('52a-12: --cluster-secret, the old name of --token', () => {
  refusedTextRows([
    ['on a command line', `k3s server --cluster-secret ${S}`, S],
    ['with =', `k3s agent --server https://vip:6443 --cluster-secret=${S}`, S],
    ['in an argv', `subprocess.run(["k3s", "agent", "--cluster-secret", "${S}"])`, S],
    ['in INSTALL_K3S_EXEC', `curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="server --cluster-secret ${S}" sh -`, S],
  ]);
});

describe("52a-12: --vpn-auth's join key", () => {
  refusedTextRows([
    ['on a command line', `k3s agent --vpn-auth="name=tailscale,joinKey=${S}"`, S],
    ['as the config key', `vpn-auth: "name=tailscale,joinKey=${S}"`, S],
    ['unquoted, other pairs after', `vpn-auth: name=tailscale,joinKey=${S},controlServerURL=https://hs.example.com`, S],
    ['joinKey first', `k3s agent --vpn-auth joinKey=${S},name=tailscale`, S],
    ['as K3S_VPN_AUTH', `K3S_VPN_AUTH="name=tailscale,joinKey=${S}"`, S],
    ['in an argv', `["k3s", "agent", "--vpn-auth", "name=tailscale,joinKey=${S}"]`, S],
    ['a YAML args item, --vpn-auth=', `- --vpn-auth=name=tailscale,joinKey=${S}`, S],
    ['JSON', `{"vpn-auth": "name=headscale,joinKey=${S}"}`, S],
  ]);
});

describe('round 53 known limits on K3s', () => {
  refusedTextRows([
    ["Ruby's %w[] with --cluster-secret", `system(*%w[k3s server --cluster-secret ${S}])`, S],
    ["Ruby's %w[] built first", `args = %w[agent -t ${S}]\nsystem('k3s', *args)`, S],
    ['a list built in pieces', `args = ['k3s', 'server']\nargs += ['-t', '${S}']`, S],
    ['a list built in pieces, --token', `args = ['k3s']\nargs += ['--token', '${S}']`, S],
    ['K10<lower-case word>::', `K10mycluster::${S}`, S],
    ['K10secret::', `token: K10secret::${S}`, S],
    ['Start-Process -ArgumentList before -FilePath', `Start-Process -ArgumentList '--token','${S}' -FilePath k3s`, S],
    ['the same with -t and -NoNewWindow', `Start-Process -NoNewWindow -ArgumentList 'agent','-t','${S}' -FilePath "C:\\k3s\\k3s.exe"`, S],
  ]);
});

describe('52a-13: vendor tokens with a fixed prefix, alone', () => {
  const vault = `hvs.${S}Qz7vTq2m`;
  const atlassian = `ATATT3xFfGF0${S}${S}AbCd${S}${S}AbCd${S}${S}Qz7v`;
  const linear = `lin_api_${S}${S}AbCd`;
  const teamsKey = '0123456789abcdef0123456789abcdef';
  refusedTextRows([
    ['a Vault service token, 24 characters', vault, vault.slice(4)],
    ['a Vault batch token', `hvb.${S}${S}`, `${S}${S}`],
    ['a Vault recovery token', `hvr.${S}Wx9pLk4r`, `${S}Wx9pLk4r`],
    ['an Atlassian API token', atlassian, atlassian.slice(12)],
    ['a Linear API key, 36 characters', linear, linear.slice(8)],
    ['a Teams webhook URL', `https://example.webhook.office.com/webhookb2/abc@def/IncomingWebhook/${teamsKey}/ghi`, teamsKey],
    [
      'a Teams webhook URL, legacy host',
      `https://outlook.office.com/webhook/a1b2c3d4-0000-1111-2222-333344445555@tenant/IncomingWebhook/${teamsKey}/x`,
      teamsKey,
    ],
    ['a Teams webhook URL in capitals', `HTTPS://EXAMPLE.WEBHOOK.OFFICE.COM/WEBHOOKB2/abc/INCOMINGWEBHOOK/${teamsKey}/x`, teamsKey],
  ]);
});

describe('controls: references, placeholders, files, other commands and prose', () => {
  acceptedTable([
    'k3s server --cluster-init\ndocker run -t ubuntu bash',
    'Process.Start("k3s", new[] { "agent", "--token", token });',
    'args := []string{"agent", "--token-file", "/etc/k3s/token"}\nexec.Command("k3s", args...)',
    '& k3s.exe @("agent", "--token", $env:K3S_TOKEN)',
    'k3sup join --ip 10.0.0.2 --k3s-extra-args "--token $TOKEN"',
    'k3sup join --ip 10.0.0.2 --k3s-extra-args "--node-label a=b --disable traefik"',
    'k3sup install --ip 10.0.0.1 --k3s-extra-args "--token <token>"',
    'k3s server --cluster-secret $K3S_SECRET',
    'k3s server --cluster-secret <secret>',
    'vpn-auth: "name=tailscale,joinKey=${TS_KEY}"',
    'vpn-auth-file: /etc/rancher/k3s/vpn',
    'k3s agent --vpn-auth="name=tailscale,joinKey=<key>"',
    'The format is name=<vpn-provider>,joinKey=<key>[,controlServerURL=<url>]',
    'const t = hvs.getServiceTokenForNamespace();',
    'ATATT3xFfGF0...',
    'https://contoso.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<key>/<id>',
    'K10lib::parseArgs',
    'K10Widget::render()',
    'print("k3s")\nsubprocess.run(["docker", "run", "-t", "alpine"])',
    'subprocess.run(["k3s", "kubectl", "exec", "-t", "pod"])',
    "args = ['k3s', 'server']\nargs += ['--node-label', 'team=a']",
    "Start-Process -ArgumentList '--token',$tok -FilePath k3s",
    "Start-Process -ArgumentList 'agent','--node-name','n1' -FilePath k3s.exe",
    '%w[k3s agent --token-file /etc/k3s/t]',
    'echo "k3s: use --token-file instead"',
  ]);
});

describe("the findings' names are no secrets themselves", () => {
  test.each([K3S_SHORT_TOKEN, K3S_VPN_JOIN_KEY, VENDOR_TOKEN])('%s is shown as written', (what) => {
    expect(redact(what)).toBe(what);
  });
});
