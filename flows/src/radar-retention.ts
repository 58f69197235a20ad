import type { Db } from '@linkmall/db';
import { radarPersonalData } from '@linkmall/radar';

export interface RadarRetentionDeps {
  readonly db: Db;
  /** Days raw tracking rows are kept; 0 keeps them for ever (RADAR_RETENTION_DAYS, default 180). */
  readonly retentionDays: number;
  /**
   * How far each reader of radar_events has consumed it (the analytics roll-up watermark, the
   * recommendations' card-behaviour watermark): nothing above the lowest may go, or a reader that
   * fell behind would miss rows it has not counted yet.
   */
  readonly readerWatermarks: () => Promise<readonly bigint[]>;
  readonly batchSize?: number;
  /** At most this many batches per run, so one run never holds the database for long. */
  readonly maxBatches?: number;
}

/**
 * Purges raw visitor-tracking rows past their retention in batches. The de-identified daily counts
 * and the analytics roll-ups keep the aggregates, so reports over old periods are unchanged.
 */
export function createRadarRetention(deps: RadarRetentionDeps) {
  return {
    async purge(now: Date): Promise<{ purged: number; throughId: string | null }> {
      if (deps.retentionDays <= 0) return { purged: 0, throughId: null };
      const watermarks = await deps.readerWatermarks();
      const throughId = watermarks.reduce((lowest, mark) => (mark < lowest ? mark : lowest), watermarks[0] ?? 0n);
      const before = new Date(now.getTime() - deps.retentionDays * 24 * 3_600_000);
      const batchSize = deps.batchSize ?? 5_000;
      let purged = 0;
      for (let batch = 0; batch < (deps.maxBatches ?? 100); batch++) {
        const deleted = await radarPersonalData.purgeEvents(deps.db, { before, throughId, batchSize });
        purged += deleted;
        if (deleted < batchSize) break;
      }
      return { purged, throughId: throughId.toString() };
    },
  };
}
export type RadarRetention = ReturnType<typeof createRadarRetention>;
