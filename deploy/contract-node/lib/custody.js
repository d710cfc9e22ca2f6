'use strict';
// A Custody client in Node.js, built only from the contracts: the .proto files under
// proto/src/main/proto (buf/validate/validate.proto from proto/target/buf-deps, the Google
// protos from the google-proto-files package), loaded at run time by @grpc/proto-loader.
//
// Configuration (environment):
//   CUSTODY_HOST                     host of all four services (default 127.0.0.1)
//   CUSTODY_<SERVICE>_GRPC_PORT      per service (defaults 7001-7004, as the launcher's)
//   CUSTODY_<SERVICE>_TARGET         host:port per service, overrides the two above
//   CUSTODY_CALLER_TOKENS_FILE       the launcher's token file (caller=token, Java properties);
//                                    default CUSTODY_HOME/callers.tokens, CUSTODY_HOME defaulting
//                                    to the repository's .custody directory
//   CUSTODY_PROTO_DIR, CUSTODY_PROTO_DEPS  where the .proto files and buf's validate.proto are

const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVICES = { identity: 7001, billing: 7002, analytics: 7003, disclosure: 7004 };

/** The include directories: Custody's sources, buf's validate.proto, Google's protos. */
function protoPaths(env = process.env) {
  const sources = env.CUSTODY_PROTO_DIR || path.join(REPO_ROOT, 'proto', 'src', 'main', 'proto');
  const deps = env.CUSTODY_PROTO_DEPS || path.join(REPO_ROOT, 'proto', 'target', 'buf-deps');
  const google = path.dirname(require.resolve('google-proto-files/package.json'));
  if (!fs.existsSync(path.join(deps, 'buf', 'validate', 'validate.proto'))) {
    throw new Error(`${deps}/buf/validate/validate.proto is missing: run \`mvn -B -q -pl proto generate-resources\` first`);
  }
  return { sources, deps, google };
}

/** Every .proto file under custody/, relative to the sources directory, sorted. */
function custodyProtoFiles(sources) {
  const files = [];
  (function walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.proto')) {
        files.push(path.relative(sources, full).split(path.sep).join('/'));
      }
    }
  })(path.join(sources, 'custody'));
  return files.sort();
}

/**
 * Loads the contracts. Field names are camelCase in JavaScript objects (projectId for
 * project_id); enums are their value names; 64-bit integers are strings; oneofs set a virtual
 * field naming the member that is set.
 */
function loadContracts(env = process.env) {
  const paths = protoPaths(env);
  const files = custodyProtoFiles(paths.sources);
  const definition = protoLoader.loadSync(files, {
    includeDirs: [paths.sources, paths.deps, paths.google],
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return { files, definition, packages: grpc.loadPackageDefinition(definition) };
}

// --- the google.rpc error model ------------------------------------------------------------------

let errorTypes;
function googleRpcTypes() {
  if (!errorTypes) {
    const google = path.dirname(require.resolve('google-proto-files/package.json'));
    const root = new protobuf.Root();
    root.resolvePath = (origin, target) => (path.isAbsolute(target) ? target : path.join(google, target));
    root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: false });
    errorTypes = root;
  }
  return errorTypes;
}

/**
 * Decodes the rich error of a failed call: the `grpc-status-details-bin` trailer as a
 * google.rpc.Status, with its details unpacked (ErrorInfo, BadRequest, RetryInfo...).
 * Returns null when the trailer is absent.
 */
function errorDetails(error) {
  const values = error && error.metadata ? error.metadata.get('grpc-status-details-bin') : [];
  if (!values || values.length === 0) {
    return null;
  }
  const root = googleRpcTypes();
  const status = root.lookupType('google.rpc.Status').decode(values[0]);
  const details = status.details.map((any) => {
    // google.protobuf.Any comes from protobufjs's built-in definition, which keeps snake_case.
    const typeUrl = any.typeUrl !== undefined ? any.typeUrl : any.type_url;
    const typeName = typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
    const type = root.lookupType(typeName);
    return { type: typeName, value: type.toObject(type.decode(any.value), { defaults: true, longs: String, enums: String }) };
  });
  const find = (name) => (details.find((d) => d.type === name) || {}).value;
  const errorInfo = find('google.rpc.ErrorInfo');
  const badRequest = find('google.rpc.BadRequest');
  return {
    code: status.code,
    message: status.message,
    details,
    errorInfos: details.filter((d) => d.type === 'google.rpc.ErrorInfo').map((d) => d.value),
    reason: errorInfo ? errorInfo.reason : undefined,
    domain: errorInfo ? errorInfo.domain : undefined,
    fieldViolations: badRequest ? badRequest.fieldViolations : [],
    retryInfo: find('google.rpc.RetryInfo'),
  };
}

// --- callers' tokens ------------------------------------------------------------------------------

