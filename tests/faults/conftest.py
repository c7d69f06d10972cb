import pytest
from django.db import connections

from tests.faults.proxy import TcpProxy


@pytest.fixture
def database_through_proxy():
    """PostgreSQL reached through a proxy the test can cut: the machine's own server is never stopped.

    The connection settings are one dict shared by every thread, so a live server's connections go
    through the proxy too.
    """
    settings_dict = connections["default"].settings_dict
    original = {"HOST": settings_dict["HOST"], "PORT": settings_dict["PORT"]}
    with TcpProxy(original["HOST"] or "127.0.0.1", int(original["PORT"] or 5432)) as proxy:
        connections.close_all()
        settings_dict.update(HOST="127.0.0.1", PORT=str(proxy.port))
        try:
            yield proxy
        finally:
            if proxy._listener is None:  # cut by the test: listen again so the closing flush can connect
                proxy.restore()
            connections.close_all()
            settings_dict.update(original)
    connections.close_all()
