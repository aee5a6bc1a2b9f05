/**
 * Round 87 (87b-1): the plural and inflected forms of the secret words of other languages, as their letters fold to ASCII
 * (folded-letters.ts: `hasła` is `hasla`, `Passwörter` `passworter`, written `passwoerter` too). A key names passwords as
 * it names one (`adminwachtwoorden`, `datenbankpasswoerter`, `hasla`), so each word's forms are read wherever the word is
 * (foreign-secret-words.ts, foreign-compounds.ts). Common forms a name takes (the plural, the definite form of the
 * Nordic languages, the genitive and partitive Finnish and Polish glue on), from the languages' grammar (the author's
 * knowledge of them, as foreign-secret-words.ts's lists; no catalogue was read); forms that are English words' ends
 * (`haslo`'s genitive plural `hasel`, as in `hasel…`) are left out.
 */
export const FOREIGN_WORD_FORMS: Readonly<Record<string, readonly string[]>> = {
  passwort: ['passwoerter', 'passworter', 'passworts', 'passwortes'], // German
  kennwort: ['kennwoerter', 'kennworter', 'kennworts', 'kennwortes'],
  wachtwoord: ['wachtwoorden'], // Dutch
  wagwoord: ['wagwoorde'], // Afrikaans
  losenord: ['losenordet', 'losenorden'], // Swedish: the password, the passwords
  passord: ['passordet', 'passordene'], // Norwegian
  adgangskode: ['adgangskoder', 'adgangskoden', 'adgangskoderne'], // Danish
  salasana: ['salasanat', 'salasanan', 'salasanaa', 'salasanoja', 'salasanojen'], // Finnish
  slaptazodis: ['slaptazodziai', 'slaptazodzio', 'slaptazodzius'], // Lithuanian
  jelszo: ['jelszavak', 'jelszava', 'jelszot'], // Hungarian
  lykilord: ['lykilordid', 'lykilordin'], // Icelandic
  haslo: ['hasla'], // Polish: hasła
  motdepasse: ['motsdepasse'], // French: mots de passe
  senha: ['senhas'], // Portuguese
  contrasena: ['contrasenas'], // Spanish: contraseñas
  contrasenya: ['contrasenyes'], // Catalan
  // Round 88 (88a-2): every other word of foreign-secret-words.ts that takes a plural or a case ending in a name.
  heslo: ['hesla', 'heslem'], // Czech/Slovak: hesla (passwords, of the password)
  lozinka: ['lozinke', 'lozinku', 'lozinki', 'lozinkom'], // Croatian/Serbian/Bosnian
  geslo: ['gesla', 'geslom'], // Slovenian
  sifre: ['sifreler', 'sifreleri', 'sifren', 'sifrem'], // Turkish: şifreler (passwords), şifren/şifrem (your/my password)
  sifra: ['sifru', 'sifri', 'sifrom'], // Serbo-Croatian šifra
  parola: ['parolalar', 'parolasi', 'parolele'], // Turkish plural and "its password", Romanian "the passwords" (Italian `parole` is English too)
  parol: ['paroli', 'parolya'], // Russian, romanised
  parool: ['paroolid', 'parooli'], // Estonian
  salasona: ['salasonad', 'salasona'], // Estonian salasõnad
  kodeord: ['kodeordet', 'kodeordene'], // Danish/Norwegian: the password, the passwords
  geheimnis: ['geheimnisse', 'geheimnissen', 'geheimnisses'], // German
  secreto: ['secretos'], // Spanish
  segreto: ['segreti'], // Italian
  segredo: ['segredos'], // Portuguese
  clave: ['claves'], // Spanish
  jeton: ['jetons'], // French
  hemlighet: ['hemligheter', 'hemligheten', 'hemligheterna'], // Swedish
  hemmelig: ['hemmelighed', 'hemmeligheden', 'hemmeligheder', 'hemmelighederne', 'hemmeligheten', 'hemmeligheter'], // Danish, Norwegian
  salaisuus: ['salaisuudet', 'salaisuuden', 'salaisuutta', 'salaisuuksia'], // Finnish
  titok: ['titkok', 'titka', 'titkot'], // Hungarian
  tunnuslause: ['tunnuslauseet', 'tunnuslauseen'], // Finnish
  tajemstvi: ['tajemstvim'], // Czech (plural tajemství as the singular)
};

/** Each of `words` and its forms. */
export const withWordForms = (words: readonly string[]): string[] => words.flatMap((word) => [word, ...(FOREIGN_WORD_FORMS[word] ?? [])]);

/** Every form, as an alternation (for a name's last word: foreign-secret-words.ts FOREIGN_SECRET_IN_TEXT). */
export const FOREIGN_WORD_FORMS_ALTERNATION = Object.values(FOREIGN_WORD_FORMS).flat().join('|');
