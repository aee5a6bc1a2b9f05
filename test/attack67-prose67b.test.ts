// Round 67 (prose67b): 67a-4 (a label line in another language, the password on the line below) and 67a-5 (a label,
// then the password in a code fence) are refused at every door, named by key path, never shown; 67a-18 (`Key:` beside
// a `Network:` that is an IP network's, a sentence or a legend after `Key:`) is accepted.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'kube-system' }, data: { notes: text } }],
});

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  ['67a-4 German, generated', 'Passwort:\nXk9mQ2vzP7\n', 'Xk9mQ2vzP7'],
  ['67a-4 German, word and digits', 'Passwort:\nhunter22\n', 'hunter22'],
  ['67a-4 Russian', 'Пароль:\nswordfish\n', 'swordfish'],
  ['67a-4 Japanese', 'パスワード:\nhunter22\n', 'hunter22'],
  ['67a-4 Chinese', '密码:\nswordfish\n', 'swordfish'],
  ['67a-4 Polish', 'Hasło:\nswordfish\n', 'swordfish'],
  ['67a-4 Spanish', 'Contraseña:\nhunter22\n', 'hunter22'],
  ['67a-4 French, blank before the colon', 'Mot de passe :\nswordfish\n', 'swordfish'],
  ['67a-4 Kennwort', 'Kennwort:\nswordfish\n', 'swordfish'],
  ['67a-4 neighbour: a compound label in bold, the value in bold', '**Root-Kennwort**\n**hunter22**\n', 'hunter22'],
  ['67a-4 neighbour: a heading, a blank line', '## Пароль\n\nакула1x\n', 'акула1x'],
  ['67a-4 neighbour: Dutch, inline code', 'Wachtwoord:\n`zwaardvis9`\n', 'zwaardvis9'],
  ['67a-5 a fence', 'Password:\n```\nXk9mQ2vzP7\n```\n', 'Xk9mQ2vzP7'],
  ['67a-5 a tilde fence, a word', 'Password:\n~~~\nswordfish\n~~~\n', 'swordfish'],
  ['67a-5 a fence with an info string', 'Admin password:\n\n```text\nhunter22x\n```\n', 'hunter22x'],
  ['67a-5 an indented code line', 'Password:\n\n    swordfish\n', 'swordfish'],
  ['67a-4/5 a foreign label and a fence', 'Passwort:\n```\nhunter22\n```\n', 'hunter22'],
  ['67a-18 control: a Wi-Fi network named beside its key', 'Network: homenet / Key: swordfish', 'swordfish'],
  ['67a-18 control: an SSID above its key', 'SSID: homenet\nKey: swordfish\n', 'swordfish'],
];

const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['67a-18 a CIDR', 'Network: 10.42.0.0/16\nKey: flannel\n'],
  ['67a-18 a CIDR, a word', 'Network: 192.168.0.0/24\nKey: reserved\n'],
  ['67a-18 an IPv6 CIDR', 'Network: fd00::/8\nKey: reserved\n'],
  ['67a-18 a label key', 'Network: frontend\nKey: app.kubernetes.io/name\n'],
  ['67a-18 a sentence', 'Network: Cilium\nKey: WireGuard encryption is on\n'],
  ['67a-18 a legend', 'Key: rotation schedule\nNetwork: management\n'],
  ['67a-18 no key', 'SSID: Guest\nKey: none\n'],
  ['67a-4 neighbour: where it is kept', 'Passwort:\nsiehe Vault\n'],
  ['67a-4 neighbour: a vault', 'Passwort:\nBitwarden\n'],
  ['67a-4 neighbour: required', 'Passwort:\nerforderlich\n'],
  ['67a-4 neighbour: Russian, where it is kept', 'Пароль:\nсмотрите в Vault\n'],
  ['67a-4 neighbour: Russian, required', 'Пароль:\nобязателен\n'],
  ['67a-4 neighbour: Japanese rule', 'パスワード:\n8文字以上\n'],
  ['67a-4 neighbour: Spanish, required', 'Contraseña:\nrequerida\n'],
  ['67a-4 neighbour: French note', 'Mot de passe :\nvoir le coffre\n'],
  ['67a-4 neighbour: a reference', 'Passwort:\n$DB_PASSWORD\n'],
  ['67a-4 neighbour: a placeholder', 'Passwort:\n<passwort>\n'],
  ['67a-4 neighbour: a URL', 'Passwort:\nhttps://vault.example.com/ui/k3s\n'],
  ['67a-4 neighbour: a file', 'Passwort:\n~/secrets/pw.txt\n'],
  ['67a-4 neighbour: a heading and a rule', 'Passwort-Richtlinie\n===\nmindestens 12 Zeichen\n'],
  ['67a-5 neighbour: a command in a fence', 'Password:\n```bash\nvault kv get secret/app\n```\n'],
  ['67a-5 neighbour: a note in a fence', 'Password:\n```\nsee vault\n```\n'],
];

describe('67a-4/67a-5: a password on the line below a label in another language, or in a code fence, is refused', () => {
  test.each(SECRETS)('%s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
});

describe('67a-18 and neighbours: notes that hold no password stay accepted', () => {
  test.each(ACCEPTED)('%s', (_, text) => acceptedEverywhere(configMap(text)));
});
