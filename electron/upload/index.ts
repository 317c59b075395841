export { createUploader, type Uploader, type UploaderOptions, type UploadBureau, type UploadLogger, type UploadProgress, type UploadRunResult } from './uploader';
export { createScheduler, nextOccurrence, systemSchedulerClock, type Scheduler, type SchedulerClock, type SchedulerOptions } from './scheduler';
export { reconcileDay, type DayReconciliation, type GroupReconciliation, type ReconcileBureau, type ReconcileDayOptions } from './reconcile';
export { toSettlementList, setlTime, type AdmdvsOf } from './upload-record';
export type { BackoffOptions } from './backoff';
