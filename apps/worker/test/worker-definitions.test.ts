import { silentLogger, type Logger } from '@linkmall/events';
import { systemClock } from '@linkmall/kernel';
import { describe, expect, it } from 'vitest';
import { workerDefinitions } from '../src/index.ts';

const database = {} as Parameters<typeof workerDefinitions>[0]['database'];
const withDebug = (enabled: boolean): Logger => ({ ...silentLogger, isLevelEnabled: (level) => (level === 'debug' ? enabled : true) });

describe('worker definitions', () => {
  it('subscribes the event trace only when debug logging is on', () => {
    expect(workerDefinitions({ database, logger: withDebug(true), clock: systemClock }).subscribers.map((subscriber) => subscriber.name)).toEqual(['log']);
    expect(workerDefinitions({ database, logger: withDebug(false), clock: systemClock }).subscribers).toEqual([]);
    // A logger that cannot say (no isLevelEnabled) is taken to discard debug output.
    expect(workerDefinitions({ database, logger: silentLogger, clock: systemClock }).subscribers).toEqual([]);
  });
});
