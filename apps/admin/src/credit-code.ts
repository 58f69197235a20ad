/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet without I, O, Z, S
 * and V, the last one a check character. The server checks the same; this gives the message early.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function normalizeCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function creditCodeProblem(input: string): 'length' | 'format' | 'check_character' | null {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return 'length';
  if (!FORMAT.test(code)) return 'format';
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += ALPHABET.indexOf(code[index]!) * WEIGHTS[index]!;
  return ALPHABET[(31 - (sum % 31)) % 31] === code[17] ? null : 'check_character';
}
