// Every CLI command, registered in one place so `lexbot --help` lists them all.
import type { Command } from 'commander';
import { registerDlqCommand } from './dlq.js';
import { registerForgetCommand } from './forget.js';
import { registerMigrateCommand } from './migrate.js';
import { registerReplayCommand } from './replay.js';
import { registerStartCommand } from './start.js';

export const registerOpsCommands = (program: Command, ops: Command): void => {
  registerStartCommand(program);
  registerMigrateCommand(ops);
  registerReplayCommand(ops);
  registerDlqCommand(ops);
  registerForgetCommand(ops);
};
