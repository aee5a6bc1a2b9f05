import { looksGenerated } from './generated-runs';

/**
 * systemd's `LoadCredential=ID[:PATH]` and `LoadCredentialEncrypted=` (attack round 71a-11; systemd.exec(5),
 * "Credentials"): the credential's id and the file or AF_UNIX socket it is read from, no secret. `SetCredential=ID:VALUE`
 * writes the value itself and stays judged. An id and a path of words; one that looks generated is judged as a value.
 */
const SOURCE = /^[\w.@-]{1,255}(?::(?:\/[\w.@-]{1,255}){1,32}\/?|:[\w.@-]{1,255})?$/;

/** Whether `value` under `named` is a systemd credential's id and the place it is loaded from (above). */
export function isCredentialSource(value: string, named: string): boolean {
  return /^LoadCredential(?:Encrypted)?$/.test(named.trim()) && SOURCE.test(value.trim()) && !looksGenerated(value);
}

/** `LoadCredential=` just before `at`: a word there (`db-password:/etc/credstore/db-password`) is the credential's id. */
export const inCredentialSource = (text: string, at: number): boolean =>
  /(?:^|[^\w-])LoadCredential(?:Encrypted)?=$/.test(text.slice(Math.max(0, at - 40), at));
