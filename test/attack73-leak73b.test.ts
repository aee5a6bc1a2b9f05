import { secretsInData } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 73 (leak73b): 73b-1 (client password options and places: swaks, sendEmail, influx setup, ldappasswd, samba-tool,
 * mega-login, NickServ IDENTIFY, sshfs -o password_stdin, ZooKeeper addauth digest, a davfs2 secrets line), 73b-2 (a Docker
 * Swarm join token, ngrok's and cloudflared's token operands, a Cloudflare Tunnel token, a Proxmox API token) and 73b-3
 * (prose passwords in Hungarian, Greek, Arabic, Russian, Ukrainian, Hebrew, Thai, Malay, Swahili and Tagalog). Every
 * refused row's secret is never shown; each has the nearest plain text beside it, which passes.
 */
const PASSWORD = 'Xk9mQ2pL7vR4tY8uWq';
/** A ConfigMap in `extraObjects` whose data key `note.txt` holds `text`, as the findings' harness writes it. */
const note = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'default' }, data: { 'note.txt': text } }],
});
const refused = (text: string, secret: string) => refusedEverywhere(note(text), 'data["note.txt"]', secret);

describe('73b-1: client password options and places', () => {
  it.each([
    ['swaks -ap', `swaks --to ops@example.com -au jdoe -ap ${PASSWORD} --server smtp.example.com`],
    ['swaks --auth-password', `swaks --to ops@example.com --auth-user jdoe --auth-password ${PASSWORD}`],
    ['sendEmail -xp', `sendEmail -f a@example.com -t b@example.com -s smtp.example.com -xu jdoe -xp ${PASSWORD}`],
    ['samba-tool user add', `samba-tool user add jdoe ${PASSWORD}`],
    ['samba-tool user create, an option first', `samba-tool user create -H ldap://dc1 jdoe ${PASSWORD}`],
    ['NickServ IDENTIFY', `/msg NickServ IDENTIFY ${PASSWORD}`],
    ['NickServ IDENTIFY with an account', `/msg nickserv identify jdoe ${PASSWORD}`],
    ['NickServ raw PRIVMSG', `PRIVMSG NickServ :IDENTIFY ${PASSWORD}`],
    ['influx setup -p', `influx setup -u admin -p ${PASSWORD} -o acme -b metrics -f`],
    ['influx user create --password', `influx user create -n jdoe --password ${PASSWORD}`],
    ['sshfs -o password_stdin', `echo '${PASSWORD}' | sshfs -o password_stdin jdoe@nas:/data /mnt/data`],
    ['sshfs in a list of options', `echo '${PASSWORD}' | sshfs -o reconnect,password_stdin jdoe@nas:/data /mnt/data`],
    ['ldappasswd -s', `ldappasswd -H ldap://ldap -D cn=admin,dc=example,dc=com -W -s ${PASSWORD} uid=jdoe,dc=example,dc=com`],
    ['ldappasswd -a (the old one)', `ldappasswd -x -a ${PASSWORD} -S uid=jdoe,dc=example,dc=com`],
    ['ZooKeeper addauth digest', `zkCli.sh -server zk:2181\naddauth digest admin:${PASSWORD}`],
    ['mega-login', `mega-login jdoe@example.com ${PASSWORD}`],
    ['a davfs2 secrets line', `# /etc/davfs2/secrets\nhttps://dav.example.com/remote.php/dav/files/jdoe/ jdoe ${PASSWORD}`],
    ['a davfs2 secrets line by mount point', `# davfs2 secrets\n/mnt/dav jdoe ${PASSWORD}`],
  ])('%s is refused', (_, text) => refused(text, PASSWORD));

  it.each([
    ['swaks help', 'swaks --help'],
    ['swaks -ap without a value (it prompts)', 'swaks --to ops@example.com -au jdoe -ap --server smtp.example.com'],
    ['sendEmail with a reference', 'sendEmail -f a@example.com -t b@example.com -s smtp.example.com -xu jdoe -xp "$SMTP_PASSWORD"'],
    ['samba-tool user add, a random password', 'samba-tool user add jdoe --random-password'],
    ['samba-tool user list', 'samba-tool user list'],
    ['NickServ IDENTIFY, a placeholder', '/msg NickServ IDENTIFY <password>'],
    ['NickServ help', '/msg NickServ HELP IDENTIFY'],
    ['NickServ in prose', '/msg NickServ IDENTIFY with your account password to log in'],
    ['influx setup without a password', 'influx setup -u admin -o acme -b metrics -f'],
    ['influx 1 options', 'influx -host db -port 8086 -precision rfc3339'],
    ['sshfs fed by a reference', 'echo "$NAS_PASSWORD" | sshfs -o password_stdin jdoe@nas:/data /mnt/data'],
    ['sshfs without password_stdin', 'sshfs -o reconnect,allow_other jdoe@nas:/data /mnt/data'],
    ['ldappasswd prompting', 'ldappasswd -H ldap://ldap -D cn=admin,dc=example,dc=com -W -S uid=jdoe,dc=example,dc=com'],
    ['ldapsearch -s scope', 'ldapsearch -x -s base -b dc=example,dc=com'],
    ['addauth digest, the manual', 'addauth digest user:password'],
    ['addauth digest, a reference', 'addauth digest admin:$ZK_PASSWORD'],
    ['mega-login prompting', 'mega-login jdoe@example.com'],
    ['mega-login help', 'mega-login --help'],
    ['davfs2 secrets, a placeholder', '# /etc/davfs2/secrets\nhttps://dav.example.com/dav/ jdoe <password>'],
    ['a URL list without davfs2', 'https://dav.example.com/dav/ jdoe Xk9mQ2pL7vR4'],
  ])('%s passes', (_, text) => acceptedEverywhere(note(text)));
});

