import { parseSampleOptions, SAMPLES_USAGE } from './sample-options';
import { startSampleSystems } from './sample-systems';

/** Exit code of an invalid command line, as in the sirocco CLI. */
const USAGE_ERROR = 2;

/** Runs the sample systems until SIGINT or SIGTERM: `npx tsx lib/samples/main.ts [--accounting-port N] [--bonus-port N] [--data FILE]`. */
async function main(): Promise<void> {
  let options: ReturnType<typeof parseSampleOptions>;
  try {
    options = parseSampleOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${usageErrorMessage(error)} Run with --help for the options.`);
    process.exit(USAGE_ERROR);
  }
  if (options === 'help') {
    process.stdout.write(SAMPLES_USAGE);
    return;
  }

  const systems = await startSampleSystems(options);
  console.log(`Accounting system listening on ${systems.accountingUrl}`);
  console.log(`Bonus system listening on ${systems.bonusUrl}`);

  const shutdown = async (signal: string) => {
    console.log(`Received ${signal}, stopping the sample systems.`);
    await systems.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Returns the first sentence of an argument error as a sentence, leaving out Node.js's advice about positional arguments. */
function usageErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const end = message.indexOf('. ');
  const sentence = end < 0 ? message : message.slice(0, end + 1);
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}

main().catch((error: unknown) => {
  console.error(`Could not start the sample systems: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
