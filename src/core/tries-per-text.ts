/**
 * A bound on a costly try a decoder makes per candidate run (a brotli decoder's setup, an ed25519 key's derivation):
 * a text's first `max` candidates are tried, no more. The last text's tried runs are remembered, so the same text
 * checked again (every door checks it) tries the same runs: the answer does not depend on how often it was asked.
 */
export function triesPerText(max: number): (text: string, at: number) => boolean {
  let tried: { text: string; at: number[] } | undefined;
  return (text, at) => {
    if (tried?.text !== text) tried = { text, at: [] };
    if (tried.at.includes(at)) return true;
    if (tried.at.length >= max) return false;
    tried.at.push(at);
    return true;
  };
}
