// Round 70 (leak70): secrets written to dist/. 70a-4 passwords given to admin clients not yet known (racadm, jenkins-cli
// `-auth`, ab `-A`, hey `-a`, schtasks `/rp`, an ftp script's `user` line, openvpn `--askpass <(echo …)`), 70a-18
// passwords passed by position to client constructors (Go smtp.PlainAuth, ftplib.FTP/login, ldap3.Connection,
// redis.StrictRedis, pysnmp CommunityData/UsmUserData), 70a-5 "user then password" runbook notes with no password word,
// 70a-15 an SNMP community under `community` and a TACACS+ key under `tacacs_key`. Each is refused at every door (the
// config, K3sVipCluster, TraefikHelmChartConfig, the write gate), never shown; its secret-free neighbours stay accepted.
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';

const GEN = 'q7T$wX2!mZ9v#Lr4';
const SUN = 'Sunfl0wer04x';

// [row, text, the secret it holds]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  // 70a-4
  ['70a-4 racadm -p', `racadm -r 10.0.0.5 -u root -p ${SUN} getsysinfo`, SUN],
  ['70a-4 racadm -p quoted generated', `racadm -r 10.0.0.5 -u root -p '${GEN}' getsysinfo`, GEN],
  ['70a-4 jenkins-cli -auth user:pw', `java -jar jenkins-cli.jar -s http://jenkins:8080/ -auth admin:${SUN} who-am-i`, SUN],
  [
    '70a-4 jenkins-cli -auth hex token',
    'java -jar jenkins-cli.jar -auth admin:11a3f9c2b7e4d5f6a8b9c0d1e2f3a4b5c6 who-am-i',
    '11a3f9c2b7e4d5f6a8b9c0d1e2f3a4b5c6',
  ],
  ['70a-4 ab -A user:pw', `ab -n 100 -A admin:${SUN} https://traefik.example.com/`, SUN],
  ['70a-4 ab -A generated', 'ab -n 100 -A admin:Kx9mQ2pL7vRt4Wz8 https://traefik.example.com/', 'Kx9mQ2pL7vRt4Wz8'],
  ['70a-4 ab -P proxy user:pw', `ab -n 100 -P admin:${SUN} https://traefik.example.com/`, SUN],
  ['70a-4 hey -a user:pw', `hey -a admin:${SUN} https://traefik.example.com/`, SUN],
  ['70a-4 schtasks /rp', `schtasks /create /tn backup /tr backup.cmd /ru admin /rp ${SUN}`, SUN],
  ['70a-4 schtasks /RP upper', `schtasks /Create /TN backup /TR backup.cmd /RU admin /RP ${SUN}`, SUN],
  ['70a-4 ftp script user line', `ftp -n nas <<EOF\nuser admin ${SUN}\nbin\nput backup.tar\nEOF`, SUN],
  ['70a-4 openvpn --askpass <(echo)', `openvpn --config home.ovpn --askpass <(echo ${SUN})`, SUN],
  ['70a-4 openvpn --auth-user-pass <(printf)', `openvpn --config home.ovpn --auth-user-pass <(printf 'user\\n${SUN}\\n')`, SUN],
  // 70a-18
  ['70a-18 Go smtp.PlainAuth', `auth := smtp.PlainAuth("", "alerts@example.com", "${GEN}", "smtp.example.com")`, GEN],
  ['70a-18 Go smtp.CRAMMD5Auth', `auth := smtp.CRAMMD5Auth("alerts@example.com", "${SUN}")`, SUN],
  ['70a-18 ftplib.FTP', `ftp = ftplib.FTP('nas.lan', 'backup', '${GEN}')`, GEN],
  ['70a-18 FTP_TLS', `ftp = FTP_TLS('nas.lan', 'backup', '${SUN}')`, SUN],
  ['70a-18 ftp.login', `ftp.login('backup', '${SUN}')`, SUN],
  ['70a-18 ldap3.Connection', `conn = ldap3.Connection(server, 'cn=admin,dc=example,dc=org', '${GEN}', auto_bind=True)`, GEN],
  ['70a-18 redis.StrictRedis', `r = redis.StrictRedis('redis', 6379, 0, '${SUN}')`, SUN],
  ['70a-18 redis.Redis', `r = redis.Redis('redis', 6379, 0, '${SUN}')`, SUN],
  ['70a-18 pysnmp CommunityData', `pysnmp: CommunityData('${SUN}')`, SUN],
  ['70a-18 pysnmp UsmUserData', `UsmUserData('monitor', '${SUN}', 'Sunfl0wer23y')`, SUN],
  ['70a-18 pysnmp UsmUserData priv key', "UsmUserData('monitor', 'authkey1', 'Sunfl0wer23y')", 'Sunfl0wer23y'],
  // 70a-5
  ['70a-5 iDRAC root <pw>', 'iDRAC k3s-1: root q7TwX2mZ9vLr4s', 'q7TwX2mZ9vLr4s'],
  ['70a-5 ilo Administrator <pw>', 'k3s-2 ilo Administrator Kx9mQ2pL7vRt', 'Kx9mQ2pL7vRt'],
  ['70a-5 unifi login admin <pw>', 'unifi controller login admin Sunfl0wer12x', 'Sunfl0wer12x'],
  ['70a-5 Proxmox root@pam <pw>', 'Proxmox root@pam Sunfl0wer13x', 'Sunfl0wer13x'],
  ['70a-5 BMC ADMIN <pw>', 'BMC k3s-3: ADMIN Sunfl0wer14x', 'Sunfl0wer14x'],
  ['70a-5 ubuntu@k3s-1 <pw>', 'ubuntu@k3s-1 Sunfl0wer33x', 'Sunfl0wer33x'],
  ['70a-5 comment', '# iDRAC k3s-1: root q7TwX2mZ9vLr4s', 'q7TwX2mZ9vLr4s'],
  // 70a-15
  ['70a-15 community:', `community: ${SUN}`, SUN],
  ['70a-15 tacacs_key:', `tacacs_key: ${SUN}`, SUN],
  ['70a-15 snmp_community=', `snmp_community=${SUN}`, SUN],
];

