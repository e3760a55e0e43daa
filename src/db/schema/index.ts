export * from './intake.schema';
export * from './retrieval.schema';
