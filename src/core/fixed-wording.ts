import { RANKED } from './secret-shapes';
import { KUBE_SYSTEM_SECRETS_REASON, referenceExample, secretAdvice } from './secret-advice';

/**
 * 66a-13: the tool's own description of a finding (secret-shapes.ts FINDERS' `what`: `a password in prose right after a
 * label … say where the password is kept instead: \`the password is in the vault\``) is fixed wording, never a value, so
 * the message redactor must leave it whole even where a secret found in the same config is one of its phrases (a text's
 * label `password is` taken as its value). A description quoted inside a value the message shows (`"…"`) is the value's
 * and is judged with it, so that wording put before a secret cannot shield it.
 */

/**
 * 67a-20: a refusal's own reason and remedy are fixed wording too (`dist/ is committed to Git`, `keep it in a Kubernetes
 * Secret and reference it (e.g. env valueFrom.secretKeyRef)`): a secret `dist` or `secretKeyRef` found in the config
 * must not blank them. Each door's advice (secret-advice.ts), taken for a path of each kind it tells apart.
 */
const ADVICE_PATHS = [[], ['basicAuth'], ['digestAuth'], ['spec', 'plugin'], ['env', 0, 'value'], ['args', 0]];
const remedies = (): string[] => [
  'dist/ is committed to Git, so no secret may be written there: ',
  'dist/ is committed to Git, so no Secret may be written there: ',
  '(it is committed to Git): keep it in a Kubernetes Secret and reference it',
  ...ADVICE_PATHS.map(secretAdvice),
  ...ADVICE_PATHS.map(
    (path) => `; it was taken as a literal value: where it is not the secret, write a reference (${referenceExample(path)}), `,
  ),
  'a placeholder such as `<your-password>` or `REPLACE_ME`, or a value encrypted by SOPS or Ansible Vault',
  KUBE_SYSTEM_SECRETS_REASON,
];

/** The descriptions and remedies, longest first (a longer one holding a shorter is kept whole). */
let fixed: readonly string[] | undefined;
const descriptions = (): readonly string[] =>
  (fixed ??= [...new Set([...RANKED.map((finder) => finder.what), ...remedies()])].sort((a, b) => b.length - a.length));

/** A value as messages print it, JSON-quoted (redact-message.ts QUOTED). */
const QUOTED = /"(?:[^"\\\n]|\\.)*"/g;
/**
 * Stands for the n-th kept description while the rest is redacted: no quote, no word a reader takes; in angle brackets,
 * as a placeholder, so that a label before it (`…item makes: K3s keeps`) reads no value there (84a-7).
 */
const MARK = /<\u2983(\d{1,4})\u2984>/g;

/** `redact(message)` with every description of a finding outside a quoted value left as written. */
export function keepingWording(message: string, redact: (text: string) => string): string {
  const kept = descriptions().filter((what) => message.includes(what));
  if (!kept.length || /\u2983|\u2984/.test(message)) return redact(message);
  const masked = kept.reduce((text, what, n) => text.split(what).join(`<\u2983${n}\u2984>`), message);
  const quoted = [...masked.matchAll(QUOTED)].map((match) => [match.index, match.index + match[0].length]);
  // A description inside a value shown: back as written, for the redactor to judge with the value.
  const judged = masked.replace(MARK, (mark: string, n: string, at: number) =>
    quoted.some(([start, end]) => at > start && at < end) ? kept[Number(n)] : mark,
  );
  return redact(judged).replace(MARK, (mark: string, n: string) => kept[Number(n)] ?? mark);
}
