/**
 * A line of nsswitch.conf that names where the `passwd`, `shadow` or `gshadow` database is looked up (round 63a-13:
 * `passwd: files systemd`): the database's name is a secret's word, its value a list of sources, no password. The
 * sources are the NSS modules (glibc manual "NSS Configuration File" and nsswitch.conf(5): files, db, nis, nisplus,
 * dns, hesiod, compat; systemd's nss-systemd, nss-mymachines, nss-myhostname, nss-resolve; SSSD's sss; nss-pam-ldapd's
 * ldap; Samba's winbind and wins; nss-mdns's mdns*; nss-altfiles, libnss-extrausers, libnss-usrfiles, libnss-cache,
 * Google's oslogin, libvirt's), each maybe followed by an action item (`[NOTFOUND=return]`, `[!UNAVAIL=return]`,
 * `[SUCCESS=merge]`). glibc's `passwd_compat`/`shadow_compat` name the sources behind `compat`. Anything else
 * there (`passwd: hunter2`) is judged as before.
 */
const DATABASE = /^(?:passwd|shadow|gshadow)(?:_compat)?$/;
const SOURCE =
  '(?:files|db|nis|nisplus|dns|hesiod|compat|systemd|mymachines|myhostname|resolve|sss|ldap|winbind|wins|mdns[46]?(?:_minimal)?|altfiles|extrausers|usrfiles|cache|oslogin|libvirt(?:_guest)?)';
const ITEM = '!?(?:success|notfound|unavail|tryagain)\\s*=\\s*(?:return|continue|merge)';
const ACTION = `\\[\\s*${ITEM}(?:\\s+${ITEM})*\\s*\\]`;
// Each word is a source or a bracketed action, separated by blanks: one way to read a line, linear in its length.
const SOURCES = new RegExp(`^${SOURCE}(?:\\s*${ACTION})*(?:\\s+${SOURCE}(?:\\s*${ACTION})*)*$`, 'i');

/** Whether `value`, set under `named`, is an nsswitch.conf database's list of sources. */
export const isNsswitchSources = (value: string, named: string): boolean => DATABASE.test(named.trim()) && SOURCES.test(value.trim());
