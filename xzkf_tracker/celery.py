import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")

app = Celery("xzkf_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
