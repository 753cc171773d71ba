import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { projectRoot, tradepropVersion } from '../corpus/fingerprint';
import { isInputError } from '../domain/errors';
import { DEFAULT_THRESHOLD } from '../report/score';
import { processOutput, type CliOutput } from './cli-output';
import type { ChecklistCommandOptions } from './checklist-command';
import { EXIT, type ExitCode } from './exit-codes';
import { SELECTABLE_CATEGORIES } from './options';
import type { ReplayCommandOptions } from './replay-command';
import type { RunCommandOptions } from './run-command';
import type { VenueCommandOptions } from './venue-command';

/**
 * The `tradeprop` command. Commander parses; the command modules validate and act and return an
 * exit code. Every input error, commander's own included, ends as ONE line on stderr
 * (`tradeprop: <what to fix>`) and exit 2, never a stack trace.
 */
export function buildProgram(output: CliOutput, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('tradeprop')
    .description('property-based verification of a trading system against a simulated exchange')
    .version(tradepropVersion(projectRoot()))
    .exitOverride()
    .configureOutput({
      writeOut: output.out,
      // Help shown because of an error and commander's error text are replaced by our one line.
      writeErr: () => undefined,
      outputError: () => undefined,
    });

  program
    .command('run')
    .description('run the selected properties and score the result')
    .addOption(new Option('--profile <name>', 'premerge (fixed seeds) or extended (fresh seed, time budget)').default('premerge'))
    .option('--property <glob>', 'property names to run; * matches any characters')
    .option('--category <name>', `one category: ${SELECTABLE_CATEGORIES.join(', ')}`)
    .option('--seed <n>', 'base seed (extended draws and prints one when absent)')
    .option('--runs <n>', 'runs per property (extended: per batch, at most 10 between budget checks), overriding the profile')
    .option('--time-budget <duration>', 'extended: stop starting runs after this long, e.g. 90s, 10m, 1h (default 10m)')
    .option('--call-timeout <duration>', 'wall time one command may block a worker before the worker is killed and the command reported (default 30s)')
    .option('--shard <i/n>', 'run the i-th of n shards of the property files')
    .option('--workers <n>', 'property files run at once; extended, with more workers than files: each file in lanes of its seeds (default: the cores available)')
    .option('--adapter <module>', 'module exporting createAdapter, relative to the current directory')
    .option('--corpus <dir>', 'counterexample folder (default shrink-corpus/)')
    .option('--report <formats>', 'comma-separated: text, json, junit, html', 'text')
    .option('--save-report <dir>', 'write tradeprop-report.json (and .txt with text, tradeprop-junit.xml with junit, tradeprop-report.html with html) into DIR')
    .option('--coverage', 'measure line and branch coverage of the adapter code (src/exchange/ and the --adapter module) with vitest v8, shown in every report')
    .option('--threshold <score>', 'lowest score that still passes, 0..100', String(DEFAULT_THRESHOLD))
    .action(async (options: RunCommandOptions) => setExitCode(await (await import('./run-command')).runCommand(options, output)));

  program
    .command('replay')
    .description('re-run one counterexample exactly and print its steps')
    .argument('[file]', 'a corpus file')
    .option('--property <name>', 'property to replay (with --seed and --path)')
    .option('--seed <n>', 'the counterexample seed')
    .option('--path <path>', 'the fast-check path, e.g. 12:0:3')
    .option('--replay-path <r>', "the commands' replayPath")
    .option('--adapter <module>', 'module exporting createAdapter (default: the one the corpus entry names)')
    .action(async (file: string | undefined, options: ReplayCommandOptions) => setExitCode(await (await import('./replay-command')).replayCommand(file, options, output)));

  const corpus = program.command('corpus').description('inspect and tidy the stored counterexamples');
  corpus
    .command('list')
    .description('list the stored counterexamples')
    .option('--corpus <dir>', 'counterexample folder (default shrink-corpus/)')
    .action(async (options: { corpus?: string }) => {
      const { corpusDirOf, listCorpus } = await import('./corpus-command');
      setExitCode(listCorpus(corpusDirOf(options.corpus), output));
    });
  corpus
    .command('prune')
    .description('remove entries recorded against other models or commands (fingerprint differs)')
    .option('--corpus <dir>', 'counterexample folder (default shrink-corpus/)')
    .option('--dry-run', 'only say what would be removed')
    .action(async (options: { corpus?: string; dryRun?: boolean }) => {
      const { corpusDirOf, pruneCorpus } = await import('./corpus-command');
      setExitCode(pruneCorpus(corpusDirOf(options.corpus), { dryRun: options.dryRun === true }, output));
    });
  corpus
    .command('merge')
    .description("merge other corpora (e.g. CI shards' uploads) into this one, each counterexample once")
    .argument('<dir...>', 'corpus folders to merge from')
    .option('--corpus <dir>', 'counterexample folder merged into (default shrink-corpus/)')
    .action(async (dirs: string[], options: { corpus?: string }) => {
      const { corpusDirOf, mergeCorpus } = await import('./corpus-command');
      setExitCode(mergeCorpus(dirs.map((dir) => resolve(process.cwd(), dir)), corpusDirOf(options.corpus), output));
    });

  program
    .command('checklist')
    .description('write the production readiness checklist: go/no-go criteria and, per category, what verifies each item')
    .option('--out <file>', 'where to write it (default PRODUCTION_READINESS_CHECKLIST.md in the current directory)')
    .option('--report-json <file>', 'a tradeprop-report.json saved by run --report json --save-report DIR: mark each item from that run')
    .action(async (options: ChecklistCommandOptions) => setExitCode((await import('./checklist-command')).checklistCommand(options, output)));

  program
    .command('init-adapter')
    .description('write FILE: an adapter module of your own that starts as the reference adapter, wrapped')
    .argument('<file>', 'the module to write (.ts); never overwritten')
    .action(async (file: string) => setExitCode((await import('./init-adapter-command')).initAdapterCommand(file, output)));

  program
    .command('venue')
    .description('serve the simulated Binance spot venue on 127.0.0.1 with a funded test account, until SIGINT/SIGTERM')
    .option('--port <n>', 'TCP port; 0 picks a free one', '0')
    .option('--config <file>', 'JSON venue configuration: markets and fees (default: BTC/USDT, ETH/USDT, ETH/BTC)')
    .option('--seed <n>', 'seed for keys and ids (default: a fresh one, printed)')
    .action(async (options: VenueCommandOptions) => setExitCode(await (await import('./venue-command')).venueCommand(options, output)));

  return program;
}

export async function main(argv: readonly string[], output: CliOutput = processOutput): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = buildProgram(output, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      if (error.exitCode === 0) return EXIT.ok;
      output.err(`tradeprop: ${commanderMessage(error)}\n`);
      return EXIT.badInput;
    }
    if (isInputError(error)) {
      output.err(`tradeprop: ${error.message.split('\n')[0]}\n`);
      return EXIT.badInput;
    }
    // A bug or an unexpected failure of the machinery: show everything, it is ours to fix.
    output.err(`tradeprop: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}

function commanderMessage(error: CommanderError): string {
  // A command group called alone (`tradeprop`, `tradeprop corpus`) shows help as an error.
  if (error.code === 'commander.help') {
    return 'missing command; see tradeprop --help';
  }
  return error.message.replace(/^error: /, '').split('\n')[0] ?? error.message;
}
