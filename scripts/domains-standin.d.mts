export const STANDIN_ZONE: string;
export const STANDIN_TOKEN: string;
export function startDomainsStandin(options?: { port?: number }): Promise<{
  host: string;
  port: number;
  vars: { DOMAINS_DOH_URL: string; CF_API_BASE_URL: string; CF_ZONE_ID: string; CF_API_TOKEN: string };
  close: () => Promise<void>;
}>;
