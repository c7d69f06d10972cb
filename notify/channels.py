"""The channels beside mail: 企业微信 and 钉钉 group robots, and SMS behind a provider interface.

Each channel takes one message (a title, a text and the link to the page it is about) and one recipient
(`ChannelPreference`), and either returns or raises `SendError`. Addresses, tokens and secrets are read
from the settings (the environment) at send time, never from the database.
"""

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


class SendError(Exception):
    """The provider could not be reached, or answered that it did not send; worth retrying unless `permanent`."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Message:
    title: str
    text: str
    url: str


def cut(text: str, limit_bytes: int, url: str) -> str:
    """`text` if it fits in `limit_bytes` of UTF-8, else as much as fits followed by the link to the page."""
    if len(text.encode()) <= limit_bytes:
        return text
    tail = "\n…\n" + _("More: %(url)s") % {"url": url}
    room = limit_bytes - len(tail.encode())
    return text.encode()[: max(room, 0)].decode(errors="ignore") + tail


def post_json(url: str, payload: dict) -> dict:
    """POST `payload` as JSON; the provider's JSON answer. Network errors, HTTP errors and hangs raise SendError."""
    request = urllib.request.Request(
        url, data=json.dumps(payload, ensure_ascii=False).encode(), headers={"Content-Type": "application/json"}
    )
    return _answer(request)


def _answer(request) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTIFY_HTTP_TIMEOUT) as response:  # noqa: S310
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise SendError(f"HTTP {error.code}") from error
    except (OSError, ValueError) as error:  # refused, timed out, or not JSON
        raise SendError(f"{type(error).__name__}: {error}") from error


class Channel:
    name = ""
    limit_bytes = 4000

    def configured(self) -> bool:
        raise NotImplementedError

    def send(self, message: Message, recipient) -> None:
        raise NotImplementedError


class WeComRobot(Channel):
    """企业微信 group robot: POST {"msgtype": "markdown", "markdown": {"content": …}} to the webhook with its key."""

    name = "wecom"
    limit_bytes = 4096  # the robot's limit for markdown content

    def configured(self) -> bool:
        return bool(settings.WECOM_ROBOT_KEY)

    def send(self, message: Message, recipient) -> None:
        url = f"{settings.WECOM_ROBOT_URL}?{urllib.parse.urlencode({'key': settings.WECOM_ROBOT_KEY})}"
        if recipient is not None and recipient.mobile:
            # Only a text message can @ someone by mobile number; its limit is 2048 bytes.
            content = cut(f"{message.title}\n{message.text}", 2048, message.url)
            payload = {"msgtype": "text", "text": {"content": content, "mentioned_mobile_list": [recipient.mobile]}}
        else:
            content = cut(f"**{message.title}**\n{message.text}", self.limit_bytes, message.url)
            payload = {"msgtype": "markdown", "markdown": {"content": content}}
        _check_errcode(post_json(url, payload))


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉's signature: Base64 of HMAC-SHA256 over "timestamp\\nsecret" keyed by the secret, URL-encoded."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


class DingTalkRobot(Channel):
    """钉钉 custom robot with 加签: POST markdown to the webhook with access_token, timestamp and sign."""

    name = "dingtalk"
    limit_bytes = 18000  # the robot takes up to 20000 bytes; room is kept for the title and the mention

    def configured(self) -> bool:
        return bool(settings.DINGTALK_ROBOT_TOKEN and settings.DINGTALK_ROBOT_SECRET)

    def send(self, message: Message, recipient) -> None:
        timestamp = int(time.time() * 1000)
        sign = dingtalk_sign(settings.DINGTALK_ROBOT_SECRET, timestamp)
        token = urllib.parse.quote_plus(settings.DINGTALK_ROBOT_TOKEN)
        url = f"{settings.DINGTALK_ROBOT_URL}?access_token={token}&timestamp={timestamp}&sign={sign}"
        text = cut(f"#### {message.title}\n\n{message.text}", self.limit_bytes, message.url)
        payload = {"msgtype": "markdown", "markdown": {"title": message.title, "text": text}}
        if recipient is not None and recipient.mobile:
            payload["at"] = {"atMobiles": [recipient.mobile], "isAtAll": False}
            payload["markdown"]["text"] += f"\n\n@{recipient.mobile}"
        _check_errcode(post_json(url, payload))


def _check_errcode(answer: dict) -> None:
    if answer.get("errcode", 0) != 0:
        raise SendError(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")


class SmsProvider:
    """What a second SMS provider implements: send one short text and a link to one mobile number."""

    def configured(self) -> bool:
        raise NotImplementedError

    def send(self, *, mobile: str, text: str, url: str) -> None:
        raise NotImplementedError


def aliyun_percent_encode(value: str) -> str:
    """Aliyun's POP encoding: RFC 3986, so a space is %20, * is %2A and ~ stays."""
    return urllib.parse.quote(value, safe="~")


def aliyun_signature(params: dict, secret: str, method: str = "GET") -> str:
    """Aliyun RPC signature v1.0: HMAC-SHA1 keyed by "secret&" over METHOD&%2F&encoded(sorted query), Base64."""
    query = "&".join(f"{aliyun_percent_encode(k)}={aliyun_percent_encode(v)}" for k, v in sorted(params.items()))
    string_to_sign = f"{method}&{aliyun_percent_encode('/')}&{aliyun_percent_encode(query)}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSms(SmsProvider):
    """Aliyun SMS (dysmsapi, SendSms, version 2017-05-25), signed GET. Its template holds ${text} and ${url}."""

    text_limit = 35  # Aliyun's limit for one template variable

    def configured(self) -> bool:
        return all(
            (
                settings.ALIYUN_SMS_ACCESS_KEY_ID,
                settings.ALIYUN_SMS_ACCESS_KEY_SECRET,
                settings.ALIYUN_SMS_SIGN_NAME,
                settings.ALIYUN_SMS_TEMPLATE_CODE,
            )
        )

    def send(self, *, mobile: str, text: str, url: str) -> None:
        params = {
            "AccessKeyId": settings.ALIYUN_SMS_ACCESS_KEY_ID,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": mobile,
            "RegionId": "cn-hangzhou",
            "SignName": settings.ALIYUN_SMS_SIGN_NAME,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": settings.ALIYUN_SMS_TEMPLATE_CODE,
            "TemplateParam": json.dumps({"text": text[: self.text_limit], "url": url}, ensure_ascii=False),
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        params["Signature"] = aliyun_signature(params, settings.ALIYUN_SMS_ACCESS_KEY_SECRET)
        query = "&".join(f"{aliyun_percent_encode(k)}={aliyun_percent_encode(v)}" for k, v in params.items())
        answer = _answer(urllib.request.Request(f"{settings.ALIYUN_SMS_URL}?{query}"))
        if answer.get("Code") != "OK":
            raise SendError(f"{answer.get('Code')}: {answer.get('Message', '')}")


SMS_PROVIDERS = {"aliyun": "notify.channels.AliyunSms"}


class Sms(Channel):
    """One short text with the link, through the provider SMS_PROVIDER names."""

    name = "sms"

    def provider(self) -> SmsProvider:
        return import_string(SMS_PROVIDERS.get(settings.SMS_PROVIDER, settings.SMS_PROVIDER))()

    def configured(self) -> bool:
        return self.provider().configured()

    def send(self, message: Message, recipient) -> None:
        if recipient is None or not recipient.mobile:
            raise SendError("no mobile number", permanent=True)
        self.provider().send(mobile=recipient.mobile, text=message.title, url=message.url)


CHANNELS = {channel.name: channel for channel in (WeComRobot(), DingTalkRobot(), Sms())}
