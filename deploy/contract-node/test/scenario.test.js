'use strict';
// The scenario against a launched suite (java -jar deploy/target/custody.jar): a project site and
// an account in identity, a login and its session, page views and statistics in analytics, a
// disclosure decision, and the error details of refused and malformed calls. Steps run in order
// and share what earlier steps created; names and e-mail addresses are fresh on every run.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Suite, errorDetails } = require('../lib/custody');

const OPERATOR = (purpose) => ({ caller: 'operator', purpose: `PURPOSE_${purpose}` });
const FRONTEND = (purpose) => ({ caller: 'frontend', purpose: `PURPOSE_${purpose}` });
const GRPC = { INVALID_ARGUMENT: 3, ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, UNAUTHENTICATED: 16 };

/** Calls and expects a failure; returns the decoded google.rpc.Status (never null). */
async function refused(promise, code) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'the call succeeded but should have been refused');
  assert.equal(error.code, code, `status ${error.code} (${error.details}), expected ${code}`);
  const details = errorDetails(error);
  assert.ok(details, 'no grpc-status-details-bin trailer');
  assert.equal(details.code, code, 'google.rpc.Status code differs from the gRPC status');
  assert.equal(details.errorInfos.length, 1, 'exactly one ErrorInfo');
  assert.match(details.reason, /^[A-Z][A-Z0-9_]*$/, 'reason is UPPER_SNAKE');
  assert.match(details.domain, /\.custody$/, 'domain names the service');
  return details;
}

function seconds(timestamp) {
  return Number(timestamp.seconds) + timestamp.nanos / 1e9;
}

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

