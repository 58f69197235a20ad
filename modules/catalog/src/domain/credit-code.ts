/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character
 * alphabet without I, O, Z, S and V. Position 1 is the registering authority, 2 the kind of entity,
 * 3–8 the administrative division (digits), 9–17 the organisation code, and 18 a check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Upper case without spaces, the form codes are stored and compared in. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters: 31 − (Σ value × weight mod 31), with 31 written as 0. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += ALPHABET.indexOf(first17[index]!) * WEIGHTS[index]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function creditCodeProblem(code: string): 'format' | 'check_character' | null {
  if (!FORMAT.test(code)) return 'format';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check_character';
}
