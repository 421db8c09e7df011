/** Every demo model runs on the CPU of the machine (or browser tab) that hosts the server. */
export const cpu = { identifier: 'cpu', name: 'CPU' } as const;
