// Types of scripts/newest-source.js for the tests that import it.
export function newestSource(path: string, walked?: Set<string>): number;
