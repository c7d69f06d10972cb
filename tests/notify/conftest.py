"""A stand-in for the providers: a real HTTP server on 127.0.0.1 that checks what the documentation asks for.

It serves the 企业微信 robot (/wecom), the 钉钉 robot (/dingtalk) and Aliyun SMS (/aliyun). Each request is
checked (payload shape, key or token, signature) and recorded with what was wrong with it, if anything;
`mode` makes it answer 500 or hang instead of accepting.
"""

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

WECOM_KEY = "wecom-test-key"
DINGTALK_TOKEN = "dingtalk-test-token"
DINGTALK_SECRET = "SEC-test-secret"
ALIYUN_ID = "test-access-key-id"
ALIYUN_SECRET = "test-access-key-secret"


def _expected_dingtalk_sign(timestamp: str) -> str:
    # As 钉钉's documentation writes it (before URL-encoding, which the query string undoes).
    string_to_sign = f"{timestamp}\n{DINGTALK_SECRET}"
    digest = hmac.new(DINGTALK_SECRET.encode("utf-8"), string_to_sign.encode("utf-8"), digestmod=hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def _pop_encode(value: str) -> str:
    return urllib.parse.quote(value, safe="").replace("+", "%20").replace("*", "%2A").replace("%7E", "~")


def _expected_aliyun_signature(params: dict) -> str:
    # Aliyun's RPC signature v1.0 as its documentation describes it, written out independently.
    canonical = "&".join(f"{_pop_encode(k)}={_pop_encode(params[k])}" for k in sorted(params))
    string_to_sign = "GET&%2F&" + _pop_encode(canonical)
    digest = hmac.new((ALIYUN_SECRET + "&").encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class Provider:
    def __init__(self):
        self.requests: list[dict] = []
        self.mode = "ok"  # "ok", "500" or "hang"
        self.lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._handle(body)

            def do_GET(self):
                self._handle(b"")

            def _handle(self, body):
                url = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
                record = {"path": url.path, "query": query, "body": None, "problems": []}
                try:
                    record["body"] = json.loads(body) if body else None
                except ValueError:
                    record["problems"].append("body is not JSON")
                check = {"/wecom": _check_wecom, "/dingtalk": _check_dingtalk, "/aliyun": _check_aliyun}.get(url.path)
                record["problems"] += check(record) if check else [f"unknown path {url.path}"]
                with provider.lock:
                    provider.requests.append(record)
                if provider.mode == "hang":
                    time.sleep(5)
                    return
                if provider.mode == "500":
                    self.send_response(500)
                    self.end_headers()
                    return
                if url.path == "/aliyun":
                    answer = {"Code": "OK" if not record["problems"] else "SignatureDoesNotMatch", "Message": "OK"}
                else:
                    answer = {"errcode": 0 if not record["problems"] else 310000, "errmsg": "ok"}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def accepted(self, path: str) -> list[dict]:
        with self.lock:
            return [r for r in self.requests if r["path"] == path and not r["problems"]]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _check_wecom(record) -> list[str]:
    problems = []
    if record["query"].get("key") != WECOM_KEY:
        problems.append("wrong key")
    body = record["body"] or {}
    kind = body.get("msgtype")
    if kind not in ("markdown", "text") or not isinstance(body.get(kind), dict) or not body[kind].get("content"):
        problems.append("no markdown/text content")
    elif len(body[kind]["content"].encode()) > (4096 if kind == "markdown" else 2048):
        problems.append("content too long")
    return problems


def _check_dingtalk(record) -> list[str]:
    problems = []
    query = record["query"]
    if query.get("access_token") != DINGTALK_TOKEN:
        problems.append("wrong access_token")
    timestamp = query.get("timestamp", "")
    if not timestamp.isdigit() or abs(int(timestamp) - time.time() * 1000) > 60 * 60 * 1000:
        problems.append("timestamp missing or more than an hour off")
    elif query.get("sign") != _expected_dingtalk_sign(timestamp):
        problems.append("bad sign")
    body = record["body"] or {}
    markdown = body.get("markdown") or {}
    if body.get("msgtype") != "markdown" or not markdown.get("title") or not markdown.get("text"):
        problems.append("no markdown title/text")
    elif len(json.dumps(body, ensure_ascii=False).encode()) > 20000:
        problems.append("message too long")
    return problems


def _check_aliyun(record) -> list[str]:
    problems = []
    params = dict(record["query"])
    signature = params.pop("Signature", None)
    required = {"AccessKeyId", "Action", "PhoneNumbers", "SignName", "TemplateCode", "TemplateParam", "Timestamp",
                "SignatureMethod", "SignatureNonce", "SignatureVersion", "Version", "Format"}
    if missing := required - params.keys():
        problems.append(f"missing {sorted(missing)}")
        return problems
    if params["AccessKeyId"] != ALIYUN_ID or params["Action"] != "SendSms" or params["Version"] != "2017-05-25":
        problems.append("wrong key id, action or version")
    if signature != _expected_aliyun_signature(params):
        problems.append("bad signature")
    try:
        template = json.loads(params["TemplateParam"])
    except ValueError:
        problems.append("TemplateParam is not JSON")
    else:
        if not template.get("url", "").startswith("http") or len(template.get("text", "")) > 35:
            problems.append("template variables: a link and at most 35 characters of text")
    return problems


@pytest.fixture
def provider(settings):
    """The stand-in, with every channel's settings pointed at it."""
    stand_in = Provider()
    settings.WECOM_ROBOT_URL = f"{stand_in.base}/wecom"
    settings.WECOM_ROBOT_KEY = WECOM_KEY
    settings.DINGTALK_ROBOT_URL = f"{stand_in.base}/dingtalk"
    settings.DINGTALK_ROBOT_TOKEN = DINGTALK_TOKEN
    settings.DINGTALK_ROBOT_SECRET = DINGTALK_SECRET
    settings.ALIYUN_SMS_URL = f"{stand_in.base}/aliyun"
    settings.ALIYUN_SMS_ACCESS_KEY_ID = ALIYUN_ID
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = ALIYUN_SECRET
    settings.ALIYUN_SMS_SIGN_NAME = "经开区"
    settings.ALIYUN_SMS_TEMPLATE_CODE = "SMS_0000"
    settings.NOTIFY_HTTP_TIMEOUT = 1
    settings.SITE_URL = "https://tracker.example.org"
    yield stand_in
    stand_in.close()


@pytest.fixture
def leader(official):
    """The official, linked to a person who is 包挂 leader of one lagging project, reading 钉钉."""
    from datetime import date
    from decimal import Decimal

    from enterprises.models import Person
    from notify.models import ChannelPreference
    from projects.models import Assignment, Milestone, Project

    person = Person.objects.create(name="测试领导", user=official)
    project = Project.objects.create(
        name="测试滞后项目",
        stage=Project.Stage.CONSTRUCTION,
        total_investment=Decimal("500000000"),
        planned_start=date(2020, 1, 1),
        planned_production=date(2020, 12, 31),
    )
    Milestone.objects.create(project=project, name="主体封顶", planned_date=date(2020, 6, 30))
    Assignment.objects.create(person=person, project=project)
    ChannelPreference.objects.create(user=official, channel="dingtalk", mobile="13800000000")
    return person


@pytest.fixture(autouse=True)
def in_process_tasks(request):
    """Tasks run in-process, also when REDIS_URL is set (the real-worker tests, marked services, excepted);
    they retry at once, as a worker would after the backoff: propagating would stop at the first failure."""
    from xzkf_tracker.celery import app

    if request.node.get_closest_marker("services"):
        yield
        return
    # The Django-namespaced keys are the ones Celery reads here.
    before = app.conf.CELERY_TASK_ALWAYS_EAGER, app.conf.CELERY_TASK_EAGER_PROPAGATES
    app.conf.CELERY_TASK_ALWAYS_EAGER, app.conf.CELERY_TASK_EAGER_PROPAGATES = True, False
    yield
    app.conf.CELERY_TASK_ALWAYS_EAGER, app.conf.CELERY_TASK_EAGER_PROPAGATES = before
