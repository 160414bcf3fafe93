export const chromiumPath: string;
export const chromiumArgs: string[];
export const installCommand: string;
export function requireChromium(): void;
