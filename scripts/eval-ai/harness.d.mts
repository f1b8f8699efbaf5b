import type { Browser } from "@playwright/test";

export interface EvalResult {
  template: string;
  blank: string;
  message: string;
  status: number;
  built: boolean;
  rounds: number | null;
  tokens: number | null;
  error: string | null;
  firstTextAt: number | null;
  sentAt: number | null;
  renderErrors: string[] | null;
}
export interface EvalSummary {
  total: number;
  firstTry: number;
  withinThreeRounds: number;
  rendered: number;
  tokensPerSuccess: number | null;
}
export function runEval(options: {
  studioUrl: string;
  appUrl: (slug: string) => string;
  prompts: Record<string, Array<{ blank: string; message: string }>>;
  browser?: Browser;
  onResult?: (r: EvalResult) => void;
}): Promise<EvalResult[]>;
export function summarize(results: EvalResult[]): EvalSummary;
export function formatReport(results: EvalResult[], summary: EvalSummary): string;
