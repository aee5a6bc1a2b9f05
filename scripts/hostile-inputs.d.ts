// Types of scripts/hostile-inputs.js for the tests that import it.
type Rows<T = string> = [label: string, input: T][];
export function aliasBomb(levels: number, tail?: string): string;
export function commentLines31a(size?: number): Rows;
export function deepLongYaml(lines?: number): Rows;
export function escapedQuotes(): Rows;
export function keyShapes27a(size?: number): Rows;
export function keyShapes28a(size?: number): Rows;
export function keyShapes29a(size?: number): Rows;
export function keyShapes30a(size?: number): Rows;
export function lineScanTexts(size?: number): Rows;
export function nestedQuoted(secret: string): Rows;
export function noBlanks(): Rows;
export function noSecretTexts(size?: number): Rows;
export function privateKeyTexts(size?: number): Rows;
export function scannerRuns32a(size?: number): Rows;
export function bracketLines33a(size?: number): Rows;
export function commandLists41(size?: number): Rows;
export function codeValues43(size?: number): Rows;
export function bigTexts35(size?: number): Rows<{ values: Record<string, unknown>; written: boolean }>;
export function mixedEscapes35(size?: number): Rows<{ values: Record<string, unknown>; written: boolean }>;
export function redirectCycle(n?: number): Rows<{ ports: Record<string, unknown> }>;
export function thousandsOfSecrets(): Rows;
export function urlForms(size?: number): Rows;
export function wordStarts(size?: number): Rows;
export function yamlishLines(size?: number): Rows;
export function tokenShapes34a(size?: number): Rows;
export function controlTexts42(size?: number): Rows;
export function codeForms46(size?: number): Rows;
export function docstrings48(size?: number): Rows;
export function literalForms49(size?: number): Rows;
/** Round 49a near-misses of K3s tokens: placeholder hashes, token options in lists, `k3s token create` (k3s51). */
export function k3sTokens51(size?: number): Rows;
/** Round 50a-1/50a-2 k3s52: placeholder hashes without a user, K3s' argument lists in code, near-misses. */
export function k3sTokens52(size?: number): Rows;
export function literalWrappers51(size?: number): Rows;
export function signingKeys52(size?: number): Rows;
export function secretKeyMaps53(size?: number): Rows;
export function cCopies53(size?: number): Rows;
export function describedValues47(size?: number): Rows;
export function codeForms47(size?: number): Rows;
export function sqlStatements48(size?: number): Rows;
export function sqlHeads49(size?: number): Rows;
export function sqlForms50(size?: number): Rows;
export function sqlForms51(size?: number): Rows;
/** Round 50a near-misses of SQL: keywords before `:=`, INSERT rows, crypt functions, variables set to variables (sql52). */
export function sqlForms52(size?: number): Rows;
/** Round 51a near-misses of SQL: quoted INSERT heads, prose anchors, aliased literals, CTE heads, COPY rows (sql53). */
export function sqlForms53(size?: number): Rows;
export function readersAndLists50(size?: number): Rows;
export function stdinForms48(size?: number): Rows;
export function stdinForms50(size?: number): Rows;
export function pastedFormats48(size?: number): Rows;
export function tables50(size?: number): Rows;
/** Round 50 tables51: HTML, rst directive, key/value tables and secret-named sections near-misses. */
export function tables51(size?: number): Rows;
/** Round 51 lines52: dash-ruled tables, NAME value lines, foreign secret words, Junos NTP and IS-IS keys near-misses. */
export function lines52(size?: number): Rows;
/** Round 52 lines53: ruled tables of any rule character, accented secret names near-misses. */
export function lines53(size?: number): Rows;
/** Round 50 false51: prose values after `key:` (core/prose-values.ts). */
export function proseValues51(size?: number): Rows;
export function falseValues52(size?: number): Rows;
/** Round 51 false53: string methods' separators, escaped breaks in code, Bearer placeholders, store prose, Secret names with notes. */
export function falseValues53(size?: number): Rows;
/** Round 51 msgs53: `token`/`passwd` NAME value lines, and secret texts whose copies messages are searched for. */
export function secretCopies53(size?: number): Rows;
/** Round 49 netdev50: network devices' config lines near-misses. */
export function deviceLines50(size?: number): Rows;
/** Round 49a-7 netdev51: device config blocks' near-misses (bare keys, heads, indents). */
export function deviceBlocks51(size?: number): Rows;
export function codeForms45(size?: number): Rows;
export function codeParameters44(size?: number): Rows;
export function secretLines45(size?: number): Rows;
/** Round 45a near-misses of keyed-lines.ts, block-openers.ts and token lines (msgs46). */
export function keyedLines46(size?: number): Rows;
export function secretNames45(size?: number): Rows;
export function secretNames46(size?: number): Rows;
export function gapTexts42b(size?: number): Rows;
export function droppedLists37(size?: number): Rows<Record<string, unknown[]>>;
export function gatewayRoutes53(): Rows<{ object: Record<string, unknown>; findings: number }>;
/** Round 51 near-misses of rule-pairs.ts: header and query matcher calls never closed, blank and comma runs (routes53). */
export function rulePairs53(size?: number): Rows;
