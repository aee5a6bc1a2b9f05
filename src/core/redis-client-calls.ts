import { looksGenerated } from './generated-runs';
import { isPlaceholder } from './placeholders';
import { isReference } from './secrets-text';

/**
 * Round 53a-9: Redis's `AUTH [username] <password>` (redis.io/docs/latest/commands/auth) sent through a client's code,
 * where the command and its words are separate literals (redis-commands.ts reads the command written as one line):
 * - a client's generic command call, the command name its first literal: redis-py's `r.execute_command('AUTH',
 *   'default', 'pw')`, node_redis's `client.send_command('AUTH', ['pw'])` and v4's `client.sendCommand(['AUTH', 'pw'])`,
 *   ioredis' `redis.call('auth', 'pw')`, a Lua script's `redis.call('AUTH', 'pw')`, redigo's `conn.Do("AUTH", "pw")`,
 *   go-redis' `rdb.Do(ctx, "AUTH", "pw")`, Jedis' `sendCommand(Protocol.Command.AUTH, "pw")`, a Ruby symbol `:auth`;
 * - a format whose text is the command (`"AUTH %s"`, `"AUTH {}"`, `"AUTH %s %s"`) given a literal for its last field:
 *   hiredis' `redisCommand(c, "AUTH %s", "pw")`, `String.format("AUTH %s", "pw")`, `sprintf`, Python's `%` and `.format`;
 * - a bare list whose first item is `AUTH` (`["AUTH", "pw"]`), where the password must look generated: a list
 *   `["auth", "rate-limit"]` names middlewares.
 * A password is a literal that is no reference or placeholder, nor a word of prose (`AUTH required`: as redis-commands.ts
 * PROSE_WORD); a variable (`redis.call('auth', password)`) is none. `AUTH` in prose is none.
 */

/** What such a value is called in findings. */
export const REDIS_CLIENT_SECRET = 'a password sent as Redis AUTH through client code (execute_command, sendCommand, call, Do, a format)';

const LITERAL = String.raw`[bBrRuU]?(?:"(?:[^"\\\n]|\\.){0,256}"|'(?:[^'\\\n]|\\.){0,256}'|\`[^\`\n]{0,256}\`)`;
const ARGUMENT = String.raw`(?:${LITERAL}|[\w$.]{1,64})`;
/** The command's name: quoted AUTH in any letter case (its quote CALL_AUTH's group 2), a Ruby symbol, an enum's member. */
const COMMAND = String.raw`(?:(["'\`])auth\2|:auth\b|\b(?:[\w$]+\.)?(?:Command|CommandType|RedisCommand)\.AUTH\b)`;
/** A client's generic command call (its method's last name), maybe a context first (go-redis' `ctx`). */
const CALL = String.raw`\b(?:execute_command|executeCommand|send_command|sendCommand|sendCommandAsync|raw_command|rawCommand|call|pcall|Do|do|Cmd|command|dispatch)\s*\(\s*(?:[\w$.]{1,64}\s*,\s*)?`;
const CALL_AUTH = new RegExp(String.raw`(?:${CALL}\[?\s*|(\[)\s*)${COMMAND}\s*,\s*\[?\s*(${LITERAL}(?:\s*,\s*${LITERAL})?)\s*[\])]`, 'gi');
/** A format's field: printf's (`%s`, `%-8s`, `%q`, `%v`), Python's and .NET's (`{}`, `{0}`, `{pw}`), `%(pw)s`. */
const FIELD = String.raw`(?:%[-+ #0-9.]*[sqv]|\{\w{0,32}\}|%\(\w{1,32}\)s)`;
/** `"AUTH %s"` (maybe `%s %s`, a line's end), then its arguments given by `,`, Python's `%` or `.format(`. */
const FORMAT_AUTH = new RegExp(
  String.raw`(["'\`])auth((?:[ \t]+${FIELD}){1,2})[ \t]*(?:\\r\\n|\\n)?\1\s*(?:,|%|\.format\s*\()\s*\(?\s*(${ARGUMENT}(?:\s*,\s*${ARGUMENT}){0,3})`,
  'gi',
);
/** A word of prose or a mechanism's name (`required`, `PLAIN`): no password (redis-commands.ts PROSE_WORD). */
const PROSE_WORD = /^(?:[A-Za-z][a-z]*|[A-Z][A-Z0-9-]*)$/;
const CLUE = /auth/i;
const MAX_TEXT = 256 * 1024;

/** The literals of an argument list's text, each with its offset in it; an identifier as undefined. */
function argumentsOf(list: string): Array<{ body: string; at: number } | undefined> {
  const found: Array<{ body: string; at: number } | undefined> = [];
  for (const match of list.matchAll(new RegExp(ARGUMENT, 'g'))) {
    const quoted = /^[bBrRuU]?(["'`])([\s\S]*)\1$/.exec(match[0]);
    const at = match.index! + match[0].indexOf(quoted?.[1] ?? '') + 1;
    found.push(quoted ? { body: quoted[2], at } : undefined);
  }
  return found;
}

/** Whether a literal's body is a password (above); `generated`: it must look generated. */
const isPassword = (body: string, generated: boolean): boolean =>
  body !== '' &&
  !PROSE_WORD.test(body) &&
  !isReference(body) &&
  !isPlaceholder(body) &&
  !/^%|^\{\w*\}$/.test(body) &&
  (!generated || looksGenerated(body));

/** Where `text` sends a password as Redis AUTH through client code (above): each password's span. */
export function redisClientSpans(text: string): Array<[number, number]> {
  if (text.length > MAX_TEXT || !CLUE.test(text)) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(CALL_AUTH)) {
    const list = match[match.length - 1];
    const last = argumentsOf(list).pop();
    if (last && isPassword(last.body, match[1] === '[')) {
      const start = match.index! + match[0].lastIndexOf(list) + last.at;
      spans.push([start, start + last.body.length]);
    }
  }
  for (const match of text.matchAll(FORMAT_AUTH)) {
    const fields = match[2].trim().split(/[ \t]+/).length;
    const given = argumentsOf(match[3]);
    const password = given[fields - 1];
    if (given.length >= fields && password && isPassword(password.body, false)) {
      const start = match.index! + match[0].lastIndexOf(match[3]) + password.at;
      spans.push([start, start + password.body.length]);
    }
  }
  return spans;
}
