// Types for build-state.js, plain JavaScript because bin/fft.js reads it before any TypeScript loader exists.
export declare const REPO: string;
export declare function distDir(root?: string): string;
export declare function stampFile(root?: string): string;
/** Each source the build compiles: its size and modification time (null: gone). */
export declare function sourceState(root?: string): Record<string, [size: number, mtimeMs: number] | null>;
export declare function buildIsCurrent(root?: string): boolean;
