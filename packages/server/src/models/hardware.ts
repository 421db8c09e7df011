/** Every demo model runs on the CPU of the machine (or browser tab) that hosts the server. */
export const cpu = { identifier: 'cpu', name: 'CPU' } as const;

/** A machine a model can run on, as `GET /v1/hardware` lists it. */
export interface HardwareSpec {
  identifier: string;
  name: string;
  gpus: number;
  cpus: number;
  ram_per_gpu_gb: number;
  ram_gb: number;
  created_at: string;
}

/**
 * The hardware the server offers. Its numbers describe the simulation, not the host: four CPUs as
 * four predictions run at once by default, and no GPU.
 */
export const HARDWARE: readonly HardwareSpec[] = [
  { ...cpu, gpus: 0, cpus: 4, ram_per_gpu_gb: 0, ram_gb: 8, created_at: '2026-01-01T00:00:00.000000Z' },
];
