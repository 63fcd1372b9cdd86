import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { metrics, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ActivitySummary, Telemetry } from './types';
import { routeTemplate } from './route';

const NAME = 'reprocess-bot';
const OFF = { enabled: false };

/**
 * Azure Monitor through OpenTelemetry. Automatic instrumentation is off: its HTTP spans would name requests by raw
 * URL (ids, conversation ids) and the Graph SDK's fetch is invisible to it anyway. The bot makes its own spans
 * and metrics, from values it controls: a request per activity, a dependency per Graph call.
 */
export function startAzureMonitor(connectionString: string): Telemetry {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    // Keep every trace: admin traffic is small, and the default rate-limited sampler (~5 traces/s) drops bursts —
    // exactly the click an operator is asked about. OTEL_TRACES_SAMPLER_ARG still overrides this.
    samplingRatio: 1,
    tracesPerSecond: 0,
    instrumentationOptions: {
      http: OFF,
      azureSdk: OFF,
      mongoDb: OFF,
      mySql: OFF,
      postgreSql: OFF,
      redis: OFF,
      redis4: OFF,
      bunyan: OFF,
      winston: OFF,
    },
  });
  const tracer = trace.getTracer(NAME);
  const meter = metrics.getMeter(NAME);
  const outcomes = meter.createCounter('reprocess.outcomes', {
    description: 'Reprocess attempts by kind, mode and outcome',
  });
  const latency = meter.createHistogram('graph.latency', {
    unit: 'ms',
    description: 'Graph call duration, retries included',
  });
  const throttled = meter.createCounter('graph.throttled', { description: 'Graph calls that ended in 429' });
  const bulk = bulkRate();
  meter
    .createObservableGauge('bulk.items_per_second', {
      description: 'Bulk items completed per second since the last export',
    })
    .addCallback((r) => r.observe(bulk.rate()));
  let activeJobs: () => number = () => 0;
  meter
    .createObservableGauge('bulk.active_jobs', { description: 'Bulk jobs running on this instance' })
    .addCallback((r) => r.observe(activeJobs()));

  return {
    activity: (activity, handle) =>
      tracer.startActiveSpan(
        requestName(activity),
        { kind: SpanKind.SERVER, attributes: requestAttributes(activity) },
        (span) => measured(span, handle),
      ),
    annotate: (facts) => trace.getActiveSpan()?.setAttributes(facts),
    graphCall: (call, send) => {
      const route = `/${call.version}${routeTemplate(call.path)}`;
      const attributes = {
        'http.request.method': call.method,
        'server.address': call.host,
        'url.scheme': 'https',
        'url.path': route,
        'graph.client_request_id': call.clientRequestId,
      };
      return tracer.startActiveSpan(`${call.method} ${route}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        const started = performance.now();
        let status = 'none';
        try {
          const response = await send();
          status = String(response.status);
          span.setAttribute('http.response.status_code', response.status);
          const requestId = response.headers.get('request-id');
          if (requestId) span.setAttribute('graph.request_id', requestId);
          if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
          if (response.status === 429) throttled.add(1, { route });
          return response;
        } catch (error) {
          // The error's name only: messages can quote URLs or tokens.
          span.setAttributes({ 'error.type': error instanceof Error ? error.name : 'unknown' });
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          latency.record(performance.now() - started, { method: call.method, route, status });
          span.end();
        }
      });
    },
    reprocessOutcome: ({ kind, mode, outcome }) => {
      outcomes.add(1, { kind, mode, outcome });
      if (mode === 'bulk') bulk.add();
      else trace.getActiveSpan()?.setAttribute('reprocess.outcome', outcome);
    },
    observeActiveJobs: (read) => void (activeJobs = read),
    logContext: (): Record<string, string> => {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
    },
    shutdown: () => shutdownAzureMonitor(),
  };
}

function requestName(activity: ActivitySummary): string {
  return activity.name ? `Teams ${activity.type} ${activity.name}` : `Teams ${activity.type}`;
}

function requestAttributes(activity: ActivitySummary): Record<string, string> {
  return {
    // The method makes the exporter report the HTTP status as the request's result code.
    'http.request.method': 'POST',
    'teams.activity.type': activity.type,
    ...(activity.name ? { 'teams.invoke.name': activity.name } : {}),
    ...(activity.conversationType ? { 'teams.conversation.type': activity.conversationType } : {}),
    ...(activity.tenantId ? { 'teams.tenant.id': activity.tenantId } : {}),
  };
}

async function measured<T extends { status: number }>(span: Span, handle: () => Promise<T>): Promise<T> {
  try {
    const result = await handle();
    span.setAttribute('http.response.status_code', result.status);
    if (result.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    return result;
  } catch (error) {
    span.setAttributes({
      'http.response.status_code': 500,
      'error.type': error instanceof Error ? error.name : 'unknown',
    });
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** Bulk items completed, as a rate over the time since the gauge was last read. */
function bulkRate(): { add(): void; rate(): number } {
  let count = 0;
  let since = performance.now();
  return {
    add: () => void (count += 1),
    rate: () => {
      const now = performance.now();
      const perSecond = count / Math.max((now - since) / 1000, 0.001);
      count = 0;
      since = now;
      return perSecond;
    },
  };
}
