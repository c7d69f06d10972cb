import datetime

import pytest

from enterprises.models import Organization, Person, Position
from meetings.models import Meeting
from projects.models import Project


@pytest.fixture
def records(db):
    """The records the issue names, made here: a chairman, the CIGS project, the 8月5日 inspection."""
    group = Organization.objects.create(name="示例能源集团")
    chairman = Person.objects.create(name="朱共山")
    Position.objects.create(person=chairman, organization=group, title="董事长")
    project = Project.objects.create(name="徐州铜铟镓硒薄膜太阳能电池生产线项目", builder=group, industry="光伏")
    meeting = Meeting.objects.create(
        date=datetime.date(2025, 8, 5),
        title="市长到经开区专题调研重大产业项目",
        summary="8月5日上午，市长一行先后来到多个项目现场，详细了解项目建设进度。",
    )
    Project.objects.create(name="智能装备产业园项目", industry="装备制造")
    return {"group": group, "chairman": chairman, "project": project, "meeting": meeting}


@pytest.fixture
def api_client_as():
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def make(user):
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
        return client

    return make
