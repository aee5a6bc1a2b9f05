import { inflated } from './gzip-members';

/**
 * Round 71a-16: a zip archive whose members are deflated (method 8: what `zip`, `jar` and Windows' "compressed folder"
 * write by default) hides their text from a reading of its printable runs. Its members are inflated, each within
 * gzip-members.ts' bounds, as a gzip stream is: PKWARE APPNOTE.TXT 4.3.7, the local file header (signature `PK\3\4`,
 * flags at 6, method at 8, compressed size at 18, name and extra lengths at 26 and 28, the data after them).
 * An encrypted member (flag bit 0) is ciphertext and is not read; one whose size stands only in a data descriptor
 * after it (flag bit 3, size 0: a streamed zip) is inflated to the archive's end and ends the walk.
 */

const LOCAL_HEADER = 0x04034b50;
const HEADER_SIZE = 30;
/** How many members of one archive are inflated (each within gzip-members.ts' bounds). */
const MAX_MEMBERS = 8;

/** Whether bytes begin with a zip's local file header. */
export const isZip = (data: Buffer): boolean => data.length >= HEADER_SIZE && data.readUInt32LE(0) === LOCAL_HEADER;

/** The deflated members of a zip, inflated, in order (the first MAX_MEMBERS; a damaged one or one past a bound gives nothing). */
export function zipMembersInflated(data: Buffer): Buffer[] {
  const members: Buffer[] = [];
  let at = 0;
  for (let n = 0; n < MAX_MEMBERS && at + HEADER_SIZE <= data.length && data.readUInt32LE(at) === LOCAL_HEADER; n++) {
    const flags = data.readUInt16LE(at + 6);
    const size = data.readUInt32LE(at + 18);
    const start = at + HEADER_SIZE + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
    const streamed = (flags & 8) !== 0 && size === 0;
    const end = streamed ? data.length : start + size;
    if (end > data.length) break;
    if (data.readUInt16LE(at + 8) === 8 && (flags & 1) === 0) {
      const member = inflated(data.subarray(start, end), true);
      if (member instanceof Buffer) members.push(member);
    }
    if (streamed) break;
    at = end;
  }
  return members;
}
