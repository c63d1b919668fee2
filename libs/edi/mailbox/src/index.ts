export * from './mailbox-file.names';
export * from './mailbox.fs';
export * from './mailbox.round';
