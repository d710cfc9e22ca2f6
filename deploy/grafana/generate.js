#!/usr/bin/env node
// Generates Custody's Grafana dashboards (Grafana 10+ JSON model, schemaVersion 39) into
// dashboards/: a suite overview and one dashboard per service. The JSON files are committed;
// edit this file and run `node deploy/grafana/generate.js` to change them, and
// `node deploy/grafana/generate.js --check` (run by deploy/ci/check-dashboards.sh) fails when
// the committed files differ from what this file generates.
//
// Every panel query must return at least one series against a suite that ran the demo
// scenario: deploy/ci/check-dashboards.sh evaluates each one through a real Prometheus.
// Hence: no `or vector(0)` that would hide a misspelt metric (only on the numerator of a ratio
// whose denominator still needs the metric), and `$instance`/`$method`/`$application` have an
// "All" value of a regular expression.
'use strict';

const fs = require('fs');
const path = require('path');

const SERVER_ERRORS = 'UNKNOWN|INTERNAL|UNAVAILABLE|DEADLINE_EXCEEDED|DATA_LOSS|UNIMPLEMENTED';
const DS = { type: 'prometheus', uid: '${datasource}' };
const SERVICES = ['identity', 'billing', 'analytics', 'disclosure'];

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Lays panels out left to right in rows of 24 columns. */
class Layout {
  constructor() {
    this.panels = [];
    this.nextId = 1;
    this.x = 0;
    this.y = 0;
    this.rowHeight = 0;
  }

  row(title) {
    this.newLine();
    this.panels.push({ type: 'row', id: this.nextId++, title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: this.y }, panels: [] });
    this.y += 1;
  }

  add(panel, w, h) {
    if (this.x + w > 24) {
      this.newLine();
    }
    panel.id = this.nextId++;
    panel.gridPos = { h, w, x: this.x, y: this.y };
    this.panels.push(panel);
    this.x += w;
    this.rowHeight = Math.max(this.rowHeight, h);
  }

  newLine() {
    if (this.x > 0) {
      this.y += this.rowHeight;
    }
    this.x = 0;
    this.rowHeight = 0;
  }
}

function target(expr, legendFormat, refId, extra = {}) {
  return { refId, datasource: DS, editorMode: 'code', expr, legendFormat: legendFormat || '__auto', range: true, instant: false, ...extra };
}

function targets(queries) {
  return queries.map(([expr, legend], i) => target(expr, legend, String.fromCharCode(65 + i)));
}

function thresholds(steps) {
  return { mode: 'absolute', steps: steps || [{ color: 'green', value: null }] };
}

