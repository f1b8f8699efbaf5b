export function parseForm(text: string): Record<string, unknown>;
export function startStripeServer(): Promise<{ host: string; port: number; close: () => Promise<void> }>;
