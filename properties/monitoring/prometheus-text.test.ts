import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PrometheusTextError, parsePrometheusText } from './prometheus-text';

describe('parsePrometheusText', () => {
  it("reads back what prom-client writes, escaped label values included", async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ exchange: 'binance' });
    const counter = new Counter({ name: 'requests_total', help: 'Requests, by "endpoint".', labelNames: ['endpoint', 'status'] as const, registers: [registry] });
    counter.inc({ endpoint: 'POST /api/v3/order', status: '200' }, 2);
    counter.inc({ endpoint: 'odd "quoted" \\ path\nline', status: 'none' });
    const samples = parsePrometheusText(await registry.metrics());
    expect(samples).toEqual([
      { name: 'requests_total', labels: { endpoint: 'POST /api/v3/order', status: '200', exchange: 'binance' }, value: '2' },
      { name: 'requests_total', labels: { endpoint: 'odd "quoted" \\ path\nline', status: 'none', exchange: 'binance' }, value: '1' },
    ]);
  });

  it('reads samples without labels and with a timestamp, and skips comments', () => {
    expect(parsePrometheusText('# HELP up Up.\n# TYPE up gauge\nup 1 1700000000\nlatency_bucket{le="+Inf"} 3\n')).toEqual([
      { name: 'up', labels: {}, value: '1' },
      { name: 'latency_bucket', labels: { le: '+Inf' }, value: '3' },
    ]);
  });

  it('refuses what is not the text format, naming the line', () => {
    expect(() => parsePrometheusText('ok 1\n{a="b"} 2')).toThrow(new PrometheusTextError(2, 'no metric name'));
    expect(() => parsePrometheusText('m{a="b" c="d"} 1')).toThrow(PrometheusTextError);
    expect(() => parsePrometheusText('m{a=b} 1')).toThrow('malformed label set');
    expect(() => parsePrometheusText('m{a="b"}')).toThrow('no value');
  });
});
