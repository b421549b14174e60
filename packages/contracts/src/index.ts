export * from './common';
export * from './auth';
export * from './home';
export * from './system';
export * from './routes';
export * from './policies';
export * from './search';
export * from './hotline';
