/**
 * The names Go's regexp takes in `\p{Name}` and `\pN` (regexp/syntax parse.go `unicodeTable`): `Any`, the keys of
 * unicode.Categories and unicode.Scripts, and, from Go 1.25, `Assigned`, `ASCII` and unicode.CategoryAliases, matched
 * ignoring case, `_`, `-` and spaces (parse.go `canonicalName`). Vendored from golang/go src/unicode/tables.go as Go 1.25
 * documents it (`go doc unicode`, Unicode 15.0.0, the same names as Go 1.21 to 1.24). Traefik v3.6 is built with Go 1.24
 * or 1.25 (traefik/traefik go.mod), so a name either Go takes is let through: only a name no Go release knows is refused.
 * The scripts Unicode 16.0 and 17.0 add are let through too, as a later Go may build Traefik.
 */
const CATEGORIES = 'C Cc Cf Cn Co Cs L LC Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs';

const CATEGORY_ALIASES =
  'Cased_Letter Close_Punctuation Combining_Mark Connector_Punctuation Control Currency_Symbol Dash_Punctuation ' +
  'Decimal_Number Enclosing_Mark Final_Punctuation Format Initial_Punctuation Letter Letter_Number Line_Separator ' +
  'Lowercase_Letter Mark Math_Symbol Modifier_Letter Modifier_Symbol Nonspacing_Mark Number Open_Punctuation Other ' +
  'Other_Letter Other_Number Other_Punctuation Other_Symbol Paragraph_Separator Private_Use Punctuation Separator ' +
  'Space_Separator Spacing_Mark Surrogate Symbol Titlecase_Letter Unassigned Uppercase_Letter cntrl digit punct';

const SCRIPTS =
  'Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki Bopomofo ' +
  'Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common ' +
  'Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs ' +
  'Elbasan Elymaic Ethiopic Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul ' +
  'Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited Inscriptional_Pahlavi Inscriptional_Parthian ' +
  'Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Lao Latin Lepcha ' +
  'Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi ' +
  'Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar ' +
  'Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian ' +
  'Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage ' +
  'Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra ' +
  'Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Syloti_Nagri Syriac Tagalog ' +
  'Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Toto Ugaritic ' +
  'Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square';

/** Unicode 16.0 and 17.0's new scripts (unicode.org Scripts.txt), not in Go 1.25's tables: let through, never refused. */
const LATER_SCRIPTS = 'Garay Gurung_Khema Kirat_Rai Ol_Onal Sunuwar Todhri Tulu_Tigalari Beria_Erfe Chisoi Sidetic Tai_Yo Tolong_Siki';

/** A name as Go 1.25 compares it, made case-blind: without `_`, `-` and spaces, in lower case. */
const loose = (name: string): string => name.replace(/[_\- ]/g, '').toLowerCase();

const KNOWN: ReadonlySet<string> = new Set(
  ['Any Assigned ASCII', CATEGORIES, CATEGORY_ALIASES, SCRIPTS, LATER_SCRIPTS].flatMap((list) => list.split(' ')).map(loose),
);

/** Whether some Go release Traefik is built with takes `name` in `\p{name}` (after its optional `^`). */
export function isGoUnicodeClass(name: string): boolean {
  return name !== '' && KNOWN.has(loose(name));
}
