import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")

application = get_wsgi_application()

# Load jieba's dictionary now, not in the first search request of each worker (about a second).
from bulletins.pipeline.segmenter import get_tokenizer  # noqa: E402

get_tokenizer()

# What is loaded by now lives as long as the process: freezing it spares every garbage collection from walking
# it again (about 2 ms a request here), and keeps the pages gunicorn's forked workers share unwritten.
gc.freeze()
