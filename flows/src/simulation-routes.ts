import { ApiFailure, defineRoute, jsonResponse, OpenAPIHono, requires, z, type AppEnv } from '@linkmall/http';
import { simulateRequest } from './simulation.ts';

const SyntheticSchema = z
  .object({
    members: z.number().int().min(1).max(5_000),
    branching: z.number().int().min(1).max(20),
    refundRatePercent: z.number().min(0).max(100),
    joinsPerDay: z.number().int().min(1).max(1_000).default(20),
    repurchasesPerMember: z.number().min(0).max(10).default(0),
    repurchaseFen: z.number().int().min(0).max(10_000_000).default(0),
    seed: z.number().int().min(0).max(2_147_483_647).default(1),
  })
  .strict();

const SimulateSchema = z
  .object({
    /** The profile to try (defaults to the shipped compliant profile). */
    profile: z.record(z.string(), z.unknown()).optional(),
    /** A scenario in the simulator's format (spec §8), or a synthetic fission to generate one. */
    scenario: z.object({ events: z.array(z.record(z.string(), z.unknown())).max(20_000) }).passthrough().optional(),
    synthetic: SyntheticSchema.optional(),
  })
  .strict()
  .refine((input) => (input.scenario === undefined) !== (input.synthetic === undefined), { message: 'Send either a scenario or a synthetic fission', path: ['scenario'] })
  .openapi('DistributionSimulationRequest');

const SummarySchema = z.object({
  members: z.number().int(),
  roles: z.record(z.string(), z.number().int()),
  salesFen: z.number().int(),
  payoutFen: z.number().int(),
  payoutRatioBps: z.number().int(),
  earners: z.number().int(),
  top10PercentShareBps: z.number().int(),
  incomeBands: z.array(z.object({ fromFen: z.number().int(), toFen: z.number().int().nullable(), members: z.number().int() })),
  topEarners: z.array(z.object({ memberId: z.string(), role: z.string(), incomeFen: z.number().int() })),
});

/** Events are returned only for small runs; a large fission is read from its summary. */
const EVENTS_RETURNED_UP_TO = 500;

/**
 * Operators try a profile before activating it: the same rules engine the server uses replays a
 * scenario in memory (nothing is written) and the money is summed up.
 */
export function simulationAdminRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(requires('distribution.manage'), {
      method: 'post',
      path: '/distribution/simulate',
      tags: ['Distribution'],
      summary: 'Simulate a scenario or a synthetic fission under a profile (in memory; writes nothing)',
      request: { body: { content: { 'application/json': { schema: SimulateSchema } }, required: true } },
      responses: {
        200: jsonResponse(z.object({ summary: SummarySchema, events: z.array(z.unknown()).nullable(), scenarioEvents: z.number().int() }), 'The outcome'),
        400: jsonResponse(z.any(), 'An invalid profile or a malformed scenario, with the reasons'),
      },
    }),
    async (c) => {
      const { result, scenarioEvents } = await simulateRequest(c.req.valid('json'));
      if (!result.ok || !result.summary || !('events' in result.output)) throw new ApiFailure('validation_failed', { simulation: result.output });
      const events = result.output.events;
      return c.json({ summary: result.summary, events: events.length <= EVENTS_RETURNED_UP_TO ? events : null, scenarioEvents }, 200);
    },
  );
}
