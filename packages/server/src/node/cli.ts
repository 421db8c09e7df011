#!/usr/bin/env node
import { listen } from './listen';
import { parseCliArgs, USAGE } from './parseCliArgs';

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`predictkit-server: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const { help: _help, upstream, ...listenOptions } = options;
  if (upstream) {
    console.error('predictkit-server: --upstream is not available in this build.');
    process.exit(2);
  }
  const running = await listen(listenOptions);
  console.log(`PredictKit server listening on ${running.url}`);
  console.log(`  API:    ${running.url}/v1   (try: curl ${running.url}/v1/models)`);
  console.log(
    `  Models: ${running.server.store ? 'predictkit/*' : ''} — ${listenOptions.dataDir ? `data in ${listenOptions.dataDir}` : 'in memory'}`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(`predictkit-server: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
