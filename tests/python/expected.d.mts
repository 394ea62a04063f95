export function formatExpected(stdout: string, status: number): string;
export function parseExpected(text: string): { stdout: string; status: number };
