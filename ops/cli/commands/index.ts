// Every CLI command, registered in one place so `lexbot --help` lists them all.
import type { Command } from 'commander';
import { registerMigrateCommand } from './migrate.js';

export const registerOpsCommands = (_program: Command, ops: Command): void => {
  registerMigrateCommand(ops);
};