const SWARM = 'SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx';
const NGROK = '2Xk9mQ2pL7vR4tY8uI1oP3aS5dF_6gH7jK8lZ9xC0vB1nM2q';
const TUNNEL = Buffer.from(
  JSON.stringify({
    a: '9f86d081884c7d659a2feaa0c55ad015',
    t: '3f6c2a1e-9b7d-4e2f-8a1c-5d4e3f2a1b0c',
    s: 'MTQwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw',
  }),
).toString('base64');
const PVE_SECRET = '3f6c2a1e-9b7d-4e2f-8a1c-5d4e3f2a1b0c';

describe('73b-2: vendor tokens', () => {
  it.each([
    ['a Swarm join token', `workers join with:\n  docker swarm join ${SWARM} 10.0.0.1:2377`, SWARM],
    ['a Swarm join token after --token', `docker swarm join --token ${SWARM} 10.0.0.1:2377`, SWARM],
    ['ngrok add-authtoken', `ngrok config add-authtoken ${NGROK}`, NGROK],
    ['ngrok 2 authtoken', `ngrok authtoken ${NGROK}`, NGROK],
    ['cloudflared service install', `sudo cloudflared service install ${TUNNEL}`, TUNNEL],
    ['a Cloudflare Tunnel token alone', `tunnel token: ${TUNNEL}`, TUNNEL],
    ['a Proxmox API token', `monitoring uses root@pam!monitoring=${PVE_SECRET} on pve1`, PVE_SECRET],
    ['a Proxmox API token header', `Authorization: PVEAPIToken=svc@pve!ci=${PVE_SECRET}`, PVE_SECRET],
  ])('%s is refused', (_, text, secret) => refused(text, secret));

  it.each([
    ['a Swarm join with a placeholder', 'docker swarm join SWMTKN-1-<token> 10.0.0.1:2377'],
    ['a Swarm join with a reference', 'docker swarm join --token "$SWARM_TOKEN" 10.0.0.1:2377'],
    ['asking for the join token', 'docker swarm join-token worker'],
    ['ngrok add-authtoken, a reference', 'ngrok config add-authtoken $NGROK_AUTHTOKEN'],
    ['ngrok add-authtoken help', 'ngrok config add-authtoken --help'],
    ['ngrok http', 'ngrok http 80'],
    ['cloudflared service install, a reference', 'sudo cloudflared service install "$TUNNEL_TOKEN"'],
    ['cloudflared tunnel run by name', 'cloudflared tunnel run my-tunnel'],
    ['a UUID alone', `request ${PVE_SECRET} failed`],
    ['a Proxmox token id alone', 'monitoring uses the token root@pam!monitoring on pve1'],
    ['a Proxmox token, its secret a placeholder', 'The token root@pam!monitoring=<secret UUID> is in Vault'],
    ['creating a Proxmox token', 'pveum user token add root@pam monitoring --privsep 1'],
  ])('%s passes', (_, text) => acceptedEverywhere(note(text)));
});

