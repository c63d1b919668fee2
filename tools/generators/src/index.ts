export * from './service/service.generator';
