#!/usr/bin/env node
import { listen } from './listen';
import { listenProxy } from './listenProxy';
import { parseCliArgs, USAGE } from './parseCliArgs';

/** A server someone runs, and stops with SIGTERM, lets running predictions finish; one in a test need not. */
const CLI_SHUTDOWN_GRACE_MS = 10_000;
/** After a second signal, the most a shutdown may still take. */
const FORCED_EXIT_MS = 3000;

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
  const {
    help: _help,
    upstream,
    replicateUpstream,
    allowModels,
    allowDeployments,
    ...listenOptions
  } = options;
  const proxying = upstream !== undefined || replicateUpstream !== undefined;
  let running: { url: string; close(options?: { graceMs?: number }): Promise<void> };
  let allowedModels: Record<string, string[]> = {};
  if (proxying) {
    const tokenFor = (url: string | undefined, variable: string, flag: string) => {
      if (url === undefined) return undefined;
      const token = process.env[variable];
      if (!token) {
        console.error(
          `predictkit-server: ${flag} needs the API token in ${variable} (it stays in this process).`,
        );
        process.exit(2);
      }
      return { url, token };
    };
    const proxy = await listenProxy({
      ...listenOptions,
      wriftai: tokenFor(upstream, 'WRIFTAI_ACCESS_TOKEN', '--upstream'),
      replicate: tokenFor(replicateUpstream, 'REPLICATE_API_TOKEN', '--replicate-upstream'),
      allowModels,
      allowDeployments,
    });
    running = proxy;
    allowedModels = proxy.allowedModels;
  } else {
    running = await listen({ shutdownGraceMs: CLI_SHUTDOWN_GRACE_MS, ...listenOptions });
  }
  // before the first line is out: whoever reads it may signal at once
  let signals = 0;
  const stop = async (signal: string) => {
    signals++;
    if (signals > 1) {
      console.log(`${signal} again: stopping now, failing what still runs…`);
      // the store is written synchronously: what is left is quick, and then nothing holds the exit
      setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
      await running.close({ graceMs: 0 });
      return;
    }
    const grace = (listenOptions.shutdownGraceMs ?? CLI_SHUTDOWN_GRACE_MS) / 1000;
    console.log(
      proxying
        ? `\n${signal}: shutting down…`
        : `\n${signal}: shutting down; running predictions get ${grace} s to finish, new ones are refused (${signal} again stops now)…`,
    );
    await running.close();
    console.log('Shut down.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (proxying) {
    console.log(`PredictKit proxy listening on ${running.url}`);
    if (upstream) console.log(`  /v1 → ${upstream}, with the token from WRIFTAI_ACCESS_TOKEN`);
    if (replicateUpstream) {
      console.log(`  /replicate/v1 → ${replicateUpstream}, with the token from REPLICATE_API_TOKEN`);
    }
    for (const [basePath, models] of Object.entries(allowedModels)) {
      const list = models.includes('*')
        ? 'all'
        : models.join(', ') || 'none (no --allow-model is written its way)';
      console.log(`  models browsers may run on ${basePath}: ${list}`);
    }
    if (replicateUpstream) {
      console.log(
        `  deployments browsers may run: ${allowDeployments?.length ? allowDeployments.join(', ') : 'none'}`,
      );
    }
  } else {
    console.log(`PredictKit server listening on ${running.url}`);
    console.log(`  WriftAI's API: ${running.url}/v1   (try: curl ${running.url}/v1/models)`);
    console.log(`  Replicate's API: ${running.url}/replicate/v1`);
    console.log(`  data: ${listenOptions.dataDir ? `SQLite in ${listenOptions.dataDir}` : 'in memory'}`);
  }
}

main().catch((error) => {
  console.error(`predictkit-server: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
