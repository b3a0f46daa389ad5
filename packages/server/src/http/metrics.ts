// A few Prometheus counters kept in memory: requests by status class, and process gauges.

export class Metrics {
  private readonly requests = new Map<string, number>();

  /** Counts one answered request by its status class. */
  count(status: number): void {
    const key = `${Math.floor(status / 100)}xx`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  render(): string {
    const lines = [
      '# HELP latchkey_http_requests_total HTTP requests served, by status class.',
      '# TYPE latchkey_http_requests_total counter',
      ...[...this.requests].map(([code, n]) => `latchkey_http_requests_total{code="${code}"} ${n}`),
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage().rss}`,
      '# HELP process_uptime_seconds Seconds since the process started.',
      '# TYPE process_uptime_seconds gauge',
      `process_uptime_seconds ${Math.round(process.uptime())}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
