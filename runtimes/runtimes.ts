/**
 * The runtimes `@predictkit/core` promises to run on, each installed from the npm registry as a
 * prebuilt binary (optional dependencies of this package, for linux-x64), and how each runs a
 * module that prints one line of JSON.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface Runtime {
  name: string;
  /** The npm package holding the binary, and the binary's path inside it. */
  binary: [pkg: string, file: string];
  /** The command that runs `main.mjs` in `dir`, after writing whatever else the runtime needs there. */
  command(bin: string, dir: string): string[];
  /** The code in `main.mjs` that awaits `expression` (a promise of a JSON-able value) and prints it. */
  print(expression: string): string;
  /** Variables the runtime needs besides `PATH`, the only one it gets from this machine. */
  env?: (dir: string) => Record<string, string>;
}

const printTopLevel = (expression: string) => `console.log(JSON.stringify(await ${expression}));`;

export const RUNTIMES: Runtime[] = [
  {
    name: 'Node.js 20',
    binary: ['node20', 'bin/node'],
    command: (bin) => [bin, 'main.mjs'],
    print: printTopLevel,
  },
  {
    name: 'Bun',
    binary: ['@oven/bun-linux-x64', 'bin/bun'],
    command: (bin) => [bin, 'main.mjs'],
    print: printTopLevel,
  },
  {
    // Network access to the local server only: no environment, no files, no prompts.
    name: 'Deno',
    binary: ['@deno/linux-x64-glibc', 'deno'],
    command: (bin) => [bin, 'run', '--no-prompt', '--allow-net=127.0.0.1', 'main.mjs'],
    print: printTopLevel,
    env: (dir) => ({ DENO_DIR: join(dir, '.deno'), DENO_NO_UPDATE_CHECK: '1' }),
  },
  {
    // Cloudflare's Workers runtime, without Node compatibility: Web APIs only. `workerd test` runs
    // the module's `test` handler; the network service lets it reach the loopback address.
    name: 'workerd (Cloudflare Workers)',
    binary: ['@cloudflare/workerd-linux-64', 'bin/workerd'],
    command(bin, dir) {
      writeFileSync(
        join(dir, 'config.capnp'),
        `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .probe),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
);
const probe :Workerd.Worker = (
  modules = [
    (name = "main.mjs", esModule = embed "main.mjs"),
    (name = "probe.mjs", esModule = embed "probe.mjs"),
  ],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
`,
      );
      return [bin, 'test', 'config.capnp'];
    },
    print: (expression) => `export default { async test() { ${printTopLevel(expression)} } };`,
  },
];

/** The runtime's binary, or an error saying how to get it. */
export function findBinary({ name, binary: [pkg, file] }: Runtime): string {
  try {
    return join(dirname(require.resolve(`${pkg}/package.json`)), file);
  } catch {
    throw new Error(
      `${name}: the package ${pkg} is not installed. It is an optional dependency of the runtimes ` +
        `package, published for linux-x64 only; run \`pnpm install\` on such a machine.`,
    );
  }
}
