export * from './money';
export * from './errors';
export * from './list';
export * from './enums';
export * from './auth';
export * from './catalog';
export * from './health';
