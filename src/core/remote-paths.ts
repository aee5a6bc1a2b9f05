/**
 * A scheme-less `word:rest@` URL_CREDENTIALS match (secret-shapes.ts) that is a remote's path in an rclone or restic
 * command (gaps42b), not `user:password@host`. rclone names every place `remote:path` (rclone.org/docs "Syntax of
 * remote paths"), whatever the remote is called (`myremote:backup@nas`, `gdrive:photos@2024`): the `@` is part of the
 * path, and no password stands there. restic's rclone backend is `rclone:<remote>:<path>`
 * (restic.readthedocs.io 030_preparing_a_new_repo, "Other Services via rclone": `-r rclone:foo:bar`), also in
 * RESTIC_REPOSITORY. So where the command of the match's line is rclone or restic and the match is a word of it:
 * - `remote:path@` with no second colon (`rclone lsd remote:user:pw@host` reads as one still: a user:password after a
 *   remote is how an attacker would write one);
 * - `rclone:remote:path@` for restic.
 * `https://user:pw@host` and the other `//` forms are never read here (isUserAtHost refuses a slash first), nor is
 * `user:pw@host` in any other command or text.
 */
const REMOTE_PATH = /^(rclone:)?[\w.][\w.-]{0,63}:[^:]*@$/;
/** The client word of the command the match is in: rclone or restic, maybe by path, after a wrapper or assignment. */
const CLIENT = /(?:^|[\s(`"'/])(rclone|restic)\s/;
/** A restic repository set in its environment variable, the command after it (`RESTIC_REPOSITORY=rclone:… restic …`). */
const RESTIC_REPOSITORY = /(?:^|[\s;&|(`"'])(?:RESTIC_REPOSITORY|RESTIC_FROM_REPOSITORY)=["']?$/;
const CLIENT_AFTER = /^\S*[ \t]+(?:\S+[ \t]+){0,4}restic(?:\s|$)/;

/** Whether the match at `at` in `text` is an rclone or restic remote's path (above). */
export function isRemotePath(match: string, text: string, at: number): boolean {
  const remote = REMOTE_PATH.exec(match);
  if (!remote || at <= 0) return false;
  // The match's line before it, at most 512 characters back (no search of a long line's start).
  const window = text.slice(Math.max(0, at - 512), at);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  // The command's words before the match (a `;`, `&` or `|` ends a command), the match starting a word.
  const command = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('&'), before.lastIndexOf('|')) + 1);
  // The path a word of its own, or quoted whole (`rclone lsd 'myremote:backup@nas'`, 43a-14: a shell takes the quotes off).
  const client = /\s["']?$/.test(command) ? CLIENT.exec(command)?.[1] : undefined;
  if (client) return !remote[1] || client === 'restic';
  return RESTIC_REPOSITORY.test(before) && CLIENT_AFTER.test(text.slice(at, at + 512));
}
