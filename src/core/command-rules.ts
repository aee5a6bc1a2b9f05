import type { ClientState } from './secrets-positional';

/**
 * The password options of command-line clients whose option is no secret word (secrets-commands.ts reads a command
 * line's words with them), one row each:
 * - `client`: the client's name; `option`: how a message names the option (never its value); `login`: only after `login`;
 * - `short`: the option's letters (`-P`). One reading for every row (attack round 37a-1): the value glued (`-Px`) or,
 *   unless `optional` (a bare option prompts), the next word (`-P x`); where `switches` is given the client parses its
 *   short options as getopt does, so switches may stand before it in one word (`zip -rP x`, `ssh-keygen -qN x`,
 *   `curl -sE c.pem:x`, `mysql -BpX`): `switches` lists the letters that take a value (the word's rest is then theirs,
 *   `curl -HE…` is a header); `pflag`: Go's spf13/pflag, whose `-p=x` sets `x`;
 * - `next`: a long option that takes the next word; `glued`: a long option with its value glued or after `=` (group 1);
 * - `form`: the form the password has in the value (group 1; none: the value).
 * Sources:
 * - `docker`/`nerdctl`/`podman login -p|--password`, `helm registry login` (cobra/pflag: `-px`, `-p=x`; only after
 *   `login`: `docker run -p 8080:80` is a port; docs.docker.com reference/cli/docker/login), and (36a-2) `buildah`,
 *   `oras`, `skopeo`, `crane auth login -p` (pflag), `az login -p` (argparse: `-px` too);
 * - OpenLDAP clients `-w <pw>` (ldapsearch(1), getopt; `-W` prompts); `mongosh`/`mongo -p|--password` (not an option
 *   after it: it prompts); `sqlcmd -P`; `smbclient -U|--user user%password`; `openssl -k`, `-pass|-passin|-passout
 *   pass:<pw>`; `keytool -storepass…`; `mosquitto_pub`/`_sub`/`_rr -P|--pw`;
 * - `zip`/`unzip`/`zipcloak -P` (zip(1), unzip(1): combined switches); 7-Zip `-p<pw>` glued only (7-Zip switch docs);
 *   `ssh-keygen -N|-P` (getopt "…N:O:P:…"); `redis-benchmark -a`; mysql and mariadb clients `-p<pw>` glued only, not
 *   all digits (dev.mysql.com command-options; my_getopt takes combined switches: `-Bp<pw>`);
 * - curl `-E|--cert|--proxy-cert <file>:<password>` (curl.se/docs/manpage.html#-E: combined switches `-skE`; a
 *   Windows drive's colon and a `pkcs11:` URI are none);
 * - (37a-6) `rabbitmqadmin -p|--password`; `lftp -u user,password` (lftp(1)); `ipmitool -P` (ipmitool(1));
 *   net-snmp's `snmpwalk`/`snmpget`… `-A|-X <pass phrase>` (snmpcmd(1), getopt); `etcdctl --user user:password`
 *   (etcd.io etcdctl docs); `nmcli … wifi-sec.psk|802-1x.password <pw>` and `nmcli dev wifi connect <ssid> password
 *   <pw>` (nm-settings-nmcli(5)); FreeRDP `/p:<pw>`, `/gp:`, `/pth:` (xfreerdp(1)); `cqlsh -p|--password`;
 * - (38a-3) FreeRDP's Wayland client `wlfreerdp`; ipmitool's Kg key `-k <key>` and `-y <hex key>` (ipmitool(1): `-K`
 *   reads it from IPMI_KGKEY, `-Y` prompts: no value); the MongoDB Database Tools `mongodump`, `mongorestore`,
 *   `mongoexport`… `-p|--password` (mongodb.com/docs/database-tools: `-p<pw>` glued too; no value: a prompt);
 *   rdesktop `-p <pw>` (rdesktop(1): `-p -` reads standard input).
 * - (39a-2) FreeRDP 1.x's old-style `-p <pw>` (xfreerdp(1) of FreeRDP 1.0: `-u user -p password`; 1.1+ take `/p:`);
 *   net-snmp's `-c <community>` (snmpcmd(1): the v1/v2c community string, a shared secret) on the commands that take
 *   it, not `snmpd`/`snmptrapd`, whose `-c` names a config file; `public` and `private` are the documented defaults
 *   every agent ships and every scanner tries (snmpd.conf(5) examples, RFC 1157 practice): no secret, accepted;
 *   `useradd`/`usermod -p|--password` (useradd(8): "the encrypted password, as returned by crypt(3)"; a crypt hash
 *   `$…`, a locked `!…` or `*` is a hash, accepted as htpasswd's are; any other word is a password typed in);
 *   `mysqladmin password <new>` (dev.mysql.com/doc/refman/8.0/en/mysqladmin.html: the `password` command).
 */