function timeseries(title, description, queries, opts = {}) {
  return {
    type: 'timeseries',
    title,
    description,
    datasource: DS,
    targets: targets(queries),
    fieldConfig: {
      defaults: {
        unit: opts.unit || 'short',
        min: opts.min === undefined ? 0 : opts.min,
        ...(opts.max !== undefined ? { max: opts.max } : {}),
        color: { mode: 'palette-classic' },
        custom: {
          drawStyle: 'line', lineWidth: 1, fillOpacity: opts.stack ? 30 : 10, showPoints: 'never', spanNulls: false,
          stacking: { mode: opts.stack ? 'normal' : 'none', group: 'A' },
          thresholdsStyle: { mode: opts.thresholds ? 'line' : 'off' },
        },
        thresholds: thresholds(opts.thresholds),
        mappings: [],
      },
      overrides: [],
    },
    options: {
      legend: { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

function stat(title, description, queries, opts = {}) {
  return {
    type: 'stat',
    title,
    description,
    datasource: DS,
    targets: targets(queries),
    fieldConfig: {
      defaults: {
        unit: opts.unit || 'short',
        decimals: opts.decimals,
        color: { mode: 'thresholds' },
        thresholds: thresholds(opts.thresholds),
        mappings: opts.mappings || [],
      },
      overrides: [],
    },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'background',
      graphMode: opts.graph ? 'area' : 'none',
      justifyMode: 'auto',
      orientation: 'auto',
      textMode: 'auto',
    },
  };
}

function gauge(title, description, queries, opts = {}) {
  return {
    type: 'gauge',
    title,
    description,
    datasource: DS,
    targets: targets(queries),
    fieldConfig: {
      defaults: {
        unit: opts.unit || 'percentunit',
        min: 0,
        max: opts.max === undefined ? 1 : opts.max,
        color: { mode: 'thresholds' },
        thresholds: thresholds(opts.thresholds),
        mappings: [],
      },
      overrides: [],
    },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      showThresholdLabels: false,
      showThresholdMarkers: true,
    },
  };
}

function table(title, description, queries, opts = {}) {
  const panel = {
    type: 'table',
    title,
    description,
    datasource: DS,
    targets: queries.map(([expr, legend], i) => target(expr, legend, String.fromCharCode(65 + i), { range: false, instant: true, format: 'table' })),
    fieldConfig: { defaults: { unit: opts.unit || 'short', thresholds: thresholds(), mappings: [] }, overrides: opts.overrides || [] },
    options: { showHeader: true, cellHeight: 'sm', footer: { show: false, reducer: ['sum'], fields: '' } },
    transformations: [
      { id: 'merge', options: {} },
      { id: 'organize', options: { excludeByName: { Time: true }, renameByName: opts.rename || {} } },
    ],
  };
  return panel;
}

const RED_GREEN = [{ color: 'red', value: null }, { color: 'green', value: 1 }];
const SERVING_MAPPINGS = [{ type: 'value', options: { 0: { text: 'NOT SERVING', color: 'red', index: 0 }, 1: { text: 'SERVING', color: 'green', index: 1 } } }];
const LEDGER_MAPPINGS = [{ type: 'value', options: { 0: { text: 'FAILED', color: 'red', index: 0 }, 1: { text: 'VERIFIED', color: 'green', index: 1 } } }];
const ERROR_RATIO_STEPS = [{ color: 'green', value: null }, { color: 'orange', value: 0.01 }, { color: 'red', value: 0.05 }];
const POOL_STEPS = [{ color: 'green', value: null }, { color: 'orange', value: 0.7 }, { color: 'red', value: 0.9 }];

function datasourceVariable() {
  return { type: 'datasource', name: 'datasource', label: 'Prometheus', query: 'prometheus', regex: '', hide: 0, refresh: 1, includeAll: false, multi: false, current: {}, options: [], skipUrlSync: false };
}

function queryVariable(name, label, query, allValue) {
  return {
    type: 'query',
    name,
    label,
    datasource: DS,
    definition: query,
    query: { query, refId: 'PrometheusVariableQueryEditor-VariableQuery', qryType: 1 },
    refresh: 2,
    regex: '',
    sort: 1,
    hide: 0,
    includeAll: true,
    allValue,
    multi: true,
    current: { selected: true, text: ['All'], value: ['$__all'] },
    options: [],
    skipUrlSync: false,
  };
}

function dashboard(uid, title, description, variables, panels) {
  return {
    uid,
    title,
    description,
    tags: ['custody'],
    timezone: 'utc',
    editable: true,
    graphTooltip: 1,
    fiscalYearStartMonth: 0,
    liveNow: false,
    weekStart: '',
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-1h', to: 'now' },
    timepicker: {},
    annotations: {
      list: [{
        builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true,
        iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard',
      }],
    },
    links: [{ type: 'dashboards', title: 'Custody', tags: ['custody'], asDropdown: true, includeVars: false, keepTime: true, icon: 'external link', targetBlank: false, tooltip: '', url: '' }],
    templating: { list: [datasourceVariable(), ...variables] },
    panels,
  };
}

// ---------------------------------------------------------------------------------------------
// Panels every service dashboard has

function servicePanels(layout, service) {
  const app = `custody-${service}`;
  const sel = `application="${app}", instance=~"$instance"`;
  const m = `${sel}, method=~"$method"`;
  const count = 'grpc_server_processing_duration_seconds_count';
  const bucket = 'grpc_server_processing_duration_seconds_bucket';

  layout.row('Health and traffic');
  layout.add(stat('Serving', 'grpc health of the service: SERVING while its database answers (custody_health_serving, the lowest over the selected instances).',
    [[`min(custody_health_serving{${sel}})`, '']], { mappings: SERVING_MAPPINGS, thresholds: RED_GREEN }), 4, 4);
  layout.add(stat('Requests / s', 'All gRPC calls per second.',
    [[`sum(rate(${count}{${sel}}[$__rate_interval]))`, '']], { unit: 'reqps', graph: true, decimals: 2 }), 5, 4);
  layout.add(stat('Server error ratio', `Share of calls answered with a server error (${SERVER_ERRORS}); refusals the caller caused are not counted.`,
    [[`(sum(rate(${count}{${sel}, statusCode=~"${SERVER_ERRORS}"}[$__rate_interval])) or vector(0)) / sum(rate(${count}{${sel}}[$__rate_interval]))`, '']],
    { unit: 'percentunit', thresholds: ERROR_RATIO_STEPS, decimals: 2 }), 5, 4);
  layout.add(stat('p99 latency', '99th percentile of all calls, from the histogram buckets.',
    [[`histogram_quantile(0.99, sum by (le) (rate(${bucket}{${sel}}[$__rate_interval])))`, '']], { unit: 's', graph: true }), 5, 4);
  layout.add(gauge('DB pool in use', 'Busy connections over the pool maximum (the busiest instance).',
    [[`max(hikaricp_connections_active{${sel}} / hikaricp_connections_max{${sel}})`, '']], { thresholds: POOL_STEPS }), 5, 4);

  layout.row('Rate, errors, duration per method');
  layout.add(timeseries('Requests / s by method', 'Calls per second per gRPC method, all status codes.',
    [[`sum by (method) (rate(${count}{${m}}[$__rate_interval]))`, '{{method}}']], { unit: 'reqps' }), 8, 8);
  layout.add(timeseries('Server error ratio by method', `Share of each method's calls answered with ${SERVER_ERRORS}.`,
    [[`(sum by (method) (rate(${count}{${m}, statusCode=~"${SERVER_ERRORS}"}[$__rate_interval])) or 0 * sum by (method) (rate(${count}{${m}}[$__rate_interval]))) / sum by (method) (rate(${count}{${m}}[$__rate_interval]))`, '{{method}}']],
    { unit: 'percentunit', max: 1, thresholds: ERROR_RATIO_STEPS }), 8, 8);
  layout.add(timeseries('p99 latency by method', '99th percentile per method from the histogram buckets; the alert threshold is 0.5 s (2 s for password hashing and fan-out methods).',
    [[`histogram_quantile(0.99, sum by (method, le) (rate(${bucket}{${m}}[$__rate_interval])))`, '{{method}}']], { unit: 's' }), 8, 8);
  layout.add(timeseries('Calls by status code', 'Calls per second by gRPC status code: INVALID_ARGUMENT, PERMISSION_DENIED, NOT_FOUND... are the contract refusing bad or unauthorised calls.',
    [[`sum by (statusCode) (rate(${count}{${m}}[$__rate_interval]))`, '{{statusCode}}']], { unit: 'reqps', stack: true }), 8, 8);
  layout.add(timeseries('p50 latency by method', 'Median per method.',
    [[`histogram_quantile(0.5, sum by (method, le) (rate(${bucket}{${m}}[$__rate_interval])))`, '{{method}}']], { unit: 's' }), 8, 8);
  layout.add(table('Methods over the time range', 'Calls per method and status code over the selected time range.',
    [[`sum by (method, statusCode) (round(increase(${count}{${m}}[$__range])))`, '']],
    { rename: { Value: 'calls', method: 'method', statusCode: 'status' } }), 8, 8);

  layout.row('Access control');
  layout.add(timeseries('Access decisions by outcome', 'Caller x method x purpose decisions per second: ALLOWED, or the refusal reason (UNAUTHENTICATED, METHOD_NOT_IN_POLICY, CALLER_NOT_ALLOWED, PURPOSE_NOT_ALLOWED, PURPOSE_MISSING, PURPOSE_UNKNOWN).',
    [[`sum by (outcome) (rate(custody_access_decisions_total{${sel}}[$__rate_interval]))`, '{{outcome}}']], { unit: 'reqps', stack: true }), 12, 8);
  layout.add(timeseries('Refusals by method and reason', 'Refused calls per second; a rising line is a misconfigured caller or a probe.',
    [[`sum by (method, outcome) (rate(custody_access_decisions_total{${sel}, outcome!="ALLOWED"}[$__rate_interval]))`, '{{method}} {{outcome}}']], { unit: 'reqps' }), 12, 8);

  if (service !== 'analytics') {
    // Staff reads of one subject's data, recorded in the disclosure ledger before they are answered.
    layout.row('Staff access: reads recorded in the ledger');
    layout.add(timeseries('Staff reads recorded / s', 'helpdesk and operator reads of one subject\'s data on methods marked staff_access: in the access policy, each written to the disclosure ledger (staff.accessed) before it was answered. Refused reads (disclosure unreachable: UNAVAILABLE, STAFF_ACCESS_UNRECORDED) show as custody_staff_access_records_total{outcome="UNRECORDED"}.',
      [[`sum(rate(custody_staff_access_record_seconds_count{${sel}}[$__rate_interval]))`, 'recorded']], { unit: 'reqps' }), 12, 8);
    layout.add(timeseries('Staff access record time p99', 'How long a staff read waits for its access entry: for identity and billing one RecordStaffAccess call to disclosure (its group-committed ledger write included), for disclosure the write itself.',
      [[`histogram_quantile(0.99, sum by (le) (rate(custody_staff_access_record_seconds_bucket{${sel}}[$__rate_interval])))`, 'p99']], { unit: 's' }), 12, 8);
  }

  if (service === 'identity') {
    // Identity calls only disclosure, to record staff reads.
    layout.row('Dependencies: calls to other services');
    layout.add(timeseries('Outgoing calls / s by service and status', 'Calls identity makes to other Custody services (grpc_client_*): only StaffAccessService/RecordStaffAccess to disclosure, one per staff read of one subject.',
      [[`sum by (service, statusCode) (rate(grpc_client_processing_duration_seconds_count{${sel}}[$__rate_interval]))`, '{{service}} {{statusCode}}']], { unit: 'reqps' }), 12, 8);
    layout.add(timeseries('Outgoing p99 latency by service', '99th percentile of the calls to each service, from the client-side histogram.',
      [[`histogram_quantile(0.99, sum by (service, le) (rate(grpc_client_processing_duration_seconds_bucket{${sel}}[$__rate_interval])))`, '{{service}}']], { unit: 's' }), 12, 8);
  }

  if (service !== 'identity') {
    // The call graph as this service sees it: billing and analytics call identity only to check
    // front-end sessions; billing also records staff reads with disclosure; disclosure calls the three leaves.
    layout.row('Dependencies: calls to other services');
    layout.add(timeseries('Outgoing calls / s by service and status', 'Calls this service makes to other Custody services, as it sees them (grpc_client_*). Billing and analytics call identity only for SessionService/ValidateSession (cached for CUSTODY_SESSION_CACHE_TTL); billing calls disclosure for StaffAccessService/RecordStaffAccess, one per staff read of one subject; disclosure calls identity, billing and analytics.',
      [[`sum by (service, statusCode) (rate(grpc_client_processing_duration_seconds_count{${sel}}[$__rate_interval]))`, '{{service}} {{statusCode}}']], { unit: 'reqps' }), 8, 8);
    layout.add(timeseries('Outgoing p99 latency by service', '99th percentile of the calls to each service, from the client-side histogram.',
      [[`histogram_quantile(0.99, sum by (service, le) (rate(grpc_client_processing_duration_seconds_bucket{${sel}}[$__rate_interval])))`, '{{service}}']], { unit: 's' }), 8, 8);
    layout.add(timeseries('Subject binding checks by outcome', 'Front-end calls on one person\'s data, checked against the session in x-custody-session: ALLOWED, SESSION_REQUIRED, SUBJECT_MISMATCH, IDENTITY_UNAVAILABLE (identity unreachable: refused, fail closed), NOT_NAMED (an anonymous survey answer).',
      [[`sum by (outcome) (rate(custody_subject_binding_checks_total{${sel}}[$__rate_interval]))`, '{{outcome}}']], { unit: 'reqps', stack: true }), 8, 8);
  }

  layout.row('Database pool, executor, JVM');
  layout.add(timeseries('DB connections', 'HikariCP pool: busy, idle, waiting callers, and the maximum.',
    [
      [`sum by (pool) (hikaricp_connections_active{${sel}})`, '{{pool}} active'],
      [`sum by (pool) (hikaricp_connections_idle{${sel}})`, '{{pool}} idle'],
      [`sum by (pool) (hikaricp_connections_pending{${sel}})`, '{{pool}} pending'],
      [`sum by (pool) (hikaricp_connections_max{${sel}})`, '{{pool}} max'],
    ]), 8, 8);
  layout.add(timeseries('DB connection timeouts', 'Connection requests that timed out (each one a call that failed with UNAVAILABLE).',
    [[`sum by (pool) (increase(hikaricp_connections_timeout_total{${sel}}[$__rate_interval]))`, '{{pool}}']]), 8, 8);
  layout.add(timeseries('gRPC executor', 'The bounded executor that runs handlers: busy threads, pool size and queued calls.',
    [
      [`sum(executor_active_threads{${sel}, name="grpc-server"})`, 'active threads'],
      [`sum(executor_pool_size_threads{${sel}, name="grpc-server"})`, 'pool size'],
      [`sum(executor_queued_tasks{${sel}, name="grpc-server"})`, 'queued'],
    ]), 8, 8);
  layout.add(timeseries('JVM heap and non-heap', 'Memory used by area. In the all-in-one launcher the four services share one JVM.',
    [[`sum by (area) (jvm_memory_used_bytes{${sel}})`, '{{area}}']], { unit: 'bytes' }), 8, 8);
  layout.add(timeseries('GC pause time', 'Seconds per second spent in GC pauses.',
    [[`sum by (gc) (rate(jvm_gc_pause_seconds_sum{${sel}}[$__rate_interval]))`, '{{gc}}']], { unit: 'percentunit' }), 8, 8);
  layout.add(timeseries('CPU', 'Process and machine CPU usage (0-1).',
    [
      [`max(process_cpu_usage{${sel}})`, 'process'],
      [`max(system_cpu_usage{${sel}})`, 'system'],
    ], { unit: 'percentunit', max: 1 }), 8, 8);
}

// ---------------------------------------------------------------------------------------------
// Domain panels per service

const DOMAIN = {
  identity(layout, sel) {
    layout.row('Logins and sessions');
    layout.add(timeseries('Logins by outcome', 'Logins per second: success, failure (unknown e-mail or wrong password, indistinguishable on the wire), locked (throttled).',
      [[`sum by (outcome) (rate(custody_identity_logins_total{${sel}}[$__rate_interval]))`, '{{outcome}}']], { unit: 'reqps', stack: true }), 9, 8);
    layout.add(stat('Login failure ratio', 'Share of logins that failed or were locked; the login-failure-spike alert needs more than half failing and over 0.2 failures/s.',
      [[`(sum(rate(custody_identity_logins_total{${sel}, outcome!="success"}[$__rate_interval])) or vector(0)) / sum(rate(custody_identity_logins_total{${sel}}[$__rate_interval]))`, '']],
      { unit: 'percentunit', thresholds: [{ color: 'green', value: null }, { color: 'orange', value: 0.3 }, { color: 'red', value: 0.5 }], decimals: 1 }), 5, 8);
    layout.add(timeseries('Active sessions', 'Sessions neither expired nor revoked.',
      [[`sum(custody_identity_sessions_active{${sel}})`, 'active']]), 5, 8);
    layout.add(timeseries('Sessions ended by reason', 'Sessions ended per interval: expired (idle or absolute lifetime), revoked, logout.',
      [[`sum by (reason) (increase(custody_identity_sessions_ended_total{${sel}}[$__rate_interval]))`, '{{reason}}']], { stack: true }), 5, 8);
  },

  billing(layout, sel) {
    layout.row('Keys and card-number guard');
    layout.add(gauge('Key rewrap progress', 'Data keys rewrapped under the current key-encryption key, over those to rewrap (0 when no rewrap ran).',
      [[`max(custody_billing_rewrap_keys_done{${sel}}) / clamp_min(max(custody_billing_rewrap_keys{${sel}}), 1)`, '']],
      { thresholds: [{ color: 'orange', value: null }, { color: 'green', value: 1 }] }), 6, 8);
    layout.add(timeseries('Rewrap keys', 'Data keys to rewrap and rewrapped so far in the current job.',
      [
        [`max(custody_billing_rewrap_keys{${sel}})`, 'to rewrap'],
        [`max(custody_billing_rewrap_keys_done{${sel}})`, 'rewrapped'],
      ]), 6, 8);
    layout.add(timeseries('Key-encryption key versions by state', 'Versions of the key-encryption key by state (primary, enabled, disabled, destroyed).',
      [[`sum by (state) (custody_billing_key_versions{${sel}})`, '{{state}}']], { stack: true }), 6, 8);
    layout.add(timeseries('Card numbers refused', 'Inputs refused because they carried a Luhn-valid card number (never stored, never logged).',
      [[`sum(increase(custody_card_numbers_refused_total{${sel}}[$__rate_interval]))`, 'refused']]), 6, 8);
  },

  analytics(layout, sel) {
    layout.row('Page views, suppression, privacy budget');
    layout.add(timeseries('Page views ingested / s', 'Page views reduced to aggregates on arrival.',
      [[`sum(rate(custody_analytics_page_views_ingested_total{${sel}}[$__rate_interval]))`, 'views']], { unit: 'reqps' }), 6, 8);
    layout.add(timeseries('Suppressed rows served by query', 'Rows answered as suppressed (below the k-threshold) per second, by query (pages, referrers, survey).',
      [[`sum by (query) (rate(custody_analytics_suppressed_rows_total{${sel}}[$__rate_interval]))`, '{{query}}']], { stack: true }), 6, 8);
    layout.add(timeseries('Privacy budget spent (epsilon)', 'Epsilon spent by noisy queries per interval, all projects.',
      [[`sum(increase(custody_analytics_privacy_budget_spent_epsilon_total{${sel}}[$__rate_interval]))`, 'epsilon']]), 6, 8);
    layout.add(stat('Budget exhaustions (1 h)', 'Noisy queries refused in the last hour because a project had spent its daily budget.',
      [[`sum(increase(custody_analytics_privacy_budget_exhausted_total{${sel}}[1h]))`, '']],
      { thresholds: [{ color: 'green', value: null }, { color: 'orange', value: 1 }], decimals: 0 }), 6, 8);
  },

  disclosure(layout, sel) {
    layout.row('Decisions and ledger');
    layout.add(timeseries('Decisions by outcome and basis', 'Disclosure decisions per interval by outcome (ALLOWED, DENIED, PENDING_NOTICE) and claimed basis.',
      [[`sum by (outcome, basis) (increase(custody_disclosure_decisions_total{${sel}}[$__rate_interval]))`, '{{outcome}} {{basis}}']], { stack: true }), 9, 8);
    layout.add(stat('Ledger entries', 'Entries in the tamper-evident disclosure ledger.',
      [[`max(custody_ledger_entries{${sel}})`, '']], { decimals: 0, graph: true }), 5, 4);
    layout.add(stat('Ledger verification', 'Result of the last periodic verification of the ledger against its signed tree heads.',
      [[`min(custody_ledger_verification_ok{${sel}})`, '']], { mappings: LEDGER_MAPPINGS, thresholds: RED_GREEN }), 5, 4);
    layout.add(stat('Since last ledger verification', 'Time since the ledger was last verified; the stale alert fires after 6 hours.',
      [[`time() - max(custody_ledger_last_verification_timestamp_seconds{${sel}})`, '']],
      { unit: 's', thresholds: [{ color: 'green', value: null }, { color: 'red', value: 21600 }] }), 5, 4);
    layout.add(timeseries('Background jobs', 'Job runs per interval by job and outcome (mail outbox, ledger verification, erasure sagas, ...).',
      [[`sum by (task, outcome) (increase(custody_job_runs_total{${sel}}[$__rate_interval]))`, '{{task}} {{outcome}}']]), 10, 4);

    layout.row('Subject rights, mail and notices');
    layout.add(timeseries('Erasure sagas by state', 'Erasure requests by state across the services.',
      [[`sum by (state) (custody_erasure_sagas{${sel}})`, '{{state}}']], { stack: true }), 6, 8);
    layout.add(stat('Oldest pending erasure', 'Age of the oldest unfinished erasure saga; the overdue alert fires beyond 7 days.',
      [[`max(custody_erasure_saga_oldest_pending_age_seconds{${sel}})`, '']],
      { unit: 's', thresholds: [{ color: 'green', value: null }, { color: 'orange', value: 86400 }, { color: 'red', value: 604800 }] }), 6, 8);
    layout.add(timeseries('Mail outbox by state', 'Outbox messages per interval: delivered, retried, failed (given up on).',
      [[`sum by (state) (increase(custody_mail_outbox_messages_total{${sel}}[$__rate_interval]))`, '{{state}}']], { stack: true }), 6, 8);
    layout.add(timeseries('Notice campaign messages', 'Policy-change notices of all campaigns: queued, sent (attempted at least once), delivered, failed (given up); and acknowledgements.',
      [[`sum by (state) (custody_notice_campaign_messages{${sel}})`, '{{state}}']]), 6, 8);
  },
};

function serviceDashboard(service) {
  const app = `custody-${service}`;
  const layout = new Layout();
  servicePanels(layout, service);
  DOMAIN[service](layout, `application="${app}", instance=~"$instance"`);
  const title = service.charAt(0).toUpperCase() + service.slice(1);
  return dashboard(`custody-${service}`, `Custody / ${title}`, `The ${service} service: RED per method, access control, database pool, JVM and its domain metrics.`, [
    queryVariable('instance', 'Instance', `label_values(custody_health_serving{application="${app}"}, instance)`, '.*'),
    queryVariable('method', 'Method', `label_values(grpc_server_processing_duration_seconds_count{application="${app}"}, method)`, '.*'),
  ], layout.panels);
}

// ---------------------------------------------------------------------------------------------
// The suite overview

function overviewDashboard() {
  const layout = new Layout();
  const a = 'application=~"$application"';
  const count = 'grpc_server_processing_duration_seconds_count';
  const bucket = 'grpc_server_processing_duration_seconds_bucket';

  layout.row('Services');
  layout.add(stat('Serving', 'grpc health per service: SERVING while its database answers.',
    [[`min by (application) (custody_health_serving{${a}})`, '{{application}}']], { mappings: SERVING_MAPPINGS, thresholds: RED_GREEN }), 12, 4);
  layout.add(stat('DB pool in use', 'Busiest instance per service: busy connections over the pool maximum.',
    [[`max by (application) (hikaricp_connections_active{${a}} / hikaricp_connections_max{${a}})`, '{{application}}']],
    { unit: 'percentunit', thresholds: POOL_STEPS }), 12, 4);
  layout.add(timeseries('Requests / s by service', 'All gRPC calls per second.',
    [[`sum by (application) (rate(${count}{${a}}[$__rate_interval]))`, '{{application}}']], { unit: 'reqps' }), 8, 8);
  layout.add(timeseries('Server error ratio by service', `Share of calls answered with ${SERVER_ERRORS}; the alert fires above 5%.`,
    [[`(sum by (application) (rate(${count}{${a}, statusCode=~"${SERVER_ERRORS}"}[$__rate_interval])) or 0 * sum by (application) (rate(${count}{${a}}[$__rate_interval]))) / sum by (application) (rate(${count}{${a}}[$__rate_interval]))`, '{{application}}']],
    { unit: 'percentunit', max: 1, thresholds: ERROR_RATIO_STEPS }), 8, 8);
  layout.add(timeseries('p99 latency by service', '99th percentile of all calls per service.',
    [[`histogram_quantile(0.99, sum by (application, le) (rate(${bucket}{${a}}[$__rate_interval])))`, '{{application}}']], { unit: 's' }), 8, 8);
  layout.add(timeseries('Access refusals by service and reason', 'Calls refused by the access policy, per second.',
    [[`sum by (application, outcome) (rate(custody_access_decisions_total{${a}, outcome!="ALLOWED"}[$__rate_interval]))`, '{{application}} {{outcome}}']], { unit: 'reqps' }), 12, 8);
  layout.add(timeseries('Background jobs by service', 'Job runs per interval by service, job and outcome.',
    [[`sum by (application, task, outcome) (increase(custody_job_runs_total{${a}}[$__rate_interval]))`, '{{application}} {{task}} {{outcome}}']]), 12, 8);

  layout.row('The policy at work');
  layout.add(stat('Active sessions', 'identity: open login sessions.',
    [[`sum(custody_identity_sessions_active{${a}})`, '']], { decimals: 0, graph: true }), 4, 5);
  layout.add(stat('Login failure ratio', 'identity: logins that failed or were locked.',
    [[`(sum(rate(custody_identity_logins_total{${a}, outcome!="success"}[$__rate_interval])) or vector(0)) / sum(rate(custody_identity_logins_total{${a}}[$__rate_interval]))`, '']],
    { unit: 'percentunit', decimals: 1, thresholds: [{ color: 'green', value: null }, { color: 'orange', value: 0.3 }, { color: 'red', value: 0.5 }] }), 4, 5);
  layout.add(stat('Page views / s', 'analytics: page views ingested.',
    [[`sum(rate(custody_analytics_page_views_ingested_total{${a}}[$__rate_interval]))`, '']], { unit: 'reqps', graph: true, decimals: 2 }), 4, 5);
  layout.add(stat('Epsilon spent (1 h)', 'analytics: privacy budget spent by noisy queries in the last hour.',
    [[`sum(increase(custody_analytics_privacy_budget_spent_epsilon_total{${a}}[1h]))`, '']], { decimals: 2 }), 4, 5);
  layout.add(stat('Key rewrap progress', 'billing: data keys rewrapped under the current key-encryption key.',
    [[`max(custody_billing_rewrap_keys_done{${a}}) / clamp_min(max(custody_billing_rewrap_keys{${a}}), 1)`, '']],
    { unit: 'percentunit', thresholds: [{ color: 'orange', value: null }, { color: 'green', value: 1 }] }), 4, 5);
  layout.add(stat('Ledger verification', 'disclosure: last verification of the disclosure ledger.',
    [[`min(custody_ledger_verification_ok{${a}})`, '']], { mappings: LEDGER_MAPPINGS, thresholds: RED_GREEN }), 4, 5);
  layout.add(timeseries('Disclosure decisions by outcome', 'disclosure: decisions per interval by outcome.',
    [[`sum by (outcome) (increase(custody_disclosure_decisions_total{${a}}[$__rate_interval]))`, '{{outcome}}']], { stack: true }), 8, 8);
  layout.add(timeseries('Erasure sagas by state', 'disclosure: erasure requests by state.',
    [[`sum by (state) (custody_erasure_sagas{${a}})`, '{{state}}']], { stack: true }), 8, 8);
  layout.add(stat('Oldest pending erasure', 'disclosure: the overdue alert fires beyond 7 days.',
    [[`max(custody_erasure_saga_oldest_pending_age_seconds{${a}})`, '']],
    { unit: 's', thresholds: [{ color: 'green', value: null }, { color: 'orange', value: 86400 }, { color: 'red', value: 604800 }] }), 8, 8);

  return dashboard('custody-overview', 'Custody / Overview', 'The four Custody services at a glance: health, traffic, errors, latency, access refusals and the policy metrics.', [
    queryVariable('application', 'Service', 'label_values(custody_health_serving, application)', 'custody-.*'),
  ], layout.panels);
}

// ---------------------------------------------------------------------------------------------

function render() {
  const out = { 'overview.json': overviewDashboard() };
  for (const service of SERVICES) {
    out[`${service}.json`] = serviceDashboard(service);
  }
  return Object.fromEntries(Object.entries(out).map(([name, d]) => [name, JSON.stringify(d, null, 2) + '\n']));
}

function main() {
  const dir = path.join(__dirname, 'dashboards');
  const check = process.argv.includes('--check');
  const files = render();
  let stale = 0;
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (check) {
      if (current !== text) {
        console.error(`stale: deploy/grafana/dashboards/${name} differs from what generate.js makes (run node deploy/grafana/generate.js)`);
        stale++;
      }
    } else if (current !== text) {
      fs.writeFileSync(file, text);
      console.log(`wrote deploy/grafana/dashboards/${name}`);
    }
  }
  if (stale > 0) {
    process.exit(1);
  }
}

main();
