// The few parts of autocannon's programmatic API the match bench uses (the package ships no types).
declare module 'autocannon' {
  type Histogram = { average: number; p50: number; p90: number; p99: number; max: number; total: number };
  type Result = { latency: Histogram; requests: Histogram; non2xx: number; errors: number; timeouts: number };
  type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: Record<string, unknown>) => Record<string, unknown>;
    onResponse?: (status: number, body: string) => void;
  };
  function autocannon(opts: { url: string; connections?: number; duration?: number; requests?: Request[]; workers?: number }): Promise<Result>;
  export default autocannon;
}