describe('73b-2: a refusal names the vendor', () => {
  it.each([
    ['Docker Swarm join token', `docker swarm join ${SWARM} 10.0.0.1:2377`],
    ['Cloudflare Tunnel token', `tunnel token: ${TUNNEL}`],
    ['Proxmox VE API token', `monitoring uses root@pam!monitoring=${PVE_SECRET} on pve1`],
  ])('a %s', (vendor, text) => expect(valuesDoors.config(note(text))).toContain(`a ${vendor}`));
});

describe('73b-3: prose passwords in more languages', () => {
  it.each([
    ['Hungarian', 'Az admin jelszava: napraforgo77', 'napraforgo77'],
    ['Hungarian, the label alone', 'Jelszó: napraforgo77', 'napraforgo77'],
    ['Greek', 'Ο κωδικός πρόσβασης του διαχειριστή είναι ilios77.', 'ilios77'],
    ['Arabic', 'كلمة المرور للمسؤول هي shams77', 'shams77'],
    ['Russian', 'Пароль администратора: подсолнух77', 'подсолнух77'],
    ['Russian, the account named', 'Пароль пользователя admin: подсолнух77', 'подсолнух77'],
    ['Ukrainian', 'Пароль адміністратора: соняшник77', 'соняшник77'],
    ['Ukrainian, a Latin value', 'Пароль адміністратора: sonyashnyk77', 'sonyashnyk77'],
    ['Hebrew', 'הסיסמה של המנהל היא hamaniya77', 'hamaniya77'],
    ['Thai', 'รหัสผ่านของผู้ดูแลคือ tantawan77', 'tantawan77'],
    ['Malay', 'Kata laluan pentadbir ialah bungamatahari77.', 'bungamatahari77'],
    ['Swahili', 'Nenosiri la msimamizi ni alizeti77.', 'alizeti77'],
    ['Tagalog', 'Ang password ng admin ay mirasol77.', 'mirasol77'],
  ])('%s is refused', (_, text, secret) => refused(text, secret));

  it.each([
    ['Hungarian: where it is', 'Az admin jelszava a széfben van.'],
    ['Greek: where it is', 'Ο κωδικός πρόσβασης του διαχειριστή είναι στο θησαυροφυλάκιο.'],
    ['Arabic: where it is', 'كلمة المرور للمسؤول موجودة في الخزنة'],
    ['Russian: where it is', 'Пароль администратора: смотрите в Vault'],
    ['Russian: kept', 'Пароль администратора хранится в Vault.'],
    ['Ukrainian: where it is', 'Пароль адміністратора зберігається у Vault.'],
    ['Hebrew: where it is', 'הסיסמה של המנהל נמצאת בכספת'],
    ['Thai: where it is', 'รหัสผ่านของผู้ดูแลอยู่ในตู้เซฟ'],
    ['Malay: where it is', 'Kata laluan pentadbir disimpan dalam Vault.'],
    ['Swahili: where it is', 'Nenosiri la msimamizi liko kwenye Vault.'],
    ['Tagalog: where it is', 'Ang password ng admin ay nasa Vault.'],
  ])('%s passes', (_, text) => acceptedEverywhere(note(text)));
});

describe('the readers stay linear', () => {
  beforeAll(() => secretsInData({ data: { a: 'warm-up /msg NickServ IDENTIFY x' } }));
  it.each([
    ['NickServ lines', '/msg NickServ IDENTIFY a b c\n'.repeat(3_500)],
    ['addauth words', 'addauth digest '.repeat(6_500)],
    ['davfs2 lines', 'davfs2\n' + '/a b c d\n'.repeat(11_000)],
    ['Proxmox-like ids', 'a@b!'.repeat(25_000)],
    ['Thai labels', 'รหัสผ่านของ'.repeat(9_000)],
    ['Cyrillic owners', 'Пароль администратора '.repeat(4_500)],
  ])('a 100 kB text of %s is read within 2 s', (_, text) => {
    const started = process.cpuUsage();
    secretsInData({ data: { 'note.txt': text.slice(0, 100_000) } });
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
