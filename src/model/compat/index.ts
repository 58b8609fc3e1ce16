// Schema, API and message compatibility between the versions that run side by side.
export { CompatModel, type CompatReport, type MessageReport } from './compat-model.ts';
export { CAUSE_API, CAUSE_MESSAGE, CAUSE_SCHEMA, CAUSES, CompatLedger, type CompatPhase } from './compat-ledger.ts';
export { ApiContracts } from './api-contracts.ts';
export { ConsumerFleet } from './consumer-fleet.ts';
export { DataUsage } from './data-usage.ts';
export { Column, Database } from './database.ts';
export { MessageQueue } from './message-queue.ts';
export { MigrationRunner, type MigrationRecord } from './migrations.ts';
export { shareAt } from './share-curve.ts';
export { Triggers } from './triggers.ts';
