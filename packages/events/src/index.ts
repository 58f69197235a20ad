export * from './publish-event.ts';
export type { OutboxTables, OutboxEventTable, OutboxDeliveryTable } from './outbox-tables.ts';
export { SubscriberRegistry, type Subscriber, type DeliveredEvent } from './subscriber.ts';
export { defaultRetryPolicy, resolveRetryPolicy, retryDelayMs, type RetryPolicy } from './retry-policy.ts';
export { fanOutNextBatch } from './outbox-fan-out.ts';
export { deliverDueRun, deliverNextDue, redeliverDeadDelivery, type DeliveryKey, type DeliveryOutcome, type DeliveryOptions } from './outbox-delivery.ts';
export { OutboxDispatcher, type OutboxDispatcherOptions, type DispatchPassReport } from './outbox-dispatcher.ts';
export {
  JobScheduler,
  DEFAULT_JOB_TIME_ZONE,
  type JobSchedulerOptions,
  type JobHandler,
  type JobRun,
  type JobOptions,
  type ScheduledJobDefinition,
} from './job-scheduler.ts';
export type { JobQueueConnection } from './job-queue-connection.ts';
export { silentLogger, warningsToConsoleLogger, describeError, type Logger } from './logger.ts';
export { createInProcessBroadcast, BroadcastPayloadTooLarge, MAX_BROADCAST_BYTES, type Broadcast } from './broadcast.ts';
export { createPostgresBroadcast, type PostgresBroadcastOptions } from './postgres-broadcast.ts';
export { createRedisBroadcast, openRedis, redisAnswers, type RedisBroadcastOptions } from './redis-broadcast.ts';
export { createInProcessLimits, createPostgresLimits, createRedisLimits, type SharedLimits } from './shared-limits.ts';
