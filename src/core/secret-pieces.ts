import { looksGenerated } from './generated-runs';

/**
 * Pieces of a refused secret that a message prints cut out and case-folded (60a-7): Traefik's flag reader splits an
 * option name at `.` and lower-cases it (`--Zx9q.Wm4v.Tr7p=1` names option "zx9q"), and a piece beside a blanked copy
 * (`"tr7p<redacted>"`) is no copy of the whole. A piece is a run of letters and digits, bounded by neither, that holds
 * both (a word of the wording holds no digit: "Traefik", "kubernetes" stay), four or more long, and that stands,
 * case-folded, in a secret that looks generated (generated-runs.ts) once its separators are left out, or in a word of
 * a secret of eight or more letters and digits that holds both (78a-13: `Zx9kq2L` and `q2lm` of `Password: Zx9kq2LmHj`,
 * whose 10-character password no generated-run reading takes; README: any piece of 4 or more that mixes them).
 */

/** Runs of letters and digits; `+` over one class, matched from a run's start only (linear). */
const RUN = /[A-Za-z0-9]+/g;
/** The shortest piece blanked: three characters tell nothing of a secret (as redact-message.ts' cut heads). */
const MIN_PIECE = 4;
/** A word of a secret, letters and digits both, of twice that or more (`Zx9kq2LmHj` of `Password: Zx9kq2LmHj`). */
const MIXED_WORD = /(?<![A-Za-z0-9])(?=[A-Za-z]*[0-9])(?=[0-9]*[A-Za-z])[A-Za-z0-9]{8,}(?![A-Za-z0-9])/g;
/** Longer messages and secrets are not read for pieces (a message quotes at most a few values). */
const MAX_MESSAGE = 100_000;
const MAX_SECRET = 4_096;
/** A URL with credentials (`https://user:pw@host/…`): its userinfo, what the URL holds in secret (RFC 3986 section 3.2.1). */
const URL_USERINFO = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)@/;

/** A flag and its value: `--name.path=value`. */
const FLAG_SET = /^--?([A-Za-z][\w.-]{0,200})=(.*)$/s;

/**
 * The part of a secret whose pieces are secret: a URL's credentials only (70a-7: `fd00` of `[fd00::1]`, `k3s1` of
 * `git.k3s1.lan` name the host a refusal must name), any other secret whole.
 */
const secretPart = (secret: string): string => {
  // 81a-20: a flag set to such a URL (`--metrics.influxdb2.adress=https://u:pw@h`): its chosen option path is no piece of it.
  const flag = FLAG_SET.exec(secret);
  const value = flag && !flag[1].split(/[._-]/).some(looksGenerated) ? flag[2] : secret;
  return URL_USERINFO.exec(value)?.[1] ?? secret;
};

/** The runs of `message` that are case-folded pieces of one of `secrets`, as written, for redact-message.ts to blank. */
export function secretPiecesIn(message: string, secrets: readonly string[]): string[] {
  if (message.length > MAX_MESSAGE) return [];
  const folded = secrets
    .filter((secret) => secret.length <= MAX_SECRET)
    .flatMap((secret) => {
      const part = secretPart(secret);
      const joined = part.replace(/[^A-Za-z0-9]/g, '');
      return joined.length >= MIN_PIECE * 2 && looksGenerated(joined) ? [joined] : (part.match(MIXED_WORD) ?? []);
    })
    .map((joined) => joined.toLowerCase());
  if (!folded.length) return [];
  const pieces = new Set<string>();
  for (const [run] of message.matchAll(RUN)) {
    if (run.length < MIN_PIECE || !/\d/.test(run) || !/[A-Za-z]/.test(run)) continue;
    const lower = run.toLowerCase();
    if (folded.some((secret) => secret.includes(lower))) pieces.add(run);
  }
  return [...pieces];
}
