export function startOAuthProviderServer(options?: {
  port?: number;
}): Promise<{ host: string; port: number; url: string; close: () => Promise<void> }>;
