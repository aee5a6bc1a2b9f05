/**
 * A Service's label as the subject of a message (62b-8): `Traefik` is `Traefik's Service`, `Traefik (UDP)` is
 * `Traefik's Service (UDP)`; a label that already names the Service (`Traefik's additional Service internal`) is itself,
 * not `… internal's Service`.
 */
export function serviceSubject(label: string): string {
  if (/\bService\b/.test(label)) return label;
  const udp = / \(UDP\)$/.exec(label);
  return udp ? `${label.slice(0, udp.index)}'s Service${udp[0]}` : `${label}'s Service`;
}

/** A Service type with its article: `a NodePort`, `an ExternalName`. */
export const typeWithArticle = (type: string): string => `${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type}`;
