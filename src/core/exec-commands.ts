import { commandLines } from './data-commands';
import { execK3sTokens } from './k3s-short-token';
import type { Path } from './problem';
import { execStoredSecrets } from './secret-store-commands';
import { commandPasswords, commandSecret, mayHoldCommand } from './secrets-commands';

/**
 * The passwords an exec-form command sets (Kubernetes' `command: [curl, -u, "bob:pw", …]` with its `args`, a probe's or
 * a hook's `exec.command`), the values it stores in a secret store (secret-store-commands.ts, 40a-4c) and K3s' `-t`
 * token (k3s-short-token.ts, 48a-3): one finding per list item that holds one. Each item is one word, as the kubelet
 * passes it. (Moved out of secrets-commands.ts, whose client readers it calls.)
 */
export function execCommandPasswords(record: Record<string, unknown>, at: Path): Array<{ path: Path; value: string; what: string }> {
  return [...execStoredSecrets(record, at), ...execClientPasswords(record, at), ...execK3sTokens(record, at)];
}

/** execCommandPasswords' clients' options, in each command line the record runs (data-commands.ts). */
function execClientPasswords(record: Record<string, unknown>, at: Path): Array<{ path: Path; value: string; what: string }> {
  return commandLines(record).flatMap((items) => {
    if (!items.some(({ word }) => mayHoldCommand(word))) return [];
    const words = items.map(({ word }) => word);
    return commandPasswords(words, 0).map(({ index, password, option }) => {
      // The option's own item (`-pPW`, `--user=bob:PW`), or the next one (`-u`, `bob:PW`).
      const { key, index: i, item } = items[words[index].includes(password) || index + 1 >= items.length ? index : index + 1];
      return { path: i === undefined ? [...at, key] : [...at, key, i], value: String(item), what: commandSecret(option) };
    });
  });
}
