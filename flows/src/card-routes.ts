import { err, type RequestContext, type Result } from '@linkmall/kernel';
import { authenticated, defineRoute, idParam, jsonResponse, OpenAPIHono, unwrap, z, type AppEnv } from '@linkmall/http';
import type { CardModule } from '@linkmall/card';
import type { DistributionService } from '@linkmall/distribution';

export interface CardBindDeps {
  readonly cards: Pick<CardModule, 'attribution'>;
  readonly distribution: Pick<DistributionService, 'members'>;
}

/**
 * 名片锁粉: a signed-in visitor of a card binds the card's owner as their referrer in the
 * distribution engine, through the owner's invite code. The engine's rules decide: the first valid
 * binding wins, no self-referral, no cycles, and only agents or bosses can refer.
 */
export function createCardBindFlow(deps: CardBindDeps) {
  return {
    async bind(ctx: RequestContext, cardId: string): Promise<Result<{ referrerId: string; duplicate: boolean }, string>> {
      const card = await deps.cards.attribution(cardId, null);
      if (!card) return err('card_not_found');
      // An owner who is not yet a member cannot refer (only agents and bosses can): registering them
      // here would write on a request that is refused anyway.
      if (!(await deps.distribution.members.get(card.ownerUserId))) return err(card.ownerUserId === ctx.actor!.userId ? 'self_referral' : 'ineligible_referrer');
      const inviteCode = await deps.distribution.members.inviteCode(card.ownerUserId);
      if (!inviteCode) return err('invite_code_not_found');
      return deps.distribution.members.bind(ctx, inviteCode);
    },
  };
}
export type CardBindFlow = ReturnType<typeof createCardBindFlow>;

export function cardFlowShopRoutes(flow: CardBindFlow) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(authenticated, {
      method: 'post',
      path: '/cards/{cardId}/bind',
      tags: ['Cards'],
      summary: '名片锁粉: bind the card’s owner as my referrer (first valid binding wins)',
      request: { params: z.object({ cardId: idParam('crd') }) },
      responses: { 200: jsonResponse(z.object({ referrerId: z.string(), duplicate: z.boolean() }), 'The bound referrer') },
    }),
    async (c) => c.json(unwrap(await flow.bind(c.var.ctx, c.req.valid('param').cardId)), 200),
  );
}
