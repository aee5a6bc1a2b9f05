import { goYamlScalar } from '../core/go-yaml-scalars';

/**
 * What a text becomes when a chart template prints it unquoted (`- name: {{ .Values.persistence.name }}`,
 * `mountPath: {{ .mountPath }}`) and Helm's kube client reads the manifest with sigs.k8s.io/yaml (go-yaml v2, YAML 1.1
 * resolve.go), else undefined when it reads back as the same text. `yes`/`on`/`y` and friends (the casings go-yaml v2
 * lists) become booleans, `~`/`null`/empty null, numbers (core/go-yaml-scalars.ts) numbers, `.inf`/`.nan` floats,
 * `2001-12-14` a timestamp; blanks around the text are dropped; and a text starting with a YAML indicator (`#`, `[`,
 * `{`, `*`, `&`, `!`, `|`, `>`, `%`, `@`, a backtick, a quote, `- `, `? `, `: `) or holding `: ` or ` #` does not
 * read as the text at all. One check for every value the chart writes unquoted where the API server wants a text.
 */
export function unquotedReading(text: string): string | undefined {
  if ([...text].some((c) => (c.charCodeAt(0) < 0x20 && c !== '\t') || c.charCodeAt(0) === 0x7f))
    return 'not one plain line (it holds a control character or line break)';
  // The YAML scanner drops the blanks around a plain scalar, and reads what is left.
  const plain = text.replace(/^[ \t]+|[ \t]+$/g, '');
  return plainReading(plain) ?? (plain === text ? undefined : 'the text without its leading and trailing blanks');
}

/** What unquotedReading says of a text YAML reads as null (go-yaml v2 resolve.go: empty, `~`, `null`, `Null`, `NULL`). */
export const NULL_READING = 'null (nothing)';

function plainReading(plain: string): string | undefined {
  const read = goYamlScalar(plain);
  if (read?.kind === 'null') return NULL_READING;
  if (read?.kind === 'bool') return 'a boolean';
  if (read?.kind === 'int' || read?.kind === 'float') return 'a number';
  if (/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)/.test(plain)) return 'a timestamp';
  if (/^[#[\]{},*&!|>%@`'"]|^[-?:]( |$)|: |:$| #/.test(plain)) return 'YAML syntax';
  return undefined;
}

/** The message's middle: "so Kubernetes' YAML reader reads it as <reading>, not as this text". */
export const readsAsPhrase = (reading: string) => `so Kubernetes' YAML reader reads it as ${reading}, not as this text`;

/** The message's middle: "which the chart writes unquoted into the pod template, so ... reads it as <reading> ...". */
export const unquotedPhrase = (reading: string) => `which the chart writes unquoted into the pod template, ${readsAsPhrase(reading)}`;
