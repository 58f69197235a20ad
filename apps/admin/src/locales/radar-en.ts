import type { radarZhCN } from './radar-zh-CN';

/** The console's Boss radar, English; typed against the Chinese keys. */
export const radarEn: Record<keyof typeof radarZhCN, string> = {
  'menu.bossRadar': 'Boss radar',
  'radar.boss.title': 'Boss radar',
  'radar.boss.live': 'Live activity',
  'radar.boss.liveHint': 'Card views and product clicks appear here as they happen, with a pop-up',
  'radar.boss.connected': 'Connected',
  'radar.boss.connecting': 'Connecting…',
  'radar.boss.noActivity': 'No activity yet',
  'radar.boss.team': 'Team',
  'radar.boss.period': 'Period',
  'radar.boss.owner': 'Card owner',
  'radar.boss.views': 'Views',
  'radar.boss.visitors': 'Named visitors',
  'radar.boss.dwell': 'Time on cards',
  'radar.boss.shares': 'Shares',
  'radar.boss.forwards': 'Forwards',
  'radar.boss.clicks': 'Product clicks',
  'radar.boss.leads': 'Messages/calls',
  'radar.boss.minutes': '{minutes} min',
  'radar.boss.newVisit': 'New visitor activity',
  'radar.boss.visitorsHint': 'Named visitors count only those who agreed to be recorded; views and the rest are de-identified counts',
};
