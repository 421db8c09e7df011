// Story and test helper, not part of the package.
import { type DemoVersion, demoModels } from '@predictkit/server';

/**
 * A version of a demo model exactly as the local server publishes it, so stories show the schemas users
 * meet in the playground rather than look-alikes that can drift from them.
 */
export function demoVersion(name: string, number: number): DemoVersion {
  const version = demoModels.find((m) => m.name === name)?.versions.find((v) => v.number === number);
  if (!version) throw new Error(`The local server has no demo model predictkit/${name}:${number}`);
  return version;
}