// [row, text]: the secret-free neighbours
const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['racadm -p env reference', 'racadm -r 10.0.0.5 -u root -p "$IDRAC_PASSWORD" getsysinfo'],
  ['racadm without -p', 'racadm -r 10.0.0.5 -u root getsysinfo'],
  ['jenkins-cli -auth @file', 'java -jar jenkins-cli.jar -s http://jenkins:8080/ -auth @/run/secrets/jenkins who-am-i'],
  ['jenkins-cli -auth env reference', 'java -jar jenkins-cli.jar -auth "admin:$JENKINS_TOKEN" who-am-i'],
  ['ab -A env reference', 'ab -n 100 -A "admin:$AB_PASSWORD" https://traefik.example.com/'],
  ['ab -c concurrency', 'ab -n 100 -c 10 https://traefik.example.com/'],
  ['hey -a env reference', 'hey -a "admin:${HEY_PASSWORD}" https://traefik.example.com/'],
  ['hey -n -c', 'hey -n 200 -c 50 https://traefik.example.com/'],
  ['schtasks /rp without value prompts', 'schtasks /create /tn backup /tr backup.cmd /ru admin /rp'],
  ['schtasks /ru SYSTEM', 'schtasks /create /tn backup /tr backup.cmd /ru SYSTEM /sc daily'],
  ['ftp script user with env reference', 'ftp -n nas <<EOF\nuser admin $FTP_PASSWORD\nbin\nEOF'],
  ['ftp script user alone', 'ftp -n nas <<EOF\nuser anonymous\nbin\nEOF'],
  ['openvpn --askpass file', 'openvpn --config home.ovpn --askpass /etc/openvpn/pass.txt'],
  ['Go smtp.PlainAuth env', 'auth := smtp.PlainAuth("", user, os.Getenv("PW"), host)'],
  ['Go smtp.PlainAuth variable', 'auth := smtp.PlainAuth("", "alerts@example.com", password, "smtp.example.com")'],
  ['ftplib.FTP host only', "ftp = ftplib.FTP('nas.lan')"],
  ['ftp.login anonymous', 'ftp.login()'],
  ['ftplib.FTP env', "ftp = ftplib.FTP('nas.lan', 'backup', os.environ['FTP_PASSWORD'])"],
  ['ldap3.Connection variable', "conn = ldap3.Connection(server, 'cn=admin,dc=example,dc=org', password, auto_bind=True)"],
  ['redis.StrictRedis no password', "r = redis.StrictRedis('redis', 6379, 0)"],
  ['redis.Redis env', "r = redis.Redis('redis', 6379, 0, os.getenv('REDIS_PASSWORD'))"],
  ['pysnmp CommunityData public', "CommunityData('public')"],
  ['pysnmp CommunityData public mpModel', "CommunityData('public', mpModel=1)"],
  ['pysnmp UsmUserData user only', "UsmUserData('monitor')"],
  ['runbook: user then host', 'iDRAC k3s-1: root on 10.0.0.5'],
  ['runbook: ilo Administrator account', 'k3s-2 ilo Administrator account'],
  ['runbook: Proxmox root@pam realm', 'Proxmox root@pam realm'],
  ['runbook: plain words', 'unifi controller login admin tomorrow'],
  ['runbook: user then hostname', 'ssh ubuntu@k3s-1 uptime'],
  ['runbook: BMC user version', 'BMC k3s-3: ADMIN firmware 2.81'],
  ['runbook: a pod after an account', 'kubectl logs -n admin traefik7d9f8c6b5'],
  ['runbook: a host after an account', 'ssh root k3s-node-01a'],
  ['runbook: an account then a word', 'login as root Kubernetes'],
  ['runbook: a hex id after an account', 'docker exec -u root a3f9c2b7e4d5f6a8'],
  ['community public', 'community: public'],
  ['community private', 'community: private'],
  ['community reference', 'community: ${SNMP_COMMUNITY}'],
  ['community a prose word', 'community: homelab'],
  ['tacacs_key reference', 'tacacs_key: ${TACACS_KEY}'],
  ['tacacs server', 'tacacs_server: 10.0.0.9'],
];

describe('70a: a secret in a ConfigMap text is refused at every door, never shown', () => {
  test.each(SECRETS)('%s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
});

describe('70a: the secret-free neighbours stay accepted', () => {
  test.each(ACCEPTED)('%s', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('70a-15: a community or TACACS+ key as a ConfigMap data key', () => {
  const data = (entries: Record<string, string>) => ({
    extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'snmp', namespace: 'default' }, data: entries }],
  });
  test.each([
    ['community', SUN],
    ['tacacs_key', SUN],
    ['snmp_community', SUN],
    ['TACACS_KEY', SUN],
  ])('%s: secret', (key, value) => refusedEverywhere(data({ [key]: value }), `extraObjects[0].data.${key}`, value));
  test.each([
    ['community', 'public'],
    ['community', 'private'],
    ['tacacs_server', '10.0.0.9'],
  ])('%s: %s accepted', (key, value) => acceptedEverywhere(data({ [key]: value })));
});
