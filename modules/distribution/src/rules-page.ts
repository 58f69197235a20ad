import { formatYuan, type Locale } from '@linkmall/kernel';
import { complianceReport } from './domain/compliance.ts';
import { profileVersion, type Profile } from './domain/profile.ts';

export interface RulesPage {
  readonly profileId: string;
  readonly version: string;
  readonly title: string;
  readonly sections: { heading: string; items: string[] }[];
}

const rate = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 2)}%`;

/**
 * 规则公示: what members see, generated from the active profile so that the published rules can
 * never drift from the rules the engine applies.
 */
export function rulesPage(profile: Profile, locale: Locale, version: string = profileVersion(profile)): RulesPage {
  const zh = locale === 'zh-CN';
  const price = profile.packagePriceFen;
  const money = (fen: bigint) => (zh ? `¥${formatYuan(fen)}` : `CNY ${formatYuan(fen)}`);
  const directText = profile.rewards.directRateBps !== null ? rate(profile.rewards.directRateBps) : money(profile.rewards.directFen);
  const teamText = profile.rewards.teamRateBps !== null ? rate(profile.rewards.teamRateBps) : money(profile.rewards.teamFen);
  const report = complianceReport(profile);
  const n = profile.upgradeThreshold;
  const limits = profile.limits;
  const sections = zh
    ? [
        { heading: '如何成为代理', items: [`购买礼包（参考价 ${money(price)}）即成为代理；每人限一份礼包，再次购买按复购计。`, profile.noReferrerRole === 'BOSS' ? '没有推荐人购买礼包的，直接成为老板。' : '没有推荐人购买礼包的，成为平台下的代理。'] },
        { heading: '推荐与团队', items: [`推荐人一经绑定不可更改，不能推荐自己，推荐关系不能形成循环。`, `代理推荐的前 ${n} 位礼包买家归属其老板的团队；第 ${n} 位付款后代理升级为老板并脱离原团队，此后推荐的买家归属自己的团队。`] },
        {
          heading: '奖励',
          items: [
            `直推奖：每位直接推荐的礼包买家 ${directText}（按礼包实付金额计算）。`,
            `团队奖：团队中每笔礼包订单给团队老板 ${teamText}${limits.maxReferralDepthForTeamReward !== null ? `，仅限 ${limits.maxReferralDepthForTeamReward} 代推荐关系以内` : ''}。`,
            profile.rewards.peer.enabled && (limits.maxPayeesPerOrder === null || limits.maxPayeesPerOrder > 2) ? `平级奖：脱离团队的老板获得直推/团队奖时，原老板获得其 ${rate(profile.rewards.peer.rateBps)}。` : '不设平级奖：每笔订单最多两位收益人。',
            profile.rewards.repurchase.enabled ? `复购奖：代理或老板购买普通商品，推荐人获得实付金额的 ${rate(profile.rewards.repurchase.directRateBps)}，团队老板获得 ${rate(profile.rewards.repurchase.teamRateBps)}。` : '不设复购奖。',
          ],
        },
        {
          heading: '上限与结算',
          items: [
            ...(limits.maxPayoutRatioBps !== null ? [`每笔订单发放的奖励合计不超过实付金额的 ${rate(limits.maxPayoutRatioBps)}。`] : []),
            ...(limits.dailyIncomeCapFen !== null ? [`每人每日奖励上限 ${money(limits.dailyIncomeCapFen)}，超出部分记录在案、不发放。`] : []),
            ...(limits.monthlyIncomeCapFen !== null ? [`每人每月奖励上限 ${money(limits.monthlyIncomeCapFen)}。`] : []),
            `奖励在订单售后期结束后再冻结 ${profile.settlement.freezeDays} 天，之后转为可提现。`,
            `退款订单的奖励将被冲销；已结算的奖励将被追回（从可提现余额扣回，不足部分从今后的奖励中抵扣）。`,
            `最坏情况下单笔礼包订单的奖励比例为 ${rate(report.worstCasePackagePayoutRatioBps)}。`,
          ],
        },
        { heading: '合规提示', items: ['奖励只来自真实商品的销售，不收取入门费，不按拉人头计酬；消费者享有正常的退货退款权利。'] },
      ]
    : [
        { heading: 'Becoming an agent', items: [`Buying the gift package (list price ${money(price)}) makes you an agent; one package per person, a second one counts as a repurchase.`, profile.noReferrerRole === 'BOSS' ? 'A buyer without a referrer becomes a boss.' : 'A buyer without a referrer becomes an agent under the platform.'] },
        { heading: 'Referrals and teams', items: ['A referrer, once bound, never changes; nobody can refer themselves and referrals can never form a cycle.', `An agent's first ${n} package buyers join the team of the agent's boss; when the ${n}th pays, the agent becomes a boss and leaves that team, and later referrals join the new boss's own team.`] },
        {
          heading: 'Rewards',
          items: [
            `Direct reward: ${directText} for each package buyer you refer (of the amount paid).`,
            `Team reward: ${teamText} to the team's boss for every package order in the team${limits.maxReferralDepthForTeamReward !== null ? `, within ${limits.maxReferralDepthForTeamReward} referral generations` : ''}.`,
            profile.rewards.peer.enabled && (limits.maxPayeesPerOrder === null || limits.maxPayeesPerOrder > 2) ? `Peer reward: when a boss who left your team earns direct or team rewards, you receive ${rate(profile.rewards.peer.rateBps)} of them.` : 'No peer reward: at most two payees per order.',
            profile.rewards.repurchase.enabled ? `Repurchase reward: when an agent or boss buys other goods, the referrer receives ${rate(profile.rewards.repurchase.directRateBps)} and the team boss ${rate(profile.rewards.repurchase.teamRateBps)} of the amount paid.` : 'No repurchase reward.',
          ],
        },
        {
          heading: 'Caps and settlement',
          items: [
            ...(limits.maxPayoutRatioBps !== null ? [`Rewards on one order never exceed ${rate(limits.maxPayoutRatioBps)} of the amount paid.`] : []),
            ...(limits.dailyIncomeCapFen !== null ? [`Daily reward cap per person: ${money(limits.dailyIncomeCapFen)}; any excess is recorded, not paid.`] : []),
            ...(limits.monthlyIncomeCapFen !== null ? [`Monthly reward cap per person: ${money(limits.monthlyIncomeCapFen)}.`] : []),
            `Rewards stay frozen for ${profile.settlement.freezeDays} days after the order's after-sales window closes, then become withdrawable.`,
            'Rewards of refunded orders are reversed; settled rewards are clawed back (from the withdrawable balance, any shortfall from future rewards).',
            `Worst-case payout of one package order: ${rate(report.worstCasePackagePayoutRatioBps)}.`,
          ],
        },
        { heading: 'Compliance', items: ['Rewards come only from sales of real products; there is no entry fee and no reward per head recruited; consumers keep their normal return and refund rights.'] },
      ];
  return { profileId: profile.id, version, title: zh ? `分销规则公示（${profile.name ?? profile.id} 第 ${version} 版）` : `Distribution rules (${profile.id}, version ${version})`, sections };
}
