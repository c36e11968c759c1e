// The `lexbot` command line: `lexbot start --roles …` and `lexbot ops <command>`. Each command lives in
// commands/<name>.ts and registers itself here; this file only assembles them and maps failures to exit codes.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.js';
import { registerOpsCommands } from './commands/index.js';

export const buildProgram = (): Command => {
  const program = new Command('lexbot')
    .description('Language-exchange Telegram bot: gateway, user actors, projector and dispatcher roles, and operations')
    .showHelpAfterError()
    .exitOverride();
  const ops = program.command('ops').description('operations: migrations, replay, backups, dead letters, forgetting users');
  registerOpsCommands(program, ops);
  return program;
};

const main = async (): Promise<void> => {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`lexbot: invalid configuration: ${problem}`);
      process.exit(2);
    }
    console.error(`lexbot: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
};

await main();
