export function startMailServer(): Promise<{ host: string; port: number; close: () => Promise<void> }>;
