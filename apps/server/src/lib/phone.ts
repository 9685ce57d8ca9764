import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * The lookup key of a phone number: its national significant number in China
 * ("+86 138-1234-5678", "0086 13812345678" → "13812345678"; "(010) 1234 5678", "+86 10 12345678" → "1012345678").
 * Numbers that do not parse keep their digits, so short or unusual numbers still match themselves.
 */
export function normalizePhone(input: string): string {
  const text = input.normalize('NFKC').replace(/(转|ext\.?|x|#).*$/i, '').trim();
  const parsed = parsePhoneNumberFromString(text, 'CN');
  if (parsed && parsed.country === 'CN' && parsed.isPossible()) return parsed.nationalNumber;
  const digits = text.replace(/\D/g, '');
  if (digits.startsWith('0086')) return stripTrunk(digits.slice(4));
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return stripTrunk(digits);
}

function stripTrunk(digits: string): string {
  return digits.length > 9 && digits.startsWith('0') ? digits.slice(1) : digits;
}

export function isPlausiblePhone(input: string): boolean {
  const digits = input.normalize('NFKC').replace(/\D/g, '');
  return digits.length >= 5 && digits.length <= 20;
}

/** 138****5678 for mobiles; keeps the first 3 and last 4 digits of anything long enough. */
export function maskPhone(number: string): string {
  const text = number.normalize('NFKC').trim();
  // The country code is not part of the number people recognise: "+86 138 1234 5678" shows as 138****5678.
  let digits = text.replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (text.startsWith('+86') || (digits.startsWith('86') && digits.length === 13)) digits = digits.slice(2);
  if (digits.length < 7) return '*'.repeat(Math.max(digits.length - 2, 1)) + digits.slice(-2);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
