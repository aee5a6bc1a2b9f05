// Types of scripts/hostile-inputs.js for the tests that import it.
type Rows<T = string> = [label: string, input: T][];
export function aliasBomb(levels: number, tail?: string): string;
export function commentLines31a(): Rows;
export function deepLongYaml(): Rows;
export function escapedQuotes(): Rows;
export function keyShapes27a(): Rows;
export function keyShapes28a(): Rows;
export function keyShapes29a(): Rows;
export function lineScanTexts(): Rows;
export function nestedQuoted(secret: string): Rows;
export function noBlanks(): Rows;
export function noSecretTexts(): Rows;
export function privateKeyTexts(): Rows;
export function redirectCycle(n?: number): Rows<{ ports: Record<string, unknown> }>;
export function thousandsOfSecrets(): Rows;
export function urlForms(): Rows;
export function wordStarts(): Rows;
export function yamlishLines(): Rows;
