/** Display forms of personal data for people who may not see it in full. Pure. */

/** 110101199003071234 → 110***********1234 (same length: the reader still sees it is an 18-digit number). */
export function maskIdCard(value: string): string {
  const text = value.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (text.length <= 7) return '*'.repeat(text.length);
  return `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`;
}

// Province / city / district levels of a Chinese address; the street and house number come after.
const DISTRICT = /^(.{0,10}?(?:自治区|特别行政区|省|市))?(.{0,12}?(?:自治州|地区|盟|州|市))?(.{1,12}?(?:新区|区|县|旗|市))/u;

/** 北京市海淀区中关村大街1号 → 北京市海淀区*** (district only); unknown shapes keep their first 6 characters. */
export function shortenAddress(address: string): string {
  const text = address.normalize('NFKC').trim();
  const match = DISTRICT.exec(text);
  const head = match && match[0].length < text.length ? match[0] : text.length > 6 ? text.slice(0, 6) : '';
  return `${head}***`;
}

export function normalizeIdCard(value: string): string {
  return value.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}
