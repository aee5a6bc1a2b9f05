import { looksGenerated } from './generated-runs';

/**
 * 79a-20: an OpenSSH public key line (sshd(8) "AUTHORIZED_KEYS FILE FORMAT": options, key type, base64 key, comment),
 * as cloud-init's `ssh_authorized_keys` and `trusted_user_ca_keys` lists hold them (cloudinit/config/schemas/
 * schema-cloud-config-v1.json): public, no secret, in a list under a plural secret name too. The base64 must be a key
 * blob of its type (RFC 4253 6.6: a string, the type's own name, first: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5…`), so a
 * password after a key type is judged as any value; the comment holds no word that looks generated; options take no
 * command or environment (which may hold a secret).
 */
const TYPE =
  /^(?:(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp(?:256|384|521))(?:-cert-v01@openssh\.com)?|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)(?:-cert-v01)?@openssh\.com)$/;
/** Options without a value, or with a quoted list of hosts, principals or a time (never `command=`, `environment=`). */
const OPTION = String.raw`(?:[a-zA-Z0-9-]{1,32}|(?:from|permitopen|permitlisten|principals|expiry-time)="[\w.,:*?!/@\[\]-]{1,1024}")`;
const LINE = new RegExp(
  String.raw`^(?:${OPTION}(?:,${OPTION})*[ \t]+)?(\S{1,64})[ \t]+(AAAA[A-Za-z0-9+/]{16,8192}={0,2})(?:[ \t]+(.{0,256}))?$`,
);

/** Whether `value` is one OpenSSH public key line (above). */
export function isSshPublicKeyLine(value: string): boolean {
  const line = value.length <= 12_000 ? LINE.exec(value.trim()) : null;
  if (!line) return false;
  const [, type, body, comment = ''] = line;
  if (!TYPE.test(type)) return false;
  const blob = Buffer.from(body.slice(0, 64), 'base64');
  const length = blob.readUInt32BE(0);
  if (length !== type.length || blob.subarray(4, 4 + length).toString('latin1') !== type) return false;
  return comment.split(/[ \t]+/).every((word) => !looksGenerated(word));
}
