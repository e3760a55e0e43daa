export * from './intake.schema';
export * from './retrieval.schema';
export * from './policy.schema';
export * from './auth.schema';
export * from './cycle-run.schema';
export * from './review.schema';
export * from './intake-review.schema';
export * from './placement.schema';
