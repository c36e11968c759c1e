// Every CLI command, registered in one place so `lexbot --help` lists them all.
import type { Command } from 'commander';

export const registerOpsCommands = (_program: Command, _ops: Command): void => {};