/** Parses Java properties text (comments, `=`/`:`/space separators, backslash escapes, continuations). */
function parseProperties(text) {
  const result = {};
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) {
      continue;
    }
    // A line ending in an odd number of backslashes continues on the next one.
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/^[ \t\f]+/, '');
    }
    let keyEnd = 0;
    while (keyEnd < line.length) {
      const c = line[keyEnd];
      if (c === '\\') {
        keyEnd += 2;
        continue;
      }
      if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') {
        break;
      }
      keyEnd++;
    }
    const key = line.slice(0, keyEnd);
    let rest = line.slice(keyEnd).replace(/^[ \t\f]*/, '');
    if (rest.startsWith('=') || rest.startsWith(':')) {
      rest = rest.slice(1).replace(/^[ \t\f]*/, '');
    }
    result[unescapeProperty(key)] = unescapeProperty(rest);
  }
  return result;
}

function unescapeProperty(s) {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e) => {
    if (e[0] === 'u' && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return { t: '\t', n: '\n', r: '\r', f: '\f' }[e] || e;
  });
}

function tokenFile(env = process.env) {
  if (env.CUSTODY_CALLER_TOKENS_FILE) {
    return env.CUSTODY_CALLER_TOKENS_FILE;
  }
  const home = env.CUSTODY_HOME ? path.resolve(REPO_ROOT, env.CUSTODY_HOME) : path.join(REPO_ROOT, '.custody');
  return path.join(home, 'callers.tokens');
}

function readTokens(env = process.env) {
  const file = tokenFile(env);
  if (!fs.existsSync(file)) {
    throw new Error(`no token file at ${file}: start the suite (java -jar deploy/target/custody.jar) or set CUSTODY_CALLER_TOKENS_FILE`);
  }
  return parseProperties(fs.readFileSync(file, 'utf8'));
}

// --- calling ---------------------------------------------------------------------------------------

function targets(env = process.env) {
  const host = env.CUSTODY_HOST || '127.0.0.1';
  const out = {};
  for (const [service, port] of Object.entries(SERVICES)) {
    const key = service.toUpperCase();
    out[service] = env[`CUSTODY_${key}_TARGET`] || `${host}:${env[`CUSTODY_${key}_GRPC_PORT`] || port}`;
  }
  return out;
}

/**
 * The suite as a caller sees it: `suite.call(stub, 'Method', request, { caller, purpose })`
 * resolves to the response or rejects with the grpc-js error (code, details, metadata).
 */
class Suite {
  constructor(env = process.env) {
    this.contracts = loadContracts(env);
    this.tokens = readTokens(env);
    this.targets = targets(env);
    this.stubs = [];
    const pkg = this.contracts.packages.custody;
    const make = (Service, service) => {
      const stub = new Service(this.targets[service], grpc.credentials.createInsecure());
      this.stubs.push(stub);
      return stub;
    };
    this.identity = make(pkg.identity.v1.IdentityService, 'identity');
    this.sessions = make(pkg.identity.v1.SessionService, 'identity');
    this.billing = make(pkg.billing.v1.BillingService, 'billing');
    this.analytics = make(pkg.analytics.v1.AnalyticsService, 'analytics');
    this.surveys = make(pkg.analytics.v1.SurveyService, 'analytics');
    this.recipients = make(pkg.disclosure.v1.RecipientService, 'disclosure');
    this.disclosures = make(pkg.disclosure.v1.DisclosureService, 'disclosure');
    this.ledger = make(pkg.disclosure.v1.LedgerService, 'disclosure');
  }

  /** Metadata for a caller (its bearer token, or none) and a purpose (PURPOSE_..., or none). */
  metadata({ caller, purpose, token } = {}) {
    const md = new grpc.Metadata();
    const bearer = token !== undefined ? token : caller ? this.tokens[caller] : undefined;
    if (caller && token === undefined && !bearer) {
      throw new Error(`no token for caller ${caller} in ${Object.keys(this.tokens).join(', ')}`);
    }
    if (bearer) {
      md.set('authorization', `Bearer ${bearer}`);
    }
    if (purpose) {
      md.set('x-custody-purpose', purpose);
    }
    return md;
  }

  call(stub, method, request, options = {}) {
    const deadline = new Date(Date.now() + (options.timeoutMs || 15000));
    return new Promise((resolve, reject) => {
      stub[method](request, this.metadata(options), { deadline }, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }

  /** Waits until every service's channel is connected. */
  async waitForReady(timeoutMs = 30000) {
    const deadline = new Date(Date.now() + timeoutMs);
    await Promise.all(this.stubs.map((stub) => new Promise((resolve, reject) => stub.waitForReady(deadline, (e) => (e ? reject(e) : resolve())))));
  }

  close() {
    this.stubs.forEach((stub) => stub.close());
  }
}

module.exports = { Suite, loadContracts, custodyProtoFiles, protoPaths, errorDetails, googleRpcTypes, parseProperties, tokenFile, targets, grpc };
