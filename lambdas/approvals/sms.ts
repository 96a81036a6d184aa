/**
 * SMS text of an approval request, kept within two concatenated SMS parts so that it arrives
 * as one message: 2 × 153 GSM-7 septets, or 2 × 67 UCS-2 code units when the text needs
 * characters outside GSM-7.
 */

export const MAX_GSM7_SEPTETS = 306;
export const MAX_UCS2_CODE_UNITS = 134;

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// Characters of the GSM-7 extension table, sent as an escape septet plus one septet each.
const GSM7_EXTENSION = '^{}\\[~]|€';

const BASIC_SET = new Set(GSM7_BASIC);
const EXTENSION_SET = new Set(GSM7_EXTENSION);

/** Returns the GSM-7 length of the text in septets, or undefined if GSM-7 cannot encode it. */
export function gsm7Length(text: string): number | undefined {
  let septets = 0;

  for (const character of text) {
    if (BASIC_SET.has(character)) {
      septets += 1;
    } else if (EXTENSION_SET.has(character)) {
      septets += 2;
    } else {
      return undefined;
    }
  }
  return septets;
}

/** Returns the cost of the text in the encoding that SMS would use for it, and that encoding's budget. */
export function smsLength(text: string): { length: number; max: number } {
  const septets = gsm7Length(text);

  if (septets !== undefined) {
    return { length: septets, max: MAX_GSM7_SEPTETS };
  }
  return { length: text.length, max: MAX_UCS2_CODE_UNITS };
}

/**
 * Composes `<message>\n<link>`, shortening the message with "..." when the whole would not
 * fit into two SMS parts. The link is never shortened. Throws when the link alone does not fit.
 */
export function composeSmsText(message: string, link: string): string {
  const flatMessage = message.replace(/\s+/g, ' ').trim();
  const whole = `${flatMessage}\n${link}`;

  if (fits(whole)) {
    return whole;
  }

  const linkOnly = `...\n${link}`;
  if (!fits(linkOnly)) {
    throw new Error(
      `The approval link is ${link.length} characters long, too long for an SMS of two parts. ` +
        'Set a shorter APPROVALS_BASE_URL.',
    );
  }

  // Array.from splits by code point, so that truncation never cuts a surrogate pair.
  const characters = Array.from(flatMessage);
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(truncated(characters, middle, link))) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return truncated(characters, low, link);
}

function truncated(characters: string[], count: number, link: string): string {
  return `${characters.slice(0, count).join('').trimEnd()}...\n${link}`;
}

function fits(text: string): boolean {
  const { length, max } = smsLength(text);
  return length <= max;
}
