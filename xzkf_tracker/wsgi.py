import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")

application = get_wsgi_application()

# Load jieba's dictionary now, not in the first search request of each worker (about a second).
from bulletins.pipeline.segmenter import get_tokenizer  # noqa: E402

get_tokenizer()