interface Rule {
  client: RegExp;
  option: string;
  short?: string;
  optional?: boolean;
  switches?: string;
  pflag?: boolean;
  next?: RegExp;
  glued?: RegExp;
  form?: RegExp;
  login?: boolean;
}

const RULES: readonly Rule[] = [
  {
    client: /^(?:docker|nerdctl|podman|helm|buildah|oras|crane|skopeo|az)$/,
    option: 'login -p',
    short: 'p',
    pflag: true,
    next: /^--password$/,
    glued: /^--password=(.+)$/s,
    login: true,
  },
  { client: /^ldap\w+$/, option: '-w', short: 'w', switches: 'bcdDeEfFhHlMoOpPRsSTUXyYz' },
  { client: /^mongo(?:sh)?$/, option: '-p', next: /^(?:-p|--password)$/, glued: /^--password=(.+)$/s, form: /^([^-].*)$/s },
  { client: /^sqlcmd$/, option: '-P', short: 'P' },
  // (71a-6) `smbpasswd -w <pw>` stores the LDAP admin password in secrets.tdb (smbpasswd(8)).
  { client: /^smbpasswd$/, option: '-w', short: 'w', switches: 'cDrRUw' },
  // (69a-7) Samba's other clients take the same `-U user%password` (rpcclient(1), net(8), smbcacls(1), smbget(1)…; the
  // Samba-based `wmic` too).
  {
    client: /^(?:smbclient|rpcclient|net|smbcacls|smbcquotas|smbtree|smbget|wmic)$/,
    option: '-U',
    short: 'U',
    next: /^--user$/,
    glued: /^--user=(.+)$/s,
    form: /^[^%]*%(.+)$/s,
  },
  { client: /^openssl$/, option: '-k', next: /^-k$/ },
  { client: /^openssl$/, option: '-pass pass:', next: /^-pass(?:in|out)?$/, form: /^pass:(.+)$/s },
  // (71a-15) jarsigner takes keytool's `-storepass`/`-keypass` (docs.oracle.com/en/java/javase/21/docs/specs/man/jarsigner.html).
  { client: /^(?:keytool|jarsigner)$/, option: '-storepass', next: /^-(?:src|dest)?(?:store|key)pass$/ },
  // (71a-15) Windows certutil `-p <password>` (learn.microsoft.com windows-server administration windows-commands certutil);
  // NSS certutil's `-p` is a phone number: digits and their punctuation are no password.
  { client: /^certutil$/, option: '-p', next: /^-p$/, form: /^(?![\d\s()+.-]+$)(.+)$/s },
  { client: /^mosquitto_\w+$/, option: '-P', next: /^(?:-P|--pw)$/ },
  { client: /^(?:zip|unzip|zipcloak)$/, option: '-P', short: 'P', switches: 'bdinOPstxZ', next: /^--password$/ },
  { client: /^7z[ar]?$/, option: '-p', short: 'p', optional: true },
  { client: /^ssh-keygen$/, option: '-N', short: 'NP', switches: 'abCDEfFgIjmMnNOPrRstVwzZ' },
  { client: /^redis-benchmark$/, option: '-a', short: 'a' },
  { client: /^(?:mysql|mariadb)/, option: '-p', short: 'p', optional: true, switches: 'cDeEhOPSTuUwW', form: /^(?!\d+$)(.+)$/s },
  // (48a-10) my_getopt takes any unambiguous prefix of a long option: `--passw=`, `--passwo=` (and MFA's `--password1=`).
  { client: /^(?:mysql|mariadb)/, option: '--password', glued: /^--pass(?:w(?:o(?:r(?:d[123]?)?)?)?)?=(.+)$/s },
  // (48a-10) SQL Server's `bcp … -P <password>` and Sybase's `isql -P` (learn.microsoft.com sql/tools/bcp-utility).
  // (49a-6) FreeTDS's `tsql -P` and `freebcp -P` (freetds.org userguide), SQL Server's old `osql -P` (learn.microsoft.com osql-utility).
  { client: /^(?:bcp|isql|freebcp|tsql|osql)$/, option: '-P', short: 'P' },
  {
    client: /^curl$/,
    option: '-E certificate password',
    short: 'E',
    switches: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
    next: /^--(?:proxy-)?cert$/,
    form: /^(?!pkcs11:)(?:[A-Za-z]:[\\/]|(?![A-Za-z]:[\\/]))(?:[^:\\]|\\.)*:(.+)$/s,
  },
  { client: /^rabbitmqadmin$/, option: '-p', short: 'p', next: /^--password$/, glued: /^--password=(.+)$/s },
  { client: /^lftp$/, option: '-u', short: 'u', form: /^[^,]*,(.+)$/s },
  { client: /^ipmitool$/, option: '-P', short: 'Pky' },
  { client: /^snmp\w+$/, option: '-A', short: 'AX' },
  { client: /^etcdctl$/, option: '--user', next: /^--user$/, glued: /^--user=(.+)$/s, form: /^[^:]*:(.+)$/s },
  {
    client: /^nmcli$/,
    option: 'wifi-sec.psk',
    next: /^\+?(?:(?:wifi-sec|802-11-wireless-security)\.(?:psk|wep-key[0-3]|leap-password)|802-1x\.(?:private-key-|phase2-private-key-)?password|password|wireguard\.private-key)$/,
  },
  { client: /^(?:wl|[wx]|sdl-)freerdp\d*$/, option: '/p:', glued: /^[/-](?:p|gp|pth):(.+)$/s },
  { client: /^cqlsh$/, option: '-p', short: 'p', next: /^--password$/, glued: /^--password=(.+)$/s },
  {
    client: /^mongo(?:dump|restore|export|import|stat|top|files)$/,
    option: '-p',
    short: 'p',
    next: /^--password$/,
    glued: /^--password=(.+)$/s,
    form: /^([^-].*)$/s,
  },
  { client: /^rdesktop$/, option: '-p', short: 'p', form: /^(?!-$)(.+)$/s },
  { client: /^(?:[wx]|sdl-)freerdp1?$/, option: '-p', next: /^-p$/, form: /^([^-/].*)$/s },
  {
    client: /^snmp(?:walk|bulkwalk|get|getnext|bulkget|set|table|trap|inform|delta|df|netstat|status|test|usm|vacm)$/,
    option: '-c',
    short: 'c',
    form: /^(?!(?:public|private)$)(.+)$/is,
  },
  {
    client: /^user(?:add|mod)$/,
    option: '-p',
    short: 'p',
    switches: 'bcdefgGkKlPRsuZ',
    next: /^--password$/,
    glued: /^--password=(.+)$/s,
    form: /^(?![$!*])(.+)$/s,
  },
  { client: /^mysqladmin$/, option: 'password', next: /^password$/i, form: /^([^-].*)$/s },
  // (49a-6) Sysinternals PsExec `-p <password>` (learn.microsoft.com sysinternals/downloads/psexec; `-p` alone prompts).
  { client: /^psexec(?:64)?$/, option: '-p', next: /^[-/]p$/i, form: /^([^-/].*)$/s },
  // Windows `winrs -p:<password>` / `-password:<password>` (learn.microsoft.com windows-server administration winrs).
  { client: /^winrs$/, option: '-p:', glued: /^[-/]p(?:assword)?:(.+)$/is },
  // NcFTP's `ncftp|ncftpget|ncftpput|ncftpls -p <password>` (ncftp(1), getopt).
  { client: /^ncftp(?:get|put|ls)?$/, option: '-p', short: 'p' },
  // RAR's `-p<password>` and `-hp<password>` (headers too), glued only: `-p` alone prompts, `-p-` asks none (rar.txt).
  { client: /^(?:un)?rar$/, option: '-p', glued: /^[-/]h?p(?!-$)(.+)$/is },
  // pdftk's `user_pw|owner_pw|input_pw <password>` (pdftk(1): `PROMPT` asks for it).
  { client: /^pdftk$/, option: 'user_pw', next: /^(?:user|owner|input)_pw$/i, form: /^(?!PROMPT$)(.+)$/s },
  // (69a-7) MIT `kadmin -w <password>` (kadmin(1)); FreeIPA `ipa-client-install -w|--password` (ipa-client-install(1));
  // Vertica `vsql -w <password>` (docs.vertica.com vsql command-line options).
  { client: /^(?:kadmin|ipa-client-install|vsql)$/, option: '-w', short: 'w', next: /^--password$/, glued: /^--password=(.+)$/s },
  // Hive `beeline -p <password>` (cwiki.apache.org Hive HiveServer2 Clients), SAP HANA `hdbsql -p <password>` (help.sap.com
  // hdbsql options); no value, or an option after it: a prompt.
  { client: /^(?:beeline|hdbsql)$/, option: '-p', next: /^-p$/, form: /^([^-].*)$/s },
  // macOS `security add-generic-password|add-internet-password -w <password>` (security(1): `-w` last prompts; its
  // `find-…-password -w` is a switch, followed by no value or by another option).
  { client: /^security$/, option: 'add-generic-password -w', next: /^-w$/, form: /^([^-].*)$/s },
  // `neo4j-admin dbms set-initial-password <password>` (neo4j.com docs operations-manual set-initial-password).
  { client: /^neo4j-admin$/, option: 'set-initial-password', next: /^set-initial-password$/, form: /^([^-].*)$/s },
  // (69a-5) An NT hash logs in as it is (pass-the-hash): smbclient's `--pw-nt-hash` (smbclient(1)), evil-winrm's
  // `-H|--hash` (github.com/Hackplayers/evil-winrm README), NetExec/CrackMapExec `-H` (`LM:NT` or `NT`).
  { client: /^smbclient$/, option: '--pw-nt-hash', next: /^--pw-nt-hash$/, form: /^([0-9A-Fa-f]{32})$/s },
  {
    client: /^(?:evil-winrm|nxc|netexec|crackmapexec)$/,
    option: '-H',
    next: /^(?:-H|--hash)$/,
    form: /^(?:[0-9A-Fa-f]{32}:)?([0-9A-Fa-f]{32})$/s,
  },
  // `wpa_cli set_network <id> psk|password|sae_password|wep_key0 <value>` (wpa_supplicant.conf(5) network fields).
  { client: /^wpa_cli$/, option: 'set_network psk', next: /^(?:psk|password|sae_password|wep_key[0-3])$/ },
  // (70a-4) Dell `racadm -r <host> -u <user> -p <password>` (dell.com iDRAC RACADM CLI guide: remote options).
  { client: /^racadm$/, option: '-p', next: /^-p$/, form: /^([^-].*)$/s },
  // (70a-4) Windows `schtasks /create … /rp <password>` and `/s <host> /u <user> /p <password>` (learn.microsoft.com
  // windows-server administration windows-commands schtasks-create: `/rp *` or no value prompts).
  { client: /^schtasks$/, option: '/rp', next: /^[-/]r?p$/i, form: /^(?!\*$)([^-/].*)$/s },
  // (70a-4) `jenkins-cli.jar -auth user:password|token` (jenkins.io/doc/book/managing/cli: `-auth @file` reads a file).
  { client: /^jenkins-cli(?:\.jar)?$/, option: '-auth', next: /^-auth$/, form: /^(?!@)[^:]*:(.+)$/s },
  // (70a-4) ApacheBench `-A|-P user:password` (httpd.apache.org docs/current/programs/ab.html: basic auth, proxy auth);
  // hey `-a user:password` (github.com/rakyll/hey README; Go's flag package takes `-a=x` too).
  { client: /^ab$/, option: '-A', short: 'AP', form: /^[^:]*:(.+)$/s },
  { client: /^hey$/, option: '-a', next: /^--?a$/, glued: /^--?a=(.+)$/s, form: /^[^:]*:(.+)$/s },
  // (73b-1) swaks `-ap|--auth-password [<pw>]` (jetmore.org/john/code/swaks/latest/doc/ref.txt: no value prompts);
  // sendEmail's SMTP-AUTH `-xp <pw>` (sendEmail --help, caspian.dotconf.net/menu/Software/SendEmail).
  {
    client: /^swaks$/,
    option: '-ap',
    next: /^--?(?:ap|auth-password)$/,
    glued: /^--?(?:ap|auth-password)=(.+)$/s,
    form: /^([^-].*)$/s,
  },
  { client: /^sendemail$/i, option: '-xp', next: /^-xp$/, form: /^([^-].*)$/s },
  // (73b-1) InfluxDB 2's `influx setup|user create -p|--password` (docs.influxdata.com/influxdb/v2/reference/cli/influx/
  // setup); not a glued short option: InfluxDB 1's CLI takes `-port`, `-precision`, `-path`.
  { client: /^influx$/, option: '-p', next: /^(?:-p|--password)$/, glued: /^--?p(?:assword)?=(.+)$/s, form: /^([^-].*)$/s },
  // (73b-1) ldappasswd's new `-s <pw>` and old `-a <pw>` passwords (ldappasswd(1), getopt "a:As:St:T:" and the common
  // value options; `-A`, `-S` prompt).
  { client: /^ldappasswd$/, option: '-s', short: 'sa', switches: 'dDehHoOpRtTUwXyY' },
];

