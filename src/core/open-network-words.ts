/**
 * 67a-18: what a note writes in a Wi-Fi network's key field when the network has none (`SSID: Guest` then `Key: open`,
 * `WLAN: Gast, Schlüssel: keine`): an open network's mode or a word for "none", in English, German, French, Spanish,
 * Portuguese and Italian. None could be a WPA passphrase, which is 8 to 63 characters (IEEE 802.11i; wpa_supplicant.conf's
 * `psk`). A word is read so beside a network's label only (`Password: open` is the password `open`).
 */
const NO_KEY =
  /^(?:open|offen|ouvert|ouverte|abierta|abierto|aberta|aberto|aperta|aperto|none|no|keine?r?|ohne|aucune?|ninguna|ninguno|nenhuma|nessuna|n\/a|-{1,3}|—|–|\((?:none|keine?|aucune?|ninguna|open|offen)\))$/i;

/** Whether `value`, as written in a network's key field (its sentence's stop taken off), says the network has no key. */
export const saysOpenNetwork = (value: string): boolean => NO_KEY.test(value.trim().replace(/[.!]+$/, ''));
