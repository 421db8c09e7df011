#!/usr/bin/env node
import { listen } from './listen';
import { listenProxy } from './listenProxy';
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
  const { help: _help, upstream, allowModels, ...listenOptions } = options;
  let running: { url: string; close(): Promise<void> };
  if (upstream) {
    const token = process.env.WRIFTAI_ACCESS_TOKEN;
    if (!token) {
      console.error(
        'predictkit-server: --upstream needs the API token in WRIFTAI_ACCESS_TOKEN (it stays in this process).',
      );
      process.exit(2);
    }
    running = await listenProxy({ ...listenOptions, upstream, token, allowModels });
    console.log(`PredictKit proxy listening on ${running.url}`);
    console.log(`  /v1 → ${upstream}, with the token from WRIFTAI_ACCESS_TOKEN`);
    console.log(`  models browsers may run: ${allowModels?.length ? allowModels.join(', ') : 'all'}`);
  } else {
    running = await listen(listenOptions);
    console.log(`PredictKit server listening on ${running.url}`);
    console.log(`  API: ${running.url}/v1   (try: curl ${running.url}/v1/models)`);
    console.log(`  data: ${listenOptions.dataDir ? `SQLite in ${listenOptions.dataDir}` : 'in memory'}`);
  }
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
