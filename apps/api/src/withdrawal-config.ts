import { z } from 'zod';
import { DEFAULT_WITHDRAWAL_POLICY, type WithdrawalPolicy } from '@linkmall/payout';

/**
 * Withdrawal rules from the environment (minimum, fee, daily cap, two-person approval threshold), in
 * integer fen and basis points. Any variable left unset keeps the shipped default; a bad value stops
 * the process at start-up with a message naming the variable, never a silent fallback.
 */
const fen = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,15}$/, `${name} must be a whole number of fen (分), e.g. 1000 for 10.00 yuan`)
    .transform((value) => BigInt(value));

const WithdrawalEnvSchema = z
  .object({
    WITHDRAWAL_MIN_FEN: fen('WITHDRAWAL_MIN_FEN').refine((value) => value >= 1n, 'WITHDRAWAL_MIN_FEN must be at least 1').optional(),
    WITHDRAWAL_FEE_BPS: z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, 'WITHDRAWAL_FEE_BPS must be a whole number of basis points (60 = 0.6%)')
      .transform(Number)
      .refine((value) => value <= 10_000, 'WITHDRAWAL_FEE_BPS must be between 0 and 10000')
      .optional(),
    WITHDRAWAL_MIN_FEE_FEN: fen('WITHDRAWAL_MIN_FEE_FEN').optional(),
    WITHDRAWAL_DAILY_CAP_FEN: fen('WITHDRAWAL_DAILY_CAP_FEN').optional(),
    WITHDRAWAL_SECOND_APPROVAL_FEN: fen('WITHDRAWAL_SECOND_APPROVAL_FEN').optional(),
  })
  .transform(
    (env): WithdrawalPolicy => ({
      minimumAmountFen: env.WITHDRAWAL_MIN_FEN ?? DEFAULT_WITHDRAWAL_POLICY.minimumAmountFen,
      feeRateBps: env.WITHDRAWAL_FEE_BPS ?? DEFAULT_WITHDRAWAL_POLICY.feeRateBps,
      minimumFeeFen: env.WITHDRAWAL_MIN_FEE_FEN ?? DEFAULT_WITHDRAWAL_POLICY.minimumFeeFen,
      dailyCapFen: env.WITHDRAWAL_DAILY_CAP_FEN ?? DEFAULT_WITHDRAWAL_POLICY.dailyCapFen,
      secondApprovalAboveFen: env.WITHDRAWAL_SECOND_APPROVAL_FEN ?? DEFAULT_WITHDRAWAL_POLICY.secondApprovalAboveFen,
    }),
  )
  .refine((policy) => policy.dailyCapFen >= policy.minimumAmountFen, 'WITHDRAWAL_DAILY_CAP_FEN must not be below WITHDRAWAL_MIN_FEN');

const VARIABLES = ['WITHDRAWAL_MIN_FEN', 'WITHDRAWAL_FEE_BPS', 'WITHDRAWAL_MIN_FEE_FEN', 'WITHDRAWAL_DAILY_CAP_FEN', 'WITHDRAWAL_SECOND_APPROVAL_FEN'] as const;

export function withdrawalPolicyFromEnv(env: NodeJS.ProcessEnv): WithdrawalPolicy {
  // An empty variable counts as unset (a blank line in an .env file).
  const present = Object.fromEntries(VARIABLES.flatMap((name) => (env[name] !== undefined && env[name]!.trim() !== '' ? [[name, env[name]]] : [])));
  const parsed = WithdrawalEnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new Error(`Invalid withdrawal configuration: ${parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.message} (got ${JSON.stringify(present[String(issue.path[0])])})` : issue.message)).join('; ')}`);
  }
  return parsed.data;
}
