import type { Document, LineCounter } from 'yaml';
import { isAlias, isNode, isScalar, isSeq, yaml } from './yaml';
import { judgedOnce } from './secrets-memo';
import { readYamlDocuments, YamlRead } from './yaml-documents';
import { MAX_ENTRIES, TOO_DEEP_YAML } from './yaml-depth';
import { asHelmReads, noteRereads } from './helm-scalars';

/**
 * YAML text that another reader parses after this tool has judged it: a chart's `extraObjects` item given as
 * text (Helm renders it and reads it with go-yaml), a file of dist/ or a HelmChartConfig's `valuesContent`.
 * This tool's reader (yaml, YAML 1.2 core schema) and go-yaml v2 (sigs.k8s.io/yaml: YAML 1.1 scalars) build the
 * same mappings and lists from clean text, but may type a plain scalar differently: `yes`, `on`, `n` are text
 * here and booleans there, `012` is 12 here and 10 there, `0X1F` text here and 31 there. Such a scalar is never a
 * key named like a secret nor `Secret` in either reader, and the text this reader sees is judged at least as
 * strictly as a boolean or a number, so what is a secret does not change. They part on structure with a merge
 * key `<<` (which go-yaml applies), a key written twice, a tag such as `!!binary` (which go-yaml decodes), or
 * text that does not parse, so such text cannot be judged as the other reader will see it.
 */

/** The tags both readers resolve to the same plain data. */
const PLAIN_TAGS: ReadonlySet<string> = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`),
);

/** What the parser's error and warning codes mean, for messages that never quote the text. */
const WHAT: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'a key written twice',
  TAG_RESOLVE_FAILED: 'a tag YAML does not know',
  TAB_AS_INDENT: 'a tab as indentation',
};

export interface ManifestText {
  /** Each document as data, where the text is clean. */
  readonly documents: unknown[];
  /** Why the text cannot be judged ("does not parse cleanly as YAML (a key written twice, at line 1, column 80)"), or undefined. */
  readonly unjudgeable?: string;
  /** Where in the text the parser's problem stands, when `unjudgeable` names one (a config places it there: 80a-14). */
  readonly offset?: number;
  /** Whether the text is unjudgeable for its size alone (MAX_ENTRIES): written as a map it would be refused too. */
  readonly tooLarge?: boolean;
}

/**
 * Whether `key` is the merge key `<<` (quoted or plain, or an alias of one), which YAML 1.1 readers apply. Read
 * without yaml's `merge` option, `<<` is the text '<<'; only an explicit `!!merge` tag makes yaml read a merge key.
 */
function isMergeKey(key: unknown, doc: Document.Parsed): boolean {
  const node = isAlias(key) ? key.resolve(doc) : key;
  return isScalar(node) && (node.value === '<<' || node.tag === 'tag:yaml.org,2002:merge');
}

/** Why one parsed document cannot be judged (and where, for a parser's problem), or undefined. */
function uncleanDocument(
  doc: Document.Parsed,
  lines: LineCounter,
  besideDuplicates = false,
): { why: string; offset?: number; tooLarge?: boolean } | undefined {
  const problem = [...doc.errors, ...doc.warnings].find((error) => !besideDuplicates || error.code !== 'DUPLICATE_KEY');
  if (problem) {
    const offset = problem.pos[0];
    const { line, col } = lines.linePos(offset);
    if (problem.message === TOO_DEEP_YAML) return { why: `${TOO_DEEP_YAML} (at line ${line}, column ${col})`, offset };
    return { why: `does not parse cleanly as YAML (${WHAT[problem.code] ?? 'a syntax error'}, at line ${line}, column ${col})`, offset };
  }
  let found: string | undefined;
  let tooLarge = false;
  const stop = (why: string) => ((found = why), yaml.visit.BREAK);
  yaml.visit(doc, {
    // 84b-10: the bound a config's own mappings and lists are held to (config/yaml-input.ts).
    Collection: (_, node) =>
      node.items.length > MAX_ENTRIES
        ? ((tooLarge = true),
          stop(
            `holds a ${isSeq(node) ? 'list' : 'mapping'} of ${node.items.length} entries, more than the ${MAX_ENTRIES} a config's own may hold`,
          ))
        : undefined,
    Pair: (_, pair) =>
      isMergeKey(pair.key, doc) ? stop('holds a YAML merge key (<<), which Helm applies and this tool does not') : undefined,
    Node: (_, node) =>
      isNode(node) && node.tag !== undefined && !PLAIN_TAGS.has(node.tag)
        ? stop('holds a YAML tag other than !!str, !!int, !!float, !!bool, !!null, !!map or !!seq')
        : undefined,
  });
  return found === undefined ? undefined : { why: found, ...((tooLarge as boolean) ? { tooLarge: true } : {}) };
}

/**
 * 84b-6: why a text whose keys written twice are said apart (core/text-duplicate-keys.ts) cannot be judged for
 * anything else (a merge key, a tag, a bound passed), or undefined: said in the same run.
 */
export function uncleanBesideDuplicates(text: string): { why: string; tooLarge?: boolean } | undefined {
  const read = readYamlDocuments(text, 'strict');
  for (const document of read.documents) {
    const unclean = uncleanDocument(document.doc, read.lines, true);
    if (unclean) return unclean;
  }
  return undefined;
}

/**
 * Reads YAML text strictly: every document as data, or why the text cannot be judged (then no documents). Once per
 * text (secrets-memo.ts): a file provider's content is read by the secret rules, the router rules and the ping routers,
 * through the config and again through the construct (800 kB took 4 s each time). Callers only read the documents.
 */
export const readManifestText: (text: string) => ManifestText = judgedOnce((text) => readManifestTextOnce(text, false));

/**
 * 83a-19: a chart's `extraObjects` item given as text, read as Helm reads what the chart renders of it (`tpl`): its
 * scalars as go-yaml v2 types them (YAML 1.1: `0644` is 420, `yes` true; core/go-yaml-scalars.ts), so that the rules
 * judge the objects Helm applies. Where that differs from YAML 1.2, helm-scalars.ts's helmRereadAt says what was written.
 */
export const readHelmManifestText: (text: string) => ManifestText = judgedOnce((text) => readManifestTextOnce(text, true));

function readManifestTextOnce(text: string, asHelm: boolean): ManifestText {
  let read: YamlRead;
  try {
    read = readYamlDocuments(text, 'strict');
  } catch {
    return { documents: [], unjudgeable: 'does not parse as YAML' };
  }
  const documents: unknown[] = [];
  if (read.documents.length > MAX_ENTRIES)
    return {
      documents: [],
      unjudgeable: `holds ${read.documents.length} documents, more than the ${MAX_ENTRIES} items extraObjects may hold`,
      tooLarge: true,
    };
  for (const document of read.documents) {
    const unclean = uncleanDocument(document.doc, read.lines);
    if (unclean)
      return {
        documents: [],
        unjudgeable: unclean.why,
        ...(unclean.offset !== undefined && { offset: unclean.offset }),
        ...(unclean.tooLarge && { tooLarge: true }),
      };
    if (document.error) {
      return { documents: [], unjudgeable: 'does not parse cleanly as YAML (an alias without its anchor, or too many aliases)' };
    }
    const helm = asHelm ? asHelmReads(document.doc) : undefined;
    const data = helm?.changed ? document.doc.toJS({ maxAliasCount: 100 }) : document.data;
    if (helm) noteRereads(data, helm.places, helm.keys);
    documents.push(data);
  }
  return { documents };
}
