/**
 * A `?` or `#` where only a request's path is matched (57a-16). Traefik's Path and PathPrefix compare the request URL's
 * path (traefik/traefik pkg/muxer/http/matcher.go v3.6.0 `path`, `pathPrefix`: req.URL.Path; matcher_v2.go and gorilla/mux
 * v1.8 the same), and PathRegexp matches the same path; Go's net/url cuts the query at the first `?` and the fragment at
 * `#` (url.Parse), and a browser never sends the fragment, so a path rule holding either never matches a request. The
 * first-class `ingresses[].path` refuses both (config/formats.ts ingressPath); this is the same verdict for rules.
 */

/** The `?` or `#` a Path or PathPrefix value holds outside a v2 `{name:regexp}` part (v3 reads the value literally), or undefined. */
export function pathQueryMark(value: string, templated: boolean): '?' | '#' | undefined {
  let level = 0;
  for (const c of value) {
    if (templated && c === '{') level += 1;
    else if (templated && c === '}') level = Math.max(0, level - 1);
    else if (level === 0 && (c === '?' || c === '#')) return c;
  }
  return undefined;
}

/**
 * The `?` or `#` a Go regexp requires as a literal (`\?`, `#`, `\#`) at its top level, or undefined. Only what every match
 * must hold is judged: a regexp with an alternation, or a mark inside a group, a class or under a quantifier that allows
 * none (`\??`, `#*`, `#{0,1}`), is left alone, so nothing that may match is refused.
 */
export function regexpQueryMark(pattern: string): '?' | '#' | undefined {
  if (pattern.includes('|')) return undefined;
  let depth = 0;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === '[') {
      // Skip the class: a leading `^` and `]` are its own; `\` escapes inside it.
      let j = i + 1;
      if (pattern[j] === '^') j += 1;
      if (pattern[j] === ']') j += 1;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '(') depth += 1;
    else if (c === ')') depth = Math.max(0, depth - 1);
    let mark: '?' | '#' | undefined;
    let end = i + 1;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === 'Q') return undefined; // a quoted run: left alone
      mark = next === '?' || next === '#' ? next : undefined;
      end = i + 2;
      if (!mark) {
        i += 1;
        continue;
      }
    } else if (c === '#') mark = '#';
    if (mark && depth === 0 && !/^(?:[?*]|\{0[,}])/.test(pattern.slice(end))) return mark;
    i = end - 1;
  }
  return undefined;
}
