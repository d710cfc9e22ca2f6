'use strict';
// What the client can check without a running suite: every contract loads in a second language,
// the launcher's token file format parses, and the google.rpc error model decodes.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadContracts, parseProperties, errorDetails, googleRpcTypes, grpc } = require('../lib/custody');

test('contracts_loadWithEveryService', () => {
  const { files, packages } = loadContracts();
  assert.ok(files.length >= 10, `only ${files.length} .proto files found`);
  const v1 = (service) => packages.custody[service].v1;
  const expected = {
    identity: ['IdentityService', 'SessionService'],
    billing: ['BillingService', 'BillingKeyService'],
    analytics: ['AnalyticsService', 'SurveyService'],
    disclosure: ['DisclosureService', 'RecipientService', 'ConsentService', 'LedgerService', 'PolicyService', 'SubjectRightsService'],
  };
  for (const [service, names] of Object.entries(expected)) {
    for (const name of names) {
      assert.equal(typeof v1(service)[name], 'function', `custody.${service}.v1.${name} is not a service`);
      assert.ok(Object.keys(v1(service)[name].service).length > 0, `${name} has no methods`);
    }
  }
  assert.equal(typeof packages.custody.common.v1.SubjectDataService, 'function');
});

test('contracts_methodPathsAreFullyQualified', () => {
  const { packages } = loadContracts();
  const login = packages.custody.identity.v1.SessionService.service.Login;
  assert.equal(login.path, '/custody.identity.v1.SessionService/Login');
  assert.equal(login.requestStream, false);
  const stream = packages.custody.analytics.v1.AnalyticsService.service.StreamPageViews;
  assert.equal(stream.requestStream, true, 'StreamPageViews is client-streaming');
});

test('parseProperties_readsTheLaunchersTokenFile', () => {
  const text = [
    '#Bearer tokens of the local callers (caller=token). Keep this file private.',
    '#Fri Nov 27 23:35:49 UTC 2026',
    'disclosure=abc',
    'frontend = d\\=e\\:f',
    '! a comment',
    'helpdesk:g\\',
    '    h',
    'operator x\\u0041',
    '',
  ].join('\n');
  assert.deepEqual(parseProperties(text), { disclosure: 'abc', frontend: 'd=e:f', helpdesk: 'gh', operator: 'xA' });
});

test('errorDetails_decodesStatusWithErrorInfoAndBadRequest', () => {
  const root = googleRpcTypes();
  const ErrorInfo = root.lookupType('google.rpc.ErrorInfo');
  const BadRequest = root.lookupType('google.rpc.BadRequest');
  const Status = root.lookupType('google.rpc.Status');
  const pack = (type, value) => ({ type_url: `type.googleapis.com/${type.fullName.slice(1)}`, value: type.encode(type.create(value)).finish() });
  const status = Status.encode(Status.create({
    code: 3,
    message: 'invalid project_id',
    details: [
      pack(ErrorInfo, { reason: 'INVALID_FIELD', domain: 'identity.custody' }),
      pack(BadRequest, { fieldViolations: [{ field: 'project_id', description: 'does not match' }] }),
    ],
  })).finish();
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status));
  const details = errorDetails({ code: 3, metadata });
  assert.equal(details.code, 3);
  assert.equal(details.reason, 'INVALID_FIELD');
  assert.equal(details.domain, 'identity.custody');
  assert.deepEqual(details.fieldViolations.map((v) => v.field), ['project_id']);
  assert.equal(errorDetails({ code: 2, metadata: new grpc.Metadata() }), null);
});
