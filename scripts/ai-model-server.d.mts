export function startModelServer(options?: {
  port?: number;
}): Promise<{ host: string; port: number; close: () => Promise<void> }>;
