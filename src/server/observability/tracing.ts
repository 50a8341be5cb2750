/**
 * OpenTelemetry tracing, off unless the standard variables ask for it: with
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) or `OTEL_TRACES_EXPORTER`
 * (`otlp`, `console`; `none` is off) set, the SDK is loaded and spans are exported in batches
 * (OTLP over HTTP, configured by the exporter's own `OTEL_EXPORTER_OTLP_*` variables; the service
 * is `OTEL_SERVICE_NAME`, default `discograph`). Unset, nothing of the SDK is loaded and the
 * request path creates no span at all (not even no-op ones).
 */
import type { Tracer } from '@opentelemetry/api';

/** Tracing while the gateway runs. */
export interface GatewayTracing {
  tracer: Tracer;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/** Whether the environment turns tracing on. */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Starts the exporter the environment configures; undefined when tracing is off. */
export async function startTracing(
  env: NodeJS.ProcessEnv = process.env,
): Promise<GatewayTracing | undefined> {
  if (!tracingRequested(env)) return undefined;
  const [{ BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter }, resources] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
  ]);
  const kind = env.OTEL_TRACES_EXPORTER?.trim() || 'otlp';
  const exporter =
    kind === 'console'
      ? new ConsoleSpanExporter()
      : new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
  const resource = resources
    .resourceFromAttributes({ 'service.name': 'discograph' })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  return { tracer: provider.getTracer('discograph'), shutdown: () => provider.shutdown() };
}
