import { isCommandReference, shellWords } from './secret-arguments';

/**
 * Attack round 40a-4c: commands that store a secret, whose value is one by what the command does, whatever its key is
 * called. One row per command: its client, the subcommand words that follow it in order (options may stand between),
 * and where the value stands:
 * - `kubectl create secret … --from-literal=<key>=<value>` (also `oc`): every literal is the Secret's data
 *   (kubernetes.io/docs/reference/kubectl/generated/kubectl_create/kubectl_create_secret_generic);
 * - `vault kv put|patch <path> <key>=<value>…`: every pair is the secret's data (developer.hashicorp.com/vault/docs/
 *   commands/kv/put; `@file` and `-` read a file or standard input);
 * - `aws ssm put-parameter --type SecureString --value <value>` (docs.aws.amazon.com cli reference ssm/put-parameter), and
 *   `aws secretsmanager create-secret|put-secret-value|update-secret --secret-string <value>` (cli reference secretsmanager);
 * - `gh secret set <name> --body|-b <value>` (cli.github.com/manual/gh_secret_set);
 * - `az keyvault secret set --value <value>` (learn.microsoft.com cli/azure/keyvault/secret#az-keyvault-secret-set).
 * A reference (`$PW`, `${PW}`, `"$(cat f)"`), standard input (`-`) or a file (`@f`, `file://f`, `fileb://f`) is none.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const STORED_SECRET =
  'a value a secret-store command stores (kubectl create secret --from-literal, vault kv put, aws ssm SecureString, ' +
  'aws secretsmanager --secret-string, gh secret set, az keyvault secret set)';

interface Store {
  client: RegExp;
  path: readonly RegExp[];
  /** The options whose value (the next word, or after `=`) is stored; `short`: a one-letter one's, glued too (`-bVALUE`). */
  options?: readonly string[];
  short?: string;
  /** The value is `key=value` (kubectl's literal): the part after the key. */
  keyed?: boolean;
  /** `key=value` words after the path are values (vault kv). */
  pairs?: boolean;
  /** Only with `--type SecureString` (ssm's String and StringList are plain parameters). */
  secureString?: boolean;
}

const STORES: readonly Store[] = [
  { client: /^(?:kubectl|oc)$/, path: [/^create$/, /^secret$/], options: ['--from-literal'], keyed: true },
  { client: /^vault$/, path: [/^kv$/, /^(?:put|patch)$/], pairs: true },
  { client: /^aws$/, path: [/^ssm$/, /^put-parameter$/], options: ['--value'], secureString: true },
  { client: /^aws$/, path: [/^secretsmanager$/, /^(?:create-secret|put-secret-value|update-secret)$/], options: ['--secret-string'] },
  { client: /^gh$/, path: [/^secret$/, /^set$/], options: ['--body', '-b'], short: 'b' },
  { client: /^az$/, path: [/^keyvault$/, /^secret$/, /^set$/], options: ['--value'] },
];

const CLUE = /(?<![\w.-])(?:kubectl|oc|vault|aws|gh|az)(?:\.exe)?(?![\w.-])/;
/** A word of a STORES path, which a line must hold to be read. */
const PATH_CLUE = /secret|kv|ssm/;
/** Words that end a command (shellWords with its operators). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;
const commandName = (word: string): string => word.replace(/^.*[/\\]/s, '').replace(/\.exe$/i, '');
/** How deep a word holding a command line is read again (`sh -c "vault kv put …"`). */
const MAX_NESTING = 3;

/** A value that stores nothing written here: a reference, standard input, a file. */
const isElsewhere = (value: string): boolean =>
  value === '' || value === '-' || /^(?:@|fileb?:\/\/)/.test(value) || isCommandReference(value);

/** The value `word` (then `next`) gives one of `store`'s options, or undefined. */
function optionValue(store: Store, word: string, next: string | undefined): string | undefined {
  const eq = word.indexOf('=');
  if (store.pairs) return eq > 0 && word[0] !== '-' ? word.slice(eq + 1) : undefined;
  let value: string | undefined;
  if (store.options!.includes(word)) value = next;
  else if (eq > 0 && store.options!.includes(word.slice(0, eq))) value = word.slice(eq + 1);
  else if (store.short && word.length > 2 && word.startsWith(`-${store.short}`)) value = word.slice(2);
  return value !== undefined && store.keyed ? /^[^=]*=(.*)$/s.exec(value)?.[1] : value;
}

/** The command's words after its path (each step a later word), or undefined where it does not follow the path. */
function afterPath(store: Store, command: readonly string[]): readonly string[] | undefined {
  let at = 0;
  for (const step of store.path) {
    while (at < command.length && !step.test(command[at])) at++;
    if (at++ >= command.length) return undefined;
  }
  const secure = command.some((word, k) => word === '--type=SecureString' || (word === '--type' && command[k + 1] === 'SecureString'));
  return store.secureString && !secure ? undefined : command.slice(at);
}

/** The values `words` store (one command line), read again inside a word that holds another. */
function storedValues(words: readonly string[], depth: number): string[] {
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (depth < MAX_NESTING && /\s/.test(words[i]) && CLUE.test(words[i]))
      found.push(...storedValues(shellWords(words[i], true), depth + 1));
    const name = commandName(words[i]);
    if (!STORES.some((store) => store.client.test(name))) continue;
    // The command's first such client reads its words to the command's end, once (`kubectl kubectl …` is one command).
    let end = i + 1;
    while (end < words.length && !SEPARATOR.test(words[end])) end++;
    const command = words.slice(i + 1, end);
    for (const store of STORES) {
      const rest = store.client.test(name) ? afterPath(store, command) : undefined;
      rest?.forEach((word, k) => {
        const value = optionValue(store, word, rest[k + 1]);
        if (value !== undefined && !isElsewhere(value)) found.push(value);
      });
    }
    // Words holding a command line of their own are read nested above; the rest of this command is read.
    for (const word of command)
      if (depth < MAX_NESTING && /\s/.test(word) && CLUE.test(word)) found.push(...storedValues(shellWords(word, true), depth + 1));
    i = end;
  }
  return found;
}

/** Where a text's command lines store a secret (STORES): the value's span, or its line's where it is not written as read. */
export function storedSecretSpans(text: string): Array<[number, number]> {
  if (!CLUE.test(text)) return [];
  const spans: Array<[number, number]> = [];
  let at = 0;
  for (const line of text.split(/(?<!\\)\n/)) {
    if (CLUE.test(line) && PATH_CLUE.test(line)) {
      let from = 0;
      for (const value of storedValues(shellWords(line, true), 0)) {
        const start = line.indexOf(value, from);
        if (start < 0) {
          spans.push([at, at + line.length]);
          break;
        }
        spans.push([at + start, at + start + value.length]);
        from = start + value.length;
      }
    }
    at += line.length + 1;
  }
  return spans;
}
