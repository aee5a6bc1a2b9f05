import { SECRET_LABEL_WORDS } from './secret-name-values';

/**
 * A PIN or passcode of 4 to 12 digits after `:` or `=` (`PIN: 482913`; not `PIN 2024`, a sentence), its name maybe
 * followed by the labels a secret's name takes (76a-18: `pin_prod: 4821`, `PIN_CODE_REAL=4821`; secret-name-values.ts):
 * no word of it looks generated, its name makes it a secret (secret-word-lines.ts). Group 1: the digits.
 */
export const DIGIT_CODE = new RegExp(
  String.raw`(?<![A-Za-z])(?:pin|pin[\s_.-]?code|passcode|access[\s_.-]?code|unlock[\s_.-]?code)s?(?:[_.-](?:${SECRET_LABEL_WORDS})){0,3}[ \t]*[:=][ \t]*["']?(\d{4,12})["']?(?![\w.-])`,
  'dgi',
);
