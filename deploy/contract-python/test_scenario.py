"""The scenario against a launched suite, from Python: a project site and an account in identity, a
login and its session, an export of the account's data through disclosure (which calls the three
other services), and the error details of refused and malformed calls. Steps run in order
(unittest sorts by name: step_01 ... ) and share what earlier steps created.

Run: python3 -m unittest -v test_scenario   (with the suite running; see custody_client.py)
"""
import json
import unittest
import uuid

import grpc

import custody_client as cc
from custody.common.v1 import subject_pb2
from custody.disclosure.v1 import subject_rights_pb2, subject_rights_pb2_grpc
from custody.identity.v1 import identity_pb2, identity_pb2_grpc


class ScenarioTest(unittest.TestCase):
    state = {}

    @classmethod
    def setUpClass(cls):
        cls.suite = cc.Suite()
        cls.suite.wait_for_ready()
        cls.identity = identity_pb2_grpc.IdentityServiceStub(cls.suite.channels["identity"])
        cls.sessions = identity_pb2_grpc.SessionServiceStub(cls.suite.channels["identity"])
        cls.rights = subject_rights_pb2_grpc.SubjectRightsServiceStub(cls.suite.channels["disclosure"])
        run = cc.unique_suffix()
        cls.project_id = f"py-{run}"
        cls.project = f"projects/{cls.project_id}"
        cls.email = f"grace.{run}@example.org"
        cls.password = f"Compiler-{uuid.uuid4().hex[:12]}-harbour"

    @classmethod
    def tearDownClass(cls):
        cls.suite.close()

    def refused(self, call, code):
        with self.assertRaises(grpc.RpcError) as raised:
            call()
        error = raised.exception
        self.assertEqual(error.code(), code, error.details())
        details = cc.error_details(error)
        self.assertIsNotNone(details, "no grpc-status-details-bin trailer")
        self.assertEqual(details.code, code.value[0], "google.rpc.Status code differs from the gRPC status")
        self.assertEqual(len(details.error_infos), 1, "exactly one ErrorInfo")
        self.assertRegex(details.reason, r"^[A-Z][A-Z0-9_]*$")
        self.assertTrue(details.domain.endswith(".custody"), details.domain)
        return details

    def test_step_01_CreateProject_createsTheSiteAndARetryReturnsTheFirstResult(self):
        request = identity_pb2.CreateProjectRequest(project_id=self.project_id, display_name="From Python",
                                                    request_id=str(uuid.uuid4()))
        first = self.suite.call(self.identity.CreateProject, request, "operator", "SERVICE_PROVISION")
        self.assertEqual(first.project.name, self.project)
        retry = self.suite.call(self.identity.CreateProject, request, "operator", "SERVICE_PROVISION")
        self.assertEqual(retry.project, first.project, "AIP-155: a retry with the same request_id returns the first result")

    def test_step_02_CreateProject_malformedRequestGivesFieldViolations(self):
        bad = identity_pb2.CreateProjectRequest(project_id="Not A Valid Id!", display_name="")
        details = self.refused(lambda: self.suite.call(self.identity.CreateProject, bad, "operator", "SERVICE_PROVISION"),
                               grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(details.reason, "INVALID_FIELD")
        self.assertEqual(details.domain, "identity.custody")
        self.assertEqual(sorted(v.field for v in details.field_violations), ["display_name", "project_id"])

    def test_step_03_GetProject_withoutPurposeWrongCallerOrBadToken_isRefused(self):
        get = identity_pb2.GetProjectRequest(name=self.project)
        no_purpose = self.refused(lambda: self.suite.call(self.identity.GetProject, get, "frontend"),
                                  grpc.StatusCode.PERMISSION_DENIED)
        self.assertEqual(no_purpose.reason, "PURPOSE_MISSING")
        wrong_caller = self.refused(
            lambda: self.suite.call(self.identity.CreateProject, identity_pb2.CreateProjectRequest(
                project_id=f"{self.project_id}-x", display_name="x"), "frontend", "SERVICE_PROVISION"),
            grpc.StatusCode.PERMISSION_DENIED)
        self.assertEqual(wrong_caller.reason, "CALLER_NOT_ALLOWED")
        self.refused(lambda: self.suite.call(self.identity.GetProject, get, purpose="SERVICE_PROVISION", token="not-a-token"),
                     grpc.StatusCode.UNAUTHENTICATED)

    def test_step_04_CreateAccount_andLogin_openASessionOnlyCookie(self):
        account = self.suite.call(self.identity.CreateAccount, identity_pb2.CreateAccountRequest(
            parent=self.project, full_name="Grace Hopper", company="Navy", email=f"  {self.email.upper()} ",
            password=self.password, request_id=str(uuid.uuid4())), "frontend", "SERVICE_PROVISION").account
        self.assertEqual(account.email, self.email, "e-mail trimmed and lower-cased")
        self.state["account"] = account.name
        login = self.suite.call(self.sessions.Login, identity_pb2.LoginRequest(
            project=self.project, email=self.email, password=self.password), "frontend", "AUTHENTICATION")
        self.assertEqual(login.principal.account, account.name)
        self.assertNotRegex(login.cookie.set_cookie_header.lower(), "expires|max-age", "P12: a session cookie")
        valid = self.suite.call(self.sessions.ValidateSession, identity_pb2.ValidateSessionRequest(
            session_token=login.session_token), "frontend", "AUTHENTICATION")
        self.assertEqual(valid.principal.session, login.session.name)

    def test_step_05_CreateExport_assemblesEveryServicesPart(self):
        self.assertIn("account", self.state, "needs the account created above")
        subject = subject_pb2.SubjectRef(project=self.project, account=self.state["account"])
        export = self.suite.call(self.rights.CreateExport, subject_rights_pb2.CreateExportRequest(
            subject=subject, request_id=str(uuid.uuid4())), "operator", "SUBJECT_REQUEST").export
        document = json.loads(export.document)
        self.assertIn(self.email, export.document, "the export holds the subject's own e-mail")
        self.assertTrue({"identity", "billing", "analytics", "disclosure"} <= set(json.dumps(document).split('"')),
                        "a part per service")
        self.assertTrue(export.name, "the export is a resource that GetExport can fetch again")
        again = self.suite.call(self.rights.GetExport, subject_rights_pb2.GetExportRequest(name=export.name),
                                "operator", "SUBJECT_REQUEST").export
        self.assertEqual(again.ledger_index, export.ledger_index, "the release's ledger entry")

    def test_step_06_CreateExport_wrongPurposeIsRefused(self):
        subject = subject_pb2.SubjectRef(project=self.project, email=self.email)
        details = self.refused(lambda: self.suite.call(self.rights.CreateExport, subject_rights_pb2.CreateExportRequest(
            subject=subject, request_id=str(uuid.uuid4())), "operator", "RESEARCH"), grpc.StatusCode.PERMISSION_DENIED)
        self.assertEqual(details.reason, "PURPOSE_NOT_ALLOWED")


if __name__ == "__main__":
    unittest.main()