describe('Custody from Node.js', () => {
  const run = crypto.randomBytes(4).toString('hex');
  const projectId = `node-${run}`;
  const project = `projects/${projectId}`;
  const email = `ada.${run}@example.org`;
  const password = `Orbit-${crypto.randomBytes(9).toString('base64url')}-lantern`;
  const state = {};
  let suite;

  before(async () => {
    suite = new Suite();
    await suite.waitForReady();
  });

  after(() => suite && suite.close());

  describe('identity', () => {
    it('CreateProject_createsTheSiteAndARetryReturnsTheFirstResult', async () => {
      const request = { projectId, displayName: `Contract check ${run}`, requestId: crypto.randomUUID() };
      const first = await suite.call(suite.identity, 'CreateProject', request, OPERATOR('SERVICE_PROVISION'));
      assert.equal(first.project.name, project);
      assert.equal(first.project.displayName, request.displayName);
      assert.ok(seconds(first.project.createTime) > 0);
      const retry = await suite.call(suite.identity, 'CreateProject', request, OPERATOR('SERVICE_PROVISION'));
      assert.deepEqual(retry.project, first.project, 'AIP-155: a retry with the same request_id returns the first result');
      state.project = first.project;
    });

    it('CreateProject_refusesTheSameIdWithoutTheRequestId', async () => {
      const details = await refused(
        suite.call(suite.identity, 'CreateProject', { projectId, displayName: 'again' }, OPERATOR('SERVICE_PROVISION')),
        GRPC.ALREADY_EXISTS);
      assert.equal(details.reason, 'PROJECT_ALREADY_EXISTS');
    });

    it('CreateProject_malformedRequestGivesFieldViolations', async () => {
      const details = await refused(
        suite.call(suite.identity, 'CreateProject', { projectId: 'Not A Valid Id!', displayName: '' }, OPERATOR('SERVICE_PROVISION')),
        GRPC.INVALID_ARGUMENT);
      assert.equal(details.reason, 'INVALID_FIELD');
      assert.equal(details.domain, 'identity.custody');
      const fields = details.fieldViolations.map((v) => v.field).sort();
      assert.deepEqual(fields, ['display_name', 'project_id']);
      details.fieldViolations.forEach((v) => assert.ok(v.description.length > 0, `no description for ${v.field}`));
    });

    it('CreateProject_wrongPurposeIsRefused', async () => {
      const details = await refused(
        suite.call(suite.identity, 'CreateProject', { projectId: `${projectId}-x`, displayName: 'x' }, OPERATOR('RESEARCH')),
        GRPC.PERMISSION_DENIED);
      assert.equal(details.reason, 'PURPOSE_NOT_ALLOWED');
    });

    it('CreateProject_callerNotInThePolicyIsRefused', async () => {
      const details = await refused(
        suite.call(suite.identity, 'CreateProject', { projectId: `${projectId}-x`, displayName: 'x' }, FRONTEND('SERVICE_PROVISION')),
        GRPC.PERMISSION_DENIED);
      assert.equal(details.reason, 'CALLER_NOT_ALLOWED');
    });

    it('GetProject_withoutPurposeOrToken_isRefused', async () => {
      const noPurpose = await refused(suite.call(suite.identity, 'GetProject', { name: project }, { caller: 'frontend' }), GRPC.PERMISSION_DENIED);
      assert.equal(noPurpose.reason, 'PURPOSE_MISSING');
      const unknownPurpose = await refused(
        suite.call(suite.identity, 'GetProject', { name: project }, { caller: 'frontend', purpose: 'PURPOSE_PROFIT' }), GRPC.PERMISSION_DENIED);
      assert.equal(unknownPurpose.reason, 'PURPOSE_UNKNOWN');
      const badToken = await refused(
        suite.call(suite.identity, 'GetProject', { name: project }, { token: 'not-a-token', purpose: 'PURPOSE_SERVICE_PROVISION' }), GRPC.UNAUTHENTICATED);
      assert.ok(badToken.reason.includes('UNAUTHENTICATED'), badToken.reason);
    });

    it('GetProject_returnsTheSite', async () => {
      const got = await suite.call(suite.identity, 'GetProject', { name: project }, FRONTEND('SERVICE_PROVISION'));
      assert.deepEqual(got.project, state.project);
    });

    it('CreateAccount_registersWithANormalisedEmailAndNoPassword', async () => {
      const response = await suite.call(suite.identity, 'CreateAccount', {
        parent: project, fullName: 'Ada Lovelace', company: 'Analytical Engines Ltd', email: `  ${email.toUpperCase()} `, password,
        requestId: crypto.randomUUID(),
      }, FRONTEND('SERVICE_PROVISION'));
      const account = response.account;
      assert.ok(account.name.startsWith(`${project}/accounts/`), account.name);
      assert.equal(account.email, email, 'e-mail trimmed and lower-cased');
      assert.equal(account.fullName, 'Ada Lovelace');
      assert.equal(account.company, 'Analytical Engines Ltd');
      assert.equal(account.state, 'ACCOUNT_STATE_ACTIVE');
      assert.ok(!JSON.stringify(response).includes(password), 'the password never comes back');
      state.account = account;
    });

    it('CreateAccount_weakPasswordGivesAFieldViolation', async () => {
      const details = await refused(suite.call(suite.identity, 'CreateAccount', {
        parent: project, fullName: 'Bob', company: 'B', email: `bob.${run}@example.org`, password: 'short',
      }, FRONTEND('SERVICE_PROVISION')), GRPC.INVALID_ARGUMENT);
      assert.ok(details.fieldViolations.some((v) => v.field === 'password'), JSON.stringify(details.fieldViolations));
    });

    it('Login_wrongPasswordFailsWithoutSayingWhy', async () => {
      assert.ok(state.account, 'needs the account created above');
      const details = await refused(
        suite.call(suite.sessions, 'Login', { project, email, password: `${password}x` }, FRONTEND('AUTHENTICATION')), GRPC.UNAUTHENTICATED);
      assert.equal(details.reason, 'LOGIN_FAILED');
      const unknown = await refused(
        suite.call(suite.sessions, 'Login', { project, email: `nobody.${run}@example.org`, password }, FRONTEND('AUTHENTICATION')), GRPC.UNAUTHENTICATED);
      assert.equal(unknown.reason, details.reason, 'unknown e-mail and wrong password look the same');
      assert.equal(unknown.message, details.message);
    });

    it('Login_opensASessionWithASessionOnlyCookie', async () => {
      assert.ok(state.account, 'needs the account created above');
      const response = await suite.call(suite.sessions, 'Login', { project, email, password }, FRONTEND('AUTHENTICATION'));
      assert.ok(response.sessionToken.length >= 40, 'a 256-bit token, base64url');
      assert.equal(response.principal.account, state.account.name);
      assert.equal(response.principal.project, project);
      assert.ok(response.session.name.startsWith(`${state.account.name}/sessions/`), response.session.name);
      const cookie = response.cookie;
      assert.equal(cookie.value, response.sessionToken);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.secure, true);
      assert.doesNotMatch(cookie.setCookieHeader, /expires|max-age/i, 'P12: the cookie lasts for the browser session only');
      assert.ok(seconds(response.session.expireTime) > Date.now() / 1000);
      state.session = response;
    });

    it('ValidateSession_resolvesTheTokenToItsPrincipal', async () => {
      assert.ok(state.session, 'needs the session opened above');
      const response = await suite.call(suite.sessions, 'ValidateSession', { sessionToken: state.session.sessionToken }, FRONTEND('AUTHENTICATION'));
      assert.equal(response.principal.account, state.account.name);
      assert.equal(response.principal.project, project);
      assert.equal(response.principal.session, state.session.session.name);
    });

    it('RevokeSession_logsOutAndTheTokenStopsWorking', async () => {
      assert.ok(state.session, 'needs the session opened above');
      await suite.call(suite.sessions, 'RevokeSession', { sessionToken: state.session.sessionToken }, FRONTEND('AUTHENTICATION'));
      const details = await refused(
        suite.call(suite.sessions, 'ValidateSession', { sessionToken: state.session.sessionToken }, FRONTEND('AUTHENTICATION')),
        GRPC.UNAUTHENTICATED);
      assert.match(details.reason, /^SESSION_/);
    });
  });

  describe('analytics', () => {
    const visitors = 60;
    const viewTime = () => ({ seconds: String(Math.floor(Date.now() / 1000) - 60), nanos: 0 });
    const views = () => {
      const list = [];
      for (let i = 0; i < visitors; i++) {
        list.push({
          url: `https://${projectId}.example.org/docs/start?utm_source=x&i=${i}`,
          referrer: 'https://news.example.net/item/1',
          viewTime: viewTime(),
          visitor: { ipAddress: `198.51.100.${i + 1}`, userAgent: 'contract-node' },
        });
      }
      list.push({ url: `https://${projectId}.example.org/rare/page`, viewTime: viewTime(), visitor: { ipAddress: '203.0.113.7', userAgent: 'contract-node' } });
      return list;
    };

    it('RecordPageViews_recordsABatchAndARetryCountsOnce', async () => {
      const request = { project, views: views(), requestId: crypto.randomUUID() };
      const first = await suite.call(suite.analytics, 'RecordPageViews', request, FRONTEND('SERVICE_IMPROVEMENT'));
      assert.equal(Number(first.recordedCount), visitors + 1);
      const retry = await suite.call(suite.analytics, 'RecordPageViews', request, FRONTEND('SERVICE_IMPROVEMENT'));
      assert.equal(Number(retry.recordedCount), visitors + 1);
      state.pageViews = true;
    });

    it('RecordPageViews_malformedVisitorGivesAFieldViolation', async () => {
      const bad = views().slice(0, 1);
      bad[0].visitor.ipAddress = 'not-an-ip';
      const details = await refused(suite.call(suite.analytics, 'RecordPageViews', { project, views: bad }, FRONTEND('SERVICE_IMPROVEMENT')), GRPC.INVALID_ARGUMENT);
      assert.equal(details.domain, 'analytics.custody');
      assert.ok(details.fieldViolations.some((v) => v.field === 'views[0].visitor.ip_address'), JSON.stringify(details.fieldViolations));
    });

    it('RecordPageViews_wrongPurposeIsRefused', async () => {
      const details = await refused(
        suite.call(suite.analytics, 'RecordPageViews', { project, views: views().slice(0, 1) }, FRONTEND('BILLING')), GRPC.PERMISSION_DENIED);
      assert.equal(details.reason, 'PURPOSE_NOT_ALLOWED');
    });

    it('QueryPageStatistics_showsTheBusyPageAndSuppressesTheRareOne', async () => {
      assert.ok(state.pageViews, 'needs the page views recorded above');
      const response = await suite.call(suite.analytics, 'QueryPageStatistics', {
        project, startDate: daysAgo(1), endDate: today(), granularity: 'GRANULARITY_TOTAL', epsilon: 0,
      }, OPERATOR('SERVICE_IMPROVEMENT'));
      assert.equal(response.noisy, false);
      assert.ok(response.kThreshold > 1, `k-threshold ${response.kThreshold}`);
      const busy = response.statistics.find((s) => s.path === '/docs/start');
      assert.ok(busy, `no /docs/start row in ${JSON.stringify(response.statistics)}`);
      assert.equal(busy.suppressed, false);
      assert.equal(Number(busy.views), visitors, 'the retried batch was counted once; query strings are not part of the path');
      assert.ok(Math.abs(Number(busy.uniqueVisitors) - visitors) <= visitors * 0.1, `unique visitors ${busy.uniqueVisitors}`);
      const rare = response.statistics.find((s) => s.path === '/rare/page');
      if (rare) {
        assert.equal(rare.suppressed, true, 'one visitor is under the k-threshold');
        assert.equal(Number(rare.views), 0);
      }
      assert.ok(!JSON.stringify(response).includes('198.51.100.'), 'no visitor address comes back');
    });

    it('GetPrivacyBudget_reportsTodaysBudget', async () => {
      const response = await suite.call(suite.analytics, 'GetPrivacyBudget', { project }, OPERATOR('RESEARCH'));
      assert.match(response.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(response.totalEpsilon > 0);
      assert.ok(response.spentEpsilon >= 0 && response.remainingEpsilon <= response.totalEpsilon);
      assert.ok(Math.abs(response.totalEpsilon - response.spentEpsilon - response.remainingEpsilon) < 1e-9);
    });
  });

  describe('billing', () => {
    it('GetPaymentStanding_callerNotInThePolicyIsRefused', async () => {
      const details = await refused(suite.call(suite.billing, 'GetPaymentStanding', {}, { caller: 'helpdesk', purpose: 'PURPOSE_BILLING' }), GRPC.PERMISSION_DENIED);
      assert.equal(details.reason, 'CALLER_NOT_ALLOWED');
      assert.equal(details.domain, 'billing.custody');
    });
  });

  describe('disclosure', () => {
    const recipientId = `authority-${run}`;
    const subject = () => ({ project, account: state.account.name });

    it('CreateRecipient_registersAnAuthority', async () => {
      const response = await suite.call(suite.recipients, 'CreateRecipient', {
        recipientId,
        recipient: {
          displayName: `Court ${run}`,
          kind: 'RECIPIENT_KIND_PUBLIC_AUTHORITY',
          permittedPurposes: ['PURPOSE_LEGAL_COMPLIANCE'],
          permittedCategories: ['DATA_CATEGORY_USER_CONTACT_EMAIL', 'DATA_CATEGORY_USER_NAME'],
        },
        requestId: crypto.randomUUID(),
      }, OPERATOR('LEGAL_COMPLIANCE'));
      assert.equal(response.recipient.name, `recipients/${recipientId}`);
      assert.equal(Number(response.recipient.version), 1);
      state.recipient = response.recipient;
    });

    it('RequestDisclosure_requiredByLawIsAllowedAndLedgered', async () => {
      assert.ok(state.recipient && state.account, 'needs the recipient and the account created above');
      const response = await suite.call(suite.disclosures, 'RequestDisclosure', {
        recipient: state.recipient.name,
        scope: { subjects: { subjects: [subject()] } },
        categories: ['DATA_CATEGORY_USER_CONTACT_EMAIL'],
        purpose: 'PURPOSE_LEGAL_COMPLIANCE',
        basis: 'DISCLOSURE_BASIS_REQUIRED_BY_LAW',
        recipientUse: 'RECIPIENT_USE_LEGAL_PROCESS',
        evidence: { caseReference: `CASE-${run}`, authority: 'District Court' },
        requestedBy: 'contract-node',
        requestId: crypto.randomUUID(),
      }, OPERATOR('LEGAL_COMPLIANCE'));
      const d = response.disclosure;
      assert.match(d.name, /^disclosures\//);
      assert.equal(d.outcome, 'DECISION_OUTCOME_ALLOWED', `${d.rule}: ${d.reason}`);
      assert.deepEqual(d.allowedCategories, ['DATA_CATEGORY_USER_CONTACT_EMAIL']);
      assert.equal(d.recipient, state.recipient.name);
      assert.ok(Number(d.ledgerIndex) >= 0);
    });

    it('RequestDisclosure_saleIsAlwaysDenied', async () => {
      assert.ok(state.recipient && state.account, 'needs the recipient and the account created above');
      const response = await suite.call(suite.disclosures, 'RequestDisclosure', {
        recipient: state.recipient.name,
        scope: { subjects: { subjects: [subject()] } },
        categories: ['DATA_CATEGORY_USER_CONTACT_EMAIL'],
        purpose: 'PURPOSE_LEGAL_COMPLIANCE',
        basis: 'DISCLOSURE_BASIS_REQUIRED_BY_LAW',
        recipientUse: 'RECIPIENT_USE_SALE',
        evidence: { caseReference: `CASE-${run}`, authority: 'District Court' },
        requestedBy: 'contract-node',
        requestId: crypto.randomUUID(),
      }, OPERATOR('LEGAL_COMPLIANCE'));
      assert.equal(response.disclosure.outcome, 'DECISION_OUTCOME_DENIED');
      assert.match(response.disclosure.rule, /P7/);
      assert.deepEqual(response.disclosure.allowedCategories, []);
    });

    it('RequestDisclosure_wrongPurposeIsRefused', async () => {
      const details = await refused(suite.call(suite.disclosures, 'RequestDisclosure', {
        recipient: `recipients/${recipientId}`,
        scope: { project },
        categories: ['DATA_CATEGORY_USER_CONTACT_EMAIL'],
        purpose: 'PURPOSE_SUBJECT_REQUEST',
        basis: 'DISCLOSURE_BASIS_CONSENT',
        recipientUse: 'RECIPIENT_USE_SERVICE_DELIVERY',
        requestedBy: 'contract-node',
        requestId: crypto.randomUUID(),
      }, OPERATOR('SUBJECT_REQUEST')), GRPC.PERMISSION_DENIED);
      assert.equal(details.reason, 'PURPOSE_NOT_ALLOWED');
      assert.equal(details.domain, 'disclosure.custody');
    });

    it('RequestDisclosure_malformedRequestGivesFieldViolations', async () => {
      const details = await refused(suite.call(suite.disclosures, 'RequestDisclosure', {
        recipient: 'not-a-recipient-name',
        scope: { project },
        categories: [],
        purpose: 'PURPOSE_LEGAL_COMPLIANCE',
        basis: 'DISCLOSURE_BASIS_REQUIRED_BY_LAW',
        recipientUse: 'RECIPIENT_USE_LEGAL_PROCESS',
        requestedBy: 'contract-node',
        requestId: 'not-a-uuid',
      }, OPERATOR('LEGAL_COMPLIANCE')), GRPC.INVALID_ARGUMENT);
      assert.equal(details.reason, 'INVALID_FIELD');
      const fields = details.fieldViolations.map((v) => v.field);
      for (const field of ['recipient', 'categories', 'request_id']) {
        assert.ok(fields.includes(field), `no violation for ${field} in ${fields}`);
      }
    });
  });
});
