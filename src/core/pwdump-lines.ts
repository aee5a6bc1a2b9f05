/**
 * Round 69 (69a-5): Windows NTLM hashes as secretsdump/pwdump print them, `user:RID:LMhash:NThash:::`, and as
 * impacket's tools take them, `-hashes LMhash:NThash` (github.com/fortra/impacket, examples/secretsdump.py and
 * psexec.py `-hashes LMHASH:NTHASH`). An NT hash logs in by itself (pass-the-hash): unlike a crypt hash it is a
 * credential. The hashes of the empty password (LM `aad3b435…`, NT `31d6cfe0…`) are well known and log in no one.
 */
export const NTLM_HASH = 'a Windows NTLM hash (pwdump `user:RID:LM:NT:::` or `-hashes LM:NT`: it logs in as it is)';

const PWDUMP = /(?<![^\s"'`])[^:\s"'`]{1,256}:\d{1,10}:([0-9A-Fa-f]{32}|\*{32}|NO PASSWORD\*{21}):([0-9A-Fa-f]{32}):/dg;
const HASHES_OPTION = /(?<![\w-])-hashes[ \t=]+['"]?([0-9A-Fa-f]{32})?:([0-9A-Fa-f]{32})(?![0-9A-Fa-f])/dg;
const EMPTY = /^(?:aad3b435b51404eeaad3b435b51404ee|31d6cfe0d16ae931b73c59d7e0c089c0)$/i;

export function ntlmHashSpans(text: string): Array<[number, number]> {
  if (!/[0-9A-Fa-f]{32}/.test(text)) return [];
  const found: Array<[number, number]> = [];
  for (const reader of [PWDUMP, HASHES_OPTION])
    for (const match of text.matchAll(reader))
      for (const group of [1, 2])
        if (match[group] && /^[0-9A-Fa-f]{32}$/.test(match[group]) && !EMPTY.test(match[group])) found.push(match.indices![group]!);
  return found;
}
