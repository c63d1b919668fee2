export * from './services-manifest';
