import { isPlaceholder } from './placeholders';
import { redisCommandPassword } from './redis-commands';

/**
 * 81a-16: HAProxy's Redis health check sends a Redis command as `tcp-check send <data>` (or `send-lf`): one argument,
 * its blanks escaped (`AUTH\ <pw>\r\n`, docs.haproxy.org/2.8/configuration.html §5.2 "tcp-check send", and the
 * documented Redis check in "option redis-check"'s example), or quoted. The argument, `\ ` read as a blank and `\r\n`
 * as the command's end, is a command fed to Redis (any letter case): the password it sets (`AUTH [user] <pw>`, `CONFIG
 * SET requirepass <pw>`: redis-commands.ts) is a secret. An environment reference (`${REDIS_PASSWORD}`) is none.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const HAPROXY_REDIS_AUTH = 'a password an HAProxy health check sends as Redis AUTH (`tcp-check send AUTH\\ <pw>`)';

/** `tcp-check send` and its argument (group 1): escaped characters and others but blanks, or a quoted string. */
const SEND = /(?<![\w-])tcp-check[ \t]+send(?:-lf)?[ \t]+("(?:[^"\\\n]|\\.){1,4096}"|'[^'\n]{1,4096}'|(?:\\.|[^\s\\]){1,4096})/dg;
/** A word of the argument: up to an escaped or plain blank; an escaped line end ends the command. */
const WORD = /(?:\\[^ rn]|[^\s\\])+/g;

/** Where a text's HAProxy checks send a Redis password: each password's span. */
export function haproxyRedisAuthSpans(text: string): Array<[number, number]> {
  if (!text.includes('tcp-check')) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(SEND)) {
    const quoted = /^["']/.test(match[1]);
    const argument = quoted ? match[1].slice(1, -1) : match[1];
    const from = match.indices![1][0] + (quoted ? 1 : 0);
    // The first command only: `\r\n` ends it.
    const command = argument.split(/\\r|\\n/)[0];
    const words = [...command.matchAll(WORD)];
    if (words.length < 2) continue;
    const found = redisCommandPassword(
      words.map(([word]) => word),
      0,
      words.length - 1,
      true,
      true,
    );
    const last = words[words.length - 1];
    if (!found || found.value !== last[0] || last[0].includes('${') || isPlaceholder(last[0])) continue;
    spans.push([from + last.index, from + last.index + last[0].length]);
  }
  return spans;
}
