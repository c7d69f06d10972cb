import os

# The suite runs with DEBUG off, as production does; it needs a key.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_COOKIES", "0")
