import type { TestDatabase } from '@linkmall/testing';
import { prepareDeployment, startApiProcess } from '../processes/process-harness.ts';

export interface RunningPlatform {
  readonly baseUrl: string;
  readonly database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The platform as users get it: `npm start`'s entry point in its own process, on a seeded copy of the
 * PostgreSQL test database.
 */
export async function startPlatformProcess(): Promise<RunningPlatform> {
  const deployment = await prepareDeployment();
  const api = await startApiProcess(deployment);
  return {
    baseUrl: api.baseUrl,
    database: deployment.database,
    async stop() {
      await api.stop();
      await deployment.destroy();
    },
  };
}
