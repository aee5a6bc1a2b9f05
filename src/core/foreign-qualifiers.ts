import { KEY_WORD, namesForeignSecret } from './foreign-secret-words';

/**
 * Round 88 (88a-6, 88a-8): a secret word of another language qualified as English qualifies `key` or `password` is read
 * as the English name: a public key (Spanish `clave_publica`, German `oeffentlicher_schluessel`, Finnish `julkinen_avain`,
 * Swedish `publik_nyckel`) as `public_key`, a password's setting (Polish `HASLO_POLITYKA`, Finnish `SALASANA_KAYTANTO`,
 * German `PASSWORT_HASH_ALGORITHMUS`) as `PASSWORD_POLICY`, so one name gets one verdict in every language. Words from
 * the languages' grammar (the author's knowledge of them, as foreign-secret-words.ts's lists).
 */
const PUBLIC_WORD =
  /^(?:public|publica|publico|publicas|publicos|pubblica|pubblico|pubbliche|publique|publiques|publiek|publieke|oeffentlich(?:e[rsn]?)?|offentlich(?:e[rsn]?)?|offentlig[ea]?|publik[ea]?|julkinen|julkiset|publiczny|publiczne|publicznego|verejny|verejne|javni|javne|acik|umum|publicos)$/;
const FOREIGN_KEY_WORD = new RegExp(`^(?:${KEY_WORD}|claves?)$`);
/** A setting's word after a password word, with its English (`PASSWORD_POLICY`, `PASSWORD_MIN_LENGTH`). */
const SETTING_WORD: Readonly<Record<string, string>> = {
  polityka: 'policy',
  kaytanto: 'policy',
  kaytannot: 'policy',
  richtlinie: 'policy',
  richtlinien: 'policy',
  politica: 'policy',
  politika: 'policy',
  politique: 'policy',
  beleid: 'policy',
  policy: 'policy',
  regler: 'policy',
  zasady: 'policy',
  szabaly: 'policy',
  zasady_: 'policy',
  hossz: 'length',
  hossza: 'length',
  pituus: 'length',
  dlugosc: 'length',
  langd: 'length',
  laengde: 'length',
  lengde: 'length',
  laenge: 'length',
  lange: 'length',
  lengte: 'length',
  longitud: 'length',
  lunghezza: 'length',
  longueur: 'length',
  comprimento: 'length',
  delka: 'length',
  dlzka: 'length',
  duljina: 'length',
  dolzina: 'length',
  uzunluk: 'length',
  uzunlugu: 'length',
  pikkus: 'length',
  lungime: 'length',
  ilgis: 'length',
  politikasi: 'policy',
  algorithmus: 'algorithm',
  algoritmo: 'algorithm',
  algoritme: 'algorithm',
  algoritmi: 'algorithm',
  algorytm: 'algorithm',
  algoritmus: 'algorithm',
  algorithme: 'algorithm',
  hash: 'hash',
  min: 'min',
  max: 'max',
  minimum: 'minimum',
  maximum: 'maximum',
  minimo: 'minimum',
  maximo: 'maximum',
  vahintaan: 'minimum',
  enintaan: 'maximum',
};

/** The words with each public-qualified foreign key word read as `public key`, each password word before a setting as `password`; undefined when none is. */
export function englishQualifiedName(list: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < list.length; i++) {
    const word = list[i];
    const next = list[i + 1] ?? '';
    if (FOREIGN_KEY_WORD.test(word) && PUBLIC_WORD.test(next)) [out[out.length], changed, i] = ['public key', true, i + 1];
    else if (PUBLIC_WORD.test(word) && FOREIGN_KEY_WORD.test(next)) [out[out.length], changed, i] = ['public key', true, i + 1];
    else if (SETTING_WORD[next] !== undefined && namesForeignSecret(word)) [out[out.length], changed] = ['password', true];
    else out.push(changed && SETTING_WORD[word] !== undefined ? SETTING_WORD[word] : word);
  }
  return changed ? out.join(' ').split(' ') : undefined;
}
