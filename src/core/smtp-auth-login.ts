import { bytesAsText } from './byte-run-decodings';

/**
 * Round 73 (73b-4): an SMTP login transcript. `AUTH LOGIN` (draft-murchison-sasl-login): the server's `334 VXNlcm5hbWU6`
 * (base64 `Username:`) and `334 UGFzc3dvcmQ6` (`Password:`), each answered by the client's next line, the value in
 * base64; `AUTH PLAIN <base64>` (RFC 4616): `authzid NUL user NUL password` in one line. Each is read as the name and
 * value it carries (`password=…`), so the readers judge it as they judge the setting written plainly. Lines may carry
 * an RFC transcript's `C: `/`S: `; a client line that is no base64 of text (`*`, a cancel) is no value.
 */
const SIDE = '(?:[CS]:[ \\t]?)?';
const B64 = '[A-Za-z0-9+/]{4,1024}={0,2}';
const SMTP_LOGIN = new RegExp(
  `^${SIDE}334[ \\t]+(?:UGFzc3dvcmQ6|cGFzc3dvcmQ6)[ \\t]*\\r?\\n${SIDE}(${B64})[ \\t]*$|^${SIDE}AUTH[ \\t]+PLAIN[ \\t]+(${B64})[ \\t]*$`,
  'gim',
);

/** The decoding (text-decodings.ts) that reads an SMTP login's base64 as the password it carries. */
export const SMTP_AUTH_LOGIN = {
  applies: /^(?:[CS]:[ \t]?)?(?:334[ \t]+[Uc]GFzc3dvcmQ6|AUTH[ \t]+PLAIN[ \t])/im,
  escape: SMTP_LOGIN,
  decode: (lines: string): string | undefined => {
    const [, base64 = ''] = /([A-Za-z0-9+/]+={0,2})[ \t]*$/.exec(lines) ?? [];
    const bytes = Buffer.from(base64, 'base64');
    if (/^(?:[CS]:[ \t]?)?AUTH/i.test(lines)) {
      const parts = bytes.toString('latin1').split('\0');
      const [user, password] = [bytesAsText(Buffer.from(parts[1] ?? '', 'latin1')), bytesAsText(Buffer.from(parts[2] ?? '', 'latin1'))];
      return parts.length === 3 && user !== undefined && password ? `user=${user} password=${password}` : undefined;
    }
    const password = bytesAsText(bytes);
    return password && !/\s/.test(password) ? `password=${password}` : undefined;
  },
};
