/**
 * GSM 03.38 7-bit alphabet, the SMS encoding that keeps a message part at
 * 160 characters (153 when the message is split in parts).
 */

const BASIC_CHARACTERS =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

// Each extension character takes two septets: an escape and the character.
const EXTENSION_CHARACTERS = '^{}\\[~]|€\f';

const BASIC = new Set(BASIC_CHARACTERS);
const EXTENSION = new Set(EXTENSION_CHARACTERS);

/** Two concatenated parts of 153 septets each. */
export const MAX_TWO_PART_SEPTETS = 306;

/** Replaces every character outside the GSM 7-bit alphabet with `?`. */
export function toGsm7(text: string): string {
  let result = '';
  for (const character of text) {
    result += BASIC.has(character) || EXTENSION.has(character) ? character : '?';
  }
  return result;
}

/** Counts the septets of a text that contains only GSM 7-bit characters. */
export function septetLength(text: string): number {
  let length = 0;
  for (const character of text) length += EXTENSION.has(character) ? 2 : 1;
  return length;
}

/**
 * Cuts a GSM 7-bit text to at most `maxSeptets`, ending it with `...` when
 * anything was cut.
 */
export function truncateSeptets(text: string, maxSeptets: number): string {
  if (septetLength(text) <= maxSeptets) return text;
  const ellipsis = '...';
  const budget = maxSeptets - ellipsis.length;
  if (budget <= 0) return ellipsis.slice(0, Math.max(maxSeptets, 0));

  let result = '';
  let length = 0;
  for (const character of text) {
    const size = EXTENSION.has(character) ? 2 : 1;
    if (length + size > budget) break;
    result += character;
    length += size;
  }
  return result + ellipsis;
}