/**
 * A short option of `rule` in `word` and its value: `-Px`, `-P x` (`next`), after switches in one word where the
 * client takes them so (`-rPx`, `-rP x`); the letter matched names it in messages (`ssh-keygen -P`, 37a-12).
 */
function shortOption(rule: Rule, word: string, next: string | undefined): { value?: string; letter: string } | undefined {
  if (!rule.short || !/^-[^-]/.test(word)) return undefined;
  for (let k = 1; k < word.length; k++) {
    const letter = word[k];
    if (rule.short.includes(letter)) {
      const rest = word.slice(k + 1);
      // pflag's `-p=x` sets `x` (`-p=` sets nothing).
      if (rule.pflag && k === 1 && rest.startsWith('=')) return { value: rest.slice(1), letter };
      return { value: rest || (rule.optional ? undefined : next), letter };
    }
    // Another option's letter: a switch where the client combines them (its value, if it takes one, is the rest).
    if (rule.switches === undefined || rule.switches.includes(letter) || !/[A-Za-z0-9#]/.test(letter)) return undefined;
  }
  return undefined;
}

/** The rows of RULES for each client name seen (a command line's every word is asked about its client's). */
const rulesByClient = new Map<string, readonly Rule[]>();
function rulesOf(client: string): readonly Rule[] {
  let rules = rulesByClient.get(client);
  if (!rules) {
    rules = RULES.filter((rule) => rule.client.test(client));
    if (rulesByClient.size < 1000) rulesByClient.set(client, rules);
  }
  return rules;
}

/** The password a row of RULES reads at `word` (with `next` after it), and how a message names the option; or none. */
export function rulePassword(
  client: string,
  word: string,
  next: string | undefined,
  state: ClientState,
): { value: string; option: string } | undefined {
  for (const rule of rulesOf(client)) {
    if (rule.login && !state.login) continue;
    const short = shortOption(rule, word, next);
    const value = short ? short.value : rule.next?.test(word) ? next : rule.glued?.exec(word)?.[1];
    const password = value === undefined ? undefined : rule.form ? rule.form.exec(value)?.[1] : value;
    const option = short && rule.short!.length > 1 ? rule.option.replace(/-\w(?!\w)/, `-${short.letter}`) : rule.option;
    if (password) return { value: password, option };
  }
  return undefined;
}
